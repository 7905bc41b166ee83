//! From one article file to its front matter and URL (the header), and from
//! the header to a fully derived page.

use std::sync::Arc;

use crate::components::markers::Presence;
use crate::components::{self, Component, ComponentBlock, ComponentBlocks, Input};
use crate::diagnostics::Diagnostic;
use crate::frontmatter::{self, FrontMatter, Split, SplitOffsets};
use crate::markdown::{self, AnchorRef, Document, TocEntry};
use crate::source::SourceFile;
use crate::yaml::{FieldError, Step};

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
        d.at_offset(&self.file.text, self.split().body_offset + offset)
    }

    /// The article's path inside `content/`, without the extension.
    pub fn content_path(&self) -> &str {
        content_rel(&self.file.path)
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
pub fn read_header(file: &Arc<SourceFile>) -> Result<Header, Vec<Diagnostic>> {
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
    let rel = content_rel(&file.path);
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
    Ok(Header {
        split: split.offsets(),
        file: Arc::clone(file),
        front,
        path,
        problems,
        dropped: parsed.dropped,
    })
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

/// A derived article: its header, what the rest of the site needs from
/// it, and its rendered body until the page is written.
#[derive(Debug)]
pub struct Page {
    pub header: Arc<Header>,
    pub outline: Outline,
    /// Everything only the page's own HTML (and `check`'s rules) need:
    /// most of a page's memory. `None` once a clean build has written the
    /// page ([`Page::drop_body`]), so a large site's bodies are never all
    /// held at once; `serve` and `check` keep every body.
    pub body: Option<Body>,
}

/// What the listing, the feed and the checks across pages need from a
/// page, for the whole build.
#[derive(Debug)]
pub struct Outline {
    /// Every heading's id, in order: the anchors other pages may link to.
    pub ids: Vec<String>,
    /// The `#fragment`s this page's links expect on other pages.
    pub anchors: Vec<AnchorRef>,
    /// The first section's text, when the front matter has no
    /// description: the feed's summary then.
    pub summary: Option<String>,
}

/// The rendered body: HTML, table of contents and the components' blocks.
#[derive(Debug)]
pub struct Body {
    pub doc: Document,
    pub toc: Vec<TocEntry>,
    pub components: ComponentBlocks,
}

impl Page {
    /// Drops the body once the page is written.
    pub fn drop_body(&mut self) {
        self.body = None;
    }
}

/// Turns [`FieldError`]s from a front matter block into located diagnostics.
pub fn field_errors(header: &Header, errors: Vec<FieldError>) -> Vec<Diagnostic> {
    errors
        .into_iter()
        .map(|e| {
            let d = frontmatter::error_at(&header.file, &header.split(), &e.path, e.message);
            match e.help {
                Some(help) => d.with_help(help),
                None => d,
            }
        })
        .collect()
}

/// One component of an article, before and after its body is rendered.
#[derive(Debug)]
pub enum Resolution {
    Absent,
    /// Wrong, and reported.
    Failed,
    /// To be resolved with the body's headings.
    Later,
    Resolved(Box<dyn ComponentBlock>),
}

/// Resolves every component the article has that does not need the body,
/// so the body's markers can quote them: one [`Resolution`] per component
/// of [`components::ALL`].
pub fn resolve_early(header: &Header, language: &str) -> (Vec<Resolution>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let resolutions = components::ALL
        .iter()
        .map(|component| {
            if header.set_aside(component.key) {
                Resolution::Failed
            } else if !(component.is_in)(&header.front) {
                Resolution::Absent
            } else if component.needs_headings {
                Resolution::Later
            } else {
                resolve_one(header, language, &[], component, &mut diagnostics)
            }
        })
        .collect();
    (resolutions, diagnostics)
}

fn resolve_one(
    header: &Header,
    language: &str,
    headings: &[markdown::Heading],
    component: &Component,
    diagnostics: &mut Vec<Diagnostic>,
) -> Resolution {
    let input = Input {
        front: &header.front,
        language,
        headings,
    };
    match (component.resolve)(&input) {
        Ok(block) => Resolution::Resolved(block),
        Err(errors) => {
            diagnostics.extend(field_errors(header, errors));
            Resolution::Failed
        }
    }
}

/// What the body's markers know of each component.
pub fn presence(resolutions: &[Resolution]) -> Vec<Presence<'_>> {
    resolutions
        .iter()
        .map(|r| match r {
            Resolution::Absent => Presence::Absent,
            Resolution::Failed => Presence::Failed,
            Resolution::Later => Presence::Present(None),
            Resolution::Resolved(block) => Presence::Present(Some(block.as_ref())),
        })
        .collect()
}

/// Renders the body with `hooks`, giving headings ids that avoid the
/// themes' and the components' own.
pub fn render_body(header: &Header, hooks: &dyn markdown::Hooks) -> (Document, Vec<Diagnostic>) {
    let doc = markdown::render(header.body(), hooks, &components::RESERVED_IDS);
    let diagnostics = doc
        .problems
        .iter()
        .map(|p| {
            let d = header
                .at_body_offset(
                    Diagnostic {
                        severity: p.severity,
                        ..Diagnostic::error(&header.file.path, p.message.clone())
                    },
                    p.range.start,
                )
                .with_span_len(span_on_line(header.body(), p.range.clone()));
            match &p.help {
                Some(h) => d.with_help(h.clone()),
                None => d,
            }
        })
        .collect();
    (doc, diagnostics)
}

/// The page from its rendered body: the components that needed its
/// headings resolved, and the table of contents.
pub fn finish(
    header: Arc<Header>,
    doc: Document,
    resolutions: Vec<Resolution>,
    language: &str,
) -> (Page, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut blocks = ComponentBlocks::default();
    for (component, resolution) in components::ALL.iter().zip(resolutions) {
        let resolution = match resolution {
            Resolution::Later => resolve_one(
                &header,
                language,
                &doc.headings,
                component,
                &mut diagnostics,
            ),
            other => other,
        };
        if let Resolution::Resolved(block) = resolution {
            blocks.push(component, block);
        }
    }
    let mut doc = doc;
    let outline = Outline {
        ids: doc.headings.iter().map(|h| h.id.clone()).collect(),
        anchors: std::mem::take(&mut doc.anchors),
        summary: header
            .front
            .description
            .is_none()
            .then(|| doc.blocks.first().map(|b| b.text.clone()))
            .flatten(),
    };
    let body = Body {
        toc: markdown::build_toc(&doc.headings, 3),
        doc,
        components: blocks,
    };
    let page = Page {
        header,
        outline,
        body: Some(body),
    };
    (page, diagnostics)
}

/// How many characters of `range` lie on its first line, for the caret.
fn span_on_line(text: &str, range: std::ops::Range<usize>) -> usize {
    let end = range.end.min(text.len());
    let start = range.start.min(end);
    text.get(start..end)
        .map(|s| s.lines().next().unwrap_or("").chars().count())
        .unwrap_or(1)
        .max(1)
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
        let header = read_header(&file).unwrap();
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
