//! Rebuilding: a build where nothing changed writes no file, and one where a seed changed
//! writes only the files whose bytes changed; every other file of `public/` keeps its
//! inode and modification time.

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use common::Site;

/// Each file of `root`: its bytes, inode and modification time (ns).
fn files(root: &Path) -> BTreeMap<String, (Vec<u8>, u64, i64)> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().expect("stat");
            let relative = e
                .path()
                .strip_prefix(root)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            let bytes = std::fs::read(e.path()).expect("read");
            (
                relative,
                (
                    bytes,
                    meta.ino(),
                    meta.mtime() * 1_000_000_000 + meta.mtime_nsec(),
                ),
            )
        })
        .collect()
}

fn story(i: usize, extra: &str) -> String {
    format!(
        "Council number {i} approves the budget\n\nThe council of town {i} approved £{i}m for libraries on Tuesday.{extra}\n\n\
         “We will keep every library open this winter,” said Jane Doe, the council leader.\n\n\
         Opponents said the plan would cost 2,000 jobs by 2030.\n"
    )
}

/// A site of a dozen stories in a few topics, built once.
fn built_site() -> Site {
    let site = Site::new();
    for i in 0..12 {
        let tags = ["Budget", "Libraries", "Transport"][i % 3];
        site.write(
            &format!("seeds/s{i:02}.md"),
            format!(
                "+++\ntags = [\"{tags}\"]\ndate = 2026-11-{:02}\n+++\n{}",
                i + 1,
                story(i, "").replacen("Council", "# Council", 1)
            ),
        );
    }
    let report = site.build().expect("first build");
    assert!(!report.up_to_date);
    site
}

/// Files whose bytes differ between two snapshots, plus new ones.
fn changed(
    before: &BTreeMap<String, (Vec<u8>, u64, i64)>,
    after: &BTreeMap<String, (Vec<u8>, u64, i64)>,
) -> Vec<String> {
    after
        .iter()
        .filter(|(path, (bytes, _, _))| before.get(*path).is_none_or(|(old, _, _)| old != bytes))
        .map(|(path, _)| path.clone())
        .collect()
}

/// Every file whose bytes did not change is the very same file: same inode, same time.
fn assert_untouched_unless_changed(
    before: &BTreeMap<String, (Vec<u8>, u64, i64)>,
    after: &BTreeMap<String, (Vec<u8>, u64, i64)>,
) {
    for (path, (bytes, inode, mtime)) in after {
        if let Some((old_bytes, old_inode, old_mtime)) = before.get(path) {
            if old_bytes == bytes {
                assert_eq!(
                    (inode, mtime),
                    (old_inode, old_mtime),
                    "{path} has the same bytes but was written again"
                );
            }
        }
    }
}

#[test]
fn a_rebuild_where_nothing_changed_writes_no_file() {
    let site = built_site();
    let before = files(&site.public());
    let report = site.build().expect("rebuild");
    assert!(
        report.up_to_date,
        "the sources and public/ are as the last build left them"
    );
    assert_eq!(report.written, 0);
    assert_eq!(report.pages, before.len());
    assert_eq!(files(&site.public()), before);
}

#[test]
fn without_the_record_of_the_last_build_nothing_is_written_either() {
    let site = built_site();
    std::fs::remove_file(site.root().join(".public.gazette/last-build.json")).expect("rm");
    let before = files(&site.public());
    let report = site.build().expect("rebuild");
    assert!(
        !report.up_to_date,
        "without a record, the site is built again"
    );
    assert_eq!(
        report.written, 0,
        "but every page is byte for byte the old one"
    );
    assert_eq!(files(&site.public()), before);
    // And the record is back: the next build does nothing at all.
    assert!(site.build().expect("third").up_to_date);
}

#[test]
fn one_changed_seed_rewrites_only_the_files_whose_bytes_changed() {
    let site = built_site();
    let before = files(&site.public());
    let path = "seeds/s05.md";
    let text = std::fs::read_to_string(site.root().join(path)).expect("read");
    site.write(
        path,
        text.replace("on Tuesday.", "on Tuesday, after a long debate."),
    );
    let report = site.build().expect("rebuild");
    let after = files(&site.public());
    let changed = changed(&before, &after);
    assert!(!report.up_to_date);
    assert!(
        changed.iter().any(|p| p.ends_with("feed.json")),
        "the edit shows in the feeds: {changed:?}"
    );
    assert!(
        changed.len() < after.len() / 2,
        "one story's edit changes a few files, not {} of {}",
        changed.len(),
        after.len()
    );
    assert_eq!(
        report.written,
        changed.len(),
        "written: exactly {changed:?}"
    );
    assert_untouched_unless_changed(&before, &after);
}

#[test]
fn a_file_removed_from_public_is_put_back_alone() {
    let site = built_site();
    let before = files(&site.public());
    let victim = before
        .keys()
        .find(|p| p.ends_with("index.html") && p.contains('/') && !p.starts_with("topics"))
        .expect("a story page")
        .clone();
    std::fs::remove_file(site.public().join(&victim)).expect("rm");
    let report = site.build().expect("rebuild");
    assert!(
        !report.up_to_date,
        "public/ is not as the last build left it"
    );
    assert_eq!(report.written, 1);
    let after = files(&site.public());
    assert_eq!(after.len(), before.len());
    assert_eq!(after[&victim].0, before[&victim].0);
    let mut others = before.clone();
    others.remove(&victim);
    assert_untouched_unless_changed(&others, &after);
}

#[test]
fn a_changed_setting_is_a_new_build() {
    let site = built_site();
    site.write(
        "config.toml",
        "title = \"Another Digest\"\nbase_url = \"https://example.org/\"\n",
    );
    let report = site.build().expect("rebuild");
    assert!(!report.up_to_date);
    assert!(site.read("index.html").contains("Another Digest"));
    assert!(
        report.written > 12,
        "every page shows the title: {}",
        report.written
    );
}

#[test]
fn a_seed_put_back_as_it_was_after_a_failed_build_writes_nothing() {
    let site = built_site();
    let before = files(&site.public());
    let path = site.root().join("seeds/s03.md");
    let original = std::fs::read(&path).expect("read");
    site.write("seeds/s03.md", b"+++\ntitle = 5\n+++\nBroken.\n");
    site.build().expect_err("a broken seed fails");
    assert_eq!(
        files(&site.public()),
        before,
        "the failed build left public/ alone"
    );
    std::fs::write(&path, original).expect("restore");
    // The seed was written since the last build, so the site is built again, and every
    // file comes out as it was.
    let report = site.build().expect("rebuild");
    assert!(!report.up_to_date);
    assert_eq!(report.written, 0);
    assert_eq!(files(&site.public()), before);
    assert!(site.build().expect("again").up_to_date);
}

#[test]
fn a_seed_rewritten_at_the_same_size_is_noticed() {
    let site = built_site();
    let path = "seeds/s07.md";
    let text = std::fs::read_to_string(site.root().join(path)).expect("read");
    let edited = text.replace("£7m", "£8m");
    assert_eq!(edited.len(), text.len());
    site.write(path, edited);
    let report = site.build().expect("rebuild");
    assert!(!report.up_to_date, "the seed's change time moved");
    assert!(report.written > 0);
    assert!(feed_mentions(&site, "£8m"));
}

fn feed_mentions(site: &Site, text: &str) -> bool {
    site.read("feed.json").contains(text)
}
