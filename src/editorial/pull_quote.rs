//! Pull quotes: which spans of the story to set large, and why each candidate was
//! taken or left.
//!
//! Candidates are, first, direct quotes with a reporting clause (the quote alone, its
//! attribution shown apart), then the story's own sentences. Every candidate is a
//! verbatim span of one paragraph: a whole sentence, or a whole quote (one paragraph's
//! share of it) with its trailing comma trimmed, or the leading whole sentences of a
//! longer quote. It must be within the word limits and stand alone: no leading pronoun
//! or connective (`It`, `This`, `But`, `However`), no fragment (a lower-case start or no
//! sentence end), no unbalanced marks; never the lede, the dek or the story's last line.
//! Scoring follows Bohn & Ling (COLING 2020): quotation marks count most; first and
//! second person, absolutes, questions, contrasts, concrete figures, vivid words and a
//! short punchy line help; dates, bare digits, month and weekday names, parentheses and
//! boilerplate hurt; about 20 words reads best.
//!
//! How many (the newsroom rule of thumb): none under 350 words, one up to 1,000, then
//! one more per 1,000 words, never more than the limit; never two from one paragraph or
//! two alike. Where they go is `placement`'s business.

use std::ops::Range;

use super::attribution::Found;
use super::placement;
use super::text::{Analysed, Reading};
use super::words;
use super::{Block, Candidate, Limits, PullQuote, Speaker};

/// Bonus for a quote with a named speaker: quotation marks are the strongest signal.
const SPEECH_BONUS: f32 = 3.0;
/// Below this an own sentence is not striking enough to set large.
const OWN_SENTENCE_THRESHOLD: f32 = 0.3;
/// Placement tries scan the blocks; a bounded number keeps huge stories linear.
const MAX_TRIES: usize = 64;

/// The pull quotes chosen, in the order they stand, and every candidate considered.
pub(super) struct Choice {
    pub pull_quotes: Vec<PullQuote>,
    pub candidates: Vec<Candidate>,
}

/// A candidate before it is written out: ranges only, so a story of thousands of
/// sentences costs no strings.
#[derive(Debug, Clone)]
struct Draft {
    block: usize,
    range: Range<usize>,
    quoted: bool,
    speaker: Option<Speaker>,
    score: f32,
    signals: Vec<&'static str>,
    verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    Open,
    Chosen(usize),
    Rejected(Reject),
}

#[derive(Debug, Clone, PartialEq)]
enum Reject {
    Lede,
    Ending,
    Dek,
    TooShort(usize),
    TooLong(usize),
    NeedsContext(String),
    Fragment,
    Unbalanced,
    Weak,
    Unattributed,
    SameParagraph,
    Alike,
    NoRoom,
    NotNeeded(usize),
}

impl Reject {
    fn describe(&self, limits: &Limits) -> String {
        match self {
            Reject::Lede => "the lede: the reader has just read it".into(),
            Reject::Ending => {
                "the story's last line: a pull quote never gives away the ending".into()
            }
            Reject::Dek => "repeats the dek".into(),
            Reject::TooShort(n) => format!("{n} words, fewer than {}", limits.min_quote_words),
            Reject::TooLong(n) => format!(
                "{n} words, more than {} (and no shorter run of whole sentences fits)",
                limits.max_quote_words
            ),
            Reject::NeedsContext(w) => {
                format!("starts with {w:?}, which needs the sentence before")
            }
            Reject::Fragment => "a fragment: it does not start and end like a sentence".into(),
            Reject::Unbalanced => "its quotation marks or brackets do not balance".into(),
            Reject::Weak => format!("scored below {OWN_SENTENCE_THRESHOLD}: not striking enough"),
            Reject::Unattributed => "quoted words with no reporting clause beside them".into(),
            Reject::SameParagraph => "a pull quote already comes from this paragraph".into(),
            Reject::Alike => "too much like a pull quote already chosen".into(),
            Reject::NoRoom => "no free spot between paragraphs far enough from the others".into(),
            Reject::NotNeeded(n) => match n {
                0 => "the story is under 350 words: no pull quote".into(),
                1 => "the story wants one pull quote and has it".into(),
                n => format!("the story wants {n} pull quotes and has them"),
            },
        }
    }
}

