//! Arbitrary bytes as TOML front matter between `+++` fences, so every input reaches
//! the front matter parser rather than stopping at a missing fence.
#![no_main]

mod common;

use gazette::seed::SeedFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut seed = b"+++\n".to_vec();
    seed.extend_from_slice(data);
    seed.extend_from_slice(b"\n+++\n# Fallback headline\n\nA paragraph.\n");
    common::parse_and_edit(SeedFormat::Markdown, &seed);
});
