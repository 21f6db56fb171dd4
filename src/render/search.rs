//! Search without a server: the compact index (`search-index.js`) and the script that
//! queries it (`search.js`), for the search page at `search/index.html`.
//!
//! The index is a script, not a JSON file, so it loads from `file://` as well as over
//! HTTP (browsers refuse `fetch` on local files). It holds, per story, what a reader
//! searches by and what a result shows: path, headline, dek, date, topics, speakers and
//! the body's plain text (no pull quotes: they repeat the body; no code). The script
//! builds its word index when the page loads and answers each query from it. This module
//! builds no HTML: the theme's `search.html` lists every story for readers without
//! JavaScript.

use serde::Serialize;

use super::jsonld::write_script_safe;
use super::links::Links;
use crate::digest::{Digest, DigestStory};
use crate::story::Block;

/// The search script, shared by every theme.
pub const SCRIPT: &str = include_str!("search.js");

/// Two spaces in a row, searched for in every paragraph: built once (building a searcher
/// per paragraph cost as much as the search).
static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// Where the two files go, relative to the output root.
pub const INDEX_FILE: &str = "search-index.js";
pub const SCRIPT_FILE: &str = "search.js";

/// One story in the index, as a positional array to keep the file small:
/// `[path, headline, dek, date, date_display, topics, speakers, text]`, where `date` is
/// the publication moment with its offset, for `<time datetime>`.
#[derive(Serialize)]
struct Entry<'a>(
    String,
    &'a str,
    &'a str,
    String,
    String,
    Vec<&'a str>,
    Vec<&'a str>,
    String,
);

/// Every story's entry, made one at a time as the index is written: together they hold
/// the whole digest's text.
struct Entries<'a> {
    digest: &'a Digest,
    links: &'a Links,
}

impl Serialize for Entries<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.digest
                .stories
                .iter()
                .map(|story| entry(story, self.links)),
        )
    }
}

/// `search-index.js`: every story, front-page order, assigned to `window.gazetteSearchIndex`.
pub fn index_js(digest: &Digest, links: &Links) -> String {
    let mut js = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_index_js(digest, links, &mut js);
    // Why no loss: the prefix and suffix are ASCII and the JSON is UTF-8.
    String::from_utf8(js).unwrap_or_default()
}

/// [`index_js`], written to `out` as it is made (tens of megabytes on a big site).
pub fn write_index_js(
    digest: &Digest,
    links: &Links,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    out.write_all(b"window.gazetteSearchIndex={\"v\":1,\"stories\":")?;
    write_script_safe(out, &Entries { digest, links })?;
    out.write_all(b"};\n")
}

/// One story's entry, byte for byte as [`write_index_js`] writes it (script-safe JSON):
/// a live session keeps one per story and joins them with [`write_index_js_of_entries`].
pub fn index_entry(story: &DigestStory, links: &Links) -> Vec<u8> {
    let mut json = Vec::with_capacity(2048);
    // Writing into memory cannot fail.
    let _ = write_script_safe(&mut json, &entry(story, links));
    json
}

/// [`write_index_js`] from every story's entry already made by [`index_entry`], in
/// front-page order: the same bytes.
pub fn write_index_js_of_entries<'e>(
    entries: impl Iterator<Item = &'e [u8]>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    out.write_all(b"window.gazetteSearchIndex={\"v\":1,\"stories\":[")?;
    for (index, entry) in entries.enumerate() {
        if index > 0 {
            out.write_all(b",")?;
        }
        out.write_all(entry)?;
    }
    out.write_all(b"]};\n")
}

fn entry<'a>(story: &'a DigestStory, links: &Links) -> Entry<'a> {
    let meta = &story.edited.story.meta;
    let mut speakers: Vec<&str> = story
        .edited
        .markup
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref().map(|s| s.name.as_str()))
        .collect();
    speakers.sort_unstable();
    speakers.dedup();
    Entry(
        links.story_path(&story.slug),
        &meta.headline,
        meta.dek.as_deref().unwrap_or(""),
        meta.published_moment()
            .map(|m| m.rfc3339())
            .unwrap_or_default(),
        meta.date.map(|d| d.display_long()).unwrap_or_default(),
        story.topics.iter().map(|t| t.name.as_str()).collect(),
        speakers,
        body_text(&story.edited.story.blocks),
    )
}

