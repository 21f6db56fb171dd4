//! Template data: turning the digest into the values themes receive.
//!
//! Each story becomes a summary value once, shared by every list that shows it (front
//! page, topic pages), because re-serializing neighbours per page is where static site
//! generators lose their time. Fields ending in `html` hold markup gazette built and
//! escaped; every other string is plain text for the template engine to escape.
//! Templates get data only: nothing here is left for a template to compute.

use serde::Serialize;
use std::borrow::Cow;
use tera::value::Key;
use tera::{Map, Value};

use super::highlight::{code_block, plain_code_block};
use super::links::Links;
use super::pager::Pager;
use crate::config::Config;
use crate::digest::{Digest, DigestStory};
use crate::editorial::{Fact, PullQuote};
use crate::slug::slugify;
use crate::story::{Block, Byline, Correction};

/// How many facts a story card shows on lists.
const CARD_FACTS: usize = 3;

/// `site`: the same on every page.
#[derive(Serialize)]
pub struct SiteData<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub base_url: &'a str,
    pub generator: String,
    pub fact_box_title: &'a str,
    pub extra: toml::Table,
}

impl<'a> SiteData<'a> {
    /// `extra` is the theme's defaults with the site's `[extra]` laid over them.
    pub fn new(config: &'a Config, theme_extra: &toml::Table) -> SiteData<'a> {
        let mut extra = theme_extra.clone();
        merge_extra(&mut extra, &config.extra);
        SiteData {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            base_url: &config.base_url,
            generator: format!("gazette {}", env!("CARGO_PKG_VERSION")),
            fact_box_title: &config.editorial.fact_box_title,
            extra,
        }
    }
}

/// Lays the site's `[extra]` over the theme's defaults: the site wins key by key, and a
/// table both have is merged the same way, so a site can change one colour of a theme's
/// `[extra.colors]` without restating the rest.
fn merge_extra(defaults: &mut toml::Table, site: &toml::Table) {
    for (key, value) in site {
        match (defaults.get_mut(key), value) {
            (Some(toml::Value::Table(theirs)), toml::Value::Table(ours)) => {
                merge_extra(theirs, ours);
            }
            _ => {
                defaults.insert(key.clone(), value.clone());
            }
        }
    }
}

/// `page`: what kind of page this is and how to get home from it.
#[derive(Serialize)]
pub struct PageData {
    pub kind: &'static str,
    pub title: String,
    pub description: String,
    pub canonical_url: String,
    pub root: String,
    pub css_path: &'static str,
    /// The front page, relative to the root; the next three likewise.
    pub index_path: Value,
    pub topics_path: Value,
    pub search_path: Value,
    /// The editions archive, relative to the root.
    pub editions_path: Value,
    pub feed_path: &'static str,
    /// Feeds for `<link rel="alternate">` autodiscovery (`[FeedLink]`): the digest's,
    /// and on a topic page the topic's too.
    pub feeds: Value,
    /// JSON-LD for a `<script type="application/ld+json">`, already safe to print there;
    /// empty on pages without any.
    pub json_ld_html: String,
    /// Where this page sits in its list, on pages that list stories a page at a time
    /// (front page, topic pages, edition pages); none elsewhere.
    pub pager: Option<Pager>,
}

/// One feed a page announces.
#[derive(Serialize)]
pub struct FeedLink {
    pub title: String,
    pub media_type: &'static str,
    /// Relative to the site's root.
    pub path: String,
}

/// The three formats every feed comes in: file name, media type, name for people.
const FEED_FORMATS: [(&str, &str, &str); 3] = [
    ("feed.xml", "application/atom+xml", "Atom"),
    ("rss.xml", "application/rss+xml", "RSS"),
    ("feed.json", "application/feed+json", "JSON Feed"),
];

/// A scope's three feeds as `page.feeds` lists them.
fn feed_links(folder: &str, name: &str) -> impl Iterator<Item = Value> {
    FEED_FORMATS.iter().map(move |(file, media_type, format)| {
        Value::from_serializable(&FeedLink {
            title: format!("{name} ({format})"),
            media_type,
            path: format!("{folder}{file}"),
        })
    })
}

/// The parts of `page` that are the same on every page of a site, made once per render
/// and shared (each page made them again: a tenth of the cost of a page's values).
pub struct PageCommon {
    index_path: Value,
    topics_path: Value,
    search_path: Value,
    editions_path: Value,
    /// The digest's own feeds, one value each, and the list of them.
    digest_feeds: Vec<Value>,
    feeds: Value,
}

impl PageCommon {
    pub fn new(links: &Links) -> PageCommon {
        let digest_feeds: Vec<Value> = feed_links("", "All stories").collect();
        PageCommon {
            index_path: Value::from(links.index_path("")),
            topics_path: Value::from(links.index_path("topics")),
            search_path: Value::from(links.index_path("search")),
            editions_path: Value::from(links.index_path("editions")),
            feeds: Value::from(digest_feeds.clone()),
            digest_feeds,
        }
    }
}

impl PageData {
    pub fn new(
        kind: &'static str,
        title: String,
        description: String,
        canonical_url: String,
        root: String,
        common: &PageCommon,
    ) -> PageData {
        PageData {
            kind,
            title,
            description,
            canonical_url,
            root,
            css_path: "style.css",
            index_path: common.index_path.clone(),
            topics_path: common.topics_path.clone(),
            search_path: common.search_path.clone(),
            editions_path: common.editions_path.clone(),
            feed_path: "feed.xml",
            feeds: common.feeds.clone(),
            json_ld_html: String::new(),
            pager: None,
        }
    }

