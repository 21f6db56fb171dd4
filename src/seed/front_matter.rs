//! TOML front matter between `+++` lines at the top of a Markdown seed.
//!
//! Splits it from the body, checks it, and turns it into [`Meta`]. Errors carry the line
//! and column in the seed file (not in the front matter block). Unknown fields are
//! warnings, so a seed written for a newer gazette still builds.

use serde::Deserialize;
use toml::Spanned;

use super::SeedError;
use super::error::LineWarnings;
use crate::date::Date;
use crate::location::line_and_column;
use crate::story::{ChosenFact, ChosenPullQuote, Meta};

const FENCE: &str = "+++";
const KNOWN_FIELDS: [&str; 12] = [
    "title",
    "dek",
    "date",
    "byline",
    "source",
    "source_url",
    "tags",
    "slug",
    "draft",
    "lead",
    "pull_quotes",
    "facts",
];

/// A seed split at its front matter: the TOML (if any) and the body.
pub struct Split<'a> {
    pub front_matter: Option<&'a str>,
    pub body: &'a str,
}

/// Finds a `+++` block at the very top of `source`.
pub fn split(source: &str) -> Result<Split<'_>, SeedError> {
    let Some(after_open) = source.strip_prefix(FENCE).and_then(strip_line_end) else {
        return Ok(Split {
            front_matter: None,
            body: source,
        });
    };
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == FENCE {
            let front_matter = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            return Ok(Split {
                front_matter: Some(front_matter),
                body,
            });
        }
        offset += line.len();
    }
    Err(SeedError::UnclosedFrontMatter { line: 1 })
}

/// The rest of the first line after `+++`, which must be empty.
fn strip_line_end(rest: &str) -> Option<&str> {
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.strip_prefix('\n')
        .or_else(|| rest.is_empty().then_some(rest))
}

#[derive(Deserialize)]
struct FrontMatter {
    title: Option<String>,
    dek: Option<String>,
    date: Option<Spanned<toml::Value>>,
    byline: Option<String>,
    source: Option<String>,
    source_url: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    slug: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    lead: bool,
    pull_quotes: Option<Vec<PullQuoteEntry>>,
    facts: Option<Vec<FactEntry>>,
}

/// A hand-picked pull quote: just the text, or a table with an attribution.
#[derive(Deserialize)]
#[serde(untagged)]
enum PullQuoteEntry {
    Text(String),
    Full {
        text: String,
        attribution: Option<String>,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactEntry {
    label: String,
    value: String,
}

/// Parses the front matter text into [`Meta`] plus warnings `(line, message)`.
/// `first_line` is the file line the TOML starts on (2, after the opening `+++`).
pub fn parse(toml_text: &str, first_line: usize) -> Result<(Meta, LineWarnings), SeedError> {
    let at = |offset: usize, message: String| {
        let (line, column) = line_and_column(toml_text, offset);
        SeedError::FrontMatter {
            line: line + first_line - 1,
            column,
            message,
        }
    };
    let table: toml::Table = toml::from_str(toml_text)
        .map_err(|e| at(e.span().map_or(0, |s| s.start), e.message().to_string()))?;
    let warnings = unknown_field_warnings(&table, toml_text, first_line);
    let front: FrontMatter = toml::from_str(toml_text)
        .map_err(|e| at(e.span().map_or(0, |s| s.start), e.message().to_string()))?;
    let date = match front.date {
        Some(spanned) => Some(date_from_toml(spanned.get_ref()).ok_or_else(|| {
            at(
                spanned.span().start,
                "`date` must be a date such as 2026-11-25".to_string(),
            )
        })?),
        None => None,
    };
    let meta = Meta {
        headline: front
            .title
            .map(|t| t.trim().to_string())
            .unwrap_or_default(),
        dek: non_empty(front.dek),
        byline: non_empty(front.byline),
        date,
        source: non_empty(front.source),
        source_url: non_empty(front.source_url),
        tags: front
            .tags
            .into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        slug: non_empty(front.slug),
        draft: front.draft,
        lead: front.lead,
        pull_quotes: front
            .pull_quotes
            .map(|entries| entries.into_iter().map(chosen_pull_quote).collect()),
        facts: front.facts.map(|entries| {
            entries
                .into_iter()
                .map(|f| ChosenFact {
                    label: f.label,
                    value: f.value,
                })
                .collect()
        }),
    };
    Ok((meta, warnings))
}

fn chosen_pull_quote(entry: PullQuoteEntry) -> ChosenPullQuote {
    match entry {
        PullQuoteEntry::Text(text) => ChosenPullQuote {
            text,
            attribution: None,
        },
        PullQuoteEntry::Full { text, attribution } => ChosenPullQuote {
            text,
            attribution: non_empty(attribution),
        },
    }
}

fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn date_from_toml(value: &toml::Value) -> Option<Date> {
    match value {
        toml::Value::Datetime(datetime) => {
            let date = datetime.date?;
            Date::new(date.year, date.month, date.day)
        }
        toml::Value::String(text) => Date::parse_iso(text.trim()),
        _ => None,
    }
}

fn unknown_field_warnings(table: &toml::Table, toml_text: &str, first_line: usize) -> LineWarnings {
    table
        .keys()
        .filter(|key| !KNOWN_FIELDS.contains(&key.as_str()))
        .map(|key| {
            let line = toml_text
                .lines()
                .position(|l| l.trim_start().starts_with(key.as_str()))
                .map(|i| i + first_line);
            (
                line,
                format!(
                    "unknown front matter field `{key}` is ignored (known fields: {})",
                    KNOWN_FIELDS.join(", ")
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let split = split("+++\ntitle = \"A\"\n+++\nBody\n").expect("ok");
        assert_eq!(split.front_matter, Some("title = \"A\"\n"));
        assert_eq!(split.body, "Body\n");
    }

    #[test]
    fn no_front_matter_is_fine() {
        let split = split("# Title\n").expect("ok");
        assert!(split.front_matter.is_none());
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(matches!(
            split("+++\ntitle = \"A\"\nBody\n"),
            Err(SeedError::UnclosedFrontMatter { line: 1 })
        ));
    }

    #[test]
    fn reads_every_field() {
        let toml = "title = \"T\"\ndek = \"D\"\ndate = 2026-11-25\ntags = [\"AI\"]\nlead = true\npull_quotes = [\"Q\", { text = \"R\", attribution = \"S\" }]\nfacts = [{ label = \"L\", value = \"V\" }]\n";
        let (meta, warnings) = parse(toml, 2).expect("ok");
        assert!(warnings.is_empty());
        assert_eq!(meta.headline, "T");
        assert_eq!(
            meta.date.map(|d| d.to_string()).as_deref(),
            Some("2026-11-25")
        );
        assert!(meta.lead);
        let quotes = meta.pull_quotes.expect("quotes");
        assert_eq!(quotes[1].attribution.as_deref(), Some("S"));
        assert_eq!(meta.facts.expect("facts")[0].value, "V");
    }

    #[test]
    fn wrong_type_names_the_line_in_the_file() {
        let err = parse("title = \"T\"\ntags = 5\n", 2).expect_err("wrong type");
        assert!(
            matches!(err, SeedError::FrontMatter { line: 3, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn bad_date_names_its_line() {
        let err = parse("title = \"T\"\ndate = \"soon\"\n", 2).expect_err("bad date");
        assert!(
            matches!(err, SeedError::FrontMatter { line: 3, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn unknown_fields_warn() {
        let (_, warnings) = parse("title = \"T\"\ncolour = \"red\"\n", 2).expect("ok");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].0, Some(3));
    }
}
