//! Arbitrary bytes as a Markdown seed (front matter optional): parse, sanitize, edit.
#![no_main]

mod common;

use gazette::seed::SeedFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::parse_and_edit(SeedFormat::Markdown, data));
