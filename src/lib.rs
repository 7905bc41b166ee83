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
pub mod config;
pub mod date;
pub mod diagnostics;
pub mod frontmatter;
pub mod html;
pub mod links;
pub mod markdown;
pub mod output;
pub mod page;
pub mod pricing;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod source;
pub mod url;
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
}

/// Builds the site into `options.output`. On any error the output is left
/// as it was and every diagnostic found is returned, warnings included.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    output::check_location(&options.root, &options.output).map_err(|d| vec![d])?;
    let sources = source::load(&options.root)?;
    let staging = output::Staging::create(&options.output).map_err(|d| vec![d])?;
    let rendered = render_sources_into(&sources, &options.overrides, &|file| staging.write(&file))?;
    if let Err(d) = staging.commit() {
        let mut all = rendered.warnings;
        all.push(d);
        return Err(all);
    }
    Ok(BuildReport {
        pages: rendered.pages,
        files: rendered.paths.len(),
        warnings: rendered.warnings,
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
    let (page_memo, render_memo) = match memo {
        Some(memo) => (Some(&mut memo.pages), Some(&mut memo.render)),
        None => (None, None),
    };
    let (model, mut diagnostics) = match page_memo {
        Some(memo) => site::assemble_with(&site, sources, memo),
        None => site::assemble(&site, sources),
    };
    let (aliases, alias_problems) = publish::aliases::resolve(&model);
    diagnostics.extend(alias_problems);
    diagnostics::sort(&mut diagnostics);
    if has_errors(&diagnostics) {
        return Err(diagnostics);
    }
    let mut paths =
        render::render_site_with(&model, &theme, sink, render_memo).map_err(|mut errors| {
            errors.extend(diagnostics.iter().cloned());
            errors
        })?;
    let (published, warnings) = publish::files(&model, &aliases, &paths);
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

/// Builds a site whose root is `root` into `root/public`.
pub fn default_options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: root.join("public"),
        overrides: config::Overrides::default(),
    }
}
