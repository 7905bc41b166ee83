//! Images readers cannot see must still be described.

use crate::diagnostics::Diagnostic;
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