/// The body as one line of plain text: paragraphs, subheadings and lists, no code.
fn body_text(blocks: &[Block]) -> String {
    let mut text = String::new();
    for block in blocks {
        if !matches!(block, Block::Code { .. }) {
            push_words(&mut text, block.text());
        }
    }
    text
}

/// Appends the words of `text` to `out`, one space between each (and before the first
/// when `out` has text): what `split_whitespace` joined with spaces gives. Every story's
/// whole body passes through here, and most paragraphs already are their words joined
/// by single spaces: those are copied whole after a check that runs over whole
/// vectors of bytes, instead of going through `split_whitespace` word by word.
fn push_words(out: &mut String, text: &str) {
    if is_words_joined_by_spaces(text) {
        if !text.is_empty() {
            push_word(out, text);
        }
        return;
    }
    let mut word_start = None;
    let mut at = 0;
    while at < text.len() {
        let space = whitespace_len(text, at);
        if space == 0 {
            word_start.get_or_insert(at);
            at += 1;
            continue;
        }
        if let Some(start) = word_start.take() {
            push_word(out, &text[start..at]);
        }
        at += space;
    }
    if let Some(start) = word_start {
        push_word(out, &text[start..]);
    }
}

/// Whether `text` has no whitespace but single ASCII spaces between words.
fn is_words_joined_by_spaces(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    // Not short-circuiting lets the compiler test many bytes at once. U+1680 and U+3000
    // (lead bytes E1 and E3) are rare enough to send to the slow path whole.
    let rare = bytes.iter().fold(false, |seen, &byte| {
        seen | matches!(byte, b'\t'..=b'\r' | 0xE1 | 0xE3)
    });
    // C2 and E2 lead `£`, `©` and curly quotes too: each is decoded and looked at.
    !rare
        && DOUBLE_SPACE.find(bytes).is_none()
        && memchr::memchr2_iter(0xC2, 0xE2, bytes).all(|at| whitespace_len(text, at) == 0)
}

fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

/// The length in bytes of the whitespace character starting at byte `at` of `text`, or 0.
/// `at` is a character boundary whenever a word or a whitespace character just ended, and
/// a byte inside a character is never the start of one (continuation bytes are not
/// among the lead bytes tested).
fn whitespace_len(text: &str, at: usize) -> usize {
    match text.as_bytes()[at] {
        b' ' | b'\t'..=b'\r' => 1,
        // The lead bytes of the White_Space characters above ASCII: U+0085, U+00A0,
        // U+1680, U+2000–U+205F and U+3000.
        0xC2 | 0xE1 | 0xE2 | 0xE3 => text[at..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_text_is_one_line_without_code() {
        let blocks = vec![
            Block::Paragraph {
                text: "First  line\nwraps.".to_string(),
                html: crate::story::Html::EscapedText,
            },
            Block::Code {
                lang: None,
                code: "let secret = 1;".to_string(),
            },
            Block::Subheading {
                text: "Then".to_string(),
                html: crate::story::Html::EscapedText,
            },
        ];
        assert_eq!(body_text(&blocks), "First line wraps. Then");
    }

    #[test]
    fn words_are_joined_as_split_whitespace_joins_them() {
        let samples = [
            "",
            " ",
            "one",
            "  two  words  ",
            "tab\tnew\nline\r\nvertical\u{b}feed\u{c}end",
            "no\u{a0}break\u{2009}thin\u{3000}ideographic\u{85}next\u{1680}ogham",
            "line\u{2028}para\u{2029}narrow\u{202f}math\u{205f}end",
            "curly “quotes” — dashes – and ’apostrophes’ stay",
            "not spaces: \u{200b}zero-width \u{2060}joiner \u{feff}bom é ü ß 中文",
            "\u{e2}\u{e3}\u{c2}",
        ];
        for sample in samples {
            for before in ["", "earlier"] {
                let mut ours = before.to_string();
                push_words(&mut ours, sample);
                let expected = before
                    .split_whitespace()
                    .chain(sample.split_whitespace())
                    .collect::<Vec<_>>()
                    .join(" ");
                assert_eq!(ours, expected, "{sample:?} after {before:?}");
            }
        }
        // Every character, between two words and doubled at the end.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let sample = format!("a{c}b{c}{c}");
            let mut ours = String::new();
            push_words(&mut ours, &sample);
            let expected = sample.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(ours, expected, "U+{:04X}", u32::from(c));
        }
    }
}
