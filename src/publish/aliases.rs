//! Old URLs that must keep working: `aliases` in front matter. Netlify
//! reads `_redirects` (a real 301); GitHub Pages has no redirects, so each
//! alias also gets a small HTML page that refreshes to the article.

use crate::html::escape;
use crate::layout;
use crate::output::OutputFile;
use crate::plan::Alias;
use crate::url::BaseUrl;

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
