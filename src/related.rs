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

/// Every story's related stories (indices into the digest's stories), shared between
/// the render that shows them and a live session that keeps them.
pub type Shared = std::sync::Arc<Vec<Vec<usize>>>;

/// For each story (by index in `digest.stories`), the indices of its related stories.
pub fn related_stories(digest: &Digest) -> Vec<Vec<usize>> {
    let every: Vec<usize> = (0..digest.stories.len()).collect();
    related_stories_of(digest, &every)
}

/// The related stories of the stories at `of` only (indices in `digest.stories`), in
/// that order: what a live session needs for the pages it renders first.
pub fn related_stories_of(digest: &Digest, of: &[usize]) -> Vec<Vec<usize>> {
    use rayon::prelude::*;
    let topic_of_slug: HashMap<&str, usize> = digest
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.as_str(), i))
        .collect();
    let stories = digest.stories.len();
    let words = stories.div_ceil(64);
    // A topic on at least one story in 64 is kept as a bit set: adding it to the counts
    // costs one step per 64 stories instead of one per story on it. Big topics (on half
    // the digest) are common, and counting them story by story made this stage quadratic.
    let dense: Vec<Option<Vec<u64>>> = digest
        .topics
        .iter()
        .map(|topic| (topic.stories.len() * 64 >= stories).then(|| bit_set(&topic.stories, words)))
        .collect();
    of.par_iter()
        .map_init(
            || SharedTopics::new(words),
            |shared, &index| {
                shared.clear();
                for topic in digest.stories[index].topics.iter() {
                    let Some(&t) = topic_of_slug.get(topic.slug.as_str()) else {
                        continue;
                    };
                    match &dense[t] {
                        Some(bits) => shared.add_all(bits),
                        None => shared.add_each(&digest.topics[t].stories),
                    }
                }
                related_to(shared, index, stories)
            },
        )
        .collect()
}

fn bit_set(members: &[usize], words: usize) -> Vec<u64> {
    let mut bits = vec![0; words];
    for &member in members {
        bits[member / 64] |= 1 << (member % 64);
    }
    bits
}

/// For every story, how many of one story's topics it shares: a three-bit number per
/// story kept in three bit planes, so that 64 stories are counted in one step.
struct SharedTopics {
    /// The ones, twos and fours of each story's count; bit `i % 64` of word `i / 64`.
    planes: [Vec<u64>; 3],
    /// How many topics were added: no count is higher.
    added: usize,
}

/// The highest count the planes hold; a story sharing more topics counts as sharing this
/// many (a story has at most six).
const MAX_COUNT: usize = 7;

impl SharedTopics {
    fn new(words: usize) -> SharedTopics {
        SharedTopics {
            planes: [vec![0; words], vec![0; words], vec![0; words]],
            added: 0,
        }
    }

    fn clear(&mut self) {
        for plane in &mut self.planes {
            plane.fill(0);
        }
        self.added = 0;
    }

    /// Counts one more topic for every story whose bit is set in `members`.
    fn add_all(&mut self, members: &[u64]) {
        for (word, &bits) in members.iter().enumerate() {
            self.add_word(word, bits);
        }
        self.added += 1;
    }

    /// Counts one more topic for each story in `members`.
    fn add_each(&mut self, members: &[usize]) {
        for &member in members {
            self.add_word(member / 64, 1 << (member % 64));
        }
        self.added += 1;
    }

    /// Binary addition of one to the counts of the stories whose bit is set in `bits`.
    fn add_word(&mut self, word: usize, bits: u64) {
        let [ones, twos, fours] = &mut self.planes;
        let into_twos = ones[word] & bits;
        ones[word] ^= bits;
        let into_fours = twos[word] & into_twos;
        twos[word] ^= into_twos;
        let overflow = fours[word] & into_fours;
        fours[word] ^= into_fours;
        // Past seven, stay at seven.
        ones[word] |= overflow;
        twos[word] |= overflow;
        fours[word] |= overflow;
    }

