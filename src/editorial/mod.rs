//! The editorial desk: pure functions from a story's plain text to editorial data —
//! direct quotes and who said them, pull quotes and where they go, a fact box, the
//! topics a story is about, a summary and a reading time.
//!
//! It knows nothing of HTML, templates or files, and it cannot fail: any text, however
//! odd, gives a (possibly empty) [`Markup`]. Everything it returns that quotes the story
//! (quote texts, pull quotes, fact values) is copied verbatim from the story, so a theme
//! can trust it. [`explain`] gives the same work with its reasons, for `gazette
//! explain`. Each text is split into words and sentences once, and every part of the
//! desk reads that one analysis. One idea per file:
//!
//! - `text`: a text's words (with their lists and shape) and sentences, found in one
//!   pass and shared;
//! - `sentence`: sentence splitting around abbreviations, initials and decimals;
//! - `quote`: where the quotation marks open and close;
//! - `names`: people and organisations, and the story's cast of full names;
//! - `attribution`: who said each quote;
//! - `pull_quote`: candidate scoring and choice, with a reason for each;
//! - `placement`: where pull quotes go between blocks;
//! - `figure`: the quantities a text states, verbatim;
//! - `fact_label`: a short label for each figure from the words around it;
//! - `fact_box`: merging, ranking, and the who-and-what box;
//! - `topic`: people, organisations and places named in the story;
//! - `words`: the shared tokenizer and word lists;
//! - `grounding`: the check that everything quoted is in the story.

use serde::Serialize;

mod attribution;
mod fact_box;
mod fact_label;
mod figure;
mod grounding;
mod names;
mod placement;
mod pull_quote;
mod quote;
mod sentence;
mod text;
mod topic;
mod words;

#[cfg(test)]
mod seed_tests;

pub use grounding::ungrounded;
pub use placement::{find_source_block, place_pull_quotes, place_pull_quotes_checked};
pub use sentence::split_sentences;

use text::Analysed;

/// Words in a text, counted the way the desk counts them (runs of letters and digits):
/// the measure behind the pull-quote length limits, exposed so tests and tools count
/// the same way.
pub fn word_count(text: &str) -> usize {
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

impl<'a> Block<'a> {
    /// A paragraph: the only kind the desk mines.
    pub fn paragraph(text: &'a str) -> Block<'a> {
        Block {
            kind: BlockKind::Paragraph,
            text,
        }
    }
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

/// One paragraph's share of a quote: the words inside the marks are
/// `blocks[block].text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct QuotePart {
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

/// A direct quote: one part, or one per paragraph when it runs over several
/// paragraphs; `text` is the parts' words, one line per paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub text: String,
    pub parts: Vec<QuotePart>,
    pub speaker: Option<Speaker>,
}

impl Quote {
    /// The block the quote opens in.
    pub fn block(&self) -> usize {
        self.parts.first().map_or(0, |p| p.block)
    }
}

/// How the desk found a quote's speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribution {
    /// A reporting clause after the quote names the speaker (`“…,” said X`).
    After,
    /// A reporting clause before the quote names the speaker (`X said: “…”`).
    Before,
    /// `he said`: the person the story last named.
    Pronoun,
    /// No clause of its own: it continues the quote before it.
    Continues,
    /// It opens a paragraph that the one before led in to (`X told the court …`).
    LeadIn,
    /// `a spokesperson said`: speech by no one named.
    Unnamed,
    /// No reporting clause at all.
    None,
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
    /// A measured quantity with its unit: `34C`, `6,300kg`, a time `2:02:41`.
    Measure,
    Date,
    Person,
    Organisation,
    Place,
}

/// One line of the fact box. `value` is copied verbatim from the headline, the dek
/// (`block == None`) or a block; `machine_value` is a plain number for money, counts,
/// measures and percentages (`"38000000000"`, `"3.5"`), an ISO date or year for dates
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

/// Where a figure or a candidate stands: the headline, the dek, or a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "in", content = "index")]
pub enum Place {
    Headline,
    Dek,
    Block(usize),
}

/// A pull-quote candidate and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub text: String,
    pub block: usize,
    pub start: usize,
    pub end: usize,
    /// A direct quote (set large without its marks) rather than the story's own words.
    pub quoted: bool,
    pub speaker: Option<Speaker>,
    pub score: f32,
    /// What raised or lowered the score (`first or second person`, `dates` …).
    pub signals: Vec<&'static str>,
    pub chosen: bool,
    /// Why it was chosen (`placed before block 7`) or not (`starts with "It"` …).
    pub reason: String,
}