/// Chooses and places the story's pull quotes.
pub(super) fn choose(
    read: &Reading,
    found: &[Found],
    word_count: usize,
    limits: &Limits,
    keep_all: bool,
) -> Choice {
    let (blocks, paragraphs, dek) = (read.copy.blocks, &read.paragraphs, read.dek.as_ref());
    let wanted = wanted_count(word_count).min(limits.max_pull_quotes);
    if wanted == 0 && !keep_all {
        // A short story gets no pull quote: nothing to weigh.
        return Choice {
            pull_quotes: Vec::new(),
            candidates: Vec::new(),
        };
    }
    let lede = first_sentence(paragraphs);
    let ending = last_sentence(paragraphs);
    let dek_bag = dek.map(|d| word_bag(d.text));
    let mut drafts: Vec<Draft> = Vec::new();
    for f in found {
        for part in &f.quote.parts {
            let Some(a) = paragraphs.get(part.block).and_then(Option::as_ref) else {
                continue;
            };
            let (range, reject) = quote_span(a, part.start..part.end, limits);
            let bonus = if f.quote.speaker.is_some() {
                SPEECH_BONUS
            } else {
                SPEECH_BONUS / 2.0
            };
            let mut verdict = match reject {
                Some(r) => Verdict::Rejected(r),
                None if !f.attributed() => Verdict::Rejected(Reject::Unattributed),
                None => Verdict::Open,
            };
            if verdict == Verdict::Open {
                verdict = where_not_allowed(part.block, &range, &lede, &ending)
                    .map_or(Verdict::Open, Verdict::Rejected);
            }
            if !keep_all && verdict != Verdict::Open {
                // Only `explain` lists (and scores) the quotes left out; the choice
                // never looks at a rejected draft.
                continue;
            }
            let (score, signals) = signal_score(a, &range, keep_all);
            drafts.push(Draft {
                block: part.block,
                range,
                quoted: true,
                speaker: f.quote.speaker.clone(),
                score: bonus + score,
                signals,
                verdict,
            });
        }
    }
    // Quotes come in reading order, so one cursor walks them beside the sentences.
    let speech: Vec<(usize, Range<usize>)> = found
        .iter()
        .flat_map(|f| f.quote.parts.iter())
        .map(|p| (p.block, p.start..p.end))
        .collect();
    let mut cursor = 0;
    for (bi, a) in paragraphs.iter().enumerate() {
        let Some(a) = a else { continue };
        for s in &a.sentences {
            let range = s.start..s.end;
            // A sentence's words are those starting in it (text's test says so).
            debug_assert_eq!(
                (a.first_word_from(s.start), a.first_word_from(s.end)),
                (s.first, s.last)
            );
            while speech
                .get(cursor)
                .is_some_and(|(b, r)| *b < bi || (*b == bi && r.end + 3 <= range.start))
            {
                cursor += 1;
            }
            let holds_speech = speech[cursor..]
                .iter()
                .take_while(|(b, r)| *b == bi && r.start < range.end + 3)
                .any(|(_, r)| range.start < r.end + 3);
            if holds_speech {
                continue; // its quote is a candidate of its own
            }
            let mut verdict = match where_not_allowed(bi, &range, &lede, &ending) {
                Some(r) => Verdict::Rejected(r),
                None => stands_alone_in(a, &range, s.first, s.last, limits)
                    .map_or(Verdict::Open, Verdict::Rejected),
            };
            let (score, signals) = if verdict == Verdict::Open {
                signal_score_in(a, &range, s.first, s.last, keep_all)
            } else {
                (0.0, Vec::new())
            };
            if verdict == Verdict::Open && score < OWN_SENTENCE_THRESHOLD {
                verdict = Verdict::Rejected(Reject::Weak);
            }
            // Only `explain` weighs every open sentence against the dek; the choice asks
            // of the few it reaches (see `pick`), with the same answer for those.
            if keep_all
                && verdict == Verdict::Open
                && dek_bag
                    .as_ref()
                    .is_some_and(|d| alike(&word_bag(&a.text[range.clone()]), d))
            {
                verdict = Verdict::Rejected(Reject::Dek);
            }
            if !keep_all && verdict != Verdict::Open {
                continue; // only `explain` lists the sentences left out
            }
            drafts.push(Draft {
                block: bi,
                range,
                quoted: false,
                speaker: None,
                score,
                signals,
                verdict,
            });
        }
    }
    drafts.sort_by(|a, b| {
        let open = |d: &Draft| d.verdict == Verdict::Open;
        open(b)
            .cmp(&open(a))
            .then(b.score.total_cmp(&a.score))
            .then(a.block.cmp(&b.block))
            .then(a.range.start.cmp(&b.range.start))
    });
    let unchecked_dek = dek_bag.as_deref().filter(|_| !keep_all);
    let pull_quotes = pick(blocks, &mut drafts, wanted, unchecked_dek);
    let candidates = drafts
        .into_iter()
        .filter(|_| keep_all)
        .map(|d| {
            let (chosen, reason) = match &d.verdict {
                Verdict::Chosen(place) => (true, format!("chosen: placed before block {place}")),
                Verdict::Rejected(r) => (false, r.describe(limits)),
                Verdict::Open => (false, Reject::NotNeeded(wanted).describe(limits)),
            };
            Candidate {
                text: blocks[d.block].text[d.range.clone()].to_string(),
                block: d.block,
                start: d.range.start,
                end: d.range.end,
                quoted: d.quoted,
                speaker: d.speaker,
                score: d.score,
                signals: d.signals,
                chosen,
                reason,
            }
        })
        .collect();
    Choice {
        pull_quotes,
        candidates,
    }
}

/// The lede and the ending are never pulled.
fn where_not_allowed(
    block: usize,
    r: &Range<usize>,
    lede: &Option<(usize, Range<usize>)>,
    ending: &Option<(usize, Range<usize>)>,
) -> Option<Reject> {
    let overlaps = |spot: &Option<(usize, Range<usize>)>| {
        spot.as_ref()
            .is_some_and(|(b, l)| *b == block && r.start < l.end && l.start < r.end)
    };
    if overlaps(lede) {
        Some(Reject::Lede)
    } else if overlaps(ending) {
        Some(Reject::Ending)
    } else {
        None
    }
}

/// How many pull quotes a story of this length deserves.
pub(super) fn wanted_count(word_count: usize) -> usize {
    match word_count {
        0..350 => 0,
        n => 1 + (n - 1) / 1000,
    }
}

