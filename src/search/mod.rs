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
//! indexes them all again only when one changed ([`SearchMemo`]).

mod document;
mod indexer;

use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;
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
        let files = indexer::index(language, self.documents.values().cloned())?;
        self.files = files.iter().map(|f| f.path.clone()).collect();
        Ok(Finished::written(files))
    }
}
