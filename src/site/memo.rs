//! What one assembly of a site keeps for the next, so `serve` re-parses
//! only the articles that changed.
//!
//! A header is reused while its article's text is the same (usually the
//! very same `Arc`: a refresh replaces only the files it re-reads). A
//! derived page depends on its header, the site's settings and the index
//! of pages and files its links resolve against; it is reused while the
//! first two are unchanged and the index is the same or each of its links
//! still resolves exactly as it did (so adding an article re-derives only
//! the pages whose links it affects). Anything else starts from scratch,
//! so a memo can never make the result differ from a clean assembly.

use std::collections::HashSet;
use std::collections::hash_map::DefaultHasher;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::images::{Catalog, ProbeMemo};
use crate::links::LinkLookup;
use crate::ordered::OrderedMap;
use crate::page::{Header, Page};
use crate::source::{Asset, SourceFile};

/// Headers and pages of the last assembly, by article path.
#[derive(Debug, Default)]
pub struct PageMemo {
    /// What the entries were made with: the site's settings.
    settings: u64,
    /// In the order of `Sources::articles`.
    headers: OrderedMap<HeaderEntry>,
    /// In the order of the published pages.
    pages: OrderedMap<PageEntry>,
    /// How many headers and pages the last assembly reused.
    pub reused: Reuse,
    /// The images' headers and hashes, kept whatever the settings.
    pub probes: ProbeMemo,
}

/// A header and the file it was read from.
#[derive(Debug)]
struct HeaderEntry {
    file: Arc<SourceFile>,
    header: Result<Arc<Header>, Vec<Diagnostic>>,
}

/// A page and what it was derived from.
#[derive(Debug)]
struct PageEntry {
    header: Arc<Header>,
    index_key: u64,
    derived: Derived,
}

/// A derived page, its problems, and the links it looked up.
#[derive(Debug, Clone)]
pub struct Derived {
    pub page: Arc<Page>,
    pub diagnostics: Vec<Diagnostic>,
    pub links: Arc<[LinkLookup]>,
}

/// How much of the last assembly came from the memo.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Reuse {
    pub headers: usize,
    pub pages: usize,
}

impl PageMemo {
    /// Forgets everything when the settings changed.
    pub(super) fn start(&mut self, site: &Site) {
        // Every setting can reach a page (base URL, language, drafts), so
        // all of them key the memo; `Site` is plain data, and its debug
        // form is a complete and cheap description of it.
        let settings = hash_of(&format!("{site:?}"));
        if settings != self.settings {
            self.headers.clear();
            self.pages.clear();
            self.settings = settings;
        }
        self.reused = Reuse::default();
    }

    /// The header read from this file (the `i`-th article) last time, if
    /// its text is the same.
    pub(super) fn header(
        &self,
        i: usize,
        file: &Arc<SourceFile>,
    ) -> Option<Result<Arc<Header>, Vec<Diagnostic>>> {
        let entry = self.headers.get(i, &file.path)?;
        // The same `Arc` is the common case (a refresh re-reads only what
        // changed); equal text covers a full reload.
        (Arc::ptr_eq(&entry.file, file) || entry.file.text == file.text)
            .then(|| entry.header.clone())
    }

    /// Records the headers of this assembly: `headers[i]` was read from
    /// `files[i]`, and is `Fresh` unless it came from [`Self::header`].
    pub(super) fn keep_headers(
        &mut self,
        files: &[Arc<SourceFile>],
        headers: &[Recalled<Result<Arc<Header>, Vec<Diagnostic>>>],
    ) {
        for (i, (file, header)) in files.iter().zip(headers).enumerate() {
            match header {
                Recalled::Kept(_) => self.reused.headers += 1,
                Recalled::Fresh(header) => {
                    let entry = HeaderEntry {
                        file: Arc::clone(file),
                        header: header.clone(),
                    };
                    self.headers.insert(i, &file.path, entry);
                }
            }
        }
        self.headers.finish(files.iter().map(|f| f.path.as_str()));
    }

    /// The page derived from this very header, if its links resolve as
    /// they did: the index is the same, or `still_resolves` says they do.
    /// `i` is the page's position among the published ones.
    pub(super) fn page(
        &self,
        i: usize,
        header: &Arc<Header>,
        index_key: u64,
        still_resolves: impl Fn(&Header, &[LinkLookup]) -> bool,
    ) -> Option<Derived> {
        let entry = self.pages.get(i, &header.file.path)?;
        let same = Arc::ptr_eq(&entry.header, header)
            && (entry.index_key == index_key || still_resolves(header, &entry.derived.links));
        same.then(|| entry.derived.clone())
    }

    /// Records the pages of this assembly, derived against `index_key`.
    pub(super) fn keep_pages(&mut self, derived: &[Recalled<Derived>], index_key: u64) {
        for (i, d) in derived.iter().enumerate() {
            match d {
                Recalled::Kept(d) => {
                    self.reused.pages += 1;
                    if let Some(entry) = self.pages.get_mut(i, &d.page.header.file.path) {
                        // Its links resolve the same against this index.
                        entry.index_key = index_key;
                    }
                }
                Recalled::Fresh(d) => {
                    let entry = PageEntry {
                        header: Arc::clone(&d.page.header),
                        index_key,
                        derived: d.clone(),
                    };
                    self.pages.insert(i, &d.page.header.file.path, entry);
                }
            }
        }
        self.pages.finish(
            derived
                .iter()
                .map(|d| d.get().page.header.file.path.as_str()),
        );
    }
}

/// A value from the memo, or made afresh.
#[derive(Debug)]
pub enum Recalled<T> {
    Kept(T),
    Fresh(T),
}

impl<T> Recalled<T> {
    pub fn get(&self) -> &T {
        match self {
            Recalled::Kept(t) | Recalled::Fresh(t) => t,
        }
    }

    pub fn into_inner(self) -> T {
        match self {
            Recalled::Kept(t) | Recalled::Fresh(t) => t,
        }
    }
}

/// Everything a page's links resolve against, hashed: which articles are
/// published where, which are drafts, which files exist, and where the
/// listing is.
pub(super) fn index_key(
    published: &[Arc<Header>],
    drafts: &HashSet<String>,
    assets: &[Asset],
    images: &Catalog,
    listing_path: &Option<String>,
) -> u64 {
    let mut hasher = foldhash::fast::FixedState::default().build_hasher();
    for header in published {
        header.file.path.hash(&mut hasher);
        header.path.hash(&mut hasher);
    }
    let mut drafts: Vec<&String> = drafts.iter().collect();
    drafts.sort_unstable();
    drafts.hash(&mut hasher);
    for asset in assets {
        asset.rel.hash(&mut hasher);
        // A changed image changes its variants' names in the pages.
        if let Some(probed) = images.images.get(asset.rel.as_str()) {
            match &probed.info {
                Ok((info, _)) => info.key.hash(&mut hasher),
                Err(why) => why.hash(&mut hasher),
            }
        }
    }
    listing_path.hash(&mut hasher);
    hasher.finish()
}

fn hash_of(value: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}
