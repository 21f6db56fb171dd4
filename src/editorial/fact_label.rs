//! Fact labels: a few words from around a figure that let a reader understand it
//! without the story (`Deal value`, `Profit rise`, `Ticket offices to close`, `In place
//! by`).
//!
//! The label comes from the first of these that the text offers, and records which one
//! (`explain` shows it): the noun right after the figure (`£48m gap` → `Gap`, `$38bn
//! computing contract` → `Contract value`); the noun it belongs to (`a pay offer of
//! 3.2%` → `Pay offer`, `Pre-tax profit rose to £412m` → `Pre-tax profit`); a change
//! (`Shares in Marlow Bank dropped 9.6%` → `Marlow Bank fall`); the verb before it
//! (`raised $45m` → `Amount raised`, `lost 464,000 subscribers` → `Subscribers lost`,
//! `plans to close 46 ticket offices` → `Ticket offices to close`); the words before a
//! deadline (`will be in place by …` → `In place by`). Failing those, the nearest noun
//! of the clause, marked weak so ranking can prefer figures that explain themselves.
//!
//! Every label word is taken from the text or from a short fixed vocabulary (`value`,
//! `rise`, `fall`, `Amount`); it never invents a subject.

use super::text::Analysed;
use super::words::{self, bit};

/// A label and how it was found.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Label {
    pub text: String,
    pub from: &'static str,
    /// A fallback that says little (`Amount`, the clause's subject).
    pub weak: bool,
}

impl Label {
    pub fn new(text: &str, from: &'static str, weak: bool) -> Label {
        Label {
            text: words::capitalise(text),
            from,
            weak,
        }
    }
}

/// The word at `i` if only spaces separate it from the word before.
fn plain<'t>(a: &Analysed<'t>, i: usize) -> Option<&'t str> {
    (i > 0 && i < a.toks.len() && a.gap_before(i).chars().all(char::is_whitespace))
        .then(|| a.word(i))
}

fn lower(w: &str) -> String {
    if w.is_ascii() {
        // No case tables and no curly apostrophe to fold: one allocation.
        return w.to_ascii_lowercase();
    }
    w.to_lowercase().replace('’', "'")
}

fn any(list: &[&str], w: &str) -> bool {
    list.iter().any(|l| words::is(w, l))
}

fn is_clause_break(gap: &str) -> bool {
    // Gaps are mostly one space: ASCII bytes are answered without decoding a char.
    gap.bytes().any(|b| {
        matches!(
            b,
            b'.' | b';' | b':' | b'!' | b'?' | b',' | b'(' | b')' | b'"' | b'[' | b']'
        )
    }) || (!gap.is_ascii() && gap.contains(['—', '–', '“', '”', '…']))
}

/// First word of the clause holding word `i` (bounded look-back).
fn clause_start(a: &Analysed, i: usize) -> usize {
    let mut k = i;
    while k > 0 && i - k < 25 && !is_clause_break(a.gap_before(k)) {
        k -= 1;
    }
    k
}

/// Is word `k` in the same clause as word `i` (k after i)?
fn same_clause_after(a: &Analysed, i: usize, k: usize) -> bool {
    k < a.toks.len() && (i + 1..=k).all(|j| !is_clause_break(a.gap_before(j)))
}

pub(super) const AUX: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "could", "can", "may", "might", "should", "must", "does", "did", "do", "shall", "to", "also",
    "now", "still", "already", "just", "then",
];

pub(super) const APPROXIMATORS: &[&str] = &[
    "about",
    "around",
    "almost",
    "nearly",
    "roughly",
    "some",
    "approximately",
    "over",
    "under",
    "than",
    "more",
    "less",
    "fewer",
    "up",
    "least",
    "at",
    "an",
    "estimated",
    "a",
    "further",
    "record",
    "just",
    "only",
    "another",
    "extra",
    "total",
    "some",
    "barely",
    "well",
    "below",
    "above",
    "just",
];

/// A word that can head or sit in a noun phrase used as a label.
fn is_content(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_alphabetic)
        && !words::has_digit(w)
        && words::classes(w) & NOT_CONTENT == 0
        && !ends_like_past_tense(w)
}

/// The lists whose words never make a label.
const NOT_CONTENT: u32 = bit::STOPWORD
    | bit::REPORTING
    | bit::MONTH
    | bit::WEEKDAY
    | bit::NUMBER_WORD
    | bit::AUX
    | bit::UP
    | bit::DOWN
    | bit::VERB;

/// [`is_content`] for word `i` of `a`, with its lists looked up already.
fn is_content_at(a: &Analysed, i: usize) -> bool {
    let w = a.word(i);
    w.as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic() || *b >= 0x80)
        && a.class(i) & NOT_CONTENT == 0
        && w.chars().next().is_some_and(char::is_alphabetic)
        && !words::has_digit(w)
        && !ends_like_past_tense(w)
}

