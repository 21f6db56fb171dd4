//! Assembling the digest: the whole-site view of the edited stories.
//!
//! Gives every story its slug (unique, in seed-path order), puts stories in front-page
//! order (newest first, to the minute where seeds give a time; undated after in seed
//! order), groups them into dated editions (see [`crate::editions`]), picks the lead,
//! and gathers topic pages. Pure: it reads no file and renders no page.

use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::edit::EditedStory;
use crate::editions::{self, EditionEntry};
use crate::slug::{make_unique, slugify};

/// Every published story, in order, with the topics that link them.
#[derive(Debug)]
pub struct Digest {
    /// Front-page order: dated stories newest first, then undated ones in seed order.
    pub stories: Vec<DigestStory>,
    /// Index into `stories` of the front page's lead story (the latest edition's lead),
    /// if there is any story.
    pub lead: Option<usize>,
    /// Dated editions, newest first; undated stories are in none.
    pub editions: Vec<EditionEntry>,
    /// All topics, most stories first, then by name.
    pub topics: Vec<TopicEntry>,
    /// Slug clashes and the like: published, but worth telling the user.
    pub warnings: Vec<String>,
}

/// One story as the site publishes it.
#[derive(Debug)]
pub struct DigestStory {
    /// Shared, so a live session can reassemble the digest without copying stories.
    pub edited: Arc<EditedStory>,
    pub slug: String,
    /// The story's topics (its tags first, then the desk's), as links.
    pub topics: Arc<[TopicRef]>,
}

/// A story ready to be assembled: the slug it wants and its topic links, worked out once
/// per edit (slugging every headline again on each rebuild is what makes assembling slow).
#[derive(Debug, Clone)]
pub struct FiledStory {
    pub edited: Arc<EditedStory>,
    /// Shared: a live session copies every filed story for each assembly.
    pub wanted_slug: Arc<str>,
    pub topics: Arc<[TopicRef]>,
}

/// Files one edited story: the per-story half of [`assemble`].
pub fn file_story(edited: impl Into<Arc<EditedStory>>) -> FiledStory {
    let edited = edited.into();
    FiledStory {
        wanted_slug: wanted_slug(&edited).into(),
        // The story's own topics, before names are merged across the digest: what the
        // live session compares to tell whether a story moved.
        topics: story_topics(&edited, &BTreeMap::new()).into(),
        edited,
    }
}

impl Digest {
    /// Frees the digest on every core: its stories were made on many threads, and
    /// freeing them all from one took 75–90 ms at 10,000 stories.
    pub fn let_go(self) {
        use rayon::prelude::*;
        self.stories.into_par_iter().for_each(drop);
    }
}

/// A link to a topic page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicRef {
    pub name: String,
    pub slug: String,
}

/// A topic page: its name and the stories on it, in front-page order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicEntry {
    pub name: String,
    pub slug: String,
    pub stories: Vec<usize>,
}

/// How many topics one story links to, at most.
const MAX_TOPICS_PER_STORY: usize = 6;

/// Builds the digest from edited stories given in seed-path order.
pub fn assemble(edited: Vec<EditedStory>) -> Digest {
    assemble_filed(edited.into_iter().map(file_story).collect())
}

/// Builds the digest from filed stories given in seed-path order: the whole-site half.
pub fn assemble_filed(filed: Vec<FiledStory>) -> Digest {
    // The whole-site steps run on one core while the others wait (about 30 ms at 10,000
    // stories): the ones that only read the stories run side by side.
    let (variants, slugs) = rayon::join(
        || name_variants(filed.iter().map(|f| f.edited.as_ref())),
        || unique_slugs(&filed),
    );
    assemble_slugged(filed, &variants, slugs)
}

/// [`assemble_filed`] with the name variants of the stories' topic names already worked
/// out (see [`TopicNames`]): a live session keeps them while the names stay the same.
pub fn assemble_filed_with(filed: Vec<FiledStory>, variants: &BTreeMap<String, String>) -> Digest {
    let slugs = unique_slugs(&filed);
    assemble_slugged(filed, variants, slugs)
}

