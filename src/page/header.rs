//! From one article file to its front matter and URL: the header, enough
//! to know every page's URL before any body is rendered.

use std::sync::Arc;

use crate::config::Translation;
use crate::diagnostics::Diagnostic;
use crate::frontmatter::{self, FrontMatter, Split, SplitOffsets};
use crate::source::SourceFile;
use crate::yaml::Step;

/// What one article says about itself before its body is rendered: enough
/// to know every page's URL, so links between articles can be resolved.
///
/// It owns (a share of) its file, so a page can outlive the build that
/// made it: `serve` keeps unchanged pages from one rebuild to the next.
#[derive(Debug)]
pub struct Header {
    pub file: Arc<SourceFile>,
    split: SplitOffsets,
    pub front: FrontMatter,
    /// The page's path within the site: `` for the home page,
    /// `aftercare/` for `content/aftercare.md`.
    pub path: String,
    /// The language of a translation (`aftercare.de.md`: `de`); `None` for
    /// an article in the site's own language.
    pub language: Option<String>,
    /// A translation's original, inside `content/`: `aftercare.md`.
    pub original: Option<String>,
    /// The URL part of each of `front.tags` (`None` for a tag with no
    /// letter or digit), worked out once with the header: the tag pages'
    /// plan reads them on every `serve` rebuild.
    pub tag_slugs: Vec<Option<String>>,
    /// Errors in the front matter that did not stop the page from being
    /// read, so the body's own problems are reported in the same run.
    pub problems: Vec<Diagnostic>,
    /// Top-level front matter fields set aside because they were wrong.
    dropped: Vec<String>,
}

impl Header {
    /// The front matter and body of the file.
    pub fn split(&self) -> Split<'_> {
        self.split.of(&self.file.text)
    }

    /// The same header over `file`: the whole text of the file this one
    /// was read from, when only its front matter was kept
    /// ([`crate::source::Sources::in_full`]).
    pub fn over(&self, file: Arc<SourceFile>) -> Header {
        Header {
            file,
            split: self.split,
            front: self.front.clone(),
            path: self.path.clone(),
            language: self.language.clone(),
            original: self.original.clone(),
            tag_slugs: self.tag_slugs.clone(),
            problems: self.problems.clone(),
            dropped: self.dropped.clone(),
        }
    }

    /// Points `d` at a byte offset of the Markdown body of `full`, the
    /// whole text of this header's file: for problems found once a clean
    /// build has let go of the body.
    pub fn at_body_offset_of(&self, full: &SourceFile, d: Diagnostic, offset: usize) -> Diagnostic {
        d.at_offset(&full.text, self.split().body_offset + offset)
    }

    /// The Markdown body.
    pub fn body(&self) -> &str {
        self.split().body
    }

    /// Where the page's HTML is written, relative to the output folder.
    pub fn output_file(&self) -> String {
        format!("{}index.html", self.path)
    }

    /// Points `d` at a byte offset of the Markdown body: every problem found
    /// after the split is positioned in the whole file this way.
    pub fn at_body_offset(&self, d: Diagnostic, offset: usize) -> Diagnostic {
        self.at_body_offset_of(&self.file, d, offset)
    }

    /// The article's path inside `content/`, without the extension.
    pub fn content_path(&self) -> &str {
        content_rel(&self.file.path)
    }

    /// The article this one is, or translates, inside `content/`: the key
    /// that groups an article with its translations.
    pub fn original_rel(&self) -> &str {
        self.original
            .as_deref()
            .unwrap_or_else(|| self.content_path())
    }

    /// Whether the front matter field `key` was set aside as wrong (and
    /// reported): what depends on it should stay quiet.
    pub fn set_aside(&self, key: &str) -> bool {
        self.dropped.iter().any(|d| d == key)
    }
}

/// `content/a/b.md` → `a/b.md`.
pub fn content_rel(path: &str) -> &str {
    crate::layout::inside(path, crate::layout::CONTENT_DIR).unwrap_or(path)
}

