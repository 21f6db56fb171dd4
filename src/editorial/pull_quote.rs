//! Pull quotes: which spans of the story to set large.
//!
//! Candidates are, first, direct quotes with a reporting clause (the quote alone, its
//! attribution shown apart), then the story's own sentences. Every candidate is a
//! verbatim span of one paragraph, a whole sentence (or a whole quoted sentence with
//! its trailing comma trimmed), within the word limits, and stands alone: no leading
//! pronoun or connective, no unbalanced marks, not the lede, not the story's last line.
//! Scoring follows Bohn & Ling (COLING 2020): quotation marks count most; first and
//! second person, absolutes, questions, contrasts and vivid words help; dates, digits,
//! month and weekday names, parentheses and boilerplate hurt; about 20 words reads best.
//!
//! How many: under 350 words one only for a strong attributed quote, up to 900 words
//! two, beyond that three, never more than the limit; never two from one paragraph or
//! two alike. It does not decide where they go beyond asking `placement`.

use std::ops::Range;

use super::placement;
use super::quote::FoundQuote;
use super::sentence::split_sentences;
use super::words::{self, Tokens};
use super::{Block, BlockKind, Limits, PullQuote, Speaker};

/// Bonus for a quote with a named speaker: quotation marks are the strongest signal.
const SPEECH_BONUS: f32 = 3.0;
/// Below this an own sentence is not striking enough to set large.
const OWN_SENTENCE_THRESHOLD: f32 = 0.3;

#[derive(Debug, Clone)]
struct Candidate {
    block: usize,
    range: Range<usize>,
    speaker: Option<Speaker>,
    score: f32,
}

/// Chooses and places the story's pull quotes (ordered by where they go).
pub(super) fn choose(
    blocks: &[Block],
    found: &[FoundQuote],
    word_count: usize,
    limits: &Limits,
) -> Vec<PullQuote> {
    let lede = super::lede(blocks);
    let ending = last_sentence(blocks);
    let avoid = |block: usize, r: &Range<usize>| {
        [&lede, &ending]
            .into_iter()
            .flatten()
            .any(|(b, l)| *b == block && r.start < l.end && l.start < r.end)
    };
    let mut candidates: Vec<Candidate> = Vec::new();
    for f in found.iter().filter(|f| f.attributed) {
        let q = &f.quote;
        if let Some(range) = quote_span(blocks[q.block].text, q.start..q.end, limits)
            && !avoid(q.block, &range)
        {
            let bonus = if q.speaker.is_some() {
                SPEECH_BONUS
            } else {
                SPEECH_BONUS / 2.0
            };
            let score = bonus + signal_score(&blocks[q.block].text[range.clone()]);
            candidates.push(Candidate {
                block: q.block,
                range,
                speaker: q.speaker.clone(),
                score,
            });
        }
    }
    // Quotes come in reading order, so one cursor walks them beside the sentences
    // (no rescans: a paragraph may hold thousands of both).
    let speech: Vec<(usize, Range<usize>)> = found
        .iter()
        .filter(|f| f.attributed)
        .map(|f| (f.quote.block, f.quote.start..f.quote.end))
        .collect();
    let mut cursor = 0;
    for (bi, block) in blocks.iter().enumerate() {
        if block.kind != BlockKind::Paragraph {
            continue;
        }
        for range in split_sentences(block.text) {
            let text = &block.text[range.clone()];
            while speech
                .get(cursor)
                .is_some_and(|(b, s)| *b < bi || (*b == bi && s.end + 3 <= range.start))
            {
                cursor += 1;
            }
            let overlaps_speech = speech[cursor..]
                .iter()
                .take_while(|(b, s)| *b == bi && s.start < range.end + 3)
                .any(|(_, s)| range.start < s.end + 3);
            if overlaps_speech
                || avoid(bi, &range)
                || !stands_alone(text, limits)
                || !ends_sentence(text)
            {
                continue;
            }
            let score = signal_score(text);
            if score >= OWN_SENTENCE_THRESHOLD {
                candidates.push(Candidate {
                    block: bi,
                    range,
                    speaker: None,
                    score,
                });
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.block.cmp(&b.block))
            .then(a.range.start.cmp(&b.range.start))
    });
    let wanted = wanted_count(word_count, candidates.first()).min(limits.max_pull_quotes);
    pick(blocks, candidates, wanted)
}

