//! Figures: the quantities a text states, each as a verbatim span with a plain machine
//! value and a key that is the same for the same quantity however it is written.
//!
//! Read: money with its currency and scale (`$38bn`, `£600m`, `US$5 million`, `€2
//! billion`, `£58.90 per megawatt hour`, `$41.50 a share`, `£28 to £35`); percentages
//! (`3.5%`, `12 per cent`, `1.4 percentage points`); counts with their unit (`500,000
//! chips`, `2.4 million people`, `46 ticket offices`, `Sixty firefighters`, `hundreds of
//! thousands of NVIDIA graphics processors`); measures (`34C`, `6,300kg`, `2.4GW`,
//! `magnitude 6.8`, a race time `2:02:41`); dates that are deadlines or periods (`by the
//! end of 2026`, `until at least 2032`, `on 14 October` when the clause looks ahead);
//! scores and votes (`3-1`, `4-6, 7-6, 6-3`, `voted 71-28`); an age only in a headline
//! or dek (`dies aged 91`).
//!
//! Left out: years in passing, clock times, ages in the body, page, section and model
//! numbers (`FTSE 100`, `Fold 3`), catalogue ids (`20260314B`), phone numbers and bare
//! small numbers. It labels nothing itself (`fact_label` does) and ranks nothing
//! (`fact_box` does).

use super::fact_label::{self, Label};
use std::borrow::Cow;

use super::text::Analysed;
use super::words;
use super::{FactKind, Place};

/// A figure found in one text.
#[derive(Debug, Clone)]
pub(super) struct Raw {
    pub kind: FactKind,
    pub start: usize,
    pub end: usize,
    pub machine: Option<String>,
    /// Same key, same quantity: `$38bn` and `$38 billion` meet here.
    pub key: String,
    /// The label, or how to find it: labels cost more than reading the figure, and
    /// only the figures ranked near the top need one.
    pub label: Labeller,
    /// Size bonus for ranking.
    pub magnitude: f32,
    /// A vague count of something generic (`millions of people`): ranked low.
    pub vague: bool,
}

/// A figure's label, found when asked for.
#[derive(Debug, Clone)]
pub(super) enum Labeller {
    Ready(Label),
    Money {
        first: usize,
        last: usize,
        value_last: usize,
    },
    Percent {
        first: usize,
        last: usize,
    },
    Count {
        first: usize,
        u0: usize,
        u1: usize,
        value_last: usize,
    },
    Date {
        trigger: usize,
    },
}

impl Labeller {
    /// The label, found now if it was not yet (`a` is the text the figure was read in).
    pub fn resolve(&mut self, a: &Analysed) -> &Label {
        if !matches!(self, Labeller::Ready(_)) {
            let label = match *self {
                Labeller::Money {
                    first,
                    last,
                    value_last,
                } => fact_label::money(a, first, last, value_last),
                Labeller::Percent { first, last } => fact_label::percent(a, first, last),
                Labeller::Count {
                    first,
                    u0,
                    u1,
                    value_last,
                } => fact_label::count(a, first, u0, u1, value_last),
                Labeller::Date { trigger } => fact_label::date(a, trigger),
                Labeller::Ready(_) => unreachable!("handled above"),
            };
            *self = Labeller::Ready(label);
        }
        match self {
            Labeller::Ready(label) => label,
            _ => unreachable!("resolved above"),
        }
    }

    /// The label if it has been found.
    pub fn ready(&self) -> Option<&Label> {
        match self {
            Labeller::Ready(label) => Some(label),
            _ => None,
        }
    }
}

/// Every figure of one text, in order.
pub(super) fn scan(a: &Analysed, place: Place) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        // Only a word starting with a digit, a hyphenated word or a number word can
        // start a figure (the tests below): skip straight to the next one.
        i = a.next_shaped_or_listed(
            i,
            words::shape::DIGIT_START | words::shape::HYPHEN,
            words::bit::NUMBER_WORD,
        );
        if i >= a.toks.len() {
            break;
        }
        let shape = a.shape(i);
        // A figure starts at a digit, a number word, or a hyphenated word (`thirty-five`):
        // the word's shape and lists say which before its letters are read.
        let maybe_spelled =
            shape & words::shape::HYPHEN != 0 || a.class(i) & words::bit::NUMBER_WORD != 0;
        let found = if shape & words::shape::DIGIT_START != 0 {
            number_fact(a, i, place)
        } else if maybe_spelled
            && a.word(i).as_bytes()[0].is_ascii_alphabetic()
            && a.word(i).len() >= 3
            && may_start_figure(a, i)
        {
            let w = a.word(i);
            let mut buf = [0u8; 48];
            match words::lower_key(w, &mut buf) {
                Some(k) if is_vague_magnitude_key(k) => vague_fact(a, i),
                Some("magnitude") => magnitude_fact(a, i),
                Some(k) => spelled_value(k)
                    .and_then(|n| spelled_fact(a, i, n))
                    .or_else(|| {
                        spelled_small(k).and_then(|n| period_at(a, i, || Some(n.to_string())))
                    }),
                None => None,
            }
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

/// A spelled number, a vague magnitude or `magnitude` (`thirty-five` by its first part).
fn may_start_figure(a: &Analysed, i: usize) -> bool {
    if a.class(i) & words::bit::NUMBER_WORD != 0 {
        return true;
    }
    let w = a.word(i);
    // Only a hyphenated word can be `thirty-five`; look for the hyphen byte first, and
    // only as far as the longest number word (a hyphen further on follows no number).
    let head = &w.as_bytes()[..w.len().min(words::NUMBER_WORD_MAX + 1)];
    head.iter()
        .position(|&b| b == b'-')
        .is_some_and(|h| words::is_number_word(&w[..h]))
}

/// A number at the start of a token: digits, `,` thousands groups, one decimal part.
pub(super) struct Number<'t> {
    /// The whole part's digits: the token's own bytes, or a copy without its `,` when
    /// grouped (the only case that needs one).
    pub int: Cow<'t, str>,
    /// The decimal part's digits, as written.
    pub frac: &'t str,
    /// Bytes of the token the number takes.
    pub len: usize,
    pub grouped: bool,
}

pub(super) fn parse_number(tok: &str) -> Option<Number<'_>> {
    let b = tok.as_bytes();
    if !b.first()?.is_ascii_digit() {
        return None;
    }
    // Where the decimal point stands, once one is met; the digits are not copied.
    let (mut grouped, mut point) = (false, None);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            d if d.is_ascii_digit() => {}
            b',' if point.is_none()
                && b.get(i + 1..i + 4)
                    .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                && !b.get(i + 4).is_some_and(u8::is_ascii_digit) =>
            {
                grouped = true;
            }
            b'.' if point.is_none() && b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                point = Some(i)
            }
            _ => break,
        }
        i += 1;
    }
    // Every byte before `i` is a digit, a group's `,` or the one `.`: ASCII, so the
    // slices below are on char boundaries.
    let whole = &tok[..point.unwrap_or(i)];
    let int = if grouped {
        // The groups joined (`str::replace` paid a general search for this).
        let mut digits = String::with_capacity(whole.len());
        digits.extend(whole.split(','));
        Cow::Owned(digits)
    } else {
        Cow::Borrowed(whole)
    };
    Some(Number {
        int,
        frac: point.map_or("", |p| &tok[p + 1..i]),
        len: i,
        grouped,
    })
}

