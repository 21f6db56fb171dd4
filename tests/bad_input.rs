//! The bad-input suite: broken, hostile and huge seeds. Every case asserts the exit code
//! and the message, that the previous `public/` is byte-for-byte unchanged after a
//! failed build, and that nothing appeared in the site folder but what the test wrote.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Site, snapshot};

const GOOD: &str = "Council approves budget\nThe vote was close.\n\nThe council approved its £600m budget on Tuesday.\n";
/// A hang guard, not a timing assertion: far above what any case needs.
const HANG_LIMIT: Duration = Duration::from_secs(300);

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs the real binary on `site` with `args` after `build`, killing it if it hangs.
fn run(site: &Site, args: &[&str]) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .arg("build")
        .arg("--root")
        .arg(site.root())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > HANG_LIMIT {
            let _ = child.kill();
            panic!("gazette build hung for over {HANG_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    Outcome {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Every path in the site folder outside `public/` and the inside of gazette's working
/// folder beside it (`.public.gazette/`: the spare site a rebuild keeps for the next one,
/// and the record of the last build; tests/kill.rs checks what it holds).
fn outside_public(site: &Site) -> BTreeSet<String> {
    walkdir::WalkDir::new(site.root())
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            e.path()
                .strip_prefix(site.root())
                .expect("prefix")
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| !p.is_empty() && p != "public" && !p.starts_with("public/"))
        .filter(|p| !p.starts_with(".public.gazette/"))
        .collect()
}

/// A site with one good story, built once.
fn built_site() -> (Site, BTreeMap<String, Vec<u8>>, BTreeSet<String>) {
    let site = Site::new();
    site.write("seeds/good.txt", GOOD);
    let first = run(&site, &[]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let public = snapshot(&site.public());
    let outside = outside_public(&site);
    (site, public, outside)
}

/// A built site with `files` added and built again: what that second build said.
struct Rebuilt {
    site: Site,
    outcome: Outcome,
    public_before: BTreeMap<String, Vec<u8>>,
}

/// Adds `files` to a built site, builds again, and checks the second build left nothing
/// in the site folder but `public/` and what the test wrote; it must not panic either.
fn rebuild_with(files: &[(&str, &[u8])], expected: &[&str]) -> Rebuilt {
    let (site, public_before, outside_before) = built_site();
    for (path, bytes) in files {
        site.write(path, bytes);
    }
    let outcome = run(&site, &[]);
    for message in expected {
        assert!(
            outcome.stderr.contains(message),
            "missing {message:?} in:\n{}",
            outcome.stderr
        );
    }
    assert!(!outcome.stderr.contains("panicked"), "{}", outcome.stderr);
    let written: BTreeSet<String> = files.iter().flat_map(|(p, _)| ancestors(p)).collect();
    let expected_outside: BTreeSet<String> = outside_before.union(&written).cloned().collect();
    assert_eq!(
        outside_public(&site),
        expected_outside,
        "nothing else appeared in the site folder"
    );
    Rebuilt {
        site,
        outcome,
        public_before,
    }
}

/// Expects the build to fail with `code` and every message in `expected`, leaving the
/// old site exactly as it was.
fn assert_rejected(files: &[(&str, &[u8])], code: i32, expected: &[&str]) {
    let rebuilt = rebuild_with(files, expected);
    assert_eq!(
        rebuilt.outcome.code,
        Some(code),
        "stderr:\n{}",
        rebuilt.outcome.stderr
    );
    assert_eq!(
        snapshot(&rebuilt.site.public()),
        rebuilt.public_before,
        "the last good site is unchanged"
    );
}

/// Builds `files` (beside a good story) and expects success with every warning in `expected`.
fn assert_built_with_warnings(files: &[(&str, &[u8])], expected: &[&str]) -> Site {
    let rebuilt = rebuild_with(files, expected);
    assert_eq!(
        rebuilt.outcome.code,
        Some(0),
        "stderr:\n{}",
        rebuilt.outcome.stderr
    );
    assert!(
        rebuilt.outcome.stdout.starts_with("Built "),
        "{}",
        rebuilt.outcome.stdout
    );
    rebuilt.site
}

/// `seeds/a/b.txt` → `seeds`, `seeds/a`, `seeds/a/b.txt`.
fn ancestors(path: &str) -> Vec<String> {
    let parts: Vec<&str> = path.split('/').collect();
    (1..=parts.len()).map(|n| parts[..n].join("/")).collect()
}

fn json_titles(site: &Site) -> Vec<String> {
    site.feed_json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["title"].as_str().expect("title").to_string())
        .collect()
}

// ---- empty and headline problems ----

#[test]
fn an_empty_seed_fails() {
    assert_rejected(
        &[("seeds/empty.txt", b"")],
        1,
        &["seeds/empty.txt: the seed is empty; write a headline on the first line"],
    );
}

#[test]
fn a_whitespace_only_seed_fails() {
    assert_rejected(
        &[("seeds/blank.md", b"  \n\t\n\n")],
        1,
        &["seeds/blank.md: no headline"],
    );
    assert_rejected(
        &[("seeds/blank.txt", b"  \n\t\n\n")],
        1,
        &["seeds/blank.txt: the seed is empty"],
    );
}

#[test]
fn a_headline_only_seed_builds_with_a_warning() {
    let site = assert_built_with_warnings(
        &[("seeds/only.txt", b"Just a headline\n")],
        &["warning: seeds/only.txt: the story has a headline but no body"],
    );
    assert!(json_titles(&site).contains(&"Just a headline".to_string()));
}

#[test]
fn a_markdown_seed_without_a_headline_fails() {
    assert_rejected(
        &[(
            "seeds/untitled.md",
            b"+++\ndek = \"D\"\n+++\nA paragraph, no heading.\n",
        )],
        1,
        &[
            "seeds/untitled.md: no headline: give `title` in the front matter or start the body with a `# Headline`",
        ],
    );
}

#[test]
fn a_2000_character_headline_builds_with_a_warning_and_a_short_slug() {
    let headline = "Word ".repeat(400);
    let seed = format!("{}\n\nBody.\n", headline.trim());
    let site = assert_built_with_warnings(
        &[("seeds/long.txt", seed.as_bytes())],
        &["warning: seeds/long.txt: the headline is 1999 characters long"],
    );
    let url = site.feed_json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["_gazette"]["source_path"] == "long.txt")
        .expect("published")["url"]
        .as_str()
        .expect("url")
        .to_string();
    assert!(url.len() < 120, "{url}");
}

