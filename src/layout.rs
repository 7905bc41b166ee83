//! The names of a site's files and folders, and of the files faqpress
//! writes at the root of its output: the one place they are spelled.
//!
//! Paths inside a site are relative to its root and `/`-separated
//! (`content/a.md`), as a site's `SourceFile`s keep them. Messages
//! shown to people still name these files in their prose.

/// The site's settings, at the root; its presence marks a site's folder.
pub const CONFIG_FILE: &str = "site.yaml";
/// Articles (`.md`) and the files they use (images, PDFs), published as
/// they are.
pub const CONTENT_DIR: &str = "content";
/// The site's own template files, each replacing the theme's of the same
/// name.
pub const TEMPLATES_DIR: &str = "templates";
/// The site's own themes, one folder each: `themes/<name>/`.
pub const THEMES_DIR: &str = "themes";
/// The site's own words, one table a language: `i18n/<lang>.yaml`.
pub const I18N_DIR: &str = "i18n";
/// The folders a site's sources live in: an output folder inside one
/// would be read back as a source, and `serve` watches them.
pub const SOURCE_DIRS: [&str; 4] = [CONTENT_DIR, TEMPLATES_DIR, THEMES_DIR, I18N_DIR];
/// Words `check` accepts as spelt right, one a line.
pub const WORD_LIST: &str = "content/.words";
/// The output folder when `--output` names none, inside the root.
pub const OUTPUT_DIR: &str = "public";
/// Resized images kept between builds, by content hash, so an unchanged
/// image is never encoded twice (outside the output, which each build
/// replaces).
pub const IMAGE_CACHE_DIR: &str = ".faqpress-cache/images";

/// A theme's stylesheet, written to the output as
/// [`fingerprinted_stylesheet`].
pub const STYLESHEET: &str = "style.css";
/// The search box's script, shipped with every theme and written to the
/// output as `search.<fingerprint>.js`.
pub const SEARCH_SCRIPT: &str = "search.js";
/// The checklist's script, written to the output as
/// `checklist.<fingerprint>.js` when an article has a checklist.
pub const CHECKLIST_SCRIPT: &str = "checklist.js";
/// The language switcher's script, fingerprinted like the stylesheet.
pub const SWITCH_SCRIPT: &str = "switch.js";
/// The search index and its browser bundle (Pagefind's files).
pub const SEARCH_DIR: &str = "pagefind";
/// The tag pages' folder in the output: `tags/` lists every tag,
/// `tags/<slug>/` one tag's articles.
pub const TAGS_DIR: &str = "tags";
/// The people's pages: `authors/<id>/`, each listing their articles.
pub const AUTHORS_DIR: &str = "authors";
/// The page served for a missing path: a theme template of this name,
/// written to the output under the same name.
pub const NOT_FOUND_PAGE: &str = "404.html";
pub const SITEMAP: &str = "sitemap.xml";
/// The Atom feed.
pub const FEED: &str = "atom.xml";
pub const ROBOTS: &str = "robots.txt";
pub const FAVICON_SVG: &str = "favicon.svg";
pub const FAVICON_ICO: &str = "favicon.ico";
/// Netlify's response headers.
pub const HEADERS: &str = "_headers";
/// Netlify's redirects (the aliases).
pub const REDIRECTS: &str = "_redirects";
/// Tells GitHub Pages not to run Jekyll over the output.
pub const NO_JEKYLL: &str = ".nojekyll";
/// GitHub Pages' custom domain.
pub const CNAME: &str = "CNAME";

/// The site path of `rel`, a path inside [`CONTENT_DIR`]: `a/b.md` →
/// `content/a/b.md`.
pub fn content_path(rel: &str) -> String {
    format!("{CONTENT_DIR}/{rel}")
}

/// The part of the site path `path` inside the folder `dir`, if it is
/// inside: (`content/a/b.md`, `content`) → `a/b.md`.
pub fn inside<'a>(path: &'a str, dir: &str) -> Option<&'a str> {
    path.strip_prefix(dir)?.strip_prefix('/')
}

/// The stylesheet's name in the output, carrying a fingerprint of its
/// content so it can be cached for good: `style.<fingerprint>.css`.
pub fn fingerprinted_stylesheet(fingerprint: &str) -> String {
    fingerprinted(STYLESHEET, fingerprint)
}

/// `name` (`search.js`) with `fingerprint` before its extension.
pub fn fingerprinted(name: &str, fingerprint: &str) -> String {
    let (stem, extension) = name.split_once('.').unwrap_or((name, ""));
    format!("{stem}.{fingerprint}.{extension}")
}

/// The fingerprint in an output name of the form
/// [`fingerprinted_stylesheet`] writes (possibly empty), if it has that
/// form.
pub fn stylesheet_fingerprint(path: &str) -> Option<&str> {
    fingerprint_in(STYLESHEET, path)
}

/// The fingerprint in `path` if it is `name` fingerprinted.
pub fn fingerprint_in<'p>(name: &str, path: &'p str) -> Option<&'p str> {
    let (stem, extension) = name.split_once('.').unwrap_or((name, ""));
    path.strip_prefix(stem)?
        .strip_prefix('.')?
        .strip_suffix(extension)?
        .strip_suffix('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_list_is_in_the_content_folder() {
        assert_eq!(inside(WORD_LIST, CONTENT_DIR), Some(".words"));
    }

    #[test]
    fn paths_inside_a_folder() {
        assert_eq!(content_path("a/b.md"), "content/a/b.md");
        assert_eq!(inside("content/a/b.md", CONTENT_DIR), Some("a/b.md"));
        assert_eq!(inside("contents/a.md", CONTENT_DIR), None);
        assert_eq!(inside("content", CONTENT_DIR), None);
        assert_eq!(
            inside("themes/mine/style.css", THEMES_DIR),
            Some("mine/style.css")
        );
    }

    #[test]
    fn the_stylesheet_fingerprint_goes_between_name_and_extension() {
        assert_eq!(fingerprinted_stylesheet("0a1b"), "style.0a1b.css");
        assert_eq!(stylesheet_fingerprint("style.0a1b.css"), Some("0a1b"));
        assert_eq!(stylesheet_fingerprint("style.css"), None);
        assert_eq!(stylesheet_fingerprint("style..css"), Some(""));
        assert_eq!(stylesheet_fingerprint("a/style.0a1b.css"), None);
    }
}
