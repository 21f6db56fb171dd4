//! Rendering: the digest and a theme in, every output file (path and bytes) out.
//!
//! Sets up tera with the theme's templates (site overrides already applied), renders the
//! pages in parallel (the list pages, paginated, are named in [`lists`]), and adds feeds,
//! sitemap, robots.txt and the theme's static files.
//! Nothing here touches the file system; publishing writes what this returns.

mod cards;
mod context;
mod feeds;
pub mod highlight;
pub mod incremental;
#[cfg(test)]
mod json_reference;
mod json_string;
mod json_writer;
mod jsonld;
mod links;
pub mod lists;
pub mod pager;
mod search;
mod template_escape;
pub mod theme;

use rayon::prelude::*;
use std::sync::Arc;
use tera::{Context, Tera, Value};
use thiserror::Error;

use crate::config::Config;
use crate::digest::Digest;
pub use cards::CardOrder;
use cards::CardTable;
use context::{PageCommon, PageData, SiteData, story_value, topic_value};
pub use links::Links;
use links::root_prefix;
use theme::Theme;

/// One output file, by path relative to the output root (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The templates gazette renders pages with, one per kind of page. Every other template
/// (`base.html`, partials) is the theme's own business, reached by `extends`/`include`.
pub const PAGE_TEMPLATES: [&str; 8] = [
    "index.html",
    "story.html",
    "topics.html",
    "topic.html",
    "edition.html",
    "editions.html",
    "search.html",
    "404.html",
];

/// The variables one page's template receives (besides `site`, which every page shares),
/// and where the page goes.
#[derive(Debug, Clone)]
pub struct PageContext {
    pub template: &'static str,
    pub path: String,
    pub variables: Vec<(&'static str, Value)>,
    /// On list pages, the story cards to deal into `lead` and `stories` before the page
    /// renders (see [`cards`]).
    pub cards: Option<CardOrder>,
}

impl PageContext {
    /// The value the page's template gets as `name`, if it gets one.
    pub fn variable(&self, name: &str) -> Option<&Value> {
        self.variables
            .iter()
            .find(|(variable, _)| *variable == name)
            .map(|(_, value)| value)
    }

    /// The page with the story cards it shows.
    fn with_cards(mut self, cards: CardOrder) -> PageContext {
        self.cards = Some(cards);
        self
    }
}

/// A theme whose templates do not compile or render.
#[derive(Debug, Error)]
pub enum RenderError {
    #[error("template {origin}:\n{report}{files}")]
    Template {
        origin: String,
        report: String,
        files: String,
    },
    #[error("rendering {page} with template {template}:\n{report}{files}")]
    Page {
        page: String,
        template: String,
        report: String,
        files: String,
    },
}

/// Writes a file's bytes to `out`.
pub type WriteFn<'a> = dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()> + 'a;

/// Where a whole-site render puts its files as they are made, from many threads at once.
pub trait Sink: Sync {
    type Error: From<RenderError> + Send;
    /// A file, held in memory.
    fn page(&self, page: Page) -> Result<(), Self::Error>;
    /// A file too big to hold (the digest's JSON feed, the search index): `write`
    /// writes its bytes, the same bytes each time it is called.
    fn stream(&self, path: &str, write: &WriteFn<'_>) -> Result<(), Self::Error>;
}

/// Renders the whole site into memory, sorted by path (what a live session serves),
/// with each story's related stories as the story pages show them.
pub fn render_site(
    digest: &Digest,
    config: &Config,
    theme: &Theme,
) -> Result<(Vec<Page>, crate::related::Shared), RenderError> {
    let collected = InMemory(std::sync::Mutex::new(Vec::new()));
    let (_, leftovers) = render_site_to(digest, config, theme, &collected)?;
    let related = Arc::clone(&leftovers.related);
    leftovers.let_go();
    let mut pages = collected
        .0
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    pages.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    Ok((pages, related))
}

/// Every file, held.
struct InMemory(std::sync::Mutex<Vec<Page>>);

impl Sink for InMemory {
    type Error = RenderError;

    fn page(&self, page: Page) -> Result<(), RenderError> {
        crate::locked(&self.0).push(page);
        Ok(())
    }