/// `agreed`, `installed`: a verb, except the few nouns that end so (`need`, `hundred`).
fn ends_like_past_tense(w: &str) -> bool {
    w.ends_with("ed")
        && ![
            "need", "speed", "seed", "feed", "red", "bed", "shed", "hundred",
        ]
        .iter()
        .any(|n| words::is(w, n))
}

/// Words that are verbs far more often than label nouns.
fn is_verbish(w: &str) -> bool {
    if words::classes(w) & bit::AUX != 0 {
        return true;
    }
    ends_like_past_tense(w) || words::classes(w) & (bit::UP | bit::DOWN | bit::VERB) != 0
}

/// Common verbs that would read as nouns in a label.
pub(super) const VERBS: &[&str] = &[
    "expects", "plans", "says", "makes", "takes", "gives", "gets", "puts", "sets", "runs", "keeps",
    "holds", "brings", "agreed", "agrees", "sells", "buys", "pays", "costs", "wants", "needs",
    "hopes", "aims", "provides", "handles", "employs", "reach", "reached", "hit", "hits", "put",
    "set", "made", "took", "went", "came", "won", "lost", "spent", "paid", "sold", "bought", "cut",
    "left", "kept", "held", "told",
];

pub(super) const UP: &[&str] = &[
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
    "doubled",
    "widened",
];
pub(super) const DOWN: &[&str] = &[
    "fell", "fall", "falls", "fallen", "falling", "dropped", "drop", "drops", "declined",
    "decline", "declines", "slumped", "slid", "plunged", "down", "shrank", "lower", "cut", "cuts",
    "dipped", "tumbled", "eased", "slipped", "sank", "halved", "narrowed", "slowed",
];

fn direction(w: &str) -> Option<&'static str> {
    let class = words::classes(w);
    if class & bit::UP != 0 {
        Some("rise")
    } else if class & bit::DOWN != 0 {
        Some("fall")
    } else {
        None
    }
}

pub(super) const DEAL_NOUNS: &[&str] = &[
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
];

pub(super) const MONEY_NOUNS: &[&str] = &[
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
    "gap",
    "upgrade",
    "package",
    "programme",
    "program",
    "plan",
    "relief",
    "aid",
    "deposit",
    "premium",
    "payment",
    "value",
    "worth",
    "charge",
    "levy",
    "overspend",
    "shortfall",
    "black",
    "hole",
];

/// Verbs before a money figure, and the label they give.
fn money_verb_label(w: &str) -> Option<&'static str> {
    Some(match lower(w).as_str() {
        "raised" | "raise" | "raises" | "raising" => "Amount raised",
        "spent" | "spend" | "spends" | "spending" => "Spending",
        "paid" | "pay" | "pays" | "paying" => "Amount paid",
        "cost" | "costs" | "costing" => "Cost",
        "invested" | "invest" | "invests" | "investing" => "Investment",
        "lost" | "lose" | "loses" => "Loss",
        "earned" | "earn" | "earns" => "Earnings",
        "owes" | "owed" | "owe" => "Amount owed",
        "fined" => "Fine",
        "saved" | "save" | "saves" => "Savings",
        "borrowed" | "borrow" => "Borrowing",
        "aside" => "Set aside",
        "provides" | "provided" | "provide" | "contributes" | "contributed" => "Contribution",
        "valued" | "values" | "valuing" => "Valuation",
        "worth" => "Value",
        "charged" | "charges" | "charge" => "Charge",
        "generated" | "generates" => "Generated",
        "handles" | "handled" | "processes" | "processed" => "Handled",
        "sought" | "seeks" => "Amount sought",
        "committed" | "pledged" | "pledges" => "Pledged",
        "sells" | "sold" | "sell" | "retails" | "priced" | "costs from" => "Price",
        "secured" | "won" | "awarded" => "Amount won",
        "recovered" => "Recovered",
        "stole" | "stolen" | "took" | "embezzled" => "Amount taken",
        _ => return None,
    })
}

/// Up to `max` content words ending right before word `end` (exclusive), in the same
/// clause; a number may sit inside a name (`FTSE 100 index`).
fn noun_phrase_before(a: &Analysed, end: usize, max: usize) -> Option<(usize, usize)> {
    let mut s = end;
    while s > 0 && end - s < max {
        let w = a.word(s - 1);
        let name_number = words::has_digit(w)
            && s >= 2
            && words::starts_upper(a.word(s - 2))
            && !is_clause_break(a.gap_before(s - 1));
        if !(is_content_at(a, s - 1) || name_number) {
            break;
        }
        if s < end && is_clause_break(a.gap_before(s)) {
            break;
        }
        s -= 1;
    }
    while s < end && words::has_digit(a.word(s)) {
        s += 1;
    }
    (s < end).then_some((s, end))
}

