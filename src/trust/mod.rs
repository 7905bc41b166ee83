//! What makes a health article trustworthy to readers and to search
//! engines: who wrote and who reviewed it (`people`), and the works it
//! cites (`sources`).

pub mod people;
pub mod sources;

use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::markdown::Document;
use crate::page::Header;

/// The problems of an article's people and citations, once its body is
/// rendered.
pub fn check_page(header: &Header, doc: &Document, site: &Site) -> Vec<Diagnostic> {
    let mut found = people::check_names(header, &site.authors);
    found.extend(sources::check_citations(header, &doc.citations));
    found
}
