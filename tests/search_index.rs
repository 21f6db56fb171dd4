//! The search index of the sample digest: every story in it, pull quotes kept out, and
//! a fraction of the site's HTML in size. (Ranking and the page are checked in a real
//! browser by tests/browser.rs; query time by tests/browser/bench-search.mjs.)

mod common;

use common::Site;
use serde_json::Value as Json;

fn built_sample() -> Site {
    let site = Site::new();
    common::write_sample_site(site.root(), "broadsheet");
    site.build().expect("builds");
    site
}

fn index_of(site: &Site) -> Json {
    let js = site.read("search-index.js");
    let json = js
        .trim_end()
        .strip_prefix("window.gazetteSearchIndex=")
        .and_then(|j| j.strip_suffix(';'))
        .expect("assigns the index");
    serde_json::from_str(json).expect("the index is JSON")
}

#[test]
fn every_story_is_indexed_with_its_fields_and_no_pull_quotes() {
    let site = built_sample();
    let index = index_of(&site);
    let stories = index["stories"].as_array().expect("stories");
    let feed = site.feed_json();
    let items = feed["items"].as_array().expect("items");
    assert_eq!(stories.len(), items.len());
    for (entry, item) in stories.iter().zip(items) {
        assert_eq!(entry[1], item["title"], "same order as the feed");
        let path = entry[0].as_str().expect("path");
        assert!(site.public().join(path).is_file(), "{path} is a page");
        assert_eq!(entry[5], item["tags"], "topics");
        let body = entry[7].as_str().expect("text");
        for quote in item["_gazette"]["pull_quotes"].as_array().expect("quotes") {
            let text = quote["text"].as_str().expect("quote");
            assert!(
                body.matches(text).count() <= 1,
                "a pull quote is indexed twice"
            );
        }
    }
    assert!(
        stories
            .iter()
            .any(|s| !s[6].as_array().expect("speakers").is_empty()),
        "speakers are indexed"
    );
}

#[test]
fn the_index_is_under_30_percent_of_the_html() {
    let site = built_sample();
    let mut html = 0;
    for entry in walkdir::WalkDir::new(site.public()) {
        let entry = entry.expect("walk");
        if entry.path().extension().is_some_and(|e| e == "html") {
            html += entry.metadata().expect("size").len();
        }
    }
    let index = std::fs::metadata(site.public().join("search-index.js"))
        .expect("index")
        .len();
    eprintln!("search-index.js: {index} bytes; HTML: {html} bytes");
    assert!(
        index * 100 < html * 30,
        "{index} is not under 30% of {html}"
    );
}

#[test]
fn the_search_page_lists_every_story_without_javascript() {
    let site = built_sample();
    let page = site.read("search/index.html");
    for item in site.feed_json()["items"].as_array().expect("items") {
        let title = gazette::html::escape(item["title"].as_str().expect("title"));
        assert!(
            page.contains(&format!(">{title}</a>")),
            "{title} not listed"
        );
    }
    assert!(page.contains("search-index.js") && page.contains("search.js"));
}
