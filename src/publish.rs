//! Publishing: writing the rendered site to the output folder, all or nothing, without
//! rewriting what did not change and without deleting a whole tree.
//!
//! Beside the output (`public/`) lives gazette's working folder for it
//! (`.public.gazette/`), which holds the spare tree (`spare/`). Pages are written into the
//! spare as they render ([`Staging::put`], safe to call from many threads), then the
//! spare is swapped in with one atomic `renameat2(RENAME_EXCHANGE)` where the system has
//! it (three renames where it does not). The tree that was `public/` becomes the spare
//! and the next build brings it up to date instead of deleting it: deleting a tree of ten
//! thousand files costs more than writing it on most file systems.
//!
//! Bringing the spare up to date, page by page:
//! - bytes the same as in `public/`: the spare gets a hard link to `public/`'s file, so
//!   nothing is written and the file keeps its inode and modification time when swapped in;
//! - bytes the spare already holds (a site built two builds ago): kept as they are;
//! - anything else: written, over the spare's own copy when no other name shares it.
//!
//! Files of the spare that the new site no longer has are removed. When every page is
//! the same as in `public/` and `public/` holds nothing else, nothing is swapped: the
//! build leaves `public/` exactly as it was. A failed or killed build therefore never
//! touches `public/`; the spare it leaves half made is checked byte for byte next time.
//! This module never writes outside the output folder's parent, and refuses page paths
//! that would leave the output folder. It does not decide what the pages are.

use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
#[cfg(not(unix))]
use std::fs::OpenOptions;
use std::fs::{File, Metadata};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use thiserror::Error;

use crate::render::{Page, WriteFn};

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
    #[error(
        "{path:?} was produced twice, or as both a file and a folder (a theme file and a page with the same path?)"
    )]
    Duplicate { path: String },
    #[error("{}: the output must be a folder, not a file", path.display())]
    NotAFolder { path: PathBuf },
}

/// What publishing did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Published {
    /// Files in the new site.
    pub files: usize,
    /// Files whose bytes were written; the others were linked or kept.
    pub written: usize,
    /// Whether `public/` was replaced; `false` when the new site is byte for byte the old.
    pub swapped: bool,
    /// Time spent in [`Staging::put`], summed over the threads that called it.
    pub writing: Duration,
    /// Every entry of the new `public/` with what a look at it gives, in the order of a
    /// walk by file name (the folder itself first), as [`Staging::finish`] left it; for
    /// the last build's record, which would otherwise walk the whole tree again. `None`
    /// when nothing was swapped.
    pub survey: Option<Vec<(PathBuf, EntryLook)>>,
}

/// What a look at one entry of the output gives: enough to tell whether anyone has
/// changed it since (see `last_build`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EntryLook {
    pub is_dir: bool,
    pub len: u64,
    /// Modification time, in nanoseconds since 1970.
    pub modified: u128,
    pub inode: u64,
}

impl EntryLook {
    /// `None` for a modification time before 1970 or one the system cannot give.
    pub fn of(meta: &Metadata) -> Option<EntryLook> {
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        Some(EntryLook {
            is_dir: meta.is_dir(),
            len: meta.len(),
            modified: modified.as_nanos(),
            inode: inode(meta),
        })
    }
}

/// Writes `pages` as the new content of `output`, replacing what was there atomically.
pub fn publish(pages: &[Page], output: &Path) -> Result<Published, PublishError> {
    let staging = Staging::open(output)?;
    for page in pages {
        staging.put(&page.path, &page.bytes)?;
    }
    staging.finish()
}

/// gazette's working folder for `output`: `public/` → `.public.gazette` beside it (same
/// file system, so renames work). Nothing but gazette writes there.
pub fn working_folder(output: &Path) -> PathBuf {
    output.with_file_name(format!(".{}.gazette", output_name(output)))
}

fn output_name(output: &Path) -> String {
    output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
}

/// The new site being written into the spare tree.
#[derive(Debug)]
pub struct Staging {
    output: Tree,
    spare: Tree,
    /// Whether `output` held a site when publishing started.
    replacing: bool,
    /// What to remove if the build fails: what this build created, nothing it found.
    created_spare: bool,
    created_working_folder: bool,
    /// Folders (relative, `/`-separated) known to be real folders in the spare.
    folders: Mutex<HashSet<String>>,
    /// Every path put so far, with a look at its file once it is in place (`None` when
    /// the file could not be looked at, which only costs the survey).
    paths: Mutex<HashMap<String, Option<EntryLook>>>,
    written: AtomicUsize,
    /// Whether some page differs from `output`'s file at its path.
    differs: AtomicBool,
    writing_nanos: AtomicU64,
    finished: bool,
}

impl Staging {
    /// Gets the spare tree ready: reuses the one the last build left, or starts one.
    pub fn open(output: &Path) -> Result<Staging, PublishError> {
        if output.exists() && !output.is_dir() {
            return Err(PublishError::NotAFolder {
                path: output.to_path_buf(),
            });
        }
        let working = working_folder(output);
        let created_working_folder = !working.is_dir();
        recover_interrupted_swap(output, &working)?;
        // The staging folder of gazette before the spare tree: only a killed build
        // leaves it.
        remove_if_present(
            &output.with_file_name(format!(".{}.gazette-staging", output_name(output))),
        )?;
        make_real_folder(&working)?;
        let spare = working.join("spare");
        let created_spare = !is_real_folder(&spare);
        make_real_folder(&spare)?;
        Ok(Staging {
            replacing: output.is_dir(),
            output: Tree::new(output.to_path_buf()),
            spare: Tree::new(spare),
            created_spare,
            created_working_folder,
            folders: Mutex::new(HashSet::new()),
            paths: Mutex::new(HashMap::new()),
            written: AtomicUsize::new(0),
            differs: AtomicBool::new(false),
            writing_nanos: AtomicU64::new(0),
            finished: false,
        })
    }

