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
        if matches!(block, Block::Code { .. }) {
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.extend(block.text().split_whitespace().flat_map(|w| [w, " "]));
        text.pop();
    }
    text
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
}
