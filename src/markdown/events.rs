//! Passes over the pulldown-cmark event list.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

use super::{AnchorRef, Expansion, Hooks, Image, Problem, Spanned};
use crate::html::push_escaped;
use crate::images::picture_html;

/// Parses `body` into events with byte ranges, merging the runs of text
/// pulldown-cmark splits at special characters, so a marker such as
/// `{{ pricing.course_total }}` arrives as one piece.
pub fn parse(body: &str, options: Options) -> Vec<Spanned<'_>> {
    let mut out: Vec<Spanned<'_>> = Vec::new();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if let (Event::Text(next), Some((Event::Text(prev), prev_range))) = (&event, out.last_mut())
        {
            let mut merged = String::with_capacity(prev.len() + next.len());
            merged.push_str(prev);
            merged.push_str(next);
            *prev = CowStr::from(merged);
            prev_range.end = range.end;
            continue;
        }
        out.push((event, range));
    }
    out
}

/// Replaces `{{ … }}` markers in text. A marker alone in a paragraph at
/// the top level may expand to a block of HTML; elsewhere it must expand
/// to text. Code spans and code blocks are left alone so markers can be
/// documented.
///
/// A block stays out of lists and quotes so that every stand-in lies
/// between the top-level blocks of its section: the renderer cuts an
/// answer's prose around it (the answer's text, for structured data, is
/// the prose without the block's table or form).
pub fn expand_markers(evs: &mut Vec<Spanned<'_>>, hooks: &dyn Hooks, problems: &mut Vec<Problem>) {
    let mut in_code_block = false;
    // Open tags around the current event, the paragraph included.
    let mut depth = 0usize;
    let mut i = 0;
    while i < evs.len() {
        match &evs[i].0 {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code_block = true;
                depth += 1;
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                depth = depth.saturating_sub(1);
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Text(text) if !in_code_block && text.contains("{{") => {
                let text = text.to_string();
                let range = evs[i].1.clone();
                let alone_in_paragraph = i > 0
                    && matches!(evs[i - 1].0, Event::Start(Tag::Paragraph))
                    && matches!(evs.get(i + 1), Some((Event::End(TagEnd::Paragraph), _)));
                if alone_in_paragraph {
                    if let Some(expr) = whole_marker(&text) {
                        match hooks.expand(expr) {
                            Ok(Expansion::Block(_)) if depth > 1 => {
                                problems.push(Problem {
                                    range,
                                    ..Problem::error(format!(
                                        "`{{{{ {expr} }}}}` places a block, which cannot go inside a list or a quote"
                                    ))
                                    .with_help(
                                        "move the marker out of the list or quote, onto a line of its own with blank lines before and after",
                                    )
                                });
                            }
                            Ok(Expansion::Block(block)) => {
                                evs.splice(i - 1..=i + 1, [(Event::Html(block.into()), range)]);
                                // The paragraph it stood in is gone.
                                depth -= 1;
                                continue;
                            }
                            Ok(Expansion::Inline(value)) => {
                                evs[i].0 = Event::Text(value.into());
                            }
                            Err(p) => problems.push(Problem { range, ..p }),
                        }
                        i += 1;
                        continue;
                    }
                }
                let expanded = expand_inline(&text, range.start, hooks, problems);
                evs[i].0 = Event::Text(expanded.into());
            }
            _ => {}
        }
        i += 1;
    }
}

/// The expression of a text that is exactly one `{{ … }}` marker.
fn whole_marker(text: &str) -> Option<&str> {
    let inner = text.trim().strip_prefix("{{")?.strip_suffix("}}")?;
    (!inner.contains("{{") && !inner.contains("}}")).then(|| inner.trim())
}

