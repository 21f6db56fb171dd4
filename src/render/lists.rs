//! List pages: the front page, topic pages and dated edition pages, each split into
//! pages of `paginate_by` stories; the topics index; the editions archive.
//!
//! [`list_pages`] names every list page a site has, and [`Renderer::list_page`] builds
//! one page's template variables, so a whole build and a live session's partial render
//! make the same pages. [`ListPage::signature`] hashes what a page shows, so a session
//! can tell which pages changed without rendering them. Knows nothing of templates
//! beyond which ones the theme has, and nothing of files.

use serde::Serialize;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use tera::Value;

use super::context::PageData;
use super::jsonld;
use super::links::{Links, root_prefix};
use super::pager::{Pager, page_count, page_items, page_of};
use super::theme::Theme;
use super::{CardOrder, PageContext, Renderer, has_template};
use crate::config::Config;
use crate::digest::Digest;
use crate::editions::{DayFact, EditionEntry, day_in_numbers};
use crate::editorial::FactKind;

/// How many topics the front page lists.
const FRONT_PAGE_TOPICS: usize = 12;

/// The anchor of the fact box on a story page, where "the day in numbers" links to.
pub const FACT_BOX_ANCHOR: &str = "fact-box";

/// Where the editions archive goes.
const ARCHIVE_FOLDER: &str = "editions";

/// One list page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListPage {
    /// Page `n` (from 1) of the front page.
    Front(usize),
    TopicsIndex,
    /// Page `number` of the topic at `topic` in `digest.topics`.
    Topic {
        topic: usize,
        number: usize,
    },
    /// Page `number` of the edition at `edition` in `digest.editions`.
    Edition {
        edition: usize,
        number: usize,
    },
    /// Every edition, newest first.
    Archive,
}

/// Whether the theme can show editions: it needs both templates (a theme written
/// before editions existed builds as before, without them).
pub fn has_editions(theme: &Theme) -> bool {
    has_template(theme, "edition.html") && has_template(theme, "editions.html")
}

/// Every list page of the site, in a stable order.
pub fn list_pages(digest: &Digest, config: &Config, theme: &Theme) -> Vec<ListPage> {
    let per_page = config.paginate_by;
    let mut pages: Vec<ListPage> = (1..=page_count(front_list_len(digest), per_page))
        .map(ListPage::Front)
        .collect();
    pages.push(ListPage::TopicsIndex);
    for (topic, entry) in digest.topics.iter().enumerate() {
        pages.extend(
            (1..=page_count(entry.stories.len(), per_page))
                .map(|number| ListPage::Topic { topic, number }),
        );
    }
    if has_editions(theme) {
        for (edition, entry) in digest.editions.iter().enumerate() {
            pages.extend(
                (1..=page_count(edition_list_len(entry), per_page))
                    .map(|number| ListPage::Edition { edition, number }),
            );
        }
        pages.push(ListPage::Archive);
    }
    pages
}

/// The front page's list: every story but the lead, in front-page order.
fn front_list_len(digest: &Digest) -> usize {
    digest.stories.len() - usize::from(digest.lead.is_some())
}

/// The story at `position` of the front page's list (the lead is left out).
fn front_list_story(digest: &Digest, position: usize) -> usize {
    match digest.lead {
        Some(lead) if position >= lead => position + 1,
        _ => position,
    }
}

/// An edition page's list: the edition's stories but its lead.
fn edition_list(edition: &EditionEntry) -> Vec<usize> {
    edition
        .stories
        .iter()
        .copied()
        .filter(|&i| i != edition.lead)
        .collect()
}

/// How many stories [`edition_list`] has, without making it.
fn edition_list_len(edition: &EditionEntry) -> usize {
    edition
        .stories
        .iter()
        .filter(|&&i| i != edition.lead)
        .count()
}

