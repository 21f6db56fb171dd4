//! The real wire seed in `../shared/seeds/`: its structure survives parsing and
//! rendering, and the desk's choices stay grounded in its text.

mod common;

use common::{Site, shared_seed, skipped};
use gazette::html::escape;

const SUBHEADINGS: [&str; 6] = [
    "The power couple nobody saw coming",
    "ChatGPT, now hosted on Amazon",
    "Microsoft: Still invited to the wedding?",
    "Compute is currency",
    "Bedrock, now with more OpenAI",
    "The cloud wars just got personal",
];

/// Builds a site holding only the shared seed; returns the site, the seed text and its page.
fn built() -> Option<(Site, String, String)> {
    let Some((name, bytes)) = shared_seed() else {
        skipped("the shared seed tests");
        return None;
    };
    let site = Site::new();
    site.write(&format!("seeds/{name}"), &bytes);
    site.build().expect("the shared seed builds");
    let feed = site.feed_json();
    let url = feed["items"][0]["url"].as_str().expect("url").to_string();
    let slug = url
        .trim_start_matches("https://example.org/")
        .trim_end_matches('/');
    let page = site.read(&format!("{slug}/index.html"));
    Some((site, String::from_utf8(bytes).expect("UTF-8"), page))
}

#[test]
fn headline_dek_subheadings_and_every_paragraph_in_order() {
    let Some((site, seed, page)) = built() else {
        return;
    };
    let lines: Vec<&str> = seed.lines().filter(|l| !l.trim().is_empty()).collect();
    let item = &site.feed_json()["items"][0];
    assert_eq!(item["title"], lines[0]);
    assert_eq!(item["_gazette"]["dek"], lines[1]);
    assert!(page.contains(&format!("<h1>{}</h1>", escape(lines[0]))));
    assert!(page.contains(&format!("<p class=\"dek\">{}</p>", escape(lines[1]))));

    // Walk the page in order: every later line appears after the one before it, as a
    // subheading or as a paragraph.
    let mut position = page.find("<div class=\"story-body\">").expect("body");
    let mut subheadings_seen = Vec::new();
    for line in &lines[2..] {
        let escaped = escape(line);
        let (open, close) = if SUBHEADINGS.contains(line) {
            subheadings_seen.push(*line);
            ("\">", "</h2>")
        } else {
            ("<p>", "</p>")
        };
        let needle = format!("{open}{escaped}{close}");
        let found = page[position..]
            .find(&needle)
            .unwrap_or_else(|| panic!("not found in order: {line}"));
        position += found + needle.len();
    }
    assert_eq!(subheadings_seen, SUBHEADINGS);
}

#[test]
fn curly_quotes_dashes_and_non_breaking_hyphens_are_kept() {
    let Some((_, _, page)) = built() else { return };
    assert!(page.contains("Next\u{2011}Gen"), "non-breaking hyphen kept");
    assert!(
        page.contains("\u{201c}Scaling frontier AI requires massive, reliable compute,\u{201d}")
    );
    assert!(
        page.contains("partner\u{2014}until recently\u{2014}just"),
        "em dashes kept"
    );
}

#[test]
fn pull_quotes_and_facts_are_grounded_in_the_text() {
    let Some((site, seed, page)) = built() else {
        return;
    };
    let gazette = &site.feed_json()["items"][0]["_gazette"];
    let quotes = gazette["pull_quotes"].as_array().expect("pull quotes");
    assert!(!quotes.is_empty() && quotes.len() <= 3, "{quotes:?}");
    for quote in quotes {
        let text = quote["text"].as_str().expect("text");
        assert!(seed.contains(text), "pull quote not verbatim: {text}");
        assert!(page.contains(&format!("<blockquote><p>{}</p></blockquote>", escape(text))));
    }
    let facts = gazette["facts"].as_array().expect("facts");
    assert!((3..=6).contains(&facts.len()), "{facts:?}");
    for fact in facts {
        let value = fact["value"].as_str().expect("value");
        assert!(seed.contains(value), "fact not in the text: {value}");
    }
    let values: Vec<&str> = facts.iter().filter_map(|f| f["value"].as_str()).collect();
    let deal_values = values.iter().filter(|v| v.contains("$38")).count();
    assert_eq!(
        deal_values, 1,
        "$38bn and $38 billion are one fact: {values:?}"
    );
    assert!(page.contains("<aside class=\"fact-box\""));
}
