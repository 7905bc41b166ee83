//! Dates, numbers, money, durations and plural categories in the site's
//! language, through ICU4X and the CLDR data compiled into it. This module
//! is the only one that talks to ICU: the rest of the code gets plain
//! strings from a [`Locale`], which is made once per build (it lives in the
//! resolved [`crate::config::Site`]) because building the formatters loads
//! their data.
//!
//! Decisions worth knowing:
//! - The language tag goes to ICU as written, so `de-AT`, `en-GB` or
//!   `fr-CH` get their region's conventions.
//! - Plain `en` writes dates day-month-year (`23 November 2026`, ICU's
//!   `en-GB` form), as the generator always has; ICU's plain `en` would be
//!   the American `November 23, 2026`, which `en-US` still gets. Numbers and
//!   money for plain `en` stay ICU's `en` (`$1,500`, where `en-GB` would
//!   write `US$1,500`).
//! - A language ICU has no data for (`xx`) is written as English rather
//!   than in CLDR's neutral root forms (`2026 M11 23`).
//! - Currency and duration formatting are in `icu_experimental`: they are
//!   ICU4X's implementations of CLDR's currency and unit patterns, not yet
//!   declared stable, and pinned with the 2.1 components they build on.

use std::fmt;

use icu_calendar::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_datetime::input::Date as IcuDate;
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_experimental::dimension::currency::CurrencyCode;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::units::formatter::UnitsFormatter;
use icu_experimental::dimension::units::options::Width;
use icu_locale_core::Locale as IcuLocale;
use icu_plurals::{PluralCategory, PluralRules};
use writeable::Writeable;

use crate::date::Date;
use crate::pricing::Currency;

/// The formatters for one language, built once.
pub struct Locale {
    /// The tag the formatters were made for (`en` for a language ICU has
    /// no data for).
    tag: String,
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    decimal: DecimalFormatter,
    currency: CurrencyFormatter,
    hours: UnitsFormatter,
    minutes: UnitsFormatter,
    plurals: PluralRules,
}

impl fmt::Debug for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Locale").field("tag", &self.tag).finish()
    }
}

impl Locale {
    /// The formatters for `tag` (a BCP 47 tag), or English ones when ICU
    /// cannot read the tag or has no data for its language.
    pub fn new(tag: &str) -> Self {
        match IcuLocale::try_from_str(tag) {
            Ok(locale) if has_data(&locale) => {
                Self::build(tag, &locale).unwrap_or_else(Self::english)
            }
            _ => Self::english(),
        }
    }

    pub fn english() -> Self {
        Self::build(
            "en",
            &IcuLocale::try_from_str("en").expect("`en` is a locale"),
        )
        .expect("ICU's compiled data has English")
    }

    fn build(tag: &str, locale: &IcuLocale) -> Option<Self> {
        let date_locale = if tag.eq_ignore_ascii_case("en") {
            IcuLocale::try_from_str("en-GB").ok()?
        } else {
            locale.clone()
        };
        Some(Self {
            tag: tag.to_string(),
            date: FixedCalendarDateTimeFormatter::try_new((&date_locale).into(), YMD::long())
                .ok()?,
            decimal: DecimalFormatter::try_new(locale.into(), Default::default()).ok()?,
            currency: CurrencyFormatter::try_new(locale.into(), Default::default()).ok()?,
            hours: UnitsFormatter::try_new(locale.into(), "hour", Width::Short.into()).ok()?,
            minutes: UnitsFormatter::try_new(locale.into(), "minute", Width::Short.into()).ok()?,
            plurals: PluralRules::try_new_cardinal(locale.into()).ok()?,
        })
    }

    /// The tag the formatters follow.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// `23 November 2026`, `23. November 2026`, `23 novembre 2026`.
    pub fn date_long(&self, date: Date) -> String {
        match IcuDate::try_new_gregorian(date.year, date.month, date.day) {
            Ok(day) => self.date.format(&day).write_to_string().into_owned(),
            // `Date` only holds real days, which ICU accepts.
            Err(_) => date.to_string(),
        }
    }

