//! Dated editions: the stories of one day together, each edition with its lead story,
//! and "the day in numbers", the strongest figures of an edition's stories in one box.
//!
//! A story belongs to the edition of its date's day ([`edition_day`]). An undated story
//! belongs to no edition: it still shows on the front page (after every dated story),
//! on its topic pages, in search and in the feeds, and the editions archive counts it.
//! An edition's lead is its story marked `lead = true`, else its strongest story
//! ([`strength`]). Pure: works on the assembled stories, reads no file and renders no
//! page (the edition pages are `render`'s job).

use std::collections::{BTreeMap, HashSet};

use crate::date::Date;
use crate::digest::DigestStory;
use crate::editorial::{Fact, FactKind};

/// One day's edition: its stories, by index into the digest's stories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionEntry {
    /// The day, in the site's calendar.
    pub date: Date,
    /// The edition's stories in front-page order, the lead among them.
    pub stories: Vec<usize>,
    /// The edition's lead story (one of `stories`).
    pub lead: usize,
}

/// The edition a story of this date belongs to. The one place a story's date becomes a
/// day: dates are calendar days today, so the day is the date itself; a date with a
/// time and zone would be turned into the site's day here.
pub fn edition_day(date: Date) -> Date {
    date
}

/// Every edition, newest first. `stories` are in front-page order; each edition keeps
/// that order and undated stories are in none.
pub fn group(stories: &[DigestStory]) -> Vec<EditionEntry> {
    let mut days: BTreeMap<Date, Vec<usize>> = BTreeMap::new();
    for (index, story) in stories.iter().enumerate() {
        if let Some(date) = story.edited.story.meta.date {
            days.entry(edition_day(date)).or_default().push(index);
        }
    }
    days.into_iter()
        .rev()
        .map(|(date, members)| EditionEntry {
            date,
            lead: pick_lead(stories, &members).unwrap_or(members[0]),
            stories: members,
        })
        .collect()
}

/// The front page's lead: the latest edition's lead; with no dated story at all, the
/// first story marked `lead = true`, else the strongest.
pub fn front_page_lead(stories: &[DigestStory], editions: &[EditionEntry]) -> Option<usize> {
    match editions.first() {
        Some(latest) => Some(latest.lead),
        None => pick_lead(stories, &(0..stories.len()).collect::<Vec<_>>()),
    }
}

/// The first of `members` marked `lead = true`, else the strongest; `None` when empty.
fn pick_lead(stories: &[DigestStory], members: &[usize]) -> Option<usize> {
    members
        .iter()
        .copied()
        .find(|&i| stories[i].edited.story.meta.lead)
        .or_else(|| by_strength(stories, members).first().copied())
}

/// How strong a story is as a lead, for comparing stories of one day: the figures its
/// fact box found (hard news carries numbers), then its length (a desk gives the day's
/// main story the most words). Opinion and features without figures rank below news.
pub fn strength(story: &DigestStory) -> (usize, usize) {
    let markup = &story.edited.markup;
    let figures = markup.facts.iter().filter(|f| is_figure(f)).count();
    (figures, markup.word_count)
}

/// `members` strongest first; equally strong stories keep their order.
fn by_strength(stories: &[DigestStory], members: &[usize]) -> Vec<usize> {
    let mut ranked = members.to_vec();
    ranked.sort_by_key(|&i| std::cmp::Reverse(strength(&stories[i])));
    ranked
}

/// Warnings about lead flags that cannot do what they ask: an undated story marked
/// `lead = true` while dated stories exist (it is in no edition, so it cannot lead one),
/// and a second marked lead in one edition (the first in front-page order leads).
pub fn lead_warnings(stories: &[DigestStory], editions: &[EditionEntry]) -> Vec<String> {
    let mut warnings = Vec::new();
    if !editions.is_empty() {
        for story in stories {
            let story = &story.edited.story;
            if story.meta.lead && story.meta.date.is_none() {
                warnings.push(format!(
                    "seeds/{}: `lead = true` on a story without a date: it belongs to no edition, so it leads none; give it a `date`",
                    story.source_path
                ));
            }
        }
    }
    for edition in editions {
        for &index in &edition.stories {
            let story = &stories[index].edited.story;
            if story.meta.lead && index != edition.lead {
                warnings.push(format!(
                    "seeds/{}: `lead = true`, but an earlier story leads the {} edition",
                    story.source_path, edition.date
                ));
            }
        }
    }
    warnings
}

/// One figure of "the day in numbers": fact `fact` of story `story` (indices into the
/// digest's stories and that story's fact box).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayFact {
    pub story: usize,
    pub fact: usize,
}