/// `int.frac × 10^exp` as a plain decimal string without float rounding: the whole
/// part's digits and the first `exp` of the decimal part (zeros past its end) without
/// leading zeros, then the rest of the decimal part without trailing zeros.
pub(super) fn plain_number(n: &Number, exp: usize) -> String {
    let (int, frac): (&str, &str) = (&n.int, n.frac);
    let (moved, rest) = frac.split_at(exp.min(frac.len()));
    let pad = exp - moved.len();
    let rest = rest.trim_end_matches('0');
    let mut out = String::with_capacity(int.len() + exp + rest.len() + 2);
    let int = int.trim_start_matches('0');
    let moved = if int.is_empty() {
        moved.trim_start_matches('0')
    } else {
        moved
    };
    if int.is_empty() && moved.is_empty() {
        // Zeros before the point, padded or not, are one `0`.
        out.push('0');
    } else {
        out.push_str(int);
        out.push_str(moved);
        push_zeros(&mut out, pad);
    }
    if !rest.is_empty() {
        out.push('.');
        out.push_str(rest);
    }
    out
}

/// `n` zeros, pushed a run at a time rather than a char at a time.
fn push_zeros(out: &mut String, n: usize) {
    const ZEROS: &str = "0000000000000000";
    let mut left = n;
    while left > 0 {
        let k = left.min(ZEROS.len());
        out.push_str(&ZEROS[..k]);
        left -= k;
    }
}

/// The number of a token as first written (digits copied one by one into two strings):
/// the reference `parse_number` is tested against.
#[cfg(test)]
fn parse_number_by_copy(tok: &str) -> Option<(String, String, usize, bool)> {
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
    Some((int, frac, i, grouped))
}

/// `plain_number` as first written, digit by digit: its reference.
#[cfg(test)]
fn plain_number_by_digits(n: &Number, exp: usize) -> String {
    let digit = |k: usize| -> u8 {
        let (int, frac) = (n.int.as_bytes(), n.frac.as_bytes());
        if k < int.len() {
            int[k]
        } else {
            frac.get(k - int.len()).copied().unwrap_or(b'0')
        }
    };
    let len = n.int.len() + n.frac.len();
    let point = n.int.len() + exp;
    let mut out = String::new();
    let first = (0..point).find(|&k| digit(k) != b'0').unwrap_or(point);
    if first == point {
        out.push('0');
    }
    for k in first..point {
        out.push(char::from(digit(k)));
    }
    let last = (point..len).rev().find(|&k| digit(k) != b'0');
    if let Some(last) = last {
        out.push('.');
        for k in point..=last {
            out.push(char::from(digit(k)));
        }
    }
    out
}

/// The word at `i` if only spaces separate it from the word before.
#[inline(always)]
fn next_plain<'t>(a: &Analysed<'t>, i: usize) -> Option<&'t str> {
    if i == 0 || i >= a.toks.len() {
        return None;
    }
    // Most gaps are the single space the tokenizer noted: no gap to read, and no call
    // (this is asked of most words after a figure).
    (a.shape(i) & words::shape::SPACE_BEFORE != 0 || gap_is_blank(a, i)).then(|| a.word(i))
}

/// Whether the gap before word `i` is all whitespace: [`next_plain`]'s rare case.
#[inline(never)]
fn gap_is_blank(a: &Analysed, i: usize) -> bool {
    a.gap_before(i).chars().all(char::is_whitespace)
}

/// [`next_plain`] as first written: its reference.
#[cfg(test)]
fn next_plain_simple<'t>(a: &Analysed<'t>, i: usize) -> Option<&'t str> {
    let plain = || {
        a.shape(i) & words::shape::SPACE_BEFORE != 0
            || a.gap_before(i).chars().all(char::is_whitespace)
    };
    (i < a.toks.len() && i > 0 && plain()).then(|| a.word(i))
}

fn is(a: &Analysed, i: usize, word: &str) -> bool {
    next_plain(a, i).is_some_and(|w| words::is(w, word))
}

/// Currency signs written before a number, and the code each is shown as.
const CURRENCY_SYMBOLS: &[(&str, &str)] = &[
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

/// A byte some currency sign ends in.
fn ends_a_symbol(b: u8) -> bool {
    matches!(b, b'$' | 0xA3 | 0xAC | 0xA5 | 0xB9)
}

fn currency_prefix(a: &Analysed, i: usize) -> Option<(&'static str, usize)> {
    let start = a.toks[i].start;
    let before = &a.text[..start];
    // Every symbol ends in `$` or in the last byte of `£` (A3), `€` (AC), `¥` (A5) or
    // `₹` (B9): any other byte before the number rules them all out at once.
    let symbol_end = before.as_bytes().last().is_some_and(|&b| ends_a_symbol(b));
    for (symbol, code) in CURRENCY_SYMBOLS.iter().filter(|_| symbol_end) {
        if before.ends_with(symbol) {
            return Some((code, start - symbol.len()));
        }
    }
    let prev = i.checked_sub(1)?;
    next_plain(a, i)?;
    let code = match a.word(prev) {
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
    Some((code, a.toks[prev].start))
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

/// `m`, `bn` glued to a number; capital `M`, `B`, `K` only after a currency sign.
fn scale_suffix(s: &str, money: bool) -> Option<usize> {
    Some(match s {
        "" => 0,
        "k" => 3,
        "m" | "mn" | "mln" => 6,
        "bn" | "bln" => 9,
        "tn" | "trn" => 12,
        "K" if money => 3,
        "M" if money => 6,
        "B" | "b" if money => 9,
        _ => return None,
    })
}

/// Units glued to a number (`34C`, `6,300kg`, `2.4GW`, `5,600mAh`) and what they measure.
fn measure_suffix(s: &str) -> Option<&'static str> {
    let s = s.strip_prefix('-').unwrap_or(s);
    Some(match s {
        "C" | "°C" | "F" | "°F" => "Temperature",
        "kg" | "t" | "lb" | "lbs" | "tonnes" | "tonne" => "Weight",
        "km" | "mi" | "ft" | "cm" | "mm" => "Distance",
        "GW" | "MW" | "kW" | "gigawatt" | "megawatt" | "kilowatt" => "Capacity",
        "GWh" | "MWh" | "kWh" | "TWh" => "Energy",
        "mAh" => "Battery",
        "GB" | "TB" | "MB" => "Storage",
        "mph" | "kph" => "Speed",
        "ha" => "Area",
        _ => return None,
    })
}

/// Unit words after a number that make it a measure, and what they measure.
fn measure_word(w: &str) -> Option<&'static str> {
    let mut buf = [0u8; 48];
    Some(match words::lower_key(w, &mut buf)? {
        "degrees" | "celsius" | "fahrenheit" => "Temperature",
        "metres" | "meters" | "kilometres" | "kilometers" | "miles" | "feet" | "km" => "Distance",
        "tonnes" | "tons" | "kilograms" | "kg" | "pounds-weight" => "Weight",
        "litres" | "liters" | "gallons" => "Volume",
        "gigawatts" | "megawatts" | "kilowatts" => "Capacity",
        "hectares" | "acres" => "Area",
        _ => return None,
    })
}

/// Words before a number that make it a reference, not a quantity (`page 4`).
fn is_reference_word(w: &str) -> bool {
    words::key_is(w, |k| {
        matches!(
            k,
            "page"
                | "pages"
                | "p"
                | "pp"
                | "section"
                | "sections"
                | "chapter"
                | "article"
                | "clause"
                | "paragraph"
                | "no"
                | "number"
                | "room"
                | "route"
                | "flight"
                | "platform"
                | "line"
                | "version"
                | "aged"
                | "age"
                | "phone"
                | "tel"
                | "call"
                | "box"
                | "suite"
                | "floor"
                | "level"
                | "grade"
                | "figure"
                | "fig"
                | "table"
                | "rule"
                | "step"
                | "item"
                | "question"
                | "exhibit"
                | "appendix"
                | "volume"
                | "vol"
                | "issue"
                | "episode"
                | "season"
                | "part"
                | "highway"
                | "interstate"
                | "model"
                | "series"
                | "gate"
                | "terminal"
                | "row"
                | "seat"
                | "verse"
                | "psalm"
                | "ranked"
                | "no."
                | "catalogued"
                | "code"
                | "ref"
                | "reference"
                | "case"
                | "bus"
                | "tier"
                | "band"
                | "stage"
                | "category"
                | "class"
                | "division"
                | "week"
                | "day"
                | "year"
                | "round"
                | "game"
        )
    })
}

fn is_clock_word(w: &str) -> bool {
    words::key_is(w, |k| {
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
                | "local"
        )
    })
}

