//! The editorial desk: pure functions from a story's plain text to editorial data —
//! direct quotes and who said them, pull quotes and where they go, a fact box, the
//! topics a story is about, a summary and a reading time.
//!
//! It knows nothing of HTML, templates or files, and it cannot fail: any text, however
//! odd, gives a (possibly empty) [`Markup`]. Everything it returns that quotes the story
//! (quote texts, pull quotes, fact values) is copied verbatim from the story, so a theme
//! can trust it. One idea per file:
//!
//! - `sentence`: sentence splitting around abbreviations, initials and decimals;
//! - `quote`: direct quotes and speaker attribution;
//! - `pull_quote`: candidate scoring and choice;
//! - `placement`: where pull quotes go between blocks;
//! - `fact_box`: figures, their labels, merging and ranking;
//! - `topic`: people, organisations and places named in the story;
//! - `words`: the shared tokenizer and word lists;
//! - `grounding`: the check that everything quoted is in the story.

use serde::Serialize;

mod fact_box;
mod grounding;
mod placement;
mod pull_quote;
mod quote;
mod sentence;
mod topic;
mod words;

#[cfg(test)]
mod seed_tests;

pub use grounding::ungrounded;
pub use placement::{find_source_block, place_pull_quotes, place_pull_quotes_checked};
pub use sentence::split_sentences;

/// Words as the desk counts them (runs with a letter or digit), the measure behind the
/// pull-quote length limits; exposed so tests and tools count the same way.
pub fn count_words(text: &str) -> usize {
    words::word_count(text)
}

/// What a block of the story is, as far as the desk cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Subheading,
    /// Code, list, table: counted for words, never quoted or mined.
    Other,
}

/// The plain text of one block, no markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block<'a> {
    pub kind: BlockKind,
    pub text: &'a str,
}

/// A story as the desk sees it.
#[derive(Debug, Clone, Copy)]
pub struct Copy<'a> {
    pub headline: &'a str,
    pub dek: Option<&'a str>,
    pub blocks: &'a [Block<'a>],
}

/// House rules for the desk's output.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_pull_quotes: usize,
    pub min_quote_words: usize,
    pub max_quote_words: usize,
    pub max_facts: usize,
    pub min_facts: usize,
    pub words_per_minute: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_pull_quotes: 3,
            min_quote_words: 8,
            max_quote_words: 35,
            max_facts: 6,
            min_facts: 3,
            words_per_minute: 230,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    pub name: String,
    pub role: Option<String>,
}

/// A direct quote: `text == blocks[block].text[start..end]`, the words inside the marks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub text: String,
    pub block: usize,
    pub start: usize,
    pub end: usize,
    pub speaker: Option<Speaker>,
}

/// A span of the story to set large; `text` is found verbatim in
/// `blocks[source_block].text`, and the pull quote goes before block `place_before`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PullQuote {
    pub text: String,
    pub speaker: Option<Speaker>,
    pub source_block: usize,
    pub place_before: usize,
    pub score: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    Money,
    Percent,
    Count,
    Date,
    Person,
    Organisation,
    Place,
}

/// One line of the fact box. `value` is copied verbatim from the headline, the dek
/// (`block == None`) or a block; `machine_value` is a plain number for money, counts
/// and percentages (`"38000000000"`, `"3.5"`), an ISO date or year for dates
/// (`"2026"`, `"2027-03"`, `"2026-11-03"`), and `None` where the text gives no exact
/// figure (`hundreds of thousands of GPUs`, a score `3-1`, a person).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
    pub kind: FactKind,
    pub block: Option<usize>,
    pub machine_value: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TopicKind {
    Person,
    Organisation,
    Place,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    pub name: String,
    pub kind: TopicKind,
    pub mentions: usize,
}

/// Everything the desk has to say about one story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Markup {
    pub quotes: Vec<Quote>,
    pub pull_quotes: Vec<PullQuote>,
    pub facts: Vec<Fact>,
    pub topics: Vec<Topic>,
    pub summary: String,
    pub word_count: usize,
    pub reading_minutes: usize,
}

/// Reads one story and returns its editorial markup.
pub fn edit(copy: &Copy, limits: &Limits) -> Markup {
    let blocks = copy.blocks;
    let word_count: usize = blocks.iter().map(|b| words::word_count(b.text)).sum();
    let known_names = topic::full_names(blocks);
    let found = quote::find_quotes(blocks, &known_names);
    let speakers: Vec<&Speaker> = found
        .iter()
        .filter_map(|f| f.quote.speaker.as_ref())
        .collect();
    let topics = topic::find_topics(copy, &speakers);
    let facts = fact_box::build(copy, &speakers, &topics, limits);
    let pull_quotes = pull_quote::choose(blocks, &found, word_count, limits);
    Markup {
        quotes: found.into_iter().map(|f| f.quote).collect(),
        pull_quotes,
        facts,
        topics,
        summary: summary(copy),
        word_count,
        reading_minutes: reading_minutes(word_count, limits.words_per_minute),
    }
}

/// Whole minutes to read `words`, rounded up, never less than one.
pub fn reading_minutes(words: usize, words_per_minute: usize) -> usize {
    words.div_ceil(words_per_minute.max(1)).max(1)
}

/// The dek if there is one, else the lede: the first sentence of the first paragraph.
pub fn summary(copy: &Copy) -> String {
    if let Some(dek) = copy.dek.map(str::trim).filter(|d| !d.is_empty()) {
        return dek.to_string();
    }
    lede(copy.blocks)
        .map(|(block, range)| copy.blocks[block].text[range].to_string())
        .unwrap_or_default()
}

/// Block index and byte range of the lede sentence.
pub(crate) fn lede(blocks: &[Block]) -> Option<(usize, std::ops::Range<usize>)> {
    let first = blocks.iter().position(|b| b.kind == BlockKind::Paragraph)?;
    let text = blocks[first].text;
    // Only the first sentence is needed; look at a bounded prefix so a giant
    // paragraph is not split twice.
    let prefix = &text[..words::floor_boundary(text, 4096)];
    let range = split_sentences(prefix).into_iter().next()?;
    Some((first, range))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block<'_> {
        Block {
            kind: BlockKind::Paragraph,
            text,
        }
    }

    #[test]
    fn summary_is_dek_or_lede() {
        let blocks = [para("First sentence here. Second one.")];
        let copy = Copy {
            headline: "H",
            dek: None,
            blocks: &blocks,
        };
        assert_eq!(summary(&copy), "First sentence here.");
        let copy = Copy {
            headline: "H",
            dek: Some(" The dek. "),
            blocks: &blocks,
        };
        assert_eq!(summary(&copy), "The dek.");
    }

    #[test]
    fn word_count_and_reading_time() {
        let blocks = [
            para("one two three"),
            Block {
                kind: BlockKind::Other,
                text: "fn main() {}",
            },
        ];
        let copy = Copy {
            headline: "Not counted at all",
            dek: None,
            blocks: &blocks,
        };
        let m = edit(&copy, &Limits::default());
        assert_eq!(m.word_count, 5);
        assert_eq!(m.reading_minutes, 1);
        assert_eq!(reading_minutes(461, 230), 3);
        assert_eq!(reading_minutes(0, 0), 1);
    }

    #[test]
    fn empty_story_gives_empty_markup() {
        let copy = Copy {
            headline: "",
            dek: None,
            blocks: &[],
        };
        let m = edit(&copy, &Limits::default());
        assert!(m.quotes.is_empty() && m.pull_quotes.is_empty() && m.facts.is_empty());
        assert_eq!(m.summary, "");
    }
}
