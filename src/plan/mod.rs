//! The output plan: every file a build writes, worked out from the site's
//! settings, the articles' front matter and the theme before any body is
//! parsed or any page rendered. Rendering and publishing take their paths
//! from it (pages, the listing's pages, the stylesheet's fingerprinted
//! name, whether the feed and the sitemap are written), and aliases are
//! checked against it, in `build` and `check` alike, so an alias can never
//! silently replace a page, a page of the listing, a copied file or a file
//! faqpress writes itself.

pub mod aliases;
pub mod authors;
mod owners;
pub mod tags;
pub mod translations;

use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::layout;
use crate::site::Headers;
use crate::source::Asset;
pub use aliases::Alias;
pub use authors::AuthorPage;
pub use owners::SITE_MAY_REPLACE;
pub use tags::Tag;
pub use translations::{Translations, Version};

/// Files faqpress writes itself at the root of the output.
pub const HOST_FILES: &[&str] = &[
    layout::NOT_FOUND_PAGE,
    layout::SITEMAP,
    layout::FEED,
    layout::ROBOTS,
    layout::FAVICON_SVG,
    layout::FAVICON_ICO,
    layout::HEADERS,
    layout::REDIRECTS,
    layout::CNAME,
    layout::NO_JEKYLL,
];

/// How many articles one page of the listing shows: enough to scan, few
/// enough that no page grows with the size of the site.
pub const LISTING_PAGE_SIZE: usize = 50;

/// What a build will write, known before it renders anything.
#[derive(Debug)]
pub struct OutputPlan {
    pub listing: Option<Listing>,
    /// The theme's stylesheet in the output, `style.<fingerprint>.css`,
    /// when the theme has one.
    pub stylesheet: Option<String>,
    /// Whether `sitemap.xml` is written: only with a host, since its URLs
    /// must be absolute.
    pub sitemap: bool,
    /// Whether `atom.xml` is written: with a host and a dated article.
    pub feed: bool,
    /// The articles' valid aliases, each claiming its own file.
    pub aliases: Vec<Alias>,
    /// The tags of the published articles, by slug; each has pages under
    /// `tags/<slug>/`, and `tags/` lists them all (when there are any).
    pub tags: Vec<Tag>,
    /// The search box's script, `search.<fingerprint>.js`, when search is
    /// on; the index goes under `pagefind/`.
    pub search_script: Option<String>,
    /// The checklist's script, `checklist.<fingerprint>.js`, when a
    /// published article has a checklist; only those pages load it.
    pub checklist_script: Option<String>,
    /// A page under `authors/<id>/` for each person of the site.
    pub authors: Vec<AuthorPage>,
    /// The articles' translations, and each translation language's
    /// listing and feed.
    pub translations: Translations,
    /// The language switcher's script, `switch.<fingerprint>.js`, when an
    /// article has a translation.
    pub switch_script: Option<String>,
}

/// The list of all articles, cut into pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// The site path of its first page: `` (the home page) or `articles/`.
    pub path: String,
    /// How many pages it has: an empty site's listing still has one.
    pub pages: usize,
}

impl Listing {
    /// The site path of page `n` (1-based).
    pub fn page_path(&self, n: usize) -> String {
        listing_page_path(&self.path, n)
    }

    /// Where page `n` is written.
    pub fn page_file(&self, n: usize) -> String {
        format!("{}index.html", self.page_path(n))
    }

    /// `articles/page/`: the prefix of every later page, reserved whole (as
    /// for articles' own URLs), so a site that grows never meets a clash
    /// that was not there when an alias was written.
    pub fn later_pages_prefix(&self) -> String {
        format!("{}page/", self.path)
    }
}