/// Takes the best open drafts that fit. `unchecked_dek` is the dek's bag when the own
/// sentences have not yet been weighed against it: a sentence like it is rejected here,
/// as it would have been before, ahead of any other test.
fn pick(
    blocks: &[Block],
    drafts: &mut [Draft],
    wanted: usize,
    unchecked_dek: Option<&[u64]>,
) -> Vec<PullQuote> {
    let legal = placement::legal_spots(blocks);
    let mut chosen: Vec<PullQuote> = Vec::new();
    let mut chosen_bags: Vec<Vec<u64>> = Vec::new();
    let mut tries = 0;
    for d in drafts.iter_mut() {
        if d.verdict != Verdict::Open || chosen.len() >= wanted || tries >= MAX_TRIES {
            continue;
        }
        let text = &blocks[d.block].text[d.range.clone()];
        let mut bag = None;
        if let Some(dek) = unchecked_dek.filter(|_| !d.quoted) {
            let own = bag.insert(word_bag(text));
            if alike(own, dek) {
                d.verdict = Verdict::Rejected(Reject::Dek);
                continue;
            }
        }
        if chosen.iter().any(|p| p.source_block == d.block) {
            d.verdict = Verdict::Rejected(Reject::SameParagraph);
            continue;
        }
        let bag = bag.unwrap_or_else(|| word_bag(text));
        if chosen_bags.iter().any(|other| alike(&bag, other)) {
            d.verdict = Verdict::Rejected(Reject::Alike);
            continue;
        }
        tries += 1;
        let taken: Vec<usize> = chosen.iter().map(|p| p.place_before).collect();
        let Some(place) = placement::place_one(&legal, &taken, Some(d.block), d.block) else {
            d.verdict = Verdict::Rejected(Reject::NoRoom);
            continue;
        };
        d.verdict = Verdict::Chosen(place);
        chosen_bags.push(bag);
        chosen.push(PullQuote {
            text: text.to_string(),
            speaker: d.speaker.clone(),
            source_block: d.block,
            place_before: place,
            score: d.score,
        });
    }
    chosen.sort_by_key(|p| p.place_before);
    chosen
}

/// The part of a quote fit to pull: the whole quote minus a trailing comma, or its
/// leading whole sentences when it is too long; with the reason when nothing fits.
fn quote_span(
    a: &Analysed,
    inner: Range<usize>,
    limits: &Limits,
) -> (Range<usize>, Option<Reject>) {
    let quote = &a.text[inner.clone()];
    let trimmed = quote.trim_end_matches([',', ';', ':', '—', '–', ' ']);
    let whole = inner.start..inner.start + trimmed.len();
    // `“We will fight,” she said`: the comma stands for the quote's full stop.
    let comma_ended = trimmed.len() < quote.trim_end().len() && quote.trim_end().ends_with(',');
    let mut reject = stands_alone(a, &whole, limits);
    if comma_ended && reject == Some(Reject::Fragment) && starts_like_a_sentence(trimmed) {
        reject = None;
    }
    if !matches!(reject, Some(Reject::TooLong(_))) {
        return (whole, reject);
    }
    // Too long: keep the leading sentences that fit.
    let Some(first) = a.sentence_at(whole.start) else {
        return (whole, reject);
    };
    let mut best = None;
    for s in &a.sentences[first..] {
        if s.end > whole.end {
            break;
        }
        let head = whole.start..s.end;
        if count_words(a, &head) > limits.max_quote_words {
            break;
        }
        best = Some(head);
    }
    match best {
        Some(head) => {
            let why = stands_alone(a, &head, limits);
            (head, why)
        }
        None => (whole, reject),
    }
}

fn count_words(a: &Analysed, r: &Range<usize>) -> usize {
    a.first_word_from(r.end) - a.first_word_from(r.start)
}

/// Within the word limits, starting like a sentence with a word that needs no context,
/// ending like one, and with its quotation marks and brackets balanced; else why not.
fn stands_alone(a: &Analysed, r: &Range<usize>, limits: &Limits) -> Option<Reject> {
    stands_alone_in(
        a,
        r,
        a.first_word_from(r.start),
        a.first_word_from(r.end),
        limits,
    )
}

/// [`stands_alone`] with the words starting in `r` known (`first_at..to`): a sentence
/// knows its own, with no search.
fn stands_alone_in(
    a: &Analysed,
    r: &Range<usize>,
    first_at: usize,
    to: usize,
    limits: &Limits,
) -> Option<Reject> {
    let text = &a.text[r.clone()];
    let n = to - first_at;
    if n < limits.min_quote_words {
        return Some(Reject::TooShort(n));
    }
    if n > limits.max_quote_words {
        return Some(Reject::TooLong(n));
    }
    let first = a.word(first_at);
    // `No company wants …` stands alone; `No, …` answers something.
    let is_no = words::is(first, "no");
    let answer = is_no && a.gap_before(first_at + 1).contains(',');
    // `words::is_context_opener(first)`, from the lists looked up while reading.
    debug_assert_eq!(
        a.is_on(first_at, words::bit::CONTEXT_OPENER),
        words::is_context_opener(first)
    );
    if a.is_on(first_at, words::bit::CONTEXT_OPENER) && (!is_no || answer) {
        return Some(Reject::NeedsContext(first.to_string()));
    }
    if !starts_like_a_sentence(text) || !ends_sentence(text) {
        return Some(Reject::Fragment);
    }
    if !balanced_at(a, r, first_at, to) {
        return Some(Reject::Unbalanced);
    }
    None
}