    /// Puts one file of the new site into the spare tree (see the module's notes).
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), PublishError> {
        self.put_content(path, Content::Bytes(bytes))
    }

    /// Puts a file too big to hold in memory: `write` writes its bytes, and is called
    /// once to compare them with `public/`'s file (stopping at the first difference) and
    /// once more to write them when they differ. It must write the same bytes each time.
    pub fn put_stream(&self, path: &str, write: &WriteFn<'_>) -> Result<(), PublishError> {
        self.put_content(path, Content::Stream(write))
    }

    fn put_content(&self, path: &str, content: Content<'_>) -> Result<(), PublishError> {
        let started = Instant::now();
        check_relative(path)?;
        let duplicate = || PublishError::Duplicate {
            path: path.to_string(),
        };
        if crate::locked(&self.paths)
            .insert(path.to_string(), None)
            .is_some()
            || crate::locked(&self.folders).contains(path)
        {
            return Err(duplicate());
        }
        if let Some((folder, _)) = path.rsplit_once('/') {
            self.ensure_folder(folder)?;
        }
        let spare = self.spare.at(path);
        let io = |source| PublishError::Io {
            path: spare.path(),
            source,
        };
        let current_meta = if self.replacing {
            content.copy_at(self.output.at(path))
        } else {
            None
        };
        let look = match current_meta {
            Some(current_meta) => {
                let target = spare.path();
                let target_meta = std::fs::symlink_metadata(&target).ok();
                let linked = target_meta
                    .as_ref()
                    .is_some_and(|meta| same_file(meta, &current_meta));
                if !linked {
                    clear(&target, target_meta.as_ref()).map_err(io)?;
                    if self.output.at(path).link_to(spare).is_err() {
                        // A file system without hard links: the bytes are written instead.
                        let written = content.write_new(spare).map_err(io)?;
                        self.written.fetch_add(1, Ordering::Relaxed);
                        return self.done(path, started, EntryLook::of(&written));
                    }
                }
                // A link shares the file, and with it the size, time and inode.
                EntryLook::of(&current_meta)
            }
            None => {
                self.differs.store(true, Ordering::Relaxed);
                let (meta, wrote) = content.put_over(spare).map_err(io)?;
                if wrote {
                    self.written.fetch_add(1, Ordering::Relaxed);
                }
                EntryLook::of(&meta)
            }
        };
        self.done(path, started, look)
    }

    /// Notes the look at a file put in place, and the time it took.
    fn done(
        &self,
        path: &str,
        started: Instant,
        look: Option<EntryLook>,
    ) -> Result<(), PublishError> {
        if let Some(slot) = crate::locked(&self.paths).get_mut(path) {
            *slot = look;
        }
        let took = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.writing_nanos.fetch_add(took, Ordering::Relaxed);
        Ok(())
    }

    /// Makes `folder` (relative to the spare) and its parents real folders: a file or a
    /// symbolic link in the way is removed, so nothing is ever written through a link.
    fn ensure_folder(&self, folder: &str) -> Result<(), PublishError> {
        // Held while creating: two threads must not both clear the same path.
        let mut known = crate::locked(&self.folders);
        let mut prefix_end = 0;
        for (index, part) in folder.split('/').enumerate() {
            prefix_end += part.len() + usize::from(index > 0);
            let prefix = &folder[..prefix_end];
            if known.contains(prefix) {
                continue;
            }
            if crate::locked(&self.paths).contains_key(prefix) {
                return Err(PublishError::Duplicate {
                    path: prefix.to_string(),
                });
            }
            // Mostly there already, from the build before last: looked at from the
            // spare's handle first.
            if !self.spare.at(prefix).is_real_folder() {
                make_real_folder(&self.spare.at(prefix).path())?;
            }
            known.insert(prefix.to_string());
        }
        Ok(())
    }

    /// Removes what the new site no longer has from the spare, then swaps the spare in,
    /// unless `output` already is the new site byte for byte.
    pub fn finish(mut self) -> Result<Published, PublishError> {
        self.finished = true;
        let paths = std::mem::take(&mut *crate::locked(&self.paths));
        let folders = std::mem::take(&mut *crate::locked(&self.folders));
        let mut survey = Vec::with_capacity(paths.len() + folders.len() + 1);
        let surveyed = remove_stale(
            &self.spare.path,
            &Survey {
                below: &self.output.path,
                relative: "",
            },
            &paths,
            &folders,
            &mut survey,
        )?;
        let published = |swapped, survey| Published {
            files: paths.len(),
            written: self.written.load(Ordering::Relaxed),
            swapped,
            writing: Duration::from_nanos(self.writing_nanos.load(Ordering::Relaxed)),
            survey,
        };
        let unchanged = self.replacing
            && !self.differs.load(Ordering::Relaxed)
            && count_entries(&self.output.path)? == (paths.len(), folders.len());
        if unchanged {
            return Ok(published(false, None));
        }
        swap_in(&self.spare.path, &self.output.path)?;
        // The output folder is looked at once in place: its own entry may change when it
        // moves.
        let root = std::fs::symlink_metadata(&self.output.path)
            .ok()
            .as_ref()
            .and_then(EntryLook::of);
        let survey = root.filter(|_| surveyed).map(|root| {
            survey.insert(0, (self.output.path.clone(), root));
            survey
        });
        Ok(published(true, survey))
    }
}

