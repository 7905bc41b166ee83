//! Computed values an article can quote in its prose with
//! `{{ pricing.<name> }}`, so the text cannot drift from the table.

use super::Pricing;

/// Every name `quote` knows, in the order the README lists them.
pub const QUOTABLE: &[&str] = &[
    "per_session",
    "per_session_min",
    "per_session_max",
    "sessions",
    "session_time",
    "course_total",
    "course_total_min",
    "course_total_max",
    "course_time",
    "as_of",
];

impl Pricing {
    /// The text of a computed value, as the table shows it.
    pub fn quote(&self, name: &str) -> Option<String> {
        let text = match name {
            "per_session" => &self.price_per_session.text,
            "per_session_min" => &self.price_per_session.min.text,
            "per_session_max" => &self.price_per_session.max.text,
            "sessions" => &self.sessions.text,
            "session_time" => &self.minutes_per_session.text,
            "course_total" => &self.course_total.text,
            "course_total_min" => &self.course_total.min.text,
            "course_total_max" => &self.course_total.max.text,
            "course_time" => &self.course_time.text,
            "as_of" => &self.as_of_text,
            _ => return None,
        };
        Some(text.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_name_can_be_quoted() {
        let raw = crate::yaml::from_str(
            "currency: USD\nprice_per_session: { min: 100, max: 200 }\nsessions: { min: 3, max: 4 }\nminutes_per_session: 30\nas_of: 2024-05-01\n",
        )
        .unwrap();
        let pricing = super::super::resolve(&raw, &crate::locale::Locale::english()).unwrap();
        for name in QUOTABLE {
            assert!(pricing.quote(name).is_some(), "{name}");
        }
        assert_eq!(pricing.quote("course_total").unwrap(), "$300–$800");
        assert_eq!(pricing.quote("course_time").unwrap(), "1 hr 30 min – 2 hr");
        assert_eq!(pricing.quote("per_session_max").unwrap(), "$200");
        assert_eq!(pricing.quote("total"), None);
    }
}
