//! The skeleton of a new article, for `faqpress new`: valid front matter,
//! a few questions to fill in, and the optional blocks shown commented
//! out so their format is at hand.

use crate::date::Date;
use crate::markdown::slug::slugify;

/// `content/<slug>.md` for a title, or `None` when the title has no letters
/// or digits to make a file name from.
pub fn file_name(title: &str) -> Option<String> {
    if !title.chars().any(char::is_alphanumeric) {
        return None;
    }
    Some(format!("{}.md", slugify(title)))
}

/// The text of a new draft article.
pub fn article(title: &str, today: Date) -> String {
    // A JSON string is a valid YAML scalar: quotes and colons in the title
    // cannot break the front matter.
    let quoted = serde_json::to_string(title.trim()).unwrap_or_else(|_| "\"\"".to_string());
    format!(
        r#"---
title: {quoted}
description: "One sentence, under 160 characters, shown in search results."
date: {today}
# Remove the next line when the article is ready to publish.
draft: true
# A checklist readers can tick; each item `cites` the id of the question
# that explains it (the question's words in lowercase, joined by `-`).
# Uncomment it, and put {{{{ checklist() }}}} where it should appear.
# checklist:
#   title: Is this treatment right for you?
#   items:
#     - text: I am in good health.
#       kind: good             # good, rules_out or ask_professional
#       cites: who-is-it-for
# What the treatment costs. Uncomment it, and put {{{{ pricing_table() }}}}
# where the table should appear.
# pricing:
#   currency: USD
#   price_per_session: {{ min: 100, max: 200 }}
#   sessions: {{ min: 3, max: 4 }}
#   minutes_per_session: 30
#   as_of: {today}             # the day you checked the prices
---

Start with a short paragraph that says what the article answers.

## What is it?

Answer the question in plain words. Every heading that ends with a
question mark is a question; the text below it is its answer.

## Who is it for?

Answer here.

## What does it cost?

Answer here.
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_from_the_title() {
        assert_eq!(
            file_name("Laser Hair Removal: FAQ").as_deref(),
            Some("laser-hair-removal-faq.md")
        );
        assert_eq!(file_name("?!"), None);
    }

    #[test]
    fn titles_are_quoted() {
        let text = article("Is it: \"safe\"?", Date::new(2025, 1, 2).unwrap());
        assert!(text.contains("title: \"Is it: \\\"safe\\\"?\"\n"), "{text}");
        assert!(text.contains("date: 2025-01-02\n"));
    }
}
