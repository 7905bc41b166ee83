//! The `{{ … }}` markers an article's body may use.

use std::cell::Cell;

use crate::components::{CHECKLIST_MARKER, PRICING_MARKER};
use crate::markdown::{Expansion, Problem};
use crate::pricing::Pricing;

/// Which of the markers that place a block one article has used so far.
/// Each block may appear once: its form fields and headings have fixed
/// ids, so a second copy would repeat them and label one checkbox twice.
#[derive(Debug, Default)]
pub struct PlacedBlocks {
    checklist: Cell<bool>,
    pricing_table: Cell<bool>,
}

/// The first use of a block marker, as the block's stand-in, or an error
/// for a later one.
fn place_once(
    placed: &Cell<bool>,
    marker: &str,
    block: &str,
    stand_in: &str,
) -> Result<Expansion, Problem> {
    if placed.replace(true) {
        return Err(Problem::error(format!(
            "`{{{{ {marker} }}}}` is used twice in this article"
        ))
        .with_help(format!(
            "the {block} can appear only once on a page; remove this marker or the earlier one"
        )));
    }
    Ok(Expansion::Block(stand_in.to_string()))
}

/// The `{{ … }}` markers an article may use.
pub fn expand_marker(
    expr: &str,
    has_checklist: bool,
    pricing: Option<&Pricing>,
    placed: &PlacedBlocks,
) -> Result<Expansion, Problem> {
    let compact: String = expr.chars().filter(|c| !c.is_whitespace()).collect();
    match compact.as_str() {
        "checklist()" if has_checklist => place_once(
            &placed.checklist,
            "checklist()",
            "checklist",
            CHECKLIST_MARKER,
        ),
        "checklist()" => Err(Problem::error(
            "`{{ checklist() }}` is used but this article has no `checklist` in its front matter",
        )
        .with_help(
            "add a `checklist:` block to the front matter (see the README), or remove the marker",
        )),
        "pricing_table()" if pricing.is_some() => place_once(
            &placed.pricing_table,
            "pricing_table()",
            "pricing table",
            PRICING_MARKER,
        ),
        "pricing_table()" => Err(Problem::error(
            "`{{ pricing_table() }}` is used but this article has no `pricing` in its front matter",
        )
        .with_help(
            "add a `pricing:` block to the front matter (see the README), or remove the marker",
        )),
        other => {
            if let Some(field) = other.strip_prefix("pricing.") {
                let Some(pricing) = pricing else {
                    return Err(Problem::error(format!("`{{{{ {other} }}}}` quotes the pricing, but this article has no `pricing` in its front matter"))
                        .with_help("add a `pricing:` block to the front matter, or remove the marker"));
                };
                return pricing.quote(field).map(Expansion::Inline).ok_or_else(|| {
                    Problem::error(format!("`pricing.{field}` is not a pricing value")).with_help(
                        format!("the values are: {}", crate::pricing::QUOTABLE.join(", ")),
                    )
                });
            }
            Err(Problem::error(format!("unknown marker `{{{{ {expr} }}}}`")).with_help(
                "the markers are `{{ checklist() }}`, `{{ pricing_table() }}` and `{{ pricing.<value> }}`",
            ))
        }
    }
}