fn starts_like_a_sentence(text: &str) -> bool {
    text.trim_start_matches(|c: char| words::is_opening_mark(c) && c != '(')
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn ends_sentence(text: &str) -> bool {
    let bare = text.trim_end().trim_end_matches(words::is_closing_mark);
    bare.ends_with(['.', '!', '?', '…'])
}

/// The stretches of `a.text[r]` (as ranges of that slice) that may hold a mark: every
/// gap between words except a single space, with the bits of the range before its first
/// word and after its last. Quotation marks, brackets, `?`, `$`, `%`, `£`, `€`, `,` and
/// `;` are never part of a word (a comma joins only digits), so what lies outside these
/// stretches is words and single spaces, where no mark the checks below look for stands.
/// `from..to` are the words starting in `r`.
fn mark_gaps(
    a: &Analysed,
    r: &Range<usize>,
    from: usize,
    to: usize,
    mut scan: impl FnMut(usize, usize),
) {
    if from == to {
        scan(0, r.len());
        return;
    }
    let at = |p: usize| p - r.start;
    scan(0, at(a.toks[from].start));
    for j in from + 1..to {
        if a.shape(j) & words::shape::SPACE_BEFORE == 0 {
            scan(at(a.toks[j - 1].end), at(a.toks[j].start));
        }
    }
    scan(at(a.toks[to - 1].end.min(r.end)), r.len());
}

/// [`balanced`] of `a.text[r]`, reading only the gaps that may hold a mark.
fn balanced_at(a: &Analysed, r: &Range<usize>, from: usize, to: usize) -> bool {
    let b = &a.text.as_bytes()[r.clone()];
    let mut count = Balance::default();
    mark_gaps(a, r, from, to, |lo, hi| count.add(b, lo, hi));
    count.is_even()
}

#[cfg(test)]
fn balanced(text: &str) -> bool {
    let mut count = Balance::default();
    count.add(text.as_bytes(), 0, text.len());
    count.is_even()
}

/// Quotation marks and brackets counted over some bytes of one text.
#[derive(Default)]
struct Balance {
    open: i32,
    close: i32,
    straight: i32,
    brackets: i32,
}

impl Balance {
    fn is_even(&self) -> bool {
        self.open == self.close && self.straight % 2 == 0 && self.brackets == 0
    }

    /// Counts the marks among `b[lo..hi]` (`b` the whole text, for the bytes before).
    #[inline]
    fn add(&mut self, b: &[u8], lo: usize, hi: usize) {
        let Balance {
            open,
            close,
            straight,
            brackets,
        } = self;
        // Bytes, not chars: `“` and `”` are E2 80 9C and E2 80 9D, counted by their last
        // byte after E2 80 (no other character's encoding holds that run). Over the slice
        // itself: the skipping adapters cost a call a gap.
        let hi = hi.min(b.len());
        let lo = lo.min(hi);
        for (k, &c) in b[lo..hi].iter().enumerate() {
            let i = lo + k;
            match c {
                0x9C | 0x9D if i >= 2 && b[i - 2] == 0xE2 && b[i - 1] == 0x80 => {
                    if c == 0x9C {
                        *open += 1;
                    } else {
                        *close += 1;
                    }
                }
                b'"' => *straight += 1,
                b'(' => *brackets += 1,
                b')' => *brackets -= 1,
                _ => {}
            }
        }
    }
}

/// Block and range of the story's first sentence: the lede.
fn first_sentence(paragraphs: &[Option<Analysed>]) -> Option<(usize, Range<usize>)> {
    paragraphs.iter().enumerate().find_map(|(i, a)| {
        let s = a.as_ref()?.sentences.first()?;
        Some((i, s.start..s.end))
    })
}

/// Block and range of the story's last sentence.
fn last_sentence(paragraphs: &[Option<Analysed>]) -> Option<(usize, Range<usize>)> {
    paragraphs.iter().enumerate().rev().find_map(|(i, a)| {
        let s = a.as_ref()?.sentences.last()?;
        Some((i, s.start..s.end))
    })
}

/// The research signals over the words of `r`, added up, and which of them fired.
/// The names are only gathered when `named` (for `explain`).
fn signal_score(a: &Analysed, r: &Range<usize>, named: bool) -> (f32, Vec<&'static str>) {
    signal_score_in(
        a,
        r,
        a.first_word_from(r.start),
        a.first_word_from(r.end),
        named,
    )
}

/// [`signal_score`] with the words starting in `r` known (`from..to`).
fn signal_score_in(
    a: &Analysed,
    r: &Range<usize>,
    from: usize,
    to: usize,
    named: bool,
) -> (f32, Vec<&'static str>) {
    use words::bit;
    let (words, marks) = read_candidate(a, r, from, to);
    let seen = words.seen;
    let (digits, dated) = (words.digits, words.dated);
    let person = seen & bit::PERSONAL != 0;
    let absolute = seen & bit::ABSOLUTE != 0;
    let contrast = seen & bit::CONTRAST != 0;
    let vivid = seen & bit::VIVID != 0;
    let n = to - from;
    let mut score = 0.0;
    let mut signals = Vec::new();
    let mut add = |on: bool, weight: f32, name: &'static str| {
        if on {
            score += weight;
            if named {
                signals.push(name);
            }
        }
    };
    add(person, 0.8, "first or second person");
    add(absolute, 0.5, "an absolute (never, nothing, every …)");
    add(contrast, 0.4, "a contrast");
    add(vivid, 0.3, "a vivid word");
    add(marks.question, 0.5, "a question");
    let figure = marks.currency_or_percent;
    add(figure, 0.3, "a concrete figure");
    add(
        !figure && digits > 0,
        -0.3 * digits.min(3) as f32,
        "bare digits",
    );
    add((8..=14).contains(&n), 0.3, "short and punchy");
    add(dated, -0.8, "a date or weekday");
    add(marks.bracket, -1.0, "brackets");
    // Set large, `OpenAI,arguably` shows; sloppy copy is no pull quote.
    add(marks.typo_spacing, -1.0, "a typo in the spacing");
    add(marks.boilerplate, -3.0, "boilerplate");
    // About 20 words reads best; length matters little.
    score -= (n as f32 - 20.0).abs() / 20.0;
    (score, signals)
}

