//! What the generated components (the checklist and the pricing table)
//! and the themes' own elements claim in an article page: the stand-ins
//! the components' markers leave in the body's HTML, and the element ids
//! no heading may take.
//!
//! Both `site` (which places the markers and gives headings their ids)
//! and `render` (which swaps the stand-ins for the rendered components)
//! read them here, so neither depends on the other for them.

/// Stand-ins the Markdown markers leave in the HTML, replaced by the
/// rendered components.
pub const CHECKLIST_MARKER: &str = "<!--faqpress:checklist-->";
pub const PRICING_MARKER: &str = "<!--faqpress:pricing-->";

/// Ids the themes use for their own elements; headings never take them.
pub const THEME_IDS: &[&str] = &[
    "main",
    "toc",
    "toc-title",
    "checklist",
    "checklist-title",
    "pricing",
    "pricing-title",
    "footnotes",
    "top",
];
