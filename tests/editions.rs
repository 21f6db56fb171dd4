//! Editions and the front page over real builds: dated edition pages and their archive,
//! the front page, topic pages and edition pages split into pages of `paginate_by`
//! with next/previous links that chain, every story reachable from the front page,
//! "the day in numbers" linked to fact boxes, and the same output on every build.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{Site, snapshot};

/// A site with `dated` stories spread over `days` days (the newest day gets the most)
/// and `undated` stories without a date, each with three figures for its fact box and
/// the tag "Harbour".
fn site_with_stories(config: &str, dated: usize, days: usize, undated: usize) -> Site {
    let site = Site::new();
    site.write(
        "config.toml",
        format!("title = \"Harbour Digest\"\nbase_url = \"https://example.org/\"\n{config}"),
    );
    for i in 0..dated {
        let day = 10 + (i % days);
        site.write(
            &format!("seeds/2026-11-{day:02}-berth-{i}.md"),
            story(i, &format!("date = 2026-11-{day:02}\n")),
        );
    }
    for i in dated..dated + undated {
        site.write(&format!("seeds/undated-berth-{i}.md"), story(i, ""));
    }
    site
}

fn story(i: usize, date_line: &str) -> String {
    format!(
        "+++\ntitle = \"Harbour berth {i} reopens after repairs\"\n{date_line}tags = [\"Harbour\"]\n+++\n\n\
         The harbour board spent £{}m repairing berth {i}, which will take {} more ships a year, the board said on Tuesday.\n\n\
         Traffic through the port rose by {}% last year.\n\n\
         “We needed the space,” said Mara Quill, the harbour master.\n",
        i + 2,
        (i + 1) * 40,
        i % 9 + 3,
    )
}

