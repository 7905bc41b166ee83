//! The temporary, swap and backup files editors and tools write beside the
//! file being saved. `serve`'s watcher ignores them: a rebuild (and its log
//! line) for `content/sedNWa4h6` or `.index.md.swp` would tell the writer
//! nothing, and the real file's own events follow anyway.
//!
//! Kept here rather than taken from a crate: the gitignore-style crates
//! (`ignore`, `globset`) match globs, and two of these patterns are not
//! globs (vim's `4913` probe and its successors, sed's six random
//! characters); the list is short and each entry is tested.

/// Whether a file named `name` (the last part of its path) is an editor's
/// or tool's scratch file rather than one of the site's files.
pub fn is_editor_scratch_file(name: &str) -> bool {
    is_vim_file(name)
        || is_emacs_file(name)
        || is_sed_temp(name)
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name.ends_with(".kate-swp")
        || name.starts_with(".goutputstream-")
        || name.starts_with("~$")
        || name.starts_with("._")
        || matches!(name, ".DS_Store" | "Thumbs.db" | "desktop.ini")
}

/// `.index.md.swp` (and `.swo`, `.swn`, … when one exists already) and
/// `.swx`; `4913`, the file vim writes to test that a folder is writable,
/// or its successors 5036, 5159, … when that name is taken.
fn is_vim_file(name: &str) -> bool {
    let swap = name.starts_with('.')
        && name.rsplit_once(".sw").is_some_and(|(_, last)| {
            last.len() == 1 && last.chars().all(|c| c.is_ascii_lowercase())
        });
    swap || is_vim_write_probe(name)
}

fn is_vim_write_probe(name: &str) -> bool {
    const FIRST: u64 = 4913;
    const STEP: u64 = 123;
    // Vim gives up well before a hundred tries.
    const TRIES: u64 = 100;
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_digit()) || name.len() > 6 {
        return false;
    }
    let n: u64 = name.parse().unwrap_or(0);
    n >= FIRST && (n - FIRST) % STEP == 0 && (n - FIRST) / STEP < TRIES
}

/// `#index.md#` (auto-save), `.#index.md` (lock), `index.md~` (backup, vim
/// writes these too).
fn is_emacs_file(name: &str) -> bool {
    (name.len() > 2 && name.starts_with('#') && name.ends_with('#'))
        || name.starts_with(".#")
        || (name.len() > 1 && name.ends_with('~'))
}

/// `sed -i` writes `sed` and six random letters or digits, then renames it
/// over the file it edits.
fn is_sed_temp(name: &str) -> bool {
    name.strip_prefix("sed")
        .is_some_and(|rest| rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::is_editor_scratch_file;

    #[test]
    fn editor_scratch_files_are_recognised() {
        for name in [
            ".index.md.swp",
            ".index.md.swo",
            ".index.md.swn",
            ".index.md.swx",
            "4913",
            "5036",
            "#index.md#",
            ".#index.md",
            "index.md~",
            "sedNWa4h6",
            "sed000000",
            "index.md___jb_tmp___",
            "index.md___jb_old___",
            ".index.md.kate-swp",
            ".goutputstream-X1Y2Z3",
            "~$report.docx",
            "._photo.png",
            ".DS_Store",
            "Thumbs.db",
            "desktop.ini",
        ] {
            assert!(is_editor_scratch_file(name), "{name} is a scratch file");
        }
    }

    #[test]
    fn the_site_s_own_files_are_not_scratch_files() {
        for name in [
            "index.md",
            "site.yaml",
            "animation.swf",
            "notes.swp",
            "photo.png",
            "4912",
            "4914",
            "2024",
            "sedation.md",
            "sediment",
            "sed12345",
            "sed-notes.md",
            "#hashtag.md",
            "~",
            "a#b",
            "article.html",
            "style.css",
        ] {
            assert!(!is_editor_scratch_file(name), "{name} is the site's file");
        }
    }
}
