//! Publishing: writing the rendered site to the output folder, all or nothing.
//!
//! The new site is written into a staging folder beside the output, then swapped in with
//! one atomic `renameat2(RENAME_EXCHANGE)` where the system has it (two renames where it
//! does not). A failed or killed build therefore leaves the last good site whole. This
//! module never writes outside the output folder's parent, and refuses page paths that
//! would leave the output folder.

use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use thiserror::Error;

use crate::render::Page;

/// A site that could not be written; the previous output is untouched.
#[derive(Debug, Error)]
pub enum PublishError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("refusing to write {path:?}: the path would leave the output folder")]
    UnsafePath { path: String },
    #[error("{}: the output must be a folder, not a file", path.display())]
    NotAFolder { path: PathBuf },
}

/// Writes `pages` as the new content of `output`, replacing what was there atomically.
pub fn publish(pages: &[Page], output: &Path) -> Result<(), PublishError> {
    if output.exists() && !output.is_dir() {
        return Err(PublishError::NotAFolder {
            path: output.to_path_buf(),
        });
    }
    for page in pages {
        check_relative(&page.path)?;
    }
    let staging = staging_path(output);
    remove_if_present(&staging)?;
    let result = write_tree(pages, &staging).and_then(|()| swap_in(&staging, output));
    if result.is_err() {
        // Best effort: the old site is intact either way; a stale staging folder is
        // removed by the next build.
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

/// `public/` → `.public.gazette-staging` beside it (same file system, so renames work).
fn staging_path(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.gazette-staging"))
}

/// Only plain relative paths (`a/b.html`): no root, no `..`, no empty segment.
fn check_relative(path: &str) -> Result<(), PublishError> {
    let is_safe = !path.is_empty()
        && !path.contains('\\')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if is_safe {
        Ok(())
    } else {
        Err(PublishError::UnsafePath {
            path: path.to_string(),
        })
    }
}

fn write_tree(pages: &[Page], root: &Path) -> Result<(), PublishError> {
    let folders: BTreeSet<PathBuf> = pages
        .iter()
        .filter_map(|p| Path::new(&p.path).parent().map(|parent| root.join(parent)))
        .chain(std::iter::once(root.to_path_buf()))
        .collect();
    for folder in &folders {
        std::fs::create_dir_all(folder).map_err(|source| PublishError::Io {
            path: folder.clone(),
            source,
        })?;
    }
    pages.par_iter().try_for_each(|page| {
        let path = root.join(&page.path);
        std::fs::write(&path, &page.bytes).map_err(|source| PublishError::Io { path, source })
    })
}

/// Puts `staging` where `output` is. The old tree ends up in `staging` and is removed.
fn swap_in(staging: &Path, output: &Path) -> Result<(), PublishError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| PublishError::Io { path, source }
    };
    if !output.exists() {
        return std::fs::rename(staging, output).map_err(io(output));
    }
    match exchange(staging, output) {
        Ok(()) => {}
        Err(_) => {
            // No atomic exchange here (not Linux, or the file system lacks it): move the
            // old tree aside first, so a failure in between still leaves one whole site.
            let aside = output.with_file_name(format!(
                "{}.gazette-old",
                staging
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            ));
            remove_if_present(&aside)?;
            std::fs::rename(output, &aside).map_err(io(output))?;
            std::fs::rename(staging, output).map_err(io(output))?;
            std::fs::rename(&aside, staging).map_err(io(staging))?;
        }
    }
    remove_if_present(staging)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

fn remove_if_present(path: &Path) -> Result<(), PublishError> {
    match std::fs::remove_dir_all(path) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(PublishError::Io {
            path: path.to_path_buf(),
            source: err,
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> Page {
        Page {
            path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn writes_then_replaces_the_whole_tree() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        publish(
            &[page("index.html", "one"), page("a/index.html", "a")],
            &out,
        )
        .expect("first");
        publish(&[page("index.html", "two")], &out).expect("second");
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("read"),
            "two"
        );
        assert!(!out.join("a").exists(), "old files must go");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("ls")
            .filter_map(Result::ok)
            .collect();
        assert_eq!(leftovers.len(), 1, "no staging folder left: {leftovers:?}");
    }

    #[test]
    fn refuses_paths_that_leave_the_output() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        for bad in ["../x.html", "/etc/passwd", "a/../../b", "", "a\\..\\b"] {
            let err = publish(&[page(bad, "x")], &out).expect_err(bad);
            assert!(
                matches!(err, PublishError::UnsafePath { .. }),
                "{bad}: {err}"
            );
        }
        assert!(!out.exists());
    }
}
