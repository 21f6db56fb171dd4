//! The last build of an output: what it was made from, so a build whose sources have not
//! changed since, into an output nobody has touched since, does nothing.
//!
//! A build is a pure function of its sources (config, seeds, theme, the `--drafts` flag)
//! and of the gazette binary. After each successful build gazette records, in the
//! output's working folder, a fingerprint of all of those and the state of every file in
//! the output (path, size, modification time, inode). The config and theme are
//! fingerprinted by content; seeds, by path, size, inode and modification and change
//! times, so an unchanged site is recognised without reading its stories (a write to a
//! file changes its change time, which no tool sets back). The next build lists its
//! sources, and when both the fingerprint and the output's state still match, it has
//! nothing to do. Like `make`, this trusts file times; anything unusual (no record, an
//! unreadable output, another binary) means a full build, never a wrong site. A site
//! with an embargo also depends on the clock, so its builds are not recorded (see
//! `build`): every build of it is a full one. This module does not parse, render or
//! write the site.

use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::publish::{EntryLook, entries_in_name_order, inode};
use crate::render::theme::Theme;
use crate::seed::ListedSeed;

/// What the last successful build reported, and what it was made from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LastBuild {
    pub fingerprint: String,
    pub output_state: String,
    pub stories: usize,
    pub files: usize,
    pub warnings: Vec<String>,
}

/// A 128-bit digest of everything a build reads, as hex.
pub fn fingerprint(config: &Config, theme: &Theme, seeds: &[ListedSeed], drafts: bool) -> String {
    let seed_digest = digest(|h| {
        for seed in seeds {
            (
                &seed.relative_path,
                format!("{:?}", seed.format),
                seed.stamp,
            )
                .hash(h);
        }
    });
    let whole = digest(|h| {
        env!("CARGO_PKG_VERSION").hash(h);
        binary_identity().hash(h);
        drafts.hash(h);
        // Debug output names every field: a setting added later is covered too.
        format!("{config:?}").hash(h);
        theme.name.hash(h);
        format!("{:?}", theme.info).hash(h);
        for template in &theme.templates {
            (&template.name, &template.source).hash(h);
        }
        for (path, bytes) in &theme.static_files {
            (path, bytes).hash(h);
        }
        seed_digest.hash(h);
    });
    format!("{whole:032x}")
}

/// Which gazette this is: the same version built twice is two programs.
fn binary_identity() -> Option<(u64, u64, u128)> {
    let meta = std::env::current_exe().and_then(std::fs::metadata).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((meta.len(), inode(&meta), modified.as_nanos()))
}

/// Two independent 64-bit SipHash digests of the same input: 128 bits, so a match by
/// chance is out of the question. Stable within one binary, which is all it needs.
fn digest(feed: impl Fn(&mut std::collections::hash_map::DefaultHasher)) -> u128 {
    let mut parts = [0u64; 2];
    for (salt, part) in parts.iter_mut().enumerate() {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        salt.hash(&mut hasher);
        feed(&mut hasher);
        *part = hasher.finish();
    }
    (u128::from(parts[0]) << 64) | u128::from(parts[1])
}

/// Every entry under `output`: path, kind, size, modification time and inode, digested.
/// `None` when the output cannot be read whole.
///
/// The walk is in file-name order and looks at each entry relative to its folder's open
/// handle (`std::fs::DirEntry::metadata`), not by its whole path.
pub fn output_state(output: &Path) -> Option<String> {
    let mut entries = Vec::new();
    let root = std::fs::symlink_metadata(output).ok()?;
    entries.push((output.to_path_buf(), EntryLook::of(&root)?));
    if std::fs::metadata(output).ok()?.is_dir() {
        walk_in_name_order(output, &mut entries)?;
    }
    Some(state_of(&entries))
}

/// The digest [`output_state`] gives for a walk that found `entries`: what a build that
/// surveyed its output as it published it records without walking it again.
pub fn state_of(entries: &[(PathBuf, EntryLook)]) -> String {
    format!(
        "{:032x}",
        digest(|h| {
            for (path, look) in entries {
                (path, look.is_dir, look.len, look.modified, look.inode).hash(h);
            }
        })
    )
}

fn walk_in_name_order(folder: &Path, entries: &mut Vec<(PathBuf, EntryLook)>) -> Option<()> {
    for child in entries_in_name_order(folder).ok()? {
        let meta = child.metadata().ok()?;
        let path = child.path();
        entries.push((path.clone(), EntryLook::of(&meta)?));
        if meta.is_dir() {
            walk_in_name_order(&path, entries)?;
        }
    }
    Some(())
}

fn record_path(output: &Path) -> PathBuf {
    crate::publish::working_folder(output).join("last-build.json")
}

/// The last build of `output`, when it was made from `fingerprint` and the output is
/// still as it left it.
pub fn unchanged(output: &Path, fingerprint: &str) -> Option<LastBuild> {
    let text = std::fs::read(record_path(output)).ok()?;
    let last: LastBuild = serde_json::from_slice(&text).ok()?;
    if last.fingerprint != fingerprint || output_state(output)? != last.output_state {
        return None;
    }
    Some(last)
}

/// Forgets the last build: called before the output changes.
pub fn forget(output: &Path) {
    // Nothing to forget is fine; a record that cannot be removed is caught by the output
    // state no longer matching it.
    let _ = std::fs::remove_file(record_path(output));
}

/// Records a successful build of `output`. Best effort: without a record the next build
/// is a full one, nothing worse.
///
/// `survey` is the output as publishing left it (see `publish::Published::survey`); without
/// one, the output is walked.
pub fn remember(
    output: &Path,
    survey: Option<&[(PathBuf, EntryLook)]>,
    fingerprint: String,
    stories: usize,
    files: usize,
    warnings: &[String],
) {
    let Some(output_state) = survey.map(state_of).or_else(|| output_state(output)) else {
        return;
    };
    let record = LastBuild {
        fingerprint,
        output_state,
        stories,
        files,
        warnings: warnings.to_vec(),
    };
    if let Ok(text) = serde_json::to_vec(&record) {
        let _ = std::fs::write(record_path(output), text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_state_changes_with_any_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("a")).expect("mkdir");
        std::fs::write(out.join("a/index.html"), "one").expect("write");
        let first = output_state(&out).expect("state");
        assert_eq!(output_state(&out).as_ref(), Some(&first));
        std::fs::write(out.join("a/index.html"), "two!").expect("write");
        let second = output_state(&out).expect("state");
        assert_ne!(first, second);
        std::fs::write(out.join("b.html"), "").expect("write");
        assert_ne!(output_state(&out).expect("state"), second);
        assert_eq!(output_state(&dir.path().join("missing")), None);
    }

    #[test]
    fn the_output_state_is_that_of_a_walk_in_name_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        for folder in ["a/b/c", "a.b", "b", "z/y", "A"] {
            std::fs::create_dir_all(out.join(folder)).expect("mkdir");
        }
        for file in [
            "index.html",
            "a/b/c/x",
            "a/b/y",
            "a.b/z",
            "a-",
            "b/feed.xml",
            "0",
        ] {
            std::fs::write(out.join(file), file).expect("write");
        }
        let walked = walkdir::WalkDir::new(&out)
            .sort_by_file_name()
            .into_iter()
            .map(|entry| {
                let entry = entry.expect("entry");
                let meta = entry.metadata().expect("meta");
                let look = EntryLook::of(&meta).expect("look");
                (entry.path().to_path_buf(), look)
            })
            .collect::<Vec<_>>();
        assert_eq!(walked.len(), 16);
        assert_eq!(output_state(&out), Some(state_of(&walked)));
    }
}