/// A figure the desk read, whether it made the box or not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureNote {
    pub label: String,
    pub value: String,
    pub kind: FactKind,
    /// Where it was first met, and the byte range of the value there.
    pub place: Place,
    pub start: usize,
    pub end: usize,
    /// Every other place the same quantity was met (`$38bn` / `$38 billion`).
    pub also_at: Vec<Place>,
    pub score: f32,
    /// How the label was found (`noun after the figure`, `subject of the clause` …).
    pub label_from: &'static str,
    pub in_box: bool,
}

/// The desk's work on one story with its reasons: what `gazette explain` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub markup: Markup,
    /// How each quote's speaker was found, one per `markup.quotes`.
    pub attributions: Vec<Attribution>,
    /// Every pull-quote candidate, best score first.
    pub candidates: Vec<Candidate>,
    /// Every figure read, best first.
    pub figures: Vec<FigureNote>,
    /// Why the fact box holds names, or nothing, when it does.
    pub fact_box_note: Option<String>,
}

/// Reads one story and returns its editorial markup.
pub fn edit(copy: &Copy, limits: &Limits) -> Markup {
    desk(copy, limits, false).markup
}

/// Reads one story and returns its editorial markup with the reasons behind it: every
/// pull-quote candidate (the sentences left out too) and every figure read.
pub fn explain(copy: &Copy, limits: &Limits) -> Explanation {
    desk(copy, limits, true)
}

/// The desk's one pass; `keep_all` keeps every rejected candidate for `explain`.
fn desk(copy: &Copy, limits: &Limits, keep_all: bool) -> Explanation {
    let blocks = copy.blocks;
    let read = text::Reading::new(copy);
    let paragraphs = &read.paragraphs;
    let word_count: usize = blocks
        .iter()
        .zip(paragraphs)
        .map(|(b, a)| {
            a.as_ref()
                .map_or_else(|| words::word_count(b.text), Analysed::word_count)
        })
        .sum();
    let cast = names::Cast::gather(paragraphs);
    let found = attribution::attribute(paragraphs, quote::find_spans(blocks), &cast);
    let speakers: Vec<&Speaker> = found
        .iter()
        .filter_map(|f| f.quote.speaker.as_ref())
        .collect();
    let topics = topic::find_topics(
        &read.headline,
        read.dek.as_ref(),
        blocks,
        paragraphs,
        &speakers,
    );
    let quoted: Vec<QuotePart> = found
        .iter()
        .flat_map(|f| f.quote.parts.iter().copied())
        .collect();
    let boxed = fact_box::build(&read, &quoted, &speakers, &topics, limits, keep_all);
    let chosen = pull_quote::choose(&read, &found, word_count, limits, keep_all);
    let attributions = found.iter().map(|f| f.how).collect();
    Explanation {
        markup: Markup {
            quotes: found.into_iter().map(|f| f.quote).collect(),
            pull_quotes: chosen.pull_quotes,
            facts: boxed.facts,
            topics,
            summary: summary_from(copy, paragraphs),
            word_count,
            reading_minutes: reading_minutes(word_count, limits.words_per_minute),
        },
        attributions,
        candidates: chosen.candidates,
        figures: boxed.figures,
        fact_box_note: boxed.note,
    }
}

/// How many pull quotes a story of `word_count` words calls for, before the site's limit.
pub fn pull_quotes_wanted(word_count: usize) -> usize {
    pull_quote::wanted_count(word_count)
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
    let Some(first) = copy
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Paragraph)
    else {
        return String::new();
    };
    let text = copy.blocks[first].text;
    // Only the first sentence is needed; a bounded prefix keeps a giant paragraph cheap.
    let prefix = &text[..words::floor_boundary(text, 4096)];
    split_sentences(prefix)
        .into_iter()
        .next()
        .map(|r| prefix[r].to_string())
        .unwrap_or_default()
}

fn summary_from(copy: &Copy, analysed: &[Option<Analysed>]) -> String {
    if let Some(dek) = copy.dek.map(str::trim).filter(|d| !d.is_empty()) {
        return dek.to_string();
    }
    lede(analysed)
        .map(|(block, range)| copy.blocks[block].text[range].to_string())
        .unwrap_or_default()
}

/// Block index and byte range of the lede sentence.
fn lede(analysed: &[Option<Analysed>]) -> Option<(usize, std::ops::Range<usize>)> {
    analysed.iter().enumerate().find_map(|(i, a)| {
        let s = a.as_ref()?.sentences.first()?;
        Some((i, s.start..s.end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_is_dek_or_lede() {
        let blocks = [Block::paragraph("First sentence here. Second one.")];
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
            Block::paragraph("one two three"),
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
