//! A live session: the site kept in memory and brought up to date by what changed.
//!
//! `gazette serve` and `gazette check` work through it. It keeps every seed's parsed and
//! edited story keyed by the seed's path under `seeds/`, the compiled theme, and the last
//! good set of pages. An update re-reads and re-edits only the seeds that changed,
//! reassembles the digest from the stories it already holds, and renders again only the
//! pages that depend on what changed, in two steps: [`Session::update`] renders the
//! changed stories' own pages (and, when every story kept its place and topics, the
//! story pages listing them as related), [`Session::update_lists`] then everything else:
//! story pages whose related stories changed, the list pages (front page, topic and
//! edition pages, the archive), feeds, search and sitemap, which depend on the stories'
//! summaries; each page is rendered again only if what it shows changed.
//! A template, theme or config change renders the whole site again. Every seed passes
//! the embargo gate ([`crate::embargo`]) right after parsing: a story under embargo is
//! held, parsed but unedited, and released by the first update at or after its moment.
//!
//! When anything is broken, an update reports every problem (file, line, message) and
//! the last good pages stay as they were. A session never writes a file: publishing is
//! `gazette build`'s job, and the full [`crate::build`] does not use this module.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use thiserror::Error;

use crate::config::Config;
use crate::digest::{self, Digest, FiledStory};
use crate::edit;
use crate::embargo::{self, Admission, HeldStory};
use crate::render::incremental::{Edition, Memo, Press};
use crate::render::lists::ListPage;
use crate::render::theme::{self, Theme, ThemeError};
use crate::render::{self, Links, Page, RenderError};
use crate::seed::{self, ParseOptions, SeedFile, SeedFormat, SeedProblem};
use crate::{BuildError, read_config};

/// Every output file by path relative to the site root, with its bytes. Keys and bytes
/// are shared, so the copy each update makes costs no string or page copies.
pub type Pages = BTreeMap<Arc<str>, Arc<[u8]>>;

/// What a session serves or checks.
#[derive(Debug, Clone)]
pub struct SessionOptions {
    /// The site folder: holds `config.toml` and `seeds/`.
    pub root: PathBuf,
    /// Overrides `base_url` from `config.toml` (`gazette serve` sets its own address).
    pub base_url: Option<String>,
    /// Publish stories marked `draft = true`.
    pub drafts: bool,
    /// The clock embargoes are judged by (`--now`); the real time, read at each update,
    /// when `None`.
    pub now: Option<jiff::Timestamp>,
}

/// What changed on disk since the last update.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// `config.toml`.
    pub config: bool,
    /// Anything under `themes/`, `templates/` or `static/`.
    pub theme: bool,
    /// Re-read the whole `seeds/` folder (a folder moved, or the first load).
    pub all_seeds: bool,
    /// Seeds by path relative to `seeds/` (`business/deal.txt`), changed, added or removed.
    pub seeds: BTreeSet<String>,
}

impl Changes {
    /// Everything: what the first update of a session reads.
    pub fn everything() -> Changes {
        Changes {
            config: true,
            theme: true,
            all_seeds: true,
            seeds: BTreeSet::new(),
        }
    }

    /// One seed, by its path relative to `seeds/`.
    pub fn seed(relative_path: &str) -> Changes {
        Changes {
            seeds: BTreeSet::from([relative_path.to_string()]),
            ..Changes::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }

    /// Adds `other`'s changes to these.
    pub fn merge(&mut self, other: Changes) {
        self.config |= other.config;
        self.theme |= other.theme;
        self.all_seeds |= other.all_seeds;
        self.seeds.extend(other.seeds);
    }
}

/// One thing that stops the site from being published: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user knows it, relative to the site folder (`seeds/a.md`).
    pub file: String,
    /// 1-based, when the problem has a line.
    pub line: Option<usize>,
    /// What is wrong and, where it can say, what to do.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Why an update could not publish; the last good pages are untouched.
#[derive(Debug, Clone, Error)]
#[error("{} problem(s) stop the site from being published:\n{}", problems.len(), crate::list(problems))]
pub struct SessionError {
    pub problems: Vec<Problem>,
}

/// Which output files an update rendered again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rendered {
    /// The whole site (first load, theme or config change).
    Everything,
    /// These paths (relative to the site root), changed, added or removed.
    Paths(Vec<String>),
}

impl Rendered {
    pub fn is_empty(&self) -> bool {
        matches!(self, Rendered::Paths(paths) if paths.is_empty())
    }
}

/// What a successful update did.
#[derive(Debug, Clone)]
pub struct Update {
    pub rendered: Rendered,
    /// Published stories after the update.
    pub stories: usize,
    pub elapsed: Duration,
}

/// A seed an update read again, with the story it published before (if any).
struct Touched {
    path: String,
    before: Option<FiledStory>,
}

/// Whether two edits of a story sit in the digest alike: same date, lead flag, topics
/// and topic names, so order and topic pages stay as they are. The slug may differ (a
/// new headline): slugs are given out again without assembling the digest.
fn same_place(a: &FiledStory, b: &FiledStory) -> bool {
    let (a_meta, b_meta) = (&a.edited.story.meta, &b.edited.story.meta);
    a.topics == b.topics
        && digest::same_topic_names(&a.edited, &b.edited)
        && a_meta.date == b_meta.date
        && a_meta.published == b_meta.published
        && a_meta.lead == b_meta.lead
}

/// One seed as the session last read it.
struct SeedEntry {
    /// Hash of the file's bytes: an unchanged file is not parsed again.
    fingerprint: u64,
    state: SeedState,
}

enum SeedState {
    /// Parsed and edited, ready for the digest.
    Filed {
        filed: FiledStory,
        warnings: Vec<String>,
    },
    /// A draft, left out (the session was not asked for drafts).
    Held {
        warnings: Vec<String>,
    },
    /// Parsed, and held back by the embargo gate until `until`; released (edited and
    /// filed) by the first update at or after that moment.
    Embargoed {
        story: Box<crate::story::Story>,
        until: crate::date::Moment,
        warnings: Vec<String>,
    },
    Broken(Problem),
}

/// The signatures of the list pages as last rendered, to tell which must render again.
#[derive(Default)]
struct ListSignatures {
    /// Every story and topic: what the feeds, sitemap and search show.
    stories: u64,
    /// Each topic's feeds by topic slug: what its newest `feed_limit` stories show. A
    /// topic that goes takes its folder (pages and feeds) along.
    topic_feeds: FxHashMap<String, u64>,
    /// Each list page (front page pages, topic and edition pages, the topics index and
    /// the editions archive) by output file.
    pages: FxHashMap<String, u64>,
}

