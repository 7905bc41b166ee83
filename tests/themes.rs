//! The built-in themes on the bundled site, and a site's own theme: every
//! page valid HTML (Nu Html Checker), and in headless Chromium at phone and
//! desktop widths, light and dark, no axe violations, no console errors, no
//! layout shift, and a checklist verdict that follows the ticked boxes.
//!
//! Needs the tools of `bash tests/run.sh`; fails (never skips) without them.
//! `FAQPRESS_UPDATE_SCREENSHOTS=1` also rewrites `tests/screenshots/*.png`.

mod support;

use std::path::{Path, PathBuf};

use faqpress::config::Overrides;
use headless_chrome::protocol::cdp::Page;
use support::{
    ColorScheme, DESKTOP_WIDTH, MOBILE_WIDTH, StaticServer, click, emulate_color_scheme,
    emulate_viewport, eval, eval_async, new_tab, run_axe, run_vnu, save_screenshot,
    screenshots_dir,
};

const THEMES: [&str; 2] = ["clinical", "serene"];

/// Builds the site at `root` with `theme` into a temporary folder.
fn build_with_theme(root: &Path, theme: Option<&str>) -> tempfile::TempDir {
    let overrides = Overrides {
        theme: theme.map(str::to_string),
        ..Overrides::default()
    };
    support::build_into_temp(root, overrides)
}

fn bundled_site() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    files
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn every_page_of_the_bundled_site_is_valid_html_in_both_themes() {
    let builds: Vec<_> = THEMES
        .iter()
        .map(|t| build_with_theme(&bundled_site(), Some(t)))
        .collect();
    let files: Vec<PathBuf> = builds
        .iter()
        .flat_map(|b| html_files(&b.path().join("public")))
        .collect();
    assert!(files.len() >= 4, "index and 404 per theme: {files:?}");
    let errors = run_vnu(&files);
    assert!(errors.is_empty(), "vnu errors:\n{}", errors.join("\n"));
}

#[test]
fn pages_have_no_inline_styles_or_scripts_and_fetch_nothing_elsewhere() {
    for theme in THEMES {
        let out = build_with_theme(&bundled_site(), Some(theme));
        for file in html_files(&out.path().join("public")) {
            let html = std::fs::read_to_string(&file).unwrap();
            let name = file.display();
            assert!(!html.contains("style="), "{name}: style attribute");
            assert!(!html.contains("<style"), "{name}: <style>");
            let scripts = html.matches("<script").count();
            let json_ld = html
                .matches("<script type=\"application/ld+json\">")
                .count();
            // Besides JSON-LD, only the search box's own fingerprinted file.
            let search = html.matches("<script src=\"/search.").count();
            assert_eq!(search, 1, "{name}: the search box's script");
            assert_eq!(
                scripts,
                json_ld + search,
                "{name}: a script that is neither JSON-LD nor the search box's"
            );
            for attr in ["src=\"http", "href=\"//", "src=\"//", "@import"] {
                assert!(!html.contains(attr), "{name}: {attr}");
            }
            assert!(
                html.contains("class=\"skip-link\" href=\"#main\""),
                "{name}"
            );
            for landmark in ["<header", "<nav", "<main", "<footer"] {
                assert!(html.contains(landmark), "{name}: {landmark}");
            }
        }
    }
}

#[test]
fn a_site_theme_overrides_files_and_falls_back_to_clinical() {
    let root = bundled_site().join("tests/fixtures/site-theme");
    let out = build_with_theme(&root, None);
    let public = out.path().join("public");
    let html = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(html.contains("<nav class=\"mine-toc\""), "own partial used");
    assert!(
        html.contains("class=\"skip-link\""),
        "clinical base.html used"
    );
    assert!(html.contains("By Dr. A. Example"));
    assert!(html.contains("Published <time datetime=\"2025-01-10\">"));
    assert!(html.contains("Updated <time datetime=\"2025-06-02\">2 June 2025</time>"));
    assert!(html.contains("<p class=\"disclaimer\">Ask your own doctor first.</p>"));
    let css: Vec<PathBuf> = walkdir(&public)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "css"))
        .collect();
    assert_eq!(css.len(), 1);
    assert!(
        std::fs::read_to_string(&css[0])
            .unwrap()
            .contains("body{font-family: system-ui,sans-serif;}"),
        "the site's own stylesheet, compacted like the built-in ones"
    );
    // The command line can still pick a built-in theme.
    let serene = build_with_theme(&root, Some("serene"));
    let html = std::fs::read_to_string(serene.path().join("public/index.html")).unwrap();
    assert!(!html.contains("mine-toc"));
    assert!(
        html.contains("<article class=\"article\">"),
        "serene's article"
    );
}

/// The verdict's visible text (display:none parts excluded).
fn verdict(tab: &support::TestTab) -> String {
    eval(tab, "document.querySelector('.verdict').innerText.trim()")
        .as_str()
        .unwrap()
        .to_string()
}

