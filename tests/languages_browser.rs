//! The translated fixture site (`tests/fixtures/languages/`) in Chromium,
//! under `/repo/` and served with its own `_headers` (CSP): the language
//! switcher goes to the translation's same question, and every page is
//! valid to the Nu HTML Checker and free of axe-core violations, in both
//! themes.
//!
//! Needs the tools of `bash tests/run.sh`; fails (never skips) without them.

mod support;

use faqpress::config::Overrides;
use support::{
    DESKTOP_WIDTH, MOBILE_WIDTH, StaticServer, TestTab, emulate_viewport, eval, new_tab, wait_until,
};

fn build(theme: &str) -> tempfile::TempDir {
    let overrides = Overrides {
        theme: Some(theme.to_string()),
        base_url: Some("https://answers.example.org/repo/".to_string()),
        ..Overrides::default()
    };
    support::build_into_temp(&support::fixture("languages"), overrides)
}

/// Clicks the switcher's link to `language` and waits for its page.
fn switch_to(tab: &TestTab, language: &str, path: &str) {
    // Clicked through the DOM: a pointer click lands by coordinates,
    // which a page still scrolling to its fragment can move under it.
    let script =
        format!("document.querySelector('nav[data-languages] a[hreflang=\"{language}\"]').click()");
    eval(tab.tab(), &script);
    wait_until(&format!("{path} to load"), || {
        eval(tab.tab(), "location.pathname + '|' + document.readyState")
            == format!("{path}|complete")
    });
}

/// The page's fragment and whether that element is in the viewport.
fn landed_at(tab: &TestTab) -> (String, bool) {
    let hash = eval(tab.tab(), "decodeURIComponent(location.hash)");
    let visible = eval(
        tab.tab(),
        "(() => { const e = document.getElementById(decodeURIComponent(location.hash.slice(1))); \
         if (!e) return false; const r = e.getBoundingClientRect(); \
         return r.top >= -1 && r.top < innerHeight; })()",
    );
    (
        hash.as_str().unwrap_or_default().to_string(),
        visible == true,
    )
}

#[test]
fn the_language_switcher_goes_to_the_same_question_in_the_translation() {
    for theme in ["clinical", "serene"] {
        let out = build(theme);
        let (server, _) = StaticServer::with_site_headers(&out.path().join("public"), "/repo/");
        for width in [MOBILE_WIDTH, DESKTOP_WIDTH] {
            let tab = new_tab();
            emulate_viewport(tab.tab(), width);
            tab.goto(&server.url("#who-is-a-peel-for"));
            switch_to(&tab, "de", "/repo/de/");
            let (hash, visible) = landed_at(&tab);
            assert_eq!(
                hash, "#fuer-wen-ist-ein-peeling-geeignet",
                "{theme} {width}px"
            );
            assert!(
                visible,
                "{theme} {width}px: the question is scrolled into view"
            );
            // The third question in French, back to English.
            tab.goto(&server.url("fr/#que-se-passe-t-il-apres-un-peeling"));
            switch_to(&tab, "en", "/repo/");
            let (hash, visible) = landed_at(&tab);
            assert_eq!(hash, "#what-happens-after-a-peel", "{theme} {width}px");
            assert!(visible, "{theme} {width}px");
            // Without a question in the address, the translation's top.
            tab.goto(&server.url("sun/"));
            switch_to(&tab, "de", "/repo/de/sonnenschutz/");
            assert_eq!(eval(tab.tab(), "location.hash"), "", "{theme}");
            tab.assert_no_console_errors();
        }
    }
}

#[test]
fn every_language_s_pages_are_valid_html_and_pass_axe_in_both_themes() {
    for theme in ["clinical", "serene"] {
        let out = build(theme);
        let pages = ["", "de/", "fr/", "de/articles/", "de/sonnenschutz/"];
        support::assert_valid_and_accessible(
            &out.path().join("public"),
            "/repo/",
            &pages,
            10,
            theme,
        );
    }
}
