//! The repository's own sample digest: it builds, every story has a page, every link
//! resolves, the feeds parse, and two builds are byte-identical.

mod common;

use std::path::{Path, PathBuf};

use common::snapshot;
use gazette::BuildOptions;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build_sample(output: &Path) -> gazette::BuildReport {
    gazette::build(&BuildOptions {
        root: repo_root(),
        output: Some(output.to_path_buf()),
        base_url: None,
        drafts: false,
        now: None,
    })
    .expect("the sample digest builds")
}

fn sample_seed_count(drafts: bool) -> usize {
    walkdir::WalkDir::new(repo_root().join("seeds"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x == "txt" || x == "md")
        })
        .filter(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            // The sample's embargoed story is held back until 2099.
            (drafts || !text.contains("draft = true")) && !text.contains("publish_at = 2099")
        })
        .count()
}

#[test]
fn every_story_gets_a_page_and_a_feed_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    let report = build_sample(&out);
    let expected = sample_seed_count(false);
    assert!(expected >= 8, "the sample digest has at least 8 stories");
    assert_eq!(report.stories, expected);
    let held: Vec<String> = report.held.iter().map(ToString::to_string).collect();
    assert_eq!(
        held,
        [
            "seeds/science/ringed-world-discovery-embargoed.md: under embargo until 2099-01-15T16:00:00+00:00"
        ],
        "the sample shows an embargo"
    );

    let feed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("feed.json")).expect("feed.json"))
            .expect("JSON");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    let items = feed["items"].as_array().expect("items");
    assert_eq!(items.len(), expected);
    for item in items {
        let url = item["url"].as_str().expect("url");
        let slug = url
            .trim_start_matches("https://example.org/")
            .trim_end_matches('/');
        let page = out.join(slug).join("index.html");
        let html =
            std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        assert!(html.contains("<article class=\"story\">"), "{slug}");
        let gazette = &item["_gazette"];
        assert!(
            gazette["source_path"]
                .as_str()
                .is_some_and(|p| p.ends_with(".txt") || p.ends_with(".md"))
        );
        let quotes = gazette["pull_quotes"]
            .as_array()
            .expect("pull_quotes")
            .len();
        assert_eq!(
            html.matches("<aside class=\"pull-quote\" aria-hidden=\"true\">")
                .count(),
            quotes,
            "{slug}"
        );
        let has_facts = !gazette["facts"].as_array().expect("facts").is_empty();
        assert_eq!(
            html.contains("<aside class=\"fact-box\""),
            has_facts,
            "{slug}"
        );
    }
}

#[test]
fn pull_quotes_and_facts_come_verbatim_from_the_seeds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    build_sample(&out);
    let feed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("feed.json")).expect("feed.json"))
            .expect("JSON");
    let mut pull_quotes = 0;
    for item in feed["items"].as_array().expect("items") {
        let source_path = item["_gazette"]["source_path"]
            .as_str()
            .expect("source_path");
        let seed =
            std::fs::read_to_string(repo_root().join("seeds").join(source_path)).expect("seed");
        for quote in item["_gazette"]["pull_quotes"].as_array().expect("quotes") {
            let text = quote["text"].as_str().expect("text");
            assert!(
                seed.contains(text),
                "{source_path}: pull quote not verbatim: {text}"
            );
            let words = gazette::editorial::word_count(text);
            assert!(
                (8..=35).contains(&words),
                "{source_path}: {words} words: {text}"
            );
            pull_quotes += 1;
        }
        for fact in item["_gazette"]["facts"].as_array().expect("facts") {
            let value = fact["value"].as_str().expect("value");
            assert!(
                seed.contains(value),
                "{source_path}: fact not in the text: {value}"
            );
            assert!(!fact["label"].as_str().expect("label").is_empty());
        }
    }
    assert!(
        pull_quotes >= 5,
        "the sample digest shows off its pull quotes ({pull_quotes})"
    );
}

