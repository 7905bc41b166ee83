//! Images editors drop into `content/` (JPEG, PNG, WebP): their size read
//! from the file's header, the resized variants a page's `<picture>`
//! offers (AVIF and the original format, at the widths of `site.yaml`,
//! never upscaled), and the `og:image` of an article.
//!
//! Everything here works on bytes `source` loaded: [`probe`] reads only
//! headers, so a build whose variants are all cached decodes nothing;
//! [`produce`] decodes and encodes what the cache lacks, on all cores.

pub mod catalog;
mod encode;
mod markup;
pub mod pages;
mod produce;

use std::io::Cursor;

use image::{ImageDecoder, ImageFormat, ImageReader, metadata::Orientation};

pub use catalog::{Catalog, ProbeMemo};
pub use markup::{Picture, picture_html};
pub use produce::{Job, Produced, produce};

/// Sides longer than this are refused before decoding: nobody needs one
/// on a web page, and a crafted header would otherwise make the decoder
/// allocate gigabytes.
pub const MAX_SIDE: u32 = 12_000;
/// At most this many pixels (a 40-megapixel photo), for the same reason:
/// decoded, it takes 160 MB, and two are decoded at a time on two cores.
pub const MAX_PIXELS: u64 = 40_000_000;
/// Size of the sharing image (`og:image`) social networks show best.
pub const OG_SIZE: (u32, u32) = (1200, 630);

/// Changes whenever encoding settings change, so that fingerprints (and
/// with them cached variants and browsers' year-long caches) do too.
const ENCODING: &[u8] = b"faqpress-images-1;avif-q62-s9;jpeg-q80;png;webp-lossless";

/// Whether the file `rel` (a path in `content/`) is an image faqpress
/// resizes, by its extension.
pub fn is_raster(rel: &str) -> bool {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(ext.as_deref(), Some("jpg" | "jpeg" | "png" | "webp"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Avif,
    Jpeg,
    Png,
    WebP,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Avif => "avif",
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Avif => "image/avif",
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::WebP => "image/webp",
        }
    }

    fn decoder_format(self) -> ImageFormat {
        match self {
            Format::Avif => ImageFormat::Avif,
            Format::Jpeg => ImageFormat::Jpeg,
            Format::Png => ImageFormat::Png,
            Format::WebP => ImageFormat::WebP,
        }
    }
}

/// What the header of an image says, and its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageInfo {
    /// Its path in `content/` (and in the output).
    pub rel: String,
    /// As displayed: after the EXIF orientation a phone wrote.
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// A hash of its bytes and of the encoding settings.
    pub key: String,
}

/// Reads the size of the image `rel` from its header, refusing files that
/// are not a JPEG, PNG or WebP image and images too large to decode.
/// Returns why it was refused otherwise.
pub fn probe(rel: &str, bytes: &[u8]) -> Result<ImageInfo, String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let format = match reader.format() {
        Some(ImageFormat::Jpeg) => Format::Jpeg,
        Some(ImageFormat::Png) => Format::Png,
        Some(ImageFormat::WebP) => Format::WebP,
        _ => return Err("it is not a JPEG, PNG or WebP image".to_string()),
    };
    if format == Format::Jpeg && !has_jpeg_end(bytes) {
        return Err(
            "it is cut short (a JPEG ends with an end-of-image marker, and this one has none)"
                .to_string(),
        );
    }
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| format!("its header cannot be read ({e})"))?;
    let (width, height) = decoder.dimensions();
    check_size(width, height)?;
    // A photo that is not upright says how to turn it: the page must show
    // it as the camera's viewer does, width and height swapped.
    let turned = matches!(
        decoder.orientation().unwrap_or(Orientation::NoTransforms),
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    let (width, height) = if turned {
        (height, width)
    } else {
        (width, height)
    };
    let mut keyed = Vec::with_capacity(bytes.len() + ENCODING.len());
    keyed.extend_from_slice(ENCODING);
    keyed.extend_from_slice(bytes);
    Ok(ImageInfo {
        rel: rel.to_string(),
        width,
        height,
        format,
        key: crate::plan::fingerprint(&keyed),
    })
}

/// Whether a JPEG file has its end-of-image marker (`FF D9`) near its end.
/// The decoder fills a file cut short with grey rather than failing, and a
/// half-grey photo must not reach readers. Within the compressed data a
/// `FF` byte is always followed by `00` or a restart marker, so the pair
/// is the real end (some cameras write a few bytes after it).
fn has_jpeg_end(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    tail.windows(2).any(|w| w == [0xFF, 0xD9])
}

