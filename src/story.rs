//! The parsed story: what a seed says, before any editorial judgement.
//!
//! A [`Story`] holds the seed's metadata (headline, dek, bylines, dateline, dates,
//! corrections, embargo, front matter choices) and its body as a list of [`Block`]s. It knows nothing of pull quotes, fact
//! boxes, slugs or HTML pages: those come later in the pipeline.

use std::borrow::Cow;

use crate::date::{Date, Moment};

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
    /// Who wrote the story, in the order given; empty when the seed names nobody.
    pub bylines: Vec<Byline>,
    /// Where (and when, and for which agency) the story was filed: `WASHINGTON`,
    /// `LONDON, Nov 26 (Reuters)`. Shown before the first paragraph; never in its text.
    pub dateline: Option<String>,
    /// The day the story is published, in the site's time zone: what orders the digest.
    pub date: Option<Date>,
    /// The moment it is published (the start of `date` when the seed gives only a day).
    pub published: Option<Moment>,
    /// When the story was last changed, if the seed says.
    pub updated: Option<Moment>,
    /// Dated correction notices, oldest first, shown at the foot of the story.
    pub corrections: Vec<Correction>,
    /// The embargo: not published by a build that runs before this moment.
    pub publish_at: Option<Moment>,
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

/// One author of a story, with a link to their page if the seed gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Byline {
    pub name: String,
    /// Never a `javascript:` or other dangerous URL: the parser drops those with a warning.
    pub url: Option<String>,
}

/// A dated correction notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub date: Moment,
    /// Plain text; escaped wherever it is shown.
    pub text: String,
}

impl Meta {
    /// The moment the story is published: `published`, else the start of `date` in UTC
    /// (for stories built by hand without a parser, which sets both).
    pub fn published_moment(&self) -> Option<Moment> {
        self.published.clone().or_else(|| {
            self.date
                .map(|date| Moment::start_of_day(date, &jiff::tz::TimeZone::UTC))
        })
    }

    /// The latest of the publication, `updated` and every correction: when the story
    /// last changed. `None` for an undated story that was never updated or corrected.
    pub fn last_modified(&self) -> Option<Moment> {
        let corrections = self.corrections.iter().map(|c| c.date.clone());
        self.published_moment()
            .into_iter()
            .chain(self.updated.clone())
            .chain(corrections)
            .max()
    }

    /// The byline as one line of names: `Ada Reporter, Ben Writer and Cy Editor`.
    pub fn byline_names(&self) -> Option<String> {
        let names: Vec<&str> = self.bylines.iter().map(|b| b.name.as_str()).collect();
        match names.as_slice() {
            [] => None,
            [one] => Some(one.to_string()),
            [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
        }
    }
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
    /// The block's text escaped the way pulldown-cmark writes Markdown text (`<`, `>` and
    /// `&` only): a Markdown paragraph with no markup in it, kept once, as its text.
    BodyText,
    /// Markup the parser built (Markdown), escaped or sanitized already.
    Markup(String),
}

impl Html {
    /// The parser's `markup` for a block whose text is `text`: kept only when it is more
    /// than the text escaped (links, emphasis, line breaks …).
    pub fn from_markup(markup: String, text: &str) -> Html {
        let mut plain = String::with_capacity(text.len() + text.len() / 16);
        crate::html::push_escaped_body_text(&mut plain, text);
        if plain == markup {
            Html::BodyText
        } else {
            Html::Markup(markup)
        }
    }

    /// The markup of a block whose text is `text`.
    pub fn of<'a>(&'a self, text: &'a str) -> Cow<'a, str> {
        match self {
            Html::Markup(html) => Cow::Borrowed(html),
            Html::EscapedText | Html::BodyText => {
                let mut html = String::with_capacity(text.len() + text.len() / 8);
                self.push_to(&mut html, text);
                Cow::Owned(html)
            }
        }
    }

    /// Appends the markup of a block whose text is `text` to `out`.
    pub fn push_to(&self, out: &mut String, text: &str) {
        match self {
            Html::EscapedText => crate::html::push_escaped(out, text),
            Html::BodyText => crate::html::push_escaped_body_text(out, text),
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