/// The site in memory, kept up to date by [`Session::update`].
pub struct Session {
    options: SessionOptions,
    config: Option<Config>,
    config_problem: Option<Problem>,
    theme: Option<(Theme, Press)>,
    theme_problems: Vec<Problem>,
    seeds_problem: Option<Problem>,
    seeds: BTreeMap<String, SeedEntry>,
    memo: Memo,
    digest: Option<Digest>,
    pages: Arc<Pages>,
    /// Each story page by output file, with the hash of what it shows (see
    /// [`story_page_signatures`]).
    story_pages: FxHashMap<String, u64>,
    /// The related stories of the digest's stories: they follow only the stories'
    /// topics and order, so an edit that keeps both keeps them.
    related: crate::related::Shared,
    /// The stories moved or changed topics since `related` was worked out: only the
    /// changed stories' own pages are up to date; [`Session::update_lists`] works the
    /// related stories out again and renders the story pages whose list changed.
    related_stale: bool,
    /// Each story's key (see [`crate::render::incremental::Refreshed`]), in the order
    /// of `digest`.
    keys: Vec<u64>,
    /// The published stories' topic names, counted, and their name variants.
    topic_names: Option<(digest::TopicNames, Arc<BTreeMap<String, String>>)>,
    lists: ListSignatures,
    lists_pending: bool,
    whole_site_pending: bool,
    /// The digest holds exactly the published seeds (the last update succeeded).
    digest_in_step: bool,
    digest_warnings: Vec<String>,
}

impl Session {
    /// A session that has read nothing yet: call [`Session::update`] with
    /// [`Changes::everything`] (or use [`Session::open`]).
    pub fn new(options: SessionOptions) -> Session {
        Session {
            options,
            config: None,
            config_problem: None,
            theme: None,
            theme_problems: Vec::new(),
            seeds_problem: None,
            seeds: BTreeMap::new(),
            memo: Memo::default(),
            digest: None,
            pages: Arc::new(Pages::new()),
            story_pages: FxHashMap::default(),
            related: Arc::default(),
            related_stale: false,
            keys: Vec::new(),
            topic_names: None,
            lists: ListSignatures::default(),
            lists_pending: false,
            whole_site_pending: true,
            digest_in_step: false,
            digest_warnings: Vec::new(),
        }
    }

    /// Reads and renders the whole site. The session is returned even when the site is
    /// broken, so a server can wait for the fix.
    pub fn open(options: SessionOptions) -> (Session, Result<Update, SessionError>) {
        let mut session = Session::new(options);
        let result = session.update(&Changes::everything());
        (session, result)
    }

    /// The last good pages (empty until the site first built).
    pub fn pages(&self) -> &Arc<Pages> {
        &self.pages
    }

    /// The digest of the last good update.
    pub fn digest(&self) -> Option<&Digest> {
        self.digest.as_ref()
    }

    pub fn config(&self) -> Option<&Config> {
        self.config.as_ref()
    }

    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// Whether the list pages still show the stories as they were before the last update.
    pub fn lists_pending(&self) -> bool {
        self.lists_pending
    }

    /// Everything worth telling the user that does not stop publishing.
    pub fn warnings(&self) -> Vec<String> {
        let mut warnings: Vec<String> = self
            .seeds
            .values()
            .flat_map(|entry| match &entry.state {
                SeedState::Filed { warnings, .. }
                | SeedState::Held { warnings }
                | SeedState::Embargoed { warnings, .. } => warnings.as_slice(),
                SeedState::Broken(_) => &[],
            })
            .cloned()
            .collect();
        warnings.extend(self.digest_warnings.iter().cloned());
        warnings
    }

    /// The stories held back under embargo, soonest release first.
    pub fn held(&self) -> Vec<HeldStory> {
        let mut held: Vec<HeldStory> = self
            .seeds
            .values()
            .filter_map(|entry| match &entry.state {
                SeedState::Embargoed { story, until, .. } => {
                    Some(HeldStory::new(story, until.clone()))
                }
                _ => None,
            })
            .collect();
        embargo::sort_held(&mut held);
        held
    }

    /// When the next held story is due out: an update at or after it publishes it.
    pub fn next_release(&self) -> Option<jiff::Timestamp> {
        self.held().first().map(|held| held.until.timestamp())
    }

