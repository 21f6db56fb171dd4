//! `gazette explain SEED`: what the editorial desk saw in one story, and why it chose
//! what it chose — the structure (headline, dek, subheadings, paragraphs), every quote
//! with its speaker and how the speaker was found, every pull-quote candidate with its
//! score and the reason it was taken or left, and every figure with its label, where in
//! the text it came from and whether it made the fact box.
//!
//! The seed is parsed by the build's own parser and edited with the limits of the site's
//! `config.toml` (`[editorial]`), so what it shows is what `gazette build` does. Reading
//! the config and the seed is all the file-system work; [`Report::to_text`] and the
//! `Serialize` derive turn the report into text for people or JSON for tools.

use std::path::{Path, PathBuf};

use serde::Serialize;
use thiserror::Error;

use crate::config::{Config, ConfigError};
use crate::edit;
use crate::editorial::{
    self, Attribution, BlockKind, Candidate, Fact, FigureNote, Limits, Place, Speaker, Topic,
};
use crate::seed::{self, ParseOptions, SeedFile, SeedFormat, SeedProblem};

/// Why a seed could not be explained.
#[derive(Debug, Error)]
pub enum ExplainError {
    #[error("{}: could not read: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: not a seed; a seed is a .txt or .md file", path.display())]
    NotASeed { path: PathBuf },
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Seed(#[from] SeedProblem),
}

/// The limits the desk worked to, and where they came from.
#[derive(Debug, Clone, Serialize)]
pub struct LimitsView {
    /// The `config.toml` whose `[editorial]` table set them, or `None` for the defaults.
    pub config: Option<String>,
    pub max_pull_quotes: usize,
    pub min_quote_words: usize,
    pub max_quote_words: usize,
    pub min_facts: usize,
    pub max_facts: usize,
}

/// One block of the story as the desk saw it.
#[derive(Debug, Clone, Serialize)]
pub struct BlockView {
    pub index: usize,
    pub kind: BlockKind,
    pub words: usize,
    pub sentences: usize,
    pub text: String,
}

/// A quote, its speaker and how the speaker was found.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    pub text: String,
    /// The blocks it stands in (more than one for a quote over several paragraphs).
    pub blocks: Vec<usize>,
    pub speaker: Option<Speaker>,
    pub attribution: Attribution,
}

/// Everything `gazette explain` reports about one seed.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub seed: String,
    pub limits: LimitsView,
    pub headline: String,
    pub dek: Option<String>,
    pub structure: Vec<BlockView>,
    pub word_count: usize,
    pub reading_minutes: usize,
    pub quotes: Vec<QuoteView>,
    /// How many pull quotes the story's length calls for (before the limit).
    pub pull_quotes_wanted: usize,
    pub pull_quote_candidates: Vec<Candidate>,
    /// The pull quotes the build will show (front matter's when it chose them).
    pub pull_quotes: Vec<editorial::PullQuote>,
    pub pull_quotes_from_front_matter: bool,
    pub figures: Vec<FigureNote>,
    /// The fact box the build will show (front matter's when it chose it).
    pub facts: Vec<Fact>,
    pub facts_from_front_matter: bool,
    pub fact_box_note: Option<String>,
    pub topics: Vec<Topic>,
    pub warnings: Vec<String>,
}

/// Reads `seed` (and `root/config.toml` when there is one) and explains the desk's work.
pub fn explain(root: &Path, seed: &Path) -> Result<Report, ExplainError> {
    let (config, config_path) = read_config(root)?;
    let format = seed
        .extension()
        .and_then(|e| e.to_str())
        .and_then(SeedFormat::from_extension)
        .ok_or_else(|| ExplainError::NotASeed {
            path: seed.to_path_buf(),
        })?;
    let bytes = std::fs::read(seed).map_err(|source| ExplainError::Read {
        path: seed.to_path_buf(),
        source,
    })?;
    let file = SeedFile {
        relative_path: relative_to_seeds(root, seed),
        format,
        bytes,
    };
    let limits = edit::limits(&config.editorial);
    let limits_view = LimitsView {
        config: config_path.map(|p| p.display().to_string()),
        max_pull_quotes: limits.max_pull_quotes,
        min_quote_words: limits.min_quote_words,
        max_quote_words: limits.max_quote_words,
        min_facts: limits.min_facts,
        max_facts: limits.max_facts,
    };
    let parsed = seed::parse_seed(
        &file,
        &ParseOptions {
            unsafe_html: config.unsafe_html,
            time_zone: config.time_zone(),
        },
    )?;
    let mut warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    Ok(report(
        parsed.story,
        &limits,
        limits_view,
        seed,
        &mut warnings,
    ))
}