/// Every `href` on a page, resolved against the page's folder to a path under the
/// output root (`a/../b/index.html` → `b/index.html`), fragment kept apart.
fn links(page_path: &str, html: &str) -> Vec<(String, Option<String>)> {
    let href = regex::Regex::new(r#"href="([^"]*)""#).expect("regex");
    let folder: Vec<&str> = page_path.split('/').collect();
    let folder = &folder[..folder.len() - 1];
    href.captures_iter(html)
        .map(|c| c[1].to_string())
        .filter(|t| !t.contains("://") && !t.starts_with('#'))
        .map(|target| {
            let (file, fragment) = match target.split_once('#') {
                Some((file, fragment)) => (file.to_string(), Some(fragment.to_string())),
                None => (target.clone(), None),
            };
            let mut parts: Vec<&str> = folder.to_vec();
            for part in file.split('/') {
                match part {
                    ".." => {
                        parts.pop();
                    }
                    "" | "." => {}
                    other => parts.push(other),
                }
            }
            let mut resolved = parts.join("/");
            if file.is_empty() || file.ends_with('/') {
                resolved = format!("{resolved}/index.html")
                    .trim_start_matches('/')
                    .to_string();
            }
            (resolved, fragment)
        })
        .collect()
}

/// The target of `<link rel="…">` in a page's head, resolved like [`links`].
fn head_link(page_path: &str, html: &str, rel: &str) -> Option<String> {
    let pattern =
        regex::Regex::new(&format!(r#"<link rel="{rel}" href="([^"]*)">"#)).expect("regex");
    let found = pattern.captures(html)?;
    let tag = format!("<a href=\"{}\">", &found[1]);
    links(page_path, &tag)
        .into_iter()
        .next()
        .map(|(path, _)| path)
}

/// The part of a page between `<main` and `</main>`: what the page lists.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>");
    &html[start..end]
}

/// The slugs of every story, from feed.json.
fn story_slugs(site: &Site) -> BTreeSet<String> {
    site.feed_json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| {
            let url = item["url"].as_str().expect("url");
            url.trim_start_matches("https://example.org/")
                .trim_end_matches('/')
                .to_string()
        })
        .collect()
}

/// Story links in a page's `<main>` (links to `<slug>/index.html` of a known story).
fn stories_linked(site: &Site, page_path: &str, slugs: &BTreeSet<String>) -> BTreeSet<String> {
    let html = site.read(page_path);
    links(page_path, main_of(&html))
        .into_iter()
        .filter(|(_, fragment)| fragment.is_none())
        .filter_map(|(path, _)| path.strip_suffix("/index.html").map(str::to_string))
        .filter(|slug| slugs.contains(slug))
        .collect()
}

/// Follows `rel="next"` from `first` to the end, checking each page's `rel="prev"`
/// leads back; returns the pages in order.
fn follow_chain(site: &Site, first: &str) -> Vec<String> {
    let mut chain = vec![first.to_string()];
    loop {
        let current = chain.last().expect("a page").clone();
        let html = site.read(&current);
        let Some(next) = head_link(&current, &html, "next") else {
            break;
        };
        let next_html = site.read(&next);
        assert_eq!(
            head_link(&next, &next_html, "prev").as_deref(),
            Some(current.as_str()),
            "{next}: rel=prev does not lead back to {current}"
        );
        assert!(
            main_of(&next_html).contains("rel=\"prev\""),
            "{next}: no visible link to the page before"
        );
        assert!(chain.len() < 1000, "the chain loops");
        chain.push(next);
    }
    chain
}

#[test]
fn front_pages_chain_both_ways_and_reach_every_story_once() {
    // 23 stories; the lead is shown apart, so the list holds 22: pages of 5, 5, 5, 5, 2.
    let site = site_with_stories("paginate_by = 5\n", 20, 4, 3);
    site.build().expect("builds");
    let chain = follow_chain(&site, "index.html");
    assert_eq!(
        chain,
        [
            "index.html",
            "page/2/index.html",
            "page/3/index.html",
            "page/4/index.html",
            "page/5/index.html"
        ]
    );
    assert!(!site.public().join("page/6/index.html").exists());
    assert!(head_link("index.html", &site.read("index.html"), "prev").is_none());

    let slugs = story_slugs(&site);
    assert_eq!(slugs.len(), 23);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for page in &chain {
        let html = site.read(page);
        // Each card links its story once by headline.
        let cards = html.matches("class=\"card-headline\"").count();
        let linked = stories_linked(&site, page, &slugs);
        for slug in &linked {
            *seen.entry(slug.clone()).or_default() += 1;
        }
        if page == "index.html" {
            assert_eq!(cards, 6, "the lead and five more");
        } else {
            assert_eq!(cards, linked.len(), "{page}");
        }
    }
    let reached: BTreeSet<String> = seen.keys().cloned().collect();
    assert_eq!(reached, slugs, "every story is on some front page");
    // The first page's day in numbers also links the latest edition's stories; later
    // pages show each story once.
    for page in &chain[1..] {
        let html = site.read(page);
        assert!(!html.contains("class=\"day-in-numbers\""), "{page}");
        assert!(html.contains(&format!("<title>Page {}", &page[5..6])));
    }
    // Undated stories come last: the last page holds the last two of the three.
    let last = site.read("page/5/index.html");
    assert!(last.contains("Harbour berth 21 reopens") && last.contains("Harbour berth 22 reopens"));
    let archive = site.read("editions/index.html");
    assert!(
        archive.contains("href=\"../page/4/index.html\">front page</a>"),
        "the undated begin on page 4"
    );
}

#[test]
fn a_list_of_exactly_one_page_has_no_second_and_one_more_story_makes_one() {
    // paginate_by = 3: the lead plus 3 fit one page; the lead plus 4 need two.
    let fits = site_with_stories("paginate_by = 3\n", 4, 1, 0);
    fits.build().expect("builds");
    assert!(!fits.public().join("page/2/index.html").exists());
    let front = fits.read("index.html");
    assert!(!front.contains("rel=\"next\""));
    assert!(!front.contains("class=\"pager\""), "no pager for one page");

    let spills = site_with_stories("paginate_by = 3\n", 5, 1, 0);
    spills.build().expect("builds");
    let second = spills.read("page/2/index.html");
    assert_eq!(second.matches("class=\"card-headline\"").count(), 1);
    assert!(second.contains("Page 2 of 2"));
    assert!(second.contains("<link rel=\"canonical\" href=\"https://example.org/page/2/\">"));

    // No story at all: one front page, no edition, no pager.
    let empty = Site::new();
    empty.build().expect("an empty site builds");
    assert!(empty.read("index.html").contains("No stories yet."));
    assert!(!empty.public().join("page/2/index.html").exists());
    assert!(
        empty
            .read("editions/index.html")
            .contains("No dated stories yet.")
    );
}

#[test]
fn the_archive_lists_every_edition_newest_first_with_count_and_lead() {
    let site = site_with_stories("paginate_by = 4\n", 10, 3, 2);
    site.build().expect("builds");
    let archive = site.read("editions/index.html");
    let listed: Vec<String> = links("editions/index.html", main_of(&archive))
        .into_iter()
        .filter_map(|(path, _)| {
            path.strip_prefix("editions/")
                .and_then(|p| p.strip_suffix("/index.html"))
                .map(str::to_string)
        })
        .collect();
    assert_eq!(listed, ["2026-11-12", "2026-11-11", "2026-11-10"]);
    // Berths 0, 3, 6, 9 are on the 10th; 1, 4, 7 on the 11th; 2, 5, 8 on the 12th.
    assert!(archive.contains("4 stories"));
    assert_eq!(archive.matches("3 stories").count(), 2);
    assert!(archive.contains("2 stories have no date"));

    let slugs = story_slugs(&site);
    let mut in_editions = BTreeSet::new();
    for date in &listed {
        let page = format!("editions/{date}/index.html");
        let html = site.read(&page);
        assert!(html.contains(&format!("<time datetime=\"{date}\">")));
        let linked = stories_linked(&site, &page, &slugs);
        // Every story linked from an edition page is of that day.
        for slug in &linked {
            let story = site.read(&format!("{slug}/index.html"));
            assert!(
                story.contains(&format!("datetime=\"{date}T")),
                "{slug} on {date}"
            );
        }
        in_editions.extend(linked);
        // The archive names the edition's lead, and the edition page shows it first.
        let lead_start = main_of(&html).find("card-lead").expect("a lead card");
        assert!(lead_start < main_of(&html).find("day-in-numbers").expect("numbers"));
    }
    assert_eq!(in_editions.len(), 10, "every dated story is in its edition");
    // Edition pages link the day before and after.
    let middle = site.read("editions/2026-11-11/index.html");
    assert!(middle.contains("href=\"../../editions/2026-11-10/index.html\""));
    assert!(middle.contains("href=\"../../editions/2026-11-12/index.html\""));
    // The sitemap names the archive and each edition, dated.
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains(
        "<url><loc>https://example.org/editions/2026-11-12/</loc><lastmod>2026-11-12</lastmod></url>"
    ));
}

