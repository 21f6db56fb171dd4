//! Related stories: what a story page offers next.
//!
//! Up to [`MAX_RELATED`] other stories, those sharing the most topics first, then the
//! newest (front-page order is already newest first); when too few share a topic, the
//! newest other stories fill the list. Pure and computed for every story at once, going
//! through topic pages rather than comparing every pair of stories.

use std::collections::HashMap;

use crate::digest::Digest;

/// How many related stories a story page shows, at most.
pub const MAX_RELATED: usize = 3;

/// For each story (by index in `digest.stories`), the indices of its related stories.
pub fn related_stories(digest: &Digest) -> Vec<Vec<usize>> {
    use rayon::prelude::*;
    let topic_of_slug: HashMap<&str, usize> = digest
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.as_str(), i))
        .collect();
    (0..digest.stories.len())
        .into_par_iter()
        .map(|index| related_to(digest, &topic_of_slug, index))
        .collect()
}

fn related_to(digest: &Digest, topic_of_slug: &HashMap<&str, usize>, index: usize) -> Vec<usize> {
    let mut shared: HashMap<usize, usize> = HashMap::new();
    for topic in digest.stories[index].topics.iter() {
        let Some(&t) = topic_of_slug.get(topic.slug.as_str()) else {
            continue;
        };
        for &other in &digest.topics[t].stories {
            if other != index {
                *shared.entry(other).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, usize)> = shared.into_iter().collect();
    // Most shared topics first; among equals, front-page order (newest first).
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut related: Vec<usize> = ranked
        .into_iter()
        .take(MAX_RELATED)
        .map(|(i, _)| i)
        .collect();
    for newest in 0..digest.stories.len() {
        if related.len() >= MAX_RELATED {
            break;
        }
        if newest != index && !related.contains(&newest) {
            related.push(newest);
        }
    }
    related
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::edit::{EditedStory, edit_story};
    use crate::editorial::Limits;
    use crate::story::{Block, Meta, Story};

    fn edited(path: &str, day: u8, tags: &[&str]) -> EditedStory {
        let story = Story {
            source_path: path.to_string(),
            meta: Meta {
                headline: path.to_string(),
                date: Date::new(2026, 11, day),
                tags: tags.iter().map(|t| t.to_string()).collect(),
                ..Meta::default()
            },
            blocks: vec![Block::Paragraph {
                text: "Body.".to_string(),
                html: "Body.".to_string(),
            }],
        };
        edit_story(story, &Limits::default())
    }

    fn headlines(digest: &Digest, of: &[usize]) -> Vec<String> {
        of.iter()
            .map(|&i| digest.stories[i].edited.story.meta.headline.clone())
            .collect()
    }

    #[test]
    fn most_shared_topics_first_then_newest_then_fill() {
        let digest = crate::digest::assemble(vec![
            edited("a", 1, &["Rail", "Budget"]),
            edited("b", 2, &["Rail"]),
            edited("c", 3, &["Rail", "Budget"]),
            edited("d", 4, &["Sport"]),
            edited("e", 5, &["Rail"]),
        ]);
        let related = related_stories(&digest);
        let a = digest
            .stories
            .iter()
            .position(|s| s.edited.story.meta.headline == "a")
            .expect("a");
        // c shares two topics; e and b share one, e newer; the list stops at three.
        assert_eq!(headlines(&digest, &related[a]), ["c", "e", "b"]);
        let d = digest
            .stories
            .iter()
            .position(|s| s.edited.story.meta.headline == "d")
            .expect("d");
        // Nothing shares a topic with d: the newest stories fill in.
        assert_eq!(headlines(&digest, &related[d]), ["e", "c", "b"]);
    }

    #[test]
    fn a_lone_story_has_nothing_related() {
        let digest = crate::digest::assemble(vec![edited("a", 1, &["Rail"])]);
        assert_eq!(related_stories(&digest), [Vec::<usize>::new()]);
    }
}