    /// Every problem that stops publishing now, in a stable order.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems: Vec<Problem> = self.config_problem.iter().cloned().collect();
        problems.extend(self.theme_problems.iter().cloned());
        problems.extend(self.seeds_problem.iter().cloned());
        problems.extend(self.seeds.values().filter_map(|entry| match &entry.state {
            SeedState::Broken(problem) => Some(problem.clone()),
            _ => None,
        }));
        problems
    }

    /// Reads what changed and renders the pages that depend on it. After a seed change
    /// only the changed stories' own pages are rendered: call
    /// [`Session::update_lists`] for the front page, topic pages and feeds.
    pub fn update(&mut self, changes: &Changes) -> Result<Update, SessionError> {
        let started = Instant::now();
        let mut changes = changes.clone();
        if changes.config || self.config.is_none() {
            self.reload_config(&mut changes);
        }
        let Some(config) = self.config.clone() else {
            return Err(self.error());
        };
        if changes.theme || self.theme.is_none() {
            self.reload_theme(&config);
            // Until a whole render succeeds, pages made with the old templates remain.
            self.whole_site_pending = true;
        }
        let mut touched = self.reload_seeds(&config, &changes);

        touched.extend(self.release_embargoes(&config));
        // Only a digest that matched the seeds before this update can be patched.
        let in_step = std::mem::replace(&mut self.digest_in_step, false);

        let problems = self.problems();
        if !problems.is_empty() {
            return Err(SessionError { problems });
        }
        let patched = if in_step && !self.whole_site_pending {
            self.patched_digest(&touched)
        } else {
            None
        };
        let reshaped = patched.is_none();
        let digest = match patched {
            Some(digest) => digest,
            None => {
                let filed = self.filed_stories();
                let variants = self.name_variants(&touched, &filed, in_step);
                digest::assemble_filed_with(filed, &variants)
            }
        };
        let Some((theme, press)) = self.theme.take() else {
            return Err(self.error());
        };
        let result = if self.whole_site_pending {
            render_whole_site(&digest, &config, &theme, &press, &mut self.memo).map(
                |(pages, keys, related)| {
                    self.keys = keys;
                    // The render worked them out for the story pages.
                    self.related = related;
                    self.related_stale = false;
                    self.story_pages = story_page_signatures(&digest, &self.keys, &self.related)
                        .into_iter()
                        .collect();
                    let list_pages = list_page_signatures(&digest, &config, &theme, &self.keys);
                    self.lists = list_signatures(&digest, &config, &self.keys, &list_pages);
                    self.lists_pending = false;
                    self.whole_site_pending = false;
                    (pages, Rendered::Everything)
                },
            )
        } else {
            // A patched digest keeps every story's place and topics; a reassembled one may
            // too, and then the related stories stand.
            let keeps_related = !self.related_stale
                && (!reshaped
                    || self
                        .digest
                        .as_ref()
                        .is_some_and(|before| same_order_and_topics(before, &digest)));
            if keeps_related {
                self.render_changed_stories(&digest, &config, &press)
            } else {
                let paths: Vec<&str> = touched.iter().map(|t| t.path.as_str()).collect();
                self.render_touched_stories(&digest, &config, &press, &paths)
            }
        };
        self.theme = Some((theme, press));
        let (pages, rendered) = result.map_err(|err| {
            // The digest may already hold the new stories: render everything next time.
            self.digest = None;
            self.whole_site_pending = true;
            self.render_error(&err)
        })?;
        self.digest_warnings.clone_from(&digest.warnings);
        self.pages = Arc::new(pages);
        let stories = digest.stories.len();
        free_in_background(self.digest.replace(digest));
        self.digest_in_step = true;
        Ok(Update {
            rendered,
            stories,
            elapsed: started.elapsed(),
        })
    }

    /// Renders the pages that list stories (front page, topic and edition pages, the
    /// archive, feeds, sitemap) where what they show changed since they were last
    /// rendered, and removes list pages the site no longer has (a list got shorter).
    pub fn update_lists(&mut self) -> Result<Update, SessionError> {
        let started = Instant::now();
        let (Some(digest), Some(config), Some((theme, press))) =
            (&self.digest, &self.config, &self.theme)
        else {
            return Err(self.error());
        };
        if !self.lists_pending {
            return Ok(Update {
                rendered: Rendered::Paths(Vec::new()),
                stories: digest.stories.len(),
                elapsed: started.elapsed(),
            });
        }
        let related = if self.related_stale {
            Arc::new(crate::related::related_stories(digest))
        } else {
            Arc::clone(&self.related)
        };
        // The story pages whose related stories changed (none unless they went stale).
        let story_pages = self
            .related_stale
            .then(|| story_page_signatures(digest, &self.keys, &related));
        let stale_story_pages: Vec<usize> = story_pages.as_ref().map_or_else(Vec::new, |now| {
            now.iter()
                .enumerate()
                .filter(|(_, (file, signature))| self.story_pages.get(file) != Some(signature))
                .map(|(index, _)| index)
                .collect()
        });
        let list_pages = list_page_signatures(digest, config, theme, &self.keys);
        let now = list_signatures(digest, config, &self.keys, &list_pages);
        let changed: Vec<ListPage> = list_pages
            .iter()
            .filter(|(_, path, signature)| self.lists.pages.get(path) != Some(signature))
            .map(|(page, _, _)| *page)
            .collect();
        let feeds_changed = now.stories != self.lists.stories;
        let topic_feeds: Vec<usize> = digest
            .topics
            .iter()
            .enumerate()
            .filter(|(_, t)| self.lists.topic_feeds.get(&t.slug) != now.topic_feeds.get(&t.slug))
            .map(|(index, _)| index)
            .collect();
        let edition = Edition::new(press, digest, config, &self.memo, Arc::clone(&related));
        // The first front page is the longest render: run the lists beside the feeds.
        let (lists, feeds) = rayon::join(
            || -> Result<Vec<Page>, RenderError> {
                let mut pages = edition.list_pages(&changed)?;
                pages.extend(edition.story_pages(&stale_story_pages)?);
                Ok(pages)
            },
            || -> Result<Vec<Page>, RenderError> {
                let mut pages = edition.topic_feeds(&topic_feeds);
                if feeds_changed {
                    pages.extend(edition.feeds()?);
                }
                Ok(pages)
            },
        );
        let rendered: Result<Vec<Page>, RenderError> =
            lists.and_then(|lists| feeds.map(|feeds| lists.into_iter().chain(feeds).collect()));
        let rendered = rendered.map_err(|err| self.render_error(&err))?;

        let mut pages = Pages::clone(&self.pages);
        let mut paths = insert_pages(&mut pages, rendered);
        remove_pages(&mut pages, gone(&self.lists.pages, &now.pages), &mut paths);
        for slug in gone(&self.lists.topic_feeds, &now.topic_feeds) {
            let files = pages_in(&pages, &Links::topic_folder(slug));
            remove_pages(&mut pages, files, &mut paths);
        }
        if let Some(story_pages) = story_pages {
            let story_pages: FxHashMap<String, u64> = story_pages.into_iter().collect();
            remove_pages(
                &mut pages,
                gone(&self.story_pages, &story_pages),
                &mut paths,
            );
            self.story_pages = story_pages;
            self.related = related;
            self.related_stale = false;
        }
        let stories = digest.stories.len();
        self.pages = Arc::new(pages);
        self.lists = now;
        self.lists_pending = false;
        Ok(Update {
            rendered: Rendered::Paths(paths),
            stories,
            elapsed: started.elapsed(),
        })
    }

    fn error(&self) -> SessionError {
        SessionError {
            problems: self.problems(),
        }
    }

    fn reload_config(&mut self, changes: &mut Changes) {
        match read_config(&self.options.root) {
            Ok(mut config) => {
                if let Some(base_url) = &self.options.base_url {
                    config.base_url = format!("{}/", base_url.trim().trim_end_matches('/'));
                }
                self.config_problem = None;
                if self.config.as_ref() != Some(&config) {
                    // Settings reach every stage: parse, edit and render everything again.
                    self.config = Some(config);
                    self.seeds.clear();
                    self.memo = Memo::default();
                    changes.theme = true;
                    changes.all_seeds = true;
                    changes.config = true;
                }
            }
            Err(err) => self.config_problem = Some(build_problem(&err)),
        }
    }

    fn reload_theme(&mut self, config: &Config) {
        let loaded = theme::load(&self.options.root, &config.theme)
            .map_err(|err| theme_problem(&err, &config.theme))
            .and_then(|theme| {
                Press::new(config, &theme)
                    .map(|press| (theme.clone(), press))
                    .map_err(|err| render_problems(&err, &theme))
            });
        match loaded {
            Ok(theme) => {
                self.theme = Some(theme);
                self.theme_problems.clear();
            }
            Err(problems) => self.theme_problems = problems,
        }
    }

    /// Re-reads the seeds that changed (all of them when asked), parsing and editing
    /// only files whose bytes differ from what the session holds.
    fn reload_seeds(&mut self, config: &Config, changes: &Changes) -> Vec<Touched> {
        let mut touched = Vec::new();
        let seeds_dir = self.options.root.join("seeds");
        let mut files: Vec<SeedFile> = Vec::new();
        let mut gone: Vec<String> = Vec::new();
        if changes.all_seeds || self.seeds.is_empty() {
            if !seeds_dir.is_dir() {
                let paths: Vec<String> = self.seeds.keys().cloned().collect();
                for path in paths {
                    self.replace_seed(path, None, &mut touched);
                }
                self.seeds_problem = Some(Problem {
                    file: "seeds".to_string(),
                    line: None,
                    message: "no seeds folder; put the stories (*.txt, *.md) there".to_string(),
                });
                return touched;
            }
            self.seeds_problem = None;
            // Discovery warnings (a symlink loop, a seed deleted mid-read) are reported
            // by `gazette build` and `gazette check`; a live session shows problems only.
            let seed::Discovery {
                seeds: found,
                problems,
                ..
            } = seed::discover(&seeds_dir);
            let present: BTreeSet<&str> = found.iter().map(|f| f.relative_path.as_str()).collect();
            gone.extend(
                self.seeds
                    .keys()
                    .filter(|path| !present.contains(path.as_str()))
                    .cloned(),
            );
            for problem in problems {
                let path = problem.path.trim_start_matches("seeds/").to_string();
                let entry = SeedEntry {
                    fingerprint: 0,
                    state: SeedState::Broken(seed_problem(&problem)),
                };
                self.replace_seed(path, Some(entry), &mut touched);
            }
            files = found;
        } else {
            for relative in &changes.seeds {
                match read_seed(&seeds_dir, relative) {
                    SeedRead::File(file) => files.push(file),
                    SeedRead::Gone => gone.push(relative.clone()),
                    SeedRead::NotASeed => {}
                    SeedRead::Failed(problem) => {
                        let entry = SeedEntry {
                            fingerprint: 0,
                            state: SeedState::Broken(problem),
                        };
                        self.replace_seed(relative.clone(), Some(entry), &mut touched);
                    }
                }
            }
        }
        for path in gone {
            self.replace_seed(path, None, &mut touched);
        }
        files.retain(|file| {
            self.seeds.get(&file.relative_path).is_none_or(|entry| {
                entry.fingerprint != fingerprint(&file.bytes)
                    || matches!(entry.state, SeedState::Broken(_))
            })
        });
        let parse_options = ParseOptions {
            unsafe_html: config.unsafe_html,
            time_zone: config.time_zone(),
        };
        let limits = edit::limits(&config.editorial);
        let drafts = self.options.drafts;
        let now = embargo::clock(self.options.now);
        let read: Vec<(String, SeedEntry)> = files
            .par_iter()
            .map(|file| {
                let entry = SeedEntry {
                    fingerprint: fingerprint(&file.bytes),
                    state: file_seed(file, &parse_options, &limits, drafts, now),
                };
                (file.relative_path.clone(), entry)
            })
            .collect();
        for (path, entry) in read {
            self.replace_seed(path, Some(entry), &mut touched);
        }
        touched
    }

    /// Edits and files every held story whose embargo has lifted by now: the seed did
    /// not change, the clock did.
    fn release_embargoes(&mut self, config: &Config) -> Vec<Touched> {
        let now = embargo::clock(self.options.now);
        let due: Vec<String> = self
            .seeds
            .iter()
            .filter(|(_, entry)| {
                matches!(&entry.state, SeedState::Embargoed { until, .. } if until.timestamp() <= now)
            })
            .map(|(path, _)| path.clone())
            .collect();
        let limits = edit::limits(&config.editorial);
        let mut touched = Vec::new();
        for path in due {
            let Some(entry) = self.seeds.get_mut(&path) else {
                continue;
            };
            let state = std::mem::replace(
                &mut entry.state,
                SeedState::Held {
                    warnings: Vec::new(),
                },
            );
            let SeedState::Embargoed {
                story, warnings, ..
            } = state
            else {
                entry.state = state;
                continue;
            };
            entry.state = filed_state(*story, &limits, warnings);
            touched.push(Touched { path, before: None });
        }
        touched
    }

    /// Puts `entry` in place of the seed at `path` (removes it for `None`), noting what
    /// it replaced.
    fn replace_seed(&mut self, path: String, entry: Option<SeedEntry>, touched: &mut Vec<Touched>) {
        let old = match entry {
            Some(entry) => self.seeds.insert(path.clone(), entry),
            None => self.seeds.remove(&path),
        };
        let before = old.and_then(|entry| match entry.state {
            SeedState::Filed { filed, .. } => Some(filed),
            _ => None,
        });
        touched.push(Touched { path, before });
    }

    /// The last digest with the touched stories swapped in, when none of them changed
    /// anything the digest arranges by (slug, date, lead, topics), or when none was
    /// published before or after; `None` when the digest must be assembled again.
    fn patched_digest(&mut self, touched: &[Touched]) -> Option<Digest> {
        let mut swaps = Vec::with_capacity(touched.len());
        let mut new_slug_wished = false;
        for t in touched {
            let after = match self.seeds.get(&t.path).map(|e| &e.state) {
                Some(SeedState::Filed { filed, .. }) => Some(filed),
                _ => None,
            };
            match (&t.before, after) {
                (None, None) => {}
                (Some(before), Some(after)) if same_place(before, after) => {
                    swaps.push(Arc::clone(&after.edited));
                    new_slug_wished |= before.wanted_slug != after.wanted_slug;
                }
                _ => return None,
            }
        }
        let mut digest = self.digest.take()?;
        for edited in swaps {
            let path = &edited.story.source_path;
            match digest
                .stories
                .iter_mut()
                .find(|s| s.edited.story.source_path == *path)
            {
                Some(story) => story.edited = edited,
                None => return None,
            }
        }
        if new_slug_wished {
            digest::reslug(&mut digest, &self.filed_stories());
        }
        Some(digest)
    }

    /// The name variants of the published stories' topic names (see
    /// [`digest::TopicNames`]): worked out again only when a name appears or goes. The
    /// counts follow the touched seeds while the digest was in step with the seeds;
    /// otherwise they are counted afresh from `filed`.
    fn name_variants(
        &mut self,
        touched: &[Touched],
        filed: &[FiledStory],
        in_step: bool,
    ) -> Arc<BTreeMap<String, String>> {
        let trusted = in_step && !self.whole_site_pending;
        if let (true, Some((names, variants))) = (trusted, &mut self.topic_names) {
            let mut names_changed = false;
            for t in touched {
                if let Some(before) = &t.before {
                    names_changed |= names.remove(&before.edited);
                }
                if let Some(SeedEntry {
                    state: SeedState::Filed { filed, .. },
                    ..
                }) = self.seeds.get(&t.path)
                {
                    names_changed |= names.add(&filed.edited);
                }
            }
            if names_changed {
                *variants = Arc::new(names.variants());
            }
            return Arc::clone(variants);
        }
        let names = digest::TopicNames::of(filed);
        let variants = Arc::new(names.variants());
        self.topic_names = Some((names, Arc::clone(&variants)));
        variants
    }

    /// The published stories in seed-path order (the map's order is the path order
    /// discovery sorts by), as cheap shared copies.
    fn filed_stories(&self) -> Vec<FiledStory> {
        self.seeds
            .values()
            .filter_map(|entry| match &entry.state {
                SeedState::Filed { filed, .. } => Some(filed.clone()),
                _ => None,
            })
            .collect()
    }

    /// The story pages whose content changed, when every story keeps its place and
    /// topics (so its related stories): the changed stories' own pages, and the pages
    /// that list one of them as related; removes the pages of slugs no story has now.
    /// The lists wait for [`Session::update_lists`].
    fn render_changed_stories(
        &mut self,
        digest: &Digest,
        config: &Config,
        press: &Press,
    ) -> Result<(Pages, Rendered), RenderError> {
        let mut refreshed = self.memo.refresh(digest, config, press.links());
        self.keys = std::mem::take(&mut refreshed.keys);
        // A page's signature covers its story and its related stories (see
        // [`story_page_signature`]): with the related stories standing, exactly the pages
        // of changed stories and of stories listing one of them change.
        let changed: FxHashSet<usize> = refreshed.changed.into_iter().collect();
        let to_render: Vec<usize> = if changed.is_empty() {
            Vec::new()
        } else {
            (0..digest.stories.len())
                .filter(|index| {
                    changed.contains(index)
                        || self.related[*index].iter().any(|r| changed.contains(r))
                })
                .collect()
        };
        let edition = Edition::for_story_pages(
            press,
            digest,
            config,
            &self.memo,
            Arc::clone(&self.related),
            &to_render,
        );
        let rendered = edition.story_pages(&to_render)?;
        let mut pages = Pages::clone(&self.pages);
        let mut paths = insert_pages(&mut pages, rendered);
        let files: Vec<String> = to_render
            .iter()
            .map(|&index| Links::story_file(&digest.stories[index].slug))
            .collect();
        // Stories that moved to another slug leave their old page behind, unless another
        // story took that slug.
        let gone: Vec<String> = refreshed
            .left
            .iter()
            .map(|slug| Links::story_file(slug))
            .filter(|file| !files.contains(file))
            .collect();
        self.drop_story_pages(&mut pages, gone, &mut paths);
        for (file, &index) in files.into_iter().zip(&to_render) {
            let signature = story_page_signature(&self.keys, index, &self.related[index]);
            self.story_pages.insert(file, signature);
        }
        // A story that changed, left or arrived changes some list; one that did not
        // change leaves every list as it was.
        self.lists_pending |= !paths.is_empty();
        Ok((pages, Rendered::Paths(paths)))
    }

    /// Removes the story pages at `gone` (each once) from `pages` and from the
    /// signatures kept, recording each removed page in `paths`.
    fn drop_story_pages(
        &mut self,
        pages: &mut Pages,
        mut gone: Vec<String>,
        paths: &mut Vec<String>,
    ) {
        gone.sort();
        gone.dedup();
        for file in &gone {
            self.story_pages.remove(file);
        }
        remove_pages(pages, gone, paths);
    }

    /// After an edit that moved stories or changed their topics: the touched stories' own
    /// pages only (their related stories worked out for them alone), and the pages of
    /// stories that are gone removed. Every other story page may now offer other related
    /// stories; [`Session::update_lists`] finds and renders those.
    fn render_touched_stories(
        &mut self,
        digest: &Digest,
        config: &Config,
        press: &Press,
        touched: &[&str],
    ) -> Result<(Pages, Rendered), RenderError> {
        let refreshed = self.memo.refresh(digest, config, press.links());
        self.keys = refreshed.keys;
        let indices: Vec<usize> = digest
            .stories
            .iter()
            .enumerate()
            .filter(|(_, s)| touched.contains(&s.edited.story.source_path.as_str()))
            .map(|(index, _)| index)
            .collect();
        // Only the rendered stories' entries are filled: the pages rendered here read no other.
        let mut related = vec![Vec::new(); digest.stories.len()];
        for (&index, list) in indices
            .iter()
            .zip(crate::related::related_stories_of(digest, &indices))
        {
            related[index] = list;
        }
        let related = Arc::new(related);
        let edition = Edition::for_story_pages(
            press,
            digest,
            config,
            &self.memo,
            Arc::clone(&related),
            &indices,
        );
        let rendered = edition.story_pages(&indices)?;
        let mut pages = Pages::clone(&self.pages);
        let mut paths = insert_pages(&mut pages, rendered);
        // The slugs stories left (they moved to another, or are gone), unless a story
        // has taken one since.
        let gone: Vec<String> = refreshed
            .left
            .iter()
            .filter(|slug| !digest.stories.iter().any(|s| s.slug == **slug))
            .map(|slug| Links::story_file(slug))
            .collect();
        self.drop_story_pages(&mut pages, gone, &mut paths);
        for &index in &indices {
            let signature = story_page_signature(&self.keys, index, &related[index]);
            self.story_pages
                .insert(Links::story_file(&digest.stories[index].slug), signature);
        }
        self.related_stale = true;
        self.lists_pending = true;
        Ok((pages, Rendered::Paths(paths)))
    }

    fn render_error(&self, err: &RenderError) -> SessionError {
        let problems = match &self.theme {
            Some((theme, _)) => render_problems(err, theme),
            None => vec![Problem {
                file: "(theme)".to_string(),
                line: None,
                message: err.to_string(),
            }],
        };
        SessionError { problems }
    }
}