    /// Announces a topic's own feeds as well as the digest's.
    pub fn add_topic_feeds(&mut self, common: &PageCommon, name: &str, slug: &str) {
        let folder = format!("{}/", Links::topic_folder(slug));
        let feeds: Vec<Value> = common
            .digest_feeds
            .iter()
            .cloned()
            .chain(feed_links(&folder, name))
            .collect();
        self.feeds = Value::from(feeds);
    }
}

#[derive(Serialize)]
struct TopicLink<'a> {
    name: &'a str,
    slug: &'a str,
    path: String,
}

/// One author as templates see them.
#[derive(Serialize)]
struct BylineView<'a> {
    name: &'a str,
    url: Option<&'a str>,
}

impl<'a> BylineView<'a> {
    fn new(byline: &'a Byline) -> BylineView<'a> {
        BylineView {
            name: &byline.name,
            url: byline.url.as_deref(),
        }
    }
}

/// A correction notice as templates see it.
#[derive(Serialize)]
struct CorrectionView<'a> {
    date: String,
    date_display: String,
    text: &'a str,
}

impl<'a> CorrectionView<'a> {
    fn new(correction: &'a Correction) -> CorrectionView<'a> {
        CorrectionView {
            date: correction.date.rfc3339(),
            date_display: correction.date.display(),
            text: &correction.text,
        }
    }
}

/// A story as lists show it (`s` in the theme's guide).
#[derive(Serialize)]
struct Summary<'a> {
    slug: &'a str,
    path: String,
    url: String,
    headline: &'a str,
    dek: Option<&'a str>,
    summary: &'a str,
    byline: Option<String>,
    bylines: Vec<BylineView<'a>>,
    date: Option<String>,
    date_display: Option<String>,
    published: Option<String>,
    reading_minutes: usize,
    word_count: usize,
    topics: SummaryTopics<'a>,
    top_facts: &'a [Fact],
    is_lead: bool,
}

/// A story as its own page shows it: the fields of its summary, then the whole body.
struct StoryPage<'a> {
    /// The summary's fields, taken from the value every list shares: made again (and
    /// flattened, which serde does through a map whose every key is allocated) it was a
    /// third of the cost of a story page's values.
    summary: &'a Map,
    rest: StoryRest<'a>,
}