fn check_size(width: u32, height: u32) -> Result<(), String> {
    if width == 0 || height == 0 {
        return Err("it has no pixels".to_string());
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "it is {width}×{height} pixels, larger than faqpress decodes (at most {MAX_SIDE} pixels a side and {} megapixels)",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// One file made from an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Where it goes in the output: `guides/photo.<key>.480.avif`.
    pub path: String,
    /// Its name in the cache: `<key>.480.avif`.
    pub cache_name: String,
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// Cut to fill `width`×`height` (the sharing image) rather than scaled.
    pub crop: bool,
}

/// The widths an image `width` wide is offered at: each of `widths`
/// narrower than it, and its own width when a configured one is wider
/// (an image is never enlarged).
pub fn variant_widths(widths: &[u32], width: u32) -> Vec<u32> {
    let mut out: Vec<u32> = widths.iter().copied().filter(|w| *w < width).collect();
    if widths.iter().any(|w| *w >= width) {
        out.push(width);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The format a variant falls back to where AVIF is not supported: the
/// original's.
fn fallback(info: &ImageInfo) -> Format {
    info.format
}

/// The `<picture>` variants of an image: each width in AVIF and in the
/// fallback format.
pub fn variants(info: &ImageInfo, widths: &[u32]) -> Vec<Variant> {
    variant_widths(widths, info.width)
        .into_iter()
        .flat_map(|w| {
            let h = scaled_height(info, w);
            [Format::Avif, fallback(info)].map(|format| variant(info, w, h, format, false, &w))
        })
        .collect()
}

/// The sharing image: 1200×630, cut from the middle, as a JPEG (a PNG for
/// a PNG, which may be a drawing that JPEG would blur).
pub fn og_variant(info: &ImageInfo) -> Variant {
    let format = match info.format {
        Format::Png => Format::Png,
        _ => Format::Jpeg,
    };
    variant(info, OG_SIZE.0, OG_SIZE.1, format, true, &"og")
}

fn variant(
    info: &ImageInfo,
    width: u32,
    height: u32,
    format: Format,
    crop: bool,
    label: &dyn std::fmt::Display,
) -> Variant {
    let ext = format.extension();
    let stem = info.rel.rsplit_once('.').map_or(&*info.rel, |(s, _)| s);
    Variant {
        path: format!("{stem}.{}.{label}.{ext}", info.key),
        cache_name: format!("{}.{label}.{ext}", info.key),
        width,
        height,
        format,
        crop,
    }
}

fn scaled_height(info: &ImageInfo, width: u32) -> u32 {
    let h = u64::from(info.height) * u64::from(width) / u64::from(info.width);
    u32::try_from(h).unwrap_or(u32::MAX).max(1)
}

/// Whether `path` is a variant this module names (`<stem>.<key>.<label>.<ext>`),
/// so `_headers` may cache it for a year.
pub fn is_variant(path: &str) -> bool {
    let mut parts = path.rsplitn(4, '.');
    let (Some(ext), Some(_label), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    matches!(ext, "avif" | "jpg" | "png" | "webp")
        && key.len() == 10
        && key.chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_never_enlarged() {
        let widths = [480, 960, 1600];
        assert_eq!(variant_widths(&widths, 1000), vec![480, 960, 1000]);
        assert_eq!(variant_widths(&widths, 300), vec![300]);
        assert_eq!(variant_widths(&widths, 960), vec![480, 960]);
        assert_eq!(variant_widths(&widths, 4000), vec![480, 960, 1600]);
    }

    #[test]
    fn variants_are_named_after_the_image_and_its_key() {
        let info = ImageInfo {
            rel: "guides/photo.jpg".into(),
            width: 600,
            height: 400,
            format: Format::Jpeg,
            key: "0123456789".into(),
        };
        let v = variants(&info, &[480, 960]);
        let paths: Vec<&str> = v.iter().map(|v| v.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "guides/photo.0123456789.480.avif",
                "guides/photo.0123456789.480.jpg",
                "guides/photo.0123456789.600.avif",
                "guides/photo.0123456789.600.jpg"
            ]
        );
        assert_eq!((v[0].width, v[0].height), (480, 320));
        assert!(paths.iter().all(|p| is_variant(p)));
        assert_eq!(og_variant(&info).path, "guides/photo.0123456789.og.jpg");
        assert!(!is_variant("guides/photo.jpg"));
        assert!(!is_variant("style.0123456789.css"));
    }

    #[test]
    fn a_jpeg_cut_short_is_refused() {
        let whole = [0xFF, 0xD8, 0xFF, 0xDA, 1, 2, 3, 0xFF, 0xD9];
        assert!(has_jpeg_end(&whole));
        assert!(!has_jpeg_end(&whole[..6]));
        let error = probe("a.jpg", &whole[..6]).unwrap_err();
        assert!(error.contains("cut short"), "{error}");
    }

    #[test]
    fn a_huge_header_is_refused_before_decoding() {
        assert!(
            check_size(20_000, 20_000)
                .unwrap_err()
                .contains("20000×20000")
        );
        assert!(check_size(8000, 6000).unwrap_err().contains("megapixels"));
        assert!(check_size(6000, 4000).is_ok());
    }
}
