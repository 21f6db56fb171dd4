//! The fact box ("By the numbers"): the story's figures, merged and ranked, or, for a
//! story without figures, who and what it is about.
//!
//! Figures (`figure`) are read from the headline, the dek and the paragraphs. The same
//! quantity written twice (`$38bn` / `$38 billion`) is one fact, shown in the first form
//! met (headline first), with the better label of the two. Ranking follows the
//! newsroom notes: what the headline, dek and lede carry, what is repeated, money
//! before percentages before counts and deadlines, bigger before smaller, earlier in the
//! story before later (the inverted pyramid); a weak label or a vague count of
//! something generic (`millions of people`) ranks low.
//!
//! With fewer than two real figures the box shows who and what instead: the people
//! quoted with their roles, then the organisations and places the story names, each
//! found verbatim in the text, or nothing at all when that makes fewer lines than the
//! house minimum. It never pads a box to reach a count.
//!
//! It does not invent: every value is copied from the text.

use std::cmp::Ordering;

use super::figure::{self, Raw};
use super::text::{Analysed, Reading};
use super::words;
use super::{
    BlockKind, Copy, Fact, FactKind, FigureNote, Limits, Place, QuotePart, Speaker, Topic,
    TopicKind,
};

/// The box and everything behind it.
pub(super) struct Boxed {
    pub facts: Vec<Fact>,
    pub figures: Vec<FigureNote>,
    pub note: Option<String>,
}

struct Ranked<'t> {
    raw: Raw,
    place: Place,
    /// The figure as written: borrowed, since most figures never reach the box.
    value: &'t str,
    also_at: Vec<Place>,
    score: f32,
    order: usize,
}