/// Up to `max` content words starting at word `from`, same clause, plain gaps.
fn noun_phrase_after(a: &Analysed, from: usize, max: usize) -> Option<(usize, usize)> {
    let mut e = from;
    while e < a.toks.len() && e - from < max && is_content_at(a, e) {
        if e > from && plain(a, e).is_none() {
            break;
        }
        e += 1;
    }
    (e > from).then_some((from, e))
}

/// Words `s..e` of `a` as written, names and acronyms kept, ordinary words lower-cased.
fn lower_span(a: &Analysed, (s, e): (usize, usize)) -> String {
    let text = &a.text[a.toks[s].start..a.toks[e - 1].end];
    let mut out = String::with_capacity(text.len());
    for (k, w) in text.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            // No capital: nothing to keep and nothing to lower (every test below wants
            // a capital letter).
            out.push_str(w);
        } else if keeps_case(w) {
            out.push_str(w);
        } else {
            out.push_str(&w.to_lowercase());
        }
    }
    out
}

/// Names and acronyms are kept as written in a label.
fn keeps_case(w: &str) -> bool {
    let name_like =
        words::starts_upper(w) && !words::is_stopword(w) && w.len() > 1 && !looks_common(w);
    words::is_acronym(w)
        || words::is_camel_case(w)
        || w.chars().skip(1).any(char::is_uppercase)
        || name_like
}

/// A capitalised word that is an ordinary word at the start of a sentence.
fn looks_common(w: &str) -> bool {
    if !is_content(w) {
        return false;
    }
    let lower = lower(w);
    MONEY_NOUNS.contains(&lower.as_str())
        || DEAL_NOUNS.contains(&lower.as_str())
        || words::is_ordinary_opener(w)
        || [
            "pre-tax",
            "core",
            "services",
            "average",
            "food",
            "shares",
            "house",
            "prices",
            "inflation",
            "the",
        ]
        .contains(&lower.as_str())
}

/// Index of the first word before `i` that is not an approximator (`about`, `more than`).
fn skip_approximators_back(a: &Analysed, i: usize) -> usize {
    let mut k = i;
    while k > 0
        && i - k < 4
        && a.class(k - 1) & bit::APPROXIMATOR != 0
        && !is_clause_break(a.gap_before(k))
    {
        k -= 1;
    }
    k
}

/// The subject right before a verb at `v` (auxiliaries and a relative clause skipped):
/// `The Bank's base rate has been held` → `base rate`; `Core inflation, which strips
/// out energy, eased` → `Core inflation`.
fn subject_before_verb(a: &Analysed, v: usize) -> Option<(usize, usize)> {
    let mut u = v;
    while u > 0 && v - u < 3 && a.class(u - 1) & bit::AUX != 0 && !is_clause_break(a.gap_before(u))
    {
        u -= 1;
    }
    if u > 0 && a.gap_before(u).contains(',') {
        // `X, which …, verb` and `X, apposition, verb`: the subject stands before the
        // first comma.
        let lo = u.saturating_sub(20);
        let r = (lo..u - 1).rev().find(|&k| a.gap_before(k).contains(','))?;
        return noun_phrase_before(a, r, 3);
    }
    noun_phrase_before(a, u, 3)
}

/// `Shares in Marlow Bank dropped 9.6%` → `Marlow Bank fall`; `inflation fell to 2.6%`
/// → `Inflation` (a level, after `to`).
fn change_label(a: &Analysed, first: usize) -> Option<Label> {
    let cs = clause_start(a, first);
    let before = skip_approximators_back(a, first);
    let level = before > 0 && words::is(a.word(before - 1), "to");
    let by = before > 0 && words::is(a.word(before - 1), "by");
    let look_from = before - usize::from(level || by);
    for k in (cs..look_from).rev().take(4) {
        let Some(dir) = direction(a.word(k)) else {
            continue;
        };
        let subject = subject_before_verb(a, k).map(|s| lower_span(a, s));
        return Some(match (subject, level) {
            (Some(s), true) => Label::new(&s, "subject of a change, as a level", false),
            (Some(s), false) => Label::new(&format!("{s} {dir}"), "subject of a change", false),
            (None, true) => return None,
            (None, false) => Label::new(dir, "a change", true),
        });
    }
    None
}

