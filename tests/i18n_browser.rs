//! The German fixture site (`tests/fixtures/i18n-de/`): its longer words
//! and other quotation marks keep every page valid to the Nu HTML Checker
//! and the article free of axe-core violations, in both themes, on a
//! phone and a desktop, served with the site's own `_headers`.
//!
//! Needs the tools of `bash tests/run.sh`; fails (never skips) without them.

mod support;

use std::path::PathBuf;

use faqpress::config::Overrides;
use support::{
    DESKTOP_WIDTH, MOBILE_WIDTH, StaticServer, emulate_viewport, new_tab, run_axe, run_vnu,
};

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
        let public = out.path().join("public");
        let files: Vec<PathBuf> = support::files_below(&public)
            .into_iter()
            .filter(|f| f.ends_with(".html"))
            .map(|f| public.join(f))
            .collect();
        assert!(files.len() >= 6, "{theme}: {files:?}");
        let errors = run_vnu(&files);
        assert!(
            errors.is_empty(),
            "{theme}: vnu errors:\n{}",
            errors.join("\n")
        );

        let (server, _) = StaticServer::with_site_headers(&public, "/");
        for width in [MOBILE_WIDTH, DESKTOP_WIDTH] {
            let tab = new_tab();
            emulate_viewport(&tab, width);
            for page in ["", "tags/", "authors/jonas-muster/"] {
                tab.goto(&server.url(page));
                let violations = run_axe(&tab);
                assert!(
                    violations.is_empty(),
                    "{theme} {width}px /{page}: {violations:#?}"
                );
            }
            tab.assert_no_console_errors();
        }
    }
}