#[test]
fn every_internal_link_and_asset_resolves_to_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    build_sample(&out);
    let link = regex::Regex::new(r#"(?:href|src)="([^"]*)""#).expect("regex");
    let mut checked = 0;
    for (path, bytes) in snapshot(&out) {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).expect("UTF-8");
        let page_dir = out.join(&path).parent().expect("parent").to_path_buf();
        for target in link.captures_iter(&html).map(|c| c[1].to_string()) {
            if target.contains("://") || target.starts_with('#') || target.starts_with("mailto:") {
                continue;
            }
            let file = target.split('#').next().unwrap_or_default();
            assert!(
                !file.ends_with('/'),
                "{path}: link {target} names a folder, not a file"
            );
            let resolved = page_dir.join(file);
            assert!(resolved.is_file(), "{path}: broken link {target}");
            checked += 1;
        }
    }
    assert!(checked > 50, "checked {checked} links");
}

#[test]
fn feeds_and_sitemap_are_well_formed_xml() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    build_sample(&out);
    for file in ["feed.xml", "sitemap.xml"] {
        let xml = std::fs::read_to_string(out.join(file)).expect("read");
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut elements = 0;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Start(_)) => elements += 1,
                Ok(_) => {}
                Err(err) => panic!("{file}: {err}"),
            }
        }
        assert!(elements > 10, "{file}");
    }
    let atom = std::fs::read_to_string(out.join("feed.xml")).expect("read");
    assert!(atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert!(
        !atom.contains("pull-quote"),
        "pull quotes stay out of feeds"
    );
    assert!(
        std::fs::read_to_string(out.join("robots.txt"))
            .expect("robots")
            .contains("Sitemap: https://example.org/sitemap.xml")
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = tempfile::tempdir().expect("tempdir");
    build_sample(&dir.path().join("one"));
    build_sample(&dir.path().join("two"));
    let one = snapshot(&dir.path().join("one"));
    let two = snapshot(&dir.path().join("two"));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(two[path] == *bytes, "{path} differs between builds");
    }
}

#[test]
fn the_binary_gives_identical_output_on_one_thread_and_many() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = |name: &str, threads: &str| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(["build", "--root"])
            .arg(repo_root())
            .arg("--output")
            .arg(dir.path().join(name))
            .env("RAYON_NUM_THREADS", threads)
            .env(
                "TZ",
                if threads == "1" {
                    "Pacific/Kiritimati"
                } else {
                    "UTC"
                },
            )
            .output()
            .expect("runs");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        String::from_utf8_lossy(&status.stdout).into_owned()
    };
    let summary = run("single", "1");
    run("many", "4");
    assert!(
        summary.starts_with("Built ") && summary.contains(" stories, "),
        "{summary}"
    );
    assert_eq!(
        snapshot(&dir.path().join("single")),
        snapshot(&dir.path().join("many"))
    );
}

#[test]
fn the_code_story_is_highlighted_and_the_draft_stays_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    build_sample(&out);
    let pages = snapshot(&out);
    let highlighted = pages.iter().any(|(path, bytes)| {
        path.ends_with("index.html")
            && String::from_utf8_lossy(bytes).contains(
                "<pre class=\"code\" tabindex=\"0\" data-lang=\"rust\"><code><span class=\"",
            )
    });
    assert!(
        highlighted,
        "a fenced rust block is highlighted with classes"
    );
    let feed = String::from_utf8_lossy(&pages["feed.json"]).into_owned();
    assert!(!feed.contains("\"draft\""));
    let drafts_dir = tempfile::tempdir().expect("tempdir");
    let with_drafts = gazette::build(&BuildOptions {
        root: repo_root(),
        output: Some(drafts_dir.path().join("public")),
        base_url: None,
        drafts: true,
        now: None,
    })
    .expect("builds with drafts");
    assert_eq!(with_drafts.stories, sample_seed_count(true));
    assert!(
        with_drafts.stories > sample_seed_count(false),
        "the sample has a draft"
    );
}
