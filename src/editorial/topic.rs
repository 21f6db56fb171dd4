//! Topics: the people, organisations and places a story names, with how often.
//!
//! Names are runs of capitalised words in the dek and paragraphs (`Amazon Web
//! Services`, `Sam Altman`, `OpenAI`, `AWS`). A word that is capitalised only because
//! it opens a sentence is dropped unless the story also capitalises it mid-sentence or
//! it is written like a brand (`OpenAI`, `AWS`). Months, weekdays, job titles, function
//! words and common acronyms that are things (`AI`, `GPUs`, `CEO`) are never names. A
//! bare surname is counted for the full name (`Altman` → `Sam Altman`), an acronym for
//! its spelled-out form (`AWS` → `Amazon Web Services`). The headline and subheadings
//! add mentions to names found in the body but never introduce one: their title case
//! would make every word look like a name.
//!
//! It does not look names up anywhere: the kind is a guess from the text (speakers,
//! honorifics and `Surname`-alone reuse mark people; a short list marks places;
//! everything else is an organisation).

use super::text::Analysed;
use super::words::{self, FastMap, FastSet};
use super::{Block, BlockKind, Speaker, Topic, TopicKind};

/// How many topics a story keeps.
const MAX_TOPICS: usize = 8;
/// Runs longer than this are titles or headings written into a paragraph, not names.
const MAX_RUN: usize = 5;

/// One capitalised word of a run.
#[derive(Debug, Clone, Copy)]
struct RunWord<'t> {
    start: usize,
    /// End of the word without a possessive `’s` or a lower-case hyphen tail.
    end: usize,
    word: &'t str,
    initial: bool,
    after_honorific: bool,
}

