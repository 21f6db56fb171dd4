//! `gazette check`: builds the site in memory and checks every internal link and anchor.
//!
//! Reads every seed and template through a [`Session`] (so every seed and template
//! problem is reported at once, with its file and line), then reads each HTML page of
//! the result with html5ever's tokenizer and checks that every `href` and `src` inside
//! the site leads to a page that exists and, for `#fragment`s, to an element with that
//! `id`. It never writes a file, and it does not fetch external links.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, StartTag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use percent_encoding::percent_decode_str;

use crate::render::Links;
use crate::session::{Pages, Problem, Session, SessionOptions};

/// What `gazette check` was asked to do.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    pub drafts: bool,
    /// The clock embargoes are judged by (`--now`); the real time when `None`.
    pub now: Option<jiff::Timestamp>,
}

/// What a check found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Every problem, seeds and templates first, then links; empty when all is well.
    pub problems: Vec<Problem>,
    pub warnings: Vec<String>,
    /// Stories under embargo at the check's clock, soonest release first.
    pub held: Vec<crate::embargo::HeldStory>,
    pub stories: usize,
    pub pages: usize,
    /// Internal links and anchors checked.
    pub links: usize,
}

/// Builds the site in memory and checks it.
pub fn check(options: &CheckOptions) -> CheckReport {
    let (session, opened) = Session::open(SessionOptions {
        root: options.root.clone(),
        base_url: None,
        drafts: options.drafts,
        now: options.now,
    });
    let mut report = CheckReport {
        warnings: session.warnings(),
        held: session.held(),
        ..CheckReport::default()
    };
    let update = match opened {
        Ok(update) => update,
        Err(err) => {
            report.problems = err.problems;
            return report;
        }
    };
    report.stories = update.stories;
    report.pages = session.pages().len();
    let base_url = session
        .config()
        .map_or_else(String::new, |c| c.base_url.clone());
    let sources = story_sources(&session);
    let (checked, broken) = check_links(session.pages(), &base_url);
    report.links = checked;
    report.problems = group(broken, &sources, &session);
    report
}

/// The seed behind each story page, to point a broken link at the file that holds it.
fn story_sources(session: &Session) -> HashMap<String, String> {
    session.digest().map_or_else(HashMap::new, |digest| {
        digest
            .stories
            .iter()
            .map(|s| {
                (
                    Links::story_file(&s.slug),
                    s.edited.story.source_path.clone(),
                )
            })
            .collect()
    })
}

/// One link that does not lead where it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page it is on, relative to the site root.
    pub page: String,
    /// The line of the page it is on.
    pub line: usize,
    /// As written in the page.
    pub href: String,
    pub reason: String,
}

/// A link or anchor found in a page.
struct Found {
    href: String,
    line: usize,
}

/// What the tokenizer collects from one page.
#[derive(Default)]
struct Collected {
    links: Vec<Found>,
    ids: HashSet<String>,
}

struct Collector(RefCell<Collected>);

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != StartTag {
            return TokenSinkResult::Continue;
        }
        let mut collected = self.0.borrow_mut();
        for attribute in &tag.attrs {
            let name = &*attribute.name.local;
            let value = attribute.value.to_string();
            match name {
                "href" | "src" => collected.links.push(Found {
                    href: value,
                    line: line as usize,
                }),
                "id" => {
                    collected.ids.insert(value);
                }
                "name" if &*tag.name == "a" => {
                    collected.ids.insert(value);
                }
                _ => {}
            }
        }
        // Script and style bodies are not markup: tokenize them as the HTML parser does.
        match &*tag.name {
            "script" if !tag.self_closing => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" => TokenSinkResult::RawData(RawKind::Rawtext),
            _ => TokenSinkResult::Continue,
        }
    }
}

