//! Sharing metadata built in code: JSON-LD (`NewsArticle` on story pages, `WebSite` with
//! a `SearchAction` on the front page) and the one-line description that Open Graph,
//! Twitter cards and JSON-LD share.
//!
//! The JSON goes inside `<script type="application/ld+json">`, where HTML escaping does
//! not apply and `</script>` in a headline would end the element: so `<`, `>` and `&`
//! are written as JSON `\u` escapes, which parsers read back as the same characters.
//! Pull quotes never become a description: they repeat the body. This module renders no
//! HTML around the JSON; themes place it.

use serde::Serialize;

use super::json_writer::{Pretty, write_markup_free};
use super::links::Links;
use crate::config::Config;
use crate::digest::DigestStory;

/// What a story says about itself in one line when shared: its dek, else its summary,
/// unless that summary is a pull quote's sentence, else its headline.
pub fn share_description(story: &DigestStory) -> String {
    let meta = &story.edited.story.meta;
    let markup = &story.edited.markup;
    if let Some(dek) = meta.dek.as_deref().filter(|d| !d.trim().is_empty()) {
        return dek.to_string();
    }
    let repeats_a_quote = markup
        .pull_quotes
        .iter()
        .any(|q| markup.summary.contains(q.text.as_str()));
    if markup.summary.trim().is_empty() || repeats_a_quote {
        meta.headline.clone()
    } else {
        markup.summary.clone()
    }
}

#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    description: String,
    url: String,
    main_entity_of_page: String,
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    author: Vec<Thing<'a>>,
    publisher: Thing<'a>,
    keywords: Vec<&'a str>,
}

/// JSON-LD `NewsArticle` for a story page, safe to print inside a `<script>` element.
pub fn news_article(story: &DigestStory, config: &Config, links: &Links) -> String {
    let meta = &story.edited.story.meta;
    let url = links.absolute(&story.slug);
    let publisher = Thing {
        kind: "Organization",
        name: &config.title,
        url: Some(&config.base_url),
    };
    let mut author: Vec<Thing> = meta
        .bylines
        .iter()
        .map(|byline| Thing {
            kind: "Person",
            name: byline_name(&byline.name),
            url: byline.url.as_deref(),
        })
        .filter(|person| !person.name.is_empty())
        .collect();
    if author.is_empty() {
        author.push(Thing {
            kind: "Organization",
            name: &config.title,
            url: Some(&config.base_url),
        });
    }
    let published = meta.published_moment().map(|m| m.rfc3339());
    let modified = meta.last_modified().map(|m| m.rfc3339());
    script_safe(&NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &meta.headline,
        description: share_description(story),
        main_entity_of_page: url.clone(),
        url,
        in_language: &config.language,
        date_modified: modified,
        date_published: published,
        author,
        publisher,
        keywords: story.topics.iter().map(|t| t.name.as_str()).collect(),
    })
}

/// `By Jane Doe` → `Jane Doe`: the byline as written may carry the word.
fn byline_name(byline: &str) -> &str {
    let trimmed = byline.trim();
    trimmed
        .strip_prefix("By ")
        .or_else(|| trimmed.strip_prefix("by "))
        .unwrap_or(trimmed)
        .trim()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WebSite<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    description: &'a str,
    url: &'a str,
    in_language: &'a str,
    potential_action: SearchAction,
}

#[derive(Serialize)]
struct SearchAction {
    #[serde(rename = "@type")]
    kind: &'static str,
    target: EntryPoint,
    #[serde(rename = "query-input")]
    query_input: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EntryPoint {
    #[serde(rename = "@type")]
    kind: &'static str,
    url_template: String,
}

/// JSON-LD `WebSite` with a `SearchAction` pointing at the search page, for the front page.
pub fn website(config: &Config, links: &Links) -> String {
    script_safe(&WebSite {
        context: "https://schema.org",
        kind: "WebSite",
        name: &config.title,
        description: &config.description,
        url: &config.base_url,
        in_language: &config.language,
        potential_action: SearchAction {
            kind: "SearchAction",
            target: EntryPoint {
                kind: "EntryPoint",
                url_template: format!("{}?q={{search_term_string}}", links.absolute("search")),
            },
            query_input: "required name=search_term_string",
        },
    })
}

/// JSON that cannot end or confuse the `<script>` element it is printed in.
pub fn script_safe(value: &impl Serialize) -> String {
    let mut json = Vec::new();
    // Serializing plain structs of strings into memory cannot fail.
    let _ = write_script_safe(&mut json, value);
    // Why no loss: serde_json writes UTF-8, and only whole characters are escaped.
    String::from_utf8(json).unwrap_or_default()
}

/// [`script_safe`] JSON written to `out` as it is serialized (no copies: the search
/// index is tens of megabytes on a big site).
pub fn write_script_safe(
    out: &mut dyn std::io::Write,
    value: &impl Serialize,
) -> std::io::Result<()> {
    write_markup_free(out, value, serde_json::ser::CompactFormatter, true)
}

/// Pretty JSON for a file of its own (`feed.json`), with no markup in it, so one opened
/// as a page, or pasted into one, carries none.
pub fn write_json_file(
    out: &mut dyn std::io::Write,
    value: &impl Serialize,
) -> std::io::Result<()> {
    write_markup_free(out, value, Pretty::default(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_reads_back_the_same() {
        let text = "</script><script>alert(1)</script> & \u{2028}";
        let safe = script_safe(&text);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: String = serde_json::from_str(&safe).expect("valid JSON");
        assert_eq!(back, text);
    }

    #[test]
    fn curly_quotes_around_markup_and_separators_read_back_the_same() {
        let text = "’’ a ’<b>’ \u{2028}’ & ’’\u{2029}";
        let safe = script_safe(&text);
        assert!(
            !safe.contains(['<', '>', '&', '\u{2028}', '\u{2029}']),
            "{safe}"
        );
        assert_eq!(safe.matches('’').count(), 7, "{safe}");
        let back: String = serde_json::from_str(&safe).expect("valid JSON");
        assert_eq!(back, text);
    }

    #[test]
    fn bylines_lose_their_by() {
        assert_eq!(byline_name("By Jane Doe"), "Jane Doe");
        assert_eq!(byline_name(" Jane Doe "), "Jane Doe");
    }
}
