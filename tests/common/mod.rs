//! Shared helpers for the integration tests: a throwaway site folder to build in.
#![allow(dead_code)] // each test file uses a different part of this module

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gazette::{BuildError, BuildOptions, BuildReport};

pub const MINIMAL_CONFIG: &str = "title = \"Test Digest\"\nbase_url = \"https://example.org/\"\n";

/// A site in a temporary folder; removed when dropped.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// An empty site with a minimal config.toml and an empty seeds/ folder.
    pub fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().expect("tempdir"),
        };
        site.write("config.toml", MINIMAL_CONFIG);
        std::fs::create_dir_all(site.root().join("seeds")).expect("seeds dir");
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, contents).expect("write");
    }

    pub fn build(&self) -> Result<BuildReport, BuildError> {
        gazette::build(&self.options())
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root().to_path_buf(),
            output: None,
            base_url: None,
            drafts: false,
            now: None,
        }
    }

    /// Reads a file of the built site as text.
    pub fn read(&self, relative: &str) -> String {
        let path = self.public().join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn feed_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.read("feed.json")).expect("feed.json is JSON")
    }
}

/// Every file under `root`, by relative path, with its bytes.
pub fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(root)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            (relative, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// The shared real seed, if this checkout has `../shared/seeds/` beside it.
pub fn shared_seed() -> Option<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let entry = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .min_by_key(|e| e.file_name())?;
    let bytes = std::fs::read(entry.path()).ok()?;
    Some((entry.file_name().to_string_lossy().into_owned(), bytes))
}

/// Says loudly that a test could not run its real-data part.
pub fn skipped(what: &str) {
    eprintln!("\n*** SKIPPED: {what}: ../shared/seeds/ not found beside the checkout ***\n");
}

/// Lays out the repository's sample digest at `root` (its config.toml and seeds/), with
/// `theme` picked in config.toml the way a user switches: one line.
pub fn write_sample_site(root: &Path, theme: &str) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = std::fs::read_to_string(repo.join("config.toml")).expect("config.toml");
    let switched: String = config
        .lines()
        .map(|line| {
            if line.starts_with("theme = ") {
                format!("theme = \"{theme}\"\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    assert!(
        switched.contains(&format!("theme = \"{theme}\"")),
        "config.toml names a theme"
    );
    std::fs::create_dir_all(root).expect("site dir");
    std::fs::write(root.join("config.toml"), switched).expect("write config");
    let seeds = repo.join("seeds");
    for entry in walkdir::WalkDir::new(&seeds) {
        let entry = entry.expect("walk seeds");
        let target = root
            .join("seeds")
            .join(entry.path().strip_prefix(&seeds).expect("prefix"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Writes `(relative path, text)` files under `root`, making folders as needed.
pub fn write_files(root: &Path, files: &[(&str, String)]) {
    for (relative, text) in files {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}
