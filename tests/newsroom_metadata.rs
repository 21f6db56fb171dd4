//! Newsroom metadata end to end: several bylines with links, datelines, updates and
//! corrections, embargoes and time zones, read back from the built site by independent
//! parsers (feed-rs for the feeds, serde_json for JSON-LD and JSON Feed).

mod common;

use std::process::Command;

use common::Site;
use serde_json::Value as Json;

/// A story under embargo until 09:00 UTC on 26 November 2026, with words found nowhere
/// else so any leak shows up in a plain search of the output.
const EMBARGOED: &str = r#"+++
title = "Quillwort cooperative wins harbour tender"
dek = "The zephyrine bid beat three rivals."
date = 2026-11-26
publish_at = 2026-11-26T09:00:00Z
tags = ["Harbour", "Quillwort Topic"]
byline = "Xanthe Morrow"
slug = "quillwort-tender"
+++

The Quillwort cooperative won the harbour tender on Thursday with a zephyrine bid.

"We planned this for years," said Ottoline Farrow, the cooperative's chair.
"#;

const NEIGHBOUR: &str = r#"+++
title = "Harbour dredging starts next week"
date = 2026-11-25
tags = ["Harbour"]
+++

Dredging in the harbour starts next week and will take a month.
"#;

/// What must never appear in the site while the story is held.
const TRACES: [&str; 6] = [
    "quillwort",
    "Quillwort",
    "zephyrine",
    "Xanthe",
    "Ottoline",
    "harbour tender",
];

fn at(text: &str) -> jiff::Timestamp {
    text.parse().expect("a timestamp")
}

fn build_at(site: &Site, now: &str) -> gazette::BuildReport {
    gazette::build(&gazette::BuildOptions {
        now: Some(at(now)),
        ..site.options()
    })
    .expect("builds")
}

/// Every file of the built site that mentions any of `words`.
fn files_mentioning(site: &Site, words: &[&str]) -> Vec<String> {
    common::snapshot(&site.public())
        .into_iter()
        .filter(|(_, bytes)| {
            let text = String::from_utf8_lossy(bytes);
            words.iter().any(|w| text.contains(w))
        })
        .map(|(path, _)| path)
        .collect()
}

fn embargo_site() -> Site {
    let site = Site::new();
    site.write("seeds/quillwort.md", EMBARGOED);
    site.write("seeds/dredging.md", NEIGHBOUR);
    site
}

#[test]
fn a_held_story_leaves_no_trace_in_any_file_until_its_moment() {
    let site = embargo_site();
    let report = build_at(&site, "2026-11-26T08:59:59Z");
    assert_eq!(report.stories, 1);
    assert_eq!(report.held.len(), 1);
    assert_eq!(report.held[0].source_path, "quillwort.md");
    assert_eq!(report.held[0].until.rfc3339(), "2026-11-26T09:00:00+00:00");
    let files = common::snapshot(&site.public());
    assert!(files.len() > 10, "the site was written: {}", files.len());
    assert_eq!(
        files_mentioning(&site, &TRACES),
        Vec::<String>::new(),
        "the held story leaked"
    );
    // The neighbour is there, alone on the topic they would share.
    assert!(
        site.read("topics/harbour/index.html")
            .contains("Harbour dredging")
    );
    assert!(!site.public().join("topics/quillwort-topic").exists());

    let report = build_at(&site, "2026-11-26T09:00:00Z");
    assert_eq!(report.stories, 2);
    assert!(report.held.is_empty());
    let everywhere = files_mentioning(&site, &["Quillwort cooperative wins"]);
    for expected in [
        "index.html",
        "quillwort-tender/index.html",
        "feed.xml",
        "rss.xml",
        "feed.json",
        "search-index.js",
        "search/index.html",
        "topics/harbour/index.html",
        "topics/harbour/feed.xml",
        "topics/quillwort-topic/index.html",
        // The neighbour's related stories.
        "harbour-dredging-starts-next-week/index.html",
    ] {
        assert!(
            everywhere.iter().any(|f| f == expected),
            "{expected} does not list the released story: {everywhere:?}"
        );
    }
    assert!(site.read("sitemap.xml").contains("quillwort-tender/"));
}

