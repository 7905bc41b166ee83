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

/// Builds the site into `options.output`. On any error the output is left
/// as it was and every diagnostic found is returned, warnings included.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    output::check_location(&options.root, &options.output).map_err(|d| vec![d])?;
    let sources = source::load(&options.root)?;
    let staging = output::Staging::create(&options.output).map_err(|d| vec![d])?;
    let (pages, files, diagnostics) =
        render_sources_into(&sources, &options.overrides, &|file| staging.write(&file))?;
    if let Err(d) = staging.commit() {
        let mut all = diagnostics;
        all.push(d);
        return Err(all);
    }
    Ok(BuildReport {
        pages,
        files,
        warnings: diagnostics,
    })
}

/// Everything between reading and writing, with the output files kept in
/// memory (for `serve`). Returns (pages, files, warnings).
pub fn render_sources(
    sources: &source::Sources,
    overrides: &config::Overrides,
) -> Result<(usize, Vec<output::OutputFile>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let collected = Mutex::new(Vec::new());
    let (pages, _, diagnostics) = render_sources_into(sources, overrides, &|file| {
        collected
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file);
        Ok(())
    })?;
    let mut files = collected.into_inner().unwrap_or_else(|e| e.into_inner());
    // Pages arrive in whatever order the threads finish them.
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((pages, files, diagnostics))
}

/// From sources in memory to output files handed to `sink` one by one.
/// Returns (pages, files, warnings).
pub fn render_sources_into(
    sources: &source::Sources,
    overrides: &config::Overrides,
    sink: &render::Sink,
) -> Result<(usize, usize, Vec<Diagnostic>), Vec<Diagnostic>> {
    let site = config::parse(&sources.config, overrides).map_err(|d| vec![d])?;
    let theme = render::theme::select(
        &site.theme,
        &sources.templates,
        &sources.themes,
        &sources.config,
    )
    .map_err(|d| vec![d])?;
    let (model, mut diagnostics) = site::assemble(&site, sources);
    let (aliases, alias_problems) = publish::aliases::resolve(&model);
    diagnostics.extend(alias_problems);
    diagnostics::sort(&mut diagnostics);
    if has_errors(&diagnostics) {
        return Err(diagnostics);
    }
    let written = render::render_site(&model, &theme, sink).map_err(|mut errors| {
        errors.extend(diagnostics.iter().cloned());
        errors
    })?;
    let (published, warnings) = publish::files(&model, &aliases, &written);
    let mut files = written.len();
    for file in published {
        sink(file).map_err(|d| vec![d])?;
        files += 1;
    }
    diagnostics.extend(warnings);
    Ok((model.pages.len(), files, diagnostics))
}

/// Builds a site whose root is `root` into `root/public`.
pub fn default_options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: root.join("public"),
        overrides: config::Overrides::default(),
    }
}