pub(super) fn is_time_unit(w: &str) -> bool {
    words::key_is(w, |k| {
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
                | "generations"
                | "generation"
                | "nights"
                | "night"
                | "years-old"
                | "year-old"
        )
    })
}

/// `a share`, `a year`, `per megawatt hour`, `each`: a rate that belongs to the value.
/// Returns the last word of the rate.
fn rate_after(a: &Analysed, j: usize) -> Option<usize> {
    let w = next_plain(a, j)?;
    let mut buf = [0u8; 48];
    let k = words::lower_key(w, &mut buf)?;
    match k {
        "a" | "an" | "per" => {
            let unit = next_plain(a, j + 1)?;
            let mut buf2 = [0u8; 48];
            let u = words::lower_key(unit, &mut buf2)?;
            let rate_units = [
                "share",
                "year",
                "month",
                "week",
                "day",
                "night",
                "hour",
                "litre",
                "liter",
                "head",
                "person",
                "ounce",
                "barrel",
                "tonne",
                "kilo",
                "gallon",
                "mile",
                "seat",
                "ticket",
                "game",
                "pupil",
                "household",
                "week",
                "annum",
                "capita",
                "unit",
                "megawatt",
                "kilowatt",
                "minute",
                "second",
                "visit",
                "cent",
            ];
            if u == "cent" {
                return None; // `per cent` is a percentage, read elsewhere
            }
            if !rate_units.contains(&u) {
                return None;
            }
            // `a year earlier`, `a week ago`: when, not how often.
            if next_plain(a, j + 2).is_some_and(|n| {
                [
                    "earlier",
                    "ago",
                    "later",
                    "before",
                    "after",
                    "on",
                    "previously",
                ]
                .iter()
                .any(|w| words::is(n, w))
            }) {
                return None;
            }
            // `per megawatt hour`
            let next = next_plain(a, j + 2);
            if next.is_some_and(|n| words::is(n, "hour")) && matches!(u, "megawatt" | "kilowatt") {
                return Some(j + 2);
            }
            Some(j + 1)
        }
        "each" | "apiece" | "annually" => Some(j),
        _ => None,
    }
}

/// A figure starting at the digit word `i`; returns it and the next word to look at.
fn number_fact(a: &Analysed, i: usize, place: Place) -> Option<(Raw, usize)> {
    let tok = a.toks[i];
    let w = a.word(i);
    let n = parse_number(w)?;
    let suffix = &w[n.len..];
    let before = &a.text[..tok.start];
    if before.ends_with(['+', '#', '/', '-', '\u{2011}']) {
        return None; // phone numbers, hashtags, fractions, ids
    }
    let after = &a.text[tok.end..];
    if after.starts_with(':') {
        return clock_or_race_time(a, i, &n);
    }
    let prev = i.checked_sub(1).map(|p| a.word(p)).unwrap_or("");
    let prev_plain = i > 0 && next_plain(a, i).is_some();
    if prev_plain && is_reference_word(prev) {
        let headline = matches!(place, Place::Headline | Place::Dek);
        if words::is(prev, "aged") && headline && suffix.is_empty() {
            return Some(age_fact(a, i, &n));
        }
        return None;
    }
    if let Some(found) = score_fact(a, i, &n, suffix) {
        return Some(found);
    }
    if let Some(found) = period_fact(a, i, &n) {
        return Some(found);
    }
    if prev_plain
        && words::starts_upper(prev)
        && !words::is_month(prev)
        && !words::is_weekday(prev)
        && currency_prefix(a, i).is_none()
        && !super::names::starts_sentence(a, i - 1)
        && !words::is_stopword(prev)
    {
        return None; // `FTSE 100`, `Fold 3`, `Boeing 737`: part of a name
    }
    if let Some(what) = measure_suffix(suffix) {
        return Some(measure_fact(a, i, i, &n, 0, what));
    }
    let currency = currency_prefix(a, i);
    if suffix == "p" && currency.is_none() && n.int.len() <= 3 {
        return Some(pence_fact(a, i, &n));
    }
    if n.int.len() > 4 && !n.grouped && !suffix.is_empty() {
        return None; // `20260314B`: a catalogue id, not 20 million billion
    }
    let mut exp = scale_suffix(suffix, currency.is_some())?;
    let mut last = i;
    let mut percent = false;
    let mut points = false;
    if after.starts_with('%') && exp == 0 {
        percent = true;
    }
    if !percent && exp == 0 {
        if let Some(s) = next_plain(a, i + 1).and_then(scale_word) {
            exp = s;
            last = i + 1;
        }
    }
    if !percent {
        let w1 = next_plain(a, last + 1).unwrap_or("");
        let w2 = next_plain(a, last + 2).unwrap_or("");
        if ["percent", "pc", "pct"].iter().any(|p| words::is(w1, p)) {
            percent = true;
            last += 1;
        } else if (words::is(w1, "per") && words::is(w2, "cent"))
            || (words::is(w1, "percentage") && (words::is(w2, "points") || words::is(w2, "point")))
        {
            percent = true;
            points = words::is(w1, "percentage");
            last += 2;
        }
    }
    let mut currency_code = currency.map(|(c, _)| c);
    if !percent && currency_code.is_none() {
        if let Some(c) = next_plain(a, last + 1).and_then(currency_word) {
            currency_code = Some(c);
            last += 1;
        }
    }
    let next = next_plain(a, last + 1).unwrap_or("");
    if is_clock_word(next) || matches!(suffix, "am" | "pm") {
        return None;
    }
    let plain_year = suffix.is_empty() && !n.grouped && n.frac.is_empty() && n.int.len() == 4;
    if plain_year && currency_code.is_none() && exp == 0 && !percent {
        let year: u32 = n.int.parse().ok()?;
        return (1800..=2199)
            .contains(&year)
            .then(|| date_fact(a, i, Some(year)))
            .flatten();
    }
    let phone_like = n.int.len() >= 2 && n.int.starts_with('0') && n.frac.is_empty();
    let digit_group_follows =
        after.starts_with(' ') && after[1..].starts_with(|c: char| c.is_ascii_digit());
    if phone_like || (digit_group_follows && currency_code.is_none() && exp == 0) {
        return None;
    }
    let start = currency.map_or(tok.start, |(_, s)| s);
    let end_of = |last: usize| {
        a.toks[last].end + usize::from(percent && last == i && after.starts_with('%'))
    };
    if let Some(code) = currency_code {
        let machine = plain_number(&n, exp);
        let mut value_last = last;
        if let Some(r) = rate_after(a, last + 1) {
            value_last = r;
        } else if let Some(hi) = money_range_end(a, last + 1, code) {
            value_last = hi;
        }
        let label = Labeller::Money {
            first: i,
            last,
            value_last,
        };
        // The whole part's length: the digits before the point, if there is one.
        let magnitude = machine
            .bytes()
            .position(|b| b == b'.')
            .unwrap_or(machine.len()) as f32
            * 0.05;
        let rate = value_last != last;
        // Joined, not `format!`ed: one allocation, and this is every money figure.
        let key = [
            "money:",
            code,
            ":",
            &machine,
            if rate { ":rate" } else { "" },
        ]
        .concat();
        let raw = Raw {
            kind: FactKind::Money,
            start,
            end: a.toks[value_last].end,
            machine: Some(machine),
            key,
            label,
            magnitude,
            vague: false,
        };
        return Some((raw, value_last + 1));
    }
    if percent {
        let machine = plain_number(&n, 0);
        let label = Labeller::Percent { first: i, last };
        let key = [
            "percent:",
            &machine,
            ":",
            if points { "true" } else { "false" },
        ]
        .concat();
        let raw = Raw {
            kind: FactKind::Percent,
            start,
            end: end_of(last),
            machine: Some(machine),
            key,
            label,
            magnitude: 0.0,
            vague: false,
        };
        return Some((raw, last + 1));
    }
    // A measure: `260 metres`, `2.9 billion litres`.
    if let Some(what) = next_plain(a, last + 1).and_then(measure_word) {
        return Some(measure_fact(a, i, last + 1, &n, exp, what));
    }
    // A count needs a unit (or a rate) and some size: `46 ticket offices`, `400 of
    // her homes`.
    let unit = unit_phrase(a, last + 1).or_else(|| {
        let of_det = is(a, last + 1, "of")
            && next_plain(a, last + 2).is_some_and(|d| {
                ["her", "his", "their", "its", "the", "our", "these", "those"]
                    .iter()
                    .any(|w| words::is(d, w))
            });
        of_det.then(|| unit_phrase(a, last + 3)).flatten()
    });
    let rate = if unit.is_none() {
        rate_after(a, last + 1)
    } else {
        None
    };
    let big_enough = exp > 0 || n.int.len() >= 2;
    if !big_enough {
        return None;
    }
    let machine = plain_number(&n, exp);
    let big_round = n.grouped || exp > 0;
    if unit.is_none() && rate.is_none() && !big_round {
        return None;
    }
    let (label, end, next) = match (unit, rate) {
        (Some((u0, u1)), _) => {
            if is_time_unit(a.word(u0)) {
                return None; // ages and periods in passing
            }
            let value_last = rate_after(a, u1 + 1).unwrap_or(u1);
            let label = Labeller::Count {
                first: i,
                u0,
                u1,
                value_last,
            };
            (label, a.toks[value_last].end, value_last + 1)
        }
        (None, Some(r)) => (
            Labeller::Ready(fact_label::bare_count(a, i, r)),
            a.toks[r].end,
            r + 1,
        ),
        (None, None) => {
            let label = fact_label::bare_count(a, i, last);
            if label.weak {
                return None; // `2.4 million` with nothing to say what of
            }
            (Labeller::Ready(label), a.toks[last].end, last + 1)
        }
    };
    let unit_word = unit.map_or("", |(_, u1)| a.word(u1)).to_lowercase();
    let key = ["count:", &machine, ":", &unit_word].concat();
    let magnitude = machine.len() as f32 * 0.05;
    let raw = Raw {
        kind: FactKind::Count,
        start,
        end,
        machine: Some(machine),
        key,
        label,
        magnitude,
        vague: false,
    };
    Some((raw, next))
}

