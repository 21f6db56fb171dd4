//! Seeds: finding the story files under `seeds/` and turning each into a [`Story`].
//!
//! Discovery ([`discover`]) is the only part that touches the file system; parsing
//! ([`parse_seed`]) is a pure function of a file's path and bytes. Neither makes any
//! editorial judgement: that is the desk's job.

mod byline;
mod dateline;
mod discover;
mod error;
mod front_matter;
mod markdown;
mod plain_text;
mod text;

pub use discover::{Discovery, ListedSeed, Listing, SeedFile, discover, list, read_seed};
pub use error::{SeedError, SeedProblem, SeedWarning};

use crate::story::{Block, Meta, Story};

/// What parsing one seed produced: the story and anything worth a warning.
#[derive(Debug)]
pub struct ParsedSeed {
    pub story: Story,
    pub warnings: Vec<SeedWarning>,
}

/// Options that change how a seed is parsed.
#[derive(Debug, Clone)]
pub struct ParseOptions {
    /// Keep raw HTML in Markdown as written (the site opted in with `unsafe_html`).
    pub unsafe_html: bool,
    /// The site's time zone (config `timezone`): dates without an offset are read in it.
    /// UTC by default.
    pub time_zone: jiff::tz::TimeZone,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            unsafe_html: false,
            time_zone: jiff::tz::TimeZone::UTC,
        }
    }
}

/// Parses one seed file, choosing the format by its extension.
pub fn parse_seed(seed: &SeedFile, options: &ParseOptions) -> Result<ParsedSeed, SeedProblem> {
    let problem = |error| SeedProblem {
        path: seed.display_path(),
        error,
    };
    let source = text::decode(&seed.bytes).map_err(problem)?;
    let file_name = seed.relative_path.rsplit('/').next().unwrap_or_default();
    let (meta, blocks, warnings) = match seed.format {
        SeedFormat::PlainText => {
            let (meta, blocks) =
                plain_text::parse(&source, file_name, &options.time_zone).map_err(problem)?;
            (meta, blocks, Vec::new())
        }
        SeedFormat::Markdown => markdown::parse(&source, options).map_err(problem)?,
    };
    let warnings = warnings
        .into_iter()
        .chain(shape_warnings(&meta, &blocks))
        .map(|(line, message)| SeedWarning {
            path: seed.display_path(),
            line,
            message,
        })
        .collect();
    Ok(ParsedSeed {
        story: Story {
            source_path: seed.relative_path.clone(),
            meta,
            blocks,
        },
        warnings,
    })
}

/// Headlines longer than this are most likely a missing line break.
const LONG_HEADLINE_CHARS: usize = 200;

/// Stories that build but look wrong: no body, or a headline that swallowed the story.
fn shape_warnings(meta: &Meta, blocks: &[Block]) -> error::LineWarnings {
    let mut warnings = Vec::new();
    if blocks.is_empty() {
        warnings.push((
            None,
            "the story has a headline but no body; it is published with the headline alone"
                .to_string(),
        ));
    }
    let headline_chars = meta.headline.chars().count();
    if headline_chars > LONG_HEADLINE_CHARS {
        warnings.push((
            None,
            format!(
                "the headline is {headline_chars} characters long; put a line break after the headline (over {LONG_HEADLINE_CHARS} is unusual)"
            ),
        ));
    }
    warnings
}

/// The seed formats gazette reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedFormat {
    /// `.txt`: wire copy, headline on the first line.
    PlainText,
    /// `.md`: CommonMark with optional TOML front matter between `+++` lines.
    Markdown,
}

impl SeedFormat {
    pub fn from_extension(extension: &str) -> Option<SeedFormat> {
        match extension {
            "txt" => Some(SeedFormat::PlainText),
            "md" => Some(SeedFormat::Markdown),
            _ => None,
        }
    }
}