    fn stream(&self, path: &str, write: &WriteFn<'_>) -> Result<(), RenderError> {
        let mut bytes = Vec::new();
        // Writing into memory cannot fail.
        let _ = write(&mut bytes);
        self.page(Page {
            path: path.to_string(),
            bytes,
        })
    }
}

/// One piece of rendering work; the whole site is a list of these, done in parallel.
#[derive(Clone, Copy)]
enum Job {
    NotFound,
    SearchPage,
    Listing(Listing),
    List(lists::ListPage),
    Story(usize),
}

/// Renders the whole site, handing each file to `sink` as soon as it is made (from many
/// threads), so no more than a few pages are held at a time. Returns how many files
/// there are, and what is left to free. The order of files is not defined.
pub fn render_site_to<S: Sink>(
    digest: &Digest,
    config: &Config,
    theme: &Theme,
    sink: &S,
) -> Result<(usize, Leftovers), S::Error> {
    let links = links(config);
    let tera = site_templates(config, theme)?;
    let renderer = Renderer::new(digest, config, &links);
    let mut list_pages: Vec<(lists::ListPage, Option<CardOrder>)> =
        lists::list_pages(digest, config, theme)
            .into_iter()
            .map(|which| (which, lists::card_order(digest, config, which)))
            .collect();
    lists::in_story_order(&mut list_pages);
    let source = |name: &str| theme.source_of(name);
    let cards = CardTable::new(
        &tera,
        cards::RootUse::of(source),
        digest.stories.len(),
        list_pages.iter().filter_map(|(_, order)| order.as_ref()),
    )
    .lean_when(cards::ListUse::of(source));
    let sizes = PageSizes::default();
    let render = |context: PageContext| render_page(&tera, theme, &cards, &sizes, context);

    // The two biggest files (about 140 and 100 ms at 10,000 stories) first: a job that
    // starts last finishes alone while the other core has nothing left to do. Both
    // stream, so neither is held in memory.
    let search_index = |listing: &Listing| matches!(listing, Listing::SearchIndex);
    let listings = listings(digest, theme);
    let mut jobs = vec![Job::Listing(Listing::JsonFeed)];
    jobs.extend(
        listings
            .iter()
            .filter(|l| search_index(l))
            .map(|l| Job::Listing(*l)),
    );
    if has_template(theme, "search.html") {
        jobs.push(Job::SearchPage);
    }
    jobs.extend(
        listings
            .iter()
            .filter(|listing| !matches!(listing, Listing::JsonFeed) && !search_index(listing))
            .map(|listing| Job::Listing(*listing)),
    );
    jobs.push(Job::NotFound);
    jobs.extend(list_pages.into_iter().map(|(which, _)| Job::List(which)));
    jobs.extend((0..digest.stories.len()).map(Job::Story));

    let files = std::sync::atomic::AtomicUsize::new(0);
    let page = |page: Page| {
        files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        sink.page(page)
    };
    let stream = |path: &str, write: &WriteFn<'_>| {
        files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        sink.stream(path, write)
    };
    jobs.into_par_iter()
        .try_for_each(|job| -> Result<(), S::Error> {
            let context = match job {
                Job::NotFound => renderer.not_found_page(),
                Job::SearchPage => renderer.search_page(),
                Job::List(which) => renderer.list_page(which),
                Job::Story(i) => renderer.story_page(i),
                Job::Listing(Listing::JsonFeed) => {
                    let every = feeds::FeedScope::digest(digest, config, usize::MAX);
                    return stream("feed.json", &|out| {
                        feeds::write_json_feed(&every, config, &links, out)
                    });
                }
                Job::Listing(Listing::SearchIndex) => {
                    return stream(search::INDEX_FILE, &|out| {
                        search::write_index_js(digest, &links, out)
                    });
                }
                Job::Listing(listing) => {
                    for file in listing_pages(listing, digest, config, theme, &links) {
                        page(file)?;
                    }
                    return Ok(());
                }
            };
            page(render(context)?)
        })?;
    for (path, bytes) in &theme.static_files {
        page(Page {
            path: path.clone(),
            bytes: bytes.clone(),
        })?;
    }
    Ok((files.into_inner(), renderer.into_leftovers()))
}

/// What a render leaves: every story's summary, to free, and its related stories, which
/// a live session keeps. One thread freeing the summaries took about 28 ms at 10,000
/// stories while the other core had nothing to do, so the caller frees them beside
/// other work ([`Leftovers::let_go`]), or leaves them to the system when the process is
/// about to exit.
pub struct Leftovers {
    summaries: Vec<Value>,
    related: crate::related::Shared,
}

impl Leftovers {
    /// Frees the summaries on every core.
    pub fn let_go(self) {
        self.summaries.into_par_iter().for_each(drop);
    }
}

/// One of the files besides HTML pages that list stories: the search index and script
/// (when the theme has a search page), the digest's and each topic's feeds, the sitemap
/// and robots.txt.
#[derive(Clone, Copy)]
enum Listing {
    SearchIndex,
    SearchScript,
    Atom,
    Rss,
    JsonFeed,
    /// A topic's Atom, RSS and JSON feeds.
    TopicFeeds(usize),
    Sitemap,
    Robots,
}

/// Every listing file the site has, in a stable order.
fn listings(digest: &Digest, theme: &Theme) -> Vec<Listing> {
    let mut listings = digest_listings(theme);
    listings.extend((0..digest.topics.len()).map(Listing::TopicFeeds));
    listings
}

/// The listings that cover the whole digest (every one but the topics' feeds).
fn digest_listings(theme: &Theme) -> Vec<Listing> {
    let mut listings = Vec::new();
    // Themes written before the search page existed have no `search.html`: their sites
    // build as before, without search.
    if has_template(theme, "search.html") {
        listings.extend([Listing::SearchIndex, Listing::SearchScript]);
    }
    listings.extend([
        Listing::Atom,
        Listing::Rss,
        Listing::JsonFeed,
        Listing::Sitemap,
        Listing::Robots,
    ]);
    listings
}

/// The file(s) of one listing.
fn listing_pages(
    listing: Listing,
    digest: &Digest,
    config: &Config,
    theme: &Theme,
    links: &Links,
) -> Vec<Page> {
    // The digest's Atom and RSS carry the newest `feed_limit` stories; its JSON Feed,
    // read by tools, carries them all.
    let newest = || feeds::FeedScope::digest(digest, config, config.feed_limit);
    let page = |path: &str, text: String| vec![text_page(path, text)];
    match listing {
        Listing::SearchIndex => page(search::INDEX_FILE, search::index_js(digest, links)),
        Listing::SearchScript => page(search::SCRIPT_FILE, search::SCRIPT.to_string()),
        Listing::Atom => page("feed.xml", feeds::atom(&newest(), config, links)),
        Listing::Rss => page("rss.xml", feeds::rss(&newest(), config, links)),
        Listing::JsonFeed => {
            let every = feeds::FeedScope::digest(digest, config, usize::MAX);
            page("feed.json", feeds::json_feed(&every, config, links))
        }
        Listing::TopicFeeds(i) => {
            let scope = feeds::FeedScope::topic(digest, config, i);
            feeds::feed_files(&scope, config, links)
                .into_iter()
                .map(|(path, text)| text_page(&path, text))
                .collect()
        }
        Listing::Sitemap => page(
            "sitemap.xml",
            feeds::sitemap(digest, links, lists::has_editions(theme)),
        ),
        Listing::Robots => page("robots.txt", feeds::robots(links)),
    }
}

/// The feeds of the topics at `topics` (indices into `digest.topics`), in memory.
fn topic_feed_files(
    digest: &Digest,
    config: &Config,
    theme: &Theme,
    links: &Links,
    topics: &[usize],
) -> Vec<Page> {
    topics
        .par_iter()
        .flat_map_iter(|&i| listing_pages(Listing::TopicFeeds(i), digest, config, theme, links))
        .collect()
}

/// The variables every page template of the site receives: `site`, then one
/// [`PageContext`] per page, with the list pages' story cards dealt (the only part
/// rendered). The theme author's guide is checked against this, so it lists what real
/// builds hand to templates.
pub fn template_contexts(
    digest: &Digest,
    config: &Config,
    theme: &Theme,
) -> Result<(Value, Vec<PageContext>), RenderError> {
    let links = links(config);
    let tera = site_templates(config, theme)?;
    let renderer = Renderer::new(digest, config, &links);
    let which = lists::list_pages(digest, config, theme);
    let orders: Vec<CardOrder> = which
        .iter()
        .filter_map(|&page| lists::card_order(digest, config, page))
        .collect();
    let cards = CardTable::new(
        &tera,
        cards::RootUse::of(|name| theme.source_of(name)),
        digest.stories.len(),
        &orders,
    );
    let mut contexts = Vec::new();
    for page in which {
        let mut context = renderer.list_page(page);
        deal_cards(&cards, theme, &mut context)?;
        contexts.push(context);
    }
    contexts.push(renderer.search_page());
    contexts.push(renderer.not_found_page());
    contexts.extend((0..digest.stories.len()).map(|i| renderer.story_page(i)));
    Ok((site_value(config, theme), contexts))
}

/// Each topic of the digest as lists show it, in the digest's order.
fn topic_values(digest: &Digest, links: &Links) -> Vec<Value> {
    digest
        .topics
        .iter()
        .map(|t| topic_value(&t.name, &t.slug, t.stories.len(), links))
        .collect()
}

fn links(config: &Config) -> Links {
    Links {
        pretty: config.pretty_links,
        base_url: config.base_url.clone(),
    }
}

fn site_value(config: &Config, theme: &Theme) -> Value {
    Value::from_serializable(&SiteData::new(config, &theme.info.extra))
}

fn has_template(theme: &Theme, name: &str) -> bool {
    theme
        .templates
        .iter()
        .chain(&theme.parent_templates)
        .any(|t| t.name == name)
}

fn text_page(path: &str, text: String) -> Page {
    Page {
        path: path.to_string(),
        bytes: text.into_bytes(),
    }
}

/// The theme's templates, compiled, with `site` set for every page (and card).
fn site_templates(config: &Config, theme: &Theme) -> Result<Tera, RenderError> {
    let mut tera = load_templates(theme)?;
    tera.global_context()
        .insert_value("site", site_value(config, theme));
    Ok(tera)
}

/// Compiles every template; a broken one is reported with its file and line.
fn load_templates(theme: &Theme) -> Result<Tera, RenderError> {
    let mut tera = Tera::new();
    tera.set_escape_fn(template_escape::escape);
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .chain(&theme.parent_templates)
            .map(|t| (t.name.as_str(), t.source.as_str())),
    )
    .map_err(|err| {
        let report = full_report(&err);
        let named = templates_named_in(&report);
        let origin = named
            .first()
            .and_then(|name| theme.origin_of(name))
            .unwrap_or("(theme)")
            .to_string();
        RenderError::Template {
            origin,
            files: where_templates_live(&named, theme),
            report,
        }
    })?;
    Ok(tera)
}

