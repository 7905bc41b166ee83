//! Typed, borrowed views handed to templates. Each field here is part of
//! the theme contract documented in the README.

use serde::Serialize;

use crate::config::Site;
use crate::date::Date;
use crate::i18n::Strings;
use crate::locale::Locale;
use crate::markdown::{BlockKind, TocEntry};
use crate::page::Page;
use crate::trust::people::Person;
use crate::trust::sources::ReferenceView;

/// `site` in every template.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub author: Option<&'a str>,
    pub disclaimer: Option<&'a str>,
    /// The home page's URL path, with the base path: `/` or `/repo/`.
    pub home_url: String,
    /// The absolute URL of the home page when the base URL has a host.
    pub permalink: String,
    pub listing_url: Option<String>,
    /// The page listing every tag, when the site has tags.
    pub tags_url: Option<String>,
    /// Whether the base URL names a host, i.e. whether `permalink`s are
    /// absolute; sharing metadata (`og:url`) needs them to be.
    pub has_host: bool,
    /// The Atom feed's URL path, when the build writes one.
    pub feed_url: Option<String>,
}

impl<'a> SiteView<'a> {
    pub fn new(
        site: &'a Site,
        listing_path: Option<&str>,
        tags_path: Option<&str>,
        feed_url: Option<String>,
        strings: &'a Strings,
    ) -> Self {
        Self {
            title: &site.title,
            description: &site.description,
            language: &site.language,
            author: site.author.as_deref(),
            disclaimer: if site.disclaimer_is_default {
                Some(&strings.disclaimer)
            } else {
                site.disclaimer.as_deref()
            },
            home_url: site.base_url.url(""),
            permalink: site.base_url.absolute(""),
            listing_url: listing_path.map(|p| site.base_url.url(p)),
            tags_url: tags_path.map(|p| site.base_url.url(p)),
            has_host: site.base_url.origin().is_some(),
            feed_url,
        }
    }
}

impl<'a> SiteView<'a> {
    /// The view as pages in the translation language `t` see it: their
    /// language, and their home page `/de/`.
    pub fn in_language(mut self, site: &'a Site, t: &'a crate::config::Translation) -> Self {
        self.language = &t.tag;
        self.home_url = site.base_url.url(&t.prefix);
        self.permalink = site.base_url.absolute(&t.prefix);
        self
    }
}

/// One language's version of an article, for `hreflang` and the
/// language switcher.
#[derive(Debug, Serialize)]
pub struct VersionView<'a> {
    /// Its language tag.
    pub language: String,
    /// The language's own name: `Deutsch`.
    pub name: &'a str,
    pub url: String,
    /// Absolute when the base URL has a host.
    pub permalink: String,
    /// Whether it is the page being rendered.
    pub current: bool,
}

/// `assets` in every template: URLs of the theme's fingerprinted files.
#[derive(Debug, Serialize)]
pub struct AssetsView {
    pub css: String,
    /// The search box's files, when search is on.
    pub search: Option<SearchAssets>,
    /// The checklist's script, when an article of the site has a
    /// checklist; its partial loads it.
    pub checklist: Option<String>,
    /// The language switcher's script, when an article has a translation.
    pub switch: Option<String>,
}

/// What the search box needs: its script and where Pagefind's bundle is.
#[derive(Debug, Serialize)]
pub struct SearchAssets {
    pub script: String,
    /// The `pagefind/` folder's URL, ending in `/`.
    pub bundle: String,
}

#[derive(Debug, Serialize)]
pub struct DateView {
    /// `2024-05-01`, for `datetime` attributes.
    pub iso: String,
    /// `1 May 2024`, `1. Mai 2024`: for readers, in the site's language.
    pub human: String,
}

impl DateView {
    pub fn new(date: Date, locale: &Locale) -> Self {
        Self {
            iso: date.to_string(),
            human: locale.date_long(date),
        }
    }
}

/// A question with its answer, or an ordinary section.
#[derive(Debug, Serialize)]
pub struct BlockView<'a> {
    pub kind: BlockKind,
    pub id: &'a str,
    pub title: &'a str,
    pub title_html: &'a str,
    pub html: String,
    pub text: &'a str,
    /// True on the last question: themes place the components after it
    /// when the article has no marker for them.
    pub is_last_question: bool,
}

