//! The desk's scorecard: runs the editorial desk over a set of stories that have
//! hand-written answer keys and measures how close it comes to a careful sub-editor.
//!
//! A set is a folder of seeds (`NN-name.txt` or `.md`, parsed by the build's own
//! parser) each with an answer key beside it (`NN-name.toml`: every direct quote with
//! its speaker, and the key figures for the fact box; `tests/eval/README.md` gives the
//! conventions). [`score`] edits every story as `gazette build` would and counts; the
//! [`Scorecard`] turns the counts into the metrics issue 3 sets floors for and prints
//! them as a table. Reading the folder ([`load_set`]) is the only file-system access.
//!
//! It does not tune anything, and it does not judge labels or pull-quote taste: those
//! are for people, through `gazette explain`.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::edit;
use crate::editorial::{self, BlockKind, FactKind, Limits, Markup};
use crate::seed::{self, ParseOptions, SeedFile, SeedFormat};
use crate::story::Story;

/// The answer key written by hand for one story.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerKey {
    /// What kind of copy the story is (wire, sport, opinion …), for people.
    #[serde(default)]
    pub style: String,
    /// Every direct quote in the story's paragraphs, in reading order.
    #[serde(default, rename = "quote")]
    pub quotes: Vec<KeyQuote>,
    /// The figures a sub-editor would put in the fact box.
    #[serde(default, rename = "figure")]
    pub figures: Vec<KeyFigure>,
    /// For a story without figures: who and what a box would name (not scored).
    #[serde(default)]
    pub who: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyQuote {
    pub text: String,
    /// `None` when the text names no one.
    pub speaker: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    /// The figure as the text writes it.
    pub value: String,
    /// The same figure written another way in the same story.
    #[serde(default)]
    pub also: Vec<String>,
    /// What a sub-editor would call it (for people; not scored).
    pub label: Option<String>,
}

/// One story of the set: its seed and its key.
#[derive(Debug, Clone)]
pub struct EvalStory {
    pub name: String,
    pub seed: SeedFile,
    pub key: AnswerKey,
}

#[derive(Debug, Error)]
pub enum ScorecardError {
    #[error("{}: could not read: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: no answer key beside the story (expected {})", story.display(), key.display())]
    MissingKey { story: PathBuf, key: PathBuf },
    #[error("{}: not a valid answer key: {message}", path.display())]
    Key { path: PathBuf, message: String },
    #[error("{}: {error}", path.display())]
    Seed {
        path: PathBuf,
        #[source]
        error: seed::SeedError,
    },
    #[error("{}: holds no stories", path.display())]
    Empty { path: PathBuf },
}

/// Reads every story of the set in `dir` (sorted by file name) with its key.
pub fn load_set(dir: &Path) -> Result<Vec<EvalStory>, ScorecardError> {
    let read_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ScorecardError::Read { path, source }
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read_err(dir))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| story_format(p).is_some())
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(ScorecardError::Empty {
            path: dir.to_path_buf(),
        });
    }
    let mut set = Vec::with_capacity(paths.len());
    for path in paths {
        let key_path = path.with_extension("toml");
        if !key_path.is_file() {
            return Err(ScorecardError::MissingKey {
                story: path,
                key: key_path,
            });
        }
        let key_text = std::fs::read_to_string(&key_path).map_err(read_err(&key_path))?;
        let key: AnswerKey = toml::from_str(&key_text).map_err(|e| ScorecardError::Key {
            path: key_path.clone(),
            message: e.to_string(),
        })?;
        let bytes = std::fs::read(&path).map_err(read_err(&path))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let format = story_format(&path).unwrap_or(SeedFormat::PlainText);
        set.push(EvalStory {
            seed: SeedFile {
                relative_path: name.clone(),
                format,
                bytes,
            },
            name,
            key,
        });
    }
    Ok(set)
}

fn story_format(path: &Path) -> Option<SeedFormat> {
    path.extension()
        .and_then(|e| e.to_str())
        .and_then(SeedFormat::from_extension)
}

