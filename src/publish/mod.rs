//! Files that make a built site publishable as it is: sitemap, robots.txt,
//! feed, favicon, hosting files for GitHub Pages and Netlify, and redirects
//! for old URLs. Each concern is a pure function from the model to
//! `OutputFile`s; `files` gathers them after the pages are rendered.

pub mod aliases;
pub mod favicon;
pub mod feed;
pub mod headers;
pub mod sitemap;

use std::borrow::Cow;

use rayon::prelude::*;
use std::sync::Arc;

use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::layout;
use crate::ordered::OrderedMap;
use crate::output::OutputFile;
use crate::page::Page;
use crate::plan::{OutputPlan, SITE_MAY_REPLACE};
use crate::site::SiteModel;
use crate::url::BaseUrl;

/// A published page as the sitemap and the feed see it.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// Site path: `` for the home page, `aftercare/`.
    pub path: &'a str,
    pub title: &'a str,
    /// What the feed shows of it; see [`Entry::summary`].
    pub summary: Summary<'a>,
    pub published: Option<Date>,
    /// `updated`, else `date`.
    pub modified: Option<Date>,
    /// False for the list of articles.
    pub is_article: bool,
    /// The article's page; `None` for the list of articles.
    pub page: Option<&'a Arc<Page>>,
    /// The article in every language, itself included; empty without
    /// translations.
    pub versions: &'a [crate::plan::Version],
}

/// Every published page, the listings included, in URL order.
pub fn entries<'a>(
    model: &'a SiteModel,
    plan: &'a OutputPlan,
    tag_index: Option<&'a str>,
) -> Vec<Entry<'a>> {
    let mut entries: Vec<Entry> = model
        .pages
        .iter()
        .map(|page| {
            let front = &page.header.front;
            let summary = match &front.description {
                Some(d) => Summary::Written(d),
                None => Summary::FromBody(page.outline.summary.as_deref()),
            };
            Entry {
                path: &page.header.path,
                title: &front.title,
                summary,
                published: front.date,
                modified: front.last_changed(),
                is_article: true,
                page: Some(page),
                versions: plan.translations.versions(&page.header),
            }
        })
        .collect();
    let newest =
        |articles: &mut dyn Iterator<Item = &Entry>| articles.filter_map(|e| e.modified).max();
    let mut lists = Vec::new();
    if let Some(listing) = &model.listing_path {
        let mut entry = list_entry(listing, &model.site.title, newest(&mut entries.iter()));
        entry.summary = Summary::Written(&model.site.description);
        lists.push(entry);
    }
    for (tag, listing) in &plan.translations.listings {
        let language = Some(tag.as_str());
        let mut own = entries.iter().filter(|e| {
            e.page
                .is_some_and(|p| p.header.language.as_deref() == language)
        });
        lists.push(list_entry(
            &listing.path,
            &model.site.title,
            newest(&mut own),
        ));
    }
    if let Some(index) = tag_index {
        lists.push(list_entry(
            index,
            &model.site.title,
            newest(&mut entries.iter()),
        ));
    }
    for tag in &plan.tags {
        let modified = newest(&mut tag.articles.iter().map(|&i| &entries[i]));
        lists.push(list_entry(&tag.listing.path, &tag.name, modified));
    }
    for person in &plan.authors {
        let modified = newest(&mut person.articles.iter().map(|&i| &entries[i]));
        lists.push(list_entry(&person.listing.path, &person.id, modified));
    }
    if !lists.is_empty() {
        entries.extend(lists);
        entries.sort_by(|a, b| a.path.cmp(b.path));
    }
    entries
}

/// An entry's summary as written (the front matter's `description`), or
/// to be cut from the page's first paragraph when it is shown: only the
/// feed shows it, and only for its newest `feed_limit` entries, so a
/// rebuild of a large site does not shorten every page's text.
#[derive(Debug, Clone, Copy)]
pub enum Summary<'a> {
    Written(&'a str),
    FromBody(Option<&'a str>),
}

impl<'a> Entry<'a> {
    /// The summary the feed shows: the description, or the first
    /// paragraph cut at a word after 300 characters.
    pub fn summary(&self) -> Cow<'a, str> {
        match self.summary {
            Summary::Written(text) => Cow::Borrowed(text),
            Summary::FromBody(text) => {
                Cow::Owned(text.map(|t| shorten(t, 300)).unwrap_or_default())
            }
        }
    }
}

/// A page listing articles: the list of all of them, the list of tags, a
/// tag's list.
fn list_entry<'a>(path: &'a str, title: &'a str, modified: Option<Date>) -> Entry<'a> {
    Entry {
        path,
        title,
        summary: Summary::Written(""),
        published: None,
        modified,
        is_article: false,
        page: None,
        versions: &[],
    }
}

