//! Trust rules: reviews nobody has renewed for a while, and (when the
//! site asks for it) answers that cite no source.

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Severity};
use crate::frontmatter::error_at;
use crate::markdown::BlockKind;
use crate::page::{Body, Page};
use crate::yaml::Step;

/// A medical review older than `max_months` is probably due again.
pub fn stale_review(page: &Page, today: Date, max_months: u32) -> Vec<Diagnostic> {
    let Some(reviewed) = page.header.front.last_reviewed else {
        return Vec::new();
    };
    let age = reviewed.months_until(today);
    if age <= i32::try_from(max_months).unwrap_or(i32::MAX) {
        return Vec::new();
    }
    let header = &page.header;
    let mut d = error_at(
        &header.file,
        &header.split(),
        &[Step::Key("last_reviewed")],
        format!("the article was last reviewed {age} months ago ({reviewed})"),
    )
    .with_help(format!(
        "have it reviewed again and set `last_reviewed` to that day; the limit is {max_months} months (`check: {{ review_max_age_months: … }}` in site.yaml)"
    ));
    d.severity = Severity::Warning;
    vec![d]
}

/// Answers without a `[^src:id]` citation, with `check.require_sources`.
pub fn uncited_answers(page: &Page, body: &Body) -> Vec<Diagnostic> {
    let doc = &body.doc;
    doc.blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Question && !b.text.trim().is_empty())
        .filter(|b| !doc.citations.iter().any(|c| b.range.contains(&c.range.start)))
        .map(|b| {
            let heading = &doc.headings[b.heading];
            super::structure::at_heading(
                Diagnostic::warning(
                    &page.header.file.path,
                    format!("the answer to `{}` cites no source", heading.text),
                ),
                page,
                heading,
            )
            .with_help("cite the work it relies on with `[^src:id]`, an `id` of the front matter's `sources:` (`check: { require_sources: false }` in site.yaml turns this off)")
        })
        .collect()
}
