//! Where each language's list of articles goes, and the articles whose
//! URL it would take.

use std::sync::Arc;

use crate::diagnostics::Diagnostic;
use crate::page::Header;

/// Where the list of all articles in `language` goes (`None`: the site's
/// own), inside `prefix` (`de/` for `de`, `` for the site's own): the
/// language's home page when no article is that home page, `articles/`
/// when there are others beside it.
pub(super) fn listing_path_of(
    published: &[Arc<Header>],
    language: Option<&str>,
    prefix: &str,
) -> Option<String> {
    let mut count = 0;
    let mut has_home = false;
    for h in published
        .iter()
        .filter(|h| h.language.as_deref() == language)
    {
        count += 1;
        has_home |= h.path == prefix;
    }
    if language.is_some() && count == 0 {
        None
    } else if !has_home {
        Some(prefix.to_string())
    } else if count > 1 {
        Some(format!("{prefix}articles/"))
    } else {
        None
    }
}

/// Articles whose URL is one of the listing's own pages: `articles/`,
/// `articles/page/2/`, …
pub(super) fn listing_clashes(published: &[Arc<Header>], listing: &str) -> Vec<Diagnostic> {
    let pages_prefix = format!("{listing}page/");
    published
        .iter()
        .filter(|h| h.path == listing || h.path.starts_with(&pages_prefix))
        .map(|clash| {
            Diagnostic::error(
                &clash.file.path,
                format!(
                    "this article's URL `/{}` is reserved for the list of articles",
                    clash.path
                ),
            )
            .at(&clash.file.text, 1, 1)
            .with_help("give it another file name or `slug`")
        })
        .collect()
}