#[test]
fn long_editions_and_topics_paginate_and_chain() {
    // One day of 9 stories at 3 a page: the edition lists 8 (its lead apart): 3, 3, 2.
    let site = site_with_stories("paginate_by = 3\n", 9, 1, 0);
    site.build().expect("builds");
    let chain = follow_chain(&site, "editions/2026-11-10/index.html");
    assert_eq!(
        chain,
        [
            "editions/2026-11-10/index.html",
            "editions/2026-11-10/page/2/index.html",
            "editions/2026-11-10/page/3/index.html"
        ]
    );
    let slugs = story_slugs(&site);
    let reached: BTreeSet<String> = chain
        .iter()
        .flat_map(|page| stories_linked(&site, page, &slugs))
        .collect();
    assert_eq!(reached, slugs);

    // The topic every story carries: 9 stories, 3 pages.
    let topic_chain = follow_chain(&site, "topics/harbour/index.html");
    assert_eq!(topic_chain.len(), 3);
    assert_eq!(topic_chain[2], "topics/harbour/page/3/index.html");
    let reached: BTreeSet<String> = topic_chain
        .iter()
        .flat_map(|page| stories_linked(&site, page, &slugs))
        .collect();
    assert_eq!(reached, slugs);
    assert!(site.read(&topic_chain[1]).contains("page 2 of 3"));
}

#[test]
fn the_day_in_numbers_links_each_figure_to_its_story_fact_box() {
    let site = site_with_stories(
        "paginate_by = 5\n[editorial]\nday_in_numbers = 4\n",
        6,
        2,
        0,
    );
    site.build().expect("builds");
    let front = site.read("index.html");
    let start = front.find("class=\"day-in-numbers\"").expect("the box");
    let end = start + front[start..].find("</section>").expect("its end");
    let figures = links("index.html", &front[start..end]);
    assert_eq!(figures.len(), 4, "capped at day_in_numbers");
    let mut distinct = BTreeSet::new();
    for (path, fragment) in &figures {
        assert_eq!(fragment.as_deref(), Some("fact-box"), "{path}");
        let story = site.read(path);
        assert!(story.contains("id=\"fact-box\""), "{path} has the anchor");
        // The latest edition (the 11th) holds the odd berths.
        assert!(story.contains("datetime=\"2026-11-11T"), "{path}");
        distinct.insert(path.clone());
    }
    assert!(distinct.len() > 1, "figures come from several stories");

    let none = site_with_stories("[editorial]\nday_in_numbers = 0\n", 3, 1, 0);
    none.build().expect("builds");
    assert!(!none.read("index.html").contains("day-in-numbers"));
}