/// Calls `emit` with every run of adjacent capitalised name words in `a`.
/// `run` is room for the run being read, empty on the way in and out: one buffer serves
/// every text of a story.
fn for_each_run<'t>(
    a: &Analysed<'t>,
    run: &mut Vec<RunWord<'t>>,
    mut emit: impl FnMut(&[RunWord<'t>]),
) {
    let text = a.text;
    run.clear();
    // The word whose possessive or hyphen tail ended a run (`Altman’s`), if any.
    let mut ends_run_at = usize::MAX;
    let mut next = 0;
    while next < a.toks.len() {
        // With no run open only a capitalised word matters: skip to the next one.
        let i = if run.is_empty() {
            a.next_shaped(next, words::shape::UPPER)
        } else {
            next
        };
        if i >= a.toks.len() {
            break;
        }
        next = i + 1;
        let upper = a.shape(i) & words::shape::UPPER != 0;
        let (tok, raw) = (a.toks[i], a.word(i));
        let (prev_end, prev_word, prev_class) = match i.checked_sub(1) {
            Some(p) => (a.toks[p].end, a.word(p), a.class(p)),
            None => (0, "", 0),
        };
        let prev_ends_run = i > 0 && ends_run_at == i - 1;
        let first = i == 0;
        // Most gaps are the single space the tokenizer noted: no sentence starts after
        // one, and it is a plain gap (the gap is not read).
        let space_before = a.shape(i) & words::shape::SPACE_BEFORE != 0;
        let gap = if space_before {
            " "
        } else {
            &text[prev_end..tok.start]
        };
        let honorific_before =
            words::starts_upper(prev_word) && prev_class & words::bit::HONORIFIC != 0;
        let initial_letter_before = prev_word.len() == 1 && words::starts_upper(prev_word);
        let initial = first
            || (!space_before
                && is_sentence_start(gap)
                && !honorific_before
                && !initial_letter_before);
        // Only capitalised words can be names; skip the rest cheaply.
        let (core, ends_run) = if upper {
            core_of_at(a, i)
        } else {
            (raw, false)
        };
        let is_name = upper
            && if core.len() == raw.len() {
                is_name_word_at(a, i)
            } else {
                is_name_word(core)
            };
        let plain_gap = is_name
            && (space_before
                || gap.bytes().all(|b| b == b' ')
                || gap.chars().all(char::is_whitespace)
                || (honorific_before && gap.trim() == "."));
        if !is_name || !plain_gap || prev_ends_run {
            flush(run, &mut emit);
        }
        if is_name {
            run.push(RunWord {
                start: tok.start,
                end: tok.start + core.len(),
                word: core,
                initial,
                after_honorific: honorific_before && run.is_empty(),
            });
        }
        if ends_run {
            ends_run_at = i;
        }
    }
    flush(run, &mut emit);
}

fn flush<'t>(run: &mut Vec<RunWord<'t>>, emit: &mut impl FnMut(&[RunWord<'t>])) {
    if !run.is_empty() && run.len() <= MAX_RUN {
        emit(run);
    }
    run.clear();
}

/// [`core_of`] word `i` of `a`: a word with no hyphen and no character above 0x7f can
/// only end in an ASCII `'s`, as the tokenizer's shape bits say without a scan.
fn core_of_at<'t>(a: &Analysed<'t>, i: usize) -> (&'t str, bool) {
    let raw = a.word(i);
    if a.shape(i) & (words::shape::HYPHEN | words::shape::NON_ASCII) != 0 {
        return core_of(raw);
    }
    let bare = raw.strip_suffix("'s").unwrap_or(raw);
    (bare, bare.len() != raw.len())
}

/// `Altman’s` → (`Altman`, ends the run); `ChatGPT-style` → (`ChatGPT`, ends the run).
fn core_of(raw: &str) -> (&str, bool) {
    let bare = words::strip_possessive(raw);
    if let Some(h) = words::find_hyphen(bare) {
        let tail = bare[h..].trim_start_matches(['-', '\u{2011}', '\u{2010}']);
        if words::starts_lower(tail) {
            return (&bare[..h], true);
        }
    }
    (bare, bare.len() != raw.len())
}

fn is_name_word(w: &str) -> bool {
    is_name_word_with(w, words::classes(w))
}

/// [`is_name_word`] of word `i` of `a`, the capital and digits read from the shape bits
/// the tokenizer noted.
fn is_name_word_at(a: &Analysed, i: usize) -> bool {
    use words::bit;
    let (classes, shape, w) = (a.class(i), a.shape(i), a.word(i));
    classes & (bit::NOT_ENTITY | bit::ROLE | bit::HONORIFIC | bit::MONTH | bit::WEEKDAY) == 0
        && shape & words::shape::UPPER != 0
        && w.len() > 1
        && shape & words::shape::HAS_DIGIT == 0
        && !words::is_plural_acronym(w)
        && (classes & bit::STOPWORD == 0 || words::is_acronym(w))
}

/// [`is_name_word`] with the word's lists already looked up.
fn is_name_word_with(w: &str, classes: u32) -> bool {
    use words::bit;
    // Cheapest and most selective tests first; all of them must hold.
    classes & (bit::NOT_ENTITY | bit::ROLE | bit::HONORIFIC | bit::MONTH | bit::WEEKDAY) == 0
        && words::starts_upper(w)
        && w.len() > 1
        && !words::has_digit(w)
        && !words::is_plural_acronym(w)
        && (classes & bit::STOPWORD == 0 || words::is_acronym(w))
}

/// Does the text between two words end a sentence (or open one after a colon)?
fn is_sentence_start(gap: &str) -> bool {
    let g =
        gap.trim_end_matches(|c: char| c.is_whitespace() || words::is_opening_mark(c) && c != '’');
    let mut chars = g.chars().rev();
    match chars.next() {
        Some('.' | '!' | '?' | ':' | '…') => true,
        Some(c) if words::is_closing_mark(c) => matches!(chars.next(), Some('.' | '!' | '?' | '…')),
        _ => false,
    }
}

/// A sentence-opening word that is an ordinary word, not part of a name
/// (`Signing OpenAI` → `OpenAI`).
fn ordinary_opener(w: &str) -> bool {
    let lower = w.to_ascii_lowercase();
    lower.ends_with("ing")
        || lower.ends_with("ed")
        || lower.ends_with("ly")
        || words::is_stopword(w)
}

/// A name met in the story (a slice of the text it was first met in) and its mentions.
#[derive(Debug)]
struct Entry<'t> {
    name: &'t str,
    mentions: usize,
    words: usize,
    after_honorific: bool,
    surname_seen: bool,
}

