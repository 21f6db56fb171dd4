//! Watching the site's sources and saying what changed, in the session's terms.
//!
//! Watches `seeds/`, `themes/`, `templates/` and `static/` (recursively) and the site
//! folder itself (not recursively, for `config.toml` and for source folders created
//! later) through `notify`, and gathers a burst of events (an editor's write, rename and
//! chmod) into one change once the sources have been quiet for [`DEBOUNCE`]. Reads are
//! not changes: access events (a rebuild opening the seeds) are dropped, or every
//! rebuild would start the next. It never watches the output folder. Turning paths into
//! [`Changes`] is a pure function, [`classify`]; this module rebuilds nothing.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::seed::SeedFormat;
use crate::session::Changes;

/// How long the sources must be quiet before a rebuild starts: long enough to gather an
/// editor's write-rename-chmod into one change (a vim save, watched with inotify on a
/// busy machine, spans 9 ms from open to its last chmod), short enough not to be noticed. Every rebuild waits this long,
/// so it is a latency the user sees: 20 ms leaves a rebuild among 10,000 stories most of
/// a 100 ms budget. A burst with a longer pause in it (a slow copy into `seeds/`) is
/// rebuilt twice, which is safe: each rebuild reads the files as they are then, and a
/// file whose bytes did not change is not parsed again.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// A burst of changes longer than this is rebuilt anyway (a long copy into seeds/).
const LONGEST_BURST: Duration = Duration::from_secs(1);

/// The folders whose files a rebuild reads.
const WATCHED: [&str; 4] = ["seeds", "themes", "templates", "static"];

/// Watches one site folder.
pub struct Watcher {
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    watched: Vec<&'static str>,
}

/// What a wait for changes brought.
pub enum Heard {
    Changes(Changes),
    /// The watcher reported a problem (a folder vanished, too many files …).
    Trouble(String),
    Quiet,
    Closed,
}

impl Watcher {
    /// Starts watching `root` (made absolute, so event paths can be matched to it).
    pub fn start(root: &Path) -> Result<Watcher, notify::Error> {
        let root = root.canonicalize().map_err(notify::Error::io)?;
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(sender)?;
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        let mut watcher = Watcher {
            root,
            watcher,
            events,
            watched: Vec::new(),
        };
        watcher.watch_new_folders()?;
        Ok(watcher)
    }

    /// Adds a recursive watch for each source folder that exists and is not watched yet.
    fn watch_new_folders(&mut self) -> Result<(), notify::Error> {
        for name in WATCHED {
            let folder = self.root.join(name);
            if !self.watched.contains(&name) && folder.is_dir() {
                self.watcher.watch(&folder, RecursiveMode::Recursive)?;
                self.watched.push(name);
            }
        }
        Ok(())
    }

    /// Waits up to `timeout` for a change, then gathers what follows until the sources
    /// are quiet for [`DEBOUNCE`].
    pub fn wait(&mut self, timeout: Duration) -> Heard {
        let mut changes = Changes::default();
        let mut deadline = Instant::now() + timeout;
        let mut burst_ends = None;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let event = match self.events.recv_timeout(left) {
                Ok(Ok(event)) => event,
                Ok(Err(err)) => return Heard::Trouble(err.to_string()),
                Err(RecvTimeoutError::Disconnected) => return Heard::Closed,
                Err(RecvTimeoutError::Timeout) if changes.is_empty() => return Heard::Quiet,
                Err(RecvTimeoutError::Timeout) => break,
            };
            if !is_a_change(&event.kind) {
                continue;
            }
            for path in &event.paths {
                changes.merge(classify(&self.root, path));
            }
            if !changes.is_empty() {
                let now = Instant::now();
                let ends = *burst_ends.get_or_insert(now + LONGEST_BURST);
                deadline = (now + DEBOUNCE).min(ends);
            }
        }
        if let Err(err) = self.watch_new_folders() {
            return Heard::Trouble(err.to_string());
        }
        Heard::Changes(changes)
    }
}

/// Writes, creations, removals and renames change the site; reads and metadata do not.
fn is_a_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Any
        | EventKind::Create(_)
        | EventKind::Modify(_)
        | EventKind::Remove(_)
        | EventKind::Other => true,
    }
}

/// What a change at `path` (absolute, under `root`) means for the site.
pub fn classify(root: &Path, path: &Path) -> Changes {
    let mut changes = Changes::default();
    let Ok(relative) = path.strip_prefix(root) else {
        return changes;
    };
    let parts: Vec<String> = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    // Editors keep swap and backup files beside what they edit, hidden: not sources.
    if parts.iter().any(|p| p.starts_with('.')) {
        return changes;
    }
    match parts.first().map(String::as_str) {
        Some("config.toml") if parts.len() == 1 => changes.config = true,
        Some("themes" | "templates" | "static") => changes.theme = true,
        Some("seeds") => {
            let rest = parts[1..].join("/");
            let extension = Path::new(&rest).extension().and_then(|e| e.to_str());
            match extension {
                Some(ext) if SeedFormat::from_extension(ext).is_some() && !path.is_dir() => {
                    changes.seeds.insert(rest);
                }
                // Another kind of file (`notes.rtf`, `story.md~`): not a seed.
                Some(_) if !path.is_dir() => {}
                // A folder (made, moved or removed) or the seeds folder itself: the
                // seeds under it are not named one by one, so read them all again.
                _ => changes.all_seeds = true,
            }
        }
        _ => {}
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_changes() {
        let root = Path::new("/site");
        let at = |p: &str| classify(root, &root.join(p));
        assert!(at("config.toml").config);
        assert!(at("templates/partials/fact_box.html").theme);
        assert!(at("themes/wire/static/style.css").theme);
        assert!(at("static/logo.png").theme);
        assert_eq!(at("seeds/city/a.md"), Changes::seed("city/a.md"));
        assert!(at("seeds/city").all_seeds, "a folder");
        assert!(at("seeds").all_seeds);
        assert!(at("seeds/city/notes.rtf").is_empty());
        assert!(at("seeds/city/.a.md.swp").is_empty());
        assert!(at("seeds/city/a.md~").is_empty());
        assert!(at("public/index.html").is_empty());
        assert!(at("target/debug/x").is_empty());
        assert!(classify(root, Path::new("/elsewhere/config.toml")).is_empty());
    }
}
