//! The people's pages: `authors/<id>/` for each person of `site.yaml`'s
//! `authors:`, listing the articles they wrote or reviewed, paginated
//! like the list of articles. Known from the front matter alone.

use super::{Listing, listing_page_count};
use crate::config::Site;
use crate::site::Headers;

/// One person's page and the published articles they wrote or reviewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorPage {
    /// Their id in `site.yaml`.
    pub id: String,
    /// Positions of their articles among the published ones, in URL order.
    pub articles: Vec<usize>,
    pub listing: Listing,
}

/// A page for every person of the site, with or without articles yet.
pub fn collect(site: &Site, headers: &Headers) -> Vec<AuthorPage> {
    site.authors
        .iter()
        .map(|person| {
            let articles: Vec<usize> = headers
                .published
                .iter()
                .enumerate()
                .filter(|(_, h)| {
                    let front = &h.front;
                    h.language.is_none()
                        && (front.author.as_deref() == Some(person.id.as_str())
                            || front.reviewed_by.as_deref() == Some(person.id.as_str()))
                })
                .map(|(i, _)| i)
                .collect();
            AuthorPage {
                id: person.id.clone(),
                listing: Listing {
                    path: person.page_path(),
                    pages: listing_page_count(articles.len()),
                },
                articles,
            }
        })
        .collect()
}
