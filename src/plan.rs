//! The output plan: every file a build writes and what it belongs to,
//! known from the model before anything is rendered. Aliases are checked
//! against it, in `build` and `check` alike, so an alias can never
//! silently replace a page, a page of the listing, a copied file or a
//! file faqpress writes itself.
//!
//! Today the plan is consulted for aliases; the rendering steps still
//! name their own output paths (the same functions the plan calls).

use std::collections::HashMap;

use crate::layout;
use crate::render::{LISTING_PAGE_SIZE, listing_page_path};
use crate::site::SiteModel;

/// Files faqpress writes itself at the root of the output.
pub const HOST_FILES: &[&str] = &[
    layout::NOT_FOUND_PAGE,
    layout::SITEMAP,
    layout::FEED,
    layout::ROBOTS,
    layout::FAVICON_SVG,
    layout::FAVICON_ICO,
    layout::HEADERS,
    layout::REDIRECTS,
    layout::CNAME,
    layout::NO_JEKYLL,
];

/// Every planned output path (relative to the output folder) and a
/// phrase naming its owner, for diagnostics.
#[derive(Debug, Default)]
pub struct OutputPlan {
    owners: HashMap<String, String>,
    /// `articles/page/`: the listing's later pages, reserved whole (as for
    /// articles' own URLs), so a site that grows never meets a clash that
    /// was not there when the alias was written.
    listing_pages: Option<String>,
}

impl OutputPlan {
    /// The files of the model's pages, listing pages, copied files and
    /// host files.
    pub fn of(model: &SiteModel) -> Self {
        let mut plan = OutputPlan::default();
        for page in &model.pages {
            let owner = format!("the article `{}`", page.header.file.path);
            plan.claim(page.header.output_file(), owner);
        }
        if let Some(listing) = &model.listing_path {
            plan.listing_pages = Some(format!("{listing}page/"));
            for n in 1..=listing_page_count(model.pages.len()) {
                let owner = match n {
                    1 => "the list of articles".to_string(),
                    n => format!("page {n} of the list of articles"),
                };
                plan.claim(
                    format!("{}index.html", listing_page_path(listing, n)),
                    owner,
                );
            }
        }
        for asset in model.assets {
            plan.claim(
                asset.rel.clone(),
                format!("the file `content/{}`", asset.rel),
            );
        }
        for file in HOST_FILES {
            plan.claim(file.to_string(), "a file faqpress writes itself".into());
        }
        plan
    }

    /// Who already has `file`: a planned file, or the theme's
    /// fingerprinted stylesheet (`style.<hash>.css`, named only once the
    /// theme is rendered).
    pub fn owner(&self, file: &str) -> Option<&str> {
        if is_fingerprinted(file) {
            return Some("the theme's stylesheet");
        }
        if let Some(owner) = self.owners.get(file) {
            return Some(owner);
        }
        self.listing_pages
            .as_deref()
            .is_some_and(|prefix| file.starts_with(prefix))
            .then_some("a page of the list of articles")
    }

    /// Adds `file`, keeping the first owner if it is already planned.
    pub fn claim(&mut self, file: String, owner: String) {
        self.owners.entry(file).or_insert(owner);
    }
}

/// Whether a file name is one `render` fingerprinted (`style.<hash>.css`).
pub fn is_fingerprinted(path: &str) -> bool {
    layout::stylesheet_fingerprint(path)
        .is_some_and(|hash| !hash.is_empty() && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

/// How many pages the listing of `articles` articles has: an empty site
/// still has one, empty, page.
pub fn listing_page_count(articles: usize) -> usize {
    articles.div_ceil(LISTING_PAGE_SIZE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listing_has_a_page_per_fifty_articles() {
        assert_eq!(listing_page_count(0), 1);
        assert_eq!(listing_page_count(50), 1);
        assert_eq!(listing_page_count(51), 2);
        assert_eq!(listing_page_count(101), 3);
    }
}
