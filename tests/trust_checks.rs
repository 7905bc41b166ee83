//! The fixture site with everything trust adds (`tests/fixtures/trust/`:
//! byline, reviewer, author pages, cited sources, checklist, price table):
//! every page valid to the Nu HTML Checker, and the article and an author
//! page free of axe-core violations in Chromium, in both themes, light and
//! dark, on a phone and a desktop, served with the site's own `_headers`.
//!
//! Needs the tools of `bash tests/run.sh`; fails (never skips) without them.

mod support;

use std::path::{Path, PathBuf};

use faqpress::config::Overrides;
use support::{
    ColorScheme, DESKTOP_WIDTH, MOBILE_WIDTH, StaticServer, emulate_color_scheme, emulate_viewport,
    new_tab, run_axe, run_vnu,
};

const THEMES: [&str; 2] = ["clinical", "serene"];

fn build(theme: &str) -> tempfile::TempDir {
    let overrides = Overrides {
        theme: Some(theme.to_string()),
        ..Overrides::default()
    };
    support::build_into_temp(&support::fixture("trust"), overrides)
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    support::files_below(dir)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| dir.join(f))
        .collect()
}

#[test]
fn every_page_of_the_trust_fixture_is_valid_html_in_both_themes() {
    let builds: Vec<_> = THEMES.iter().map(|t| build(t)).collect();
    let files: Vec<PathBuf> = builds
        .iter()
        .flat_map(|b| html_files(&b.path().join("public")))
        .collect();
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    for page in [
        "public/index.html",
        "public/second/index.html",
        "public/authors/sam-sample/index.html",
    ] {
        assert_eq!(
            names.iter().filter(|n| n.ends_with(page)).count(),
            2,
            "{page} in both themes: {names:#?}"
        );
    }
    let errors = run_vnu(&files);
    assert!(errors.is_empty(), "vnu errors:\n{}", errors.join("\n"));
}

#[test]
fn the_trust_fixture_passes_axe_in_both_themes() {
    for theme in THEMES {
        let out = build(theme);
        let public = out.path().join("public");
        let (server, _) = StaticServer::with_site_headers(&public, "/");
        for width in [MOBILE_WIDTH, DESKTOP_WIDTH] {
            for scheme in [ColorScheme::Light, ColorScheme::Dark] {
                let tab = new_tab();
                emulate_viewport(&tab, width);
                emulate_color_scheme(&tab, scheme);
                for page in ["", "second/", "authors/sam-sample/"] {
                    tab.goto(&server.url(page));
                    let violations = run_axe(&tab);
                    assert!(
                        violations.is_empty(),
                        "{theme} {width} {} /{page}: {violations:#?}",
                        scheme.as_str()
                    );
                }
                tab.assert_no_console_errors();
            }
        }
    }
}
