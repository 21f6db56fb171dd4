//! The fact box ("By the numbers"): the story's figures with a short label each.
//!
//! Figures are read from the headline, the dek and the paragraphs: money with its
//! currency and scale (`$38bn`, `£600m`, `US$5 million`, `€2 billion`), percentages
//! (`3.5%`, `12 per cent`, `4 percentage points`), counts with their unit (`500,000
//! chips`, `2.4 million people`, `hundreds of thousands of NVIDIA GPUs`), dates that are
//! deadlines or periods (`by the end of 2026`, `until at least 2032`, `by March 2027`)
//! and sport scores (`3-1`). Years in passing, clock times, ages, page or section
//! numbers, phone numbers and bare small numbers are left out. Values are copied
//! verbatim; labels are built from the words around the figure (`Deal value`, `Chips in
//! a single system`, `Full setup by`). The same quantity written twice is one fact (the
//! first form met, headline first). Facts are ranked by where they appear (headline,
//! dek, lede), repetition and kind and size. With fewer than two figures the box shows
//! who (people with roles) and what (organisations) instead, or nothing.
//!
//! It does not invent: no figure, label word or name that the text does not hold.

use std::collections::HashMap;

use super::words::{self, Tok, Tokens};
use super::{BlockKind, Copy, Fact, FactKind, Limits, Speaker, Topic, TopicKind};

/// A figure found in one text, before merging.
#[derive(Debug, Clone)]
struct Raw {
    kind: FactKind,
    start: usize,
    end: usize,
    machine: Option<String>,
    /// Same key, same quantity: `$38bn` and `$38 billion` meet here.
    key: String,
    label: String,
    /// The label is a fallback (`Amount`), to be replaced by a better one if met.
    weak: bool,
    /// Size bonus for ranking.
    magnitude: f32,
}

struct Ranked {
    fact: Fact,
    weak: bool,
    score: f32,
    order: usize,
}

/// The story's fact box, best first; empty when there is not enough to say.
pub(super) fn build(
    copy: &Copy,
    speakers: &[&Speaker],
    topics: &[Topic],
    limits: &Limits,
) -> Vec<Fact> {
    let first_paragraph = copy
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Paragraph);
    let mut sources: Vec<(Option<usize>, &str, f32)> = vec![(None, copy.headline, 3.0)];
    if let Some(dek) = copy.dek {
        sources.push((None, dek, 2.0));
    }
    for (i, b) in copy.blocks.iter().enumerate() {
        if b.kind == BlockKind::Paragraph {
            let lede_bonus = if Some(i) == first_paragraph { 1.5 } else { 0.0 };
            sources.push((Some(i), b.text, lede_bonus));
        }
    }
    let mut ranked: Vec<Ranked> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (block, text, bonus) in sources {
        for raw in scan(text) {
            if let Some(&k) = by_key.get(&raw.key) {
                let r = &mut ranked[k];
                r.score += 0.5 + bonus / 3.0;
                if r.weak && !raw.weak {
                    r.fact.label = raw.label;
                    r.weak = false;
                }
                continue;
            }
            by_key.insert(raw.key, ranked.len());
            ranked.push(Ranked {
                score: kind_weight(raw.kind) + bonus + raw.magnitude,
                order: ranked.len(),
                weak: raw.weak,
                fact: Fact {
                    label: raw.label,
                    value: text[raw.start..raw.end].to_string(),
                    kind: raw.kind,
                    block,
                    machine_value: raw.machine,
                },
            });
        }
    }
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.order.cmp(&b.order)));
    let figures = ranked.len();
    let mut facts: Vec<Fact> = ranked
        .into_iter()
        .take(limits.max_facts)
        .map(|r| r.fact)
        .collect();
    if facts.len() < limits.min_facts {
        fill_with_names(copy, speakers, topics, figures >= 2, &mut facts, limits);
    }
    if facts.len() < limits.min_facts {
        return Vec::new();
    }
    facts
}

fn kind_weight(kind: FactKind) -> f32 {
    match kind {
        FactKind::Money => 3.0,
        FactKind::Percent => 2.5,
        FactKind::Count => 2.0,
        FactKind::Date => 1.5,
        _ => 0.5,
    }
}

/// People with roles, then (when the figures are too few to carry the box) named
/// organisations and places, all found verbatim in the story.
fn fill_with_names(
    copy: &Copy,
    speakers: &[&Speaker],
    topics: &[Topic],
    people_only: bool,
    facts: &mut Vec<Fact>,
    limits: &Limits,
) {
    let add = |label: String, value: &str, kind: FactKind, facts: &mut Vec<Fact>| {
        if facts.len() >= limits.max_facts.max(limits.min_facts)
            || facts.iter().any(|f| f.value == value)
        {
            return;
        }
        let Some(block) = locate(copy, value) else {
            return;
        };
        facts.push(Fact {
            label,
            value: value.to_string(),
            kind,
            block,
            machine_value: None,
        });
    };
    for s in speakers {
        if let Some(role) = &s.role {
            add(words::capitalise(role), &s.name, FactKind::Person, facts);
        }
    }
    if people_only {
        return;
    }
    for t in topics {
        match t.kind {
            TopicKind::Organisation => add(
                "Organisation".into(),
                &t.name,
                FactKind::Organisation,
                facts,
            ),
            TopicKind::Place => add("Place".into(), &t.name, FactKind::Place, facts),
            TopicKind::Person => {}
        }
    }
}

