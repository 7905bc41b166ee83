//! The page a reader sees, in headless Chromium, in both built-in themes:
//! at every phone, tablet and desktop size (portrait and landscape) and in
//! both colour schemes no element sticks out sideways, no price or time
//! wraps inside itself and the checklist's legend stays inside its box; at
//! 1280 px header, main column and footer share one left edge; the home
//! page stays within its budget of HTML and CSS; printing hides navigation
//! and writes link addresses out.
//!
//! Needs the tools of `bash tests/run.sh`; fails (never skips) without them.

mod support;

use std::path::{Path, PathBuf};

use faqpress::config::Overrides;
use headless_chrome::protocol::cdp::Emulation;
use support::{
    ColorScheme, StaticServer, TestTab, emulate_color_scheme, emulate_viewport_size, eval, new_tab,
};

const THEMES: [&str; 2] = ["clinical", "serene"];

/// (width, height) in CSS pixels: phones (320, 375 and 414 wide) and a
/// tablet, each upright and turned, and a desktop window.
const VIEWPORTS: [(u32, u32); 9] = [
    (320, 568),
    (568, 320),
    (375, 812),
    (812, 375),
    (414, 896),
    (896, 414),
    (768, 1024),
    (1024, 768),
    (1280, 800),
];

/// The most HTML and CSS the home page may load, uncompressed: 20 KB
/// (1 KB is 1,024 bytes) in each theme. It was 26.2 KB (clinical) and
/// 28.1 KB (serene). The search box (its form, status and results list,
/// and their CSS) added 0.9 KB to each theme. The checklist's verdict by
/// kind (no per-position CSS rules, no copies of the items in the
/// verdict, no numbered ids), with each item's kind shown and a status
/// region, took 374 B off clinical (22,370 → 21,996 B) and 314 B off
/// serene (23,576 → 23,262 B). Compacting the stylesheets (no comments or
/// layout whitespace) and the article template's whitespace brought them
/// to 21,219 B and 22,611 B; the words from the language tables (the
/// search box's status texts as attributes) made them 21,367 B and
/// 22,759 B. Fewer newlines between tags, fewer classes (none on a
/// heading's link, an answer, a table-of-contents entry or a price cell;
/// short checklist kinds), short custom property names and no
/// dateModified repeating datePublished brought them to 20,478 B and
/// 21,785 B. The questions and answers as microdata on the text itself,
/// rather than written again in the JSON-LD, and the checklist's kind
/// icons drawn by the stylesheet brought them to 18,963 B and 20,281 B.
const HOME_PAGE_BUDGET: [(&str, u64); 2] = [("clinical", 20 * 1024), ("serene", 20 * 1024)];

fn build_with_theme(root: &Path, theme: &str) -> tempfile::TempDir {
    let overrides = Overrides {
        theme: Some(theme.to_string()),
        ..Overrides::default()
    };
    support::build_into_temp(root, overrides)
}

fn bundled_site() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every visible element that reaches past the viewport's sides, and every
/// box that clips or scrolls content wider than itself (a table in its
/// scroller). Content reaching into a visible parent's padding clips
/// nothing, so only boxes that do not let overflow show are measured.
const SIDEWAYS_OVERFLOW: &str = r#"(() => {
  const width = document.documentElement.clientWidth, found = [];
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  if (document.documentElement.scrollWidth > width)
    found.push(`the page is ${document.documentElement.scrollWidth} px wide`);
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.checkVisibility()) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.left < -0.5 || box.right > width + 0.5)
      found.push(`${name(el)} spans ${box.left.toFixed(1)}..${box.right.toFixed(1)} of ${width}`);
    if (getComputedStyle(el).overflowX !== 'visible' && el.clientWidth > 0 && el.scrollWidth > el.clientWidth)
      found.push(`${name(el)} holds ${el.scrollWidth} px in ${el.clientWidth}`);
  }
  return found;
})()"#;