/// "The day in numbers" of `edition`: at most `cap` figures, strongest first, each once.
///
/// A story's fact box is already ranked best first, so the box takes every story's best
/// figure before any story's second: first the lead's, then the other stories',
/// strongest story first. Only figures count (money, percentages, counts, measures):
/// dates and the people and places of a who-and-what box say little away from their
/// story. A figure already taken from another story (same kind and value) is skipped.
pub fn day_in_numbers(stories: &[DigestStory], edition: &EditionEntry, cap: usize) -> Vec<DayFact> {
    let mut order = vec![edition.lead];
    order.extend(
        by_strength(stories, &edition.stories)
            .into_iter()
            .filter(|&i| i != edition.lead),
    );
    let figures: Vec<Vec<usize>> = order
        .iter()
        .map(|&i| {
            let facts = &stories[i].edited.markup.facts;
            (0..facts.len()).filter(|&f| is_figure(&facts[f])).collect()
        })
        .collect();
    let deepest = figures.iter().map(Vec::len).max().unwrap_or(0);
    let mut seen: HashSet<(u8, String)> = HashSet::new();
    let mut chosen = Vec::new();
    for rank in 0..deepest {
        for (position, &story) in order.iter().enumerate() {
            if chosen.len() == cap {
                return chosen;
            }
            let Some(&fact) = figures[position].get(rank) else {
                continue;
            };
            if seen.insert(sameness(&stories[story].edited.markup.facts[fact])) {
                chosen.push(DayFact { story, fact });
            }
        }
    }
    chosen
}

fn is_figure(fact: &Fact) -> bool {
    matches!(
        fact.kind,
        FactKind::Money | FactKind::Percent | FactKind::Count | FactKind::Measure
    )
}

