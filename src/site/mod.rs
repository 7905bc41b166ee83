//! Parsing and deriving every article of a site: front matter first (so
//! every URL is known), then bodies, then the checks that need all pages.

mod anchors;
mod listings;
mod memo;
mod translations;
pub use anchors::at_body_offset;
use anchors::check_anchors;
use listings::{listing_clashes, listing_path_of};

use std::collections::HashSet;
use std::sync::Arc;

use rayon::prelude::*;

use crate::components::markers::Markers;
use crate::config::Site;
use crate::diagnostics::{Diagnostic, has_errors};
use crate::images::Catalog;
use crate::links::{LinkLookup, LinkResolver, PageLinks, SiteIndex};
use crate::page::{self, Header, OgImage, Page};
use crate::source::{Asset, Sources};
pub use memo::{Derived, PageMemo, Recalled};

/// The whole site, parsed and derived, ready to render.
#[derive(Debug)]
pub struct SiteModel<'a> {
    pub site: &'a Site,
    /// Published pages in a stable order (by URL path).
    pub pages: Vec<Arc<Page>>,
    /// Where the list of all articles goes, if the site has one.
    pub listing_path: Option<String>,
    /// Each translation language's listing: (language tag, site path).
    pub translated_listings: Vec<(String, String)>,
    pub assets: &'a [Asset],
    /// The images faqpress resizes, probed.
    pub images: Catalog<'a>,
    /// The output paths of the images' variants this build writes.
    pub image_files: Vec<String>,
}

/// What the articles' front matter alone says: which are published, at
/// which URLs, and where the listing goes. Enough to set up rendering
/// before any body is parsed.
#[derive(Debug)]
pub struct Headers {
    /// Sorted by URL path.
    pub published: Vec<Arc<Header>>,
    drafts: HashSet<String>,
    pub listing_path: Option<String>,
    /// Each translation language's list of its articles, when it has one:
    /// (language tag, site path), e.g. (`de`, `de/articles/`).
    pub translated_listings: Vec<(String, String)>,
}

impl Headers {
    /// Whether any published article in `language` (`None`: the site's
    /// own) has a date (its feed needs one).
    pub fn has_dates(&self, language: Option<&str>) -> bool {
        self.published
            .iter()
            .any(|h| h.language.as_deref() == language && h.front.last_changed().is_some())
    }
}

/// What a build does with each page as soon as it is derived (or taken
/// from the memo), while other pages are still being derived: renders and
/// writes it, so that a large site's pages are never all rendered in
/// memory at once.
pub struct PageStep<'s> {
    /// Called on each page without errors, with its position; says whether
    /// it rendered the page (rather than finding it unchanged).
    pub run: &'s RunStep<'s>,
    /// Whether pages keep what only their own HTML needed once the step
    /// ran: `serve`'s memo and `check`'s rules need it, a clean build
    /// does not. Must be true with a memo, which keeps the pages.
    pub keep_bodies: bool,
}

/// The page step's work on the `i`-th page.
pub type RunStep<'s> = dyn Fn(usize, &Arc<Page>) -> Stepped + Sync + 's;

/// The derived site, and what the page step did.
#[derive(Debug)]
pub struct Derivation<'a> {
    pub model: SiteModel<'a>,
    pub diagnostics: Vec<Diagnostic>,
    /// For each page of the model: whether the step rendered it.
    pub rendered: Vec<bool>,
}

