//! Feeds and sharing metadata, read back by independent parsers.
//!
//! Every feed of the sample digest (Atom, RSS and JSON Feed, for the digest and for each
//! topic) is parsed with the `feed-rs` crate and its entries, links and dates are checked
//! against the site; JSON-LD is parsed with serde_json and its fields checked; seed text
//! that tries to close the `<script>` element stays inside it.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::Site;
use serde_json::Value as Json;

const BASE: &str = "https://example.org/";

fn sample_site() -> Site {
    let site = Site::new();
    common::write_sample_site(site.root(), "broadsheet");
    site.build().expect("the sample digest builds");
    site
}

fn parse_feed(public: &Path, relative: &str) -> feed_rs::model::Feed {
    let bytes = std::fs::read(public.join(relative)).expect("feed file");
    feed_rs::parser::parse(bytes.as_slice()).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// The output file an absolute URL of the site points at.
fn file_of(public: &Path, url: &str) -> std::path::PathBuf {
    let path = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not under {BASE}"));
    public.join(path).join("index.html")
}

/// The text of the JSON-LD script of an HTML page.
fn json_ld(html: &str) -> Json {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("a JSON-LD script")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").expect("closed");
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

#[test]
fn every_feed_parses_and_points_at_real_pages() {
    let site = sample_site();
    let public = site.public();
    let items = site.feed_json()["items"].as_array().expect("items").clone();
    let mut feeds = vec![
        "feed.xml".to_string(),
        "rss.xml".to_string(),
        "feed.json".to_string(),
    ];
    for entry in std::fs::read_dir(public.join("topics")).expect("topics") {
        let entry = entry.expect("entry");
        if entry.path().is_dir() {
            let slug = entry.file_name().to_string_lossy().to_string();
            for file in ["feed.xml", "rss.xml", "feed.json"] {
                feeds.push(format!("topics/{slug}/{file}"));
            }
        }
    }
    assert!(feeds.len() > 30, "topic feeds are written: {}", feeds.len());
    for relative in &feeds {
        let feed = parse_feed(&public, relative);
        assert!(!feed.entries.is_empty(), "{relative}: no entries");
        for entry in &feed.entries {
            let link = &entry.links.first().expect("entry link").href;
            assert!(
                file_of(&public, link).is_file(),
                "{relative}: {link} is no page"
            );
            let item = items
                .iter()
                .find(|i| i["url"] == link.as_str())
                .unwrap_or_else(|| panic!("{relative}: {link} not in feed.json"));
            let title = entry.title.as_ref().expect("title").content.clone();
            assert_eq!(item["title"], title.as_str(), "{relative}");
            let published = entry.published.map(|d| d.format("%Y-%m-%d").to_string());
            let expected = item["date_published"].as_str().map(|d| d[..10].to_string());
            assert_eq!(published, expected, "{relative}: {link} date");
            let content = entry
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
                .expect("content");
            for quote in item["_gazette"]["pull_quotes"].as_array().expect("quotes") {
                let text = quote["text"].as_str().expect("text");
                let escaped = gazette::html::escape(text);
                assert!(
                    !content.contains("pull-quote"),
                    "{relative}: {link} carries a pull quote block"
                );
                // The quote's words are in the body once, never twice.
                assert!(
                    content.matches(escaped.as_str()).count() <= 1,
                    "{relative}: {link} repeats the pull quote {text:?}"
                );
            }
            // A topic's feeds sum stories up (`topic_feeds`); whole stories carry the box.
            let facts = match relative.starts_with("topics/") {
                true => &[][..],
                false => item["_gazette"]["facts"].as_array().expect("facts"),
            };
            for fact in facts {
                let value = gazette::html::escape(fact["value"].as_str().expect("value"));
                assert!(
                    content.contains(&format!("<dd>{value}</dd>")),
                    "{relative}: {link} lacks fact {value}"
                );
            }
        }
    }
}

#[test]
fn topic_feeds_hold_exactly_the_topic_stories() {
    let site = sample_site();
    let public = site.public();
    let items = site.feed_json()["items"].as_array().expect("items").clone();
    let topic = parse_feed(&public, "topics/openai/rss.xml");
    let in_feed: BTreeSet<String> = topic
        .entries
        .iter()
        .map(|e| e.links[0].href.clone())
        .collect();
    let expected: BTreeSet<String> = items
        .iter()
        .filter(|i| {
            i["tags"]
                .as_array()
                .expect("tags")
                .iter()
                .any(|t| t == "OpenAI")
        })
        .map(|i| i["url"].as_str().expect("url").to_string())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(in_feed, expected);
    let whole = parse_feed(&public, "rss.xml");
    assert_eq!(whole.entries.len(), items.len());
}

#[test]
fn every_page_announces_its_feeds() {
    let site = sample_site();
    let public = site.public();
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.expect("walk");
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).expect("page");
        for media_type in [
            "application/atom+xml",
            "application/rss+xml",
            "application/feed+json",
        ] {
            assert!(
                html.contains(&format!("<link rel=\"alternate\" type=\"{media_type}\"")),
                "{}: no {media_type} link",
                entry.path().display()
            );
        }
    }
    let topic = site.read("topics/openai/index.html");
    assert!(
        topic.contains("href=\"../../topics/openai/rss.xml\""),
        "topic feed announced"
    );
}

