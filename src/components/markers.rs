//! The `{{ … }}` markers an article's body may use: `{{ <marker>() }}`
//! places a component's block, `{{ <key>.<value> }}` quotes one of its
//! values. Both are worked out from the registry, for every component.

use std::cell::Cell;

use super::{ALL, Component, ComponentBlock};
use crate::markdown::{Expansion, Problem};

/// What one article has of a component, as its markers see it.
#[derive(Debug, Clone, Copy)]
pub enum Presence<'a> {
    /// No block in the front matter.
    Absent,
    /// The block was wrong, and that is reported: its markers are left
    /// out quietly rather than repeating the problem.
    Failed,
    /// The block is there; resolved already when it does not need the
    /// body's headings (so its values can be quoted).
    Present(Option<&'a dyn ComponentBlock>),
}

/// The markers of one article: what it has of each component, and which
/// blocks a marker has placed so far. Each block may appear once: its form
/// fields and headings have fixed ids, so a second copy would repeat them.
#[derive(Debug)]
pub struct Markers<'a> {
    /// One per component of [`ALL`], in its order.
    presence: Vec<Presence<'a>>,
    placed: Vec<Cell<bool>>,
}

impl<'a> Markers<'a> {
    /// `presence` gives, for each component of [`ALL`], what the article has.
    pub fn new(presence: Vec<Presence<'a>>) -> Self {
        let placed = presence.iter().map(|_| Cell::new(false)).collect();
        Self { presence, placed }
    }

    /// The expansion of the expression inside `{{ … }}`.
    pub fn expand(&self, expr: &str) -> Result<Expansion, Problem> {
        for (component, presence) in ALL.iter().zip(&self.presence) {
            if matches!(presence, Presence::Failed) && expr.contains(component.key) {
                return Ok(Expansion::Inline(String::new()));
            }
        }
        let compact: String = expr.chars().filter(|c| !c.is_whitespace()).collect();
        for (i, component) in ALL.iter().enumerate() {
            if compact.strip_suffix("()") == Some(component.marker) {
                return self.place(i, component);
            }
            let quoted = compact
                .strip_prefix(component.key)
                .and_then(|rest| rest.strip_prefix('.'));
            if let (Some(value), false) = (quoted, component.quotable.is_empty()) {
                return self.quote(i, component, value, &compact);
            }
        }
        Err(Problem::error(format!("unknown marker `{{{{ {expr} }}}}`"))
            .with_help(format!("the markers are {}", every_marker())))
    }

    /// The first use of a block marker, as the block's stand-in, or an
    /// error for a later one.
    fn place(&self, i: usize, component: &Component) -> Result<Expansion, Problem> {
        let marker = component.marker;
        if matches!(self.presence[i], Presence::Absent) {
            return Err(Problem::error(format!(
                "`{{{{ {marker}() }}}}` is used but this article has no `{}` in its front matter",
                component.key
            ))
            .with_help(format!(
                "add a `{}:` block to the front matter (see the README), or remove the marker",
                component.key
            )));
        }
        if self.placed[i].replace(true) {
            return Err(Problem::error(format!(
                "`{{{{ {marker}() }}}}` is used twice in this article"
            ))
            .with_help(format!(
                "the {} can appear only once on a page; remove this marker or the earlier one",
                component.noun
            )));
        }
        Ok(Expansion::Block(component.stand_in.to_string()))
    }

    /// `{{ key.value }}`: the value's text.
    fn quote(
        &self,
        i: usize,
        component: &Component,
        value: &str,
        written: &str,
    ) -> Result<Expansion, Problem> {
        let key = component.key;
        let Presence::Present(Some(block)) = self.presence[i] else {
            return Err(Problem::error(format!(
                "`{{{{ {written} }}}}` quotes the {key}, but this article has no `{key}` in its front matter"
            ))
            .with_help(format!(
                "add a `{key}:` block to the front matter, or remove the marker"
            )));
        };
        block.quote(value).map(Expansion::Inline).ok_or_else(|| {
            Problem::error(format!("`{key}.{value}` is not a {key} value"))
                .with_help(format!("the values are: {}", component.quotable.join(", ")))
        })
    }
}

/// `` `{{ checklist() }}`, `{{ pricing_table() }}` and `{{ pricing.<value> }}` ``.
fn every_marker() -> String {
    let placing = ALL.iter().map(|c| format!("`{{{{ {}() }}}}`", c.marker));
    let quoting = ALL
        .iter()
        .filter(|c| !c.quotable.is_empty())
        .map(|c| format!("`{{{{ {}.<value> }}}}`", c.key));
    let all: Vec<String> = placing.chain(quoting).collect();
    match all.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => all.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_lists_every_marker() {
        assert_eq!(
            every_marker(),
            "`{{ checklist() }}`, `{{ pricing_table() }}` and `{{ pricing.<value> }}`"
        );
    }

    #[test]
    fn a_block_is_placed_once_and_only_when_the_article_has_it() {
        let markers = Markers::new(vec![Presence::Present(None), Presence::Absent]);
        assert!(matches!(
            markers.expand(" checklist( ) "),
            Ok(Expansion::Block(s)) if s == "<!--faqpress:checklist-->"
        ));
        let twice = markers.expand("checklist()").unwrap_err();
        assert!(twice.message.contains("used twice"), "{}", twice.message);
        let absent = markers.expand("pricing_table()").unwrap_err();
        assert!(
            absent.message.contains("no `pricing`"),
            "{}",
            absent.message
        );
        let quoted = markers.expand("pricing.sessions").unwrap_err();
        assert!(
            quoted.message.contains("quotes the pricing"),
            "{}",
            quoted.message
        );
    }

    #[test]
    fn a_failed_block_s_markers_are_left_out_quietly() {
        let markers = Markers::new(vec![Presence::Absent, Presence::Failed]);
        assert!(matches!(
            markers.expand("pricing.sessions"),
            Ok(Expansion::Inline(s)) if s.is_empty()
        ));
    }
}