fn collect(html: &str) -> Collected {
    let tokenizer = Tokenizer::new(
        Collector(RefCell::new(Collected::default())),
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.into_inner()
}

/// Checks every internal link of every HTML page; returns how many were checked and
/// the broken ones.
pub fn check_links(pages: &Pages, base_url: &str) -> (usize, Vec<BrokenLink>) {
    let collected: BTreeMap<&str, Collected> = pages
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (&**path, collect(&String::from_utf8_lossy(bytes))))
        .collect();
    let site_path = Links {
        pretty: false,
        base_url: base_url.to_string(),
    }
    .site_path();
    let mut checked = 0;
    let mut broken = Vec::new();
    for (page, found) in &collected {
        for link in &found.links {
            let Some(target) = internal_target(page, &link.href, &site_path) else {
                continue;
            };
            checked += 1;
            let mut fail = |reason: String| {
                broken.push(BrokenLink {
                    page: page.to_string(),
                    line: link.line,
                    href: link.href.clone(),
                    reason,
                });
            };
            let file = match target.path {
                Err(reason) => {
                    fail(reason);
                    continue;
                }
                Ok(path) => match find_page(pages, &path) {
                    Some(file) => file,
                    None => {
                        fail(format!("no page `{path}` in the site"));
                        continue;
                    }
                },
            };
            if let Some(fragment) = target.fragment {
                let has_id = collected
                    .get(file.as_str())
                    .is_some_and(|c| c.ids.contains(&fragment));
                if !has_id && !fragment.is_empty() {
                    fail(format!("`{file}` has no element with id=\"{fragment}\""));
                }
            }
        }
    }
    (checked, broken)
}

/// Where an internal link points: a path relative to the site root (or why it cannot
/// be one), and its fragment.
struct Target {
    path: Result<String, String>,
    fragment: Option<String>,
}

/// Resolves `href` on `page`; `None` for full URLs and other schemes (`mailto:` …),
/// which this check does not follow.
fn internal_target(page: &str, href: &str, site_path: &str) -> Option<Target> {
    let href = href.trim();
    let (without_fragment, fragment) = match href.split_once('#') {
        Some((before, after)) => (before, Some(decode(after))),
        None => (href, None),
    };
    let without_query = without_fragment.split('?').next().unwrap_or_default();
    let page_folder = page.rsplit_once('/').map_or("", |(folder, _)| folder);
    // A full URL, even on the site's own host, is the author's word for somewhere
    // outside what gazette built (a wire story, an about page served elsewhere).
    let (folder, path) = if has_scheme(without_query) || without_query.starts_with("//") {
        return None;
    } else if let Some(rest) = without_query.strip_prefix('/') {
        match format!("/{rest}").strip_prefix(site_path) {
            Some(inside) => ("", inside.to_string()),
            None => {
                return Some(Target {
                    path: Err(format!(
                        "the path is outside the site's base path `{site_path}`"
                    )),
                    fragment,
                });
            }
        }
    } else if without_query.is_empty() {
        // `#id` or `?q`: this very page.
        return Some(Target {
            path: Ok(page.to_string()),
            fragment,
        });
    } else {
        (page_folder, without_query.to_string())
    };
    Some(Target {
        path: join(folder, &decode(&path)),
        fragment,
    })
}

fn has_scheme(href: &str) -> bool {
    let Some((scheme, _)) = href.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// `folder` + `relative`, with `.` and `..` worked out; a trailing `/` is kept.
fn join(folder: &str, relative: &str) -> Result<String, String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("the path climbs out of the site".to_string());
                }
            }
            other => parts.push(other),
        }
    }
    let mut path = parts.join("/");
    if (relative.ends_with('/') || relative.is_empty()) && !path.is_empty() {
        path.push('/');
    }
    Ok(path)
}

/// The page a path names: the file itself, or a folder's `index.html`.
fn find_page(pages: &Pages, path: &str) -> Option<String> {
    let folder = path.trim_end_matches('/');
    let candidates = if path.is_empty() {
        vec!["index.html".to_string()]
    } else if path.ends_with('/') {
        vec![format!("{folder}/index.html")]
    } else {
        vec![path.to_string(), format!("{folder}/index.html")]
    };
    candidates
        .into_iter()
        .find(|c| pages.contains_key(c.as_str()))
}