impl Drop for Staging {
    /// A build that failed leaves no folder behind that it created; a spare it found is
    /// kept for the next build (it is checked byte for byte then).
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        if self.created_spare {
            let _ = std::fs::remove_dir_all(&self.spare.path);
        }
        if self.created_working_folder {
            if let Some(working) = self.spare.path.parent() {
                let _ = std::fs::remove_dir(working);
            }
        }
    }
}

/// Only plain relative paths (`a/b.html`): no root, no `..`, no empty segment.
fn check_relative(path: &str) -> Result<(), PublishError> {
    let is_safe = !path.is_empty()
        && !path.contains('\\')
        && !path.split('/').any(str::is_empty)
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

fn is_real_folder(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|meta| meta.is_dir())
}

/// A folder at `path`, not a link to one: whatever else is there is removed first.
fn make_real_folder(path: &Path) -> Result<(), PublishError> {
    let io = |source| PublishError::Io {
        path: path.to_path_buf(),
        source,
    };
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => {
            std::fs::remove_file(path).map_err(io)?;
            std::fs::create_dir(path).map_err(io)
        }
        Err(_) => std::fs::create_dir(path).map_err(io),
    }
}

/// A file's bytes, held or written on demand.
#[derive(Clone, Copy)]
enum Content<'a> {
    Bytes(&'a [u8]),
    Stream(&'a WriteFn<'a>),
}

impl Content<'_> {
    /// A look at the file at `place` when it holds exactly these bytes. One open, then the
    /// open file is looked at and read until the first difference; a link, a folder or
    /// anything unreadable holds nothing.
    fn copy_at(self, place: Place<'_>) -> Option<Metadata> {
        let file = place.open(Access::Read).ok()?;
        let meta = file.metadata().ok()?;
        self.is_in(&file, &meta).then_some(meta)
    }

    /// Whether `file` (looked at: `meta`), read from its start, holds exactly these bytes.
    fn is_in(self, file: &File, meta: &Metadata) -> bool {
        if !meta.is_file() || matches!(self, Content::Bytes(b) if b.len() as u64 != meta.len()) {
            return false;
        }
        let mut same = SameBytes {
            file,
            buffer: Vec::new(),
            compared: 0,
            next_read: FIRST_COMPARE_READ,
            offset: 0,
        };
        let all_same = match self {
            Content::Bytes(bytes) => same.write_all(bytes).is_ok(),
            Content::Stream(write) => write(&mut same).is_ok(),
        };
        all_same && same.offset == meta.len()
    }

    /// Puts these bytes at `place` in the spare, with one open of the file already there:
    /// kept when it holds them (from the build before last; held bytes only, a stream is
    /// not made twice), written over when no other name shares it (its blocks are
    /// reused), else replaced by a new file. Gives back a look at the file and whether
    /// anything was written.
    fn put_over(self, place: Place<'_>) -> std::io::Result<(Metadata, bool)> {
        if let Ok(file) = place.open(Access::ReadWrite) {
            let meta = file.metadata()?;
            if matches!(self, Content::Bytes(_)) && self.is_in(&file, &meta) {
                return Ok((meta, false));
            }
            if meta.is_file() && link_count(&meta) == 1 {
                return Ok((self.overwrite(file, meta.len())?, true));
            }
        }
        let path = place.path();
        let meta = std::fs::symlink_metadata(&path).ok();
        clear(&path, meta.as_ref())?;
        Ok((self.write_new(place)?, true))
    }

    /// A new file (nothing may be at `place`); gives back a look at the file written.
    fn write_new(self, place: Place<'_>) -> std::io::Result<Metadata> {
        let file = place.open(Access::CreateNew)?;
        let (file, _) = self.write_to(file)?;
        file.metadata()
    }

    /// Writes over a file of `old_len` bytes that no other name shares: its blocks are
    /// reused, nothing is freed and allocated again (which is what makes deleting trees
    /// slow). Gives back a look at the file written.
    fn overwrite(self, mut file: File, old_len: u64) -> std::io::Result<Metadata> {
        file.seek(SeekFrom::Start(0))?;
        let (file, written) = self.write_to(file)?;
        // Only a shorter page leaves old bytes to cut: a truncate to the same length
        // still costs the file system a journal entry (about 55 ms over 15,000 pages).
        if written < old_len {
            file.set_len(written)?;
        }
        file.metadata()
    }

    /// Writes the bytes from the start of `file`; gives back the file and the length.
    fn write_to(self, mut file: File) -> std::io::Result<(File, u64)> {
        match self {
            Content::Bytes(bytes) => {
                file.write_all(bytes)?;
                Ok((file, bytes.len() as u64))
            }
            Content::Stream(write) => {
                let mut out = std::io::BufWriter::with_capacity(256 * 1024, file);
                let mut counted = Counted {
                    out: &mut out,
                    bytes: 0,
                };
                write(&mut counted)?;
                let written = counted.bytes;
                let file = out.into_inner().map_err(|err| err.into_error())?;
                Ok((file, written))
            }
        }
    }
}

/// The first read of a file being compared. Pages that differ mostly differ early (a new
/// base URL changes `<head>`), so the rest of the file is seldom read; the reads double
/// from here up to [`LAST_COMPARE_READ`] for a file that keeps matching.
const FIRST_COMPARE_READ: usize = 4 * 1024;
const LAST_COMPARE_READ: usize = 256 * 1024;

