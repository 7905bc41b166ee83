//! The checks that tie translations to their originals: every
//! `aftercare.de.md` translates an `aftercare.md` that exists, and no
//! article of the site's own language sits in a translation's folder.

use std::collections::HashSet;
use std::sync::Arc;

use crate::config::Site;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::page::{self, Header};

/// Translations whose original is neither a published article nor a draft.
pub(super) fn orphans(published: &[Arc<Header>], drafts: &HashSet<String>) -> Vec<Diagnostic> {
    // A site without translations (the common case) builds no set: this
    // runs on every `serve` rebuild, and at 100,000 articles the set and
    // its sorted names were 8 % of a one-article rebuild.
    if published.iter().all(|h| h.original.is_none()) {
        return Vec::new();
    }
    let originals: HashSet<&str> = published
        .iter()
        .filter(|h| h.language.is_none())
        .map(|h| h.content_path())
        .chain(drafts.iter().map(String::as_str))
        .collect();
    let mut names: Vec<&str> = originals.iter().copied().collect();
    names.sort_unstable();
    published
        .iter()
        .filter_map(|h| {
            let original = h.original.as_deref()?;
            if originals.contains(original) {
                return None;
            }
            let language = h.language.as_deref().unwrap_or_default();
            let help = match did_you_mean(original, &names) {
                Some(best) => format!(
                    "did you mean to translate `{best}`? Name the file after it, e.g. `{}`",
                    translated_name(best, language)
                ),
                None => format!(
                    "write the article first as `content/{original}` in the site's own language; a translation is named after it plus `.{language}`"
                ),
            };
            Some(
                Diagnostic::error(
                    &h.file.path,
                    format!("this is a `{language}` translation of `content/{original}`, which does not exist"),
                )
                .at(&h.file.text, 1, 1)
                .with_help(help),
            )
        })
        .collect()
}

/// `a/b.md`, `de` → `a/b.de.md`.
fn translated_name(original: &str, language: &str) -> String {
    let stem = original.strip_suffix(".md").unwrap_or(original);
    format!("{stem}.{language}.md")
}

/// Articles of the site's own language whose URL is inside a translation
/// language's folder (`content/de/x.md` on a site translated into `de`).
pub(super) fn folder_clashes(site: &Site, published: &[Arc<Header>]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for t in &site.translations {
        for clash in published
            .iter()
            .filter(|h| h.language.is_none() && h.path.starts_with(&t.prefix))
        {
            diagnostics.push(
                Diagnostic::error(
                    &clash.file.path,
                    format!(
                        "this article's URL `/{}` is inside `/{}`, which holds the `{}` translations",
                        clash.path, t.prefix, t.tag
                    ),
                )
                .at(&clash.file.text, 1, 1)
                .with_help(format!(
                    "move it out of the `{}` folder or give it another `slug`; to translate an article into `{}`, name the translation `{}`",
                    t.prefix.trim_end_matches('/'),
                    t.tag,
                    translated_name(
                        page::content_rel(&clash.file.path)
                            .strip_prefix(t.prefix.as_str())
                            .unwrap_or_default(),
                        &t.tag
                    )
                )),
            );
        }
    }
    diagnostics
}
