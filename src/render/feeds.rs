//! The machine-readable outputs: Atom 1.0 (`feed.xml`), RSS 2.0 (`rss.xml`), JSON Feed
//! 1.1 with the `_gazette` extension (`feed.json`), for the whole digest and for each
//! topic (`topics/<slug>/feed.xml` …), plus `sitemap.xml` and `robots.txt`. A topic's
//! feeds carry summaries unless the site asks for whole stories (`topic_feeds`).
//!
//! Built in code, not templates, so escaping is never a theme author's burden. Pull
//! quotes stay out of the readable content (they repeat the body); the dateline leads
//! the first paragraph; the fact box goes in after the body, then the story's `updated`
//! time and correction notices (RSS 2.0 has no element for either, so its readers see
//! them there); `feed.json` lists quotes and facts in `_gazette` for tools. Every author
//! is named (Atom `<author>` with `<uri>`, RSS `<dc:creator>`, JSON Feed `authors`).
//! Every date carries its offset. No clock is read: a feed's `updated` is the latest
//! change among its stories (publication, `updated`, corrections).

use serde::Serialize;

use super::context::feed_content_html;
use super::jsonld::write_json_file;
use super::links::Links;
use crate::config::{Config, TopicFeeds};
use crate::date::Moment;
use crate::digest::{Digest, DigestStory};
use crate::html::push_escaped;

/// The `updated` of a feed with no dated story: fixed, so output stays reproducible.
const NO_DATE: &str = "1970-01-01T00:00:00Z";

/// What one set of feeds covers: the whole digest, or one topic.
pub struct FeedScope<'a> {
    pub title: String,
    pub description: String,
    /// The scope's folder under the site (`""`, `topics/ai`): its page and its feeds.
    pub folder: String,
    /// The stories, newest first, already cut to the feed's length.
    pub stories: Vec<&'a DigestStory>,
    /// Whether each entry carries the whole story or only its summary.
    pub content: TopicFeeds,
}

