//! Arbitrary bytes as a plain-text seed: parse, edit, check the desk stays verbatim.
#![no_main]

mod common;

use gazette::seed::SeedFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::parse_and_edit(SeedFormat::PlainText, data));
