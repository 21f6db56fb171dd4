//! Arbitrary text through the seed parser and the editorial desk: nothing panics, and
//! whatever the desk returns that quotes the story (quote parts, pull quotes, fact
//! values) is found word for word where it says it came from, within the house limits.
//!
//! A fixed-seed generator makes the inputs, so a failure reproduces exactly; the
//! pieces are what breaks text handling in practice (quotation marks of every kind,
//! currency, abbreviations, initials, multi-byte characters, stray front matter,
//! Markdown syntax, control characters, invalid UTF-8).

use gazette::edit;
use gazette::editorial::{self, BlockKind, Limits};
use gazette::explain;
use gazette::seed::{self, ParseOptions, SeedFile, SeedFormat};

/// xorshift64: reproducible pseudo-random numbers without a crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PIECES: &[&str] = &[
    "“",
    "”",
    "\"",
    "'",
    "’",
    "‘",
    "„",
    "«",
    "»",
    ".",
    ". ",
    "! ",
    "? ",
    "…",
    "...",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "$",
    "£",
    "€",
    "¥",
    "US$",
    "1",
    "9",
    "0",
    "38",
    "2026",
    "2032",
    "1,200",
    "3.5",
    "%",
    "per cent",
    "percentage points",
    "bn",
    "m",
    "billion",
    "million",
    "hundreds of",
    "thousands of",
    "by the end of",
    "until at least",
    "jailed for",
    "years",
    "a share",
    "a year earlier",
    "to",
    "from",
    "é",
    "ß",
    "İ",
    "😀",
    "—",
    "–",
    "\u{2011}",
    "\u{a0}",
    "Mr",
    "Ms",
    "Dr.",
    "Sen.",
    "J.",
    "U.S.",
    "Inc.",
    "a.m.",
    "No.",
    "said",
    "says",
    "told",
    "added",
    "according to",
    "he",
    "she",
    "they",
    "it",
    "called",
    "Jane Doe",
    "Doe",
    "Ms Doe",
    "OpenAI",
    "AWS",
    "Amazon Web Services",
    "the chief executive",
    "’s",
    "'s",
    ",",
    ":",
    ";",
    "(",
    ")",
    "[",
    "]",
    "*",
    "_",
    "#",
    "## ",
    "- ",
    "1. ",
    "> ",
    "```",
    "`",
    "<b>",
    "</b>",
    "<script>",
    "+++",
    "title = \"x\"",
    "=",
    "won",
    "3-1",
    "4-6, 7-6, 6-3",
    "10:30",
    "2:02:41",
    "34C",
    "6,300kg",
    "magnitude",
    "6.8",
    "Sixty",
    "firefighters",
    "chips",
    "every",
    "minutes",
    "We",
    "never",
    "But",
    "It",
    "The",
    "deal",
    "cost",
    "rose",
    "fell",
    "profit",
    "\u{7}",
    "\u{200b}",
];

fn random_text(rng: &mut Rng, pieces: usize) -> String {
    let mut s = String::new();
    for _ in 0..pieces {
        s.push_str(rng.pick(PIECES));
        if rng.below(3) == 0 {
            s.push(' ');
        }
    }
    s
}

/// A seed: mostly text shaped like a story (headline, dek, paragraphs), sometimes
/// Markdown with front matter, sometimes raw bytes.
fn random_seed(rng: &mut Rng) -> (SeedFormat, Vec<u8>) {
    let (format, mut bytes) = random_story(rng);
    // Now and then a NUL byte (a binary file) or a byte-order mark.
    match rng.below(40) {
        0 if !bytes.is_empty() => {
            let at = rng.below(bytes.len());
            bytes.insert(at, 0);
        }
        1 => bytes.splice(0..0, "\u{feff}".bytes()).for_each(drop),
        _ => {}
    }
    (format, bytes)
}

fn random_story(rng: &mut Rng) -> (SeedFormat, Vec<u8>) {
    match rng.below(10) {
        0 => {
            let n = rng.below(200);
            let bytes = (0..n).map(|_| (rng.next() & 0xff) as u8).collect();
            (SeedFormat::PlainText, bytes)
        }
        1..=3 => {
            let mut s = String::new();
            if rng.below(2) == 0 {
                s.push_str("+++\ntitle = \"");
                s.push_str(&random_text(rng, 4).replace(['"', '\\', '\n'], " "));
                s.push_str("\"\n+++\n");
            }
            for _ in 0..rng.below(12) {
                let n = 1 + rng.below(60);
                s.push_str(&random_text(rng, n));
                s.push_str("\n\n");
            }
            (SeedFormat::Markdown, s.into_bytes())
        }
        _ => {
            let n = 1 + rng.below(8);
            let mut s = random_text(rng, n).replace('\n', " ");
            s.push('\n');
            for _ in 0..rng.below(14) {
                let n = 1 + rng.below(80);
                s.push_str(&random_text(rng, n));
                s.push('\n');
                if rng.below(2) == 0 {
                    s.push('\n');
                }
            }
            (SeedFormat::PlainText, s.into_bytes())
        }
    }
}

fn random_limits(rng: &mut Rng) -> Limits {
    let min_facts = rng.below(4);
    Limits {
        max_pull_quotes: rng.below(5),
        min_quote_words: 4 + rng.below(8),
        max_quote_words: 20 + rng.below(30),
        min_facts,
        max_facts: min_facts + rng.below(6),
        words_per_minute: 1 + rng.below(400),
    }
}

