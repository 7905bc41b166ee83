//! Rendering the derived site through the theme's templates into output
//! files, still in memory.

pub mod jsonld;
pub mod theme;
pub mod views;

use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::diagnostics::Diagnostic;
use crate::html::json_for_script;
use crate::markdown::BlockKind;
use crate::output::{Contents, OutputFile};
use crate::page::Page;
use crate::site::SiteModel;
use theme::{Theme, template_error};
use views::{
    ArticleView, AssetsView, BlockView, DateView, ListingView, Pagination, SiteView, SummaryView,
};

/// Stand-ins the Markdown markers leave in the HTML, replaced by the
/// rendered components.
pub const CHECKLIST_MARKER: &str = "<!--faqpress:checklist-->";
pub const PRICING_MARKER: &str = "<!--faqpress:pricing-->";

/// Ids the themes use for their own elements; headings never take them.
pub const THEME_IDS: &[&str] = &[
    "main",
    "toc",
    "toc-title",
    "checklist",
    "checklist-title",
    "pricing",
    "pricing-title",
    "footnotes",
    "top",
];

pub const DEFAULT_TEMPLATE: &str = "article.html";

/// Renders every page and file of the site.
/// Where rendered files go as soon as each is ready: `build` writes them
/// into its staging folder, `serve` keeps them in memory, `check` drops
/// them. Handing them over one by one keeps a large site's pages from all
/// sitting in memory at once.
pub type Sink<'a> = dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync + 'a;

/// Renders every page and file of the site into `sink`, returning the
/// paths written.
pub fn render_site(
    model: &SiteModel,
    theme: &Theme,
    sink: &Sink,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let site = model.site;
    let mut tera = theme::compile(theme, &site.base_url)?;
    let mut files = Vec::new();
    let css_path = match theme.files.get("style.css") {
        Some(css) => {
            let path = format!("style.{}.css", fingerprint(css.text.as_bytes()));
            files.push(OutputFile {
                path: path.clone(),
                contents: Contents::Bytes(css.text.clone().into_bytes()),
            });
            path
        }
        None => String::new(),
    };
    let global = tera.global_context();
    global.insert(
        "site",
        &SiteView::new(
            site,
            model.listing_path.as_deref(),
            crate::publish::feed_url(model),
        ),
    );
    global.insert(
        "assets",
        &AssetsView {
            css: site.base_url.url(&css_path),
        },
    );
    let tera = tera;
    let pages: Vec<Result<String, Diagnostic>> = model
        .pages
        .par_iter()
        .map(|page| {
            let file = render_page(&tera, theme, model, page)?;
            let path = file.path.clone();
            sink(file).map(|()| path)
        })
        .collect();
    let mut diagnostics = Vec::new();
    let mut written = Vec::with_capacity(pages.len() + model.assets.len() + 4);
    for page in pages {
        match page {
            Ok(path) => written.push(path),
            Err(d) => diagnostics.push(d),
        }
    }
    if let Some(listing_path) = &model.listing_path {
        for (path, view) in listing_pages(model, listing_path) {
            let mut ctx = Context::new();
            ctx.insert("listing", &view);
            match tera.render("listing.html", &ctx) {
                Ok(html) => files.push(OutputFile::text(format!("{path}index.html"), html)),
                Err(e) => diagnostics.push(template_error(&e, theme)),
            }
        }
    }
    match tera.render("404.html", &Context::new()) {
        Ok(html) => files.push(OutputFile::text("404.html", html)),
        Err(e) => diagnostics.push(template_error(&e, theme)),
    }
    for asset in model.assets {
        files.push(OutputFile {
            path: asset.rel.clone(),
            contents: Contents::Copy(asset.source.clone()),
        });
    }
    for file in files {
        let path = file.path.clone();
        match sink(file) {
            Ok(()) => written.push(path),
            Err(d) => diagnostics.push(d),
        }
    }
    if diagnostics.is_empty() {
        Ok(written)
    } else {
        Err(diagnostics)
    }
}

/// How many articles one page of the listing shows: enough to scan, few
/// enough that no page grows with the size of the site.
pub const LISTING_PAGE_SIZE: usize = 50;

/// The site path of page `n` (1-based) of the listing.
pub fn listing_page_path(listing_path: &str, n: usize) -> String {
    if n == 1 {
        listing_path.to_string()
    } else {
        format!("{listing_path}page/{n}/")
    }
}

/// The listing cut into pages of [`LISTING_PAGE_SIZE`] articles.
fn listing_pages<'a>(model: &'a SiteModel, listing_path: &str) -> Vec<(String, ListingView<'a>)> {
    let site = model.site;
    let chunks: Vec<&[Arc<Page>]> = model.pages.chunks(LISTING_PAGE_SIZE).collect();
    let total = chunks.len().max(1);
    (1..=total)
        .map(|n| {
            let path = listing_page_path(listing_path, n);
            let url = |k: usize| site.base_url.url(&listing_page_path(listing_path, k));
            let view = ListingView {
                title: "All articles",
                permalink: site.base_url.absolute(&path),
                pages: chunks
                    .get(n - 1)
                    .map(|chunk| chunk.iter().map(|p| SummaryView::new(p, site)).collect())
                    .unwrap_or_default(),
                pagination: Pagination {
                    current: n,
                    total,
                    previous: (n > 1).then(|| url(n - 1)),
                    next: (n < total).then(|| url(n + 1)),
                },
            };
            (path, view)
        })
        .collect()
}

