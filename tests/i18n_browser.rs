//! The German fixture site (`tests/fixtures/i18n-de/`): its longer words
//! and other quotation marks keep every page valid to the Nu HTML Checker
//! and the article free of axe-core violations, in both themes, on a
//! phone and a desktop, served with the site's own `_headers`.
//!
//! Needs the tools of `bash tests/run.sh`; fails (never skips) without them.

mod support;

use faqpress::config::Overrides;

fn build(theme: &str) -> tempfile::TempDir {
    let overrides = Overrides {
        theme: Some(theme.to_string()),
        ..Overrides::default()
    };
    support::build_into_temp(&support::fixture("i18n-de"), overrides)
}

#[test]
fn the_german_site_is_valid_html_and_passes_axe_in_both_themes() {
    for theme in ["clinical", "serene"] {
        let out = build(theme);
        let pages = ["", "tags/", "authors/jonas-muster/"];
        support::assert_valid_and_accessible(&out.path().join("public"), "/", &pages, 6, theme);
    }
}
