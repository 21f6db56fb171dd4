//! TOML front matter between `+++` lines at the top of a Markdown seed.
//!
//! Splits it from the body, checks it, and turns it into [`Meta`]. Errors carry the line
//! and column in the seed file (not in the front matter block). Unknown fields are
//! warnings, so a seed written for a newer gazette still builds. Dates without an offset
//! are read in the site's time zone, given by the caller.

use std::fmt;

use jiff::tz::TimeZone;
use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

use super::error::LineWarnings;
use super::{SeedError, byline, dateline};
use crate::date::Moment;
use crate::html::is_dangerous_url;
use crate::location::line_and_column;
use crate::story::{Byline, ChosenFact, ChosenPullQuote, Correction, Meta};

const FENCE: &str = "+++";
const KNOWN_FIELDS: [&str; 17] = [
    "title",
    "dek",
    "date",
    "updated",
    "publish_at",
    "byline",
    "bylines",
    "dateline",
    "corrections",
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
    updated: Option<Spanned<toml::Value>>,
    publish_at: Option<Spanned<toml::Value>>,
    byline: Option<Spanned<BylineList>>,
    bylines: Option<Spanned<BylineList>>,
    dateline: Option<String>,
    corrections: Option<Vec<Spanned<CorrectionEntry>>>,
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

/// `corrections = [{ date = 2026-11-27, text = "…" }]`, or `[[corrections]]` tables.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CorrectionEntry {
    date: Spanned<toml::Value>,
    text: String,
}

/// `byline` or `bylines` as written: a string of names (`"A and B"`), one table
/// (`{ name = "A", url = "…" }`), or a list of either (`["A", { name = "B" }]`, or
/// `[[bylines]]` tables).
struct BylineList(Vec<Spanned<BylineEntry>>);

/// One entry of a byline list: a string (which may name several people) or a table.
enum BylineEntry {
    Names(String),
    Person { name: String, url: Option<String> },
}

/// The table form of a byline entry.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonTable {
    name: String,
    url: Option<String>,
}

const BYLINE_SHAPE: &str = "a name (\"Ada Reporter\"), a table ({ name = \"Ada Reporter\", url = \"https://…\" }) or a list of those";

/// The span of a lone string or table given as the whole `byline`: empty, meaning "where
/// the field's value is" (only list entries have spans of their own).
const WHOLE_VALUE: std::ops::Range<usize> = 0..0;

/// A `{ name = …, url = … }` table; other keys are errors.
fn person<'de, A: MapAccess<'de>>(map: A) -> Result<BylineEntry, A::Error> {
    let table = PersonTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
    Ok(BylineEntry::Person {
        name: table.name,
        url: table.url,
    })
}

impl<'de> Deserialize<'de> for BylineEntry {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = BylineEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name or a table with `name` and an optional `url`")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<BylineEntry, E> {
                Ok(BylineEntry::Names(text.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<BylineEntry, A::Error> {
                person(map)
            }
        }
        deserializer.deserialize_any(EntryVisitor)
    }
}

