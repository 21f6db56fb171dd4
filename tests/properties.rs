//! Property tests (proptest, stable Rust): arbitrary bytes and news-shaped text through
//! the seed formats and the editorial desk. Nothing panics, a clear error is the only
//! other answer, and whatever the desk returns that quotes the story (quote parts, pull
//! quotes, fact values, `explain`'s candidates and figures) is found word for word
//! where it says it came from, within the house limits.
//!
//! The pieces are what breaks text handling in practice: quotation marks of every kind,
//! currency, abbreviations, initials, multi-byte characters, stray front matter,
//! Markdown syntax, control characters, invalid UTF-8. CI fixes proptest's seed
//! (`PROPTEST_RNG_SEED`) so a failure reproduces; the fuzz targets in `fuzz/` push the
//! same code paths much harder (see README, "Fuzzing").

use proptest::prelude::*;

use gazette::edit;
use gazette::editorial::{self, BlockKind, Limits};
use gazette::explain;
use gazette::seed::{ParseOptions, SeedFile, SeedFormat, parse_seed};
use gazette::slug::slugify;
use gazette::story::Story;

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
    "$38bn",
    "£600m",
    "€2 billion",
    "3.5%",
    "500,000 chips",
    "by the end of 2026",
    "[x](javascript:alert(1))",
    "Sam Altman",
    "OpenAI CEO",
    "she added",
    "hundreds of thousands of GPUs",
    "date = 2026-11-25",
    "tags = [",
    "\u{feff}",
    "日本",
    "council",
];

/// News-shaped text: up to `max` pieces, some with a space after them.
fn pieces(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(PIECES), any::<bool>()), 0..max).prop_map(|parts| {
        let mut text = String::new();
        for (piece, space) in parts {
            text.push_str(piece);
            if space {
                text.push(' ');
            }
        }
        text
    })
}

/// Plain text shaped like a wire story: a headline line, then lines of copy with and
/// without blank lines between them.
fn plain_text_story() -> impl Strategy<Value = Vec<u8>> {
    (
        pieces(8),
        prop::collection::vec((pieces(80), any::<bool>()), 0..14),
    )
        .prop_map(|(headline, lines)| {
            let mut s = headline.replace('\n', " ");
            s.push('\n');
            for (line, blank) in lines {
                s.push_str(&line);
                s.push('\n');
                if blank {
                    s.push('\n');
                }
            }
            s.into_bytes()
        })
}

/// Markdown, with a front matter title half the time.
fn markdown_story() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::option::of(pieces(4)),
        prop::collection::vec(pieces(60), 0..12),
    )
        .prop_map(|(title, paragraphs)| {
            let mut s = String::new();
            if let Some(title) = title {
                s.push_str("+++\ntitle = \"");
                s.push_str(&title.replace(['"', '\\', '\n'], " "));
                s.push_str("\"\n+++\n");
            }
            for p in paragraphs {
                s.push_str(&p);
                s.push_str("\n\n");
            }
            s.into_bytes()
        })
}

/// A seed file: mostly a story, sometimes raw bytes; now and then with a NUL byte (a
/// binary file) or a byte-order mark.
fn seed_file() -> impl Strategy<Value = SeedFile> {
    let story = prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..200).prop_map(|b| (SeedFormat::PlainText, b)),
        3 => markdown_story().prop_map(|b| (SeedFormat::Markdown, b)),
        6 => plain_text_story().prop_map(|b| (SeedFormat::PlainText, b)),
    ];
    (story, 0..40usize, any::<prop::sample::Index>()).prop_map(|((format, mut bytes), mark, at)| {
        match mark {
            0 if !bytes.is_empty() => bytes.insert(at.index(bytes.len()), 0),
            1 => bytes.splice(0..0, "\u{feff}".bytes()).for_each(drop),
            _ => {}
        }
        seed(format, bytes)
    })
}

fn seed(format: SeedFormat, bytes: Vec<u8>) -> SeedFile {
    let relative_path = match format {
        SeedFormat::PlainText => "2026-11-26-prop.txt",
        SeedFormat::Markdown => "prop.md",
    };
    SeedFile {
        relative_path: relative_path.to_string(),
        format,
        bytes,
    }
}