/// Where `value` stands verbatim: `Some(Some(block))`, `Some(None)` for headline/dek.
fn locate(copy: &Copy, value: &str) -> Option<Option<usize>> {
    if let Some(i) = copy
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Paragraph && b.text.contains(value))
    {
        return Some(Some(i));
    }
    (copy.headline.contains(value) || copy.dek.is_some_and(|d| d.contains(value))).then_some(None)
}

/// Every figure of one text, in order.
fn scan(text: &str) -> Vec<Raw> {
    let toks: Vec<Tok> = Tokens::new(text).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let w = toks[i].text(text);
        let found = if w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            number_fact(text, &toks, i)
        } else if w.len() >= 4 && w.ends_with('s') && is_vague_magnitude(w) {
            vague_fact(text, &toks, i)
        } else {
            None
        };
        match found {
            Some((raw, next)) => {
                out.push(raw);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// A number at the start of a token: digits, `,` thousands groups, one decimal part.
struct Number {
    int: String,
    frac: String,
    /// Bytes of the token the number takes.
    len: usize,
    grouped: bool,
}

fn parse_number(tok: &str) -> Option<Number> {
    let b = tok.as_bytes();
    if !b.first()?.is_ascii_digit() {
        return None;
    }
    let (mut int, mut frac, mut grouped, mut in_frac) =
        (String::new(), String::new(), false, false);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            d if d.is_ascii_digit() => {
                if in_frac {
                    frac.push(d as char)
                } else {
                    int.push(d as char)
                }
            }
            b',' if !in_frac
                && b.get(i + 1..i + 4)
                    .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                && !b.get(i + 4).is_some_and(u8::is_ascii_digit) =>
            {
                grouped = true;
            }
            b'.' if !in_frac && b.get(i + 1).is_some_and(u8::is_ascii_digit) => in_frac = true,
            _ => break,
        }
        i += 1;
    }
    Some(Number {
        int,
        frac,
        len: i,
        grouped,
    })
}

/// `int.frac × 10^exp` as a plain decimal string without float rounding.
fn plain_number(n: &Number, exp: usize) -> String {
    let digits = format!("{}{}", n.int, n.frac);
    let point = n.int.len() + exp;
    let (whole, fraction) = if point >= digits.len() {
        (
            format!("{digits}{}", "0".repeat(point - digits.len())),
            String::new(),
        )
    } else {
        (
            digits[..point].to_string(),
            digits[point..].trim_end_matches('0').to_string(),
        )
    };
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    if fraction.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{fraction}")
    }
}

fn word_at<'t>(text: &'t str, toks: &[Tok], i: usize) -> &'t str {
    toks.get(i).map_or("", |t| t.text(text))
}

/// The word at `i` if only whitespace separates it from byte `from`.
fn next_word<'t>(text: &'t str, toks: &[Tok], i: usize, from: usize) -> Option<&'t str> {
    let t = toks.get(i)?;
    let gap = text.get(from..t.start)?;
    gap.chars().all(char::is_whitespace).then(|| t.text(text))
}

fn is_clause_break(gap: &str) -> bool {
    gap.contains([
        '.', ';', ':', '!', '?', ',', '—', '–', '(', ')', '“', '”', '"', '[', ']', '…',
    ])
}

/// First token of the clause holding token `i` (bounded look-back).
fn clause_start(text: &str, toks: &[Tok], i: usize) -> usize {
    let mut k = i;
    while k > 0 && i - k < 25 && !is_clause_break(&text[toks[k - 1].end..toks[k].start]) {
        k -= 1;
    }
    k
}

/// Is token `k` in the same clause as token `i` (k after i)?
fn same_clause_after(text: &str, toks: &[Tok], i: usize, k: usize) -> bool {
    k < toks.len() && (i + 1..=k).all(|j| !is_clause_break(&text[toks[j - 1].end..toks[j].start]))
}

fn currency_prefix(text: &str, toks: &[Tok], i: usize) -> Option<(&'static str, usize)> {
    let start = toks[i].start;
    let before = &text[..start];
    const SYMBOLS: &[(&str, &str)] = &[
        ("US$", "$"),
        ("A$", "A$"),
        ("C$", "C$"),
        ("HK$", "HK$"),
        ("NZ$", "NZ$"),
        ("S$", "S$"),
        ("R$", "R$"),
        ("$", "$"),
        ("£", "£"),
        ("€", "€"),
        ("¥", "¥"),
        ("₹", "₹"),
    ];
    for (symbol, code) in SYMBOLS {
        if before.ends_with(symbol) {
            return Some((code, start - symbol.len()));
        }
    }
    let prev = i.checked_sub(1)?;
    let gap = &text[toks[prev].end..start];
    if !gap.chars().all(char::is_whitespace) || gap.is_empty() {
        return None;
    }
    let code = match toks[prev].text(text) {
        "USD" => "$",
        "GBP" => "£",
        "EUR" => "€",
        "JPY" => "¥",
        "INR" => "₹",
        "CHF" => "CHF",
        "CNY" => "CNY",
        "AUD" => "A$",
        "CAD" => "C$",
        _ => return None,
    };
    Some((code, toks[prev].start))
}

