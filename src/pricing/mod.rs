//! The pricing table: the currency table lands first; the rest of the
//! module follows.

mod currency;

use serde::Deserialize;

pub use currency::{CURRENCIES, Currency, find as find_currency};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPricing {}
