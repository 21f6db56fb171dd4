//! One build at a time per output folder.
//!
//! Two builds writing the same `public/` at once could swap in each other's half-made
//! trees, so a build holds an exclusive advisory lock (`flock`) on the folder that holds
//! the output while it runs. The lock lives on the folder itself, so no lock file is
//! left behind, and the kernel drops it when the process ends, even when killed. This
//! module does not wait: a second build is told at once.

use std::fs::File;
use std::path::{Path, PathBuf};

/// Held for the whole build; released on drop.
#[derive(Debug)]
pub struct BuildLock {
    _folder: File,
}

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{}: another gazette build is writing here right now; wait for it to finish and build again", path.display())]
    Busy { path: PathBuf },
    #[error("{}: could not lock for building: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Locks the folder that holds `output` (creating it if needed).
pub fn lock_output(output: &Path) -> Result<BuildLock, LockError> {
    let folder = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let io = |source| LockError::Io {
        path: folder.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(folder).map_err(io)?;
    let handle = File::open(folder).map_err(io)?;
    try_lock(&handle).map_err(|err| {
        if err.kind() == std::io::ErrorKind::WouldBlock {
            LockError::Busy {
                path: output.to_path_buf(),
            }
        } else {
            io(err)
        }
    })?;
    Ok(BuildLock { _folder: handle })
}

#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<()> {
    use rustix::fs::{FlockOperation, flock};
    flock(file, FlockOperation::NonBlockingLockExclusive).map_err(std::io::Error::from)
}

#[cfg(not(unix))]
fn try_lock(_: &File) -> std::io::Result<()> {
    // No advisory folder locks here; builds are not serialized on this platform.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_output_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let output = dir.path().join("public");
        let first = lock_output(&output).expect("first lock");
        let second = lock_output(&output).expect_err("busy");
        assert!(
            second
                .to_string()
                .contains("another gazette build is writing here"),
            "{second}"
        );
        drop(first);
        lock_output(&output).expect("free again");
    }
}
