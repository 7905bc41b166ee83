//! The pricing table of an article: what one session costs, how many are
//! needed and how long they take, with the course totals worked out.
//!
//! Money never goes through a float: amounts are read from the YAML text
//! (see `number.rs`) and kept as integer minor units (cents), and all
//! arithmetic is checked so an absurd value is an error, not a panic.
//!
//! Decisions worth knowing:
//! - Currency codes must be ISO 4217 capitals; `usd` is an error that
//!   suggests `USD`, so every article spells codes the same way.
//! - Amounts shown in one table share one rule for decimals: if any of them
//!   has a non-zero fraction, all are shown with the currency's decimals
//!   (`$99.50–$150.00`), otherwise none are (`$100–$200`).
//! - A single price with decimals (`price_per_session: 99.50`) must be
//!   quoted or written as `{ min, max }`: see [`RawRange::Inexact`].

mod currency;
mod format;
mod json_ld;
mod number;
mod quote;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use crate::locale::range_text;
pub use currency::{CURRENCIES, Currency, find as find_currency};
pub use format::decimal_text;
pub use number::{RawNumber, RawRange};
pub use quote::QUOTABLE;

use crate::date::Date;
use crate::locale::Locale;
use crate::yaml::{FieldError, Step};
use number::{Decimal, MinorError, ParseError};

/// The `pricing:` block of the front matter, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPricing {
    pub currency: String,
    pub price_per_session: RawRange,
    pub sessions: RawRange,
    pub minutes_per_session: RawNumber,
    /// Optional here so that its absence is reported by [`resolve`] with
    /// the reason it matters, next to any other problem in the table.
    #[serde(default)]
    pub as_of: Option<Date>,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// The checked table with everything templates and JSON-LD need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pricing {
    /// ISO 4217 code, e.g. `USD`.
    pub currency: &'static str,
    /// The symbol shown next to amounts (`$`), or the code when the
    /// currency has none.
    pub symbol: &'static str,
    pub price_per_session: Range<Money>,
    pub sessions: Range<u64>,
    pub minutes_per_session: Minutes,
    /// Fewest sessions at the lowest price to most sessions at the highest.
    pub course_total: Range<Money>,
    pub course_time: Range<Minutes>,
    pub notes: Vec<String>,
    /// The day the prices were checked.
    pub as_of: Date,
    /// `1 May 2024`, `1. Mai 2024`.
    pub as_of_text: String,
}

/// A lowest and highest value, and how the pair reads (`$100–$200`, or
/// `$150` when both are the same).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Range<T> {
    pub min: T,
    pub max: T,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Money {
    /// In the currency's minor unit: cents for USD, yen for JPY.
    pub minor: u64,
    /// A plain decimal for machines: `100.00`.
    pub amount: String,
    /// As readers see it: `$100`.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Minutes {
    pub minutes: u64,
    /// `1 hr 30 min`, `1 Std. 30 Min.`.
    pub text: String,
}

/// What one number in the table measures, for checking and messages.
#[derive(Debug, Clone, Copy)]
enum Field {
    /// The currency is `None` when its code was wrong; the amount's form is
    /// still checked, but it cannot be converted to minor units.
    Price(Option<&'static Currency>),
    Sessions,
    Minutes,
}

impl Field {
    fn key(self) -> &'static str {
        match self {
            Field::Price(_) => "price_per_session",
            Field::Sessions => "sessions",
            Field::Minutes => "minutes_per_session",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Field::Price(_) => "price per session",
            Field::Sessions => "number of sessions",
            Field::Minutes => "length of a session",
        }
    }

    fn not_a_number_help(self) -> &'static str {
        match self {
            Field::Price(_) => {
                "write a plain number such as `150` or `99.50`, without a currency symbol (the currency goes in `currency`), spaces or thousands separators"
            }
            Field::Sessions => {
                "write a whole number such as `3`, or a range such as `{ min: 3, max: 4 }`"
            }
            Field::Minutes => {
                "write how long one session takes in whole minutes, e.g. `30` or `90`"
            }
        }
    }

    fn not_positive_help(self) -> &'static str {
        match self {
            Field::Price(_) => {
                "write what one session costs; if the treatment is free, leave out `pricing`"
            }
            Field::Sessions => "a course has at least one session",
            Field::Minutes => "write how long one session takes, in minutes",
        }
    }
}