/// An author or a reviewer (`site.yaml`'s `authors:`), for bylines and
/// their own page.
#[derive(Debug, Serialize)]
pub struct PersonView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// `MD, FAAD`, or empty.
    pub credentials: String,
    pub job_title: Option<&'a str>,
    pub bio: Option<&'a str>,
    pub links: &'a [String],
    /// Their page, with the base path.
    pub url: String,
}

impl<'a> PersonView<'a> {
    pub fn new(person: &'a Person, site: &Site) -> Self {
        Self {
            id: &person.id,
            name: &person.name,
            credentials: person.credentials_text(),
            job_title: person.job_title.as_deref(),
            bio: person.bio.as_deref(),
            links: &person.links,
            url: site.base_url.url(&person.page_path()),
        }
    }
}

/// `page` in `article.html`.
#[derive(Debug, Serialize)]
pub struct ArticleView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub url: String,
    pub permalink: String,
    pub is_home: bool,
    pub date: Option<DateView>,
    pub updated: Option<DateView>,
    pub author: Option<&'a str>,
    /// The author, when the site describes them under `authors:`.
    pub author_profile: Option<PersonView<'a>>,
    /// The medical reviewer, with `last_reviewed`.
    pub reviewer: Option<PersonView<'a>>,
    pub last_reviewed: Option<DateView>,
    /// The cited sources, numbered, each with links back to its citations.
    pub references: Vec<ReferenceView<'a>>,
    /// The article's tags, each linking to its page.
    pub tags: Vec<TagLink<'a>>,
    pub intro: String,
    pub blocks: Vec<BlockView<'a>>,
    /// Whether a block is a question: the article is then an `FAQPage`
    /// (microdata on the `<article>`, `itemid` its permalink).
    pub has_questions: bool,
    pub toc: &'a [TocEntry],
    pub show_toc: bool,
    pub footnotes: &'a str,
    /// Every component faqpress has, in the order they follow the last
    /// question when no marker places them.
    pub components: Vec<ComponentView>,
    /// JSON-LD documents, already escaped for a `<script>` element.
    pub json_ld: Vec<String>,
    /// The absolute URL of the 1200×630 sharing image (`og:image`), when
    /// the article has an image and the site a host.
    pub image: Option<String>,
    /// The article in every language it is written in, itself included;
    /// empty when it has no translation.
    pub versions: &'a [VersionView<'a>],
}

/// A generated component (`checklist`, `pricing`) on an article page.
#[derive(Debug, Serialize)]
pub struct ComponentView {
    /// Its key in the front matter.
    pub name: &'static str,
    /// Its rendered block, when the article has one.
    pub html: Option<String>,
    /// Whether a marker placed it inside the article already.
    pub placed: bool,
}

/// One entry of the listing page.
#[derive(Debug, Serialize)]
pub struct SummaryView<'a> {
    pub title: &'a str,
    pub url: String,
    pub description: Option<&'a str>,
    pub date: Option<DateView>,
}

impl<'a> SummaryView<'a> {
    pub fn new(page: &'a Page, locale: &Locale, site: &Site) -> Self {
        let front = &page.header.front;
        Self {
            title: &front.title,
            url: site.base_url.url(&page.header.path),
            description: front.description.as_deref(),
            date: front.date.map(|d| DateView::new(d, locale)),
        }
    }
}

/// `listing` in `listing.html`.
#[derive(Debug, Serialize)]
pub struct ListingView<'a> {
    pub title: &'a str,
    /// On a tag's page: the tag as written.
    pub tag: Option<&'a str>,
    /// On a person's page: who they are.
    pub person: Option<PersonView<'a>>,
    /// The listing's own URL, absolute when the base URL has a host.
    pub permalink: String,
    pub pages: Vec<SummaryView<'a>>,
    pub pagination: Pagination,
}

/// `tags` in `tags.html`: every tag of the site.
#[derive(Debug, Serialize)]
pub struct TagsView<'a> {
    pub title: &'a str,
    /// The page's own URL, absolute when the base URL has a host.
    pub permalink: String,
    /// By name.
    pub tags: Vec<TagView<'a>>,
}

/// One of an article's tags and where its page is.
#[derive(Debug, Serialize)]
pub struct TagLink<'a> {
    pub name: &'a str,
    pub url: String,
}

/// A tag and where its page is.
#[derive(Debug, Serialize)]
pub struct TagView<'a> {
    pub name: &'a str,
    pub url: String,
    /// How many published articles have it.
    pub count: usize,
}

/// Where one page of the listing sits among the others.
#[derive(Debug, Serialize)]
pub struct Pagination {
    /// 1-based.
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
}
