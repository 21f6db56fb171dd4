//! The kill test: a build killed at any moment leaves `public/` as one whole site, the
//! old one or the new one, never a mix and never missing.

mod common;

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Site, snapshot};

const STORIES: usize = 600;

fn write_corpus(site: &Site) {
    for i in 0..STORIES {
        let mut body = String::new();
        for p in 0..8 {
            body.push_str(&format!(
                "Paragraph {p} of story {i}: the council said spending rose {}% to £{}m, and “we will keep every library open this winter,” said Jane Doe, the council leader.\n\n",
                (i + p) % 40,
                100 + i
            ));
        }
        site.write(
            &format!("seeds/s{:03}/{i:04}.txt", i % 50),
            format!("Story number {i} on the budget\n\n{body}"),
        );
    }
}

fn set_version(site: &Site, version: &str) {
    site.write(
        "config.toml",
        format!("title = \"Version {version}\"\nbase_url = \"https://example.org/\"\n"),
    );
}

fn build_command(site: &Site) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gazette"));
    command
        .arg("build")
        .arg("--root")
        .arg(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

#[test]
fn a_killed_build_leaves_the_old_site_or_the_new_one_whole() {
    let site = Site::new();
    write_corpus(&site);
    let mut versions: BTreeMap<&str, BTreeMap<String, Vec<u8>>> = BTreeMap::new();
    let mut duration = Duration::ZERO;
    for version in ["A", "B"] {
        set_version(&site, version);
        let started = Instant::now();
        assert!(build_command(&site).status().expect("runs").success());
        duration = started.elapsed();
        versions.insert(version, snapshot(&site.public()));
    }
    assert_ne!(versions["A"], versions["B"]);

    // Kill at spread-out moments across a build, from just after start to past its end.
    let mut present = "B";
    let mut outcomes = Vec::new();
    for step in 0..10 {
        let target = if present == "A" { "B" } else { "A" };
        set_version(&site, target);
        let mut child = build_command(&site).spawn().expect("spawns");
        std::thread::sleep(duration.mul_f64(0.05 + 0.11 * step as f64));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&site.public());
        present = versions
            .iter()
            .find(|(_, tree)| **tree == now)
            .map(|(name, _)| *name)
            .unwrap_or_else(|| {
                panic!(
                    "kill at step {step} left a mixed or missing site ({} files)",
                    now.len()
                )
            });
        outcomes.push(present);
    }
    eprintln!("site after each kill: {outcomes:?} (full build {duration:?})");

    // The next build finishes the job and leaves nothing behind beside public/ but its
    // working folder, which holds at most one spare site and the record of the last
    // build, whatever the kills left there.
    set_version(&site, "A");
    assert!(build_command(&site).status().expect("runs").success());
    assert_eq!(snapshot(&site.public()), versions["A"]);
    let hidden: Vec<String> = names_in(site.root())
        .into_iter()
        .filter(|name| name.starts_with('.'))
        .collect();
    assert_eq!(hidden, [".public.gazette"], "leftovers");
    let working = site.root().join(".public.gazette");
    let kept = names_in(&working);
    assert!(
        kept.iter()
            .all(|name| name == "spare" || name == "last-build.json"),
        "leftovers in the working folder: {kept:?}"
    );
    // The spare may be half updated by a killed build (it is never trusted), but it
    // never holds more than one site's files.
    if working.join("spare").exists() {
        let spare = snapshot(&working.join("spare"));
        let most = versions.values().map(BTreeMap::len).max().unwrap_or(0);
        assert!(
            spare.len() <= most,
            "the spare holds {} files, more than a site's {most}",
            spare.len()
        );
    }
}

fn names_in(folder: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("ls")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