/// The folder of the list a page belongs to.
fn list_folder(digest: &Digest, page: ListPage) -> String {
    match page {
        ListPage::Front(_) => String::new(),
        ListPage::TopicsIndex => "topics".to_string(),
        ListPage::Topic { topic, .. } => Links::topic_folder(&digest.topics[topic].slug),
        ListPage::Edition { edition, .. } => Links::edition_folder(digest.editions[edition].date),
        ListPage::Archive => ARCHIVE_FOLDER.to_string(),
    }
}

fn page_number(page: ListPage) -> usize {
    match page {
        ListPage::Front(number)
        | ListPage::Topic { number, .. }
        | ListPage::Edition { number, .. } => number,
        ListPage::TopicsIndex | ListPage::Archive => 1,
    }
}

impl ListPage {
    /// The page's output file, relative to the output root.
    pub fn file(self, digest: &Digest) -> String {
        Links::list_page_file(&list_folder(digest, self), page_number(self))
    }

    /// A hash of everything the page shows: equal signatures, equal pages (for the same
    /// templates and settings). `story_key` hashes what a story's summary shows; the
    /// caller decides what that is (a live session hashes each story's edit number).
    pub fn signature(
        self,
        digest: &Digest,
        config: &Config,
        story_key: &dyn Fn(usize, &mut DefaultHasher),
    ) -> u64 {
        let mut hasher = DefaultHasher::new();
        let h = &mut hasher;
        // The page's file, not its indices: a new edition or topic shifts those.
        self.file(digest).hash(h);
        let per_page = config.paginate_by;
        let stories = |indices: &mut dyn Iterator<Item = usize>, h: &mut DefaultHasher| {
            for index in indices {
                story_key(index, h);
            }
        };
        let topic_list = |limit: usize, h: &mut DefaultHasher| {
            for topic in digest.topics.iter().take(limit) {
                (&topic.name, &topic.slug, topic.stories.len()).hash(h);
            }
        };
        // An edition as other pages show it: date, count and lead.
        let edition_ref = |i: usize, h: &mut DefaultHasher| {
            let edition = &digest.editions[i];
            (edition.date, edition.stories.len()).hash(h);
            story_key(edition.lead, h);
        };
        match self {
            ListPage::Front(number) => {
                let len = front_list_len(digest);
                page_count(len, per_page).hash(h);
                let range = page_items(len, per_page, number);
                stories(&mut range.map(|p| front_list_story(digest, p)), h);
                topic_list(FRONT_PAGE_TOPICS, h);
                if number == 1 {
                    // Keys, not indices: a new story shifts every index after it.
                    if let Some(lead) = digest.lead {
                        story_key(lead, h);
                    }
                    if let Some(latest) = digest.editions.first() {
                        edition_ref(0, h);
                        // The day in numbers reads every story of the edition.
                        stories(&mut latest.stories.iter().copied(), h);
                    }
                }
            }
            ListPage::TopicsIndex => topic_list(usize::MAX, h),
            ListPage::Topic { topic, number } => {
                let entry = &digest.topics[topic];
                (&entry.name, &entry.slug, entry.stories.len()).hash(h);
                page_count(entry.stories.len(), per_page).hash(h);
                let range = page_items(entry.stories.len(), per_page, number);
                stories(&mut entry.stories[range].iter().copied(), h);
            }
            ListPage::Edition { edition, .. } => {
                let entry = &digest.editions[edition];
                entry.date.hash(h);
                story_key(entry.lead, h);
                page_count(edition_list_len(entry), per_page).hash(h);
                // Its list, and page 1's lead and day in numbers: every story of the day.
                stories(&mut entry.stories.iter().copied(), h);
                for neighbour in [edition.checked_sub(1), Some(edition + 1)] {
                    match neighbour.filter(|&n| n < digest.editions.len()) {
                        Some(n) => edition_ref(n, h),
                        None => 0u8.hash(h),
                    }
                }
            }
            ListPage::Archive => {
                for i in 0..digest.editions.len() {
                    edition_ref(i, h);
                }
                (undated_count(digest), undated_page(digest, per_page)).hash(h);
            }
        }
        hasher.finish()
    }
}