/// Reads every article's front matter (through `memo` when given; without
/// one nothing is recorded for a next time, which a clean build has not).
pub fn read_headers(
    site: &Site,
    sources: &Sources,
    mut memo: Option<&mut PageMemo>,
) -> (Headers, Vec<Diagnostic>) {
    if let Some(memo) = memo.as_deref_mut() {
        memo.start(site);
    }
    let mut diagnostics = Vec::new();
    let recall = memo.as_deref();
    let headers: Vec<Recalled<Result<Arc<Header>, Vec<Diagnostic>>>> = sources
        .articles
        .par_iter()
        .enumerate()
        .map(|(i, file)| match recall.and_then(|m| m.header(i, file)) {
            Some(header) => Recalled::Kept(header),
            None => Recalled::Fresh(page::read_header(file, &site.translations).map(Arc::new)),
        })
        .collect();
    if let Some(memo) = memo {
        memo.keep_headers(&sources.articles, &headers);
    }
    let mut published = Vec::new();
    let mut drafts = HashSet::new();
    for header in headers.into_iter().map(Recalled::into_inner) {
        if let Ok(h) = &header {
            // Reported for drafts too, as when the front matter breaks.
            diagnostics.extend(h.problems.iter().cloned());
        }
        match header {
            Ok(h) if h.front.draft && !site.drafts => {
                drafts.insert(page::content_rel(&h.file.path).to_string());
            }
            Ok(h) => published.push(h),
            Err(d) => diagnostics.extend(d),
        }
    }
    published.sort_by(|a, b| a.path.cmp(&b.path));
    diagnostics.extend(duplicate_paths(&published));
    diagnostics.extend(translations::orphans(&published, &drafts));
    diagnostics.extend(translations::folder_clashes(site, &published));
    let listing_path = listing_path_of(&published, None, "");
    let translated_listings: Vec<(String, String)> = site
        .translations
        .iter()
        .filter_map(|t| {
            let path = listing_path_of(&published, Some(&t.tag), &t.prefix)?;
            Some((t.tag.clone(), path))
        })
        .collect();
    let listings = listing_path
        .iter()
        .chain(translated_listings.iter().map(|(_, p)| p));
    for listing in listings {
        diagnostics.extend(listing_clashes(&published, listing));
    }
    let headers = Headers {
        published,
        drafts,
        listing_path,
        translated_listings,
    };
    (headers, diagnostics)
}

/// Renders every published article's body and derives its page (through
/// `memo` when given), runs `step` on each, then runs the checks that
/// need every page.
pub fn derive_pages<'a>(
    site: &'a Site,
    sources: &'a Sources,
    headers: Headers,
    mut memo: Option<&mut PageMemo>,
    step: &PageStep,
) -> Derivation<'a> {
    let Headers {
        published,
        drafts,
        listing_path,
        translated_listings,
    } = headers;
    let probes = memo.as_deref_mut().map(|m| &mut m.probes);
    let images = Catalog::new(&sources.assets, &site.images.widths, &site.base_url, probes);
    let listings: Vec<&str> = listing_path
        .iter()
        .chain(translated_listings.iter().map(|(_, p)| p))
        .map(String::as_str)
        .collect();
    let mut index = site_index(&published, &drafts, &listings, &sources.assets);
    index.images = Some(&images);
    let index_key = memo
        .is_some()
        .then(|| memo::index_key(&published, &drafts, &sources.assets, &images, &listing_path));
    let still_resolves = |header: &Header, links: &[LinkLookup]| {
        resolver(header, site, &index).resolves_as_before(links)
    };
    let recall = memo.as_deref().zip(index_key);
    let derived: Vec<(Recalled<Derived>, Stepped)> = published
        .par_iter()
        .enumerate()
        .map(|(i, header)| {
            let kept = recall.and_then(|(m, key)| m.page(i, header, key, still_resolves));
            let mut derived = match kept {
                Some(d) => Recalled::Kept(d),
                None => Recalled::Fresh(derive_in_full(
                    header,
                    sources,
                    site,
                    &index,
                    recall.is_some(),
                )),
            };
            let stepped = run_step(i, &mut derived, step, header);
            (derived, stepped)
        })
        .collect();
    let (derived, stepped): (Vec<_>, Vec<_>) = derived.into_iter().unzip();
    if let Some((memo, key)) = memo.zip(index_key) {
        memo.keep_pages(&derived, key);
    }
    drop(index);
    drop(listings);
    let mut derivation = gather(derived, stepped, site, listing_path, &sources.assets);
    derivation.model.translated_listings = translated_listings;
    derivation.model.images = images;
    let anchors = check_anchors(&derivation.model.pages, sources);
    derivation.diagnostics.extend(anchors);
    derivation
}