/// The counts for one story, and what went wrong in it, for people to read.
#[derive(Debug, Clone, Default)]
pub struct StoryScore {
    pub name: String,
    pub quotes_found: usize,
    pub quotes_in_key: usize,
    pub quotes_matched: usize,
    pub speakers_right: usize,
    pub roles_checked: usize,
    pub roles_right: usize,
    pub facts: usize,
    pub facts_grounded: usize,
    pub figures_in_key: usize,
    pub figures_recalled: usize,
    pub pull_quotes: usize,
    pub pull_quotes_sound: usize,
    /// The key has no figures: did the box stay free of figures (names only, or none)?
    pub figureless_box_clean: Option<bool>,
    pub notes: Vec<String>,
}

/// Edits every story of the set with `limits` and scores it against its key.
pub fn score(set: &[EvalStory], limits: &Limits) -> Result<Scorecard, ScorecardError> {
    let mut stories = Vec::with_capacity(set.len());
    for entry in set {
        let parsed = seed::parse_seed(&entry.seed, &ParseOptions::default()).map_err(|p| {
            ScorecardError::Seed {
                path: PathBuf::from(&entry.name),
                error: p.error,
            }
        })?;
        let edited = edit::edit_story(parsed.story, limits);
        stories.push(score_story(
            &entry.name,
            &edited.story,
            &edited.markup,
            &entry.key,
            limits,
        ));
    }
    Ok(Scorecard { stories })
}

/// Scores one edited story against its key.
pub fn score_story(
    name: &str,
    story: &Story,
    markup: &Markup,
    key: &AnswerKey,
    limits: &Limits,
) -> StoryScore {
    let mut s = StoryScore {
        name: name.to_string(),
        ..StoryScore::default()
    };
    score_quotes(markup, key, &mut s);
    score_facts(story, markup, key, &mut s);
    score_pull_quotes(story, markup, limits, &mut s);
    s
}

fn score_quotes(markup: &Markup, key: &AnswerKey, s: &mut StoryScore) {
    s.quotes_found = markup.quotes.len();
    s.quotes_in_key = key.quotes.len();
    let key_words: Vec<Vec<String>> = key.quotes.iter().map(|q| word_seq(&q.text)).collect();
    let mut used = vec![false; key.quotes.len()];
    for q in &markup.quotes {
        let words = word_seq(&q.text);
        let hit = (0..key.quotes.len()).find(|&k| !used[k] && key_words[k] == words);
        let Some(k) = hit else {
            s.notes.push(format!("extra quote: {:?}", q.text));
            continue;
        };
        used[k] = true;
        s.quotes_matched += 1;
        let want = key.quotes[k].speaker.as_deref().map(normalise_name);
        let got = q.speaker.as_ref().map(|sp| normalise_name(&sp.name));
        if want == got {
            s.speakers_right += 1;
        } else {
            s.notes.push(format!(
                "speaker of {:?}: want {:?}, got {:?}",
                short(&q.text),
                want,
                got
            ));
        }
        if let Some(role) = &key.quotes[k].role {
            s.roles_checked += 1;
            let got_role = q.speaker.as_ref().and_then(|sp| sp.role.as_deref());
            if got_role.is_some_and(|r| r.trim().eq_ignore_ascii_case(role.trim())) {
                s.roles_right += 1;
            } else {
                s.notes.push(format!(
                    "role of {:?}: want {role:?}, got {got_role:?}",
                    short(&q.text)
                ));
            }
        }
    }
    for (k, q) in key.quotes.iter().enumerate() {
        if !used[k] {
            s.notes.push(format!("missed quote: {:?}", q.text));
        }
    }
}

fn score_facts(story: &Story, markup: &Markup, key: &AnswerKey, s: &mut StoryScore) {
    let blocks = edit::desk_blocks(story);
    s.facts = markup.facts.len();
    for fact in &markup.facts {
        let source_holds = match fact.block {
            Some(b) => blocks.get(b).is_some_and(|b| b.text.contains(&fact.value)),
            None => {
                story.meta.headline.contains(&fact.value)
                    || story
                        .meta
                        .dek
                        .as_deref()
                        .is_some_and(|d| d.contains(&fact.value))
            }
        };
        if source_holds {
            s.facts_grounded += 1;
        } else {
            s.notes
                .push(format!("fact not verbatim in its source: {:?}", fact.value));
        }
    }
    s.figures_in_key = key.figures.len();
    for figure in &key.figures {
        let forms = std::iter::once(&figure.value).chain(&figure.also);
        let recalled = forms
            .clone()
            .any(|form| markup.facts.iter().any(|f| holds_figure(&f.value, form)));
        if recalled {
            s.figures_recalled += 1;
        } else {
            s.notes
                .push(format!("key figure not in the box: {:?}", figure.value));
        }
    }
    if key.figures.is_empty() {
        let clean = markup.facts.iter().all(|f| {
            matches!(
                f.kind,
                FactKind::Person | FactKind::Organisation | FactKind::Place
            )
        });
        if !clean {
            s.notes
                .push("figures in the box of a story without key figures".into());
        }
        s.figureless_box_clean = Some(clean);
    }
}

