//! Tests of `resolve` and `json_ld`, reading tables from YAML text the way
//! the front matter does.

use std::fmt::Write as _;

use serde_json::json;

use super::*;
use crate::yaml::{self, Step};

const BUNDLED: &str = "\
currency: USD
price_per_session: { min: 100, max: 200 }
sessions: { min: 3, max: 4 }
minutes_per_session: 30
as_of: 2024-05-01
notes:
  - Prices vary by clinic and region.
";

fn raw(text: &str) -> RawPricing {
    yaml::from_str(text).unwrap_or_else(|e| panic!("{e:?}\n{text}"))
}

fn resolved(text: &str, language: &str) -> Pricing {
    resolve(&raw(text), &crate::locale::Locale::new(language))
        .unwrap_or_else(|e| panic!("{}", render(&e)))
}

/// A table with these lines replacing the bundled ones with the same keys.
fn with(lines: &str) -> String {
    let replaced: Vec<&str> = lines.lines().filter_map(|l| l.split(':').next()).collect();
    let mut text: String = BUNDLED
        .lines()
        .filter(|l| {
            // A note line belongs to `notes`, which has no colon of its own.
            let key = if l.starts_with("  - ") {
                "notes"
            } else {
                l.split(':').next().unwrap_or_default()
            };
            !replaced.contains(&key)
        })
        .map(|l| format!("{l}\n"))
        .collect();
    text.push_str(lines);
    text.push('\n');
    text
}

fn errors(text: &str) -> Vec<FieldError> {
    resolve(&raw(text), &crate::locale::Locale::english())
        .expect_err("the table should be rejected")
}

fn path_text(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(key) if out.is_empty() => out.push_str(key),
            Step::Key(key) => write!(out, ".{key}").unwrap(),
            Step::Index(i) => write!(out, "[{i}]").unwrap(),
        }
    }
    out
}

fn render(errors: &[FieldError]) -> String {
    let mut out = String::new();
    for e in errors {
        writeln!(out, "{}: {}", path_text(&e.path), e.message).unwrap();
        if let Some(help) = &e.help {
            writeln!(out, "  help: {help}").unwrap();
        }
    }
    out
}

#[test]
fn bundled_table() {
    let p = resolved(BUNDLED, "en");
    assert_eq!((p.currency, p.symbol), ("USD", "$"));
    assert_eq!(p.price_per_session.text, "$100–$200");
    assert_eq!(
        (p.price_per_session.min.minor, p.price_per_session.max.minor),
        (10_000, 20_000)
    );
    assert_eq!(p.price_per_session.min.amount, "100.00");
    assert_eq!(p.sessions.text, "3–4");
    assert_eq!(p.minutes_per_session.text, "30 min");
    assert_eq!(p.course_total.text, "$300–$800");
    assert_eq!(
        (p.course_total.min.minor, p.course_total.max.minor),
        (30_000, 80_000)
    );
    assert_eq!(
        (p.course_time.min.minutes, p.course_time.max.minutes),
        (90, 120)
    );
    assert_eq!(p.course_time.text, "1 hr 30 min – 2 hr");
    assert_eq!(p.notes, ["Prices vary by clinic and region."]);
    assert_eq!(p.as_of.to_string(), "2024-05-01");
    assert_eq!(p.as_of_text, "1 May 2024");
}

#[test]
fn what_templates_see() {
    let shown = serde_json::to_string_pretty(&resolved(BUNDLED, "en")).unwrap();
    insta::assert_snapshot!(shown);
}

#[test]
fn block_and_flow_styles_read_the_same() {
    let block = "\
currency: USD
price_per_session:
  min: 100
  max: 200
sessions:
  min: 3
  max: 4
minutes_per_session: 30
as_of: 2024-05-01
notes: [Prices vary by clinic and region.]
";
    assert_eq!(resolved(block, "en"), resolved(BUNDLED, "en"));
}

#[test]
fn single_numbers_and_equal_ends_show_one_value() {
    let p = resolved(
        &with("price_per_session: { min: 150, max: 150 }\nsessions: 3"),
        "en",
    );
    assert_eq!(p.price_per_session.text, "$150");
    assert_eq!(
        (p.sessions.min, p.sessions.max, p.sessions.text.as_str()),
        (3, 3, "3")
    );
    assert_eq!(p.course_total.text, "$450");
    assert_eq!(p.course_time.text, "1 hr 30 min");
    let single = resolved(
        &with("price_per_session: 150\nsessions: { min: 3, max: 3 }"),
        "en",
    );
    assert_eq!(single, p);
}

