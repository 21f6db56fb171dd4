//! Direct quotes and who said them.
//!
//! Quotes are found between double quotation marks, curly (“…”) or straight ("…");
//! single marks are apostrophes or nested quotes and never open one. A quote may run
//! over several paragraphs the newsroom way (an opening mark at each paragraph start,
//! the closing one only at the end of the last); otherwise an unclosed mark ends with
//! its paragraph and is not a quote, so one stray mark cannot swallow a story.
//!
//! Speakers come from the reporting clause next to the quote, using the patterns that
//! attribute reliably: `“…,” said [role] NAME`, `“…,” [role] NAME [, apposition,] said`,
//! `NAME [, apposition,] said[:| that] “…”`, `according to NAME`. The role is kept apart
//! from the name; a bare surname or `Ms Doe` is resolved to a full name seen in the
//! story, and `he`/`she`/`they` to the last named speaker. When unsure the speaker is
//! `None`. Scare quotes (three words or fewer with no reporting clause) are dropped.
//!
//! It does not judge which quotes are worth showing; `pull_quote` does.

use std::collections::HashMap;

use super::words::{self, Tok, Tokens};
use super::{Block, BlockKind, Quote, Speaker};

/// A quote plus what the pull-quote desk needs to know about its attribution.
#[derive(Debug, Clone)]
pub(super) struct FoundQuote {
    pub quote: Quote,
    /// A reporting clause stands next to the quote (even if it names nobody).
    pub attributed: bool,
}

/// One paragraph's share of a quote: inner text `start..end` of `blocks[block]`.
struct Segment {
    block: usize,
    /// Byte where the opening mark stands.
    open: usize,
    start: usize,
    end: usize,
    /// Byte after the closing mark; `None` if the quote runs on into the next paragraph.
    close_end: Option<usize>,
    /// Where the reporting clause before the quote may begin (after the previous quote).
    window_from: usize,
}

/// What a reporting clause says about its speaker.
#[derive(Debug, Clone, PartialEq)]
enum Attribution {
    Named {
        name: String,
        role: Option<String>,
    },
    Pronoun,
    /// `the company said`: speech, but by no one we can name.
    Unnamed,
}

/// All direct quotes of the story's paragraphs, in reading order.
pub(super) fn find_quotes(
    blocks: &[Block],
    known_names: &HashMap<String, String>,
) -> Vec<FoundQuote> {
    let mut desk = Attributor {
        known_names,
        last: None,
        by_surname: HashMap::new(),
    };
    let mut out = Vec::new();
    let mut chain: Vec<Segment> = Vec::new();
    for (bi, block) in blocks.iter().enumerate() {
        if block.kind != BlockKind::Paragraph {
            chain.clear();
            continue;
        }
        let text = block.text;
        if !chain.is_empty() && !starts_with_open_mark(text) {
            chain.clear();
        }
        let mut open: Option<(usize, usize, usize)> = None; // (mark, inner start, window start)
        let mut prev_close = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let closes = match c {
                '“' | '„' => {
                    open = Some((i, i + c.len_utf8(), prev_close));
                    false
                }
                '”' => open.is_some(),
                '"' if open.is_some() => true,
                '"' => {
                    if chars.peek().is_some_and(|&(_, n)| !n.is_whitespace()) {
                        open = Some((i, i + 1, prev_close));
                    }
                    false
                }
                _ => false,
            };
            if !closes {
                continue;
            }
            let Some((mark, start, window_from)) = open.take() else {
                continue;
            };
            let close_end = i + c.len_utf8();
            let mut segments = std::mem::take(&mut chain);
            segments.push(Segment {
                block: bi,
                open: mark,
                start,
                end: i,
                close_end: Some(close_end),
                window_from,
            });
            desk.emit(blocks, &segments, &mut out);
            prev_close = close_end;
        }
        match open {
            Some((mark, start, window_from)) if continues_in_next(blocks, bi) => {
                chain.push(Segment {
                    block: bi,
                    open: mark,
                    start,
                    end: text.len(),
                    close_end: None,
                    window_from,
                });
            }
            _ => chain.clear(),
        }
    }
    out
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

/// Keeps track of speakers already named, to resolve surnames and pronouns.
struct Attributor<'n> {
    known_names: &'n HashMap<String, String>,
    last: Option<Speaker>,
    /// First speaker seen with each surname (`Doe` → Jane Doe).
    by_surname: HashMap<String, Speaker>,
}

