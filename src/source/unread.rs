//! Folders that other site generators read and faqpress does not: a site
//! moved from Zola or Hugo keeps its `static/` files or `layouts/`, and
//! without a word they would silently be left out of the site.

use std::path::Path;

use crate::diagnostics::Diagnostic;

/// Each folder's name and how to move its files into a faqpress site.
const FOLDERS: &[(&str, &str)] = &[
    (
        "static",
        "faqpress publishes the files of `content/` that are not articles at the same path (`content/robots.txt` is `/robots.txt`): move the files of `static/` there",
    ),
    (
        "layouts",
        "faqpress reads the site's own templates from `templates/`, each replacing the theme's file of the same name: move the templates there",
    ),
];

/// A warning for each of [`FOLDERS`] that the site at `root` has.
pub(super) fn warnings(root: &Path) -> Vec<Diagnostic> {
    FOLDERS
        .iter()
        .filter(|(name, _)| root.join(name).is_dir())
        .map(|(name, help)| {
            Diagnostic::warning(
                format!("{name}/"),
                format!(
                    "faqpress does not read the folder `{name}/`, so none of its files are in the site"
                ),
            )
            .with_help(*help)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_static_or_layouts_folder_is_named_with_where_its_files_go() {
        let root = tempfile::tempdir().unwrap();
        assert!(warnings(root.path()).is_empty());
        std::fs::create_dir(root.path().join("static")).unwrap();
        std::fs::create_dir(root.path().join("layouts")).unwrap();
        let found = warnings(root.path());
        let files: Vec<&str> = found.iter().map(|d| d.file.as_str()).collect();
        assert_eq!(files, ["static/", "layouts/"]);
        assert!(found[0].help.as_deref().unwrap().contains("`content/`"));
        assert!(found[1].help.as_deref().unwrap().contains("`templates/`"));
    }
}
