//! New sites and new articles, as data: `faqpress init` writes the files
//! of [`files`], `faqpress new` the text of [`article::article`]. The
//! commands decide whether they may write; this module only says what.

pub mod article;

use std::path::Path;

/// One file of a new site: its path relative to the site folder, and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaffoldFile {
    pub path: &'static str,
    pub text: String,
}

/// The templates, embedded so the binary needs nothing beside it.
/// `{{version}}` is this faqpress's version, so the deploy kits install
/// the same one that wrote them.
const TEMPLATES: &[(&str, &str)] = &[
    ("site.yaml", include_str!("site.yaml")),
    ("content/index.md", include_str!("index.md")),
    (".github/workflows/pages.yml", include_str!("pages.yml")),
    ("netlify.toml", include_str!("netlify.toml")),
    (".gitignore", include_str!("gitignore")),
];

/// Every file a new site starts with.
pub fn files() -> Vec<ScaffoldFile> {
    TEMPLATES
        .iter()
        .map(|(path, text)| ScaffoldFile {
            path,
            text: text.replace("{{version}}", env!("CARGO_PKG_VERSION")),
        })
        .collect()
}

/// The scaffold files that already exist in `dir`: `init` refuses to
/// overwrite any of them.
pub fn existing(dir: &Path, files: &[ScaffoldFile]) -> Vec<&'static str> {
    files
        .iter()
        .filter(|f| dir.join(f.path).exists())
        .map(|f| f.path)
        .collect()
}

/// `build.rs` itself, so its git logic is tested like any other code.
#[cfg(test)]
#[allow(dead_code)]
#[path = "../../build.rs"]
mod build_script;

#[cfg(test)]
mod build_script_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_is_filled_in_and_markers_kept() {
        let files = files();
        let netlify = files.iter().find(|f| f.path == "netlify.toml").unwrap();
        assert!(netlify.text.contains(env!("CARGO_PKG_VERSION")));
        assert!(!netlify.text.contains("{{version}}"));
        let article = files.iter().find(|f| f.path == "content/index.md").unwrap();
        assert!(article.text.contains("{{ pricing_table() }}"));
    }
}
