//! The image fixture in Chromium: every `<picture>` shows its AVIF
//! variant, decoded (a file Chromium cannot decode leaves `naturalWidth`
//! at 0), and is laid out at the size its `width`/`height` promised, in
//! both themes, under a `/repo/` base path and the site's own CSP.
//!
//! Needs the Chromium of `bash tests/run.sh`; fails (never skips) without it.

mod support;

use faqpress::config::Overrides;
use support::{StaticServer, eval, new_tab, wait_until};

/// Builds a copy of the image fixture (its image cache must not land in
/// the repository) for `https://example.org<prefix>` and serves its output
/// under `prefix` with the headers of its own `_headers`, the CSP included.
fn served_image_site(theme: &str, prefix: &str) -> (tempfile::TempDir, StaticServer) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    support::copy_dir(&support::fixture("images"), &site);
    let public = dir.path().join("public");
    let options = faqpress::BuildOptions {
        root: site,
        output: public.clone(),
        overrides: Overrides {
            base_url: Some(format!("https://example.org{prefix}")),
            theme: Some(theme.to_string()),
            ..Overrides::default()
        },
    };
    faqpress::build(&options).unwrap_or_else(|d| panic!("build failed: {d:#?}"));
    let (server, headers) = StaticServer::with_site_headers(&public, prefix);
    assert!(
        headers.iter().any(|(n, _)| n == "Content-Security-Policy"),
        "{headers:?}"
    );
    (dir, server)
}

/// For each `<picture>` image of the page, once scrolled into view and
/// loaded: `[currentSrc, naturalWidth, rendered width / height, width
/// attribute / height attribute]`.
const PICTURES: &str = r#"
(() => [...document.querySelectorAll('picture img')].map(img => [
  img.currentSrc, img.naturalWidth,
  img.getBoundingClientRect().width / img.getBoundingClientRect().height,
  Number(img.getAttribute('width')) / Number(img.getAttribute('height')),
]))()
"#;

#[test]
fn chromium_decodes_the_avif_variant_of_every_picture_in_both_themes() {
    for (theme, prefix) in [("clinical", "/"), ("serene", "/repo/")] {
        let (_dir, server) = served_image_site(theme, prefix);
        let tab = new_tab();
        tab.goto(&server.url("guides/chart/"));
        // Lazy images load once near the viewport.
        eval(
            tab.tab(),
            "document.querySelectorAll('picture img').forEach(i => i.loading = 'eager'); true",
        );
        wait_until("every picture to load", || {
            eval(
                tab.tab(),
                "[...document.querySelectorAll('picture img')].every(i => i.complete)",
            ) == serde_json::json!(true)
        });
        let pictures = eval(tab.tab(), PICTURES);
        let pictures = pictures.as_array().expect("an array");
        assert_eq!(pictures.len(), 2, "{theme}: chart.png and icon.webp");
        for picture in pictures {
            let src = picture[0].as_str().unwrap();
            assert!(
                src.starts_with(&server.url("guides/")) && src.ends_with(".avif"),
                "{theme}: Chromium picked the AVIF variant: {picture}"
            );
            assert!(
                picture[1].as_u64().unwrap() > 0,
                "{theme}: {src} was decoded"
            );
            let laid_out = picture[2].as_f64().unwrap();
            let promised = picture[3].as_f64().unwrap();
            assert!(
                (laid_out - promised).abs() < 0.02,
                "{theme}: {src} is laid out at the aspect ratio its attributes give: {picture}"
            );
        }
        tab.assert_no_console_errors();
    }
}