/// Frees a replaced value (a digest of ten thousand stories takes milliseconds to free)
/// on a thread of its own, so the new pages are served without waiting for it. If no
/// thread can be started, it is freed here.
fn free_in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("gazette-free".to_string())
        .spawn(move || drop(value));
}

/// Whether two digests hold the same stories in the same order with the same topics:
/// then every story's related stories are the same (they follow nothing else), even if
/// a headline, and so a slug, changed.
fn same_order_and_topics(before: &Digest, now: &Digest) -> bool {
    before.stories.len() == now.stories.len()
        && before.stories.iter().zip(&now.stories).all(|(a, b)| {
            a.edited.story.source_path == b.edited.story.source_path && a.topics == b.topics
        })
}

/// The keys of `before` that `now` no longer has, sorted (so updates report them in a
/// stable order).
fn gone<'a>(before: &'a FxHashMap<String, u64>, now: &FxHashMap<String, u64>) -> Vec<&'a String> {
    let mut gone: Vec<&String> = before
        .keys()
        .filter(|key| !now.contains_key(*key))
        .collect();
    gone.sort();
    gone
}

/// Removes the pages at `files` and records each one removed in `paths`.
fn remove_pages<S: AsRef<str>>(pages: &mut Pages, files: Vec<S>, paths: &mut Vec<String>) {
    for file in files {
        if pages.remove(file.as_ref()).is_some() {
            paths.push(file.as_ref().to_string());
        }
    }
}

