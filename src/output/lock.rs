//! One build at a time per output folder: a lock file beside it
//! (`.public.lock`), held from before the staging folder is made until
//! the new output is in place. Under the lock no other build is running,
//! so any staging or old folder found beside the output was left by a
//! build that was killed, and is cleaned up (or, for an old output that
//! never got its replacement, moved back).

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};

/// The lock on one output location; released, and its file removed,
/// when dropped.
#[derive(Debug)]
pub struct OutputLock {
    file: Option<File>,
    path: PathBuf,
    /// Whether another build held it first, so this one waited.
    pub waited: bool,
}

impl OutputLock {
    /// Takes the lock for the output called `name` in `parent`, waiting
    /// for a build that holds it to finish.
    pub fn take(parent: &Path, name: &str) -> std::io::Result<OutputLock> {
        let path = parent.join(format!(".{name}.lock"));
        let mut waited = false;
        loop {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)?;
            if !try_lock(&file)? {
                waited = true;
                lock(&file)?;
            }
            // The build before may have removed the file on its way out;
            // a lock on a removed file guards nothing, so start over.
            if names_this_file(&path, &file) {
                return Ok(OutputLock {
                    file: Some(file),
                    path,
                    waited,
                });
            }
        }
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still held, so a build that opens it next either
        // sees it gone or finds it replaced (see `take`). Windows cannot
        // remove an open file; there the file stays.
        #[cfg(unix)]
        let _ = fs::remove_file(&self.path);
        drop(self.file.take());
    }
}

/// `flock` through rustix: `File::lock` needs Rust 1.89, above this
/// crate's `rust-version`.
#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use rustix::fs::{FlockOperation, flock};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::WOULDBLOCK) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(unix)]
fn lock(file: &File) -> std::io::Result<()> {
    use rustix::fs::{FlockOperation, flock};
    flock(file, FlockOperation::LockExclusive).map_err(Into::into)
}

/// Elsewhere builds do not take turns (no lock before Rust 1.89's
/// `File::lock`); the swap's recovery still applies.
#[cfg(not(unix))]
fn try_lock(_file: &File) -> std::io::Result<bool> {
    Ok(true)
}

#[cfg(not(unix))]
fn lock(_file: &File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn names_this_file(path: &Path, file: &File) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(path), file.metadata()) {
        (Ok(named), Ok(held)) => (named.dev(), named.ino()) == (held.dev(), held.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn names_this_file(_path: &Path, _file: &File) -> bool {
    true
}

/// With the lock held: moves back an old output that a killed build moved
/// aside without putting its new one in place, then removes every staging
/// and old folder of the output called `name` in `parent`. Returns a line
/// saying what was done, if anything was.
pub fn clean_up_after_killed_builds(parent: &Path, name: &str, output: &Path) -> Option<String> {
    let staging = format!(".{name}.staging-");
    let old = format!(".{name}.old-");
    let mut left: Vec<(String, PathBuf)> = fs::read_dir(parent)
        .ok()?
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(n, _)| n.starts_with(&staging) || n.starts_with(&old))
        .collect();
    left.sort();
    let mut said = Vec::new();
    if !output.exists() {
        if let Some(i) = left
            .iter()
            .position(|(n, p)| n.starts_with(&old) && p.is_dir())
        {
            let (moved, path) = left.remove(i);
            if fs::rename(&path, output).is_ok() {
                said.push(format!("restored `{name}` from `{moved}`"));
            }
        }
    }
    let mut removed = Vec::new();
    for (folder, path) in left {
        super::swap::remove_tree(&path);
        if !path.exists() {
            removed.push(folder);
        }
    }
    if !removed.is_empty() {
        said.push(format!(
            "removed {} left beside `{name}`: {}",
            plural(removed.len(), "folder"),
            removed.join(", ")
        ));
    }
    (!said.is_empty()).then(|| format!("an earlier build was interrupted; {}", said.join("; ")))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