/// Reads the front matter and works out the page's URL. Problems that
/// still leave a usable header (a wrong field, a bad slug) are kept in
/// [`Header::problems`]; `Err` holds those that leave none.
pub fn read_header(
    file: &Arc<SourceFile>,
    translations: &[Translation],
) -> Result<Header, Vec<Diagnostic>> {
    let split = frontmatter::split(file).map_err(|d| vec![d])?;
    let parsed = frontmatter::parse(file, &split);
    let mut problems = parsed.problems;
    let Some(front) = parsed.front else {
        return Err(problems);
    };
    let locate = |key: &'static str, message: String| {
        frontmatter::error_at(file, &split, &[Step::Key(key)], message)
    };
    if front.title.trim().is_empty() {
        problems.push(locate("title", "the title is empty".to_string()).with_help(
            "write the article's title, e.g. `title: Micro-needling for Skin Rejuvenation`",
        ));
    }
    let full_rel = content_rel(&file.path);
    let translation = translation_of(full_rel, translations);
    let rel = translation
        .as_ref()
        .map_or(full_rel, |(_, original)| original.as_str());
    if let Some((message, help)) = unsafe_name(rel, front.slug.is_some()) {
        problems.push(
            Diagnostic::error(&file.path, message)
                .at(&file.text, 1, 1)
                .with_help(help),
        );
    }
    let path = page_path(rel, front.slug.as_deref()).unwrap_or_else(|(message, help)| {
        problems.push(locate("slug", message).with_help(help));
        page_path(rel, None).unwrap_or_default()
    });
    let (language, original, path) = match translation {
        Some((t, original)) => (
            Some(t.tag.clone()),
            Some(original),
            format!("{}{path}", t.prefix),
        ),
        None => (None, None, path),
    };
    let tag_slugs = front
        .tags
        .iter()
        .map(|name| crate::plan::tags::tag_slug(name.trim()))
        .collect();
    Ok(Header {
        language,
        original,
        tag_slugs,
        split: split.offsets(),
        file: Arc::clone(file),
        front,
        path,
        problems,
        dropped: parsed.dropped,
    })
}

/// The translation `rel` (inside `content/`) is, and its original:
/// `a/b.de.md` → (`de`, `a/b.md`) when `de` is one of the site's
/// `languages`. The language part is matched without regard to case.
fn translation_of<'t>(
    rel: &str,
    translations: &'t [Translation],
) -> Option<(&'t Translation, String)> {
    let stem = rel.strip_suffix(".md")?;
    let (original, suffix) = stem.rsplit_once('.')?;
    if original.is_empty() || original.ends_with('/') {
        return None;
    }
    let t = translations
        .iter()
        .find(|t| t.tag.eq_ignore_ascii_case(suffix))?;
    Some((t, format!("{original}.md")))
}

