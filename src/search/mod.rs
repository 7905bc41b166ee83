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
//! Pagefind indexes one page at a time behind a lock, so a build streams
//! the documents to one indexing thread while the other threads render
//! ([`Index::streaming`]); `serve` keeps every article's document from one
//! rebuild to the next and indexes them all again only when one changed
//! ([`SearchMemo`]).

mod document;
mod indexer;

use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;
pub use document::{Entry, Section};
use indexer::Indexer;

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
}

/// Where the articles' documents go while pages are rendered.
pub enum Index {
    /// Straight to the indexing thread (a build).
    Streaming(Indexer),
    /// Into a list, merged into the memo at the end (`serve`).
    Collecting(Mutex<Vec<Document>>),
}

impl Index {
    /// An index fed while the pages are rendered, in `language`.
    pub fn streaming(language: &str) -> Self {
        Index::Streaming(Indexer::start(language))
    }

    pub fn collecting() -> Self {
        Index::Collecting(Mutex::new(Vec::new()))
    }

    /// Adds one article; called from any rendering thread.
    pub fn add(&self, document: Document) {
        match self {
            Index::Streaming(indexer) => indexer.add(document),
            Index::Collecting(list) => list
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(document),
        }
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
        match (self, memo) {
            (Index::Streaming(indexer), _) => Ok(Finished::written(indexer.finish()?)),
            (Index::Collecting(list), Some(memo)) => {
                let fresh = list.into_inner().unwrap_or_else(|e| e.into_inner());
                memo.update(language, fresh, published)
            }
            (Index::Collecting(list), None) => {
                let indexer = Indexer::start(language);
                for document in list.into_inner().unwrap_or_else(|e| e.into_inner()) {
                    indexer.add(document);
                }
                Ok(Finished::written(indexer.finish()?))
            }
        }
    }
}

/// The index files to write, and the paths of the files left as they were.
#[derive(Debug, Default)]
pub struct Finished {
    pub files: Vec<OutputFile>,
    pub kept: Vec<String>,
}

impl Finished {
    fn written(files: Vec<OutputFile>) -> Self {
        Finished {
            files,
            kept: Vec::new(),
        }
    }
}

impl SearchMemo {
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
        self.documents
            .retain(|path, _| published.contains(&path.as_str()));
        let mut changed = self.documents.len() != before || self.files.is_empty();
        for document in fresh {
            if self.documents.get(&document.path) != Some(&document) {
                changed = true;
                self.documents.insert(document.path.clone(), document);
            }
        }
        if !changed {
            return Ok(Finished {
                files: Vec::new(),
                kept: self.files.clone(),
            });
        }
        let indexer = Indexer::start(language);
        for document in self.documents.values() {
            indexer.add(document.clone());
        }
        let files = indexer.finish()?;
        self.files = files.iter().map(|f| f.path.clone()).collect();
        Ok(Finished::written(files))
    }
}
