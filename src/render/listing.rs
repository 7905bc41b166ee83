//! The list of all articles, cut into pages of [`LISTING_PAGE_SIZE`].

use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Tera};

use super::memo::RenderMemo;
use super::theme::{Theme, template_error};
use super::views::{ListingView, Pagination, SummaryView};
use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;
use crate::page::Page;
use crate::plan::{LISTING_PAGE_SIZE, Listing};
use crate::site::SiteModel;

/// The listing's pages rendered, and those a memo kept.
pub(super) struct RenderedListing {
    pub files: Vec<OutputFile>,
    /// Output paths of pages the memo had, unchanged.
    pub kept: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Renders every page of the listing that `memo` does not already have.
pub(super) fn render(
    tera: &Tera,
    theme: &Theme,
    model: &SiteModel,
    listing: &Listing,
    mut memo: Option<&mut RenderMemo>,
) -> RenderedListing {
    let pages = listing_pages(model, listing);
    if let Some(memo) = memo.as_deref_mut() {
        let outputs: Vec<String> = pages.iter().map(|p| listing.page_file(p.n)).collect();
        memo.retain_listings(&outputs);
    }
    let (known, fresh): (Vec<ListingPage>, Vec<ListingPage>) =
        pages.into_iter().partition(|page| {
            memo.as_deref().is_some_and(|m| {
                m.has_listing(&listing.page_file(page.n), page.shown, page.n, page.total)
            })
        });
    // Each page is independent, and a large site has hundreds.
    let rendered: Vec<Result<OutputFile, Diagnostic>> = fresh
        .par_iter()
        .map(|page| {
            let mut ctx = Context::new();
            ctx.insert("listing", &page.view(model, listing));
            tera.render("listing.html", &ctx)
                .map(|html| OutputFile::text(listing.page_file(page.n), html))
                .map_err(|e| template_error(&e, theme))
        })
        .collect();
    let mut out = RenderedListing {
        files: Vec::with_capacity(fresh.len()),
        kept: known.iter().map(|page| listing.page_file(page.n)).collect(),
        diagnostics: Vec::new(),
    };
    for (page, result) in fresh.iter().zip(rendered) {
        match result {
            Ok(file) => {
                if let Some(memo) = memo.as_deref_mut() {
                    memo.keep_listing(&file.path, page.shown, page.n, page.total);
                }
                out.files.push(file);
            }
            Err(d) => out.diagnostics.push(d),
        }
    }
    out
}

/// One page of the listing: page `n` of `total`, showing `shown`.
struct ListingPage<'m> {
    n: usize,
    total: usize,
    shown: &'m [Arc<Page>],
}

impl<'m> ListingPage<'m> {
    fn view(&self, model: &'m SiteModel, listing: &Listing) -> ListingView<'m> {
        let site = model.site;
        let url = |k: usize| site.base_url.url(&listing.page_path(k));
        let (n, total) = (self.n, self.total);
        ListingView {
            title: "All articles",
            permalink: site.base_url.absolute(&listing.page_path(n)),
            pages: self
                .shown
                .iter()
                .map(|p| SummaryView::new(p, site))
                .collect(),
            pagination: Pagination {
                current: n,
                total,
                previous: (n > 1).then(|| url(n - 1)),
                next: (n < total).then(|| url(n + 1)),
            },
        }
    }
}

/// The listing cut into the plan's pages of [`LISTING_PAGE_SIZE`] articles.
fn listing_pages<'m>(model: &'m SiteModel, listing: &Listing) -> Vec<ListingPage<'m>> {
    let chunks: Vec<&[Arc<Page>]> = model.pages.chunks(LISTING_PAGE_SIZE).collect();
    let total = listing.pages;
    (1..=total)
        .map(|n| ListingPage {
            n,
            total,
            shown: chunks.get(n - 1).copied().unwrap_or_default(),
        })
        .collect()
}