/// A writer that compares what it is given with a file, failing at the first difference.
struct SameBytes<'f> {
    file: &'f File,
    /// Bytes read from the file; those before `compared` have been matched.
    buffer: Vec<u8>,
    compared: usize,
    next_read: usize,
    /// Bytes matched so far.
    offset: u64,
}

impl Write for SameBytes<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let differs = || std::io::Error::other("differs");
        if bytes.is_empty() {
            return Ok(0);
        }
        if self.compared == self.buffer.len() {
            self.buffer.clear();
            self.compared = 0;
            self.buffer.resize(self.next_read, 0);
            let read = self.file.read(&mut self.buffer).inspect_err(|_| {
                // Nothing was read: the next call reads again (`write_all` retries when
                // a read was interrupted).
                self.buffer.clear();
            })?;
            self.buffer.truncate(read);
            self.next_read = (self.next_read * 2).min(LAST_COMPARE_READ);
            if read == 0 {
                // The file ends before the bytes do.
                return Err(differs());
            }
        }
        let unmatched = &self.buffer[self.compared..];
        let length = unmatched.len().min(bytes.len());
        if unmatched[..length] != bytes[..length] {
            return Err(differs());
        }
        self.compared += length;
        self.offset += length as u64;
        Ok(length)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Counts the bytes passed on to `out`.
struct Counted<'a, W: Write> {
    out: &'a mut W,
    bytes: u64,
}

impl<W: Write> Write for Counted<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(bytes)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &Metadata, _: &Metadata) -> bool {
    false
}

#[cfg(unix)]
pub(crate) fn inode(meta: &Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.ino()
}

#[cfg(not(unix))]
pub(crate) fn inode(_: &Metadata) -> u64 {
    0
}

#[cfg(unix)]
fn link_count(meta: &Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn link_count(_: &Metadata) -> u64 {
    // Unknown: never overwrite in place, the file might be shared.
    u64::MAX
}

/// A folder of the output's side, held open where the system allows: files below it
/// are opened by their path from it, so the kernel walks `slug/index.html` instead of
/// every name of `./.public.gazette/spare/slug/index.html` (path look-ups were about
/// 2.6% of a 10,000-story build's time).
#[derive(Debug)]
struct Tree {
    path: PathBuf,
    #[cfg(unix)]
    handle: Option<rustix::fd::OwnedFd>,
}

impl Tree {
    /// The folder at `path`; held open only when it is a real folder, not a link.
    fn new(path: PathBuf) -> Tree {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
            let handle = rustix::fs::openat(rustix::fs::CWD, &path, flags, Mode::empty()).ok();
            Tree { path, handle }
        }
        #[cfg(not(unix))]
        Tree { path }
    }

    /// The file or folder at `relative` (`a/b.html`) below this folder.
    fn at<'a>(&'a self, relative: &'a str) -> Place<'a> {
        Place {
            tree: self,
            relative,
        }
    }
}

/// A path below a [`Tree`].
#[derive(Debug, Clone, Copy)]
struct Place<'a> {
    tree: &'a Tree,
    relative: &'a str,
}

/// How a page's file is opened. Never through a link at its own name; non-blocking,
/// so a pipe in the way is opened and looked at, not waited on.
#[derive(Debug, Clone, Copy)]
enum Access {
    Read,
    ReadWrite,
    /// A new file; fails when anything is there.
    CreateNew,
}

impl Place<'_> {
    fn path(self) -> PathBuf {
        self.tree.path.join(self.relative)
    }

    /// Whether a folder, not a link to one, is here.
    fn is_real_folder(self) -> bool {
        #[cfg(unix)]
        if let Some(handle) = &self.tree.handle {
            use rustix::fs::{AtFlags, FileType};
            return rustix::fs::statat(handle, self.relative, AtFlags::SYMLINK_NOFOLLOW)
                .is_ok_and(|stat| FileType::from_raw_mode(stat.st_mode).is_dir());
        }
        is_real_folder(&self.path())
    }

    /// A hard link at `to` to the file here, from the held handles where both trees
    /// have one.
    fn link_to(self, to: Place<'_>) -> std::io::Result<()> {
        #[cfg(unix)]
        if let (Some(from_tree), Some(to_tree)) = (&self.tree.handle, &to.tree.handle) {
            use rustix::fs::AtFlags;
            return Ok(rustix::fs::linkat(
                from_tree,
                self.relative,
                to_tree,
                to.relative,
                AtFlags::empty(),
            )?);
        }
        std::fs::hard_link(self.path(), to.path())
    }

    #[cfg(unix)]
    fn open(self, access: Access) -> std::io::Result<File> {
        use rustix::fs::{Mode, OFlags};
        let flags = OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let (flags, mode) = match access {
            Access::Read => (flags | OFlags::RDONLY, Mode::empty()),
            Access::ReadWrite => (flags | OFlags::RDWR, Mode::empty()),
            // The mode `File::create` gives, less the process's umask.
            Access::CreateNew => (
                flags | OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL,
                Mode::from_raw_mode(0o666),
            ),
        };
        let opened = match &self.tree.handle {
            Some(handle) => rustix::fs::openat(handle, self.relative, flags, mode),
            None => rustix::fs::openat(rustix::fs::CWD, self.path(), flags, mode),
        };
        Ok(File::from(opened?))
    }

    #[cfg(not(unix))]
    fn open(self, access: Access) -> std::io::Result<File> {
        let mut options = OpenOptions::new();
        match access {
            Access::Read => options.read(true),
            Access::ReadWrite => options.read(true).write(true),
            Access::CreateNew => options.write(true).create_new(true),
        };
        options.open(self.path())
    }
}