/// The story's topics, most mentioned first (ties by name), at most eight.
pub(super) fn find_topics<'t>(
    headline: &Analysed,
    dek: Option<&Analysed<'t>>,
    blocks: &[Block],
    paragraphs: &[Option<Analysed<'t>>],
    speakers: &[&Speaker],
) -> Vec<Topic> {
    let body: Vec<&Analysed<'t>> = dek.into_iter().chain(paragraphs.iter().flatten()).collect();
    // Every run of every text, found once: (text, words). Run words are capitalised, so
    // the capitalised words are room enough for all of them, and for every run.
    let capitalised: usize = body.iter().map(|a| a.capitalised()).sum();
    let mut words_of_runs: Vec<RunWord> = Vec::with_capacity(capitalised);
    let mut runs: Vec<(usize, std::ops::Range<usize>)> = Vec::with_capacity(capitalised);
    let mut run = Vec::new();
    for (t, a) in body.iter().enumerate() {
        for_each_run(a, &mut run, |run| {
            let from = words_of_runs.len();
            words_of_runs.extend_from_slice(run);
            runs.push((t, from..words_of_runs.len()));
        });
    }
    let capitalised_mid_sentence = MidSentence::new(&words_of_runs);
    let mut entries: Vec<Entry<'t>> = Vec::with_capacity(runs.len());
    let mut index: FastMap<&'t str, usize> =
        FastMap::with_capacity_and_hasher(runs.len(), Default::default());
    for (t, range) in &runs {
        let a = body[*t];
        let text = a.text;
        let run = &words_of_runs[range.clone()];
        {
            let Some(kept) = trim_run(run, &capitalised_mid_sentence, |end| {
                subject_of_verb(a, end)
            }) else {
                continue;
            };
            let (Some(first), Some(last)) = (kept.first(), kept.last()) else {
                continue;
            };
            let name = &text[first.start..last.end];
            let i = match index.get(name) {
                Some(&i) => i,
                None => {
                    entries.push(Entry {
                        name,
                        mentions: 0,
                        words: kept.len(),
                        after_honorific: false,
                        surname_seen: false,
                    });
                    index.insert(name, entries.len() - 1);
                    entries.len() - 1
                }
            };
            entries[i].mentions += 1;
            entries[i].after_honorific |= first.after_honorific;
        }
    }
    let mut aliases: FastMap<&'t str, usize> = FastMap::default();
    merge_surnames(&mut entries, &index, &mut aliases);
    merge_acronyms(&mut entries, &index, &mut aliases);
    count_headings(headline, blocks, &entries, &index, &aliases)
        .into_iter()
        .for_each(|i| entries[i].mentions += 1);

    let speaker_names: FastSet<&str> = speakers
        .iter()
        .map(|s| s.name.as_str())
        .filter(|n| n.split_whitespace().count() >= 2)
        .collect();
    // Rank first, then classify only the topics kept: the kind plays no part in the
    // order. Names are distinct, so the order is total.
    let mut kept: Vec<&Entry> = entries.iter().filter(|e| e.mentions > 0).collect();
    kept.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.name.cmp(b.name)));
    kept.truncate(MAX_TOPICS);
    // A name the story uses alone: an entry of one word (every entry is in `index`,
    // under its own name; a name of two words or more holds a space).
    let single_name = |n: &str| index.get(n).is_some_and(|&i| entries[i].words == 1);
    kept.into_iter()
        .map(|e| Topic {
            name: e.name.to_string(),
            kind: classify(e, &speaker_names, single_name),
            mentions: e.mentions,
        })
        .collect()
}

