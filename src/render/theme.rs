//! Themes: the built-in ones embedded in the binary, a site's own
//! `templates/` overriding them file by file, and the compiled Tera set.

use std::collections::BTreeMap;
use std::sync::Arc;

use tera::{ErrorKind, Kwargs, State, Tera};

use crate::components;
use crate::config::DEFAULT_THEME;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::layout;
use crate::locale::Locale;
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

/// Files every built-in theme shares: search and sharing metadata, the
/// site search box, the
/// markup of the table of contents and of an article's sections (each
/// theme styles them in its own CSS),
/// besides each component's partial, which its component names
/// (`components::Component::builtin_partial`). A theme's own file of the
/// same name wins.
pub const COMMON_FILES: &[(&str, &str)] = theme_files!("common":
    "partials/meta.html",
    "partials/search.html",
    "partials/toc.html",
    "partials/section.html",
    "partials/byline.html",
    "partials/person.html",
    "partials/references.html",
    "partials/languages.html",
);

/// The built-in themes. Each one has the files listed here plus the common
/// ones; a site's own theme (`themes/<name>/`) may have any subset of them.
/// `include_str!` needs the names spelled here; a test checks that
/// `layout::NOT_FOUND_PAGE` and `layout::STYLESHEET` are among them.
pub const BUILTIN_THEMES: &[BuiltinTheme] = &[
    BuiltinTheme {
        name: "clinical",
        files: theme_files!("clinical":
            "base.html",
            "article.html",
            "listing.html",
            "tags.html",
            "404.html",
            "style.css",
        ),
    },
    BuiltinTheme {
        name: "serene",
        files: theme_files!("serene":
            "base.html",
            "article.html",
            "listing.html",
            "tags.html",
            "404.html",
            "style.css",
        ),
    },
];

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
///
/// The name is looked up first among the site's own themes (folders of
/// `themes/`), then among the built-in ones. A site theme is laid over the
/// built-in theme of the same name when there is one, else over the
/// default built-in theme ([`DEFAULT_THEME`]): any file it leaves out
/// comes from there.
pub fn select(
    name: &str,
    site_templates: &[SourceFile],
    site_themes: &[SourceFile],
    config: &SourceFile,
) -> Result<Theme, Diagnostic> {
    let prefix = format!("{}/{name}/", layout::THEMES_DIR);
    let own: Vec<&SourceFile> = site_themes
        .iter()
        .filter(|f| f.path.starts_with(&prefix))
        .collect();
    let builtin = BUILTIN_THEMES.iter().find(|t| t.name == name);
    let base = match (builtin, own.is_empty()) {
        (Some(builtin), _) => builtin,
        (None, false) => BUILTIN_THEMES
            .iter()
            .find(|t| t.name == DEFAULT_THEME)
            .expect("the default theme is built in"),
        (None, true) => return Err(unknown_theme(name, site_themes, config)),
    };
    let partials = components::ALL
        .iter()
        .map(|c| (c.partial, c.builtin_partial));
    let mut files: BTreeMap<String, ThemeFile> = COMMON_FILES
        .iter()
        .copied()
        .chain(partials)
        .chain(base.files.iter().copied())
        .map(|(file, text)| {
            (
                file.to_string(),
                ThemeFile {
                    origin: format!("theme {}: {file}", base.name),
                    text: text.to_string(),
                },
            )
        })
        .collect();
    let overlays =
        own.into_iter()
            .map(|f| (&f.path[prefix.len()..], f))
            .chain(site_templates.iter().map(|f| {
                let file = layout::inside(&f.path, layout::TEMPLATES_DIR).unwrap_or(&f.path);
                (file, f)
            }));
    for (file, source) in overlays {
        files.insert(
            file.to_string(),
            ThemeFile {
                origin: source.path.clone(),
                text: source.text.clone(),
            },
        );
    }
    // Compacted once here, so the stylesheet's fingerprint, its file and
    // `serve` all see the bytes readers get.
    if let Some(css) = files.get_mut(layout::STYLESHEET) {
        css.text = crate::css::compact(&css.text);
    }
    Ok(Theme {
        name: name.to_string(),
        files,
    })
}

/// The names of the site's own themes: the folders of `themes/`.
pub fn site_theme_names(site_themes: &[SourceFile]) -> Vec<&str> {
    let mut names: Vec<&str> = site_themes
        .iter()
        .filter_map(|f| layout::inside(&f.path, layout::THEMES_DIR)?.split_once('/'))
        .map(|(name, _)| name)
        .collect();
    names.dedup();
    names
}

