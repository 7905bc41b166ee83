//! The list of all articles and each tag's list, cut into pages of
//! [`LISTING_PAGE_SIZE`], and the page listing every tag.

use std::borrow::Cow;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Tera};

use super::memo::RenderMemo;
use super::theme::{Theme, template_error};
use super::views::{ListingView, Pagination, PersonView, SummaryView, TagView, TagsView};
use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::i18n::{Strings, Tables};
use crate::output::OutputFile;
use crate::page::Page;
use crate::plan::{LISTING_PAGE_SIZE, Listing, OutputPlan};
use crate::site::SiteModel;
use crate::trust::people::Person;

/// The listing's pages rendered, and those a memo kept.
pub(super) struct RenderedListing {
    /// Output paths of the pages written.
    pub written: Vec<String>,
    /// Output paths of pages the memo had, unchanged.
    pub kept: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A list of articles to render as pages: the list of all articles, or
/// one tag's.
pub(super) struct ListingSource<'m> {
    pub listing: &'m Listing,
    /// Borrowed for the list of all articles, gathered for a tag.
    pub pages: Cow<'m, [Arc<Page>]>,
    pub title: String,
    /// The tag, on a tag's list.
    pub tag: Option<&'m str>,
    /// The person, on their page.
    pub person: Option<&'m Person>,
    /// The language of its articles: `None` for the site's own.
    pub language: Option<&'m str>,
}

/// The list of all articles, if the site has one, then each tag's.
pub(super) fn sources<'m>(
    model: &'m SiteModel,
    plan: &'m OutputPlan,
    tables: &Tables,
) -> Vec<ListingSource<'m>> {
    let t = &tables.default;
    let mut sources = Vec::with_capacity(plan.tags.len() + plan.authors.len() + 1);
    let in_language = |language: Option<&str>| -> Cow<'m, [Arc<Page>]> {
        if model.site.translations.is_empty() {
            return Cow::Borrowed(&model.pages);
        }
        let pages = model.pages.iter();
        let pages = pages.filter(|p| p.header.language.as_deref() == language);
        Cow::Owned(pages.cloned().collect())
    };
    if let Some(listing) = &plan.listing {
        sources.push(ListingSource {
            listing,
            pages: in_language(None),
            title: t.all_articles.clone(),
            tag: None,
            person: None,
            language: None,
        });
    }
    for (tag, listing) in &plan.translations.listings {
        sources.push(ListingSource {
            listing,
            pages: in_language(Some(tag)),
            title: tables.of(Some(tag)).all_articles.clone(),
            tag: None,
            person: None,
            language: Some(tag),
        });
    }
    for tag in &plan.tags {
        sources.push(ListingSource {
            listing: &tag.listing,
            pages: tag
                .articles
                .iter()
                .map(|&i| Arc::clone(&model.pages[i]))
                .collect(),
            title: t.tagged.replace("{tag}", &tag.name),
            tag: Some(&tag.name),
            person: None,
            language: None,
        });
    }
    for page in &plan.authors {
        let Some(person) = model.site.authors.get(&page.id) else {
            continue;
        };
        sources.push(ListingSource {
            listing: &page.listing,
            pages: page
                .articles
                .iter()
                .map(|&i| Arc::clone(&model.pages[i]))
                .collect(),
            title: person.name.clone(),
            tag: None,
            person: Some(person),
            language: None,
        });
    }
    sources
}

/// `tags/`: every tag with its count, when the site has tags.
pub(super) fn tag_index(
    tera: &Tera,
    theme: &Theme,
    site: &Site,
    plan: &OutputPlan,
    t: &Strings,
) -> Option<Result<OutputFile, Diagnostic>> {
    let index = plan.tag_index()?;
    let view = TagsView {
        title: &t.all_tags,
        permalink: site.base_url.absolute(&index),
        tags: plan
            .tags
            .iter()
            .map(|tag| TagView {
                name: &tag.name,
                url: site.base_url.url(&tag.listing.path),
                count: tag.articles.len(),
            })
            .collect(),
    };
    let mut ctx = Context::new();
    ctx.insert("tags", &view);
    let html = tera.render(TAGS_TEMPLATE, &ctx);
    Some(
        html.map(|html| OutputFile::text(format!("{index}index.html"), html))
            .map_err(|e| template_error(&e, theme)),
    )
}