fn expand_inline(
    text: &str,
    offset: usize,
    hooks: &dyn Hooks,
    problems: &mut Vec<Problem>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut consumed = 0;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        let expr = rest[start + 2..start + len].trim();
        out.push_str(&rest[..start]);
        // Offsets are approximate when smart punctuation changed the text
        // before the marker, but always land on the right line.
        let at = offset + consumed + start;
        match hooks.expand(expr) {
            Ok(Expansion::Inline(value)) => out.push_str(&value),
            Ok(Expansion::Block(_)) => {
                problems.push(Problem {
                    range: at..at + len + 2,
                    ..Problem::error(format!(
                        "`{{{{ {expr} }}}}` must stand alone in its own paragraph"
                    ))
                    .with_help(
                        "put the marker on a line of its own, with blank lines before and after",
                    )
                });
                out.push_str(&rest[start..start + len + 2]);
            }
            Err(p) => {
                problems.push(Problem {
                    range: at..at + len + 2,
                    ..p
                });
                out.push_str(&rest[start..start + len + 2]);
            }
        }
        consumed += start + len + 2;
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// Resolves link and image destinations through the hooks, collecting the
/// images (with their alt text) and the anchors links expect.
pub fn resolve_links(
    evs: &mut [Spanned<'_>],
    hooks: &dyn Hooks,
    problems: &mut Vec<Problem>,
) -> (Vec<Image>, Vec<AnchorRef>) {
    let mut images = Vec::new();
    let mut anchors = Vec::new();
    for i in 0..evs.len() {
        let (is_image, dest) = match &evs[i].0 {
            Event::Start(Tag::Link { dest_url, .. }) => (false, dest_url.to_string()),
            Event::Start(Tag::Image { dest_url, .. }) => (true, dest_url.to_string()),
            _ => continue,
        };
        let range = evs[i].1.clone();
        let mut picture = None;
        let resolved = match hooks.resolve_link(&dest, is_image) {
            Ok(link) => {
                if let Some((page, fragment)) = link.anchor {
                    anchors.push(AnchorRef {
                        page,
                        fragment,
                        range: range.clone(),
                    });
                }
                picture = link.picture;
                link.url
            }
            Err(p) => {
                problems.push(Problem {
                    range: range.clone(),
                    ..p
                });
                dest.clone()
            }
        };
        let title = match &mut evs[i].0 {
            Event::Start(Tag::Link { dest_url, .. }) => {
                *dest_url = resolved.into();
                None
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                *dest_url = resolved.into();
                Some(title.to_string())
            }
            _ => unreachable!("matched above"),
        };
        if is_image {
            let alt = image_alt(&evs[i + 1..]);
            if let Some(picture) = &picture {
                let first = !images.iter().any(|im: &Image| im.resized.is_some());
                let html = picture_html(picture, &alt, title.as_deref(), first);
                replace_image(&mut evs[i..], html);
            }
            images.push(Image {
                dest,
                alt,
                offset: range.start,
                resized: picture.map(|p| p.rel.clone()),
            });
        }
    }
    (images, anchors)
}

/// The text of an image's alt, from the events after its start.
fn image_alt(after_start: &[Spanned<'_>]) -> String {
    after_start
        .iter()
        .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::Image)))
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// Replaces an image's events, from its start to its end, with `html`
/// and empty text (so positions stay as they were).
fn replace_image(from_start: &mut [Spanned<'_>], html: String) {
    from_start[0].0 = Event::InlineHtml(html.into());
    for (event, _) in from_start[1..].iter_mut() {
        let end = matches!(event, Event::End(TagEnd::Image));
        *event = Event::Text("".into());
        if end {
            break;
        }
    }
}

/// Numbers footnote references in reading order across the whole article
/// and moves the definitions into one list rendered at the end. (Rendering
/// each Q&A block separately would otherwise restart the numbering.)
pub fn number_footnotes(evs: &mut Vec<Spanned<'_>>) -> String {
    let has_footnotes = evs.iter().any(|(e, _)| {
        matches!(
            e,
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))
        )
    });
    if !has_footnotes {
        // Most articles have none: leave the events where they are.
        return String::new();
    }
    let mut refs = FootnoteRefs::default();
    let mut definitions: HashMap<String, Vec<Spanned<'_>>> = HashMap::new();
    let mut kept = Vec::with_capacity(evs.len());
    let mut drained = std::mem::take(evs).into_iter();
    while let Some((event, range)) = drained.next() {
        match event {
            Event::FootnoteReference(label) => {
                let html = refs.reference_html(&label);
                kept.push((Event::InlineHtml(html.into()), range));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let content = definition_content(&mut drained);
                definitions.insert(label.to_string(), content);
            }
            other => kept.push((other, range)),
        }
    }
    *evs = kept;
    render_footnotes(&refs.order, definitions)
}

/// The footnote references met so far.
#[derive(Default)]
struct FootnoteRefs {
    /// Each label's number, in order of its first reference.
    numbers: HashMap<String, usize>,
    /// The labels in the order of their numbers.
    order: Vec<String>,
    /// How often each label has been referred to, so every reference gets
    /// its own id to return to.
    uses: HashMap<String, usize>,
}

impl FootnoteRefs {
    /// Records one reference to `label` and returns the superscript link
    /// that stands for it.
    fn reference_html(&mut self, label: &str) -> String {
        let label = label.to_string();
        let next = self.numbers.len() + 1;
        let order = &mut self.order;
        let n = *self.numbers.entry(label.clone()).or_insert_with(|| {
            order.push(label.clone());
            next
        });
        let count = self.uses.entry(label.clone()).or_insert(0);
        *count += 1;
        let slug = super::slug::slugify(&label);
        let ref_id = if *count == 1 {
            format!("fnref-{slug}")
        } else {
            format!("fnref-{slug}-{count}")
        };
        format!("<sup class=\"footnote-ref\"><a href=\"#fn-{slug}\" id=\"{ref_id}\">{n}</a></sup>")
    }
}

/// Takes the events of a footnote definition, up to and without its end,
/// from `events` (just after the definition's start).
fn definition_content<'a>(events: &mut impl Iterator<Item = Spanned<'a>>) -> Vec<Spanned<'a>> {
    let mut depth = 1;
    let mut content = Vec::new();
    for (inner, inner_range) in events.by_ref() {
        match &inner {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            break;
        }
        content.push((inner, inner_range));
    }
    content
}

fn render_footnotes(
    order: &[String],
    mut definitions: HashMap<String, Vec<Spanned<'_>>>,
) -> String {
    if order.is_empty() {
        return String::new();
    }
    let mut out = String::from("<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>\n");
    for label in order {
        let slug = super::slug::slugify(label);
        out.push_str("<li id=\"fn-");
        push_escaped(&mut out, &slug);
        out.push_str("\">");
        if let Some(content) = definitions.remove(label) {
            html::push_html(&mut out, content.into_iter().map(|(e, _)| e));
        }
        out.push_str(" <a href=\"#fnref-");
        push_escaped(&mut out, &slug);
        out.push_str("\" class=\"footnote-back\" aria-label=\"Back to the text\">↩</a></li>\n");
    }
    out.push_str("</ol>\n</section>\n");
    out
}
