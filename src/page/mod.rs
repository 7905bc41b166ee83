//! From an article's header to its derived page: the components resolved
//! (those the body quotes before it, those that cite its headings after),
//! the body rendered, and what the rest of the site needs from it.

mod header;

use std::sync::Arc;

use crate::components::markers::Presence;
use crate::components::{self, Component, ComponentBlock, ComponentBlocks, Input};
use crate::diagnostics::Diagnostic;
use crate::frontmatter;
use crate::locale::Locale;
use crate::markdown::{self, AnchorRef, Document, TocEntry};
use crate::yaml::FieldError;
pub use header::{Header, content_rel, read_header};

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
    /// The images faqpress resizes that the body shows, with where each is
    /// written in the body (empty, and unallocated, for most pages).
    pub images: Vec<(String, usize)>,
    /// The image shared with links to the page, when it has one.
    pub og_image: Option<OgImage>,
    /// Whether a section is a question (the page is then an FAQPage).
    pub has_questions: bool,
}

/// An article's sharing image: which image, and the 1200×630 variant made
/// of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OgImage {
    /// Its path in `content/`.
    pub rel: String,
    /// The variant's path in the output.
    pub path: String,
    /// Whether the front matter's `image:` names it (rather than the body
    /// showing it first).
    pub from_front_matter: bool,
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
pub fn resolve_early(header: &Header, locale: &Locale) -> (Vec<Resolution>, Vec<Diagnostic>) {
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
                resolve_one(header, locale, &[], component, &mut diagnostics)
            }
        })
        .collect();
    (resolutions, diagnostics)
}

fn resolve_one(
    header: &Header,
    locale: &Locale,
    headings: &[markdown::Heading],
    component: &Component,
    diagnostics: &mut Vec<Diagnostic>,
) -> Resolution {
    let input = Input {
        front: &header.front,
        locale,
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
    locale: &Locale,
) -> (Page, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut blocks = ComponentBlocks::default();
    for (component, resolution) in components::ALL.iter().zip(resolutions) {
        let resolution = match resolution {
            Resolution::Later => {
                resolve_one(&header, locale, &doc.headings, component, &mut diagnostics)
            }
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
        images: doc
            .images
            .iter()
            .filter_map(|im| Some((im.resized.clone()?, im.offset)))
            .collect(),
        og_image: None,
        has_questions: doc
            .blocks
            .iter()
            .any(|b| b.kind == markdown::BlockKind::Question),
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
