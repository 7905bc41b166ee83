//! `sitemap.xml` and the `robots.txt` that points search engines at it.

use super::{Entry, push_xml_text};
use crate::layout;
use crate::output::OutputFile;
use crate::url::BaseUrl;

/// The sitemap protocol's limits for one file: 50,000 URLs and 50 MB
/// (52,428,800 bytes) uncompressed (<https://www.sitemaps.org/protocol.html>).
/// A larger site gets several files and an index naming them.
pub const LIMITS: Limits = Limits {
    urls: 50_000,
    bytes: 50 * 1024 * 1024,
};

/// How much one sitemap file may hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub urls: usize,
    pub bytes: usize,
}

/// Every published page with its absolute URL and, when known, the date
/// it last changed. Only called when the base URL has a host: the sitemap
/// protocol accepts nothing but absolute URLs.
///
/// `fragments` are the entries' [`url_xml`] (made once per page and kept
/// by `serve` between rebuilds).
/// With `alternates` (a site with translations), entries may carry
/// `xhtml:link` alternates, whose namespace the root then declares.
///
/// Within `limits` this is one `sitemap.xml`. Beyond them the URLs go into
/// `sitemap-1.xml`, `sitemap-2.xml`… and `sitemap.xml` is their index, so
/// `robots.txt` and search consoles keep pointing at one address.
pub fn sitemaps<S: AsRef<str>>(
    fragments: &[S],
    alternates: bool,
    base: &BaseUrl,
    limits: Limits,
) -> Vec<OutputFile> {
    let open = urlset_open(alternates);
    let close = "</urlset>\n";
    let room = limits.bytes.saturating_sub(open.len() + close.len());
    let mut parts: Vec<String> = Vec::new();
    let (mut urls, mut bytes) = (0, 0);
    for fragment in fragments {
        let fragment = fragment.as_ref();
        let full = urls == limits.urls || bytes + fragment.len() > room;
        match parts.last_mut() {
            Some(part) if !full => part.push_str(fragment),
            // The first part, or the next one: a part holds at least one
            // URL, however long.
            _ => {
                parts.push(open.clone() + fragment);
                (urls, bytes) = (0, 0);
            }
        }
        urls += 1;
        bytes += fragment.len();
    }
    if parts.len() <= 1 {
        let mut xml = parts.pop().unwrap_or(open);
        xml.push_str(close);
        return vec![OutputFile::text(layout::SITEMAP, xml)];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::with_capacity(parts.len() + 1);
    for (n, mut xml) in parts.into_iter().enumerate() {
        let name = part_name(n + 1);
        index.push_str("  <sitemap>\n    <loc>");
        push_xml_text(&mut index, &base.absolute(&name));
        index.push_str("</loc>\n  </sitemap>\n");
        xml.push_str(close);
        files.push(OutputFile::text(name, xml));
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile::text(layout::SITEMAP, index));
    files
}

/// `sitemap-3.xml`: the third file of a sitemap too large for one.
pub fn part_name(n: usize) -> String {
    let stem = layout::SITEMAP.trim_end_matches(".xml");
    format!("{stem}-{n}.xml")
}

/// Whether `path` is a name [`part_name`] gives (`sitemap-<n>.xml`): any
/// site may grow past the limits, so no alias may take one.
pub fn is_part_name(path: &str) -> bool {
    let stem = layout::SITEMAP.trim_end_matches(".xml");
    path.strip_prefix(stem)
        .and_then(|rest| rest.strip_prefix('-'))
        .and_then(|rest| rest.strip_suffix(".xml"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn urlset_open(alternates: bool) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
    );
    if alternates {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    xml
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

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> BaseUrl {
        BaseUrl::parse("https://example.org/repo/").unwrap()
    }

    fn text(file: &OutputFile) -> &str {
        match &file.contents {
            crate::output::Contents::Bytes(b) => std::str::from_utf8(b).unwrap(),
            crate::output::Contents::Copy(_) => panic!("{} is a copy", file.path),
        }
    }

    fn fragment(n: usize) -> String {
        format!("  <url>\n    <loc>https://example.org/repo/a-{n}/</loc>\n  </url>\n")
    }

    #[test]
    fn a_site_within_the_limits_has_one_sitemap() {
        let fragments: Vec<String> = (0..3).map(fragment).collect();
        let files = sitemaps(
            &fragments,
            false,
            &base(),
            Limits {
                urls: 3,
                bytes: 10_000,
            },
        );
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, "sitemap.xml");
        let xml = text(&files[0]);
        assert!(xml.contains("<urlset"), "{xml}");
        assert_eq!(xml.matches("<url>").count(), 3);
    }

    #[test]
    fn an_empty_site_still_has_a_well_formed_sitemap() {
        let files = sitemaps::<&str>(&[], false, &base(), LIMITS);
        assert_eq!(files.len(), 1);
        assert!(text(&files[0]).ends_with("\">\n</urlset>\n"));
    }

    #[test]
    fn more_urls_than_one_file_may_hold_go_into_parts_named_by_an_index() {
        let fragments: Vec<String> = (0..7).map(fragment).collect();
        let files = sitemaps(
            &fragments,
            true,
            &base(),
            Limits {
                urls: 3,
                bytes: 10_000,
            },
        );
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let counts: Vec<usize> = files[..3]
            .iter()
            .map(|f| text(f).matches("<url>").count())
            .collect();
        assert_eq!(counts, [3, 3, 1]);
        // Every URL is in exactly one part, in order.
        let all: String = files[..3].iter().map(text).collect();
        for n in 0..7 {
            assert_eq!(all.matches(&format!("/a-{n}/<")).count(), 1, "a-{n}");
        }
        assert!(text(&files[0]).contains("xmlns:xhtml="));
        let index = text(&files[3]);
        let doc = roxmltree::Document::parse(index).expect("the index is well-formed");
        let locs: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(
            locs,
            [
                "https://example.org/repo/sitemap-1.xml",
                "https://example.org/repo/sitemap-2.xml",
                "https://example.org/repo/sitemap-3.xml"
            ]
        );
        assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
    }

    #[test]
    fn a_part_never_passes_the_byte_limit() {
        let fragments: Vec<String> = (0..10).map(fragment).collect();
        let one = fragments[0].len();
        let limit = urlset_open(false).len() + "</urlset>\n".len() + 3 * one + 1;
        let files = sitemaps(
            &fragments,
            false,
            &base(),
            Limits {
                urls: 100,
                bytes: limit,
            },
        );
        assert_eq!(files.len(), 5, "four parts and the index");
        for part in &files[..4] {
            assert!(
                text(part).len() <= limit,
                "{} is {} bytes",
                part.path,
                text(part).len()
            );
        }
    }

    #[test]
    fn part_names_are_recognised() {
        assert!(is_part_name(&part_name(1)));
        assert!(is_part_name("sitemap-12.xml"));
        for other in [
            "sitemap.xml",
            "sitemap-.xml",
            "sitemap-1a.xml",
            "a/sitemap-1.xml",
        ] {
            assert!(!is_part_name(other), "{other}");
        }
    }
}