/// The text of every price table cell and of each number range in its
/// headings, each with the number of lines it takes.
const VALUE_LINES: &str = r#"(() => {
  const lines = range => {
    const boxes = [...range.getClientRects()].filter(b => b.width > 0).sort((a, b) => a.top - b.top);
    let count = 0, bottom = -Infinity;
    for (const b of boxes) if (b.top >= bottom - 1) { count++; bottom = b.bottom; }
    return count;
  };
  const found = [];
  for (const cell of document.querySelectorAll('.pricing td, .pricing th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      const text = node.textContent;
      const values = cell.tagName === 'TD' ? [[0, text.length]]
        : [...text.matchAll(/\d+\s?–\s?\d+/g)].map(m => [m.index, m.index + m[0].length]);
      for (const [start, end] of values) {
        if (!text.slice(start, end).trim()) continue;
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, end);
        found.push([text.slice(start, end), lines(range)]);
      }
    }
  }
  return found;
})()"#;

/// Whether the checklist's legend lies inside its fieldset's border.
const LEGEND_INSIDE: &str = r#"(() => {
  const set = document.querySelector('.checklist fieldset'), legend = set.querySelector('legend');
  const outer = set.getBoundingClientRect(), inner = legend.getBoundingClientRect();
  return inner.top >= outer.top + parseFloat(getComputedStyle(set).borderTopWidth) - 0.5;
})()"#;

/// The left edge of the content box of the header's column, the main
/// column and the footer's column.
const COLUMN_EDGES: &str = r#"(() => {
  const edge = el => el.getBoundingClientRect().left + parseFloat(getComputedStyle(el).paddingLeft)
    + parseFloat(getComputedStyle(el).borderLeftWidth);
  return [
    edge(document.querySelector('.site-header > .wrap')),
    edge(document.querySelector('main > *')),
    edge(document.querySelector('.site-footer > .wrap')),
  ];
})()"#;

fn emulate(tab: &TestTab, (width, height): (u32, u32)) {
    // Phones and the tablet as touch devices that honour the viewport tag.
    emulate_viewport_size(tab, width, height, width.min(height) <= 768);
}

fn check_layout(tab: &TestTab, what: &str, viewport: (u32, u32)) {
    let overflow = eval(tab, SIDEWAYS_OVERFLOW);
    assert_eq!(overflow, serde_json::json!([]), "{what}: sideways overflow");
    let values = eval(tab, VALUE_LINES);
    let values = values.as_array().unwrap();
    assert!(values.len() >= 5, "{what}: price table values {values:?}");
    for value in values {
        assert_eq!(value[1], 1, "{what}: {} wraps", value[0]);
    }
    assert_eq!(
        eval(tab, LEGEND_INSIDE),
        true,
        "{what}: the legend crosses the checklist's border"
    );
    if viewport.0 == 1280 {
        let edges = eval(tab, COLUMN_EDGES);
        let edges: Vec<f64> = edges
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_f64().unwrap())
            .collect();
        assert!(
            edges.iter().all(|e| (e - edges[0]).abs() < 0.5),
            "{what}: header, main and footer columns start at {edges:?}"
        );
    }
}

#[test]
fn nothing_overflows_and_no_value_wraps_at_any_size_in_either_theme() {
    for theme in THEMES {
        let out = build_with_theme(&bundled_site(), theme);
        let server = StaticServer::start(out.path().join("public"), "/");
        let tab = new_tab();
        for viewport in VIEWPORTS {
            emulate(&tab, viewport);
            for scheme in [ColorScheme::Light, ColorScheme::Dark] {
                emulate_color_scheme(&tab, scheme);
                tab.goto(&server.url(""));
                let what = format!("{theme} {}x{} {}", viewport.0, viewport.1, scheme.as_str());
                check_layout(&tab, &what, viewport);
                tab.goto(&server.url("404.html"));
                let overflow = eval(&tab, SIDEWAYS_OVERFLOW);
                assert_eq!(overflow, serde_json::json!([]), "{what} /404.html");
            }
        }
        tab.assert_no_console_errors();
    }
}