/// Puts freshly rendered pages in place of the old ones; returns their paths.
fn insert_pages(pages: &mut Pages, rendered: Vec<Page>) -> Vec<String> {
    let paths = rendered.iter().map(|p| p.path.clone()).collect();
    for page in rendered {
        pages.insert(page.path.into(), page.bytes.into());
    }
    paths
}

/// The paths of every page in `folder` and below it.
fn pages_in(pages: &Pages, folder: &str) -> Vec<Arc<str>> {
    let prefix = format!("{folder}/");
    pages
        .range::<str, _>((Bound::Included(prefix.as_str()), Bound::Unbounded))
        .map(|(path, _)| Arc::clone(path))
        .take_while(|path| path.starts_with(&prefix))
        .collect()
}

/// Every story page's output file, in digest order, with a hash of what it shows: the
/// story (its edit, slug and lead flag, see [`story_key`]) and the summaries of its
/// related stories. Equal signatures, equal pages, for the same templates and settings.
fn story_page_signatures(
    digest: &Digest,
    keys: &[u64],
    related: &[Vec<usize>],
) -> Vec<(String, u64)> {
    (0..digest.stories.len())
        .into_par_iter()
        .map(|index| {
            (
                Links::story_file(&digest.stories[index].slug),
                story_page_signature(keys, index, &related[index]),
            )
        })
        .collect()
}