/// The pages in order, with every page's problems and what the step did.
fn gather<'a>(
    derived: Vec<Recalled<Derived>>,
    stepped: Vec<Stepped>,
    site: &'a Site,
    listing_path: Option<String>,
    assets: &'a [Asset],
) -> Derivation<'a> {
    let mut diagnostics = Vec::new();
    let mut pages = Vec::with_capacity(derived.len());
    let mut rendered = Vec::with_capacity(derived.len());
    for (d, stepped) in derived.into_iter().map(Recalled::into_inner).zip(stepped) {
        diagnostics.extend(d.diagnostics);
        pages.push(d.page);
        rendered.push(stepped.unwrap_or_else(|e| {
            diagnostics.push(e);
            false
        }));
    }
    let model = SiteModel {
        site,
        pages,
        listing_path,
        translated_listings: Vec::new(),
        assets,
        images: Catalog::default(),
        image_files: Vec::new(),
    };
    Derivation {
        model,
        diagnostics,
        rendered,
    }
}

/// What the page step did with one page: rendered it (`true`), found it
/// unchanged or did not run for its errors (`false`), or failed.
pub type Stepped = Result<bool, Diagnostic>;

/// Runs `step` on a page without errors, then sheds what only the step
/// needed unless it keeps bodies (a page from a memo is shared, and kept
/// whole: a memo comes with `keep_bodies`): its body, and the whole text
/// of its file, for `header`, the one read first (with only the front
/// matter when the bodies were left on disk).
fn run_step(
    i: usize,
    derived: &mut Recalled<Derived>,
    step: &PageStep,
    header: &Arc<Header>,
) -> Stepped {
    let (Recalled::Kept(d) | Recalled::Fresh(d)) = derived;
    if has_errors(&d.diagnostics) || has_errors(&d.page.header.problems) {
        return Ok(false);
    }
    let rendered = (step.run)(i, &d.page)?;
    if !step.keep_bodies {
        if let Some(page) = Arc::get_mut(&mut d.page) {
            page.drop_body();
            page.header = Arc::clone(header);
        }
    }
    Ok(rendered)
}

/// [`derive_page`] over the whole text of `header`'s file, read again when
/// only its front matter was kept. A file that cannot be read again is
/// reported, with the page made from the front matter alone.
fn derive_in_full(
    header: &Arc<Header>,
    sources: &Sources,
    site: &Site,
    index: &SiteIndex,
    log_links: bool,
) -> Derived {
    match sources.in_full(&header.file) {
        Ok(file) if Arc::ptr_eq(&file, &header.file) => {
            derive_page(Arc::clone(header), site, index, log_links)
        }
        Ok(file) => derive_page(Arc::new(header.over(file)), site, index, log_links),
        Err(d) => {
            let mut derived = derive_page(Arc::clone(header), site, index, log_links);
            derived.diagnostics.push(d);
            derived
        }
    }
}

/// What links resolve against: every page, draft and copied file.
fn site_index<'h>(
    published: &'h [Arc<Header>],
    drafts: &'h HashSet<String>,
    listings: &[&'h str],
    assets: &'h [Asset],
) -> SiteIndex<'h> {
    SiteIndex {
        page_by_source: published
            .iter()
            .map(|h| (page::content_rel(&h.file.path), h.path.as_str()))
            .collect(),
        page_paths: published
            .iter()
            .map(|h| h.path.as_str())
            .chain(listings.iter().copied())
            .collect(),
        drafts: drafts.iter().map(String::as_str).collect(),
        assets: assets.iter().map(|a| a.rel.as_str()).collect(),
        images: None,
    }
}

