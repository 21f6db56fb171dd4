//! The browser suite: the sample digest built with each theme and opened in headless
//! Chromium (driven by tests/browser/run.mjs through playwright-core).
//!
//! For every HTML page, in light and dark colour schemes: no console errors or broken
//! requests, no horizontal scrolling at 390 px, no executable `<script>` (JSON-LD must
//! parse; the search page may load its own `search.js` and `search-index.js`), 0 axe-core violations at
//! WCAG 2.1 A and AA. The front, story, topic and 404 pages, the latest edition, the
//! editions archive and the front page's second page are also checked at 1280 px and
//! screenshotted at 1280×900 and 390×844 into `target/browser-artifacts/<theme>/`. The
//! front page opened from `file://` must lead to a story, and the Nu Html Checker must
//! find 0 errors in the HTML and CSS. On the search page, typing a query must put the
//! right story first, over HTTP and from `file://`, and without JavaScript the page must
//! list every story.
//!
//! Needs Chromium (`/usr/bin/chromium`, or `GAZETTE_CHROMIUM`), Node.js, Java and
//! `npm ci --prefix tests/browser`. Without them it prints SKIPPED loudly and passes,
//! unless `GAZETTE_REQUIRE_BROWSER=1` (set by .ci/run), where it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value as Json;

const SUITE_TIMEOUT: Duration = Duration::from_secs(20 * 60);

/// One browser run at a time: three Chromiums on two cores only slow each other down.
static ONE_BROWSER_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn broadsheet_in_a_real_browser() {
    check_theme_in_browser("broadsheet");
}

#[test]
fn wire_in_a_real_browser() {
    check_theme_in_browser("wire");
}

/// The suite itself can fail: a hand-broken site trips every kind of check.
#[test]
fn the_suite_sees_what_is_broken() {
    let Some(tools) = tools_or_skip("a broken page") else {
        return;
    };
    let site = target_dir().join("browser-sites").join("broken");
    let _ = std::fs::remove_dir_all(&site);
    let page = |title: &str, body: &str| {
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body>{body}</body></html>"
        )
    };
    common::write_files(
        &site,
        &[
            (
                "index.html",
                page(
                    "Broken",
                    "<main><p style=\"color:#ddd\">Faint text</p><div style=\"width:2000px\">Too wide</div><p><div>Block in a paragraph</div></p><img src=\"missing.png\" alt=\"\"><a href=\"story/index.html\">A story</a></main><script>console.error('boom')</script>",
                ),
            ),
            (
                "story/index.html",
                page("Story", "<main><p>Not an article.</p></main>"),
            ),
            ("404.html", page("Missing", "<h1>Not found</h1>")),
            (
                "style.css",
                "body { background: #fff; color: #111; }".to_string(),
            ),
        ],
    );
    let artifacts = target_dir().join("browser-artifacts").join("broken");
    let _ = std::fs::remove_dir_all(&artifacts);
    run_suite(
        &tools,
        &site,
        &artifacts,
        "story/index.html",
        "story/index.html",
        &[],
        None,
    );
    let report: Json = serde_json::from_str(
        &std::fs::read_to_string(artifacts.join("report.json")).expect("report.json written"),
    )
    .expect("report.json is JSON");
    let found = failures(&report).join("\n");
    for expected in [
        "axe color-contrast",
        "axe html-has-lang",
        "scrolls sideways",
        "console: boom",
        "missing.png: status 404",
        "<script> element",
        "<h1> elements, expected 1",
        "vnu: ",
        "file:// front page → story link failed",
    ] {
        assert!(
            found.contains(expected),
            "{expected:?} not reported:\n{found}"
        );
    }
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn target_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is <target>/tmp.
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .to_path_buf()
}

struct Tools {
    chromium: PathBuf,
}

/// The tools the suite needs, or what is missing.
fn find_tools() -> Result<Tools, Vec<String>> {
    let mut missing = Vec::new();
    let chromium = std::env::var_os("GAZETTE_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.is_file() {
        missing.push(format!(
            "Chromium at {} (apt-get install chromium, or set GAZETTE_CHROMIUM)",
            chromium.display()
        ));
    }
    if !runs("node", &["--version"]) {
        missing.push("node (Node.js 20 or newer)".to_string());
    }
    if !runs("java", &["-version"]) {
        missing.push(
            "java, for the Nu Html Checker (apt-get install default-jre-headless)".to_string(),
        );
    }
    for package in ["playwright-core", "axe-core", "vnu-jar"] {
        if !repo()
            .join("tests/browser/node_modules")
            .join(package)
            .join("package.json")
            .is_file()
        {
            missing.push(format!(
                "npm package {package} (run: npm ci --prefix tests/browser)"
            ));
        }
    }
    if missing.is_empty() {
        Ok(Tools { chromium })
    } else {
        Err(missing)
    }
}

fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The tools, or `None` after a loud SKIPPED; panics instead when CI requires them.
fn tools_or_skip(what: &str) -> Option<Tools> {
    match find_tools() {
        Ok(tools) => Some(tools),
        Err(missing) => {
            let list = missing.join("\n    ");
            if std::env::var("GAZETTE_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
                panic!("GAZETTE_REQUIRE_BROWSER=1 but the browser suite cannot run:\n    {list}");
            }
            eprintln!(
                "\n\n*** SKIPPED: browser suite ({what}): missing:\n    {list}\n*** (CI sets GAZETTE_REQUIRE_BROWSER=1, where this fails) ***\n\n"
            );
            None
        }
    }
}

fn check_theme_in_browser(theme: &str) {
    let Some(tools) = tools_or_skip(&format!("{theme} theme")) else {
        return;
    };
    let site = build_sample_site(theme);
    let (story, topic) = pages_to_screenshot(&site);
    let artifacts = target_dir().join("browser-artifacts").join(theme);
    let _ = std::fs::remove_dir_all(&artifacts);
    let more = edition_pages_to_screenshot(&site);
    run_suite(
        &tools,
        &site.join("public"),
        &artifacts,
        &story,
        &topic,
        &more,
        Some(SEARCH_QUERY),
    );

    let report: Json = serde_json::from_str(
        &std::fs::read_to_string(artifacts.join("report.json")).expect("report.json written"),
    )
    .expect("report.json is JSON");
    let mut failures = failures(&report);
    failures.extend(search_failures(&report, &site));
    let summary = summarize(theme, &report, &artifacts);
    std::fs::write(artifacts.join("summary.txt"), &summary).expect("write summary");
    eprintln!("{summary}");
    assert!(
        failures.is_empty(),
        "{theme}: {} problem(s) in the browser:\n  {}\n(full report: {})",
        failures.len(),
        failures.join("\n  "),
        artifacts.join("report.json").display()
    );
}

/// The repository's sample digest with `theme` picked in config.toml, built under target/.
fn build_sample_site(theme: &str) -> PathBuf {
    let root = target_dir().join("browser-sites").join(theme);
    let _ = std::fs::remove_dir_all(&root);
    common::write_sample_site(&root, theme);
    gazette::build(&gazette::BuildOptions {
        root: root.clone(),
        output: None,
        base_url: None,
        drafts: false,
        now: None,
    })
    .unwrap_or_else(|err| panic!("{theme}: sample site does not build: {err}"));
    root
}

/// The story page with the most pull quotes and facts, and the topic with most stories,
/// found from the real template contexts.
fn pages_to_screenshot(site: &Path) -> (String, String) {
    let (_, contexts) = gazette::template_contexts(&gazette::BuildOptions {
        root: site.to_path_buf(),
        output: None,
        base_url: None,
        drafts: false,
        now: None,
    })
    .expect("contexts");
    let variable = |page: &gazette::render::PageContext, name: &str| -> Json {
        let value = page.variable(name).expect("variable");
        serde_json::to_value(value).expect("serializes")
    };
    let length = |v: &Json| v.as_array().map_or(0, Vec::len);
    let story = contexts
        .iter()
        .filter(|p| p.template == "story.html")
        .max_by_key(|p| {
            let story = variable(p, "story");
            (
                length(&story["pull_quotes"]) + length(&story["facts"]),
                std::cmp::Reverse(p.path.clone()),
            )
        })
        .expect("a story page")
        .path
        .clone();
    let topics_index = contexts
        .iter()
        .find(|p| p.template == "topics.html")
        .expect("topics page");
    let topic = variable(topics_index, "topics")[0]["slug"]
        .as_str()
        .expect("a topic")
        .to_string();
    (story, format!("topics/{topic}/index.html"))
}

/// The pages editions and pagination add, as (label, path): the latest edition, the
/// archive and the front page's second page. The sample digest has all three; each is
/// asserted to exist, so a change that loses one fails here rather than going unchecked.
fn edition_pages_to_screenshot(site: &Path) -> Vec<(String, String)> {
    let public = site.join("public");
    let latest = std::fs::read_dir(public.join("editions"))
        .expect("the sample has editions")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .max()
        .expect("at least one edition");
    let pages = [
        ("edition", format!("editions/{latest}/index.html")),
        ("editions", "editions/index.html".to_string()),
        ("front-page-2", "page/2/index.html".to_string()),
    ];
    for (label, path) in &pages {
        assert!(public.join(path).is_file(), "{label}: {path} not built");
    }
    pages
        .into_iter()
        .map(|(label, path)| (label.to_string(), path))
        .collect()
}