/// A candidate's word signals and marks in one pass over its words `from..to` (those
/// starting in `r`), each word's lists, shape and position read once from two slices;
/// its bytes are read only for a month or weekday (its capital) and for a word of two or
/// three bytes (`no one`, by its length first). The gaps that are not a single space
/// are scanned for marks; a word after a single space is where a stock phrase's second
/// word may stand.
fn read_candidate(a: &Analysed, r: &Range<usize>, from: usize, to: usize) -> (WordSignals, Marks) {
    use words::bit;
    let bytes = a.text.as_bytes();
    let b = &bytes[r.clone()];
    let to = to.min(a.toks.len());
    let from = from.min(to);
    let toks = &a.toks[from..to];
    let mut w = WordSignals::default();
    let mut m = Marks::default();
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        m.scan(b, 0, b.len());
        return (w, m);
    };
    m.scan(b, 0, first.start - r.start);
    let mut prev_no = false;
    let mut prev_end = None;
    for (&x, t) in a.lists_and_shapes(from, to).iter().zip(toks) {
        let class = x as u32;
        w.seen |= class;
        // The word's bytes are read only when its length or lists call for them.
        let len = t.end - t.start;
        if prev_no && len == 3 && bytes[t.start..t.end].eq_ignore_ascii_case(b"one") {
            w.seen |= bit::ABSOLUTE;
        }
        let shape = (x >> 32) as u8;
        if class == 0 && shape & words::shape::HAS_DIGIT != 0 {
            w.digits += 1;
        }
        if class & (bit::MONTH | bit::WEEKDAY) != 0 && bytes[t.start].is_ascii_uppercase() {
            w.dated = true;
        }
        prev_no = len == 2 && bytes[t.start..t.end].eq_ignore_ascii_case(b"no");
        if shape & words::shape::SPACE_BEFORE != 0 {
            if !m.boilerplate {
                m.boilerplate = boilerplate_at(b, t.start - r.start);
            }
        } else if let Some(end) = prev_end {
            m.scan(b, end - r.start, t.start - r.start);
        }
        prev_end = Some(t.end);
    }
    m.scan(b, last.end.min(r.end) - r.start, b.len());
    (w, m)
}

/// What a candidate's words say, read from their lists and shapes in one pass.
#[derive(Debug, Default, PartialEq)]
struct WordSignals {
    /// Every word's lists or-ed, with `bit::ABSOLUTE` for `no one`.
    seen: u32,
    /// Words on no list with a digit in them.
    digits: usize,
    /// A month or weekday written with a capital.
    dated: bool,
}

impl WordSignals {
    /// The reference [`read_candidate`]'s signals are tested against: word by word, by
    /// spelling.
    #[cfg(test)]
    fn by_spelling(a: &Analysed, from: usize, to: usize) -> WordSignals {
        use words::bit;
        let mut out = WordSignals::default();
        let mut prev_no = false;
        for i in from..to {
            let class = a.class(i);
            out.seen |= class;
            let w = a.word(i);
            let b = w.as_bytes();
            if prev_no && b.len() == 3 && words::is(w, "one") {
                out.seen |= bit::ABSOLUTE;
            }
            if class == 0 && a.shape(i) & words::shape::HAS_DIGIT != 0 {
                out.digits += 1;
            }
            out.dated |= class & (bit::MONTH | bit::WEEKDAY) != 0 && b[0].is_ascii_uppercase();
            prev_no = b.len() == 2 && words::is(w, "no");
        }
        out
    }
}

/// The marks and phrases a candidate's score looks for, found in one pass over its bytes.
#[derive(Debug, Default, PartialEq)]
struct Marks {
    question: bool,
    /// `$`, `£`, `€` or `%`.
    currency_or_percent: bool,
    bracket: bool,
    /// A comma glued to the next word (`OpenAI,arguably`).
    typo_spacing: bool,
    /// A wire's stock phrase (`declined to comment` …).
    boilerplate: bool,
}

/// Stock phrases of wire copy by their first letter (the reference for
/// [`boilerplate_before`]); all ASCII and lower case, so they
/// are matched ignoring ASCII case (no other character lower-cases to a letter any of
/// them holds).
#[cfg(test)]
fn boilerplate_from(first: u8) -> &'static [&'static str] {
    match first | 0x20 {
        b'a' => &["all rights reserved"],
        b'c' => &["contributed to this report", "could not be reached"],
        b'd' => &["declined to comment", "did not respond", "didn't respond"],
        b'n' => &["not immediately"],
        b'p' => &["press release"],
        b'r' => &["request for comment"],
        _ => &[],
    }
}

