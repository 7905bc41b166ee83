//! New sites and new articles, as data: `faqpress init` writes the files
//! of [`files`], `faqpress new` the text of [`article::article`]. The
//! commands decide whether they may write; this module only says what.

pub mod article;
pub mod install;

use std::path::Path;

use install::Source;

use crate::date::Date;
use crate::layout;

/// One file of a new site: its path relative to the site folder, and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaffoldFile {
    pub path: &'static str,
    pub text: String,
}

const WORKFLOW: &str = ".github/workflows/pages.yml";
const NETLIFY: &str = "netlify.toml";

/// The templates, embedded so the binary needs nothing beside it. Their
/// `{{name}}` placeholders are filled by [`fill`]: `{{version}}` is this
/// faqpress's version, `{{today}}` the day the site is made (the sample's
/// prices are checked as of then, so `check` finds them fresh), the others
/// say where the deploy kits install faqpress from (see [`install`]).
const TEMPLATES: &[(&str, &str)] = &[
    (layout::CONFIG_FILE, include_str!("site.yaml")),
    ("README.md", include_str!("README.md")),
    ("content/index.md", include_str!("index.md")),
    (layout::WORD_LIST, include_str!("words")),
    (WORKFLOW, include_str!("pages.yml")),
    (NETLIFY, include_str!("netlify.toml")),
    (".gitignore", include_str!("gitignore")),
];

/// Every file a new site made on `today` starts with, its deploy kits
/// installing faqpress from `source`.
pub fn files(source: &Source, today: Date) -> Vec<ScaffoldFile> {
    let today = today.to_string();
    let vars = [
        ("version", env!("CARGO_PKG_VERSION")),
        ("today", &today),
        ("faqpress_git", &source.git),
        ("pin_flag", source.pin.flag()),
        ("faqpress_rev", source.pin.value()),
    ];
    TEMPLATES
        .iter()
        .map(|(path, text)| ScaffoldFile {
            path,
            text: fill(text, &vars),
        })
        .collect()
}

/// Replaces each `{{name}}` of `vars` in one pass, so a value is never read
/// as a template. Anything else in braces is kept: GitHub's `${{ … }}`
/// expressions and the article's `{{ pricing_table() }}` markers.
fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let (before, after) = rest.split_at(start);
        out.push_str(before);
        let inner = &after[2..];
        let value = inner
            .find("}}")
            .filter(|_| !before.ends_with('$'))
            .and_then(|end| {
                let name = &inner[..end];
                vars.iter().find(|(k, _)| *k == name).map(|(_, v)| (end, v))
            });
        match value {
            Some((end, value)) => {
                out.push_str(value);
                rest = &inner[end + 2..];
            }
            None => {
                out.push_str("{{");
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    out
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

#[cfg(test)]
mod tests;

/// `build.rs` itself, so its git logic is tested like any other code.
#[cfg(test)]
#[allow(dead_code)]
#[path = "../../build.rs"]
mod build_script;

#[cfg(test)]
mod build_script_tests;
