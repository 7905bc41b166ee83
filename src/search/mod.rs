//! Site search: a Pagefind index of every article, written under
//! `pagefind/` with Pagefind's browser bundle, and the script of the
//! themes' search box.
//!
//! Each article goes to the index as a small document made from its
//! parts (title, introduction, one `<h2 id>` per question with its
//! answer), not as its rendered page: Pagefind then turns each question
//! into a sub-result linking to its anchor, and has no navigation, table
//! of contents or JSON-LD to parse. Tags are Pagefind filters.
//!
//! The documents are made while the pages are rendered, on every thread,
//! and indexed once all are in, sorted by path: Pagefind numbers pages in
//! the order they come, and the same input must give the same bytes.
//! `serve` keeps every article's document from one rebuild to the next and
//! indexes them all again only when one changed ([`SearchMemo`]); after
//! its first build it does so off the rebuild ([`Pending`]), since on a
//! large site indexing takes seconds and the edited page should not wait.

mod document;
mod indexer;

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;
/// The language to index under when a site has translations: none
/// forced, each page's own.
pub const EACH_PAGES_LANGUAGE: &str = "";

pub use document::{Entry, Section};

/// The search box's script: found by its `data-search` element, it loads
/// Pagefind on the first keystroke.
pub const SCRIPT: &str = include_str!("search.js");

/// One article as the index sees it: its site path (`skin/`) and the
/// document made of its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub path: String,
    pub html: String,
}

/// What `serve` keeps between rebuilds: every article's document by
/// path, and the index files written from them.
#[derive(Debug, Default)]
pub struct SearchMemo {
    documents: BTreeMap<String, Document>,
    files: Vec<String>,
    /// Leave re-indexing to the caller ([`Finished::pending`]) once there
    /// is an index to keep serving meanwhile.
    background: bool,
    /// Counts the indexes handed out as pending: only the latest is kept.
    sequence: u64,
}

/// Documents to index off the rebuild: the caller runs [`Pending::index`]
/// where it likes and gives the files back through [`SearchMemo::indexed`].
#[derive(Debug)]
pub struct Pending {
    language: String,
    documents: Vec<Document>,
    sequence: u64,
}

impl Pending {
    /// Which rebuild's index this is.
    pub fn sequence(&self) -> u64 {
        self.sequence
    }

    /// The index files, under `pagefind/`.
    pub fn index(self) -> Result<Vec<OutputFile>, Diagnostic> {
        indexer::index(&self.language, self.documents)
    }
}

/// Where the articles' documents go while pages are rendered, from any
/// rendering thread; they are indexed once all are in.
#[derive(Default)]
pub struct Index {
    documents: Mutex<Vec<Document>>,
}

impl Index {
    pub fn add(&self, document: Document) {
        self.documents
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(document);
    }

    /// The index files, under `pagefind/`, and the paths of those a memo
    /// kept. `published` are the site paths of every article of this
    /// build: a memo forgets the documents of articles no longer there.
    pub fn finish(
        self,
        language: &str,
        published: &[&str],
        memo: Option<&mut SearchMemo>,
    ) -> Result<Finished, Diagnostic> {
        let mut fresh = self
            .documents
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        match memo {
            Some(memo) => memo.update(language, fresh, published),
            None => {
                // Pages arrive in the order threads finish them.
                fresh.sort_by(|a, b| a.path.cmp(&b.path));
                Ok(Finished::written(indexer::index(language, fresh)?))
            }
        }
    }
}

/// The index files to write, the paths of the files left as they were,
/// and an index still to be made (see [`SearchMemo::background`]).
#[derive(Debug, Default)]
pub struct Finished {
    pub files: Vec<OutputFile>,
    pub kept: Vec<String>,
    pub pending: Option<Pending>,
}

impl Finished {
    fn written(files: Vec<OutputFile>) -> Self {
        Finished {
            files,
            ..Finished::default()
        }
    }
}

impl SearchMemo {
    /// A memo that leaves every index after the first to the caller.
    pub fn in_background() -> Self {
        SearchMemo {
            background: true,
            ..SearchMemo::default()
        }
    }

    /// Takes the `fresh` documents of this rebuild, forgets the articles
    /// not `published` any more, and indexes everything again if anything
    /// changed; otherwise keeps the last index files.
    fn update(
        &mut self,
        language: &str,
        fresh: Vec<Document>,
        published: &[&str],
    ) -> Result<Finished, Diagnostic> {
        let before = self.documents.len();
        let published: HashSet<&str> = published.iter().copied().collect();
        self.documents
            .retain(|path, _| published.contains(path.as_str()));
        let mut changed = self.documents.len() != before || self.files.is_empty();
        for document in fresh {
            if self.documents.get(&document.path) != Some(&document) {
                changed = true;
                self.documents.insert(document.path.clone(), document);
            }
        }
        let kept = Finished {
            kept: self.files.clone(),
            ..Finished::default()
        };
        if !changed {
            return Ok(kept);
        }
        if self.background && !self.files.is_empty() {
            // The last index is served until this one is made.
            self.sequence += 1;
            let pending = Pending {
                language: language.to_string(),
                documents: self.documents.values().cloned().collect(),
                sequence: self.sequence,
            };
            return Ok(Finished {
                pending: Some(pending),
                ..kept
            });
        }
        let files = indexer::index(language, self.documents.values().cloned())?;
        self.files = files.iter().map(|f| f.path.clone()).collect();
        Ok(Finished::written(files))
    }

    /// Takes the files of the pending index `sequence` if it is still the
    /// latest (a later edit's index replaces an earlier one still being
    /// made). Returns whether they are to replace the served index.
    pub fn indexed(&mut self, sequence: u64, files: &[OutputFile]) -> bool {
        if sequence != self.sequence {
            return false;
        }
        self.files = files.iter().map(|f| f.path.clone()).collect();
        true
    }

    /// The pending index `sequence` could not be made: the next rebuild
    /// makes the index again, whatever changed.
    pub fn failed(&mut self, sequence: u64) {
        if sequence == self.sequence {
            self.files.clear();
        }
    }
}