/// The house limits half the time, any sensible limits otherwise.
fn limits() -> impl Strategy<Value = Limits> {
    prop_oneof![
        Just(Limits::default()),
        (
            0..5usize,
            4..12usize,
            20..50usize,
            0..4usize,
            0..6usize,
            1..400usize
        )
            .prop_map(
                |(pulls, min_words, max_words, min_facts, more_facts, wpm)| Limits {
                    max_pull_quotes: pulls,
                    min_quote_words: min_words,
                    max_quote_words: max_words,
                    min_facts,
                    max_facts: min_facts + more_facts,
                    words_per_minute: wpm,
                }
            ),
    ]
}

/// Every promise the desk makes about what it copies from the story.
fn check(story: &Story, m: &editorial::Markup, limits: &Limits, case: &str) {
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

/// `explain` reads the same story as the build and must agree with it; what it lists
/// as taken from the text must be there.
fn check_explain(story: &Story, m: &editorial::Markup, limits: &Limits, case: &str) {
    let blocks = edit::desk_blocks(story);
    let copy = editorial::Copy {
        headline: &story.meta.headline,
        dek: story.meta.dek.as_deref(),
        blocks: &blocks,
    };
    let e = editorial::explain(&copy, limits);
    if story.meta.pull_quotes.is_none() {
        assert_eq!(e.markup.pull_quotes, m.pull_quotes, "case {case}");
    }
    if story.meta.facts.is_none() {
        assert_eq!(e.markup.facts, m.facts, "case {case}");
    }
    for c in &e.candidates {
        assert_eq!(
            blocks[c.block].text.get(c.start..c.end),
            Some(c.text.as_str()),
            "case {case}"
        );
    }
    for n in &e.figures {
        let text = match n.place {
            editorial::Place::Headline => story.meta.headline.as_str(),
            editorial::Place::Dek => story.meta.dek.as_deref().unwrap_or(""),
            editorial::Place::Block(b) => blocks[b].text,
        };
        assert_eq!(
            text.get(n.start..n.end),
            Some(n.value.as_str()),
            "case {case}: {n:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn seeds_parse_or_fail_cleanly_and_the_desk_copies_verbatim(
        file in seed_file(),
        limits in limits(),
        unsafe_html in any::<bool>(),
    ) {
        // A clear error is a fine answer to garbage; a panic is not.
        if let Ok(parsed) = parse_seed(&file, &ParseOptions { unsafe_html, ..ParseOptions::default() }) {
            let out = edit::edit_story(parsed.story, &limits);
            let case = format!("{:?}", String::from_utf8_lossy(&file.bytes));
            check(&out.story, &out.markup, &limits, &case);
            check_explain(&out.story, &out.markup, &limits, &case);
        }
    }

    #[test]
    fn any_bytes_parse_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        for format in [SeedFormat::PlainText, SeedFormat::Markdown] {
            let _ = parse_seed(&seed(format, bytes.clone()), &ParseOptions::default());
        }
    }

    #[test]
    fn plain_text_keeps_every_character_of_its_paragraphs(lines in prop::collection::vec("[^\r\n]{0,80}", 1..20)) {
        let source = lines.join("\n");
        if let Ok(parsed) = parse_seed(&seed(SeedFormat::PlainText, source.clone().into_bytes()), &ParseOptions::default()) {
            for block in &parsed.story.blocks {
                for word in block.text().split_whitespace() {
                    prop_assert!(source.contains(word), "{word:?} is not in the seed");
                }
            }
        }
    }

    #[test]
    fn slugs_are_safe_path_segments(text in any::<String>()) {
        if let Some(slug) = slugify(&text) {
            prop_assert!(!slug.is_empty() && slug.len() <= 80);
            prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn explain_never_panics_on_arbitrary_files(file in seed_file()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let name = match file.format {
            SeedFormat::PlainText => "s.txt",
            SeedFormat::Markdown => "s.md",
        };
        let path = dir.path().join(name);
        std::fs::write(&path, &file.bytes).expect("write");
        if let Ok(report) = explain::explain(dir.path(), &path) {
            prop_assert!(report.to_text().starts_with("gazette explain"));
            serde_json::to_string(&report).expect("the report is JSON");
        }
    }
}

/// The generator must mostly make seeds the parser takes, or the desk goes untested.
#[test]
fn most_generated_seeds_reach_the_desk() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = seed_file();
    let parsed = (0..500)
        .filter(|_| {
            let file = strategy.new_tree(&mut runner).expect("a seed").current();
            parse_seed(&file, &ParseOptions::default()).is_ok()
        })
        .count();
    assert!(parsed > 300, "only {parsed} of 500 generated seeds parsed");
}
