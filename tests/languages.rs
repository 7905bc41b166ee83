//! A site with translations (`tests/fixtures/languages/`: an English
//! article with German and French versions, and a second article in
//! English and German): each language under its own folder, in its own
//! words and formats, with `hreflang` alternates that resolve both ways.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use faqpress::check::{check_sources, spelling};
use faqpress::config::Overrides;
use faqpress::date::Date;
use faqpress::i18n;
use faqpress::output::Contents;
use faqpress::{render_to_memory, source};
use support::{english_only, readable, shows};

const NBSP: char = '\u{a0}';
const NNBSP: char = '\u{202f}';

/// Every text file of the site at `root` built with `theme`, by path.
fn built(root: &Path, theme: &str) -> BTreeMap<String, String> {
    support::built_text_files(root, &support::in_theme(theme))
        .into_iter()
        .collect()
}

fn fixture() -> std::path::PathBuf {
    support::fixture("languages")
}

/// The values of `attr` on every `<tag …>` of `html` that has `has`.
fn attrs<'h>(html: &'h str, tag: &str, has: &str, attr: &str) -> Vec<&'h str> {
    let open = format!("<{tag} ");
    html.match_indices(&open)
        .filter_map(|(at, _)| {
            let element = &html[at..at + html[at..].find('>')?];
            if !element.contains(has) {
                return None;
            }
            let key = format!(" {attr}=\"");
            let start = element.find(&key)? + key.len();
            Some(&element[start..start + element[start..].find('"')?])
        })
        .collect()
}

/// `hreflang` → `href` of the page's alternate links.
fn alternates(html: &str) -> BTreeMap<String, String> {
    let links = attrs(html, "link", "hreflang=", "hreflang");
    let hrefs = attrs(html, "link", "hreflang=", "href");
    links
        .into_iter()
        .zip(hrefs)
        .map(|(l, h)| (l.to_string(), h.to_string()))
        .collect()
}

#[test]
fn each_translation_is_under_its_language_folder_in_its_own_words() {
    for theme in ["clinical", "serene"] {
        let files = built(&fixture(), theme);
        for path in [
            "index.html",
            "sun/index.html",
            "articles/index.html",
            "de/index.html",
            "de/sonnenschutz/index.html",
            "de/articles/index.html",
            "fr/index.html",
            "atom.xml",
            "de/atom.xml",
            "fr/atom.xml",
        ] {
            assert!(files.contains_key(path), "{theme}: no {path}");
        }
        for (language, pages) in [
            (
                "de",
                &[
                    "de/index.html",
                    "de/sonnenschutz/index.html",
                    "de/articles/index.html",
                ][..],
            ),
            ("fr", &["fr/index.html"][..]),
        ] {
            // The switcher names every language in its own words: the
            // English page's name, "English", is meant to be there.
            let english: Vec<_> = english_only(&i18n::builtin(language).unwrap())
                .into_iter()
                .filter(|(key, _)| *key != "language_name")
                .collect();
            assert!(english.len() > 40, "{}", english.len());
            for path in pages {
                let html = &files[*path];
                assert!(
                    html.contains(&format!("<html lang=\"{language}\"")),
                    "{theme} {path}"
                );
                let text = readable(html);
                for (key, value) in &english {
                    assert!(
                        !shows(&text, value),
                        "{theme} {path}: `{key}` is in English ({value:?}):\n{text}"
                    );
                }
            }
        }
        // The check is not vacuous: the English page shows those words.
        let english_words = english_only(&i18n::builtin("de").unwrap());
        let text = readable(&files["index.html"]);
        let shown = english_words
            .iter()
            .filter(|(_, v)| shows(&text, v))
            .count();
        assert!(shown > 25, "{theme}: {shown}");
    }
}

#[test]
fn money_dates_and_durations_follow_each_page_s_language() {
    let files = built(&fixture(), "clinical");
    let (en, de, fr) = (
        &files["index.html"],
        &files["de/index.html"],
        &files["fr/index.html"],
    );
    assert!(en.contains("$1,500–$3,000"), "{en}");
    assert!(
        en.contains(">1 October 2026</time>") || en.contains(">October 1, 2026</time>"),
        "{en}"
    );
    assert!(de.contains(&format!("1.500{NBSP}€ – 3.000{NBSP}€")), "{de}");
    assert!(de.contains(">1. Oktober 2026</time>"), "{de}");
    assert!(de.contains("1 Std. 30 Min."), "{de}");
    assert!(
        fr.contains(&format!("1{NNBSP}500{NBSP}€ – 3{NNBSP}000{NBSP}€")),
        "{fr}"
    );
    assert!(fr.contains(">1 octobre 2026</time>"), "{fr}");
    assert!(fr.contains(&format!("1{NNBSP}h 30{NBSP}min")), "{fr}");
    // Counted words take each language's plural rules.
    assert!(de.contains("Sitzungen"), "{de}");
    assert!(fr.contains("séances"), "{fr}");
    for (html, language) in [(en, "en"), (de, "de"), (fr, "fr")] {
        assert!(
            html.contains(&format!("\"inLanguage\":\"{language}\"")),
            "{language}"
        );
    }
}