impl<'a> FeedScope<'a> {
    /// The whole digest: the newest `limit` stories.
    pub fn digest(digest: &'a Digest, config: &Config, limit: usize) -> FeedScope<'a> {
        FeedScope {
            title: config.title.clone(),
            description: config.description.clone(),
            folder: String::new(),
            stories: digest.stories.iter().take(limit).collect(),
            content: TopicFeeds::Full,
        }
    }

    /// One topic: its newest `feed_limit` stories, whole or summed up as `topic_feeds`
    /// says.
    pub fn topic(digest: &'a Digest, config: &Config, topic: usize) -> FeedScope<'a> {
        let entry = &digest.topics[topic];
        FeedScope {
            title: format!("{} · {}", entry.name, config.title),
            description: format!("Stories about {} in {}", entry.name, config.title),
            folder: Links::topic_folder(&entry.slug),
            stories: entry
                .stories
                .iter()
                .take(config.feed_limit)
                .map(|&i| &digest.stories[i])
                .collect(),
            content: config.topic_feeds,
        }
    }

    /// Where a feed file of this scope goes, relative to the output root.
    pub fn file(&self, name: &str) -> String {
        if self.folder.is_empty() {
            name.to_string()
        } else {
            format!("{}/{name}", self.folder)
        }
    }
}

/// Atom, RSS and JSON Feed files for one scope, as (path, text).
pub fn feed_files(scope: &FeedScope, config: &Config, links: &Links) -> [(String, String); 3] {
    [
        (scope.file("feed.xml"), atom(scope, config, links)),
        (scope.file("rss.xml"), rss(scope, config, links)),
        (scope.file("feed.json"), json_feed(scope, config, links)),
    ]
}

/// The story as a feed reader shows it: body without pull quotes, then the fact box,
/// then when it was updated and its corrections.
fn content_html(story: &DigestStory, config: &Config) -> String {
    let meta = &story.edited.story.meta;
    let mut html = feed_content_html(&story.edited.story.blocks, meta.dateline.as_deref());
    let facts = &story.edited.markup.facts;
    if !facts.is_empty() {
        html.push_str("<aside class=\"fact-box\"><h2>");
        push_escaped(&mut html, &config.editorial.fact_box_title);
        html.push_str("</h2>\n<dl>\n");
        for fact in facts {
            html.push_str("<dt>");
            push_escaped(&mut html, &fact.label);
            html.push_str("</dt><dd>");
            push_escaped(&mut html, &fact.value);
            html.push_str("</dd>\n");
        }
        html.push_str("</dl></aside>\n");
    }
    if let Some(updated) = &meta.updated {
        html.push_str("<p class=\"updated\">Updated ");
        push_time(&mut html, updated);
        html.push_str("</p>\n");
    }
    if !meta.corrections.is_empty() {
        html.push_str("<aside class=\"corrections\"><h2>Corrections</h2>\n");
        for correction in &meta.corrections {
            html.push_str("<p>");
            push_time(&mut html, &correction.date);
            html.push_str(": ");
            push_escaped(&mut html, &correction.text);
            html.push_str("</p>\n");
        }
        html.push_str("</aside>\n");
    }
    html
}

/// `<time datetime="2026-11-27T00:00:00+00:00">27 November 2026</time>`
fn push_time(html: &mut String, moment: &Moment) {
    html.push_str("<time datetime=\"");
    push_escaped(html, &moment.rfc3339());
    html.push_str("\">");
    push_escaped(html, &moment.display());
    html.push_str("</time>");
}

/// An Atom 1.0 feed of the scope's stories.
pub fn atom(scope: &FeedScope, config: &Config, links: &Links) -> String {
    let updated = newest_date(&scope.stories);
    let mut xml = String::with_capacity(4096);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    push_escaped(&mut xml, &config.language);
    xml.push_str("\">\n");
    element(&mut xml, "  ", "title", &scope.title);
    element(&mut xml, "  ", "subtitle", &scope.description);
    link(
        &mut xml,
        "  ",
        &links.absolute_file(&scope.file("feed.xml")),
        "self",
        "application/atom+xml",
    );
    link(
        &mut xml,
        "  ",
        &links.absolute(&scope.folder),
        "alternate",
        "text/html",
    );
    element(&mut xml, "  ", "id", &links.absolute(&scope.folder));
    element(&mut xml, "  ", "updated", &updated);
    xml.push_str("  <author><name>");
    push_escaped(&mut xml, &config.title);
    xml.push_str("</name></author>\n");
    xml.push_str(&format!(
        "  <generator version=\"{}\">gazette</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    for story in &scope.stories {
        atom_entry(&mut xml, story, scope.content, config, links, &updated);
    }
    xml.push_str("</feed>\n");
    xml
}

fn atom_entry(
    xml: &mut String,
    story: &DigestStory,
    content: TopicFeeds,
    config: &Config,
    links: &Links,
    feed_updated: &str,
) {
    let meta = &story.edited.story.meta;
    let url = links.absolute(&story.slug);
    let updated = meta
        .last_modified()
        .map_or_else(|| feed_updated.to_string(), |m| m.rfc3339());
    xml.push_str("  <entry>\n");
    element(xml, "    ", "title", &meta.headline);
    link(xml, "    ", &url, "alternate", "text/html");
    element(xml, "    ", "id", &url);
    element(xml, "    ", "updated", &updated);
    if let Some(published) = meta.published_moment() {
        element(xml, "    ", "published", &published.rfc3339());
    }
    for author in &meta.bylines {
        xml.push_str("    <author><name>");
        push_escaped(xml, &author.name);
        xml.push_str("</name>");
        if let Some(url) = &author.url {
            xml.push_str("<uri>");
            push_escaped(xml, url);
            xml.push_str("</uri>");
        }
        xml.push_str("</author>\n");
    }
    for topic in story.topics.iter() {
        xml.push_str("    <category term=\"");
        push_escaped(xml, &topic.name);
        xml.push_str("\"/>\n");
    }
    xml.push_str("    <summary type=\"text\">");
    push_escaped(xml, &story.edited.markup.summary);
    xml.push_str("</summary>\n");
    if content == TopicFeeds::Full {
        xml.push_str("    <content type=\"html\">");
        push_escaped(xml, &content_html(story, config));
        xml.push_str("</content>\n");
    }
    xml.push_str("  </entry>\n");
}

/// An RSS 2.0 feed of the scope's stories, with the Atom `self` link RSS readers expect.
pub fn rss(scope: &FeedScope, config: &Config, links: &Links) -> String {
    let mut xml = String::with_capacity(4096);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
    element(&mut xml, "  ", "title", &scope.title);
    element(&mut xml, "  ", "link", &links.absolute(&scope.folder));
    element(&mut xml, "  ", "description", &scope.description);
    element(&mut xml, "  ", "language", &config.language);
    xml.push_str("  <atom:link href=\"");
    push_escaped(&mut xml, &links.absolute_file(&scope.file("rss.xml")));
    xml.push_str("\" rel=\"self\" type=\"application/rss+xml\"/>\n");
    if let Some(newest) = newest_change(&scope.stories) {
        element(&mut xml, "  ", "lastBuildDate", &newest.rfc2822());
    }
    element(
        &mut xml,
        "  ",
        "generator",
        &format!("gazette {}", env!("CARGO_PKG_VERSION")),
    );
    for story in &scope.stories {
        let meta = &story.edited.story.meta;
        let url = links.absolute(&story.slug);
        xml.push_str("  <item>\n");
        element(&mut xml, "    ", "title", &meta.headline);
        element(&mut xml, "    ", "link", &url);
        xml.push_str("    <guid isPermaLink=\"true\">");
        push_escaped(&mut xml, &url);
        xml.push_str("</guid>\n");
        if let Some(published) = meta.published_moment() {
            element(&mut xml, "    ", "pubDate", &published.rfc2822());
        }
        // RSS wants an e-mail address in <author>; a byline is a name, so each author
        // is a Dublin Core <dc:creator>, which feed readers show as the author.
        for author in &meta.bylines {
            element(&mut xml, "    ", "dc:creator", &author.name);
        }
        for topic in story.topics.iter() {
            element(&mut xml, "    ", "category", &topic.name);
        }
        match scope.content {
            TopicFeeds::Full => element(
                &mut xml,
                "    ",
                "description",
                &content_html(story, config),
            ),
            TopicFeeds::Summary => element(
                &mut xml,
                "    ",
                "description",
                &story.edited.markup.summary,
            ),
        }
        xml.push_str("  </item>\n");
    }
    xml.push_str("</channel>\n</rss>\n");
    xml
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

/// The latest change among `stories`: a publication, an `updated` time or a correction.
fn newest_change(stories: &[&DigestStory]) -> Option<Moment> {
    stories
        .iter()
        .filter_map(|s| s.edited.story.meta.last_modified())
        .max()
}

fn newest_date(stories: &[&DigestStory]) -> String {
    newest_change(stories).map_or_else(|| NO_DATE.to_string(), |m| m.rfc3339())
}

#[derive(Serialize)]
struct JsonFeed<'a, I> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    description: &'a str,
    language: &'a str,
    items: I,
}

/// The items, made one at a time as they are serialized: the digest's feed carries every
/// story, and holding all their content at once would dwarf the rest of a build.
struct JsonItems<'a> {
    scope: &'a FeedScope<'a>,
    config: &'a Config,
    links: &'a Links,
}

impl Serialize for JsonItems<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.scope
                .stories
                .iter()
                .map(|story| json_item(story, self.scope.content, self.config, self.links)),
        )
    }
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: String,
    url: String,
    title: &'a str,
    summary: &'a str,
    /// The whole story; a summary-only feed carries `content_text` instead (JSON Feed
    /// wants one of the two).
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    /// Only when the story changed after it was published (`updated`, a correction).
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor<'a>>,
    tags: Vec<&'a str>,
    #[serde(rename = "_gazette")]
    gazette: GazetteExtension<'a>,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
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