/// The story's fact box, best first; empty when there is not enough to say.
pub(super) fn build(
    read: &Reading,
    quoted: &[QuotePart],
    speakers: &[&Speaker],
    topics: &[Topic],
    limits: &Limits,
    keep_all: bool,
) -> Boxed {
    let (copy, headline, dek, paragraphs) = (
        read.copy,
        &read.headline,
        read.dek.as_ref(),
        &read.paragraphs,
    );
    let first_paragraph = paragraphs.iter().position(Option::is_some);
    let mut sources: Vec<(Place, &Analysed, f32)> = vec![(Place::Headline, headline, 3.0)];
    if let Some(dek) = dek {
        sources.push((Place::Dek, dek, 2.0));
    }
    let mut nth = 0;
    for (i, a) in paragraphs.iter().enumerate() {
        if let Some(a) = a {
            let bonus = if Some(i) == first_paragraph {
                1.5
            } else {
                // The inverted pyramid: what matters comes early.
                (1.0 - 0.15 * nth as f32).max(0.0)
            };
            nth += 1;
            sources.push((Place::Block(i), a, bonus));
        }
    }
    let text_of = |place: Place| -> &Analysed {
        match place {
            Place::Headline => headline,
            Place::Dek => dek.unwrap_or(headline),
            Place::Block(b) => paragraphs
                .get(b)
                .and_then(Option::as_ref)
                .unwrap_or(headline),
        }
    };
    // Every text's figures first, so the ranking and its index are sized once (growing
    // them text by text moved every figure and rehashed every key a few times a story).
    let scanned: Vec<Vec<Raw>> = sources
        .iter()
        .map(|&(place, a, _)| scan_all(a, place))
        .collect();
    let total = scanned.iter().map(Vec::len).sum();
    let mut ranked: Vec<Ranked> = Vec::with_capacity(total);
    let mut by_key: words::FastMap<String, usize> =
        words::FastMap::with_capacity_and_hasher(total, Default::default());
    for ((place, a, bonus), raws) in sources.into_iter().zip(scanned) {
        for mut raw in raws {
            // `68,400 admissions` and a bare `68,400` later are one figure.
            let bare_count = raw.kind == FactKind::Count && raw.key.ends_with(':');
            let found = by_key.get(&raw.key).copied().or_else(|| {
                if raw.kind != FactKind::Count {
                    return None;
                }
                let prefix = &raw.key[..raw.key.rfind(':')? + 1];
                ranked.iter().position(|r| {
                    r.raw.kind == FactKind::Count
                        && r.raw.key.starts_with(prefix)
                        && (bare_count || r.raw.key.ends_with(':'))
                })
            });
            if let Some(k) = found {
                let r = &mut ranked[k];
                r.score += 0.5 + bonus / 3.0;
                if !bare_count && r.raw.key.ends_with(':') {
                    // The form with its unit says more: show that one.
                    r.also_at.push(r.place);
                    r.value = &a.text[raw.start..raw.end];
                    r.place = place;
                    r.raw = raw;
                    continue;
                }
                // Keep the better label of the two forms.
                let old_weak = r.raw.label.resolve(text_of(r.place)).weak;
                if old_weak && !raw.label.resolve(a).weak {
                    r.raw.label = raw.label;
                }
                r.also_at.push(place);
                continue;
            }
            by_key.insert(raw.key.clone(), ranked.len());
            let mut score = kind_weight(&raw) + bonus + raw.magnitude;
            if raw.vague {
                score -= 2.0;
            }
            if is_comparison(a, &raw) {
                score -= 0.6; // `up from £349m a year earlier`: the old figure, not the news
            }
            if let Place::Block(b) = place {
                if quoted
                    .iter()
                    .any(|q| q.block == b && q.start <= raw.start && raw.end <= q.end)
                {
                    score -= 1.0; // a figure someone claims, not the story's own
                }
            }
            ranked.push(Ranked {
                value: &a.text[raw.start..raw.end],
                raw,
                place,
                also_at: Vec::new(),
                score,
                order: ranked.len(),
            });
        }
    }
    // Labels are dear: find them for the figures that can still make the box (all of
    // them for `explain`), then let a weak label cost its place.
    let labelled = if keep_all {
        ranked.len()
    } else {
        ranked.len().min(limits.max_facts + 6)
    };
    let mut ranked = best_first(ranked, labelled);
    // Down the ranking; for the box alone, only until its lines are known.
    for done in 0..ranked.len() {
        if !keep_all && box_is_settled(&ranked, done, limits.max_facts) {
            break;
        }
        let r = &mut ranked[done];
        if r.raw.label.resolve(text_of(r.place)).weak {
            r.score -= 0.8;
        }
    }
    ranked.sort_by(by_score);
    let weak = |r: &Ranked| r.raw.label.ready().is_none_or(|l| l.weak);
    let real = ranked.iter().filter(|r| !r.raw.vague && !weak(r)).count();
    let mut facts: Vec<Fact>;
    let note;
    if real >= 2 {
        note = None;
        facts = ranked.iter().take(limits.max_facts).map(to_fact).collect();
        if facts.len() < limits.min_facts {
            add_people(copy, speakers, &mut facts, limits);
        }
        if facts.len() < limits.min_facts {
            let why = format!(
                "{} figures and people with roles make fewer than {} lines: no box",
                facts.len(),
                limits.min_facts
            );
            facts.clear();
            return finish(ranked, facts, Some(why), keep_all);
        }
    } else {
        facts = ranked
            .iter()
            .filter(|r| !r.raw.vague && !weak(r))
            .take(1.min(limits.max_facts))
            .map(to_fact)
            .collect();
        add_people(copy, speakers, &mut facts, limits);
        add_names(copy, topics, &mut facts, limits);
        if facts.len() < limits.min_facts {
            note = Some(format!(
                "fewer than two figures, and who and what make only {} lines (the minimum is {}): no box",
                facts.len(),
                limits.min_facts
            ));
            facts.clear();
        } else {
            note = Some("fewer than two figures: the box shows who and what".to_string());
        }
    }
    finish(ranked, facts, note, keep_all)
}

/// Up to this many figures, [`best_first`] sorts them in place.
const SORTED_IN_PLACE: usize = 16;