fn currency_word(w: &str) -> Option<&'static str> {
    let mut buf = [0u8; 48];
    Some(match words::lower_key(w, &mut buf)? {
        "dollars" | "dollar" => "$",
        "pounds" | "sterling" => "£",
        "euros" | "euro" => "€",
        "yen" => "¥",
        "yuan" | "renminbi" => "CNY",
        "rupees" => "₹",
        "francs" => "CHF",
        _ => return None,
    })
}

fn scale_word(w: &str) -> Option<usize> {
    let mut buf = [0u8; 48];
    Some(match words::lower_key(w, &mut buf)? {
        "thousand" => 3,
        "million" | "mn" | "mln" => 6,
        "billion" | "bn" | "bln" => 9,
        "trillion" | "tn" | "trn" => 12,
        _ => return None,
    })
}

fn scale_suffix(s: &str) -> Option<usize> {
    Some(match s {
        "" => 0,
        "k" | "K" => 3,
        "m" | "mn" | "M" | "mln" => 6,
        "bn" | "b" | "B" | "bln" => 9,
        "tn" | "trn" => 12,
        _ => return None,
    })
}

/// Words before a number that make it a reference, not a quantity (`page 4`).
fn is_reference_word(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "page",
        "pages",
        "p",
        "pp",
        "section",
        "sections",
        "chapter",
        "article",
        "clause",
        "paragraph",
        "no",
        "number",
        "room",
        "route",
        "flight",
        "platform",
        "line",
        "version",
        "aged",
        "age",
        "phone",
        "tel",
        "call",
        "box",
        "suite",
        "floor",
        "level",
        "grade",
        "figure",
        "fig",
        "table",
        "rule",
        "step",
        "item",
        "question",
        "exhibit",
        "appendix",
        "volume",
        "vol",
        "issue",
        "episode",
        "season",
        "part",
        "highway",
        "interstate",
        "model",
        "series",
        "gate",
        "terminal",
        "row",
        "seat",
        "verse",
        "psalm",
    ];
    let mut buf = [0u8; 48];
    words::lower_key(w, &mut buf).is_some_and(|k| WORDS.contains(&k))
}

fn is_clock_word(w: &str) -> bool {
    let mut buf = [0u8; 48];
    words::lower_key(w, &mut buf).is_some_and(|k| {
        matches!(
            k,
            "am" | "pm"
                | "a.m"
                | "p.m"
                | "o'clock"
                | "gmt"
                | "bst"
                | "utc"
                | "est"
                | "edt"
                | "cet"
                | "hrs"
        )
    })
}

fn is_time_unit(w: &str) -> bool {
    let mut buf = [0u8; 48];
    words::lower_key(w, &mut buf).is_some_and(|k| {
        matches!(
            k,
            "year"
                | "years"
                | "month"
                | "months"
                | "week"
                | "weeks"
                | "day"
                | "days"
                | "hour"
                | "hours"
                | "minute"
                | "minutes"
                | "second"
                | "seconds"
                | "decade"
                | "decades"
                | "times"
                | "century"
                | "centuries"
                | "old"
        )
    })
}

