//! The component contract: what a block generated from front matter data
//! (the candidate checklist, the pricing table) tells the rest of the
//! generator about itself, and the registry of every component.
//!
//! A component is a [`Component`]: a table of its names (front matter key,
//! marker, the element ids its partial uses, the partial itself) and one
//! function that resolves the article's data into a [`ComponentBlock`]. The block
//! renders itself through its partial, may be quoted by inline markers
//! (`{{ pricing.course_total }}`) and may add JSON-LD. Everything else
//! (placing markers, reserving ids, substituting the rendered HTML,
//! showing the block after the last question when no marker places it) is
//! done here and in `render` for every component alike.
//!
//! Adding a component: write its module (a `COMPONENT` and its block), its
//! partial in `src/themes/common/partials/` (the module embeds it), a field
//! for its data in `frontmatter::FrontMatter`, and a line in [`ALL`].

mod checklist;
pub mod markers;
mod pricing;

use std::fmt::Debug;
use std::sync::LazyLock;

use serde::Serialize;
use tera::{Context, Tera};

use crate::frontmatter::FrontMatter;
use crate::markdown::Heading;
use crate::yaml::FieldError;

/// Every component, in the order they appear after the last question and
/// in the JSON-LD.
pub static ALL: &[&Component] = &[&checklist::COMPONENT, &pricing::COMPONENT];

/// One component's names and how to resolve it.
#[derive(Debug)]
pub struct Component {
    /// Its block in the front matter (`pricing:`); also the name its
    /// partial sees the block under, and the prefix of quoting markers
    /// (`{{ pricing.course_total }}`).
    pub key: &'static str,
    /// The marker that places it: `pricing_table` for `{{ pricing_table() }}`.
    pub marker: &'static str,
    /// How messages name it: "pricing table".
    pub noun: &'static str,
    /// The comment its marker leaves in the body's HTML until the rendered
    /// block replaces it.
    pub stand_in: &'static str,
    /// The element ids its partial uses; headings never take them.
    pub ids: &'static [&'static str],
    /// Its template, which a site's `templates/` may override.
    pub partial: &'static str,
    /// The built-in themes' version of that template.
    pub builtin_partial: &'static str,
    /// The values quoting markers may name (empty: it cannot be quoted).
    pub quotable: &'static [&'static str],
    /// Whether it needs the body's headings, and so is resolved after the
    /// body is rendered (and cannot be quoted inside it).
    pub needs_headings: bool,
    /// Whether the article's front matter has this block.
    pub is_in: fn(&FrontMatter) -> bool,
    /// Resolves the block from front matter the component [`is_in`]
    /// (`headings` is empty unless it [`needs_headings`]). Every problem is
    /// an error with its path in the front matter.
    ///
    /// [`is_in`]: Component::is_in
    /// [`needs_headings`]: Component::needs_headings
    pub resolve: fn(&Input) -> Resolved,
}

/// A resolved block, or every problem of its data.
pub type Resolved = Result<Box<dyn ComponentBlock>, Vec<FieldError>>;

/// What resolving a block may look at.
pub struct Input<'a> {
    pub front: &'a FrontMatter,
    /// The site's formatters (money, dates and durations are written for
    /// its language).
    pub locale: &'a crate::locale::Locale,
    pub headings: &'a [Heading],
}

/// A resolved component of one article, ready to render.
pub trait ComponentBlock: Debug + Send + Sync {
    /// Its HTML, through `component.partial`: implementations call
    /// [`render_partial`] with themselves.
    /// `base` holds what the page's language lays over the global
    /// context.
    fn render(
        &self,
        tera: &Tera,
        component: &Component,
        base: &Context,
    ) -> Result<String, tera::Error>;

    /// The text of `{{ key.<value> }}`, if `value` is one it has.
    fn quote(&self, _value: &str) -> Option<String> {
        None
    }

    /// A node for the JSON-LD `@graph` of the page it is on (no
    /// `@context`: the graph has it), if it adds one.
    fn json_ld(&self, _page: &PageRef) -> Option<serde_json::Value> {
        None
    }
}

/// The page a block is on, as its JSON-LD names it.
pub struct PageRef<'a> {
    pub title: &'a str,
    /// Absolute when the base URL has a host.
    pub permalink: &'a str,
}

/// Renders `block` through the component's partial, under its key.
pub fn render_partial<T: Serialize>(
    tera: &Tera,
    component: &Component,
    block: &T,
    base: &Context,
) -> Result<String, tera::Error> {
    let mut ctx = base.clone();
    ctx.insert(component.key, block);
    tera.render(component.partial, &ctx)
}

/// The blocks one article has, each with its component, in the order of
/// [`ALL`].
#[derive(Debug, Default)]
pub struct ComponentBlocks(Vec<(&'static Component, Box<dyn ComponentBlock>)>);

impl ComponentBlocks {
    /// Adds a block; blocks are added in the order of [`ALL`].
    pub fn push(&mut self, component: &'static Component, block: Box<dyn ComponentBlock>) {
        self.0.push((component, block));
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static Component, &dyn ComponentBlock)> {
        self.0.iter().map(|(c, b)| (*c, b.as_ref()))
    }

    /// The block of `component`, if the article has it.
    pub fn get(&self, component: &Component) -> Option<&dyn ComponentBlock> {
        self.iter()
            .find(|(c, _)| std::ptr::eq(*c, component))
            .map(|(_, b)| b)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Ids the themes use for their own elements; headings never take them.
pub const THEME_IDS: &[&str] = &[
    "main",
    "toc",
    "toc-title",
    "footnotes",
    "top",
    "search-input",
    "cited-sources",
    "cited-sources-title",
];

/// The ids no heading may take: the themes' own and every component's.
/// Components use a fixed set (a checklist's boxes sit inside their labels
/// and need none), so a list of any length reserves nothing more.
pub static RESERVED_IDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let components = ALL.iter().flat_map(|c| c.ids.iter().copied());
    THEME_IDS.iter().copied().chain(components).collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_have_distinct_names_and_ids() {
        for name in [|c: &Component| c.key, |c: &Component| c.marker] {
            let mut names: Vec<&str> = ALL.iter().map(|c| name(c)).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(
                names.len(),
                ALL.len(),
                "two components share a name: {names:?}"
            );
        }
        let mut ids = RESERVED_IDS.clone();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RESERVED_IDS.len(), "an id is claimed twice");
        assert!(RESERVED_IDS.contains(&"checklist-title"));
        for c in ALL {
            assert_eq!(c.partial, format!("partials/{}.html", c.key), "{}", c.key);
            assert_eq!(c.stand_in, format!("<!--faqpress:{}-->", c.key));
        }
    }
}
