//! Rendering again only what changed: the pages a live session asks for, one by one,
//! with each story's summary and its parts of the digest-wide listings (its `feed.json`
//! item, search index entry and sitemap line) kept between rebuilds, so those files are
//! joined rather than made story by story again.
//!
//! A story's own page depends on its story, its slug and whether it leads; the front
//! page, topic pages and feeds depend on the stories' summaries. [`Memo`] remembers,
//! per seed, the story it last saw and the values made from it, and gives each new
//! edit a fresh version number so callers can tell what changed. [`Edition`] renders
//! exactly the pages it is asked for. Deciding which pages to ask for is the session's
//! job; a whole-site render is [`super::render_site`]'s. Nothing here reads or writes files.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use tera::{Tera, Value};

use super::cards::{ListUse, RootUse};
use super::context::{PageCommon, summary_value};
use super::lists::ListPage;
use super::theme::Theme;
use super::{
    CardOrder, CardTable, Links, Listing, Page, PageContext, PageSizes, RenderError, Renderer,
    digest_listings, feeds, has_template, links, listing_pages, lists, render_page, search,
    site_templates, text_page, topic_feed_files, topic_values,
};
use crate::config::Config;
use crate::digest::{Digest, DigestStory, TopicRef};
use crate::edit::EditedStory;

/// A theme's templates compiled for one configuration, kept while both stay the same.
pub struct Press {
    tera: Tera,
    links: Links,
    /// Kept to say which file a template is when rendering fails.
    theme: Theme,
    /// How big each kind of page came out, so later renders size their buffers once.
    sizes: PageSizes,
    /// How the card template uses the root and the list templates the stories they
    /// list, read once.
    root_use: RootUse,
    list_use: ListUse,
}

