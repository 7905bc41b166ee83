//! Numbers as editors write them, read without ever going through a float.
//!
//! Amounts are kept as the text of the YAML scalar until the currency is
//! known, then turned into integer minor units (cents). Checking happens in
//! `resolve`, not while deserializing, so that every problem in the table is
//! reported at once, each with its path.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

/// A number exactly as written, e.g. `99.50`, `-3` or (wrongly) `$100`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawNumber(pub String);

impl<'de> Deserialize<'de> for RawNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `deserialize_str`, not `deserialize_any`: serde_yaml gives a plain
        // scalar's text to `visit_str` untouched, where `deserialize_any`
        // would first turn `99.50` into an f64.
        deserializer.deserialize_str(NumberVisitor)
    }
}

struct NumberVisitor;

impl Visitor<'_> for NumberVisitor {
    type Value = RawNumber;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number such as 150 or 99.50")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawNumber, E> {
        Ok(RawNumber(v.to_string()))
    }

    // Other deserializers (and serde_yaml inside untagged enums) hand over
    // integers already parsed; those are exact too.
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawNumber, E> {
        Ok(RawNumber(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawNumber, E> {
        Ok(RawNumber(v.to_string()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawNumber, E> {
        Ok(RawNumber(v.to_string()))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawNumber, E> {
        Ok(RawNumber(v.to_string()))
    }
}

/// A range as written: `{ min: 100, max: 200 }`, or one number for both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawRange {
    One(RawNumber),
    MinMax {
        min: RawNumber,
        max: RawNumber,
    },
    /// A single plain number with decimals, such as `99.50`.
    ///
    /// Telling a single number from a `{ min, max }` mapping needs
    /// `deserialize_any`, and serde_yaml has already made such a scalar an
    /// f64 by then, so its exact text is lost. It is rejected in `resolve`
    /// with advice to quote it; the text kept here (the float printed back)
    /// only serves the message.
    Inexact(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MinMax {
    min: RawNumber,
    max: RawNumber,
}

impl<'de> Deserialize<'de> for RawRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RangeVisitor)
    }
}

struct RangeVisitor;

impl<'de> Visitor<'de> for RangeVisitor {
    type Value = RawRange;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or a range such as { min: 100, max: 200 }")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawRange, A::Error> {
        // Each bound goes through `RawNumber`, so `{ min: 99.50 }` is exact.
        let MinMax { min, max } = MinMax::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(RawRange::MinMax { min, max })
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawRange, E> {
        Ok(RawRange::One(RawNumber(v.to_string())))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawRange, E> {
        Ok(RawRange::One(RawNumber(v.to_string())))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawRange, E> {
        Ok(RawRange::One(RawNumber(v.to_string())))
    }

    // serde_yaml reads integers too large for a u64 as 128-bit ones; they
    // are reported as too large in `resolve`.
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawRange, E> {
        Ok(RawRange::One(RawNumber(v.to_string())))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawRange, E> {
        Ok(RawRange::One(RawNumber(v.to_string())))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawRange, E> {
        Ok(RawRange::Inexact(v.to_string()))
    }

    // `sessions:` with nothing after it; reported as empty in `resolve`.
    fn visit_unit<E: de::Error>(self) -> Result<RawRange, E> {
        Ok(RawRange::One(RawNumber(String::new())))
    }

    fn visit_none<E: de::Error>(self) -> Result<RawRange, E> {
        self.visit_unit()
    }
}

/// A decimal number read from text, its digits kept as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal<'a> {
    pub negative: bool,
    pub whole: &'a str,
    /// The digits after the point; empty when there is no point.
    pub fraction: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    NotANumber,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinorError {
    /// More digits after the point than the exponent allows.
    TooManyDecimals,
    TooLarge,
}

impl<'a> Decimal<'a> {
    /// Reads `[+-]digits[.digits]`. Exponents, thousands separators,
    /// symbols and a bare `.5` are refused: editors can always write the
    /// plain form, and anything else is more likely a mistake than a number.
    pub fn parse(text: &'a str) -> Result<Self, ParseError> {
        let text = text.trim();
        if text.is_empty() || text == "~" || text == "null" {
            return Err(ParseError::Empty);
        }
        let (negative, unsigned) = match text.as_bytes()[0] {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        let (whole, fraction) = match unsigned.split_once('.') {
            Some((w, f)) if !f.is_empty() => (w, f),
            Some(_) => return Err(ParseError::NotANumber),
            None => (unsigned, ""),
        };
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) {
            return Err(ParseError::NotANumber);
        }
        Ok(Self {
            negative,
            whole,
            fraction,
        })
    }

    pub fn is_zero(&self) -> bool {
        self.whole
            .bytes()
            .chain(self.fraction.bytes())
            .all(|b| b == b'0')
    }

    /// The value in units of 10^-`exponent`, e.g. `99.50` with exponent 2
    /// is 9950. Only for non-negative numbers; the sign is checked first.
    pub fn to_minor(self, exponent: u32) -> Result<u64, MinorError> {
        let exponent = exponent as usize;
        if self.fraction.len() > exponent {
            return Err(MinorError::TooManyDecimals);
        }
        let padding = std::iter::repeat_n(b'0', exponent - self.fraction.len());
        self.whole
            .bytes()
            .chain(self.fraction.bytes())
            .chain(padding)
            .try_fold(0u64, |acc, digit| {
                acc.checked_mul(10)?.checked_add(u64::from(digit - b'0'))
            })
            .ok_or(MinorError::TooLarge)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    fn minor(text: &str, exponent: u32) -> Result<u64, MinorError> {
        Decimal::parse(text).unwrap().to_minor(exponent)
    }

    #[test]
    fn decimals_become_minor_units() {
        assert_eq!(minor("99.50", 2), Ok(9950));
        assert_eq!(minor("99.5", 2), Ok(9950));
        assert_eq!(minor("100", 2), Ok(10_000));
        assert_eq!(minor("12000", 0), Ok(12_000));
        assert_eq!(minor("1.234", 3), Ok(1234));
        assert_eq!(minor("007", 0), Ok(7));
        assert_eq!(minor("99.505", 2), Err(MinorError::TooManyDecimals));
        assert_eq!(minor("1.0", 0), Err(MinorError::TooManyDecimals));
        assert_eq!(minor("18446744073709551615", 0), Ok(u64::MAX));
        assert_eq!(minor("18446744073709551616", 0), Err(MinorError::TooLarge));
        assert_eq!(minor("184467440737095517", 2), Err(MinorError::TooLarge));
    }

    #[test]
    fn only_plain_decimals_are_numbers() {
        let parsed = Decimal::parse(" -1.25 ").unwrap();
        assert_eq!(
            (parsed.negative, parsed.whole, parsed.fraction),
            (true, "1", "25")
        );
        assert!(Decimal::parse("0.00").unwrap().is_zero());
        assert!(!Decimal::parse("0.01").unwrap().is_zero());
        for empty in ["", " ", "~", "null"] {
            assert_eq!(Decimal::parse(empty), Err(ParseError::Empty), "{empty:?}");
        }
        for garbage in [
            "abc", "$100", "1,200", "1 200", "1e3", ".5", "5.", "1.2.3", "-", "0x10", "١٠",
        ] {
            assert_eq!(
                Decimal::parse(garbage),
                Err(ParseError::NotANumber),
                "{garbage:?}"
            );
        }
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        amount: RawNumber,
        range: RawRange,
    }

    #[test]
    fn yaml_plain_scalars_reach_visit_str_as_written() {
        // The whole point of `RawNumber`: serde_yaml must not round-trip
        // `99.50` through a float (which would print as `99.5`).
        let doc: Doc = yaml::from_str("amount: 99.50\nrange: { min: 0.10, max: 1e3 }\n").unwrap();
        assert_eq!(doc.amount, RawNumber("99.50".into()));
        assert_eq!(
            doc.range,
            RawRange::MinMax {
                min: RawNumber("0.10".into()),
                max: RawNumber("1e3".into())
            }
        );
        let doc: Doc =
            yaml::from_str("amount: '12'\nrange:\n  min: -3\n  max: \"4.000\"\n").unwrap();
        assert_eq!(doc.amount, RawNumber("12".into()));
        assert_eq!(
            doc.range,
            RawRange::MinMax {
                min: RawNumber("-3".into()),
                max: RawNumber("4.000".into())
            }
        );
    }

    #[test]
    fn single_numbers_are_ranges_of_one() {
        let range = |text: &str| {
            yaml::from_str::<Doc>(&format!("amount: 1\nrange: {text}\n"))
                .unwrap()
                .range
        };
        assert_eq!(range("3"), RawRange::One(RawNumber("3".into())));
        assert_eq!(range("-3"), RawRange::One(RawNumber("-3".into())));
        assert_eq!(range("\"99.50\""), RawRange::One(RawNumber("99.50".into())));
        assert_eq!(range("abc"), RawRange::One(RawNumber("abc".into())));
        assert_eq!(range(""), RawRange::One(RawNumber(String::new())));
        assert_eq!(range("99.50"), RawRange::Inexact("99.5".into()));
    }

    #[test]
    fn range_keys_are_checked() {
        let err = yaml::from_str::<Doc>("amount: 1\nrange: { min: 1, maximum: 2 }\n").unwrap_err();
        assert!(
            err.message.starts_with("unknown field `maximum`"),
            "{err:?}"
        );
        assert_eq!(err.help.as_deref(), Some("did you mean `max`?"));
        let err = yaml::from_str::<Doc>("amount: 1\nrange:\n  min: 1\n").unwrap_err();
        assert!(err.message.starts_with("missing field `max`"), "{err:?}");
        let err = yaml::from_str::<Doc>("amount: [1]\nrange: 1\n").unwrap_err();
        assert!(err.message.starts_with("invalid type"), "{err:?}");
    }
}
