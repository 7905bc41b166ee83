//! Problems found once every page is made, positioned in the article
//! whose body a clean build may have let go of.

use std::sync::Arc;

use crate::components::RESERVED_IDS;
use crate::diagnostics::Diagnostic;
use crate::page::{Header, Page};
use crate::source::Sources;

/// Points `d` at a byte offset of the body of `header`'s article once its
/// page is made, when a clean build may have let go of the body: the file
/// is read again then, which only a problem costs.
pub fn at_body_offset(
    sources: &Sources,
    header: &Header,
    d: Diagnostic,
    offset: usize,
) -> Diagnostic {
    match sources.in_full(&header.file) {
        Ok(full) => header.at_body_offset_of(&full, d, offset),
        Err(_) => d.at(&header.file.text, 1, 1),
    }
}

/// Every `#fragment` a link expects must be an id on the target page.
/// `pages` are sorted by path, so each link's target page is a binary
/// search away and its few ids a short scan: the check costs what the
/// links cost, with no per-page sets built on every rebuild.
pub(super) fn check_anchors(pages: &[Arc<Page>], sources: &Sources) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for page in pages {
        for anchor in &page.outline.anchors {
            let target = anchor.page.as_str();
            let Ok(i) = pages.binary_search_by(|p| p.header.path.as_str().cmp(target)) else {
                continue;
            };
            let ids = || {
                pages[i]
                    .outline
                    .ids
                    .iter()
                    .map(String::as_str)
                    .chain(RESERVED_IDS.iter().copied())
            };
            if ids().any(|id| id == anchor.fragment) {
                continue;
            }
            let mut known: Vec<&str> = ids().collect();
            known.sort_unstable();
            let help = match crate::diagnostics::did_you_mean(&anchor.fragment, &known) {
                Some(best) => format!("did you mean `#{best}`?"),
                None => "link to a heading's id; each `## Heading` gets one made of its words, e.g. `#is-it-safe`".to_string(),
            };
            let d = Diagnostic::error(
                &page.header.file.path,
                format!("`#{}` is not an id on the linked page", anchor.fragment),
            );
            diagnostics
                .push(at_body_offset(sources, &page.header, d, anchor.range.start).with_help(help));
        }
    }
    diagnostics
}