#[test]
fn hreflang_alternates_resolve_both_ways_and_the_sitemap_lists_them() {
    let files = built(&fixture(), "clinical");
    let base = "https://answers.example.org/";
    let page_of = |url: &str| {
        let path = url.strip_prefix(base).expect("absolute");
        format!("{path}index.html")
    };
    let mut pairs = 0;
    for (path, html) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let links = alternates(html);
        if links.is_empty() {
            continue;
        }
        let own = attrs(html, "link", "rel=\"canonical\"", "href")[0];
        let own_language = attrs(html, "html", "lang=", "lang")[0].to_string();
        assert_eq!(
            links.get(&own_language).map(String::as_str),
            Some(own),
            "{path}"
        );
        assert_eq!(links["x-default"], links["en"], "{path}");
        for (language, url) in &links {
            let target = &files[&page_of(url)];
            let back = alternates(target);
            assert_eq!(
                back.get(&own_language).map(String::as_str),
                Some(own),
                "{path} → {language}"
            );
            pairs += 1;
        }
        // One link per other language (`links` has each language and
        // `x-default`); the page's own is plain text.
        let switcher = attrs(html, "a", "hreflang=", "hreflang");
        assert_eq!(switcher.len(), links.len() - 2, "{path}: {switcher:?}");
        assert!(!switcher.contains(&own_language.as_str()), "{path}");
        let own = format!("<span lang=\"{own_language}\" aria-current=\"page\">");
        assert!(html.contains(&own), "{path}");
    }
    // index (en, de, fr) and sun (en, de): 3×4 + 2×3 links.
    assert_eq!(pairs, 18);
    let sitemap = &files["sitemap.xml"];
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(sitemap.contains(&format!(
        "<loc>{base}de/sonnenschutz/</loc>\n    <lastmod>2026-09-10</lastmod>\n    <xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"{base}sun/\"/>\n    <xhtml:link rel=\"alternate\" hreflang=\"de\" href=\"{base}de/sonnenschutz/\"/>\n"
    )), "{sitemap}");
    assert!(
        sitemap.contains(&format!("<loc>{base}de/articles/</loc>")),
        "{sitemap}"
    );
}