fn render_page(
    tera: &Tera,
    theme: &Theme,
    model: &SiteModel,
    page: &Page,
) -> Result<OutputFile, Diagnostic> {
    let site = model.site;
    let front = &page.header.front;
    let template = front.template.as_deref().unwrap_or(DEFAULT_TEMPLATE);
    if !tera.contains_template(template) {
        let mut d = crate::frontmatter::locate(
            &page.header.file,
            &page.header.split(),
            &[crate::yaml::Step::Key("template")],
        );
        d.message = format!("there is no template called `{template}`");
        let mut names: Vec<&str> = tera
            .get_template_names()
            .filter(|n| !n.starts_with("partials/"))
            .collect();
        names.sort_unstable();
        return Err(d.with_help(format!(
            "put it in `templates/`, or use one of: {}",
            names.join(", ")
        )));
    }
    let checklist_html = match &page.checklist {
        Some(c) => Some(render_component(
            tera,
            theme,
            "partials/checklist.html",
            "checklist",
            c,
        )?),
        None => None,
    };
    let pricing_html = match &page.pricing {
        Some(p) => Some(render_component(
            tera,
            theme,
            "partials/pricing.html",
            "pricing",
            p,
        )?),
        None => None,
    };
    let mut placed = Placed::default();
    let mut place =
        |html: &str| placed.substitute(html, checklist_html.as_deref(), pricing_html.as_deref());
    let intro = place(&page.doc.intro_html);
    let last_question = page
        .doc
        .blocks
        .iter()
        .rposition(|b| b.kind == BlockKind::Question);
    let blocks: Vec<BlockView> = page
        .doc
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let heading = &page.doc.headings[b.heading];
            BlockView {
                kind: b.kind,
                id: &heading.id,
                title: &heading.text,
                title_html: &heading.html,
                html: place(&b.html),
                text: &b.text,
                is_last_question: Some(i) == last_question
                    || (last_question.is_none() && i + 1 == page.doc.blocks.len()),
            }
        })
        .collect();
    let mut json_ld = vec![json_for_script(&jsonld::web_page(page, site))];
    if let Some(faq) = jsonld::faq_page(page, site) {
        json_ld.push(json_for_script(&faq));
    }
    if let Some(pricing) = &page.pricing {
        let offer = pricing.json_ld(&front.title, &site.base_url.absolute(&page.header.path));
        json_ld.push(json_for_script(&offer));
    }
    let view = ArticleView {
        title: &front.title,
        description: front.description.as_deref(),
        url: site.base_url.url(&page.header.path),
        permalink: site.base_url.absolute(&page.header.path),
        is_home: page.header.path.is_empty(),
        date: front.date.map(DateView::from),
        updated: front.updated.map(DateView::from),
        author: front.author.as_deref().or(site.author.as_deref()),
        tags: &front.tags,
        intro,
        blocks,
        toc: &page.toc,
        show_toc: front.toc && !page.toc.is_empty(),
        footnotes: &page.doc.footnotes_html,
        checklist: page.checklist.as_ref(),
        checklist_placed: placed.checklist,
        checklist_html,
        pricing: page.pricing.as_ref(),
        pricing_placed: placed.pricing,
        pricing_html,
        json_ld,
    };
    let mut ctx = Context::new();
    ctx.insert("page", &view);
    let html = tera
        .render(template, &ctx)
        .map_err(|e| template_error(&e, theme))?;
    Ok(OutputFile::text(page.header.output_file(), html))
}

/// Renders a checklist or pricing table through its partial template.
fn render_component<T: serde::Serialize>(
    tera: &Tera,
    theme: &Theme,
    template: &str,
    key: &'static str,
    value: &T,
) -> Result<String, Diagnostic> {
    let mut ctx = Context::new();
    ctx.insert(key, value);
    tera.render(template, &ctx)
        .map_err(|e| template_error(&e, theme))
}

/// Records which components a marker placed inside the article.
#[derive(Default)]
struct Placed {
    checklist: bool,
    pricing: bool,
}

impl Placed {
    fn substitute(&mut self, html: &str, checklist: Option<&str>, pricing: Option<&str>) -> String {
        let mut out = html.to_string();
        if let Some(c) = checklist {
            if out.contains(CHECKLIST_MARKER) {
                out = out.replace(CHECKLIST_MARKER, c);
                self.checklist = true;
            }
        }
        if let Some(p) = pricing {
            if out.contains(PRICING_MARKER) {
                out = out.replace(PRICING_MARKER, p);
                self.pricing = true;
            }
        }
        out
    }
}

/// A short content hash for cache-busting file names (FNV-1a, 64 bits).
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:010x}", hash >> 24)
}
