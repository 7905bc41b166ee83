//! Site search in a real browser: the bundled site, served with the
//! headers its `_headers` gives Netlify (so under its own CSP), at the
//! root and under `/repo/`. A word found in one answer only finds that
//! question first, and its link lands on the question's anchor. Needs
//! chromium; run through `bash tests/run.sh`.

mod support;

use std::fs;
use std::path::Path;

use support::{StaticServer, build_at, eval, new_tab, wait_until};

/// "stimulates" appears in the answer to "How does micro-needling work?"
/// and nowhere else in the bundled article.
const WORD: &str = "stimulates";
const ANCHOR: &str = "how-does-micro-needling-work";

/// Types `word` into the search box and returns `link` (`href`, or
/// `getAttribute('href')`) of the first result, once one is listed.
fn first_result(tab: &support::TestTab, word: &str, link: &str) -> String {
    let input = tab.tab().wait_for_element("#search-input").unwrap();
    input.click().unwrap();
    tab.tab().type_str(word).unwrap();
    wait_until("a result is listed", || {
        eval(
            tab.tab(),
            "document.querySelectorAll('.search-results a').length",
        )
        .as_u64()
        .is_some_and(|n| n > 0)
    });
    let first = eval(
        tab.tab(),
        &format!("document.querySelector('.search-results a').{link}"),
    );
    first.as_str().unwrap().to_string()
}

fn search_lands_on_the_question(base_url: Option<&str>, prefix: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = build_at(root, base_url);
    let public = out.path().join("public");
    let source = fs::read_to_string(root.join("content/index.md")).unwrap();
    assert_eq!(
        source.matches(WORD).count(),
        1,
        "the word is in one place only"
    );

    let (server, headers) = StaticServer::with_site_headers(&public, prefix);
    let csp = &headers
        .iter()
        .find(|(n, _)| n == "Content-Security-Policy")
        .unwrap()
        .1;
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    let tab = new_tab();
    tab.goto(&server.url(""));
    wait_until("the search box is shown", || {
        eval(tab.tab(), "document.querySelector('[data-search]').hidden")
            == serde_json::json!(false)
    });
    let first = first_result(&tab, WORD, "href");
    assert_eq!(
        first,
        format!("{}#{ANCHOR}", server.url("")),
        "first result"
    );
    let status = eval(
        tab.tab(),
        "document.querySelector('.search-status').textContent",
    );
    assert!(status.as_str().unwrap().contains("result"), "{status}");
    let marked = eval(
        tab.tab(),
        "document.querySelector('.search-results mark').textContent",
    );
    assert_eq!(marked.as_str().unwrap().to_lowercase(), WORD);

    tab.tab()
        .wait_for_element(".search-results a")
        .unwrap()
        .click()
        .unwrap();
    wait_until("the link lands on the anchor", || {
        eval(tab.tab(), "location.hash") == serde_json::json!(format!("#{ANCHOR}"))
    });
    let target = eval(tab.tab(), &format!("!!document.getElementById('{ANCHOR}')"));
    assert_eq!(target, serde_json::json!(true));
    tab.assert_no_console_errors();
    let failed: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|(path, status)| *status >= 400 && path.starts_with(prefix))
        .collect();
    assert!(failed.is_empty(), "failed requests: {failed:?}");
}

#[test]
fn search_finds_a_question_at_the_root() {
    search_lands_on_the_question(None, "/");
}

#[test]
fn search_finds_a_question_under_a_project_path() {
    search_lands_on_the_question(Some("https://example.github.io/repo/"), "/repo/");
}

/// The search box speaks the site's language: its status texts come from
/// the German table through the form's data- attributes.
#[test]
fn search_status_is_in_the_sites_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/i18n-de");
    let out = build_at(&root, None);
    let public = out.path().join("public");
    let (server, _) = StaticServer::with_site_headers(&public, "/");
    let tab = new_tab();
    tab.goto(&server.url(""));
    let status = || {
        eval(
            tab.tab(),
            "document.querySelector('.search-status').textContent",
        )
        .as_str()
        .unwrap()
        .to_string()
    };
    first_result(&tab, "Schwangerschaft", "href");
    wait_until("the count is told", || status().ends_with("Ergebnis"));
    assert_eq!(status(), "1 Ergebnis");
    // A word in no article (typed anew: Pagefind splits German compounds).
    eval(
        tab.tab(),
        "const i = document.querySelector('#search-input'); i.value = 'qqqzzz'; i.dispatchEvent(new Event('input')); 0",
    );
    wait_until("no result is told", || status().starts_with("Keine"));
    assert_eq!(status(), "Keine Ergebnisse für „qqqzzz“");
    tab.assert_no_console_errors();
}

/// With search off there is no index, no box and no script in the CSP.
#[test]
fn search_false_leaves_no_trace() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    support::write_file(root, "site.yaml", "title: Off\nsearch: false\n");
    support::write_file(
        root,
        "content/index.md",
        "---\ntitle: Home\n---\n\n## Why?\n\nBecause.\n",
    );
    let out = build_at(root, None);
    let public = out.path().join("public");
    assert!(!public.join("pagefind").exists());
    let html = fs::read_to_string(public.join("index.html")).unwrap();
    assert!(
        !html.contains("data-search") && !html.contains("<script src"),
        "{html}"
    );
    let headers = fs::read_to_string(public.join("_headers")).unwrap();
    assert!(!headers.contains("script-src"), "{headers}");
    let names: Vec<String> = fs::read_dir(&public)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.starts_with("search.")), "{names:?}");
}

/// In `serve`, an edit's words are found once the index made after the
/// rebuild is in: the server says so, and the result lands on the anchor.
#[test]
fn serve_finds_a_word_an_edit_added_once_its_index_is_made() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    support::copy_dir(&root.join("content"), &site.join("content"));
    fs::copy(root.join("site.yaml"), site.join("site.yaml")).unwrap();
    let server = support::ServeProcess::start(&site);

    let article = site.join("content/index.md");
    let text = fs::read_to_string(&article).unwrap();
    let edited = text.replacen(WORD, &format!("{WORD} (zinnwaldite)"), 1);
    assert_ne!(edited, text);
    fs::write(&article, edited).unwrap();
    let mut said = Vec::new();
    loop {
        let line = server
            .next_line(std::time::Duration::from_secs(30))
            .unwrap_or_else(|| panic!("no index update announced; it said {said:?}"));
        if line.starts_with("Search index updated in ") {
            break;
        }
        said.push(line);
    }

    let tab = new_tab();
    tab.goto(&format!("http://{}{}", server.addr, server.base_path));
    let first = first_result(&tab, "zinnwaldite", "getAttribute('href')");
    assert_eq!(first, format!("/#{ANCHOR}"));
    tab.assert_no_console_errors();
}