impl Serialize for StoryPage<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let r = &self.rest;
        let mut story = serializer.serialize_struct("StoryPage", self.summary.len() + 10)?;
        for (key, value) in self.summary {
            // Every key is a field name (see `summary_fields`).
            if let Key::Str(name) = key {
                story.serialize_field(name, value)?;
            }
        }
        story.serialize_field("source", &r.source)?;
        story.serialize_field("source_url", &r.source_url)?;
        story.serialize_field("tags", &r.tags)?;
        story.serialize_field("dateline", &r.dateline)?;
        story.serialize_field("updated", &r.updated)?;
        story.serialize_field("updated_display", &r.updated_display)?;
        story.serialize_field("corrections", &r.corrections)?;
        story.serialize_field("body", &r.body)?;
        story.serialize_field("facts", &r.facts)?;
        story.serialize_field("pull_quotes", &r.pull_quotes)?;
        story.end()
    }
}

/// What a story page shows besides the summary.
struct StoryRest<'a> {
    source: Option<&'a str>,
    source_url: Option<&'a str>,
    tags: &'a [String],
    dateline: Option<&'a str>,
    updated: Option<String>,
    updated_display: Option<String>,
    corrections: Vec<CorrectionView<'a>>,
    body: Vec<BodyItem<'a>>,
    facts: &'a [Fact],
    pull_quotes: Vec<PullQuoteView<'a>>,
}

/// One entry of a story page's body, in reading order.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum BodyItem<'a> {
    /// `dateline` is set on the story's first paragraph only, when it has one.
    Paragraph {
        html: Cow<'a, str>,
        dateline: Option<&'a str>,
    },
    Subheading {
        html: Cow<'a, str>,
        id: String,
    },
    Html {
        html: String,
    },
    PullQuote(PullQuoteView<'a>),
}

#[derive(Serialize, Clone)]
struct PullQuoteView<'a> {
    text: &'a str,
    speaker: Option<&'a str>,
    role: Option<&'a str>,
    attribution: Option<String>,
}

impl<'a> PullQuoteView<'a> {
    fn new(quote: &'a PullQuote) -> PullQuoteView<'a> {
        let speaker = quote.speaker.as_ref();
        PullQuoteView {
            text: &quote.text,
            speaker: speaker.map(|s| s.name.as_str()),
            role: speaker.and_then(|s| s.role.as_deref()),
            attribution: speaker.map(|s| match &s.role {
                Some(role) => format!("{}, {role}", s.name),
                None => s.name.clone(),
            }),
        }
    }
}

/// A summary's topic links: made for it, or values shared by every summary that links
/// to the same topics (see [`TopicLinks`]).
enum SummaryTopics<'a> {
    Own(Vec<TopicLink<'a>>),
    Shared(Vec<Value>),
}

impl Serialize for SummaryTopics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            SummaryTopics::Own(links) => links.serialize(serializer),
            SummaryTopics::Shared(values) => values.serialize(serializer),
        }
    }
}

fn summary<'a>(digest: &'a Digest, index: usize, links: &Links) -> Summary<'a> {
    let own = digest.stories[index]
        .topics
        .iter()
        .map(|t| TopicLink {
            name: &t.name,
            slug: &t.slug,
            path: links.topic_path(&t.slug),
        })
        .collect();
    summary_with(digest, index, links, SummaryTopics::Own(own))
}

fn summary_with<'a>(
    digest: &'a Digest,
    index: usize,
    links: &Links,
    topics: SummaryTopics<'a>,
) -> Summary<'a> {
    let story: &DigestStory = &digest.stories[index];
    let meta = &story.edited.story.meta;
    let markup = &story.edited.markup;
    Summary {
        slug: &story.slug,
        path: links.story_path(&story.slug),
        url: links.absolute(&story.slug),
        headline: &meta.headline,
        dek: meta.dek.as_deref(),
        summary: &markup.summary,
        byline: meta.byline_names(),
        bylines: meta.bylines.iter().map(BylineView::new).collect(),
        date: meta.date.map(|d| d.to_string()),
        date_display: meta.date.map(|d| d.display_long()),
        published: meta.published_moment().map(|m| m.rfc3339()),
        reading_minutes: markup.reading_minutes,
        word_count: markup.word_count,
        topics,
        top_facts: &markup.facts[..markup.facts.len().min(CARD_FACTS)],
        is_lead: digest.lead == Some(index),
    }
}