/// Every promise the desk makes about what it copies from the story.
fn check(story: &gazette::story::Story, m: &editorial::Markup, limits: &Limits, case: usize) {
    let blocks = edit::desk_blocks(story);
    for q in &m.quotes {
        let parts: Vec<&str> = q
            .parts
            .iter()
            .map(|p| {
                blocks[p.block]
                    .text
                    .get(p.start..p.end)
                    .unwrap_or_else(|| panic!("case {case}: quote part out of bounds: {q:?}"))
            })
            .collect();
        assert_eq!(parts.join("\n"), q.text, "case {case}");
    }
    assert!(m.pull_quotes.len() <= limits.max_pull_quotes, "case {case}");
    let mut places: Vec<usize> = Vec::new();
    for p in &m.pull_quotes {
        let source = &blocks[p.source_block];
        assert!(
            source.kind == BlockKind::Paragraph && source.text.contains(&p.text),
            "case {case}: pull quote not verbatim: {p:?}"
        );
        let n = editorial::word_count(&p.text);
        assert!(
            (limits.min_quote_words..=limits.max_quote_words).contains(&n),
            "case {case}: {n} words: {p:?}"
        );
        assert!(
            p.place_before >= 2 && p.place_before < blocks.len(),
            "case {case}"
        );
        assert_ne!(
            blocks[p.place_before - 1].kind,
            BlockKind::Subheading,
            "case {case}"
        );
        assert!(
            places.iter().all(|q| q.abs_diff(p.place_before) >= 2),
            "case {case}"
        );
        places.push(p.place_before);
    }
    for f in &m.facts {
        let holds = match f.block {
            Some(b) => blocks.get(b).is_some_and(|b| b.text.contains(&f.value)),
            None => {
                story.meta.headline.contains(&f.value)
                    || story
                        .meta
                        .dek
                        .as_deref()
                        .is_some_and(|d| d.contains(&f.value))
            }
        };
        assert!(holds, "case {case}: fact not verbatim: {f:?}");
        assert!(!f.value.is_empty(), "case {case}");
    }
    assert!(
        m.facts.is_empty() || m.facts.len() >= limits.min_facts,
        "case {case}: a box below the minimum"
    );
    assert!(
        m.facts.len() <= limits.max_facts.max(limits.min_facts),
        "case {case}"
    );
    assert!(m.reading_minutes >= 1, "case {case}");
}

#[test]
fn arbitrary_seeds_never_break_the_parser_or_the_desk() {
    let mut rng = Rng(0x0005_eed0_f9a2_e77e);
    let mut edited = 0;
    for case in 0..2500 {
        let (format, bytes) = random_seed(&mut rng);
        let file = SeedFile {
            relative_path: match format {
                SeedFormat::PlainText => "2026-11-26-fuzz.txt".into(),
                SeedFormat::Markdown => "fuzz.md".into(),
            },
            format,
            bytes,
        };
        let options = ParseOptions {
            unsafe_html: rng.below(2) == 0,
            ..ParseOptions::default()
        };
        let Ok(parsed) = seed::parse_seed(&file, &options) else {
            continue; // a clear error is a fine answer to garbage; a panic is not
        };
        let limits = if case % 2 == 0 {
            Limits::default()
        } else {
            random_limits(&mut rng)
        };
        let out = edit::edit_story(parsed.story, &limits);
        check(&out.story, &out.markup, &limits, case);
        // `explain` reads the same story and must agree with the build.
        let blocks = edit::desk_blocks(&out.story);
        let copy = editorial::Copy {
            headline: &out.story.meta.headline,
            dek: out.story.meta.dek.as_deref(),
            blocks: &blocks,
        };
        let e = editorial::explain(&copy, &limits);
        if out.story.meta.pull_quotes.is_none() {
            assert_eq!(e.markup.pull_quotes, out.markup.pull_quotes, "case {case}");
        }
        if out.story.meta.facts.is_none() {
            assert_eq!(e.markup.facts, out.markup.facts, "case {case}");
        }
        for c in &e.candidates {
            assert_eq!(
                blocks[c.block].text.get(c.start..c.end),
                Some(c.text.as_str())
            );
        }
        for n in &e.figures {
            let text = match n.place {
                editorial::Place::Headline => out.story.meta.headline.as_str(),
                editorial::Place::Dek => out.story.meta.dek.as_deref().unwrap_or(""),
                editorial::Place::Block(b) => blocks[b].text,
            };
            assert_eq!(
                text.get(n.start..n.end),
                Some(n.value.as_str()),
                "case {case}: {n:?}"
            );
        }
        edited += 1;
    }
    assert!(
        edited > 1500,
        "most generated seeds should parse ({edited} did)"
    );
}

#[test]
fn explain_never_panics_on_arbitrary_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rng = Rng(0x0dd_ba11);
    for case in 0..200 {
        let (format, bytes) = random_seed(&mut rng);
        let name = match format {
            SeedFormat::PlainText => format!("s{case}.txt"),
            SeedFormat::Markdown => format!("s{case}.md"),
        };
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).expect("write");
        if let Ok(report) = explain::explain(dir.path(), &path) {
            let text = report.to_text();
            assert!(text.starts_with("gazette explain"));
            serde_json::to_string(&report).expect("the report is JSON");
        }
    }
}
