//! Sentence splitting for news copy.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis (with any closing quotation marks or
//! brackets that follow it) when whitespace and a capital, digit or opening mark come
//! next. A full stop does not end a sentence after a title (`Mr.`, `Dr.`, `Sen.`), a
//! month (`Jan. 5`), `e.g.`/`vs.`, `No. 2`, or an initial (`J. K. Rowling`); after an
//! abbreviation that can also close a sentence (`Inc.`, `U.S.`, `p.m.`) it does only
//! when a common opener (`The`, `He`, `But` …) follows. Decimals and money (`$1.13bn`,
//! `3.5%`) never split: they are single words, and a sentence can only end between
//! words. A sentence that ends inside quotation marks (`“Why?” she asked.`) goes on.
//!
//! It does not know about paragraphs or quotations beyond their closing marks, and it
//! returns byte ranges (trimmed of surrounding whitespace) rather than strings.

use std::ops::Range;

use super::text::Sentence;
use super::words::{self, Tok, Tokens};

/// Byte ranges of the sentences of `text`, in order, each trimmed of whitespace.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let toks: Vec<Tok> = Tokens::new(text).collect();
    let class_of = |k: usize| toks.get(k).map_or(0, |t| words::classes(t.text(text)));
    sentences(text, &toks, &stops(text, &toks), class_of)
        .into_iter()
        .map(|s| s.start..s.end)
        .collect()
}

/// The words of `toks` whose following gap (up to the next word or the end) holds a
/// byte where a sentence may end; `text::Analysed` notes the same while tokenizing.
pub(super) fn stops(text: &str, toks: &[Tok]) -> Vec<usize> {
    let bytes = text.as_bytes();
    (0..toks.len())
        .filter(|&i| {
            let gap_to = toks.get(i + 1).map_or(text.len(), |t| t.start);
            bytes
                .get(toks[i].end..gap_to)
                .unwrap_or_default()
                .iter()
                .any(|&b| words::is_stop_byte(b))
        })
        .collect()
}

/// The sentences of `text`, whose words are `toks`: every sentence boundary lies in the
/// gap after one of the words `stops` (see [`stops`]), in order. `class_of(k)` is
/// `words::classes` of word `k` (0 past the end), looked up already by the caller.
pub(super) fn sentences(
    text: &str,
    toks: &[Tok],
    stops: &[usize],
    class_of: impl Fn(usize) -> u32,
) -> Vec<Sentence> {
    // At most one sentence per possible end, and one after the last.
    let mut out = Vec::with_capacity(stops.len() + 1);
    // The open sentence's first word, and where the sentence before it ended.
    let mut first = 0;
    let mut prev_end = 0;
    for &i in stops {
        if i < first || i >= toks.len() {
            continue;
        }
        let gap_to = toks.get(i + 1).map_or(text.len(), |t| t.start);
        if let Some(end) = boundary_after(text, toks, i, gap_to, &class_of) {
            out.push(Sentence {
                start: start_after(text, prev_end, toks[first].start),
                end,
                first,
                last: i + 1,
            });
            first = i + 1;
            prev_end = end;
        }
    }
    if let Some(tok) = toks.get(first) {
        let start = start_after(text, prev_end, tok.start);
        let end = start + text[start..].trim_end().len();
        out.push(Sentence {
            start,
            end,
            first,
            last: toks.len(),
        });
    }
    out
}

