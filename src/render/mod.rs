//! Rendering: the digest and a theme in, every output file (path and bytes) out.
//!
//! Sets up tera with the theme's templates (site overrides already applied), renders the
//! pages in parallel, and adds feeds, sitemap, robots.txt and the theme's static files.
//! Nothing here touches the file system; publishing writes what this returns.

mod context;
mod feeds;
pub mod highlight;
pub mod incremental;
mod links;
pub mod theme;

use rayon::prelude::*;
use tera::{Context, Tera, Value};
use thiserror::Error;

use crate::config::Config;
use crate::digest::Digest;
use context::{PageData, SiteData, story_value, summary_value, topic_value};
pub use links::Links;
use links::root_prefix;
use theme::Theme;

/// One output file, by path relative to the output root (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A theme whose templates do not compile or render.
#[derive(Debug, Error)]
pub enum RenderError {
    #[error("template {origin}:\n{report}")]
    Template { origin: String, report: String },
    #[error("rendering {page} with template {template}:\n{report}")]
    Page {
        page: String,
        template: String,
        report: String,
    },
}

/// How many topics the front page lists.
const FRONT_PAGE_TOPICS: usize = 12;

/// Renders the whole site.
pub fn render_site(
    digest: &Digest,
    config: &Config,
    theme: &Theme,
) -> Result<Vec<Page>, RenderError> {
    let links = Links {
        pretty: config.pretty_links,
        base_url: config.base_url.clone(),
    };
    let mut tera = load_templates(theme)?;
    tera.global_context()
        .insert("site", &SiteData::new(config, &theme.info.extra));
    let renderer = Renderer {
        tera: &tera,
        digest,
        config,
        links: &links,
        summaries: (0..digest.stories.len())
            .into_par_iter()
            .map(|i| summary_value(digest, i, &links))
            .collect(),
    };

    let story_pages: Vec<Page> = (0..digest.stories.len())
        .into_par_iter()
        .map(|i| renderer.story_page(i))
        .collect::<Result<_, _>>()?;
    let topic_pages: Vec<Page> = (0..digest.topics.len())
        .into_par_iter()
        .map(|i| renderer.topic_page(i))
        .collect::<Result<_, _>>()?;

    let mut pages = vec![
        renderer.front_page()?,
        renderer.topics_index()?,
        renderer.not_found_page()?,
    ];
    pages.extend(story_pages);
    pages.extend(topic_pages);
    pages.push(text_page("feed.xml", feeds::atom(digest, config, &links)));
    pages.push(text_page(
        "feed.json",
        feeds::json_feed(digest, config, &links),
    ));
    pages.push(text_page("sitemap.xml", feeds::sitemap(digest, &links)));
    pages.push(text_page("robots.txt", feeds::robots(&links)));
    pages.extend(theme.static_files.iter().map(|(path, bytes)| Page {
        path: path.clone(),
        bytes: bytes.clone(),
    }));
    Ok(pages)
}

fn text_page(path: &str, text: String) -> Page {
    Page {
        path: path.to_string(),
        bytes: text.into_bytes(),
    }
}

/// Compiles every template; a broken one is reported with its file and line.
fn load_templates(theme: &Theme) -> Result<Tera, RenderError> {
    let mut tera = Tera::new();
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.source.as_str())),
    )
    .map_err(|err| {
        let report = full_report(&err);
        let origin = theme
            .templates
            .iter()
            .find(|t| report.contains(&t.name))
            .map_or_else(|| "(theme)".to_string(), |t| t.origin.clone());
        RenderError::Template { origin, report }
    })?;
    Ok(tera)
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

struct Renderer<'a> {
    tera: &'a Tera,
    digest: &'a Digest,
    config: &'a Config,
    links: &'a Links,
    /// One summary value per story, shared by every page that lists it.
    summaries: Vec<Value>,
}

impl Renderer<'_> {
    fn render(
        &self,
        template: &str,
        path: String,
        page: PageData,
        fill: impl FnOnce(&mut Context),
    ) -> Result<Page, RenderError> {
        let mut context = Context::new();
        context.insert("page", &page);
        fill(&mut context);
        let html = self
            .tera
            .render(template, &context)
            .map_err(|err| RenderError::Page {
                page: path.clone(),
                template: template.to_string(),
                report: full_report(&err),
            })?;
        Ok(Page {
            path,
            bytes: html.into_bytes(),
        })
    }

    fn story_page(&self, index: usize) -> Result<Page, RenderError> {
        let story = &self.digest.stories[index];
        let meta = &story.edited.story.meta;
        let page = PageData::new(
            "story",
            format!("{} · {}", meta.headline, self.config.title),
            story.edited.markup.summary.clone(),
            self.links.absolute(&story.slug),
            root_prefix(1),
            self.links,
        );
        let value = story_value(self.digest, index, self.links);
        self.render(
            "story.html",
            Links::story_file(&story.slug),
            page,
            |context| {
                context.insert_value("story", value);
            },
        )
    }

    fn front_page(&self) -> Result<Page, RenderError> {
        let page = PageData::new(
            "index",
            self.config.title.clone(),
            self.config.description.clone(),
            self.links.absolute(""),
            String::new(),
            self.links,
        );
        let lead = self.digest.lead.map(|i| self.summaries[i].clone());
        let stories: Vec<Value> = self
            .summaries
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != self.digest.lead)
            .map(|(_, s)| s.clone())
            .collect();
        let topics = self.topic_list(FRONT_PAGE_TOPICS);
        self.render("index.html", "index.html".to_string(), page, |context| {
            context.insert_value("lead", Value::from(lead));
            context.insert_value("stories", Value::from(stories));
            context.insert_value("topics", Value::from(topics));
        })
    }

    fn topics_index(&self) -> Result<Page, RenderError> {
        let page = PageData::new(
            "topics",
            format!("Topics · {}", self.config.title),
            format!("Every topic in {}", self.config.title),
            self.links.absolute("topics"),
            root_prefix(1),
            self.links,
        );
        let topics = self.topic_list(usize::MAX);
        self.render(
            "topics.html",
            "topics/index.html".to_string(),
            page,
            |context| {
                context.insert_value("topics", Value::from(topics));
            },
        )
    }

    fn topic_page(&self, index: usize) -> Result<Page, RenderError> {
        let topic = &self.digest.topics[index];
        let page = PageData::new(
            "topic",
            format!("{} · {}", topic.name, self.config.title),
            format!("Stories about {} in {}", topic.name, self.config.title),
            self.links.absolute(&format!("topics/{}", topic.slug)),
            root_prefix(2),
            self.links,
        );
        let stories: Vec<Value> = topic
            .stories
            .iter()
            .map(|&i| self.summaries[i].clone())
            .collect();
        let value = topic_value(&topic.name, &topic.slug, topic.stories.len(), self.links);
        self.render(
            "topic.html",
            Links::topic_file(&topic.slug),
            page,
            |context| {
                context.insert_value("topic", value);
                context.insert_value("stories", Value::from(stories));
            },
        )
    }

    fn not_found_page(&self) -> Result<Page, RenderError> {
        let page = PageData::new(
            "404",
            format!("Page not found · {}", self.config.title),
            String::new(),
            String::new(),
            self.links.site_path(),
            self.links,
        );
        self.render("404.html", "404.html".to_string(), page, |_| {})
    }

    fn topic_list(&self, limit: usize) -> Vec<Value> {
        self.digest
            .topics
            .iter()
            .take(limit)
            .map(|t| topic_value(&t.name, &t.slug, t.stories.len(), self.links))
            .collect()
    }
}