fn render_page(
    tera: &Tera,
    theme: &Theme,
    cards: &CardTable,
    sizes: &PageSizes,
    mut page: PageContext,
) -> Result<Page, RenderError> {
    deal_cards(cards, theme, &mut page)?;
    let mut context = Context::new();
    for (name, value) in std::mem::take(&mut page.variables) {
        context.insert_value(name, value);
    }
    // Rendered as bytes, not a String: tera's templates are UTF-8 and so is every value,
    // and checking each finished page again cost more than a tenth of its render.
    let mut bytes = Vec::with_capacity(sizes.hint(page.template));
    tera.render_to(page.template, &context, &mut bytes)
        .map_err(|err| page_failed(theme, &page.path, page.template, &err))?;
    sizes.saw(page.template, bytes.len());
    Ok(Page {
        path: page.path,
        bytes,
    })
}

/// The biggest page made so far with each page template, so the next one's buffer is
/// sized once instead of doubled from tera's guess (a story page grew five times).
#[derive(Default)]
struct PageSizes([std::sync::atomic::AtomicUsize; PAGE_TEMPLATES.len()]);

impl PageSizes {
    /// Room for a page of `template`: the biggest one so far and an eighth more.
    fn hint(&self, template: &str) -> usize {
        let biggest = self
            .slot(template)
            .map_or(0, |slot| slot.load(std::sync::atomic::Ordering::Relaxed));
        biggest + biggest / 8
    }

