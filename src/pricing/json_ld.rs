//! The table as schema.org structured data.

use serde_json::{Value, json};

use super::{Money, Pricing, Range};

impl Pricing {
    /// A schema.org `Service` offering the treatment, for a
    /// `<script type="application/ld+json">`. `MedicalProcedure` would be
    /// the closer type, but it has no `offers` property.
    ///
    /// The offer carries two price specifications: the price of one session
    /// (`UnitPriceSpecification` per session) and of the whole course
    /// (`eligibleQuantity` is the number of sessions). Prices are decimal
    /// strings made from the minor units, so no float rounding can creep in.
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
            "@context": "https://schema.org",
            "@type": "Service",
            "name": name,
            "url": url,
            "offers": {
                "@type": "Offer",
                "url": url,
                "priceCurrency": self.currency,
                "priceSpecification": [per_session, course],
            },
        })
    }
}

fn price_specification(kind: &str, currency: &str, range: &Range<Money>) -> Value {
    let mut spec = json!({ "@type": kind, "priceCurrency": currency });
    if range.min.minor == range.max.minor {
        spec["price"] = json!(range.min.amount);
    } else {
        spec["minPrice"] = json!(range.min.amount);
        spec["maxPrice"] = json!(range.max.amount);
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
