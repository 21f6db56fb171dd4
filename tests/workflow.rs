//! The local workflow commands as a user runs them: `check`, `new`, `init`.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::Site;

fn gazette(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .arg(root)
        .output()
        .expect("gazette runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_reports_a_planted_broken_link_at_its_seed_line_and_writes_nothing() {
    let site = Site::new();
    site.write(
        "seeds/2026-11-20-bridge.txt",
        "Harbour bridge reopens after repairs\nEngineers finished two days early.\nThe bridge reopened on Monday after repairs costing £4m.\n",
    );
    site.write(
        "seeds/guide.md",
        "+++\ntitle = \"A guide to the harbour\"\n+++\n\nStart with [the bridge](../harbour-bridge-reopens-after-repairs/index.html).\n\nThen read [the ferry story](../ferry-timetable/index.html).\n\nAnd [the history](#history-section).\n",
    );
    let clean = gazette(&["check", "--root"], site.root());
    let stderr = text(&clean.stderr);
    assert_eq!(clean.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("seeds/guide.md:7: broken link `../ferry-timetable/index.html`: no page `ferry-timetable/index.html`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("seeds/guide.md:9: broken link `#history-section`"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("harbour-bridge-reopens-after-repairs"),
        "that link is fine: {stderr}"
    );
    assert!(stderr.contains("2 problem(s) found"), "{stderr}");
    assert!(!site.public().exists(), "check never writes public/");

    site.write(
        "seeds/guide.md",
        "+++\ntitle = \"A guide to the harbour\"\n+++\n\nStart with [the bridge](../harbour-bridge-reopens-after-repairs/index.html#main).\n",
    );
    let fixed = gazette(&["check", "--root"], site.root());
    assert!(fixed.status.success(), "{}", text(&fixed.stderr));
    assert!(text(&fixed.stdout).contains("no problems"));
}

#[test]
fn check_reports_every_broken_seed_and_template_at_once() {
    let site = Site::new();
    site.write(
        "seeds/a.md",
        "+++\ntitle = \"A\"\ndate = \"nope\"\n+++\nBody.\n",
    );
    site.write("seeds/b.md", "+++\ntitle = \"B\"\n");
    site.write("seeds/c.txt", "Fine story\nBody.\n");
    site.write("templates/topic.html", "{% extends \"base.html\" %}\n{% block content %}{{ topic.name | shout }}{% endblock content %}\n");
    let out = gazette(&["check", "--root"], site.root());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    for needed in [
        "seeds/a.md:3",
        "seeds/b.md:1",
        "templates/topic.html:2",
        "shout",
    ] {
        assert!(stderr.contains(needed), "{needed} missing from {stderr}");
    }
    assert!(stderr.contains("3 problem(s) found"), "{stderr}");
}

#[test]
fn a_broken_link_in_a_template_is_one_problem_for_all_its_pages() {
    let site = Site::new();
    for n in 1..=3 {
        site.write(
            &format!("seeds/s{n}.txt"),
            format!("Story number {n}\nBody {n}.\n"),
        );
    }
    site.write(
        "templates/story.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<a href=\"{{ page.root }}about/index.html\">About</a>\n{% endblock content %}\n",
    );
    let out = gazette(&["check", "--root"], site.root());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no page `about/index.html`"), "{stderr}");
    assert!(stderr.contains("the same link is on 3 pages"), "{stderr}");
    assert!(stderr.contains("1 problem(s) found"), "{stderr}");
}

#[test]
fn init_makes_a_site_that_builds_and_checks_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("my-digest");
    let init = gazette(&["init"], &root);
    assert!(init.status.success(), "{}", text(&init.stderr));
    let build = gazette(&["build", "--root"], &root);
    assert!(build.status.success(), "{}", text(&build.stderr));
    assert!(text(&build.stdout).starts_with("Built 2 stories"));
    let feed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("public/feed.json")).expect("feed.json"),
    )
    .expect("JSON");
    let items = feed["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    for item in items {
        let desk = &item["_gazette"];
        assert!(
            !desk["facts"].as_array().expect("facts").is_empty(),
            "{item}"
        );
        // The examples are short (under 350 words), where newsrooms set at most one
        // pull quote and usually none.
        assert!(
            desk["pull_quotes"].as_array().expect("quotes").len() <= 1,
            "{item}"
        );
    }
    let check = gazette(&["check", "--root"], &root);
    assert!(check.status.success(), "{}", text(&check.stderr));
    site_in_git_shows_only_its_sources(&root);

    // A folder with files in it is refused, then accepted with --force.
    let again = gazette(&["init"], &root);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("not empty"));
    let other = dir.path().join("notes");
    std::fs::create_dir_all(&other).expect("mkdir");
    std::fs::write(other.join("todo.txt"), "mine").expect("write");
    assert_eq!(gazette(&["init"], &other).status.code(), Some(1));
    let forced = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["init", "--force"])
        .arg(&other)
        .output()
        .expect("runs");
    assert!(forced.status.success(), "{}", text(&forced.stderr));
    assert_eq!(
        std::fs::read_to_string(other.join("todo.txt")).expect("kept"),
        "mine"
    );
}