/// `revenue of £5m`, `a turnout of 64%`, `the average price of a home reached £285,400`.
fn noun_before(a: &Analysed, first: usize) -> Option<Label> {
    let cs = clause_start(a, first);
    let k = skip_approximators_back(a, first);
    if k <= cs {
        return None;
    }
    let link = a.word(k - 1);
    if any(
        &[
            "of", "at", "reached", "hit", "totalled", "totaled", "was", "is", "were", "stood",
            "of:",
        ],
        link,
    ) {
        // `valued at`, `held at`, `closed at`: the verb before says what.
        if words::is(link, "at") && k >= 2 {
            if let Some(l) = money_verb_label(a.word(k - 2)) {
                return Some(Label::new(l, "verb before the figure", false));
            }
            if is_verbish(a.word(k - 2)) {
                let s = subject_before_verb(a, k - 2)?;
                return Some(Label::new(
                    &lower_span(a, s),
                    "subject of the verb before",
                    false,
                ));
            }
        }
        if any(
            &[
                "reached", "hit", "totalled", "totaled", "was", "is", "were", "stood",
            ],
            link,
        ) {
            let s = subject_before_verb(a, k - 1)?;
            return Some(Label::new(
                &lower_span(a, s),
                "subject of the verb before",
                false,
            ));
        }
        // `the average price of a home` reads better whole.
        let np = noun_phrase_before(a, k - 1, 3)?;
        let mut text = lower_span(a, np);
        if np.0 >= 3 && words::is(a.word(np.0 - 1), "of") {
            if let Some(head) = noun_phrase_before(a, np.0 - 1, 2) {
                if words::is(link, "of") && !is_clause_break(a.gap_before(np.0)) {
                    text = format!("{} of {}", lower_span(a, head), text);
                }
            }
        }
        if words::is(a.word(np.0.saturating_sub(1)), "a")
            && words::is(a.word(np.0.saturating_sub(2)), "of")
        {
            // `the price of a home` handled above; nothing more.
        }
        return Some(Label::new(&text, "noun the figure belongs to", false));
    }
    None
}

/// `$38bn computing contract` → `Contract value`; `£48m gap` → `Gap`; with `in_too`,
/// also `$18.5bn in disaster relief` → `Disaster relief`.
fn noun_after(a: &Analysed, last: usize, money: bool, in_too: bool) -> Option<Label> {
    let j = last + 1;
    if !same_clause_after(a, last, j) {
        return None;
    }
    if let Some((s, e)) = noun_phrase_after(a, j, 3) {
        let head = a.word(e - 1);
        if words::classes(head) & bit::DEAL_NOUN != 0 {
            return Some(Label::new(
                &format!("{} value", lower(head)),
                "deal noun after the figure",
                false,
            ));
        }
        let noun_like = !is_verbish(head) && !lower(head).ends_with("ly") && !figure_timeish(head);
        if noun_like && (!money || words::classes(head) & bit::MONEY_NOUN != 0 || e - s >= 1) {
            return Some(Label::new(
                &lower_span(a, (s, e)),
                "noun after the figure",
                false,
            ));
        }
    }
    if in_too
        && (words::is(a.word(j), "in") || words::is(a.word(j), "for"))
        && same_clause_after(a, last, j + 1)
    {
        let for_what = words::is(a.word(j), "for");
        let mut s = j + 1;
        while s < a.toks.len() && any(&["the", "a", "an", "its", "their", "new"], a.word(s)) {
            s += 1;
        }
        let first = a.word(s);
        if !figure_timeish(first) && !any(&["cash", "total", "all", "shares", "stock"], first) {
            if let Some(np) = noun_phrase_after(a, s, 3) {
                let from = if for_what {
                    "what the figure is for"
                } else {
                    "what the figure is in"
                };
                return Some(Label::new(&lower_span(a, np), from, false));
            }
        }
    }
    None
}

fn figure_timeish(w: &str) -> bool {
    words::is_month(w)
        || words::is_weekday(w)
        || any(
            &[
                "year",
                "years",
                "month",
                "months",
                "week",
                "weeks",
                "quarter",
                "half",
                "day",
                "days",
                "decade",
                "morning",
                "afternoon",
                "evening",
                "trading",
                "period",
                "time",
                "past",
                "first",
                "last",
                "next",
                "total",
                "hours",
                "hour",
                "minutes",
                "weeks",
                "ago",
                "each",
                "apiece",
            ],
            w,
        )
}

/// The nearest content words before the figure in its clause: a weak label.
fn nearest_noun(a: &Analysed, first: usize) -> Option<Label> {
    let cs = clause_start(a, first);
    let mut k = first;
    while k > cs && !is_content_at(a, k - 1) {
        k -= 1;
    }
    let np = noun_phrase_before(a, k, 3)?;
    (np.0 >= cs).then(|| Label::new(&lower_span(a, np), "nearest noun in the clause", true))
}

