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
use std::io::Write;

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
    let formatter = MarkupFree {
        inner: serde_json::ser::CompactFormatter,
        line_separators: true,
    };
    write_with(out, value, formatter)
}

/// Pretty JSON for a file of its own (`feed.json`), with no markup in it, so one opened
/// as a page, or pasted into one, carries none.
pub fn write_json_file(
    out: &mut dyn std::io::Write,
    value: &impl Serialize,
) -> std::io::Result<()> {
    let formatter = MarkupFree {
        inner: serde_json::ser::PrettyFormatter::new(),
        line_separators: false,
    };
    write_with(out, value, formatter)
}

/// serde_json writes JSON in many small pieces (one per escape it makes); a buffer
/// gathers them, so the writers below (a byte counter, a file) see large blocks.
fn write_with(
    out: &mut dyn std::io::Write,
    value: &impl Serialize,
    formatter: impl serde_json::ser::Formatter,
) -> std::io::Result<()> {
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, out);
    let mut serializer = serde_json::Serializer::with_formatter(&mut buffered, formatter);
    value.serialize(&mut serializer)?;
    buffered.flush()
}

/// A JSON formatter that writes `<`, `>` and `&` inside strings as `\u` escapes (and, for
/// scripts, U+2028 and U+2029, which end a line in older JavaScript). Those characters
/// only occur inside JSON strings, where an escape is the same text to any parser, so
/// the JSON means what it meant and can neither close a `<script>` nor open markup.
/// Layout (compact or pretty) is left to `inner`.
struct MarkupFree<F> {
    inner: F,
    line_separators: bool,
}

impl<F> MarkupFree<F> {
    /// The escape for the character that starts `rest`, if it needs one, and its length.
    fn escape(&self, rest: &[u8]) -> Option<(&'static [u8], usize)> {
        match rest {
            [b'<', ..] => Some((b"\\u003c", 1)),
            [b'>', ..] => Some((b"\\u003e", 1)),
            [b'&', ..] => Some((b"\\u0026", 1)),
            [0xE2, 0x80, 0xA8, ..] if self.line_separators => Some((b"\\u2028", 3)),
            [0xE2, 0x80, 0xA9, ..] if self.line_separators => Some((b"\\u2029", 3)),
            _ => None,
        }
    }
}

/// Everything but string text goes to the inner formatter, which owns the layout.
macro_rules! delegate {
    ($($method:ident $(($first:ident))?),*) => {$(
        fn $method<W: ?Sized + std::io::Write>(
            &mut self,
            writer: &mut W,
            $($first: bool,)?
        ) -> std::io::Result<()> {
            self.inner.$method(writer, $($first)?)
        }
    )*};
}

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for MarkupFree<F> {
    delegate!(
        begin_array,
        end_array,
        begin_array_value(first),
        end_array_value,
        begin_object,
        end_object,
        begin_object_key(first),
        end_object_key,
        begin_object_value,
        end_object_value
    );

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let bytes = fragment.as_bytes();
        let (mut start, mut at) = (0, 0);
        let markup_from =
            |at: usize| memchr::memchr3(b'<', b'>', b'&', &bytes[at..]).map(|i| at + i);
        // Each search starts where the last stopped, so a long string is read once
        // (searching ahead for markup again after every `’` would read it once per `’`).
        let mut next_markup = markup_from(0);
        loop {
            let before = next_markup.unwrap_or(bytes.len());
            let separator = match self.line_separators {
                true => memchr::memchr(0xE2, &bytes[at..before]).map(|i| at + i),
                false => None,
            };
            let Some(found) = separator.or(next_markup) else {
                break;
            };
            at = found;
            match self.escape(&bytes[at..]) {
                Some((escape, len)) => {
                    writer.write_all(&bytes[start..at])?;
                    writer.write_all(escape)?;
                    at += len;
                    start = at;
                }
                None => at += 1,
            }
            if next_markup.is_some_and(|markup| markup < at) {
                next_markup = markup_from(at);
            }
        }
        writer.write_all(&bytes[start..])
    }
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
