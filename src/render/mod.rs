//! Rendering the derived site through the theme's templates into output
//! files, still in memory.

mod article;
use article::{PageIn, render_page};
pub mod jsonld;
mod listing;
mod memo;
pub mod microdata;
pub mod theme;
pub mod views;

use std::sync::Arc;

use tera::{Context, Tera};

use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::i18n::{Strings, Tables};
use crate::layout;
use crate::output::{Contents, OutputFile};
use crate::page::Page;
use crate::plan::{OutputPlan, Translations};
use crate::search;
use crate::site::SiteModel;
pub use memo::{RenderCounts, RenderMemo};
use theme::{Theme, template_error};
use views::{AssetsView, SearchAssets, SiteView, VersionView};

pub const DEFAULT_TEMPLATE: &str = "article.html";

/// The language switcher's script: keeps the reader at the same question
/// when they switch to a translation.
pub const SWITCH_SCRIPT: &str = include_str!("switch.js");

/// Where rendered files go as soon as each is ready: `build` writes them
/// into its staging folder, `serve` keeps them in memory, `check` drops
/// them. Handing them over one by one keeps a large site's pages from all
/// sitting in memory at once.
pub type Sink<'a> = dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync + 'a;

/// The theme's templates compiled, with the values every template sees
/// (`site`, `assets`) set: made once per build, before any page.
pub struct Renderer<'r> {
    tera: Arc<Tera>,
    theme: &'r Theme,
    site: &'r Site,
    /// The site's words (`t` in templates), in every language.
    tables: &'r Tables,
    /// Each translation language's values (`site`, `t`, `lang`), laid
    /// over the global ones in the context of its pages: (tag, context).
    translated: Vec<(String, Context)>,
    /// Every article's versions in other languages.
    translations: &'r Translations,
    /// The fingerprinted stylesheet, if the theme has one.
    css: Option<OutputFile>,
    /// The search box's fingerprinted script, when search is on.
    search_script: Option<OutputFile>,
    /// The checklist's fingerprinted script, when an article has one.
    checklist_script: Option<OutputFile>,
    /// The language switcher's fingerprinted script, when an article has
    /// a translation.
    switch_script: Option<OutputFile>,
}

impl<'r> Renderer<'r> {
    /// Compiles the templates, or takes them from `memo` when they and the
    /// shared values are unchanged. The shared values name files of the
    /// plan (the stylesheet, the feed, the listing).
    pub fn new(
        site: &'r Site,
        theme: &'r Theme,
        plan: &'r OutputPlan,
        tables: &'r Tables,
        memo: Option<&mut RenderMemo>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let strings = &tables.default;
        let css = theme
            .files
            .get(layout::STYLESHEET)
            .zip(plan.stylesheet.as_ref())
            .map(|(css, path)| OutputFile {
                path: path.clone(),
                contents: Contents::Bytes(css.text.clone().into_bytes()),
            });
        let site_view = SiteView::new(
            site,
            plan.listing.as_ref().map(|l| l.path.as_str()),
            plan.tag_index().as_deref(),
            plan.feed_url(site),
            strings,
        );
        let search_script = plan.search_script.as_ref().map(|path| OutputFile {
            path: path.clone(),
            contents: Contents::Bytes(search::SCRIPT.as_bytes().to_vec()),
        });
        let checklist_script = plan.checklist_script.as_ref().map(|path| OutputFile {
            path: path.clone(),
            contents: Contents::Bytes(crate::checklist::SCRIPT.as_bytes().to_vec()),
        });
        let switch_script = plan.switch_script.as_ref().map(|path| OutputFile {
            path: path.clone(),
            contents: Contents::Bytes(SWITCH_SCRIPT.as_bytes().to_vec()),
        });
        let translated = translated_contexts(site, plan, tables);
        let assets_view = AssetsView {
            css: site.base_url.url(plan.stylesheet.as_deref().unwrap_or("")),
            search: plan.search_script.as_ref().map(|script| SearchAssets {
                script: site.base_url.url(script),
                bundle: site.base_url.url(&format!("{}/", layout::SEARCH_DIR)),
            }),
            checklist: plan.checklist_script.as_ref().map(|s| site.base_url.url(s)),
            switch: plan.switch_script.as_ref().map(|s| site.base_url.url(s)),
        };
        let compile = || -> Result<Arc<Tera>, Vec<Diagnostic>> {
            let mut tera = theme::compile(theme, &site.base_url, &site.locale, &site.translations)?;
            let global = tera.global_context();
            global.insert("site", &site_view);
            global.insert("t", strings);
            global.insert("assets", &assets_view);
            Ok(Arc::new(tera))
        };
        let tera = match memo {
            Some(memo) => {
                // The base URL is in `site`, and reaches templates through
                // the `url` function too.
                // A new translation changes its original's page (its
                // alternates), which is otherwise unchanged.
                let shared = serde_json::to_string(&(&site_view, &assets_view, tables_key(tables)))
                    .unwrap_or_default()
                    + &plan.translations.key();
                let templates = theme
                    .files
                    .iter()
                    .map(|(n, f)| (n.as_str(), f.text.as_str()));
                memo.start(memo::key(templates, &shared));
                match memo.compiled() {
                    Some(tera) => tera,
                    None => {
                        let tera = compile()?;
                        memo.keep_compiled(Arc::clone(&tera));
                        tera
                    }
                }
            }
            None => compile()?,
        };
        Ok(Renderer {
            tera,
            theme,
            site,
            tables,
            translated,
            translations: &plan.translations,
            css,
            search_script,
            checklist_script,
            switch_script,
        })
    }