/// The rest of assembling, once every story's slug is known (with its warnings).
fn assemble_slugged(
    filed: Vec<FiledStory>,
    variants: &BTreeMap<String, String>,
    (slugs, mut warnings): (Vec<String>, Vec<String>),
) -> Digest {
    use rayon::prelude::*;
    let mut stories: Vec<DigestStory> = filed
        .into_par_iter()
        .zip(slugs)
        .map(|(filed, slug)| DigestStory {
            // Most stories name no variant: their own topic links stand as filed.
            topics: if names_a_variant(&filed.edited, variants) {
                story_topics(&filed.edited, variants).into()
            } else {
                filed.topics
            },
            edited: filed.edited,
            slug,
        })
        .collect();
    // Newest first, by day then by the moment within it (for seeds that give a time);
    // `None` sorts below every date, so undated stories come last. The sort is stable:
    // equal moments and undated stories keep seed-path order.
    stories.sort_by_cached_key(|s| {
        let meta = &s.edited.story.meta;
        std::cmp::Reverse((meta.date, meta.published.as_ref().map(|m| m.timestamp())))
    });

    let ((editions, lead, lead_warnings), topics) = rayon::join(
        || {
            let editions = editions::group(&stories);
            let lead = editions::front_page_lead(&stories, &editions);
            let lead_warnings = editions::lead_warnings(&stories, &editions);
            (editions, lead, lead_warnings)
        },
        || topic_entries(&stories),
    );
    warnings.extend(lead_warnings);
    Digest {
        stories,
        lead,
        editions,
        topics,
        warnings,
    }
}

/// Every story's slug, in seed-path order, with the warnings about slugs: unusable front
/// matter slugs, then clashes.
fn unique_slugs(filed: &[FiledStory]) -> (Vec<String>, Vec<String>) {
    let mut warnings: Vec<String> = filed
        .iter()
        .filter_map(|f| unusable_slug_warning(&f.edited))
        .collect();
    let wanted: Vec<&str> = filed.iter().map(|f| &*f.wanted_slug).collect();
    let (slugs, renamed) = make_unique(&wanted);
    warnings.extend(renamed.iter().map(|r| {
        format!(
            "seeds/{}: slug `{}` is taken by an earlier story; published as `{}`",
            filed[r.index].edited.story.source_path, r.wanted, r.given
        )
    }));
    (slugs, warnings)
}

/// Gives the digest's stories their slugs again after some wanted another slug (a new
/// headline), without assembling it again: what a live session does when an edit keeps
/// every story's date, lead flag and topic names. `filed` must be the digest's stories
/// in seed-path order. Slugs are worked out over every story, as [`assemble_filed`]
/// does, since one story's new slug can free or take another's. Returns whether any
/// story's slug changed.
pub fn reslug(digest: &mut Digest, filed: &[FiledStory]) -> bool {
    let (slugs, mut warnings) = unique_slugs(filed);
    let by_path: FxHashMap<&str, String> = filed
        .iter()
        .map(|f| f.edited.story.source_path.as_str())
        .zip(slugs)
        .collect();
    let mut changed = false;
    for story in &mut digest.stories {
        if let Some(slug) = by_path.get(story.edited.story.source_path.as_str())
            && *slug != story.slug
        {
            story.slug.clone_from(slug);
            changed = true;
        }
    }
    warnings.extend(editions::lead_warnings(&digest.stories, &digest.editions));
    digest.warnings = warnings;
    changed
}

/// Whether two edits of a story name the same topics, in the same order: tags and the
/// desk's topics, before any are dropped (a name past a story's sixth topic still
/// counts when names are matched across the digest, see [`name_variants`]).
pub fn same_topic_names(a: &EditedStory, b: &EditedStory) -> bool {
    topic_names(a).eq(topic_names(b))
}

/// The story's topic names as written: its tags, then the desk's topics.
fn topic_names(edited: &EditedStory) -> impl Iterator<Item = &str> {
    let tags = edited.story.meta.tags.iter().map(String::as_str);
    tags.chain(edited.markup.topics.iter().map(|t| t.name.as_str()))
}

/// The front matter slug, else the headline, else a plain `story`.
fn wanted_slug(edited: &EditedStory) -> String {
    let meta = &edited.story.meta;
    meta.slug
        .as_deref()
        .and_then(slugify)
        .or_else(|| slugify(&meta.headline))
        .unwrap_or_else(|| "story".to_string())
}