/// A JSON Feed 1.1 of the scope's stories.
pub fn json_feed(scope: &FeedScope, config: &Config, links: &Links) -> String {
    let mut json = Vec::with_capacity(4096);
    // Writing into memory cannot fail.
    let _ = write_json_feed(scope, config, links, &mut json);
    // Why no loss: serde_json writes UTF-8, and the escapes replace ASCII bytes only.
    String::from_utf8(json).unwrap_or_default()
}

/// [`json_feed`], written to `out` as it is made: the digest's feed carries every story.
pub fn write_json_feed(
    scope: &FeedScope,
    config: &Config,
    links: &Links,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let feed = json_feed_head(
        scope,
        config,
        links,
        JsonItems {
            scope,
            config,
            links,
        },
    );
    // `<`, `>` and `&` go out as `\u` escapes (the same text to any JSON parser), so a
    // feed opened as a page, or pasted into one, never carries live markup.
    write_json_file(&mut *out, &feed)?;
    out.write_all(b"\n")
}

fn json_feed_head<'a, I: Serialize>(
    scope: &'a FeedScope,
    config: &'a Config,
    links: &Links,
    items: I,
) -> JsonFeed<'a, I> {
    JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &scope.title,
        home_page_url: links.absolute(&scope.folder),
        feed_url: links.absolute_file(&scope.file("feed.json")),
        description: &scope.description,
        language: &config.language,
        items,
    }
}

