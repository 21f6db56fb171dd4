//! JSON string literals with no markup in them, written in one pass straight into a
//! buffer: `"`, `\` and control characters escaped as JSON requires, `<`, `>` and `&` as
//! `\u003c`, `\u003e`, `\u0026`, and, for scripts, U+2028 and U+2029 as `\u2028`,
//! `\u2029` (they end a line in older JavaScript). Every escape is spelled as serde_json
//! spells it (`\n`, `\t`, `\u001f`, lower-case hex), so the bytes are the ones serde_json
//! with gazette's markup-free formatter wrote before.
//!
//! Why not serde_json's own escaping: it looks at one byte at a time and hands each run
//! between escapes to the formatter, which looked for markup again; feed content is HTML,
//! dense in `"`, `<` and `>`, so the runs are short and the calls many. Here sixteen bytes
//! are tested at once (SSE2, which every x86-64 processor has; a plain loop elsewhere),
//! two blocks a step, and a run is copied as a whole block. This module writes strings only; objects,
//! arrays and layout are [`super::json_writer`]'s.

/// Appends `text` to `out` as a quoted JSON string with no markup in it; with
/// `line_separators`, U+2028 and U+2029 are escaped too (for JSON inside a script).
pub fn push_markup_free_string(out: &mut Vec<u8>, text: &str, line_separators: bool) {
    let bytes = text.as_bytes();
    // Room for the text, the quotes and one window written whole past the end.
    out.reserve(bytes.len() + 2 + 2 * BLOCK);
    out.push(b'"');
    let mut at = 0;
    // Two blocks at a time while there are: most runs between escapes are long.
    while let Some(window) = bytes[at..].first_chunk::<{ 2 * BLOCK }>() {
        let (low, high) = window.split_at(BLOCK);
        let (Some(low), Some(high)) = (low.first_chunk(), high.first_chunk()) else {
            break;
        };
        let special = u32::from(special_bytes(low, line_separators))
            | u32::from(special_bytes(high, line_separators)) << BLOCK;
        // The whole window is copied, then cut back to its plain run: one fixed-size
        // copy is cheaper than a copy of a length known only now.
        let before = out.len();
        out.extend_from_slice(window);
        if special == 0 {
            at += 2 * BLOCK;
            continue;
        }
        let plain = special.trailing_zeros() as usize;
        out.truncate(before + plain);
        at += plain;
        at += push_escape(out, &bytes[at..], line_separators);
    }
    // The last few bytes: whole blocks, then one padded.
    while at < bytes.len() {
        let rest = &bytes[at..];
        match rest.first_chunk::<BLOCK>() {
            Some(block) => at += push_block(out, block, BLOCK, rest, line_separators),
            None => {
                let block = last_block(bytes, at);
                at += push_block(out, &block, rest.len(), rest, line_separators);
            }
        }
    }
    out.push(b'"');
}

/// The bytes of `bytes` from `at` (fewer than a block) followed by zeros, read without a
/// copy of a length known only now: the last sixteen bytes of the text, shifted, when
/// the text is that long; else two overlapping reads of four or eight bytes.
fn last_block(bytes: &[u8], at: usize) -> [u8; BLOCK] {
    let rest = &bytes[at..];
    let n = rest.len();
    let missing = |width: usize| u32::try_from(8 * (width - n)).unwrap_or(u32::MAX);
    let value: u128 = if let Some(window) = bytes.last_chunk::<BLOCK>() {
        u128::from_le_bytes(*window)
            .checked_shr(missing(BLOCK))
            .unwrap_or(0)
    } else if let (Some(low), Some(high)) = (rest.first_chunk::<8>(), rest.last_chunk::<8>()) {
        let high = u64::from_le_bytes(*high)
            .checked_shr(missing(16))
            .unwrap_or(0);
        u128::from(u64::from_le_bytes(*low)) | u128::from(high) << 64
    } else if let (Some(low), Some(high)) = (rest.first_chunk::<4>(), rest.last_chunk::<4>()) {
        let high = u32::from_le_bytes(*high)
            .checked_shr(missing(8))
            .unwrap_or(0);
        u128::from(u32::from_le_bytes(*low)) | u128::from(high) << 32
    } else {
        rest.iter()
            .rev()
            .fold(0, |value, &byte| value << 8 | u128::from(byte))
    };
    value.to_le_bytes()
}

/// How many bytes are tested at once.
const BLOCK: usize = 16;