impl Press {
    /// Compiles every template; a broken one is reported with its file and line.
    pub fn new(config: &Config, theme: &Theme) -> Result<Press, RenderError> {
        Ok(Press {
            tera: site_templates(config, theme)?,
            links: links(config),
            theme: theme.clone(),
            sizes: PageSizes::default(),
            root_use: RootUse::of(|name| theme.source_of(name)),
            list_use: ListUse::of(|name| theme.source_of(name)),
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
    /// See [`story_key`].
    key: u64,
    slug: String,
    is_lead: bool,
    summary: Value,
    /// What the digest-wide listings show of the story, ready to be joined.
    listed: Listed,
}

/// One story's part of the files that list every story: its `feed.json` item, its
/// search index entry and its sitemap line, as those files hold them. They depend on
/// the story, its slug and its topic links (never on the lead flag or its neighbours),
/// and each is tens of kilobytes of JSON: made once per edit, not once per rebuild.
struct Listed {
    feed_item: Vec<u8>,
    search_entry: Vec<u8>,
    sitemap_line: String,
}

impl Listed {
    fn new(story: &DigestStory, config: &Config, links: &Links) -> Listed {
        Listed {
            feed_item: feeds::json_feed_item(story, config, links),
            search_entry: search::index_entry(story, links),
            sitemap_line: feeds::sitemap_story_line(story, links),
        }
    }
}

/// What [`Memo::refresh`] found.
pub struct Refreshed {
    /// Indices (into `digest.stories`) of the stories whose summary changed.
    pub changed: Vec<usize>,
    /// The slugs stories had before and no longer have (a new slug, or the story left);
    /// another story may have taken one since.
    pub left: Vec<String>,
    /// Each story's key, in the digest's order (see [`story_key`]).
    pub keys: Vec<u64>,
}

/// What a story's summary shows, as one number: its edit (the version), its slug and its
/// lead flag. Page signatures, which read a story once for every list it is on, hash
/// these numbers instead of the strings.
fn story_key(version: u64, slug: &str, is_lead: bool) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (version, slug, is_lead).hash(&mut hasher);
    hasher.finish()
}

/// Per-seed values kept between rebuilds, keyed by the seed's path under `seeds/`.
#[derive(Default)]
pub struct Memo {
    /// FxHash: the keys are the site's own seed paths, looked up for every story on
    /// every update.
    entries: FxHashMap<String, MemoEntry>,
    next_version: u64,
}

impl Memo {
    /// Brings the memo in line with `digest`; says which stories' summaries changed (new
    /// or re-edited stories, and stories whose topic links, slug or lead flag changed)
    /// and which slugs stories left.
    pub fn refresh(&mut self, digest: &Digest, config: &Config, links: &Links) -> Refreshed {
        let mut left = Vec::new();
        let mut keys = vec![0; digest.stories.len()];
        let mut changed = Vec::new();
        for (index, story) in digest.stories.iter().enumerate() {
            let unchanged = self
                .entries
                .get(&story.edited.story.source_path)
                .filter(|entry| {
                    Arc::ptr_eq(&entry.edited, &story.edited)
                        && (Arc::ptr_eq(&entry.topics, &story.topics)
                            || entry.topics == story.topics)
                        && entry.slug == story.slug
                        && entry.is_lead == (digest.lead == Some(index))
                });
            match unchanged {
                Some(entry) => keys[index] = entry.key,
                None => changed.push(index),
            }
        }
        let fresh: Vec<(usize, Value, Listed)> = changed
            .par_iter()
            .map(|&index| {
                let summary = summary_value(digest, index, links);
                (
                    index,
                    summary,
                    Listed::new(&digest.stories[index], config, links),
                )
            })
            .collect();
        for (index, summary, listed) in fresh {
            let story = &digest.stories[index];
            let path = &story.edited.story.source_path;
            // A new version for a new edit or new topic links: both change the summary
            // every list and related story shows; slug and lead are keyed apart.
            let same_story = self.entries.get(path).is_some_and(|entry| {
                Arc::ptr_eq(&entry.edited, &story.edited) && entry.topics == story.topics
            });
            let is_lead = digest.lead == Some(index);
            let version = match self.entries.get(path) {
                Some(entry) if same_story => entry.version,
                _ => {
                    self.next_version += 1;
                    self.next_version
                }
            };
            if let Some(entry) = self.entries.get(path)
                && entry.slug != story.slug
            {
                left.push(entry.slug.clone());
            }
            self.entries.insert(
                path.clone(),
                MemoEntry {
                    edited: Arc::clone(&story.edited),
                    topics: Arc::clone(&story.topics),
                    version,
                    key: story_key(version, &story.slug, is_lead),
                    slug: story.slug.clone(),
                    is_lead,
                    summary,
                    listed,
                },
            );
            keys[index] = story_key(version, &story.slug, is_lead);
        }
        if self.entries.len() > digest.stories.len() {
            let present: rustc_hash::FxHashSet<&str> = digest
                .stories
                .iter()
                .map(|s| s.edited.story.source_path.as_str())
                .collect();
            self.entries.retain(|path, entry| {
                let stays = present.contains(path.as_str());
                if !stays {
                    left.push(std::mem::take(&mut entry.slug));
                }
                stays
            });
        }
        Refreshed {
            changed,
            left,
            keys,
        }
    }

    /// The memo's entry for `story`, if it was refreshed with it.
    fn entry(&self, story: &DigestStory) -> Option<&MemoEntry> {
        self.entries.get(&story.edited.story.source_path)
    }

    /// Each story's listed parts, in the digest's order; `None` if the memo misses one
    /// (it was not refreshed with this digest).
    fn listed<'m>(&'m self, digest: &Digest) -> Option<Vec<&'m Listed>> {
        digest
            .stories
            .iter()
            .map(|s| self.entry(s).map(|e| &e.listed))
            .collect()
    }

    /// The summaries of the stories at `needed`, in the digest's order; none elsewhere.
    fn summaries_of(&self, digest: &Digest, needed: &[usize]) -> Vec<Value> {
        let mut summaries = vec![Value::none(); digest.stories.len()];
        for &index in needed {
            summaries[index] = self.summary(&digest.stories[index]);
        }
        summaries
    }

    fn summaries(&self, digest: &Digest) -> Vec<Value> {
        digest.stories.iter().map(|s| self.summary(s)).collect()
    }

    fn summary(&self, story: &DigestStory) -> Value {
        self.entry(story)
            .map_or(Value::none(), |e| e.summary.clone())
    }
}