/// A front matter slug with no letters or digits left after cleaning falls back to the
/// headline (see [`wanted_slug`]); the build says so rather than failing.
fn unusable_slug_warning(edited: &EditedStory) -> Option<String> {
    let asked = edited.story.meta.slug.as_deref()?;
    slugify(asked).is_none().then(|| {
        format!(
            "seeds/{}: slug {asked:?} has no letters or digits to keep; the headline's slug is used",
            edited.story.source_path
        )
    })
}

/// Every topic name of the digest (tags and the desk's), mapped variant → full name.
fn name_variants<'a>(edited: impl Iterator<Item = &'a EditedStory>) -> BTreeMap<String, String> {
    // Tens of thousands of names, nearly all repeats: a hash set drops the repeats at
    // one hash each (a sorted set compared them letter by letter), then the few hundred
    // names left are sorted.
    let distinct: FxHashSet<&str> = edited.flat_map(topic_names).collect();
    let mut names: Vec<&str> = distinct.into_iter().collect();
    names.sort_unstable();
    crate::topic_names::variants(&names)
}

/// How many times the stories name each topic name: a live session counts the names of
/// the stories an edit takes out and puts in, and works the name variants out again
/// only when a name appears or disappears, not by reading every story's names.
#[derive(Debug, Default, Clone)]
pub struct TopicNames {
    counts: FxHashMap<String, usize>,
}

impl TopicNames {
    /// The names of every story in `filed`.
    pub fn of(filed: &[FiledStory]) -> TopicNames {
        let mut names = TopicNames::default();
        for story in filed {
            names.add(&story.edited);
        }
        names
    }

    /// Counts a story's names in; returns whether a name is new.
    pub fn add(&mut self, edited: &EditedStory) -> bool {
        let mut new = false;
        for name in topic_names(edited) {
            let count = self.counts.entry(name.to_string()).or_insert(0);
            new |= *count == 0;
            *count += 1;
        }
        new
    }

    /// Counts a story's names out; returns whether a name is gone.
    pub fn remove(&mut self, edited: &EditedStory) -> bool {
        let mut gone = false;
        for name in topic_names(edited) {
            if let Some(count) = self.counts.get_mut(name) {
                *count = count.saturating_sub(1);
                if *count == 0 {
                    self.counts.remove(name);
                    gone = true;
                }
            }
        }
        gone
    }

    /// The name variants of these names, as [`assemble_filed`] works them out.
    pub fn variants(&self) -> BTreeMap<String, String> {
        let mut names: Vec<&str> = self.counts.keys().map(String::as_str).collect();
        names.sort_unstable();
        crate::topic_names::variants(&names)
    }
}

/// Whether any of the story's topic names is a variant of a longer name.
fn names_a_variant(edited: &EditedStory, variants: &BTreeMap<String, String>) -> bool {
    !variants.is_empty() && topic_names(edited).any(|name| variants.contains_key(name))
}

fn story_topics(edited: &EditedStory, variants: &BTreeMap<String, String>) -> Vec<TopicRef> {
    let mut topics: Vec<TopicRef> = Vec::new();
    for name in topic_names(edited) {
        let name = variants.get(name).map_or(name, String::as_str);
        let Some(slug) = slugify(name) else { continue };
        if topics.iter().all(|t| t.slug != slug) {
            topics.push(TopicRef {
                name: name.to_string(),
                slug,
            });
        }
    }
    topics.truncate(MAX_TOPICS_PER_STORY);
    topics
}