// ---- encodings ----

#[test]
fn invalid_utf8_names_the_byte_offset() {
    assert_rejected(
        &[("seeds/latin1.txt", b"Headline\n\nCaf\xe9 prices rose.\n")],
        1,
        &["seeds/latin1.txt: line 3: not valid UTF-8 (byte offset 13); save the file as UTF-8"],
    );
}

#[test]
fn nul_bytes_are_refused_as_binary() {
    assert_rejected(
        &[("seeds/binary.txt", b"Headline\n\nSome\0\x01\x02 bytes\n")],
        1,
        &["seeds/binary.txt: line 3: holds a NUL byte (byte offset 14)"],
    );
}

#[test]
fn a_byte_order_mark_with_crlf_builds() {
    let site = assert_built_with_warnings(
        &[(
            "seeds/windows.txt",
            "\u{feff}Windows headline\r\nA dek line.\r\n\r\nBody.\r\n".as_bytes(),
        )],
        &[],
    );
    assert!(json_titles(&site).contains(&"Windows headline".to_string()));
}

// ---- front matter ----

#[test]
fn broken_toml_names_line_and_column() {
    assert_rejected(
        &[(
            "seeds/broken.md",
            b"+++\ntitle = \"T\"\ndek = \"unclosed\n+++\nBody.\n",
        )],
        1,
        &["seeds/broken.md: line 3, column"],
    );
}

#[test]
fn a_field_of_the_wrong_type_names_its_line() {
    assert_rejected(
        &[(
            "seeds/typed.md",
            b"+++\ntitle = \"T\"\ntags = \"not a list\"\n+++\nBody.\n",
        )],
        1,
        &["seeds/typed.md: line 3, column 8: front matter: invalid type"],
    );
    assert_rejected(
        &[(
            "seeds/dated.md",
            b"+++\ntitle = \"T\"\ndate = \"soon\"\n+++\nBody.\n",
        )],
        1,
        &[
            "seeds/dated.md: line 3, column 8: front matter: `date` must be a date such as 2026-11-25",
        ],
    );
}

#[test]
fn newsroom_fields_of_the_wrong_type_name_their_line() {
    assert_rejected(
        &[(
            "seeds/bylined.md",
            b"+++\ntitle = \"T\"\nbylines = [\"Ada Reporter\", 42]\n+++\nBody.\n",
        )],
        1,
        &["seeds/bylined.md: line 3, column 28: front matter: invalid type: integer `42`"],
    );
    assert_rejected(
        &[(
            "seeds/corrected.md",
            b"+++\ntitle = \"T\"\ncorrections = [{ text = \"Fixed a name.\" }]\n+++\nBody.\n",
        )],
        1,
        &["seeds/corrected.md: line 3, column 16: front matter: missing field `date`"],
    );
    assert_rejected(
        &[(
            "seeds/embargoed.md",
            b"+++\ntitle = \"T\"\npublish_at = \"after lunch\"\n+++\nBody.\n",
        )],
        1,
        &["seeds/embargoed.md: line 3, column 14: front matter: `publish_at` must be a date"],
    );
}

