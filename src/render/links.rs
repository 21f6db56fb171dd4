//! Where each page lives and how pages point at each other.
//!
//! Page-to-page links are relative and name the file (`../story/index.html`), so the site
//! works from any folder and from `file://`; with `pretty_links` they end in `/` instead.
//! Feeds, sitemap and canonical links always use absolute, pretty URLs under `base_url`.
//! A list longer than one page goes on in `page/2/`, `page/3/` … under its own folder.

use crate::date::Date;

/// The site's link style and address.
#[derive(Debug, Clone)]
pub struct Links {
    pub pretty: bool,
    /// Absolute, ending in `/`.
    pub base_url: String,
}

impl Links {
    /// Output file of a story page, relative to the output root.
    pub fn story_file(slug: &str) -> String {
        format!("{slug}/index.html")
    }

    /// Output file of a topic page, relative to the output root.
    pub fn topic_file(slug: &str) -> String {
        format!("{}/index.html", Self::topic_folder(slug))
    }

    /// Folder of a topic's pages and feeds, relative to the root (`topics/openai`).
    pub fn topic_folder(slug: &str) -> String {
        format!("topics/{slug}")
    }

    /// Folder of an edition's page, relative to the root (`editions/2026-11-26`).
    pub fn edition_folder(date: Date) -> String {
        format!("editions/{date}")
    }

    /// Folder of page `number` (from 1) of the list whose first page is in `folder`
    /// (`""` for the front page): the folder itself, then `folder/page/2` ….
    pub fn list_page_folder(folder: &str, number: usize) -> String {
        match (number, folder.is_empty()) {
            (0 | 1, _) => folder.to_string(),
            (n, true) => format!("page/{n}"),
            (n, false) => format!("{folder}/page/{n}"),
        }
    }

    /// Output file of page `number` of the list in `folder`, relative to the output root.
    pub fn list_page_file(folder: &str, number: usize) -> String {
        let page_folder = Self::list_page_folder(folder, number);
        if page_folder.is_empty() {
            "index.html".to_string()
        } else {
            format!("{page_folder}/index.html")
        }
    }

    /// How many folders below the root page `number` of the list in `folder` is.
    pub fn list_page_depth(folder: &str, number: usize) -> usize {
        let page_folder = Self::list_page_folder(folder, number);
        page_folder
            .split('/')
            .filter(|part| !part.is_empty())
            .count()
    }

    /// Link target of page `number` of the list in `folder`, relative to the site root.
    pub fn list_page_path(&self, folder: &str, number: usize) -> String {
        self.index_path(&Self::list_page_folder(folder, number))
    }

    /// Link target of a story, relative to the site root.
    pub fn story_path(&self, slug: &str) -> String {
        self.folder_link(slug)
    }

    /// Link target of a topic page, relative to the site root.
    pub fn topic_path(&self, slug: &str) -> String {
        self.folder_link(&Self::topic_folder(slug))
    }

    /// Link target of the front page (or of the topics index with `"topics"`).
    pub fn index_path(&self, folder: &str) -> String {
        match (folder.is_empty(), self.pretty) {
            (true, true) => String::new(),
            (true, false) => "index.html".to_string(),
            (false, _) => self.folder_link(folder),
        }
    }

    fn folder_link(&self, folder: &str) -> String {
        if self.pretty {
            format!("{folder}/")
        } else {
            format!("{folder}/index.html")
        }
    }

    /// Absolute, pretty URL of a folder under the site (`""` for the front page).
    pub fn absolute(&self, folder: &str) -> String {
        if folder.is_empty() {
            self.base_url.clone()
        } else {
            format!("{}{folder}/", self.base_url)
        }
    }

    /// Absolute URL of a file at the site root (`feed.xml`).
    pub fn absolute_file(&self, file: &str) -> String {
        format!("{}{file}", self.base_url)
    }

    /// The path part of `base_url` (`/digest/` for `https://x.org/digest/`): the 404
    /// page's root, since a server shows it at any depth.
    pub fn site_path(&self) -> String {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, rest)| rest);
        after_scheme
            .find('/')
            .map_or("/".to_string(), |i| after_scheme[i..].to_string())
    }
}

/// The relative prefix from a page at `depth` folders below the root back to the root.
pub fn root_prefix(depth: usize) -> String {
    "../".repeat(depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(pretty: bool) -> Links {
        Links {
            pretty,
            base_url: "https://example.org/digest/".to_string(),
        }
    }

    #[test]
    fn file_links_by_default_pretty_when_asked() {
        assert_eq!(links(false).story_path("a"), "a/index.html");
        assert_eq!(links(true).story_path("a"), "a/");
        assert_eq!(links(false).topic_path("ai"), "topics/ai/index.html");
        assert_eq!(links(false).index_path(""), "index.html");
        assert_eq!(links(true).index_path(""), "");
        assert_eq!(links(true).index_path("topics"), "topics/");
    }

    #[test]
    fn later_list_pages_live_under_page() {
        assert_eq!(Links::list_page_file("", 1), "index.html");
        assert_eq!(Links::list_page_file("", 2), "page/2/index.html");
        assert_eq!(
            Links::list_page_file("topics/ai", 3),
            "topics/ai/page/3/index.html"
        );
        assert_eq!(Links::list_page_depth("", 1), 0);
        assert_eq!(Links::list_page_depth("", 2), 2);
        assert_eq!(Links::list_page_depth("editions/2026-11-26", 2), 4);
        assert_eq!(links(false).list_page_path("", 1), "index.html");
        assert_eq!(links(true).list_page_path("", 1), "");
        assert_eq!(links(true).list_page_path("", 2), "page/2/");
        assert_eq!(
            links(false).list_page_path("topics/ai", 2),
            "topics/ai/page/2/index.html"
        );
        let date = Date::new(2026, 11, 26).expect("date");
        assert_eq!(Links::edition_folder(date), "editions/2026-11-26");
    }

    #[test]
    fn absolute_urls_are_pretty() {
        assert_eq!(links(false).absolute("a"), "https://example.org/digest/a/");
        assert_eq!(links(false).absolute(""), "https://example.org/digest/");
        assert_eq!(links(false).site_path(), "/digest/");
        assert_eq!(root_prefix(2), "../../");
    }
}
