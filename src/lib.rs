//! faqpress: a static site generator for Q&A articles.
//!
//! A build is a short pipeline of stages, each a module:
//! `source` (read files) → `config` → `site` (front matter, Markdown, Q&A,
//! checklist, pricing, TOC) → `render` (Tera) → `publish` (sitemap, feed,
//! hosting files, redirects) → `output` (write). Only the first and the
//! last touch the disk.

// Errors are `Diagnostic`s carried by value: they are the cold path, and
// boxing every one would add noise to each stage for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod checklist;
pub mod components;
pub mod config;
pub mod date;
pub mod diagnostics;
pub mod frontmatter;
pub mod html;
pub mod layout;
pub mod links;
pub mod markdown;
pub mod ordered;
pub mod output;
pub mod page;
pub mod plan;
pub mod pricing;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod source;
pub mod url;
pub mod verified;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use diagnostics::{Diagnostic, has_errors};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub overrides: config::Overrides,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    /// What the build did to the output folder besides writing it (an
    /// interrupted build cleaned up after): one line each.
    pub notes: Vec<String>,
}

/// What rendering a site produced, besides the files themselves.
#[derive(Debug)]
pub struct Rendered {
    pub pages: usize,
    /// Every output path of the site, including files a memo kept.
    pub paths: Vec<String>,
    pub warnings: Vec<Diagnostic>,
}

/// What `serve` keeps from one render to the next so that it redoes only
/// what a change affects: parsed pages ([`site::PageMemo`]) and rendered
/// ones ([`render::RenderMemo`]).
#[derive(Debug, Default)]
pub struct Memo {
    pub pages: site::PageMemo,
    pub render: render::RenderMemo,
    pub publish: publish::PublishMemo,
}

/// Builds the site into `options.output`. On any error the output is left
/// as it was and every diagnostic found is returned, warnings included.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    output::check_location(&options.root, &options.output).map_err(|d| vec![d])?;
    let sources = source::load(&options.root)?;
    let staging = output::Staging::create(&options.root, &options.output).map_err(|d| vec![d])?;
    let rendered = staging.settle(render_sources_into(&sources, &options.overrides, &|file| {
        staging.write(&file)
    }))?;
    let notes = staging.notes().to_vec();
    if let Err(d) = staging.commit() {
        let mut all = rendered.warnings;
        all.push(d);
        return Err(all);
    }
    Ok(BuildReport {
        pages: rendered.pages,
        files: rendered.paths.len(),
        warnings: rendered.warnings,
        notes,
    })
}

/// Everything between reading and writing, with the output files kept in
/// memory, sorted by path.
pub fn render_sources(
    sources: &source::Sources,
    overrides: &config::Overrides,
) -> Result<(Rendered, Vec<output::OutputFile>), Vec<Diagnostic>> {
    let collected = Mutex::new(Vec::new());
    let rendered = render_sources_into(sources, overrides, &|file| {
        collected
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file);
        Ok(())
    })?;
    let mut files = collected.into_inner().unwrap_or_else(|e| e.into_inner());
    // Pages arrive in whatever order the threads finish them.
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((rendered, files))
}

/// From sources in memory to output files handed to `sink` one by one.
pub fn render_sources_into(
    sources: &source::Sources,
    overrides: &config::Overrides,
    sink: &render::Sink,
) -> Result<Rendered, Vec<Diagnostic>> {
    render_pipeline(sources, overrides, sink, None)
}

/// [`render_sources_into`], redoing only what changed since the render
/// that filled `memo`: files it did not redo are not handed to `sink`
/// again, but their paths are in [`Rendered::paths`].
pub fn render_sources_with(
    sources: &source::Sources,
    overrides: &config::Overrides,
    sink: &render::Sink,
    memo: &mut Memo,
) -> Result<Rendered, Vec<Diagnostic>> {
    render_pipeline(sources, overrides, sink, Some(memo))
}