    fn saw(&self, template: &str, len: usize) {
        if let Some(slot) = self.slot(template) {
            slot.fetch_max(len, std::sync::atomic::Ordering::Relaxed);
        }
    }

    fn slot(&self, template: &str) -> Option<&std::sync::atomic::AtomicUsize> {
        let index = PAGE_TEMPLATES.iter().position(|name| *name == template)?;
        self.0.get(index)
    }
}

/// The page's story cards (see [`cards`]); a card that fails is the page's error.
fn deal_cards(cards: &CardTable, theme: &Theme, page: &mut PageContext) -> Result<(), RenderError> {
    cards
        .deal(page)
        .map_err(|err| page_failed(theme, &page.path, cards::CARD_TEMPLATE, &err))
}

fn page_failed(theme: &Theme, page: &str, template: &str, err: &tera::Error) -> RenderError {
    let report = full_report(err);
    RenderError::Page {
        page: page.to_string(),
        template: template.to_string(),
        files: where_templates_live(&templates_named_in(&report), theme),
        report,
    }
}

/// A tera error with its chain of causes, which hold the line and the missing name.
fn full_report(err: &tera::Error) -> String {
    let mut report = err.to_string();
    let mut cause = std::error::Error::source(err);
    while let Some(inner) = cause {
        report.push('\n');
        report.push_str(&inner.to_string());
        cause = inner.source();
    }
    report
}