/// Every publishing file of the plan, taking each unchanged page's
/// sitemap entry from `memo`, when there is one, rather than
/// writing them again. Returns the files and any warnings.
pub fn files(
    model: &SiteModel,
    plan: &OutputPlan,
    memo: Option<&mut PublishMemo>,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let site = model.site;
    let base = &site.base_url;
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    if plan.sitemap {
        let tag_index = plan.tag_index();
        let entries = entries(model, plan, tag_index.as_deref());
        let fragments = fragments(&entries, base, memo);
        let sitemap_parts: Vec<&str> = fragments.iter().map(|f| &*f.sitemap).collect();
        let alternates = plan.translations.any();
        files.extend(sitemap::sitemaps(
            &sitemap_parts,
            alternates,
            base,
            sitemap::LIMITS,
        ));
        if plan.feed {
            files.extend(feed::feed(&entries, site));
        }
        for (tag, _) in &plan.translations.feeds {
            files.extend(feed::feed_in(&entries, site, site.translation(tag)));
        }
    } else if !site.deploy_sets_base_url {
        warnings.push(no_host_warning(base));
    }
    files.push(sitemap::robots(base, plan.sitemap));
    files.extend(favicon::files());
    // A site's own robots.txt and icons in `content/` take the place of
    // these: the plan lets those few files, and no others, replace
    // faqpress's own.
    let site_has = |path: &str| model.assets.iter().any(|a| a.rel == path);
    files.retain(|f| !(SITE_MAY_REPLACE.contains(&f.path.as_str()) && site_has(&f.path)));
    // GitHub Pages would otherwise run Jekyll, which hides `_`-prefixed
    // files and can mangle the output.
    files.push(OutputFile::text(layout::NO_JEKYLL, String::new()));
    if let Some(domain) = &site.domain {
        files.push(OutputFile::text(layout::CNAME, format!("{domain}\n")));
    }
    let fingerprinted: Vec<&str> = plan
        .stylesheet
        .iter()
        .chain(&plan.search_script)
        .chain(&plan.checklist_script)
        .chain(&plan.switch_script)
        .chain(&model.image_files)
        .map(String::as_str)
        .collect();
    files.push(headers::headers(
        base,
        &fingerprinted,
        plan.search_script.is_some(),
        plan.checklist_script.is_some() || plan.switch_script.is_some(),
    ));
    files.push(aliases::redirects(&plan.aliases, base));
    files.extend(
        plan.aliases
            .iter()
            .map(|a| aliases::refresh_page(a, base, &site.language)),
    );
    (files, warnings)
}

/// Without a host there are no absolute URLs: no sitemap, feed or
/// canonical links.
fn no_host_warning(base: &BaseUrl) -> Diagnostic {
    Diagnostic::warning(
        layout::CONFIG_FILE,
        format!(
            "the base URL `{}` has no host, so sitemap.xml and atom.xml were not written and pages have no canonical or sharing URLs",
            base.path()
        ),
    )
    .with_help("set `base_url: https://your.domain/` in site.yaml, or pass `--base-url` when building for publication (with `deploy_sets_base_url: true` in site.yaml when the deploy does)")
}

/// One entry's part of the sitemap. (The feed lists only the newest
/// `feed_limit` articles, so its entries are written when it is.)
#[derive(Debug, Clone)]
struct Fragments {
    sitemap: Arc<str>,
}

/// Each page's sitemap entry from the last run, reused while
/// it is the very same page (the same `Arc`, see `site::PageMemo`) and
/// the base URL is the same.
#[derive(Debug, Default)]
pub struct PublishMemo {
    base: String,
    /// In the order of the model's pages.
    pages: OrderedMap<(Arc<Page>, Fragments)>,
}

fn fragments(entries: &[Entry], base: &BaseUrl, memo: Option<&mut PublishMemo>) -> Vec<Fragments> {
    let make = |entry: &Entry| Fragments {
        sitemap: sitemap::url_xml(entry, base).into(),
    };
    let Some(memo) = memo else {
        // Thousands of small, independent strings.
        return entries.par_iter().map(make).collect();
    };
    if memo.base != base.absolute("") {
        *memo = PublishMemo {
            base: base.absolute(""),
            ..PublishMemo::default()
        };
    }
    let mut made = Vec::with_capacity(entries.len());
    let mut i = 0;
    for entry in entries {
        let Some(page) = entry.page else {
            made.push(make(entry));
            continue;
        };
        match memo.pages.get(i, &page.header.path) {
            // A page with translations is made again: a translation added
            // or removed changes its entry, not its page.
            Some((known, fragments)) if Arc::ptr_eq(known, page) && entry.versions.is_empty() => {
                made.push(fragments.clone())
            }
            _ => {
                let fragments = make(entry);
                let kept = (Arc::clone(page), fragments.clone());
                memo.pages.insert(i, &page.header.path, kept);
                made.push(fragments);
            }
        }
        i += 1;
    }
    let pages = entries
        .iter()
        .filter_map(|e| e.page)
        .map(|p| p.header.path.as_str());
    memo.pages.finish(pages.collect::<Vec<_>>().into_iter());
    made
}

/// Text for XML content and attribute values: markup escaped, and the
/// control characters XML 1.0 forbids dropped (YAML can carry them).
pub fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_xml_text(&mut out, text);
    out
}

/// [`xml_text`], appended to `out`.
pub fn push_xml_text(out: &mut String, text: &str) {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (!c.is_control() && c != '\u{fffe}' && c != '\u{ffff}')
    };
    // Printable ASCII, the common case, needs no filtering.
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) || text.chars().all(allowed) {
        crate::html::push_escaped(out, text);
    } else {
        let kept: String = text.chars().filter(|&c| allowed(c)).collect();
        crate::html::push_escaped(out, &kept);
    }
}

/// At most `max` characters, cut at a word and marked with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    let text = crate::html::collapse_whitespace(text);
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_escapes_and_drops_forbidden_characters() {
        assert_eq!(xml_text("a]]>b<c\u{1}\td"), "a]]&gt;b&lt;c\td");
    }

    #[test]
    fn long_summaries_are_cut_at_a_word() {
        assert_eq!(shorten("one two three", 9), "one two…");
        assert_eq!(shorten("short", 9), "short");
    }
}
