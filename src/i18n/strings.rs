//! The table's keys, spelled once: [`Strings`] (every key, what templates
//! see as `t`) and [`PartialStrings`] (any of them, a site's own file).

use serde::{Deserialize, Serialize};

macro_rules! strings {
    ($($(#[doc = $doc:literal])* $key:ident),* $(,)?) => {
        /// Every word of a language's table; `t` in every template.
        #[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct Strings {
            $($(#[doc = $doc])* pub $key: String,)*
        }

        /// A site's `i18n/<lang>.yaml`: any subset of the keys.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct PartialStrings {
            $(#[serde(default)] pub $key: Option<String>,)*
        }

        impl Strings {
            /// Every key with its text, in the table's order.
            pub fn entries(&self) -> Vec<(&'static str, &str)> {
                vec![$((stringify!($key), self.$key.as_str()),)*]
            }

            /// This table with every key `site` sets replaced.
            pub fn overlaid(mut self, site: PartialStrings) -> Self {
                $(if let Some(text) = site.$key { self.$key = text; })*
                self
            }
        }

        impl PartialStrings {
            /// The keys this file leaves out.
            pub fn missing(&self) -> Vec<&'static str> {
                let mut keys = Vec::new();
                $(if self.$key.is_none() { keys.push(stringify!($key)); })*
                keys
            }
        }
    };
}

strings! {
    /// The first link of every page, to skip the header.
    skip_link,
    /// The site navigation's accessible name.
    nav_label,
    /// The language's own name, as the language switcher shows it.
    language_name,
    /// The language switcher's accessible name.
    languages_label,
    nav_home,
    /// The listing's title and its link.
    all_articles,
    /// The tag index's link.
    nav_tags,
    /// The tag index's title.
    all_tags,
    /// `{tag}`: a tag page's title.
    tagged,
    /// `{n}`: a tag's count on the tag index.
    tag_count_one,
    tag_count_other,
    /// Before an article's tags.
    article_tags,
    /// The "not medical advice" note when `site.yaml` sets no text.
    disclaimer,
    /// Before the author's name.
    byline_by,
    /// Before the publication date.
    byline_published,
    byline_updated,
    /// Before the review date; the reviewer follows `reviewed_by`.
    reviewed_on,
    reviewed_by,
    /// Before the review date when no reviewer is named.
    last_reviewed_on,
    toc_title,
    references_title,
    /// `{n}`: a source's link back to its citation.
    reference_back,
    /// `{n}`, `{place}`: the same, when the source is cited more than once.
    reference_back_place,
    /// `{name}`: above a person's articles.
    person_articles,
    pagination_label,
    pagination_previous,
    pagination_next,
    /// `{current}`, `{total}`.
    pagination_page,
    not_found_title,
    not_found_text,
    not_found_home,
    /// Between the two links of the 404 page.
    not_found_or,
    not_found_listing,
    search_label,
    /// `{query}`: the search status with no results.
    search_none,
    /// `{n}`: the search status.
    search_results_one,
    search_results_other,
    search_unavailable,
    checklist_good,
    checklist_rules_out,
    checklist_ask_professional,
    /// `{title}`: the heading a checklist item cites.
    checklist_see,
    /// The decision rule, in parts: each is shown when the list has items
    /// of its kind.
    checklist_rule_rules_out,
    checklist_rule_ask,
    /// The same after `checklist_rule_rules_out`.
    checklist_rule_ask_otherwise,
    checklist_rule_good,
    verdict_empty,
    verdict_good,
    verdict_ask,
    verdict_rules_out,
    pricing_title,
    /// The table's scrolling region's accessible name.
    pricing_region,
    /// `{date}`: the table's caption.
    pricing_caption,
    pricing_per_session,
    /// `{n}`: the column of the whole course.
    pricing_course_one,
    pricing_course_other,
    pricing_price,
    pricing_time,
}
