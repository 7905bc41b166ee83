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
use headless_chrome::browser::tab::point::Point;
use headless_chrome::protocol::cdp::{Accessibility, Emulation, Page};
use support::{
    ColorScheme, DESKTOP_WIDTH, MOBILE_WIDTH, StaticServer, emulate_color_scheme, emulate_viewport,
    eval, eval_async, new_tab, run_axe, run_vnu, save_screenshot, screenshots_dir,
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
            // Besides JSON-LD, only the search box's own fingerprinted file,
            // and the checklist's on the page that has one.
            let search = html.matches("<script src=\"/search.").count();
            assert_eq!(search, 1, "{name}: the search box's script");
            let checklist = html.matches("<script src=\"/checklist.").count();
            let has_checklist = usize::from(html.contains("<section class=\"checklist\""));
            assert_eq!(checklist, has_checklist, "{name}: the checklist's script");
            assert_eq!(
                scripts,
                json_ld + search + checklist,
                "{name}: a script that is neither JSON-LD nor the search box's or checklist's"
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
        html.contains("<article class=\"article\" itemscope"),
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

/// Ticks or unticks item `n` (1-based) of the checklist with a click on
/// its label. The point is found through DevTools, which still evaluates
/// when the page's own scripts are switched off (`Element::click` does not).
fn toggle(tab: &support::TestTab, n: usize) {
    let centre = eval(
        tab,
        &format!(
            "(() => {{ const l = document.querySelector('.checklist li:nth-child({n}) label');\
             l.scrollIntoView({{block: 'center', behavior: 'instant'}}); const r = l.getBoundingClientRect();\
             return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        ),
    );
    let (x, y) = (centre[0].as_f64().unwrap(), centre[1].as_f64().unwrap());
    tab.click_point(Point { x, y }).expect("click the label");
}

/// The verdict by kind: a rules-out tick wins over an ask-a-professional
/// one, which wins over good signs; unticking goes back. Holds with the
/// script (which writes it into the status region) and without it (the
/// stylesheet's `:has()` rules alone).
fn check_verdicts(tab: &support::TestTab, theme: &str) {
    let v = verdict(tab);
    assert!(
        v.starts_with("Tick every statement"),
        "{theme}, nothing ticked: {v:?}"
    );
    toggle(tab, 1); // good sign
    assert_eq!(
        verdict(tab),
        "Nothing rules you out — book a consultation.",
        "{theme}"
    );
    toggle(tab, 6); // ask a professional
    let v = verdict(tab);
    assert_eq!(
        v, "Talk to a professional first about what you ticked.",
        "{theme}"
    );
    toggle(tab, 2); // rules it out
    toggle(tab, 5); // rules it out
    let v = verdict(tab);
    assert_eq!(
        v, "Not suitable: you ticked a statement that rules it out.",
        "{theme}"
    );
    // The ticked items are marked where they are, not copied.
    let marked = eval(
        tab,
        "[...document.querySelectorAll('.checklist li')].map(li => li.matches(':has(:checked)'))",
    );
    assert_eq!(
        marked,
        serde_json::json!([true, true, false, false, true, true]),
        "{theme}"
    );
    toggle(tab, 2);
    toggle(tab, 5);
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

/// The checklist's status region in Chromium's accessibility tree: its
/// role and live setting, and the text it exposes (its static text nodes,
/// as a screen reader reads them).
struct Status {
    role: String,
    live: Option<String>,
    text: String,
}

fn ax_role(node: &Accessibility::AXNode) -> String {
    let value = node.role.as_ref().and_then(|r| r.value.as_ref());
    value.and_then(|v| v.as_str()).unwrap_or("").to_string()
}

fn ax_name(node: &Accessibility::AXNode) -> String {
    let value = node.name.as_ref().and_then(|r| r.value.as_ref());
    value.and_then(|v| v.as_str()).unwrap_or("").to_string()
}

/// The nodes of `role` in the accessibility subtree of the first element
/// matching `selector`, leaving out ignored ones.
fn ax_query(tab: &support::TestTab, selector: &str, role: &str) -> Vec<Accessibility::AXNode> {
    let element = tab.find_element(selector).expect(selector);
    let reply = tab
        .call_method(Accessibility::QueryAXTree {
            node_id: None,
            backend_node_id: None,
            object_id: Some(element.remote_object_id.clone()),
            accessible_name: None,
            role: Some(role.to_string()),
        })
        .expect("Accessibility.queryAXTree");
    reply.nodes.into_iter().filter(|n| !n.ignored).collect()
}

fn status(tab: &support::TestTab) -> Status {
    let regions = ax_query(tab, ".checklist form", "status");
    assert_eq!(regions.len(), 1, "one status region in the checklist");
    let live = regions[0].properties.iter().flatten().find_map(|p| {
        (p.name == Accessibility::AXPropertyName::Live)
            .then(|| p.value.value.as_ref()?.as_str().map(str::to_string))?
    });
    let text: Vec<String> = ax_query(tab, ".checklist output", "StaticText")
        .iter()
        .map(ax_name)
        .collect();
    Status {
        role: ax_role(&regions[0]),
        live,
        text: text.join(""),
    }
}

/// Waits until the status region's text in the accessibility tree is
/// `expected`: the tree is updated after the change event, on a later tick.
fn wait_for_status(tab: &support::TestTab, expected: &str, what: &str) {
    support::wait_until(&format!("{what}: status text {expected:?}"), || {
        status(tab).text == expected
    });
    assert_eq!(verdict(tab), expected, "{what}: shown once, as announced");
}

#[test]
fn the_verdict_is_announced_through_the_accessibility_tree_in_both_themes() {
    for theme in THEMES {
        let out = build_with_theme(&bundled_site(), Some(theme));
        let server = StaticServer::start(out.path().join("public"), "/");
        let tab = new_tab();
        tab.goto(&server.url(""));
        let at_load = status(&tab);
        assert_eq!(at_load.role, "status", "{theme}");
        assert_eq!(at_load.live.as_deref(), Some("polite"), "{theme}");
        assert_eq!(at_load.text, "", "{theme}: nothing announced at load");
        toggle(&tab, 1);
        wait_for_status(&tab, "Nothing rules you out — book a consultation.", theme);
        toggle(&tab, 2);
        wait_for_status(
            &tab,
            "Not suitable: you ticked a statement that rules it out.",
            theme,
        );
        toggle(&tab, 2);
        toggle(&tab, 1);
        wait_for_status(
            &tab,
            "Tick every statement that applies to you to see what it means.",
            theme,
        );
        tab.assert_no_console_errors();
    }
}

#[test]
fn each_item_shows_its_kind_before_any_box_is_ticked_in_both_themes() {
    // The icon is the stylesheet's (`::before`), the kind's name the text.
    const KINDS: &str = "[...document.querySelectorAll('.checklist li')].map(li => {\
        const kind = li.querySelector('small'), icon = getComputedStyle(kind, '::before').content;\
        return [kind.checkVisibility(), JSON.parse(icon.split(' / ')[0]) + kind.innerText,\
        getComputedStyle(kind).color !== getComputedStyle(li.querySelector('label')).color]; })";
    for theme in THEMES {
        let out = build_with_theme(&bundled_site(), Some(theme));
        let server = StaticServer::start(out.path().join("public"), "/");
        let tab = new_tab();
        tab.goto(&server.url(""));
        let good = serde_json::json!([true, "✓ Good sign", true]);
        let out_ = serde_json::json!([true, "✕ Rules it out", true]);
        let ask = serde_json::json!([true, "! Ask a professional", true]);
        assert_eq!(
            eval(&tab, KINDS),
            serde_json::json!([good, out_, out_, out_, out_, ask]),
            "{theme}"
        );
        // A screen reader hears the kind with the box, not the icon.
        let names: Vec<String> = ax_query(&tab, ".checklist ul", "checkbox")
            .iter()
            .map(ax_name)
            .collect();
        assert_eq!(names[1], "I am pregnant. Rules it out", "{theme}");
        assert_eq!(names[5], "I have mild acne. Ask a professional", "{theme}");
        let rule = eval(&tab, "document.querySelector('.checklist-rule').innerText");
        assert!(
            rule.as_str().unwrap().contains("“Rules it out” means"),
            "{theme}: the decision rule is written out: {rule}"
        );
    }
}

#[test]
fn without_javascript_the_stylesheet_still_shows_the_verdict() {
    for theme in THEMES {
        let out = build_with_theme(&bundled_site(), Some(theme));
        let server = StaticServer::start(out.path().join("public"), "/");
        let tab = new_tab();
        tab.call_method(Emulation::SetScriptExecutionDisabled { value: true })
            .expect("Emulation.setScriptExecutionDisabled");
        tab.goto(&server.url(""));
        check_verdicts(&tab, &format!("{theme}, no script"));
        assert_eq!(status(&tab).text, "", "{theme}: the script did not run");
        tab.assert_no_console_errors();
    }
}

/// A site whose only article has a checklist of `items` statements, the
/// last one ruling the treatment out.
fn long_checklist_site(items: usize) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("content")).unwrap();
    std::fs::write(site.path().join("site.yaml"), "title: Long\n").unwrap();
    let mut md = String::from("---\ntitle: Long\nchecklist:\n  title: Right for you?\n  items:\n");
    for n in 1..=items {
        let kind = if n == items { "rules_out" } else { "good" };
        md.push_str(&format!(
            "    - text: Statement {n}.\n      kind: {kind}\n      cites: why\n"
        ));
    }
    md.push_str("---\n\n## Why?\n\nBecause.\n");
    std::fs::write(site.path().join("content/index.md"), md).unwrap();
    site
}

#[test]
fn a_checklist_of_more_than_24_items_works_in_both_themes() {
    let site = long_checklist_site(30);
    for theme in THEMES {
        let out = build_with_theme(site.path(), Some(theme));
        let server = StaticServer::start(out.path().join("public"), "/");
        let tab = new_tab();
        tab.goto(&server.url(""));
        let boxes = eval(&tab, "document.querySelectorAll('.checklist input').length");
        assert_eq!(boxes, serde_json::json!(30), "{theme}");
        toggle(&tab, 25);
        wait_for_status(&tab, "Nothing rules you out — book a consultation.", theme);
        toggle(&tab, 30);
        wait_for_status(
            &tab,
            "Not suitable: you ticked a statement that rules it out.",
            theme,
        );
        tab.call_method(Emulation::SetScriptExecutionDisabled { value: true })
            .expect("Emulation.setScriptExecutionDisabled");
        tab.goto(&server.url(""));
        toggle(&tab, 30);
        assert_eq!(
            verdict(&tab),
            "Not suitable: you ticked a statement that rules it out.",
            "{theme}, no script"
        );
        tab.assert_no_console_errors();
    }
}