/// The first two letters of some stock phrase (`al`, `co`, `de`, `di`, `no`, `pr`,
/// `re`, any case): most letters are ruled out here before a phrase is compared.
#[cfg(test)]
fn opens_boilerplate(first: u8, second: Option<u8>) -> bool {
    second.is_some_and(|n| {
        matches!(
            (first | 0x20, n | 0x20),
            (b'a', b'l')
                | (b'c', b'o')
                | (b'd', b'e' | b'i')
                | (b'n', b'o')
                | (b'p', b'r')
                | (b'r', b'e')
        )
    })
}

/// The stock phrases whose first space is followed by a word starting with `first`
/// (any case), each with the length of what stands before that space.
fn boilerplate_before(first: u8) -> &'static [(&'static str, usize)] {
    match first | 0x20 {
        b'r' => &[
            ("all rights reserved", 3),
            ("didn't respond", 6),
            ("press release", 5),
        ],
        b't' => &[
            ("contributed to this report", 11),
            ("declined to comment", 8),
        ],
        b'n' => &[("could not be reached", 5), ("did not respond", 3)],
        b'i' => &[("not immediately", 3)],
        b'f' => &[("request for comment", 7)],
        _ => &[],
    }
}

/// Whether a stock phrase's second word starts at byte `s` of `b` (a word after a
/// single space), the phrase standing whole in `b`.
#[inline]
fn boilerplate_at(b: &[u8], s: usize) -> bool {
    boilerplate_before(b[s]).iter().any(|&(p, k)| {
        // The word's second letter first (by bit 5 alone, safe for letters: every
        // phrase's word there has two), ruling out `the`, `in`, `it` …
        b.get(s + 1)
            .is_some_and(|&n| n | 0x20 == p.as_bytes()[k + 2])
            && s.checked_sub(k + 1)
                .and_then(|i| b.get(i..i + p.len()))
                .is_some_and(|w| w.eq_ignore_ascii_case(p.as_bytes()))
    })
}

impl Marks {
    /// The marks of `text`, byte by byte: the reference [`read_candidate`] is tested
    /// against.
    #[cfg(test)]
    fn of(text: &str) -> Marks {
        let b = text.as_bytes();
        let mut m = Marks::default();
        m.scan(b, 0, b.len());
        for (i, &c) in b.iter().enumerate() {
            match c {
                b'a' | b'c' | b'd' | b'n' | b'p' | b'r' | b'A' | b'C' | b'D' | b'N' | b'P'
                | b'R'
                    if !m.boilerplate && opens_boilerplate(c, b.get(i + 1).copied()) =>
                {
                    m.boilerplate = boilerplate_from(c).iter().any(|p| {
                        let p = p.as_bytes();
                        // The second letter by bit 5 alone first (safe for letters),
                        // then the whole phrase.
                        b.get(i + 1).is_some_and(|&n| n | 0x20 == p[1])
                            && b.get(i..i + p.len())
                                .is_some_and(|w| w.eq_ignore_ascii_case(p))
                    })
                }
                _ => {}
            }
        }
        m
    }

    /// Notes the marks (all but the stock phrases) among `b[lo..hi]`, `b` the whole
    /// candidate (for the bytes before and after).
    #[inline]
    fn scan(&mut self, b: &[u8], lo: usize, hi: usize) {
        // Over the slice itself: the skipping adapters cost a call a gap.
        let hi = hi.min(b.len());
        let lo = lo.min(hi);
        for (k, &c) in b[lo..hi].iter().enumerate() {
            let i = lo + k;
            match c {
                b'?' => self.question = true,
                b'(' => self.bracket = true,
                b'$' | b'%' => self.currency_or_percent = true,
                // `£` is C2 A3, `€` is E2 82 AC.
                0xA3 if i > 0 && b[i - 1] == 0xC2 => self.currency_or_percent = true,
                0xAC if i > 1 && b[i - 2] == 0xE2 && b[i - 1] == 0x82 => {
                    self.currency_or_percent = true
                }
                b',' | b';' => {
                    self.typo_spacing |= i > 0
                        && b[i - 1].is_ascii_alphabetic()
                        && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
                }
                _ => {}
            }
        }
    }
}

/// The distinct words of a text, case folded, each as a hash: comparing bags is all
/// they are for, and a number per word saves a string per word.
fn word_bag(text: &str) -> Vec<u64> {
    let mut bag: Vec<u64> = words::Tokens::new(text)
        .map(|t| folded_hash(t.text(text)))
        .collect();
    bag.sort();
    bag.dedup();
    bag
}

fn folded_hash(word: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = words::WordHasher::default();
    if word.is_ascii() {
        // The same hash as below, without Unicode's case tables.
        for b in word.bytes() {
            hasher.write_u32(u32::from(b.to_ascii_lowercase()));
        }
    } else {
        for c in word.chars().flat_map(char::to_lowercase) {
            hasher.write_u32(u32::from(c));
        }
    }
    hasher.finish()
}

/// Two texts are alike when most words of the shorter one are in the other.
fn alike(a: &[u64], b: &[u64]) -> bool {
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    let smaller = a.len().min(b.len()).max(1);
    shared * 10 > smaller * 6
}

#[cfg(test)]
mod tests {
    use super::super::{Copy, edit, explain};
    use super::*;