/// `log_links` records the links the page looked up, for a memo.
fn derive_page(header: Arc<Header>, site: &Site, index: &SiteIndex, log_links: bool) -> Derived {
    let locale = site.locale_for(header.language.as_deref());
    let (resolutions, mut diagnostics) = page::resolve_early(&header, locale);
    let markers = Markers::new(page::presence(&resolutions));
    let links = PageLinks {
        resolver: resolver(&header, site, index),
        expand: |expr: &str| markers.expand(expr),
        lookups: log_links.then(Default::default),
    };
    let (doc, more) = page::render_body(&header, &links);
    diagnostics.extend(more);
    diagnostics.extend(crate::trust::check_page(&header, &doc, site));
    let og = og_image(&header, &doc, &links, index).unwrap_or_else(|d| {
        diagnostics.push(d);
        None
    });
    let lookups = links.lookups.map(|l| l.into_inner()).unwrap_or_default();
    let (mut page, more) = page::finish(header, doc, resolutions, locale);
    diagnostics.extend(more);
    page.outline.og_image = og;
    Derived {
        page: Arc::new(page),
        diagnostics,
        links: lookups.into(),
    }
}

/// The page's sharing image: the front matter's `image:`, else the first
/// image of the body that faqpress resizes.
fn og_image<E>(
    header: &Header,
    doc: &crate::markdown::Document,
    links: &PageLinks<E>,
    index: &SiteIndex,
) -> Result<Option<OgImage>, Diagnostic>
where
    E: Fn(&str) -> Result<crate::markdown::Expansion, crate::markdown::Problem>,
{
    let (rel, from_front_matter) = match &header.front.image {
        Some(dest) => {
            let bad = |message: String, help: Option<String>| {
                let split = header.split();
                let d = crate::frontmatter::error_at(
                    &header.file,
                    &split,
                    &[crate::yaml::Step::Key("image")],
                    message,
                );
                d.with_help(help.unwrap_or_else(|| "name a JPEG, PNG or WebP file in `content/`, relative to this article, e.g. `image: roller.jpg`".to_string()))
            };
            match crate::markdown::Hooks::resolve_link(links, dest, true) {
                Ok(link) => match link.picture {
                    Some(picture) => (picture.rel.clone(), true),
                    None => {
                        return Err(bad(
                            format!(
                                "the image `{dest}` is not a JPEG, PNG or WebP file in `content/`"
                            ),
                            None,
                        ));
                    }
                },
                Err(problem) => return Err(bad(problem.message, problem.help)),
            }
        }
        None => match doc.images.iter().find_map(|im| im.resized.as_ref()) {
            Some(rel) => (rel.clone(), false),
            None => return Ok(None),
        },
    };
    let info = index
        .images
        .and_then(|c| c.images.get(rel.as_str()))
        .and_then(|p| p.info.as_ref().ok());
    Ok(info.map(|(info, _)| OgImage {
        path: crate::images::og_variant(info).path,
        rel,
        from_front_matter,
    }))
}

fn resolver<'s, 'a>(
    header: &'s Header,
    site: &'s Site,
    index: &'s SiteIndex<'a>,
) -> LinkResolver<'s, 'a> {
    LinkResolver {
        index,
        base: &site.base_url,
        source: page::content_rel(&header.file.path),
        own_path: &header.path,
    }
}

/// Two articles that would be written to the same URL.
fn duplicate_paths(headers: &[Arc<Header>]) -> Vec<Diagnostic> {
    // Sorted by path, so a duplicate follows the page it duplicates.
    let mut diagnostics = Vec::new();
    for pair in headers.windows(2) {
        let (first, header) = (&pair[0], &pair[1]);
        if first.path == header.path {
            diagnostics.push(
                Diagnostic::error(
                    &header.file.path,
                    format!(
                        "this article and `{}` would both be published at `/{}`",
                        first.file.path, header.path
                    ),
                )
                .at(&header.file.text, 1, 1)
                .with_help("give one of them a different file name or `slug`"),
            );
        }
    }
    diagnostics
}