impl<'de> Deserialize<'de> for BylineList {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = BylineList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(BYLINE_SHAPE)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<BylineList, E> {
                let names = BylineEntry::Names(text.to_string());
                Ok(BylineList(vec![Spanned::new(WHOLE_VALUE, names)]))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<BylineList, A::Error> {
                Ok(BylineList(vec![Spanned::new(WHOLE_VALUE, person(map)?)]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<BylineList, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = seq.next_element::<Spanned<BylineEntry>>()? {
                    entries.push(entry);
                }
                Ok(BylineList(entries))
            }
        }
        deserializer.deserialize_any(ListVisitor)
    }
}

/// Parses the front matter text into [`Meta`] plus warnings `(line, message)`.
/// `first_line` is the file line the TOML starts on (2, after the opening `+++`); dates
/// without an offset are read in `zone`.
pub fn parse(
    toml_text: &str,
    first_line: usize,
    zone: &TimeZone,
) -> Result<(Meta, LineWarnings), SeedError> {
    let at = |offset: usize, message: String| {
        let (line, column) = line_and_column(toml_text, offset);
        SeedError::FrontMatter {
            line: line + first_line - 1,
            column,
            message,
        }
    };
    let line_of = |offset: usize| line_and_column(toml_text, offset).0 + first_line - 1;
    let table: toml::Table = toml::from_str(toml_text)
        .map_err(|e| at(e.span().map_or(0, |s| s.start), e.message().to_string()))?;
    let mut warnings = unknown_field_warnings(&table, toml_text, first_line);
    let front: FrontMatter = toml::from_str(toml_text)
        .map_err(|e| at(e.span().map_or(0, |s| s.start), e.message().to_string()))?;
    let read_moment = |what: &str, value: Spanned<toml::Value>| {
        moment_from_toml(value.get_ref(), zone).ok_or_else(|| {
            at(
                value.span().start,
                format!(
                    "{what} must be a date such as 2026-11-25, or a date and time such as 2026-11-25T14:30:00 (read in the site's time zone) or 2026-11-25T14:30:00-05:00"
                ),
            )
        })
    };
    let moment = |what: &str, value: Option<Spanned<toml::Value>>| {
        value.map(|value| read_moment(what, value)).transpose()
    };
    let date = moment("`date`", front.date)?;
    let updated = moment("`updated`", front.updated)?;
    let publish_at = moment("`publish_at`", front.publish_at)?;
    // An embargoed story with no date of its own is published when its embargo lifts.
    let published = date.or_else(|| publish_at.clone());
    let mut corrections = Vec::new();
    for entry in front.corrections.unwrap_or_default() {
        let entry = entry.into_inner();
        corrections.push(Correction {
            date: read_moment("a correction's `date`", entry.date)?,
            text: entry.text.trim().to_string(),
        });
    }
    corrections.sort_by(|a, b| a.date.cmp(&b.date));
    let bylines = match (front.byline, front.bylines) {
        (Some(_), Some(second)) => {
            return Err(at(
                second.span().start,
                "give `byline` or `bylines`, not both (`bylines` holds every name)".to_string(),
            ));
        }
        (Some(list), None) | (None, Some(list)) => {
            let (list_span, list) = (list.span(), list.into_inner());
            bylines_from(list, list_span.start, toml_text, &line_of, &mut warnings)
        }
        (None, None) => Vec::new(),
    };
    let meta = Meta {
        headline: front
            .title
            .map(|t| t.trim().to_string())
            .unwrap_or_default(),
        dek: non_empty(front.dek),
        bylines,
        dateline: non_empty(front.dateline.map(|d| dateline::tidy(&d))),
        date: published.as_ref().map(Moment::day),
        published,
        updated,
        corrections,
        publish_at,
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

/// The people of a byline list; a dangerous URL is dropped with a warning on its line.
fn bylines_from(
    list: BylineList,
    list_start: usize,
    toml_text: &str,
    line_of: &dyn Fn(usize) -> usize,
    warnings: &mut LineWarnings,
) -> Vec<Byline> {
    let mut bylines = Vec::new();
    for entry in list.0 {
        let start = if entry.span() == WHOLE_VALUE {
            list_start
        } else {
            entry.span().start
        };
        let url_at = url_offset(toml_text, start);
        match entry.into_inner() {
            BylineEntry::Names(text) => bylines.extend(
                byline::names(&text)
                    .into_iter()
                    .map(|name| Byline { name, url: None }),
            ),
            BylineEntry::Person { name, url } => {
                let name = byline::without_by(name.trim()).to_string();
                if name.is_empty() {
                    continue;
                }
                let url = non_empty(url).filter(|url| {
                    let dangerous = is_dangerous_url(url);
                    if dangerous {
                        warnings.push((
                            Some(line_of(url_at)),
                            format!(
                                "the byline link {url:?} for {name} is refused (javascript:, vbscript: and data: links can run code); the name is shown without a link"
                            ),
                        ));
                    }
                    !dangerous
                });
                bylines.push(Byline { name, url });
            }
        }
    }
    bylines
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

/// Where the `url` of the table starting at `start` is written (a `[[bylines]]` table
/// spans several lines; its warning belongs on the `url` line), else `start`.
fn url_offset(toml_text: &str, start: usize) -> usize {
    let mut offset = start;
    for (index, line) in toml_text
        .get(start..)
        .unwrap_or_default()
        .split_inclusive('\n')
        .enumerate()
    {
        if index > 0 && line.trim_start().starts_with('[') {
            break;
        }
        if let Some(found) = url_key().find(line) {
            return offset + found.start();
        }
        offset += line.len();
    }
    start
}

/// `url =` as a key, not inside a name such as `Curl`.
fn url_key() -> &'static regex::Regex {
    static URL_KEY: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    URL_KEY.get_or_init(|| regex::Regex::new(r"\burl\s*=").expect("the pattern is valid"))
}

/// A TOML date or date-time, or the same written as a string.
fn moment_from_toml(value: &toml::Value, zone: &TimeZone) -> Option<Moment> {
    match value {
        toml::Value::Datetime(datetime) => Moment::from_toml(datetime, zone),
        toml::Value::String(text) => Moment::parse(text, zone),
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
        let (meta, warnings) = parse(toml, 2, &TimeZone::UTC).expect("ok");
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
        let err = parse("title = \"T\"\ntags = 5\n", 2, &TimeZone::UTC).expect_err("wrong type");
        assert!(
            matches!(err, SeedError::FrontMatter { line: 3, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn bad_date_names_its_line() {
        let err =
            parse("title = \"T\"\ndate = \"soon\"\n", 2, &TimeZone::UTC).expect_err("bad date");
        assert!(
            matches!(err, SeedError::FrontMatter { line: 3, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn unknown_fields_warn() {
        let (_, warnings) =
            parse("title = \"T\"\ncolour = \"red\"\n", 2, &TimeZone::UTC).expect("ok");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].0, Some(3));
    }

    fn parse_utc(toml: &str) -> Result<(Meta, LineWarnings), SeedError> {
        parse(toml, 2, &TimeZone::UTC)
    }

    fn names(meta: &Meta) -> Vec<(&str, Option<&str>)> {
        meta.bylines
            .iter()
            .map(|b| (b.name.as_str(), b.url.as_deref()))
            .collect()
    }

    #[test]
    fn a_single_byline_still_works_and_names_in_it_split() {
        let (meta, _) = parse_utc("byline = \"Ada Reporter\"\n").expect("ok");
        assert_eq!(names(&meta), [("Ada Reporter", None)]);
        let (meta, _) = parse_utc("byline = \"By Ada Reporter and Ben Writer\"\n").expect("ok");
        assert_eq!(names(&meta), [("Ada Reporter", None), ("Ben Writer", None)]);
        assert_eq!(
            meta.byline_names().as_deref(),
            Some("Ada Reporter and Ben Writer")
        );
    }

    #[test]
    fn bylines_as_a_list_of_names_tables_or_both() {
        let (meta, _) = parse_utc("bylines = [\"Ada Reporter\", \"Ben Writer\"]\n").expect("ok");
        assert_eq!(names(&meta), [("Ada Reporter", None), ("Ben Writer", None)]);
        let (meta, _) = parse_utc(
            "bylines = [{ name = \"Ada Reporter\", url = \"https://example.org/ada\" }, \"Ben Writer\"]\n",
        )
        .expect("ok");
        assert_eq!(
            names(&meta),
            [
                ("Ada Reporter", Some("https://example.org/ada")),
                ("Ben Writer", None)
            ]
        );
        let (meta, _) = parse_utc(
            "title = \"T\"\n\n[[bylines]]\nname = \"Ada Reporter\"\nurl = \"https://example.org/ada\"\n\n[[bylines]]\nname = \"By Ben Writer\"\n",
        )
        .expect("ok");
        assert_eq!(
            names(&meta),
            [
                ("Ada Reporter", Some("https://example.org/ada")),
                ("Ben Writer", None)
            ]
        );
        assert_eq!(meta.headline, "T");
        let (meta, _) =
            parse_utc("byline = { name = \"Ada Reporter\", url = \"/staff/ada/\" }\n").expect("ok");
        assert_eq!(names(&meta), [("Ada Reporter", Some("/staff/ada/"))]);
    }

    #[test]
    fn wrong_byline_types_name_their_line() {
        for (toml, line) in [
            ("title = \"T\"\nbylines = 5\n", 3),
            ("title = \"T\"\nbylines = [\"A\", 7]\n", 3),
            ("title = \"T\"\nbylines = [{ nam = \"A\" }]\n", 3),
            (
                "title = \"T\"\n\n[[bylines]]\nname = \"A\"\n\n[[bylines]]\nurl = \"https://x.org\"\n",
                7,
            ),
            ("byline = \"A\"\ntitle = \"T\"\nbylines = [\"B\"]\n", 4),
        ] {
            let err = parse_utc(toml).expect_err(toml);
            assert!(
                matches!(err, SeedError::FrontMatter { line: l, .. } if l == line),
                "{toml:?}: {err}"
            );
        }
    }

    #[test]
    fn a_dangerous_byline_link_is_dropped_with_a_warning_on_its_line() {
        let (meta, warnings) = parse_utc(
            "title = \"T\"\nbylines = [\n  \"Ben Writer\",\n  { name = \"Ada\", url = \" javascript:alert(1)\" },\n]\n",
        )
        .expect("ok");
        assert_eq!(names(&meta), [("Ben Writer", None), ("Ada", None)]);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].0, Some(5));
        assert!(
            warnings[0].1.contains("javascript:alert(1)"),
            "{}",
            warnings[0].1
        );
    }

    #[test]
    fn dateline_updated_corrections_and_embargo() {
        let zone = crate::date::time_zone("America/New_York").expect("zone");
        let toml = "date = 2026-11-25T22:30:00\nupdated = \"2026-11-26 10:05\"\ndateline = \"WASHINGTON —\"\npublish_at = 2026-11-25T23:00:00-05:00\ncorrections = [\n  { date = 2026-11-28, text = \" Later. \" },\n  { date = 2026-11-27T09:00:00Z, text = \"Earlier.\" },\n]\n";
        let (meta, warnings) = parse(toml, 2, &zone).expect("ok");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(meta.dateline.as_deref(), Some("WASHINGTON"));
        let published = meta.published.as_ref().expect("published");
        assert_eq!(published.rfc3339(), "2026-11-25T22:30:00-05:00");
        assert_eq!(published.timestamp().to_string(), "2026-11-26T03:30:00Z");
        assert_eq!(
            meta.date.map(|d| d.to_string()).as_deref(),
            Some("2026-11-25")
        );
        assert_eq!(
            meta.updated.as_ref().map(|m| m.rfc3339()).as_deref(),
            Some("2026-11-26T10:05:00-05:00")
        );
        let texts: Vec<&str> = meta.corrections.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["Earlier.", "Later."]);
        assert_eq!(
            meta.last_modified().map(|m| m.rfc3339()).as_deref(),
            Some("2026-11-28T00:00:00-05:00")
        );
        assert_eq!(
            meta.publish_at
                .map(|m| m.timestamp().to_string())
                .as_deref(),
            Some("2026-11-26T04:00:00Z")
        );
    }

    #[test]
    fn an_embargoed_story_without_a_date_is_dated_by_its_embargo() {
        let (meta, _) = parse_utc("publish_at = 2099-01-15T16:00:00Z\n").expect("ok");
        assert_eq!(
            meta.date.map(|d| d.to_string()).as_deref(),
            Some("2099-01-15")
        );
        assert_eq!(meta.published, meta.publish_at);
    }

    #[test]
    fn bad_dates_and_corrections_name_their_line() {
        for (toml, line) in [
            ("title = \"T\"\nupdated = \"yesterday\"\n", 3),
            ("title = \"T\"\npublish_at = 14:00:00\n", 3),
            (
                "title = \"T\"\ncorrections = [{ text = \"No date.\" }]\n",
                3,
            ),
            (
                "title = \"T\"\n\n[[corrections]]\ndate = 2026-11-26\ntext = 5\n",
                6,
            ),
            (
                "title = \"T\"\n\n[[corrections]]\ndate = \"soon\"\ntext = \"x\"\n",
                5,
            ),
        ] {
            let err = parse_utc(toml).expect_err(toml);
            assert!(
                matches!(err, SeedError::FrontMatter { line: l, .. } if l == line),
                "{toml:?}: {err}"
            );
        }
    }
}