/// `£28 to £35`, `$5m-$7m`: the high end of a range in the same currency.
fn money_range_end(a: &Analysed, j: usize, code: &str) -> Option<usize> {
    if !is(a, j, "to") {
        return None;
    }
    let k = j + 1;
    let w = a.word(k);
    let n = parse_number(w)?;
    let same = currency_prefix(a, k).is_some_and(|(c, _)| c == code);
    (same && n.len > 0).then_some(k)
}

/// `2:02:41` (hours, minutes, seconds) is a race time; `10:30` is a clock time.
fn clock_or_race_time(a: &Analysed, i: usize, n: &Number) -> Option<(Raw, usize)> {
    let tok = a.toks[i];
    let rest = &a.text[tok.start..];
    let len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let span = rest[..len].trim_end_matches(['.', ':']);
    let groups: Vec<&str> = span.split(':').collect();
    let race = groups.len() == 3
        && groups[1..].iter().all(|g| g.len() == 2)
        && n.int.len() <= 2
        && n.frac.is_empty();
    if !race {
        return None;
    }
    let end = tok.start + span.len();
    let next = a.first_word_from(end);
    let label = Labeller::Ready(fact_label::measure(a, i, next.saturating_sub(1), "Time"));
    let raw = Raw {
        kind: FactKind::Measure,
        start: tok.start,
        end,
        machine: None,
        key: format!("time:{span}"),
        label,
        magnitude: 0.2,
        vague: false,
    };
    Some((raw, next))
}

fn measure_fact(
    a: &Analysed,
    i: usize,
    last: usize,
    n: &Number,
    exp: usize,
    what: &'static str,
) -> (Raw, usize) {
    let machine = plain_number(n, exp);
    let label = Labeller::Ready(fact_label::measure(a, i, last, what));
    let start = a.toks[i].start;
    let end = a.toks[last].end;
    let raw = Raw {
        kind: FactKind::Measure,
        start,
        end,
        key: format!("measure:{machine}:{}", what.to_lowercase()),
        machine: Some(machine),
        label,
        magnitude: 0.1,
        vague: false,
    };
    (raw, last + 1)
}

/// `11.2p`: pence.
fn pence_fact(a: &Analysed, i: usize, n: &Number) -> (Raw, usize) {
    let pounds = plain_number(n, 0);
    let machine = format!("0.{:0>2}", pounds.replace('.', ""));
    let machine = machine
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_string();
    let value_last = rate_after(a, i + 1).unwrap_or(i);
    let label = Labeller::Money {
        first: i,
        last: i,
        value_last,
    };
    let raw = Raw {
        kind: FactKind::Money,
        start: a.toks[i].start,
        end: a.toks[value_last].end,
        key: format!("money:p:{pounds}"),
        machine: Some(if n.int.len() == 1 && n.frac.is_empty() {
            format!("0.0{pounds}")
        } else {
            machine
        }),
        label,
        magnitude: 0.0,
        vague: false,
    };
    (raw, value_last + 1)
}

/// `jailed for six years`, `capped at six months`, `48 seconds ahead`: a period that is
/// the point (a sentence, a cap, a margin), read where the number is.
fn period_fact(a: &Analysed, i: usize, n: &Number) -> Option<(Raw, usize)> {
    period_at(a, i, || Some(plain_number(n, 0)))
}

