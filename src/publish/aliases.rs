//! Old URLs that must keep working: `aliases` in front matter. Netlify
//! reads `_redirects` (a real 301); GitHub Pages has no redirects, so each
//! alias also gets a small HTML page that refreshes to the article.

use crate::diagnostics::Diagnostic;
use crate::html::escape;
use crate::layout;
use crate::output::OutputFile;
use crate::plan::OutputPlan;
use crate::site::SiteModel;
use crate::url::BaseUrl;
use crate::yaml::Step;

/// One validated alias: where the old URL's file goes and where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The old site path, e.g. `old-page/` or `old.html`.
    pub path: String,
    /// The page's site path.
    pub target: String,
    pub title: String,
}

impl Alias {
    /// The file written for the alias, relative to the output folder.
    pub fn output_file(&self) -> String {
        if self.path.ends_with('/') || self.path.is_empty() {
            format!("{}index.html", self.path)
        } else {
            self.path.clone()
        }
    }
}

const HELP: &str = "an alias is an old path of this article on this site, e.g. `/old-name/` or `/2019/old-name.html`";

/// Checks every alias against the output plan and returns the valid
/// ones; each problem is located at the alias in its article's front
/// matter.
pub fn resolve(model: &SiteModel) -> (Vec<Alias>, Vec<Diagnostic>) {
    if model
        .pages
        .iter()
        .all(|p| p.header.front.aliases.is_empty())
    {
        // Most sites have none: skip planning every file of the site.
        return (Vec::new(), Vec::new());
    }
    let mut taken = OutputPlan::of(model);
    let mut aliases = Vec::new();
    let mut diagnostics = Vec::new();
    for page in &model.pages {
        let header = &page.header;
        for (i, raw) in header.front.aliases.iter().enumerate() {
            let located = |message: String| {
                crate::frontmatter::error_at(
                    &header.file,
                    &header.split(),
                    &[Step::Key("aliases"), Step::Index(i)],
                    message,
                )
            };
            let path = match normalise(raw) {
                Ok(path) => path,
                Err(message) => {
                    diagnostics.push(located(message).with_help(HELP));
                    continue;
                }
            };
            let alias = Alias {
                path,
                target: header.path.clone(),
                title: header.front.title.clone(),
            };
            let file = alias.output_file();
            if let Some(owner) = taken.owner(&file) {
                diagnostics.push(
                    located(format!(
                        "the alias `{raw}` is already the address of {owner}"
                    ))
                    .with_help("remove the alias, or give the other page another name"),
                );
                continue;
            }
            taken.claim(
                file,
                format!("an alias of the article `{}`", header.file.path),
            );
            aliases.push(alias);
        }
    }
    (aliases, diagnostics)
}

/// `/old/`, `old`, `/old.html` → the site path `old/` or `old.html`.
fn normalise(raw: &str) -> Result<String, String> {
    let text = raw.trim();
    if text.contains("://") || text.starts_with("//") {
        return Err(format!(
            "the alias `{raw}` is a full URL, not a path on this site"
        ));
    }
    if text.contains(['?', '#', '\\', ' ', '"', '<', '>']) || text.chars().any(char::is_control) {
        return Err(format!(
            "the alias `{raw}` cannot contain `?`, `#`, spaces or backslashes"
        ));
    }
    let trimmed = text.trim_start_matches('/');
    if trimmed.is_empty() {
        return Err("an alias cannot be the home page".to_string());
    }
    if trimmed
        .split('/')
        .any(|s| s == ".." || s == "." || (s.is_empty() && !trimmed.ends_with('/')))
        || trimmed.contains("//")
    {
        return Err(format!("the alias `{raw}` has an empty, `.` or `..` part"));
    }
    if trimmed.ends_with('/') || trimmed.ends_with(".html") || trimmed.ends_with(".htm") {
        Ok(trimmed.to_string())
    } else {
        Ok(format!("{trimmed}/"))
    }
}

/// Netlify's `_redirects`: one permanent redirect per alias, both sides
/// under the base path.
pub fn redirects(aliases: &[Alias], base: &BaseUrl) -> OutputFile {
    let mut text = String::from("# Old addresses of articles (front matter `aliases`).\n");
    for alias in aliases {
        text.push_str(&format!(
            "{} {} 301\n",
            base.url(&alias.path),
            base.url(&alias.target)
        ));
    }
    OutputFile::text(layout::REDIRECTS, text)
}

/// The page GitHub Pages serves at an alias: an immediate refresh, a
/// canonical link for search engines and a plain link for everyone else.
/// No script or inline style, so the CSP in `_headers` holds here too.
pub fn refresh_page(alias: &Alias, base: &BaseUrl, language: &str) -> OutputFile {
    let url = escape(&base.url(&alias.target));
    // Only an absolute canonical link is valid; without a host, none.
    let canonical = match base.origin() {
        Some(_) => format!(
            "<link rel=\"canonical\" href=\"{}\">\n",
            escape(&base.absolute(&alias.target))
        ),
        None => String::new(),
    };
    let title = escape(&alias.title);
    let language = escape(language);
    // Without an icon link the browser falls back to `/favicon.ico` at the
    // host's root, which under a sub-path is not this site's.
    let icon = escape(&base.url(layout::FAVICON_SVG));
    let html = format!(
        "<!doctype html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n{canonical}\
         <meta name=\"robots\" content=\"noindex\">\n\
         <link rel=\"icon\" href=\"{icon}\" type=\"image/svg+xml\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n\
         <p>This article has moved to <a href=\"{url}\">{title}</a>.</p>\n</body>\n</html>\n"
    );
    OutputFile::text(alias.output_file(), html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised() {
        assert_eq!(normalise("/old/").unwrap(), "old/");
        assert_eq!(normalise("old").unwrap(), "old/");
        assert_eq!(normalise("/2019/old.html").unwrap(), "2019/old.html");
    }

    #[test]
    fn what_is_not_a_site_path_is_refused() {
        for bad in [
            "https://a.org/x",
            "//a.org/x",
            "/",
            "",
            "../x",
            "/a/../b",
            "a//b",
            "a?b",
            "a b",
        ] {
            assert!(normalise(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn refresh_page_escapes_the_title() {
        let alias = Alias {
            path: "old/".into(),
            target: "new/".into(),
            title: "\"><img src=x onerror=alert(1)>".into(),
        };
        let base = BaseUrl::parse("https://a.org/repo/").unwrap();
        let page = refresh_page(&alias, &base, "en");
        assert_eq!(page.path, "old/index.html");
        let crate::output::Contents::Bytes(bytes) = page.contents else {
            unreachable!()
        };
        let html = String::from_utf8(bytes).unwrap();
        assert!(html.contains("content=\"0; url=/repo/new/\""));
        assert!(html.contains("href=\"https://a.org/repo/new/\""));
        assert!(!html.contains("<img"));
    }
}
