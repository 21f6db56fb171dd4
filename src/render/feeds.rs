//! The machine-readable outputs: Atom 1.0 (`feed.xml`), JSON Feed 1.1 with the
//! `_gazette` extension (`feed.json`), `sitemap.xml` and `robots.txt`.
//!
//! Built in code, not templates, so escaping is never a theme author's burden. Pull
//! quotes stay out of the readable content (they repeat the body); `feed.json` lists them
//! in `_gazette` for tools. No clock is read: a feed's `updated` is its newest story's date.

use serde::Serialize;

use super::context::feed_content_html;
use super::links::Links;
use crate::config::Config;
use crate::digest::{Digest, DigestStory};
use crate::html::push_escaped;

/// The `updated` of a feed with no dated story: fixed, so output stays reproducible.
const NO_DATE: &str = "1970-01-01T00:00:00Z";

/// `feed.xml`: the newest `feed_limit` stories as Atom 1.0.
pub fn atom(digest: &Digest, config: &Config, links: &Links) -> String {
    let updated = newest_date(digest);
    let mut xml = String::with_capacity(4096);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    push_escaped(&mut xml, &config.language);
    xml.push_str("\">\n");
    element(&mut xml, "  ", "title", &config.title);
    element(&mut xml, "  ", "subtitle", &config.description);
    link(
        &mut xml,
        "  ",
        &links.absolute_file("feed.xml"),
        "self",
        "application/atom+xml",
    );
    link(
        &mut xml,
        "  ",
        &links.absolute(""),
        "alternate",
        "text/html",
    );
    element(&mut xml, "  ", "id", &links.absolute(""));
    element(&mut xml, "  ", "updated", &updated);
    xml.push_str("  <author><name>");
    push_escaped(&mut xml, &config.title);
    xml.push_str("</name></author>\n");
    xml.push_str(&format!(
        "  <generator version=\"{}\">gazette</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    for story in digest.stories.iter().take(config.feed_limit) {
        atom_entry(&mut xml, story, links, &updated);
    }
    xml.push_str("</feed>\n");
    xml
}

fn atom_entry(xml: &mut String, story: &DigestStory, links: &Links, feed_updated: &str) {
    let meta = &story.edited.story.meta;
    let url = links.absolute(&story.slug);
    let updated = meta
        .date
        .map_or_else(|| feed_updated.to_string(), |d| d.rfc3339());
    xml.push_str("  <entry>\n");
    element(xml, "    ", "title", &meta.headline);
    link(xml, "    ", &url, "alternate", "text/html");
    element(xml, "    ", "id", &url);
    element(xml, "    ", "updated", &updated);
    if let Some(date) = meta.date {
        element(xml, "    ", "published", &date.rfc3339());
    }
    if let Some(byline) = &meta.byline {
        xml.push_str("    <author><name>");
        push_escaped(xml, byline);
        xml.push_str("</name></author>\n");
    }
    for topic in story.topics.iter() {
        xml.push_str("    <category term=\"");
        push_escaped(xml, &topic.name);
        xml.push_str("\"/>\n");
    }
    xml.push_str("    <summary type=\"text\">");
    push_escaped(xml, &story.edited.markup.summary);
    xml.push_str("</summary>\n    <content type=\"html\">");
    push_escaped(xml, &feed_content_html(&story.edited.story.blocks));
    xml.push_str("</content>\n  </entry>\n");
}

fn element(xml: &mut String, indent: &str, name: &str, text: &str) {
    xml.push_str(indent);
    xml.push('<');
    xml.push_str(name);
    xml.push('>');
    push_escaped(xml, text);
    xml.push_str("</");
    xml.push_str(name);
    xml.push_str(">\n");
}

fn link(xml: &mut String, indent: &str, href: &str, rel: &str, media_type: &str) {
    xml.push_str(indent);
    xml.push_str("<link href=\"");
    push_escaped(xml, href);
    xml.push_str(&format!("\" rel=\"{rel}\" type=\"{media_type}\"/>\n"));
}

fn newest_date(digest: &Digest) -> String {
    digest
        .stories
        .iter()
        .filter_map(|s| s.edited.story.meta.date)
        .max()
        .map_or_else(|| NO_DATE.to_string(), |d| d.rfc3339())
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    description: &'a str,
    language: &'a str,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: String,
    url: String,
    title: &'a str,
    summary: &'a str,
    content_html: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor<'a>>,
    tags: Vec<&'a str>,
    #[serde(rename = "_gazette")]
    gazette: GazetteExtension<'a>,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}

/// The `_gazette` object of DESIGN.md: what the desk chose, for tools and tests.
#[derive(Serialize)]
struct GazetteExtension<'a> {
    source_path: &'a str,
    dek: Option<&'a str>,
    pull_quotes: Vec<JsonPullQuote<'a>>,
    facts: Vec<JsonFact<'a>>,
    topics: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonPullQuote<'a> {
    text: &'a str,
    attribution: Option<String>,
}

#[derive(Serialize)]
struct JsonFact<'a> {
    label: &'a str,
    value: &'a str,
}