/// Turns broken links into problems: a link written in a seed points at the seed's
/// line; the same broken link on many pages (a template's) is one problem.
fn group(
    broken: Vec<BrokenLink>,
    sources: &HashMap<String, String>,
    session: &Session,
) -> Vec<Problem> {
    let mut seed_texts: HashMap<String, Option<String>> = HashMap::new();
    let mut grouped: BTreeMap<(String, String), (Problem, usize)> = BTreeMap::new();
    for link in broken {
        let seed = sources.get(&link.page).and_then(|source| {
            let text = seed_texts
                .entry(source.clone())
                .or_insert_with(|| {
                    std::fs::read_to_string(session.root().join("seeds").join(source)).ok()
                })
                .as_deref()?;
            let at = text.find(&link.href)?;
            Some((source.clone(), text[..at].matches('\n').count() + 1))
        });
        let (file, line, todo) = match &seed {
            Some((source, line)) => (format!("seeds/{source}"), *line, "fix the link in the seed"),
            None => (
                link.page.clone(),
                link.line,
                "fix the link in the template that writes it (or the page it should point to)",
            ),
        };
        // A template writes the same link on many pages: one problem, counted.
        let place = if seed.is_some() {
            file.clone()
        } else {
            String::new()
        };
        let key = (place, format!("{} {}", link.href, link.reason));
        let entry = grouped.entry(key).or_insert_with(|| {
            (
                Problem {
                    file,
                    line: Some(line),
                    message: format!("broken link `{}`: {}; {todo}", link.href, link.reason),
                },
                0,
            )
        });
        entry.1 += 1;
    }
    grouped
        .into_values()
        .map(|(mut problem, count)| {
            if count > 1 {
                problem
                    .message
                    .push_str(&format!(" (the same link is on {count} pages)"));
            }
            problem
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn pages(list: &[(&str, &str)]) -> Pages {
        list.iter()
            .map(|(path, html)| (Arc::from(*path), Arc::from(html.as_bytes())))
            .collect()
    }

    #[test]
    fn finds_missing_pages_and_anchors() {
        let site = pages(&[
            (
                "index.html",
                "<html><body>\n<a href=\"a/index.html\">a</a>\n<a href=\"a/index.html#part\">p</a>\n<a href=\"b/\">b</a>\n<a href=\"#main\">m</a>\n<main id=\"main\"></main>\n<a href=\"https://elsewhere.org/x\">x</a>\n<a href=\"mailto:a@b.c\">m</a>\n</body></html>",
            ),
            (
                "a/index.html",
                "<h2 id=\"part\">P</h2><a href=\"../index.html#nope\">x</a><img src=\"../logo.png\"><a href=\"https://example.org/nowhere/\">full URLs are not followed</a><script>var s = '<a href=\"not-a-link\">';</script>",
            ),
        ]);
        let (checked, broken) = check_links(&site, "https://example.org/");
        assert_eq!(checked, 6);
        let summary: Vec<(&str, usize, &str)> = broken
            .iter()
            .map(|b| (b.page.as_str(), b.line, b.href.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                ("a/index.html", 1, "../index.html#nope"),
                ("a/index.html", 1, "../logo.png"),
                ("index.html", 4, "b/"),
            ]
        );
        assert!(broken[0].reason.contains("id=\"nope\""));
        assert!(broken[1].reason.contains("no page `logo.png`"));
    }

    #[test]
    fn root_paths_follow_the_base_path_and_cannot_climb_out() {
        let site = pages(&[(
            "index.html",
            "<a href=\"/digest/index.html\">ok</a><a href=\"/other/\">out</a><a href=\"../../x\">up</a>",
        )]);
        let (_, broken) = check_links(&site, "https://example.org/digest/");
        let hrefs: Vec<&str> = broken.iter().map(|b| b.href.as_str()).collect();
        assert_eq!(hrefs, ["/other/", "../../x"]);
    }
}
