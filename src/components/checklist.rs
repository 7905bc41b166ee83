//! The candidate checklist as a component: its data is `checklist:` in the
//! front matter, checked against the article's headings (each item cites
//! one), so it is resolved after the body.

use super::{Component, ComponentBlock, Input, Resolved, render_partial};
use crate::checklist::{self, Checklist};

pub static COMPONENT: Component = Component {
    key: "checklist",
    marker: "checklist",
    noun: "checklist",
    stand_in: "<!--faqpress:checklist-->",
    ids: &["checklist", "checklist-title"],
    numbered_ids: Some(("checklist-", crate::checklist::MAX_ITEMS)),
    partial: "partials/checklist.html",
    builtin_partial: include_str!("../themes/common/partials/checklist.html"),
    quotable: &[],
    needs_headings: true,
    is_in: |front| front.checklist.is_some(),
    resolve,
};

fn resolve(input: &Input) -> Resolved {
    let raw = input.front.checklist.as_ref().ok_or_else(Vec::new)?;
    Ok(Box::new(checklist::resolve(raw, input.headings)?))
}

impl ComponentBlock for Checklist {
    fn render(&self, tera: &tera::Tera, component: &Component) -> Result<String, tera::Error> {
        render_partial(tera, component, self)
    }
}

#[cfg(test)]
mod tests {
    use crate::checklist::MAX_ITEMS;

    /// The script-free verdict mirrors ticked item `n` into the verdict's
    /// item `n` with one CSS rule per position: each built-in theme must
    /// have exactly the rules for 1..=MAX_ITEMS, so the limit the checklist
    /// enforces and the one the themes can show never drift apart.
    #[test]
    fn each_theme_mirrors_exactly_max_items_positions() {
        let themes = [
            ("clinical", include_str!("../themes/clinical/style.css")),
            ("serene", include_str!("../themes/serene/style.css")),
        ];
        for (name, css) in themes {
            // `:has(#checklist-7:checked) .v7`
            let mut positions: Vec<usize> = css
                .split(":has(#checklist-")
                .skip(1)
                .filter_map(|rest| {
                    let (n, rest) = rest.split_once(":checked) .v")?;
                    let m: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    (n == m).then(|| n.parse().ok())?
                })
                .collect();
            positions.sort_unstable();
            let expected: Vec<usize> = (1..=MAX_ITEMS).collect();
            assert_eq!(positions, expected, "{name}");
        }
    }
}
