//! The folder a build writes into before it replaces the output.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::lock::{OutputLock, clean_up_after_killed_builds};
use super::swap::{remove_tree, swap_in};
use super::{Contents, OutputFile, absolute, is_safe_relative};
use crate::diagnostics::Diagnostic;
use crate::verified::SiteRoot;

/// What a write returns once the output has failed: the failure itself is
/// reported once, by [`Staging::settle`], not once per file.
const STOPPED: &str = "the output failed; nothing more is written";

/// A folder beside the output that a build writes into, file by file, and
/// that replaces the output only when [`Staging::commit`] is called. Dropped
/// without a commit, it removes itself (and any folder it had to create
/// for the output) and the output stays as it was. It holds the output's
/// lock from creation to drop, so builds into one output take turns.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    /// The site, whose files are copied only from inside it.
    root: SiteRoot,
    /// The highest folder created to hold the output, if any.
    created: Option<PathBuf>,
    /// The first error writing the output.
    failure: Mutex<Option<Diagnostic>>,
    lock: Option<OutputLock>,
    notes: Vec<String>,
    committed: bool,
}

fn io_failure(what: &str, path: &Path, e: std::io::Error) -> Diagnostic {
    use std::io::ErrorKind::{FileTooLarge, QuotaExceeded, StorageFull};
    let help = match e.kind() {
        StorageFull | QuotaExceeded | FileTooLarge => {
            "free some disk space (or raise the file size limit), then build again; \
             the previous output was left as it was"
        }
        _ => "check that the folder is writable; the previous output was left as it was",
    };
    Diagnostic::error("", format!("cannot {what} `{}`: {e}", path.display())).with_help(help)
}

impl Staging {
    /// Takes the output's lock (waiting for another build into it), cleans
    /// up after builds that were killed, and makes an empty staging folder.
    pub fn create(root: &Path, output: &Path) -> Result<Self, Diagnostic> {
        let output = absolute(output);
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| crate::layout::OUTPUT_DIR.to_string());
        let parent = output.parent().map(Path::to_path_buf).unwrap_or_default();
        let created = parent.ancestors().take_while(|p| !p.exists()).last();
        let created = created.map(Path::to_path_buf);
        fs::create_dir_all(&parent).map_err(|e| io_failure("create", &parent, e))?;
        let mut staging = Self {
            dir: parent.join(format!(".{name}.staging-{}", std::process::id())),
            output,
            root: SiteRoot::new(root),
            created,
            failure: Mutex::new(None),
            lock: None,
            notes: Vec::new(),
            committed: false,
        };
        let lock = OutputLock::take(&parent, &name)
            .map_err(|e| io_failure("lock", &parent.join(format!(".{name}.lock")), e))?;
        if lock.waited {
            staging
                .notes
                .push(format!("waited for another build into `{name}` to finish"));
        }
        staging.lock = Some(lock);
        staging.notes.extend(clean_up_after_killed_builds(
            &parent,
            &name,
            &staging.output,
        ));
        fs::create_dir(&staging.dir).map_err(|e| io_failure("create", &staging.dir, e))?;
        Ok(staging)
    }

    /// What the build should tell its user about the output folder: one
    /// line each.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Writes one file; safe to call from several threads at once. After
    /// the first failure nothing more is written.
    pub fn write(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        if !is_safe_relative(&file.path) {
            return Err(Diagnostic::error(
                "",
                format!(
                    "refusing to write `{}` outside the output folder",
                    file.path
                ),
            ));
        }
        if self.has_failed() {
            return Err(stopped());
        }
        let target = self.dir.join(&file.path);
        let result = match &file.contents {
            Contents::Bytes(bytes) => self.write_bytes(&target, bytes),
            // A source that cannot be read is the source's problem, not
            // the output's.
            Contents::Copy(path) => {
                let source = self.root.open(path)?;
                self.copy(source, path, &target)
            }
        };
        match result {
            Err(Failure::Output(what, path, e)) => {
                // Said of the output: the staging folder is a detail.
                let shown = self
                    .output
                    .join(path.strip_prefix(&self.dir).unwrap_or(&path));
                Err(self.failed(io_failure(what, &shown, e)))
            }
            Err(Failure::Source(d)) => Err(d),
            Ok(()) => Ok(()),
        }
    }

    fn write_bytes(&self, target: &Path, bytes: &[u8]) -> Result<(), Failure> {
        make_parent(target)?;
        fs::write(target, bytes).map_err(|e| Failure::Output("write", target.to_path_buf(), e))
    }

    /// Copies an opened source; read errors name the source, write errors
    /// the output.
    fn copy(&self, mut source: fs::File, path: &Path, target: &Path) -> Result<(), Failure> {
        make_parent(target)?;
        let failed = |e| Failure::Output("write", target.to_path_buf(), e);
        let mut out = fs::File::create(target).map_err(failed)?;
        let mut buffer = vec![0u8; 256 * 1024];
        loop {
            let n = source
                .read(&mut buffer)
                .map_err(|e| Failure::Source(self.root.unreadable(path, e.to_string())))?;
            if n == 0 {
                return Ok(());
            }
            out.write_all(&buffer[..n]).map_err(failed)?;
        }
    }

    fn has_failed(&self) -> bool {
        self.failure
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    /// Records `d` if it is the first failure; every failure returns
    /// the same stand-in, which [`Staging::settle`] replaces.
    fn failed(&self, d: Diagnostic) -> Diagnostic {
        let mut first = self.failure.lock().unwrap_or_else(|e| e.into_inner());
        first.get_or_insert(d);
        stopped()
    }

    /// A render's result with the output's failure, if any, reported once
    /// in place of the stand-ins the writes returned.
    pub fn settle<T>(&self, result: Result<T, Vec<Diagnostic>>) -> Result<T, Vec<Diagnostic>> {
        let failure = self
            .failure
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        match (result, failure) {
            (result, None) => result,
            (Ok(_), Some(d)) => Err(vec![d]),
            (Err(mut all), Some(d)) => {
                all.retain(|x| *x != stopped());
                all.insert(0, d);
                Err(all)
            }
        }
    }

    /// Swaps the staged site in for the output.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        swap_in(&self.dir, &self.output).map_err(|(path, e)| io_failure("replace", &path, e))?;
        self.committed = true;
        Ok(())
    }
}

enum Failure {
    /// What was being done, to which path of the staging folder.
    Output(&'static str, PathBuf, std::io::Error),
    Source(Diagnostic),
}

fn make_parent(target: &Path) -> Result<(), Failure> {
    match target.parent() {
        Some(parent) => fs::create_dir_all(parent)
            .map_err(|e| Failure::Output("create", parent.to_path_buf(), e)),
        None => Ok(()),
    }
}

fn stopped() -> Diagnostic {
    Diagnostic::error("", STOPPED)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            remove_tree(&self.dir);
        }
        drop(self.lock.take());
        if let (false, Some(top)) = (self.committed, &self.created) {
            // Only folders left empty: `remove_dir` refuses the others.
            let parent = self.output.parent().unwrap_or(top);
            for folder in parent.ancestors() {
                if fs::remove_dir(folder).is_err() || folder == top.as_path() {
                    break;
                }
            }
        }
    }
}