/// Whether `name` may be one part of a page's URL as it is: letters,
/// digits, `-`, `_` and `.`, not starting with `.`. Anything else (a
/// space, `#`, `%`, `?`) would have to be percent-encoded in every link,
/// canonical URL, sitemap and feed; faqpress asks for a clean name instead.
fn is_url_segment(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// `with space` → `with-space`: the name with each run of characters a
/// URL part cannot hold replaced by one `-`.
fn suggest_segment(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() || matches!(c, '_' | '.') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches(['-', '.']);
    if out.is_empty() {
        "article".to_string()
    } else {
        out.to_string()
    }
}

/// A folder or file name of the article (`a/b.md` inside `content/`) that
/// cannot be part of its URL, as a message and a suggested name. The file's
/// own name does not matter when the front matter sets a `slug`.
fn unsafe_name(rel: &str, has_slug: bool) -> Option<(String, String)> {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    let mut segments: Vec<&str> = stem.split('/').collect();
    let name = segments.pop().unwrap_or_default();
    if let Some(folder) = segments.iter().find(|s| !is_url_segment(s)) {
        return Some((
            format!("the folder name `{folder}` cannot be part of a URL"),
            format!(
                "rename the folder to `{}`: names in URLs use letters, digits, `-`, `_` and `.`",
                suggest_segment(folder)
            ),
        ));
    }
    if has_slug || is_url_segment(name) {
        return None;
    }
    Some((
        format!("the file name `{name}.md` cannot be part of a URL"),
        format!(
            "rename the file to `{}.md` (names in URLs use letters, digits, `-`, `_` and `.`), or set `slug:` in its front matter",
            suggest_segment(name)
        ),
    ))
}

/// The site path of an article: `index.md` → ``, `a/index.md` → `a/`,
/// `a/b.md` → `a/b/`; a `slug` replaces the file's own name.
fn page_path(rel: &str, slug: Option<&str>) -> Result<String, (String, String)> {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    let (dir, name) = match stem.rfind('/') {
        Some(i) => (&stem[..=i], &stem[i + 1..]),
        None => ("", stem),
    };
    let is_index = name == "index";
    let name = match slug {
        Some(slug) => {
            validate_slug(slug)?;
            if is_index {
                return Err((
                    "an `index.md` page cannot have a slug".to_string(),
                    "its URL is its folder's; rename the folder instead, or remove `slug`"
                        .to_string(),
                ));
            }
            slug
        }
        None if is_index => return Ok(dir.to_string()),
        None => name,
    };
    Ok(format!("{dir}{name}/"))
}

fn validate_slug(slug: &str) -> Result<(), (String, String)> {
    let help = "a slug is one part of a URL: letters, digits, `-` and `_`, e.g. `slug: aftercare`"
        .to_string();
    if slug.is_empty() {
        return Err(("the slug is empty".to_string(), help));
    }
    if slug == "." || slug == ".." || slug.contains(['/', '\\']) {
        return Err((
            format!("`{slug}` cannot be a slug: it would leave the page's folder"),
            help,
        ));
    }
    if !is_url_segment(slug) {
        return Err((format!("`{slug}` cannot be a slug"), help));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_urls() {
        assert_eq!(page_path("index.md", None).unwrap(), "");
        assert_eq!(page_path("aftercare.md", None).unwrap(), "aftercare/");
        assert_eq!(page_path("a/b.md", None).unwrap(), "a/b/");
        assert_eq!(page_path("a/index.md", None).unwrap(), "a/");
        assert_eq!(page_path("a/b.md", Some("c")).unwrap(), "a/c/");
    }

    #[test]
    fn a_translation_is_named_after_its_original_and_a_listed_language() {
        let site = crate::config::parse(
            &SourceFile::new("site.yaml", "title: A\nlanguages: [de, pt-BR]\n"),
            &Default::default(),
        )
        .unwrap();
        let t = &site.translations;
        let of = |rel: &str| translation_of(rel, t).map(|(t, o)| (t.tag.as_str(), o));
        assert_eq!(of("index.de.md"), Some(("de", "index.md".to_string())));
        assert_eq!(of("a/b.DE.md"), Some(("de", "a/b.md".to_string())));
        assert_eq!(of("a/b.pt-br.md"), Some(("pt-BR", "a/b.md".to_string())));
        for not_one in ["index.md", "v1.2.md", "a/.de.md", "notes.fr.md", ".de.md"] {
            assert_eq!(of(not_one), None, "{not_one}");
        }
        let file = Arc::new(SourceFile::new(
            "content/sun.de.md",
            "---\ntitle: S\nslug: sonne\n---\n",
        ));
        let header = read_header(&file, t).unwrap();
        assert_eq!(header.path, "de/sonne/");
        assert_eq!(header.language.as_deref(), Some("de"));
        assert_eq!(header.original_rel(), "sun.md");
        let pt = Arc::new(SourceFile::new(
            "content/index.pt-BR.md",
            "---\ntitle: I\n---\n",
        ));
        assert_eq!(read_header(&pt, t).unwrap().path, "pt-br/");
    }

    #[test]
    fn slugs_cannot_escape() {
        for bad in ["..", "../x", "/etc", "a/b", "", ".hidden", "a b"] {
            assert!(page_path("a.md", Some(bad)).is_err(), "{bad}");
        }
        assert!(page_path("index.md", Some("home")).is_err());
    }

    #[test]
    fn header_errors_are_located() {
        let file = Arc::new(SourceFile::new(
            "content/a.md",
            "---\ntitle: A\nslug: ../up\n---\n",
        ));
        let header = read_header(&file, &[]).unwrap();
        let err = &header.problems[0];
        assert_eq!(err.location(), "content/a.md:3:7");
        assert!(err.message.contains("would leave"));
    }

    #[test]
    fn names_that_need_escaping_in_urls_are_refused_with_a_clean_one() {
        let (message, help) = unsafe_name("with space.md", false).unwrap();
        assert_eq!(
            message,
            "the file name `with space.md` cannot be part of a URL"
        );
        assert!(help.contains("`with-space.md`"), "{help}");
        let (message, help) = unsafe_name("my guides/a.md", false).unwrap();
        assert!(message.contains("folder name `my guides`"), "{message}");
        assert!(help.contains("`my-guides`"), "{help}");
        assert!(unsafe_name("my guides/a.md", true).is_some());
        assert!(unsafe_name("with space.md", true).is_none());
        for fine in ["index.md", "a/b-c_d.md", "café.md", "v1.2.md"] {
            assert_eq!(unsafe_name(fine, false), None, "{fine}");
        }
        for (bad, suggested) in [
            ("50% off", "50-off"),
            ("a#b?c", "a-b-c"),
            ("  x  ", "x"),
            ("???", "article"),
        ] {
            assert_eq!(suggest_segment(bad), suggested, "{bad}");
            assert!(!is_url_segment(bad), "{bad}");
        }
    }
}
