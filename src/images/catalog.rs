//! Every image of a site faqpress resizes, probed once per build: what
//! links resolve against, and what the variants are made from.

use std::sync::Arc;

use foldhash::HashMap;
use rayon::prelude::*;

use super::{ImageInfo, Picture, probe};
use crate::source::Asset;
use crate::url::BaseUrl;

/// The site's images by their path in `content/`.
#[derive(Debug, Default)]
pub struct Catalog<'a> {
    pub images: HashMap<&'a str, Probed<'a>>,
}

/// One image: its bytes, and its header read (or why it cannot be used).
#[derive(Debug)]
pub struct Probed<'a> {
    pub bytes: &'a [u8],
    pub info: Result<(ImageInfo, Arc<Picture>), String>,
}

impl<'a> Catalog<'a> {
    /// Reads the header of every image among `assets`; a site without
    /// images does no work here.
    pub fn new(assets: &'a [Asset], widths: &[u32], base: &BaseUrl) -> Catalog<'a> {
        let images = assets
            .par_iter()
            .filter_map(|a| a.image.as_deref().map(|bytes| (a.rel.as_str(), bytes)))
            .map(|(rel, bytes)| {
                let info = probe(rel, bytes).map(|info| {
                    let picture = Arc::new(Picture::new(&info, widths, base));
                    (info, picture)
                });
                (rel, Probed { bytes, info })
            })
            .collect();
        Catalog { images }
    }

    /// The `<picture>` of the image `rel`, `None` if it is not one faqpress
    /// resizes, or why it cannot be used.
    pub fn picture(&self, rel: &str) -> Option<Result<Arc<Picture>, String>> {
        let probed = self.images.get(rel)?;
        Some(match &probed.info {
            Ok((_, picture)) => Ok(Arc::clone(picture)),
            Err(why) => Err(why.clone()),
        })
    }
}
