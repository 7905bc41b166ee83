//! Images readers cannot see must still be described, and images
//! readers download must not be needlessly heavy.

use crate::diagnostics::Diagnostic;
use crate::images::Catalog;
use crate::page::{Body, Page};

/// An image with empty alt text: screen readers announce only its file
/// name. A warning because a purely decorative image may be empty on
/// purpose, but in a health article that is rare.
pub fn missing_alt_text(page: &Page, body: &Body) -> Vec<Diagnostic> {
    body.doc
        .images
        .iter()
        .filter(|image| image.alt.trim().is_empty())
        .map(|image| {
            page.header
                .at_body_offset(
                    Diagnostic::warning(
                        &page.header.file.path,
                        format!("the image `{}` has no alt text", image.dest),
                    ),
                    image.offset,
                )
                .with_span_len(2)
            .with_help(
                "describe the image between the brackets, e.g. `![A derma roller on a towel](roller.jpg)`; screen readers read it aloud",
            )
        })
        .collect()
}

/// An image file over `images.max_kb`: the variants are resized, but the
/// original is still published (and linked to), and a camera's file
/// usually wants exporting at a web size first. Reported where the page
/// shows it, once per page.
pub fn too_large(page: &Page, images: &Catalog, max_kb: u64) -> Vec<Diagnostic> {
    let mut seen = Vec::new();
    let mut found = Vec::new();
    for (rel, offset) in &page.outline.images {
        let Some(probed) = images.images.get(rel.as_str()) else {
            continue;
        };
        let kb = (probed.bytes.len() as u64).div_ceil(1024);
        if kb <= max_kb || seen.contains(&rel) {
            continue;
        }
        seen.push(rel);
        let message = format!(
            "the image `{rel}` is {kb} KB, more than the {max_kb} KB `images.max_kb` allows"
        );
        found.push(
            page.header
                .at_body_offset(Diagnostic::warning(&page.header.file.path, message), *offset)
                .with_span_len(2)
                .with_help("export it smaller (JPEG quality 80, at most 2,000 pixels wide is plenty), or raise `images.max_kb` in site.yaml"),
        );
    }
    found
}
