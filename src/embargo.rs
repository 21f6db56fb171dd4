//! The gate between parsing and everything else: which parsed stories a build publishes.
//!
//! A draft is left out unless drafts were asked for. A story under embargo (front matter
//! `publish_at` after the build's clock) is held back whatever the options say, and is
//! reported, with the moment it will be released. Both `gazette build` and the live
//! session (`serve`, `check`) pass every story through [`admit`] right after parsing,
//! before the desk, the digest or any renderer sees it, so no page, feed, index, topic,
//! related list, search index or sitemap can carry a held story. The clock is the one
//! the caller gives (`--now`), else the real one: the only use of the real clock in a
//! build, and it decides what is published, never what a page says.

use jiff::Timestamp;

use crate::date::Moment;
use crate::story::{Meta, Story};

/// What the gate does with one story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Admission {
    Publish,
    /// `draft = true`, and drafts were not asked for.
    Draft,
    /// Held until its embargo lifts.
    Embargoed {
        until: Moment,
    },
}

/// Decides whether the story with `meta` is published by a build running at `now`.
pub fn admit(meta: &Meta, drafts: bool, now: Timestamp) -> Admission {
    if meta.draft && !drafts {
        return Admission::Draft;
    }
    match &meta.publish_at {
        Some(until) if until.timestamp() > now => Admission::Embargoed {
            until: until.clone(),
        },
        _ => Admission::Publish,
    }
}

/// A story the build held back, for the report: never silent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldStory {
    /// The seed's path relative to `seeds/`.
    pub source_path: String,
    pub until: Moment,
}

impl HeldStory {
    pub fn new(story: &Story, until: Moment) -> HeldStory {
        HeldStory {
            source_path: story.source_path.clone(),
            until,
        }
    }
}

impl std::fmt::Display for HeldStory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "seeds/{}: under embargo until {}",
            self.source_path,
            self.until.rfc3339()
        )
    }
}

/// The stories a build at `now` publishes, in the order given, and those it holds back
/// (soonest release first). Drafts are dropped unless `drafts`.
pub fn gate(stories: Vec<Story>, drafts: bool, now: Timestamp) -> (Vec<Story>, Vec<HeldStory>) {
    let mut published = Vec::with_capacity(stories.len());
    let mut held = Vec::new();
    for story in stories {
        match admit(&story.meta, drafts, now) {
            Admission::Publish => published.push(story),
            Admission::Draft => {}
            Admission::Embargoed { until } => held.push(HeldStory::new(&story, until)),
        }
    }
    sort_held(&mut held);
    (published, held)
}

/// Soonest release first, then by seed path: a stable order for reports.
pub fn sort_held(held: &mut [HeldStory]) {
    held.sort_by(|a, b| {
        a.until
            .cmp(&b.until)
            .then_with(|| a.source_path.cmp(&b.source_path))
    });
}

/// The build's clock: the moment given (`--now`), else the real time.
pub fn clock(now: Option<Timestamp>) -> Timestamp {
    now.unwrap_or_else(Timestamp::now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::Block;
    use jiff::tz::TimeZone;

    fn story(path: &str, publish_at: Option<&str>, draft: bool) -> Story {
        Story {
            source_path: path.to_string(),
            meta: Meta {
                headline: path.to_string(),
                publish_at: publish_at.map(|t| Moment::parse(t, &TimeZone::UTC).expect("a moment")),
                draft,
                ..Meta::default()
            },
            blocks: vec![Block::Paragraph {
                text: "Body.".to_string(),
                html: crate::story::Html::Markup("Body.".to_string()),
            }],
        }
    }

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a timestamp")
    }

    #[test]
    fn holds_a_story_until_its_moment_and_releases_it_at_that_moment() {
        let embargoed = story("a.md", Some("2026-11-26T09:00:00Z"), false);
        assert!(matches!(
            admit(&embargoed.meta, false, at("2026-11-26T08:59:59Z")),
            Admission::Embargoed { .. }
        ));
        assert_eq!(
            admit(&embargoed.meta, false, at("2026-11-26T09:00:00Z")),
            Admission::Publish
        );
    }

    #[test]
    fn drafts_stay_out_unless_asked_for_but_embargoes_hold_either_way() {
        let draft = story("d.md", None, true);
        assert_eq!(
            admit(&draft.meta, false, at("2026-01-01T00:00:00Z")),
            Admission::Draft
        );
        assert_eq!(
            admit(&draft.meta, true, at("2026-01-01T00:00:00Z")),
            Admission::Publish
        );
        let both = story("e.md", Some("2099-01-01"), true);
        assert!(matches!(
            admit(&both.meta, true, at("2026-01-01T00:00:00Z")),
            Admission::Embargoed { .. }
        ));
    }

    #[test]
    fn the_gate_reports_every_held_story_soonest_first() {
        let (published, held) = gate(
            vec![
                story("late.md", Some("2099-01-01"), false),
                story("free.md", None, false),
                story("soon.md", Some("2027-01-01"), false),
                story("past.md", Some("2020-01-01"), false),
            ],
            false,
            at("2026-11-26T09:00:00Z"),
        );
        let paths: Vec<&str> = published.iter().map(|s| s.source_path.as_str()).collect();
        assert_eq!(paths, ["free.md", "past.md"]);
        let held: Vec<String> = held.iter().map(ToString::to_string).collect();
        assert_eq!(
            held,
            [
                "seeds/soon.md: under embargo until 2027-01-01T00:00:00+00:00",
                "seeds/late.md: under embargo until 2099-01-01T00:00:00+00:00"
            ]
        );
    }
}
