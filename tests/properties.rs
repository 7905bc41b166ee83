//! Property tests: invariants that must hold for any input, not just the
//! examples in the unit tests.

use std::collections::HashSet;

use faqpress::frontmatter;
use faqpress::markdown::{self, Expansion, Hooks, Problem, ResolvedLink};
use faqpress::source::SourceFile;
use proptest::prelude::*;

/// Hooks that accept every link and marker, so only the Markdown matters.
struct AcceptAll;

impl Hooks for AcceptAll {
    fn resolve_link(&self, dest: &str, _is_image: bool) -> Result<ResolvedLink, Problem> {
        Ok(ResolvedLink::unchanged(dest))
    }

    fn expand(&self, _expression: &str) -> Result<Expansion, Problem> {
        Ok(Expansion::Inline(String::new()))
    }
}

/// Markdown-ish text: headings, questions, lists, quotes, emphasis and
/// stray punctuation, so the splitter meets its edge cases often.
fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("## Is it safe?\n".to_string()),
        Just("## Wrap up\n".to_string()),
        Just("# Title\n".to_string()),
        Just("### Detail\n".to_string()),
        Just("> ## Quoted?\n".to_string()),
        Just("- item\n  - nested\n".to_string()),
        Just("```\n## not a heading\n```\n".to_string()),
        Just("Text with **bold** and [a link](x.md) and a note[^1].\n".to_string()),
        Just("[^1]: The note.\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        "[a-zA-Z ?#*>\\-\\[\\]()`é]{0,20}\n",
    ];
    prop::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn front_matter_split_returns_both_parts_exactly(
        yaml in "([a-z]{1,8}: [a-zA-Z0-9 ]{0,12}\n){0,6}",
        body in "[^\u{0}]{0,200}",
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let newline = if crlf { "\r\n" } else { "\n" };
        let yaml = yaml.replace('\n', newline);
        let text = format!("{}---{newline}{yaml}---{newline}{body}", if bom { "\u{feff}" } else { "" });
        let file = SourceFile::new("content/a.md", text.clone());
        let split = frontmatter::split(&file).unwrap();
        prop_assert_eq!(split.yaml, yaml.as_str());
        prop_assert_eq!(split.body, body.as_str());
        prop_assert_eq!(&text[split.body_offset..], body.as_str());
    }

    #[test]
    fn front_matter_split_never_panics(text in "\\PC{0,300}") {
        let file = SourceFile::new("content/a.md", text);
        let _ = frontmatter::split(&file);
    }

    #[test]
    fn heading_ids_are_unique_and_valid(titles in prop::collection::vec("\\PC{0,30}", 1..12)) {
        let body: String = titles
            .iter()
            .map(|t| format!("## {}\n\n", t.replace(['\n', '\r', '{', '}'], " ")))
            .collect();
        let doc = markdown::render(&body, &AcceptAll, &["main", "toc"]);
        let mut seen = HashSet::new();
        for heading in &doc.headings {
            prop_assert!(!heading.id.is_empty());
            prop_assert!(!heading.id.contains(char::is_whitespace), "{:?}", heading.id);
            prop_assert!(heading.id != "main" && heading.id != "toc");
            prop_assert!(seen.insert(heading.id.clone()), "duplicate id {:?}", heading.id);
        }
    }

    #[test]
    fn every_byte_of_the_body_lands_in_exactly_one_part(body in markdownish()) {
        let doc = markdown::render(&body, &AcceptAll, &[]);
        let mut end = doc.intro_range.end;
        prop_assert_eq!(doc.intro_range.start, 0);
        for block in &doc.blocks {
            prop_assert_eq!(block.range.start, end, "blocks are contiguous");
            prop_assert!(block.range.end >= block.range.start);
            end = block.range.end;
        }
        prop_assert_eq!(end, body.len());
    }

    #[test]
    fn pricing_totals_are_exact_or_a_clear_error(
        min_price in 1u64..u64::MAX / 2,
        extra_price in 0u64..1_000_000,
        min_sessions in 1u64..1_000_000,
        extra_sessions in 0u64..1_000,
        minutes in 1u64..100_000,
    ) {
        let max_price = min_price.saturating_add(extra_price);
        let max_sessions = min_sessions + extra_sessions;
        let yaml = format!(
            "currency: JPY\nprice_per_session: {{ min: {min_price}, max: {max_price} }}\nsessions: {{ min: {min_sessions}, max: {max_sessions} }}\nminutes_per_session: {minutes}\nas_of: 2024-05-01\n"
        );
        let raw = faqpress::yaml::from_str(&yaml).unwrap();
        match faqpress::pricing::resolve(&raw, &faqpress::locale::Locale::english()) {
            Ok(pricing) => {
                prop_assert_eq!(Some(pricing.course_total.min.minor), min_price.checked_mul(min_sessions));
                prop_assert_eq!(Some(pricing.course_total.max.minor), max_price.checked_mul(max_sessions));
            }
            Err(errors) => {
                let overflowed = min_price.checked_mul(min_sessions).is_none()
                    || max_price.checked_mul(max_sessions).is_none()
                    || minutes.checked_mul(max_sessions).is_none();
                prop_assert!(overflowed, "{errors:?}");
                prop_assert!(errors.iter().all(|e| !e.message.is_empty() && e.help.is_some()));
            }
        }
    }
}
