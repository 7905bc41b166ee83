//! Tag pages: `tags/` lists every tag with its count, `tags/<slug>/` the
//! articles with that tag, paginated like the list of articles. Tags are
//! read from front matter, so their pages are planned before any body.

use std::collections::HashMap;

use foldhash::fast::FixedState;

use super::{Listing, listing_page_count};
use crate::diagnostics::Diagnostic;
use crate::layout;
use crate::markdown::slug::slugify;
use crate::page::Header;
use crate::site::Headers;
use crate::yaml::Step;

/// One tag and the published articles that have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// As first written (in URL order of the articles).
    pub name: String,
    /// Its part of the URL: `skin-care` for "Skin care".
    pub slug: String,
    /// Positions of its articles among the published ones, in URL order.
    pub articles: Vec<usize>,
    /// Its pages.
    pub listing: Listing,
}

/// Every tag of the published articles, by slug. Two spellings of one
/// tag that differ only in case are one tag; two different tags that would
/// share a URL (`C++` and `C`) are an error at the later one, as is a tag
/// with no letter or digit.
pub fn collect(headers: &Headers) -> (Vec<Tag>, Vec<Diagnostic>) {
    // Tags by slug, found through a hash map and sorted once at the end:
    // this runs on every `serve` rebuild, over every article's tags.
    let mut tags: Vec<Tag> = Vec::new();
    let mut by_slug: HashMap<&str, usize, FixedState> = HashMap::default();
    let mut diagnostics = Vec::new();
    let own_language = headers.published.iter().enumerate();
    // Tag pages list the site's own language's articles; a translation's
    // `tags` are not shown (see the README's languages section).
    let own_language = own_language.filter(|(_, h)| h.language.is_none());
    for (position, header) in own_language {
        let names = header.front.tags.iter().zip(&header.tag_slugs);
        for (i, (name, slug)) in names.enumerate() {
            let name = name.trim();
            let Some(slug) = slug else {
                diagnostics.push(
                    located(
                        header,
                        i,
                        format!("the tag `{name}` has no letter or digit"),
                    )
                    .with_help("a tag names a page of its own: write a word, e.g. `skin care`"),
                );
                continue;
            };
            let at = *by_slug.entry(slug.as_str()).or_insert_with(|| {
                tags.push(Tag {
                    name: name.to_string(),
                    listing: Listing {
                        path: format!("{}/{slug}/", layout::TAGS_DIR),
                        pages: 0,
                    },
                    slug: slug.clone(),
                    articles: Vec::new(),
                });
                tags.len() - 1
            });
            let tag = &mut tags[at];
            if !same_ignoring_case(&tag.name, name) {
                diagnostics.push(
                    located(
                        header,
                        i,
                        format!(
                            "the tags `{}` and `{name}` would both be at `/{}`",
                            tag.name, tag.listing.path
                        ),
                    )
                    .with_help(format!(
                        "write `{}` if it is the same tag, or name this one differently",
                        tag.name
                    )),
                );
                continue;
            }
            if tag.articles.last() != Some(&position) {
                tag.articles.push(position);
            }
        }
    }
    tags.sort_unstable_by(|a, b| a.slug.cmp(&b.slug));
    for tag in &mut tags {
        tag.listing.pages = listing_page_count(tag.articles.len());
    }
    (tags, diagnostics)
}

/// Whether two names differ only in case, compared without allocating.
fn same_ignoring_case(a: &str, b: &str) -> bool {
    a == b
        || a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
}

/// `Skin care` → `skin-care`; `None` for a tag without a letter or digit.
pub fn tag_slug(name: &str) -> Option<String> {
    name.chars()
        .any(char::is_alphanumeric)
        .then(|| slugify(name))
}

fn located(header: &Header, i: usize, message: String) -> Diagnostic {
    crate::frontmatter::error_at(
        &header.file,
        &header.split(),
        &[Step::Key("tags"), Step::Index(i)],
        message,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_slugs_are_readable_url_parts() {
        assert_eq!(tag_slug("Skin care").as_deref(), Some("skin-care"));
        assert_eq!(
            tag_slug("micro-needling").as_deref(),
            Some("micro-needling")
        );
        assert_eq!(tag_slug("Café").as_deref(), Some("café"));
        assert_eq!(tag_slug("???"), None);
        assert_eq!(tag_slug(""), None);
    }
}
