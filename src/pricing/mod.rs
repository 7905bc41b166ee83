//! The pricing table: the currency table, exact number reading and
//! money formatting land first; the rest of the
//! module follows.

mod currency;
mod format;
mod number;

use serde::Deserialize;

pub use currency::{CURRENCIES, Currency, find as find_currency};
pub use format::{decimal_text, format_amount, format_money, minutes_text, range_text};
pub use number::{RawNumber, RawRange};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPricing {}