/// Checks `raw` and works out the totals, reporting every problem found,
/// each with its path from the front matter's root. Amounts, durations
/// and the date are written by `locale`, the site's formatters.
pub fn resolve(raw: &RawPricing, locale: &Locale) -> Result<Pricing, Vec<FieldError>> {
    let mut errors = Vec::new();
    let currency = currency::find(&raw.currency);
    if currency.is_none() {
        let (message, help) = currency::unknown(&raw.currency);
        errors.push(FieldError::new(path(&["currency"]), message).with_help(help));
    }
    let price = read_range(&raw.price_per_session, Field::Price(currency), &mut errors);
    let sessions = read_range(&raw.sessions, Field::Sessions, &mut errors);
    let minutes = read_number(
        &raw.minutes_per_session,
        Field::Minutes,
        path(&["minutes_per_session"]),
        "the length of a session",
        &mut errors,
    );
    check_as_of(raw.as_of, &mut errors);
    check_notes(&raw.notes, &mut errors);
    let (Some(currency), Some(price), Some(sessions), Some(minutes)) =
        (currency, price, sessions, minutes)
    else {
        return Err(errors);
    };
    let (total, time) = course_totals(price, sessions, minutes, &mut errors);
    let (Some(total), Some(time), Some(as_of), true) = (total, time, raw.as_of, errors.is_empty())
    else {
        return Err(errors);
    };
    let figures = Figures {
        currency,
        price,
        sessions,
        minutes,
        total,
        time,
        as_of,
    };
    Ok(table(&figures, &raw.notes, locale))
}

fn check_as_of(as_of: Option<Date>, errors: &mut Vec<FieldError>) {
    if as_of.is_none() {
        errors.push(
            FieldError::new(path(&[]), "`as_of` is missing").with_help(
                "prices go stale: add the day you checked them, e.g. `as_of: 2024-05-01`, so readers can tell how current they are",
            ),
        );
    }
}

fn check_notes(notes: &[String], errors: &mut Vec<FieldError>) {
    for (i, note) in notes.iter().enumerate() {
        if note.trim().is_empty() {
            let mut at = path(&["notes"]);
            at.push(Step::Index(i));
            errors.push(
                FieldError::new(at, format!("note {} is empty", i + 1))
                    .with_help("write the note, or remove its line"),
            );
        }
    }
}

/// A lowest and highest value, before formatting.
type MinMax = (u64, u64);

/// The course's total price and total time (each `None`, with an error,
/// when it overflows).
fn course_totals(
    price: (u64, u64),
    sessions: (u64, u64),
    minutes: u64,
    errors: &mut Vec<FieldError>,
) -> (Option<MinMax>, Option<MinMax>) {
    let total = checked_range(price, sessions);
    if total.is_none() {
        errors.push(
            FieldError::new(path(&[]), "the course total is too large to compute")
                .with_help("check `price_per_session` and `sessions` for a typo"),
        );
    }
    let time = checked_range((minutes, minutes), sessions);
    if time.is_none() {
        errors.push(
            FieldError::new(path(&[]), "the course time is too large to compute")
                .with_help("check `minutes_per_session` and `sessions` for a typo"),
        );
    }
    (total, time)
}

/// The table's numbers once every one of them is known to be right; amounts
/// in minor units, (min, max) pairs for ranges.
struct Figures {
    currency: &'static Currency,
    price: (u64, u64),
    sessions: (u64, u64),
    minutes: u64,
    total: (u64, u64),
    time: (u64, u64),
    as_of: Date,
}

/// The table as templates see it, every amount formatted for the locale.
fn table(figures: &Figures, notes: &[String], locale: &Locale) -> Pricing {
    let Figures {
        currency,
        price,
        sessions,
        minutes,
        total,
        time,
        as_of,
    } = *figures;
    // One rule for the whole table, so `$99.50–$150.00` never becomes the
    // uneven `$99.50–$150`.
    let show_fraction = [price.0, price.1, total.0, total.1]
        .iter()
        .any(|minor| minor % currency.unit() != 0);
    let money = |minor| Money {
        minor,
        amount: decimal_text(minor, currency),
        text: locale.money(minor, currency, show_fraction),
    };
    Pricing {
        currency: currency.code,
        symbol: currency.display_symbol(),
        price_per_session: money_range(money(price.0), money(price.1)),
        sessions: Range {
            min: sessions.0,
            max: sessions.1,
            text: range_text(&locale.number(sessions.0), &locale.number(sessions.1)),
        },
        minutes_per_session: minutes_of(minutes, locale),
        course_total: money_range(money(total.0), money(total.1)),
        course_time: {
            let (min, max) = (minutes_of(time.0, locale), minutes_of(time.1, locale));
            let text = range_text(&min.text, &max.text);
            Range { min, max, text }
        },
        notes: notes.to_vec(),
        as_of,
        as_of_text: locale.date_long(as_of),
    }
}