#[test]
fn the_command_line_says_what_it_held_and_counts_it_in_timings() {
    let site = embargo_site();
    let output = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args([
            "build",
            "--timings",
            "--now",
            "2026-11-26T08:00:00Z",
            "--root",
        ])
        .arg(site.root())
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.starts_with("Built 1 stories"), "{stdout}");
    assert!(
        stdout.contains("Held back 1 story under embargo")
            && stdout.contains("seeds/quillwort.md: under embargo until 2026-11-26T09:00:00+00:00"),
        "{stdout}"
    );
    assert!(stdout.contains("held back under embargo: 1"), "{stdout}");

    let check = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["check", "--now", "2026-11-26T08:00:00Z", "--root"])
        .arg(site.root())
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{said}");
    assert!(
        said.contains("seeds/quillwort.md: under embargo until"),
        "{said}"
    );

    let bad = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["build", "--now", "tomorrow morning", "--root"])
        .arg(site.root())
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("2026-11-26T09:00:00Z"));
}

#[test]
fn a_live_session_holds_the_story_and_releases_it_on_the_first_update_after() {
    use gazette::session::{Changes, Session, SessionOptions};
    let site = Site::new();
    site.write("seeds/dredging.md", NEIGHBOUR);
    // A real-clock session: the embargo lifts two seconds from now.
    let lifts = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(2);
    site.write(
        "seeds/quillwort.md",
        EMBARGOED.replace(
            "publish_at = 2026-11-26T09:00:00Z",
            &format!("publish_at = {lifts}"),
        ),
    );
    let options = SessionOptions {
        root: site.root().to_path_buf(),
        base_url: None,
        drafts: false,
        now: None,
    };
    let (mut session, opened) = Session::open(options);
    assert_eq!(opened.expect("opens").stories, 1);
    assert_eq!(session.held().len(), 1);
    let leaked: Vec<&str> = session
        .pages()
        .iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains("Quillwort"))
        .map(|(path, _)| path.as_ref())
        .collect();
    assert!(leaked.is_empty(), "{leaked:?}");
    let due = session.next_release().expect("a release is due");
    assert_eq!(due, lifts);

    std::thread::sleep(std::time::Duration::from_millis(2200));
    let update = session.update(&Changes::default()).expect("updates");
    assert_eq!(update.stories, 2);
    // The story's own pages first, then the lists that show it (what serve does).
    session.update_lists().expect("lists update");
    assert!(session.held().is_empty());
    // What the session serves is what a build now would publish.
    site.build().expect("builds");
    let built = common::snapshot(&site.public());
    for (path, bytes) in session.pages().iter() {
        assert_eq!(
            built.get(path.as_ref()).map(Vec::as_slice),
            Some(bytes.as_ref()),
            "{path} differs from a fresh build"
        );
    }
}

const BYLINED: &str = r#"+++
title = "Ferry timetable changes from Monday"
date = 2026-11-25T22:30:00
updated = 2026-11-26T10:05:00
dateline = "PORT ELLEN —"
corrections = [
  { date = 2026-11-27T08:00:00Z, text = "An earlier version gave the wrong <b>sailing</b> time & day." },
  { date = 2026-11-26, text = "The first sailing leaves at 07:10, not 07:00." },
]

[[bylines]]
name = "Ada Reporter"
url = "https://example.org/staff/ada"

[[bylines]]
name = "Ben Writer"
+++

The ferry company will run two extra sailings a day from Monday, it said on Wednesday.

"Demand has never been higher on this route," said Ishbel Grant, the operations manager.
"#;