impl Attributor<'_> {
    fn emit(&mut self, blocks: &[Block], segments: &[Segment], out: &mut Vec<FoundQuote>) {
        let (Some(first), Some(last)) = (segments.first(), segments.last()) else {
            return;
        };
        let after = last.close_end.and_then(|close_end| {
            after_clause(blocks[last.block].text, last.start..last.end, close_end)
        });
        // A name in front (`Doe said: “…`) beats a pronoun behind (`…,” she said`).
        let attribution = match after {
            Some(Attribution::Named { .. }) | Some(Attribution::Unnamed) => after,
            _ => match before_clause(blocks[first.block].text, first.window_from, first.open) {
                Some(named @ Attribution::Named { .. }) => Some(named),
                before => after.or(before),
            },
        };
        let attributed = attribution.is_some();
        let words: usize = segments
            .iter()
            .map(|s| words::word_count(&blocks[s.block].text[s.start..s.end]))
            .sum();
        // Scare quotes, titles and nicknames: short and said by no one.
        let is_speech = if attributed { words >= 2 } else { words > 3 };
        if !is_speech {
            return;
        }
        let speaker = attribution.and_then(|a| self.resolve(a));
        for s in segments {
            let text = blocks[s.block].text;
            let inner = &text[s.start..s.end];
            let lead = inner.len() - inner.trim_start().len();
            let (start, end) = (s.start + lead, s.start + inner.trim_end().len());
            if start >= end {
                continue;
            }
            out.push(FoundQuote {
                quote: Quote {
                    text: text[start..end].to_string(),
                    block: s.block,
                    start,
                    end,
                    speaker: speaker.clone(),
                },
                attributed,
            });
        }
    }

    fn resolve(&mut self, attribution: Attribution) -> Option<Speaker> {
        match attribution {
            Attribution::Unnamed => None,
            Attribution::Pronoun => self.last.clone(),
            Attribution::Named { name, role } => {
                let speaker = self.full_speaker(name, role);
                self.last = Some(speaker.clone());
                if let Some(surname) = speaker.name.rsplit(' ').next() {
                    self.by_surname
                        .entry(surname.to_string())
                        .or_insert_with(|| speaker.clone());
                }
                Some(speaker)
            }
        }
    }

    /// `Ms Doe`/`Altman` → the full name seen earlier, with the role known for it.
    fn full_speaker(&self, name: String, role: Option<String>) -> Speaker {
        let mut parts: Vec<&str> = name.split_whitespace().collect();
        if parts.len() > 1 && words::is_honorific(parts[0].trim_end_matches('.')) {
            parts.remove(0);
        }
        if parts.len() != 1 {
            return Speaker { name, role };
        }
        let surname = parts[0];
        if let Some(known) = self
            .by_surname
            .get(surname)
            .filter(|k| k.name.contains(' '))
        {
            return Speaker {
                name: known.name.clone(),
                role: role.or_else(|| known.role.clone()),
            };
        }
        match self.known_names.get(surname) {
            Some(full) => Speaker {
                name: full.clone(),
                role,
            },
            None => Speaker { name, role },
        }
    }
}

/// A word of a reporting clause and whether a comma follows it.
#[derive(Debug, Clone, Copy)]
struct ClauseWord {
    tok: Tok,
    comma_after: bool,
}

/// The words of `text[from..to]` up to the first hard stop (sentence end, colon,
/// semicolon, dash, bracket or quotation mark), at most `max` of them. A full stop after
/// an honorific or an initial is not a stop.
fn clause_words(text: &str, from: usize, to: usize, max: usize) -> Vec<ClauseWord> {
    let slice = &text[from..to];
    let mut out: Vec<ClauseWord> = Vec::new();
    let mut prev_end = 0;
    for tok in Tokens::new(slice) {
        let gap = &slice[prev_end..tok.start];
        let prev_word = out.last().map(|w| w.tok.text(slice)).unwrap_or("");
        let abbreviation = words::is_honorific(prev_word) || prev_word.chars().count() == 1;
        let hard = gap.chars().any(|c| match c {
            '.' => !abbreviation,
            ';' | ':' | '!' | '?' | '—' | '–' | '(' | ')' | '“' | '”' | '"' | '…' => true,
            _ => false,
        });
        if hard || out.len() >= max {
            break;
        }
        if gap.contains(',')
            && let Some(last) = out.last_mut()
        {
            last.comma_after = true;
        }
        out.push(ClauseWord {
            tok: Tok {
                start: from + tok.start,
                end: from + tok.end,
            },
            comma_after: false,
        });
        prev_end = tok.end;
    }
    // A comma right after the last word still counts (`Jane Doe, the firm's chief,`).
    if let Some(last) = out.last_mut() {
        let after = &text[last.tok.end..to];
        if after.trim_start().starts_with(',') {
            last.comma_after = true;
        }
    }
    out
}

