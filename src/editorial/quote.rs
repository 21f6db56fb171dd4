//! Direct quotes: where the quotation marks open and close.
//!
//! Quotes are found between double quotation marks, curly (“…”, „…”) or straight
//! ("…"); single marks are apostrophes or quotes nested inside and never open one. A
//! straight mark opens only when a word follows it (so the inch mark of a `12"` record
//! opens nothing). A quote may run over several paragraphs the newsroom way: an opening
//! mark at each paragraph's start and the closing one only at the end of the last; it
//! is one quote with one part per paragraph. Otherwise a mark left open ends with its
//! paragraph and is no quote, and a second opening mark restarts the quote, so stray
//! marks never swallow the rest of a story.
//!
//! It does not decide who speaks or whether the words are speech at all (scare quotes,
//! titles): `attribution` does.

use super::{Block, BlockKind};

/// One paragraph's share of a quote: the words inside the marks are
/// `blocks[block].text[start..end]` (trimmed of spaces).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Part {
    pub block: usize,
    /// Byte where the opening mark stands.
    pub open: usize,
    pub start: usize,
    pub end: usize,
    /// Byte after the closing mark; `None` if the quote runs on into the next paragraph.
    pub close_end: Option<usize>,
}

/// A quote: one part, or one per paragraph for a quote over several paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Span {
    pub parts: Vec<Part>,
}

impl Span {
    pub fn first(&self) -> &Part {
        &self.parts[0]
    }

    pub fn last(&self) -> &Part {
        &self.parts[self.parts.len() - 1]
    }
}

/// A quotation mark and what it can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Opening,
    Closing,
    Straight,
}

/// The double quotation marks of `text` with their byte positions and lengths: one pass
/// over the bytes (`"` is 0x22; the curly marks are E2 80 9C/9D/9E in UTF-8).
fn marks(text: &str) -> impl Iterator<Item = (usize, usize, Mark)> + '_ {
    let b = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let i = next_mark_byte(b, from)?;
            from = i + 1;
            match b[i] {
                b'"' => return Some((i, 1, Mark::Straight)),
                _ if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                    Some(0x9C | 0x9E) => return Some((i, 3, Mark::Opening)),
                    Some(0x9D) => return Some((i, 3, Mark::Closing)),
                    _ => {}
                },
                _ => {}
            }
        }
    })
}

/// The first `"` or 0xE2 byte (the lead byte of every curly mark) at or after `i`:
/// `memchr2`, sixteen bytes a step on x86-64 (it was eight by hand): most text holds
/// neither, but 0xE2 also leads every `’` and dash.
fn next_mark_byte(b: &[u8], i: usize) -> Option<usize> {
    memchr::memchr2(b'"', 0xE2, b.get(i..)?).map(|at| i + at)
}

/// Every quote of the story's paragraphs, in reading order.
pub(super) fn find_spans(blocks: &[Block]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut chain: Vec<Part> = Vec::new();
    for (bi, block) in blocks.iter().enumerate() {
        if block.kind != BlockKind::Paragraph {
            chain.clear();
            continue;
        }
        let text = block.text;
        if !chain.is_empty() && !starts_with_open_mark(text) {
            chain.clear();
        }
        let bytes = text.as_bytes();
        let mut open: Option<(usize, usize)> = None; // (mark, inner start)
        for (i, len, mark) in marks(text) {
            let closes = match mark {
                Mark::Opening => {
                    open = Some((i, i + len));
                    false
                }
                Mark::Closing => open.is_some(),
                Mark::Straight if open.is_some() => true,
                Mark::Straight => {
                    let word_follows = bytes
                        .get(i + 1)
                        .is_some_and(|&n| !n.is_ascii_whitespace() && n != b'"');
                    if word_follows {
                        open = Some((i, i + 1));
                    }
                    false
                }
            };
            if !closes {
                continue;
            }
            let Some((mark_at, start)) = open.take() else {
                continue;
            };
            let mut parts = std::mem::take(&mut chain);
            parts.push(part(text, bi, mark_at, start, i, Some(i + len)));
            out.push(Span { parts });
        }
        match open {
            Some((mark_at, start)) if continues_in_next(blocks, bi) => {
                chain.push(part(text, bi, mark_at, start, text.len(), None));
            }
            _ => chain.clear(),
        }
    }
    out.retain(|s| s.parts.iter().any(|p| p.start < p.end));
    out
}

fn part(
    text: &str,
    block: usize,
    open: usize,
    start: usize,
    end: usize,
    close_end: Option<usize>,
) -> Part {
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trimmed_end = start + inner.trim_end().len();
    Part {
        block,
        open,
        start: (start + lead).min(trimmed_end),
        end: trimmed_end,
        close_end,
    }
}

fn starts_with_open_mark(text: &str) -> bool {
    matches!(text.trim_start().chars().next(), Some('“' | '"' | '„'))
}

/// The newsroom convention for a quote over several paragraphs: the next paragraph
/// opens with a quotation mark again.
fn continues_in_next(blocks: &[Block], bi: usize) -> bool {
    blocks
        .get(bi + 1)
        .is_some_and(|next| next.kind == BlockKind::Paragraph && starts_with_open_mark(next.text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_found_at_every_offset() {
        let pieces = ["“", "”", "\"", "„", "’", "—", "abc", " ", "x", "\u{e2}"];
        for n in 0..400usize {
            // A deterministic mix of marks, look-alike curly characters and plain text.
            let text: String = (0..n % 23)
                .map(|k| pieces[(n * 7 + k * 13 + k * k) % pieces.len()])
                .collect();
            let b = text.as_bytes();
            let slow: Vec<usize> = (0..b.len())
                .filter(|&i| {
                    b[i] == b'"'
                        || (b[i] == 0xE2
                            && b.get(i + 1) == Some(&0x80)
                            && matches!(b.get(i + 2), Some(0x9C..=0x9E)))
                })
                .collect();
            let fast: Vec<usize> = marks(&text).map(|m| m.0).collect();
            assert_eq!(fast, slow, "{text:?}");
        }
    }

    fn spans(paragraphs: &[&'static str]) -> Vec<Vec<(usize, &'static str)>> {
        let blocks: Vec<Block> = paragraphs.iter().map(|t| Block::paragraph(t)).collect();
        find_spans(&blocks)
            .into_iter()
            .map(|s| {
                s.parts
                    .iter()
                    .map(|p| (p.block, &paragraphs[p.block][p.start..p.end]))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn curly_straight_and_nested_marks() {
        assert_eq!(
            spans(&["“We won,” she said. \"It's ours, 'all of it',\" he added."]),
            vec![vec![(0, "We won,")], vec![(0, "It's ours, 'all of it',")]]
        );
        assert_eq!(spans(&["A 12\" record and a “real quote here”."]).len(), 1);
    }

    #[test]
    fn a_quote_over_several_paragraphs_is_one_quote() {
        let s = spans(&[
            "The judge said: “Every pound you took was given freely.",
            "“You treated it as your own.",
            "“You stopped only because you were caught.”",
            "A plain paragraph.",
        ]);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].len(), 3);
        assert_eq!(s[0][1], (1, "You treated it as your own."));
    }

    #[test]
    fn unbalanced_marks_never_swallow_the_story() {
        let s = spans(&[
            "He said “this never closes and runs on for a while.",
            "Next paragraph has “a real quote of some length here” in it.",
        ]);
        assert_eq!(s, vec![vec![(1, "a real quote of some length here")]]);
        let s = spans(&["“Stray “restarts here” and ” closes nothing."]);
        assert_eq!(s, vec![vec![(0, "restarts here")]]);
    }
}