/// The `.gitignore` that `init` writes keeps what a build made out of git: the site kept
/// in a repository shows its config, its ignore list and its seeds, nothing else.
fn site_in_git_shows_only_its_sources(root: &std::path::Path) {
    let git = |args: &[&str]| Command::new("git").args(args).current_dir(root).output();
    match git(&["init", "-q"]) {
        Ok(out) if out.status.success() => {}
        _ => {
            eprintln!("SKIPPED: git is not available, the ignore list is not checked in git");
            return;
        }
    }
    let status = git(&["status", "--porcelain", "--untracked-files=all"]).expect("git status");
    assert!(status.status.success(), "{}", text(&status.stderr));
    let mut shown: Vec<String> = text(&status.stdout)
        .lines()
        .map(|line| line.trim_start_matches("?? ").to_string())
        .collect();
    shown.sort();
    assert_eq!(
        shown,
        [
            ".gitignore",
            "config.toml",
            "seeds/2026-03-14-riverside-market-reopens.txt",
            "seeds/volunteers-plant-trees.md",
        ]
    );
}

#[test]
fn new_writes_a_dated_seed_that_builds_and_refuses_to_overwrite() {
    let site = Site::new();
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args([
                "new",
                "Ferry timetable changes for winter",
                "--date",
                "2026-12-01",
                "--root",
            ])
            .arg(site.root())
            .output()
            .expect("runs")
    };
    let first = run();
    assert!(first.status.success(), "{}", text(&first.stderr));
    let path = site
        .root()
        .join("seeds/2026-12-01-ferry-timetable-changes-for-winter.md");
    let seed = std::fs::read_to_string(&path).expect("written");
    assert!(seed.starts_with(
        "+++\ntitle = \"Ferry timetable changes for winter\"\ndate = 2026-12-01\ntags = []\n"
    ));
    std::fs::write(
        &path,
        format!("{seed}The winter timetable starts on Monday.\n"),
    )
    .expect("write");
    let second = run();
    assert_eq!(second.status.code(), Some(1));
    assert!(text(&second.stderr).contains("already exists"));
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("starts on Monday"),
        "kept"
    );

    site.build().expect("builds");
    assert!(
        site.read("ferry-timetable-changes-for-winter/index.html")
            .contains("The winter timetable starts on Monday.")
    );

    // Without --date the story is dated today (the one clock gazette reads).
    let today = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["new", "Undated draft", "--root"])
        .arg(site.root())
        .output()
        .expect("runs");
    assert!(today.status.success());
    let name = text(&today.stdout);
    let file = name
        .trim()
        .rsplit('/')
        .next()
        .expect("file name")
        .to_string();
    assert!(file.ends_with("-undated-draft.md"), "{file}");
    assert!(
        gazette::date::Date::from_file_name_prefix(&file).is_some(),
        "{file}"
    );
}
