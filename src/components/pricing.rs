//! The pricing table as a component: its data is `pricing:` in the front
//! matter; the generator computes every total. It is resolved before the
//! body, whose markers may quote its values (`{{ pricing.course_total }}`),
//! and adds an `Offer` to the page's JSON-LD.

use super::{Component, ComponentBlock, Input, PageRef, Resolved, render_partial};
use crate::pricing::{self, Pricing, QUOTABLE};

pub static COMPONENT: Component = Component {
    key: "pricing",
    marker: "pricing_table",
    noun: "pricing table",
    stand_in: "<!--faqpress:pricing-->",
    ids: &["pricing", "pricing-title"],
    partial: "partials/pricing.html",
    builtin_partial: include_str!("../themes/common/partials/pricing.html"),
    quotable: QUOTABLE,
    needs_headings: false,
    is_in: |front| front.pricing.is_some(),
    resolve,
};

fn resolve(input: &Input) -> Resolved {
    let raw = input.front.pricing.as_ref().ok_or_else(Vec::new)?;
    Ok(Box::new(pricing::resolve(raw, input.locale)?))
}

impl ComponentBlock for Pricing {
    fn render(
        &self,
        tera: &tera::Tera,
        component: &Component,
        base: &tera::Context,
    ) -> Result<String, tera::Error> {
        render_partial(tera, component, self, base)
    }

    fn quote(&self, value: &str) -> Option<String> {
        Pricing::quote(self, value)
    }

    fn json_ld(&self, page: &PageRef) -> Option<serde_json::Value> {
        Some(Pricing::json_ld(self, page.title, page.permalink))
    }
}