fn report(
    story: crate::story::Story,
    limits: &Limits,
    limits_view: LimitsView,
    seed: &Path,
    warnings: &mut Vec<String>,
) -> Report {
    let blocks = edit::desk_blocks(&story);
    let copy = editorial::Copy {
        headline: &story.meta.headline,
        dek: story.meta.dek.as_deref(),
        blocks: &blocks,
    };
    let desk = editorial::explain(&copy, limits);
    let structure = blocks
        .iter()
        .enumerate()
        .map(|(index, b)| BlockView {
            index,
            kind: b.kind,
            words: editorial::word_count(b.text),
            sentences: if b.kind == BlockKind::Paragraph {
                editorial::split_sentences(b.text).len()
            } else {
                0
            },
            text: b.text.to_string(),
        })
        .collect();
    let quotes = desk
        .markup
        .quotes
        .iter()
        .zip(&desk.attributions)
        .map(|(q, how)| QuoteView {
            text: q.text.clone(),
            blocks: q.parts.iter().map(|p| p.block).collect(),
            speaker: q.speaker.clone(),
            attribution: *how,
        })
        .collect();
    let pull_quotes_from_front_matter = story.meta.pull_quotes.is_some();
    let facts_from_front_matter = story.meta.facts.is_some();
    let (headline, dek) = (story.meta.headline.clone(), story.meta.dek.clone());
    let word_count = desk.markup.word_count;
    let reading_minutes = desk.markup.reading_minutes;
    let edited = edit::edit_story(story, limits);
    warnings.extend(edited.warnings.iter().cloned());
    Report {
        seed: seed.display().to_string(),
        limits: limits_view,
        headline,
        dek,
        structure,
        word_count,
        reading_minutes,
        quotes,
        pull_quotes_wanted: editorial::pull_quotes_wanted(word_count),
        pull_quote_candidates: desk.candidates,
        pull_quotes: edited.markup.pull_quotes,
        pull_quotes_from_front_matter,
        figures: desk.figures,
        facts: edited.markup.facts,
        facts_from_front_matter,
        fact_box_note: desk.fact_box_note,
        topics: desk.markup.topics,
        warnings: std::mem::take(warnings),
    }
}

/// The site's config when `root/config.toml` exists, else the defaults.
fn read_config(root: &Path) -> Result<(Config, Option<PathBuf>), ExplainError> {
    let path = root.join("config.toml");
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok((Config::parse(&text, path.clone())?, Some(path))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok((Config::default(), None)),
        Err(source) => Err(ExplainError::Read { path, source }),
    }
}

/// The seed's path under `root/seeds/` as the build names it, else its file name.
fn relative_to_seeds(root: &Path, seed: &Path) -> String {
    let seeds = root.join("seeds");
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (seeds, seed_abs) = (canonical(&seeds), canonical(seed));
    match seed_abs.strip_prefix(&seeds) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => seed
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

fn place(p: Place) -> String {
    match p {
        Place::Headline => "headline".into(),
        Place::Dek => "dek".into(),
        Place::Block(b) => format!("block {b}"),
    }
}

fn speaker_text(s: &Option<Speaker>) -> String {
    match s {
        Some(Speaker {
            name,
            role: Some(role),
        }) => format!("{name} ({role})"),
        Some(Speaker { name, role: None }) => name.clone(),
        None => "no speaker".into(),
    }
}

fn how_text(how: Attribution) -> &'static str {
    match how {
        Attribution::After => "named in the clause after the quote",
        Attribution::Before => "named in the clause before the quote",
        Attribution::Pronoun => "a pronoun: the person last named",
        Attribution::Continues => "no clause of its own: continues the quote before",
        Attribution::LeadIn => "opens a paragraph the one before led in to",
        Attribution::Unnamed => "a speaker described but not named",
        Attribution::None => "no reporting clause",
    }
}

