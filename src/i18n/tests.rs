use super::*;
use crate::config::{Overrides, parse};

fn site(yaml: &str) -> (Site, SourceFile) {
    let file = SourceFile::new("site.yaml", yaml);
    (parse(&file, &Overrides::default()).unwrap(), file)
}

fn load_for(yaml: &str, files: &[SourceFile]) -> Result<(Strings, Vec<Diagnostic>), Diagnostic> {
    let (site, config) = site(yaml);
    load(&site, &config, files)
}

#[test]
fn every_built_in_table_reads() {
    for (lang, _) in BUILTIN {
        let table = builtin(lang).unwrap();
        assert!(
            table.entries().iter().all(|(_, v)| !v.trim().is_empty()),
            "{lang}"
        );
    }
}

#[test]
fn the_table_is_picked_by_the_primary_subtag() {
    let (t, warnings) = load_for("title: A\nlanguage: de-AT\n", &[]).unwrap();
    assert_eq!(t.toc_title, "In diesem Artikel");
    assert!(warnings.is_empty());
    let (t, _) = load_for("title: A\nlanguage: FR\n", &[]).unwrap();
    assert_eq!(t.toc_title, "Dans cet article");
    let (t, _) = load_for("title: A\n", &[]).unwrap();
    assert_eq!(t.toc_title, "In this article");
}

#[test]
fn the_english_disclaimer_is_the_default_one() {
    let (site, _) = site("title: A\n");
    assert_eq!(builtin("en").unwrap().disclaimer, site.disclaimer.unwrap());
}

#[test]
fn an_unknown_language_falls_back_to_english_with_a_warning() {
    let (t, warnings) = load_for("title: A\nlanguage: nl\n", &[]).unwrap();
    assert_eq!(t, builtin("en").unwrap());
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].message.contains("`nl`"),
        "{}",
        warnings[0].message
    );
    assert_eq!(warnings[0].location(), "site.yaml:2:11");
    assert!(!warnings[0].is_error());
}

#[test]
fn a_site_file_overrides_some_keys() {
    let own = SourceFile::new("i18n/de.yaml", "toc_title: Inhalt\n");
    let (t, warnings) = load_for("title: A\nlanguage: de\n", &[own]).unwrap();
    assert_eq!(t.toc_title, "Inhalt");
    assert_eq!(t.nav_home, "Startseite");
    assert!(warnings.is_empty());
}

#[test]
fn a_file_for_another_language_is_not_used() {
    let own = SourceFile::new("i18n/fr.yaml", "toc_title: Sommaire\n");
    let (t, _) = load_for("title: A\nlanguage: de\n", &[own]).unwrap();
    assert_eq!(t.toc_title, "In diesem Artikel");
}

#[test]
fn missing_keys_of_a_language_without_a_table_are_named() {
    let own = SourceFile::new("i18n/nl.yaml", "toc_title: In dit artikel\n");
    let (t, warnings) = load_for("title: A\nlanguage: nl\n", &[own]).unwrap();
    assert_eq!(t.toc_title, "In dit artikel");
    assert_eq!(t.nav_home, "Home");
    assert_eq!(warnings.len(), builtin("en").unwrap().entries().len() - 1);
    assert!(warnings.iter().any(|w| w.message.contains("`nav_home`")));
    assert!(warnings.iter().all(|w| w.file == "i18n/nl.yaml"));
}

#[test]
fn an_unknown_key_is_a_located_error_with_a_suggestion() {
    let own = SourceFile::new("i18n/de.yaml", "nav_home: Start\ntoc_titel: Inhalt\n");
    let err = load_for("title: A\nlanguage: de\n", &[own]).unwrap_err();
    assert!(err.is_error());
    assert_eq!(err.location(), "i18n/de.yaml:2:1");
    assert!(err.help.unwrap().contains("toc_title"));
}

#[test]
fn plural_forms_follow_the_language() {
    // The tables' `_one`/`_other` pairs are chosen by ICU's plural rules
    // (`Locale::choose`), which count 0 as singular in French only.
    let choose = |tag: &str, n| crate::locale::Locale::new(tag).choose(n, "one", "other");
    assert_eq!(choose("en", 1), "one");
    assert_eq!(choose("en", 0), "other");
    assert_eq!(choose("de-CH", 2), "other");
    assert_eq!(choose("fr", 0), "one");
    assert_eq!(choose("fr", 2), "other");
    assert_eq!(choose("es", 1), "one");
}

/// The `{placeholders}` of a text, in order.
fn placeholders(text: &str) -> Vec<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

#[test]
fn every_translation_keeps_the_english_placeholders() {
    let english = builtin("en").unwrap();
    for (lang, _) in BUILTIN {
        let table = builtin(lang).unwrap();
        for ((key, en), (_, text)) in english.entries().into_iter().zip(table.entries()) {
            let (mut want, mut got) = (placeholders(en), placeholders(text));
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(want, got, "{lang} {key}: {text}");
        }
    }
}

/// French sets a narrow no-break space before `:`, `;`, `?` and `!` and
/// inside guillemets; never a plain space, which could break the line.
#[test]
fn french_punctuation_has_its_narrow_spaces() {
    for (key, text) in builtin("fr").unwrap().entries() {
        for mark in [":", ";", "?", "!", "»"] {
            for (at, _) in text.match_indices(mark) {
                assert!(text[..at].ends_with('\u{202f}'), "fr {key}: {text}");
            }
        }
        for (at, _) in text.match_indices('«') {
            assert!(
                text[at + '«'.len_utf8()..].starts_with('\u{202f}'),
                "fr {key}: {text}"
            );
        }
    }
}