/// Is the word after byte `end` a reporting verb or an auxiliary (`Northline said`,
/// `Unison has`)? A capitalised word doing that is a name even at a sentence start.
fn subject_of_verb(a: &Analysed, end: usize) -> bool {
    let next = a.first_word_from(end);
    let gap_plain = a.gap_before(next).chars().all(char::is_whitespace);
    let w = a.word(next);
    gap_plain
        && words::starts_lower(w)
        && (a.is_on(next, words::bit::REPORTING | words::bit::VERB_HELPER) || words::is(w, "has"))
}

/// The words the story capitalises mid-sentence (in a run, not opening a sentence).
/// Asked only of a lone sentence-opening word, a few times a story: a story with few
/// run words is searched word by word, which costs less than hashing every one of them;
/// a longer one gets a set, built on the first question.
struct MidSentence<'r, 't> {
    words: &'r [RunWord<'t>],
    set: std::cell::OnceCell<FastSet<&'t str>>,
}

impl<'r, 't> MidSentence<'r, 't> {
    /// Up to this many run words, a question reads them all.
    const SEARCHED: usize = 64;

    fn new(words: &'r [RunWord<'t>]) -> Self {
        MidSentence {
            words,
            set: std::cell::OnceCell::new(),
        }
    }

    fn contains(&self, w: &str) -> bool {
        if self.words.len() <= Self::SEARCHED {
            return self.words.iter().any(|r| !r.initial && r.word == w);
        }
        self.set
            .get_or_init(|| {
                self.words
                    .iter()
                    .filter(|r| !r.initial)
                    .map(|r| r.word)
                    .collect()
            })
            .contains(w)
    }
}

/// Drops a sentence-opening word that is only capitalised for being first.
fn trim_run<'r, 't>(
    run: &'r [RunWord<'t>],
    mid: &MidSentence,
    subject_of_verb: impl Fn(usize) -> bool,
) -> Option<&'r [RunWord<'t>]> {
    let first = run.first()?;
    if !first.initial {
        return Some(run);
    }
    if run.len() == 1 {
        let w = first.word;
        let looks_like_a_name = mid.contains(w)
            || words::is_camel_case(w)
            || words::is_acronym(w)
            || (!words::is_ordinary_opener(w) && subject_of_verb(first.end));
        return looks_like_a_name.then_some(run);
    }
    if ordinary_opener(first.word) {
        Some(&run[1..])
    } else {
        Some(run)
    }
}

/// `Altman` alone counts for `Sam Altman`.
fn merge_surnames<'t>(
    entries: &mut [Entry<'t>],
    index: &FastMap<&'t str, usize>,
    aliases: &mut FastMap<&'t str, usize>,
) {
    for i in 0..entries.len() {
        let e = &entries[i];
        if !(2..=3).contains(&e.words) || !e.name.split_whitespace().all(words::is_titlecase) {
            continue;
        }
        let Some(surname) = e.name.rsplit(' ').next() else {
            continue;
        };
        let Some(&j) = index.get(surname) else {
            continue;
        };
        if j == i || aliases.contains_key(surname) {
            continue;
        }
        let moved = std::mem::take(&mut entries[j].mentions);
        entries[i].mentions += moved;
        entries[i].surname_seen = true;
        aliases.insert(surname, i);
    }
}

