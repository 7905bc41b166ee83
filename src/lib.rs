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

/// Builds the site into `options.output`. On any error nothing is written
/// and every diagnostic found is returned, warnings included.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    output::check_location(&options.root, &options.output).map_err(|d| vec![d])?;
    let sources = source::load(&options.root)?;
    let (pages, files, mut diagnostics) = render_sources(&sources, &options.overrides)?;
    if let Err(d) = output::write(&options.output, &files) {
        diagnostics.push(d);
        return Err(diagnostics);
    }
    Ok(BuildReport {
        pages,
        files: files.len(),
        warnings: diagnostics,
    })
}

/// Everything between reading and writing: from sources in memory to the
/// output files in memory. Returns (pages, files, warnings).
pub fn render_sources(
    sources: &source::Sources,
    overrides: &config::Overrides,
) -> Result<(usize, Vec<output::OutputFile>, Vec<Diagnostic>), Vec<Diagnostic>> {
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
    let mut files = render::render_site(&model, &theme).map_err(|mut errors| {
        errors.extend(diagnostics.iter().cloned());
        errors
    })?;
    let (published, warnings) = publish::files(&model, &aliases, &files);
    files.extend(published);
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