#[test]
fn every_internal_link_and_anchor_resolves_with_either_link_style() {
    for pretty in [false, true] {
        let site = site_with_stories(
            &format!("paginate_by = 4\npretty_links = {pretty}\n"),
            12,
            3,
            2,
        );
        let report = gazette::check::check(&gazette::check::CheckOptions {
            root: site.root().to_path_buf(),
            drafts: false,
            now: None,
        });
        let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
        assert!(
            problems.is_empty(),
            "pretty_links = {pretty}: {problems:#?}"
        );
        assert!(report.links > 300, "{} links checked", report.links);
    }
    // With pretty links, page 2 leads back to the site root's folder.
    let site = site_with_stories("paginate_by = 4\npretty_links = true\n", 12, 3, 0);
    site.build().expect("builds");
    let second = site.read("page/2/index.html");
    assert!(
        second.contains("<link rel=\"prev\" href=\"../../\">"),
        "{second}"
    );
    assert!(second.contains("<link rel=\"next\" href=\"../../page/3/\">"));
}

#[test]
fn paginate_by_zero_is_refused_naming_the_setting() {
    let site = site_with_stories("paginate_by = 0\n", 2, 1, 0);
    let err = site.build().expect_err("zero stories a page");
    let message = err.to_string();
    assert!(message.contains("config.toml"), "{message}");
    assert!(
        message.contains("paginate_by must be at least 1"),
        "{message}"
    );
    assert!(
        !site.public().join("index.html").exists(),
        "nothing published"
    );
}

#[test]
fn a_story_cannot_take_the_front_pages_page_folder() {
    let site = Site::new();
    site.write(
        "config.toml",
        "base_url = \"https://example.org/\"\npaginate_by = 1\n",
    );
    for (i, name) in ["a", "b", "c"].iter().enumerate() {
        site.write(
            &format!("seeds/2026-11-1{i}-{name}.md"),
            format!("+++\ntitle = \"Story {name}\"\nslug = \"page\"\n+++\n\nBody {name}.\n"),
        );
    }
    let report = site.build().expect("builds");
    assert!(
        report.warnings.iter().any(|w| w.contains("`page`")),
        "{:?}",
        report.warnings
    );
    assert!(site.public().join("page/2/index.html").is_file());
    assert!(site.public().join("page-2/index.html").is_file());
}

#[test]
fn two_builds_of_a_paginated_site_are_byte_identical() {
    let site = site_with_stories("paginate_by = 3\n", 14, 4, 3);
    site.build().expect("first build");
    let first = snapshot(&site.public());
    std::fs::remove_dir_all(site.public()).expect("rm");
    site.build().expect("second build");
    let second = snapshot(&site.public());
    assert_eq!(first, second);
    let paginated = first
        .keys()
        .filter(|path| path.contains("/page/") || path.starts_with("page/"))
        .count();
    assert!(paginated > 5, "{paginated} later pages");
}

/// The repository's sample digest shows what the issue asks for: several editions, a
/// second front page, and undated stories counted in the archive.
#[test]
fn the_sample_digest_shows_editions_and_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    gazette::build(&gazette::BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        output: Some(out.clone()),
        base_url: None,
        drafts: false,
        now: None,
    })
    .expect("the sample builds");
    let editions = std::fs::read_dir(out.join("editions"))
        .expect("editions")
        .filter(|e| e.as_ref().is_ok_and(|e| e.path().is_dir()))
        .count();
    assert!(editions >= 4, "{editions} editions");
    assert!(out.join("page/2/index.html").is_file());
    let archive = std::fs::read_to_string(out.join("editions/index.html")).expect("archive");
    assert!(archive.contains("no date"));
    let front = std::fs::read_to_string(out.join("index.html")).expect("front");
    let figures = front.matches("#fact-box\"").count();
    assert!(
        (2..=6).contains(&figures),
        "{figures} figures in the day in numbers"
    );
}
