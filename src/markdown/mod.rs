//! Markdown to HTML, cut into the Q&A model.
//!
//! One pass of pulldown-cmark produces events; small passes over them give
//! headings their ids, resolve links, expand `{{ … }}` markers and number
//! footnotes; the event list is then cut at every top-level `#`/`##`
//! heading into an introduction followed by questions and sections. All of
//! it works on strings: the caller supplies [`Hooks`] for anything that
//! needs the rest of the site.

pub mod cite;
mod events;
pub mod slug;
pub mod toc;

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Event, HeadingLevel, Options, Tag, TagEnd, html};
use serde::Serialize;

use crate::diagnostics::Severity;
use crate::html::collapse_whitespace;
use crate::images::Picture;
use slug::{IdAllocator, slugify};

pub use cite::Citation;
pub use toc::{TocEntry, build_toc};

/// What a `{{ … }}` marker turns into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expansion {
    /// Raw HTML replacing the paragraph the marker stands alone in.
    Block(String),
    /// Text (escaped on output) replacing the marker inside a sentence.
    Inline(String),
}

/// A problem found while rendering, with a byte range of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub range: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl Problem {
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            range: 0..0,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A link destination rewritten for output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedLink {
    pub url: String,
    /// The `#fragment` to check on the target page once every page has its
    /// ids: (site path of the page, fragment).
    pub anchor: Option<(String, String)>,
    /// For an image faqpress resizes: the `<picture>` it becomes.
    pub picture: Option<Arc<Picture>>,
}

impl ResolvedLink {
    pub fn unchanged(dest: &str) -> Self {
        Self {
            url: dest.to_string(),
            anchor: None,
            picture: None,
        }
    }
}

/// A `#fragment` a link expects on a page, with where the link is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorRef {
    pub page: String,
    pub fragment: String,
    pub range: Range<usize>,
}

/// What rendering needs from the rest of the site.
pub trait Hooks {
    /// Rewrites a link or image destination into the URL to write.
    fn resolve_link(&self, dest: &str, is_image: bool) -> Result<ResolvedLink, Problem>;
    /// Expands the expression inside `{{ … }}`.
    fn expand(&self, expression: &str) -> Result<Expansion, Problem>;
}

/// A heading of the body with the id it was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    /// Plain text, for the table of contents and structured data.
    pub text: String,
    /// Inline HTML (emphasis, code) of the heading's content.
    pub html: String,
    /// Byte offset of the heading in the body.
    #[serde(skip)]
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Question,
    Section,
}

/// A `##` heading and everything up to the next one: a question and its
/// answer, or an ordinary section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Index into [`Document::headings`].
    pub heading: usize,
    /// The HTML after the heading: the answer or the section's content.
    pub html: String,
    /// The same as plain text, whitespace collapsed.
    pub text: String,
    /// Bytes of the body this block covers, heading included.
    pub range: Range<usize>,
}

/// An image found in the body, for checks such as missing alt text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub dest: String,
    pub alt: String,
    pub offset: usize,
    /// Its path in `content/`, when it is an image faqpress resizes.
    pub resized: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub intro_html: String,
    pub intro_range: Range<usize>,
    pub blocks: Vec<Block>,
    pub headings: Vec<Heading>,
    /// The numbered footnotes, rendered once for the whole article.
    pub footnotes_html: String,
    pub images: Vec<Image>,
    pub anchors: Vec<AnchorRef>,
    /// The `[^src:id]` citations, in reading order.
    pub citations: Vec<Citation>,
    pub problems: Vec<Problem>,
}

/// The Markdown extensions faqpress enables.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `body`, giving headings ids that avoid `reserved_ids`.
pub fn render(body: &str, hooks: &dyn Hooks, reserved_ids: &[&str]) -> Document {
    let mut problems = Vec::new();
    let mut evs = events::parse(body, options());
    events::expand_markers(&mut evs, hooks, &mut problems);
    let (images, anchors) = events::resolve_links(&mut evs, hooks, &mut problems);
    let citations = cite::cite_sources(&mut evs, body);
    let footnotes_html = events::number_footnotes(&mut evs);
    let mut ids = IdAllocator::with_reserved(reserved_ids);
    let headings = assign_heading_ids(&mut evs, &mut ids, &mut problems);
    let (intro_html, intro_range, blocks) = split_blocks(&evs, &headings, body.len());
    Document {
        intro_html,
        intro_range,
        blocks,
        headings,
        footnotes_html,
        images,
        anchors,
        citations,
        problems,
    }
}