fn unknown_theme(name: &str, site_themes: &[SourceFile], config: &SourceFile) -> Diagnostic {
    let mut names: Vec<&str> = BUILTIN_THEMES.iter().map(|t| t.name).collect();
    let own = site_theme_names(site_themes);
    names.extend(own.iter().copied());
    let mut d = Diagnostic::error(&config.path, format!("there is no theme called `{name}`"));
    if let Some((line, col)) = crate::yaml::locate(&config.text, &[crate::yaml::Step::Key("theme")])
    {
        d = d
            .at(&config.text, line, col)
            .with_span_len(name.chars().count());
    }
    let quoted = |list: &[&str]| {
        list.iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut list = format!(
        "the built-in themes are: {}",
        quoted(&names[..BUILTIN_THEMES.len()])
    );
    if own.is_empty() {
        list.push_str("; a site can also make its own in `themes/<name>/`");
    } else {
        list.push_str(&format!(
            "; the site's own (in `themes/`): {}",
            quoted(&own)
        ));
    }
    d.with_help(match did_you_mean(name, &names) {
        Some(best) => format!("did you mean `{best}`? {list}"),
        None => list,
    })
}

/// Compiles every template of the theme once for the whole build.
pub fn compile(
    theme: &Theme,
    base: &BaseUrl,
    locale: &Arc<Locale>,
    translations: &[crate::config::Translation],
) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    // `plural(n=3, one=t.x_one, other=t.x_other)`: the form of a counted
    // word, chosen by the plural rules of the page's language (`lang` in
    // a translation's context, else the site's).
    let locale = Arc::clone(locale);
    let others: Vec<(String, Arc<Locale>)> = translations
        .iter()
        .map(|t| (t.tag.clone(), Arc::clone(&t.locale)))
        .collect();
    tera.register_function(
        "plural",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let n: u64 = kwargs.must_get("n")?;
            let one: &str = kwargs.must_get("one")?;
            let other: &str = kwargs.must_get("other")?;
            let lang: Option<String> = state.get("lang")?;
            let locale = lang
                .and_then(|lang| others.iter().find(|(tag, _)| *tag == lang))
                .map_or(&locale, |(_, l)| l);
            Ok(locale.choose(n, one, other).to_string())
        },
    );
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
    fn every_built_in_theme_has_the_files_layout_names() {
        for theme in BUILTIN_THEMES {
            for name in [layout::NOT_FOUND_PAGE, layout::STYLESHEET] {
                assert!(
                    theme.files.iter().any(|(f, _)| *f == name),
                    "{} {name}",
                    theme.name
                );
            }
        }
    }

    #[test]
    fn unknown_theme_lists_the_available_ones() {
        let err = select("clinicl", &[], &[], &config()).unwrap_err();
        assert_eq!(err.location(), "site.yaml:2:8");
        assert!(err.help.unwrap().starts_with("did you mean `clinical`?"));
    }

    #[test]
    fn site_templates_override_file_by_file() {
        let own = SourceFile::new("templates/404.html", "gone");
        let theme = select("clinical", &[own], &[], &config()).unwrap();
        assert_eq!(theme.files["404.html"].text, "gone");
        assert_eq!(theme.files["404.html"].origin, "templates/404.html");
        assert!(
            theme.files["article.html"]
                .origin
                .starts_with("theme clinical")
        );
    }

    #[test]
    fn site_themes_fall_back_to_the_default_theme_file_by_file() {
        let css = SourceFile::new("themes/mine/style.css", "body{}");
        let other = SourceFile::new("themes/other/base.html", "x");
        let own = SourceFile::new("templates/404.html", "gone");
        let theme = select("mine", &[own], &[css, other], &config()).unwrap();
        assert_eq!(theme.files["style.css"].origin, "themes/mine/style.css");
        assert_eq!(theme.files["base.html"].origin, "theme clinical: base.html");
        assert_eq!(theme.files["404.html"].origin, "templates/404.html");
        assert!(theme.files.contains_key("partials/meta.html"));
    }

    #[test]
    fn unknown_theme_lists_the_site_themes_too() {
        let other = SourceFile::new("themes/mine/base.html", "x");
        let err = select("mien", &[], &[other], &config()).unwrap_err();
        let help = err.help.unwrap();
        assert!(help.starts_with("did you mean `mine`?"), "{help}");
        assert!(help.contains("`clinical`, `serene`"), "{help}");
        assert!(
            help.contains("the site's own (in `themes/`): `mine`"),
            "{help}"
        );
    }

    #[test]
    fn syntax_errors_point_into_the_template() {
        let own = SourceFile::new("templates/404.html", "line one\n{% if %}\n");
        let theme = select("clinical", &[own], &[], &config()).unwrap();
        let errors = compile(
            &theme,
            &BaseUrl::default(),
            &Arc::new(Locale::new("en")),
            &[],
        )
        .unwrap_err();
        assert_eq!(errors[0].file, "templates/404.html");
        assert_eq!(errors[0].position.unwrap().line, 2);
    }
}
