//! The `{{ … }}` markers an article's body may use.

use crate::markdown::{Expansion, Problem};
use crate::pricing::Pricing;
use crate::render::{CHECKLIST_MARKER, PRICING_MARKER};

/// The `{{ … }}` markers an article may use.
pub fn expand_marker(
    expr: &str,
    has_checklist: bool,
    pricing: Option<&Pricing>,
) -> Result<Expansion, Problem> {
    let compact: String = expr.chars().filter(|c| !c.is_whitespace()).collect();
    match compact.as_str() {
        "checklist()" if has_checklist => Ok(Expansion::Block(CHECKLIST_MARKER.to_string())),
        "checklist()" => Err(Problem::error(
            "`{{ checklist() }}` is used but this article has no `checklist` in its front matter",
        )
        .with_help(
            "add a `checklist:` block to the front matter (see the README), or remove the marker",
        )),
        "pricing_table()" if pricing.is_some() => Ok(Expansion::Block(PRICING_MARKER.to_string())),
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
