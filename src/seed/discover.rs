//! Finding seed files: every `*.txt` and `*.md` under `seeds/`, at any depth, sorted.
//!
//! This is the only place seeds are read from disk. Hidden files and folders (name
//! starting with `.`) are skipped, as editors leave swap files there; folders whose name
//! ends in `.txt` are folders, not seeds. Order is by path, byte-wise, so it never
//! depends on the file system.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

use super::{SeedError, SeedFormat, SeedProblem, SeedWarning};

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
        display_path(&self.relative_path)
    }
}

fn display_path(relative: &str) -> String {
    format!("seeds/{relative}")
}

/// Everything discovery found: seeds that could be read, problems that fail the build,
/// and oddities worth a warning (a symlink loop, a seed deleted while the build ran).
#[derive(Debug, Default)]
pub struct Discovery {
    pub seeds: Vec<SeedFile>,
    pub problems: Vec<SeedProblem>,
    pub warnings: Vec<SeedWarning>,
}

/// Reads every seed under `seeds_dir`, reporting all problems rather than the first.
pub fn discover(seeds_dir: &Path) -> Discovery {
    let listing = list(seeds_dir);
    let mut found = Discovery {
        seeds: Vec::with_capacity(listing.seeds.len()),
        problems: listing.problems,
        warnings: listing.warnings,
    };
    for seed in listing.seeds {
        match seed.read() {
            Ok(Some(file)) => found.seeds.push(file),
            Ok(None) => found.warnings.push(seed.vanished()),
            Err(problem) => found.problems.push(problem),
        }
    }
    found
}

/// Every seed under `seeds/`, listed but not read: a build reads each one just before
/// parsing it, so the whole digest's text is never held twice.
#[derive(Debug, Default)]
pub struct Listing {
    /// Sorted by path.
    pub seeds: Vec<ListedSeed>,
    pub problems: Vec<SeedProblem>,
    pub warnings: Vec<SeedWarning>,
}

/// A seed file found on disk, with what tells whether it changed.
#[derive(Debug, Clone)]
pub struct ListedSeed {
    pub path: PathBuf,
    /// Path relative to `seeds/`, `/`-separated.
    pub relative_path: String,
    pub format: SeedFormat,
    /// Size, modification and change times (ns) and inode: any write changes one.
    pub stamp: (u64, i128, i128, u64),
}

impl ListedSeed {
    /// Reads the seed; `Ok(None)` when it vanished since it was listed.
    pub fn read(&self) -> Result<Option<SeedFile>, SeedProblem> {
        read_seed(&self.path, self.relative_path.clone(), self.format)
    }

    /// The warning for a seed deleted between listing and reading.
    pub fn vanished(&self) -> SeedWarning {
        vanished(&self.relative_path)
    }
}

/// Lists every seed under `seeds_dir` (`*.txt`, `*.md`, at any depth, hidden ones
/// skipped), sorted by path, reporting all problems rather than the first.
pub fn list(seeds_dir: &Path) -> Listing {
    let mut found = Listing::default();
    // The walk itself is one thread's; looking at each seed (a `stat` by path, slow in
    // a big tree) happens on every core, and the answers are taken in walk order.
    let mut walked: Vec<Walked> = Vec::new();
    let walker = WalkDir::new(seeds_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                walked.push(Err(err));
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
        walked.push(Ok((entry, format)));
    }
    let looked: Vec<Looked> = walked
        .into_par_iter()
        .map(|walked| look_at(seeds_dir, walked))
        .collect();
    for looked in looked {
        match looked {
            Looked::Seed(seed) => found.seeds.push(seed),
            Looked::Vanished(warning) => found.warnings.push(warning),
            Looked::Failed(err) => record_walk_error(seeds_dir, &err, &mut found),
        }
    }
    // walkdir sorts siblings; sorting whole paths makes the order independent of how
    // folder and file names interleave (`a/b.txt` vs `a-c.txt`).
    found
        .seeds
        .sort_by(|a, b| a.relative_path.cmp(&b.relative_path));
    found
}

/// What the walk of `seeds/` met: a seed to look at, or an error.
type Walked = Result<(walkdir::DirEntry, SeedFormat), walkdir::Error>;

/// A walked seed once looked at.
enum Looked {
    Seed(ListedSeed),
    Vanished(SeedWarning),
    Failed(walkdir::Error),
}