/// The signature of one story page, given the story's related stories.
fn story_page_signature(keys: &[u64], index: usize, related: &[usize]) -> u64 {
    let mut hasher = DefaultHasher::new();
    keys[index].hash(&mut hasher);
    for &other in related {
        keys[other].hash(&mut hasher);
    }
    hasher.finish()
}

/// Renders everything with the same code `gazette build` uses, and fills the memo.
fn render_whole_site(
    digest: &Digest,
    config: &Config,
    theme: &Theme,
    press: &Press,
    memo: &mut Memo,
) -> Result<(Pages, Vec<u64>, crate::related::Shared), RenderError> {
    let (pages, related) = render::render_site(digest, config, theme)?;
    let keys = memo.refresh(digest, config, press.links()).keys;
    let pages = pages
        .into_iter()
        .map(|page| (page.path.into(), page.bytes.into()))
        .collect();
    Ok((pages, keys, related))
}

/// Every list page of the site with its output file and the hash of what it shows.
fn list_page_signatures(
    digest: &Digest,
    config: &Config,
    theme: &Theme,
    keys: &[u64],
) -> Vec<(ListPage, String, u64)> {
    let key = |index: usize, hasher: &mut DefaultHasher| keys[index].hash(hasher);
    render::lists::list_pages(digest, config, theme)
        .into_par_iter()
        .map(|page| {
            let signature = page.signature(digest, config, &key);
            (page, page.file(digest), signature)
        })
        .collect()
}

/// Hashes of what the list pages and feeds show, so an unchanged one is not rendered
/// again.
fn list_signatures(
    digest: &Digest,
    config: &Config,
    keys: &[u64],
    list_pages: &[(ListPage, String, u64)],
) -> ListSignatures {
    let mut stories = DefaultHasher::new();
    keys.hash(&mut stories);
    for topic in &digest.topics {
        (&topic.name, &topic.slug, &topic.stories).hash(&mut stories);
    }
    ListSignatures {
        stories: stories.finish(),
        topic_feeds: digest
            .topics
            .iter()
            .map(|topic| {
                let mut hasher = DefaultHasher::new();
                (&topic.name, &topic.slug).hash(&mut hasher);
                for &index in topic.stories.iter().take(config.feed_limit) {
                    keys[index].hash(&mut hasher);
                }
                (topic.slug.clone(), hasher.finish())
            })
            .collect(),
        pages: list_pages
            .iter()
            .map(|(_, path, signature)| (path.clone(), *signature))
            .collect(),
    }
}

fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

enum SeedRead {
    File(SeedFile),
    Gone,
    NotASeed,
    Failed(Problem),
}

/// Reads one seed the way discovery would: hidden files and other extensions are not
/// seeds, and the path may not leave `seeds/`.
fn read_seed(seeds_dir: &Path, relative: &str) -> SeedRead {
    let parts: Vec<&str> = relative.split('/').collect();
    let is_plain = parts
        .iter()
        .all(|p| !p.is_empty() && !p.starts_with('.') && !p.contains('\\'));
    let format = Path::new(relative)
        .extension()
        .and_then(|e| e.to_str())
        .and_then(SeedFormat::from_extension);
    let (true, Some(format)) = (is_plain, format) else {
        return SeedRead::NotASeed;
    };
    let path = seeds_dir.join(relative);
    if path.is_dir() {
        return SeedRead::NotASeed;
    }
    match seed::read_seed(&path, relative.to_string(), format) {
        Ok(Some(file)) => SeedRead::File(file),
        Ok(None) => SeedRead::Gone,
        Err(problem) => SeedRead::Failed(seed_problem(&problem)),
    }
}

/// Parse, gate and edit one seed: the per-story part of the pipeline.
fn file_seed(
    file: &SeedFile,
    options: &ParseOptions,
    limits: &crate::editorial::Limits,
    drafts: bool,
    now: jiff::Timestamp,
) -> SeedState {
    let parsed = match seed::parse_seed(file, options) {
        Ok(parsed) => parsed,
        Err(problem) => return SeedState::Broken(seed_problem(&problem)),
    };
    let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    match embargo::admit(&parsed.story.meta, drafts, now) {
        Admission::Publish => filed_state(parsed.story, limits, warnings),
        Admission::Draft => SeedState::Held { warnings },
        Admission::Embargoed { until } => SeedState::Embargoed {
            story: Box::new(parsed.story),
            until,
            warnings,
        },
    }
}

/// Edit one admitted story and file it for the digest.
fn filed_state(
    story: crate::story::Story,
    limits: &crate::editorial::Limits,
    mut warnings: Vec<String>,
) -> SeedState {
    let edited = edit::edit_story(story, limits);
    let path = &edited.story.source_path;
    warnings.extend(edited.warnings.iter().map(|w| format!("seeds/{path}: {w}")));
    SeedState::Filed {
        filed: digest::file_story(edited),
        warnings,
    }
}

