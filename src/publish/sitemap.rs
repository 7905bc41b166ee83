//! `sitemap.xml` and the `robots.txt` that points search engines at it.

use super::{Entry, push_xml_text};
use crate::layout;
use crate::output::OutputFile;
use crate::url::BaseUrl;

/// Every published page with its absolute URL and, when known, the date
/// it last changed. Only called when the base URL has a host: the sitemap
/// protocol accepts nothing but absolute URLs.
///
/// `fragments` are the entries' [`url_xml`] (made once per page and kept
/// by `serve` between rebuilds).
/// With `alternates` (a site with translations), entries may carry
/// `xhtml:link` alternates, whose namespace the root then declares.
pub fn sitemap<S: AsRef<str>>(fragments: &[S], alternates: bool) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
    );
    if alternates {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    for fragment in fragments {
        xml.push_str(fragment.as_ref());
    }
    xml.push_str("</urlset>\n");
    OutputFile::text(layout::SITEMAP, xml)
}

/// One page's `<url>` element.
pub fn url_xml(entry: &Entry, base: &BaseUrl) -> String {
    let mut xml = String::from("  <url>\n    <loc>");
    push_xml_text(&mut xml, &base.absolute(entry.path));
    xml.push_str("</loc>\n");
    if let Some(date) = entry.modified {
        xml.push_str(&format!("    <lastmod>{date}</lastmod>\n"));
    }
    // Every version names all of them, itself included, as search engines
    // expect of `hreflang` alternates.
    for version in entry.versions {
        xml.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"");
        push_xml_text(&mut xml, &version.language);
        xml.push_str("\" href=\"");
        push_xml_text(&mut xml, &base.absolute(&version.path));
        xml.push_str("\"/>\n");
    }
    xml.push_str("  </url>\n");
    xml
}

/// Allows everything and names the sitemap when there is one. Crawlers
/// read `robots.txt` only at a host's root, so under a sub-path (GitHub
/// project pages) this file is harmless but unread.
pub fn robots(base: &BaseUrl, has_sitemap: bool) -> OutputFile {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if has_sitemap {
        text.push_str(&format!("\nSitemap: {}\n", base.absolute(layout::SITEMAP)));
    }
    OutputFile::text(layout::ROBOTS, text)
}