    /// The stories (bits of word `word`) whose count is exactly `count`.
    fn with_count(&self, word: usize, count: usize) -> u64 {
        let [ones, twos, fours] = &self.planes;
        let pick = |plane: &Vec<u64>, bit: usize| {
            if count & bit != 0 {
                plane[word]
            } else {
                !plane[word]
            }
        };
        pick(ones, 1) & pick(twos, 2) & pick(fours, 4)
    }
}

/// The `MAX_RELATED` stories sharing the most topics with story `index`, newest (lowest
/// index) first among equals; then the newest other stories if too few share any.
fn related_to(shared: &SharedTopics, index: usize, stories: usize) -> Vec<usize> {
    let mut related = Vec::with_capacity(MAX_RELATED);
    let words = stories.div_ceil(64);
    'counts: for count in (1..=shared.added.min(MAX_COUNT)).rev() {
        for word in 0..words {
            let mut bits = shared.with_count(word, count);
            if word == index / 64 {
                bits &= !(1 << (index % 64));
            }
            while bits != 0 {
                if related.len() >= MAX_RELATED {
                    break 'counts;
                }
                related.push(word * 64 + bits.trailing_zeros() as usize);
                bits &= bits - 1;
            }
        }
    }
    for newest in 0..stories {
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
                html: crate::story::Html::EscapedText,
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
    fn agrees_with_comparing_every_pair() {
        let tags = ["Rail", "Budget", "Sport", "Schools", "Weather"];
        // 200 stories: the five common topics are counted as bit sets, the rare ones
        // (two stories each) story by story.
        let stories: Vec<EditedStory> = (0..200usize)
            .map(|i| {
                let rare = format!("Rare {}", i % 100);
                let mut mine: Vec<&str> = tags
                    .iter()
                    .enumerate()
                    .filter(|(t, _)| (i * 7 + t * 3) % 5 < 2 + t % 2)
                    .map(|(_, tag)| *tag)
                    .collect();
                mine.push(&rare);
                let day = u8::try_from(1 + i % 28).expect("small");
                edited(&format!("s{i:03}"), day, &mine)
            })
            .collect();
        let digest = crate::digest::assemble(stories);
        let slugs = |i: usize| -> Vec<&str> {
            digest.stories[i]
                .topics
                .iter()
                .map(|t| t.slug.as_str())
                .collect()
        };
        let related = related_stories(&digest);
        for (index, found) in related.iter().enumerate() {
            let mine = slugs(index);
            let mut ranked: Vec<(usize, usize)> = (0..digest.stories.len())
                .filter(|&other| other != index)
                .map(|other| {
                    let shared = slugs(other).iter().filter(|s| mine.contains(s)).count();
                    (shared, other)
                })
                .collect();
            ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let expected: Vec<usize> = ranked.iter().take(MAX_RELATED).map(|r| r.1).collect();
            assert_eq!(found, &expected, "story {index}");
        }
    }

    #[test]
    fn counts_add_up_in_binary_and_stop_at_seven() {
        let mut shared = SharedTopics::new(2);
        for round in 0..9 {
            shared.add_each(&[3, 70]);
            if round < 5 {
                shared.add_all(&[1 << 3, 0]);
            }
        }
        // Story 3: 9 + 5 = 14, held as 7; story 70: 9, held as 7; story 5: none.
        assert_ne!(shared.with_count(0, MAX_COUNT) & (1 << 3), 0);
        assert_ne!(shared.with_count(1, MAX_COUNT) & (1 << 6), 0);
        assert_ne!(shared.with_count(0, 0) & (1 << 5), 0);
        let mut two = SharedTopics::new(1);
        two.add_each(&[9]);
        two.add_all(&[1 << 9]);
        assert_eq!(two.with_count(0, 2), 1 << 9);
    }

    #[test]
    fn a_lone_story_has_nothing_related() {
        let digest = crate::digest::assemble(vec![edited("a", 1, &["Rail"])]);
        assert_eq!(related_stories(&digest), [Vec::<usize>::new()]);
    }
}
