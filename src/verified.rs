//! Opening the files a build copies as they are (images and other files
//! of `content/`), checked at the moment they are opened: the file
//! actually opened must be a regular file inside the site. A file listed
//! earlier may have been swapped for a link to `/etc/passwd` since, and
//! only the opened file itself tells the truth.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// A site's folder as given (for the paths diagnostics show) and as the
/// system resolves it (to tell what lies inside), resolved once for all
/// the files a build opens.
#[derive(Debug, Clone)]
pub struct SiteRoot {
    given: PathBuf,
    /// The resolved folder, or why it could not be resolved.
    real: Result<PathBuf, String>,
}

impl SiteRoot {
    pub fn new(given: &Path) -> SiteRoot {
        SiteRoot {
            given: given.to_path_buf(),
            real: given.canonicalize().map_err(|e| reason(&e)),
        }
    }

    /// Opens `source`, a file of the site, and checks that what was opened
    /// is a regular file inside the site.
    pub fn open(&self, source: &Path) -> Result<File, Diagnostic> {
        let failed = |why: String| self.unreadable(source, why);
        let file = open_without_blocking(source).map_err(|e| failed(reason(&e)))?;
        let metadata = file.metadata().map_err(|e| failed(reason(&e)))?;
        if !metadata.is_file() {
            return Err(failed("it is not a regular file".to_string()));
        }
        let real_root = self.real.as_ref().map_err(|why| failed(why.clone()))?;
        let real = real_path(&file, source).map_err(|e| failed(reason(&e)))?;
        if !real.starts_with(real_root) {
            return Err(Diagnostic::error(
                self.shown(source),
                "this file now points outside the site",
            )
            .with_help("copy the file into the site instead of linking to it"));
        }
        Ok(file)
    }

    /// [`SiteRoot::open`], then the whole file.
    pub fn read(&self, source: &Path) -> Result<Vec<u8>, Diagnostic> {
        let mut file = self.open(source)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .map_err(|e| self.unreadable(source, reason(&e)))?;
        Ok(bytes)
    }

    /// The error for a file of the site that could not be read, `why`.
    pub fn unreadable(&self, source: &Path, why: String) -> Diagnostic {
        Diagnostic::error(self.shown(source), format!("cannot read this file: {why}"))
            .with_help("check that the file exists and is readable, then build again")
    }

    fn shown(&self, path: &Path) -> String {
        shown_path(&self.given, path)
    }
}

/// The path as diagnostics show it: relative to the site, `/`-separated.
fn shown_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "it does not exist".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Opening a named pipe waits for a writer; non-blocking, it returns at
/// once and is then refused as not a regular file.
#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Where the opened file really is, from the open file itself.
#[cfg(target_os = "linux")]
fn real_path(file: &File, _path: &Path) -> std::io::Result<PathBuf> {
    use std::os::fd::AsRawFd;
    std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd()))
}

/// Elsewhere: the path resolved again, accepted only if it still names the
/// very file that was opened.
#[cfg(not(target_os = "linux"))]
fn real_path(file: &File, path: &Path) -> std::io::Result<PathBuf> {
    let real = path.canonicalize()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (opened, named) = (file.metadata()?, std::fs::metadata(&real)?);
        if (opened.dev(), opened.ino()) != (named.dev(), named.ino()) {
            return Err(std::io::Error::other("it changed while being opened"));
        }
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(real)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_file_of_the_site() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir(site.path().join("content")).unwrap();
        let photo = site.path().join("content/photo.png");
        std::fs::write(&photo, b"png").unwrap();
        assert_eq!(SiteRoot::new(site.path()).read(&photo).unwrap(), b"png");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_link_out_of_the_site_and_a_pipe() {
        let site = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let secret = elsewhere.path().join("secret");
        std::fs::write(&secret, "secret").unwrap();
        let link = site.path().join("notes.txt");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        let root = SiteRoot::new(site.path());
        let d = root.read(&link).unwrap_err();
        assert_eq!(d.file, "notes.txt");
        assert_eq!(d.message, "this file now points outside the site");
        let pipe = site.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        assert!(made.unwrap().success());
        let d = root.read(&pipe).unwrap_err();
        assert_eq!(d.message, "cannot read this file: it is not a regular file");
    }
}
