//! Rendering again only what changed: the pages a live session asks for, one by one,
//! with each story's summary and `feed.json` item kept between rebuilds.
//!
//! A story's own page depends on its story, its slug and whether it leads; the front
//! page, topic pages and feeds depend on the stories' summaries. [`Memo`] remembers,
//! per seed, the story it last saw and the values made from it, and gives each new
//! edit a fresh version number so callers can tell what changed. [`Edition`] renders
//! exactly the pages it is asked for. Deciding which pages to ask for is the session's
//! job; a whole-site render is [`super::render_site`]'s. Nothing here reads or writes files.

use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use tera::{Tera, Value};

use super::context::summary_value;
use super::lists::ListPage;
use super::theme::Theme;
use super::{
    Links, Page, PageContext, RenderError, Renderer, digest_listing_files, has_template, links,
    load_templates, render_page, site_value, topic_feed_files,
};
use crate::config::Config;
use crate::digest::{Digest, TopicRef};
use crate::edit::EditedStory;

/// A theme's templates compiled for one configuration, kept while both stay the same.
pub struct Press {
    tera: Tera,
    links: Links,
    /// Kept to say which file a template is when rendering fails.
    theme: Theme,
}

impl Press {
    /// Compiles every template; a broken one is reported with its file and line.
    pub fn new(config: &Config, theme: &Theme) -> Result<Press, RenderError> {
        let mut tera = load_templates(theme)?;
        tera.global_context()
            .insert_value("site", site_value(config, theme));
        Ok(Press {
            tera,
            links: links(config),
            theme: theme.clone(),
        })
    }

    pub fn links(&self) -> &Links {
        &self.links
    }
}

/// What a story's lists and feeds show, as last rendered.
struct MemoEntry {
    /// Held, so the pointer comparison below can never see a reused address.
    edited: Arc<EditedStory>,
    /// The story's topic links: another story can rename them (name variants merge
    /// across the digest), which changes what this story's summary shows.
    topics: Arc<[TopicRef]>,
    version: u64,
    slug: String,
    is_lead: bool,
    summary: Value,
}

/// Per-seed values kept between rebuilds, keyed by the seed's path under `seeds/`.
#[derive(Default)]
pub struct Memo {
    entries: HashMap<String, MemoEntry>,
    next_version: u64,
}

impl Memo {
    /// Brings the memo in line with `digest`; returns the indices (into `digest.stories`)
    /// of the stories whose summary changed: new or re-edited stories, and stories whose
    /// topic links, slug or lead flag changed.
    pub fn refresh(&mut self, digest: &Digest, links: &Links) -> Vec<usize> {
        let changed: Vec<usize> = digest
            .stories
            .iter()
            .enumerate()
            .filter(|(index, story)| {
                self.entries
                    .get(&story.edited.story.source_path)
                    .is_none_or(|entry| {
                        !Arc::ptr_eq(&entry.edited, &story.edited)
                            || entry.topics != story.topics
                            || entry.slug != story.slug
                            || entry.is_lead != (digest.lead == Some(*index))
                    })
            })
            .map(|(index, _)| index)
            .collect();
        let fresh: Vec<(usize, Value)> = changed
            .par_iter()
            .map(|&index| (index, summary_value(digest, index, links)))
            .collect();
        for (index, summary) in fresh {
            let story = &digest.stories[index];
            let path = &story.edited.story.source_path;
            // A new version for a new edit or new topic links: both change the summary
            // every list and related story shows; slug and lead are keyed apart.
            let same_story = self.entries.get(path).is_some_and(|entry| {
                Arc::ptr_eq(&entry.edited, &story.edited) && entry.topics == story.topics
            });
            let version = match self.entries.get(path) {
                Some(entry) if same_story => entry.version,
                _ => {
                    self.next_version += 1;
                    self.next_version
                }
            };
            self.entries.insert(
                path.clone(),
                MemoEntry {
                    edited: Arc::clone(&story.edited),
                    topics: Arc::clone(&story.topics),
                    version,
                    slug: story.slug.clone(),
                    is_lead: digest.lead == Some(index),
                    summary,
                },
            );
        }
        if self.entries.len() > digest.stories.len() {
            let present: std::collections::HashSet<&str> = digest
                .stories
                .iter()
                .map(|s| s.edited.story.source_path.as_str())
                .collect();
            self.entries
                .retain(|path, _| present.contains(path.as_str()));
        }
        changed
    }

    /// The version of the story from `source_path`: a new number for every new edit or
    /// new topic links.
    pub fn version(&self, source_path: &str) -> u64 {
        self.entries.get(source_path).map_or(0, |e| e.version)
    }

    fn summaries(&self, digest: &Digest) -> Vec<Value> {
        digest
            .stories
            .iter()
            .map(|s| {
                self.entries
                    .get(&s.edited.story.source_path)
                    .map_or(Value::none(), |e| e.summary.clone())
            })
            .collect()
    }
}

/// The pages of one digest, rendered on request with the memo's summaries.
pub struct Edition<'a> {
    press: &'a Press,
    renderer: Renderer<'a>,
}

impl<'a> Edition<'a> {
    /// `memo` must have been refreshed with this `digest`. Story pages need the
    /// summaries too: they list related stories, given in `related` (see
    /// [`crate::related::related_stories`]) so a caller can keep them while the stories'
    /// topics and order stay as they were.
    pub fn new(
        press: &'a Press,
        digest: &'a Digest,
        config: &'a Config,
        memo: &'a Memo,
        related: Arc<Vec<Vec<usize>>>,
    ) -> Edition<'a> {
        Edition {
            press,
            renderer: Renderer {
                digest,
                config,
                links: &press.links,
                summaries: memo.summaries(digest),
                related,
            },
        }
    }

    fn render(&self, page: PageContext) -> Result<Page, RenderError> {
        render_page(&self.press.tera, &self.press.theme, page)
    }

    /// The own pages of the stories at `indices`, rendered in parallel.
    pub fn story_pages(&self, indices: &[usize]) -> Result<Vec<Page>, RenderError> {
        indices
            .par_iter()
            .map(|&i| self.render(self.renderer.story_page(i)))
            .collect()
    }

    /// The list pages named (front page pages, topic pages, edition pages, the topics
    /// index, the editions archive; see [`super::lists`]), rendered in parallel.
    pub fn list_pages(&self, which: &[ListPage]) -> Result<Vec<Page>, RenderError> {
        which
            .par_iter()
            .map(|&page| self.render(self.renderer.list_page(page)))
            .collect()
    }

    /// What lists the whole digest besides its list pages: the search page and index
    /// (when the theme has one), the digest's feeds, the sitemap and robots.txt.
    pub fn feeds(&self) -> Result<Vec<Page>, RenderError> {
        let theme = &self.press.theme;
        let mut pages = digest_listing_files(
            self.renderer.digest,
            self.renderer.config,
            theme,
            self.renderer.links,
        );
        if has_template(theme, "search.html") {
            pages.push(self.render(self.renderer.search_page())?);
        }
        Ok(pages)
    }

    /// The feeds of the topics at `topics` (indices into `digest.topics`).
    pub fn topic_feeds(&self, topics: &[usize]) -> Vec<Page> {
        topic_feed_files(
            self.renderer.digest,
            self.renderer.config,
            &self.press.theme,
            self.renderer.links,
            topics,
        )
    }
}