/// `AWS` counts for `Amazon Web Services`.
fn merge_acronyms<'t>(
    entries: &mut [Entry<'t>],
    index: &FastMap<&'t str, usize>,
    aliases: &mut FastMap<&'t str, usize>,
) {
    let acronyms: Vec<(usize, &'t str)> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.words == 1 && words::is_acronym(e.name) && e.mentions > 0)
        .map(|(j, e)| (j, e.name))
        .collect();
    if acronyms.is_empty() {
        return;
    }
    // Initials of every multi-word name, first one met wins (one pass, no rescans).
    let mut by_initials: FastMap<String, usize> = FastMap::default();
    for (i, e) in entries.iter().enumerate().filter(|(_, e)| e.words >= 2) {
        by_initials.entry(initials(e.name)).or_insert(i);
    }
    for (j, acronym) in acronyms {
        let Some(&i) = by_initials.get(acronym) else {
            continue;
        };
        if index.get(acronym) != Some(&j) {
            continue;
        }
        let moved = std::mem::take(&mut entries[j].mentions);
        entries[i].mentions += moved;
        aliases.insert(acronym, i);
    }
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| !["of", "and", "for", "the", "&"].contains(w))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Entries mentioned in the headline and subheadings (one index per mention).
fn count_headings(
    headline: &Analysed,
    blocks: &[Block],
    entries: &[Entry],
    index: &FastMap<&str, usize>,
    aliases: &FastMap<&str, usize>,
) -> Vec<usize> {
    let subheadings: Vec<Analysed> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Subheading)
        .map(|b| Analysed::new(b.text))
        .collect();
    let headings = std::iter::once(headline).chain(subheadings.iter());
    let mut hits = Vec::new();
    let mut run = Vec::new();
    for a in headings {
        let text = a.text;
        for_each_run(a, &mut run, |run| {
            let mut a = 0;
            while a < run.len() {
                let longest = (a..run.len().min(a + 4)).rev().find_map(|b| {
                    let name = &text[run[a].start..run[b].end];
                    aliases
                        .get(name)
                        .or_else(|| index.get(name))
                        .map(|&i| (i, b))
                });
                match longest {
                    Some((i, b)) if entries[i].mentions > 0 => {
                        hits.push(i);
                        a = b + 1;
                    }
                    Some((_, b)) => a = b + 1,
                    None => a += 1,
                }
            }
        });
    }
    hits
}

