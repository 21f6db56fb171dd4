//! What every fuzz target checks after parsing: the desk quotes only what the story says.
#![allow(dead_code)] // each target uses part of this module

use gazette::editorial::{self, Block, BlockKind, Copy, Limits};
use gazette::seed::{ParseOptions, SeedFile, SeedFormat, parse_seed};
use gazette::story::Story;

/// Parses `bytes` as a seed of `format`; on success, edits it and checks verbatim output.
pub fn parse_and_edit(format: SeedFormat, bytes: &[u8]) {
    let seed = SeedFile {
        relative_path: "fuzz.seed".to_string(),
        format,
        bytes: bytes.to_vec(),
    };
    if let Ok(parsed) = parse_seed(&seed, &ParseOptions::default()) {
        edit_and_check(&parsed.story);
    }
}

pub fn edit_and_check(story: &Story) {
    let blocks: Vec<Block> = story
        .blocks
        .iter()
        .map(|b| Block {
            kind: BlockKind::Paragraph,
            text: b.text(),
        })
        .collect();
    check_desk(&story.meta.headline, story.meta.dek.as_deref(), &blocks);
}

/// Runs the desk and panics (a finding) if a pull quote or fact is not in the text.
pub fn check_desk(headline: &str, dek: Option<&str>, blocks: &[Block]) {
    let copy = Copy {
        headline,
        dek,
        blocks,
    };
    let limits = Limits::default();
    let markup = editorial::edit(&copy, &limits);
    let problems = editorial::ungrounded(&copy, &markup, &limits);
    assert!(problems.is_empty(), "{problems:?}");
}