/// Label for money at words `first..=last` (the value may run on to `value_last`: a rate).
pub(super) fn money(a: &Analysed, first: usize, last: usize, value_last: usize) -> Label {
    if value_last != last && words::is(a.word(value_last), "share") {
        return Label::new("price per share", "a price per share", false);
    }
    if let Some(l) = noun_after(a, value_last, true, false) {
        return l;
    }
    let k = skip_approximators_back(a, first);
    let verb = (k > 0 && !is_clause_break(a.gap_before(k))).then(|| a.word(k - 1));
    // `lost £9bn in market value` says more by what it was in.
    let losing = verb.is_some_and(|v| any(&["lost", "lose", "loses", "wiped"], v));
    if let Some(l) = verb.filter(|_| !losing).and_then(money_verb_label) {
        // `A single ticket costs £2` → `Single ticket cost`.
        if l == "Cost" || l == "Price" {
            if let Some(s) = subject_before_verb(a, k - 1) {
                let noun = if l == "Cost" { "cost" } else { "price" };
                return Label::new(
                    &format!("{} {noun}", lower_span(a, s)),
                    "subject of a price",
                    false,
                );
            }
        }
        return Label::new(l, "verb before the figure", false);
    }
    if let Some(l) =
        noun_after(a, value_last, true, true).filter(|l| l.from == "what the figure is for")
    {
        return l;
    }
    // `had cost the airline €85m`: the verb may stand before its object.
    let cs = clause_start(a, first);
    for back in 2..=4 {
        let Some(v) = k.checked_sub(back).filter(|&v| v >= cs) else {
            break;
        };
        if let Some(l) = money_verb_label(a.word(v)).filter(|_| {
            (v + 1..k)
                .all(|o| is_content_at(a, o) || any(&["the", "a", "an", "its", "their"], a.word(o)))
        }) {
            return Label::new(l, "verb before the figure", false);
        }
    }
    // `$300 less than the old one`, `£4,000 more`.
    if let Some(w) =
        Some(a.word(value_last + 1)).filter(|_| same_clause_after(a, value_last, value_last + 1))
    {
        if any(&["less", "cheaper", "lower"], w) {
            return Label::new("price cut", "the word after the figure", false);
        }
        if any(&["more", "dearer", "higher", "over"], w) {
            // `£14m more than budgeted`
            let over_plan = (value_last + 2..value_last + 5).any(|k| {
                any(
                    &[
                        "budgeted",
                        "budget",
                        "planned",
                        "expected",
                        "forecast",
                        "estimated",
                    ],
                    a.word(k),
                )
            });
            let text = if over_plan {
                "over budget"
            } else {
                "difference"
            };
            return Label::new(text, "the words after the figure", false);
        }
    }
    // `About £620,000 has been recovered`: what happened to the money.
    {
        let mut j = value_last + 1;
        while j < a.toks.len()
            && j < value_last + 4
            && a.class(j) & bit::AUX != 0
            && same_clause_after(a, value_last, j)
        {
            j += 1;
        }
        let w = a.word(j);
        if j > value_last + 1 && lower(w).ends_with("ed") && same_clause_after(a, value_last, j) {
            return Label::new(&lower(w), "what happened to it", false);
        }
    }
    if let Some(l) = noun_after(a, value_last, true, true) {
        return l;
    }
    if k > 0 && !is_clause_break(a.gap_before(k)) {
        if let Some(l) = money_verb_label(a.word(k - 1)) {
            return Label::new(l, "verb before the figure", false);
        }
        if words::is(a.word(k - 1), "for") && k >= 2 {
            if let Some(l) = money_verb_label(a.word(k - 2)) {
                return Label::new(l, "verb before the figure", false);
            }
        }
    }
    if let Some(l) = change_label(a, first).or_else(|| noun_before(a, first)) {
        return l;
    }
    nearest_noun(a, first).unwrap_or_else(|| Label::new("amount", "no words to go on", true))
}

