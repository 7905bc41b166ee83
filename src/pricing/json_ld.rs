//! The table as schema.org structured data.

use serde_json::{Value, json};

use super::{Money, Pricing, Range};

impl Pricing {
    /// A schema.org `Offer` of the treatment, a node of the page's JSON-LD
    /// `@graph`. The item offered is both a `Service` (what a clinic
    /// sells) and a `MedicalProcedure` (what it is).
    ///
    /// The offer carries two price specifications: the price of one session
    /// (`UnitPriceSpecification` per session) and of the whole course
    /// (`eligibleQuantity` is the number of sessions). Prices are numbers,
    /// as schema.org's `price`, `minPrice` and `maxPrice` want, made from
    /// the decimal strings of the minor units (see `number`). Each
    /// specification names its currency; the offer has no price of its own
    /// and so no `priceCurrency` either.
    pub fn json_ld(&self, name: &str, url: &str) -> Value {
        let mut per_session = price_specification(
            "UnitPriceSpecification",
            self.currency,
            &self.price_per_session,
        );
        per_session["referenceQuantity"] = json!({
            "@type": "QuantitativeValue",
            "value": 1,
            "unitText": "session",
        });
        let mut course =
            price_specification("PriceSpecification", self.currency, &self.course_total);
        course["eligibleQuantity"] = quantity(&self.sessions, "sessions");
        json!({
            "@type": "Offer",
            "@id": format!("{url}#offer"),
            "itemOffered": { "@type": ["Service", "MedicalProcedure"], "name": name },
            "priceSpecification": [per_session, course],
            "url": url,
        })
    }
}

/// A decimal amount (`100.00`, `12.50`) as a JSON number: a whole amount
/// as an integer (`100`), else the nearest double, which prints as the
/// shortest decimal that reads back as it, so `12.5` for `12.50` (amounts
/// have far fewer than the 15 digits a double keeps).
fn number(amount: &str) -> Value {
    match amount.split_once('.') {
        Some((whole, fraction)) if fraction.bytes().all(|b| b == b'0') => {
            whole.parse::<u64>().map_or(Value::Null, Value::from)
        }
        Some(_) => amount.parse::<f64>().map_or(Value::Null, Value::from),
        None => amount.parse::<u64>().map_or(Value::Null, Value::from),
    }
}

fn price_specification(kind: &str, currency: &str, range: &Range<Money>) -> Value {
    let mut spec = json!({ "@type": kind, "priceCurrency": currency });
    if range.min.minor == range.max.minor {
        spec["price"] = number(&range.min.amount);
    } else {
        spec["minPrice"] = number(&range.min.amount);
        spec["maxPrice"] = number(&range.max.amount);
    }
    spec
}

fn quantity(range: &Range<u64>, unit: &str) -> Value {
    if range.min == range.max {
        json!({ "@type": "QuantitativeValue", "value": range.min, "unitText": unit })
    } else {
        json!({ "@type": "QuantitativeValue", "minValue": range.min, "maxValue": range.max, "unitText": unit })
    }
}
