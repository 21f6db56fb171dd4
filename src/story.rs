//! The parsed story: what a seed says, before any editorial judgement.
//!
//! A [`Story`] holds the seed's metadata (headline, dek, byline, date, front matter
//! choices) and its body as a list of [`Block`]s. It knows nothing of pull quotes, fact
//! boxes, slugs or HTML pages: those come later in the pipeline.

use crate::date::Date;

/// One story as parsed from one seed file.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// The seed's path relative to `seeds/`, with `/` separators (stable across systems).
    pub source_path: String,
    pub meta: Meta,
    pub blocks: Vec<Block>,
}

/// What a story says about itself: from the plain-text layout or the front matter.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    pub headline: String,
    pub dek: Option<String>,
    pub byline: Option<String>,
    pub date: Option<Date>,
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub tags: Vec<String>,
    pub slug: Option<String>,
    pub draft: bool,
    pub lead: bool,
    /// Pull quotes chosen by hand; when present they replace the desk's choice.
    pub pull_quotes: Option<Vec<ChosenPullQuote>>,
    /// Fact box items chosen by hand; when present they replace the desk's choice.
    pub facts: Option<Vec<ChosenFact>>,
}

/// A pull quote set in front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct ChosenPullQuote {
    pub text: String,
    pub attribution: Option<String>,
}

/// A fact box item set in front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct ChosenFact {
    pub label: String,
    pub value: String,
}

/// One top-level piece of a story body.
///
/// `text` is always plain text (what the editorial desk reads); `html` is the block's
/// inner markup, already escaped (plain text) or sanitized (Markdown) by the parser.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph {
        text: String,
        html: String,
    },
    Subheading {
        text: String,
        html: String,
    },
    /// A fenced or indented code block; highlighted at render time.
    Code {
        lang: Option<String>,
        code: String,
    },
    /// Any other Markdown block (list, block quote, table, raw HTML): shown, never mined.
    Other {
        text: String,
        html: String,
    },
}

impl Block {
    /// The plain text the editorial desk reads.
    pub fn text(&self) -> &str {
        match self {
            Block::Paragraph { text, .. }
            | Block::Subheading { text, .. }
            | Block::Other { text, .. } => text,
            Block::Code { code, .. } => code,
        }
    }
}
