//! Amounts for machines. What readers see is written by
//! [`crate::locale::Locale`], from ICU's CLDR data.

use super::currency::Currency;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::currency::find;

    #[test]
    fn machine_decimals() {
        assert_eq!(decimal_text(10_000, find("USD").unwrap()), "100.00");
        assert_eq!(decimal_text(5, find("USD").unwrap()), "0.05");
        assert_eq!(decimal_text(12_000, find("JPY").unwrap()), "12000");
        assert_eq!(decimal_text(1_005, find("BHD").unwrap()), "1.005");
    }
}