/// A figure starting at the digit token `i`; returns it and the next token to look at.
fn number_fact(text: &str, toks: &[Tok], i: usize) -> Option<(Raw, usize)> {
    let tok = toks[i];
    let w = tok.text(text);
    let n = parse_number(w)?;
    let suffix = &w[n.len..];
    let before = &text[..tok.start];
    if before.ends_with(['+', '#', '/', '-']) {
        return None; // phone numbers, hashtags, fractions, ranges' tails
    }
    if i > 0
        && next_word(text, toks, i, toks[i - 1].end)
            .is_some_and(|_| is_reference_word(word_at(text, toks, i - 1)))
    {
        return None;
    }
    let after = &text[tok.end..];
    if after.starts_with(':') && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None; // clock time
    }
    if let Some(score) = score_fact(text, toks, i, &n, suffix) {
        return Some(score);
    }
    let mut exp = scale_suffix(suffix)?;
    let currency = currency_prefix(text, toks, i);
    let mut end = tok.end;
    let mut j = i + 1;
    let mut percent = false;
    if after.starts_with('%') && exp == 0 {
        percent = true;
        end += 1;
    }
    let mut points = false;
    if !percent
        && exp == 0
        && let Some(s) = next_word(text, toks, j, end).and_then(scale_word)
    {
        exp = s;
        end = toks[j].end;
        j += 1;
    }
    if !percent {
        let w1 = next_word(text, toks, j, end).unwrap_or("");
        let w2 = toks
            .get(j + 1)
            .and_then(|_| next_word(text, toks, j + 1, toks[j].end))
            .unwrap_or("");
        if words::is(w1, "percent") || words::is(w1, "pc") || words::is(w1, "pct") {
            percent = true;
            end = toks[j].end;
            j += 1;
        } else if (words::is(w1, "per") && words::is(w2, "cent"))
            || (words::is(w1, "percentage") && (words::is(w2, "points") || words::is(w2, "point")))
        {
            percent = true;
            points = words::is(w1, "percentage");
            end = toks[j + 1].end;
            j += 2;
        }
    }
    let mut currency_code = currency.map(|(c, _)| c);
    if !percent
        && currency_code.is_none()
        && let Some(c) = next_word(text, toks, j, end).and_then(currency_word)
    {
        currency_code = Some(c);
        end = toks[j].end;
        j += 1;
    }
    let next = next_word(text, toks, j, end).unwrap_or("");
    if is_clock_word(next) || matches!(suffix, "am" | "pm") {
        return None;
    }
    let plain_year = suffix.is_empty() && !n.grouped && n.frac.is_empty() && n.int.len() == 4;
    if plain_year && currency_code.is_none() && exp == 0 && !percent {
        let year: u32 = n.int.parse().ok()?;
        return (1800..=2199)
            .contains(&year)
            .then(|| date_fact(text, toks, i, year))
            .flatten();
    }
    let phone_like = n.int.len() >= 2 && n.int.starts_with('0') && n.frac.is_empty();
    let digit_group_follows =
        after.starts_with(' ') && after[1..].starts_with(|c: char| c.is_ascii_digit());
    if phone_like || (digit_group_follows && currency_code.is_none() && exp == 0) {
        return None;
    }
    let first = i;
    let start = currency.map_or(tok.start, |(_, s)| s);
    if let Some(code) = currency_code {
        let machine = plain_number(&n, exp);
        let last = j - 1;
        let (label, weak) = money_label(text, toks, first, last);
        let magnitude = machine.split('.').next().map_or(0, str::len) as f32 * 0.05;
        let key = format!("money:{code}:{machine}");
        let raw = Raw {
            kind: FactKind::Money,
            start,
            end,
            machine: Some(machine),
            key,
            label,
            weak,
            magnitude,
        };
        return Some((raw, j));
    }
    if percent {
        let machine = plain_number(&n, 0);
        let (label, weak) = percent_label(text, toks, first, j - 1);
        let key = format!("percent:{machine}:{points}");
        let raw = Raw {
            kind: FactKind::Percent,
            start,
            end,
            machine: Some(machine),
            key,
            label,
            weak,
            magnitude: 0.0,
        };
        return Some((raw, j));
    }
    // A count needs a unit or a scale, and some size.
    let unit = unit_phrase(text, toks, j, end);
    let big_enough = exp > 0 || n.int.len() >= 2;
    if !big_enough || (unit.is_none() && exp == 0) {
        return None;
    }
    let machine = plain_number(&n, exp);
    let (label, weak, end, next) = match unit {
        Some((u0, u1)) => {
            if is_time_unit(word_at(text, toks, u0)) {
                return None; // ages and periods in passing
            }
            let (label, weak) = count_label(text, toks, first, u0, u1);
            (label, weak, toks[u1].end, u1 + 1)
        }
        None => {
            let (label, weak) = subject_label(text, toks, first).unwrap_or(("Total".into(), true));
            (label, weak, end, j)
        }
    };
    let unit_key =
        text[toks[j.min(next.saturating_sub(1)).min(toks.len() - 1)].start..end].to_lowercase();
    let key = format!(
        "count:{machine}:{}",
        unit_key.rsplit(' ').next().unwrap_or("")
    );
    let magnitude = machine.len() as f32 * 0.05;
    let raw = Raw {
        kind: FactKind::Count,
        start,
        end,
        machine: Some(machine),
        key,
        label,
        weak,
        magnitude,
    };
    Some((raw, next))
}

/// `3-1`, `2–0`: a score in sport, when the words around it say so.
fn score_fact(
    text: &str,
    toks: &[Tok],
    i: usize,
    n: &Number,
    suffix: &str,
) -> Option<(Raw, usize)> {
    if n.int.len() > 2 || !n.frac.is_empty() {
        return None;
    }
    let tok = toks[i];
    let (end, next) = if let Some(rest) = suffix.strip_prefix('-') {
        (rest.len() <= 2 && !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
            .then_some((tok.end, i + 1))?
    } else if suffix.is_empty() && text[tok.end..].starts_with('–') {
        let other = toks.get(i + 1)?;
        let w = other.text(text);
        let adjacent = other.start == tok.end + '–'.len_utf8();
        (adjacent && w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()))
            .then_some((other.end, i + 2))?
    } else {
        return None;
    };
    const BEFORE: &[&str] = &[
        "won", "lost", "beat", "beating", "drew", "draw", "win", "defeat", "victory", "score",
        "scored", "led", "trailing", "leads", "thrashed", "edged", "a", "an", "the", "finished",
        "ended",
    ];
    const AFTER: &[&str] = &[
        "win",
        "victory",
        "defeat",
        "loss",
        "draw",
        "lead",
        "scoreline",
        "result",
        "thrashing",
        "against",
        "over",
        "at",
        "away",
        "home",
    ];
    let prev = i.checked_sub(1).map_or("", |p| word_at(text, toks, p));
    let after = toks.get(next).map_or("", |t| t.text(text));
    let sporty =
        BEFORE.iter().any(|w| words::is(prev, w)) || AFTER.iter().any(|w| words::is(after, w));
    if !sporty {
        return None;
    }
    let value = &text[tok.start..end];
    let raw = Raw {
        kind: FactKind::Count,
        start: tok.start,
        end,
        machine: None,
        key: format!("score:{value}"),
        label: "Score".into(),
        weak: false,
        magnitude: 0.0,
    };
    Some((raw, next))
}