fn check_verdicts(tab: &support::TestTab, theme: &str) {
    let v = verdict(tab);
    assert!(
        v.starts_with("Tick every statement"),
        "{theme}, nothing ticked: {v:?}"
    );
    click(tab, "label[for=checklist-1]"); // good sign
    assert_eq!(
        verdict(tab),
        "Nothing rules you out — book a consultation.",
        "{theme}"
    );
    click(tab, "label[for=checklist-6]"); // ask a professional
    let v = verdict(tab);
    assert!(
        v.starts_with("Talk to a professional first"),
        "{theme}: {v:?}"
    );
    assert!(
        v.contains("I have mild acne.") && !v.contains("pregnant"),
        "{theme}: {v:?}"
    );
    click(tab, "#checklist-2"); // rules it out
    click(tab, "label[for=checklist-5]"); // rules it out
    let v = verdict(tab);
    assert!(v.starts_with("Not suitable:"), "{theme}: {v:?}");
    assert!(
        v.contains("I am pregnant.") && v.contains("I have open wounds."),
        "{theme}: {v:?}"
    );
    assert!(
        !v.contains("mild acne") && !v.contains("health problems"),
        "{theme}: {v:?}"
    );
    click(tab, "#checklist-2");
    click(tab, "#checklist-5");
    let v = verdict(tab);
    assert!(
        v.starts_with("Talk to a professional first"),
        "{theme}, unticked: {v:?}"
    );
}

const LAYOUT_SHIFT: &str = "new Promise(done => { let sum = 0; \
    new PerformanceObserver(list => { for (const e of list.getEntries()) sum += e.value; })\
    .observe({ type: 'layout-shift', buffered: true }); setTimeout(() => done(sum), 300); })";

#[test]
fn both_themes_pass_axe_and_the_checklist_works_in_chromium() {
    let shots = screenshots_dir();
    for theme in THEMES {
        let out = build_with_theme(&bundled_site(), Some(theme));
        let server = StaticServer::start(out.path().join("public"), "/");
        for width in [MOBILE_WIDTH, DESKTOP_WIDTH] {
            for scheme in [ColorScheme::Light, ColorScheme::Dark] {
                let tab = new_tab();
                emulate_viewport(&tab, width);
                emulate_color_scheme(&tab, scheme);
                let what = format!("{theme}-{width}-{}", scheme.as_str());
                for page in ["", "404.html", "tags/", "tags/skin-care/"] {
                    tab.goto(&server.url(page));
                    let violations = run_axe(&tab);
                    assert!(violations.is_empty(), "{what} /{page}: {violations:#?}");
                    let overflow = eval(&tab, "document.documentElement.scrollWidth > innerWidth");
                    assert_eq!(
                        overflow,
                        serde_json::json!(false),
                        "{what} /{page}: scrolls sideways"
                    );
                }
                tab.goto(&server.url(""));
                let shift = eval_async(&tab, LAYOUT_SHIFT).as_f64().unwrap();
                assert!(shift < 0.01, "{what}: layout shift {shift}");
                save_screenshot(&tab, &shots, &what);
                if width == DESKTOP_WIDTH && scheme == ColorScheme::Light {
                    update_readme_screenshot(&tab, theme);
                }
                check_verdicts(&tab, &what);
                eval(
                    &tab,
                    "document.querySelector('#checklist').scrollIntoView(); true",
                );
                save_screenshot(&tab, &shots, &format!("{what}-checklist"));
                tab.assert_no_console_errors();
            }
        }
    }
}

/// With `FAQPRESS_UPDATE_SCREENSHOTS=1`, rewrites the screenshot of the
/// theme shown in the README (the top of the article at 1280 px, halved).
fn update_readme_screenshot(tab: &support::TestTab, theme: &str) {
    if std::env::var_os("FAQPRESS_UPDATE_SCREENSHOTS").is_none_or(|v| v != "1") {
        return;
    }
    let clip = Page::Viewport {
        x: 0.0,
        y: 0.0,
        width: f64::from(DESKTOP_WIDTH),
        height: 800.0,
        scale: 0.5,
    };
    let png = tab
        .capture_screenshot(
            Page::CaptureScreenshotFormatOption::Png,
            None,
            Some(clip),
            true,
        )
        .expect("screenshot");
    let dir = bundled_site().join("tests/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{theme}.png"));
    std::fs::write(&path, png).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size <= 100 * 1024, "{}: {size} bytes", path.display());
}

/// The narrowest phones: nothing may force sideways scrolling at 320 px.
#[test]
fn both_themes_fit_a_320_px_screen() {
    for theme in THEMES {
        let out = build_with_theme(&bundled_site(), Some(theme));
        let server = StaticServer::start(out.path().join("public"), "/");
        let tab = new_tab();
        emulate_viewport(&tab, 320);
        for page in ["", "404.html"] {
            tab.goto(&server.url(page));
            let widths = eval(&tab, "[document.documentElement.scrollWidth, innerWidth]");
            assert_eq!(
                widths[1],
                serde_json::json!(320),
                "{theme} /{page}: viewport"
            );
            assert_eq!(
                widths[0], widths[1],
                "{theme} /{page}: scrolls sideways at 320 px"
            );
        }
        tab.assert_no_console_errors();
    }
}
