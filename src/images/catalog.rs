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

/// What the last catalog's probes found, for `serve`. Probing hashes every
/// byte of an image, which for a site of large photos is most of a
/// rebuild; an image whose bytes are the very buffer read last time (a
/// refresh re-reads only the files that changed) is not probed again.
#[derive(Debug, Default)]
pub struct ProbeMemo {
    probes: HashMap<String, Kept>,
    /// How many images the last catalog took from the memo.
    pub reused: usize,
}

/// The bytes an image was probed from, and what the probe found.
type Kept = (Arc<[u8]>, Result<ImageInfo, String>);

impl ProbeMemo {
    fn recall(&self, rel: &str, bytes: &Arc<[u8]>) -> Option<Result<ImageInfo, String>> {
        let (kept, info) = self.probes.get(rel)?;
        Arc::ptr_eq(kept, bytes).then(|| info.clone())
    }
}

impl<'a> Catalog<'a> {
    /// Reads the header of every image among `assets` (through `memo` when
    /// given); a site without images does no work here.
    pub fn new(
        assets: &'a [Asset],
        widths: &[u32],
        base: &BaseUrl,
        memo: Option<&mut ProbeMemo>,
    ) -> Catalog<'a> {
        let known = memo.as_deref();
        let images: HashMap<&str, Probed> = assets
            .par_iter()
            .filter_map(|a| a.image.as_ref().map(|bytes| (a.rel.as_str(), bytes)))
            .map(|(rel, bytes)| {
                let recalled = known.and_then(|m| m.recall(rel, bytes));
                let info = recalled.unwrap_or_else(|| probe(rel, bytes)).map(|info| {
                    let picture = Arc::new(Picture::new(&info, widths, base));
                    (info, picture)
                });
                (rel, Probed { bytes, info })
            })
            .collect();
        if let Some(memo) = memo {
            let before = std::mem::take(&mut memo.probes);
            memo.reused = 0;
            for a in assets {
                let (Some(bytes), Some(probed)) = (&a.image, images.get(a.rel.as_str())) else {
                    continue;
                };
                if before
                    .get(&a.rel)
                    .is_some_and(|(kept, _)| Arc::ptr_eq(kept, bytes))
                {
                    memo.reused += 1;
                }
                let info = match &probed.info {
                    Ok((info, _)) => Ok(info.clone()),
                    Err(why) => Err(why.clone()),
                };
                memo.probes.insert(a.rel.clone(), (Arc::clone(bytes), info));
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Arc<[u8]> {
        let mut bytes = Vec::new();
        image::RgbImage::from_pixel(width, height, image::Rgb([200, 40, 40]))
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        bytes.into()
    }

    fn asset(rel: &str, bytes: &Arc<[u8]>) -> Asset {
        Asset {
            rel: rel.to_string(),
            source: std::path::PathBuf::new(),
            image: Some(Arc::clone(bytes)),
        }
    }

    fn info<'c>(catalog: &'c Catalog, rel: &str) -> &'c ImageInfo {
        &catalog.images[rel].info.as_ref().unwrap().0
    }

    #[test]
    fn the_memo_reuses_probes_of_the_same_bytes_only() {
        let base = BaseUrl::parse("https://example.com/").unwrap();
        let (a, b) = (png(40, 20), png(30, 30));
        let mut memo = ProbeMemo::default();
        let assets = vec![asset("a.png", &a), asset("b.png", &b)];
        let first = Catalog::new(&assets, &[480], &base, Some(&mut memo));
        assert_eq!(memo.reused, 0);
        let first_a = info(&first, "a.png").clone();

        // `b.png` re-read (a new buffer with other bytes); `a.png` untouched.
        let b2 = png(50, 10);
        let assets = vec![asset("a.png", &a), asset("b.png", &b2)];
        let second = Catalog::new(&assets, &[480], &base, Some(&mut memo));
        assert_eq!(memo.reused, 1);
        assert_eq!(info(&second, "a.png"), &first_a);
        assert_eq!(
            (info(&second, "b.png").width, info(&second, "b.png").height),
            (50, 10)
        );
        // The memo never answers for bytes it has not seen.
        let clean = Catalog::new(&assets, &[480], &base, None);
        assert_eq!(info(&clean, "b.png"), info(&second, "b.png"));
    }
}