/// Shared by digits and spelled numbers (`six years`).
/// `machine` gives the figure's plain value, asked for only when a period is found.
fn period_at(
    a: &Analysed,
    i: usize,
    machine: impl FnOnce() -> Option<String>,
) -> Option<(Raw, usize)> {
    let unit = next_plain(a, i + 1)?;
    // `every 15 minutes`: how often.
    if i > 0 && words::is(a.word(i - 1), "every") && is_time_unit(unit) && !words::is(unit, "times")
    {
        let raw = Raw {
            kind: FactKind::Measure,
            start: a.toks[i - 1].start,
            end: a.toks[i + 1].end,
            key: format!(
                "every:{}",
                a.text[a.toks[i].start..a.toks[i + 1].end].to_lowercase()
            ),
            machine: machine(),
            label: Labeller::Ready(fact_label::frequency(a, i - 1)),
            magnitude: 0.3,
            vague: false,
        };
        return Some((raw, i + 2));
    }
    if !is_time_unit(unit) || words::is(unit, "times") || words::is(unit, "old") {
        return None;
    }
    let margin = next_plain(a, i + 2).is_some_and(|w| {
        ["ahead", "behind", "clear", "faster", "slower", "quicker"]
            .iter()
            .any(|m| words::is(w, m))
    });
    let prev = i.checked_sub(1).map_or("", |p| a.word(p));
    let prev2 = i.checked_sub(2).map_or("", |p| a.word(p));
    let label = if margin {
        "margin"
    } else if ["for", "to", "at", "of"].iter().any(|w| words::is(prev, w)) {
        let mut buf = [0u8; 48];
        match words::lower_key(prev2, &mut buf)? {
            "jailed" | "sentenced" | "imprisoned" | "sentence" | "term" => "sentence",
            "banned" | "ban" | "disqualified" | "suspended" => "ban",
            "capped" | "cap" | "limited" | "limit" => "time limit",
            "delayed" | "delay" | "postponed" => "delay",
            "extended" => "extension",
            _ => return None,
        }
    } else {
        return None;
    };
    let last = if margin { i + 2 } else { i + 1 };
    let end = a.toks[i + 1].end;
    let raw = Raw {
        kind: FactKind::Measure,
        start: a.toks[i].start,
        end,
        key: format!("period:{}", a.text[a.toks[i].start..end].to_lowercase()),
        machine: machine(),
        label: Labeller::Ready(Label::new(label, "what the period is", false)),
        magnitude: 0.3,
        vague: false,
    };
    Some((raw, last + 1))
}

/// `aged 91` in a headline or dek: an obituary's point.
fn age_fact(a: &Analysed, i: usize, n: &Number) -> (Raw, usize) {
    let machine = plain_number(n, 0);
    let raw = Raw {
        kind: FactKind::Count,
        start: a.toks[i].start,
        end: a.toks[i].end,
        key: format!("age:{machine}"),
        machine: Some(machine),
        label: Labeller::Ready(Label::new("Age", "age in the headline", false)),
        magnitude: 0.0,
        vague: false,
    };
    (raw, i + 1)
}

/// `magnitude 6.8`.
fn magnitude_fact(a: &Analysed, i: usize) -> Option<(Raw, usize)> {
    let w = next_plain(a, i + 1)?;
    let n = parse_number(w)?;
    if n.len != w.len() || n.int.len() > 1 {
        return None;
    }
    let machine = plain_number(&n, 0);
    let raw = Raw {
        kind: FactKind::Measure,
        start: a.toks[i].start,
        end: a.toks[i + 1].end,
        key: format!("magnitude:{machine}"),
        machine: Some(machine),
        label: Labeller::Ready(Label::new("Magnitude", "the word magnitude", false)),
        magnitude: 0.5,
        vague: false,
    };
    Some((raw, i + 2))
}

/// `3-1`, `2–0`, `4-6, 7-6, 6-3`, `voted 71-28`: a score or a vote, when the words
/// around it say so.
fn score_fact(a: &Analysed, i: usize, n: &Number, suffix: &str) -> Option<(Raw, usize)> {
    if n.int.len() > 3 || !n.frac.is_empty() {
        return None;
    }
    let pair_end = |k: usize| -> Option<(usize, usize)> {
        let w = a.word(k);
        let n = parse_number(w)?;
        let suffix = &w[n.len..];
        if let Some(rest) = suffix.strip_prefix('-') {
            let ok =
                !rest.is_empty() && rest.len() <= 3 && rest.bytes().all(|b| b.is_ascii_digit());
            return ok.then_some((a.toks[k].end, k));
        }
        if suffix.is_empty() && a.text[a.toks[k].end..].starts_with('–') {
            let other = a.toks.get(k + 1)?;
            let ow = other.text(a.text);
            let adjacent = other.start == a.toks[k].end + '–'.len_utf8();
            let ok = adjacent && ow.len() <= 3 && ow.bytes().all(|b| b.is_ascii_digit());
            return ok.then_some((other.end, k + 1));
        }
        None
    };
    let _ = suffix;
    let (mut end, mut last) = pair_end(i)?;
    // Sets of a tennis match: `4-6, 7-6, 6-3`.
    while a.text[end..].starts_with(", ") {
        let k = last + 1;
        match pair_end(k) {
            Some((e, l)) if a.toks[k].start == end + 2 => {
                end = e;
                last = l;
            }
            _ => break,
        }
    }
    const BEFORE: &[&str] = &[
        "won", "lost", "beat", "beating", "drew", "draw", "win", "defeat", "victory", "score",
        "scored", "led", "trailing", "leads", "thrashed", "edged", "finished", "ended", "voted",
        "vote", "votes", "by", "winning",
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
        "vote",
        "margin",
    ];
    let prev = i.checked_sub(1).map_or("", |p| a.word(p));
    let after = a.word(last + 1);
    let vote = ["voted", "vote", "votes"]
        .iter()
        .any(|w| words::is(prev, w));
    // A verb of winning earlier in the sentence (`beat the top seed 4-6, 7-6, 6-3`).
    let sentence_from = a
        .sentence_at(a.toks[i].start)
        .map_or(0, |s| a.sentences[s].first);
    let won_before = (sentence_from.max(i.saturating_sub(10))..i)
        .any(|k| BEFORE.iter().any(|w| words::is(a.word(k), w)) && !words::is(a.word(k), "by"));
    let sets = last > i + 1;
    let sporty = won_before
        || sets
        || BEFORE.iter().any(|w| words::is(prev, w))
        || AFTER.iter().any(|w| words::is(after, w));
    if !sporty {
        return None;
    }
    let value = &a.text[a.toks[i].start..end];
    let label = Labeller::Ready(if vote {
        Label::new("Vote", "the word vote", false)
    } else {
        Label::new("Score", "a result in sport", false)
    });
    let raw = Raw {
        kind: FactKind::Count,
        start: a.toks[i].start,
        end,
        machine: None,
        key: format!("score:{value}"),
        label,
        magnitude: 0.5,
        vague: false,
    };
    Some((raw, last + 1))
}

fn is_vague_magnitude_key(k: &str) -> bool {
    matches!(
        k,
        "hundreds" | "tens" | "thousands" | "millions" | "billions" | "dozens"
    )
}

/// `hundreds of thousands of NVIDIA GPUs`: a count without an exact number.
fn vague_fact(a: &Analysed, i: usize) -> Option<(Raw, usize)> {
    if !is(a, i + 1, "of") {
        return None;
    }
    let mut j = i + 2;
    let mut buf = [0u8; 48];
    if next_plain(a, j)
        .and_then(|w| words::lower_key(w, &mut buf))
        .is_some_and(is_vague_magnitude_key)
        && is(a, j + 1, "of")
    {
        j += 2;
    }
    let (u0, u1) = unit_phrase(a, j)?;
    if is_time_unit(a.word(u0)) {
        return None;
    }
    let label = Labeller::Count {
        first: i,
        u0,
        u1,
        value_last: u1,
    };
    let (start, end) = (a.toks[i].start, a.toks[u1].end);
    let generic = is_generic_unit(a.word(u1));
    let raw = Raw {
        kind: FactKind::Count,
        start,
        end,
        machine: None,
        key: format!("vague:{}", a.text[start..end].to_lowercase()),
        label,
        magnitude: 0.3,
        vague: generic,
    };
    Some((raw, u1 + 1))
}