/// What the search check types, and the start of the headline it must see first: the
/// sample's flood story has the words in its headline; other stories only in passing.
const SEARCH_QUERY: &str = "flood defences";
const SEARCH_EXPECT: &str = "Coastal flood defences";

/// The search page's checks: the right story first over HTTP and from `file://`, the
/// match marked, the link landing on the story; without JavaScript, every story listed.
fn search_failures(report: &Json, site: &Path) -> Vec<String> {
    let mut failures = Vec::new();
    let stories = std::fs::read_dir(site.join("public"))
        .expect("public")
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            e.path().join("index.html").is_file()
                && !["topics", "search", "editions", "page"]
                    .iter()
                    .any(|n| name == *n)
        })
        .count();
    let runs = report["search"].as_array().cloned().unwrap_or_default();
    if runs.len() != 3 {
        failures.push(format!("search: expected 3 runs, got {}", runs.len()));
    }
    for run in &runs {
        let via = run["via"].as_str().unwrap_or("?");
        for error in run["errors"].as_array().into_iter().flatten() {
            failures.push(format!("search ({via}): {}", error.as_str().unwrap_or("?")));
        }
        if via == "no-js" {
            if run["listed"] != stories || run["visible"] != true {
                failures.push(format!(
                    "search (no JavaScript): lists {} stories (visible: {}), expected all {stories}",
                    run["listed"], run["visible"]
                ));
            }
            continue;
        }
        let first = run["first"].as_str().unwrap_or("");
        if !first.starts_with(SEARCH_EXPECT) {
            failures.push(format!(
                "search ({via}): {SEARCH_QUERY:?} put {first:?} first, expected {SEARCH_EXPECT:?}"
            ));
        }
        if run["landed"].as_str() != Some(first) {
            failures.push(format!(
                "search ({via}): the first result led to {:?}",
                run["landed"]
            ));
        }
        if run["marks"].as_u64().unwrap_or(0) == 0 || run["fallbackHidden"] != true {
            failures.push(format!(
                "search ({via}): no match marked, or the full list still shown"
            ));
        }
    }
    failures
}

