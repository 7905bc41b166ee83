//! The built site in a real browser, served under `/repo/` with the exact
//! headers `_headers` gives Netlify: no CSP violation, no console error, no
//! failed request. Needs chromium; run through `bash tests/run.sh`.

mod support;

use std::fs;
use std::path::Path;

use faqpress::config::Overrides;
use faqpress::{BuildOptions, build};
use support::{StaticServer, eval, new_tab};

#[test]
fn pages_satisfy_their_content_security_policy() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    for (root, pages) in [
        (
            Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
            &["", "404.html"][..],
        ),
        (
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile"),
            &["", "old-page/"][..],
        ),
        (
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trust"),
            &["", "authors/sam-sample/"][..],
        ),
    ] {
        let options = BuildOptions {
            root,
            output: public.clone(),
            overrides: Overrides {
                base_url: Some("https://example.github.io/repo/".into()),
                ..Overrides::default()
            },
        };
        build(&options).unwrap();
        let (server, headers) = StaticServer::with_site_headers(&public, "/repo/");
        assert_eq!(headers.len(), 4, "{headers:?}");
        let tab = new_tab();
        for page in pages {
            tab.goto(&server.url(page));
            if page.starts_with("old-page") {
                // The alias page refreshes to the article, under /repo/.
                support::wait_until("the alias refreshes to the article", || {
                    eval(tab.tab(), "location.pathname") == serde_json::json!("/repo/")
                });
                tab.assert_no_console_errors();
                continue;
            }
            // The stylesheet applied: CSP did not block it.
            let sheets = eval(tab.tab(), "document.styleSheets.length");
            assert_eq!(sheets, serde_json::json!(1), "{page}: stylesheet loaded");
            let json_ld = eval(
                tab.tab(),
                "document.querySelectorAll('script[type=\"application/ld+json\"]').length",
            );
            if page.is_empty() {
                assert_eq!(json_ld, serde_json::json!(1), "one JSON-LD document");
                // The browser reads it as data under the policy, its URLs
                // absolute with the base path.
                let id = eval(
                    tab.tab(),
                    "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)['@graph'][0]['@id']",
                );
                assert_eq!(id, serde_json::json!("https://example.github.io/repo/"));
            }
            tab.assert_no_console_errors();
        }
        let failed: Vec<_> = server
            .requests()
            .into_iter()
            // Only this site's own requests: under a sub-path, `/favicon.ico`
            // at the host's root belongs to whatever site owns the root.
            .filter(|(path, status)| *status >= 400 && path.starts_with("/repo/"))
            .collect();
        assert!(failed.is_empty(), "failed requests: {failed:?}");
    }
}

/// The check above is only worth something if a violation would show.
#[test]
fn an_inline_style_would_be_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("index.html"),
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>x</title>\
         <style>body{color:red}</style></head><body><p>x</p></body></html>",
    )
    .unwrap();
    let server = StaticServer::builder(dir.path())
        .prefix("/repo/")
        .header(
            "Content-Security-Policy",
            faqpress::publish::headers::CONTENT_SECURITY_POLICY,
        )
        .start();
    let tab = new_tab();
    tab.goto(&server.url(""));
    let errors = tab.console_errors();
    assert!(
        errors.iter().any(|e| e.contains("Content Security Policy")),
        "{errors:?}"
    );
}

/// The checklist's script runs under the policy `_headers` gives, with
/// search on and off (then `script-src 'self'` alone lets it run), and
/// under `/repo/`: ticking a box writes the verdict into the status region.
#[test]
fn the_checklist_script_runs_under_the_site_s_policy_with_and_without_search() {
    for search in [true, false] {
        let site = tempfile::tempdir().unwrap();
        fs::create_dir_all(site.path().join("content")).unwrap();
        let yaml = format!("title: Checklist\nsearch: {search}\n");
        fs::write(site.path().join("site.yaml"), yaml).unwrap();
        let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/index.md");
        fs::copy(bundled, site.path().join("content/index.md")).unwrap();
        let public = site.path().join("public");
        let options = BuildOptions {
            root: site.path().to_path_buf(),
            output: public.clone(),
            overrides: Overrides {
                base_url: Some("https://example.github.io/repo/".into()),
                ..Overrides::default()
            },
        };
        build(&options).unwrap();
        let (server, _) = StaticServer::with_site_headers(&public, "/repo/");
        let tab = new_tab();
        tab.goto(&server.url(""));
        let status = "document.querySelector('.checklist output').textContent";
        assert_eq!(
            eval(tab.tab(), status),
            serde_json::json!(""),
            "search: {search}"
        );
        eval(
            tab.tab(),
            "document.querySelector('.checklist li:nth-child(2) input').click()",
        );
        support::wait_until("the script writes the verdict", || {
            eval(tab.tab(), status)
                == serde_json::json!("Not suitable: you ticked a statement that rules it out.")
        });
        tab.assert_no_console_errors();
        let script = server
            .requests()
            .into_iter()
            .find(|(path, _)| path.starts_with("/repo/checklist."));
        assert_eq!(script.map(|(_, s)| s), Some(200), "search: {search}");
    }
}
