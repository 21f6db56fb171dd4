//! One text as the desk reads it: its words and its sentences, found once and shared
//! by every part of the desk (quotes, speakers, pull quotes, facts, topics), so a story
//! is tokenized a single time however many questions are asked of it.
//!
//! It holds byte positions only; it does not judge anything.

use super::sentence;
use super::words::{self, Tok, Tokens};
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
    pub toks: Vec<Tok>,
    /// The text of each word (`toks[i]` of `text`), sliced once.
    pub words: Vec<&'a str>,
    /// `words::classes` of each word, looked up once.
    pub classes: Vec<u32>,
    pub sentences: Vec<Sentence>,
}

impl<'a> Analysed<'a> {
    pub fn new(text: &'a str) -> Self {
        // About one word in six bytes of English: one allocation, no regrowth.
        let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 1);
        toks.extend(Tokens::new(text));
        let words = toks.iter().map(|t| t.text(text)).collect();
        let classes = toks.iter().map(|&t| words::classes_at(text, t)).collect();
        let sentences = sentence::sentences(text, &toks);
        Analysed {
            text,
            toks,
            words,
            classes,
            sentences,
        }
    }

    /// The word lists word `i` is on (`words::bit`), or 0 past the end.
    #[inline]
    pub fn class(&self, i: usize) -> u32 {
        self.classes.get(i).copied().unwrap_or(0)
    }

    /// Word `i`, or `""` past the end.
    #[inline]
    pub fn word(&self, i: usize) -> &'a str {
        self.words.get(i).copied().unwrap_or("")
    }

    /// The text between word `i - 1` (or the start) and word `i` (or the end).
    pub fn gap_before(&self, i: usize) -> &'a str {
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
