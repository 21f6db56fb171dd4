//! Finding seed files: every `*.txt` and `*.md` under `seeds/`, at any depth, sorted.
//!
//! This is the only place seeds are read from disk. Hidden files and folders (name
//! starting with `.`) are skipped, as editors leave swap files there. Order is by path,
//! byte-wise, so it never depends on the file system.

use std::path::Path;
use walkdir::WalkDir;

use super::{SeedError, SeedFormat, SeedProblem};

/// One seed as found on disk: where it is and what it holds. Nothing is parsed yet.
#[derive(Debug, Clone)]
pub struct SeedFile {
    /// Path relative to `seeds/`, `/`-separated: `business/deal.txt`.
    pub relative_path: String,
    pub format: SeedFormat,
    pub bytes: Vec<u8>,
}

impl SeedFile {
    /// The path as the user knows it, for messages: `seeds/business/deal.txt`.
    pub fn display_path(&self) -> String {
        format!("seeds/{}", self.relative_path)
    }
}

/// Reads every seed under `seeds_dir`. Problems (unreadable files, loops) are returned
/// beside the seeds that could be read, so a build can report them all at once.
pub fn discover(seeds_dir: &Path) -> (Vec<SeedFile>, Vec<SeedProblem>) {
    let mut seeds = Vec::new();
    let mut problems = Vec::new();
    let walker = WalkDir::new(seeds_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                problems.push(walk_problem(seeds_dir, &err));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Some(format) = entry
            .path()
            .extension()
            .and_then(|ext| ext.to_str())
            .and_then(SeedFormat::from_extension)
        else {
            continue;
        };
        let relative_path = relative_display(seeds_dir, entry.path());
        match std::fs::read(entry.path()) {
            Ok(bytes) => seeds.push(SeedFile {
                relative_path,
                format,
                bytes,
            }),
            Err(err) => problems.push(SeedProblem {
                path: format!("seeds/{relative_path}"),
                error: SeedError::Read(err),
            }),
        }
    }
    // walkdir sorts siblings; sorting whole paths makes the order independent of how
    // folder and file names interleave (`a/b.txt` vs `a-c.txt`).
    seeds.sort_by(|a, b| a.relative_path.cmp(&b.relative_path));
    (seeds, problems)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn relative_display(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn walk_problem(seeds_dir: &Path, err: &walkdir::Error) -> SeedProblem {
    let path = err
        .path()
        .map(|p| format!("seeds/{}", relative_display(seeds_dir, p)))
        .unwrap_or_else(|| "seeds".to_string());
    let io = match err.loop_ancestor() {
        Some(ancestor) => std::io::Error::other(format!(
            "symbolic link loop back to {}; remove the link",
            ancestor.display()
        )),
        None => std::io::Error::other(err.to_string()),
    };
    SeedProblem {
        path,
        error: SeedError::Read(io),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_seeds_at_any_depth_sorted_and_skips_hidden() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        for path in [
            "b.txt",
            "a/z.md",
            "a/b/c.txt",
            ".hidden/x.txt",
            "a/.swap.md",
            "notes.rtf",
        ] {
            let full = root.join(path);
            std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
            std::fs::write(full, "Headline\n").expect("write");
        }
        std::fs::create_dir_all(root.join("folder.txt")).expect("mkdir");
        let (seeds, problems) = discover(root);
        assert!(problems.is_empty(), "{problems:?}");
        let paths: Vec<_> = seeds.iter().map(|s| s.relative_path.as_str()).collect();
        assert_eq!(paths, ["a/b/c.txt", "a/z.md", "b.txt"]);
    }
}