fn is_vague_magnitude(w: &str) -> bool {
    let mut buf = [0u8; 48];
    words::lower_key(w, &mut buf).is_some_and(|k| {
        matches!(
            k,
            "hundreds" | "tens" | "thousands" | "millions" | "billions" | "dozens"
        )
    })
}

/// `hundreds of thousands of NVIDIA GPUs`: a count without an exact number.
fn vague_fact(text: &str, toks: &[Tok], i: usize) -> Option<(Raw, usize)> {
    let of =
        |k: usize| next_word(text, toks, k, toks[k - 1].end).is_some_and(|w| words::is(w, "of"));
    if !of(i + 1) {
        return None;
    }
    let mut j = i + 2;
    if toks.get(j).is_some()
        && next_word(text, toks, j, toks[j - 1].end).is_some_and(is_vague_magnitude)
        && of(j + 1)
    {
        j += 2;
    }
    let (u0, u1) = unit_phrase(text, toks, j, toks[j - 1].end)?;
    if is_time_unit(word_at(text, toks, u0)) {
        return None;
    }
    let (label, weak) = count_label(text, toks, i, u0, u1);
    let (start, end) = (toks[i].start, toks[u1].end);
    let key = format!("vague:{}", text[start..end].to_lowercase());
    let raw = Raw {
        kind: FactKind::Count,
        start,
        end,
        machine: None,
        key,
        label,
        weak,
        magnitude: 0.3,
    };
    Some((raw, u1 + 1))
}

/// The counted thing after a number: one or two words (`chips`, `new jobs`, `NVIDIA
/// GPUs`); token indices of its first and last word.
fn unit_phrase(text: &str, toks: &[Tok], j: usize, from: usize) -> Option<(usize, usize)> {
    let first = next_word(text, toks, j, from)?;
    if !is_unit_word(first, true) {
        return None;
    }
    let mut last = j;
    // A second word only after a modifier (`new jobs`, `NVIDIA GPUs`), and only a
    // plural noun: `people live` is a verb, not a unit.
    let modifier = !first.ends_with('s') || words::is_acronym(first);
    if modifier
        && let Some(second) = next_word(text, toks, j + 1, toks[j].end)
        && is_unit_word(second, false)
        && second.ends_with('s')
    {
        last = j + 1;
    }
    Some((j, last))
}

fn is_unit_word(w: &str, first: bool) -> bool {
    if !w
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\u{2011}' | '\'' | '’'))
    {
        return false;
    }
    if words::is_acronym(w) || words::is_plural_acronym(w) {
        return !words::is_not_entity(w) || w.ends_with('s') || first;
    }
    let lower = w.to_ascii_lowercase();
    words::starts_lower(w)
        && !words::is_stopword(w)
        && !lower.ends_with("ly")
        && !words::is_reporting_verb(w)
        && (first || !(lower.ends_with("ing") || lower.ends_with("ed")))
        && !(first && lower.ends_with("ed"))
}

fn lower(w: &str) -> String {
    w.to_lowercase()
}

const DEAL_NOUNS: &[&str] = &[
    "deal",
    "contract",
    "agreement",
    "acquisition",
    "takeover",
    "merger",
    "buyout",
    "offer",
    "bid",
    "sale",
    "purchase",
    "order",
    "settlement",
    "partnership",
    "transaction",
    "package",
];

const MONEY_NOUNS: &[&str] = &[
    "revenue",
    "revenues",
    "sales",
    "profit",
    "profits",
    "loss",
    "losses",
    "income",
    "earnings",
    "turnover",
    "debt",
    "funding",
    "valuation",
    "budget",
    "cost",
    "costs",
    "price",
    "fine",
    "bonus",
    "salary",
    "investment",
    "investments",
    "stake",
    "fund",
    "loan",
    "bailout",
    "payout",
    "pay",
    "fee",
    "fees",
    "spending",
    "subsidy",
    "subsidies",
    "tax",
    "taxes",
    "grant",
    "award",
    "damages",
    "compensation",
    "capex",
    "savings",
    "deficit",
    "surplus",
    "dividend",
    "round",
    "prize",
    "bill",
    "wages",
    "rent",
    "tariff",
    "tariffs",
];

const MONEY_VERBS: &[&str] = &[
    "raised",
    "raise",
    "raises",
    "lost",
    "spent",
    "spend",
    "spends",
    "paid",
    "pay",
    "pays",
    "earned",
    "invested",
    "invest",
    "borrowed",
    "saved",
    "generated",
    "made",
    "cost",
    "costs",
    "valued",
    "worth",
    "owes",
    "owed",
    "fined",
    "charged",
    "sought",
    "committed",
    "pledged",
];

fn money_noun_label(w: &str) -> Option<String> {
    let l = lower(w);
    if DEAL_NOUNS.contains(&l.as_str()) {
        return Some(format!("{} value", words::capitalise(&l)));
    }
    MONEY_NOUNS
        .contains(&l.as_str())
        .then(|| words::capitalise(&l))
}