/// How many pull quotes a story of this length deserves.
fn wanted_count(word_count: usize, best: Option<&Candidate>) -> usize {
    match word_count {
        0..350 => usize::from(best.is_some_and(|c| c.speaker.is_some() && c.score >= SPEECH_BONUS)),
        350..=900 => 2,
        _ => 3,
    }
}

fn pick(blocks: &[Block], candidates: Vec<Candidate>, wanted: usize) -> Vec<PullQuote> {
    let legal = placement::legal_spots(blocks);
    let mut chosen: Vec<PullQuote> = Vec::new();
    let mut chosen_words: Vec<Vec<String>> = Vec::new();
    // Each placement try scans the blocks; a bounded number of tries keeps huge
    // stories linear.
    let mut tries = 0;
    for c in candidates {
        if chosen.len() >= wanted || tries >= 64 {
            break;
        }
        if chosen.iter().any(|p| p.source_block == c.block) {
            continue;
        }
        let text = &blocks[c.block].text[c.range.clone()];
        let bag = word_bag(text);
        if chosen_words.iter().any(|other| alike(&bag, other)) {
            continue;
        }
        tries += 1;
        let taken: Vec<usize> = chosen.iter().map(|p| p.place_before).collect();
        let Some(place) = placement::place_one(&legal, &taken, Some(c.block), c.block) else {
            continue;
        };
        chosen_words.push(bag);
        chosen.push(PullQuote {
            text: text.to_string(),
            speaker: c.speaker,
            source_block: c.block,
            place_before: place,
            score: c.score,
        });
    }
    chosen.sort_by_key(|p| p.place_before);
    chosen
}

/// The part of a quote fit to pull: the whole quote minus a trailing comma, or its
/// first sentences when it is too long. `None` for a fragment.
fn quote_span(text: &str, inner: Range<usize>, limits: &Limits) -> Option<Range<usize>> {
    let quote = &text[inner.clone()];
    let trimmed = quote.trim_end_matches([',', ';', ':', '—', '–', ' ']);
    let whole = inner.start..inner.start + trimmed.len();
    if stands_alone(trimmed, limits) {
        return Some(whole);
    }
    // Too long: keep the leading sentences that fit.
    let mut end = None;
    let mut count = 0;
    for r in split_sentences(trimmed) {
        count += words::word_count(&trimmed[r.clone()]);
        if count > limits.max_quote_words {
            break;
        }
        end = Some(r.end);
    }
    let end = end?;
    let head = &trimmed[..end];
    (stands_alone(head, limits) && ends_sentence(head)).then(|| inner.start..inner.start + end)
}

/// Within the word limits, starting like a sentence with a word that needs no context,
/// and with its quotation marks and brackets balanced.
fn stands_alone(text: &str, limits: &Limits) -> bool {
    let n = words::word_count(text);
    if n < limits.min_quote_words || n > limits.max_quote_words {
        return false;
    }
    let starts_well = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let first = Tokens::new(text).next().map(|t| t.text(text)).unwrap_or("");
    starts_well && !words::is_context_opener(first) && balanced(text)
}

fn ends_sentence(text: &str) -> bool {
    let bare = text.trim_end().trim_end_matches(words::is_closing_mark);
    bare.ends_with(['.', '!', '?', '…'])
}

fn balanced(text: &str) -> bool {
    let count = |c: char| text.chars().filter(|&x| x == c).count();
    count('“') == count('”') && count('"') % 2 == 0 && count('(') == count(')')
}

/// Block and range of the story's last sentence: a pull quote never gives away the ending.
fn last_sentence(blocks: &[Block]) -> Option<(usize, Range<usize>)> {
    let last = blocks
        .iter()
        .rposition(|b| b.kind == BlockKind::Paragraph)?;
    let text = blocks[last].text;
    // Only the tail matters; a bounded suffix keeps this linear.
    let from = words::ceil_boundary(text, text.len().saturating_sub(4096));
    let r = split_sentences(&text[from..]).pop()?;
    Some((last, from + r.start..from + r.end))
}

