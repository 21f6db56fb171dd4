//! Who said it: the speaker of every direct quote, from the reporting clause beside it.
//!
//! The shapes that attribute reliably (Pouliquen et al. 2007; Pavllo et al. 2018):
//! `“…,” said [role] NAME [, apposition]`, `“…,” [role] NAME [, apposition,] said`,
//! `ROLE, NAME, said`, `NAME [, apposition,] said[:| that] “…”`, `according to NAME`,
//! with about a hundred reporting verbs in all their forms (`told`, `added`, `warns`,
//! `explained`, `wrote`, `argued` …; `called` only right before the quote it calls
//! something, as `called the plan “…”`). The role is kept apart from the name
//! (`OpenAI CEO Sam Altman` → `Sam Altman`, `OpenAI CEO`); titles (`Ms`, `Dr.`) are
//! dropped and a bare surname or `Ms Lin` is traced to the full name the story gave.
//!
//! A pronoun (`she said`) is the person the story last named before it: a name in the
//! text, the subject of an indirect `X said …`, or the last speaker. A quote with no
//! clause of its own continues the quote before it in the same paragraph, or, opening
//! a paragraph, the speaker the previous paragraph led in or quoted last. A description
//! without a name (`a spokesperson said`) is speech by no one we can name: `None`.
//!
//! Quotation marks that are not speech are dropped: a word or two with no reporting
//! clause (scare quotes, nicknames), one word even with one, and titles (mostly
//! capitalised words, or after `titled`, `entitled`, `film`, `album` …).

use super::names::{self, Cast};
use super::quote::{Part, Span};
use super::text::Analysed;
use super::words::{self, FastMap};
use super::{Attribution, Quote, QuotePart, Speaker};

/// A quote with its speaker and how the desk found it.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub quote: Quote,
    pub how: Attribution,
}

impl Found {
    /// A reporting clause (or a quote it continues) stands by it.
    pub fn attributed(&self) -> bool {
        self.how != Attribution::None
    }
}

/// What a reporting clause says about its speaker.
#[derive(Debug, Clone, PartialEq)]
enum Clause {
    Named {
        name: String,
        role: Option<String>,
        titled: bool,
        person: bool,
    },
    /// `he said`, `she said`, `they said`.
    Pronoun(Option<Gender>),
    /// `the company said`: speech, but by no one we can name.
    Unnamed,
}

pub(super) use super::names::Gender;

/// The gender a speaker pronoun implies (`they` implies none).
fn pronoun_gender(w: &str) -> Option<Gender> {
    if words::is(w, "he") {
        Some(Gender::Male)
    } else if words::is(w, "she") {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Attributes every quote, in reading order, dropping marks that are not speech.
pub(super) fn attribute(
    paragraphs: &[Option<Analysed>],
    spans: Vec<Span>,
    cast: &Cast,
) -> Vec<Found> {
    let mut desk = Desk {
        cast,
        roles: FastMap::default(),
        genders: FastMap::default(),
        recent: Vec::new(),
    };
    let mut out = Vec::with_capacity(spans.len());
    let mut spans = spans.into_iter().peekable();
    // Who the last quote of the paragraph before was given to: an index into `out`,
    // so a speaker is copied only when a quote takes them.
    let mut carry: Option<usize> = None;
    let mut lead_in: Option<Speaker> = None;
    for (bi, a) in paragraphs.iter().enumerate() {
        let Some(a) = a else {
            carry = None;
            lead_in = None;
            continue;
        };
        let mut here: Vec<Span> = Vec::new();
        while spans.peek().is_some_and(|s| s.first().block == bi) {
            here.extend(spans.next());
        }
        if here.is_empty() && spans.peek().is_none() {
            break; // no quote left to attribute: who is named from here on does not matter
        }
        let inside = quoted_ranges(&here, bi, &out);
        let events = desk.events(bi, a, &inside);
        let next_lead_in = desk.lead_in(a, &events, &inside);
        let mut events = events.into_iter().peekable();
        let mut previous_here: Option<usize> = None;
        let mut window_from = 0;
        let mut last_quote_speaker: Option<usize> = None;
        for span in here {
            let first = *span.first();
            while let Some(e) = events.next_if(|e| e.0 < first.open) {
                desk.apply(e.1);
            }
            let opens_paragraph = a.text[..first.open].trim().is_empty();
            let speaker_of = |k: usize| &out[k].quote.speaker;
            let found = desk.attribute_one(
                paragraphs,
                &span,
                window_from,
                previous_here.map(speaker_of),
                opens_paragraph.then(|| (&lead_in, carry.map(speaker_of))),
            );
            window_from = span.last().close_end.unwrap_or(a.text.len());
            if let Some(found) = found {
                previous_here = Some(out.len());
                last_quote_speaker = previous_here;
                out.push(found);
            }
        }
        for e in events {
            desk.apply(e.1);
        }
        // `She said:` at the end of a paragraph leads in to whoever she is.
        lead_in = next_lead_in.or_else(|| {
            let colon = a.text.trim_end().ends_with(':')
                && !inside.iter().any(|r| r.1 >= a.text.trim_end().len());
            colon.then(|| desk.last_named()).flatten()
        });
        carry = last_quote_speaker;
    }
    out
}

/// The lower-case core reporting verbs of `a` (`said`, `told`), each with the first
/// word of its sentence, in order: one skip along the word lists to each verb, with a
/// cursor on the sentences, instead of a test of every word of every sentence.
fn reporting_verbs<'r>(a: &'r Analysed) -> impl Iterator<Item = (usize, usize)> + 'r {
    let (mut v, mut k) = (0, 0);
    std::iter::from_fn(move || {
        loop {
            v = a.next_listed(v, words::bit::CORE_REPORTING);
            if v >= a.word_count() {
                return None;
            }
            while a.sentences.get(k).is_some_and(|s| s.last <= v) {
                k += 1;
            }
            let s = a.sentences.get(k)?;
            let found = v;
            v += 1;
            if s.first <= found && words::starts_lower(a.word(found)) {
                return Some((s.first, found));
            }
        }
    })
}