fn new_york_site() -> Site {
    let site = Site::new();
    site.write(
        "config.toml",
        format!(
            "{}timezone = \"America/New_York\"\n",
            common::MINIMAL_CONFIG
        ),
    );
    site.write("seeds/ferry.md", BYLINED);
    site.write(
        "seeds/2026-07-04-fireworks.txt",
        "Fireworks over the harbour\nBy Cy Editor, Dee Sub and Eve Night\n\nNEW YORK — The display lasted twenty minutes.\n",
    );
    site.build().expect("builds");
    site
}

fn parse_feed(site: &Site, relative: &str) -> feed_rs::model::Feed {
    let bytes = std::fs::read(site.public().join(relative)).expect("feed");
    feed_rs::parser::parse(bytes.as_slice()).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn entry<'a>(feed: &'a feed_rs::model::Feed, title: &str) -> &'a feed_rs::model::Entry {
    feed.entries
        .iter()
        .find(|e| e.title.as_ref().is_some_and(|t| t.content == title))
        .unwrap_or_else(|| panic!("no entry {title:?}"))
}

#[test]
fn naive_dates_are_read_in_the_site_zone_and_every_feed_carries_the_instant() {
    let site = new_york_site();
    let ferry = "Ferry timetable changes from Monday";
    // 22:30 in New York on 25 November (EST, -05:00) is 03:30 UTC on the 26th.
    for feed in ["feed.xml", "rss.xml", "feed.json"] {
        let parsed = parse_feed(&site, feed);
        let story = entry(&parsed, ferry);
        assert_eq!(
            story.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-11-26T03:30:00+00:00"),
            "{feed}"
        );
        // The latest change: the correction at 08:00 UTC on the 27th. (RSS 2.0 has no
        // element for it: its items carry the notice in their description.)
        if feed != "rss.xml" {
            assert_eq!(
                story.updated.map(|d| d.to_rfc3339()).as_deref(),
                Some("2026-11-27T08:00:00+00:00"),
                "{feed}"
            );
        }
        // A date from a file name is the start of that day in New York (EDT in July).
        let fireworks = entry(&parsed, "Fireworks over the harbour");
        assert_eq!(
            fireworks.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-07-04T04:00:00+00:00"),
            "{feed}"
        );
    }
    let atom = site.read("feed.xml");
    assert!(atom.contains("<published>2026-11-25T22:30:00-05:00</published>"));
    assert!(atom.contains("<published>2026-07-04T00:00:00-04:00</published>"));
    assert!(
        site.read("rss.xml")
            .contains("<pubDate>Wed, 25 Nov 2026 22:30:00 -0500</pubDate>")
    );
    let json = site.feed_json();
    let item = &json["items"][0];
    assert_eq!(item["title"], ferry);
    assert_eq!(item["date_published"], "2026-11-25T22:30:00-05:00");
    assert_eq!(item["date_modified"], "2026-11-27T03:00:00-05:00");
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains(
            "ferry-timetable-changes-from-monday/</loc><lastmod>2026-11-27T03:00:00-05:00</lastmod>"
        ),
        "{sitemap}"
    );
    let page = site.read("ferry-timetable-changes-from-monday/index.html");
    assert!(page.contains("<time datetime=\"2026-11-25T22:30:00-05:00\">25 November 2026</time>"));
    assert!(page.contains(
        "Updated <time datetime=\"2026-11-26T10:05:00-05:00\">26 November 2026, 10:05 EST</time>"
    ));
}