/// The first `keep` of `ranked` in [`by_score`] order. The figures are large, so their
/// scores and places are sorted, and each figure kept is moved once: sorting the
/// figures themselves moved every one several times. `order` is distinct, so the order
/// is total and the same as a stable sort's.
fn best_first(mut ranked: Vec<Ranked>, keep: usize) -> Vec<Ranked> {
    if ranked.len() <= SORTED_IN_PLACE {
        // A short ranking is sorted where it stands: the vectors below cost more than
        // the few moves they would save.
        ranked.sort_by(by_score);
        ranked.truncate(keep);
        return ranked;
    }
    let mut keys: Vec<(f32, usize, usize)> = ranked
        .iter()
        .enumerate()
        .map(|(i, r)| (r.score, r.order, i))
        .collect();
    keys.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut slots: Vec<Option<Ranked>> = ranked.into_iter().map(Some).collect();
    keys.iter()
        .take(keep)
        .filter_map(|&(_, _, i)| slots[i].take())
        .collect()
}

/// Best first: the higher score, then the figure met first.
fn by_score(a: &Ranked, b: &Ranked) -> Ordering {
    b.score.total_cmp(&a.score).then(a.order.cmp(&b.order))
}

/// Whether the box's figures are known with only `ranked[..done]` labelled (and their
/// scores lowered for a weak label), `ranked` in score order before any label: two of
/// them are real figures, and `max_facts` of them rank above the best unlabelled one,
/// whose label could only lower it. What the labels further down would change (their
/// order, the figures `explain` lists) is not in the box.
fn box_is_settled(ranked: &[Ranked], done: usize, max_facts: usize) -> bool {
    let Some(next) = ranked.get(done) else {
        return true;
    };
    let labelled = &ranked[..done];
    let real = labelled
        .iter()
        .filter(|r| !r.raw.vague && r.raw.label.ready().is_some_and(|l| !l.weak))
        .count();
    real >= 2
        && labelled
            .iter()
            .filter(|r| by_score(r, next) == Ordering::Less)
            .count()
            >= max_facts
}

fn finish(ranked: Vec<Ranked>, facts: Vec<Fact>, note: Option<String>, keep_all: bool) -> Boxed {
    if !keep_all {
        return Boxed {
            facts,
            figures: Vec::new(),
            note,
        };
    }
    let in_box = |r: &Ranked| {
        facts
            .iter()
            .any(|f| f.value == r.value && f.kind == r.raw.kind)
    };
    let figures = ranked
        .iter()
        .map(|r| FigureNote {
            label: label_text(r),
            value: r.value.to_string(),
            kind: r.raw.kind,
            place: r.place,
            start: r.raw.start,
            end: r.raw.end,
            also_at: r.also_at.clone(),
            score: r.score,
            label_from: r.raw.label.ready().map_or("", |l| l.from),
            in_box: in_box(r),
        })
        .collect();
    Boxed {
        facts,
        figures,
        note,
    }
}

