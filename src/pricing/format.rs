//! Showing amounts, counts and durations to readers in the site's language.

use super::currency::Currency;

const NBSP: &str = "\u{a0}";
const NARROW_NBSP: &str = "\u{202f}";

/// How one language writes money, after CLDR's common patterns.
#[derive(Debug, Clone, Copy)]
struct Style {
    group: &'static str,
    decimal: &'static str,
    /// `1.200 €` rather than `€1,200`.
    symbol_after: bool,
    /// A space between a leading symbol and the number even when the symbol
    /// is not a word (`€ 1.200` in Dutch).
    space_after_leading_symbol: bool,
    /// Shortest number that is grouped: Spanish and Polish write `1200`
    /// but `12.000`.
    min_grouping_digits: usize,
}

const ENGLISH: Style = Style {
    group: ",",
    decimal: ".",
    symbol_after: false,
    space_after_leading_symbol: false,
    min_grouping_digits: 4,
};

const fn after(group: &'static str, min_grouping_digits: usize) -> Style {
    Style {
        group,
        decimal: ",",
        symbol_after: true,
        space_after_leading_symbol: false,
        min_grouping_digits,
    }
}

const fn before(group: &'static str) -> Style {
    Style {
        group,
        decimal: ",",
        symbol_after: false,
        space_after_leading_symbol: true,
        min_grouping_digits: 4,
    }
}

/// Only the primary subtag of the BCP 47 tag counts: `de-CH` is written
/// like `de`, `en-IN` like `en` (no lakh grouping). Unknown languages get
/// the English style.
fn style(language: &str) -> Style {
    let primary = language.split(['-', '_']).next().unwrap_or_default();
    match primary.to_ascii_lowercase().as_str() {
        "de" | "it" | "da" | "el" => after(".", 4),
        "es" => after(".", 5),
        "fr" => after(NARROW_NBSP, 4),
        "sv" | "nb" | "nn" | "no" | "fi" | "cs" | "sk" | "ru" | "uk" | "hu" => after(NBSP, 4),
        "pl" => after(NBSP, 5),
        "nl" | "pt" => before("."),
        _ => ENGLISH,
    }
}

/// Formats `minor` units of `currency` the way readers of `language`
/// expect, e.g. `$1,200.50`, `1.200,50 $`, `¥12,000`. The fraction is
/// shown only when it is not zero; see [`format_amount`] to choose.
pub fn format_money(minor: u64, currency: &Currency, language: &str) -> String {
    format_amount(minor, currency, language, minor % currency.unit() != 0)
}

/// Like [`format_money`], with the fraction shown (all of the currency's
/// decimals) or left out as asked. Leaving it out of a non-zero fraction
/// would misstate the amount, so it is then shown anyway.
pub fn format_amount(
    minor: u64,
    currency: &Currency,
    language: &str,
    show_fraction: bool,
) -> String {
    let style = style(language);
    let unit = currency.unit();
    let whole = (minor / unit).to_string();
    let mut number = group(&whole, style.group, style.min_grouping_digits);
    if currency.exponent > 0 && (show_fraction || minor % unit != 0) {
        number.push_str(style.decimal);
        number.push_str(&fraction_digits(minor, currency.exponent));
    }
    let symbol = currency.display_symbol();
    if style.symbol_after {
        format!("{number}{NBSP}{symbol}")
    } else if style.space_after_leading_symbol || symbol.ends_with(char::is_alphabetic) {
        // `CHF 1,200`, `SEK 1,200`: a word needs a space before the number.
        format!("{symbol}{NBSP}{number}")
    } else {
        format!("{symbol}{number}")
    }
}

/// The amount as a plain decimal for machines (`100.00`, `12000`), as
/// schema.org wants prices: a dot, no grouping, every decimal written.
pub fn decimal_text(minor: u64, currency: &Currency) -> String {
    let whole = minor / currency.unit();
    if currency.exponent == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{}", fraction_digits(minor, currency.exponent))
    }
}

fn fraction_digits(minor: u64, exponent: u32) -> String {
    let unit = 10u64.pow(exponent);
    format!("{:0width$}", minor % unit, width = exponent as usize)
}