#[test]
fn story_pages_carry_news_article_json_ld_and_share_tags() {
    let site = sample_site();
    let items = site.feed_json()["items"].as_array().expect("items").clone();
    for item in &items {
        let url = item["url"].as_str().expect("url");
        let page = site.read(&format!(
            "{}index.html",
            url.strip_prefix(BASE).expect("under base")
        ));
        let ld = json_ld(&page);
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], item["title"]);
        assert_eq!(ld["url"], url);
        assert_eq!(ld["publisher"]["name"], "The Gazette Digest");
        assert!(
            ld["author"][0]["name"]
                .as_str()
                .is_some_and(|n| !n.is_empty() && !n.starts_with("By "))
        );
        assert_eq!(ld["keywords"], item["tags"]);
        if let Some(date) = item["date_published"].as_str() {
            assert_eq!(ld["datePublished"], date);
            let modified = item["date_modified"].as_str().unwrap_or(date);
            assert_eq!(ld["dateModified"], modified);
        }
        let description = ld["description"].as_str().expect("description");
        assert!(!description.is_empty());
        for quote in item["_gazette"]["pull_quotes"].as_array().expect("quotes") {
            let text = quote["text"].as_str().expect("text");
            assert!(
                !description.contains(text),
                "{url}: description repeats a pull quote"
            );
        }
        assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")));
        assert!(page.contains("<meta property=\"og:type\" content=\"article\">"));
        assert!(page.contains("<meta name=\"twitter:card\" content=\"summary\">"));
        let og = format!(
            "<meta property=\"og:description\" content=\"{}\">",
            gazette::html::escape(description)
        );
        assert!(
            page.contains(&og),
            "{url}: og:description is the JSON-LD description"
        );
    }
}

#[test]
fn the_front_page_carries_website_with_a_search_action() {
    let site = sample_site();
    let ld = json_ld(&site.read("index.html"));
    assert_eq!(ld["@type"], "WebSite");
    assert_eq!(ld["url"], BASE);
    let action = &ld["potentialAction"];
    assert_eq!(action["@type"], "SearchAction");
    assert_eq!(
        action["target"]["urlTemplate"],
        format!("{BASE}search/?q={{search_term_string}}")
    );
    assert_eq!(action["query-input"], "required name=search_term_string");
}

#[test]
fn seed_text_cannot_break_out_of_json_ld() {
    let site = Site::new();
    let headline = "</script><script>alert(1)</script> & <!-- more";
    site.write(
        "seeds/2026-11-20-evil.md",
        format!("+++\ntitle = \"{headline}\"\ndek = \"</SCRIPT> too\"\n+++\nA body paragraph about the council.\n"),
    );
    site.build().expect("builds");
    let slug_page = walkdir::WalkDir::new(site.public())
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| {
            e.path().ends_with("index.html")
                && std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("NewsArticle"))
        })
        .expect("the story page");
    let html = std::fs::read_to_string(slug_page.path()).expect("page");
    assert!(!html.contains("<script>alert"), "the seed's script got out");
    assert_eq!(
        html.matches("</script>").count(),
        1,
        "only the JSON-LD element closes"
    );
    let ld = json_ld(&html);
    assert_eq!(ld["headline"], headline);
    assert_eq!(ld["description"], "</SCRIPT> too");
}

/// A topic's feeds sum stories up by default; `topic_feeds = "full"` gives whole stories,
/// as the digest's own feeds always do.
#[test]
fn topic_feeds_carry_summaries_unless_asked_for_whole_stories() {
    let site = sample_site();
    let public = site.public();
    let topic = parse_feed(&public, "topics/openai/feed.xml");
    assert!(!topic.entries.is_empty());
    for entry in &topic.entries {
        assert!(entry.summary.is_some(), "{:?} has no summary", entry.title);
        assert!(entry.content.is_none(), "{:?} carries content", entry.title);
    }
    let json: Json = serde_json::from_str(&site.read("topics/openai/feed.json")).expect("json");
    for item in json["items"].as_array().expect("items") {
        assert!(item.get("content_html").is_none(), "{item}");
        assert_eq!(item["content_text"], item["summary"]);
    }
    let rss = site.read("topics/openai/rss.xml");
    assert!(
        !rss.contains("fact-box"),
        "summary RSS carries the fact box"
    );
    let whole = parse_feed(&public, "feed.xml");
    assert!(whole.entries.iter().all(|e| e.content.is_some()));

    let config = std::fs::read_to_string(site.root().join("config.toml")).expect("config");
    let whole_topics = config.replace("topic_feeds = \"summary\"", "topic_feeds = \"full\"");
    assert_ne!(whole_topics, config, "the sample config names topic_feeds");
    site.write("config.toml", whole_topics);
    site.build().expect("builds with whole topic feeds");
    let topic = parse_feed(&public, "topics/openai/feed.xml");
    assert!(topic.entries.iter().all(|e| e.content.is_some()));
    let json: Json = serde_json::from_str(&site.read("topics/openai/feed.json")).expect("json");
    for item in json["items"].as_array().expect("items") {
        assert!(item["content_html"].as_str().is_some(), "{item}");
        assert!(item.get("content_text").is_none(), "{item}");
    }
    assert!(site.read("topics/openai/rss.xml").contains("fact-box"));
}
