//! Which articles are translations of which: each article of the site's
//! own language with its versions in other languages, known from the
//! file names alone (`aftercare.de.md` translates `aftercare.md`), so
//! every page can name its alternates (`hreflang`, the language
//! switcher, the sitemap) while pages are still being rendered.

use std::collections::HashMap;

use crate::config::Site;
use crate::page::Header;
use crate::plan::Listing;
use crate::site::Headers;

/// One language's version of an article.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// Its language tag: the site's `language` or one of `languages`.
    pub language: String,
    /// Its site path: `aftercare/`, `de/aftercare/`.
    pub path: String,
}

/// The articles that have at least one translation, by original.
#[derive(Debug, Default)]
pub struct Translations {
    /// The original's path inside `content/` → every version, the
    /// original first, then the translations in `languages:` order.
    groups: HashMap<String, Vec<Version>>,
    /// Each translation language's list of its articles, when it has
    /// one: (tag, listing).
    pub listings: Vec<(String, Listing)>,
    /// The translation languages whose feed is written, with its path:
    /// (`de`, `de/atom.xml`).
    pub feeds: Vec<(String, String)>,
}

impl Translations {
    /// The versions of the published articles; an empty table for a site
    /// in one language.
    pub fn collect(site: &Site, headers: &Headers) -> Self {
        if site.translations.is_empty() {
            return Self::default();
        }
        let order = |language: &str| {
            site.translations
                .iter()
                .position(|t| t.tag == language)
                .map_or(0, |i| i + 1)
        };
        let mut groups: HashMap<String, Vec<Version>> = HashMap::new();
        for h in &headers.published {
            groups
                .entry(h.original_rel().to_string())
                .or_default()
                .push(Version {
                    language: site.language_of(h.language.as_deref()).to_string(),
                    path: h.path.clone(),
                });
        }
        groups.retain(|_, versions| versions.len() > 1);
        for versions in groups.values_mut() {
            versions.sort_by_key(|v| order(&v.language));
        }
        let listings = headers
            .translated_listings
            .iter()
            .map(|(tag, path)| {
                let count = headers
                    .published
                    .iter()
                    .filter(|h| h.language.as_deref() == Some(tag.as_str()))
                    .count();
                let listing = Listing {
                    path: path.clone(),
                    pages: super::listing_page_count(count),
                };
                (tag.clone(), listing)
            })
            .collect();
        let has_host = site.base_url.origin().is_some();
        let feeds = site
            .translations
            .iter()
            .filter(|t| has_host && headers.has_dates(Some(&t.tag)))
            .map(|t| {
                (
                    t.tag.clone(),
                    format!("{}{}", t.prefix, crate::layout::FEED),
                )
            })
            .collect();
        Translations {
            groups,
            listings,
            feeds,
        }
    }

    /// Every version of the article `header` is (itself included), or
    /// none when it has no translation.
    pub fn versions(&self, header: &Header) -> &[Version] {
        if self.groups.is_empty() {
            return &[];
        }
        self.groups
            .get(header.original_rel())
            .map_or(&[], Vec::as_slice)
    }

    /// Whether any article has a translation.
    pub fn any(&self) -> bool {
        !self.groups.is_empty()
    }

    /// A text that changes whenever any page's versions do, for memos:
    /// a new translation changes what its original's page shows.
    pub fn key(&self) -> String {
        let mut groups: Vec<_> = self.groups.iter().collect();
        groups.sort();
        format!("{groups:?}{:?}{:?}", self.listings, self.feeds)
    }
}

impl Translations {
    /// The feed of the articles in `language`, when it is written.
    pub fn feed(&self, language: &str) -> Option<&str> {
        self.feeds
            .iter()
            .find(|(tag, _)| tag == language)
            .map(|(_, path)| path.as_str())
    }

    /// The listing of the articles in `language`, when there is one.
    pub fn listing(&self, language: &str) -> Option<&Listing> {
        self.listings
            .iter()
            .find(|(tag, _)| tag == language)
            .map(|(_, listing)| listing)
    }
}
