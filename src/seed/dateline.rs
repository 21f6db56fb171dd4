//! Datelines: where a story was filed, set before its first words in capitals —
//! `WASHINGTON — The Senate …`, `LONDON, Nov 26 (Reuters) - Britain's …`.
//!
//! Finds one at the start of a plain-text seed's first paragraph and splits it off, so
//! the paragraph's text (what the desk reads, quotes and figures included) starts where
//! the story does. Conservative: the place must be in capitals and the dash must be
//! followed by the start of a sentence; a bare place of fewer than four letters (`US —`,
//! `UK —`) is taken for an abbreviation opening an ordinary sentence, unless a date or an
//! agency follows it. It does not look anywhere but the start of the first paragraph.

use std::sync::OnceLock;

use regex::Regex;

/// The longest dateline, in characters, before the dash.
const MAX_DATELINE_CHARS: usize = 60;
/// The fewest letters a place needs when nothing (date, agency) follows it.
const MIN_BARE_PLACE_LETTERS: usize = 4;
/// The most words a place name has (`RIO DE JANEIRO`, `SALT LAKE CITY`).
const MAX_PLACE_WORDS: usize = 4;

/// What separates a dateline from the story: dashes with spaces, or a dash alone.
const SEPARATORS: [&str; 6] = [" — ", " – ", " -- ", " - ", "—", "–"];

/// Splits a leading dateline off `paragraph`: `(dateline, rest of the paragraph)`.
pub fn split(paragraph: &str) -> Option<(String, &str)> {
    let (at, separator) = SEPARATORS
        .iter()
        .filter_map(|sep| paragraph.find(sep).map(|at| (at, *sep)))
        .min_by_key(|(at, sep)| (*at, std::cmp::Reverse(sep.len())))?;
    let dateline = paragraph[..at].trim();
    let rest = paragraph[at + separator.len()..].trim_start();
    let starts_a_sentence = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘'));
    (dateline.chars().count() <= MAX_DATELINE_CHARS && starts_a_sentence && is_dateline(dateline))
        .then(|| (dateline.to_string(), rest))
}

/// A front matter `dateline`, as written or with its dash (`"WASHINGTON —"`): the
/// dateline without the dash, which themes add.
pub fn tidy(written: &str) -> String {
    written
        .trim()
        .trim_end_matches(['—', '–', '-'])
        .trim_end()
        .to_string()
}

/// `PLACE`, `PLACE, DATE`, `PLACE (AGENCY)` or `PLACE, DATE (AGENCY)`.
fn is_dateline(text: &str) -> bool {
    let place_end = text.find([',', '(']).unwrap_or(text.len());
    let (place, after) = text.split_at(place_end);
    let place = place.trim();
    let after = after.trim();
    if !is_place(place) {
        return false;
    }
    if after.is_empty() {
        return letters(place) >= MIN_BARE_PLACE_LETTERS;
    }
    static AFTER_PLACE: OnceLock<Regex> = OnceLock::new();
    // `, Nov 26`, `, Nov. 26, 2026`, `, 26 November`, then an optional `(Agency)`.
    let pattern = AFTER_PLACE.get_or_init(|| {
        Regex::new(
            r"^(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?)?\s*(?:\([A-Z][A-Za-z&.' -]{0,30}\))?$",
        )
        .expect("the pattern is valid")
    });
    pattern.is_match(after)
}

/// Capitals only: `WASHINGTON`, `NEW YORK`, `ST. LOUIS`, `SÃO PAULO`, `WINSTON-SALEM`.
fn is_place(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=MAX_PLACE_WORDS).contains(&words)
        && letters(text) >= 2
        && text.chars().all(|c| {
            (c.is_alphabetic() && !c.is_lowercase()) || matches!(c, ' ' | '.' | '-' | '\'' | '’')
        })
}

fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_datelines_in_the_usual_shapes() {
        for (paragraph, dateline, rest) in [
            (
                "WASHINGTON — The Senate voted.",
                "WASHINGTON",
                "The Senate voted.",
            ),
            (
                "LONDON, Nov 26 (Reuters) - Britain's economy grew.",
                "LONDON, Nov 26 (Reuters)",
                "Britain's economy grew.",
            ),
            (
                "NEW YORK (AP) — Stocks rose.",
                "NEW YORK (AP)",
                "Stocks rose.",
            ),
            (
                "SÃO PAULO – Brazil's central bank held.",
                "SÃO PAULO",
                "Brazil's central bank held.",
            ),
            ("ROME—Italy's cabinet met.", "ROME", "Italy's cabinet met."),
            (
                "ST. LOUIS, 26 November — “We are ready,” the mayor said.",
                "ST. LOUIS, 26 November",
                "“We are ready,” the mayor said.",
            ),
            (
                "US, Nov. 26, 2026 (Reuters) - Shares fell.",
                "US, Nov. 26, 2026 (Reuters)",
                "Shares fell.",
            ),
        ] {
            let found = split(paragraph);
            assert_eq!(found, Some((dateline.to_string(), rest)), "{paragraph}");
        }
    }

    #[test]
    fn leaves_ordinary_sentences_alone() {
        for paragraph in [
            "US — and European — regulators are looking at the deal.",
            "US — The president said the deal was good.",
            "UK — The economy grew.",
            "The council — which met on Tuesday — approved the plan.",
            "OpenAI CEO Sam Altman — who spoke first — said it was a good day.",
            "NASA — the agency that runs the mission — said it was on time.",
            "A burst of radio waves - lasting under a second - was traced.",
            "WASHINGTON",
            "WASHINGTON — ",
            "Eastbridge City Council will raise council tax by the maximum 4.99% next year.",
            "THE VERY LONG PLACE NAME THAT IS NOT A PLACE — Then text.",
        ] {
            assert_eq!(split(paragraph), None, "{paragraph}");
        }
    }

    #[test]
    fn front_matter_datelines_lose_their_dash() {
        assert_eq!(tidy("WASHINGTON —"), "WASHINGTON");
        assert_eq!(
            tidy(" LONDON, Nov 26 (Reuters) - "),
            "LONDON, Nov 26 (Reuters)"
        );
        assert_eq!(tidy("PARIS"), "PARIS");
    }
}
