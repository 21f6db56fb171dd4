//! One text as the desk reads it: its words, each word's lists (`words::classes`) and
//! shape (`words::shape`: capital, digits, hyphen, non-ASCII, a single space before),
//! and its sentences, all found in one pass of the tokenizer and shared by every part of
//! the desk (quotes, speakers, pull quotes, facts, topics), so a story is read a single
//! time however many questions are asked of it.
//!
//! It holds byte positions and bits only; it does not judge anything.

use super::sentence;
use super::words::{self, Tok};
use super::{BlockKind, Copy};

/// A whole story read once: its headline, dek and every paragraph analysed (other
/// blocks are `None`: the desk never mines code, lists or tables).
pub(super) struct Reading<'a> {
    pub copy: &'a Copy<'a>,
    pub headline: Analysed<'a>,
    pub dek: Option<Analysed<'a>>,
    pub paragraphs: Vec<Option<Analysed<'a>>>,
}

impl<'a> Reading<'a> {
    pub fn new(copy: &'a Copy<'a>) -> Self {
        Reading {
            copy,
            headline: Analysed::new(copy.headline),
            dek: copy.dek.map(Analysed::new),
            paragraphs: copy
                .blocks
                .iter()
                .map(|b| (b.kind == BlockKind::Paragraph).then(|| Analysed::new(b.text)))
                .collect(),
        }
    }
}

/// A sentence: bytes `start..end` (trimmed of whitespace) and its words
/// `toks[first..last]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Sentence {
    pub start: usize,
    pub end: usize,
    pub first: usize,
    pub last: usize,
}

/// A text with its words, the word lists each word is on, and its sentences.
#[derive(Debug, Clone)]
pub(super) struct Analysed<'a> {
    pub text: &'a str,
    /// Every word's bytes: made only by the tokenizer, on char boundaries of `text`
    /// (see [`Analysed::word`]), and never changed after.
    pub toks: Vec<Tok>,
    /// Of each word, `words::classes` (looked up once) in the low 32 bits and the
    /// `words::shape` bits the tokenizer noted above them: one vector, one push a word.
    lists_and_shape: Vec<u64>,
    /// How many words start with a capital (shape `UPPER`), counted while reading.
    capitalised: usize,
    /// Every word's `lists_and_shape` or-ed together: a pass looking for a list or a
    /// shape no word has ends before it starts.
    seen: u64,
    pub sentences: Vec<Sentence>,
}

impl<'a> Analysed<'a> {
    pub fn new(text: &'a str) -> Self {
        // About one word in six bytes of English: one allocation each, no regrowth.
        let guess = text.len() / 5 + 1;
        let mut toks: Vec<Tok> = Vec::with_capacity(guess);
        let mut lists_and_shape: Vec<u64> = Vec::with_capacity(guess);
        // Words whose following gap holds a `.`, `!`, `?` or `…`: the only places a
        // sentence can end, noted while the tokenizer walks those gaps anyway.
        // Rarely more than one in forty bytes (a sentence end, an abbreviation, a decimal).
        let mut stops: Vec<usize> = Vec::with_capacity(text.len() / 40 + 1);
        let table = words::word_table();
        let mut capitalised = 0;
        let mut seen = 0u64;
        let mut pos = 0;
        while let Some((tok, stop_before, shape)) = words::next_word(text, pos) {
            if stop_before && !toks.is_empty() {
                stops.push(toks.len() - 1);
            }
            toks.push(tok);
            capitalised += usize::from(shape & words::shape::UPPER);
            let class = table.classes_at(text, tok);
            let bits = u64::from(class) | u64::from(shape) << 32;
            seen |= bits;
            lists_and_shape.push(bits);
            pos = tok.end;
        }
        if !toks.is_empty()
            && text.as_bytes()[pos..]
                .iter()
                .any(|&b| words::is_stop_byte(b))
        {
            stops.push(toks.len() - 1);
        }
        let sentences = sentence::sentences(text, &toks, &stops, |k| {
            lists_and_shape.get(k).map_or(0, |&x| x as u32)
        });
        Analysed {
            text,
            toks,
            lists_and_shape,
            capitalised,
            seen,
            sentences,
        }
    }

    /// The word lists word `i` is on (`words::bit`), or 0 past the end.
    #[inline]
    pub fn class(&self, i: usize) -> u32 {
        self.lists_and_shape.get(i).map_or(0, |&x| x as u32)
    }

    /// Whether word `i` is on any of the lists `bits` (`words::bit`): the same answer as
    /// `words::is_honorific(a.word(i))` and its kin, from the look-up made while reading.
    #[inline]
    pub fn is_on(&self, i: usize, bits: u32) -> bool {
        self.class(i) & bits != 0
    }

    /// Of each word of `from..to` (clamped to the words), its lists in the low 32 bits
    /// and its shape above them, as [`Analysed::class`] and [`Analysed::shape`] give
    /// them: a pass over many words reads them in one slice, without a check a word.
    pub fn lists_and_shapes(&self, from: usize, to: usize) -> &[u64] {
        let to = to.min(self.lists_and_shape.len());
        self.lists_and_shape
            .get(from.min(to)..to)
            .unwrap_or_default()
    }