fn render_pipeline(
    sources: &source::Sources,
    overrides: &config::Overrides,
    sink: &render::Sink,
    memo: Option<&mut Memo>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let site = config::parse(&sources.config, overrides).map_err(|d| vec![d])?;
    let theme = render::theme::select(
        &site.theme,
        &sources.templates,
        &sources.themes,
        &sources.config,
    )
    .map_err(|d| vec![d])?;
    let (rendered, publish_memo) = match memo {
        Some(memo) => (
            render_memoized(
                &site,
                &theme,
                sources,
                sink,
                &mut memo.pages,
                &mut memo.render,
            )?,
            Some(&mut memo.publish),
        ),
        None => (render_streaming(&site, &theme, sources, sink)?, None),
    };
    let RenderedModel {
        model,
        aliases,
        mut paths,
        mut diagnostics,
    } = rendered;
    let (published, warnings) = publish::files_with(&model, &aliases, &paths, publish_memo);
    for file in published {
        let path = file.path.clone();
        sink(file).map_err(|d| vec![d])?;
        paths.push(path);
    }
    diagnostics.extend(warnings);
    Ok(Rendered {
        pages: model.pages.len(),
        paths,
        warnings: diagnostics,
    })
}

/// What rendering the pages left for publishing.
struct RenderedModel<'a> {
    model: site::SiteModel<'a>,
    aliases: Vec<publish::aliases::Alias>,
    /// Every path rendered (or kept by a memo).
    paths: Vec<String>,
    /// The warnings so far.
    diagnostics: Vec<Diagnostic>,
}

/// The checks that need the whole model (aliases against every page),
/// then the verdict: any error so far stops the build. Returns the valid
/// aliases; `diagnostics` keeps the warnings, sorted.
fn check_model(
    model: &site::SiteModel,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<publish::aliases::Alias>, Vec<Diagnostic>> {
    let (aliases, problems) = publish::aliases::resolve(model);
    diagnostics.extend(problems);
    diagnostics::sort(diagnostics);
    if has_errors(diagnostics) {
        return Err(std::mem::take(diagnostics));
    }
    Ok(aliases)
}

/// Adds the warnings found before a failing step to its errors, so a
/// failed build reports everything.
fn with_earlier(earlier: &[Diagnostic]) -> impl FnOnce(Vec<Diagnostic>) -> Vec<Diagnostic> + '_ {
    move |mut errors| {
        errors.extend(earlier.iter().cloned());
        errors
    }
}

/// `serve`'s way: assemble through the memo, then render what changed.
fn render_memoized<'a>(
    site: &'a config::Site,
    theme: &render::theme::Theme,
    sources: &'a source::Sources,
    sink: &render::Sink,
    page_memo: &mut site::PageMemo,
    render_memo: &mut render::RenderMemo,
) -> Result<RenderedModel<'a>, Vec<Diagnostic>> {
    let (model, mut diagnostics) = site::assemble_with(site, sources, page_memo);
    let aliases = check_model(&model, &mut diagnostics)?;
    let paths = render::render_site_with(&model, theme, sink, Some(render_memo))
        .map_err(with_earlier(&diagnostics))?;
    Ok(RenderedModel {
        model,
        aliases,
        paths,
        diagnostics,
    })
}

/// A clean build's way: each page is rendered and handed to `sink` as
/// soon as it is derived, then sheds its HTML, so a large site's pages are
/// never all in memory at once. Problems anywhere still fail the build
/// before anything is published, since `build` commits its staging folder
/// only on success.
fn render_streaming<'a>(
    site: &'a config::Site,
    theme: &render::theme::Theme,
    sources: &'a source::Sources,
    sink: &render::Sink,
) -> Result<RenderedModel<'a>, Vec<Diagnostic>> {
    let (headers, mut diagnostics) = site::read_headers(site, sources, None);
    let renderer = render::Renderer::new(
        site,
        theme,
        headers.listing_path.as_deref(),
        headers.has_dates(),
        None,
    )?;
    let render_and_shed = |page: &mut page::Page| {
        sink(renderer.page(page)?)?;
        page.shed_rendered();
        Ok(())
    };
    let (model, more) = site::derive_pages(site, sources, headers, None, Some(&render_and_shed));
    diagnostics.extend(more);
    let aliases = check_model(&model, &mut diagnostics)?;
    let mut paths: Vec<String> = model.pages.iter().map(|p| p.header.output_file()).collect();
    paths.extend(
        renderer
            .rest(&model, sink, None)
            .map_err(with_earlier(&diagnostics))?,
    );
    Ok(RenderedModel {
        model,
        aliases,
        paths,
        diagnostics,
    })
}

/// Builds a site whose root is `root` into `root/public`.
pub fn default_options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: root.join(layout::OUTPUT_DIR),
        overrides: config::Overrides::default(),
    }
}
