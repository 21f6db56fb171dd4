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

use super::jsonld::script_safe;
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
    &'a str,
    String,
    Vec<&'a str>,
    Vec<&'a str>,
    String,
);

/// `search-index.js`: every story, front-page order, assigned to `window.gazetteSearchIndex`.
pub fn index_js(digest: &Digest, links: &Links) -> String {
    let dates: Vec<Option<String>> = digest
        .stories
        .iter()
        .map(|s| s.edited.story.meta.published_moment().map(|m| m.rfc3339()))
        .collect();
    let entries: Vec<Entry> = digest
        .stories
        .iter()
        .zip(&dates)
        .map(|(story, date)| entry(story, date.as_deref().unwrap_or(""), links))
        .collect();
    format!(
        "window.gazetteSearchIndex={{\"v\":1,\"stories\":{}}};\n",
        script_safe(&entries)
    )
}

fn entry<'a>(story: &'a DigestStory, date: &'a str, links: &Links) -> Entry<'a> {
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
        date,
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
                html: String::new(),
            },
            Block::Code {
                lang: None,
                code: "let secret = 1;".to_string(),
            },
            Block::Subheading {
                text: "Then".to_string(),
                html: String::new(),
            },
        ];
        assert_eq!(body_text(&blocks), "First line wraps. Then");
    }
}