/// Byte ranges of paragraph `bi` inside quotation marks: of the quotes found here and
/// of the parts of earlier quotes that run on into it.
fn quoted_ranges(here: &[Span], bi: usize, earlier: &[Found]) -> Vec<(usize, usize)> {
    let mut inside: Vec<(usize, usize)> = earlier
        .iter()
        .rev()
        .take(4)
        .flat_map(|f| f.quote.parts.iter())
        .filter(|p| p.block == bi)
        .map(|p| (p.start, p.end))
        .collect();
    inside.extend(
        here.iter()
            .flat_map(|s| s.parts.iter())
            .filter(|p| p.block == bi)
            .map(|p| (p.open, p.close_end.unwrap_or(p.end))),
    );
    inside.sort_unstable();
    inside
}

fn is_inside(inside: &[(usize, usize)], at: usize) -> bool {
    let k = inside.partition_point(|r| r.0 <= at);
    k > 0 && at < inside[k - 1].1
}

/// Something that changes who the story is talking about, at a byte position.
#[derive(Debug, Clone)]
enum Event {
    Mention(String),
    Subject(Clause),
}

struct Desk<'c> {
    cast: &'c Cast,
    /// Roles already given for a speaker (a later `Ms Doe said` keeps `chief executive`).
    roles: FastMap<String, String>,
    /// Genders learnt from pronouns already resolved (`Ms Lin … she said`).
    genders: FastMap<String, Gender>,
    /// The people the story named last, most recent last (`None`: someone unnamed).
    recent: Vec<Option<Speaker>>,
}