/// Label for a percentage at words `first..=last`.
pub(super) fn percent(a: &Analysed, first: usize, last: usize) -> Label {
    if let Some(l) = change_label(a, first) {
        return l;
    }
    let j = last + 1;
    if same_clause_after(a, last, j) {
        let w = a.word(j);
        const NOUNS: &[&str] = &[
            "rise", "fall", "increase", "decrease", "drop", "cut", "jump", "gain", "decline",
            "growth", "slump", "surge", "premium", "stake", "share", "discount", "margin",
            "majority", "turnout", "stake", "rate", "return",
        ];
        let w2 = a.word(j + 1);
        if is_content_at(a, j) && any(NOUNS, w2) && same_clause_after(a, j, j + 1) && !any(NOUNS, w)
        {
            // `a 4.99% tax rise` → `Tax rise`
            return Label::new(
                &format!("{} {}", lower(w), lower(w2)),
                "noun after the figure",
                false,
            );
        }
        if any(NOUNS, w) {
            // `an 18% rise in annual profit` → `Annual profit rise`
            if words::is(a.word(j + 1), "in") && same_clause_after(a, j, j + 2) {
                if let Some(np) = noun_phrase_after(a, j + 2, 3) {
                    return Label::new(
                        &format!("{} {}", lower_span(a, np), lower(w)),
                        "change in what follows",
                        false,
                    );
                }
            }
            return Label::new(&lower(w), "noun after the figure", false);
        }
        if words::is(w, "of") {
            if let Some(np) = noun_phrase_after(a, j + 1, 3) {
                return Label::new(
                    &format!("share of {}", lower_span(a, np)),
                    "share of what follows",
                    false,
                );
            }
        }
        if lower(w).ends_with("ed") && !is_clause_break(a.gap_before(j)) {
            if let Some(np) = noun_phrase_after(a, j + 1, 2) {
                return Label::new(
                    &format!("{} {}", lower(w), lower_span(a, np)),
                    "what the figure did",
                    false,
                );
            }
        }
    }
    if let Some(l) = noun_before(a, first) {
        return l;
    }
    nearest_noun(a, first).unwrap_or_else(|| Label::new("share", "no words to go on", true))
}

/// Past forms a count's verb becomes in a label (`lost 464,000 subscribers` →
/// `Subscribers lost`).
const COUNT_VERBS_PAST: &[&str] = &[
    "lost",
    "cut",
    "sold",
    "hired",
    "shed",
    "won",
    "built",
    "shipped",
    "added",
    "gained",
    "axed",
    "created",
    "cancelled",
    "canceled",
    "destroyed",
    "closed",
    "opened",
    "treated",
    "killed",
    "injured",
    "recovered",
    "recorded",
    "received",
    "affected",
    "evacuated",
    "rescued",
    "arrested",
    "delivered",
    "signed",
    "launched",
    "published",
    "planted",
    "trained",
    "vaccinated",
    "beat",
    "beaten",
    "scored",
];

/// Base forms after `to`/`will` (`plans to close 46 ticket offices`).
const COUNT_VERBS_BASE: &[&str] = &[
    "build", "close", "hire", "cut", "create", "open", "add", "employ", "shed", "recruit", "axe",
    "sell", "ship", "plant", "train", "deliver", "launch", "buy", "replace", "refit", "hire",
    "house", "treat", "install",
];

/// Label for a count at word `first` with its unit `u0..=u1` (the value may run on to
/// `value_last`, a rate).
pub(super) fn count(a: &Analysed, first: usize, u0: usize, u1: usize, value_last: usize) -> Label {
    let unit = lower_span(a, (u0, u1 + 1));
    let rate =
        (value_last > u1).then(|| a.text[a.toks[u1 + 1].start..a.toks[value_last].end].to_string());
    let with_rate = |s: String| match &rate {
        Some(r) => format!("{s} {r}"),
        None => s,
    };
    let k = skip_approximators_back(a, first);
    if k > 0 && !is_clause_break(a.gap_before(k)) {
        let verb = lower(a.word(k - 1));
        if COUNT_VERBS_PAST.contains(&verb.as_str()) {
            return Label::new(
                &with_rate(format!("{unit} {verb}")),
                "verb before the count",
                false,
            );
        }
        let base = COUNT_VERBS_BASE.contains(&verb.as_str())
            && k >= 2
            && any(
                &["to", "will", "would", "and", "could", "can"],
                a.word(k - 2),
            );
        if base {
            return Label::new(
                &with_rate(format!("{unit} to {verb}")),
                "verb before the count",
                false,
            );
        }
    }
    let after = value_last + 1;
    if same_clause_after(a, value_last, after) {
        let w = a.word(after);
        if any(
            &[
                "lower", "higher", "more", "fewer", "up", "down", "ahead", "behind",
            ],
            w,
        ) {
            return Label::new(
                &format!("{unit} {}", lower(w)),
                "the word after the count",
                false,
            );
        }
        const PREPOSITIONS: &[&str] = &[
            "in", "on", "per", "across", "at", "for", "from", "inside", "within",
        ];
        if any(PREPOSITIONS, w) && rate.is_none() {
            let mut end = after;
            let mut m = after + 1;
            while m < a.toks.len() && m <= after + 3 && plain(a, m).is_some() {
                if !a.is_on(m, words::bit::STOPWORD) && !words::has_digit(a.word(m)) {
                    end = m;
                }
                m += 1;
            }
            let tail_ok = end > after
                && !figure_timeish(a.word(end))
                && !words::starts_upper(a.word(after + 1));
            if tail_ok {
                let text = format!(
                    "{unit} {}",
                    a.text[a.toks[after].start..a.toks[end].end].to_lowercase()
                );
                return Label::new(&text, "unit and what follows", false);
            }
        }
    }
    Label::new(&with_rate(unit), "the unit counted", false)
}