/// The template of the page listing every tag.
pub const TAGS_TEMPLATE: &str = "tags.html";

/// Renders every page of the listings that `memo` does not already have.
pub(super) fn render(
    tera: &Tera,
    theme: &Theme,
    model: &SiteModel,
    sources: &[ListingSource],
    context_of: &(dyn Fn(Option<&str>) -> Context + Sync),
    sink: &super::Sink,
    mut memo: Option<&mut RenderMemo>,
) -> RenderedListing {
    let pages: Vec<ListingPage> = sources.iter().flat_map(listing_pages).collect();
    if let Some(memo) = memo.as_deref_mut() {
        let outputs: Vec<String> = pages.iter().map(ListingPage::output_file).collect();
        memo.retain_listings(&outputs);
    }
    let (known, fresh): (Vec<ListingPage>, Vec<ListingPage>) =
        pages.into_iter().partition(|page| {
            memo.as_deref()
                .is_some_and(|m| m.has_listing(&page.output_file(), page.shown, page.n, page.total))
        });
    // Each page is independent, and a large site has thousands (its tags'
    // pages among them): each is written as soon as it is rendered, so
    // they are never all held at once.
    let rendered: Vec<Result<String, Diagnostic>> = fresh
        .par_iter()
        .map(|page| {
            let mut ctx = context_of(page.source.language);
            ctx.insert("listing", &page.view(model));
            let html = tera
                .render("listing.html", &ctx)
                .map_err(|e| template_error(&e, theme))?;
            let path = page.output_file();
            sink(OutputFile::text(path.clone(), html))?;
            Ok(path)
        })
        .collect();
    let mut out = RenderedListing {
        written: Vec::with_capacity(fresh.len()),
        kept: known.iter().map(ListingPage::output_file).collect(),
        diagnostics: Vec::new(),
    };
    for (page, result) in fresh.iter().zip(rendered) {
        match result {
            Ok(path) => {
                if let Some(memo) = memo.as_deref_mut() {
                    memo.keep_listing(&path, page.shown, page.n, page.total);
                }
                out.written.push(path);
            }
            Err(d) => out.diagnostics.push(d),
        }
    }
    out
}

/// One page of a listing: page `n` of `total`, showing `shown`.
struct ListingPage<'m> {
    source: &'m ListingSource<'m>,
    n: usize,
    total: usize,
    shown: &'m [Arc<Page>],
}

impl<'m> ListingPage<'m> {
    fn output_file(&self) -> String {
        self.source.listing.page_file(self.n)
    }

    fn view(&self, model: &'m SiteModel) -> ListingView<'m> {
        let site = model.site;
        let listing = self.source.listing;
        let url = |k: usize| site.base_url.url(&listing.page_path(k));
        let (n, total) = (self.n, self.total);
        ListingView {
            title: &self.source.title,
            tag: self.source.tag,
            person: self.source.person.map(|p| PersonView::new(p, site)),
            permalink: site.base_url.absolute(&listing.page_path(n)),
            pages: self
                .shown
                .iter()
                .map(|p| SummaryView::new(p, site.locale_for(self.source.language), site))
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

/// A listing cut into its planned pages of [`LISTING_PAGE_SIZE`] articles.
fn listing_pages<'m>(source: &'m ListingSource<'m>) -> Vec<ListingPage<'m>> {
    let chunks: Vec<&[Arc<Page>]> = source.pages.chunks(LISTING_PAGE_SIZE).collect();
    let total = source.listing.pages;
    (1..=total)
        .map(|n| ListingPage {
            source,
            n,
            total,
            shown: chunks.get(n - 1).copied().unwrap_or_default(),
        })
        .collect()
}
