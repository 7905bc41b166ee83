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
