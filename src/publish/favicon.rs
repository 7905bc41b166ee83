//! The site's icon: an SVG that themes link to from `meta.html`, and a
//! tiny `favicon.ico` for the clients that ask for `/favicon.ico` anyway
//! (feed readers, old browsers), so they get an icon rather than a 404.

use crate::layout::{FAVICON_ICO, FAVICON_SVG};
use crate::output::OutputFile;

pub const SVG: &str = include_str!("favicon.svg");
/// 16×16 PNG in an ICO container, made to match the SVG.
pub const ICO: &[u8] = include_bytes!("favicon.ico");

/// The icons (a site's own in `content/` replace them: see
/// [`crate::plan::SITE_MAY_REPLACE`]).
pub fn files() -> [OutputFile; 2] {
    [
        OutputFile::text(FAVICON_SVG, SVG.to_string()),
        OutputFile {
            path: FAVICON_ICO.into(),
            contents: crate::output::Contents::Bytes(ICO.to_vec()),
        },
    ]
}