fn score_pull_quotes(story: &Story, markup: &Markup, limits: &Limits, s: &mut StoryScore) {
    let blocks = edit::desk_blocks(story);
    s.pull_quotes = markup.pull_quotes.len();
    let mut places: Vec<usize> = Vec::new();
    let mut sources: Vec<usize> = Vec::new();
    for p in &markup.pull_quotes {
        let mut faults: Vec<&str> = Vec::new();
        let source = blocks.get(p.source_block);
        if !source.is_some_and(|b| b.kind == BlockKind::Paragraph && b.text.contains(&p.text)) {
            faults.push("not verbatim in its source paragraph");
        }
        let n = editorial::word_count(&p.text);
        if n < limits.min_quote_words || n > limits.max_quote_words {
            faults.push("outside the word limits");
        }
        let paragraphs_before = blocks
            .iter()
            .take(p.place_before)
            .filter(|b| b.kind == BlockKind::Paragraph)
            .count();
        if p.place_before < 2 || p.place_before >= blocks.len() || paragraphs_before < 2 {
            faults.push("placed in the lede or past the end");
        } else if blocks[p.place_before - 1].kind == BlockKind::Subheading {
            faults.push("placed right after a subheading");
        }
        if places.iter().any(|&q| q.abs_diff(p.place_before) < 2) {
            faults.push("next to another pull quote");
        }
        if sources.contains(&p.source_block) {
            faults.push("second pull quote from one paragraph");
        }
        places.push(p.place_before);
        sources.push(p.source_block);
        if faults.is_empty() {
            s.pull_quotes_sound += 1;
        } else {
            s.notes.push(format!(
                "pull quote {:?}: {}",
                short(&p.text),
                faults.join(", ")
            ));
        }
    }
}

/// The words of a quote, for matching: letters and digits, case folded.
fn word_seq(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn normalise_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('’', "'")
}

/// Does the fact value hold `figure`, not as part of a longer number?
fn holds_figure(value: &str, figure: &str) -> bool {
    if figure.is_empty() {
        return false;
    }
    value.match_indices(figure).any(|(at, _)| {
        let before = value[..at].chars().next_back();
        let after = &value[at + figure.len()..];
        let mut rest = after.chars();
        let next = rest.next();
        let longer_number_before =
            before.is_some_and(|c| c.is_alphanumeric() || ((c == '.' || c == ',') && at > 1));
        let longer_number_after = next.is_some_and(|c| c.is_ascii_digit())
            || (matches!(next, Some('.' | ',')) && rest.next().is_some_and(|c| c.is_ascii_digit()));
        !longer_number_before && !longer_number_after
    })
}

fn short(text: &str) -> String {
    let mut out: String = text.chars().take(48).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// One line of the table.
#[derive(Debug, Clone)]
pub struct Metric {
    pub name: &'static str,
    pub hits: usize,
    pub total: usize,
    /// The floor issue 3 sets; `None` for figures shown for information.
    pub floor: Option<f64>,
}

impl Metric {
    /// The share of hits; 1.0 when there is nothing to count.
    pub fn value(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.hits as f64 / self.total as f64
        }
    }

    pub fn passes(&self) -> bool {
        self.floor.is_none_or(|f| self.value() + 1e-9 >= f)
    }
}

/// The scores of a whole set.
#[derive(Debug, Clone)]
pub struct Scorecard {
    pub stories: Vec<StoryScore>,
}

impl Scorecard {
    fn sum(&self, f: impl Fn(&StoryScore) -> usize) -> usize {
        self.stories.iter().map(f).sum()
    }