fn look_at(seeds_dir: &Path, walked: Walked) -> Looked {
    let (entry, format) = match walked {
        Ok(seed) => seed,
        Err(err) => return Looked::Failed(err),
    };
    let relative_path = relative_display(seeds_dir, entry.path());
    match entry.metadata() {
        Ok(meta) => Looked::Seed(ListedSeed {
            path: entry.into_path(),
            relative_path,
            format,
            stamp: stamp(&meta),
        }),
        Err(err)
            if err.io_error().map(std::io::Error::kind) == Some(std::io::ErrorKind::NotFound) =>
        {
            Looked::Vanished(vanished(&relative_path))
        }
        Err(err) => Looked::Failed(err),
    }
}

/// The warning for a seed deleted while the build ran.
fn vanished(relative_path: &str) -> SeedWarning {
    SeedWarning {
        path: display_path(relative_path),
        line: None,
        message: "was deleted while the build ran; skipped".to_string(),
    }
}

fn stamp(meta: &std::fs::Metadata) -> (u64, i128, i128, u64) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        (
            meta.len(),
            ns(meta.mtime(), meta.mtime_nsec()),
            ns(meta.ctime(), meta.ctime_nsec()),
            meta.ino(),
        )
    }
    #[cfg(not(unix))]
    {
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        (meta.len(), modified, 0, 0)
    }
}

/// Reads one seed; `Ok(None)` when it vanished between listing and reading.
pub fn read_seed(
    path: &Path,
    relative_path: String,
    format: SeedFormat,
) -> Result<Option<SeedFile>, SeedProblem> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(SeedFile {
            relative_path,
            format,
            bytes,
        })),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(SeedProblem {
            path: display_path(&relative_path),
            error: SeedError::Read(err),
        }),
    }
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

/// A symlink loop is skipped with a warning (its files are reached the other way); any
/// other walk error, such as a broken link or an unreadable folder, fails the build.
fn record_walk_error(seeds_dir: &Path, err: &walkdir::Error, found: &mut Listing) {
    let path = err
        .path()
        .map(|p| display_path(&relative_display(seeds_dir, p)))
        .unwrap_or_else(|| "seeds".to_string());
    if let Some(ancestor) = err.loop_ancestor() {
        found.warnings.push(SeedWarning {
            path,
            line: None,
            message: format!(
                "symbolic link loop back to {}; skipped (remove the link)",
                ancestor.display()
            ),
        });
        return;
    }
    let io = err.io_error().map_or_else(
        || std::io::Error::other(err.to_string()),
        |io| std::io::Error::new(io.kind(), io.to_string()),
    );
    let io = if io.kind() == std::io::ErrorKind::NotFound {
        std::io::Error::new(
            io.kind(),
            "a symbolic link to a file that does not exist; fix or remove the link",
        )
    } else {
        io
    };
    found.problems.push(SeedProblem {
        path,
        error: SeedError::Read(io),
    });
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
        let found = discover(root);
        assert!(
            found.problems.is_empty() && found.warnings.is_empty(),
            "{found:?}"
        );
        let paths: Vec<_> = found
            .seeds
            .iter()
            .map(|s| s.relative_path.as_str())
            .collect();
        assert_eq!(paths, ["a/b/c.txt", "a/z.md", "b.txt"]);
    }

    #[test]
    fn a_seed_that_vanished_is_skipped_not_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let gone = read_seed(
            &dir.path().join("gone.txt"),
            "gone.txt".to_string(),
            SeedFormat::PlainText,
        );
        assert!(matches!(gone, Ok(None)));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_warn_and_broken_links_fail() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("a")).expect("mkdir");
        std::fs::write(root.join("a/story.txt"), "Headline\n").expect("write");
        std::os::unix::fs::symlink(root, root.join("a/loop")).expect("symlink");
        std::os::unix::fs::symlink(root.join("missing.txt"), root.join("broken.txt"))
            .expect("symlink");
        let found = discover(root);
        assert_eq!(found.seeds.len(), 1);
        assert_eq!(found.warnings.len(), 1, "{:?}", found.warnings);
        assert!(found.warnings[0].message.contains("symbolic link loop"));
        assert_eq!(found.problems.len(), 1, "{:?}", found.problems);
        assert!(
            found.problems[0]
                .to_string()
                .starts_with("seeds/broken.txt: could not read the file: a symbolic link"),
            "{}",
            found.problems[0]
        );
    }
}