impl Desk<'_> {
    /// Someone is now the person the story talks about.
    fn focus_on(&mut self, who: Option<Speaker>) {
        if let Some(s) = &who {
            self.recent
                .retain(|r| r.as_ref().is_none_or(|r| r.name != s.name));
        }
        self.recent.push(who);
        if self.recent.len() > 8 {
            self.recent.remove(0);
        }
    }

    fn gender_of(&self, name: &str) -> Option<Gender> {
        self.cast
            .gender(name)
            .or_else(|| self.genders.get(name).copied())
    }

    /// The person a pronoun stands for: the last one named whose gender (where known)
    /// fits; nobody when the last one met was unnamed.
    fn resolve_pronoun(&mut self, gender: Option<Gender>) -> Option<Speaker> {
        for r in self.recent.iter().rev() {
            let Some(s) = r else { return None };
            let known = self.gender_of(&s.name);
            if gender.is_some() && known.is_some() && known != gender {
                continue;
            }
            let found = s.clone();
            if let Some(g) = gender {
                self.genders.entry(found.name.clone()).or_insert(g);
            }
            return Some(found);
        }
        None
    }

    /// The person last named, whoever it is.
    fn last_named(&self) -> Option<Speaker> {
        self.recent.last().cloned().flatten()
    }

    /// The mentions of people and the subjects of reporting verbs outside quotes, in order.
    fn events(&self, bi: usize, a: &Analysed, inside: &[(usize, usize)]) -> Vec<(usize, Event)> {
        let mut events: Vec<(usize, Event)> = self
            .cast
            .mentions(bi, a)
            .into_iter()
            .filter(|m| !is_inside(inside, m.at))
            .map(|m| (m.at, Event::Mention(m.name)))
            .collect();
        for (sentence_first, v) in reporting_verbs(a) {
            let at = a.toks[v].start;
            if is_inside(inside, at) {
                continue;
            }
            let from = clause_start(a, sentence_first, v, inside);
            if let Some(clause) = subject(a, from, v) {
                events.push((at, Event::Subject(clause)));
            }
        }
        events.sort_by_key(|e| e.0);
        events
    }

    fn apply(&mut self, event: Event) {
        match event {
            Event::Mention(name) => {
                // The same person again: nothing changes (and nothing is copied).
                if self
                    .recent
                    .last()
                    .is_some_and(|r| r.as_ref().is_some_and(|r| r.name == name))
                {
                    return;
                }
                let s = self.speaker(name, None);
                self.focus_on(Some(s));
            }
            Event::Subject(Clause::Unnamed) => self.focus_on(None),
            Event::Subject(Clause::Named {
                name,
                role,
                titled,
                person,
            }) if person || titled || self.cast.knows(&name) => {
                let full = self.cast.full_name(&name, titled);
                let s = self.speaker(full, role);
                self.focus_on(Some(s));
            }
            Event::Subject(_) => {}
        }
    }

    /// A speaker with the role given now or given earlier for the same name.
    fn speaker(&mut self, name: String, role: Option<String>) -> Speaker {
        if let Some(r) = &role {
            self.roles.entry(name.clone()).or_insert_with(|| r.clone());
        }
        let role = role.or_else(|| self.roles.get(&name).cloned());
        Speaker { name, role }
    }

    /// The person a paragraph ending in an indirect `X told Y that …` (with no quote in
    /// its last sentence) leads in to, for a quote that opens the next paragraph.
    fn lead_in(
        &mut self,
        a: &Analysed,
        events: &[(usize, Event)],
        inside: &[(usize, usize)],
    ) -> Option<Speaker> {
        let last = a.sentences.last()?;
        if inside.iter().any(|r| r.1 > last.start) {
            return None;
        }
        let subject = events
            .iter()
            .rev()
            .take_while(|e| e.0 >= last.start)
            .find_map(|e| match &e.1 {
                Event::Subject(Clause::Named {
                    name,
                    role,
                    titled,
                    person: true,
                }) => Some((name.clone(), role.clone(), *titled)),
                _ => None,
            });
        match subject {
            Some((name, role, titled)) => {
                let full = self.cast.full_name(&name, titled);
                Some(self.speaker(full, role))
            }
            None => None,
        }
    }

    /// The speaker of one quote, or `None` when its marks are not speech.
    /// `previous_here` is the speaker of the quote before in this paragraph (`Some(None)`
    /// when it was nobody named); `paragraph_start`, for a quote opening its paragraph,
    /// the speaker led in to and the one the paragraph before ended on. They are copied
    /// only when the quote takes one.
    fn attribute_one(
        &mut self,
        paragraphs: &[Option<Analysed>],
        span: &Span,
        window_from: usize,
        previous_here: Option<&Option<Speaker>>,
        paragraph_start: Option<(&Option<Speaker>, Option<&Option<Speaker>>)>,
    ) -> Option<Found> {
        let (first, last) = (span.first(), span.last());
        let first_a = paragraphs[first.block].as_ref()?;
        let last_a = paragraphs[last.block].as_ref()?;
        let after = last
            .close_end
            .and_then(|close_end| after_clause(last_a, last, close_end));
        let before = || before_clause(first_a, first.open, window_from);
        let named_after = after_named(&after);
        // A name beats a pronoun; a clause after the quote beats one before it.
        let clause = match after {
            Some(named @ Clause::Named { .. }) => Some(named),
            after => match before() {
                Some(named @ Clause::Named { .. }) => Some(named),
                before => after.or(before),
            },
        };
        let words: usize = span
            .parts
            .iter()
            .map(|p| {
                paragraphs[p.block]
                    .as_ref()
                    .map_or(0, |a| a.first_word_from(p.end) - a.first_word_from(p.start))
            })
            .sum();
        let (speaker, how) = match clause {
            Some(Clause::Named {
                name, role, titled, ..
            }) => {
                let full = self.cast.full_name(&name, titled);
                let speaker = self.speaker(full, role);
                self.focus_on(Some(speaker.clone()));
                let how = if named_after {
                    Attribution::After
                } else {
                    Attribution::Before
                };
                (Some(speaker), how)
            }
            Some(Clause::Unnamed) => {
                self.focus_on(None);
                (None, Attribution::Unnamed)
            }
            Some(Clause::Pronoun(gender)) => (self.resolve_pronoun(gender), Attribution::Pronoun),
            None if !opens_sentence(first_a, first) => (None, Attribution::None),
            None => match (previous_here, paragraph_start) {
                (Some(previous), _) => (previous.clone(), Attribution::Continues),
                (None, Some((Some(lead), _))) => (Some(lead.clone()), Attribution::LeadIn),
                (None, Some((None, Some(carried)))) => (carried.clone(), Attribution::Continues),
                _ => (None, Attribution::None),
            },
        };
        let text = quote_text(paragraphs, span);
        let is_speech = if how == Attribution::None {
            words > 3 && !looks_like_title(first_a, first, &text)
        } else {
            words >= 2
        };
        if !is_speech {
            return None;
        }
        Some(Found {
            quote: Quote {
                text,
                parts: span
                    .parts
                    .iter()
                    .map(|p| QuotePart {
                        block: p.block,
                        start: p.start,
                        end: p.end,
                    })
                    .collect(),
                speaker,
            },
            how,
        })
    }
}

