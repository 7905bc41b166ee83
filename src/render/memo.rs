//! What one render of a site keeps for the next, so `serve` re-renders
//! only the pages whose inputs changed.
//!
//! A page's HTML depends on the page itself, the templates and the values
//! every template sees (`site`, `assets`). While the last two are the same
//! (the memo's key), a page that is the very same derived page (the same
//! `Arc`, which the page memo keeps for unchanged articles) renders to the
//! same bytes, and a listing page showing the very same pages too. The
//! memo holds those `Arc`s, so an address can never be reused by another
//! page while it is compared.

use std::collections::hash_map::DefaultHasher;

use foldhash::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use tera::Tera;

use crate::ordered::OrderedMap;
use crate::page::Page;

#[derive(Debug, Default)]
pub struct RenderMemo {
    key: u64,
    /// The templates compiled, with the shared values set.
    compiled: Option<Arc<Tera>>,
    /// By site path, the page last rendered there, in the model's order.
    pages: OrderedMap<Arc<Page>>,
    /// By output path, the pages a listing page last showed, with its
    /// position (`n` of `total`).
    listings: HashMap<String, (Vec<Arc<Page>>, usize, usize)>,
    has_404: bool,
    /// What the last render did.
    pub rendered: RenderCounts,
}

/// How many pages and listing pages the last render rendered.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RenderCounts {
    pub pages: usize,
    pub listing_pages: usize,
}

impl RenderMemo {
    /// Forgets everything when the templates or the shared values changed.
    pub(super) fn start(&mut self, key: u64) {
        if key != self.key {
            *self = RenderMemo {
                key,
                ..RenderMemo::default()
            };
        }
        self.rendered = RenderCounts::default();
    }

    pub(super) fn compiled(&self) -> Option<Arc<Tera>> {
        self.compiled.clone()
    }

    pub(super) fn keep_compiled(&mut self, tera: Arc<Tera>) {
        self.compiled = Some(tera);
    }

    /// Whether the `i`-th page of the model was rendered from this very
    /// page last time.
    pub(super) fn has_page(&self, i: usize, page: &Arc<Page>) -> bool {
        self.pages
            .get(i, &page.header.path)
            .is_some_and(|p| Arc::ptr_eq(p, page))
    }

    /// Records the pages of this render; `rendered[i]` tells whether
    /// `pages[i]` was rendered (else it was kept).
    pub fn keep_pages(&mut self, pages: &[Arc<Page>], rendered: &[bool]) {
        for (i, (page, was_rendered)) in pages.iter().zip(rendered).enumerate() {
            if *was_rendered {
                self.rendered.pages += 1;
                self.pages.insert(i, &page.header.path, Arc::clone(page));
            }
        }
        // Forgets pages that went away (their `Arc`s too).
        self.pages
            .finish(pages.iter().map(|p| p.header.path.as_str()));
    }

    /// Whether listing page `path` already shows exactly `shown`.
    pub(super) fn has_listing(
        &self,
        path: &str,
        shown: &[Arc<Page>],
        n: usize,
        total: usize,
    ) -> bool {
        self.listings.get(path).is_some_and(|(known, kn, kt)| {
            *kn == n
                && *kt == total
                && known.len() == shown.len()
                && known.iter().zip(shown).all(|(a, b)| Arc::ptr_eq(a, b))
        })
    }

    pub(super) fn keep_listing(&mut self, path: &str, shown: &[Arc<Page>], n: usize, total: usize) {
        self.rendered.listing_pages += 1;
        self.listings
            .insert(path.to_string(), (shown.to_vec(), n, total));
    }

    /// Drops listing pages that no longer exist.
    pub(super) fn retain_listings(&mut self, paths: &[String]) {
        // A set, not a scan of `paths` for each page: a 100,000-article
        // site has about 6,000 listing pages, and the scan was quadratic.
        let current: std::collections::HashSet<&str, foldhash::fast::RandomState> =
            paths.iter().map(String::as_str).collect();
        self.listings.retain(|p, _| current.contains(p.as_str()));
    }

    pub(super) fn take_404(&mut self) -> bool {
        std::mem::replace(&mut self.has_404, true)
    }
}

/// Hashes what every template sees: the template files and the shared
/// values, as their JSON.
pub(super) fn key<'a>(templates: impl Iterator<Item = (&'a str, &'a str)>, shared: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    for (name, text) in templates {
        name.hash(&mut hasher);
        text.hash(&mut hasher);
    }
    shared.hash(&mut hasher);
    hasher.finish()
}
