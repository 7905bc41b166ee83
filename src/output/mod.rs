//! Writing the built site: the only stage (with `source`) that touches the
//! disk. The new site is written into a staging folder beside the output
//! and swapped in only once every file is written, so a failed build never
//! leaves a half-written or empty `public/`. Builds into one output take
//! turns (a lock file beside it), and each cleans up after earlier builds
//! that were killed.

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

mod lock;
mod staging;
mod swap;

pub use staging::Staging;

/// Keeps the image variants a build encoded (`files`, named as in the
/// cache) in the site's image cache, so the next build copies them.
/// Returns a warning for each that could not be written.
pub fn store_images(root: &Path, files: &[OutputFile]) -> Vec<Diagnostic> {
    if files.is_empty() {
        return Vec::new();
    }
    let dir = root.join(crate::layout::IMAGE_CACHE_DIR);
    let failed = |e: std::io::Error| {
        vec![
            Diagnostic::warning(
                crate::layout::IMAGE_CACHE_DIR,
                format!("the image cache cannot be written: {e}"),
            )
            .with_help(
                "check that the site's folder is writable; the next build encodes the images again",
            ),
        ]
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return failed(e);
    }
    for file in files {
        let Contents::Bytes(bytes) = &file.contents else {
            continue;
        };
        // Written whole under a temporary name, then renamed: a build
        // killed midway never leaves half a file under a cached name.
        let tmp = dir.join(format!(".{}.tmp", file.path));
        let written =
            std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, dir.join(&file.path)));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return failed(e);
        }
    }
    Vec::new()
}

/// Removes from the site's image cache every file that is not one of the
/// variants `used` (named as in the cache), so the cache holds what the
/// last build needed and no more. A site without the cache does nothing.
/// Returns a warning if a file could not be removed.
pub fn prune_images(root: &Path, used: &[String]) -> Vec<Diagnostic> {
    let dir = root.join(crate::layout::IMAGE_CACHE_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let used: std::collections::HashSet<&str> = used.iter().map(String::as_str).collect();
    for entry in entries.filter_map(Result::ok) {
        // Only files faqpress wrote: a folder someone put there is left.
        if !entry
            .file_type()
            .is_ok_and(|t| t.is_file() || t.is_symlink())
        {
            continue;
        }
        let name = entry.file_name();
        if name.to_str().is_some_and(|name| used.contains(name)) {
            continue;
        }
        if let Err(e) = std::fs::remove_file(entry.path()) {
            return vec![
                Diagnostic::warning(
                    crate::layout::IMAGE_CACHE_DIR,
                    format!(
                        "an unused file in the image cache cannot be removed ({}): {e}",
                        name.to_string_lossy()
                    ),
                )
                .with_help(
                    "check that the site's folder is writable, or delete the folder by hand",
                ),
            ];
        }
    }
    Vec::new()
}

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
    for source_dir in crate::layout::SOURCE_DIRS {
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
/// them are written. Copied files are read only from inside `root`.
pub fn write(root: &Path, output: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    let staging = Staging::create(root, output)?;
    for file in files {
        staging.write(file)?;
    }
    staging.commit()
}

fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

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
        let files = [OutputFile::text("a/index.html", "new".into())];
        write(dir.path(), &out, &files).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "new");
        assert!(!out.join("stale").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging or old folders left behind");
    }

    #[test]
    fn a_source_that_cannot_be_read_is_reported_as_itself() {
        let site = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let public = out.path().join("public");
        let staging = Staging::create(site.path(), &public).unwrap();
        // Listed, then gone before it could be copied.
        let photo = OutputFile {
            path: "photo.png".into(),
            contents: Contents::Copy(site.path().join("content/photo.png")),
        };
        let d = staging.write(&photo).unwrap_err();
        let shown =
            crate::diagnostics::render_all(&[d], crate::diagnostics::Style { color: false });
        insta::assert_snapshot!(shown);
    }

    #[test]
    fn the_first_output_error_is_reported_once() {
        let site = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let public = out.path().join("public");
        let staging = Staging::create(site.path(), &public).unwrap();
        let staging_dir = fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().contains(".public.staging-"))
            .unwrap();
        // A file where a page's folder should be stops every write below it.
        fs::write(staging_dir.join("a"), "in the way").unwrap();
        let errors: Vec<Diagnostic> = (0..50)
            .filter_map(|i| {
                let file = OutputFile::text(format!("a/{i}/index.html"), "page".into());
                staging.write(&file).err()
            })
            .collect();
        assert_eq!(errors.len(), 50, "every write after the failure fails");
        let settled = staging.settle::<()>(Err(errors)).unwrap_err();
        assert_eq!(settled.len(), 1, "{settled:?}");
        let shown = settled[0]
            .message
            .replace(&out.path().display().to_string(), "[OUT]");
        assert_eq!(
            shown,
            "cannot create `[OUT]/public/a/0`: Not a directory (os error 20)"
        );
    }
}
