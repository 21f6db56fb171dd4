//! Page weight: every page of the sample digest, HTML and the stylesheets it links
//! together, stays under 60 KB in each built-in theme.
//!
//! `cargo test --test page_weight -- --nocapture` prints the measurements.

mod common;

use std::path::Path;

/// The budget from the themes' brief: HTML + CSS of one page.
const BUDGET_BYTES: u64 = 60 * 1000;

/// The stylesheets a page links, as paths relative to the page's folder.
fn stylesheets(html: &str) -> Vec<String> {
    html.split("<link ")
        .skip(1)
        .filter_map(|tag| tag.split('>').next())
        .filter(|tag| tag.contains("rel=\"stylesheet\""))
        .filter_map(|tag| tag.split("href=\"").nth(1)?.split('"').next())
        .map(str::to_string)
        .collect()
}

fn page_weights(public: &Path) -> Vec<(String, u64, u64)> {
    let mut weights = Vec::new();
    for entry in walkdir::WalkDir::new(public).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).expect("read page");
        let folder = entry.path().parent().expect("folder");
        let css: u64 = stylesheets(&html)
            .iter()
            .map(|href| {
                // The 404 page links from the site's absolute path; the rest relatively.
                let file = match href.strip_prefix('/') {
                    Some(from_root) => public.join(from_root),
                    None => folder.join(href),
                };
                std::fs::metadata(&file)
                    .unwrap_or_else(|e| panic!("{}: {href}: {e}", entry.path().display()))
                    .len()
            })
            .sum();
        let relative = entry.path().strip_prefix(public).expect("prefix");
        weights.push((relative.display().to_string(), html.len() as u64, css));
    }
    weights
}

#[test]
fn every_page_with_its_css_is_under_60_kb_in_both_themes() {
    let mut over = Vec::new();
    for theme in ["broadsheet", "wire"] {
        let dir = tempfile::tempdir().expect("tempdir");
        common::write_sample_site(dir.path(), theme);
        gazette::build(&gazette::BuildOptions {
            root: dir.path().to_path_buf(),
            output: None,
            base_url: None,
            drafts: false,
            now: None,
        })
        .expect("sample site builds");
        let weights = page_weights(&dir.path().join("public"));
        assert!(
            weights.len() > 10,
            "{theme}: pages found: {}",
            weights.len()
        );
        for (page, html, css) in &weights {
            assert!(*css > 0, "{theme}: {page} links no stylesheet");
            if html + css >= BUDGET_BYTES {
                over.push(format!("{theme}: {page}: {html} B HTML + {css} B CSS"));
            }
        }
        let heaviest = weights
            .iter()
            .max_by_key(|(_, html, css)| html + css)
            .expect("pages");
        let total: u64 = weights.iter().map(|(_, html, css)| html + css).sum();
        eprintln!(
            "{theme}: {} pages, CSS {} B; heaviest {} = {} B HTML + {} B CSS = {:.1} KB; mean {:.1} KB",
            weights.len(),
            heaviest.2,
            heaviest.0,
            heaviest.1,
            heaviest.2,
            (heaviest.1 + heaviest.2) as f64 / 1000.0,
            total as f64 / weights.len() as f64 / 1000.0
        );
        for (page, html, css) in weights
            .iter()
            .filter(|(p, _, _)| p == "index.html" || p == "404.html" || p == "topics/index.html")
        {
            eprintln!("  {page}: {html} B + {css} B");
        }
    }
    assert!(
        over.is_empty(),
        "pages over {BUDGET_BYTES} bytes:\n  {}",
        over.join("\n  ")
    );
}

#[test]
fn stylesheet_links_are_found() {
    let html =
        "<link rel=\"icon\" href=\"f.svg\">\n<link rel=\"stylesheet\" href=\"../style.css\">";
    assert_eq!(stylesheets(html), ["../style.css"]);
}