/// The summary value of story `index`, built once and shared by every list.
pub fn summary_value(digest: &Digest, index: usize, links: &Links) -> Value {
    Value::from_serializable(&summary(digest, index, links))
}

/// Each topic link (`{name, slug, path}`) as a value, made once: thousands of summaries
/// link to the same few topics, and a copy in each was a fifth of a build's memory.
pub struct TopicLinks<'d>(rustc_hash::FxHashMap<&'d str, Vec<(&'d str, Value)>>);

impl<'d> TopicLinks<'d> {
    pub fn new(digest: &'d Digest, links: &Links) -> TopicLinks<'d> {
        // Keyed by the digest's own slugs, borrowed: a copy and a SipHash for each of
        // 60,000 story topics took 11 ms at 10,000 stories, on one thread while the
        // other waited. FxHash: the keys are the site's own slugs.
        let mut values: rustc_hash::FxHashMap<&'d str, Vec<(&'d str, Value)>> =
            rustc_hash::FxHashMap::default();
        for story in &digest.stories {
            for topic in story.topics.iter() {
                let named = values.entry(topic.slug.as_str()).or_default();
                if named.iter().all(|(name, _)| *name != topic.name) {
                    let value = Value::from_serializable(&TopicLink {
                        name: &topic.name,
                        slug: &topic.slug,
                        path: links.topic_path(&topic.slug),
                    });
                    named.push((topic.name.as_str(), value));
                }
            }
        }
        TopicLinks(values)
    }

    fn get(&self, name: &str, slug: &str) -> Option<Value> {
        let named = self.0.get(slug)?;
        named
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, value)| value.clone())
    }
}

/// [`summary_value`] with its topic links shared from `shared`: the same value.
pub fn shared_summary_value(
    digest: &Digest,
    index: usize,
    links: &Links,
    shared: &TopicLinks<'_>,
) -> Value {
    let topics: Option<Vec<Value>> = digest.stories[index]
        .topics
        .iter()
        .map(|t| shared.get(&t.name, &t.slug))
        .collect();
    let Some(topics) = topics else {
        return summary_value(digest, index, links);
    };
    Value::from_serializable(&summary_with(
        digest,
        index,
        links,
        SummaryTopics::Shared(topics),
    ))
}

/// The map of a summary value whose every key is a field name, as [`summary_value`] and
/// [`shared_summary_value`] make them.
fn summary_fields(summary: &Value) -> Option<&Map> {
    summary
        .as_map()
        .filter(|map| map.keys().all(|key| matches!(key, Key::Str(_))))
}

/// The full value a story page receives as `story`: `summary` (the story's summary value,
/// shared with the lists) and the rest of the story.
pub fn story_value(digest: &Digest, index: usize, links: &Links, summary: &Value) -> Value {
    let made;
    let summary = match summary_fields(summary) {
        Some(fields) => fields,
        None => {
            made = summary_value(digest, index, links);
            match summary_fields(&made) {
                Some(fields) => fields,
                // A struct always serializes to a map of its field names.
                None => return made,
            }
        }
    };
    let story = &digest.stories[index];
    let meta = &story.edited.story.meta;
    let markup = &story.edited.markup;
    Value::from_serializable(&StoryPage {
        summary,
        rest: StoryRest {
            source: meta.source.as_deref(),
            source_url: meta
                .source_url
                .as_deref()
                .filter(|url| !crate::html::is_dangerous_url(url)),
            tags: &meta.tags,
            dateline: meta.dateline.as_deref(),
            updated: meta.updated.as_ref().map(|m| m.rfc3339()),
            updated_display: meta.updated.as_ref().map(|m| m.display()),
            corrections: meta.corrections.iter().map(CorrectionView::new).collect(),
            body: body_items(
                &story.edited.story.blocks,
                &markup.pull_quotes,
                meta.dateline.as_deref(),
            ),
            facts: &markup.facts,
            pull_quotes: markup.pull_quotes.iter().map(PullQuoteView::new).collect(),
        },
    })
}

