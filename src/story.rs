//! The parsed story: what a seed says, before any editorial judgement.
//!
//! A [`Story`] holds the seed's metadata (headline, dek, byline, date, front matter
//! choices) and its body as a list of [`Block`]s. It knows nothing of pull quotes, fact
//! boxes, slugs or HTML pages: those come later in the pipeline.

use std::borrow::Cow;

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
        html: Html,
    },
    Subheading {
        text: String,
        html: Html,
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

/// The inner markup of a paragraph or subheading.
#[derive(Debug, Clone, PartialEq)]
pub enum Html {
    /// The block's text, escaped: all a plain-text seed gives. Escaped when shown rather
    /// than kept twice (a digest's text is most of a build's memory).
    EscapedText,
    /// Markup the parser built (Markdown), escaped or sanitized already.
    Markup(String),
}

impl Html {
    /// The markup of a block whose text is `text`.
    pub fn of<'a>(&'a self, text: &'a str) -> Cow<'a, str> {
        match self {
            Html::EscapedText => Cow::Owned(crate::html::escape(text)),
            Html::Markup(html) => Cow::Borrowed(html),
        }
    }

    /// Appends the markup of a block whose text is `text` to `out`.
    pub fn push_to(&self, out: &mut String, text: &str) {
        match self {
            Html::EscapedText => crate::html::push_escaped(out, text),
            Html::Markup(html) => out.push_str(html),
        }
    }
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