/// Copies the plain run at the start of `block` (whose first `len` bytes are the text,
/// the rest padding of any kind), then the escape that ends it if there is one; returns how many
/// bytes of the text that covered. `rest` is the text from the block's start on, for an
/// escape that reads past the block (U+2028 split across two).
#[inline(always)]
fn push_block(
    out: &mut Vec<u8>,
    block: &[u8; BLOCK],
    len: usize,
    rest: &[u8],
    line_separators: bool,
) -> usize {
    let special = special_bytes(block, line_separators);
    // The whole block is copied, then cut back to its plain run: one fixed-size copy
    // is cheaper than a copy of a length known only now.
    let before = out.len();
    out.extend_from_slice(block);
    let plain = (special.trailing_zeros() as usize).min(len);
    out.truncate(before + plain);
    if plain == len {
        return len;
    }
    plain + push_escape(out, &rest[plain..], line_separators)
}

/// Writes the escape for the character that starts `rest` (a byte [`special_bytes`]
/// marked) and returns how many bytes of `rest` it stands for. A `0xE2` that does not
/// start U+2028 or U+2029 (a curly quote, a dash) is copied as it is.
#[inline(always)]
fn push_escape(out: &mut Vec<u8>, rest: &[u8], line_separators: bool) -> usize {
    match rest {
        [0xE2, 0x80, 0xA8, ..] if line_separators => {
            out.extend_from_slice(b"\\u2028");
            3
        }
        [0xE2, 0x80, 0xA9, ..] if line_separators => {
            out.extend_from_slice(b"\\u2029");
            3
        }
        [byte, ..] => {
            let (spelling, len) = &ESCAPES[usize::from(*byte)];
            // As above: a fixed-size copy, cut back to the escape's length.
            let before = out.len();
            out.extend_from_slice(spelling);
            out.truncate(before + usize::from(*len));
            1
        }
        [] => 0,
    }
}

/// Each byte's escape and its length (0 for a byte that needs none; `0xE2` is copied as
/// itself, length 1, when it does not start a line separator).
static ESCAPES: [([u8; 6], u8); 256] = escapes();

const fn escapes() -> [([u8; 6], u8); 256] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut table = [([0u8; 6], 0u8); 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = match byte as u8 {
            0x08 => (*b"\\b    ", 2),
            b'\t' => (*b"\\t    ", 2),
            b'\n' => (*b"\\n    ", 2),
            0x0C => (*b"\\f    ", 2),
            b'\r' => (*b"\\r    ", 2),
            b'"' => (*b"\\\"    ", 2),
            b'\\' => (*b"\\\\    ", 2),
            b'<' => (*b"\\u003c", 6),
            b'>' => (*b"\\u003e", 6),
            b'&' => (*b"\\u0026", 6),
            0xE2 => ([0xE2, 0, 0, 0, 0, 0], 1),
            control if control < 0x20 => (
                [
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[(control >> 4) as usize],
                    HEX[(control & 0xF) as usize],
                ],
                6,
            ),
            _ => ([0; 6], 0),
        };
        byte += 1;
    }
    table
}

/// A bit for each byte of `block` that [`push_escape`] must look at: control characters,
/// `"`, `\`, `<`, `>`, `&`, and with `line_separators` the lead byte `0xE2` of U+2028
/// and U+2029 (and of other characters, which are then copied).
#[cfg(target_arch = "x86_64")]
fn special_bytes(block: &[u8; BLOCK], line_separators: bool) -> u16 {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    // Without line separators, the seventh test repeats the first.
    let lead = if line_separators { 0xE2u8 } else { b'"' };
    // SAFETY: SSE2 is part of every x86-64 processor, so these instructions exist; the
    // load reads exactly the sixteen bytes of `block`, and needs no alignment.
    let mask = unsafe {
        let bytes = _mm_loadu_si128(block.as_ptr().cast());
        let equal = |byte: u8| _mm_cmpeq_epi8(bytes, _mm_set1_epi8(byte as i8));
        // A byte is below 0x20 when it is its own minimum with 0x1F.
        let control = _mm_cmpeq_epi8(_mm_min_epu8(bytes, _mm_set1_epi8(0x1F)), bytes);
        let quoting = _mm_or_si128(equal(b'"'), equal(b'\\'));
        let markup = _mm_or_si128(_mm_or_si128(equal(b'<'), equal(b'>')), equal(b'&'));
        let all = _mm_or_si128(
            _mm_or_si128(control, quoting),
            _mm_or_si128(markup, equal(lead)),
        );
        _mm_movemask_epi8(all)
    };
    // The mask holds one bit per byte, sixteen in all.
    mask as u16
}

#[cfg(not(target_arch = "x86_64"))]
fn special_bytes(block: &[u8; BLOCK], line_separators: bool) -> u16 {
    special_bytes_one_by_one(block, line_separators)
}