fn word<'t>(text: &'t str, w: &ClauseWord) -> &'t str {
    w.tok.text(text)
}

/// Reporting clause right after the closing mark: `“…,” said X`, `“…,” X said`.
fn after_clause(
    text: &str,
    inner: std::ops::Range<usize>,
    close_end: usize,
) -> Option<Attribution> {
    let quoted = text[inner].trim_end();
    let last = quoted.chars().last();
    let rest = &text[close_end..];
    let comma_after = rest.starts_with(',');
    // A quote that ends with a full stop ended its sentence; what follows is new.
    let open_ended = matches!(last, Some(',' | '?' | '!' | '—' | '–' | '-' | '…' | ':'))
        || (comma_after && !matches!(last, Some('.')));
    if !open_ended {
        return None;
    }
    let lead = rest.len() - rest.trim_start_matches([',', ' ', '\u{a0}']).len();
    let from = close_end + lead;
    let to = words::floor_boundary(text, from + 320).max(from);
    let clause = clause_words(text, from, to, 24);
    parse_after(text, &clause)
}

fn parse_after(text: &str, clause: &[ClauseWord]) -> Option<Attribution> {
    let first = word(text, clause.first()?);
    if words::is_reporting_verb(first) && !words::is(first, "according") {
        return Some(speaker_after_verb(text, clause, 1));
    }
    if words::is(first, "according") {
        return match clause.get(1) {
            Some(w) if words::is(word(text, w), "to") => Some(speaker_after_verb(text, clause, 2)),
            _ => None,
        };
    }
    subject_then_verb(text, clause)
}

/// `said OpenAI CEO Sam Altman[, apposition]`: the speaker follows the verb.
fn speaker_after_verb(text: &str, clause: &[ClauseWord], from: usize) -> Attribution {
    let Some(first) = clause.get(from) else {
        return Attribution::Unnamed;
    };
    if words::is_speaker_pronoun(word(text, first)) {
        return Attribution::Pronoun;
    }
    // Lower-case role words may lead the name (`said council leader Ann Price`), but
    // nothing lower-case may follow it (`said Ann Price yesterday`).
    let mut end = from;
    let mut seen_capital = false;
    while end < clause.len() {
        let w = word(text, &clause[end]);
        let leading_role_word =
            !seen_capital && words::starts_lower(w) && !words::is_stopword(w) && end - from < 4;
        if !is_phrase_word(w) && !leading_role_word {
            break;
        }
        seen_capital |= words::starts_upper(w);
        end += 1;
        if clause[end - 1].comma_after {
            break;
        }
    }
    let Some((name, mut role)) = split_role_name(text, &clause[from..end]) else {
        return Attribution::Unnamed;
    };
    if end > from && clause[end - 1].comma_after && role.is_none() {
        role = apposition(text, &clause[end..]).map(|(r, _)| r);
    }
    Attribution::Named { name, role }
}

/// `X [, apposition,] said` / `he said` / `the company said`, starting the clause.
fn subject_then_verb(text: &str, clause: &[ClauseWord]) -> Option<Attribution> {
    let first = word(text, clause.first()?);
    if words::is_speaker_pronoun(first) {
        return verb_at(text, clause, 1).then_some(Attribution::Pronoun);
    }
    let mut end = 0;
    while end < clause.len() && is_phrase_word(word(text, &clause[end])) && end < 8 {
        end += 1;
        if clause[end - 1].comma_after {
            break;
        }
    }
    let Some((name, mut role)) = split_role_name(text, &clause[..end]) else {
        // `the company said`: a lower-case subject of up to four words.
        let verb =
            (1..clause.len().min(5)).find(|&k| words::is_reporting_verb(word(text, &clause[k])))?;
        let lowercase = clause[..verb]
            .iter()
            .all(|w| words::starts_lower(word(text, w)));
        return (lowercase && !clause[..verb].iter().any(|w| w.comma_after))
            .then_some(Attribution::Unnamed);
    };
    let mut next = end;
    if clause[end - 1].comma_after {
        let (appos_role, used) = apposition(text, &clause[end..])?;
        role = role.or(Some(appos_role));
        next = end + used;
    }
    verb_at(text, clause, next).then_some(Attribution::Named { name, role })
}