/// Groups stories by topic slug; the name shown is the first one met in front-page order.
fn topic_entries(stories: &[DigestStory]) -> Vec<TopicEntry> {
    // A hash index, not a sorted map: a live session regroups every story on each edit,
    // and the list is sorted below anyway. FxHash: the keys are the site's own slugs.
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    let mut topics: Vec<TopicEntry> = Vec::new();
    for (story_index, story) in stories.iter().enumerate() {
        for topic in story.topics.iter() {
            let at = *index.entry(topic.slug.as_str()).or_insert_with(|| {
                topics.push(TopicEntry {
                    name: topic.name.clone(),
                    slug: topic.slug.clone(),
                    stories: Vec::new(),
                });
                topics.len() - 1
            });
            topics[at].stories.push(story_index);
        }
    }
    topics.sort_by(|a, b| {
        b.stories
            .len()
            .cmp(&a.stories.len())
            .then_with(|| a.slug.cmp(&b.slug))
    });
    topics
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::editorial::Limits;
    use crate::story::{Block, Meta, Story};

    fn edited(path: &str, headline: &str, date: Option<Date>, tags: &[&str]) -> EditedStory {
        let story = Story {
            source_path: path.to_string(),
            meta: Meta {
                headline: headline.to_string(),
                date,
                tags: tags.iter().map(|t| t.to_string()).collect(),
                ..Meta::default()
            },
            blocks: vec![Block::Paragraph {
                text: "Body.".to_string(),
                html: crate::story::Html::EscapedText,
            }],
        };
        crate::edit::edit_story(story, &Limits::default())
    }

    #[test]
    fn orders_newest_first_then_undated_in_seed_order() {
        let day = |d| Date::new(2026, 11, d);
        let digest = assemble(vec![
            edited("a.txt", "Undated A", None, &[]),
            edited("b.txt", "Old", day(1), &[]),
            edited("c.txt", "New", day(9), &[]),
            edited("d.txt", "Undated D", None, &[]),
            edited("e.txt", "Also new", day(9), &[]),
        ]);
        let order: Vec<&str> = digest
            .stories
            .iter()
            .map(|s| s.edited.story.source_path.as_str())
            .collect();
        assert_eq!(order, ["c.txt", "e.txt", "b.txt", "a.txt", "d.txt"]);
        assert_eq!(digest.lead, Some(0));
    }

    #[test]
    fn same_headlines_get_distinct_slugs_and_a_warning() {
        let digest = assemble(vec![
            edited("a.txt", "Same", None, &[]),
            edited("b.txt", "Same", None, &[]),
        ]);
        let slugs: Vec<&str> = digest.stories.iter().map(|s| s.slug.as_str()).collect();
        assert_eq!(slugs, ["same", "same-2"]);
        assert_eq!(digest.warnings.len(), 1);
        assert!(digest.warnings[0].contains("seeds/b.txt"));
    }

    #[test]
    fn tags_become_topics_merged_by_slug() {
        let digest = assemble(vec![
            edited("a.txt", "A", None, &["Cloud AI"]),
            edited("b.txt", "B", None, &["cloud-ai", "Chips"]),
        ]);
        let cloud = digest
            .topics
            .iter()
            .find(|t| t.slug == "cloud-ai")
            .expect("topic");
        assert_eq!(cloud.stories, [0, 1]);
        assert_eq!(cloud.name, "Cloud AI");
    }

    #[test]
    fn name_variants_share_one_topic_across_stories() {
        let digest = assemble(vec![
            edited("a.txt", "A", None, &["AWS", "Altman"]),
            edited("b.txt", "B", None, &["Amazon Web Services", "Sam Altman"]),
        ]);
        let names: Vec<(&str, usize)> = digest
            .topics
            .iter()
            .map(|t| (t.name.as_str(), t.stories.len()))
            .collect();
        assert_eq!(names, [("Amazon Web Services", 2), ("Sam Altman", 2)]);
    }

    #[test]
    fn counted_names_give_the_variants_of_the_stories_names() {
        let a = edited("a.txt", "A", None, &["AWS", "Altman"]);
        let b = edited("b.txt", "B", None, &["Amazon Web Services", "Sam Altman"]);
        let mut names = TopicNames::default();
        assert!(names.add(&a), "new names");
        assert!(names.add(&b), "new names");
        assert_eq!(names.variants(), name_variants([&a, &b].into_iter()));
        assert_eq!(names.variants().len(), 2);
        assert!(!names.add(&b), "no new name");
        assert!(!names.remove(&b), "b's names are still counted once");
        assert!(names.remove(&b), "b's names are gone");
        assert!(names.variants().is_empty());
    }

    #[test]
    fn the_lead_is_the_story_marked_lead() {
        let mut second = edited("b.txt", "B", None, &[]);
        second.story.meta.lead = true;
        let digest = assemble(vec![edited("a.txt", "A", None, &[]), second]);
        assert_eq!(digest.lead, Some(1));
    }
}
