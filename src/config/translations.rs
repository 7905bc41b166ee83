//! `languages:` in `site.yaml`: the languages the articles are translated
//! into, each with the folder of its pages and its formatters.

use super::Site;
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use crate::yaml;

/// A language the site's articles are translated into.
#[derive(Debug, Clone)]
pub struct Translation {
    /// The tag as `site.yaml` writes it: `de`, `pt-BR`.
    pub tag: String,
    /// The folder of its pages: the tag lower-cased, `de/`, `pt-br/`.
    pub prefix: String,
    pub locale: std::sync::Arc<crate::locale::Locale>,
}

impl Site {
    /// The translation language `tag` (as a page's header holds it).
    pub fn translation(&self, tag: &str) -> Option<&Translation> {
        self.translations.iter().find(|t| t.tag == tag)
    }

    /// The formatters of a page in `language` (`None`: the site's own).
    pub fn locale_for(&self, language: Option<&str>) -> &std::sync::Arc<crate::locale::Locale> {
        language
            .and_then(|tag| self.translation(tag))
            .map_or(&self.locale, |t| &t.locale)
    }

    /// The language tag of a page in `language` (`None`: the site's own).
    pub fn language_of<'s>(&'s self, language: Option<&'s str>) -> &'s str {
        language.unwrap_or(&self.language)
    }
}

/// `languages:` checked: tags, none the site's own `language`, none twice.
pub(super) fn resolve_translations(
    tags: &[String],
    language: &str,
    file: &SourceFile,
) -> Result<Vec<Translation>, Diagnostic> {
    let mut seen: Vec<String> = vec![language.to_ascii_lowercase()];
    let mut out = Vec::with_capacity(tags.len());
    for (i, tag) in tags.iter().enumerate() {
        let bad = |message: String, help: &str| {
            let d = Diagnostic::error(&file.path, message);
            let d = match yaml::locate(
                &file.text,
                &[yaml::Step::Key("languages"), yaml::Step::Index(i)],
            ) {
                Some((line, col)) => d.at(&file.text, line, col),
                None => d,
            };
            d.with_help(help.to_string())
        };
        if !super::is_language_tag(tag) {
            return Err(bad(
                format!("`{tag}` is not a language tag"),
                "use a BCP 47 tag such as `de`, `fr` or `pt-BR`",
            ));
        }
        let prefix = tag.to_ascii_lowercase();
        if seen.contains(&prefix) {
            let message = if prefix == seen[0] {
                format!("`{tag}` is the site's own `language`, not a translation")
            } else {
                format!("`{tag}` is listed twice")
            };
            return Err(bad(
                message,
                "list each language the articles are translated into once, without the site's own",
            ));
        }
        seen.push(prefix.clone());
        out.push(Translation {
            tag: tag.clone(),
            locale: std::sync::Arc::new(crate::locale::Locale::new(tag)),
            prefix: format!("{prefix}/"),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::config::{Overrides, parse};
    use crate::source::SourceFile;

    fn languages(yaml: &str) -> Result<Vec<(String, String)>, String> {
        let file = SourceFile::new("site.yaml", yaml);
        parse(&file, &Overrides::default())
            .map(|s| {
                s.translations
                    .into_iter()
                    .map(|t| (t.tag, t.prefix))
                    .collect()
            })
            .map_err(|d| format!("{} {}", d.location(), d.message))
    }

    #[test]
    fn languages_are_tags_other_than_the_site_s_each_listed_once() {
        assert_eq!(
            languages("title: A\nlanguages: [de, pt-BR]\n").unwrap(),
            [
                ("de".into(), "de/".into()),
                ("pt-BR".into(), "pt-br/".into())
            ]
        );
        assert_eq!(languages("title: A\n").unwrap(), []);
        let err = languages("title: A\nlanguage: de\nlanguages:\n  - fr\n  - DE\n").unwrap_err();
        assert_eq!(
            err,
            "site.yaml:5:5 `DE` is the site's own `language`, not a translation"
        );
        let err = languages("title: A\nlanguages:\n  - fr\n  - fr\n").unwrap_err();
        assert!(err.ends_with("`fr` is listed twice"), "{err}");
        let err = languages("title: A\nlanguages:\n  - french language\n").unwrap_err();
        assert!(err.starts_with("site.yaml:3:5 "), "{err}");
    }
}