/// `people`, `users`: a unit so general that a vague count of it says little.
fn is_generic_unit(w: &str) -> bool {
    words::key_is(w, |k| {
        matches!(
            k,
            "people"
                | "users"
                | "customers"
                | "things"
                | "others"
                | "pounds"
                | "dollars"
                | "euros"
                | "times"
                | "ways"
        )
    })
}

/// `ten` to `ninety-nine`, `hundred`: spelled-out numbers worth a fact with a unit.
fn spelled_value(k: &str) -> Option<u64> {
    const UNITS: [&str; 9] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    const TEENS: [&str; 10] = [
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(p) = TEENS.iter().position(|t| *t == k) {
        return Some(10 + p as u64);
    }
    let (tens, unit) = k.split_once('-').unwrap_or((k, ""));
    let t = TENS.iter().position(|t| *t == tens)? as u64;
    let u = if unit.is_empty() {
        0
    } else {
        UNITS.iter().position(|x| *x == unit)? as u64 + 1
    };
    Some(20 + t * 10 + u)
}

/// `one` to `nine`, for periods only (`jailed for six years`).
fn spelled_small(k: &str) -> Option<u64> {
    [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ]
    .iter()
    .position(|u| *u == k)
    .map(|p| p as u64 + 1)
}

/// `Sixty firefighters`, `twelve new stores`.
fn spelled_fact(a: &Analysed, i: usize, value: u64) -> Option<(Raw, usize)> {
    if let Some(period) = period_at(a, i, || Some(value.to_string())) {
        return Some(period);
    }
    if i > 0
        && ["in", "of", "out"]
            .iter()
            .any(|w| words::is(a.word(i - 1), w))
    {
        return None; // `one in ten`
    }
    let (u0, u1) = unit_phrase(a, i + 1)?;
    if is_time_unit(a.word(u0))
        || a.word(i).contains(['-', '\u{2011}']) && a.word(i).ends_with("-year")
    {
        return None;
    }
    let label = Labeller::Count {
        first: i,
        u0,
        u1,
        value_last: u1,
    };
    let machine = value.to_string();
    let raw = Raw {
        kind: FactKind::Count,
        start: a.toks[i].start,
        end: a.toks[u1].end,
        key: format!("count:{machine}:{}", a.word(u1).to_lowercase()),
        machine: Some(machine),
        label,
        magnitude: 0.1,
        vague: false,
    };
    Some((raw, u1 + 1))
}

/// The counted thing after a number: up to four words ending in a plural noun
/// (`chips`, `new jobs`, `ticket offices`, `NVIDIA graphics processors`), or a word that
/// counts as it is (`people`, `staff`); word indices of its first and last word.
pub(super) fn unit_phrase(a: &Analysed, j: usize) -> Option<(usize, usize)> {
    let first = next_plain(a, j)?;
    if !is_unit_word_with(first, a.class(j), true) {
        return None;
    }
    if is_uncountable_unit(first) {
        return Some((j, j));
    }
    let mut last_plural = is_plural(first).then_some(j);
    let mut k = j + 1;
    while k < j + 4 {
        let Some(w) = next_plain(a, k) else { break };
        if !is_unit_word_with(w, a.class(k), false) {
            break;
        }
        if is_plural(w) || is_uncountable_unit(w) {
            last_plural = Some(k);
        }
        k += 1;
    }
    last_plural.map(|l| (j, l))
}

fn is_plural(w: &str) -> bool {
    (w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("'s")
        && !w.ends_with("’s")
        && w.len() > 2)
        || words::is_plural_acronym(w)
}

fn is_uncountable_unit(w: &str) -> bool {
    words::key_is(w, |k| {
        matches!(
            k,
            "people"
                | "staff"
                | "police"
                | "personnel"
                | "children"
                | "men"
                | "women"
                | "cattle"
                | "sheep"
                | "fish"
                | "aircraft"
                | "livestock"
                | "troops"
                | "crew"
                | "deer"
        )
    })
}

#[cfg(test)]
fn is_unit_word(w: &str, first: bool) -> bool {
    is_unit_word_with(w, words::classes(w), first)
}

/// [`is_unit_word`] with the word's lists (`words::classes`) already looked up, as a
/// text's words have them from reading.
fn is_unit_word_with(w: &str, class: u32, first: bool) -> bool {
    use words::bit;
    if !w
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\u{2011}' | '\'' | '’'))
    {
        return false;
    }
    if words::is_acronym(w) || words::is_plural_acronym(w) {
        debug_assert_eq!(class & bit::NOT_ENTITY != 0, words::is_not_entity(w));
        return class & bit::NOT_ENTITY == 0 || w.ends_with('s') || first;
    }
    // The word lower-cased is only compared with lower-case ASCII: compared in place,
    // ignoring ASCII case, without a lower-cased copy.
    let ends = |suffix: &str| {
        w.len() >= suffix.len()
            && w.as_bytes()[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    const NOT_UNITS: [&str; 15] = [
        "more", "less", "fewer", "lower", "higher", "up", "down", "each", "apiece", "above",
        "below", "ahead", "behind", "away", "ago",
    ];
    words::starts_lower(w)
        && class & bit::STOPWORD == 0
        && !ends("ly")
        // `words::is_reporting_verb`, from the lists.
        && !(w.starts_with(|c: char| c.is_ascii_alphabetic()) && class & bit::REPORTING != 0)
        && (!ends("ed") || ends("eed"))
        && !(first && ends("ing"))
        && !NOT_UNITS.iter().any(|n| w.eq_ignore_ascii_case(n))
}

/// Deadline and period words that make a date worth a line in the box.
fn is_date_trigger(w: &str) -> bool {
    words::key_is(w, |k| {
        matches!(
            k,
            "by" | "until"
                | "till"
                | "through"
                | "before"
                | "from"
                | "deadline"
                | "due"
                | "starting"
                | "in"
                | "on"
        )
    })
}

/// Triggers that only count when the clause looks ahead (`will … in 2028`).
fn needs_future(w: &str) -> bool {
    words::is(w, "in") || words::is(w, "on") || words::is(w, "from")
}

#[cfg(test)]
fn is_date_filler(w: &str) -> bool {
    is_date_filler_with(w, words::classes(w))
}

/// [`is_date_filler`] with the word's lists already looked up (a month or a weekday by
/// its bits), and its key lower-cased only when it is not already.
fn is_date_filler_with(w: &str, class: u32) -> bool {
    words::key_is(w, |k| is_date_filler_key(k, class))
}

/// The tests of [`is_date_filler`] on the word's lower-case key `k`.
fn is_date_filler_key(k: &str, class: u32) -> bool {
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
            | "on"
    ) || class & (words::bit::MONTH | words::bit::WEEKDAY) != 0
        || (k.len() <= 2 && k.bytes().all(|b| b.is_ascii_digit()))
        || (k.len() <= 4 && k.ends_with(['t', 'd', 'h']) && k.as_bytes()[0].is_ascii_digit())
        || is_clock_time(k)
}

fn is_clock_time(k: &str) -> bool {
    k.len() <= 6 && k.as_bytes()[0].is_ascii_digit() && (k.ends_with("am") || k.ends_with("pm"))
}