/// The bytes of HTML and CSS the page loaded, uncompressed, as Chromium
/// decoded them (the document and each stylesheet).
const DECODED_HTML_AND_CSS: &str = r#"(() => {
  const page = performance.getEntriesByType('navigation')[0].decodedBodySize;
  const css = performance.getEntriesByType('resource').filter(r => /\.css$/.test(new URL(r.name).pathname));
  return [page, css.reduce((sum, r) => sum + r.decodedBodySize, 0), css.length];
})()"#;

#[test]
fn the_home_page_stays_within_its_html_and_css_budget_in_either_theme() {
    for (theme, budget) in HOME_PAGE_BUDGET {
        let out = build_with_theme(&bundled_site(), theme);
        let public = out.path().join("public");
        let server = StaticServer::start(&public, "/");
        let tab = new_tab();
        tab.goto(&server.url(""));
        let sizes = eval(&tab, DECODED_HTML_AND_CSS);
        let (html, css) = (sizes[0].as_u64().unwrap(), sizes[1].as_u64().unwrap());
        assert_eq!(sizes[2], 1, "{theme}: one stylesheet");
        let on_disk = std::fs::metadata(public.join("index.html")).unwrap().len();
        assert_eq!(html, on_disk, "{theme}: the browser decoded the whole page");
        println!(
            "{theme}: {html} B of HTML + {css} B of CSS = {} B",
            html + css
        );
        assert!(
            html + css <= budget,
            "{theme}: {html} B of HTML + {css} B of CSS is more than {budget} B"
        );
    }
}

fn emulate_print(tab: &TestTab) {
    tab.call_method(Emulation::SetEmulatedMedia {
        media: Some("print".to_string()),
        features: None,
    })
    .expect("Emulation.setEmulatedMedia(print)");
}

/// What printing shows: navigation, and the verdict while nothing is
/// ticked, are left out; a link to another page has its address written
/// after it; the price table, each checklist item, the verdict and the
/// checklist's heading are kept from being split; each item's kind and the
/// decision rule are printed.
const PRINTED: &str = r#"(() => {
  const style = (sel, pseudo) => getComputedStyle(document.querySelector(sel), pseudo);
  const navs = [...document.querySelectorAll('nav')].map(n => getComputedStyle(n).display);
  const link = document.querySelector('.intro a[href^="/"]');
  return {
    navs,
    link_after: link ? getComputedStyle(link, '::after').content : null,
    link_href: link ? link.getAttribute('href') : null,
    cite_after: style('.checklist li > a', '::after').content,
    table: style('.pricing table').breakInside,
    item: style('.checklist li').breakInside,
    legend: style('.checklist legend').breakAfter,
    verdict: style('.verdict').display,
    verdict_break: style('.verdict').breakInside,
    verdict_text: document.querySelector('.verdict').innerText.trim(),
    kinds: [...document.querySelectorAll('.checklist small')].map(k => k.checkVisibility() && getComputedStyle(k, '::before').content !== 'none'),
    rule: document.querySelector('.checklist-rule').checkVisibility(),
    scroller: style('.table-scroll').overflowX,
  };
})()"#;