type Spanned<'a> = (Event<'a>, Range<usize>);

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Gives every heading an id: `{#custom}` when written, else a slug of its
/// text made unique within the page.
fn assign_heading_ids(
    evs: &mut [Spanned<'_>],
    ids: &mut IdAllocator,
    problems: &mut Vec<Problem>,
) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut i = 0;
    while i < evs.len() {
        let (Event::Start(Tag::Heading { level, id, .. }), range) = &evs[i] else {
            i += 1;
            continue;
        };
        let (level, custom, offset) = (level_number(*level), id.clone(), range.start);
        let end = (i + 1..evs.len())
            .find(|&j| matches!(evs[j].0, Event::End(TagEnd::Heading(_))))
            .unwrap_or(evs.len());
        let inner = &evs[i + 1..end];
        let text = collapse_whitespace(&plain_text(inner.iter().map(|(e, _)| e)));
        let mut inner_html = String::new();
        html::push_html(&mut inner_html, inner.iter().map(|(e, _)| e.clone()));
        let id = match custom {
            Some(custom) => {
                let custom = custom.to_string();
                if custom.is_empty() || custom.contains(char::is_whitespace) {
                    problems.push(Problem {
                        range: range.clone(),
                        ..Problem::error(format!("`{custom}` cannot be used as a heading id"))
                            .with_help(
                                "ids cannot be empty or contain spaces: write `{#like-this}`",
                            )
                    });
                    ids.unique(&slugify(&text))
                } else if !ids.claim(&custom) {
                    problems.push(Problem {
                        range: range.clone(),
                        ..Problem::error(format!("the heading id `{custom}` is used twice"))
                            .with_help("give each heading a different `{#id}`")
                    });
                    custom
                } else {
                    custom
                }
            }
            None => ids.unique(&slugify(&text)),
        };
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut evs[i].0 {
            *slot = Some(id.clone().into());
        }
        headings.push(Heading {
            level,
            id,
            text,
            html: inner_html,
            offset,
        });
        i = end + 1;
    }
    headings
}

/// The text a reader sees, without markup.
fn plain_text<'e, 'a: 'e>(events: impl Iterator<Item = &'e Event<'a>>) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::Heading(_)
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Cuts the events at every top-level `#`/`##` heading.
fn split_blocks(
    evs: &[Spanned<'_>],
    headings: &[Heading],
    body_len: usize,
) -> (String, Range<usize>, Vec<Block>) {
    // (event index, heading index) of each top-level cut.
    let mut cuts = Vec::new();
    let mut depth = 0usize;
    let mut heading_index = 0;
    for (i, (event, _)) in evs.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if depth == 0 && level_number(*level) <= 2 {
                    cuts.push((i, heading_index));
                }
                heading_index += 1;
                depth += 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let first_cut = cuts.first().map_or(evs.len(), |&(i, _)| i);
    let intro_end = cuts.first().map_or(body_len, |&(_, h)| headings[h].offset);
    let mut intro_html = String::new();
    html::push_html(
        &mut intro_html,
        evs[..first_cut].iter().map(|(e, _)| e.clone()),
    );
    let mut blocks = Vec::with_capacity(cuts.len());
    for (n, &(start, h)) in cuts.iter().enumerate() {
        let end = cuts.get(n + 1).map_or(evs.len(), |&(i, _)| i);
        let range_end = cuts
            .get(n + 1)
            .map_or(body_len, |&(_, next)| headings[next].offset);
        let heading_end = (start..end)
            .find(|&j| matches!(evs[j].0, Event::End(TagEnd::Heading(_))))
            .map_or(end, |j| j + 1);
        let content = &evs[heading_end..end];
        let mut html_out = String::new();
        html::push_html(&mut html_out, content.iter().map(|(e, _)| e.clone()));
        let heading = &headings[h];
        let kind = if heading.level == 2 && is_question(&heading.text) {
            BlockKind::Question
        } else {
            BlockKind::Section
        };
        blocks.push(Block {
            kind,
            heading: h,
            html: html_out,
            text: collapse_whitespace(&plain_text(content.iter().map(|(e, _)| e))),
            range: heading.offset..range_end,
        });
    }
    (intro_html, 0..intro_end, blocks)
}

/// A heading is a question when it ends with a question mark (including
/// the full-width one used in CJK text).
pub fn is_question(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with('?') || t.ends_with('？')
}

#[cfg(test)]
mod tests;