#[test]
fn large_amounts_are_grouped() {
    let p = resolved(&with("price_per_session: 1234567\nsessions: 1"), "en");
    assert_eq!(p.price_per_session.text, "$1,234,567");
    assert_eq!(p.price_per_session.min.amount, "1234567.00");
}

#[test]
fn zero_decimal_currencies() {
    let p = resolved(
        &with("currency: JPY\nprice_per_session: 12000\nsessions: { min: 1, max: 2 }"),
        "ja",
    );
    assert_eq!(p.symbol, "¥");
    // CLDR's Japanese writes the full-width yen sign.
    assert_eq!(p.price_per_session.text, "￥12,000");
    assert_eq!(p.price_per_session.min.minor, 12_000);
    assert_eq!(p.course_total.text, "￥12,000–￥24,000");
    assert_eq!(p.course_total.max.amount, "24000");
}

#[test]
fn cents_are_exact_and_shown_for_every_amount() {
    let p = resolved(
        &with("price_per_session: { min: 99.50, max: 150 }\nsessions: 2"),
        "en",
    );
    assert_eq!(p.price_per_session.min.minor, 9_950);
    assert_eq!(p.price_per_session.text, "$99.50–$150.00");
    assert_eq!(p.course_total.text, "$199.00–$300.00");
    // Quoted, a single price with cents is read exactly too.
    let p = resolved(&with("price_per_session: \"99.50\"\nsessions: 1"), "en");
    assert_eq!(p.price_per_session.text, "$99.50");
    assert_eq!(p.price_per_session.min.amount, "99.50");
}

#[test]
fn amounts_follow_the_site_language() {
    let table = with("currency: EUR\nprice_per_session: { min: 1200.50, max: 2000 }");
    let de = resolved(&table, "de-DE");
    assert_eq!(
        de.price_per_session.text,
        "1.200,50\u{a0}€ – 2.000,00\u{a0}€"
    );
    assert_eq!(de.course_total.text, "3.601,50\u{a0}€ – 8.000,00\u{a0}€");
    let fr = resolved(&table, "fr");
    assert_eq!(
        fr.price_per_session.text,
        "1\u{202f}200,50\u{a0}€ – 2\u{202f}000,00\u{a0}€"
    );
    let en = resolved(&table, "en-GB");
    assert_eq!(en.price_per_session.text, "€1,200.50–€2,000.00");
}

