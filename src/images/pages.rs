//! The variants the pages of a build use, made (or taken from the cache)
//! once every page is derived, with any image that fails to decode
//! reported where a page first shows it.

use std::collections::BTreeMap;

use super::{Job, og_variant, produce, variants};
use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;
use crate::site::SiteModel;
use crate::source::Sources;

/// What the image step of a build made.
#[derive(Debug, Default)]
pub struct ImageFiles {
    /// Variants for the output.
    pub files: Vec<OutputFile>,
    /// Variants encoded in this build, by their names in the cache.
    pub encoded: Vec<OutputFile>,
    /// The name in the cache of every variant the pages use, encoded now
    /// or copied: what a build keeps when it cleans the cache.
    pub used: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Makes the variants of every image the model's pages show. With
/// `only_check` (for `check`), uncached images are decoded to find broken
/// ones, and nothing is encoded.
pub fn for_pages(model: &SiteModel, sources: &Sources, only_check: bool) -> ImageFiles {
    let cache = &sources.image_cache;
    let used = used_images(model);
    if used.is_empty() {
        return ImageFiles::default();
    }
    let widths = &model.site.images.widths;
    let mut jobs = Vec::with_capacity(used.len());
    let mut shown_at = Vec::with_capacity(used.len());
    for (rel, use_) in &used {
        let Some(probed) = model.images.images.get(rel) else {
            continue;
        };
        // Images whose header failed were reported where they are shown.
        let Ok((info, _)) = &probed.info else {
            continue;
        };
        let mut wanted = if use_.in_body {
            variants(info, widths)
        } else {
            Vec::new()
        };
        if use_.shared {
            wanted.push(og_variant(info));
        }
        jobs.push(Job {
            info,
            bytes: probed.bytes,
            variants: wanted,
        });
        shown_at.push(use_.first);
    }
    let made = produce(&jobs, &|name| cache.get(name), only_check);
    let in_cache = jobs
        .iter()
        .flat_map(|job| job.variants.iter().map(|v| v.cache_name.clone()))
        .collect();
    let diagnostics = made
        .failures
        .into_iter()
        .map(|(job, why)| {
            let (page, offset) = shown_at[job];
            let header = &model.pages[page].header;
            let message = format!("the image `{}` cannot be used: {why}", jobs[job].info.rel);
            let d = match offset {
                Some(offset) => {
                    let d = Diagnostic::error(&header.file.path, message);
                    crate::site::at_body_offset(sources, header, d, offset)
                }
                None => {
                    let at = [crate::yaml::Step::Key("image")];
                    crate::frontmatter::error_at(&header.file, &header.split(), &at, message)
                }
            };
            d.with_help(
                "open the file in an image editor and export it again as a JPEG, PNG or WebP",
            )
        })
        .collect();
    ImageFiles {
        files: made.files,
        encoded: made.encoded,
        used: in_cache,
        diagnostics,
    }
}

/// How the pages use one image.
struct Use {
    /// The first page using it, and where its body shows it (`None`: only
    /// its front matter's `image:` names it).
    first: (usize, Option<usize>),
    /// Shown in a body: its `<picture>` variants are needed.
    in_body: bool,
    /// Some page's sharing image: its 1200×630 variant is needed.
    shared: bool,
}

/// Each image the pages use once, in a stable order.
fn used_images<'m>(model: &'m SiteModel) -> BTreeMap<&'m str, Use> {
    let mut used: BTreeMap<&str, Use> = BTreeMap::new();
    for (i, page) in model.pages.iter().enumerate() {
        for (rel, offset) in &page.outline.images {
            let use_ = used.entry(rel.as_str()).or_insert(Use {
                first: (i, Some(*offset)),
                in_body: true,
                shared: false,
            });
            use_.in_body = true;
        }
        if let Some(og) = &page.outline.og_image {
            let use_ = used.entry(og.rel.as_str()).or_insert(Use {
                first: (i, None),
                in_body: false,
                shared: true,
            });
            use_.shared = true;
        }
    }
    used
}