/// A line of text cut to `max` characters, on one line.
fn clip(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

impl Report {
    /// The report as plain text for people.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut line = |s: String| {
            out.push_str(&s);
            out.push('\n');
        };
        line(format!("gazette explain {}", self.seed));
        let l = &self.limits;
        line(format!(
            "limits: at most {} pull quotes of {}–{} words; fact box of {}–{} lines ({})",
            l.max_pull_quotes,
            l.min_quote_words,
            l.max_quote_words,
            l.min_facts,
            l.max_facts,
            l.config
                .as_deref()
                .map_or("defaults: no config.toml".to_string(), |c| format!(
                    "from {c}"
                ))
        ));
        for w in &self.warnings {
            line(format!("warning: {w}"));
        }
        line(String::new());
        line("STRUCTURE".into());
        line(format!("  headline      {}", self.headline));
        if let Some(dek) = &self.dek {
            line(format!("  dek           {dek}"));
        }
        for b in &self.structure {
            let kind = match b.kind {
                BlockKind::Paragraph => {
                    format!("paragraph, {} words, {} sentences", b.words, b.sentences)
                }
                BlockKind::Subheading => "subheading".to_string(),
                BlockKind::Other => format!("other (code, list, table), {} words", b.words),
            };
            line(format!("  [{:>2}] {kind}: {}", b.index, clip(&b.text, 70)));
        }
        line(format!(
            "  {} words, {} min read",
            self.word_count, self.reading_minutes
        ));
        line(String::new());
        line(format!("QUOTES ({})", self.quotes.len()));
        for q in &self.quotes {
            let blocks: Vec<String> = q.blocks.iter().map(ToString::to_string).collect();
            line(format!("  [{}] “{}”", blocks.join(","), clip(&q.text, 90)));
            line(format!(
                "       {} — {}",
                speaker_text(&q.speaker),
                how_text(q.attribution)
            ));
        }
        line(String::new());
        let wanted = self.pull_quotes_wanted.min(self.limits.max_pull_quotes);
        line(format!(
            "PULL QUOTES: {} chosen; the story's length ({} words) calls for {wanted}",
            self.pull_quotes.len(),
            self.word_count
        ));
        if self.pull_quotes_from_front_matter {
            line(
                "  front matter chose the pull quotes; the desk's candidates follow for reference"
                    .into(),
            );
        }
        for p in &self.pull_quotes {
            line(format!(
                "  → before block {} (from block {}): “{}” — {}",
                p.place_before,
                p.source_block,
                clip(&p.text, 80),
                speaker_text(&p.speaker)
            ));
        }
        line("  candidates, best first:".into());
        for c in &self.pull_quote_candidates {
            let mark = if c.chosen { "✓" } else { "✗" };
            let kind = if c.quoted { "quote" } else { "own words" };
            line(format!(
                "  {mark} [{}] {kind}, score {:.2}: “{}”",
                c.block,
                c.score,
                clip(&c.text, 76)
            ));
            let signals = if c.signals.is_empty() {
                String::new()
            } else {
                format!(" (signals: {})", c.signals.join(", "))
            };
            line(format!("       {}{signals}", c.reason));
        }
        line(String::new());
        line(format!("FACT BOX ({} lines)", self.facts.len()));
        if self.facts_from_front_matter {
            line("  front matter chose the facts; the desk's figures follow for reference".into());
        }
        if let Some(note) = &self.fact_box_note {
            line(format!("  {note}"));
        }
        for f in &self.facts {
            let from = match f.block {
                Some(b) => format!("block {b}"),
                None => "headline or dek".into(),
            };
            line(format!("  {:<30} {}  ({from})", f.label, f.value));
        }
        line("  every figure read, best first:".into());
        for n in &self.figures {
            let mark = if n.in_box { "✓" } else { "✗" };
            let also = if n.also_at.is_empty() {
                String::new()
            } else {
                let places: Vec<String> = n.also_at.iter().map(|p| place(*p)).collect();
                format!("; also in {}", places.join(", "))
            };
            line(format!(
                "  {mark} {:<30} {:<28} {:?}, score {:.2}",
                n.label,
                clip(&n.value, 28),
                n.kind,
                n.score
            ));
            line(format!(
                "       from {} bytes {}..{}{also}; label: {}",
                place(n.place),
                n.start,
                n.end,
                n.label_from
            ));
        }
        line(String::new());
        line("TOPICS".into());
        for t in &self.topics {
            line(format!(
                "  {} ({:?}, {} mentions)",
                t.name, t.kind, t.mentions
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_a_seed_with_site_limits() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("config.toml"),
            "[editorial]\nmax_facts = 4\n",
        )
        .expect("write");
        std::fs::create_dir_all(dir.path().join("seeds/business")).expect("mkdir");
        let seed = dir.path().join("seeds/business/deal.txt");
        std::fs::write(
            &seed,
            "Acme buys Widget Co for $5bn\nThe deal doubles its size.\n\nAcme agreed to buy Widget Co for $5bn, its chief executive said on Monday, adding 12,000 staff and 40 factories.\n\n“This is the deal we have wanted for a decade,” said Jane Doe, Acme's chief executive.\n\nWidget Co shares rose 18% on the news.\n",
        )
        .expect("write");
        let r = explain(dir.path(), &seed).expect("explained");
        assert_eq!(r.limits.max_facts, 4);
        assert!(r.limits.config.is_some());
        assert_eq!(r.quotes.len(), 1);
        assert_eq!(
            r.quotes[0].speaker.as_ref().map(|s| s.name.as_str()),
            Some("Jane Doe")
        );
        assert_eq!(r.quotes[0].attribution, Attribution::After);
        assert!(r.facts.len() <= 4);
        assert!(r.figures.iter().any(|f| f.value == "$5bn" && f.in_box));
        let text = r.to_text();
        assert!(text.contains("QUOTES (1)") && text.contains("Jane Doe (Acme's chief executive)"));
        assert!(text.contains("from block"));
        let json = serde_json::to_value(&r).expect("json");
        assert_eq!(json["quotes"][0]["attribution"], "after");
    }

    #[test]
    fn bad_input_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = explain(dir.path(), &dir.path().join("nope.txt")).expect_err("missing");
        assert!(err.to_string().contains("nope.txt"), "{err}");
        let err = explain(dir.path(), Path::new("story.doc")).expect_err("not a seed");
        assert!(err.to_string().contains("not a seed"), "{err}");
        std::fs::write(dir.path().join("config.toml"), "titel = 1\n").expect("write");
        std::fs::write(dir.path().join("a.txt"), "Headline\n\nBody text here.\n").expect("write");
        let err = explain(dir.path(), &dir.path().join("a.txt")).expect_err("bad config");
        assert!(err.to_string().contains("config.toml"), "{err}");
    }
}
