//! The indexing thread: Pagefind's library API, fed documents through a
//! channel while the pages are still being rendered.
//!
//! Pagefind parses each document inside a lock of its own index, so
//! feeding it from many threads gains nothing; one thread of its own lets
//! the rendering threads go on meanwhile.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::Document;
use crate::diagnostics::Diagnostic;
use crate::layout;
use crate::output::OutputFile;

/// Files of Pagefind's bundle the themes' search box does not use: its
/// ready-made interfaces and highlighting script.
const UNUSED: &[&str] = &[
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

pub struct Indexer {
    sender: Sender<Document>,
    thread: JoinHandle<Result<Vec<OutputFile>, String>>,
}

impl Indexer {
    /// Starts the indexing thread for a site in `language`.
    pub fn start(language: &str) -> Self {
        let (sender, receiver) = channel();
        let language = language.to_string();
        let thread = std::thread::spawn(move || index(&language, receiver));
        Indexer { sender, thread }
    }

    pub fn add(&self, document: Document) {
        // The thread only stops early on an error, which `finish` reports.
        let _ = self.sender.send(document);
    }

    /// Waits for every document to be indexed; returns the index files
    /// under `pagefind/`.
    pub fn finish(self) -> Result<Vec<OutputFile>, Diagnostic> {
        drop(self.sender);
        let failed = |why: String| {
            Diagnostic::error("", format!("the search index could not be built: {why}"))
                .with_help("build again; if it fails again, turn search off with `search: false` in site.yaml and report the problem")
        };
        match self.thread.join() {
            Ok(result) => result.map_err(failed),
            Err(_) => Err(failed("the indexing thread stopped".into())),
        }
    }
}

/// Runs on the indexing thread until every sender is gone.
fn index(language: &str, documents: Receiver<Document>) -> Result<Vec<OutputFile>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        for document in documents {
            let url = format!("/{}", document.path);
            index
                .add_html_file(None, Some(url), document.html)
                .await
                .map_err(|e| e.to_string())?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        Ok(files
            .into_iter()
            .filter_map(|file| {
                let name = file.filename.to_string_lossy().replace('\\', "/");
                (!UNUSED.contains(&name.as_str())).then(|| OutputFile {
                    path: format!("{}/{name}", layout::SEARCH_DIR),
                    contents: crate::output::Contents::Bytes(file.contents),
                })
            })
            .collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(path: &str, body: &str) -> Document {
        Document {
            path: path.into(),
            html: format!("<html lang=\"en\"><body><h1>{path}</h1>{body}</body></html>"),
        }
    }

    #[test]
    fn the_index_is_written_under_pagefind_without_the_unused_interfaces() {
        let indexer = Indexer::start("en");
        indexer.add(document("a/", "<h2 id=\"q\">Why?</h2><p>Collagen.</p>"));
        indexer.add(document("b/", "<p>Downtime.</p>"));
        let files = indexer.finish().unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        for needed in [
            "pagefind/pagefind.js",
            "pagefind/pagefind-entry.json",
            "pagefind/wasm.en.pagefind",
        ] {
            assert!(names.contains(&needed), "{needed} missing from {names:?}");
        }
        assert!(names.iter().any(|n| n.starts_with("pagefind/fragment/")));
        assert!(names.iter().any(|n| n.starts_with("pagefind/index/")));
        assert!(!names.iter().any(|n| n.contains("-ui")), "{names:?}");
    }

    #[test]
    fn an_empty_site_still_gets_a_bundle() {
        let files = Indexer::start("en").finish().unwrap();
        assert!(files.iter().any(|f| f.path == "pagefind/pagefind.js"));
    }
}