impl OutputPlan {
    /// The plan of a site whose published articles are `headers`, with the
    /// copied files `assets` and the theme's stylesheet `css`. Returns the
    /// problems of the aliases with it.
    pub fn new(
        site: &Site,
        headers: &Headers,
        assets: &[Asset],
        css: Option<&str>,
    ) -> (Self, Vec<Diagnostic>) {
        let listing = headers.listing_path.as_ref().map(|path| Listing {
            path: path.clone(),
            pages: listing_page_count(headers.published.len()),
        });
        let has_host = site.base_url.origin().is_some();
        let (tags, mut problems) = tags::collect(headers);
        if !tags.is_empty() {
            problems.extend(folder_clashes(headers, layout::TAGS_DIR, "the tag pages"));
        }
        if site.search {
            problems.extend(folder_clashes(
                headers,
                layout::SEARCH_DIR,
                "the search index",
            ));
        }
        let authors = authors::collect(site, headers);
        if !authors.is_empty() {
            problems.extend(folder_clashes(
                headers,
                layout::AUTHORS_DIR,
                "the people's pages",
            ));
        }
        let mut plan = OutputPlan {
            stylesheet: css
                .map(|css| layout::fingerprinted_stylesheet(&fingerprint(css.as_bytes()))),
            sitemap: has_host,
            feed: has_host && headers.has_dates(None),
            listing,
            aliases: Vec::new(),
            tags,
            search_script: site.search.then(|| {
                let script = crate::search::SCRIPT.as_bytes();
                layout::fingerprinted(layout::SEARCH_SCRIPT, &fingerprint(script))
            }),
            checklist_script: headers
                .published
                .iter()
                .any(|h| h.front.checklist.is_some())
                .then(|| {
                    let script = crate::checklist::SCRIPT.as_bytes();
                    layout::fingerprinted(layout::CHECKLIST_SCRIPT, &fingerprint(script))
                }),
            authors,
            translations: Translations::default(),
            switch_script: None,
        };
        plan.translations = Translations::collect(site, headers);
        plan.switch_script = plan.translations.any().then(|| {
            let script = crate::render::SWITCH_SCRIPT.as_bytes();
            layout::fingerprinted(layout::SWITCH_SCRIPT, &fingerprint(script))
        });
        let owners = owners::Owners::of(&plan, headers);
        problems.extend(owners.page_folder_clashes());
        problems.extend(owners.asset_clashes(site, assets));
        let (aliases, more) = aliases::resolve(owners, headers, assets);
        plan.aliases = aliases;
        problems.extend(more);
        (plan, problems)
    }

    /// `tags/`, the page listing every tag, when the site has tags.
    pub fn tag_index(&self) -> Option<String> {
        (!self.tags.is_empty()).then(|| format!("{}/", layout::TAGS_DIR))
    }

    /// The feed's URL path, when the build writes one, for templates'
    /// `<link rel="alternate">`.
    pub fn feed_url(&self, site: &Site) -> Option<String> {
        self.feed.then(|| site.base_url.url(layout::FEED))
    }
}

/// The site path of page `n` (1-based) of a listing whose first page is
/// at `listing_path`.
pub fn listing_page_path(listing_path: &str, n: usize) -> String {
    if n == 1 {
        listing_path.to_string()
    } else {
        format!("{listing_path}page/{n}/")
    }
}

/// Articles whose URL is inside the folder `dir`, which the plan keeps
/// for what it `holds` (the tag pages, the search index).
fn folder_clashes(headers: &Headers, dir: &str, holds: &str) -> Vec<Diagnostic> {
    let prefix = format!("{dir}/");
    headers
        .published
        .iter()
        .filter(|h| h.path.starts_with(&prefix))
        .map(|clash| {
            Diagnostic::error(
                &clash.file.path,
                format!(
                    "this article's URL `/{}` is inside `/{prefix}`, which holds {holds}",
                    clash.path
                ),
            )
            .at(&clash.file.text, 1, 1)
            .with_help(format!(
                "move it out of the `{dir}` folder, or give it another `slug`"
            ))
        })
        .collect()
}

/// Whether a file name is one `render` fingerprinted (`style.<hash>.css`).
pub fn is_fingerprinted(path: &str) -> bool {
    [
        layout::STYLESHEET,
        layout::SEARCH_SCRIPT,
        layout::CHECKLIST_SCRIPT,
        layout::SWITCH_SCRIPT,
    ]
    .iter()
    .any(|name| {
        layout::fingerprint_in(name, path)
            .is_some_and(|hash| !hash.is_empty() && hash.chars().all(|c| c.is_ascii_hexdigit()))
    })
}

/// How many pages the listing of `articles` articles has: an empty site
/// still has one, empty, page.
pub fn listing_page_count(articles: usize) -> usize {
    articles.div_ceil(LISTING_PAGE_SIZE).max(1)
}

/// A short content hash for cache-busting file names (FNV-1a, 64 bits):
/// a few lines, where a hashing crate would add a dependency for one use.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:010x}", hash >> 24)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listing_has_a_page_per_fifty_articles() {
        assert_eq!(listing_page_count(0), 1);
        assert_eq!(listing_page_count(50), 1);
        assert_eq!(listing_page_count(51), 2);
        assert_eq!(listing_page_count(101), 3);
    }

    #[test]
    fn listing_pages_after_the_first_are_under_page() {
        let listing = Listing {
            path: "articles/".into(),
            pages: 3,
        };
        assert_eq!(listing.page_file(1), "articles/index.html");
        assert_eq!(listing.page_file(2), "articles/page/2/index.html");
        assert!(
            listing
                .page_path(3)
                .starts_with(&listing.later_pages_prefix())
        );
    }
}