    /// The `words::shape` bits of word `i`, or 0 past the end.
    #[inline]
    pub fn shape(&self, i: usize) -> u8 {
        self.lists_and_shape.get(i).map_or(0, |&x| (x >> 32) as u8)
    }

    /// The first word at or after `from` whose shape has any of `bits`, or the word
    /// count: the desk's passes that only care about some words skip to them.
    pub fn next_shaped(&self, from: usize, bits: u8) -> usize {
        if self.seen >> 32 & u64::from(bits) == 0 {
            return self.lists_and_shape.len();
        }
        let rest = self.lists_and_shape.get(from..).unwrap_or_default();
        rest.iter()
            .position(|&x| (x >> 32) as u8 & bits != 0)
            .map_or(self.lists_and_shape.len(), |p| from + p)
    }

    /// How many words start with a capital: room to reserve for a pass that keeps
    /// some of them (names, runs). Counted while reading, not by a pass over the words.
    pub fn capitalised(&self) -> usize {
        self.capitalised
    }

    /// How many words have any of the shape `bits` (the reference for `capitalised`).
    #[cfg(test)]
    pub fn count_shaped(&self, bits: u8) -> usize {
        self.lists_and_shape
            .iter()
            .filter(|&&x| (x >> 32) as u8 & bits != 0)
            .count()
    }

    /// The first word at or after `from` on any of the lists `bits`, or the word count.
    pub fn next_listed(&self, from: usize, bits: u32) -> usize {
        if self.seen & u64::from(bits) == 0 {
            return self.lists_and_shape.len();
        }
        let rest = self.lists_and_shape.get(from..).unwrap_or_default();
        rest.iter()
            .position(|&x| x as u32 & bits != 0)
            .map_or(self.lists_and_shape.len(), |p| from + p)
    }

    /// The first word at or after `from` whose shape has any of `shape_bits` or that is
    /// on any of the lists `list_bits`, or the word count.
    pub fn next_shaped_or_listed(&self, from: usize, shape_bits: u8, list_bits: u32) -> usize {
        let mask = u64::from(shape_bits) << 32 | u64::from(list_bits);
        if self.seen & mask == 0 {
            return self.lists_and_shape.len();
        }
        let rest = self.lists_and_shape.get(from..).unwrap_or_default();
        rest.iter()
            .position(|&x| x & mask != 0)
            .map_or(self.lists_and_shape.len(), |p| from + p)
    }

    /// Word `i`, or `""` past the end.
    #[inline]
    pub fn word(&self, i: usize) -> &'a str {
        let text = self.text;
        self.toks.get(i).map_or("", |t| {
            // SAFETY: `toks` is made in `new` alone, from `words::next_word`, which only
            // ever stops on char boundaries of `text` (it steps over whole chars), with
            // `start <= end <= text.len()`; nothing changes it after (no `&mut` is ever
            // lent). So the range is a valid `str` slice. The checked slice cost the desk
            // 3.6 instructions a byte (about 2% of its time): this is every word asked for.
            debug_assert!(text.get(t.start..t.end).is_some());
            unsafe { text.get_unchecked(t.start..t.end) }
        })
    }

    /// The text between word `i - 1` (or the start) and word `i` (or the end).
    pub fn gap_before(&self, i: usize) -> &'a str {
        if self.shape(i) & words::shape::SPACE_BEFORE != 0 {
            // Most gaps: the tokenizer saw a single space (the same text, unsliced).
            return " ";
        }
        let from = match i.checked_sub(1).and_then(|p| self.toks.get(p)) {
            Some(t) => t.end,
            None => 0,
        };
        let to = self.toks.get(i).map_or(self.text.len(), |t| t.start);
        self.text.get(from..to.max(from)).unwrap_or("")
    }

    /// Index of the first word starting at or after byte `at`.
    pub fn first_word_from(&self, at: usize) -> usize {
        self.toks.partition_point(|t| t.start < at)
    }

    /// Index of the sentence holding byte `at` (the last one starting at or before it).
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        self.sentences
            .partition_point(|s| s.start <= at)
            .checked_sub(1)
    }

    pub fn word_count(&self) -> usize {
        self.toks.len()
    }
}

