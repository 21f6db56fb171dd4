//! How templates escape the text they print: `&`, `<`, `>`, `"` and `'` become `&amp;`,
//! `&lt;`, `&gt;`, `&quot;` and `&#39;`, byte for byte as tera's own escaping
//! (pulldown-cmark-escape) writes them, and every other byte is copied.
//!
//! Why not tera's own: a page prints a few hundred short values (paths, names,
//! headlines), and the SIMD escaper it calls is built for long text: for each value it
//! checks the processor, sets up its tables and hands the text over in pieces, about
//! three hundred instructions a value at 1,000 stories. Here sixteen bytes are tested at
//! once (SSE2, which every x86-64 processor has; a plain loop elsewhere), the rest too,
//! and text with nothing to escape is written in one piece. What is
//! marked safe (`| safe`, story cards) never comes here.

use std::io::Write;

/// How many bytes are tested at once.
const BLOCK: usize = 16;

/// Writes `text` to `out`, escaped for HTML text and quoted attributes (tera's
/// [`tera::EscapeFn`]).
pub fn escape(text: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let bytes = text.as_bytes();
    // The start of the text not written yet.
    let mut unwritten = 0;
    let mut at = 0;
    while let Some(block) = bytes[at..].first_chunk::<BLOCK>() {
        unwritten = write_block(out, bytes, unwritten, at, special_bytes(block))?;
        at += BLOCK;
    }
    // The rest, shorter than a block, is tested as one block too: the text's last sixteen
    // bytes when it is that long (the bits of bytes already tested shifted off), else
    // the rest padded with zeros, which need no escape.
    let rest = bytes.len() - at;
    if rest > 0 {
        let special = match bytes.last_chunk::<BLOCK>() {
            Some(last) => special_bytes(last) >> (BLOCK - rest),
            None => {
                let mut padded = [0u8; BLOCK];
                padded[..rest].copy_from_slice(&bytes[at..]);
                special_bytes(&padded)
            }
        };
        unwritten = write_block(out, bytes, unwritten, at, special)?;
    }
    out.write_all(&bytes[unwritten..])
}

/// Writes what comes before each byte marked in `special` (bit `k`: the byte at
/// `at + k`) and that byte's escape; returns where the next plain run starts.
#[inline(always)]
fn write_block(
    out: &mut dyn Write,
    bytes: &[u8],
    mut unwritten: usize,
    at: usize,
    mut special: u16,
) -> std::io::Result<usize> {
    while special != 0 {
        let found = at + special.trailing_zeros() as usize;
        unwritten = write_escaped(out, bytes, unwritten, found)?;
        special &= special - 1;
    }
    Ok(unwritten)
}

/// Writes the plain run `bytes[unwritten..found]` and the escape of the byte at `found`;
/// returns where the next run starts.
#[inline(always)]
fn write_escaped(
    out: &mut dyn Write,
    bytes: &[u8],
    unwritten: usize,
    found: usize,
) -> std::io::Result<usize> {
    if found > unwritten {
        out.write_all(&bytes[unwritten..found])?;
    }
    if let Some(escaped) = escape_of(bytes[found]) {
        out.write_all(escaped)?;
    }
    Ok(found + 1)
}

/// The escape of `byte`, if it needs one.
#[inline(always)]
fn escape_of(byte: u8) -> Option<&'static [u8]> {
    match byte {
        b'&' => Some(b"&amp;"),
        b'<' => Some(b"&lt;"),
        b'>' => Some(b"&gt;"),
        b'"' => Some(b"&quot;"),
        b'\'' => Some(b"&#39;"),
        _ => None,
    }
}

/// A bit for each byte of `block` that needs an escape.
#[cfg(target_arch = "x86_64")]
fn special_bytes(block: &[u8; BLOCK]) -> u16 {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of every x86-64 processor, so these instructions exist; the
    // load reads exactly the sixteen bytes of `block`, and needs no alignment.
    let mask = unsafe {
        let bytes = _mm_loadu_si128(block.as_ptr().cast());
        let equal = |byte: u8| _mm_cmpeq_epi8(bytes, _mm_set1_epi8(byte as i8));
        let markup = _mm_or_si128(_mm_or_si128(equal(b'<'), equal(b'>')), equal(b'&'));
        let quotes = _mm_or_si128(equal(b'"'), equal(b'\''));
        _mm_movemask_epi8(_mm_or_si128(markup, quotes))
    };
    // The mask holds one bit per byte, sixteen in all.
    mask as u16
}

#[cfg(not(target_arch = "x86_64"))]
fn special_bytes(block: &[u8; BLOCK]) -> u16 {
    special_bytes_one_by_one(block)
}

/// [`special_bytes`], one byte at a time: the path for processors without SSE2.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn special_bytes_one_by_one(block: &[u8; BLOCK]) -> u16 {
    block.iter().enumerate().fold(0, |mask, (i, &byte)| {
        mask | (u16::from(escape_of(byte).is_some()) << i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(text: &str) -> String {
        let mut out = b"before ".to_vec();
        escape(text, &mut out).expect("writing to memory");
        let out = String::from_utf8(out).expect("utf-8");
        out.strip_prefix("before ").expect("kept").to_string()
    }

    fn tera_escaped(text: &str) -> String {
        let mut out = Vec::new();
        tera::escape_html(text, &mut out).expect("writing to memory");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn every_ascii_byte_is_written_as_tera_writes_it() {
        for byte in 0u8..=0x7F {
            let c = char::from(byte);
            // Alone, twice, and in a short run.
            for text in [c.to_string(), format!("a{c}b"), format!("{c}{c}")] {
                assert_eq!(ours(&text), tera_escaped(&text), "{text:?}");
            }
            // At every place of texts shorter than, as long as and longer than a block.
            for len in 1..=40 {
                for at in 0..len {
                    let text = format!("{}{c}{}", "x".repeat(at), "y".repeat(len - 1 - at));
                    assert_eq!(ours(&text), tera_escaped(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn text_with_nothing_to_escape_is_copied() {
        for len in 0..50 {
            let text = "é".repeat(len);
            assert_eq!(ours(&text), text);
        }
    }

    #[test]
    fn the_sse2_test_marks_the_bytes_the_plain_one_does() {
        let mut block = [0u8; BLOCK];
        for byte in 0u8..=0xFF {
            for at in 0..BLOCK {
                block.fill(b'x');
                block[at] = byte;
                assert_eq!(special_bytes(&block), special_bytes_one_by_one(&block));
            }
        }
    }

    proptest! {
        #[test]
        fn any_text_is_escaped_as_tera_escapes_it(
            text in "[a-z<>&\"' é’\u{2028}]{0,80}"
        ) {
            prop_assert_eq!(ours(&text), tera_escaped(&text));
        }

        #[test]
        fn any_unicode_is_escaped_as_tera_escapes_it(text in any::<String>()) {
            prop_assert_eq!(ours(&text), tera_escaped(&text));
        }
    }
}
