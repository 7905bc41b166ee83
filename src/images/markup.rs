//! The `<picture>` a Markdown image of a local raster file becomes.

use super::{Format, ImageInfo, variants};
use crate::html::push_escaped;
use crate::url::BaseUrl;

/// How wide an image is shown: the themes' text column (44–46rem) on a
/// wide screen, the whole width on a phone.
const SIZES: &str = "(min-width: 48rem) 46rem, 100vw";

/// What the `<picture>` of one image needs, its URLs under the base path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// Its path in `content/`.
    pub rel: String,
    pub width: u32,
    pub height: u32,
    pub avif_srcset: String,
    pub srcset: String,
    /// The largest fallback variant, for browsers without `srcset`.
    pub src: String,
    pub mime: &'static str,
}

impl Picture {
    pub fn new(info: &ImageInfo, widths: &[u32], base: &BaseUrl) -> Picture {
        let all = variants(info, widths);
        let srcset = |avif: bool| {
            all.iter()
                .filter(|v| (v.format == Format::Avif) == avif)
                .map(|v| format!("{} {}w", srcset_url(base, &v.path), v.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let largest = all.iter().rev().find(|v| v.format != Format::Avif);
        Picture {
            rel: info.rel.clone(),
            width: info.width,
            height: info.height,
            avif_srcset: srcset(true),
            srcset: srcset(false),
            src: largest
                .map(|v| srcset_url(base, &v.path))
                .unwrap_or_default(),
            mime: info.format.mime(),
        }
    }
}

/// A URL as `srcset` lists it: spaces and commas separate its entries, so
/// they are escaped in names.
fn srcset_url(base: &BaseUrl, path: &str) -> String {
    base.url(path).replace(' ', "%20").replace(',', "%2C")
}

/// The HTML of `picture`: sized so the page does not shift as it loads,
/// and loaded lazily unless it is the article's first image (`eager`),
/// which is likely in view when the page opens.
pub fn picture_html(picture: &Picture, alt: &str, title: Option<&str>, eager: bool) -> String {
    let mut out = String::with_capacity(300 + 2 * picture.srcset.len());
    out.push_str("<picture><source type=\"image/avif\" srcset=\"");
    push_escaped(&mut out, &picture.avif_srcset);
    out.push_str(&format!(
        "\" sizes=\"{SIZES}\"><source type=\"{}\" srcset=\"",
        picture.mime
    ));
    push_escaped(&mut out, &picture.srcset);
    out.push_str(&format!("\" sizes=\"{SIZES}\"><img src=\""));
    push_escaped(&mut out, &picture.src);
    out.push_str("\" alt=\"");
    push_escaped(&mut out, alt);
    out.push('"');
    if let Some(title) = title.filter(|t| !t.is_empty()) {
        out.push_str(" title=\"");
        push_escaped(&mut out, title);
        out.push('"');
    }
    out.push_str(&format!(
        " width=\"{}\" height=\"{}\"",
        picture.width, picture.height
    ));
    if !eager {
        out.push_str(" loading=\"lazy\"");
    }
    out.push_str(" decoding=\"async\"></picture>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_offers_avif_then_the_original_format() {
        let info = ImageInfo {
            rel: "a b.png".into(),
            width: 600,
            height: 300,
            format: Format::Png,
            key: "0123456789".into(),
        };
        let base = BaseUrl::parse("https://u.github.io/repo/").unwrap();
        let picture = Picture::new(&info, &[480, 960], &base);
        let html = picture_html(&picture, "A \"roller\"", None, false);
        assert_eq!(
            html,
            "<picture><source type=\"image/avif\" srcset=\"/repo/a%20b.0123456789.480.avif 480w, /repo/a%20b.0123456789.600.avif 600w\" sizes=\"(min-width: 48rem) 46rem, 100vw\">\
             <source type=\"image/png\" srcset=\"/repo/a%20b.0123456789.480.png 480w, /repo/a%20b.0123456789.600.png 600w\" sizes=\"(min-width: 48rem) 46rem, 100vw\">\
             <img src=\"/repo/a%20b.0123456789.600.png\" alt=\"A &quot;roller&quot;\" width=\"600\" height=\"300\" loading=\"lazy\" decoding=\"async\"></picture>"
        );
        let first = picture_html(&picture, "x", Some("t"), true);
        assert!(first.contains("title=\"t\" width=\"600\" height=\"300\" decoding=\"async\">"));
    }
}
