//! Pagefind's library API: documents in, index files out.
//!
//! Pagefind's API is async; a one-thread runtime drives it here. It parses
//! each document inside its index's lock, so feeding it from several
//! threads would gain nothing.

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

/// Indexes `documents` in the order given (Pagefind numbers pages in the
/// order they are added, so the caller sorts them for the same bytes from
/// the same input) and returns the index files under `pagefind/`.
pub fn index(
    language: &str,
    documents: impl IntoIterator<Item = Document>,
) -> Result<Vec<OutputFile>, Diagnostic> {
    run(language, documents).map_err(|why| {
        Diagnostic::error("", format!("the search index could not be built: {why}"))
            .with_help("build again; if it fails again, turn search off with `search: false` in site.yaml and report the problem")
    })
}

fn run(
    language: &str,
    documents: impl IntoIterator<Item = Document>,
) -> Result<Vec<OutputFile>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        // A site in one language forces it; a site with translations lets
        // Pagefind index each page under its own `<html lang>`, one index
        // per language, which its script picks by the page's language.
        let options = match language {
            super::EACH_PAGES_LANGUAGE => PagefindServiceConfig::builder().build(),
            language => PagefindServiceConfig::builder()
                .force_language(language.to_string())
                .build(),
        };
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        for document in documents {
            let url = format!("/{}", document.path);
            index
                .add_html_file(None, Some(url), document.html)
                .await
                .map_err(|e| e.to_string())?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        Ok(files.into_iter().filter_map(output_file).collect())
    })
}

/// One of Pagefind's files, under `pagefind/`, unless the search box does
/// not use it.
fn output_file(file: pagefind::api::SyntheticFile) -> Option<OutputFile> {
    let name = file.filename.to_string_lossy().replace('\\', "/");
    (!UNUSED.contains(&name.as_str())).then(|| OutputFile {
        path: format!("{}/{name}", layout::SEARCH_DIR),
        contents: crate::output::Contents::Bytes(file.contents),
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
        let documents = [
            document("a/", "<h2 id=\"q\">Why?</h2><p>Collagen.</p>"),
            document("b/", "<p>Downtime.</p>"),
        ];
        let files = index("en", documents).unwrap();
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
        let files = index("en", []).unwrap();
        assert!(files.iter().any(|f| f.path == "pagefind/pagefind.js"));
    }
}