/// The research signals, added up (quotation-mark bonus excluded).
fn signal_score(text: &str) -> f32 {
    let mut person = false;
    let mut absolute = false;
    let mut contrast = false;
    let mut vivid = false;
    let mut dated = false;
    let mut digits = 0;
    let mut words_seen = 0usize;
    let mut prev_no = false;
    for tok in Tokens::new(text) {
        let w = tok.text(text);
        words_seen += 1;
        let mut buf = [0u8; 48];
        let key = words::lower_key(w, &mut buf).unwrap_or("");
        person |= matches!(
            key,
            "i" | "we"
                | "you"
                | "our"
                | "your"
                | "my"
                | "me"
                | "us"
                | "i'm"
                | "we're"
                | "you're"
                | "we've"
                | "i've"
                | "you've"
                | "ours"
                | "yours"
        );
        absolute |= matches!(
            key,
            "never"
                | "nothing"
                | "everything"
                | "always"
                | "nobody"
                | "everyone"
                | "none"
                | "every"
                | "forever"
                | "impossible"
                | "anything"
                | "everybody"
        ) || (prev_no && key == "one");
        contrast |= matches!(
            key,
            "but"
                | "instead"
                | "rather"
                | "yet"
                | "although"
                | "though"
                | "whereas"
                | "longer"
                | "not"
                | "isn't"
                | "unlike"
        );
        vivid |= matches!(
            key,
            "brutal"
                | "dead"
                | "record"
                | "largest"
                | "biggest"
                | "historic"
                | "crisis"
                | "war"
                | "wars"
                | "battle"
                | "shock"
                | "dramatic"
                | "massive"
                | "huge"
                | "unprecedented"
                | "tectonic"
                | "revolution"
                | "disaster"
                | "ghosting"
                | "loud"
                | "truth"
                | "fight"
                | "fought"
                | "gamble"
                | "betting"
                | "bottleneck"
                | "currency"
                | "rush"
        );
        dated |= words::starts_upper(w) && (words::is_month(w) || words::is_weekday(w));
        if words::has_digit(w) {
            digits += 1;
        }
        prev_no = key == "no";
    }
    let mut score = 0.0;
    score += if person { 0.8 } else { 0.0 };
    score += if absolute { 0.5 } else { 0.0 };
    score += if contrast { 0.4 } else { 0.0 };
    score += if vivid { 0.3 } else { 0.0 };
    score += if text.contains('?') { 0.5 } else { 0.0 };
    if text.contains(['$', '£', '€', '%']) {
        score += 0.3; // a concrete figure
    } else {
        score -= 0.3 * digits.min(3) as f32;
    }
    score -= if dated { 0.8 } else { 0.0 };
    score -= if text.contains('(') { 1.0 } else { 0.0 };
    if has_typo_spacing(text) {
        score -= 1.0; // set large, `OpenAI,arguably` shows; sloppy copy is no pull quote
    }
    if is_boilerplate(text) {
        score -= 3.0;
    }
    // About 20 words reads best; length matters little.
    score -= (words_seen as f32 - 20.0).abs() / 20.0;
    score
}

/// A comma or full stop glued to the next word (`OpenAI,arguably`).
fn has_typo_spacing(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(3).any(|w| {
        matches!(w[1], b',' | b';') && w[0].is_ascii_alphabetic() && w[2].is_ascii_alphabetic()
    })
}

fn is_boilerplate(text: &str) -> bool {
    const PHRASES: &[&str] = &[
        "declined to comment",
        "did not respond",
        "didn't respond",
        "contributed to this report",
        "could not be reached",
        "request for comment",
        "not immediately",
        "press release",
        "all rights reserved",
    ];
    let lower = text.to_lowercase();
    PHRASES.iter().any(|p| lower.contains(p))
}

fn word_bag(text: &str) -> Vec<String> {
    let mut bag: Vec<String> = Tokens::new(text)
        .map(|t| t.text(text).to_lowercase())
        .collect();
    bag.sort();
    bag.dedup();
    bag
}

/// Two pull quotes are alike when most words of the shorter one are in the other.
fn alike(a: &[String], b: &[String]) -> bool {
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    let smaller = a.len().min(b.len()).max(1);
    shared * 10 > smaller * 6
}

#[cfg(test)]
mod tests {
    use super::super::{Copy, edit};
    use super::*;

