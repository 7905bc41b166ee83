//! Sites in German and French: the pricing table's amounts, durations and
//! date, and the article's dates, are written the way their readers write
//! them (ICU4X with CLDR data), in both themes.

mod support;

use support::{build_at, read_output, write_file};

const NBSP: char = '\u{a0}';
const NNBSP: char = '\u{202f}';

const ARTICLE: &str = "---
title: Kosten
date: 2026-11-23
updated: 2026-12-01
pricing:
  currency: EUR
  price_per_session: { min: 1500, max: 2000 }
  sessions: { min: 3, max: 4 }
  minutes_per_session: 90
  as_of: 2026-11-23
---
A course costs {{ pricing.course_total }} and takes {{ pricing.course_time }}.

## How much does it cost?

{{ pricing_table() }}
";

/// Builds a one-article site in `language` with `theme` and returns its
/// home page.
fn home_page(language: &str, theme: &str) -> String {
    let site = tempfile::tempdir().unwrap();
    write_file(
        site.path(),
        "site.yaml",
        &format!(
            "title: Locale\nbase_url: https://example.com/\nlanguage: {language}\ntheme: {theme}\n"
        ),
    );
    write_file(site.path(), "content/index.md", ARTICLE);
    let out = build_at(site.path(), None);
    read_output(&out, "index.html")
}

fn cells(values: &[&str]) -> String {
    values.iter().map(|v| format!("<td>{v}</td>")).collect()
}

fn pricing_table(html: &str) -> &str {
    let start = html
        .find("<section class=\"pricing\"")
        .expect("a pricing table");
    let end = start + html[start..].find("</section>").unwrap();
    &html[start..end]
}

#[test]
fn german_site_writes_german_money_durations_and_dates() {
    for theme in ["clinical", "serene"] {
        let html = home_page("de", theme);
        let table = pricing_table(&html);
        let price = format!("1.500{NBSP}€ – 2.000{NBSP}€");
        let total = format!("4.500{NBSP}€ – 8.000{NBSP}€");
        assert!(
            table.contains(&cells(&[&price, &total])),
            "{theme}: {table}"
        );
        assert!(
            table.contains(&cells(&["1 Std. 30 Min.", "4 Std. 30 Min. – 6 Std."])),
            "{theme}: {table}"
        );
        assert!(
            table.contains("<time datetime=\"2026-11-23\">23. November 2026</time>"),
            "{theme}: {table}"
        );
        assert!(
            html.contains(&format!(
                "A course costs {total} and takes 4 Std. 30 Min. – 6 Std."
            )),
            "{theme}"
        );
        assert!(
            html.contains("<time datetime=\"2026-11-23\">23. November 2026</time></span>"),
            "{theme}: the publication date"
        );
        assert!(
            html.contains("<time datetime=\"2026-12-01\">1. Dezember 2026</time>"),
            "{theme}: the update date"
        );
        assert!(!html.contains("November 23") && !html.contains("€1,500"));
    }
}

#[test]
fn french_site_writes_french_money_durations_and_dates() {
    for theme in ["clinical", "serene"] {
        let html = home_page("fr", theme);
        let table = pricing_table(&html);
        let price = format!("1{NNBSP}500{NBSP}€ – 2{NNBSP}000{NBSP}€");
        let total = format!("4{NNBSP}500{NBSP}€ – 8{NNBSP}000{NBSP}€");
        assert!(
            table.contains(&cells(&[&price, &total])),
            "{theme}: {table}"
        );
        let time = format!("1{NNBSP}h 30{NBSP}min");
        let course = format!("4{NNBSP}h 30{NBSP}min – 6{NNBSP}h");
        assert!(
            table.contains(&cells(&[&time, &course])),
            "{theme}: {table}"
        );
        assert!(
            table.contains("<time datetime=\"2026-11-23\">23 novembre 2026</time>"),
            "{theme}: {table}"
        );
        assert!(
            html.contains("<time datetime=\"2026-12-01\">1 décembre 2026</time>"),
            "{theme}: the update date"
        );
    }
}

#[test]
fn regional_tags_and_unknown_languages() {
    // Austrian German puts the euro first and groups with a space.
    let html = home_page("de-AT", "clinical");
    assert!(
        pricing_table(&html).contains(&format!("€{NBSP}1{NBSP}500")),
        "{}",
        pricing_table(&html)
    );
    // A language without CLDR data is written as English.
    let html = home_page("xx", "clinical");
    let table = pricing_table(&html);
    assert!(
        table.contains(&cells(&["€1,500–€2,000", "€4,500–€8,000"])),
        "{table}"
    );
    assert!(table.contains("23 November 2026"), "{table}");
}