    /// `1,500`, `1.500`, `1 500` (U+202F), `1500` (Spanish groups from
    /// five digits).
    pub fn number(&self, n: u64) -> String {
        self.decimal
            .format(&Decimal::from(n))
            .write_to_string()
            .into_owned()
    }

    /// `minor` units of `currency`: `$1,500`, `1.500 €`, with all the
    /// currency's decimals when `show_fraction` (or when the fraction is
    /// not zero, as leaving it out would misstate the amount).
    pub fn money(&self, minor: u64, currency: &Currency, show_fraction: bool) -> String {
        let mut value = Decimal::from(minor);
        let exponent = i16::try_from(currency.exponent).unwrap_or(0);
        value.multiply_pow10(-exponent);
        if show_fraction || minor % currency.unit() != 0 {
            value.pad_end(-exponent);
        } else {
            value.trunc(0);
        }
        let Ok(code) = tinystr::TinyAsciiStr::<3>::try_from_str(currency.code) else {
            return self.number(minor);
        };
        self.currency
            .format_fixed_decimal(&value, CurrencyCode(code))
            .write_to_string()
            .into_owned()
    }

    /// `$100–$200`, `100 € – 200 €`, or one amount when both are equal.
    pub fn money_range(&self, min: u64, max: u64, currency: &Currency, fraction: bool) -> String {
        range_text(
            &self.money(min, currency, fraction),
            &self.money(max, currency, fraction),
        )
    }

    /// `30 min`, `1 hr 30 min`, `1 Std. 30 Min.`: CLDR's short unit
    /// names, the hours left out when there are none and the minutes when
    /// the hours are whole. ICU4X's `DurationFormatter` would also join
    /// them with the language's list pattern (`1 hr, 30 min`), but in
    /// `icu_experimental` 0.4 its validated options type is not exported,
    /// so it cannot be built outside the crate; a space joins them here,
    /// as the generator always has.
    pub fn duration(&self, minutes: u64) -> String {
        let unit = |formatter: &UnitsFormatter, n: u64| {
            formatter
                .format_fixed_decimal(&Decimal::from(n))
                .write_to_string()
                .into_owned()
        };
        match (minutes / 60, minutes % 60) {
            (0, m) => unit(&self.minutes, m),
            (h, 0) => unit(&self.hours, h),
            (h, m) => format!("{} {}", unit(&self.hours, h), unit(&self.minutes, m)),
        }
    }

    /// CLDR's cardinal plural category of `n`: `one`, `other`, and for some
    /// languages `two`, `few`, `many` or `zero`.
    pub fn plural_category(&self, n: u64) -> &'static str {
        match self.plurals.category_for(n) {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// `one` when `n` takes the language's singular form, else `other`:
    /// enough for the languages with two forms (French counts 0 as one).
    pub fn choose<'a>(&self, n: u64, one: &'a str, other: &'a str) -> &'a str {
        if self.plurals.category_for(n) == PluralCategory::One {
            one
        } else {
            other
        }
    }
}

/// Whether ICU has data of its own for the language, rather than only
/// CLDR's root: the root's month names are `M01`…`M12`, every real
/// language's differ.
fn has_data(locale: &IcuLocale) -> bool {
    let Ok(formatter) =
        FixedCalendarDateTimeFormatter::<Gregorian, YMD>::try_new(locale.into(), YMD::long())
    else {
        return false;
    };
    let Ok(day) = IcuDate::try_new_gregorian(2026, 11, 23) else {
        return false;
    };
    !formatter.format(&day).write_to_string().contains("M11")
}

/// `3–4`, `$100–$200`, or just `3` when both ends are equal. The en dash
/// gets spaces around it when the values have spaces of their own
/// (`1 hr 30 min – 2 hr`), so it is not read as joining only the nearest words.
pub fn range_text(min: &str, max: &str) -> String {
    if min == max {
        min.to_string()
    } else if min.contains(char::is_whitespace) || max.contains(char::is_whitespace) {
        format!("{min} – {max}")
    } else {
        format!("{min}–{max}")
    }
}

#[cfg(test)]
#[path = "locale_tests.rs"]
mod tests;