    /// The metrics with floors first, then those shown for information.
    pub fn metrics(&self) -> Vec<Metric> {
        let matched = self.sum(|s| s.quotes_matched);
        let figureless: Vec<bool> = self
            .stories
            .iter()
            .filter_map(|s| s.figureless_box_clean)
            .collect();
        vec![
            Metric {
                name: "quote precision",
                hits: matched,
                total: self.sum(|s| s.quotes_found),
                floor: Some(0.95),
            },
            Metric {
                name: "quote recall",
                hits: matched,
                total: self.sum(|s| s.quotes_in_key),
                floor: Some(0.90),
            },
            Metric {
                name: "speaker accuracy",
                hits: self.sum(|s| s.speakers_right),
                total: matched,
                floor: Some(0.90),
            },
            Metric {
                name: "fact values grounded verbatim",
                hits: self.sum(|s| s.facts_grounded),
                total: self.sum(|s| s.facts),
                floor: Some(1.0),
            },
            Metric {
                name: "key-figure recall",
                hits: self.sum(|s| s.figures_recalled),
                total: self.sum(|s| s.figures_in_key),
                floor: Some(0.80),
            },
            Metric {
                name: "pull quotes verbatim and in bounds",
                hits: self.sum(|s| s.pull_quotes_sound),
                total: self.sum(|s| s.pull_quotes),
                floor: Some(1.0),
            },
            Metric {
                name: "speaker role as keyed (info)",
                hits: self.sum(|s| s.roles_right),
                total: self.sum(|s| s.roles_checked),
                floor: None,
            },
            Metric {
                name: "figure-free stories, no padding (info)",
                hits: figureless.iter().filter(|&&c| c).count(),
                total: figureless.len(),
                floor: None,
            },
        ]
    }

    /// True when every metric with a floor meets it.
    pub fn passes(&self) -> bool {
        self.metrics().iter().all(Metric::passes)
    }

    /// The metrics as a plain-text table.
    pub fn table(&self) -> String {
        let mut out = format!(
            "Desk evaluation: {} stories, {} key quotes, {} key figures\n\n",
            self.stories.len(),
            self.sum(|s| s.quotes_in_key),
            self.sum(|s| s.figures_in_key)
        );
        out.push_str(&format!(
            "{:<40} {:>6} {:>11} {:>7}  {}\n",
            "metric", "value", "count", "floor", "result"
        ));
        for m in self.metrics() {
            let floor = m.floor.map_or("-".to_string(), |f| format!("{f:.2}"));
            let result = match m.floor {
                None => "",
                Some(_) if m.passes() => "ok",
                Some(_) => "BELOW FLOOR",
            };
            out.push_str(&format!(
                "{:<40} {:>6.3} {:>11} {:>7}  {}\n",
                m.name,
                m.value(),
                format!("{}/{}", m.hits, m.total),
                floor,
                result
            ));
        }
        out
    }

    /// Every miss, story by story, for whoever tunes the desk next.
    pub fn details(&self) -> String {
        let mut out = String::new();
        for s in self.stories.iter().filter(|s| !s.notes.is_empty()) {
            out.push_str(&format!("{}\n", s.name));
            for note in &s.notes {
                out.push_str(&format!("  - {note}\n"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_match_whole_numbers_only() {
        assert!(holds_figure("£48m", "£48m"));
        assert!(holds_figure("by the end of 2026", "2026"));
        assert!(holds_figure("464,000 subscribers", "464,000"));
        assert!(!holds_figure("1120 homes", "112"));
        assert!(!holds_figure("3.12%", "12%"));
        assert!(!holds_figure("2.6 million", "6 million"));
        assert!(!holds_figure("112.5", "112"));
        assert!(holds_figure("112, the agency said", "112"));
    }

    #[test]
    fn quotes_match_on_words_not_punctuation() {
        assert_eq!(word_seq("We won,"), word_seq("we won"));
        assert_ne!(word_seq("We won"), word_seq("We won it"));
    }

    #[test]
    fn a_key_must_be_well_formed() {
        let key: AnswerKey = toml::from_str(
            "style = \"wire\"\n[[quote]]\ntext = \"a b\"\n[[figure]]\nvalue = \"$1\"\n",
        )
        .expect("valid key");
        assert_eq!(key.quotes.len(), 1);
        assert!(key.quotes[0].speaker.is_none());
        assert!(toml::from_str::<AnswerKey>("[[quote]]\ntxt = \"a\"\n").is_err());
    }
}