/// `every 15 minutes` at word `every`: what runs that often.
pub(super) fn frequency(a: &Analysed, every: usize) -> Label {
    let cs = clause_start(a, every);
    let subject = (cs..every)
        .rev()
        .find(|&k| {
            is_verbish(a.word(k)) || any(&["runs", "comes", "goes", "leaves", "arrives"], a.word(k))
        })
        .and_then(|v| subject_before_verb(a, v));
    match subject {
        Some(s) => Label::new(
            &format!("{} frequency", lower_span(a, s)),
            "what runs that often",
            false,
        ),
        None => Label::new("how often", "the word every", false),
    }
}

/// Label for a count with no unit (`sells about 250 a week`) at words `first..=last`.
pub(super) fn bare_count(a: &Analysed, first: usize, last: usize) -> Label {
    if last == first {
        if let Some(l) = change_label(a, first).or_else(|| noun_before(a, first)) {
            return l;
        }
    }
    let rate =
        (last > first).then(|| a.text[a.toks[first + 1].start..a.toks[last].end].to_string());
    let k = skip_approximators_back(a, first);
    if k > 0 && !is_clause_break(a.gap_before(k)) {
        let verb = lower(a.word(k - 1));
        let past = match verb.as_str() {
            "sells" | "sold" | "sell" => Some("sold"),
            "makes" | "made" => Some("made"),
            "handles" | "handled" => Some("handled"),
            "serves" | "served" => Some("served"),
            "employs" | "employed" => Some("employed"),
            "carries" | "carried" => Some("carried"),
            v if COUNT_VERBS_PAST.contains(&v) => {
                Some(COUNT_VERBS_PAST[COUNT_VERBS_PAST.iter().position(|p| *p == v).unwrap_or(0)])
            }
            _ => None,
        };
        if let Some(p) = past {
            let text = match &rate {
                Some(r) => format!("{p} {r}"),
                None => p.to_string(),
            };
            return Label::new(&text, "verb before the count", false);
        }
    }
    nearest_noun(a, first).unwrap_or_else(|| Label::new("total", "no words to go on", true))
}

/// Label for a measure (`34C`, `2:02:41`): what it measures, or the noun it belongs to.
pub(super) fn measure(a: &Analysed, first: usize, last: usize, what: &str) -> Label {
    if what == "Time" {
        let cs = clause_start(a, first);
        let won = (cs..first).any(|k| {
            any(
                &["won", "win", "wins", "finished", "ran", "record"],
                a.word(k),
            )
        });
        return Label::new(
            if won { "winning time" } else { "time" },
            "a time h:mm:ss",
            false,
        );
    }
    let next = a.word(last + 1);
    if same_clause_after(a, last, last + 1) && any(&["tall", "high"], next) {
        return Label::new("height", "the word after the measure", false);
    }
    if let Some(l) = noun_before(a, first).filter(|l| !l.weak) {
        return l;
    }
    Label::new(what, "the unit measured", false)
}

/// Label for a date with its deadline word at `trigger`: the words before it (`will be
/// in place by` → `In place by`, `Amazon expects it to be installed by` → `Installed by`).
pub(super) fn date(a: &Analysed, trigger: usize) -> Label {
    let t = lower(a.word(trigger));
    let cs = clause_start(a, trigger);
    let lo = trigger.saturating_sub(4).max(cs);
    let kept: Vec<usize> = (lo..trigger)
        .filter(|&k| {
            let w = a.word(k);
            (words::classes(w) & bit::AUX == 0 || words::is(w, "to"))
                && !any(
                    &[
                        "the", "a", "an", "it", "all", "of", "them", "this", "that", "which",
                        "who", "and", "its", "their", "his", "her", "our",
                    ],
                    w,
                )
                && !words::has_digit(w)
        })
        .collect();
    let kept: Vec<usize> = match kept
        .iter()
        .position(|&k| is_verbish(a.word(k)) || any(&["due", "in", "on"], a.word(k)))
    {
        Some(p) if kept.len() - p <= 3 => kept[p..].to_vec(),
        _ => kept.iter().rev().take(3).rev().copied().collect(),
    };
    let kept: Vec<usize> = kept
        .into_iter()
        .skip_while(|&k| words::is(a.word(k), "to"))
        .collect();
    if kept.is_empty() {
        let fallback = match t.as_str() {
            "until" | "till" | "through" => "runs until",
            "from" | "starting" => "from",
            "in" | "on" => "date",
            _ => "deadline",
        };
        return Label::new(fallback, "the deadline word alone", true);
    }
    let words_text: Vec<String> = kept
        .iter()
        .map(|&k| {
            let w = a.word(k);
            if words::is_acronym(w) || words::is_camel_case(w) {
                w.to_string()
            } else {
                lower(w)
            }
        })
        .collect();
    let mut text = words_text.join(" ");
    if !["in", "on"].contains(&t.as_str()) || !text.ends_with(&t) {
        text = format!("{text} {t}");
    }
    Label::new(&text, "words before the deadline", false)
}

