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
    fn render(
        &self,
        tera: &tera::Tera,
        component: &Component,
        base: &tera::Context,
    ) -> Result<String, tera::Error> {
        render_partial(tera, component, self, base)
    }
}

#[cfg(test)]
mod tests {
    /// The script-free verdict goes by the kinds ticked, never by an
    /// item's position: no theme may carry per-position rules (which would
    /// cap the list's length again) or copy the items' texts.
    #[test]
    fn no_theme_styles_the_checklist_by_position() {
        let themes = [
            ("clinical", include_str!("../themes/clinical/style.css")),
            ("serene", include_str!("../themes/serene/style.css")),
        ];
        for (name, css) in themes {
            for by_position in ["#checklist-", "nth-child", "nth-of-type", ".v1"] {
                assert!(!css.contains(by_position), "{name}: {by_position}");
            }
            for kind in [".kind-ask :checked", ".kind-bad :checked"] {
                assert!(css.contains(kind), "{name}: {kind}");
            }
        }
        let partial = include_str!("../themes/common/partials/checklist.html");
        assert_eq!(partial.matches("{%- for item in").count(), 1, "one loop");
        assert!(!partial.contains("id=\"checklist-{{"), "no numbered ids");
    }
}
