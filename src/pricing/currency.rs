//! The ISO 4217 currencies faqpress knows: code, minor-unit exponent and the
//! symbol readers see.

use crate::diagnostics::did_you_mean;

/// One ISO 4217 currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    /// The three-letter code, e.g. `USD`.
    pub code: &'static str,
    /// How many decimals the minor unit has: 2 for cents, 0 for the yen,
    /// 3 for the Kuwaiti fils.
    pub exponent: u32,
    /// The symbol shown to readers, when the currency has a widely
    /// understood one; otherwise amounts are shown with the code.
    pub symbol: Option<&'static str>,
}

impl Currency {
    /// What is written next to amounts: the symbol, or else the code.
    pub fn display_symbol(&self) -> &'static str {
        self.symbol.unwrap_or(self.code)
    }

    /// How many minor units make one major unit (100 for USD).
    pub fn unit(&self) -> u64 {
        10u64.pow(self.exponent)
    }
}

const fn c(code: &'static str, exponent: u32, symbol: Option<&'static str>) -> Currency {
    Currency {
        code,
        exponent,
        symbol,
    }
}

/// Exponents follow the ISO 4217 list. Symbols are the English ones; the
/// dollars other than USD carry a prefix (`CA$`) so that a page about prices
/// in Canada never shows a bare `$` that readers would take for USD.
pub const CURRENCIES: &[Currency] = &[
    c("USD", 2, Some("$")),
    c("EUR", 2, Some("€")),
    c("GBP", 2, Some("£")),
    c("JPY", 0, Some("¥")),
    c("CAD", 2, Some("CA$")),
    c("AUD", 2, Some("A$")),
    c("NZD", 2, Some("NZ$")),
    c("HKD", 2, Some("HK$")),
    c("SGD", 2, None),
    c("CHF", 2, None),
    c("CNY", 2, Some("CN¥")),
    c("INR", 2, Some("₹")),
    c("KRW", 0, Some("₩")),
    c("TWD", 2, Some("NT$")),
    c("MXN", 2, Some("MX$")),
    c("BRL", 2, Some("R$")),
    c("ILS", 2, Some("₪")),
    c("PHP", 2, Some("₱")),
    c("VND", 0, Some("₫")),
    c("THB", 2, None),
    c("MYR", 2, None),
    c("IDR", 2, None),
    c("PKR", 2, None),
    c("BDT", 2, None),
    c("LKR", 2, None),
    c("SEK", 2, None),
    c("NOK", 2, None),
    c("DKK", 2, None),
    c("ISK", 0, None),
    c("PLN", 2, None),
    c("CZK", 2, None),
    c("HUF", 2, None),
    c("RON", 2, None),
    c("BGN", 2, None),
    c("RSD", 2, None),
    c("UAH", 2, None),
    c("RUB", 2, None),
    c("TRY", 2, None),
    c("AED", 2, None),
    c("SAR", 2, None),
    c("QAR", 2, None),
    c("BHD", 3, None),
    c("KWD", 3, None),
    c("OMR", 3, None),
    c("JOD", 3, None),
    c("IQD", 3, None),
    c("LYD", 3, None),
    c("TND", 3, None),
    c("EGP", 2, None),
    c("MAD", 2, None),
    c("ZAR", 2, None),
    c("NGN", 2, None),
    c("KES", 2, None),
    c("UGX", 0, None),
    c("RWF", 0, None),
    c("XAF", 0, None),
    c("XOF", 0, None),
    c("XPF", 0, None),
    c("ARS", 2, None),
    c("CLP", 0, None),
    c("COP", 2, None),
    c("PEN", 2, None),
    c("PYG", 0, None),
    c("UYU", 2, None),
];

/// Offered when nothing close to a mistyped code is found.
const COMMON: &str = "USD, EUR, GBP, CAD, AUD, JPY, CHF";

/// The currency with exactly this code. Codes are matched case-sensitively
/// on purpose: `usd` is reported (see [`unknown`]) rather than silently
/// accepted, so every article spells codes the same way.
pub fn find(code: &str) -> Option<&'static Currency> {
    CURRENCIES.iter().find(|c| c.code == code)
}

/// The message and help for a code that [`find`] does not know.
pub fn unknown(code: &str) -> (String, String) {
    let code = code.trim();
    if code.is_empty() {
        return (
            "the currency is empty".to_string(),
            format!(
                "write the ISO 4217 code of the currency, e.g. `currency: USD`; common codes: {COMMON}"
            ),
        );
    }
    let message = format!("`{code}` is not a currency code faqpress knows");
    if let Some(c) = find(&code.to_ascii_uppercase()) {
        return (
            message,
            format!("currency codes are written in capitals: `{}`", c.code),
        );
    }
    let by_symbol: Vec<&str> = CURRENCIES
        .iter()
        .filter(|c| c.symbol.is_some_and(|s| s == code || s.ends_with(code)))
        .map(|c| c.code)
        .collect();
    if !by_symbol.is_empty() {
        let codes = by_symbol
            .iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ");
        return (
            message,
            format!("`{code}` is a symbol; write the ISO 4217 code instead: {codes}"),
        );
    }
    let codes: Vec<&str> = CURRENCIES.iter().map(|c| c.code).collect();
    let help = match did_you_mean(&code.to_ascii_uppercase(), &codes) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("write the ISO 4217 code of the currency; common codes: {COMMON}"),
    };
    (message, help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_well_formed_iso_codes() {
        assert!(CURRENCIES.len() >= 40);
        for (i, c) in CURRENCIES.iter().enumerate() {
            assert!(
                c.code.len() == 3 && c.code.chars().all(|ch| ch.is_ascii_uppercase()),
                "{c:?}"
            );
            assert!(c.exponent <= 3, "{c:?}");
            assert!(
                CURRENCIES[..i].iter().all(|o| o.code != c.code),
                "duplicate {c:?}"
            );
        }
    }

    #[test]
    fn exponents_follow_iso_4217() {
        let exponent = |code| find(code).unwrap().exponent;
        assert_eq!(exponent("USD"), 2);
        assert_eq!(exponent("JPY"), 0);
        assert_eq!(exponent("KRW"), 0);
        for code in ["BHD", "KWD", "OMR", "JOD", "TND"] {
            assert_eq!(exponent(code), 3, "{code}");
        }
    }

    #[test]
    fn unknown_codes_get_a_suggestion() {
        assert_eq!(
            unknown("usd").1,
            "currency codes are written in capitals: `USD`"
        );
        assert_eq!(unknown("EUT").1, "did you mean `EUR`?");
        assert_eq!(
            unknown("€").1,
            "`€` is a symbol; write the ISO 4217 code instead: `EUR`"
        );
        assert!(
            unknown("$").1.contains("`USD`, `CAD`, `AUD`"),
            "{}",
            unknown("$").1
        );
        assert!(unknown("dollars").1.contains("common codes: USD"));
    }
}
