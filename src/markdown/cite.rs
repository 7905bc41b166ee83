//! Citation markers: `[^src:id]` in the body cites the source `id` of the
//! front matter's `sources:`. Each becomes a numbered superscript link to
//! its entry in the article's references (numbered in order of first
//! citation), with an id of its own the entry links back to. Which ids
//! exist is not known here: the page checks the [`Citation`]s recorded.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Spanned;
use super::slug::slugify;

/// What opens a citation marker.
pub const OPENER: &str = "[^src:";

/// One citation marker of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The source's id as written.
    pub id: String,
    /// Its number in the references.
    pub number: usize,
    /// The id of the superscript link, for the entry's back-link.
    pub anchor: String,
    /// Where the marker is written in the body.
    pub range: Range<usize>,
}

/// The element id of a source's entry in the references.
pub fn entry_id(source_id: &str) -> String {
    format!("src-{}", slugify(source_id))
}

/// Replaces every citation marker outside code with its superscript link,
/// returning the citations in reading order.
pub fn cite_sources(evs: &mut Vec<Spanned<'_>>, body: &str) -> Vec<Citation> {
    if !body.contains(OPENER) {
        return Vec::new();
    }
    let mut numbers = Numbers::default();
    let mut out = Vec::with_capacity(evs.len());
    let mut in_code_block = false;
    for (event, range) in std::mem::take(evs) {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::FootnoteReference(label) if label.starts_with("src:") => {
                let html = numbers.cite(&label[4..], range.clone());
                out.push((Event::InlineHtml(html.into()), range));
                continue;
            }
            Event::Text(text) if !in_code_block && text.contains(OPENER) => {
                let text = text.to_string();
                let written = body.get(range.clone()).unwrap_or("");
                split_text(&text, written, range, &mut numbers, &mut out);
                continue;
            }
            _ => {}
        }
        out.push((event, range));
    }
    *evs = out;
    numbers.citations
}

/// `text` (written as `written` at `range`) cut around its markers.
fn split_text<'a>(
    text: &str,
    written: &str,
    range: Range<usize>,
    numbers: &mut Numbers,
    out: &mut Vec<Spanned<'a>>,
) {
    let mut rest = text;
    let mut searched = 0;
    while let Some(start) = rest.find(OPENER) {
        let after = &rest[start + OPENER.len()..];
        let Some(len) = after
            .find(']')
            .filter(|&n| n > 0 && !after[..n].contains(' '))
        else {
            break;
        };
        let id = &after[..len];
        let marker = format!("{OPENER}{id}]");
        // Where the marker is in the file, when the text is as written.
        let at = written[searched.min(written.len())..]
            .find(&marker)
            .map(|i| searched + i);
        let marker_range = match at {
            Some(i) => {
                searched = i + marker.len();
                range.start + i..range.start + i + marker.len()
            }
            None => range.clone(),
        };
        if start > 0 {
            out.push((
                Event::Text(CowStr::from(rest[..start].to_string())),
                range.clone(),
            ));
        }
        let html = numbers.cite(id, marker_range.clone());
        out.push((Event::InlineHtml(html.into()), marker_range));
        rest = &rest[start + marker.len()..];
    }
    if !rest.is_empty() {
        out.push((Event::Text(CowStr::from(rest.to_string())), range));
    }
}

/// The citations met so far and each id's number.
#[derive(Default)]
struct Numbers {
    numbers: HashMap<String, usize>,
    uses: HashMap<String, usize>,
    citations: Vec<Citation>,
}

impl Numbers {
    fn cite(&mut self, id: &str, range: Range<usize>) -> String {
        let next = self.numbers.len() + 1;
        let number = *self.numbers.entry(id.to_string()).or_insert(next);
        let uses = self.uses.entry(id.to_string()).or_insert(0);
        *uses += 1;
        let anchor = format!("cite-{}-{uses}", slugify(id));
        let html = format!(
            "<sup class=\"cite\"><a href=\"#{}\" id=\"{anchor}\">[{number}]</a></sup>",
            entry_id(id)
        );
        self.citations.push(Citation {
            id: id.to_string(),
            number,
            anchor,
            range,
        });
        html
    }
}
