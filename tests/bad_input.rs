//! Broken seeds fail the build with every file named, and the last good site survives.

mod common;

use common::{Site, snapshot};

const GOOD: &str = "Council approves budget\nThe vote was close.\n\nThe council approved its £600m budget on Tuesday.\n";

#[test]
fn broken_seeds_are_all_named_and_the_old_site_is_untouched() {
    let site = Site::new();
    site.write("seeds/good.txt", GOOD);
    site.build().expect("first build");
    let before = snapshot(&site.public());

    site.write("seeds/a/latin1.txt", b"Headline\n\nCaf\xe9 prices rose.\n");
    site.write(
        "seeds/b/front.md",
        "+++\ntitle = \"T\"\ndate = \"soon\"\n+++\nBody.\n",
    );
    site.write("seeds/c/untitled.md", "Just a paragraph, no headline.\n");
    site.write("seeds/d/unclosed.md", "+++\ntitle = \"T\"\nBody.\n");
    site.write("seeds/e/empty.txt", "  \n\n");
    let err = site.build().expect_err("broken seeds fail the build");
    let message = err.to_string();
    for expected in [
        "seeds/a/latin1.txt: line 3: not valid UTF-8 (byte offset 13)",
        "seeds/b/front.md: line 3, column 8: front matter: `date` must be a date",
        "seeds/c/untitled.md: no headline",
        "seeds/d/unclosed.md: line 1: the front matter opened with `+++` is never closed",
        "seeds/e/empty.txt: the seed is empty",
    ] {
        assert!(
            message.contains(expected),
            "missing {expected:?} in:\n{message}"
        );
    }
    assert!(
        message.starts_with("5 seed(s) could not be published"),
        "{message}"
    );
    assert_eq!(
        snapshot(&site.public()),
        before,
        "the last good site is unchanged"
    );
    let siblings: Vec<_> = std::fs::read_dir(site.root())
        .expect("ls")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        siblings.len(),
        3,
        "nothing left beside the site: {siblings:?}"
    );
}

#[test]
fn the_binary_exits_non_zero_and_names_the_file() {
    let site = Site::new();
    site.write("seeds/broken.md", "+++\ntitle = 5\n+++\n");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["build", "--root"])
        .arg(site.root())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("seeds/broken.md: line 2, column 9: front matter:"),
        "{stderr}"
    );
    assert!(!site.public().exists());
}

#[test]
fn usage_errors_exit_with_two() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["build", "--no-such-flag"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn crlf_and_a_byte_order_mark_build() {
    let site = Site::new();
    site.write(
        "seeds/windows.txt",
        "\u{feff}Headline here\r\nA dek line.\r\n\r\nBody paragraph.\r\n",
    );
    site.build().expect("builds");
    let item = &site.feed_json()["items"][0];
    assert_eq!(item["title"], "Headline here");
    assert_eq!(item["_gazette"]["dek"], "A dek line.");
}

#[test]
fn output_may_not_hold_the_sources() {
    let site = Site::new();
    site.write("seeds/good.txt", GOOD);
    for output in [
        site.root().to_path_buf(),
        site.root().join("seeds"),
        site.root().join("seeds/out"),
        site.root().join(".."),
    ] {
        let mut options = site.options();
        options.output = Some(output.clone());
        let err = gazette::build(&options).expect_err("refused");
        assert!(
            err.to_string().contains("refusing to use as output"),
            "{}: {err}",
            output.display()
        );
    }
    assert!(site.root().join("seeds/good.txt").is_file());
}

#[test]
fn missing_config_and_unknown_theme_are_clear() {
    let site = Site::new();
    site.write("seeds/good.txt", GOOD);
    site.write("config.toml", "theme = \"nope\"\n");
    let err = site.build().expect_err("unknown theme");
    assert_eq!(
        err.to_string(),
        "unknown theme `nope`: themes found: broadsheet, wire"
    );
    std::fs::remove_file(site.root().join("config.toml")).expect("rm");
    let err = site.build().expect_err("no config");
    assert!(err.to_string().contains("config.toml: not found"), "{err}");
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