fn undated_count(digest: &Digest) -> usize {
    digest
        .stories
        .iter()
        .filter(|s| s.edited.story.meta.date.is_none())
        .count()
}

/// The front page's page where the undated stories begin (they come after every dated
/// one); none when every story has a date.
fn undated_page(digest: &Digest, per_page: usize) -> Option<usize> {
    let first = digest
        .stories
        .iter()
        .position(|s| s.edited.story.meta.date.is_none())?;
    // The lead is left out of the front page's list.
    let position = match digest.lead {
        Some(lead) if lead < first => first - 1,
        _ => first,
    };
    Some(page_of(position, per_page))
}

/// An edition as templates see it (`Edition` in the theme guide).
#[derive(Serialize)]
struct EditionView {
    date: String,
    date_display: String,
    path: String,
    count: usize,
    lead: Value,
}

/// One figure of the day in numbers (`DayFact` in the theme guide).
#[derive(Serialize)]
struct DayFactView<'a> {
    label: &'a str,
    value: &'a str,
    kind: FactKind,
    machine_value: Option<&'a str>,
    headline: &'a str,
    path: String,
}

/// What the archive says about undated stories (`Undated` in the theme guide).
#[derive(Serialize)]
struct UndatedView {
    count: usize,
    path: Option<String>,
}

/// The cards a list page shows: its lead's (the first page of the front page and of an
/// edition has one) and those of the stories it lists, in order; none on the pages that
/// list topics or editions. The page builders below take their stories from here.
pub fn card_order(digest: &Digest, config: &Config, which: ListPage) -> Option<CardOrder> {
    match which {
        ListPage::Front(number) => Some(front_cards(digest, config, number)),
        ListPage::Topic { topic, number } => Some(topic_cards(digest, config, topic, number)),
        ListPage::Edition { edition, number } => {
            Some(edition_cards(digest, config, edition, number))
        }
        ListPage::TopicsIndex | ListPage::Archive => None,
    }
}

fn front_cards(digest: &Digest, config: &Config, number: usize) -> CardOrder {
    let range = page_items(front_list_len(digest), config.paginate_by, number);
    CardOrder {
        kind: "index",
        root: root_prefix(Links::list_page_depth("", number)),
        lead: digest.lead.filter(|_| number == 1),
        stories: range.map(|p| front_list_story(digest, p)).collect(),
    }
}

fn topic_cards(digest: &Digest, config: &Config, topic: usize, number: usize) -> CardOrder {
    let topic = &digest.topics[topic];
    let range = page_items(topic.stories.len(), config.paginate_by, number);
    CardOrder {
        kind: "topic",
        root: root_prefix(Links::list_page_depth(
            &Links::topic_folder(&topic.slug),
            number,
        )),
        lead: None,
        stories: topic.stories[range].to_vec(),
    }
}

fn edition_cards(digest: &Digest, config: &Config, edition: usize, number: usize) -> CardOrder {
    let entry = &digest.editions[edition];
    let list = edition_list(entry);
    let range = page_items(list.len(), config.paginate_by, number);
    CardOrder {
        kind: "edition",
        root: root_prefix(Links::list_page_depth(
            &Links::edition_folder(entry.date),
            number,
        )),
        lead: (number == 1).then_some(entry.lead),
        stories: list[range].to_vec(),
    }
}

/// `pages` in the order of the stories they list (by the middle one; pages listing none
/// first), so a story's cards on different topic pages are asked for close together and
/// a kept card is let go soon after it is made (see [`super::cards`]).
pub fn in_story_order(pages: &mut [(ListPage, Option<CardOrder>)]) {
    pages.sort_by_key(|(_, order)| {
        order
            .as_ref()
            .and_then(|order| order.stories.get(order.stories.len() / 2).copied())
    });
}