/// The templates a tera report points at (`--> name:3:4`, `called from name:32:16`), in
/// order of mention, each once.
fn templates_named_in(report: &str) -> Vec<String> {
    // Why no fallback: the pattern is a literal, checked by the tests below.
    let pattern = regex::Regex::new(r"(?:-->|called from) ([^\s:]+):\d+").expect("valid regex");
    let mut names: Vec<String> = Vec::new();
    for found in pattern.captures_iter(report) {
        let name = found[1].to_string();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Tera knows templates by name; the user knows files. Says which file each name is.
fn where_templates_live(names: &[String], theme: &Theme) -> String {
    let lines: Vec<String> = names
        .iter()
        .filter_map(|name| {
            theme
                .origin_of(name)
                .map(|origin| format!("\n  {name} is {origin}"))
        })
        .collect();
    if lines.is_empty() {
        String::new()
    } else {
        format!("\nwhere:{}", lines.concat())
    }
}

/// Builds each page's variables from the digest; knows nothing of templates.
struct Renderer<'a> {
    digest: &'a Digest,
    config: &'a Config,
    links: &'a Links,
    /// One summary value per story, shared by every page that lists it.
    summaries: Vec<Value>,
    /// For each story, the stories its page offers next.
    related: crate::related::Shared,
    /// What every page's `page` shares.
    common: PageCommon,
    /// Each topic (`{name, slug, path, count}`), in the digest's order: the front pages,
    /// the topics index and each topic's pages show the same values.
    topics: Vec<Value>,
    /// Each edition as lists show it, made when a page first shows one.
    editions: std::sync::OnceLock<Vec<Value>>,
}

impl<'a> Renderer<'a> {
    fn new(digest: &'a Digest, config: &'a Config, links: &'a Links) -> Renderer<'a> {
        Renderer {
            digest,
            config,
            links,
            summaries: {
                let topic_links = context::TopicLinks::new(digest, links);
                (0..digest.stories.len())
                    .into_par_iter()
                    .map(|i| context::shared_summary_value(digest, i, links, &topic_links))
                    .collect()
            },
            related: Arc::new(crate::related::related_stories(digest)),
            common: PageCommon::new(links),
            topics: topic_values(digest, links),
            editions: std::sync::OnceLock::new(),
        }
    }

    fn into_leftovers(self) -> Leftovers {
        Leftovers {
            summaries: self.summaries,
            related: self.related,
        }
    }

    fn page(
        template: &'static str,
        path: String,
        page: PageData,
        mut variables: Vec<(&'static str, Value)>,
    ) -> PageContext {
        variables.insert(0, ("page", Value::from_serializable(&page)));
        PageContext {
            template,
            path,
            variables,
            cards: None,
        }
    }

    fn story_page(&self, index: usize) -> PageContext {
        let story = &self.digest.stories[index];
        let meta = &story.edited.story.meta;
        let mut page = PageData::new(
            "story",
            format!("{} · {}", meta.headline, self.config.title),
            jsonld::share_description(story),
            self.links.absolute(&story.slug),
            root_prefix(1),
            &self.common,
        );
        page.json_ld_html = jsonld::news_article(story, self.config, self.links);
        let value = story_value(self.digest, index, self.links, &self.summaries[index]);
        let related: Vec<Value> = self.related[index]
            .iter()
            .map(|&i| self.summaries[i].clone())
            .collect();
        Self::page(
            "story.html",
            Links::story_file(&story.slug),
            page,
            vec![("story", value), ("related", Value::from(related))],
        )
    }

    /// The search page: every story listed (what readers without JavaScript get), and
    /// the form the search script answers.
    fn search_page(&self) -> PageContext {
        let page = PageData::new(
            "search",
            format!("Search · {}", self.config.title),
            format!("Search every story in {}", self.config.title),
            self.links.absolute("search"),
            root_prefix(1),
            &self.common,
        );
        Self::page(
            "search.html",
            "search/index.html".to_string(),
            page,
            vec![("stories", Value::from(self.summaries.clone()))],
        )
    }

    fn not_found_page(&self) -> PageContext {
        let page = PageData::new(
            "404",
            format!("Page not found · {}", self.config.title),
            String::new(),
            String::new(),
            self.links.site_path(),
            &self.common,
        );
        Self::page("404.html", "404.html".to_string(), page, Vec::new())
    }

    fn topic_list(&self, limit: usize) -> Vec<Value> {
        self.topics.iter().take(limit).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_are_found_in_tera_reports() {
        let report = "error: Variable `x` is not defined\n --> partials/fact_box.html:3:4\n\nnote: called from story.html:32:16\n";
        assert_eq!(
            templates_named_in(report),
            ["partials/fact_box.html", "story.html"]
        );
    }
}