/// `feed.json`: every published story as JSON Feed 1.1.
pub fn json_feed(digest: &Digest, config: &Config, links: &Links) -> String {
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &config.title,
        home_page_url: links.absolute(""),
        feed_url: links.absolute_file("feed.json"),
        description: &config.description,
        language: &config.language,
        items: digest
            .stories
            .iter()
            .map(|story| json_item(story, links))
            .collect(),
    };
    // Serializing plain structs of strings and numbers cannot fail.
    let mut json = serde_json::to_string_pretty(&feed).unwrap_or_default();
    json.push('\n');
    json
}

/// One `feed.json` item, serialized and indented as it sits inside the whole feed, so a
/// live session can keep each story's item and stitch the feed with [`json_feed_from_items`].
pub(super) fn json_feed_item(story: &DigestStory, links: &Links) -> String {
    // JSON escapes newlines inside strings, so every raw newline here is indentation.
    serde_json::to_string_pretty(&json_item(story, links))
        .unwrap_or_default()
        .replace('\n', "\n    ")
}

/// `feed.json` from items made by [`json_feed_item`], byte for byte what [`json_feed`] writes.
pub(super) fn json_feed_from_items(config: &Config, links: &Links, items: &[&str]) -> String {
    let head = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &config.title,
        home_page_url: links.absolute(""),
        feed_url: links.absolute_file("feed.json"),
        description: &config.description,
        language: &config.language,
        items: Vec::new(),
    };
    let mut json = serde_json::to_string_pretty(&head).unwrap_or_default();
    // `items` is the last field, so the head ends `"items": []` and a closing brace.
    if !items.is_empty() && json.ends_with("[]\n}") {
        json.truncate(json.len() - "[]\n}".len());
        json.push_str("[\n    ");
        json.push_str(&items.join(",\n    "));
        json.push_str("\n  ]\n}");
    }
    json.push('\n');
    json
}

fn json_item<'a>(story: &'a DigestStory, links: &Links) -> JsonItem<'a> {
    let meta = &story.edited.story.meta;
    let markup = &story.edited.markup;
    let url = links.absolute(&story.slug);
    JsonItem {
        id: url.clone(),
        url,
        title: &meta.headline,
        summary: &markup.summary,
        content_html: feed_content_html(&story.edited.story.blocks),
        date_published: meta.date.map(|d| d.rfc3339()),
        authors: meta.byline.iter().map(|name| JsonAuthor { name }).collect(),
        tags: story.topics.iter().map(|t| t.name.as_str()).collect(),
        gazette: GazetteExtension {
            source_path: &story.edited.story.source_path,
            dek: meta.dek.as_deref(),
            pull_quotes: markup
                .pull_quotes
                .iter()
                .map(|q| JsonPullQuote {
                    text: &q.text,
                    attribution: q.speaker.as_ref().map(|s| match &s.role {
                        Some(role) => format!("{}, {role}", s.name),
                        None => s.name.clone(),
                    }),
                })
                .collect(),
            facts: markup
                .facts
                .iter()
                .map(|f| JsonFact {
                    label: &f.label,
                    value: &f.value,
                })
                .collect(),
            topics: story.topics.iter().map(|t| t.name.as_str()).collect(),
        },
    }
}

/// `sitemap.xml`: every page with an address, stories with their dates.
pub fn sitemap(digest: &Digest, links: &Links) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut url = |loc: String, lastmod: Option<String>| {
        xml.push_str("  <url><loc>");
        push_escaped(&mut xml, &loc);
        xml.push_str("</loc>");
        if let Some(lastmod) = lastmod {
            xml.push_str("<lastmod>");
            xml.push_str(&lastmod);
            xml.push_str("</lastmod>");
        }
        xml.push_str("</url>\n");
    };
    url(links.absolute(""), None);
    for story in &digest.stories {
        url(
            links.absolute(&story.slug),
            story.edited.story.meta.date.map(|d| d.to_string()),
        );
    }
    url(links.absolute("topics"), None);
    for topic in &digest.topics {
        url(links.absolute(&format!("topics/{}", topic.slug)), None);
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt`: everything may be crawled; the sitemap is named.
pub fn robots(links: &Links) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        links.absolute_file("sitemap.xml")
    )
}
