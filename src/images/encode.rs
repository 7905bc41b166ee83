//! Decoding an image (within limits), resizing it and encoding a variant.
//!
//! AVIF is encoded by `ravif` at speed 9 of 1–10 (rav1e's presets are
//! faster the higher the number; the default is 4), so that the first
//! build of a site with many photos stays quick. Speeds were not compared
//! by measurement; the fixture's AVIF variants come out smaller than
//! their JPEG and PNG counterparts at this setting.

use std::io::Cursor;

use fast_image_resize::images::Image;
use fast_image_resize::{PixelType, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{DynamicImage, ExtendedColorType, ImageEncoder, ImageReader, Limits};
use ravif::{Img, RGB8, RGBA8};

use super::{Format, ImageInfo, MAX_SIDE, Variant};

/// AVIF quality (0–100): photos look as the JPEG at 80 does.
const AVIF_QUALITY: f32 = 62.0;
const AVIF_SPEED: u8 = 9;
const JPEG_QUALITY: u8 = 80;
/// The most a decoder may allocate: a 40-megapixel RGBA image and room
/// for its working buffers.
const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// Decodes the image, upright, as 8-bit RGB or RGBA pixels.
pub fn decode(info: &ImageInfo, bytes: &[u8]) -> Result<DynamicImage, String> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), info.format.decoder_format());
    reader.limits(limits);
    let broken = |e: image::ImageError| format!("it cannot be decoded ({e})");
    let mut decoder = reader.into_decoder().map_err(broken)?;
    let orientation = image::ImageDecoder::orientation(&mut decoder).map_err(broken)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(broken)?;
    image.apply_orientation(orientation);
    Ok(match image {
        DynamicImage::ImageRgb8(_) | DynamicImage::ImageRgba8(_) => image,
        other if other.color().has_alpha() => DynamicImage::ImageRgba8(other.to_rgba8()),
        other => DynamicImage::ImageRgb8(other.to_rgb8()),
    })
}

/// The variant `v` of the decoded `image`, encoded.
pub fn render(image: &DynamicImage, v: &Variant) -> Result<Vec<u8>, String> {
    let has_alpha = image.color().has_alpha();
    let pixel_type = if has_alpha {
        PixelType::U8x4
    } else {
        PixelType::U8x3
    };
    let mut resized = Image::new(v.width, v.height, pixel_type);
    let mut options = ResizeOptions::new();
    if v.crop {
        options = options.fit_into_destination(Some((0.5, 0.5)));
    }
    Resizer::new()
        .resize(image, &mut resized, &options)
        .map_err(|e| format!("it cannot be resized ({e})"))?;
    let pixels = resized.buffer();
    let color = if has_alpha {
        ExtendedColorType::Rgba8
    } else {
        ExtendedColorType::Rgb8
    };
    let mut out = Vec::new();
    let failed =
        |e: image::ImageError| format!("its {} variant failed ({e})", v.format.extension());
    match v.format {
        Format::Avif => return avif(pixels, v, has_alpha),
        Format::Jpeg => {
            // JPEG has no transparency: the pixels are flattened as they are.
            let rgb = if has_alpha {
                drop_alpha(pixels)
            } else {
                pixels.to_vec()
            };
            JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                .write_image(&rgb, v.width, v.height, ExtendedColorType::Rgb8)
                .map_err(failed)?;
        }
        Format::Png => PngEncoder::new(&mut out)
            .write_image(pixels, v.width, v.height, color)
            .map_err(failed)?,
        Format::WebP => WebPEncoder::new_lossless(&mut out)
            .write_image(pixels, v.width, v.height, color)
            .map_err(failed)?,
    }
    Ok(out)
}

fn avif(pixels: &[u8], v: &Variant, has_alpha: bool) -> Result<Vec<u8>, String> {
    let encoder = ravif::Encoder::new()
        .with_quality(AVIF_QUALITY)
        .with_alpha_quality(AVIF_QUALITY)
        .with_speed(AVIF_SPEED);
    let (w, h) = (v.width as usize, v.height as usize);
    let encoded = if has_alpha {
        let rgba: Vec<RGBA8> = pixels
            .chunks_exact(4)
            .map(|p| RGBA8::new(p[0], p[1], p[2], p[3]))
            .collect();
        encoder.encode_rgba(Img::new(&rgba[..], w, h))
    } else {
        let rgb: Vec<RGB8> = pixels
            .chunks_exact(3)
            .map(|p| RGB8::new(p[0], p[1], p[2]))
            .collect();
        encoder.encode_rgb(Img::new(&rgb[..], w, h))
    };
    encoded
        .map(|e| e.avif_file)
        .map_err(|e| format!("its AVIF variant failed ({e})"))
}

fn drop_alpha(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect()
}