/// Is there a reporting verb at `k`, perhaps after one helper (`later said`, `has said`)?
fn verb_at(text: &str, clause: &[ClauseWord], k: usize) -> bool {
    let is_verb = |i: usize| {
        clause
            .get(i)
            .is_some_and(|w| words::is_reporting_verb(word(text, w)))
    };
    is_verb(k)
        || (clause
            .get(k)
            .is_some_and(|w| words::is_verb_helper(word(text, w)))
            && is_verb(k + 1))
}

/// Words that may make up `[role] NAME`: capitalised words, role words, honorifics.
fn is_phrase_word(w: &str) -> bool {
    (words::starts_upper(w) && !words::is_stopword(w) && !words::is_reporting_verb(w))
        || words::is_role_word(w)
        || words::is_honorific(w)
}

/// Splits `OpenAI CEO Sam Altman` into name `Sam Altman` and role `OpenAI CEO`. The
/// name is the run of plain capitalised words at the end (with an honorific before it);
/// whatever stands before is the role. A lone acronym or brand (`AWS`) is a name too.
fn split_role_name(text: &str, phrase: &[ClauseWord]) -> Option<(String, Option<String>)> {
    let mut n = phrase.len();
    let mut count = 0;
    while n > 0 && count < 4 && is_name_word(word(text, &phrase[n - 1])) {
        n -= 1;
        count += 1;
    }
    if count == 0 {
        let only = phrase.first().filter(|_| phrase.len() == 1)?;
        let w = word(text, only);
        let brand = (words::is_acronym(w) || words::is_camel_case(w)) && !words::is_not_entity(w);
        return brand.then(|| (w.to_string(), None));
    }
    if n > 0 && words::is_honorific(word(text, &phrase[n - 1])) {
        n -= 1;
    }
    let last = phrase.last()?;
    let name_start = phrase[n].tok.start;
    let name = words::strip_possessive(&text[name_start..last.tok.end]).to_string();
    let role = (n > 0).then(|| text[phrase[0].tok.start..phrase[n - 1].tok.end].to_string());
    Some((name, role))
}

fn is_name_word(w: &str) -> bool {
    words::starts_upper(w)
        && w.chars().any(char::is_lowercase)
        && !words::is_role_word(w)
        && !words::is_stopword(w)
        && !words::is_honorific(w)
        && !words::is_month(w)
        && !words::is_weekday(w)
        && !words::has_digit(w)
}

/// `the firm's chief executive,` after a name: returns the role text and how many
/// clause words it used (including the closing one). Prepositional phrases and
/// relative clauses (`in a statement`, `who …`) are not roles.
fn apposition(text: &str, rest: &[ClauseWord]) -> Option<(String, usize)> {
    let first = word(text, rest.first()?);
    const NOT_ROLE: &[&str] = &[
        "in",
        "on",
        "at",
        "who",
        "which",
        "that",
        "adding",
        "according",
        "as",
        "when",
        "after",
        "before",
        "while",
        "during",
        "and",
        "but",
        "for",
        "with",
        "from",
        "to",
        "speaking",
        "referring",
        "citing",
        "writing",
        "told",
        "said",
        "by",
        "via",
        "over",
        "under",
    ];
    if NOT_ROLE.iter().any(|r| words::is(first, r)) || words::is_reporting_verb(first) {
        return None;
    }
    let len = rest
        .iter()
        .take(8)
        .position(|w| w.comma_after)
        .map_or(rest.len().min(8), |p| p + 1);
    let part = &rest[..len];
    let roleish = ["the", "a", "an", "its", "his", "her", "their", "our"]
        .iter()
        .any(|d| words::is(first, d))
        || words::is_role_word(first)
        || words::starts_upper(first)
        || part.iter().any(|w| words::is_possessive(word(text, w)));
    let last = part.last()?;
    roleish.then(|| (text[part[0].tok.start..last.tok.end].to_string(), len))
}