/// Does the clause before word `i` look ahead (`will`, `due to`, `expected`, `plans`)?
fn looks_ahead(a: &Analysed, i: usize) -> bool {
    let from = i.saturating_sub(12);
    (from..i)
        .rev()
        .take_while(|&k| !a.gap_before(k + 1).contains(['.', ';', '“', '”', '"']))
        .any(|k| {
            words::key_is(a.word(k), |w| {
                matches!(
                    w,
                    "will"
                        | "would"
                        | "due"
                        | "expected"
                        | "expects"
                        | "plans"
                        | "planned"
                        | "scheduled"
                        | "aims"
                        | "target"
                        | "goal"
                        | "deadline"
                        | "promised"
                        | "shall"
                        | "goes"
                        | "begins"
                        | "starts"
                        | "opens"
                        | "runs"
                )
            })
        })
}

/// `by the end of 2026`, `until at least 2032`, `by March 2027`, `until 17 January`,
/// `on 14 October`: a date kept only when a deadline or period word stands before it.
/// `y` is the year's word, or (with `year == None`) the day or month that ends the date.
fn date_fact(a: &Analysed, y: usize, year: Option<u32>) -> Option<(Raw, usize)> {
    let mut k = y;
    let mut month = None;
    let mut day = None;
    let trigger = loop {
        if k == 0 || y - k >= 7 {
            return None;
        }
        let gap = a.gap_before(k);
        if !gap.chars().all(|c| c.is_whitespace() || c == ',') {
            return None;
        }
        k -= 1;
        let w = a.word(k);
        if is_date_trigger(w)
            && !(k + 1 == y && (words::is(w, "in") || words::is(w, "on")) && year.is_none())
        {
            break k;
        }
        if !is_date_filler_with(w, a.class(k)) {
            return None;
        }
        // Only a word on the month list has a month number (a word never ends in `.`,
        // which `month_number` would trim): most words are asked without a look-up.
        debug_assert!(a.is_on(k, words::bit::MONTH) || words::month_number(w).is_none());
        if let Some(m) = a
            .is_on(k, words::bit::MONTH)
            .then(|| words::month_number(w))
            .flatten()
        {
            month = Some(m);
        } else if let Ok(d) = w.trim_end_matches(char::is_alphabetic).parse::<u32>() {
            day = Some(d).filter(|d| (1..=31).contains(d));
        }
    };
    let tw = a.word(trigger);
    if needs_future(tw) && !looks_ahead(a, trigger) {
        return None;
    }
    if year.is_none()
        && day.is_none()
        && (needs_future(tw) || month.is_some() && !a.is_on(y, words::bit::WEEKDAY))
    {
        return None; // `in late September`: too vague without a day or a year
    }
    if words::is(tw, "in") && month.is_none() && year.is_some() && !looks_ahead(a, trigger) {
        return None;
    }
    let machine = year.map(|year| iso_date(year, month, day));
    let label = Labeller::Date { trigger };
    let (start, end) = (a.toks[trigger].start, a.toks[y].end);
    let key = match &machine {
        Some(m) => ["date:", m].concat(),
        None => format!(
            "date:{}",
            a.text[a.toks[trigger + 1].start..end].to_lowercase()
        ),
    };
    let raw = Raw {
        kind: FactKind::Date,
        start,
        end,
        key,
        machine,
        label,
        magnitude: 0.0,
        vague: false,
    };
    Some((raw, y + 1))
}

/// `2026`, `2026-03` or `2026-03-14`: the year, then the month when known, then the day
/// when the month is known too, each zero-padded (four, two and two digits at least),
/// written digit by digit rather than through `format!`.
fn iso_date(year: u32, month: Option<u32>, day: Option<u32>) -> String {
    let mut out = String::with_capacity(10);
    push_padded(&mut out, year, 4);
    if let Some(m) = month {
        out.push('-');
        push_padded(&mut out, m, 2);
        if let Some(d) = day {
            out.push('-');
            push_padded(&mut out, d, 2);
        }
    }
    out
}

/// `n` in decimal with at least `width` digits (zeros in front), as `{n:0width$}`.
fn push_padded(out: &mut String, n: u32, width: usize) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let written = digits.len() - at;
    push_zeros(out, width.saturating_sub(written));
    // Decimal digits: ASCII, so always UTF-8.
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