/// A path below `pricing`.
fn path(keys: &[&'static str]) -> Vec<Step<'static>> {
    std::iter::once("pricing")
        .chain(keys.iter().copied())
        .map(Step::Key)
        .collect()
}

/// Both ends of `range` multiplied by those of `by`, or `None` on overflow.
fn checked_range(range: (u64, u64), by: (u64, u64)) -> Option<(u64, u64)> {
    Some((range.0.checked_mul(by.0)?, range.1.checked_mul(by.1)?))
}

fn money_range(min: Money, max: Money) -> Range<Money> {
    let text = range_text(&min.text, &max.text);
    Range { min, max, text }
}

fn minutes_of(minutes: u64, locale: &Locale) -> Minutes {
    Minutes {
        minutes,
        text: locale.duration(minutes),
    }
}

/// Reads a range field as (min, max), in minor units for prices.
fn read_range(range: &RawRange, field: Field, errors: &mut Vec<FieldError>) -> Option<(u64, u64)> {
    let key = field.key();
    let label = field.label();
    match range {
        RawRange::One(number) => {
            let value = read_number(number, field, path(&[key]), &format!("the {label}"), errors)?;
            Some((value, value))
        }
        RawRange::MinMax { min, max } => {
            let low = read_number(
                min,
                field,
                path(&[key, "min"]),
                &format!("the lowest {label}"),
                errors,
            );
            let high = read_number(
                max,
                field,
                path(&[key, "max"]),
                &format!("the highest {label}"),
                errors,
            );
            let (low, high) = (low?, high?);
            if low > high {
                errors.push(
                    FieldError::new(
                        path(&[key]),
                        format!(
                            "the lowest {label} ({}) is more than the highest ({})",
                            min.0.trim(),
                            max.0.trim()
                        ),
                    )
                    .with_help("swap the two values: `min` is the lowest, `max` the highest"),
                );
                return None;
            }
            Some((low, high))
        }
        RawRange::Inexact(shown) => {
            let error = match field {
                Field::Price(currency) => {
                    // The float printed back has lost trailing zeros; put
                    // them back so the example looks like what was written.
                    let shown =
                        currency.map_or_else(|| shown.clone(), |c| pad_fraction(shown, c.exponent));
                    FieldError::new(path(&[key]), "a single price with decimals must be written in quotes")
                        .with_help(format!(
                            "YAML reads an unquoted `{shown}` as an approximate number; write `{key}: \"{shown}\"` or `{key}: {{ min: {shown}, max: {shown} }}` so it is read exactly"
                        ))
                }
                _ => FieldError::new(path(&[key]), format!("`{shown}` is not a whole number"))
                    .with_help(field.not_a_number_help()),
            };
            errors.push(error);
            None
        }
    }
}

/// `99.5` → `99.50` for a currency with two decimals.
fn pad_fraction(text: &str, exponent: u32) -> String {
    match text.split_once('.') {
        Some((whole, fraction)) if fraction.len() < exponent as usize => {
            format!("{whole}.{fraction:0<width$}", width = exponent as usize)
        }
        _ => text.to_string(),
    }
}

/// Reads one number, in minor units for prices, pushing at most one error.
/// `what` names it in messages ("the lowest price per session").
fn read_number(
    number: &RawNumber,
    field: Field,
    at: Vec<Step<'static>>,
    what: &str,
    errors: &mut Vec<FieldError>,
) -> Option<u64> {
    let text = number.0.trim();
    let error = match Decimal::parse(text) {
        Err(ParseError::Empty) => {
            FieldError::new(at, format!("{what} is empty")).with_help(field.not_a_number_help())
        }
        Err(ParseError::NotANumber) => FieldError::new(at, format!("`{text}` is not a number"))
            .with_help(field.not_a_number_help()),
        Ok(decimal) if decimal.negative || decimal.is_zero() => {
            FieldError::new(at, format!("{what} must be more than zero, not `{text}`"))
                .with_help(field.not_positive_help())
        }
        Ok(decimal) => {
            let exponent = match field {
                Field::Price(Some(currency)) => currency.exponent,
                // Already reported as an unknown currency.
                Field::Price(None) => return None,
                Field::Sessions | Field::Minutes => 0,
            };
            match decimal.to_minor(exponent) {
                Ok(value) => return Some(value),
                Err(MinorError::TooLarge) => FieldError::new(at, format!("`{text}` is too large"))
                    .with_help("check this number for a typo"),
                Err(MinorError::TooManyDecimals) => too_many_decimals(at, text, &decimal, field),
            }
        }
    };
    errors.push(error);
    None
}

fn too_many_decimals(
    at: Vec<Step<'static>>,
    text: &str,
    decimal: &Decimal,
    field: Field,
) -> FieldError {
    let Field::Price(Some(currency)) = field else {
        return FieldError::new(at, format!("`{text}` is not a whole number"))
            .with_help(field.not_a_number_help());
    };
    let (code, exponent) = (currency.code, currency.exponent);
    let (message, round) = if exponent == 0 {
        (
            format!("`{text}` has decimals, but {code} amounts are whole numbers"),
            "round it to a whole number".to_string(),
        )
    } else {
        (
            format!(
                "`{text}` has {} decimals, but {code} amounts have at most {exponent}",
                decimal.fraction.len()
            ),
            format!("round it to {exponent} decimals"),
        )
    };
    // `1.200` is how much of Europe writes one thousand two hundred.
    let help = if decimal.fraction.len() == 3 && !decimal.whole.starts_with('0') {
        format!(
            "if the `.` separates thousands, leave it out: `{}{}`; otherwise {round}",
            decimal.whole, decimal.fraction
        )
    } else {
        round
    };
    FieldError::new(at, message).with_help(help)
}