/// [`special_bytes`], one byte at a time: the path for processors without SSE2.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn special_bytes_one_by_one(block: &[u8; BLOCK], line_separators: bool) -> u16 {
    block.iter().enumerate().fold(0, |mask, (i, &byte)| {
        let special = ESCAPES[usize::from(byte)].1 != 0 && (byte != 0xE2 || line_separators);
        mask | (u16::from(special) << i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(text: &str, line_separators: bool) -> String {
        super::super::json_reference::reference_json(&text, false, line_separators)
    }

    fn ours(text: &str, line_separators: bool) -> String {
        let mut out = b"before ".to_vec();
        push_markup_free_string(&mut out, text, line_separators);
        let out = String::from_utf8(out).expect("utf-8");
        out.strip_prefix("before ").expect("kept").to_string()
    }

    fn assert_same(text: &str) {
        for line_separators in [false, true] {
            assert_eq!(
                ours(text, line_separators),
                reference(text, line_separators),
                "{text:?}, line separators {line_separators}"
            );
        }
    }

    #[test]
    fn every_ascii_byte_is_written_as_serde_json_writes_it() {
        for byte in 0u8..=0x7F {
            let c = char::from(byte);
            // Alone, in a short run, and at every place in and across a block.
            assert_same(&c.to_string());
            assert_same(&format!("a{c}b"));
            for at in 0..40 {
                let mut text = "x".repeat(at);
                text.push(c);
                text.push_str(&"y".repeat(40 - at));
                assert_same(&text);
            }
        }
    }

    #[test]
    fn separators_curly_quotes_and_other_characters_are_whole() {
        let samples = [
            "",
            "\u{2028}",
            "\u{2029}",
            "a\u{2028}b\u{2029}c",
            "’",
            "‘quoted’ “twice” — dash – dash … …",
            "\u{2027}\u{202a}\u{20ac}\u{2000}\u{e2}",
            "é ü ß 中文 😀 \u{7f} \u{80} \u{ff} \u{fffd}",
            "</script><script>alert(1)</script> & \u{2028}",
            "\"\\\u{0}\u{1f}\n\r\t\u{8}\u{c}\u{b}",
        ];
        for sample in samples {
            assert_same(sample);
            // At every offset across a block's edge.
            for at in 0..20 {
                assert_same(&format!("{}{sample}{}", "p".repeat(at), "q".repeat(at)));
            }
        }
        // A separator split across two blocks: its lead byte ends the first one.
        for at in 10..20 {
            assert_same(&format!("{}\u{2028}{}", "s".repeat(at), "t".repeat(30)));
        }
    }

    #[test]
    fn long_html_is_written_as_serde_json_writes_it() {
        let paragraph =
            "<p>The council said: “It’s <em>done</em>” &amp; left.</p>\n\t\"ok\" \\ \u{2028}";
        assert_same(&paragraph.repeat(500));
        assert_same(&"plain words only ".repeat(1000));
    }

    #[test]
    fn both_ways_of_finding_special_bytes_agree_on_every_byte() {
        for byte in 0u8..=0xFF {
            for at in 0..BLOCK {
                let mut block = [b'a'; BLOCK];
                block[at] = byte;
                for line_separators in [false, true] {
                    assert_eq!(
                        special_bytes(&block, line_separators),
                        special_bytes_one_by_one(&block, line_separators),
                        "byte {byte:#04x} at {at}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_last_block_holds_the_last_bytes_then_zeros() {
        let text: Vec<u8> = (1..=40).collect();
        for len in 1..text.len() {
            let bytes = &text[..len];
            for at in len.saturating_sub(BLOCK - 1)..len {
                let mut expected = [0; BLOCK];
                expected[..len - at].copy_from_slice(&bytes[at..]);
                assert_eq!(last_block(bytes, at), expected, "{len} bytes from {at}");
            }
        }
    }

    proptest! {
        #[test]
        fn any_text_is_written_as_serde_json_writes_it(text in any::<String>()) {
            for line_separators in [false, true] {
                prop_assert_eq!(ours(&text, line_separators), reference(&text, line_separators));
            }
        }

        #[test]
        fn markup_dense_text_is_written_as_serde_json_writes_it(
            text in "([<>&\"\\\\\n\t\u{0}-\u{1f}\u{2028}\u{2029}’a-z ]|é|中){0,80}"
        ) {
            for line_separators in [false, true] {
                prop_assert_eq!(ours(&text, line_separators), reference(&text, line_separators));
            }
        }
    }
}