/// Dates without a year (`until 17 January`, `until at least Sunday`), tried at a
/// month or weekday word.
pub(super) fn yearless_date(a: &Analysed, i: usize) -> Option<(Raw, usize)> {
    if a.class(i) & (words::bit::MONTH | words::bit::WEEKDAY) == 0 {
        return None;
    }
    let w = a.word(i);
    if !words::starts_upper(w) {
        return None;
    }
    // A year right after belongs to the date read at the year.
    if next_plain(a, i + 1).is_some_and(|n| n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let mut end = i;
    if words::is_month(w) {
        if let Some(d) = next_plain(a, i + 1) {
            if d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit()) {
                end = i + 1;
            }
        }
    }
    date_fact(a, end, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_currency_sign_ends_in_a_byte_the_filter_admits() {
        for (symbol, _) in CURRENCY_SYMBOLS {
            let last = symbol.as_bytes()[symbol.len() - 1];
            assert!(ends_a_symbol(last), "{symbol}");
        }
    }

    #[test]
    fn unit_words_are_those_of_the_lower_cased_copy() {
        // `is_unit_word` as it was, comparing a lower-cased copy.
        fn copied(w: &str, first: bool) -> bool {
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
                && (!lower.ends_with("ed") || lower.ends_with("eed"))
                && !(first && lower.ends_with("ing"))
                && !matches!(
                    lower.as_str(),
                    "more"
                        | "less"
                        | "fewer"
                        | "lower"
                        | "higher"
                        | "up"
                        | "down"
                        | "each"
                        | "apiece"
                        | "above"
                        | "below"
                        | "ahead"
                        | "behind"
                        | "away"
                        | "ago"
                )
        }
        const PIECES: [&str; 20] = [
            "more", "Less", "up", "AGO", "ly", "LY", "ed", "eed", "ing", "ING", "tonnes", "é", "É",
            "-", "’", "s", "x", "said", "the", "GW",
        ];
        for w in crate::editorial::text::texts_of_pieces(&PIECES, 20000, 4, 0x2545_F491_4F6C_DD1D) {
            for first in [false, true] {
                assert_eq!(is_unit_word(&w, first), copied(&w, first), "{w:?} {first}");
            }
        }
    }

    fn facts_of(text: &str) -> Vec<(FactKind, String, Option<String>, String)> {
        let a = Analysed::new(text);
        let mut out: Vec<Raw> = scan(&a, Place::Block(0));
        out.sort_by_key(|r| r.start);
        out.into_iter()
            .map(|mut r| {
                let label = r.label.resolve(&a).text.clone();
                (r.kind, text[r.start..r.end].to_string(), r.machine, label)
            })
            .collect()
    }

    fn values(text: &str) -> Vec<String> {
        facts_of(text).into_iter().map(|f| f.1).collect()
    }

    #[test]
    fn money_with_currency_scale_rate_and_range() {
        let f = facts_of("OpenAI just signed a $38 billion deal with Amazon Web Services.");
        assert_eq!(
            (f[0].0, f[0].1.as_str(), f[0].2.as_deref(), f[0].3.as_str()),
            (
                FactKind::Money,
                "$38 billion",
                Some("38000000000"),
                "Deal value"
            )
        );
        let v = values(
            "Revenue hit £600m, and €2 billion came from US$5 million bets and $1.13bn in sales.",
        );
        assert_eq!(v, vec!["£600m", "€2 billion", "US$5 million", "$1.13bn"]);
        let v = values(
            "Halberd will pay $41.50 a share, and albums cost £28 to £35 at £58.90 per megawatt hour.",
        );
        assert_eq!(
            v,
            vec!["$41.50 a share", "£28 to £35", "£58.90 per megawatt hour"]
        );
    }

    #[test]
    fn percentages_and_points() {
        let v = values(
            "Profit rose 3.5% while costs fell 12 per cent and turnout was up 4 percentage points.",
        );
        assert_eq!(v, vec!["3.5%", "12 per cent", "4 percentage points"]);
    }

    #[test]
    fn counts_with_units_and_vague_magnitudes() {
        assert_eq!(
            values(
                "OpenAI gets hundreds of thousands of NVIDIA graphics processors in AWS data centres."
            ),
            vec!["hundreds of thousands of NVIDIA graphics processors"]
        );
        assert_eq!(
            values("It will close 46 ticket offices by then."),
            vec!["46 ticket offices"]
        );
        assert_eq!(
            values("Sixty firefighters spent the night there."),
            vec!["Sixty firefighters"]
        );
        let f =
            facts_of("The service lost 464,000 subscribers, and 2.4 million people live there.");
        assert_eq!(f[0].3, "Subscribers lost");
        assert_eq!(
            (f[1].1.as_str(), f[1].2.as_deref()),
            ("2.4 million people", Some("2400000"))
        );
    }

    #[test]
    fn measures_times_and_magnitudes() {
        assert_eq!(
            values(
                "It reached 34C, carried 6,300kg to 800km, a 2.4-gigawatt farm, a magnitude 6.8 quake, won in 2:02:41."
            ),
            vec![
                "34C",
                "6,300kg",
                "800km",
                "2.4-gigawatt",
                "magnitude 6.8",
                "2:02:41"
            ]
        );
    }

    #[test]
    fn dates_that_matter_and_years_that_do_not() {
        let v = values(
            "The full setup will be in place by the end of 2026, and the window runs until at least 2032.",
        );
        assert_eq!(v, vec!["by the end of 2026", "until at least 2032"]);
        let f = facts_of("The rules apply by March 3, 2027 at the latest.");
        assert_eq!(f[0].2.as_deref(), Some("2027-03-03"));
        assert!(
            values("In 2024 the firm grew. She was born in 1980. It peaked in July 2022.")
                .is_empty()
        );
        assert_eq!(
            values("A trial will start in September 2027."),
            vec!["in September 2027"]
        );
    }

    #[test]
    fn discards_clock_times_ages_pages_phones_ids_and_model_numbers() {
        let text = "At 10:30 a.m. and 3pm, Jane, 45, aged 45, read page 12 of section 3 and called 020 7946 0000 or +44 20 7946 0000 about 5 years. The burst FRB 20260314B hit the FTSE 100 index and the Fold 3 phone.";
        assert!(values(text).is_empty(), "{:?}", values(text));
    }

    #[test]
    fn scores_and_votes() {
        assert_eq!(
            values("United won 3-1 at home, then drew 2–2 away."),
            vec!["3-1", "2–2"]
        );
        assert_eq!(
            values("She won 4-6, 7-6, 6-3 in the final."),
            vec!["4-6, 7-6, 6-3"]
        );
        let f = facts_of("The Senate voted 71-28 early Thursday.");
        assert_eq!((f[0].1.as_str(), f[0].3.as_str()), ("71-28", "Vote"));
        assert!(values("Pages 3-5 cover it.").is_empty());
    }

    #[test]
    fn numbers_and_plain_values_are_those_of_the_copying_versions() {
        const PIECES: [&str; 12] = [
            "0", "1", "5", "9", ",", ",000", ".", ".05", "0.", "x", "-", "00",
        ];
        let mut tried = 0;
        for tok in crate::editorial::text::texts_of_pieces(&PIECES, 20000, 9, 0x2545_F491_4F6C_DD1D)
        {
            let old = parse_number_by_copy(&tok);
            let new = parse_number(&tok);
            assert_eq!(
                new.as_ref()
                    .map(|n| (n.int.to_string(), n.frac.to_string(), n.len, n.grouped)),
                old,
                "{tok:?}"
            );
            if let Some(n) = new {
                for exp in [0, 1, 2, 3, 6, 9, 12, 20, 40] {
                    assert_eq!(
                        plain_number(&n, exp),
                        plain_number_by_digits(&n, exp),
                        "{tok:?} {exp}"
                    );
                    tried += 1;
                }
            }
        }
        assert!(tried > 50_000, "{tried}");
    }

    #[test]
    fn date_fillers_are_those_of_the_lower_cased_copy() {
        // `is_date_filler` as it was: a lower-cased copy, the month and weekday lists
        // asked by spelling.
        fn copied(w: &str) -> bool {
            let mut buf = [0u8; 48];
            let Some(k) = words::lower_key(w, &mut buf) else {
                return false;
            };
            is_date_filler_key(k, 0) || words::is_month(w) || words::is_weekday(w)
        }
        for w in [
            "the", "The", "END", "of", "at", "least", "Early", "mid", "March", "march", "Sept",
            "Monday", "mon", "14", "3rd", "21st", "10am", "10.30pm", "2026", "ﬁrst", "naïve", "x",
            "Q3", "’", "half", "quarter", "spring", "In", "on", "by",
        ] {
            assert_eq!(is_date_filler(w), copied(w), "{w}");
        }
    }

    #[test]
    fn plain_next_words_are_those_of_the_simple_test() {
        const PIECES: [&str; 10] = ["5", "m", " ", "  ", "\u{a0}", ", ", ".", "-", "$", "é"];
        for text in
            crate::editorial::text::texts_of_pieces(&PIECES, 3000, 14, 0x9E37_79B9_7F4A_7C15)
        {
            let a = Analysed::new(&text);
            for i in 0..a.word_count() + 2 {
                assert_eq!(
                    next_plain(&a, i),
                    next_plain_simple(&a, i),
                    "{i} of {text:?}"
                );
            }
        }
    }

    #[test]
    fn iso_dates_are_those_format_writes() {
        let years = [0, 7, 99, 1800, 2026, 2199, 12345, u32::MAX];
        let parts = [
            None,
            Some(0),
            Some(1),
            Some(9),
            Some(10),
            Some(12),
            Some(31),
            Some(400),
        ];
        for year in years {
            for month in parts {
                for day in parts {
                    let simple = match (month, day) {
                        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
                        (Some(m), None) => format!("{year:04}-{m:02}"),
                        (None, _) => format!("{year:04}"),
                    };
                    assert_eq!(iso_date(year, month, day), simple);
                }
            }
        }
    }

    #[test]
    fn plain_numbers_are_exact() {
        fn n(s: &str) -> Number<'_> {
            parse_number(s).expect("number")
        }
        assert_eq!(plain_number(&n("1.13"), 9), "1130000000");
        assert_eq!(plain_number(&n("3.5"), 0), "3.5");
        assert_eq!(plain_number(&n("500,000"), 0), "500000");
        assert_eq!(plain_number(&n("0.25"), 3), "250");
        assert_eq!(plain_number(&n("1.2345"), 2), "123.45");
        assert_eq!(plain_number(&n("2.50"), 0), "2.5");
    }
}
