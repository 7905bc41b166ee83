//! Articles whose bodies stay on disk until their page is made: a clean
//! build reads every front matter first (every URL must be known before
//! any page is rendered) and each body again when its page is derived, so
//! it never holds every article's text at once.

use std::path::PathBuf;
use std::sync::Arc;

use super::{SourceFile, Sources, read_text};
use crate::diagnostics::Diagnostic;

/// Where the articles' Markdown bodies are kept.
#[derive(Debug, Clone, Default)]
pub enum Bodies {
    /// In each article's text, whole ([`super::load`], and sites made from
    /// strings).
    #[default]
    InText,
    /// Still on disk under this root: each article's text holds only its
    /// front matter, and [`Sources::in_full`] reads the whole file again
    /// when its page is made ([`super::load_front_matter`]).
    OnDisk(PathBuf),
}

impl Sources {
    /// The whole text of `article`, one of [`Sources::articles`]: itself,
    /// or, when only its front matter was kept, the file read again. A
    /// file whose front matter is no longer what was read first changed
    /// during the build, which is an error: its page would not match the
    /// URLs and listings made from the first reading.
    pub fn in_full(&self, article: &Arc<SourceFile>) -> Result<Arc<SourceFile>, Diagnostic> {
        let Bodies::OnDisk(root) = &self.bodies else {
            return Ok(Arc::clone(article));
        };
        let full = read_text(root, &article.path)?;
        if !full.text.starts_with(article.text.as_str()) {
            return Err(Diagnostic::error(
                &article.path,
                "this article changed while the site was being built",
            )
            .at(&full.text, 1, 1)
            .with_help("build the site again once the file is saved"));
        }
        Ok(Arc::new(full))
    }
}

/// The article up to the end of its front matter (all of it when it has
/// none, so the error about that still shows its text).
pub(super) fn without_body(mut file: SourceFile) -> SourceFile {
    if let Ok(split) = crate::frontmatter::split(&file) {
        let end = split.body_offset;
        file.text.truncate(end);
        file.text.shrink_to_fit();
    }
    file
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{load, load_front_matter};

    const ARTICLE: &str = "---\ntitle: Hi\n---\n## Is it safe?\n\nYes.\n";

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.yaml"), "title: T\n").unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/index.md"), ARTICLE).unwrap();
        dir
    }

    #[test]
    fn a_clean_build_keeps_the_front_matter_and_reads_the_body_again() {
        let dir = site();
        let sources = load_front_matter(dir.path()).unwrap();
        let article = &sources.articles[0];
        assert_eq!(article.text, "---\ntitle: Hi\n---\n");
        let full = sources.in_full(article).unwrap();
        assert_eq!(full.path, "content/index.md");
        assert_eq!(full.text, ARTICLE);
    }

    #[test]
    fn sources_with_bodies_give_the_same_file_back() {
        let dir = site();
        let sources = load(dir.path()).unwrap();
        let article = &sources.articles[0];
        assert_eq!(article.text, ARTICLE);
        assert!(Arc::ptr_eq(&sources.in_full(article).unwrap(), article));
    }

    #[test]
    fn an_article_whose_front_matter_changed_since_it_was_read_is_an_error() {
        let dir = site();
        let sources = load_front_matter(dir.path()).unwrap();
        let changed = ARTICLE.replace("Hi", "Hello");
        std::fs::write(dir.path().join("content/index.md"), changed).unwrap();
        let d = sources.in_full(&sources.articles[0]).unwrap_err();
        assert_eq!(d.file, "content/index.md");
        assert!(
            d.message.contains("changed while the site was being built"),
            "{}",
            d.message
        );
        assert_eq!(d.position.map(|p| (p.line, p.column)), Some((1, 1)));
        // A changed body alone is read as it is now.
        std::fs::write(
            dir.path().join("content/index.md"),
            format!("{ARTICLE}More.\n"),
        )
        .unwrap();
        assert!(
            sources
                .in_full(&sources.articles[0])
                .unwrap()
                .text
                .ends_with("More.\n")
        );
    }

    #[test]
    fn an_article_without_front_matter_is_kept_whole_for_its_error() {
        let file = SourceFile::new("content/a.md", "no front matter here\n");
        assert_eq!(without_body(file).text, "no front matter here\n");
    }
}