/// Reporting clause before the opening mark: `Jane Doe, the chief, said: “…”`.
fn before_clause(text: &str, window_from: usize, open: usize) -> Option<Attribution> {
    let lo = words::ceil_boundary(text, open.saturating_sub(320))
        .max(window_from)
        .min(open);
    let start = sentence_start(text, lo, open);
    let clause = all_words(text, start, open);
    let verb = clause.iter().rposition(|w| {
        words::is_reporting_verb(word(text, w)) && !words::is(word(text, w), "according")
    })?;
    if clause.len() - verb - 1 > 12 {
        return None;
    }
    let mut u = verb;
    if u > 0 && words::is_verb_helper(word(text, &clause[u - 1])) {
        u -= 1;
    }
    let before = clause.get(..u)?;
    let last = before.last()?;
    if words::is_speaker_pronoun(word(text, last)) {
        return Some(Attribution::Pronoun);
    }
    if last.comma_after && before.len() >= 2 {
        // `NAME, apposition, said`: find the comma that closes the name.
        let name_end = before[..before.len() - 1]
            .iter()
            .rposition(|w| w.comma_after)?;
        let name_phrase = trailing_phrase(text, &before[..=name_end]);
        let (name, role) = split_role_name(text, name_phrase)?;
        let appos = &before[name_end + 1..];
        let role_text = text[appos.first()?.tok.start..last.tok.end].to_string();
        return Some(Attribution::Named {
            name,
            role: role.or(Some(role_text)),
        });
    }
    let phrase = trailing_phrase(text, before);
    match split_role_name(text, phrase) {
        Some((name, role)) => Some(Attribution::Named { name, role }),
        None if words::starts_lower(word(text, last)) && before.len() >= 2 => {
            let det = word(text, &before[before.len() - 2]);
            ["the", "a", "an"]
                .iter()
                .any(|d| words::is(det, d))
                .then_some(Attribution::Unnamed)
        }
        None => None,
    }
}

/// The `[role] NAME` words at the end of `words`, stopping at a comma before them.
fn trailing_phrase<'w>(text: &str, clause: &'w [ClauseWord]) -> &'w [ClauseWord] {
    let mut n = clause.len();
    while n > 0 && is_phrase_word(word(text, &clause[n - 1])) && clause.len() - n < 8 {
        if n < clause.len() && clause[n - 1].comma_after {
            break;
        }
        n -= 1;
    }
    &clause[n..]
}

/// Where the sentence holding `to` begins, looking no further back than `from`.
fn sentence_start(text: &str, from: usize, to: usize) -> usize {
    let window = &text[from..to];
    let bytes = window.as_bytes();
    let mut start = from;
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_some_and(|n| n.is_ascii_whitespace())
        {
            let before = &window[..i];
            let prev = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if !words::is_honorific(prev) && prev.chars().count() != 1 {
                start = from + i + 1;
            }
        }
    }
    start
}