fn seed_problem(problem: &SeedProblem) -> Problem {
    let line = problem.error.line();
    let message = problem.error.to_string();
    // The message starts `line N: ` (or `line N, column C: `); the line is shown apart.
    let message = match line {
        Some(line) => message
            .strip_prefix(&format!("line {line}: "))
            .or_else(|| message.strip_prefix(&format!("line {line}, ")))
            .unwrap_or(&message)
            .to_string(),
        None => message,
    };
    Problem {
        file: problem.path.clone(),
        line,
        message,
    }
}

/// A build error as problems with files and lines.
pub(crate) fn build_problem(err: &BuildError) -> Problem {
    match err {
        BuildError::Config(config) => Problem {
            file: "config.toml".to_string(),
            line: config.position.map(|(line, _)| line),
            message: config.message.clone(),
        },
        BuildError::MissingConfig { .. } => Problem {
            file: "config.toml".to_string(),
            line: None,
            message: "not found; a site needs a config.toml (`gazette init` writes one)"
                .to_string(),
        },
        other => Problem {
            file: "config.toml".to_string(),
            line: None,
            message: other.to_string(),
        },
    }
}

fn theme_problem(err: &ThemeError, name: &str) -> Vec<Problem> {
    let file = match err {
        ThemeError::BadFile { path, .. }
        | ThemeError::MissingInfo { path }
        | ThemeError::NeedsNewerGazette { path, .. } => path.clone(),
        ThemeError::Read { path, .. } => path.display().to_string(),
        ThemeError::Unknown { .. } => "config.toml".to_string(),
    };
    vec![Problem {
        file,
        line: None,
        message: format!("theme `{name}`: {err}"),
    }]
}

