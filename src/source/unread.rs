//! Folders that other site generators read and faqpress does not: a site
//! moved from Zola or Hugo keeps its `static/` files or `layouts/`, and
//! without a word they would silently be left out of the site.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::layout::{CONTENT_DIR, TEMPLATES_DIR};

/// Each folder's name and where its files go in a faqpress site.
const FOLDERS: &[(&str, &str)] = &[("static", CONTENT_DIR), ("layouts", TEMPLATES_DIR)];

/// A warning for each of [`FOLDERS`] that the site at `root` has.
pub(super) fn warnings(root: &Path) -> Vec<Diagnostic> {
    FOLDERS
        .iter()
        .filter(|(name, _)| root.join(name).is_dir())
        .map(|&(name, instead)| warning(name, instead))
        .collect()
}

fn warning(name: &str, instead: &str) -> Diagnostic {
    let help = if instead == CONTENT_DIR {
        format!(
            "faqpress publishes the files of `{CONTENT_DIR}/` that are not articles at the same path (`{CONTENT_DIR}/robots.txt` is `/robots.txt`): move the files of `{name}/` there"
        )
    } else {
        format!(
            "faqpress reads the site's own templates from `{TEMPLATES_DIR}/`, each replacing the theme's file of the same name: move the templates there"
        )
    };
    Diagnostic::warning(
        format!("{name}/"),
        format!(
            "faqpress does not read the folder `{name}/`, so none of its files are in the site"
        ),
    )
    .with_help(help)
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