/// Inserts `separator` every three digits from the right, if the number has
/// at least `min_digits` digits.
fn group(digits: &str, separator: &str, min_digits: usize) -> String {
    if digits.len() < min_digits {
        return digits.to_string();
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

/// `30 min`, `1 h 30 min`, `2 h`. The abbreviations are read the same way
/// in most languages, which is why they are not translated.
pub fn minutes_text(minutes: u64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// `3–4`, `$100–$200`, or just `3` when both ends are equal. The en dash
/// gets spaces around it when the values have spaces of their own
/// (`1 h 30 min – 2 h`), so it is not read as joining only the nearest words.
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
mod tests {
    use super::*;
    use crate::pricing::currency::find;

    fn money(minor: u64, code: &str, language: &str) -> String {
        format_money(minor, find(code).unwrap(), language)
    }

    #[test]
    fn english_style() {
        assert_eq!(money(120_000, "USD", "en"), "$1,200");
        assert_eq!(money(120_050, "USD", "en-US"), "$1,200.50");
        assert_eq!(money(123_456_700, "USD", "en"), "$1,234,567");
        assert_eq!(money(9_950, "USD", "en"), "$99.50");
        assert_eq!(money(5, "USD", "en"), "$0.05");
        assert_eq!(money(12_000, "JPY", "ja"), "¥12,000");
        assert_eq!(money(12_000, "JPY", "en"), "¥12,000");
        assert_eq!(money(100_000, "CAD", "en"), "CA$1,000");
        assert_eq!(money(120_000, "SEK", "en"), "SEK\u{a0}1,200");
        assert_eq!(money(120_000, "CHF", "en"), "CHF\u{a0}1,200");
        assert_eq!(money(1_250, "KWD", "en"), "KWD\u{a0}1.250");
        assert_eq!(
            money(120_000, "USD", "xx"),
            "$1,200",
            "unknown languages fall back to English"
        );
    }

    #[test]
    fn european_styles() {
        assert_eq!(money(120_050, "USD", "de"), "1.200,50\u{a0}$");
        assert_eq!(money(120_000, "EUR", "de-AT"), "1.200\u{a0}€");
        assert_eq!(money(120_050, "USD", "fr"), "1\u{202f}200,50\u{a0}$");
        assert_eq!(
            money(123_456_700, "EUR", "fr-CA"),
            "1\u{202f}234\u{202f}567\u{a0}€"
        );
        assert_eq!(money(120_000, "EUR", "it"), "1.200\u{a0}€");
        assert_eq!(money(120_000, "EUR", "es"), "1200\u{a0}€");
        assert_eq!(money(1_200_000, "EUR", "es"), "12.000\u{a0}€");
        assert_eq!(money(120_050, "EUR", "nl"), "€\u{a0}1.200,50");
        assert_eq!(money(120_000, "BRL", "pt-BR"), "R$\u{a0}1.200");
        assert_eq!(money(120_000, "SEK", "sv"), "1\u{a0}200\u{a0}SEK");
    }

    #[test]
    fn fraction_can_be_forced_for_consistency() {
        let usd = find("USD").unwrap();
        assert_eq!(format_amount(30_000, usd, "en", true), "$300.00");
        assert_eq!(format_amount(30_050, usd, "en", false), "$300.50");
        assert_eq!(format_amount(300, find("JPY").unwrap(), "en", true), "¥300");
    }

    #[test]
    fn machine_decimals() {
        assert_eq!(decimal_text(10_000, find("USD").unwrap()), "100.00");
        assert_eq!(decimal_text(5, find("USD").unwrap()), "0.05");
        assert_eq!(decimal_text(12_000, find("JPY").unwrap()), "12000");
        assert_eq!(decimal_text(1_005, find("BHD").unwrap()), "1.005");
    }

    #[test]
    fn durations_and_ranges() {
        assert_eq!(minutes_text(30), "30 min");
        assert_eq!(minutes_text(90), "1 h 30 min");
        assert_eq!(minutes_text(120), "2 h");
        assert_eq!(range_text("3", "4"), "3–4");
        assert_eq!(range_text("3", "3"), "3");
        assert_eq!(range_text("$100", "$200"), "$100–$200");
        assert_eq!(range_text("1 h 30 min", "2 h"), "1 h 30 min – 2 h");
        assert_eq!(
            range_text("100\u{a0}€", "200\u{a0}€"),
            "100\u{a0}€ – 200\u{a0}€"
        );
    }
}