/// Makes room at `path` for a new file: removes the file, link or folder there.
fn clear(path: &Path, meta: Option<&Metadata>) -> std::io::Result<()> {
    match meta {
        None => Ok(()),
        Some(meta) if meta.is_dir() => std::fs::remove_dir_all(path),
        Some(_) => std::fs::remove_file(path),
    }
}

/// Where a folder of the spare will be once swapped in: `below` (a path under the
/// output), at `relative` (`/`-separated, from the output).
struct Survey<'a> {
    below: &'a Path,
    relative: &'a str,
}

/// Removes from `folder` (the spare, or one of its folders) every file and folder the new
/// site does not have, and appends what is left to `survey`, in the order of a walk by
/// file name, with the paths it will have in the output. Folders are looked at once
/// their stale entries are gone; files, as they were put. Whether every entry could be
/// looked at is the answer.
fn remove_stale(
    folder: &Path,
    at: &Survey<'_>,
    paths: &HashMap<String, Option<EntryLook>>,
    folders: &HashSet<String>,
    survey: &mut Vec<(PathBuf, EntryLook)>,
) -> Result<bool, PublishError> {
    let entries = entries_in_name_order(folder).map_err(|source| PublishError::Io {
        path: folder.to_path_buf(),
        source,
    })?;
    if entries.len() < SPLIT_FROM {
        let mut whole = true;
        for entry in &entries {
            whole &= remove_stale_at(entry, at, paths, folders, survey)?;
        }
        return Ok(whole);
    }
    // A big folder (the site's root holds a folder per story) is walked on every core:
    // the walk is the one part of publishing left at the end of a build. Each entry's
    // part of the survey is made apart and joined in name order.
    let parts = entries
        .par_iter()
        .map(|entry| {
            let mut part = Vec::new();
            remove_stale_at(entry, at, paths, folders, &mut part).map(|whole| (whole, part))
        })
        .collect::<Result<Vec<_>, PublishError>>()?;
    let mut whole = true;
    for (part_whole, part) in parts {
        whole &= part_whole;
        survey.extend(part);
    }
    Ok(whole)
}

/// Folders with at least this many entries are walked in parallel.
const SPLIT_FROM: usize = 256;

/// [`remove_stale`] for one entry of the folder: removed when the new site does not
/// have it, surveyed (a folder after its own stale entries are gone) when it does.
fn remove_stale_at(
    entry: &std::fs::DirEntry,
    at: &Survey<'_>,
    paths: &HashMap<String, Option<EntryLook>>,
    folders: &HashSet<String>,
    survey: &mut Vec<(PathBuf, EntryLook)>,
) -> Result<bool, PublishError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| PublishError::Io { path, source }
    };
    let name = entry.file_name();
    let name_text = name.to_string_lossy();
    let child = if at.relative.is_empty() {
        name_text.into_owned()
    } else {
        format!("{}/{name_text}", at.relative)
    };
    let path = entry.path();
    let is_dir = entry.file_type().map_err(io(&path))?.is_dir();
    let in_output = at.below.join(&name);
    let mut whole = true;
    if is_dir && folders.contains(&child) {
        let mark = survey.len();
        let below = Survey {
            below: &in_output,
            relative: &child,
        };
        whole &= remove_stale(&path, &below, paths, folders, survey)?;
        match entry.metadata().ok().as_ref().and_then(EntryLook::of) {
            Some(look) => survey.insert(mark, (in_output, look)),
            None => whole = false,
        }
    } else if is_dir {
        std::fs::remove_dir_all(&path).map_err(io(&path))?;
    } else {
        match paths.get(&child) {
            None => std::fs::remove_file(&path).map_err(io(&path))?,
            Some(Some(look)) => survey.push((in_output, *look)),
            Some(None) => whole = false,
        }
    }
    Ok(whole)
}

/// The entries of `folder`, in the order of a walk by file name (the order the last
/// build's record digests them in).
pub(crate) fn entries_in_name_order(folder: &Path) -> std::io::Result<Vec<std::fs::DirEntry>> {
    let mut entries = std::fs::read_dir(folder)?.collect::<Result<Vec<_>, _>>()?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    Ok(entries)
}

/// How many entries that are not folders, and how many folders, `root` holds at any depth.
fn count_entries(root: &Path) -> Result<(usize, usize), PublishError> {
    let (mut others, mut folders) = (0, 0);
    for entry in walkdir::WalkDir::new(root).min_depth(1) {
        let entry = entry.map_err(|err| PublishError::Io {
            path: err.path().unwrap_or(root).to_path_buf(),
            source: err.into(),
        })?;
        if entry.file_type().is_dir() {
            folders += 1;
        } else {
            others += 1;
        }
    }
    Ok((others, folders))
}

/// Puts `spare` where `output` is; the old site ends up in `spare`.
fn swap_in(spare: &Path, output: &Path) -> Result<(), PublishError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| PublishError::Io { path, source }
    };
    if !output.exists() {
        return std::fs::rename(spare, output).map_err(io(output));
    }
    if exchange(spare, output).is_ok() {
        return Ok(());
    }
    // No atomic exchange here (not Linux, or the file system lacks it): move the old
    // tree aside first, so a failure in between still leaves one whole site, which the
    // next build puts back (see `recover_interrupted_swap`).
    let aside = aside_path(spare);
    remove_if_present(&aside)?;
    std::fs::rename(output, &aside).map_err(io(output))?;
    std::fs::rename(spare, output).map_err(io(output))?;
    std::fs::rename(&aside, spare).map_err(io(spare))
}

