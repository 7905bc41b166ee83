//! Authors, medical review and cited sources on the fixture site
//! `tests/fixtures/trust/`, in both themes and under a base path.

use std::path::Path;

use faqpress::config::Overrides;
use faqpress::{render_to_memory, source};

fn build(theme: &str, base_url: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trust");
    let sources = source::load(&root).expect("the fixture loads");
    let overrides = Overrides {
        theme: Some(theme.to_string()),
        base_url: Some(base_url.to_string()),
        ..Overrides::default()
    };
    let (rendered, files) = render_to_memory(&sources, &overrides).expect("the fixture builds");
    assert!(rendered.warnings.is_empty(), "{:#?}", rendered.warnings);
    files
        .into_iter()
        .filter_map(|f| match f.contents {
            faqpress::output::Contents::Bytes(bytes) => {
                Some((f.path, String::from_utf8(bytes).ok()?))
            }
            faqpress::output::Contents::Copy(_) => None,
        })
        .collect()
}

fn file<'a>(files: &'a [(String, String)], path: &str) -> &'a str {
    &files
        .iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .1
}

#[test]
fn bylines_references_and_author_pages_in_both_themes_under_a_base_path() {
    for theme in ["clinical", "serene"] {
        let files = build(theme, "https://example.org/repo/");
        let article = file(&files, "index.html");
        assert!(
            article.contains(
                "<span>By <a href=\"/repo/authors/alex-example/\">Alex Example</a></span>"
            ),
            "{theme}: {article}"
        );
        assert!(article.contains(
            "<p class=\"review\">Medically reviewed on <time datetime=\"2026-10-15\">15 October 2026</time> by <a href=\"/repo/authors/sam-sample/\">Sam Sample</a>, MD (Dermatologist)</p>"
        ), "{theme}");
        // Numbered in order of first citation, each back-linked.
        assert!(article.contains(
            "<sup class=\"cite\"><a href=\"#src-peel-review\" id=\"cite-peel-review-1\">[1]</a></sup>"
        ), "{theme}");
        assert!(article.contains(
            "<sup class=\"cite\"><a href=\"#src-aftercare\" id=\"cite-aftercare-1\">[2]</a></sup>"
        ), "{theme}");
        assert!(
            article.contains("<li id=\"src-aftercare\"><a href=\"https://example.org/aftercare\">"),
            "{theme}"
        );
        assert!(article.contains("href=\"#cite-peel-review-3\""), "{theme}");
        assert!(
            !article.contains("[^src:"),
            "{theme}: every marker replaced"
        );
        let sam = file(&files, "authors/sam-sample/index.html");
        assert!(sam.contains("<h1>Sam Sample</h1>"), "{theme}");
        assert!(sam.contains("MD · Dermatologist"), "{theme}");
        assert!(
            sam.contains("href=\"/repo/\">Chemical peels</a>"),
            "{theme}: {sam}"
        );
        let alex = file(&files, "authors/alex-example/index.html");
        assert!(
            alex.contains("Chemical peels") && alex.contains("Sun protection after a treatment"),
            "{theme}"
        );
        assert!(!alex.contains("Medically reviewed"), "{theme}");
        let sitemap = file(&files, "sitemap.xml");
        assert!(
            sitemap.contains("https://example.org/repo/authors/sam-sample/"),
            "{theme}"
        );
    }
}
