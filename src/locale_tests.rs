use super::*;
use crate::pricing::find_currency;

#[test]
fn show() {
    for tag in ["en", "en-US", "en-GB", "de", "de-AT", "fr", "fr-CH", "es", "ja", "xx", "sv", "nl", "pt-BR"] {
        let l = Locale::new(tag);
        let d = Date::new(2026, 11, 23).unwrap();
        eprintln!("{tag} [{}] {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            l.tag(), l.date_long(d), l.number(1500), l.number(12000),
            l.money(150_000, find_currency("EUR").unwrap(), false),
            l.money(150_050, find_currency("USD").unwrap(), false),
            l.money(150_000, find_currency("USD").unwrap(), true),
            l.money(12_000, find_currency("JPY").unwrap(), false),
            l.money(120_000, find_currency("CHF").unwrap(), false),
            l.duration(30), l.duration(90), l.duration(120));
        eprintln!("   plurals 0 {} 1 {} 2 {}", l.plural_category(0), l.plural_category(1), l.plural_category(2));
    }
}
