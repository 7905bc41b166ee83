//! The pricing table: placeholder until the pricing module lands.

use serde::{Deserialize, Serialize};

use crate::yaml::FieldError;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPricing {}

#[derive(Debug, Clone, Serialize)]
pub struct Pricing {}

pub fn resolve(_raw: &RawPricing, _language: &str) -> Result<Pricing, Vec<FieldError>> {
    Ok(Pricing {})
}

/// The names an article can quote with `{{ pricing.<name> }}`.
pub const QUOTABLE: &[&str] = &[];

impl Pricing {
    pub fn quote(&self, _name: &str) -> Option<String> {
        None
    }
}
