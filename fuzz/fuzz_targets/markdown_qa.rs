//! Any text as the article of a small two-page site, through the whole
//! in-memory pipeline (front matter, Markdown, Q&A, checklist, pricing,
//! links, templates, publishing files): errors are fine, a panic is a bug.
//! The same text as a Markdown body must also split into Q&A parts that
//! cover every byte exactly once.
#![no_main]

use faqpress::config::Overrides;
use faqpress::markdown::{self, Expansion, Hooks, Problem, ResolvedLink};
use faqpress::source::{SourceFile, Sources};
use libfuzzer_sys::fuzz_target;

const SITE: &str = "title: Fuzz\nbase_url: https://example.com/docs/\n";

/// A second article, so links and anchors to another page can resolve.
const OTHER: &str = "---\ntitle: Other\n---\nIntro.\n\n## Is it there?\n\nYes.\n";

/// Used when the input brings no front matter of its own, so that most
/// inputs reach the Markdown stages instead of stopping at the split.
const FRONT: &str = "---\ntitle: Fuzz\n---\n";

/// Hooks that accept every link and marker, so only the Markdown matters.
struct AcceptAll;

impl Hooks for AcceptAll {
    fn resolve_link(&self, dest: &str, _is_image: bool) -> Result<ResolvedLink, Problem> {
        Ok(ResolvedLink::unchanged(dest))
    }

    fn expand(&self, _expression: &str) -> Result<Expansion, Problem> {
        Ok(Expansion::Inline(String::new()))
    }
}

fuzz_target!(|data: &[u8]| {
    // The loader refuses files that are not UTF-8 before this stage.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let article = if text.starts_with("---") || text.starts_with("\u{feff}---") {
        text.to_string()
    } else {
        format!("{FRONT}{text}")
    };
    let sources = Sources {
        config: SourceFile::new("site.yaml", SITE),
        articles: vec![
            SourceFile::new("content/index.md", article),
            SourceFile::new("content/other.md", OTHER),
        ]
        .into_iter()
        .map(Into::into)
        .collect(),
        ..Sources::default()
    };
    let _ = faqpress::render_to_memory(&sources, &Overrides::default());

    let doc = markdown::render(text, &AcceptAll, &[]);
    assert_eq!(doc.intro_range.start, 0);
    let mut end = doc.intro_range.end;
    for block in &doc.blocks {
        assert_eq!(block.range.start, end, "blocks are contiguous");
        assert!(text.get(block.range.clone()).is_some(), "{:?}", block.range);
        end = block.range.end;
    }
    assert_eq!(end, text.len(), "the parts cover the whole body");
});