#[test]
fn each_language_has_its_own_listing_and_feed() {
    let files = built(&fixture(), "clinical");
    let listing = &files["articles/index.html"];
    assert!(listing.contains("Chemical Peels") && !listing.contains("Chemisches Peeling"));
    let german = &files["de/articles/index.html"];
    assert!(german.contains("href=\"/de/sonnenschutz/\"") && !german.contains("Chemical Peels"));
    assert!(
        german.contains("<link rel=\"alternate\" type=\"application/atom+xml\"")
            && german.contains("href=\"/de/atom.xml\"")
    );
    let feed = &files["de/atom.xml"];
    assert!(feed.contains("xml:lang=\"de\"") && feed.contains("<title>Chemisches Peeling</title>"));
    assert!(!feed.contains("Chemical Peels") && !files["atom.xml"].contains("Chemisches"));
    assert!(files["fr/atom.xml"].contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://answers.example.org/fr/atom.xml\"/>"));
    // Tag pages list the site's own language's articles.
    assert!(!files["tags/peels/index.html"].contains("/de/"));
}

#[test]
fn a_site_in_one_language_is_unchanged_by_the_feature() {
    let files = built(&support::fixture("i18n-de"), "clinical");
    for (path, html) in &files {
        assert!(!html.contains("hreflang"), "{path}");
        assert!(!path.starts_with("switch."), "{path}");
    }
    assert!(!files["sitemap.xml"].contains("xhtml"));
}

#[test]
fn each_article_is_spelled_against_its_own_language() {
    let dir = tempfile::tempdir().unwrap();
    support::copy_dir(&fixture(), dir.path());
    let german = dir.path().join("content/sun.de.md");
    let text = std::fs::read_to_string(&german).unwrap();
    std::fs::write(&german, text.replace("Einige Wochen", "Einige Wochne")).unwrap();
    let sources = source::load(dir.path()).unwrap();
    let load = |language: &str| {
        spelling::load(dir.path(), language).unwrap_or_else(|note| {
            panic!("{note}\nThis test needs Debian's hunspell-en-us and hunspell-de-de (tests/run.sh installs them).")
        })
    };
    let spellers = [load("en"), load("de")];
    let today = Date::new(2026, 11, 23).unwrap();
    let found = check_sources(&sources, &Overrides::default(), &spellers, today);
    let spelling: Vec<_> = found
        .iter()
        .filter(|d| d.message.contains("dictionary"))
        .collect();
    assert_eq!(spelling.len(), 1, "{found:#?}");
    assert_eq!(
        spelling[0].message,
        "`Wochne` is not in the de_DE dictionary"
    );
    assert!(
        spelling[0].location().starts_with("content/sun.de.md:"),
        "{:?}",
        spelling[0]
    );
    // With only the English dictionary, the German pages are not spelled
    // as English.
    let found = check_sources(&sources, &Overrides::default(), &spellers[..1], today);
    assert!(
        !found.iter().any(|d| d.message.contains("dictionary")),
        "{found:#?}"
    );
}

/// `serve` after each edit equals a clean build: a new translation adds
/// alternates to its original's page, which is otherwise unchanged.
#[test]
fn serve_follows_translations_added_and_removed() {
    use faqpress::serve::Session;
    const ORIGIN: &str = "http://127.0.0.1:1111";
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    support::copy_dir(&fixture(), root);
    let as_bytes = |f: &faqpress::output::OutputFile| match &f.contents {
        Contents::Bytes(b) => b.clone(),
        Contents::Copy(from) => std::fs::read(from).unwrap(),
    };
    let clean = || -> BTreeMap<String, Vec<u8>> {
        let sources = source::load(root).unwrap();
        let overrides = Overrides {
            base_url: Some(format!("{ORIGIN}/")),
            ..Overrides::default()
        };
        let (_, files) = render_to_memory(&sources, &overrides).unwrap();
        files
            .iter()
            .map(|f| (f.path.clone(), as_bytes(f)))
            .collect()
    };
    let mut session = Session::new(root, ORIGIN, false);
    session.rebuild(&[]).expect("builds");
    let fr = "---\ntitle: La protection solaire après un soin\ndate: 2026-09-12\n---\n\nLa peau traitée brûle facilement.\n\n## Combien de temps protéger ma peau ?\n\nQuelques semaines.\n";
    support::write_file(root, "content/sun.fr.md", fr);
    let edits: [(&str, Option<&str>); 2] = [
        ("content/sun.fr.md", None),
        ("content/index.fr.md", Some("remove")),
    ];
    for (path, action) in edits {
        if action.is_some() {
            std::fs::remove_file(root.join(path)).unwrap();
        }
        let build = session.rebuild(&[path.to_string()]).expect("rebuilds");
        let got: BTreeMap<String, Vec<u8>> = build
            .files
            .iter()
            .map(|(p, f)| (p.clone(), as_bytes(f)))
            .collect();
        let want = clean();
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>(),
            "{path}"
        );
        for (p, bytes) in &want {
            assert!(got[p] == *bytes, "{p} differs after {path}");
        }
    }
    let sun = String::from_utf8(clean()["sun/index.html"].clone()).unwrap();
    assert!(sun.contains("hreflang=\"fr\""), "{sun}");
    let home = String::from_utf8(clean()["index.html"].clone()).unwrap();
    assert!(!home.contains("hreflang=\"fr\""), "{home}");
}

/// With search on, Pagefind makes one index per language, each page
/// under its own `<html lang>`, so a German reader searches German pages.
#[test]
fn search_indexes_each_language_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    support::copy_dir(&fixture(), dir.path());
    let config = dir.path().join("site.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, yaml.replace("search: false", "search: true")).unwrap();
    let files = built(dir.path(), "clinical");
    let entry: serde_json::Value =
        serde_json::from_str(&files["pagefind/pagefind-entry.json"]).unwrap();
    let counts: BTreeMap<String, u64> = entry["languages"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(language, index)| (language.clone(), index["page_count"].as_u64().unwrap()))
        .collect();
    let want: BTreeMap<String, u64> = [("de", 2), ("en", 2), ("fr", 1)]
        .into_iter()
        .map(|(l, n)| (l.to_string(), n))
        .collect();
    assert_eq!(counts, want);
}
