//! The themes' words in the site's language: the German fixture site
//! `tests/fixtures/i18n-de/` in both themes, and the same site in French
//! and Spanish, must show none of the English table's words.

use std::path::{Path, PathBuf};

mod support;

use faqpress::i18n;
use support::{english_only, readable, shows};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/i18n-de")
}

/// Every HTML page of the site at `root`, built with `theme`.
fn pages(root: &Path, theme: &str) -> Vec<(String, String)> {
    let mut files = support::built_text_files(root, &support::in_theme(theme));
    files.retain(|(path, _)| path.ends_with(".html"));
    files
}

fn assert_no_english(files: &[(String, String)], language: &str, context: &str) {
    let table = i18n::builtin(language).unwrap();
    let english = english_only(&table);
    assert!(
        english.len() > 40,
        "most keys are translated: {}",
        english.len()
    );
    for (path, html) in files {
        let text = readable(html);
        for (key, value) in &english {
            assert!(
                !shows(&text, value),
                "{context} {path}: `{key}` is in English ({value:?}):\n{text}"
            );
        }
    }
}

#[test]
fn the_matcher_finds_english_words_and_only_whole_ones() {
    assert!(shows("x Page 2 of 3 y", "Page {current} of {total}"));
    assert!(!shows("Page 2 sur 3", "Page {current} of {total}"));
    assert!(!shows("Vorherige Seite", "or"));
    assert!(shows("Home · Tags", "Tags"));
    assert!(shows("(3 results)", "{n} results"));
    assert!(readable("<p aria-label=\"Site\">a</p>").contains("Site"));
}

#[test]
fn a_german_site_shows_no_english_words_in_either_theme() {
    for theme in ["clinical", "serene"] {
        let files = pages(&fixture(), theme);
        for path in [
            "index.html",
            "404.html",
            "articles/index.html",
            "tags/index.html",
            "authors/jonas-muster/index.html",
        ] {
            assert!(files.iter().any(|(p, _)| p == path), "{theme}: no {path}");
        }
        assert_no_english(&files, "de", theme);
        let article = &files.iter().find(|(p, _)| p == "index.html").unwrap().1;
        for german in [
            "Zum Inhalt springen",
            "Preis und Dauer im Überblick",
            "Gesamte Behandlung (<span class=\"value\">3–6</span> Sitzungen)",
            "Ausschlussgrund",
            "siehe „Für wen ist ein Peeling geeignet?“",
            "data-one=\"{n} Ergebnis\"",
        ] {
            assert!(article.contains(german), "{theme}: {german}");
        }
    }
}

#[test]
fn french_and_spanish_sites_show_no_english_words() {
    for language in ["fr", "es"] {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture(), dir.path());
        let config = dir.path().join("site.yaml");
        let yaml = std::fs::read_to_string(&config).unwrap();
        std::fs::write(
            &config,
            yaml.replace("language: de", &format!("language: {language}")),
        )
        .unwrap();
        // Enough articles for the listing to have a second page.
        for n in 0..50 {
            std::fs::write(
                dir.path().join(format!("content/a{n}.md")),
                format!("---\ntitle: Frage {n}\n---\n\n## Warum {n}?\n\nDarum.\n"),
            )
            .unwrap();
        }
        let files = pages(dir.path(), "clinical");
        assert!(
            files.iter().any(|(p, _)| p == "articles/page/2/index.html"),
            "paged"
        );
        assert_no_english(&files, language, language);
        let article = &files.iter().find(|(p, _)| p == "index.html").unwrap().1;
        let table = i18n::builtin(language).unwrap();
        assert!(article.contains(&table.toc_title), "{language}");
        assert!(article.contains(&format!("<html lang=\"{language}\"")));
        let second = &files
            .iter()
            .find(|(p, _)| p == "articles/page/2/index.html")
            .unwrap()
            .1;
        assert!(second.contains(&table.pagination_previous), "{second}");
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The check is not vacuous: the same site in English is caught.
#[test]
fn the_english_site_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    let config = dir.path().join("site.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, yaml.replace("language: de", "language: en")).unwrap();
    let files = pages(dir.path(), "clinical");
    let english = english_only(&i18n::builtin("de").unwrap());
    let (_, article) = files.iter().find(|(p, _)| p == "index.html").unwrap();
    let text = readable(article);
    let shown: Vec<_> = english.iter().filter(|(_, v)| shows(&text, v)).collect();
    assert!(shown.len() > 35, "{shown:?}");
}