/// How deep a JSON Feed's items sit: in the `items` array of the feed object.
const ITEM_INDENT: &[u8] = b"    ";

/// One story's `feed.json` item, byte for byte as [`write_json_feed`] writes it inside
/// the items array (indented, markup escaped): a live session keeps one per story and
/// joins them with [`write_json_feed_of_items`] instead of serializing every story again.
pub fn json_feed_item(story: &DigestStory, config: &Config, links: &Links) -> Vec<u8> {
    let mut item = Vec::with_capacity(4096);
    // Writing into memory cannot fail.
    let _ = write_json_file(
        &mut item,
        &json_item(story, TopicFeeds::Full, config, links),
    );
    // Pretty JSON breaks lines only between values (a line break in a string is written
    // `\n`), so indenting every line puts the item at its depth in the feed.
    let breaks = item.iter().filter(|&&b| b == b'\n').count();
    let mut indented = Vec::with_capacity(item.len() + breaks * ITEM_INDENT.len());
    for line in item.split_inclusive(|&b| b == b'\n') {
        indented.extend_from_slice(line);
        if line.ends_with(b"\n") {
            indented.extend_from_slice(ITEM_INDENT);
        }
    }
    indented
}

/// [`write_json_feed`] from the scope's items already made by [`json_feed_item`], one
/// per story of `scope`, in its order: the same bytes.
pub fn write_json_feed_of_items<'i>(
    scope: &FeedScope,
    config: &Config,
    links: &Links,
    items: impl ExactSizeIterator<Item = &'i [u8]>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    // The feed without items ends `"items": []\n}`; the items go between the brackets,
    // each on a line of its own as the pretty printer puts them.
    let mut head = Vec::with_capacity(1024);
    let empty: [(); 0] = [];
    write_json_file(&mut head, &json_feed_head(scope, config, links, empty))?;
    let head = head.strip_suffix(b"[]\n}").ok_or_else(|| {
        std::io::Error::other("a JSON Feed without items ends with an empty items array")
    })?;
    out.write_all(head)?;
    if items.len() == 0 {
        out.write_all(b"[]")?;
    } else {
        out.write_all(b"[")?;
        for (index, item) in items.enumerate() {
            out.write_all(if index == 0 { b"\n    " } else { b",\n    " })?;
            out.write_all(item)?;
        }
        out.write_all(b"\n  ]")?;
    }
    out.write_all(b"\n}\n")
}

