//! Parsing and deriving every article of a site: front matter first (so
//! every URL is known), then bodies, then the checks that need all pages.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::links::{PageLinks, SiteIndex};
use crate::markdown::{Expansion, Problem};
use crate::page::{self, Header, Page};
use crate::pricing::Pricing;
use crate::render::{CHECKLIST_MARKER, PRICING_MARKER, THEME_IDS};
use crate::source::{Asset, Sources};

/// The whole site, parsed and derived, ready to render.
#[derive(Debug)]
pub struct SiteModel<'a> {
    pub site: &'a Site,
    /// Published pages in a stable order (by URL path).
    pub pages: Vec<Page<'a>>,
    /// Where the list of all articles goes, if the site has one.
    pub listing_path: Option<String>,
    pub assets: &'a [Asset],
}

/// Parses and derives every article. Returns the model even when there are
/// errors, so `check` can report everything in one run.
pub fn assemble<'a>(site: &'a Site, sources: &'a Sources) -> (SiteModel<'a>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let headers: Vec<Result<Header, Diagnostic>> =
        sources.articles.par_iter().map(page::read_header).collect();
    let mut published = Vec::new();
    let mut drafts = HashSet::new();
    for header in headers {
        match header {
            Ok(h) if h.front.draft && !site.drafts => {
                drafts.insert(page::content_rel(&h.file.path));
            }
            Ok(h) => published.push(h),
            Err(d) => diagnostics.push(d),
        }
    }
    published.sort_by(|a, b| a.path.cmp(&b.path));
    diagnostics.extend(duplicate_paths(&published));
    let has_home = published.iter().any(|h| h.path.is_empty());
    let listing_path = if !has_home {
        Some(String::new())
    } else if published.len() > 1 {
        Some("articles/".to_string())
    } else {
        None
    };
    if let Some(listing) = &listing_path {
        // The listing's own pages: `articles/`, `articles/page/2/`, …
        let pages_prefix = format!("{listing}page/");
        for clash in published
            .iter()
            .filter(|h| &h.path == listing || h.path.starts_with(&pages_prefix))
        {
            diagnostics.push(
                Diagnostic::error(
                    &clash.file.path,
                    format!(
                        "this article's URL `/{}` is reserved for the list of articles",
                        clash.path
                    ),
                )
                .at(&clash.file.text, 1, 1)
                .with_help("give it another file name or `slug`"),
            );
        }
    }
    let index = SiteIndex {
        page_by_source: published
            .iter()
            .map(|h| (page::content_rel(&h.file.path), h.path.clone()))
            .collect(),
        page_paths: published
            .iter()
            .map(|h| h.path.clone())
            .chain(listing_path.clone())
            .collect(),
        drafts,
        assets: sources.assets.iter().map(|a| a.rel.as_str()).collect(),
    };
    let derived: Vec<(Page, Vec<Diagnostic>)> = published
        .into_par_iter()
        .map(|header| derive_page(header, site, &index))
        .collect();
    let mut pages = Vec::with_capacity(derived.len());
    for (page, page_diagnostics) in derived {
        diagnostics.extend(page_diagnostics);
        pages.push(page);
    }
    diagnostics.extend(check_anchors(&pages));
    let model = SiteModel {
        site,
        pages,
        listing_path,
        assets: &sources.assets,
    };
    (model, diagnostics)
}

fn derive_page<'a>(
    header: Header<'a>,
    site: &Site,
    index: &SiteIndex,
) -> (Page<'a>, Vec<Diagnostic>) {
    let (pricing, mut diagnostics) = match page::resolve_pricing(&header, &site.language) {
        Ok(p) => (p, Vec::new()),
        Err(d) => (None, d),
    };
    let has_checklist = header.front.checklist.is_some();
    let has_pricing_block = header.front.pricing.is_some();
    let pricing_for_markers = pricing.clone();
    let own_path = header.path.clone();
    let links = PageLinks {
        index,
        base: &site.base_url,
        source: page::content_rel(&header.file.path),
        own_path: &own_path,
        expand: |expr: &str| {
            if has_pricing_block && pricing_for_markers.is_none() && expr.contains("pricing") {
                // The block itself was reported; its markers would only
                // repeat that problem.
                return Ok(Expansion::Inline(String::new()));
            }
            expand_marker(expr, has_checklist, pricing_for_markers.as_ref())
        },
    };
    let (page, more) = page::derive(header, pricing, &links, THEME_IDS);
    diagnostics.extend(more);
    (page, diagnostics)
}

