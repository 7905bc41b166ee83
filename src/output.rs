//! Writing the built site: the only stage (with `source`) that touches the
//! disk. The new site is written into a staging folder beside the output
//! and swapped in only once every file is written, so a failed build never
//! leaves a half-written or empty `public/`.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// A file copied as it is (images and other colocated files).
    Copy(PathBuf),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub contents: Contents,
}

impl OutputFile {
    pub fn text(path: impl Into<String>, text: String) -> Self {
        Self {
            path: path.into(),
            contents: Contents::Bytes(text.into_bytes()),
        }
    }
}

/// Refuses output folders that would destroy sources: the site root
/// itself, anything containing it, or anything inside `content/`,
/// `templates/` or `themes/`.
pub fn check_location(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let output = absolute(output);
    let bad = |why: &str| {
        Err(Diagnostic::error(
            "",
            format!("the output folder `{}` {why}", output.display()),
        )
        .with_help("choose another folder with `--output`, e.g. `--output public`"))
    };
    if output == root || root.starts_with(&output) {
        return bad("would replace the site's own folder");
    }
    for source_dir in ["content", "templates", "themes"] {
        if output.starts_with(root.join(source_dir)) {
            return bad(&format!(
                "is inside `{source_dir}/`, where it would be read back as a source"
            ));
        }
    }
    Ok(())
}

/// An absolute, lexically normalised path, without touching the disk
/// (the output folder may not exist yet).
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Writes `files` into `output`, replacing what was there only once all of
/// them are written.
pub fn write(output: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    let staging = Staging::create(output)?;
    for file in files {
        staging.write(file)?;
    }
    staging.commit()
}

/// A folder beside the output that a build writes into, file by file, and
/// that replaces the output only when [`Staging::commit`] is called. Dropped
/// without a commit, it removes itself and the output stays as it was.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

fn io_failure(what: &str, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error("", format!("cannot {what} `{}`: {e}", path.display()))
        .with_help("check that the folder is writable; the previous output was left as it was")
}

impl Staging {
    pub fn create(output: &Path) -> Result<Self, Diagnostic> {
        let output = absolute(output);
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_string());
        let parent = output.parent().map(Path::to_path_buf).unwrap_or_default();
        fs::create_dir_all(&parent).map_err(|e| io_failure("create", &parent, e))?;
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            let _ = fs::remove_dir_all(&dir);
        }
        fs::create_dir(&dir).map_err(|e| io_failure("create", &dir, e))?;
        Ok(Self {
            dir,
            output,
            committed: false,
        })
    }

    /// Writes one file; safe to call from several threads at once.
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
        let target = self.dir.join(&file.path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| io_failure("create", parent, e))?;
        }
        match &file.contents {
            Contents::Bytes(bytes) => fs::write(&target, bytes),
            Contents::Copy(source) => fs::copy(source, &target).map(|_| ()),
        }
        .map_err(|e| io_failure("write", &target, e))
    }

    /// Swaps the staged site in for the output.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        swap_in(&self.dir, &self.output).map_err(|(path, e)| io_failure("replace", &path, e))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Moves the old output aside, the new one in, then deletes the old one.
fn swap_in(staging: &Path, output: &Path) -> Result<(), (PathBuf, std::io::Error)> {
    let old = output.with_file_name(format!(
        ".{}.old-{}",
        output
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    let had_output = output.exists();
    if had_output {
        if !output.is_dir() {
            return Err((
                output.to_path_buf(),
                std::io::Error::other("it exists and is not a folder"),
            ));
        }
        fs::rename(output, &old).map_err(|e| (output.to_path_buf(), e))?;
    }
    if let Err(e) = fs::rename(staging, output) {
        if had_output {
            let _ = fs::rename(&old, output);
        }
        return Err((output.to_path_buf(), e));
    }
    if had_output {
        remove_tree(&old);
    }
    Ok(())
}

/// Removes the previous output once the new one is in place, its
/// top-level entries (a folder a page) on all threads: for a large site
/// this is thousands of folders, and the build waits for it. Failures are
/// ignored, as the new output is already complete.
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    if let Ok(entries) = fs::read_dir(dir) {
        let entries: Vec<fs::DirEntry> = entries.flatten().collect();
        entries.par_iter().for_each(|entry| {
            let path = entry.path();
            let _ = match entry.file_type() {
                Ok(t) if t.is_dir() => fs::remove_dir_all(&path),
                _ => fs::remove_file(&path),
            };
        });
    }
    let _ = fs::remove_dir_all(dir);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_escape() {
        assert!(is_safe_relative("a/index.html"));
        assert!(!is_safe_relative("../x"));
        assert!(!is_safe_relative("/etc/x"));
        assert!(!is_safe_relative("a/../../x"));
        assert!(!is_safe_relative(""));
    }

    #[test]
    fn refuses_output_over_sources() {
        let root = Path::new("/site");
        assert!(check_location(root, Path::new("/site")).is_err());
        assert!(check_location(root, Path::new("/")).is_err());
        assert!(check_location(root, Path::new("/site/content/public")).is_err());
        assert!(check_location(root, Path::new("/site/public")).is_ok());
        assert!(check_location(root, Path::new("/elsewhere/public")).is_ok());
    }

    #[test]
    fn replaces_the_previous_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(out.join("stale")).unwrap();
        fs::write(out.join("stale/index.html"), "old").unwrap();
        write(&out, &[OutputFile::text("a/index.html", "new".into())]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "new");
        assert!(!out.join("stale").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging or old folders left behind");
    }
}
