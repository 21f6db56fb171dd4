//! Sentence splitting for news copy.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis (with any closing quotation marks
//! or brackets that follow it) when whitespace and a capital, digit or opening mark come
//! next. A full stop does not end a sentence after a title (`Mr.`, `Dr.`, `St.`), a month
//! (`Jan. 5`), `e.g.`/`vs.`, or an initial (`J. K. Rowling`); after an abbreviation that
//! can also close a sentence (`Inc.`, `U.S.`, `p.m.`) it does only when a common opener
//! (`The`, `He`, `But` …) follows. Decimals and money (`$1.13bn`, `3.5%`) never split,
//! since no whitespace follows their dot.
//!
//! It does not know about paragraphs or quotations beyond their closing marks, and it
//! returns byte ranges (trimmed of surrounding whitespace) rather than strings.

use std::ops::Range;

use super::words;

/// Byte ranges of the sentences of `text`, in order, each trimmed of whitespace.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let sentence_start = match start {
            Some(s) => s,
            None if c.is_whitespace() => continue,
            None => {
                start = Some(i);
                i
            }
        };
        if !is_terminator(c) {
            continue;
        }
        // Swallow the rest of the run: `?!`, `...`, `.”`, `.)`.
        let mut end = i + c.len_utf8();
        let mut dots = usize::from(c == '.');
        while let Some(&(j, d)) = chars.peek() {
            if d == '.' {
                dots += 1;
            } else if !is_terminator(d) && !words::is_closing_mark(d) {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        if ends_sentence(text, sentence_start, i, end, c == '.' && dots == 1) {
            out.push(sentence_start..end);
            start = None;
        }
    }
    if let Some(s) = start {
        let end = s + text[s..].trim_end().len();
        if end > s {
            out.push(s..end);
        }
    }
    out
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Does the terminator run `term..end` close the sentence that began at `start`?
fn ends_sentence(text: &str, start: usize, term: usize, end: usize, single_stop: bool) -> bool {
    let rest = &text[end..];
    match rest.chars().next() {
        None => return true,
        Some(c) if !c.is_whitespace() => return false,
        Some(_) => {}
    }
    let Some(next) = rest
        .chars()
        .find(|&c| !c.is_whitespace() && !words::is_opening_mark(c))
    else {
        return true;
    };
    if next.is_lowercase() {
        return false;
    }
    if !single_stop {
        return true;
    }
    let word = word_before(text, start, term);
    if is_initial(word) {
        return false;
    }
    let bare = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if words::is(bare, "no") {
        // `No. 5` is a number sign; `said no.` ends a sentence.
        return !next.is_ascii_digit();
    }
    if words::is_title_abbreviation(bare) {
        return false;
    }
    if words::is_trailing_abbreviation(bare) || bare.contains('.') {
        return next_word_is_opener(rest);
    }
    true
}

/// The word that the full stop at `term` ends, without leading marks; bounded so a
/// sentence without spaces cannot make this quadratic.
fn word_before(text: &str, start: usize, term: usize) -> &str {
    let lo = words::ceil_boundary(text, term.saturating_sub(40)).max(start);
    let window = &text[lo..term];
    match window.rfind(|c: char| c.is_whitespace() || words::is_opening_mark(c)) {
        Some(p) => {
            let skip = window[p..].chars().next().map_or(1, char::len_utf8);
            &window[p + skip..]
        }
        None if lo == start => window,
        None => "",
    }
}

/// `J` in `J. K. Rowling`: a single capital letter.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

fn next_word_is_opener(rest: &str) -> bool {
    let word = rest
        .trim_start_matches(|c: char| c.is_whitespace() || words::is_opening_mark(c))
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .next()
        .unwrap_or("");
    words::is_stopword(word)
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
    }

    #[test]
    fn never_panics_on_multibyte_text() {
        for text in ["😀. é. ‑‑.", ". . .", "“.”", "a.😀 B", "x\u{2011}. Y", ""] {
            for r in split_sentences(text) {
                assert!(text.get(r).is_some());
            }
        }
    }
}