    fn para(text: &str) -> Block<'_> {
        Block {
            kind: BlockKind::Paragraph,
            text,
        }
    }

    const FILLER: &str = "The committee met in the afternoon to review the budget papers and the minutes of earlier meetings before going home for the evening.";

    fn long_story<'a>(extra: &[&'a str]) -> Vec<Block<'a>> {
        let mut blocks = vec![para(
            "The lede sentence opens this story about the council budget. It goes on a while.",
        )];
        for _ in 0..14 {
            blocks.push(para(FILLER));
        }
        for (i, e) in extra.iter().enumerate() {
            blocks.insert(3 + 3 * i, para(e));
        }
        blocks
    }

    #[test]
    fn prefers_attributed_quotes_and_trims_the_attribution() {
        let blocks = long_story(&[
            "“We will never again let a budget like this one pass without a real fight,” said council leader Ann Price.",
            "If you live here, the message is brutal: nothing will be left for the libraries next year.",
        ]);
        let m = edit(
            &Copy {
                headline: "Council budget",
                dek: None,
                blocks: &blocks,
            },
            &Limits::default(),
        );
        assert_eq!(
            m.pull_quotes.len(),
            2,
            "{:#?} {:#?}",
            m.pull_quotes,
            m.quotes
        );
        println!("{:#?}\n{:#?}", m.quotes, m.pull_quotes);
        let quote = m
            .pull_quotes
            .iter()
            .find(|p| p.speaker.is_some())
            .expect("quote chosen");
        assert_eq!(
            quote.text,
            "We will never again let a budget like this one pass without a real fight"
        );
        let speaker = quote.speaker.as_ref().expect("speaker");
        assert_eq!(
            (speaker.name.as_str(), speaker.role.as_deref()),
            ("Ann Price", Some("council leader"))
        );
        for p in &m.pull_quotes {
            assert!(blocks[p.source_block].text.contains(&p.text));
            assert!(p.place_before >= 2 && p.place_before < blocks.len());
            assert!(p.place_before != p.source_block && p.place_before != p.source_block + 1);
        }
    }

    #[test]
    fn never_lede_pronoun_openers_fragments_or_boilerplate() {
        let limits = Limits::default();
        assert!(!stands_alone(
            "It was the best thing that ever happened to the whole town.",
            &limits
        ));
        assert!(!stands_alone(
            "But the best thing that ever happened to the whole town was this.",
            &limits
        ));
        assert!(!stands_alone(
            "the best thing that ever happened to the whole town was this.",
            &limits
        ));
        assert!(!stands_alone("Short and sharp.", &limits));
        assert!(stands_alone(
            "Nobody in the whole town had ever seen anything like it before.",
            &limits
        ));
        assert!(
            signal_score("The company declined to comment on the report when asked on Monday.")
                < 0.0
        );
        let blocks = long_story(&[]);
        let m = edit(
            &Copy {
                headline: "Council",
                dek: None,
                blocks: &blocks,
            },
            &limits,
        );
        assert!(
            m.pull_quotes
                .iter()
                .all(|p| !p.text.starts_with("The lede"))
        );
    }

    #[test]
    fn short_stories_get_one_only_for_a_strong_quote() {
        let blocks = [
            para("The lede sentence opens this short story about a small town council."),
            para("Filler sentence number one is here to pad the story out a bit."),
            para(
                "“We will never again let a budget like this one pass without a real fight,” said Ann Price.",
            ),
            para("Filler sentence number two is here to pad the story out a bit more."),
        ];
        let m = edit(
            &Copy {
                headline: "Council",
                dek: None,
                blocks: &blocks,
            },
            &Limits::default(),
        );
        assert_eq!(m.pull_quotes.len(), 1);
        let blocks = [
            para("The lede sentence opens this short story about a small town council."),
            para("Filler sentence number one is here to pad the story out a bit."),
            para(
                "If you live here, the message is brutal: nothing will be left for the libraries.",
            ),
            para("Filler sentence number two is here to pad the story out a bit more."),
        ];
        let m = edit(
            &Copy {
                headline: "Council",
                dek: None,
                blocks: &blocks,
            },
            &Limits::default(),
        );
        assert!(m.pull_quotes.is_empty());
    }

    #[test]
    fn long_quotes_are_cut_at_sentence_ends() {
        let text = "“One two three four five six seven eight nine ten. Eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive twentysix twentyseven twentyeight and so on and so on and so on for ever,” said Jo Bloggs.";
        let inner = 3..text.find('”').unwrap_or(0);
        let span = quote_span(text, inner, &Limits::default()).expect("span");
        assert_eq!(
            &text[span],
            "One two three four five six seven eight nine ten."
        );
    }

    #[test]
    fn alike_detects_near_duplicates() {
        let a = word_bag("The message is brutal for Microsoft and its cloud business today.");
        let b = word_bag("For Microsoft the message is brutal, and its cloud business suffers.");
        let c = word_bag("Amazon gets credibility, relevance and a marquee tenant.");
        assert!(alike(&a, &b));
        assert!(!alike(&a, &c));
    }
}