#[test]
fn a_javascript_byline_link_warns_and_is_not_published() {
    let site = assert_built_with_warnings(
        &[(
            "seeds/linked.md",
            b"+++\ntitle = \"Linked\"\n\n[[bylines]]\nname = \"Ada Reporter\"\nurl = \"javascript:alert(1)\"\n+++\nBody.\n",
        )],
        &["warning: seeds/linked.md: line 6: the byline link \"javascript:alert(1)\" for Ada Reporter is refused"],
    );
    let page = std::fs::read_to_string(site.public().join("linked/index.html")).expect("page");
    assert!(page.contains("By Ada Reporter"), "the name is shown");
    assert!(!page.contains("javascript:"), "the link is not");
}

#[test]
fn an_unknown_field_warns_and_builds() {
    assert_built_with_warnings(
        &[(
            "seeds/extra.md",
            b"+++\ntitle = \"T\"\ncolour = \"red\"\n+++\nBody.\n",
        )],
        &["warning: seeds/extra.md: line 3: unknown front matter field `colour` is ignored"],
    );
}

#[test]
fn an_unclosed_front_matter_fails() {
    assert_rejected(
        &[(
            "seeds/open.md",
            b"+++\ntitle = \"T\"\n\nBody without the closing line.\n",
        )],
        1,
        &[
            "seeds/open.md: line 1: the front matter opened with `+++` is never closed; add a `+++` line after it",
        ],
    );
}

// ---- huge and pathological input: must finish (the hang guard kills a runaway) ----

#[test]
fn a_5_mb_single_line_seed_builds() {
    let mut seed = String::from("A very long wire\n\n");
    while seed.len() < 5 * 1024 * 1024 {
        seed.push_str(
            "The council said “costs rose 3.5% to £600m” on Tuesday, and Mr. Doe agreed. ",
        );
    }
    seed.push('\n');
    assert_built_with_warnings(&[("seeds/huge.txt", seed.as_bytes())], &[]);
}

#[test]
fn ten_thousand_quotation_marks_build() {
    let seed = format!(
        "Quotes everywhere\n\n{}\n\n{}\n",
        "\"".repeat(10_000),
        "“ ” ".repeat(5_000)
    );
    assert_built_with_warnings(&[("seeds/quotes.txt", seed.as_bytes())], &[]);
}

#[test]
fn markdown_nested_200_levels_builds() {
    let quotes = format!("# Deep\n\n{} deep quote\n\n", "> ".repeat(200));
    let lists: String = (0..200)
        .map(|level| format!("{}- level {level}\n", "  ".repeat(level)))
        .collect();
    let emphasis = format!("{}x{}\n", "*_".repeat(100), "_*".repeat(100));
    let seed = format!("{quotes}{lists}\n{emphasis}");
    assert_built_with_warnings(&[("seeds/deep.md", seed.as_bytes())], &[]);
}

// ---- slugs ----

#[test]
fn hostile_slugs_stay_inside_public() {
    let site = assert_built_with_warnings(
        &[
            (
                "seeds/a.md",
                b"+++\ntitle = \"Relative\"\nslug = \"../../etc/passwd\"\n+++\nBody.\n",
            ),
            (
                "seeds/b.md",
                b"+++\ntitle = \"Absolute\"\nslug = \"/etc/passwd\"\n+++\nBody.\n",
            ),
            (
                "seeds/c.md",
                b"+++\ntitle = \"Nothing left\"\nslug = \"../!!/..\"\n+++\nBody.\n",
            ),
        ],
        &[
            "warning: seeds/b.md: slug `etc-passwd` is taken by an earlier story; published as `etc-passwd-2`",
            "warning: seeds/c.md: slug \"../!!/..\" has no letters or digits to keep; the headline's slug is used",
        ],
    );
    assert!(site.read("etc-passwd/index.html").contains("Relative"));
    assert!(site.read("etc-passwd-2/index.html").contains("Absolute"));
    assert!(
        site.read("nothing-left/index.html")
            .contains("Nothing left")
    );
}

#[test]
fn two_seeds_wanting_one_slug_are_both_published() {
    let site = assert_built_with_warnings(
        &[
            ("seeds/x/1.txt", b"Same words\n\nFirst.\n"),
            ("seeds/y/1.txt", b"Same words\n\nSecond.\n"),
        ],
        &[
            "warning: seeds/y/1.txt: slug `same-words` is taken by an earlier story; published as `same-words-2`",
        ],
    );
    assert!(site.read("same-words/index.html").contains("First."));
    assert!(site.read("same-words-2/index.html").contains("Second."));
}

// ---- the file system ----