    /// Renders the `i`-th page of the site into `sink`, unless `memo` saw
    /// this very page rendered last time. Says whether it rendered it.
    /// With an `index`, the page's search document goes to it too.
    pub fn write_page(
        &self,
        i: usize,
        page: &Arc<Page>,
        sink: &Sink,
        memo: Option<&RenderMemo>,
        index: Option<&search::Index>,
    ) -> Result<bool, Diagnostic> {
        if memo.is_some_and(|m| m.has_page(i, page)) {
            return Ok(false);
        }
        sink(self.page(page, index)?)?;
        Ok(true)
    }

    /// One article's page; its search document goes to `index`.
    pub fn page(
        &self,
        page: &Page,
        index: Option<&search::Index>,
    ) -> Result<OutputFile, Diagnostic> {
        let Some(body) = &page.body else {
            // The pipeline renders a page before it drops its body.
            return Err(Diagnostic::error(
                &page.header.file.path,
                "this page's body was dropped before it was rendered",
            )
            .with_help("this is a bug in faqpress: please report it"));
        };
        let base = self.context_of(page.header.language.as_deref());
        let versions = self.versions(page);
        let page_in = PageIn {
            page,
            body,
            base,
            versions,
        };
        render_page(&self.tera, self.theme, self.site, &page_in, index)
    }

    /// The values laid over the global ones for pages in `language`: none
    /// for the site's own.
    fn context_of(&self, language: Option<&str>) -> Context {
        language
            .and_then(|tag| self.translated.iter().find(|(t, _)| t == tag))
            .map(|(_, ctx)| ctx.clone())
            .unwrap_or_default()
    }

    /// The page's versions in every language, itself included, for its
    /// `hreflang` links and the language switcher.
    fn versions(&self, page: &Page) -> Vec<VersionView<'r>> {
        let base = &self.site.base_url;
        let own = self.site.language_of(page.header.language.as_deref());
        self.translations
            .versions(&page.header)
            .iter()
            .map(|v| {
                let language = if v.language == self.site.language {
                    None
                } else {
                    Some(v.language.as_str())
                };
                VersionView {
                    language: v.language.clone(),
                    name: &self.tables.of(language).language_name,
                    url: base.url(&v.path),
                    permalink: base.absolute(&v.path),
                    current: v.language == own,
                }
            })
            .collect()
    }

    /// Everything but the articles' pages: the listing, the 404 page, the
    /// stylesheet and the files copied from `content/`. Returns the paths
    /// written, or kept from `memo`.
    pub fn rest(
        &self,
        model: &SiteModel,
        plan: &OutputPlan,
        sink: &Sink,
        mut memo: Option<&mut RenderMemo>,
    ) -> Result<Vec<String>, Vec<Diagnostic>> {
        let tera = self.tera.as_ref();
        let mut diagnostics = Vec::new();
        let mut written = Vec::new();
        let mut files: Vec<OutputFile> = self
            .css
            .iter()
            .chain(&self.search_script)
            .chain(&self.checklist_script)
            .chain(&self.switch_script)
            .cloned()
            .collect();
        let sources = listing::sources(model, plan, self.tables);
        let context_of = |language: Option<&str>| self.context_of(language);
        let rendered = listing::render(
            tera,
            self.theme,
            model,
            &sources,
            &context_of,
            sink,
            memo.as_deref_mut(),
        );
        written.extend(rendered.kept);
        written.extend(rendered.written);
        diagnostics.extend(rendered.diagnostics);
        match listing::tag_index(tera, self.theme, model.site, plan, &self.tables.default) {
            Some(Ok(file)) => files.push(file),
            Some(Err(d)) => diagnostics.push(d),
            None => {}
        }
        if memo.is_some_and(|m| m.take_404()) {
            written.push(layout::NOT_FOUND_PAGE.to_string());
        } else {
            match tera.render(layout::NOT_FOUND_PAGE, &Context::new()) {
                Ok(html) => files.push(OutputFile::text(layout::NOT_FOUND_PAGE, html)),
                Err(e) => diagnostics.push(template_error(&e, self.theme)),
            }
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
}

/// Each translation language's `site`, `t` and `lang`, made once.
fn translated_contexts(site: &Site, plan: &OutputPlan, tables: &Tables) -> Vec<(String, Context)> {
    site.translations
        .iter()
        .map(|t| {
            let strings = tables.of(Some(&t.tag));
            let listing = plan.translations.listing(&t.tag).map(|l| l.path.as_str());
            let feed = plan
                .translations
                .feed(&t.tag)
                .map(|path| site.base_url.url(path));
            let view = SiteView::new(site, listing, None, feed, strings).in_language(site, t);
            let mut ctx = Context::new();
            ctx.insert("site", &view);
            ctx.insert("t", strings);
            ctx.insert("lang", &t.tag);
            (t.tag.clone(), ctx)
        })
        .collect()
}

/// Every table, for the memo's key.
fn tables_key(tables: &Tables) -> (&Strings, &[(String, Strings)]) {
    (&tables.default, &tables.translations)
}
