//! The words themes and the generator write, one table per language:
//! built-in tables for `en`, `de`, `fr` and `es` (embedded YAML files),
//! and a site's own `i18n/<lang>.yaml` overriding any of their keys.
//!
//! Dates, numbers and money are formatted elsewhere (`date`, `pricing`);
//! here are only words. Placeholders in braces (`{n}`, `{tag}`) are
//! filled by whoever prints the string, and counted words come in `_one`
//! and `_other` forms, picked by [`plural`].

mod strings;
#[cfg(test)]
mod tests;

use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::layout;
use crate::source::SourceFile;
use crate::yaml;
pub use strings::{PartialStrings, Strings};

/// The built-in tables: language subtag → YAML text.
pub const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("en.yaml")),
    ("de", include_str!("de.yaml")),
    ("fr", include_str!("fr.yaml")),
    ("es", include_str!("es.yaml")),
];

/// The table used when the site's language has none.
pub const FALLBACK: &str = "en";

/// The primary subtag of a language tag, lowercased: `de-AT` → `de`.
pub fn primary(language: &str) -> String {
    language
        .split(['-', '_'])
        .next()
        .unwrap_or(language)
        .to_ascii_lowercase()
}

/// The built-in table of `language` (its primary subtag), if there is one.
pub fn builtin(language: &str) -> Option<Strings> {
    let lang = primary(language);
    let (_, text) = BUILTIN.iter().find(|(l, _)| *l == lang)?;
    // The tables are part of the binary and a test reads each of them.
    Some(yaml::from_str(text).unwrap_or_else(|e| panic!("built-in table {lang}: {}", e.message)))
}

/// Which of a counted word's forms a count takes.
/// The site file that overrides the table of `language`.
pub fn site_file(language: &str) -> String {
    format!("{}/{}.yaml", layout::I18N_DIR, primary(language))
}

/// The site's table: the built-in one of its language with the site's own
/// `i18n/<lang>.yaml` laid over it, key by key. A language without a
/// built-in table takes English for every key its site file leaves out,
/// with a warning naming each (or naming the language, without a file).
/// Returns the table and those warnings; a site file that does not read
/// is an error.
pub fn load(
    site: &Site,
    config: &SourceFile,
    files: &[SourceFile],
) -> Result<(Strings, Vec<Diagnostic>), Diagnostic> {
    load_language(
        &site.language,
        &[yaml::Step::Key("language")],
        config,
        files,
    )
}

/// Every language's table: the site's own, then each translation's (in
/// `languages:` order), with the warnings of all. A table that cannot be
/// read is reported and replaced by English, so every other problem is
/// still found in the same run.
pub fn load_all(
    site: &Site,
    config: &SourceFile,
    files: &[SourceFile],
) -> (Tables, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut take = |loaded: Result<(Strings, Vec<Diagnostic>), Diagnostic>| match loaded {
        Ok((strings, warnings)) => {
            diagnostics.extend(warnings);
            strings
        }
        Err(d) => {
            // Reported with everything else; the build stops at the verdict.
            diagnostics.push(d);
            builtin(FALLBACK).expect("English is built in")
        }
    };
    let default = take(load(site, config, files));
    let translations = site
        .translations
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let at = [yaml::Step::Key("languages"), yaml::Step::Index(i)];
            (
                t.tag.clone(),
                take(load_language(&t.tag, &at, config, files)),
            )
        })
        .collect();
    (
        Tables {
            default,
            translations,
        },
        diagnostics,
    )
}

/// The tables of every language of the site.
#[derive(Debug, Clone)]
pub struct Tables {
    /// The site's own language's.
    pub default: Strings,
    /// Each translation language's: (tag, table).
    pub translations: Vec<(String, Strings)>,
}

impl Tables {
    /// The table of a page in `language` (`None`: the site's own).
    pub fn of(&self, language: Option<&str>) -> &Strings {
        language
            .and_then(|tag| self.translations.iter().find(|(t, _)| t == tag))
            .map_or(&self.default, |(_, strings)| strings)
    }
}

/// The table of `language`, its warnings pointing at `at` in `site.yaml`.
fn load_language(
    language: &str,
    at: &[yaml::Step],
    config: &SourceFile,
    files: &[SourceFile],
) -> Result<(Strings, Vec<Diagnostic>), Diagnostic> {
    let wanted = site_file(language);
    let own = files.iter().find(|f| f.path == wanted);
    let partial: Option<PartialStrings> = own
        .map(|f| yaml::from_str(&f.text).map_err(|e| e.into_diagnostic(&f.path, &f.text, 1)))
        .transpose()?;
    let mut warnings = Vec::new();
    let base = match builtin(language) {
        Some(table) => table,
        None => {
            let lang = primary(language);
            match (&partial, own) {
                (Some(partial), Some(file)) => {
                    for key in partial.missing() {
                        warnings.push(
                            Diagnostic::warning(
                                &file.path,
                                format!("`{key}` is missing: pages show it in English"),
                            )
                            .at(&file.text, 1, 1)
                            .with_help(format!(
                                "faqpress has no built-in table for `{lang}`; add `{key}:` with its {lang} text"
                            )),
                        );
                    }
                }
                _ => warnings.push(language_warning(language, at, config).with_help(format!(
                    "translate them in `{wanted}` (see `i18n` in the README), or use one of: {}",
                    builtin_languages()
                ))),
            }
            builtin(FALLBACK).expect("English is built in")
        }
    };
    let table = match partial {
        Some(partial) => base.overlaid(partial),
        None => base,
    };
    Ok((table, warnings))
}

/// Says the language has no table, pointing at `language:` in `site.yaml`.
fn language_warning(language: &str, at: &[yaml::Step], config: &SourceFile) -> Diagnostic {
    let d = Diagnostic::warning(
        &config.path,
        format!(
            "faqpress has no built-in words for the language `{language}`: pages show them in English"
        ),
    );
    match yaml::locate(&config.text, at) {
        Some((line, column)) => d
            .at(&config.text, line, column)
            .with_span_len(language.chars().count()),
        None => d,
    }
}

fn builtin_languages() -> String {
    BUILTIN
        .iter()
        .map(|(l, _)| format!("`{l}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