    /// Texts built from marks, stock phrases (whole, cut, in any case, glued to other
    /// words) and words, to try the gap-reading marks against the byte-reading ones.
    fn marked_texts() -> Vec<String> {
        const PIECES: [&str; 44] = [
            "all rights reserved",
            "ALL Rights Reserved",
            "overall rights reserved",
            "contributed to this report",
            "could not be reached",
            "Declined to comment",
            "did not respond",
            "didn't respond",
            "didn’t respond",
            "cannot immediately",
            "not  immediately",
            "press releases",
            "request for comment",
            "declined to",
            "respond",
            "rights",
            "to",
            " ",
            "  ",
            "\n",
            "“",
            "”",
            "\"",
            "(",
            ")",
            "?",
            "$5",
            "3%",
            "£4",
            "€9",
            "€",
            "OpenAI,arguably",
            ",",
            ";",
            "a;b",
            "1,000",
            ".",
            "…",
            "—",
            "naïve",
            "Said",
            "x",
            "'",
            "-",
        ];
        crate::editorial::text::texts_of_pieces(&PIECES, 1500, 14, 0x2545_F491_4F6C_DD1D)
    }

    #[test]
    fn marks_from_the_gaps_are_the_marks_of_every_byte() {
        let (mut tried, mut stock) = (0, 0);
        for text in marked_texts() {
            let a = analysed(&text);
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for (k, &start) in bounds.iter().enumerate() {
                for &end in bounds[k..].iter().step_by(3) {
                    let r = start..end;
                    let (from, to) = (a.first_word_from(start), a.first_word_from(end));
                    let part = &text[r.clone()];
                    let marks = Marks::of(part);
                    stock += usize::from(marks.boilerplate);
                    let (signals, read) = read_candidate(&a, &r, from, to);
                    assert_eq!(read, marks, "{part:?} of {text:?}");
                    assert_eq!(
                        signals,
                        WordSignals::by_spelling(&a, from, to),
                        "{part:?} of {text:?}"
                    );
                    assert_eq!(
                        balanced_at(&a, &r, from, to),
                        balanced(part),
                        "{part:?} of {text:?}"
                    );
                    tried += 1;
                }
            }
        }
        // The test can fail: stock phrases are found in many of the spans tried.
        assert!(tried > 100_000 && stock > 10_000, "{tried} {stock}");
    }

    #[test]
    fn word_signals_from_the_lists_are_those_read_word_by_word() {
        const PIECES: [&str; 24] = [
            "no", "No", "NO", "one", "One", "ONE", "no one", "No one", "non", "ones", "May", "may",
            "Monday", "monday", "I", "you", "never", "but", "3", "2026", "x9", " ", ". ", "’",
        ];
        let mut tried = 0;
        for text in
            crate::editorial::text::texts_of_pieces(&PIECES, 4000, 16, 0x9E37_79B9_7F4A_7C15)
        {
            let a = analysed(&text);
            let n = a.word_count();
            for from in 0..=n {
                for to in [from, (from + 3).min(n), n, n + 2] {
                    // Read with the marks, over the bytes those words span.
                    let (lo, hi) = (from.min(n), to.min(n));
                    let r = match (
                        a.toks.get(lo),
                        hi.checked_sub(1).and_then(|l| a.toks.get(l)),
                    ) {
                        (Some(f), Some(l)) if lo < hi => f.start..l.end,
                        _ => 0..0,
                    };
                    let (lo, hi) = (a.first_word_from(r.start), a.first_word_from(r.end));
                    assert_eq!(
                        read_candidate(&a, &r, lo, hi).0,
                        WordSignals::by_spelling(&a, lo, hi),
                        "{from}..{to} of {text:?}"
                    );
                    tried += 1;
                }
            }
        }
        assert!(tried > 20_000, "{tried}");
    }

    #[test]
    fn every_stock_phrase_is_tried_after_its_first_space() {
        let mut phrases: Vec<&str> = (b'a'..=b'z').flat_map(boilerplate_from).copied().collect();
        let mut after: Vec<&str> = (0..=255u8)
            .filter(|b| !b.is_ascii_uppercase())
            .flat_map(|b| {
                boilerplate_before(b).iter().map(move |&(p, k)| {
                    assert_eq!(p.find(' '), Some(k), "{p}");
                    assert_eq!(p.as_bytes()[k + 1], b, "{p}");
                    // `boilerplate_at` tests the second letter by bit 5 first.
                    assert!(p.as_bytes()[k + 2].is_ascii_lowercase(), "{p}");
                    p
                })
            })
            .collect();
        phrases.sort();
        after.sort();
        assert_eq!(phrases, after);
    }

    #[test]
    fn every_stock_phrase_passes_the_two_letter_test() {
        for first in b'a'..=b'z' {
            for phrase in boilerplate_from(first) {
                let p = phrase.as_bytes();
                assert!(opens_boilerplate(p[0], Some(p[1])), "{phrase}");
                assert!(
                    opens_boilerplate(p[0] ^ 0x20, Some(p[1] ^ 0x20)),
                    "{phrase}"
                );
            }
        }
        assert!(!opens_boilerplate(b'a', Some(b'n')) && !opens_boilerplate(b'r', None));
    }

    const FILLER: &str = "The committee met in the afternoon to review the budget papers and the minutes of earlier meetings before going home for the evening.";