/// The label words as first written: the reference `lower_span` is tested against.
#[cfg(test)]
fn lower_span_by_words(a: &Analysed, (s, e): (usize, usize)) -> String {
    let text = a.text[a.toks[s].start..a.toks[e - 1].end].to_string();
    text.split(' ')
        .map(|w| {
            if keeps_case(w) {
                w.to_string()
            } else {
                w.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::figure::scan;
    use super::super::{Place, text::Analysed};
    use super::{lower_span, lower_span_by_words};

    #[test]
    fn label_words_are_lowered_as_word_by_word() {
        let text = "The Bank of England’s Chief said “Revenue ROSE by £3bn”, naïve OpenAI \
                    GPUs Σίσυφος at McLeod's Services. Pre-tax Shares, the AI-led İstanbul \
                    core PROFIT x A.B. rose 3% in q3 ÉCOLE";
        let a = Analysed::new(text);
        let n = a.word_count();
        for s in 0..n {
            for e in s + 1..=n.min(s + 9) {
                assert_eq!(
                    lower_span(&a, (s, e)),
                    lower_span_by_words(&a, (s, e)),
                    "{s}..{e}"
                );
            }
        }
        assert_eq!(lower_span(&a, (0, 3)), "the Bank of");
    }

    fn labels(text: &str) -> Vec<(String, String)> {
        let a = Analysed::new(text);
        scan(&a, Place::Block(0))
            .into_iter()
            .map(|mut r| {
                let label = r.label.resolve(&a).text.clone();
                (text[r.start..r.end].to_string(), label)
            })
            .collect()
    }

    fn label_of(text: &str, value: &str) -> String {
        labels(text)
            .into_iter()
            .find(|(v, _)| v == value)
            .map(|(_, l)| l)
            .unwrap_or_else(|| panic!("{value} not read in {text:?}: {:?}", labels(text)))
    }

    #[test]
    fn labels_read_like_a_sub_editors() {
        assert_eq!(
            label_of(
                "The council plans a 4.99% tax rise to close a £48m gap.",
                "£48m"
            ),
            "Gap"
        );
        assert_eq!(
            label_of(
                "On Monday OpenAI agreed a $38bn computing contract with AWS.",
                "$38bn"
            ),
            "Contract value"
        );
        assert_eq!(
            label_of(
                "Pre-tax profit rose to £412m in the year to 28 February.",
                "£412m"
            ),
            "Pre-tax profit"
        );
        assert_eq!(
            label_of("The union says a pay offer of 3.2% falls short.", "3.2%"),
            "Pay offer"
        );
        assert_eq!(
            label_of(
                "Shares in Marlow Bank dropped 9.6% after the warning.",
                "9.6%"
            ),
            "Marlow Bank fall"
        );
        assert_eq!(
            label_of("It raised $45m in a funding round.", "$45m"),
            "Amount raised"
        );
        assert_eq!(
            label_of(
                "The service lost 464,000 subscribers last year.",
                "464,000 subscribers"
            ),
            "Subscribers lost"
        );
        assert_eq!(
            label_of(
                "The company plans to close 46 ticket offices soon.",
                "46 ticket offices"
            ),
            "Ticket offices to close"
        );
        assert_eq!(
            label_of(
                "The full setup will be in place by the end of 2026.",
                "by the end of 2026"
            ),
            "In place by"
        );
        assert_eq!(
            label_of(
                "Amazon expects all of it to be installed by the end of 2026.",
                "by the end of 2026"
            ),
            "Installed by"
        );
        assert_eq!(
            label_of("UK inflation fell to 2.6% in April.", "2.6%"),
            "UK inflation"
        );
        assert_eq!(
            label_of(
                "The city council, which provides €2.4m of the budget, agreed.",
                "€2.4m"
            ),
            "Contribution"
        );
        assert_eq!(
            label_of(
                "AWS can join more than 500,000 chips into a single system.",
                "500,000 chips"
            ),
            "Chips"
        );
        assert_eq!(
            label_of("Lenders lost more than £9bn in market value.", "£9bn"),
            "Market value"
        );
    }
}