/// Does the quote open a sentence with a capital (`… she said. “We were ready.”`), as a
/// quote that continues another does, unlike a phrase quoted mid-sentence?
fn opens_sentence(a: &Analysed, part: &Part) -> bool {
    let starts = a
        .sentence_at(part.open)
        .is_some_and(|s| a.sentences[s].start == part.open);
    starts
        && a.text[part.start..]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn after_named(after: &Option<Clause>) -> bool {
    matches!(after, Some(Clause::Named { .. }))
}

/// The words inside the marks, one line per paragraph.
fn quote_text(paragraphs: &[Option<Analysed>], span: &Span) -> String {
    span.parts
        .iter()
        .filter_map(|p| {
            paragraphs[p.block]
                .as_ref()
                .map(|a| &a.text[p.start..p.end])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A title, not speech: after `titled`, `film`, `album` …, or mostly capitalised words.
fn looks_like_title(a: &Analysed, part: &Part, text: &str) -> bool {
    const TITLE_WORDS: &[&str] = &[
        "titled",
        "entitled",
        "called",
        "named",
        "dubbed",
        "nicknamed",
        "film",
        "book",
        "song",
        "album",
        "novel",
        "play",
        "report",
        "paper",
        "headline",
        "slogan",
        "motto",
        "hashtag",
        "series",
        "show",
        "poem",
        "single",
        "quoting",
        "quotes",
        "read",
        "reads",
        "marked",
        "labelled",
        "labeled",
        "so-called",
        "branded",
        "billed",
    ];
    let before = a.first_word_from(part.open);
    if before > 0 && TITLE_WORDS.iter().any(|t| words::is(a.word(before - 1), t)) {
        return true;
    }
    let inner = Analysed::new(text);
    let n = inner.toks.len();
    let capitals = inner
        .toks
        .iter()
        .filter(|t| words::starts_upper(t.text(text)) || words::has_digit(t.text(text)))
        .count();
    n > 0 && capitals * 10 >= n * 6
}

/// Where the reporting clause before word `v` may begin: its sentence's start, not
/// before the end of a quote earlier in the sentence.
fn clause_start(a: &Analysed, sentence_first: usize, v: usize, inside: &[(usize, usize)]) -> usize {
    let at = a.toks[v].start;
    let k = inside.partition_point(|r| r.1 <= at);
    let after_quote = k
        .checked_sub(1)
        .map_or(0, |p| a.first_word_from(inside[p].1));
    sentence_first.max(after_quote).min(v)
}

/// A gap that ends a reporting clause: a sentence end, a colon, a bracket, a dash or a
/// quotation mark (a full stop after a title or an initial does not count).
fn is_hard_gap(a: &Analysed, i: usize) -> bool {
    let gap = a.gap_before(i);
    if gap == " " {
        return false;
    }
    let abbreviation = || {
        let prev = i.saturating_sub(1);
        a.is_on(
            prev,
            words::bit::HONORIFIC
                | words::bit::TITLE_ABBREVIATION
                | words::bit::TRAILING_ABBREVIATION,
        ) || a.word(prev).chars().count() == 1
    };
    gap.chars().any(|c| match c {
        '.' => !abbreviation(),
        ';' | ':' | '!' | '?' | '—' | '–' | '(' | ')' | '“' | '”' | '"' | '…' => true,
        _ => false,
    })
}

fn has_comma_before(a: &Analysed, i: usize) -> bool {
    a.gap_before(i).contains(',')
}

/// Reporting clause right after the closing mark: `“…,” said X`, `“…,” X said`.
fn after_clause(a: &Analysed, part: &Part, close_end: usize) -> Option<Clause> {
    let quoted = a.text[part.start..part.end].trim_end();
    let last = quoted.chars().last();
    let rest = &a.text[close_end..];
    let comma_after = rest.starts_with(',');
    // A quote that ends with a full stop ended its sentence; what follows is new.
    let open_ended = matches!(last, Some(',' | '?' | '!' | '—' | '–' | '-' | '…' | ':'))
        || (comma_after && !matches!(last, Some('.')));
    if !open_ended {
        return None;
    }
    let from = a.first_word_from(close_end);
    let lead = a.text.get(close_end..a.toks.get(from)?.start)?;
    if !lead
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, ',' | '—' | '–'))
    {
        return None;
    }
    let mut end = from + 1;
    while end < a.toks.len() && end - from < 28 && !is_hard_gap(a, end) {
        end += 1;
    }
    let first = a.word(from);
    if words::is(first, "according") {
        return (words::is(a.word(from + 1), "to") && end > from + 2)
            .then(|| speaker_after_verb(a, from + 2, end))
            .flatten();
    }
    if a.is_on(from, words::bit::REPORTING) {
        // `…,” pledging to cut …`: a participle goes on with the sentence; it names no one.
        if lower(first).ends_with("ing") {
            return None;
        }
        return speaker_after_verb(a, from + 1, end);
    }
    let v = (from + 1..end.min(from + 18)).find(|&k| is_speech_verb(a, k))?;
    subject(a, from, v)
}

/// A reporting verb in lower case (`Says` opening a sentence is rarely attribution).
fn is_speech_verb(a: &Analysed, k: usize) -> bool {
    let w = a.word(k);
    words::starts_lower(w) && a.is_on(k, words::bit::REPORTING) && !words::is(w, "according")
}

/// Reporting clause before the opening mark: `Jane Doe, the chief, said: “…”`.
fn before_clause(a: &Analysed, open: usize, window_from: usize) -> Option<Clause> {
    let sentence = a.sentence_at(open)?;
    let s = a.sentences[sentence];
    let open_tok = a.first_word_from(open);
    let from = s.first.max(a.first_word_from(window_from));
    if from >= open_tok {
        return None;
    }
    let lo = from.max(open_tok.saturating_sub(30));
    for v in (lo..open_tok).rev() {
        let w = a.word(v);
        if words::is(w, "according") && words::is(a.word(v + 1), "to") {
            return speaker_after_verb(a, v + 2, open_tok);
        }
        let calls = is_call_verb(w) && open_tok - v <= 4;
        if !calls && !is_speech_verb(a, v) {
            continue;
        }
        let clause = subject(a, from, v);
        if calls && !matches!(clause, Some(Clause::Pronoun(_) | Clause::Named { .. })) {
            return None; // `a company called “…”` names a thing
        }
        return clause;
    }
    None
}

/// `call`, `calls`, `called`, `calling`: a reporting verb only right before the words it
/// quotes (`called the plan “reckless”`), never in `a firm called …`.
fn is_call_verb(w: &str) -> bool {
    ["call", "calls", "called", "calling"]
        .iter()
        .any(|c| words::is(w, c))
}

/// `said OpenAI CEO Sam Altman[, apposition]`, `said its managing director, Julian
/// Fairbairn`, `said a spokesperson`: the speaker follows the verb, in words `from..end`.
fn speaker_after_verb(a: &Analysed, from: usize, end: usize) -> Option<Clause> {
    if from >= end {
        return None;
    }
    if a.is_on(from, words::bit::SPEAKER_PRONOUN) {
        return Some(Clause::Pronoun(pronoun_gender(a.word(from))));
    }
    let first = a.word(from);
    let described = ["a", "an", "the", "its", "his", "her", "their", "our", "one", "two", "officials", "police", "analysts", "residents", "campaigners"]
        .iter()
        .any(|d| words::is(first, d))
        || names::is_name_word(first)
        || a.is_on(from, words::bit::ROLE | words::bit::HONORIFIC)
        // `said council leader Ann Price`: role words before the name.
        || (words::starts_lower(first)
            && !a.is_on(from, words::bit::STOPWORD)
            && (from + 1..end.min(from + 4)).any(|k| {
                names::is_name_word_at(a, k) || a.is_on(k, words::bit::ROLE)
            }));
    if !described {
        return None; // `said that …`, `said on Monday`
    }
    Some(named_after_verb(a, from, end))
}

fn named_after_verb(a: &Analysed, from: usize, end: usize) -> Clause {
    let seg_end = (from + 1..end)
        .find(|&k| has_comma_before(a, k))
        .unwrap_or(end)
        .min(from + 12);
    match named_in(a, from, seg_end, true) {
        Some((name_from, name_to, titled)) => {
            let mut role = role_text(a, from, role_end(a, from, name_from, titled));
            let person = names::looks_like_person(a, name_from, name_to);
            if role.is_none() && name_to < end && has_comma_before(a, name_to) {
                role = apposition(a, name_to, end);
            }
            Clause::Named {
                name: name_text(a, name_from, name_to),
                role,
                titled,
                person,
            }
        }
        None if seg_end < end && is_role_phrase(a, from, seg_end) => {
            // `said Water UK's chief executive, Ruth Kelleher`
            let next_end = (seg_end + 1..end)
                .find(|&k| has_comma_before(a, k))
                .unwrap_or(end);
            match named_in(a, seg_end, next_end, false) {
                Some((nf, nt, titled)) if nf == seg_end || titled => Clause::Named {
                    name: name_text(a, nf, nt),
                    role: role_text(a, from, seg_end),
                    titled,
                    person: names::looks_like_person(a, nf, nt),
                },
                _ => Clause::Unnamed,
            }
        }
        None => Clause::Unnamed,
    }
}

/// The speaker's name in words `from..to`, after any role words: the first run of name
/// words not followed by a role word (`OpenAI CEO Sam Altman` → `Sam Altman`). Returns
/// its word range and whether a title (`Ms`, `Dr.`) stood before it. With `leading`,
/// the name must come before any lower-case word that is not part of a role.
fn named_in(a: &Analysed, from: usize, to: usize, leading: bool) -> Option<(usize, usize, bool)> {
    let mut i = from;
    while i < to {
        let w = a.word(i);
        if names::is_name_word_at(a, i) {
            let end = names::name_run_end(a, i, to);
            let followed_by_role = end < to
                && names::is_plain_gap(a, end)
                && (a.is_on(end, words::bit::ROLE) || words::is_possessive(a.word(end - 1)));
            if end > i && !followed_by_role && !words::is_possessive(a.word(end - 1)) {
                let titled = i > from && a.is_on(i - 1, words::bit::HONORIFIC);
                return Some((i, end, titled));
            }
            i = end.max(i + 1);
            continue;
        }
        let role_like = a.is_on(i, words::bit::ROLE | words::bit::HONORIFIC)
            || words::is_possessive(w)
            || matches!(
                lower(w).as_str(),
                "and"
                    | "of"
                    | "the"
                    | "a"
                    | "an"
                    | "its"
                    | "his"
                    | "her"
                    | "their"
                    | "our"
                    | "former"
                    | "new"
                    | "named"
                    | "then"
            )
            || (words::starts_lower(w) && !a.is_on(i, words::bit::STOPWORD) && !leading);
        if !(role_like
            || words::starts_lower(w) && !a.is_on(i, words::bit::STOPWORD) && i - from < 5)
        {
            return None;
        }
        i += 1;
    }
    None
}

fn lower(w: &str) -> String {
    w.to_lowercase()
}

/// Where the role before a name ends: before the title and a trailing `named`.
fn role_end(a: &Analysed, from: usize, name_from: usize, titled: bool) -> usize {
    let mut end = name_from;
    if titled {
        end -= 1;
    }
    while end > from
        && (words::is(a.word(end - 1), "named") || words::is(a.word(end - 1), "called"))
    {
        end -= 1;
    }
    end
}

fn role_text(a: &Analysed, from: usize, to: usize) -> Option<String> {
    (to > from).then(|| a.text[a.toks[from].start..a.toks[to - 1].end].to_string())
}

fn name_text(a: &Analysed, from: usize, to: usize) -> String {
    a.text[a.toks[from].start..a.toks[to - 1].end].to_string()
}

/// Lower-case words of a role, perhaps after a possessive organisation (`Water UK's
/// chief executive`, `its managing director`), with no name at the end.
fn is_role_phrase(a: &Analysed, from: usize, to: usize) -> bool {
    let last = a.word(to - 1);
    to > from && words::starts_lower(last) && !words::is_stopword(last)
}

/// `the firm's chief executive,` after a name: the role text (cut before a relative
/// clause). Prepositional phrases (`in a statement`), relative clauses (`who …`) and
/// party tags (`R-Ohio`) are not roles.
fn apposition(a: &Analysed, from: usize, end: usize) -> Option<String> {
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
        "by",
        "via",
        "over",
        "under",
        "whose",
        "where",
        "though",
        "although",
        "because",
        "if",
        "laughing",
        "smiling",
    ];
    let first = a.word(from);
    if NOT_ROLE.iter().any(|r| words::is(first, r)) || words::is_reporting_verb(first) {
        return None;
    }
    if first.as_bytes().get(1) == Some(&b'-') {
        return None; // `R-Ohio`
    }
    let mut to = from;
    while to < end && to - from < 16 {
        if to > from && has_comma_before(a, to) {
            break;
        }
        let w = a.word(to);
        if to > from
            && ["who", "which", "whose", "that", "where"]
                .iter()
                .any(|r| words::is(w, r))
        {
            break;
        }
        to += 1;
    }
    role_text(a, from, to)
}

/// The subject of a reporting verb at word `v`, in words `from..v`: a pronoun, `NAME`,
/// `[role] NAME`, `NAME, apposition,`, `ROLE, NAME,`, an organisation, or a description
/// without a name (`a Northline spokesperson`).
fn subject(a: &Analysed, from: usize, v: usize) -> Option<Clause> {
    let mut u = v;
    for _ in 0..2 {
        if u > from && a.is_on(u - 1, words::bit::VERB_HELPER) && !has_comma_before(a, u) {
            u -= 1;
        }
    }
    if u <= from {
        return None;
    }
    if a.is_on(u - 1, words::bit::SPEAKER_PRONOUN) {
        return Some(Clause::Pronoun(pronoun_gender(a.word(u - 1))));
    }
    let (found, count) = segments_before(a, from, u);
    let segments = &found[..count];
    let mut role: Option<String> = None;
    for (n, &(s, e)) in segments.iter().enumerate() {
        match segment(a, s, e) {
            Segment::Skip => continue,
            Segment::Role { unnamed } => {
                if n == 0 && segments.len() == 1 {
                    return unnamed.then_some(Clause::Unnamed);
                }
                if role.is_none() && n <= 1 {
                    role = role_text(a, s, e);
                    continue;
                }
                return (n == 0 && unnamed).then_some(Clause::Unnamed);
            }
            Segment::Name {
                name_from,
                name_to,
                titled,
                role_to,
                relative,
            } => {
                let own_role = role_text(a, s, role_to);
                let earlier_role = segments
                    .get(n + 1)
                    .filter(|_| own_role.is_none() && !relative)
                    .filter(|&&(s2, e2)| matches!(segment(a, s2, e2), Segment::Role { .. }))
                    .and_then(|&(s2, e2)| role_text(a, s2, e2));
                let role = own_role.or(earlier_role).or(role);
                // `His daughter, Kelly,`: a lone first name with a role is a person.
                let person = names::looks_like_person(a, name_from, name_to)
                    || (role.is_some()
                        && name_to - name_from == 1
                        && names::is_personal_name(a.word(name_from)));
                return Some(Clause::Named {
                    name: org_name(a, name_from, name_to),
                    role,
                    titled,
                    person,
                });
            }
            Segment::Other => return None,
        }
    }
    None
}

/// The comma-separated segments of words `from..u` (the subject before a verb at `u`),
/// nearest the verb first: at most four (the walk stops there), kept in place rather
/// than in a vector, with their count. A hard gap ends the walk.
fn segments_before(a: &Analysed, from: usize, u: usize) -> ([(usize, usize); 4], usize) {
    segments_reading::<false>(a, from, u)
}

/// [`segments_before`] reading every gap (`EVERY_GAP`, its test's reference), or only
/// those the shape bits do not say are a single space: most words follow one, which is
/// neither a hard gap nor a comma.
#[inline(always)]
fn segments_reading<const EVERY_GAP: bool>(
    a: &Analysed,
    from: usize,
    u: usize,
) -> ([(usize, usize); 4], usize) {
    let mut found = [(0, 0); 4];
    let mut count = 0;
    let mut end = u;
    let mut k = u;
    while k > from {
        k -= 1;
        let plain = !EVERY_GAP && a.shape(k) & words::shape::SPACE_BEFORE != 0;
        if k > from && !plain && is_hard_gap(a, k) {
            found[count] = (k, end);
            count += 1;
            break;
        }
        if k == from || (!plain && has_comma_before(a, k)) {
            found[count] = (k, end);
            count += 1;
            end = k;
        }
        if count >= 4 {
            break;
        }
    }
    (found, count)
}

/// What a comma-separated piece of a subject is.
enum Segment {
    /// A relative clause or a party tag: skipped over.
    Skip,
    /// A description; `unnamed` when it could stand as a subject (`a spokesperson`).
    Role {
        unnamed: bool,
    },
    /// A name at its end, perhaps after role words (`chief executive Tomas Lindqvist`).
    Name {
        name_from: usize,
        name_to: usize,
        titled: bool,
        role_to: usize,
        /// The subject of a relative clause (`…, which Matt Garman said`): what stands
        /// before its comma belongs to the main clause, not to this name.
        relative: bool,
    },
    Other,
}

fn segment(a: &Analysed, s: usize, e: usize) -> Segment {
    let first = a.word(s);
    let relative = ["who", "which", "whose", "where", "whom"]
        .iter()
        .any(|r| words::is(first, r));
    // `…, which Matt Garman said …`: the relative clause's own subject is named.
    if relative && e > s + 1 && names::name_run_end(a, s + 1, e) == e {
        return Segment::Name {
            name_from: s + 1,
            name_to: e,
            titled: false,
            role_to: s,
            relative: true,
        };
    }
    if relative || (e - s == 1 && first.as_bytes().get(1) == Some(&b'-')) {
        return Segment::Skip;
    }
    // The name run at the end of the segment.
    let mut ns = e;
    while ns > s {
        let inner_particle = names::is_particle_at(a, ns - 1) && ns < e;
        if !(names::is_name_word_at(a, ns - 1) || names::is_initial(a, ns - 1) || inner_particle) {
            break;
        }
        if ns < e && !names::is_plain_gap(a, ns) && a.gap_before(ns).trim() != "&" {
            break;
        }
        if e - ns >= 6 {
            break;
        }
        ns -= 1;
    }
    while ns < e && names::is_particle_at(a, ns) {
        ns += 1;
    }
    if ns < e {
        let titled = ns > s && a.is_on(ns - 1, words::bit::HONORIFIC);
        // `… books that Moira says`, `… when Jones said`: a clause opens at the name.
        let opens_clause = ns > s
            && [
                "that", "which", "whom", "as", "when", "while", "because", "where", "so",
            ]
            .iter()
            .any(|w| words::is(a.word(ns - 1), w));
        if opens_clause && e - ns <= 4 {
            return Segment::Name {
                name_from: ns,
                name_to: e,
                titled: false,
                role_to: s,
                relative: false,
            };
        }
        let mut role_to = if titled { ns - 1 } else { ns };
        while role_to > s
            && ["named", "called", "the", "The"]
                .iter()
                .any(|w| words::is(a.word(role_to - 1), w))
        {
            role_to -= 1;
        }
        let before_ok = (s..role_to).all(|i| {
            let w = a.word(i);
            !a.is_on(i, words::bit::REPORTING) && !words::is(w, "that") && !is_personal_pronoun(w)
        });
        // `president of the Royal College of Emergency Medicine`: a name after a
        // preposition is where the role is, not who.
        let after_function_word =
            role_to > s && a.is_on(role_to - 1, words::bit::STOPWORD) && !titled;
        if after_function_word && before_ok {
            return Segment::Role {
                unnamed: ["a", "an", "the"].iter().any(|d| words::is(first, d)),
            };
        }
        if before_ok && e - ns <= 6 {
            return Segment::Name {
                name_from: ns,
                name_to: e,
                titled,
                role_to,
                relative: false,
            };
        }
        return Segment::Other;
    }
    let lower_end = words::starts_lower(a.word(e - 1)) || a.is_on(e - 1, words::bit::ROLE);
    let determiner = [
        "a", "an", "the", "its", "his", "her", "their", "our", "one", "two",
    ]
    .iter()
    .any(|d| words::is(first, d));
    let plain = !words::is(first, "that") && (s..e).all(|i| !a.is_on(i, words::bit::REPORTING));
    if lower_end && plain && e - s <= 16 {
        Segment::Role {
            unnamed: determiner || words::starts_lower(first) || words::is_possessive(first),
        }
    } else {
        Segment::Other
    }
}

fn is_personal_pronoun(w: &str) -> bool {
    [
        "he", "she", "they", "it", "we", "i", "you", "him", "her", "them",
    ]
    .iter()
    .any(|p| words::is(w, p))
}

/// A name as a speaker: an organisation loses a leading `The` (`The White House` →
/// `White House`); the name words are copied as written.
fn org_name(a: &Analysed, from: usize, to: usize) -> String {
    name_text(a, from, to)
}

#[cfg(test)]
mod tests {
    use super::super::Block;
    use super::super::quote::find_spans;
    use super::*;

    #[test]
    fn segments_and_initials_are_those_read_from_the_gaps() {
        const PIECES: [&str; 16] = [
            "J", "Jones", "É", "é", "x", " ", ", ", ". ", "; ", " — ", "“", "”", "  ", "Mr",
            "said", ",",
        ];
        let mut tried = 0;
        for text in
            crate::editorial::text::texts_of_pieces(&PIECES, 3000, 24, 0x2545_F491_4F6C_DD1D)
        {
            let a = Analysed::new(&text);
            let n = a.word_count();
            for i in 0..n {
                assert_eq!(
                    names::is_initial(&a, i),
                    names::is_initial_by_chars(&a, i),
                    "{i} of {text:?}"
                );
            }
            for u in 0..=n {
                for from in 0..=u {
                    assert_eq!(
                        segments_before(&a, from, u),
                        segments_reading::<true>(&a, from, u),
                        "{from}..{u} of {text:?}"
                    );
                    tried += 1;
                }
            }
        }
        assert!(tried > 30_000, "{tried}");
    }

    #[test]
    fn reporting_verbs_are_those_of_every_sentence_word_by_word() {
        const PIECES: [&str; 14] = [
            "said", "Said", "told", "says", "she", "Mr.", "Jones", ". ", " ", "? ", "“", "”", "x",
            "added",
        ];
        for text in
            crate::editorial::text::texts_of_pieces(&PIECES, 3000, 30, 0x2545_F491_4F6C_DD1D)
        {
            let a = Analysed::new(&text);
            let mut slow = Vec::new();
            for s in &a.sentences {
                for v in s.first..s.last {
                    if a.class(v) & words::bit::CORE_REPORTING != 0
                        && words::starts_lower(a.word(v))
                    {
                        slow.push((s.first, v));
                    }
                }
            }
            assert_eq!(reporting_verbs(&a).collect::<Vec<_>>(), slow, "{text:?}");
        }
    }

    fn quotes(paragraphs: &[&str]) -> Vec<(String, Option<String>, Option<String>)> {
        let blocks: Vec<Block> = paragraphs.iter().map(|t| Block::paragraph(t)).collect();
        let analysed: Vec<Option<Analysed>> =
            blocks.iter().map(|b| Some(Analysed::new(b.text))).collect();
        let cast = Cast::gather(&analysed);
        attribute(&analysed, find_spans(&blocks), &cast)
            .into_iter()
            .map(|f| {
                let (n, r) = match f.quote.speaker {
                    Some(s) => (Some(s.name), s.role),
                    None => (None, None),
                };
                (f.quote.text, n, r)
            })
            .collect()
    }

    fn speakers(paragraphs: &[&str]) -> Vec<Option<String>> {
        quotes(paragraphs).into_iter().map(|q| q.1).collect()
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn said_after_with_role_before_name() {
        let q = quotes(&[
            "“Scaling frontier AI requires massive, reliable compute,” said OpenAI CEO Sam Altman, in a statement that could be politely interpreted as “we needed more options.” AWS, of course, was happy to oblige.",
        ]);
        assert_eq!(q[0].1, some("Sam Altman"));
        assert_eq!(q[0].2, some("OpenAI CEO"));
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].1, None, "the writer's gloss is nobody's speech");
    }

    #[test]
    fn every_common_shape() {
        let q = quotes(&[
            "“We will keep building,” Jane Doe, the firm's chief executive, said on Monday.",
            "Jane Doe, the firm's chief executive, said: “We will keep building.”",
            "\"It is a huge moment for all of us,\" said Matt Garman, AWS's CEO.",
            "“Prices will fall next year,” according to Maria Lopez, an analyst at Acme.",
            "“Customers are not buying less,” the energy secretary, Michael Osei, said.",
            "“They will pay,” said Water UK's chief executive, Ruth Kelleher.",
            "“It is our duty,” said co-founder and chief executive Beatriz Moura.",
            "“Staying up is a bad trade,” said Dr. Helen K. Marsh, the study's lead author.",
            "“This is a deal,” Halberd Chief Executive J. Michael Stroud said on a call.",
            "The union's Scottish director, Colin Mair, said: “Nobody wanted this at all.”",
        ]);
        let got: Vec<(Option<String>, Option<String>)> =
            q.into_iter().map(|q| (q.1, q.2)).collect();
        assert_eq!(
            got,
            vec![
                (some("Jane Doe"), some("the firm's chief executive")),
                (some("Jane Doe"), some("the firm's chief executive")),
                (some("Matt Garman"), some("AWS's CEO")),
                (some("Maria Lopez"), some("an analyst at Acme")),
                (some("Michael Osei"), some("the energy secretary")),
                (some("Ruth Kelleher"), some("Water UK's chief executive")),
                (
                    some("Beatriz Moura"),
                    some("co-founder and chief executive")
                ),
                (some("Helen K. Marsh"), some("the study's lead author")),
                (some("J. Michael Stroud"), some("Halberd Chief Executive")),
                (some("Colin Mair"), some("The union's Scottish director")),
            ]
        );
    }

    #[test]
    fn pronouns_surnames_and_continuing_quotes() {
        let s = speakers(&[
            "Jane Doe runs the firm. “Growth is slowing everywhere we look,” Ms Doe said. “We will adapt.”",
            "“Nobody saw this coming at all,” she added. “We were ready though,” said Doe.",
            "Ashworth manager Gareth Lyle praised his side. “We told them not to panic,” he said.",
            "His daughter, Kelly, who runs the orders, said the family would stay. “Dad will be here,” she said.",
        ]);
        assert_eq!(
            s,
            vec![
                some("Jane Doe"),
                some("Jane Doe"),
                some("Jane Doe"),
                some("Jane Doe"),
                some("Gareth Lyle"),
                some("Kelly"),
            ]
        );
        assert_eq!(
            speakers(&["“I have no idea what happens now,” he said."]),
            vec![None]
        );
    }

    #[test]
    fn unnamed_speakers_and_lead_ins() {
        let s = speakers(&[
            "“The offer is fair and affordable,” a Northline spokesperson said. “We have to move.”",
            "Sentencing him, Judge Anne Whitcombe told Pollard that he had betrayed them.",
            "“Every pound you took was given freely by people who trusted you.”",
        ]);
        assert_eq!(s, vec![None, None, some("Anne Whitcombe")]);
    }

    #[test]
    fn scare_quotes_titles_and_things_called_something_are_not_speech() {
        assert!(
            quotes(&["The so-called “cloud wars” are back, as the film “Heat” showed."]).is_empty()
        );
        assert!(
            quotes(&["He kept quoting “The Rime of the Ancient Mariner” all night."]).is_empty()
        );
        assert!(quotes(&["A company called Spinwise has opened what it bills as a “record superstore” nearby."]).is_empty());
        let q = quotes(&[
            "The prime minister, Helen Carver, promised what she called “a decade of building”.",
        ]);
        assert_eq!(q[0].1, some("Helen Carver"));
        let q = quotes(&[
            "Matt Garman, AWS’s newly minted CEO, said Amazon is “uniquely positioned” to win.",
        ]);
        assert_eq!(
            (q[0].1.clone(), q[0].2.clone()),
            (some("Matt Garman"), some("AWS’s newly minted CEO"))
        );
    }

    #[test]
    fn organisations_speak_too() {
        let s = speakers(&[
            "The White House said in a statement that the president would sign it “as soon as it reaches her desk.”",
            "Unison, the union that represents library staff, said councils were “running libraries down”.",
        ]);
        assert_eq!(s, vec![some("White House"), some("Unison")]);
    }
}
