//! faqpress: a static site generator for Q&A articles.
//!
//! A build is a short pipeline of steps, each a module: `source` (read
//! files) → `config` (settings) → `site` (front matter, then Markdown,
//! Q&A, TOC and `components`) → `plan` (every output path) → `render`
//! (Tera) → `publish` (sitemap, feed, hosting files, redirects) → `output`
//! (write). Only the first and the last touch the disk; [`pipeline`]
//! runs the steps between them, for `build`, `check` and `serve` alike.

// Errors are `Diagnostic`s carried by value: they are the cold path, and
// boxing every one would add noise to each stage for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod checklist;
pub mod components;
pub mod config;
pub mod css;
pub mod date;
pub mod diagnostics;
pub mod frontmatter;
pub mod html;
pub mod i18n;
pub mod images;
pub mod layout;
pub mod links;
pub mod locale;
pub mod markdown;
pub mod ordered;
pub mod output;
pub mod page;
pub mod pipeline;
pub mod plan;
pub mod pricing;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod trust;
pub mod url;
pub mod verified;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use diagnostics::Diagnostic;

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
    /// Image variants encoded (the others came from the cache).
    pub images_encoded: usize,
}

/// What rendering a site produced, besides the files themselves.
#[derive(Debug)]
pub struct Rendered {
    pub pages: usize,
    /// Every output path of the site, including files a memo kept.
    pub paths: Vec<String>,
    pub warnings: Vec<Diagnostic>,
    /// How many image variants were encoded rather than taken from the cache.
    pub images_encoded: usize,
    /// Those variants, by their names in the image cache, for
    /// [`output::store_images`] to keep.
    pub image_cache: Vec<output::OutputFile>,
    /// The names in the image cache of every variant the site uses.
    pub image_cache_used: Vec<String>,
    /// A search index left to make off the render (`serve` only).
    pub search_pending: Option<search::Pending>,
}

/// What `serve` keeps from one render to the next so that it redoes only
/// what a change affects: parsed pages ([`site::PageMemo`]), rendered
/// ones ([`render::RenderMemo`]), publishing fragments and the search
/// index's documents.
#[derive(Debug, Default)]
pub struct Memo {
    pub pages: site::PageMemo,
    pub render: render::RenderMemo,
    pub publish: publish::PublishMemo,
    pub search: search::SearchMemo,
}

/// Builds the site into `options.output`. On any error the output is left
/// as it was and every diagnostic found is returned, warnings included.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    output::check_location(&options.root, &options.output).map_err(|d| vec![d])?;
    let sources = source::load_front_matter(&options.root)?;
    let staging = output::Staging::create(&options.root, &options.output).map_err(|d| vec![d])?;
    let sink = |file| staging.write(&file);
    let rendered = staging.settle(render(&sources, &options.overrides, &sink, None))?;
    let notes = staging.notes().to_vec();
    if let Err(d) = staging.commit() {
        let mut all = rendered.warnings;
        all.push(d);
        return Err(all);
    }
    let mut warnings = rendered.warnings;
    // The site is built; a cache that cannot be written only costs the
    // next build the encoding.
    warnings.extend(output::store_images(&options.root, &rendered.image_cache));
    // Variants of images no page shows any more (or of older settings)
    // would pile up in the cache forever; a build knows every one it uses.
    warnings.extend(output::prune_images(
        &options.root,
        &rendered.image_cache_used,
    ));
    Ok(BuildReport {
        pages: rendered.pages,
        files: rendered.paths.len(),
        warnings,
        notes,
        images_encoded: rendered.images_encoded,
    })
}

/// Everything between reading and writing, with the output files kept in
/// memory, sorted by path.
pub fn render_to_memory(
    sources: &source::Sources,
    overrides: &config::Overrides,
) -> Result<(Rendered, Vec<output::OutputFile>), Vec<Diagnostic>> {
    let collected = Mutex::new(Vec::new());
    let sink = |file| {
        collected
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file);
        Ok(())
    };
    let rendered = render(sources, overrides, &sink, None)?;
    let mut files = collected.into_inner().unwrap_or_else(|e| e.into_inner());
    // Pages arrive in whatever order the threads finish them.
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((rendered, files))
}

/// From sources in memory to output files handed to `sink` one by one.
/// With a `memo` of the last render, only what changed since is redone:
/// files it did not redo are not handed to `sink` again, but their paths
/// are in [`Rendered::paths`].
pub fn render(
    sources: &source::Sources,
    overrides: &config::Overrides,
    sink: &render::Sink,
    memo: Option<&mut Memo>,
) -> Result<Rendered, Vec<Diagnostic>> {
    pipeline::run(sources, overrides, sink, memo, None)
}

/// Builds a site whose root is `root` into `root/public`.
pub fn default_options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: root.join(layout::OUTPUT_DIR),
        overrides: config::Overrides::default(),
    }
}