#[test]
fn currency_problems() {
    let mut shown = String::new();
    for code in ["usd", "EUT", "€", "dollars", "''"] {
        let errs = errors(&with(&format!("currency: {code}")));
        assert!(
            errs.iter()
                .all(|e| e.path == [Step::Key("pricing"), Step::Key("currency")])
        );
        shown.push_str(&render(&errs));
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn amount_problems() {
    let mut shown = String::new();
    for lines in [
        "price_per_session: { min: abc, max: 200 }",
        "price_per_session: { min: $100, max: \"1,200\" }",
        "price_per_session:\n  min:\n  max: 200",
        "price_per_session: { min: -100, max: 0 }",
        "price_per_session: { min: 200, max: 100 }",
        "price_per_session: { min: 99.505, max: 200 }",
        "currency: EUR\nprice_per_session: { min: 1.200, max: 2.000 }",
        "currency: JPY\nprice_per_session: { min: 1000.5, max: 2000 }",
        "currency: KWD\nprice_per_session: { min: 1.2345, max: 2 }",
        "price_per_session: 99.50",
        "price_per_session: { min: 1, max: 99999999999999999999 }",
    ] {
        writeln!(shown, "# {}", lines.replace('\n', " / ")).unwrap();
        shown.push_str(&render(&errors(&with(lines))));
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn count_and_date_problems() {
    let mut shown = String::new();
    for lines in [
        "sessions: { min: 0, max: 2.5 }",
        "sessions: 3.5",
        "sessions: { min: 4, max: 3 }",
        "sessions:",
        "minutes_per_session: 0",
        "minutes_per_session: 45.5",
        "minutes_per_session: half an hour",
        "as_of: ~",
        "notes: [Fine, '  ']",
    ] {
        writeln!(shown, "# {}", lines.replace('\n', " / ")).unwrap();
        shown.push_str(&render(&errors(&with(lines))));
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = "\
currency: usd
price_per_session: { min: 300, max: 200 }
sessions: { min: 0, max: x }
minutes_per_session: -5
notes: ['']
";
    let errs = errors(text);
    let paths: Vec<String> = errs.iter().map(|e| path_text(&e.path)).collect();
    assert_eq!(
        paths,
        [
            "pricing.currency",
            "pricing.sessions.min",
            "pricing.sessions.max",
            "pricing.minutes_per_session",
            "pricing",
            "pricing.notes[0]",
        ]
    );
    insta::assert_snapshot!(render(&errs));
}

#[test]
fn overflow_is_an_error_not_a_panic() {
    // 10^17 dollars is 10^19 cents, which fits in a u64 only once.
    let errs = errors(&with(
        "price_per_session: 100000000000000000\nsessions: { min: 1, max: 2 }",
    ));
    assert_eq!(
        render(&errs),
        "pricing: the course total is too large to compute\n  help: check `price_per_session` and `sessions` for a typo\n"
    );
    // Reported alongside the table's other problems.
    let errs = errors(&with(
        "price_per_session: 100000000000000000\nsessions: { min: 1, max: 2 }\nas_of: ~",
    ));
    let messages: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`as_of` is missing",
            "the course total is too large to compute"
        ]
    );
    let errs = errors(&with("minutes_per_session: 18446744073709551615"));
    assert_eq!(errs[0].message, "the course time is too large to compute");
    let errs = errors(&with("price_per_session: 18446744073709551616"));
    assert_eq!(errs[0].message, "`18446744073709551616` is too large");
}

#[test]
fn unknown_currency_still_checks_the_form_of_amounts() {
    let errs = errors(&with(
        "currency: XYZ\nprice_per_session: { min: abc, max: 1.23456 }",
    ));
    let messages: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    // The decimals of an unknown currency cannot be judged.
    assert_eq!(
        messages,
        [
            "`XYZ` is not a currency code faqpress knows",
            "`abc` is not a number"
        ]
    );
}

#[test]
fn unknown_keys_are_caught_while_parsing() {
    let err = yaml::from_str::<RawPricing>(&with("price_per_sesion: 100")).unwrap_err();
    assert_eq!(err.message, "unknown field `price_per_sesion`");
    assert_eq!(
        err.help.as_deref(),
        Some("did you mean `price_per_session`?")
    );
}

#[test]
fn json_ld_offers_both_prices() {
    let p = resolved(BUNDLED, "en");
    assert_eq!(
        p.json_ld("Laser hair removal", "https://example.com/laser/"),
        json!({
            "@type": "Offer",
            "@id": "https://example.com/laser/#offer",
            "itemOffered": {
                "@type": ["Service", "MedicalProcedure"],
                "name": "Laser hair removal",
            },
            "priceSpecification": [
                {
                    "@type": "UnitPriceSpecification",
                    "priceCurrency": "USD",
                    "minPrice": 100,
                    "maxPrice": 200,
                    "referenceQuantity": { "@type": "QuantitativeValue", "value": 1, "unitText": "session" },
                },
                {
                    "@type": "PriceSpecification",
                    "priceCurrency": "USD",
                    "minPrice": 300,
                    "maxPrice": 800,
                    "eligibleQuantity": {
                        "@type": "QuantitativeValue", "minValue": 3, "maxValue": 4, "unitText": "sessions",
                    },
                },
            ],
            "url": "https://example.com/laser/",
        })
    );
}

#[test]
fn json_ld_uses_a_single_price_when_there_is_no_range() {
    let p = resolved(
        &with("currency: JPY\nprice_per_session: 12000\nsessions: 2"),
        "ja",
    );
    let ld = p.json_ld("Peel", "/peel/");
    let specs = &ld["priceSpecification"];
    assert_eq!(specs[0]["price"], 12000);
    assert_eq!(specs[0].get("minPrice"), None);
    assert_eq!(specs[1]["price"], 24000);
    assert_eq!(specs[1]["eligibleQuantity"]["value"], 2);
}

#[test]
fn json_ld_prices_with_cents_are_exact_numbers() {
    let p = resolved(
        &with("currency: USD\nprice_per_session: \"12.50\"\nsessions: 3"),
        "en",
    );
    let ld = p.json_ld("Peel", "/peel/");
    let text = serde_json::to_string(&ld["priceSpecification"]).unwrap();
    assert!(text.contains("\"price\":12.5,"), "{text}");
    assert!(text.contains("\"price\":37.5,"), "{text}");
}