impl Renderer<'_> {
    /// The variables of one list page.
    pub(super) fn list_page(&self, which: ListPage) -> PageContext {
        match which {
            ListPage::Front(number) => self.front_page(number),
            ListPage::TopicsIndex => self.topics_index(),
            ListPage::Topic { topic, number } => self.topic_page(topic, number),
            ListPage::Edition { edition, number } => self.edition_page(edition, number),
            ListPage::Archive => self.editions_archive(),
        }
    }

    /// `PageData` for page `number` of `total` of the list in `folder`; `section` names
    /// the list in the title (none for the front page, which is the site itself).
    fn list_page_data(
        &self,
        kind: &'static str,
        section: Option<&str>,
        description: String,
        folder: &str,
        (number, total): (usize, usize),
    ) -> PageData {
        let mut title: Vec<String> = section.map(str::to_string).into_iter().collect();
        if number > 1 {
            title.push(format!("Page {number} of {total}"));
        }
        title.push(self.config.title.clone());
        let mut page = PageData::new(
            kind,
            title.join(" · "),
            description,
            self.links
                .absolute(&Links::list_page_folder(folder, number)),
            root_prefix(Links::list_page_depth(folder, number)),
            &self.common,
        );
        page.pager = Some(Pager::new(self.links, folder, number, total));
        page
    }

    fn summaries_of(&self, indices: impl Iterator<Item = usize>) -> Value {
        Value::from(
            indices
                .map(|i| self.summaries[i].clone())
                .collect::<Vec<Value>>(),
        )
    }

    fn front_page(&self, number: usize) -> PageContext {
        let digest = self.digest;
        let len = front_list_len(digest);
        let total = page_count(len, self.config.paginate_by);
        let mut page = self.list_page_data(
            "index",
            None,
            self.config.description.clone(),
            "",
            (number, total),
        );
        let first = number == 1;
        if first {
            page.json_ld_html = jsonld::website(self.config, self.links);
        }
        let cards = front_cards(digest, self.config, number);
        let stories = self.summaries_of(cards.stories.iter().copied());
        let lead = cards.lead.map(|i| self.summaries[i].clone());
        let latest = digest.editions.first().filter(|_| first);
        Self::page(
            "index.html",
            Links::list_page_file("", number),
            page,
            vec![
                ("lead", Value::from(lead)),
                ("stories", stories),
                ("topics", Value::from(self.topic_list(FRONT_PAGE_TOPICS))),
                (
                    "edition",
                    Value::from(latest.map(|_| self.edition_value(0))),
                ),
                ("day_in_numbers", self.day_in_numbers_value(latest)),
            ],
        )
        .with_cards(cards)
    }

    pub(super) fn topics_index(&self) -> PageContext {
        let page = PageData::new(
            "topics",
            format!("Topics · {}", self.config.title),
            format!("Every topic in {}", self.config.title),
            self.links.absolute("topics"),
            root_prefix(1),
            &self.common,
        );
        let topics = self.topic_list(usize::MAX);
        Self::page(
            "topics.html",
            "topics/index.html".to_string(),
            page,
            vec![("topics", Value::from(topics))],
        )
    }

    fn topic_page(&self, index: usize, number: usize) -> PageContext {
        let topic = &self.digest.topics[index];
        let folder = Links::topic_folder(&topic.slug);
        let per_page = self.config.paginate_by;
        let total = page_count(topic.stories.len(), per_page);
        let mut page = self.list_page_data(
            "topic",
            Some(&topic.name),
            format!("Stories about {} in {}", topic.name, self.config.title),
            &folder,
            (number, total),
        );
        page.add_topic_feeds(&self.common, &topic.name, &topic.slug);
        let cards = topic_cards(self.digest, self.config, index, number);
        let stories = self.summaries_of(cards.stories.iter().copied());
        let value = self.topics[index].clone();
        Self::page(
            "topic.html",
            Links::list_page_file(&folder, number),
            page,
            vec![("topic", value), ("stories", stories)],
        )
        .with_cards(cards)
    }

    fn edition_page(&self, index: usize, number: usize) -> PageContext {
        let edition = &self.digest.editions[index];
        let folder = Links::edition_folder(edition.date);
        let cards = edition_cards(self.digest, self.config, index, number);
        let total = page_count(edition_list_len(edition), self.config.paginate_by);
        let date_display = edition.date.display_long();
        let page = self.list_page_data(
            "edition",
            Some(&date_display),
            format!(
                "The {} edition of {}: {} stor{}",
                date_display,
                self.config.title,
                edition.stories.len(),
                if edition.stories.len() == 1 {
                    "y"
                } else {
                    "ies"
                }
            ),
            &folder,
            (number, total),
        );
        let first = number == 1;
        let lead = cards.lead.map(|i| self.summaries[i].clone());
        let neighbour = |i: Option<usize>| {
            Value::from(
                i.filter(|&i| i < self.digest.editions.len())
                    .map(|i| self.edition_value(i)),
            )
        };
        Self::page(
            "edition.html",
            Links::list_page_file(&folder, number),
            page,
            vec![
                ("edition", self.edition_value(index)),
                ("lead", Value::from(lead)),
                ("stories", self.summaries_of(cards.stories.iter().copied())),
                (
                    "day_in_numbers",
                    self.day_in_numbers_value(Some(edition).filter(|_| first)),
                ),
                ("newer_edition", neighbour(index.checked_sub(1))),
                ("older_edition", neighbour(Some(index + 1))),
            ],
        )
        .with_cards(cards)
    }

    fn editions_archive(&self) -> PageContext {
        let page = PageData::new(
            "editions",
            format!("Editions · {}", self.config.title),
            format!("Every dated edition of {}, newest first", self.config.title),
            self.links.absolute(ARCHIVE_FOLDER),
            root_prefix(1),
            &self.common,
        );
        let editions: Vec<Value> = (0..self.digest.editions.len())
            .map(|i| self.edition_value(i))
            .collect();
        let undated = UndatedView {
            count: undated_count(self.digest),
            path: undated_page(self.digest, self.config.paginate_by)
                .map(|number| self.links.list_page_path("", number)),
        };
        Self::page(
            "editions.html",
            Links::list_page_file(ARCHIVE_FOLDER, 1),
            page,
            vec![
                ("editions", Value::from(editions)),
                ("undated", Value::from_serializable(&undated)),
            ],
        )
    }

    /// Edition `index` as lists show it; made once for every page that shows it (its
    /// pages, its neighbours' pages, the front page and the archive).
    fn edition_value(&self, index: usize) -> Value {
        let editions = self.editions.get_or_init(|| {
            (0..self.digest.editions.len())
                .map(|i| self.make_edition_value(i))
                .collect()
        });
        editions[index].clone()
    }

    fn make_edition_value(&self, index: usize) -> Value {
        let edition = &self.digest.editions[index];
        Value::from_serializable(&EditionView {
            date: edition.date.to_string(),
            date_display: edition.date.display_long(),
            path: self
                .links
                .list_page_path(&Links::edition_folder(edition.date), 1),
            count: edition.stories.len(),
            lead: self.summaries[edition.lead].clone(),
        })
    }

    /// The day in numbers of `edition`, or an empty list.
    fn day_in_numbers_value(&self, edition: Option<&EditionEntry>) -> Value {
        let chosen: Vec<DayFact> = edition.map_or_else(Vec::new, |edition| {
            day_in_numbers(
                &self.digest.stories,
                edition,
                self.config.editorial.day_in_numbers,
            )
        });
        let facts: Vec<DayFactView> = chosen
            .iter()
            .map(|chosen| {
                let story = &self.digest.stories[chosen.story];
                let fact = &story.edited.markup.facts[chosen.fact];
                DayFactView {
                    label: &fact.label,
                    value: &fact.value,
                    kind: fact.kind,
                    machine_value: fact.machine_value.as_deref(),
                    headline: &story.edited.story.meta.headline,
                    path: format!("{}#{FACT_BOX_ANCHOR}", self.links.story_path(&story.slug)),
                }
            })
            .collect();
        Value::from_serializable(&facts)
    }
}
