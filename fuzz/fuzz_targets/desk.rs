//! Arbitrary text straight into the editorial desk: line 1 the headline, every other
//! line a paragraph.
#![no_main]

mod common;

use gazette::editorial::{Block, BlockKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let headline = lines.next().unwrap_or_default();
    let blocks: Vec<Block> = lines
        .map(|text| Block {
            kind: BlockKind::Paragraph,
            text,
        })
        .collect();
    common::check_desk(headline, None, &blocks);
});