#[test]
fn every_author_reaches_the_page_the_feeds_and_json_ld() {
    let site = new_york_site();
    let ferry = "Ferry timetable changes from Monday";
    let authors = |feed: &str, title: &str| -> Vec<(String, Option<String>)> {
        entry(&parse_feed(&site, feed), title)
            .authors
            .iter()
            .map(|p| (p.name.clone(), p.uri.clone()))
            .collect()
    };
    let ada = (
        "Ada Reporter".to_string(),
        Some("https://example.org/staff/ada".to_string()),
    );
    let ben = ("Ben Writer".to_string(), None);
    assert_eq!(authors("feed.xml", ferry), [ada.clone(), ben.clone()]);
    assert_eq!(authors("feed.json", ferry), [ada.clone(), ben.clone()]);
    // RSS names authors with dc:creator, which carries no link.
    assert_eq!(
        authors("rss.xml", ferry),
        [("Ada Reporter".to_string(), None), ben.clone()]
    );
    // The plain-text `By` line: three authors.
    let names: Vec<String> = authors("feed.xml", "Fireworks over the harbour")
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names, ["Cy Editor", "Dee Sub", "Eve Night"]);

    let page = site.read("ferry-timetable-changes-from-monday/index.html");
    assert!(page.contains(
        "<span class=\"byline\">By <a href=\"https://example.org/staff/ada\">Ada Reporter</a> and Ben Writer</span>"
    ));
    let ld = json_ld(&page);
    assert_eq!(
        ld["author"],
        serde_json::json!([
            { "@type": "Person", "name": "Ada Reporter", "url": "https://example.org/staff/ada" },
            { "@type": "Person", "name": "Ben Writer" }
        ])
    );
    assert_eq!(ld["datePublished"], "2026-11-25T22:30:00-05:00");
    assert_eq!(ld["dateModified"], "2026-11-27T03:00:00-05:00");
    // Bylines on lists too.
    assert!(
        site.read("index.html")
            .contains("By Cy Editor, Dee Sub and Eve Night")
    );
}

#[test]
fn datelines_and_corrections_are_shown_escaped_in_pages_and_feeds() {
    let site = new_york_site();
    let page = site.read("ferry-timetable-changes-from-monday/index.html");
    assert!(page.contains(
        "<p class=\"has-dateline\"><span class=\"dateline\">PORT ELLEN —</span> The ferry company"
    ));
    let fireworks = site.read("fireworks-over-the-harbour/index.html");
    assert!(fireworks.contains(
        "<span class=\"dateline\">NEW YORK —</span> The display lasted twenty minutes.</p>"
    ));
    // Oldest first, the markup in the text escaped.
    let notes = &page[page.find("<section class=\"corrections\"").expect("notice")..];
    let first = notes.find("The first sailing").expect("first");
    let second = notes
        .find("An earlier version gave the wrong &lt;b&gt;sailing&lt;&#x2F;b&gt; time &amp; day.")
        .or_else(|| {
            notes.find(
                "An earlier version gave the wrong &lt;b&gt;sailing&lt;/b&gt; time &amp; day.",
            )
        })
        .unwrap_or_else(|| panic!("escaped correction in {notes}"));
    assert!(first < second);
    assert!(notes.contains("<h2 id=\"corrections-title\">Corrections</h2>"));
    assert!(!page.contains("<b>sailing</b>"));
    // In the feeds' content (RSS has no element for corrections).
    let rss = parse_feed(&site, "rss.xml");
    let body = entry(&rss, "Ferry timetable changes from Monday")
        .summary
        .as_ref()
        .expect("description")
        .content
        .clone();
    assert!(body.contains("<aside class=\"corrections\">"), "{body}");
    assert!(
        body.contains("&lt;b&gt;sailing&lt;/b&gt; time &amp; day."),
        "{body}"
    );
    assert!(
        body.contains("<span class=\"dateline\">PORT ELLEN —</span>"),
        "{body}"
    );
}

#[test]
fn an_unknown_time_zone_is_a_config_error_on_its_line() {
    let site = Site::new();
    site.write(
        "config.toml",
        format!(
            "{}timezone = \"Atlantis/Capital\"\n",
            common::MINIMAL_CONFIG
        ),
    );
    site.write("seeds/a.txt", "Headline\n\nBody.\n");
    let err = site.build().expect_err("unknown zone").to_string();
    assert!(
        err.contains("config.toml:3:1: timezone: \"Atlantis/Capital\" is not a time zone"),
        "{err}"
    );
}

/// The JSON-LD of a page.
fn json_ld(html: &str) -> Json {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("JSON-LD") + open.len();
    let end = start + html[start..].find("</script>").expect("closed");
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}