/// The `{{ … }}` markers an article may use.
fn expand_marker(
    expr: &str,
    has_checklist: bool,
    pricing: Option<&Pricing>,
) -> Result<Expansion, Problem> {
    let compact: String = expr.chars().filter(|c| !c.is_whitespace()).collect();
    match compact.as_str() {
        "checklist()" if has_checklist => Ok(Expansion::Block(CHECKLIST_MARKER.to_string())),
        "checklist()" => Err(Problem::error(
            "`{{ checklist() }}` is used but this article has no `checklist` in its front matter",
        )
        .with_help(
            "add a `checklist:` block to the front matter (see the README), or remove the marker",
        )),
        "pricing_table()" if pricing.is_some() => Ok(Expansion::Block(PRICING_MARKER.to_string())),
        "pricing_table()" => Err(Problem::error(
            "`{{ pricing_table() }}` is used but this article has no `pricing` in its front matter",
        )
        .with_help(
            "add a `pricing:` block to the front matter (see the README), or remove the marker",
        )),
        other => {
            if let Some(field) = other.strip_prefix("pricing.") {
                let Some(pricing) = pricing else {
                    return Err(Problem::error(format!("`{{{{ {other} }}}}` quotes the pricing, but this article has no `pricing` in its front matter"))
                        .with_help("add a `pricing:` block to the front matter, or remove the marker"));
                };
                return pricing.quote(field).map(Expansion::Inline).ok_or_else(|| {
                    Problem::error(format!("`pricing.{field}` is not a pricing value")).with_help(
                        format!("the values are: {}", crate::pricing::QUOTABLE.join(", ")),
                    )
                });
            }
            Err(Problem::error(format!("unknown marker `{{{{ {expr} }}}}`")).with_help(
                "the markers are `{{ checklist() }}`, `{{ pricing_table() }}` and `{{ pricing.<value> }}`",
            ))
        }
    }
}

/// Two articles that would be written to the same URL.
fn duplicate_paths(headers: &[Header]) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, &Header> = HashMap::new();
    let mut diagnostics = Vec::new();
    for header in headers {
        if let Some(first) = seen.insert(&header.path, header) {
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

/// Every `#fragment` a link expects must be an id on the target page.
fn check_anchors(pages: &[Page]) -> Vec<Diagnostic> {
    let ids: HashMap<&str, HashSet<&str>> = pages
        .iter()
        .map(|p| {
            let mut set: HashSet<&str> = p.doc.headings.iter().map(|h| h.id.as_str()).collect();
            set.extend(THEME_IDS);
            (p.header.path.as_str(), set)
        })
        .collect();
    let mut diagnostics = Vec::new();
    for page in pages {
        for anchor in &page.doc.anchors {
            let Some(target) = ids.get(anchor.page.as_str()) else {
                continue;
            };
            if target.contains(anchor.fragment.as_str()) {
                continue;
            }
            let mut known: Vec<&str> = target.iter().copied().collect();
            known.sort_unstable();
            let help = match crate::diagnostics::did_you_mean(&anchor.fragment, &known) {
                Some(best) => format!("did you mean `#{best}`?"),
                None => "link to a heading's id; each `## Heading` gets one made of its words, e.g. `#is-it-safe`".to_string(),
            };
            diagnostics.push(
                page.header
                    .at_body_offset(
                        Diagnostic::error(
                            &page.header.file.path,
                            format!("`#{}` is not an id on the linked page", anchor.fragment),
                        ),
                        anchor.range.start,
                    )
                    .with_help(help),
            );
        }
    }
    diagnostics
}
