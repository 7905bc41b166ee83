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
    let wanted = site_file(&site.language);
    let own = files.iter().find(|f| f.path == wanted);
    let partial: Option<PartialStrings> = own
        .map(|f| yaml::from_str(&f.text).map_err(|e| e.into_diagnostic(&f.path, &f.text, 1)))
        .transpose()?;
    let mut warnings = Vec::new();
    let base = match builtin(&site.language) {
        Some(table) => table,
        None => {
            let lang = primary(&site.language);
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
                _ => warnings.push(language_warning(site, config).with_help(format!(
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
fn language_warning(site: &Site, config: &SourceFile) -> Diagnostic {
    let d = Diagnostic::warning(
        &config.path,
        format!(
            "faqpress has no built-in words for the language `{}`: pages show them in English",
            site.language
        ),
    );
    match yaml::locate(&config.text, &[yaml::Step::Key("language")]) {
        Some((line, column)) => d
            .at(&config.text, line, column)
            .with_span_len(site.language.chars().count()),
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