/// The figures of one text, dates without a year included.
fn scan_all(a: &Analysed, place: Place) -> Vec<Raw> {
    let mut raws = figure::scan(a, place);
    let mut i = 0;
    loop {
        // Only a month or weekday can start one: most words are neither.
        i = a.next_listed(i, words::bit::MONTH | words::bit::WEEKDAY);
        if i >= a.toks.len() {
            break;
        }
        match figure::yearless_date(a, i) {
            Some((raw, next)) => {
                if !raws.iter().any(|r| r.start < raw.end && raw.start < r.end) {
                    raws.push(raw);
                }
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    raws.sort_by_key(|r| r.start);
    raws
}

fn to_fact(r: &Ranked) -> Fact {
    Fact {
        label: label_text(r),
        value: r.value.to_string(),
        kind: r.raw.kind,
        block: match r.place {
            Place::Block(b) => Some(b),
            Place::Headline | Place::Dek => None,
        },
        machine_value: r.raw.machine.clone(),
    }
}

fn label_text(r: &Ranked) -> String {
    r.raw
        .label
        .ready()
        .map_or_else(String::new, |l| l.text.clone())
}

fn kind_weight(raw: &Raw) -> f32 {
    match raw.kind {
        FactKind::Money => 3.0,
        FactKind::Percent => 2.5,
        FactKind::Count => 2.0,
        // A date without a year (`until Sunday`) says less than one with.
        FactKind::Date if raw.machine.is_some() => 2.0,
        // A day and month (`on 14 October`) is still a date; a weekday alone is not much.
        FactKind::Date if raw.key.bytes().any(|b| b.is_ascii_digit()) => 1.6,
        FactKind::Date => 1.0,
        FactKind::Measure
            if raw
                .label
                .ready()
                .is_some_and(|l| matches!(l.text.as_str(), "Distance" | "Storage")) =>
        {
            1.2
        }
        FactKind::Measure => 1.6,
        _ => 0.5,
    }
}

/// A figure given for comparison: `up from £349m`, `compared with 3.7%`, `above the
/// 25.4% recorded in 2019`, `£276,600 a year earlier`.
fn is_comparison(a: &Analysed, raw: &Raw) -> bool {
    let i = a.first_word_from(raw.start);
    let before = |k: usize| i.checked_sub(k).map_or("", |p| a.word(p));
    let is = |w: &str, list: &[&str]| list.iter().any(|l| words::is(w, l));
    let after_end = a.first_word_from(raw.end);
    let after = |k: usize| a.word(after_end + k);
    let approximate = is(before(2), &["more", "less", "fewer"]);
    (is(before(1), &["from", "against", "versus", "than", "vs"]) && !approximate)
        || (is(before(1), &["the", "with"])
            && is(before(2), &["above", "below", "compared", "from"]))
        || (is(after(0), &["a"])
            && is(after(1), &["year", "month", "week"])
            && is(after(2), &["earlier", "ago", "before"]))
        || (is(after(0), &["last"]) && is(after(1), &["year", "month", "week"]))
}

/// People quoted, with their roles, found verbatim in the story.
fn add_people(copy: &Copy, speakers: &[&Speaker], facts: &mut Vec<Fact>, limits: &Limits) {
    for s in speakers {
        if let Some(role) = &s.role {
            add(
                copy,
                words::capitalise(role),
                &s.name,
                FactKind::Person,
                facts,
                limits,
            );
        }
    }
}

/// Organisations and places the story names, the most mentioned first.
fn add_names(copy: &Copy, topics: &[Topic], facts: &mut Vec<Fact>, limits: &Limits) {
    for t in topics {
        let (label, kind) = match t.kind {
            TopicKind::Organisation => ("Organisation", FactKind::Organisation),
            TopicKind::Place => ("Place", FactKind::Place),
            TopicKind::Person => ("Person", FactKind::Person),
        };
        if t.kind == TopicKind::Person && t.mentions < 2 {
            continue;
        }
        add(copy, label.to_string(), &t.name, kind, facts, limits);
    }
}

fn add(
    copy: &Copy,
    label: String,
    value: &str,
    kind: FactKind,
    facts: &mut Vec<Fact>,
    limits: &Limits,
) {
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

#[cfg(test)]
mod tests {
    use super::super::{Block, Limits, explain};
    use super::*;

    fn paragraphs<'a>(texts: &[&'a str]) -> Vec<Block<'a>> {
        texts.iter().map(|t| Block::paragraph(t)).collect()
    }

    #[test]
    fn best_first_is_the_stable_sort_of_the_figures_cut() {
        let figure = |score: f32, order: usize| Ranked {
            raw: Raw {
                kind: FactKind::Count,
                start: order,
                end: order + 1,
                machine: None,
                key: format!("count:{order}:"),
                label: figure::Labeller::Date { trigger: 0 },
                magnitude: 0.0,
                vague: false,
            },
            place: Place::Block(order),
            value: "",
            also_at: Vec::new(),
            score,
            order,
        };
        // Scores from a few values (many ties, a negative zero), orders shuffled.
        const SCORES: [f32; 7] = [3.0, 2.5, 2.5, 0.0, -0.0, -1.25, 4.75];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as usize
        };
        for round in 0..2000 {
            let n = round % 60;
            let mut orders: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                orders.swap(i, next() % (i + 1));
            }
            let make = |scores: &[f32]| -> Vec<Ranked> {
                orders
                    .iter()
                    .zip(scores)
                    .map(|(&o, &s)| figure(s, o))
                    .collect()
            };
            let scores: Vec<f32> = (0..n).map(|_| SCORES[next() % SCORES.len()]).collect();
            for keep in [0, 1, 12, n / 2, n, n + 3] {
                let mut simple = make(&scores);
                simple.sort_by(by_score);
                simple.truncate(keep);
                let fast = best_first(make(&scores), keep);
                let seen = |v: &[Ranked]| -> Vec<(u32, usize)> {
                    v.iter().map(|r| (r.score.to_bits(), r.order)).collect()
                };
                assert_eq!(seen(&fast), seen(&simple), "{scores:?} keep {keep}");
            }
        }
    }

    #[test]
    fn the_box_is_the_same_with_every_label_found() {
        let blocks = paragraphs(&[
            "Profits rose 12% to £3.4bn, while sales grew 4.5% to £41bn across 1,200 stores.",
            "The firm employs 300,000 people and plans 5,000 jobs, up from 3,100 a year earlier.",
            "Shares fell 3% on Monday. About 2.4 million customers use the app, 40% of them weekly.",
            "It will spend $250m by 2027 and cut 1.5GW of power at 12 sites, a 20% saving.",
            "Thousands of people and 46 ticket offices, 3.5 percentage points and £28 to £35.",
        ]);
        for dek in [
            None,
            Some("Sales up 4.5% to £41bn as 5,000 jobs are planned"),
        ] {
            let copy = Copy {
                headline: "Grocer posts £3.4bn profit",
                dek,
                blocks: &blocks,
            };
            let read = Reading::new(&copy);
            for max_facts in 0..12 {
                let limits = Limits {
                    max_facts,
                    ..Limits::default()
                };
                let quick = build(&read, &[], &[], &[], &limits, false);
                let full = build(&read, &[], &[], &[], &limits, true);
                assert_eq!(quick.facts, full.facts, "{max_facts} {dek:?}");
                assert_eq!(quick.note, full.note, "{max_facts} {dek:?}");
                assert!(full.figures.len() > 12);
            }
        }
    }

    #[test]
    fn same_quantity_merges_and_headline_ranks_first() {
        let blocks = paragraphs(&[
            "OpenAI signed a $38 billion deal. It covers 500,000 chips.",
            "Work runs until at least 2032, with 2.4 million users.",
        ]);
        let copy = Copy {
            headline: "AWS Signs Record $38bn Deal With OpenAI",
            dek: None,
            blocks: &blocks,
        };
        let e = explain(&copy, &Limits::default());
        let f = &e.markup.facts;
        let money: Vec<&Fact> = f.iter().filter(|f| f.kind == FactKind::Money).collect();
        assert_eq!(money.len(), 1);
        assert_eq!((money[0].value.as_str(), money[0].block), ("$38bn", None));
        assert_eq!(f[0].kind, FactKind::Money);
        assert_eq!(f[0].label, "Deal value");
        let note = e
            .figures
            .iter()
            .find(|n| n.value == "$38bn")
            .expect("noted");
        assert_eq!(note.also_at, vec![Place::Block(0)]);
    }

    #[test]
    fn too_few_figures_give_who_and_what_or_nothing() {
        let blocks = paragraphs(&[
            "“We will keep going whatever happens to us,” said Jane Doe, the chief executive of Acme.",
            "Acme makes brooms. Acme has always made brooms in London.",
        ]);
        let copy = Copy {
            headline: "Acme news",
            dek: None,
            blocks: &blocks,
        };
        let e = explain(&copy, &Limits::default());
        let f = &e.markup.facts;
        assert_eq!(f.len(), 3, "{f:?}");
        assert_eq!(
            (f[0].label.as_str(), f[0].value.as_str(), f[0].kind),
            ("The chief executive of Acme", "Jane Doe", FactKind::Person)
        );
        assert!(
            f.iter()
                .any(|f| f.value == "Acme" && f.kind == FactKind::Organisation)
        );
        assert!(e.fact_box_note.is_some());
        let blocks = paragraphs(&["Nothing much happened here today, said nobody at all."]);
        let copy = Copy {
            headline: "Quiet",
            dek: None,
            blocks: &blocks,
        };
        assert!(explain(&copy, &Limits::default()).markup.facts.is_empty());
    }
}