/// A template error, pointed at the template file (as the user knows it) and line.
fn render_problems(err: &RenderError, theme: &Theme) -> Vec<Problem> {
    let report = match err {
        RenderError::Template { report, .. } | RenderError::Page { report, .. } => report,
    };
    static POINTER: OnceLock<regex::Regex> = OnceLock::new();
    // tera reports ` --> partials/card.html:3:18` under its message.
    let pointer = POINTER.get_or_init(|| {
        regex::Regex::new(r"-->\s*(\S+?):(\d+):\d+").expect("the pattern is valid")
    });
    let found = pointer.captures(report);
    let name = found.as_ref().and_then(|c| c.get(1)).map(|m| m.as_str());
    let line = found
        .as_ref()
        .and_then(|c| c.get(2))
        .and_then(|m| m.as_str().parse().ok());
    let file = name
        .and_then(|name| theme.templates.iter().find(|t| t.name == name))
        .map(|t| t.origin.clone())
        .unwrap_or_else(|| match err {
            RenderError::Template { origin, .. } => origin.clone(),
            RenderError::Page { template, .. } => template.clone(),
        });
    let message = match err {
        RenderError::Template { report, .. } => format!("template does not compile: {report}"),
        RenderError::Page { page, report, .. } => {
            format!("rendering {page} failed: {report}")
        }
    };
    vec![Problem {
        file,
        line,
        message,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stories on three days, two without a date, three to a page.
    fn write_site(root: &Path) {
        std::fs::create_dir_all(root.join("seeds")).expect("seeds");
        std::fs::write(
            root.join("config.toml"),
            "base_url = \"https://example.org/\"\npaginate_by = 3\n",
        )
        .expect("config");
        for i in 0..9 {
            let date = if i < 7 {
                format!("date = 2026-11-{:02}\n", 20 + i % 3)
            } else {
                String::new()
            };
            write_story(root, i, &date, "");
        }
    }

    fn write_story(root: &Path, i: usize, date_line: &str, extra: &str) {
        let text = format!(
            "+++\ntitle = \"Ferry route {i} changes\"\n{date_line}tags = [\"Ferries\"]\n+++\n\n\
             The operator will run {} sailings a week on route {i} from March, up {}% on last year.\n\n\
             Fares rise to £{} a crossing.{extra}\n",
            10 + i,
            i + 2,
            i + 4
        );
        std::fs::write(root.join(format!("seeds/route-{i}.md")), text).expect("write story");
    }

    /// Every page a fresh session (the same pages a full build writes) has, beside this
    /// session's: a fast update must leave no page stale, story pages included (their
    /// related stories show other stories' summaries).
    fn assert_matches_a_fresh_render(session: &Session) {
        let options = session.options.clone();
        let (fresh, result) = Session::open(options);
        result.expect("fresh session");
        let (ours, theirs) = (session.pages(), fresh.pages());
        assert_eq!(
            ours.keys().collect::<Vec<_>>(),
            theirs.keys().collect::<Vec<_>>(),
            "the same pages"
        );
        for (path, bytes) in theirs.iter() {
            assert!(ours[path] == *bytes, "{path} differs from a fresh render");
        }
    }

    fn fast_update(session: &mut Session, changes: Changes) -> Vec<String> {
        let first = session.update(&changes).expect("update");
        let second = session.update_lists().expect("lists");
        let mut paths = Vec::new();
        for rendered in [first.rendered, second.rendered] {
            match rendered {
                Rendered::Paths(p) => paths.extend(p),
                Rendered::Everything => panic!("rendered everything"),
            }
        }
        paths
    }

    #[test]
    fn a_seed_change_renders_only_the_pages_that_show_it_and_matches_a_fresh_render() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write_site(root);
        let (mut session, opened) = Session::open(SessionOptions {
            root: root.to_path_buf(),
            base_url: None,
            drafts: false,
            now: None,
        });
        opened.expect("opens");
        assert!(session.pages().contains_key("page/3/index.html"));
        assert!(!session.pages().contains_key("page/4/index.html"));

        // A body edit: the story's page, the pages that list it, not every list.
        write_story(
            root,
            1,
            "date = 2026-11-21\n",
            " The timetable is out on Friday.",
        );
        let paths = fast_update(&mut session, Changes::seed("route-1.md"));
        assert!(
            paths.contains(&"editions/2026-11-21/index.html".to_string()),
            "{paths:?}"
        );
        // The front page's later pages hold older stories, and no topic count changed.
        for untouched in [
            "page/2/index.html",
            "page/3/index.html",
            "topics/index.html",
        ] {
            assert!(
                !paths.contains(&untouched.to_string()),
                "{untouched}: {paths:?}"
            );
        }
        assert_matches_a_fresh_render(&session);

        // A longer name merges a topic across stories: an unchanged story's page and
        // summary now link the merged topic.
        let tagged = |name: &str, tag: &str| {
            format!(
                "+++\ntitle = \"{name} speaks\"\ndate = 2026-11-20\ntags = [\"{tag}\"]\n+++\n\n\
                 The executive spoke at the harbour forum for forty minutes on Tuesday.\n"
            )
        };
        std::fs::write(root.join("seeds/profile.md"), tagged("Altman", "Altman")).expect("write");
        fast_update(&mut session, Changes::seed("profile.md"));
        assert_matches_a_fresh_render(&session);
        std::fs::write(
            root.join("seeds/interview.md"),
            tagged("Sam Altman", "Sam Altman"),
        )
        .expect("write");
        let paths = fast_update(&mut session, Changes::seed("interview.md"));
        assert!(
            paths.contains(&"altman-speaks/index.html".to_string()),
            "{paths:?}"
        );
        assert_matches_a_fresh_render(&session);
        // And back: the topic splits again, its merged folder goes.
        std::fs::remove_file(root.join("seeds/interview.md")).expect("rm");
        let paths = fast_update(&mut session, Changes::seed("interview.md"));
        assert!(
            paths.contains(&"topics/sam-altman/feed.xml".to_string()),
            "{paths:?}"
        );
        assert_matches_a_fresh_render(&session);
        std::fs::remove_file(root.join("seeds/profile.md")).expect("rm");
        fast_update(&mut session, Changes::seed("profile.md"));
        assert_matches_a_fresh_render(&session);

        // A story on a new day: a new edition leads the front page, the list grows a page.
        write_story(root, 9, "date = 2026-11-25\n", "");
        let paths = fast_update(&mut session, Changes::seed("route-9.md"));
        assert!(
            paths.contains(&"editions/2026-11-25/index.html".to_string()),
            "{paths:?}"
        );
        // The edition two days back shows neither new neighbour nor new story.
        assert!(
            !paths.contains(&"editions/2026-11-20/index.html".to_string()),
            "{paths:?}"
        );
        assert!(
            paths.contains(&"page/3/index.html".to_string()),
            "{paths:?}"
        );
        assert_matches_a_fresh_render(&session);

        // Stories leave: their edition and the last front pages go.
        for i in [9, 8, 7, 6] {
            std::fs::remove_file(root.join(format!("seeds/route-{i}.md"))).expect("rm");
        }
        let mut changes = Changes::default();
        for i in [9, 8, 7, 6] {
            changes.seeds.insert(format!("route-{i}.md"));
        }
        let paths = fast_update(&mut session, changes);
        for gone in ["editions/2026-11-25/index.html", "page/3/index.html"] {
            assert!(
                paths.contains(&gone.to_string()),
                "{gone} not removed: {paths:?}"
            );
            assert!(!session.pages().contains_key(gone), "{gone} still served");
        }
        assert_matches_a_fresh_render(&session);

        // Nothing changed: nothing renders.
        assert!(fast_update(&mut session, Changes::seed("route-1.md")).is_empty());
    }

    /// Every kind of single-seed edit, each compared with a fresh render: the live story
    /// page comes first (its own page, right after `update`), the rest with the lists.
    #[test]
    fn every_kind_of_edit_matches_a_fresh_render() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write_site(root);
        let options = SessionOptions {
            root: root.to_path_buf(),
            base_url: None,
            drafts: false,
            now: None,
        };
        // Two stories wanting one slug: the later in path order is published as `-2`.
        let twin = |headline: &str, date: &str, tags: &str| {
            format!(
                "+++\ntitle = \"{headline}\"\ndate = {date}\ntags = [{tags}]\n+++\n\n\
                 The harbour board met on Monday & agreed <quietly> to a £3m dredging plan.\n"
            )
        };
        std::fs::write(
            root.join("seeds/twin-a.md"),
            twin("Harbour dredging", "2026-11-21", "\"Ferries\""),
        )
        .expect("write");
        std::fs::write(
            root.join("seeds/twin-b.md"),
            twin("Harbour dredging", "2026-11-21", "\"Ferries\""),
        )
        .expect("write");
        let (mut session, opened) = Session::open(options);
        opened.expect("opens");
        assert!(
            session
                .pages()
                .contains_key("harbour-dredging-2/index.html")
        );

        let live_first = |session: &mut Session, path: &str, page: Option<&str>| {
            session.update(&Changes::seed(path)).expect("update");
            if let Some(page) = page {
                assert!(session.pages().contains_key(page), "{page} live first");
            }
            session.update_lists().expect("lists");
            assert_matches_a_fresh_render(session);
        };

        // A new headline frees the slug: the other twin, untouched, takes it back.
        std::fs::write(
            root.join("seeds/twin-a.md"),
            twin("Dredging plan agreed", "2026-11-21", "\"Ferries\""),
        )
        .expect("write");
        live_first(
            &mut session,
            "twin-a.md",
            Some("dredging-plan-agreed/index.html"),
        );
        assert!(session.pages().contains_key("harbour-dredging/index.html"));
        assert!(
            !session
                .pages()
                .contains_key("harbour-dredging-2/index.html")
        );
        // And takes it again: the other twin goes back to `-2`.
        std::fs::write(
            root.join("seeds/twin-a.md"),
            twin("Harbour dredging", "2026-11-21", "\"Ferries\""),
        )
        .expect("write");
        live_first(
            &mut session,
            "twin-a.md",
            Some("harbour-dredging/index.html"),
        );
        assert!(
            session
                .pages()
                .contains_key("harbour-dredging-2/index.html")
        );

        // Tags: a new topic, then back to a shared one.
        std::fs::write(
            root.join("seeds/twin-b.md"),
            twin(
                "Harbour dredging",
                "2026-11-21",
                "\"Ferries\", \"Dredging\"",
            ),
        )
        .expect("write");
        live_first(
            &mut session,
            "twin-b.md",
            Some("harbour-dredging-2/index.html"),
        );
        assert!(session.pages().contains_key("topics/dredging/index.html"));
        std::fs::write(
            root.join("seeds/twin-b.md"),
            twin("Harbour dredging", "2026-11-21", "\"Ferries\""),
        )
        .expect("write");
        live_first(&mut session, "twin-b.md", None);
        assert!(!session.pages().contains_key("topics/dredging/index.html"));

        // A new date moves the story to another edition and place on the front page.
        std::fs::write(
            root.join("seeds/twin-b.md"),
            twin("Harbour dredging", "2026-11-24", "\"Ferries\""),
        )
        .expect("write");
        live_first(
            &mut session,
            "twin-b.md",
            Some("harbour-dredging-2/index.html"),
        );
        assert!(
            session
                .pages()
                .contains_key("editions/2026-11-24/index.html")
        );

        // A new seed, then a deleted one.
        write_story(root, 9, "date = 2026-11-19\n", "");
        live_first(
            &mut session,
            "route-9.md",
            Some("ferry-route-9-changes/index.html"),
        );
        std::fs::remove_file(root.join("seeds/route-4.md")).expect("rm");
        live_first(&mut session, "route-4.md", None);
        assert!(
            !session
                .pages()
                .contains_key("ferry-route-4-changes/index.html")
        );
    }
}
