//! One `serve` session: the site loaded once, then brought up to date
//! change by change, redoing only what each change affects.
//!
//! An edited article is read again and re-parsed; its page and the
//! listing pages that show it are rendered again; a template change
//! renders again without re-parsing Markdown; `site.yaml` starts over. The
//! pipeline is the one `build` runs ([`crate::render`]),
//! with memos deciding what to skip, so the files always equal a clean
//! build's.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::Build;
use crate::config::{self, Overrides};
use crate::diagnostics::Diagnostic;
use crate::output::{Contents, OutputFile};
use crate::source::{self, Sources};
use crate::verified::SiteRoot;
use crate::{Memo, render};

/// What a rebuild redid, for the one line the terminal shows.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Work {
    /// Articles whose front matter was parsed again.
    pub parsed: usize,
    /// Pages whose Markdown was rendered and derived again.
    pub derived: usize,
    /// Pages and listing pages rendered through the templates again.
    pub rendered: usize,
    /// All pages of the site.
    pub pages: usize,
}

#[derive(Debug)]
pub struct Session {
    root: PathBuf,
    origin: String,
    drafts: bool,
    /// The site as last read; `None` until the first load succeeds, and
    /// after a failed one (so the next rebuild loads everything).
    sources: Option<Sources>,
    memo: Memo,
    /// Every file the last render produced or kept, by output path;
    /// shared with the server, so a rebuild copies the map once.
    files: Arc<HashMap<String, Arc<OutputFile>>>,
}

impl Session {
    pub fn new(root: &Path, origin: &str, drafts: bool) -> Self {
        Session {
            root: root.to_path_buf(),
            origin: origin.to_string(),
            drafts,
            sources: None,
            memo: Memo {
                search: crate::search::SearchMemo::in_background(),
                ..Memo::default()
            },
            files: Arc::default(),
        }
    }

    /// The search index `sequence` made off a rebuild failed: the next
    /// rebuild makes it again.
    pub fn search_failed(&mut self, sequence: u64) {
        self.memo.search.failed(sequence);
    }

    /// Puts the files of a search index made off a rebuild (see
    /// [`Build::search`]) in place of the served one, if no later rebuild
    /// asked for a newer index. Returns the files to serve then.
    pub fn install_search(
        &mut self,
        sequence: u64,
        index: Vec<OutputFile>,
    ) -> Option<Arc<HashMap<String, Arc<OutputFile>>>> {
        if !self.memo.search.indexed(sequence, &index) {
            return None;
        }
        let files = Arc::make_mut(&mut self.files);
        let under = format!("{}/", crate::layout::SEARCH_DIR);
        files.retain(|path, _| !path.starts_with(&under));
        for file in index {
            files.insert(file.path.clone(), Arc::new(file));
        }
        Some(Arc::clone(&self.files))
    }

    /// The files being served: those of the last rebuild that succeeded.
    pub fn files(&self) -> Arc<HashMap<String, Arc<OutputFile>>> {
        Arc::clone(&self.files)
    }

    /// Brings the site up to date after `changed` (paths relative to the
    /// site's folder; empty on the first build) and renders what that
    /// affects.
    pub fn rebuild(&mut self, changed: &[String]) -> Result<Build, Vec<Diagnostic>> {
        let sources = refresh(&self.root, &mut self.sources, changed)?;
        // The base path comes from the site's own settings; the origin is
        // the local server's, so every link stays on the preview.
        let published =
            config::parse(&sources.config, &Overrides::default()).map_err(|d| vec![d])?;
        let base_path = published.base_url.path().to_string();
        let overrides = Overrides {
            base_url: Some(format!("{}{base_path}", self.origin)),
            drafts: self.drafts,
            theme: None,
        };
        let fresh = Mutex::new(Vec::new());
        let root = SiteRoot::new(&self.root);
        let sink = |file| {
            let file = captured(&root, file)?;
            fresh.lock().unwrap_or_else(|e| e.into_inner()).push(file);
            Ok(())
        };
        // A failed rebuild serves the last good site: what it rendered
        // before failing is dropped (the memo did not record it).
        let rendered = render(sources, &overrides, &sink, Some(&mut self.memo))?;
        let articles = sources.articles.len();
        let mut warnings = rendered.warnings;
        warnings.extend(crate::output::store_images(
            &self.root,
            &rendered.image_cache,
        ));
        if let Some(sources) = self.sources.as_mut() {
            // The next rebuild copies them rather than encoding them again.
            let names = rendered.image_cache.iter().map(|f| f.path.clone());
            sources.image_cache.names.extend(names);
        }
        let files = Arc::make_mut(&mut self.files);
        for file in fresh.into_inner().unwrap_or_else(|e| e.into_inner()) {
            files.insert(file.path.clone(), Arc::new(file));
        }
        if files.len() != rendered.paths.len() {
            // Files went away (every current one is in the map).
            let current: HashSet<&str> = rendered.paths.iter().map(String::as_str).collect();
            files.retain(|path, _| current.contains(path.as_str()));
        }
        let reused = self.memo.pages.reused;
        let pages = rendered.pages;
        let render = self.memo.render.rendered;
        Ok(Build {
            files: Arc::clone(&self.files),
            base_path,
            pages,
            warnings,
            search: rendered.search_pending,
            work: Work {
                parsed: articles - reused.headers,
                derived: pages - reused.pages,
                rendered: render.pages + render.listing_pages,
                pages,
            },
        })
    }
}

/// `file` with its bytes in memory. A copied file is read now, once, and
/// checked to be inside the site as it is opened: the server never reads
/// a source path at request time, when it may have been swapped for a link
/// to somewhere else (a rebuild then fails, and these bytes stay served).
fn captured(root: &SiteRoot, file: OutputFile) -> Result<OutputFile, Diagnostic> {
    match file.contents {
        Contents::Copy(source) => Ok(OutputFile {
            contents: Contents::Bytes(root.read(&source)?),
            path: file.path,
        }),
        Contents::Bytes(_) => Ok(file),
    }
}

/// The sources brought up to date, loading them whole when there is
/// nothing to update yet. A failed update forgets them, so the next
/// rebuild loads everything again.
fn refresh<'s>(
    root: &Path,
    sources: &'s mut Option<Sources>,
    changed: &[String],
) -> Result<&'s Sources, Vec<Diagnostic>> {
    match sources.take() {
        // On an error `sources` stays empty, as documented.
        Some(mut known) => {
            source::refresh(root, &mut known, changed)?;
            Ok(sources.insert(known))
        }
        None => Ok(sources.insert(source::load(root)?)),
    }
}
