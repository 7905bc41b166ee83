//! The strings below are ICU4X's output with CLDR 47 data, checked by hand
//! against each language's conventions.

use super::*;
use crate::pricing::find_currency;

const NBSP: char = '\u{a0}';
const NNBSP: char = '\u{202f}';

fn day() -> Date {
    Date::new(2026, 11, 23).unwrap()
}

fn eur(locale: &Locale, minor: u64) -> String {
    locale.money(minor, find_currency("EUR").unwrap(), false)
}

fn usd(locale: &Locale, minor: u64, fraction: bool) -> String {
    locale.money(minor, find_currency("USD").unwrap(), fraction)
}

#[test]
fn dates() {
    let cases = [
        ("en", "23 November 2026"),
        ("en-GB", "23 November 2026"),
        ("en-US", "November 23, 2026"),
        ("de", "23. November 2026"),
        ("de-AT", "23. November 2026"),
        ("fr", "23 novembre 2026"),
        ("fr-CH", "23 novembre 2026"),
        ("es", "23 de noviembre de 2026"),
    ];
    for (tag, expected) in cases {
        assert_eq!(Locale::new(tag).date_long(day()), expected, "{tag}");
    }
    assert_eq!(
        Locale::new("en").date_long(Date::new(2024, 5, 1).unwrap()),
        "1 May 2024"
    );
}

#[test]
fn numbers() {
    assert_eq!(Locale::new("en").number(1500), "1,500");
    assert_eq!(Locale::new("de").number(1500), "1.500");
    assert_eq!(Locale::new("fr").number(1500), format!("1{NNBSP}500"));
    // Spanish groups only from five digits.
    assert_eq!(Locale::new("es").number(1500), "1500");
    assert_eq!(Locale::new("es").number(12_000), "12.000");
    // Austrian German groups with a no-break space.
    assert_eq!(Locale::new("de-AT").number(1500), format!("1{NBSP}500"));
}

#[test]
fn money() {
    let en = Locale::new("en");
    assert_eq!(usd(&en, 150_000, false), "$1,500");
    assert_eq!(usd(&en, 150_050, false), "$1,500.50");
    assert_eq!(usd(&en, 150_000, true), "$1,500.00");
    assert_eq!(usd(&en, 5, false), "$0.05");
    assert_eq!(eur(&en, 150_000), "€1,500");
    let chf = find_currency("CHF").unwrap();
    assert_eq!(en.money(120_000, chf, false), format!("CHF{NBSP}1,200"));
    let jpy = find_currency("JPY").unwrap();
    assert_eq!(en.money(12_000, jpy, true), "¥12,000");
    // en-GB names the dollar it means.
    assert_eq!(usd(&Locale::new("en-GB"), 150_000, false), "US$1,500");

    let de = Locale::new("de");
    assert_eq!(eur(&de, 150_000), format!("1.500{NBSP}€"));
    assert_eq!(usd(&de, 150_050, false), format!("1.500,50{NBSP}$"));
    assert_eq!(
        eur(&Locale::new("de-AT"), 150_000),
        format!("€{NBSP}1{NBSP}500")
    );

    let fr = Locale::new("fr");
    assert_eq!(eur(&fr, 150_000), format!("1{NNBSP}500{NBSP}€"));
    assert_eq!(usd(&fr, 150_050, false), format!("1{NNBSP}500,50{NBSP}$US"));

    let es = Locale::new("es");
    assert_eq!(eur(&es, 150_000), format!("1500{NBSP}€"));
    assert_eq!(eur(&es, 1_200_000), format!("12.000{NBSP}€"));
    assert_eq!(usd(&es, 150_050, false), format!("1500,50{NBSP}US$"));
}

#[test]
fn money_ranges() {
    let usd = find_currency("USD").unwrap();
    let eur = find_currency("EUR").unwrap();
    assert_eq!(
        Locale::new("en").money_range(10_000, 20_000, usd, false),
        "$100–$200"
    );
    assert_eq!(
        Locale::new("en").money_range(10_000, 10_000, usd, false),
        "$100"
    );
    assert_eq!(
        Locale::new("de").money_range(150_000, 200_000, eur, false),
        format!("1.500{NBSP}€ – 2.000{NBSP}€")
    );
    assert_eq!(
        Locale::new("fr").money_range(9_950, 15_000, eur, true),
        format!("99,50{NBSP}€ – 150,00{NBSP}€")
    );
}

#[test]
fn durations() {
    let cases: [(&str, [&str; 3]); 4] = [
        ("en", ["30 min", "1 hr 30 min", "2 hr"]),
        ("de", ["30 Min.", "1 Std. 30 Min.", "2 Std."]),
        (
            "fr",
            ["30\u{a0}min", "1\u{202f}h 30\u{a0}min", "2\u{202f}h"],
        ),
        ("es", ["30 min", "1 h 30 min", "2 h"]),
    ];
    for (tag, expected) in cases {
        let locale = Locale::new(tag);
        let got = [30, 90, 120].map(|m| locale.duration(m));
        assert_eq!(got, expected, "{tag}");
    }
    // en-GB's short units take a plural.
    assert_eq!(Locale::new("en-GB").duration(150), "2 hrs 30 mins");
}

#[test]
fn plurals() {
    let en = Locale::new("en");
    assert_eq!(
        [0, 1, 2].map(|n| en.plural_category(n)),
        ["other", "one", "other"]
    );
    assert_eq!(en.choose(1, "1 session", "sessions"), "1 session");
    assert_eq!(en.choose(3, "session", "3 sessions"), "3 sessions");
    // French counts zero as singular.
    let fr = Locale::new("fr");
    assert_eq!(
        [0, 1, 2].map(|n| fr.plural_category(n)),
        ["one", "one", "other"]
    );
    assert_eq!(fr.choose(0, "séance", "séances"), "séance");
    assert_eq!(
        Locale::new("de").choose(2, "Sitzung", "Sitzungen"),
        "Sitzungen"
    );
    assert_eq!(Locale::new("es").plural_category(1), "one");
    // Polish has more forms than one and other.
    assert_eq!(Locale::new("pl").plural_category(3), "few");
}

#[test]
fn unknown_languages_are_written_as_english() {
    for tag in ["xx", "zz-QQ", "not a tag"] {
        let locale = Locale::new(tag);
        assert_eq!(locale.tag(), "en", "{tag}");
        assert_eq!(locale.date_long(day()), "23 November 2026");
        assert_eq!(usd(&locale, 150_000, false), "$1,500");
    }
    assert_eq!(Locale::new("de-AT").tag(), "de-AT");
}
