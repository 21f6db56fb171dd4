//! Property tests (proptest, stable Rust): arbitrary bytes through the seed formats and
//! arbitrary text through the editorial desk never panic, and whatever the desk quotes
//! is copied verbatim from the story. The fuzz targets in `fuzz/` push the same code
//! paths much harder (see README, "Fuzzing").

use proptest::prelude::*;

use gazette::editorial::{self, Block, BlockKind, Copy, Limits};
use gazette::seed::{ParseOptions, SeedFile, SeedFormat, parse_seed};
use gazette::slug::slugify;

/// Text that looks like news copy: words, figures, currency, quotes, abbreviations,
/// front matter fences and Markdown marks, in any order.
fn newsy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "The",
        "council",
        "said",
        "Mr.",
        "U.S.",
        "$38bn",
        "£600m",
        "€2 billion",
        "3.5%",
        "500,000 chips",
        "by the end of 2026",
        "“",
        "”",
        "\"",
        "‘",
        "’",
        ",",
        ".",
        "?",
        "!",
        "—",
        "\u{2011}",
        "\n",
        "\n\n",
        "+++",
        "#",
        "##",
        "-",
        "*",
        "`",
        "```",
        ">",
        "<b>",
        "</b>",
        "[x](javascript:alert(1))",
        "Sam Altman",
        "OpenAI CEO",
        "according to",
        "she added",
        "hundreds of thousands of GPUs",
        " ",
        "title = \"T\"",
        "date = 2026-11-25",
        "tags = [",
        "]",
        "=",
        "\u{feff}",
        "\r\n",
        "é",
        "日本",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|parts| parts.join(" "))
}

fn seed(format: SeedFormat, bytes: Vec<u8>) -> SeedFile {
    let relative_path = match format {
        SeedFormat::PlainText => "prop.txt",
        SeedFormat::Markdown => "prop.md",
    };
    SeedFile {
        relative_path: relative_path.to_string(),
        format,
        bytes,
    }
}

/// Every pull quote and every fact value appears word for word in the story, and pull
/// quotes sit between blocks.
fn assert_verbatim(headline: &str, dek: Option<&str>, blocks: &[Block]) {
    let copy = Copy {
        headline,
        dek,
        blocks,
    };
    let limits = Limits::default();
    let markup = editorial::edit(&copy, &limits);
    let problems = editorial::ungrounded(&copy, &markup, &limits);
    assert!(problems.is_empty(), "{problems:?}");
    for quote in &markup.pull_quotes {
        assert!(quote.place_before >= 2 && quote.place_before <= blocks.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_bytes_parse_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        for format in [SeedFormat::PlainText, SeedFormat::Markdown] {
            let _ = parse_seed(&seed(format, bytes.clone()), &ParseOptions::default());
        }
    }

    #[test]
    fn newsy_seeds_parse_and_edit_verbatim(text in newsy_text()) {
        for format in [SeedFormat::PlainText, SeedFormat::Markdown] {
            if let Ok(parsed) = parse_seed(&seed(format, text.clone().into_bytes()), &ParseOptions::default()) {
                let story = parsed.story;
                let blocks: Vec<Block> = story
                    .blocks
                    .iter()
                    .map(|b| Block { kind: BlockKind::Paragraph, text: b.text() })
                    .collect();
                assert_verbatim(&story.meta.headline, story.meta.dek.as_deref(), &blocks);
            }
        }
    }

    #[test]
    fn the_desk_quotes_only_what_the_text_says(
        headline in newsy_text(),
        paragraphs in prop::collection::vec(newsy_text(), 0..12),
    ) {
        let blocks: Vec<Block> = paragraphs
            .iter()
            .map(|p| Block { kind: BlockKind::Paragraph, text: p })
            .collect();
        assert_verbatim(&headline, None, &blocks);
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
