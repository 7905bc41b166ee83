//! The variants the pages of a build use, made (or taken from the cache)
//! once every page is derived, with any image that fails to decode
//! reported where a page first shows it.

use std::collections::BTreeMap;

use super::{Job, produce, variants};
use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;
use crate::site::SiteModel;
use crate::source::ImageCache;

/// What the image step of a build made.
#[derive(Debug, Default)]
pub struct ImageFiles {
    /// Variants for the output.
    pub files: Vec<OutputFile>,
    /// Variants encoded in this build, by their names in the cache.
    pub encoded: Vec<OutputFile>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Makes the variants of every image the model's pages show. With
/// `only_check` (for `check`), uncached images are decoded to find broken
/// ones, and nothing is encoded.
pub fn for_pages(model: &SiteModel, cache: &ImageCache, only_check: bool) -> ImageFiles {
    // Each image once, in a stable order, with the first page showing it.
    let mut used: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (i, page) in model.pages.iter().enumerate() {
        for (rel, offset) in &page.outline.images {
            used.entry(rel.as_str()).or_insert((i, *offset));
        }
    }
    if used.is_empty() {
        return ImageFiles::default();
    }
    let widths = &model.site.images.widths;
    let mut jobs = Vec::with_capacity(used.len());
    let mut shown_at = Vec::with_capacity(used.len());
    for (rel, at) in &used {
        let Some(probed) = model.images.images.get(rel) else {
            continue;
        };
        // Images whose header failed were reported where they are shown.
        let Ok((info, _)) = &probed.info else {
            continue;
        };
        jobs.push(Job {
            info,
            bytes: probed.bytes,
            variants: variants(info, widths),
        });
        shown_at.push(*at);
    }
    let made = produce(&jobs, &|name| cache.get(name), only_check);
    let diagnostics = made
        .failures
        .into_iter()
        .map(|(job, why)| {
            let (page, offset) = shown_at[job];
            let header = &model.pages[page].header;
            let message = format!("the image `{}` cannot be used: {why}", jobs[job].info.rel);
            header
                .at_body_offset(Diagnostic::error(&header.file.path, message), offset)
                .with_help(
                    "open the file in an image editor and export it again as a JPEG, PNG or WebP",
                )
        })
        .collect();
    ImageFiles {
        files: made.files,
        encoded: made.encoded,
        diagnostics,
    }
}