#[cfg(unix)]
#[test]
fn a_symlink_loop_warns_and_builds() {
    let (site, _, _) = built_site();
    std::fs::create_dir_all(site.root().join("seeds/sub")).expect("mkdir");
    std::os::unix::fs::symlink(
        site.root().join("seeds"),
        site.root().join("seeds/sub/loop"),
    )
    .expect("symlink");
    let outcome = run(&site, &[]);
    assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
    assert!(
        outcome
            .stderr
            .contains("warning: seeds/sub/loop: symbolic link loop back to"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn a_folder_named_like_a_seed_is_ignored() {
    let (site, _, _) = built_site();
    std::fs::create_dir_all(site.root().join("seeds/x.txt/inner")).expect("mkdir");
    let outcome = run(&site, &[]);
    assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
    assert_eq!(json_titles(&site), ["Council approves budget"]);
}

#[cfg(unix)]
#[test]
fn an_unreadable_seed_fails_with_its_name() {
    // Root reads any file whatever its mode, so unreadability is made with a link to
    // nothing, which no user can read.
    let (site, public_before, _) = built_site();
    std::os::unix::fs::symlink(
        site.root().join("nowhere.txt"),
        site.root().join("seeds/dangling.txt"),
    )
    .expect("symlink");
    let outcome = run(&site, &[]);
    assert_eq!(outcome.code, Some(1));
    assert!(
        outcome.stderr.contains("seeds/dangling.txt: could not read the file: a symbolic link to a file that does not exist"),
        "{}",
        outcome.stderr
    );
    assert_eq!(snapshot(&site.public()), public_before);
}

#[test]
fn every_problem_is_listed_at_once() {
    assert_rejected(
        &[
            ("seeds/a/latin1.txt", b"Headline\n\nCaf\xe9.\n"),
            ("seeds/b/front.md", b"+++\ntitle = 5\n+++\nBody.\n"),
            ("seeds/c/untitled.md", b"No headline here.\n"),
            ("seeds/d/empty.txt", b""),
        ],
        1,
        &[
            "4 seed(s) could not be published",
            "seeds/a/latin1.txt",
            "seeds/b/front.md",
            "seeds/c/untitled.md",
            "seeds/d/empty.txt",
        ],
    );
}

// ---- promises ----

#[test]
fn a_second_build_at_the_same_time_is_refused_clearly() {
    let (site, public_before, _) = built_site();
    let _held = gazette::lock::lock_output(&site.public()).expect("lock");
    let outcome = run(&site, &[]);
    assert_eq!(outcome.code, Some(1));
    assert!(
        outcome
            .stderr
            .contains("another gazette build is writing here right now"),
        "{}",
        outcome.stderr
    );
    assert_eq!(snapshot(&site.public()), public_before);
}

#[test]
fn output_may_not_be_the_sources_their_parent_or_root() {
    let (site, public_before, outside_before) = built_site();
    let root = site.root().to_string_lossy().into_owned();
    for output in [
        root.clone(),
        format!("{root}/seeds"),
        format!("{root}/seeds/out"),
        format!("{root}/.."),
        "/".to_string(),
        format!("{root}/config.toml"),
    ] {
        let outcome = run(&site, &["--output", &output]);
        assert_eq!(outcome.code, Some(2), "{output}: {}", outcome.stderr);
        assert!(
            outcome.stderr.contains("refusing to use as output"),
            "{output}: {}",
            outcome.stderr
        );
    }
    assert_eq!(snapshot(&site.public()), public_before);
    assert_eq!(outside_public(&site), outside_before);
}

#[test]
fn usage_errors_exit_with_two() {
    let outcome = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["build", "--no-such-flag"])
        .output()
        .expect("runs");
    assert_eq!(outcome.status.code(), Some(2));
}

#[test]
fn missing_config_and_unknown_theme_are_clear() {
    let site = Site::new();
    site.write("seeds/good.txt", GOOD);
    site.write("config.toml", "theme = \"nope\"\n");
    let outcome = run(&site, &[]);
    assert_eq!(outcome.code, Some(1));
    assert!(
        outcome
            .stderr
            .contains("unknown theme `nope`: themes found: broadsheet, wire"),
        "{}",
        outcome.stderr
    );
    std::fs::remove_file(site.root().join("config.toml")).expect("rm");
    let outcome = run(&site, &[]);
    assert!(
        outcome.stderr.contains("config.toml: not found"),
        "{}",
        outcome.stderr
    );
    assert!(!Path::new(&site.public()).exists());
}

#[test]
fn a_broken_template_names_the_template_and_line() {
    let site = Site::new();
    site.write("seeds/good.txt", GOOD);
    site.write(
        "templates/partials/fact_box.html",
        "<aside>\n{{ facts | no_such_filter }}\n</aside>\n",
    );
    let err = site.build().expect_err("broken template");
    let message = err.to_string();
    assert!(
        message.contains("templates/partials/fact_box.html"),
        "{message}"
    );
    assert!(message.contains("no_such_filter"), "{message}");
    assert!(message.contains(":2:"), "{message}");
}
