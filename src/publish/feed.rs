//! `atom.xml`: an Atom feed of the dated articles, newest first.

use super::{Entry, push_xml_text, xml_text};
use crate::config::{Site, Translation};
use crate::layout;
use crate::output::OutputFile;
use crate::url::BaseUrl;

/// The feed of the newest `site.feed_limit` articles (every one when it
/// is 0), or `None` when no article has a date: Atom needs an `updated`
/// time on every entry, and a feed of undated pages would tell readers
/// nothing. Only called when the base URL has a host, since entry ids
/// must be absolute.
pub fn feed(entries: &[Entry], site: &Site) -> Option<OutputFile> {
    feed_in(entries, site, None)
}

/// The feed of the articles in the translation language `t` (`None`: the
/// site's own language), at `de/atom.xml` for `de`.
pub fn feed_in(entries: &[Entry], site: &Site, t: Option<&Translation>) -> Option<OutputFile> {
    let base = &site.base_url;
    let language = t.map(|t| t.tag.as_str());
    let mut dated: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.is_article && e.modified.is_some())
        .filter(|e| {
            e.page
                .is_some_and(|p| p.header.language.as_deref() == language)
        })
        .collect();
    // Newest first; the path keeps equal dates in a stable order.
    let newest_first =
        |a: &&Entry, b: &&Entry| b.modified.cmp(&a.modified).then(a.path.cmp(b.path));
    let limit = match site.feed_limit {
        0 => dated.len(),
        n => n.min(dated.len()),
    };
    if limit > 0 && limit < dated.len() {
        // Only the newest are written: no need to sort the rest.
        dated.select_nth_unstable_by(limit - 1, newest_first);
        dated.truncate(limit);
    }
    dated.sort_by(newest_first);
    let newest = dated.first()?.modified?;
    let author = site.author.as_deref().unwrap_or(&site.title);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_text(site.language_of(language))
    ));
    xml.push_str(&format!("  <title>{}</title>\n", xml_text(&site.title)));
    if !site.description.is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            xml_text(&site.description)
        ));
    }
    let prefix = t.map_or("", |t| t.prefix.as_str());
    let path = format!("{prefix}{}", layout::FEED);
    let home = xml_text(&base.absolute(prefix));
    xml.push_str(&format!("  <id>{home}</id>\n"));
    xml.push_str(&format!("  <link href=\"{home}\"/>\n"));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_text(&base.absolute(&path))
    ));
    xml.push_str(&format!("  <updated>{}</updated>\n", newest.rfc3339()));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_text(author)
    ));
    for entry in dated {
        xml.push_str(&entry_xml(entry, base));
    }
    xml.push_str("</feed>\n");
    Some(OutputFile::text(path, xml))
}

/// One article's `<entry>` element.
pub fn entry_xml(entry: &Entry, base: &BaseUrl) -> String {
    let summary = entry.summary();
    let mut xml = String::with_capacity(256 + summary.len());
    let url = xml_text(&base.absolute(entry.path));
    xml.push_str("  <entry>\n    <title>");
    push_xml_text(&mut xml, entry.title);
    xml.push_str("</title>\n    <link href=\"");
    xml.push_str(&url);
    xml.push_str("\"/>\n    <id>");
    xml.push_str(&url);
    xml.push_str("</id>\n");
    if let Some(published) = entry.published {
        xml.push_str("    <published>");
        xml.push_str(&published.rfc3339());
        xml.push_str("</published>\n");
    }
    if let Some(updated) = entry.modified {
        xml.push_str("    <updated>");
        xml.push_str(&updated.rfc3339());
        xml.push_str("</updated>\n");
    }
    if !summary.is_empty() {
        xml.push_str("    <summary>");
        push_xml_text(&mut xml, &summary);
        xml.push_str("</summary>\n");
    }
    xml.push_str("  </entry>\n");
    xml
}