#[test]
fn printing_hides_navigation_writes_link_addresses_and_keeps_tables_whole() {
    for theme in THEMES {
        let out = build_with_theme(&bundled_site(), theme);
        let public = out.path().join("public");
        // A link to another page of the site, as an article would have.
        let index = public.join("index.html");
        let html = std::fs::read_to_string(&index).unwrap();
        let html = html.replacen(
            "<div class=\"intro\"><p>",
            "<div class=\"intro\"><p><a href=\"/aftercare/\">Aftercare</a> ",
            1,
        );
        std::fs::write(&index, html).unwrap();
        let server = StaticServer::start(&public, "/");
        let tab = new_tab();
        tab.goto(&server.url(""));
        emulate_print(&tab);
        let printed = eval(&tab, PRINTED);
        let navs = printed["navs"].as_array().unwrap();
        assert!(navs.len() >= 2, "{theme}: {printed}");
        assert!(navs.iter().all(|d| d == "none"), "{theme}: {printed}");
        assert_eq!(printed["link_href"], "/aftercare/", "{theme}");
        assert_eq!(printed["link_after"], "\" (/aftercare/)\"", "{theme}");
        assert_eq!(printed["cite_after"], "none", "{theme}: in-page links");
        assert_eq!(printed["table"], "avoid", "{theme}");
        assert_eq!(printed["item"], "avoid", "{theme}");
        assert_eq!(printed["legend"], "avoid", "{theme}");
        assert_eq!(printed["verdict"], "none", "{theme}: nothing ticked");
        assert_eq!(printed["verdict_break"], "avoid", "{theme}");
        assert_eq!(
            printed["kinds"],
            serde_json::json!([true, true, true, true, true, true]),
            "{theme}"
        );
        assert_eq!(printed["rule"], true, "{theme}");
        assert_eq!(printed["scroller"], "visible", "{theme}");
        // Ticked, the box prints filled and the verdict prints with text.
        eval(
            &tab,
            "document.querySelector('.checklist li:nth-child(2) input').click()",
        );
        let printed = eval(&tab, PRINTED);
        assert_eq!(printed["verdict"], "block", "{theme}: ticked");
        assert_eq!(
            printed["verdict_text"], "Not suitable: you ticked a statement that rules it out.",
            "{theme}"
        );
        let fill = eval(
            &tab,
            "getComputedStyle(document.querySelector('.checklist :checked')).backgroundColor",
        );
        assert_eq!(fill, "rgb(0, 0, 0)", "{theme}: a ticked box prints filled");
        let pdf = tab.print_to_pdf(None).expect("print to PDF");
        assert!(pdf.starts_with(b"%PDF"), "{theme}");
        let dir = support::screenshots_dir();
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{theme}-print.pdf")), pdf).unwrap();
        tab.assert_no_console_errors();
    }
}

/// The list of cited sources prints whole entries: no source is split
/// across pages, and the back links (↩), useless on paper, are left out.
#[test]
fn printing_keeps_each_cited_source_whole_and_drops_its_back_links() {
    const SOURCES: &str = r#"(() => {
      const items = [...document.querySelectorAll('.references li')];
      const back = [...document.querySelectorAll('.ref-back')];
      return {
        items: items.length,
        whole: items.every(li => getComputedStyle(li).breakInside === 'avoid'),
        back: back.length,
        back_shown: back.some(a => a.checkVisibility()),
        heading: getComputedStyle(document.querySelector('.references h2')).breakAfter,
      };
    })()"#;
    for theme in THEMES {
        let out = build_with_theme(&bundled_site().join("tests/fixtures/trust"), theme);
        let server = StaticServer::start(out.path().join("public"), "/");
        let tab = new_tab();
        tab.goto(&server.url(""));
        let shown = eval(&tab, SOURCES);
        assert!(shown["items"].as_u64().unwrap() >= 2, "{theme}: {shown}");
        assert_eq!(shown["back_shown"], true, "{theme}: on screen");
        emulate_print(&tab);
        let printed = eval(&tab, SOURCES);
        assert_eq!(printed["whole"], true, "{theme}: {printed}");
        assert!(printed["back"].as_u64().unwrap() >= 1, "{theme}: {printed}");
        assert_eq!(printed["back_shown"], false, "{theme}: {printed}");
        assert_eq!(printed["heading"], "avoid", "{theme}: {printed}");
        tab.assert_no_console_errors();
    }
}
