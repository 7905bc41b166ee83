//! Putting the staged site in place of the output, and removing the
//! previous one.

use std::fs;
use std::path::{Path, PathBuf};

/// Puts `staging` in place of `output`. Where the system can exchange two
/// folders in one step (Linux), it does, so there is no moment without an
/// output; `staging` then holds the previous output, which is removed.
/// Elsewhere it takes two renames, and a build killed between them leaves
/// the old output beside as `.<name>.old-<pid>`, which the next build
/// moves back (see [`super::lock::clean_up_after_killed_builds`]).
pub fn swap_in(staging: &Path, output: &Path) -> Result<(), (PathBuf, std::io::Error)> {
    let had_output = match fs::symlink_metadata(output) {
        Ok(meta) if meta.is_dir() => true,
        Ok(_) => {
            return Err((
                output.to_path_buf(),
                std::io::Error::other("it exists and is not a folder"),
            ));
        }
        Err(_) => false,
    };
    if !had_output {
        return fs::rename(staging, output).map_err(|e| (output.to_path_buf(), e));
    }
    match exchange(staging, output) {
        Ok(()) => {
            remove_tree(staging);
            Ok(())
        }
        Err(_) => swap_by_renames(staging, output),
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Moves the old output aside, the new one in, then deletes the old one.
fn swap_by_renames(staging: &Path, output: &Path) -> Result<(), (PathBuf, std::io::Error)> {
    let old = output.with_file_name(format!(
        ".{}.old-{}",
        output
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    fs::rename(output, &old).map_err(|e| (output.to_path_buf(), e))?;
    if let Err(e) = fs::rename(staging, output) {
        let _ = fs::rename(&old, output);
        return Err((output.to_path_buf(), e));
    }
    remove_tree(&old);
    Ok(())
}

/// Removes a folder and everything in it, its top-level entries (a folder
/// a page) on all threads: for a large site this is thousands of folders,
/// and the build waits for it. Failures are ignored: what is left is
/// removed by the next build.
pub fn remove_tree(dir: &Path) {
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

    /// While outputs are swapped in again and again, a reader never finds
    /// the output missing.
    #[test]
    fn the_output_never_goes_missing_during_a_swap() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        fs::create_dir(&output).unwrap();
        fs::write(output.join("index.html"), "0").unwrap();
        let done = std::sync::atomic::AtomicBool::new(false);
        let missing = std::thread::scope(|s| {
            let watcher = s.spawn(|| {
                let mut missing = 0;
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    if !output.join("index.html").exists() {
                        missing += 1;
                    }
                }
                missing
            });
            for i in 1..=300 {
                let staging = dir.path().join(".public.staging");
                fs::create_dir(&staging).unwrap();
                fs::write(staging.join("index.html"), i.to_string()).unwrap();
                swap_in(&staging, &output).unwrap();
            }
            done.store(true, std::sync::atomic::Ordering::Relaxed);
            watcher.join().unwrap()
        });
        assert_eq!(missing, 0, "the output was missing {missing} times");
        assert_eq!(
            fs::read_to_string(output.join("index.html")).unwrap(),
            "300"
        );
    }
}
