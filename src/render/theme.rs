//! Themes: the built-in ones embedded in the binary, a site's own
//! `templates/` overriding them file by file, and the compiled Tera set.

use std::collections::BTreeMap;

use tera::{ErrorKind, Kwargs, State, Tera};

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::source::SourceFile;
use crate::url::BaseUrl;

/// A built-in theme: file name → contents, compiled into the binary.
pub struct BuiltinTheme {
    pub name: &'static str,
    pub files: &'static [(&'static str, &'static str)],
}

macro_rules! theme_files {
    ($dir:literal: $($file:literal),* $(,)?) => {
        &[$(($file, include_str!(concat!("../themes/", $dir, "/", $file)))),*]
    };
}

/// Files every built-in theme shares (metadata for search and sharing);
/// a theme's own file of the same name wins.
pub const COMMON_FILES: &[(&str, &str)] = theme_files!("common": "partials/meta.html");

pub const BUILTIN_THEMES: &[BuiltinTheme] = &[BuiltinTheme {
    name: "clinical",
    files: theme_files!("clinical":
        "base.html",
        "article.html",
        "listing.html",
        "404.html",
        "partials/toc.html",
        "partials/checklist.html",
        "partials/pricing.html",
        "style.css",
    ),
}];

/// One theme file as the build sees it: where it came from (for
/// diagnostics) and its text.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Shown in diagnostics: `templates/article.html` for a site's own file,
    /// `theme clinical: article.html` for a built-in one.
    pub origin: String,
    pub text: String,
}

/// The files of the chosen theme with the site's overrides applied.
#[derive(Debug, Clone)]
pub struct Theme {
    pub name: String,
    pub files: BTreeMap<String, ThemeFile>,
}

/// Picks the theme named in `site.yaml` and lays the site's `templates/`
/// over it.
pub fn select(
    name: &str,
    site_templates: &[SourceFile],
    config: &SourceFile,
) -> Result<Theme, Diagnostic> {
    let Some(builtin) = BUILTIN_THEMES.iter().find(|t| t.name == name) else {
        let names: Vec<&str> = BUILTIN_THEMES.iter().map(|t| t.name).collect();
        let mut d = Diagnostic::error(&config.path, format!("there is no theme called `{name}`"));
        if let Some((line, col)) =
            crate::yaml::locate(&config.text, &[crate::yaml::Step::Key("theme")])
        {
            d = d
                .at(&config.text, line, col)
                .with_span_len(name.chars().count());
        }
        let list = names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(d.with_help(match did_you_mean(name, &names) {
            Some(best) => format!("did you mean `{best}`? the available themes are: {list}"),
            None => format!("the available themes are: {list}"),
        }));
    };
    let mut files: BTreeMap<String, ThemeFile> = COMMON_FILES
        .iter()
        .chain(builtin.files.iter())
        .map(|(file, text)| {
            (
                file.to_string(),
                ThemeFile {
                    origin: format!("theme {}: {file}", builtin.name),
                    text: text.to_string(),
                },
            )
        })
        .collect();
    for template in site_templates {
        let name = template
            .path
            .strip_prefix("templates/")
            .unwrap_or(&template.path);
        files.insert(
            name.to_string(),
            ThemeFile {
                origin: template.path.clone(),
                text: template.text.clone(),
            },
        );
    }
    Ok(Theme {
        name: name.to_string(),
        files,
    })
}

/// Compiles every template of the theme once for the whole build.
pub fn compile(theme: &Theme, base: &BaseUrl) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    let base_for_url = base.clone();
    tera.register_function(
        "url",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            Ok(base_for_url.url(path))
        },
    );
    let templates = theme
        .files
        .iter()
        .filter(|(name, _)| {
            name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".txt")
        })
        .map(|(name, file)| (name.as_str(), file.text.as_str()));
    tera.add_raw_templates(templates)
        .map_err(|e| vec![template_error(&e, theme)])?;
    Ok(tera)
}

/// Turns a Tera error into a diagnostic located in the template's source.
pub fn template_error(error: &tera::Error, theme: &Theme) -> Diagnostic {
    let report = match error.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let mut message = match report {
        Some(r) => r.message().to_string(),
        None => error.kind().to_string(),
    };
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    let Some(report) = report else {
        return Diagnostic::error("", format!("template error: {message}"));
    };
    let file = theme.files.get(report.filename());
    let origin = file.map_or_else(|| report.filename().to_string(), |f| f.origin.clone());
    let mut d = Diagnostic::error(origin, message);
    if let Some(file) = file {
        let span = report.span();
        let len = if span.end_line == span.start_line {
            span.end_col.saturating_sub(span.start_col)
        } else {
            1
        };
        d = d
            .at(&file.text, span.start_line, span.start_col + 1)
            .with_span_len(len);
    }
    d.with_help("fix the template; see the Tera documentation for its syntax")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> SourceFile {
        SourceFile::new("site.yaml", "title: A\ntheme: clinicl\n")
    }

    #[test]
    fn unknown_theme_lists_the_available_ones() {
        let err = select("clinicl", &[], &config()).unwrap_err();
        assert_eq!(err.location(), "site.yaml:2:8");
        assert!(err.help.unwrap().starts_with("did you mean `clinical`?"));
    }

    #[test]
    fn site_templates_override_file_by_file() {
        let own = SourceFile::new("templates/404.html", "gone");
        let theme = select("clinical", &[own], &config()).unwrap();
        assert_eq!(theme.files["404.html"].text, "gone");
        assert_eq!(theme.files["404.html"].origin, "templates/404.html");
        assert!(
            theme.files["article.html"]
                .origin
                .starts_with("theme clinical")
        );
    }

    #[test]
    fn syntax_errors_point_into_the_template() {
        let own = SourceFile::new("templates/404.html", "line one\n{% if %}\n");
        let theme = select("clinical", &[own], &config()).unwrap();
        let errors = compile(&theme, &BaseUrl::default()).unwrap_err();
        assert_eq!(errors[0].file, "templates/404.html");
        assert_eq!(errors[0].position.unwrap().line, 2);
    }
}
