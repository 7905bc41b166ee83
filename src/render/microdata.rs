//! The questions and answers are schema.org microdata written by the
//! theme's templates (`partials/section.html`, and the `FAQPage` item on
//! the `<article>` of `article.html`), not by the JSON-LD. A site that
//! overrides one of those files with a copy made before, or without the
//! markup, would lose its FAQ structured data without a word: this says
//! so, once per build of a site with a question, pointing at the file.
//!
//! A look at the templates' text, not at the pages: the markup may come
//! from an include the override keeps, which the names checked here
//! allow for.

use super::DEFAULT_TEMPLATE;
use super::theme::{Theme, ThemeFile};
use crate::diagnostics::Diagnostic;

/// The shared partial that writes an article's sections.
pub const SECTION_PARTIAL: &str = "partials/section.html";

/// Warnings for the site's own `article.html` or section partial when it
/// leaves out the microdata of the questions.
pub fn template_warnings(theme: &Theme) -> Vec<Diagnostic> {
    let own = |name: &str| {
        theme
            .files
            .get(name)
            .filter(|f| !f.origin.starts_with("theme "))
    };
    let mut found = Vec::new();
    if let Some(article) = own(DEFAULT_TEMPLATE) {
        if !article.text.contains(SECTION_PARTIAL) && !article.text.contains("schema.org/Question")
        {
            found.push(missing(
                article,
                "page.blocks",
                "this article template writes the questions without their structured data",
                "for each block, `{% include \"partials/section.html\" %}` as the built-in themes do (or copy its markup)",
            ));
        }
        if !article.text.contains("schema.org/FAQPage") {
            found.push(missing(
                article,
                "<article",
                "this article template's `<article>` is not marked up as an FAQPage",
                "give it `{% if page.has_questions %} itemscope itemtype=\"https://schema.org/FAQPage\" itemid=\"{{ page.permalink }}\"{% endif %}`, as the built-in themes do",
            ));
        }
    }
    if let Some(section) = own(SECTION_PARTIAL) {
        if !section.text.contains("itemprop=\"acceptedAnswer\"") {
            found.push(missing(
                section,
                "<section",
                "this partial writes the questions without their structured data",
                "keep the `itemprop`, `itemscope` and `itemtype` attributes of the built-in partial (src/themes/common/partials/section.html)",
            ));
        }
    }
    found
}

/// A warning at the first `near` in `file` (where the markup belongs), or
/// at its start.
fn missing(file: &ThemeFile, near: &str, message: &str, help: &str) -> Diagnostic {
    let at = file.text.find(near);
    Diagnostic::warning(&file.origin, message)
        .at_offset(&file.text, at.unwrap_or(0))
        .with_span_len(at.map_or(1, |_| near.len()))
        .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::select;
    use crate::source::SourceFile;

    fn theme_with(own: &[(&str, &str)]) -> Theme {
        let own: Vec<SourceFile> = own
            .iter()
            .map(|(name, text)| SourceFile::new(format!("templates/{name}"), *text))
            .collect();
        let config = SourceFile::new("site.yaml", "title: A\n");
        select("clinical", &own, &[], &config).unwrap()
    }

    #[test]
    fn the_built_in_themes_and_an_override_keeping_the_markup_pass() {
        assert!(template_warnings(&theme_with(&[])).is_empty());
        let serene = select("serene", &[], &[], &SourceFile::new("site.yaml", "")).unwrap();
        assert!(template_warnings(&serene).is_empty());
        // A copy of the built-in article template, edited elsewhere.
        let copy = theme_with(&[]).files[DEFAULT_TEMPLATE]
            .text
            .replace("{{ page.title }}</h1>", "{{ page.title }}!</h1>");
        assert!(template_warnings(&theme_with(&[(DEFAULT_TEMPLATE, &copy)])).is_empty());
    }

    #[test]
    fn an_override_without_the_markup_is_a_warning_naming_it() {
        let old = "<article>{% for block in page.blocks %}<section id=\"{{ block.id }}\">\
                   {{ block.html | safe }}</section>{% endfor %}</article>";
        let found = template_warnings(&theme_with(&[(DEFAULT_TEMPLATE, old)]));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|d| !d.is_error()));
        assert!(found.iter().all(|d| d.file == "templates/article.html"));
        assert!(found[0].message.contains("without their structured data"));
        assert!(found[1].message.contains("FAQPage"));
        let section = "<section>{{ block.html | safe }}</section>";
        let found = template_warnings(&theme_with(&[(SECTION_PARTIAL, section)]));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].file, "templates/partials/section.html");
    }
}