fn aside_path(spare: &Path) -> PathBuf {
    spare.with_file_name("old")
}

/// After a swap without atomic exchange was interrupted, `output` may be missing with the
/// last good site moved aside: put it back.
fn recover_interrupted_swap(output: &Path, working: &Path) -> Result<(), PublishError> {
    let aside = aside_path(&working.join("spare"));
    if !is_real_folder(&aside) {
        return Ok(());
    }
    if output.exists() {
        remove_if_present(&aside)
    } else {
        std::fs::rename(&aside, output).map_err(|source| PublishError::Io {
            path: output.to_path_buf(),
            source,
        })
    }
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

    /// Every entry beside the output, by name.
    fn beside(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("ls")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[cfg(unix)]
    fn inode(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).expect("stat").ino()
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
        assert_eq!(beside(dir.path()), [".public.gazette", "public"]);
    }

    #[test]
    fn the_spare_tree_is_reused_and_never_grows() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let spare = working_folder(&out).join("spare");
        for round in 0..6 {
            let pages: Vec<Page> = (0..5)
                .map(|i| page(&format!("r{}/{i}.html", round % 3), &format!("{round}")))
                .collect();
            publish(&pages, &out).expect("publish");
            let files: Vec<_> = walkdir::WalkDir::new(&out)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .collect();
            assert_eq!(files.len(), 5, "round {round}");
            if spare.exists() {
                let kept = walkdir::WalkDir::new(&spare)
                    .into_iter()
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_file())
                    .count();
                assert!(
                    kept <= 5,
                    "round {round}: the spare holds one site, not {kept}"
                );
            }
            assert_eq!(beside(dir.path()), [".public.gazette", "public"]);
            assert_eq!(
                beside(&working_folder(&out))
                    .iter()
                    .filter(|n| *n != "spare")
                    .count(),
                0
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_files_are_not_written_and_keep_their_inode() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let site = |changed: &str| {
            vec![
                page("index.html", changed),
                page("a/index.html", "same a"),
                page("b/index.html", "same b"),
            ]
        };
        let first = publish(&site("one"), &out).expect("first");
        assert_eq!((first.written, first.swapped), (3, true));
        let before = (
            inode(&out.join("a/index.html")),
            inode(&out.join("index.html")),
        );

        let same = publish(&site("one"), &out).expect("same again");
        assert_eq!((same.written, same.swapped), (0, false));
        assert_eq!(inode(&out.join("index.html")), before.1);

        let changed = publish(&site("two"), &out).expect("changed");
        assert_eq!((changed.written, changed.swapped), (1, true));
        assert_eq!(inode(&out.join("a/index.html")), before.0);
        assert_ne!(inode(&out.join("index.html")), before.1);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("read"),
            "two"
        );
    }

    #[cfg(unix)]
    #[test]
    fn streamed_files_are_compared_then_written_only_when_they_differ() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let big = |text: &'static str| {
            move |w: &mut dyn Write| -> std::io::Result<()> {
                for _ in 0..50_000 {
                    w.write_all(text.as_bytes())?;
                }
                Ok(())
            }
        };
        let publish_stream = |write: &WriteFn<'_>| {
            let staging = Staging::open(&out).expect("open");
            staging.put("index.html", b"page").expect("put");
            staging.put_stream("feed.json", write).expect("stream");
            staging.finish().expect("finish")
        };
        let first = publish_stream(&big("one,"));
        assert_eq!((first.written, first.swapped), (2, true));
        let inode_before = inode(&out.join("feed.json"));
        let same = publish_stream(&big("one,"));
        assert_eq!((same.written, same.swapped), (0, false));
        assert_eq!(inode(&out.join("feed.json")), inode_before);
        // Same length, different bytes; then shorter; each written whole.
        for text in ["two,", "3,"] {
            let changed = publish_stream(&big(text));
            assert_eq!((changed.written, changed.swapped), (1, true), "{text}");
            assert_eq!(
                std::fs::read_to_string(out.join("feed.json")).expect("read"),
                text.repeat(50_000)
            );
        }
    }

    #[test]
    fn comparing_finds_any_difference_at_any_size() {
        let dir = tempfile::tempdir().expect("tempdir");
        let tree = Tree::new(dir.path().to_path_buf());
        let place = tree.at("file");
        let path = place.path();
        let stream_of = |bytes: Vec<u8>| {
            move |w: &mut dyn Write| -> std::io::Result<()> {
                // Odd pieces, so they straddle the reads' boundaries.
                bytes.chunks(1_001).try_for_each(|piece| w.write_all(piece))
            }
        };
        for size in [0_usize, 1, 4_095, 4_096, 4_097, 12_289, 300_000, 700_001] {
            let bytes: Vec<u8> = (0..size).map(|i| (i * 7 % 251) as u8).collect();
            std::fs::write(&path, &bytes).expect("write");
            assert!(Content::Bytes(&bytes).copy_at(place).is_some(), "{size}");
            assert!(
                Content::Stream(&stream_of(bytes.clone()))
                    .copy_at(place)
                    .is_some()
            );
            for at in [0, size / 2, size.saturating_sub(1)]
                .into_iter()
                .filter(|_| size > 0)
            {
                let mut other = bytes.clone();
                other[at] ^= 1;
                assert!(
                    Content::Bytes(&other).copy_at(place).is_none(),
                    "{size} {at}"
                );
                assert!(Content::Stream(&stream_of(other)).copy_at(place).is_none());
            }
            let mut longer = bytes.clone();
            longer.push(b'x');
            assert!(Content::Stream(&stream_of(longer)).copy_at(place).is_none());
            if size > 0 {
                let shorter = bytes[..size - 1].to_vec();
                assert!(
                    Content::Stream(&stream_of(shorter))
                        .copy_at(place)
                        .is_none()
                );
            }
        }
    }

    #[test]
    fn a_tree_is_held_open_unless_its_own_name_is_a_link() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real");
        std::fs::create_dir(&real).expect("folder");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        let held = Tree::new(real.clone());
        let by_path = Tree::new(link);
        assert!(held.handle.is_some());
        // Opened by its path, which follows the link as `public/` always did.
        assert!(by_path.handle.is_none());
        for (tree, name) in [(&held, "a.html"), (&by_path, "b.html")] {
            let (_, wrote) = Content::Bytes(b"page")
                .put_over(tree.at(name))
                .expect("put");
            assert!(wrote);
            assert_eq!(std::fs::read(real.join(name)).expect("read"), b"page");
            assert!(Content::Bytes(b"page").copy_at(tree.at(name)).is_some());
        }
        // A name below the tree that is missing is an error, not a new file.
        assert!(held.at("missing.html").open(Access::Read).is_err());
        // Only a real folder is one: not a file, a link to a folder or nothing.
        std::fs::create_dir(real.join("sub")).expect("folder");
        std::os::unix::fs::symlink(real.join("sub"), real.join("linked")).expect("symlink");
        for tree in [&held, &by_path] {
            assert!(tree.at("sub").is_real_folder());
            for not_one in ["a.html", "linked", "missing"] {
                assert!(!tree.at(not_one).is_real_folder(), "{not_one}");
            }
        }
    }

    #[test]
    fn putting_over_the_spare_keeps_overwrites_or_replaces_what_is_there() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let tree = Tree::new(dir.path().to_path_buf());
        let place = tree.at("page.html");
        let path = place.path();
        let stream = |w: &mut dyn Write| w.write_all(b"streamed");
        // Nothing there: a new file.
        let (meta, wrote) = Content::Bytes(b"new").put_over(place).expect("put");
        assert!(wrote && meta.is_file());
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        // The same bytes: kept, not written.
        let (kept, wrote) = Content::Bytes(b"new").put_over(place).expect("put");
        assert!(!wrote);
        assert_eq!(kept.ino(), meta.ino());
        // Other bytes, shorter: written over in place, the tail cut.
        std::fs::write(&path, b"a much longer page").expect("write");
        let before = std::fs::metadata(&path).expect("meta").ino();
        let (over, wrote) = Content::Bytes(b"short").put_over(place).expect("put");
        assert!(wrote);
        assert_eq!((over.ino(), over.len()), (before, 5));
        assert_eq!(std::fs::read(&path).expect("read"), b"short");
        // Other bytes of the same length, then longer: written over in place.
        for other in [&b"SHORT"[..], b"a longer page than before"] {
            let (over, wrote) = Content::Bytes(other).put_over(place).expect("put");
            assert!(wrote);
            assert_eq!((over.ino(), over.len()), (before, other.len() as u64));
            assert_eq!(std::fs::read(&path).expect("read"), other);
        }
        // A stream is written, never compared.
        let (_, wrote) = Content::Stream(&stream).put_over(place).expect("put");
        assert!(wrote);
        assert_eq!(std::fs::read(&path).expect("read"), b"streamed");
        // A file another name shares is replaced, the other name left as it was.
        let other = dir.path().join("other.html");
        std::fs::hard_link(&path, &other).expect("link");
        let (replaced, _) = Content::Bytes(b"mine").put_over(place).expect("put");
        assert_ne!(
            replaced.ino(),
            std::fs::metadata(&other).expect("meta").ino()
        );
        assert_eq!(std::fs::read(&other).expect("read"), b"streamed");
        assert_eq!(std::fs::read(&path).expect("read"), b"mine");
        // A symbolic link is replaced, never written through.
        std::fs::remove_file(&path).expect("remove");
        std::os::unix::fs::symlink(&other, &path).expect("symlink");
        Content::Bytes(b"not through").put_over(place).expect("put");
        assert!(std::fs::symlink_metadata(&path).expect("meta").is_file());
        assert_eq!(std::fs::read(&other).expect("read"), b"streamed");
        // A folder and a pipe are replaced; the pipe is not waited on.
        for make in [
            |p: &Path| std::fs::create_dir(p).expect("folder"),
            |p: &Path| {
                rustix::fs::mknodat(
                    rustix::fs::CWD,
                    p,
                    rustix::fs::FileType::Fifo,
                    rustix::fs::Mode::from_raw_mode(0o644),
                    0,
                )
                .expect("pipe")
            },
        ] {
            std::fs::remove_file(&path)
                .or_else(|_| std::fs::remove_dir(&path))
                .expect("clear");
            make(&path);
            let (meta, wrote) = Content::Bytes(b"page").put_over(place).expect("put");
            assert!(wrote && meta.is_file());
            assert_eq!(std::fs::read(&path).expect("read"), b"page");
        }
    }

    #[test]
    fn the_survey_is_what_a_walk_of_the_new_output_finds() {
        use crate::last_build::{output_state, state_of};
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let sites: [&[(&str, &str)]; 6] = [
            &[
                ("index.html", "one"),
                ("a/index.html", "a"),
                ("a/b/c.html", "c"),
            ],
            // Changed, added, and a folder gone.
            &[
                ("index.html", "two"),
                ("a/index.html", "a"),
                ("b/index.html", "b"),
            ],
            // Back to the first: the spare holds it already.
            &[
                ("index.html", "one"),
                ("a/index.html", "a"),
                ("a/b/c.html", "c"),
            ],
            // Nothing changed: nothing swapped, no survey.
            &[
                ("index.html", "one"),
                ("a/index.html", "a"),
                ("a/b/c.html", "c"),
            ],
            // A folder become a file, names that sort around it.
            &[
                ("index.html", "three"),
                ("a", "now a file"),
                ("a-", "-"),
                ("a.b/x", "x"),
            ],
            &[("A/z", "z"), ("a/0", "0"), ("index.html", "three")],
        ];
        for (round, site) in sites.iter().enumerate() {
            let pages: Vec<Page> = site.iter().map(|(path, text)| page(path, text)).collect();
            let published = publish(&pages, &out).expect("publish");
            match &published.survey {
                Some(survey) => {
                    assert_eq!(Some(state_of(survey)), output_state(&out), "round {round}");
                    assert_eq!(survey[0].0, out);
                }
                None => assert!(!published.swapped, "round {round}"),
            }
            assert_eq!(published.survey.is_some(), round != 3, "round {round}");
        }
    }

    /// A folder big enough to be walked in parallel: stale entries at both ends and in
    /// the middle of it go, and the survey is still in a walk's order.
    #[test]
    fn a_big_folder_walked_in_parallel_is_surveyed_in_order() {
        use crate::last_build::{output_state, state_of};
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let site = |skip: usize, text: &str| -> Vec<Page> {
            (0..SPLIT_FROM + 40)
                .filter(|i| i % 97 != skip)
                .flat_map(|i| {
                    [
                        page(&format!("story-{i:04}/index.html"), text),
                        page(&format!("story-{i:04}/more/{i}.html"), text),
                    ]
                })
                .chain([page("index.html", text)])
                .collect()
        };
        for (round, pages) in [
            site(0, "one"),
            site(5, "two"),
            site(0, "three"),
            site(5, "one"),
        ]
        .iter()
        .enumerate()
        {
            let published = publish(pages, &out).expect("publish");
            let survey = published.survey.expect("a survey");
            assert_eq!(Some(state_of(&survey)), output_state(&out), "round {round}");
            let on_disk = walkdir::WalkDir::new(&out)
                .min_depth(1)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .count();
            assert_eq!(on_disk, pages.len(), "round {round}: stale files left");
        }
    }

    #[test]
    fn an_extra_file_in_the_output_is_replaced_away() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        publish(&[page("index.html", "one")], &out).expect("first");
        std::fs::write(out.join("stray.html"), "x").expect("write");
        let again = publish(&[page("index.html", "one")], &out).expect("again");
        assert!(again.swapped);
        assert!(!out.join("stray.html").exists());
        assert_eq!(
            again.written, 0,
            "the unchanged page is linked, not written"
        );
    }

    #[test]
    fn a_changed_file_in_the_output_is_put_right() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        publish(&[page("index.html", "one"), page("a.html", "a")], &out).expect("first");
        // Tampering in place changes the file the spare may share: both must be caught.
        std::fs::write(out.join("index.html"), "tampered").expect("write");
        publish(&[page("index.html", "one"), page("a.html", "a")], &out).expect("again");
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("read"),
            "one"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_planted_in_the_spare_are_never_written_through() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let victim = dir.path().join("victim");
        std::fs::create_dir(&victim).expect("mkdir");
        std::fs::write(victim.join("index.html"), "keep me").expect("write");
        publish(&[page("index.html", "one")], &out).expect("first");
        let spare = working_folder(&out).join("spare");
        std::fs::create_dir_all(&spare).expect("spare");
        std::os::unix::fs::symlink(&victim, spare.join("a")).expect("folder link");
        std::os::unix::fs::symlink(victim.join("index.html"), spare.join("index.html"))
            .expect("file link");
        publish(
            &[page("index.html", "two"), page("a/index.html", "a")],
            &out,
        )
        .expect("second");
        assert_eq!(
            std::fs::read_to_string(victim.join("index.html")).expect("read"),
            "keep me"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).expect("read"),
            "a"
        );
    }

    #[test]
    fn a_failed_build_leaves_nothing_it_created() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let staging = Staging::open(&out).expect("open");
        staging.put("index.html", b"half").expect("put");
        drop(staging);
        assert!(beside(dir.path()).is_empty(), "{:?}", beside(dir.path()));
    }

    #[test]
    fn the_same_path_twice_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let err = publish(&[page("a.html", "1"), page("a.html", "2")], &out).expect_err("dup");
        assert!(matches!(err, PublishError::Duplicate { .. }), "{err}");
        assert!(!out.exists());
    }

    #[test]
    fn a_file_where_a_folder_now_goes_and_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        publish(&[page("a", "file")], &out).expect("file");
        publish(&[page("a/index.html", "folder")], &out).expect("folder");
        publish(&[page("a", "file again")], &out).expect("file again");
        publish(&[page("a/index.html", "folder again")], &out).expect("folder again");
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).expect("read"),
            "folder again"
        );
    }

    #[test]
    fn refuses_paths_that_leave_the_output() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        for bad in [
            "../x.html",
            "/etc/passwd",
            "a/../../b",
            "",
            "a\\..\\b",
            "a//b",
        ] {
            let err = publish(&[page(bad, "x")], &out).expect_err(bad);
            assert!(
                matches!(err, PublishError::UnsafePath { .. }),
                "{bad}: {err}"
            );
        }
        assert!(!out.exists());
    }
}