/// Texts for tests that hold a fast path to a simple one: `count` texts, each of fewer
/// than `most` of `pieces` joined, drawn by a fixed xorshift from `seed` (the same texts
/// every run).
#[cfg(test)]
pub(crate) fn texts_of_pieces(pieces: &[&str], count: usize, most: u64, seed: u64) -> Vec<String> {
    let mut seed = seed;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..count)
        .map(|_| {
            let n = (next() % most) as usize;
            (0..n)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editorial::sentence;
    use crate::editorial::words::{Tokens, shape};

    /// Texts built from pieces that exercise every branch of the tokenizer and the
    /// sentence splitter: joiners, curly marks, abbreviations, long and non-ASCII words.
    fn texts() -> Vec<String> {
        const PIECES: [&str; 46] = [
            "A380",
            "thirty-five",
            "Échelle",
            "9-1",
            "well-known-4ever",
            "abcdefgh1",
            "Mr.",
            " ",
            "  ",
            "U.S.",
            "said",
            "Said",
            "“",
            "”",
            "\"",
            "'",
            "’s",
            ".",
            "!",
            "?",
            "…",
            "...",
            "Altman",
            "OpenAI",
            "$1.13bn",
            "500,000",
            "a.m.",
            "Inc.",
            "J.",
            "cloud‑AI",
            "—",
            "naïve",
            "😀",
            "\n",
            ",",
            "International",
            "acknowledged",
            "Northernmost",
            "x",
            "9",
            "e.g.",
            "The",
            "(",
            ")",
            "according",
            "spokeswoman",
        ];
        texts_of_pieces(&PIECES, 3000, 24, 0x9E37_79B9_7F4A_7C15)
    }

    #[test]
    fn a_sentences_words_are_the_words_starting_in_it() {
        let mut sentences = 0;
        for text in texts() {
            let a = Analysed::new(&text);
            for s in &a.sentences {
                assert_eq!(a.first_word_from(s.start), s.first, "{s:?} of {text:?}");
                assert_eq!(a.first_word_from(s.end), s.last, "{s:?} of {text:?}");
                sentences += 1;
            }
        }
        assert!(sentences > 2000, "{sentences}");
    }

    #[test]
    fn one_pass_reads_as_the_separate_steps_do() {
        for text in texts() {
            let a = Analysed::new(&text);
            let toks: Vec<Tok> = Tokens::new(&text).collect();
            assert_eq!(a.toks, toks, "{text:?}");
            for (i, t) in toks.iter().enumerate() {
                let word = t.text(&text);
                assert_eq!(a.word(i), word, "{text:?}");
                assert_eq!(a.class(i), words::classes(word), "{word:?} in {text:?}");
                let shape = a.shape(i);
                assert_eq!(
                    shape & shape::UPPER != 0,
                    words::starts_upper(word),
                    "{word:?}"
                );
                assert_eq!(
                    shape & shape::DIGIT_START != 0,
                    word.as_bytes()[0].is_ascii_digit(),
                    "{word:?}"
                );
                assert_eq!(
                    shape & shape::HAS_DIGIT != 0,
                    words::has_digit(word),
                    "{word:?}"
                );
                assert_eq!(shape & shape::HYPHEN != 0, word.contains('-'), "{word:?}");
                assert_eq!(shape & shape::NON_ASCII != 0, !word.is_ascii(), "{word:?}");
                let from = i.checked_sub(1).map_or(0, |p| toks[p].end);
                assert_eq!(
                    shape & shape::SPACE_BEFORE != 0,
                    &text[from..t.start] == " ",
                    "{word:?} in {text:?}"
                );
                assert_eq!(a.gap_before(i), &text[from..t.start], "{text:?}");
            }
            assert_eq!(a.capitalised(), a.count_shaped(shape::UPPER), "{text:?}");
            let stops = sentence::stops(&text, &toks);
            assert_eq!(
                a.sentences,
                sentence::sentences(&text, &toks, &stops, |k| {
                    toks.get(k).map_or(0, |t| words::classes(t.text(&text)))
                }),
                "{text:?}"
            );
        }
    }

    #[test]
    fn skips_land_on_the_first_word_asked_for() {
        let (shapes, lists) = (shape::DIGIT_START | shape::HYPHEN, words::bit::NUMBER_WORD);
        for text in texts().iter().take(500) {
            let a = Analysed::new(text);
            for from in 0..=a.word_count() + 1 {
                let slow = (from..a.word_count())
                    .find(|&i| a.shape(i) & shapes != 0 || a.class(i) & lists != 0)
                    .unwrap_or(a.word_count());
                assert_eq!(
                    a.next_shaped_or_listed(from, shapes, lists),
                    slow,
                    "{text:?}"
                );
                // The passes that ask for one list or one shape alone, including lists
                // and shapes the text has no word of.
                for bit in [
                    words::bit::HONORIFIC,
                    words::bit::MONTH,
                    words::bit::CORE_REPORTING,
                ] {
                    let slow = (from..a.word_count())
                        .find(|&i| a.class(i) & bit != 0)
                        .unwrap_or(a.word_count());
                    assert_eq!(a.next_listed(from, bit), slow, "{text:?}");
                }
                for bit in [shape::UPPER, shape::HYPHEN, shape::NON_ASCII] {
                    let slow = (from..a.word_count())
                        .find(|&i| a.shape(i) & bit != 0)
                        .unwrap_or(a.word_count());
                    assert_eq!(a.next_shaped(from, bit), slow, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn sixteen_byte_words_are_looked_up_in_place() {
        // A listed word of 9 to 16 bytes read with text after it, and at the very end.
        for text in [
            "acknowledged the",
            "acknowledged",
            "International bank",
            "ACKNOWLEDGED!",
        ] {
            let a = Analysed::new(text);
            assert_eq!(a.class(0), words::classes(a.word(0)), "{text:?}");
            assert_ne!(a.class(0), 0, "{text:?}");
        }
    }
}