/// The story's blocks with its pull quotes set in before the blocks they were placed at,
/// and the dateline on the first paragraph.
fn body_items<'a>(
    blocks: &'a [Block],
    pull_quotes: &'a [PullQuote],
    dateline: Option<&'a str>,
) -> Vec<BodyItem<'a>> {
    let mut items = Vec::with_capacity(blocks.len() + pull_quotes.len());
    let mut section_ids: Vec<String> = Vec::new();
    let mut dateline = dateline;
    for (index, block) in blocks.iter().enumerate() {
        items.extend(
            pull_quotes
                .iter()
                .filter(|q| q.place_before == index)
                .map(|q| BodyItem::PullQuote(PullQuoteView::new(q))),
        );
        items.push(match block {
            Block::Paragraph { html, text } => BodyItem::Paragraph {
                html: html.of(text),
                dateline: dateline.take(),
            },
            Block::Subheading { html, text } => BodyItem::Subheading {
                html: html.of(text),
                id: unique_section_id(text, &mut section_ids),
            },
            Block::Code { lang, code } => BodyItem::Html {
                html: code_block(code, lang.as_deref()),
            },
            Block::Other { html, .. } => BodyItem::Html { html: html.clone() },
        });
    }
    // A quote placed past the last block still appears, at the end.
    items.extend(
        pull_quotes
            .iter()
            .filter(|q| q.place_before >= blocks.len())
            .map(|q| BodyItem::PullQuote(PullQuoteView::new(q))),
    );
    items
}

/// An anchor for a subheading, unique within its story.
fn unique_section_id(text: &str, taken: &mut Vec<String>) -> String {
    let base = slugify(text).unwrap_or_else(|| "section".to_string());
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.push(id.clone());
    id
}

/// `{name, slug, path, count}` for a topic list.
pub fn topic_value(name: &str, slug: &str, count: usize, links: &Links) -> Value {
    #[derive(Serialize)]
    struct TopicView<'a> {
        name: &'a str,
        slug: &'a str,
        path: String,
        count: usize,
    }
    Value::from_serializable(&TopicView {
        name,
        slug,
        path: links.topic_path(slug),
        count,
    })
}

/// The story body as feed content: its blocks without pull quotes (they repeat the
/// body), the dateline leading the first paragraph.
pub fn feed_content_html(blocks: &[Block], dateline: Option<&str>) -> String {
    let mut html = String::new();
    let mut dateline = dateline;
    for block in blocks {
        match block {
            Block::Paragraph { html: inner, text } => {
                html.push_str("<p>");
                if let Some(dateline) = dateline.take() {
                    html.push_str("<span class=\"dateline\">");
                    crate::html::push_escaped(&mut html, dateline);
                    html.push_str(" —</span> ");
                }
                inner.push_to(&mut html, text);
                html.push_str("</p>\n");
            }
            Block::Subheading { html: inner, text } => {
                html.push_str("<h2>");
                inner.push_to(&mut html, text);
                html.push_str("</h2>\n");
            }
            Block::Code { lang, code } => {
                html.push_str(&plain_code_block(code, lang.as_deref()));
                html.push('\n');
            }
            Block::Other { html: inner, .. } => {
                html.push_str(inner);
                html.push('\n');
            }
        }
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_extra_wins_key_by_key_and_tables_merge() {
        let mut defaults: toml::Table = toml::from_str(
            "accent = \"red\"\nmasthead = \"\"\n[colors]\npaper = \"white\"\nink = \"black\"\n",
        )
        .expect("toml");
        let site: toml::Table =
            toml::from_str("accent = \"blue\"\nnew = 1\n[colors]\nink = \"navy\"\n").expect("toml");
        merge_extra(&mut defaults, &site);
        let expected: toml::Table = toml::from_str(
            "accent = \"blue\"\nmasthead = \"\"\nnew = 1\n[colors]\npaper = \"white\"\nink = \"navy\"\n",
        )
        .expect("toml");
        assert_eq!(defaults, expected);
    }
}