/// Every word of `text[from..to]` with comma flags (no stops: the caller bounded it).
fn all_words(text: &str, from: usize, to: usize) -> Vec<ClauseWord> {
    let slice = &text[from..to];
    let mut out: Vec<ClauseWord> = Vec::new();
    let mut prev_end = 0;
    for tok in Tokens::new(slice) {
        if slice[prev_end..tok.start].contains(',')
            && let Some(last) = out.last_mut()
        {
            last.comma_after = true;
        }
        out.push(ClauseWord {
            tok: Tok {
                start: from + tok.start,
                end: from + tok.end,
            },
            comma_after: false,
        });
        prev_end = tok.end;
    }
    if slice[prev_end..].contains(',')
        && let Some(last) = out.last_mut()
    {
        last.comma_after = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(paragraphs: &[&str]) -> Vec<Quote> {
        let blocks: Vec<Block> = paragraphs
            .iter()
            .map(|t| Block {
                kind: BlockKind::Paragraph,
                text: t,
            })
            .collect();
        let names = super::super::topic::full_names(&blocks);
        find_quotes(&blocks, &names)
            .into_iter()
            .map(|f| f.quote)
            .collect()
    }

    fn speaker(q: &Quote) -> (Option<&str>, Option<&str>) {
        match &q.speaker {
            Some(s) => (Some(s.name.as_str()), s.role.as_deref()),
            None => (None, None),
        }
    }

    #[test]
    fn said_after_with_role_before_name() {
        let q = quotes(&[
            "“Scaling frontier AI requires massive, reliable compute,” said OpenAI CEO Sam Altman, in a statement that could be politely interpreted as “we needed more options.” AWS, of course, was happy to oblige.",
        ]);
        assert_eq!(q.len(), 2);
        assert_eq!(
            q[0].text,
            "Scaling frontier AI requires massive, reliable compute,"
        );
        assert_eq!(speaker(&q[0]), (Some("Sam Altman"), Some("OpenAI CEO")));
        assert_eq!(q[1].text, "we needed more options.");
        assert_eq!(q[1].speaker, None, "the writer's gloss is nobody's speech");
    }

    #[test]
    fn name_then_apposition_then_verb() {
        let q = quotes(&[
            "“We will keep building,” Jane Doe, the firm's chief executive, said on Monday.",
        ]);
        assert_eq!(
            speaker(&q[0]),
            (Some("Jane Doe"), Some("the firm's chief executive"))
        );
        let q = quotes(&["Jane Doe, the firm's chief executive, said: “We will keep building.”"]);
        assert_eq!(
            speaker(&q[0]),
            (Some("Jane Doe"), Some("the firm's chief executive"))
        );
        let q = quotes(&["Jane Doe said that \"the market is far from done with us.\""]);
        assert_eq!(speaker(&q[0]), (Some("Jane Doe"), None));
    }

    #[test]
    fn said_x_comma_possessive_role() {
        let q = quotes(&["\"It is a huge moment for all of us,\" said Matt Garman, AWS's CEO."]);
        assert_eq!(speaker(&q[0]), (Some("Matt Garman"), Some("AWS's CEO")));
    }

    #[test]
    fn surnames_honorifics_and_pronouns_resolve() {
        let q = quotes(&[
            "Jane Doe runs the firm. “Growth is slowing everywhere we look,” Ms Doe said.",
            "“Nobody saw this coming at all,” she added. “We were ready though,” said Doe.",
        ]);
        assert_eq!(q.len(), 3);
        for quote in &q {
            assert_eq!(speaker(quote).0, Some("Jane Doe"));
        }
        let q = quotes(&["“I have no idea what happens now,” he said."]);
        assert_eq!(
            q[0].speaker, None,
            "a pronoun with no one named before is unknown"
        );
    }

    #[test]
    fn according_to_and_many_verbs() {
        let q = quotes(&[
            "“Prices will fall next year,” according to Maria Lopez, an analyst at Acme.",
        ]);
        assert_eq!(
            speaker(&q[0]),
            (Some("Maria Lopez"), Some("an analyst at Acme"))
        );
        let q = quotes(&[
            "“Why would anyone do that to us?” asked Tom Hale.",
            "“Because they can,” Hale replied.",
        ]);
        assert_eq!(speaker(&q[0]).0, Some("Tom Hale"));
        assert_eq!(speaker(&q[1]).0, Some("Tom Hale"));
    }

    #[test]
    fn scare_quotes_are_not_speech_but_attributed_partials_are() {
        let q = quotes(&["The so-called “cloud wars” are back, as the film “Heat” showed."]);
        assert!(q.is_empty());
        let q = quotes(&[
            "Matt Garman, AWS’s newly minted CEO, called the deal proof of why Amazon is “uniquely positioned” to handle it.",
        ]);
        assert_eq!(q.len(), 1);
        assert_eq!(
            speaker(&q[0]),
            (Some("Matt Garman"), Some("AWS’s newly minted CEO"))
        );
    }

    #[test]
    fn multi_paragraph_quote_and_unbalanced_marks() {
        let q = quotes(&[
            "Doe said: “The first part of what I have to say runs on.",
            "“And the second part ends here,” she said.",
            "A plain paragraph.",
        ]);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].block, 0);
        assert_eq!(q[1].block, 1);
        let q = quotes(&[
            "He said “this never closes and runs on for a while.",
            "Next paragraph has “a real quote of some length here” in it.",
        ]);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].block, 1);
    }

    #[test]
    fn positions_are_verbatim() {
        let text = "“Quoted words with ‘nested’ marks inside,” said Jo Bloggs.";
        let q = quotes(&[text]);
        assert_eq!(&text[q[0].start..q[0].end], q[0].text);
        assert!(q[0].text.contains("‘nested’"));
    }
}
