//! `faqpress check`: everything `build` validates, plus editorial rules,
//! reported all at once and without writing anything.
//!
//! Each rule is a pure function from a derived page to diagnostics, grouped
//! by topic in the files of this module. Severity follows one principle:
//! an error is something that is wrong whatever the editor intended (a
//! broken link, `updated` before `date`); a warning is something that is
//! probably unfinished or could be intentional (an unanswered question, a
//! date in the future, an unknown word).

pub mod frontmatter;
pub mod images;
pub mod report;
pub mod spelling;
pub mod structure;
pub mod trust;

use std::path::Path;

use crate::config::{self, Overrides};
use crate::date::Date;
use crate::diagnostics::{self, Diagnostic};
use crate::site::SiteModel;
use crate::{pipeline, source};
use spelling::Speller;

/// What a check found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Errors and warnings, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Things the editor should know that are not problems of the site,
    /// such as a missing spelling dictionary.
    pub notes: Vec<String>,
}

/// Checks the site in `root`: reads it, but writes nothing.
pub fn check_site(root: &Path, overrides: &Overrides) -> CheckReport {
    let sources = match source::load(root) {
        Ok(sources) => sources,
        Err(mut diagnostics) => {
            diagnostics::sort(&mut diagnostics);
            return CheckReport {
                diagnostics,
                notes: Vec::new(),
            };
        }
    };
    // Each article is spelled against its own language's dictionary.
    let languages = config::parse(&sources.config, overrides)
        .map(|site| {
            let others = site.translations.iter().map(|t| t.tag.clone());
            std::iter::once(site.language.clone())
                .chain(others)
                .collect()
        })
        .unwrap_or_else(|_| vec!["en".to_string()]);
    let mut spellers = Vec::new();
    let mut notes = Vec::new();
    for language in &languages {
        match spelling::load(root, language) {
            Ok(speller) => spellers.push(speller),
            Err(note) => notes.push(note),
        }
    }
    CheckReport {
        diagnostics: check_sources(&sources, overrides, &spellers, Date::today()),
        notes,
    }
}

/// Checks sources already in memory, as of `today`: the steps of a build
/// (with nothing written), plus the editorial rules over every page.
pub fn check_sources(
    sources: &source::Sources,
    overrides: &Overrides,
    spellers: &[Speller],
    today: Date,
) -> Vec<Diagnostic> {
    let inspect = |model: &SiteModel| rules(model, spellers, today);
    let mut diagnostics = match pipeline::run(sources, overrides, &|_| Ok(()), None, Some(&inspect))
    {
        Ok(rendered) => rendered.warnings,
        Err(diagnostics) => diagnostics,
    };
    diagnostics::sort(&mut diagnostics);
    diagnostics.dedup();
    diagnostics
}

/// The editorial rules, over every page.
fn rules(model: &SiteModel, spellers: &[Speller], today: Date) -> Vec<Diagnostic> {
    let max_age = model.site.check.pricing_max_age_months;
    let review_max_age = model.site.check.review_max_age_months;
    let require_sources = model.site.check.require_sources;
    let max_kb = model.site.images.max_kb;
    model
        .pages
        .iter()
        .flat_map(|page| {
            let mut found = Vec::new();
            // The pipeline keeps every body for `check` (only a clean
            // build drops them, once each page is written).
            if let Some(body) = &page.body {
                found.extend(images::missing_alt_text(page, body));
                found.extend(images::too_large(page, &model.images, max_kb));
                found.extend(structure::unanswered_questions(page, body));
                found.extend(structure::skipped_heading_levels(page, body));
                found.extend(structure::duplicate_questions(page, body));
                if require_sources {
                    found.extend(trust::uncited_answers(page, body));
                }
            }
            found.extend(frontmatter::description(page));
            found.extend(frontmatter::future_dates(page, today));
            found.extend(frontmatter::updated_before_date(page));
            found.extend(frontmatter::stale_pricing(page, today, max_age));
            found.extend(trust::stale_review(page, today, review_max_age));
            let language = model.site.language_of(page.header.language.as_deref());
            if let Some(speller) = spellers.iter().find(|s| s.speaks(language)) {
                found.extend(spelling::misspellings(page, speller));
            }
            found
        })
        .collect()
}