/// The pages of one digest, rendered on request with the memo's summaries.
pub struct Edition<'a> {
    press: &'a Press,
    memo: &'a Memo,
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
        related: crate::related::Shared,
    ) -> Edition<'a> {
        let summaries = memo.summaries(digest);
        Edition::with_summaries(press, digest, config, memo, related, summaries)
    }

    /// An edition for the pages of the stories at `stories` only: it holds the
    /// summaries of those stories and of their related stories, not of the whole digest.
    pub fn for_story_pages(
        press: &'a Press,
        digest: &'a Digest,
        config: &'a Config,
        memo: &'a Memo,
        related: crate::related::Shared,
        stories: &[usize],
    ) -> Edition<'a> {
        // A story page shows the story's own summary too (see `story_value`).
        let needed: Vec<usize> = stories
            .iter()
            .flat_map(|&index| related[index].iter().copied().chain([index]))
            .collect();
        let summaries = memo.summaries_of(digest, &needed);
        Edition::with_summaries(press, digest, config, memo, related, summaries)
    }

    fn with_summaries(
        press: &'a Press,
        digest: &'a Digest,
        config: &'a Config,
        memo: &'a Memo,
        related: crate::related::Shared,
        summaries: Vec<Value>,
    ) -> Edition<'a> {
        Edition {
            press,
            memo,
            renderer: Renderer {
                digest,
                config,
                links: &press.links,
                summaries,
                related,
                common: PageCommon::new(&press.links),
                topics: topic_values(digest, &press.links),
                editions: std::sync::OnceLock::new(),
            },
        }
    }

    /// A card table for `which` (none for pages that show no cards).
    fn cards(&self, which: &[ListPage]) -> CardTable<'a> {
        let digest = self.renderer.digest;
        let orders: Vec<CardOrder> = which
            .iter()
            .filter_map(|&page| lists::card_order(digest, self.renderer.config, page))
            .collect();
        CardTable::new(
            &self.press.tera,
            self.press.root_use,
            digest.stories.len(),
            &orders,
        )
        .lean_when(self.press.list_use)
    }

    /// A page that shows no cards.
    fn render(&self, page: PageContext) -> Result<Page, RenderError> {
        self.render_with(&self.cards(&[]), page)
    }

    fn render_with(&self, cards: &CardTable, page: PageContext) -> Result<Page, RenderError> {
        render_page(
            &self.press.tera,
            &self.press.theme,
            cards,
            &self.press.sizes,
            page,
        )
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
        let cards = self.cards(which);
        which
            .par_iter()
            .map(|&page| self.render_with(&cards, self.renderer.list_page(page)))
            .collect()
    }

    /// What lists the whole digest besides its list pages: the search page and index
    /// (when the theme has one), the digest's feeds, the sitemap and robots.txt.
    /// `feed.json`, the search index and the sitemap are joined from each story's part
    /// kept in the memo.
    pub fn feeds(&self) -> Result<Vec<Page>, RenderError> {
        let theme = &self.press.theme;
        let listed = self.memo.listed(self.renderer.digest);
        let (listings, search_page) = rayon::join(
            || {
                digest_listings(theme)
                    .into_par_iter()
                    .flat_map_iter(|listing| match &listed {
                        Some(listed) => self.joined_listing(listing, listed),
                        None => self.listing(listing),
                    })
                    .collect::<Vec<Page>>()
            },
            || {
                has_template(theme, "search.html")
                    .then(|| self.render(self.renderer.search_page()))
                    .transpose()
            },
        );
        let mut pages = listings;
        pages.extend(search_page?);
        Ok(pages)
    }

    fn listing(&self, listing: Listing) -> Vec<Page> {
        let Renderer {
            digest,
            config,
            links,
            ..
        } = self.renderer;
        listing_pages(listing, digest, config, &self.press.theme, links)
    }

    /// One listing, the files that list every story joined from their parts.
    fn joined_listing(&self, listing: Listing, listed: &[&Listed]) -> Vec<Page> {
        let Renderer {
            digest,
            config,
            links,
            ..
        } = self.renderer;
        let mut bytes = Vec::new();
        let (path, written) = match listing {
            Listing::JsonFeed => {
                bytes.reserve(listed.iter().map(|l| l.feed_item.len() + 8).sum::<usize>() + 1024);
                let every = feeds::FeedScope::digest(digest, config, usize::MAX);
                let items = listed.iter().map(|l| l.feed_item.as_slice());
                let written =
                    feeds::write_json_feed_of_items(&every, config, links, items, &mut bytes);
                ("feed.json", written)
            }
            Listing::SearchIndex => {
                bytes.reserve(
                    listed
                        .iter()
                        .map(|l| l.search_entry.len() + 1)
                        .sum::<usize>()
                        + 64,
                );
                let entries = listed.iter().map(|l| l.search_entry.as_slice());
                let written = search::write_index_js_of_entries(entries, &mut bytes);
                (search::INDEX_FILE, written)
            }
            Listing::Sitemap => {
                let lines = listed.iter().map(|l| l.sitemap_line.as_str());
                let with_editions = super::lists::has_editions(&self.press.theme);
                let xml = feeds::sitemap_of_story_lines(digest, links, with_editions, lines);
                return vec![text_page("sitemap.xml", xml)];
            }
            other => return self.listing(other),
        };
        match written {
            Ok(()) => vec![Page {
                path: path.to_string(),
                bytes,
            }],
            // Writing into memory cannot fail; if it ever did, make the file afresh.
            Err(_) => self.listing(listing),
        }
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
