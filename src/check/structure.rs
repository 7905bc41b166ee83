//! The shape of an article: questions that are answered once, and heading
//! levels that screen readers can navigate.

use std::collections::HashMap;

use crate::diagnostics::Diagnostic;
use crate::markdown::{BlockKind, Heading};
use crate::page::{Body, Page};

/// Points a diagnostic at a heading, underlining the whole heading line.
pub(super) fn at_heading(d: Diagnostic, page: &Page, heading: &Heading) -> Diagnostic {
    let d = page.header.at_body_offset(d, heading.offset);
    let len = d
        .source_line
        .as_deref()
        .map_or(1, |l| l.trim_end().chars().count());
    d.with_span_len(len)
}

/// A question heading followed directly by the next heading. A warning,
/// not an error: while writing, an empty question is a normal to-do, and
/// the page still builds; only a published one would puzzle readers.
pub fn unanswered_questions(page: &Page, body: &Body) -> Vec<Diagnostic> {
    body.doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Question && b.text.trim().is_empty())
        .map(|b| {
            let heading = &body.doc.headings[b.heading];
            at_heading(
                Diagnostic::warning(
                    &page.header.file.path,
                    format!("the question `{}` has no answer", heading.text),
                ),
                page,
                heading,
            )
            .with_help("write the answer below the heading, or remove the question")
        })
        .collect()
}

/// `##` followed by `####`. The article's title is the page's `#`, so the
/// body's headings start at `##`.
pub fn skipped_heading_levels(page: &Page, body: &Body) -> Vec<Diagnostic> {
    let mut previous = 1u8;
    let mut diagnostics = Vec::new();
    for heading in &body.doc.headings {
        if heading.level > previous + 1 {
            let hashes = |n: u8| "#".repeat(usize::from(n));
            diagnostics.push(
                at_heading(
                    Diagnostic::warning(
                        &page.header.file.path,
                        format!(
                            "this heading jumps from level {previous} to level {}",
                            heading.level
                        ),
                    ),
                    page,
                    heading,
                )
                .with_help(format!(
                    "use `{}` here: screen readers list headings by level, and a skipped level looks like a missing section",
                    hashes(previous + 1)
                )),
            );
        }
        previous = heading.level;
    }
    diagnostics
}

/// The same question asked twice in one article: usually a copy-paste
/// left over, and it confuses the FAQ structured data.
pub fn duplicate_questions(page: &Page, body: &Body) -> Vec<Diagnostic> {
    let mut seen: HashMap<String, &Heading> = HashMap::new();
    let mut diagnostics = Vec::new();
    for block in body
        .doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Question)
    {
        let heading = &body.doc.headings[block.heading];
        let key = heading.text.to_lowercase();
        match seen.get(&key) {
            Some(first) => {
                let (line, _) = crate::diagnostics::line_column(
                    &page.header.file.text,
                    page.header.split().body_offset + first.offset,
                );
                diagnostics.push(
                    at_heading(
                        Diagnostic::warning(
                            &page.header.file.path,
                            format!("the question `{}` is asked twice", heading.text),
                        ),
                        page,
                        heading,
                    )
                    .with_help(format!(
                        "it is first asked on line {line}; merge the two answers or reword one question"
                    )),
                );
            }
            None => {
                seen.insert(key, heading);
            }
        }
    }
    diagnostics
}