fn classify(e: &Entry, speakers: &FastSet<&str>, single_name: impl Fn(&str) -> bool) -> TopicKind {
    if words::is_place(e.name) {
        return TopicKind::Place;
    }
    // The cheap tests first: most names were never met by their surname alone, and
    // then their words need not be read.
    let person = e.after_honorific
        || speakers.contains(e.name)
        || (e.surname_seen
            && (2..=3).contains(&e.words)
            && e.name.split_whitespace().all(words::is_titlecase)
            && !e.name.split_whitespace().next().is_some_and(single_name));
    if person {
        TopicKind::Person
    } else {
        TopicKind::Organisation
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn mid_sentence_words_are_found_searched_or_hashed() {
        let words: Vec<String> = (0..200).map(|k| format!("Name{}", k % 90)).collect();
        for len in [0, 1, 5, 64, 65, 200] {
            let run: Vec<super::RunWord> = words[..len]
                .iter()
                .enumerate()
                .map(|(k, w)| super::RunWord {
                    start: 0,
                    end: w.len(),
                    word: w,
                    initial: k % 3 == 0,
                    after_honorific: false,
                })
                .collect();
            let mid = super::MidSentence::new(&run);
            for probe in (0..100).map(|k| format!("Name{k}")) {
                let expected = run.iter().any(|r| !r.initial && r.word == probe);
                assert_eq!(mid.contains(&probe), expected, "{len} {probe}");
            }
        }
    }

    use super::*;

    fn topics(headline: &str, paragraphs: &[&str], speakers: &[&Speaker]) -> Vec<Topic> {
        let blocks: Vec<Block> = paragraphs.iter().map(|t| Block::paragraph(t)).collect();
        let analysed: Vec<Option<Analysed>> =
            blocks.iter().map(|b| Some(Analysed::new(b.text))).collect();
        find_topics(&Analysed::new(headline), None, &blocks, &analysed, speakers)
    }

    #[test]
    fn shape_shortcuts_agree_with_the_letters() {
        let text = "Altman’s OpenAI-style ChatGPT-like Osei-Bonsu O'Brien's NASA's GPUs Q3 \
                    A380 naïve Élodie de Vries, McLeod's “Quoted” It’s U.S. R-Ohio x Mr Jan";
        let a = Analysed::new(text);
        for i in 0..a.toks.len() {
            let w = a.word(i);
            assert_eq!(core_of_at(&a, i), core_of(w), "{w:?}");
            assert_eq!(
                is_name_word_at(&a, i),
                is_name_word_with(w, a.class(i)),
                "{w:?}"
            );
        }
    }

    #[test]
    fn a_single_space_starts_no_sentence() {
        // `for_each_run` skips reading a gap the tokenizer saw as one space.
        assert!(!is_sentence_start(" "));
        assert!(" ".bytes().all(|b| b == b' '));
        for text in crate::editorial::text::texts_of_pieces(
            &[
                "Mr", "A", "x", ".", " ", "  ", "“", "”", "!", ":", "\n", "…",
            ],
            3000,
            16,
            0x9E37_79B9_7F4A_7C15,
        ) {
            let a = Analysed::new(&text);
            for i in 0..a.word_count() {
                if a.shape(i) & words::shape::SPACE_BEFORE != 0 {
                    let from = i.checked_sub(1).map_or(0, |p| a.toks[p].end);
                    assert_eq!(&text[from..a.toks[i].start], " ", "{text:?}");
                }
            }
        }
    }

    #[test]
    fn the_kind_is_the_same_asked_in_any_order() {
        // `classify` as it was: every test made, then combined.
        fn eager(
            e: &Entry,
            speakers: &FastSet<&str>,
            single_name: impl Fn(&str) -> bool,
        ) -> TopicKind {
            if words::is_place(e.name) {
                return TopicKind::Place;
            }
            let plain_words =
                (2..=3).contains(&e.words) && e.name.split_whitespace().all(words::is_titlecase);
            let first_is_a_name_alone = e.name.split_whitespace().next().is_some_and(&single_name);
            let person = speakers.contains(e.name)
                || e.after_honorific
                || (plain_words && e.surname_seen && !first_is_a_name_alone);
            if person {
                TopicKind::Person
            } else {
                TopicKind::Organisation
            }
        }
        let names = crate::editorial::text::texts_of_pieces(
            &[
                "Sam", " ", "Altman", "AWS", "London", "de", "Vries", "Mary-Jo", "Élodie", "\u{a0}",
            ],
            1500,
            5,
            0x9E37_79B9_7F4A_7C15,
        );
        let speakers: FastSet<&str> = names.iter().step_by(7).map(String::as_str).collect();
        for (k, name) in names.iter().enumerate() {
            for flags in 0..16 {
                let e = Entry {
                    name,
                    mentions: 1,
                    words: name.split_whitespace().count() + (flags & 1),
                    after_honorific: flags & 2 != 0,
                    surname_seen: flags & 4 != 0,
                };
                let single = |n: &str| (n.len() + k + flags) % 3 == 0;
                assert_eq!(
                    classify(&e, &speakers, single),
                    eager(&e, &speakers, single),
                    "{name:?} {flags}"
                );
            }
        }
    }

    #[test]
    fn one_run_buffer_reads_every_text_as_a_fresh_one() {
        let texts = crate::editorial::text::texts_of_pieces(
            &[
                "Sam",
                "Altman’s",
                "Mr",
                "NASA",
                "the",
                ". ",
                " ",
                "  ",
                "OpenAI-style",
                "\n",
                "Q3",
                "Élodie",
                "x",
            ],
            3000,
            24,
            0x2545_F491_4F6C_DD1D,
        );
        /// A run as plain values: start, end, word, initial, after a title.
        type Seen = Vec<(usize, usize, String, bool, bool)>;
        fn runs<'t>(a: &Analysed<'t>, buf: &mut Vec<RunWord<'t>>) -> Vec<Seen> {
            let mut out = Vec::new();
            for_each_run(a, buf, |run| {
                out.push(
                    run.iter()
                        .map(|w| {
                            (
                                w.start,
                                w.end,
                                w.word.to_string(),
                                w.initial,
                                w.after_honorific,
                            )
                        })
                        .collect::<Vec<_>>(),
                )
            });
            out
        }
        let mut shared = Vec::new();
        let mut seen = 0;
        for text in &texts {
            let a = Analysed::new(text);
            let fresh = runs(&a, &mut Vec::new());
            seen += fresh.len();
            assert_eq!(runs(&a, &mut shared), fresh, "{text:?}");
            assert!(shared.is_empty());
        }
        assert!(seen > 1000, "{seen}");
    }

    fn names(t: &[Topic]) -> Vec<&str> {
        t.iter().map(|t| t.name.as_str()).collect()
    }

    #[test]
    fn merges_surnames_and_acronyms() {
        let t = topics(
            "AWS Signs Record Deal With OpenAI",
            &[
                "OpenAI signed a deal with Amazon Web Services on Monday. AWS is glad.",
                "Sam Altman runs OpenAI. Altman’s team likes AWS, and Microsoft does not.",
            ],
            &[],
        );
        let amazon = t
            .iter()
            .find(|t| t.name == "Amazon Web Services")
            .expect("AWS merged");
        assert_eq!(amazon.mentions, 4);
        let altman = t.iter().find(|t| t.name == "Sam Altman").expect("Altman");
        assert_eq!((altman.mentions, altman.kind), (2, TopicKind::Person));
        assert_eq!(names(&t)[..2], ["Amazon Web Services", "OpenAI"]);
        assert_eq!(t[1].mentions, 3);
        assert!(
            !names(&t)
                .iter()
                .any(|n| ["Monday", "Signs", "Deal", "Altman"].contains(n))
        );
    }

    #[test]
    fn drops_sentence_openers_months_and_things() {
        let t = topics(
            "",
            &[
                "Signing OpenAI was hard. Training runs on NVIDIA GPUs in March. The AI race is on. Buckle up.",
            ],
            &[],
        );
        assert_eq!(names(&t), vec!["NVIDIA", "OpenAI"]);
        assert_eq!(t[0].kind, TopicKind::Organisation);
    }

    #[test]
    fn a_name_whose_first_word_stands_alone_is_no_person() {
        // `Kestrel` is named alone, so `Kestrel Okafor` reads as a firm's; `Ruth
        // Adeyemi`'s first word never stands alone.
        let t = topics(
            "",
            &[
                "Then Kestrel Okafor cut fares. Ruth Adeyemi runs it. Adeyemi said so.",
                "On Friday Kestrel Okafor said that Kestrel would wait, and Okafor agreed.",
            ],
            &[],
        );
        let get = |n: &str| t.iter().find(|t| t.name == n).map(|t| t.kind);
        assert_eq!(get("Ruth Adeyemi"), Some(TopicKind::Person), "{t:?}");
        assert_eq!(
            get("Kestrel Okafor"),
            Some(TopicKind::Organisation),
            "{t:?}"
        );
    }

    #[test]
    fn speakers_are_people_and_places_are_places() {
        let s = Speaker {
            name: "Jane Doe".into(),
            role: None,
        };
        let t = topics(
            "",
            &["Jane Doe flew to London. Ms Smith met her in London."],
            &[&s],
        );
        let get = |n: &str| t.iter().find(|t| t.name == n).map(|t| t.kind);
        assert_eq!(get("Jane Doe"), Some(TopicKind::Person));
        assert_eq!(get("London"), Some(TopicKind::Place));
        assert_eq!(get("Smith"), Some(TopicKind::Person));
    }
}