/// `a $38 billion deal` → `Deal value`; `revenue of £5m` → `Revenue`; `raised $5m` →
/// `Amount raised`.
fn money_label(text: &str, toks: &[Tok], first: usize, last: usize) -> (String, bool) {
    if same_clause_after(text, toks, last, last + 1)
        && let Some(label) = money_noun_label(word_at(text, toks, last + 1))
    {
        return (label, false);
    }
    let cs = clause_start(text, toks, first);
    for k in (cs..first).rev().take(8) {
        if let Some(label) = money_noun_label(word_at(text, toks, k)) {
            return (label, false);
        }
    }
    if first > cs {
        let prev = lower(word_at(text, toks, first - 1));
        if MONEY_VERBS.contains(&prev.as_str()) {
            return (format!("Amount {prev}"), false);
        }
    }
    match subject_label(text, toks, first) {
        Some((s, _)) => (s, true),
        None => ("Amount".into(), true),
    }
}

const UP: &[&str] = &[
    "rose",
    "rise",
    "rises",
    "risen",
    "rising",
    "grew",
    "grow",
    "grows",
    "growth",
    "increased",
    "increase",
    "increases",
    "jumped",
    "jump",
    "jumps",
    "climbed",
    "climb",
    "surged",
    "surge",
    "soared",
    "gained",
    "gain",
    "up",
    "higher",
    "boosted",
];
const DOWN: &[&str] = &[
    "fell", "fall", "falls", "fallen", "falling", "dropped", "drop", "drops", "declined",
    "decline", "declines", "slumped", "slid", "plunged", "down", "shrank", "lower", "cut", "cuts",
    "dipped", "tumbled",
];

/// `profit rose 12%` → `Profit rise`; `a 3.5% stake` → `Stake`; `inflation of 3%` →
/// `Inflation`.
fn percent_label(text: &str, toks: &[Tok], first: usize, last: usize) -> (String, bool) {
    let cs = clause_start(text, toks, first);
    for k in (cs..first).rev().take(8) {
        let w = lower(word_at(text, toks, k));
        let direction = if UP.contains(&w.as_str()) {
            "rise"
        } else if DOWN.contains(&w.as_str()) {
            "fall"
        } else {
            continue;
        };
        let subject = (cs..k)
            .rev()
            .map(|s| word_at(text, toks, s))
            .find(|s| is_content(s));
        return match subject {
            Some(s) => (
                format!("{} {direction}", words::capitalise(&lower(s))),
                false,
            ),
            None => (words::capitalise(direction), false),
        };
    }
    if same_clause_after(text, toks, last, last + 1) {
        let next = word_at(text, toks, last + 1);
        if is_content(next) && words::starts_lower(next) {
            return (words::capitalise(next), false);
        }
    }
    if first >= 2 && first > cs && words::is(word_at(text, toks, first - 1), "of") {
        let noun = word_at(text, toks, first - 2);
        if is_content(noun) {
            return (words::capitalise(&lower(noun)), false);
        }
    }
    subject_label(text, toks, first).unwrap_or(("Share".into(), true))
}

/// `500,000 chips in a single system` → `Chips in a single system`; `lost 464,000
/// subscribers` → `Subscribers lost`; `NVIDIA GPUs` → `NVIDIA GPUs`.
fn count_label(text: &str, toks: &[Tok], first: usize, u0: usize, u1: usize) -> (String, bool) {
    let unit = &text[toks[u0].start..toks[u1].end];
    const PREPOSITIONS: &[&str] = &[
        "in", "on", "per", "across", "via", "at", "for", "from", "inside", "within",
    ];
    let k = u1 + 1;
    if let Some(prep) = next_word(text, toks, k, toks[u1].end)
        && PREPOSITIONS.iter().any(|p| words::is(prep, p))
    {
        let mut end = k;
        let mut m = k + 1;
        while m < toks.len() && m <= k + 3 && next_word(text, toks, m, toks[m - 1].end).is_some() {
            if !words::is_stopword(word_at(text, toks, m)) {
                end = m;
            }
            m += 1;
        }
        if end > k {
            return (
                words::capitalise(&text[toks[u0].start..toks[end].end]),
                false,
            );
        }
    }
    if first > 0 && next_word(text, toks, first, toks[first - 1].end).is_some() {
        let prev = lower(word_at(text, toks, first - 1));
        const VERBS: &[&str] = &[
            "lost", "cut", "sold", "hired", "shed", "won", "built", "shipped", "added", "gained",
            "axed", "created",
        ];
        if VERBS.contains(&prev.as_str()) {
            return (format!("{} {prev}", words::capitalise(unit)), false);
        }
    }
    (words::capitalise(unit), false)
}

/// Subject of the clause holding token `at`: up to three content words after any
/// determiners or conjunctions (`the full setup will …` → `Full setup`).
fn subject_label(text: &str, toks: &[Tok], at: usize) -> Option<(String, bool)> {
    let (s, e) = subject_span(text, toks, at)?;
    Some((words::capitalise(&text[toks[s].start..toks[e].end]), false))
}

fn subject_span(text: &str, toks: &[Tok], at: usize) -> Option<(usize, usize)> {
    let cs = clause_start(text, toks, at);
    let mut k = cs;
    while k < at
        && (words::is_stopword(word_at(text, toks, k))
            || words::is_reporting_verb(word_at(text, toks, k)))
    {
        k += 1;
    }
    let mut end = k;
    while end < at && end - k < 3 && is_content(word_at(text, toks, end)) {
        end += 1;
    }
    (end > k).then(|| (k, end - 1))
}

fn is_content(w: &str) -> bool {
    !w.is_empty()
        && !words::is_stopword(w)
        && !words::has_digit(w)
        && w.chars().next().is_some_and(char::is_alphabetic)
        && !is_vague_magnitude(w)
}