    fn long_story<'a>(extra: &[&'a str], fillers: usize) -> Vec<Block<'a>> {
        let mut blocks = vec![Block::paragraph(
            "The lede sentence opens this story about the council budget. It goes on a while.",
        )];
        for _ in 0..fillers {
            blocks.push(Block::paragraph(FILLER));
        }
        for (i, e) in extra.iter().enumerate() {
            blocks.insert(3 + 3 * i, Block::paragraph(e));
        }
        blocks
    }

    fn analysed(text: &str) -> Analysed<'_> {
        Analysed::new(text)
    }

    fn alone(text: &str) -> Option<Reject> {
        let a = analysed(text);
        stands_alone(&a, &(0..text.len()), &Limits::default())
    }

    #[test]
    fn prefers_attributed_quotes_and_trims_the_attribution() {
        let blocks = long_story(
            &[
                "“We will never again let a budget like this one pass without a real fight,” said council leader Ann Price.",
                "If you live here, the message is brutal: nothing will be left for the libraries next year.",
            ],
            45,
        );
        let copy = Copy {
            headline: "Council budget",
            dek: None,
            blocks: &blocks,
        };
        let m = edit(&copy, &Limits::default());
        assert!(m.word_count > 1000);
        assert_eq!(
            m.pull_quotes.len(),
            2,
            "{:#?}",
            explain(&copy, &Limits::default())
                .candidates
                .iter()
                .take(6)
                .collect::<Vec<_>>()
        );
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
        assert!(matches!(
            alone("It was the best thing that ever happened to the whole town."),
            Some(Reject::NeedsContext(_))
        ));
        assert!(matches!(
            alone("But the best thing that ever happened to the whole town was this."),
            Some(Reject::NeedsContext(_))
        ));
        assert_eq!(
            alone("the best thing that ever happened to the whole town was this."),
            Some(Reject::Fragment)
        );
        assert_eq!(
            alone("The best thing that ever happened to the whole town was this"),
            Some(Reject::Fragment)
        );
        assert_eq!(alone("Short and sharp."), Some(Reject::TooShort(3)));
        assert_eq!(
            alone("Nobody in the whole town had ever seen anything like it before."),
            None
        );
        let text = "The company declined to comment on the report when asked on Monday.";
        assert!(signal_score(&analysed(text), &(0..text.len()), true).0 < 0.0);
        let blocks = long_story(&[], 20);
        let e = explain(
            &Copy {
                headline: "Council",
                dek: None,
                blocks: &blocks,
            },
            &Limits::default(),
        );
        assert!(
            e.markup
                .pull_quotes
                .iter()
                .all(|p| !p.text.starts_with("The lede"))
        );
        let lede = e
            .candidates
            .iter()
            .find(|c| c.text.starts_with("The lede"))
            .expect("the lede is listed");
        assert!(lede.reason.contains("lede"));
    }

    #[test]
    fn short_stories_get_none() {
        let blocks = [
            Block::paragraph(
                "The lede sentence opens this short story about a small town council.",
            ),
            Block::paragraph("Filler sentence number one is here to pad the story out a bit."),
            Block::paragraph(
                "“We will never again let a budget like this one pass without a real fight,” said Ann Price.",
            ),
            Block::paragraph("Filler sentence number two is here to pad the story out a bit more."),
        ];
        let e = explain(
            &Copy {
                headline: "Council",
                dek: None,
                blocks: &blocks,
            },
            &Limits::default(),
        );
        assert!(e.markup.pull_quotes.is_empty());
        assert!(
            e.candidates[0].reason.contains("under 350 words"),
            "{:#?}",
            e.candidates
        );
    }

    #[test]
    fn long_quotes_are_cut_at_sentence_ends() {
        let text = "“One two three four five six seven eight nine ten. Eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive twentysix twentyseven twentyeight and so on and so on and so on for ever,” said Jo Bloggs.";
        let a = analysed(text);
        let inner = 3..text.find('”').unwrap_or(0);
        let (span, reject) = quote_span(&a, inner, &Limits::default());
        assert_eq!(reject, None);
        assert_eq!(
            &text[span],
            "One two three four five six seven eight nine ten."
        );
    }

    #[test]
    fn the_choice_weighs_the_dek_as_explain_does() {
        let striking = "If you live here, the message is brutal: nothing will be left for the libraries next year.";
        let other =
            "Never before have so many of you asked what happens to every library in the county.";
        let blocks = long_story(&[striking, other], 45);
        for (dek, like) in [
            (None, None),
            (Some(striking), Some(striking)),
            (
                Some(
                    "The message is brutal: nothing will be left for libraries next year if you live here.",
                ),
                Some(striking),
            ),
            (Some(other), Some(other)),
        ] {
            let copy = Copy {
                headline: "Council budget",
                dek,
                blocks: &blocks,
            };
            let limits = Limits::default();
            let e = explain(&copy, &limits);
            assert_eq!(
                edit(&copy, &limits).pull_quotes,
                e.markup.pull_quotes,
                "{dek:?}"
            );
            if dek.is_none() {
                // Without a dek both are set large: the dek is what takes them out.
                let texts: Vec<&str> = e
                    .markup
                    .pull_quotes
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect();
                assert!(
                    texts.contains(&striking) && texts.contains(&other),
                    "{texts:?}"
                );
            }
            if let Some(like) = like {
                let listed = e.candidates.iter().find(|c| c.text == like);
                assert!(
                    listed.is_some_and(|c| c.reason.contains("dek")),
                    "{listed:?}"
                );
                assert!(e.markup.pull_quotes.iter().all(|p| p.text != like));
            }
        }
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