fn run_suite(
    tools: &Tools,
    public: &Path,
    artifacts: &Path,
    story: &str,
    topic: &str,
    more: &[(String, String)],
    search_query: Option<&str>,
) {
    // A test that panicked while holding the lock leaves nothing half-done behind it.
    let _turn = ONE_BROWSER_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    std::fs::create_dir_all(artifacts).expect("artifacts dir");
    let log_path = artifacts.join("run.log");
    let log = std::fs::File::create(&log_path).expect("run.log");
    let started = Instant::now();
    let mut child = Command::new("node")
        .current_dir(repo().join("tests/browser"))
        .arg("run.mjs")
        .arg("--site")
        .arg(public)
        .arg("--out")
        .arg(artifacts)
        .args(["--story", story, "--topic", topic])
        .args(more_pages(more).iter().flat_map(|m| ["--more", m.as_str()]))
        .args(search_query.map(|q| ["--query", q]).into_iter().flatten())
        .arg("--chromium")
        .arg(&tools.chromium)
        .stdout(log.try_clone().expect("log handle"))
        .stderr(log)
        .spawn()
        .expect("node starts");
    loop {
        if let Some(status) = child.try_wait().expect("wait for node") {
            let output = std::fs::read_to_string(&log_path).unwrap_or_default();
            assert!(status.success(), "run.mjs failed ({status}):\n{output}");
            eprint!("{output}");
            return;
        }
        if started.elapsed() > SUITE_TIMEOUT {
            let _ = child.kill();
            panic!("run.mjs took over {SUITE_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// `--more`'s value: `label=path,label=path`, or nothing for no extra pages.
fn more_pages(more: &[(String, String)]) -> Option<String> {
    (!more.is_empty()).then(|| {
        more.iter()
            .map(|(label, path)| format!("{label}={path}"))
            .collect::<Vec<_>>()
            .join(",")
    })
}

/// Every check the report fails, one line each.
fn failures(report: &Json) -> Vec<String> {
    let mut failures = Vec::new();
    let checks = report["checks"].as_array().expect("checks");
    if checks.is_empty() {
        failures.push("no page was checked".to_string());
    }
    for check in checks {
        let name = format!(
            "{} at {} ({})",
            check["label"].as_str().unwrap_or("?"),
            check["viewport"].as_str().unwrap_or("?"),
            check["scheme"].as_str().unwrap_or("?")
        );
        if check["status"] != check["expectStatus"] {
            failures.push(format!(
                "{name}: HTTP status {} (expected {})",
                check["status"], check["expectStatus"]
            ));
        }
        if check["overflow"] == true {
            failures.push(format!(
                "{name}: scrolls sideways ({} px of content in {} px)",
                check["scrollWidth"], check["clientWidth"]
            ));
        }
        for kind in ["console", "requests"] {
            for problem in check[kind].as_array().into_iter().flatten() {
                failures.push(format!(
                    "{name}: {kind}: {}",
                    problem.as_str().unwrap_or("?")
                ));
            }
        }
        if check["jsonLdParses"] != true {
            failures.push(format!("{name}: a JSON-LD script does not parse"));
        }
        if check["scripts"] != 0 {
            failures.push(format!(
                "{name}: has {} <script> element(s)",
                check["scripts"]
            ));
        }
        if check["h1"] != 1 {
            failures.push(format!("{name}: {} <h1> elements, expected 1", check["h1"]));
        }
        if check["codeSpansOffStyle"] != 0 {
            failures.push(format!(
                "{name}: {} highlighted code span(s) styled by a theme rule meant for something else",
                check["codeSpansOffStyle"]
            ));
        }
        if check["stylesheetApplied"] != true {
            failures.push(format!("{name}: the theme's stylesheet did not apply"));
        }
        for violation in check["axeViolations"].as_array().into_iter().flatten() {
            let targets: Vec<&str> = violation["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|n| n["target"].as_str())
                .collect();
            failures.push(format!(
                "{name}: axe {} ({}): {}",
                violation["id"].as_str().unwrap_or("?"),
                violation["help"].as_str().unwrap_or("?"),
                targets.join(", ")
            ));
        }
    }
    let file = &report["fileProtocol"];
    if file["isStory"] != true || file["stylesheetApplied"] != true || file["url"] == file["start"]
    {
        failures.push(format!("file:// front page → story link failed: {file}"));
    }
    for error in file["errors"].as_array().into_iter().flatten() {
        failures.push(format!("file://: {}", error.as_str().unwrap_or("?")));
    }
    let validator = &report["validator"];
    if validator["ran"] != true {
        failures.push(format!(
            "the HTML validator did not run: {}",
            validator["reason"]
        ));
    }
    for error in validator["errors"].as_array().into_iter().flatten() {
        failures.push(format!("vnu: {}", error.as_str().unwrap_or("?")));
    }
    failures
}

/// The numbers for the closing note: checks, axe runs and results, validator errors.
fn summarize(theme: &str, report: &Json, artifacts: &Path) -> String {
    let checks = report["checks"].as_array().map_or(&[][..], Vec::as_slice);
    let count = |field: &str| -> usize {
        checks
            .iter()
            .map(|c| {
                c[field].as_array().map_or(0, |v| {
                    v.iter()
                        .map(|r| r["nodes"].as_array().map_or(0, Vec::len))
                        .sum()
                })
            })
            .sum()
    };
    let pages: std::collections::BTreeSet<&str> =
        checks.iter().filter_map(|c| c["url"].as_str()).collect();
    let screenshots: Vec<&str> = checks
        .iter()
        .filter_map(|c| c["screenshot"].as_str())
        .collect();
    format!(
        "browser suite, {theme} theme ({}, axe-core {}, {}):\n  {} page loads over {} distinct pages (light and dark), {} s\n  axe WCAG 2.1 A/AA: {} violation node(s), {} needing review\n  vnu: {} error(s) in HTML and CSS\n  overflow at 390 px: {}; console/request errors: {}\n  file:// front page → {}\n  {} screenshots in {}\n",
        report["browser"].as_str().unwrap_or("?"),
        report["axe"].as_str().unwrap_or("?"),
        report["validator"]["version"].as_str().unwrap_or("vnu ?"),
        checks.len(),
        pages.len(),
        report["seconds"],
        count("axeViolations"),
        count("axeIncomplete"),
        report["validator"]["errors"].as_array().map_or(0, Vec::len),
        checks.iter().filter(|c| c["overflow"] == true).count(),
        checks
            .iter()
            .map(|c| c["console"].as_array().map_or(0, Vec::len)
                + c["requests"].as_array().map_or(0, Vec::len))
            .sum::<usize>(),
        report["fileProtocol"]["href"].as_str().unwrap_or("?"),
        screenshots.len(),
        artifacts.display()
    )
}