/// Deadline and period words that make a year worth a line in the box.
fn is_date_trigger(w: &str) -> bool {
    let mut buf = [0u8; 48];
    words::lower_key(w, &mut buf).is_some_and(|k| {
        matches!(
            k,
            "by" | "until"
                | "till"
                | "through"
                | "before"
                | "from"
                | "since"
                | "deadline"
                | "due"
                | "starting"
        )
    })
}

fn is_date_filler(w: &str) -> bool {
    let mut buf = [0u8; 48];
    let Some(k) = words::lower_key(w, &mut buf) else {
        return false;
    };
    matches!(
        k,
        "the"
            | "end"
            | "start"
            | "beginning"
            | "middle"
            | "close"
            | "of"
            | "at"
            | "least"
            | "early"
            | "late"
            | "mid"
            | "first"
            | "second"
            | "third"
            | "fourth"
            | "half"
            | "quarter"
            | "spring"
            | "summer"
            | "autumn"
            | "fall"
            | "winter"
            | "in"
    ) || words::is_month(w)
        || (k.len() <= 2 && k.bytes().all(|b| b.is_ascii_digit()))
        || (k.len() <= 4 && k.ends_with(['t', 'd', 'h']) && k.as_bytes()[0].is_ascii_digit())
}

/// `by the end of 2026`, `until at least 2032`, `by March 2027`: a year kept only when
/// a deadline or period word stands before it.
fn date_fact(text: &str, toks: &[Tok], y: usize, year: u32) -> Option<(Raw, usize)> {
    let mut k = y;
    let mut month = None;
    let mut day = None;
    let trigger = loop {
        if k == 0 || y - k >= 7 {
            return None;
        }
        let gap = &text[toks[k - 1].end..toks[k].start];
        if !gap.chars().all(|c| c.is_whitespace() || c == ',') {
            return None;
        }
        k -= 1;
        let w = word_at(text, toks, k);
        if is_date_trigger(w) {
            break k;
        }
        if !is_date_filler(w) {
            return None;
        }
        if let Some(m) = words::month_number(w) {
            month = Some(m);
        } else if let Ok(d) = w.trim_end_matches(char::is_alphabetic).parse::<u32>() {
            day = Some(d).filter(|d| (1..=31).contains(d));
        }
    };
    let machine = match (month, day) {
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    };
    let (label, weak) = date_label(text, toks, trigger);
    let (start, end) = (toks[trigger].start, toks[y].end);
    let raw = Raw {
        kind: FactKind::Date,
        start,
        end,
        key: format!("date:{machine}"),
        machine: Some(machine),
        label,
        weak,
        magnitude: 0.0,
    };
    Some((raw, y + 1))
}