/// Where a sentence whose first word starts at `word_start` begins: after the
/// whitespace that follows the end of the sentence before (`prev_end`).
fn start_after(text: &str, prev_end: usize, word_start: usize) -> usize {
    let lead = &text[prev_end..word_start];
    prev_end + lead.len() - lead.trim_start().len()
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Where the sentence ends, if it ends in the gap after word `i` (which runs to byte
/// `gap_to`, the next word or the end of the text).
fn boundary_after(
    text: &str,
    toks: &[Tok],
    i: usize,
    gap_to: usize,
    class_of: &impl Fn(usize) -> u32,
) -> Option<usize> {
    let gap_from = toks[i].end;
    if text.as_bytes().get(gap_from..gap_to) == Some(b". ") {
        // The commonest gap by far: a full stop and a space. What the general reading
        // below finds there is known without reading it by characters: one stop, then
        // the next word's first character (or the text's end).
        let end = gap_from + 1;
        if i + 1 == toks.len() {
            return Some(end);
        }
        let next = text[gap_to..].chars().next()?;
        if next.is_lowercase() {
            return None;
        }
        return after_one_full_stop(text, toks, i, next, end, class_of);
    }
    boundary_after_read(text, toks, i, gap_to, class_of)
}

/// [`boundary_after`] for any gap, read character by character.
fn boundary_after_read(
    text: &str,
    toks: &[Tok],
    i: usize,
    gap_to: usize,
    class_of: &impl Fn(usize) -> u32,
) -> Option<usize> {
    let gap_from = toks[i].end;
    let gap = &text[gap_from..gap_to];
    let p = gap.find(is_terminator)?;
    // The run of terminators and closing marks: `?!`, `...`, `.”`, `.)`.
    let mut run_end = p;
    let mut dots = 0;
    for c in gap[p..].chars() {
        if c == '.' {
            dots += 1;
        } else if !is_terminator(c) && !words::is_closing_mark(c) {
            break;
        }
        run_end += c.len_utf8();
    }
    let end = gap_from + run_end;
    let rest = &gap[run_end..];
    let last_word = i + 1 == toks.len();
    match rest.chars().next() {
        None if last_word => return Some(end),
        None => return None,
        Some(c) if !c.is_whitespace() => return None,
        Some(_) => {}
    }
    let next = match rest
        .chars()
        .find(|&c| !c.is_whitespace() && !words::is_opening_mark(c))
    {
        Some(c) => c,
        None if last_word => return Some(end),
        None => text[gap_to..].chars().next()?,
    };
    if next.is_lowercase() {
        return None;
    }
    let single_stop = gap[p..].starts_with('.') && dots == 1;
    if !single_stop || p != 0 {
        return Some(end);
    }
    after_one_full_stop(text, toks, i, next, end, class_of)
}

/// A single full stop right after word `i`, before a character `next` that is not
/// lower case: the sentence ends at `end` unless the word is an abbreviation, an
/// initial or `No.` before a number.
fn after_one_full_stop(
    text: &str,
    toks: &[Tok],
    i: usize,
    next: char,
    end: usize,
    class_of: &impl Fn(usize) -> u32,
) -> Option<usize> {
    let word = toks[i].text(text);
    let class = class_of(i);
    let keeps_going = if is_initial(word) || class & words::bit::TITLE_ABBREVIATION != 0 {
        true
    } else if words::is(word, "no") {
        // `No. 5` is a number sign; `said no.` ends a sentence.
        next.is_ascii_digit()
    } else if class & words::bit::TRAILING_ABBREVIATION != 0 || word.contains('.') {
        class_of(i + 1) & words::bit::STOPWORD == 0
    } else {
        false
    };
    (!keeps_going).then_some(end)
}

/// `J` in `J. K. Rowling`: a single capital letter.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn a_full_stop_and_a_space_end_as_the_character_reading_says() {
        const PIECES: [&str; 18] = [
            "Mr", "J", "no", "No", "U.S", "Inc", "the", "The", "said", "5", "É", "é", ". ", " ",
            ".", "“", "!", "Said",
        ];
        let mut tried = 0;
        for text in
            crate::editorial::text::texts_of_pieces(&PIECES, 10000, 20, 0x5DEE_CE66_D1CE_4E5B)
        {
            let toks: Vec<Tok> = Tokens::new(&text).collect();
            let class_of = |k: usize| toks.get(k).map_or(0, |t| words::classes(t.text(&text)));
            for i in 0..toks.len() {
                let gap_to = toks.get(i + 1).map_or(text.len(), |t| t.start);
                tried += usize::from(&text[toks[i].end..gap_to] == ". ");
                assert_eq!(
                    boundary_after(&text, &toks, i, gap_to, &class_of),
                    boundary_after_read(&text, &toks, i, gap_to, &class_of),
                    "{text:?} {i}"
                );
            }
        }
        assert!(tried > 2000, "{tried}");
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            sentences("One two. Three four! Five? "),
            vec!["One two.", "Three four!", "Five?"]
        );
    }

    #[test]
    fn keeps_abbreviations_and_titles_inside() {
        let text =
            "Mr. Smith met Dr. Jones at St. Paul's on Jan. 5 at 10 a.m. yesterday. Then they left.";
        assert_eq!(sentences(text).len(), 2);
        let text = "The U.S. President spoke. The firm, Acme Inc. said no.";
        assert_eq!(sentences(text).len(), 2);
        let text = "It moved to the U.S. The firm grew, e.g. in Asia, vs. Europe.";
        assert_eq!(
            sentences(text),
            vec![
                "It moved to the U.S.",
                "The firm grew, e.g. in Asia, vs. Europe."
            ]
        );
        let text = "She works at Acme Inc. The firm is new.";
        assert_eq!(sentences(text).len(), 2);
        let text = "Sen. Robert J. Keane, R-Ohio, said so. The world No. 2 lost at 11 p.m. Sunday.";
        assert_eq!(sentences(text).len(), 2, "{:?}", sentences(text));
        let text = "They met at 8:30 a.m. \"This is a deal,\" he said.";
        assert_eq!(sentences(text).len(), 2, "{:?}", sentences(text));
    }

    #[test]
    fn keeps_initials_decimals_and_money_inside() {
        let text = "J. K. Rowling earned $1.13bn, up 3.5% on £600m. Next.";
        assert_eq!(
            sentences(text),
            vec!["J. K. Rowling earned $1.13bn, up 3.5% on £600m.", "Next."]
        );
    }

    #[test]
    fn handles_ellipses_and_closing_quotes() {
        let text = "“Scaling requires compute.” AWS agreed… Then... nothing. “Why?” she asked.";
        assert_eq!(
            sentences(text),
            vec![
                "“Scaling requires compute.”",
                "AWS agreed…",
                "Then... nothing.",
                "“Why?” she asked."
            ]
        );
        let text = "He waited... and waited.";
        assert_eq!(sentences(text).len(), 1);
        let text = "It was “over”. Then it began.";
        assert_eq!(sentences(text), vec!["It was “over”.", "Then it began."]);
    }

    #[test]
    fn sentences_know_their_words() {
        let text = "One two. “Three four,” five.";
        let toks: Vec<Tok> = Tokens::new(text).collect();
        let s = super::sentences(text, &toks, &stops(text, &toks), |k| {
            toks.get(k).map_or(0, |t| words::classes(t.text(text)))
        });
        assert_eq!((s[0].first, s[0].last, s[1].first, s[1].last), (0, 2, 2, 5));
    }

    #[test]
    fn never_panics_on_multibyte_text() {
        for text in [
            "😀. é. ‑‑.",
            ". . .",
            "“.”",
            "a.😀 B",
            "x\u{2011}. Y",
            "",
            "…",
            "a. ",
        ] {
            for r in split_sentences(text) {
                assert!(text.get(r).is_some());
            }
        }
    }
}