/// What makes two figures the same for a reader: kind and value (the exact number when
/// the desk read one, else the words, ignoring case and spacing).
fn sameness(fact: &Fact) -> (u8, String) {
    let value = fact.machine_value.clone().unwrap_or_else(|| {
        fact.value
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    });
    (fact.kind as u8, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::{Digest, assemble};
    use crate::edit::EditedStory;
    use crate::editorial::Limits;
    use crate::story::{Block, Meta, Story};

    fn story(path: &str, date: Option<Date>, lead: bool, body: &str) -> EditedStory {
        let story = Story {
            source_path: path.to_string(),
            meta: Meta {
                headline: format!("Headline of {path}"),
                date,
                lead,
                ..Meta::default()
            },
            blocks: body
                .split("\n\n")
                .map(|p| Block::Paragraph {
                    text: p.to_string(),
                    html: crate::story::Html::Markup(p.to_string()),
                })
                .collect(),
        };
        crate::edit::edit_story(story, &Limits::default())
    }

    fn day(d: u8) -> Option<Date> {
        Date::new(2026, 11, d)
    }

    fn paths(digest: &Digest, indices: &[usize]) -> Vec<String> {
        indices
            .iter()
            .map(|&i| digest.stories[i].edited.story.source_path.clone())
            .collect()
    }

    /// A fact of a given kind and value, set on story `index` of `digest` by hand.
    fn fact(kind: FactKind, value: &str, number: Option<&str>) -> Fact {
        Fact {
            label: format!("Label of {value}"),
            value: value.to_string(),
            kind,
            block: Some(0),
            machine_value: number.map(str::to_string),
        }
    }

    fn with_facts(mut edited: EditedStory, facts: Vec<Fact>) -> EditedStory {
        edited.markup.facts = facts;
        edited
    }

    #[test]
    fn stories_group_by_day_newest_edition_first_undated_in_none() {
        let digest = assemble(vec![
            story("a.txt", day(24), false, "One."),
            story("b.txt", None, false, "Two."),
            story("c.txt", day(26), false, "Three."),
            story("d.txt", day(24), false, "Four."),
        ]);
        let dates: Vec<String> = digest.editions.iter().map(|e| e.date.to_string()).collect();
        assert_eq!(dates, ["2026-11-26", "2026-11-24"]);
        assert_eq!(paths(&digest, &digest.editions[0].stories), ["c.txt"]);
        assert_eq!(
            paths(&digest, &digest.editions[1].stories),
            ["a.txt", "d.txt"]
        );
        let in_editions: usize = digest.editions.iter().map(|e| e.stories.len()).sum();
        assert_eq!(in_editions, 3, "the undated story is in no edition");
    }

    #[test]
    fn no_dated_story_means_no_edition() {
        let digest = assemble(vec![story("a.txt", None, false, "One.")]);
        assert!(digest.editions.is_empty());
        assert_eq!(digest.lead, Some(0));
        assert!(assemble(Vec::new()).editions.is_empty());
    }

    #[test]
    fn the_lead_flag_wins_in_its_own_edition_only() {
        let digest = assemble(vec![
            story("old.txt", day(20), true, "Marked lead, older day."),
            story("new-a.txt", day(21), false, "Short."),
            story(
                "new-b.txt",
                day(21),
                false,
                "A longer story with more words in it than the other one has.",
            ),
        ]);
        let old = &digest.editions[1];
        assert_eq!(paths(&digest, &[old.lead]), ["old.txt"]);
        // The latest edition has no flag: its strongest (here the longer) story leads,
        // and leads the front page.
        let latest = &digest.editions[0];
        assert_eq!(paths(&digest, &[latest.lead]), ["new-b.txt"]);
        assert_eq!(digest.lead, Some(latest.lead));
    }

    #[test]
    fn figures_outrank_length_and_ties_keep_front_page_order() {
        let long = "Many words here, far more than in the other story, and still more words.";
        let digest = assemble(vec![
            story("long.txt", day(21), false, long),
            with_facts(
                story("figures.txt", day(21), false, "Short."),
                vec![fact(FactKind::Money, "$3m", Some("3000000"))],
            ),
        ]);
        assert_eq!(paths(&digest, &[digest.editions[0].lead]), ["figures.txt"]);

        let tie = assemble(vec![
            story("first.txt", day(21), false, "Same length."),
            story("second.txt", day(21), false, "Same length."),
        ]);
        assert_eq!(paths(&tie, &[tie.editions[0].lead]), ["first.txt"]);
    }

    #[test]
    fn misplaced_lead_flags_are_warned_about() {
        let digest = assemble(vec![
            story("undated.txt", None, true, "No date."),
            story("a.txt", day(21), true, "First flag."),
            story("b.txt", day(21), true, "Second flag."),
        ]);
        let warnings = digest.warnings.join("\n");
        assert!(warnings.contains("seeds/undated.txt: `lead = true` on a story without a date"));
        assert!(warnings.contains(
            "seeds/b.txt: `lead = true`, but an earlier story leads the 2026-11-21 edition"
        ));
        assert!(!warnings.contains("seeds/a.txt"));
    }

    #[test]
    fn the_day_in_numbers_takes_each_storys_best_figure_first_and_no_repeats() {
        let digest = assemble(vec![
            with_facts(
                story("lead.txt", day(21), true, "Lead."),
                vec![
                    fact(FactKind::Money, "£48m", Some("48000000")),
                    fact(FactKind::Percent, "4.99%", Some("4.99")),
                    fact(FactKind::Count, "1,200 homes", Some("1200")),
                ],
            ),
            with_facts(
                story("second.txt", day(21), false, "Second."),
                vec![
                    // A date and a person are not figures.
                    fact(FactKind::Date, "by 2030", Some("2030")),
                    fact(FactKind::Money, "£48 million", Some("48000000")),
                    fact(FactKind::Count, "310 jobs", Some("310")),
                    fact(FactKind::Person, "Ada Marsh", None),
                ],
            ),
            with_facts(
                story("third.txt", day(21), false, "Third."),
                vec![fact(FactKind::Measure, "6,300kg", Some("6300"))],
            ),
            with_facts(
                story("other-day.txt", day(20), false, "Elsewhere."),
                vec![fact(FactKind::Money, "$1bn", Some("1000000000"))],
            ),
        ]);
        let edition = &digest.editions[0];
        let chosen: Vec<String> = day_in_numbers(&digest.stories, edition, 10)
            .iter()
            .map(|d| {
                digest.stories[d.story].edited.markup.facts[d.fact]
                    .value
                    .clone()
            })
            .collect();
        // Rank 1: the lead's £48m, the second story's £48 million (the same figure,
        // skipped), the third's 6,300kg; rank 2: 4.99%, 310 jobs; rank 3: 1,200 homes.
        // The second story has 2 figures, more than the third's 1, so it comes first.
        assert_eq!(
            chosen,
            ["£48m", "6,300kg", "4.99%", "310 jobs", "1,200 homes"]
        );
        let capped = day_in_numbers(&digest.stories, edition, 2);
        assert_eq!(capped.len(), 2);
        assert!(day_in_numbers(&digest.stories, edition, 0).is_empty());
        // Deterministic: the same choice every time.
        assert_eq!(
            day_in_numbers(&digest.stories, edition, 10),
            day_in_numbers(&digest.stories, edition, 10)
        );
    }
}