/// `The full setup will be in place by …` → `Full setup by`; `the expansion window
/// runs until …` → `Expansion window runs until`.
fn date_label(text: &str, toks: &[Tok], trigger: usize) -> (String, bool) {
    let t = lower(word_at(text, toks, trigger));
    match subject_span(text, toks, trigger) {
        Some((s, e)) => (
            format!(
                "{} {t}",
                words::capitalise(&text[toks[s].start..toks[e].end])
            ),
            false,
        ),
        None => {
            let fallback = match t.as_str() {
                "until" | "till" | "through" => "Runs until",
                "from" | "since" | "starting" => "Since",
                _ => "Deadline",
            };
            (fallback.to_string(), true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Block, Limits};
    use super::*;

    fn facts_of(text: &str) -> Vec<(FactKind, String, Option<String>, String)> {
        scan(text)
            .into_iter()
            .map(|r| (r.kind, text[r.start..r.end].to_string(), r.machine, r.label))
            .collect()
    }

    fn values(text: &str) -> Vec<String> {
        facts_of(text).into_iter().map(|f| f.1).collect()
    }

    #[test]
    fn money_with_currency_and_scale() {
        let f = facts_of("OpenAI just signed a $38 billion deal with Amazon Web Services.");
        assert_eq!(
            f,
            vec![(
                FactKind::Money,
                "$38 billion".into(),
                Some("38000000000".into()),
                "Deal value".into()
            )]
        );
        let v = values(
            "Revenue hit £600m, and €2 billion came from US$5 million bets and $1.13bn in sales.",
        );
        assert_eq!(v, vec!["£600m", "€2 billion", "US$5 million", "$1.13bn"]);
        let f = facts_of("It raised $1.13bn last year.");
        assert_eq!(f[0].2.as_deref(), Some("1130000000"));
        assert_eq!(f[0].3, "Amount raised");
    }

    #[test]
    fn percentages_and_points() {
        let f = facts_of(
            "Profit rose 3.5% while costs fell 12 per cent and turnout was up 4 percentage points.",
        );
        let got: Vec<(&str, &str, &str)> = f
            .iter()
            .map(|f| (f.1.as_str(), f.2.as_deref().unwrap_or(""), f.3.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("3.5%", "3.5", "Profit rise"),
                ("12 per cent", "12", "Costs fall"),
                ("4 percentage points", "4", "Turnout rise")
            ]
        );
    }

    #[test]
    fn counts_with_units_and_vague_magnitudes() {
        let f = facts_of("AWS is bragging about topping 500,000 chips in a single system.");
        assert_eq!(f[0].1, "500,000 chips");
        assert_eq!(f[0].2.as_deref(), Some("500000"));
        assert_eq!(f[0].3, "Chips in a single system");
        let f = facts_of(
            "It offers hundreds of thousands of NVIDIA GPUs (think GB200s) and tens of millions of CPUs via EC2 UltraServers.",
        );
        assert_eq!(f[0].1, "hundreds of thousands of NVIDIA GPUs");
        assert_eq!(f[0].3, "NVIDIA GPUs");
        assert_eq!(f[1].1, "tens of millions of CPUs");
        let f =
            facts_of("The service lost 464,000 subscribers, and 2.4 million people live there.");
        assert_eq!(f[0].3, "Subscribers lost");
        assert_eq!(
            (f[1].1.as_str(), f[1].2.as_deref()),
            ("2.4 million people", Some("2400000"))
        );
    }

    #[test]
    fn dates_that_matter_and_years_that_do_not() {
        let f = facts_of(
            "The full setup will be in place by the end of 2026, and the expansion window runs until at least 2032.",
        );
        assert_eq!(f.len(), 2);
        assert_eq!(
            (f[0].1.as_str(), f[0].2.as_deref(), f[0].3.as_str()),
            ("by the end of 2026", Some("2026"), "Full setup by")
        );
        assert_eq!(
            (f[1].1.as_str(), f[1].3.as_str()),
            ("until at least 2032", "Expansion window runs until")
        );
        let f = facts_of("The rules apply by March 3, 2027 at the latest.");
        assert_eq!(f[0].2.as_deref(), Some("2027-03-03"));
        assert!(values("In 2024 the firm grew. She was born in 1980.").is_empty());
    }

    #[test]
    fn discards_clock_times_ages_pages_phones() {
        let text = "At 10:30 a.m. and 3pm, Jane, 45, aged 45, read page 12 of section 3 and called 020 7946 0000 or +44 20 7946 0000 about 5 years.";
        assert!(values(text).is_empty(), "{:?}", values(text));
    }

    #[test]
    fn sport_scores() {
        let f = facts_of("United won 3-1 at home, then drew 2–2 away.");
        assert_eq!(
            values("United won 3-1 at home, then drew 2–2 away."),
            vec!["3-1", "2–2"]
        );
        assert_eq!(f[0].0, FactKind::Count);
        assert!(values("Pages 3-5 cover it.").is_empty());
    }

    #[test]
    fn same_quantity_merges_and_headline_ranks_first() {
        let blocks = [
            Block {
                kind: BlockKind::Paragraph,
                text: "OpenAI signed a $38 billion deal. It covers 500,000 chips.",
            },
            Block {
                kind: BlockKind::Paragraph,
                text: "Work runs until at least 2032, with 2.4 million users.",
            },
        ];
        let copy = Copy {
            headline: "AWS Signs Record $38bn Deal With OpenAI",
            dek: None,
            blocks: &blocks,
        };
        let f = build(&copy, &[], &[], &Limits::default());
        let money: Vec<&Fact> = f.iter().filter(|f| f.kind == FactKind::Money).collect();
        assert_eq!(money.len(), 1);
        assert_eq!((money[0].value.as_str(), money[0].block), ("$38bn", None));
        assert_eq!(f[0].kind, FactKind::Money);
        assert_eq!(f[0].label, "Deal value");
    }

    #[test]
    fn too_few_figures_fall_back_to_names_or_nothing() {
        let blocks = [Block {
            kind: BlockKind::Paragraph,
            text: "Jane Doe, the chief executive of Acme, spoke.",
        }];
        let copy = Copy {
            headline: "Acme news",
            dek: None,
            blocks: &blocks,
        };
        let jane = Speaker {
            name: "Jane Doe".into(),
            role: Some("the chief executive of Acme".into()),
        };
        let acme = Topic {
            name: "Acme".into(),
            kind: TopicKind::Organisation,
            mentions: 2,
        };
        let f = build(
            &copy,
            &[&jane],
            std::slice::from_ref(&acme),
            &Limits::default(),
        );
        assert!(f.is_empty(), "two names are not a box: {f:?}");
        let limits = Limits {
            min_facts: 2,
            ..Limits::default()
        };
        let f = build(&copy, &[&jane], &[acme], &limits);
        assert_eq!(f.len(), 2);
        assert_eq!(
            (f[0].label.as_str(), f[0].value.as_str()),
            ("The chief executive of Acme", "Jane Doe")
        );
        assert_eq!(f[1].kind, FactKind::Organisation);
        let ghost = Speaker {
            name: "Nobody Here".into(),
            role: Some("x".into()),
        };
        assert!(build(&copy, &[&ghost], &[], &limits).is_empty());
    }

    #[test]
    fn plain_numbers_are_exact() {
        let n = |s: &str| parse_number(s).expect("number");
        assert_eq!(plain_number(&n("1.13"), 9), "1130000000");
        assert_eq!(plain_number(&n("3.5"), 0), "3.5");
        assert_eq!(plain_number(&n("500,000"), 0), "500000");
        assert_eq!(plain_number(&n("0.25"), 3), "250");
        assert_eq!(plain_number(&n("1.2345"), 2), "123.45");
        assert_eq!(plain_number(&n("2.50"), 0), "2.5");
    }
}