fn json_item<'a>(
    story: &'a DigestStory,
    content: TopicFeeds,
    config: &Config,
    links: &Links,
) -> JsonItem<'a> {
    let meta = &story.edited.story.meta;
    let markup = &story.edited.markup;
    let url = links.absolute(&story.slug);
    let published = meta.published_moment();
    JsonItem {
        id: url.clone(),
        url,
        title: &meta.headline,
        summary: &markup.summary,
        content_html: (content == TopicFeeds::Full).then(|| content_html(story, config)),
        content_text: (content == TopicFeeds::Summary).then_some(markup.summary.as_str()),
        date_published: published.as_ref().map(Moment::rfc3339),
        date_modified: meta
            .last_modified()
            .filter(|modified| Some(modified) != published.as_ref())
            .map(|m| m.rfc3339()),
        authors: meta
            .bylines
            .iter()
            .map(|author| JsonAuthor {
                name: &author.name,
                url: author.url.as_deref(),
            })
            .collect(),
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

/// `sitemap.xml`: every page with an address, stories with their last change (the
/// latest of publication, `updated` and corrections), offset included.
pub fn sitemap(digest: &Digest, links: &Links, with_editions: bool) -> String {
    let lines = digest.stories.iter().map(|s| sitemap_story_line(s, links));
    sitemap_of_story_lines(digest, links, with_editions, lines)
}

/// One story's line of `sitemap.xml` (a live session keeps one per story).
pub fn sitemap_story_line(story: &DigestStory, links: &Links) -> String {
    let mut xml = String::with_capacity(128);
    push_url(
        &mut xml,
        &links.absolute(&story.slug),
        story.edited.story.meta.last_modified().map(|m| m.rfc3339()),
    );
    xml
}

/// [`sitemap`] with the stories' lines already made by [`sitemap_story_line`], one per
/// story in the digest's order: the same text.
pub fn sitemap_of_story_lines<S: AsRef<str>>(
    digest: &Digest,
    links: &Links,
    with_editions: bool,
    story_lines: impl Iterator<Item = S>,
) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    push_url(&mut xml, &links.absolute(""), None);
    push_url(&mut xml, &links.absolute("search"), None);
    for line in story_lines {
        xml.push_str(line.as_ref());
    }
    push_url(&mut xml, &links.absolute("topics"), None);
    for topic in &digest.topics {
        push_url(
            &mut xml,
            &links.absolute(&Links::topic_folder(&topic.slug)),
            None,
        );
    }
    if with_editions {
        push_url(&mut xml, &links.absolute("editions"), None);
        for edition in &digest.editions {
            let folder = Links::edition_folder(edition.date);
            push_url(
                &mut xml,
                &links.absolute(&folder),
                Some(edition.date.to_string()),
            );
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// One `<url>` of the sitemap.
fn push_url(xml: &mut String, loc: &str, lastmod: Option<String>) {
    xml.push_str("  <url><loc>");
    push_escaped(xml, loc);
    xml.push_str("</loc>");
    if let Some(lastmod) = lastmod {
        xml.push_str("<lastmod>");
        xml.push_str(&lastmod);
        xml.push_str("</lastmod>");
    }
    xml.push_str("</url>\n");
}

/// `robots.txt`: everything may be crawled; the sitemap is named.
pub fn robots(links: &Links) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        links.absolute_file("sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A digest of `bodies`, one story each, with the site's links.
    fn digest_of(bodies: &[&str]) -> (Digest, Config, Links) {
        let edited = bodies
            .iter()
            .enumerate()
            .map(|(i, body)| {
                let story = crate::story::Story {
                    source_path: format!("s{i}.txt"),
                    meta: crate::story::Meta {
                        headline: format!("Story <{i}> & more"),
                        tags: vec!["Ferries".to_string()],
                        ..crate::story::Meta::default()
                    },
                    blocks: vec![crate::story::Block::Paragraph {
                        text: body.to_string(),
                        html: crate::story::Html::EscapedText,
                    }],
                };
                crate::edit::edit_story(story, &crate::editorial::Limits::default())
            })
            .collect();
        let config = Config::default();
        let links = super::super::links(&config);
        (crate::digest::assemble(edited), config, links)
    }

    /// `feed.json`, the search index and the sitemap, joined from per-story parts as a
    /// live session does, are the files a full build makes (markup and U+2028 escaped).
    #[test]
    fn listings_joined_from_story_parts_are_the_files_made_whole() {
        for bodies in [
            &[][..],
            &["One line.\nA \"quoted\" <b>tag</b> & a \u{2028} separator."][..],
            &["First.", "Second, with a tab\there.", "Third."][..],
        ] {
            let (digest, config, links) = digest_of(bodies);
            let scope = FeedScope::digest(&digest, &config, usize::MAX);
            let items: Vec<Vec<u8>> = scope
                .stories
                .iter()
                .map(|s| json_feed_item(s, &config, &links))
                .collect();
            let mut joined = Vec::new();
            write_json_feed_of_items(
                &scope,
                &config,
                &links,
                items.iter().map(Vec::as_slice),
                &mut joined,
            )
            .expect("in memory");
            let whole = json_feed(&scope, &config, &links);
            assert_eq!(String::from_utf8(joined).expect("utf-8"), whole);
            let lines = digest.stories.iter().map(|s| sitemap_story_line(s, &links));
            assert_eq!(
                sitemap_of_story_lines(&digest, &links, true, lines),
                sitemap(&digest, &links, true)
            );
            let entries: Vec<Vec<u8>> = digest
                .stories
                .iter()
                .map(|s| super::super::search::index_entry(s, &links))
                .collect();
            let mut index = Vec::new();
            super::super::search::write_index_js_of_entries(
                entries.iter().map(Vec::as_slice),
                &mut index,
            )
            .expect("in memory");
            assert_eq!(
                String::from_utf8(index).expect("utf-8"),
                super::super::search::index_js(&digest, &links)
            );
        }
    }

    #[test]
    fn json_carries_no_markup_and_means_the_same() {
        let value = serde_json::json!({"html": "<p>Fish & chips</p>", "n": [1, 2]});
        let mut out = Vec::new();
        write_json_file(&mut out, &value).expect("json");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(!text.contains(['<', '>', '&']), "{text}");
        assert!(text.contains("\\u003cp\\u003eFish \\u0026 chips"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).expect("parses");
        assert_eq!(back, value);
    }
}
