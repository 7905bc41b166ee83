//! `faqpress serve`: the site rendered in memory, served over HTTP, rebuilt
//! when its files change, with live reload.
//!
//! Nothing is written to disk: every response comes from the last good
//! build's [`OutputFile`]s. A failed rebuild keeps those pages and adds an
//! overlay showing the diagnostics as the terminal prints them. The reload
//! script and the overlay are injected into HTML responses here, at serve
//! time, so `build` output never contains them.

pub mod editor_files;
pub mod head;
pub mod http;
pub mod paths;
mod session;

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::diagnostics::{Diagnostic, Style, render_all};
use crate::output::OutputFile;
pub use session::{Session, Work};

/// Where the live-reload script listens (server-sent events).
pub const EVENTS_PATH: &str = "/__faqpress/events";

/// The state every connection reads.
#[derive(Debug, Default)]
pub struct State {
    /// The last good build, by output path (`index.html`, `a/index.html`).
    pub files: Arc<HashMap<String, Arc<OutputFile>>>,
    /// The site's base path, `/` or `/repo/`.
    pub base_path: String,
    /// The diagnostics of a failed rebuild, as the terminal shows them.
    pub overlay: Option<String>,
    /// Bumped by every rebuild, good or bad; reload events follow it.
    pub generation: u64,
}

/// The state shared by the server threads and the rebuild loop.
#[derive(Debug, Default)]
pub struct Shared {
    pub state: Mutex<State>,
    pub changed: Condvar,
}

impl Shared {
    /// Installs a rebuild's result and wakes every reload stream.
    pub fn publish(&self, result: &Result<Build, Vec<Diagnostic>>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(build) => {
                state.files = Arc::clone(&build.files);
                state.base_path = build.base_path.clone();
                state.overlay = None;
            }
            Err(diagnostics) => {
                state.overlay = Some(render_all(diagnostics, Style { color: false }));
            }
        }
        state.generation += 1;
        self.changed.notify_all();
    }

    /// Serves `files` from now on without a reload: the same pages, with a
    /// search index made after them.
    pub fn replace_files(&self, files: Arc<HashMap<String, Arc<OutputFile>>>) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).files = files;
    }

    /// Waits up to `timeout` for a generation after `seen`.
    pub fn wait_for_change(&self, seen: u64, timeout: Duration) -> u64 {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |s| s.generation == seen)
            .unwrap_or_else(|e| e.into_inner());
        state.generation
    }
}

/// A successful in-memory build.
#[derive(Debug)]
pub struct Build {
    pub files: Arc<HashMap<String, Arc<OutputFile>>>,
    pub base_path: String,
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    /// How much was redone.
    pub work: Work,
    /// The search index, when an edit changed it: served as it was until
    /// this is made ([`crate::search::Pending::index`]) and given to
    /// [`Session::install_search`].
    pub search: Option<crate::search::Pending>,
}

/// The script that reloads the page when the site is rebuilt.
pub fn reload_script(generation: u64) -> String {
    format!(
        "<script>/* faqpress serve: live reload */new EventSource(\"{EVENTS_PATH}?since={generation}\").addEventListener(\"reload\",function(){{location.reload()}});</script>"
    )
}

/// The overlay listing a failed rebuild's diagnostics.
pub fn overlay_html(text: &str) -> String {
    format!(
        "<div id=\"faqpress-overlay\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#f5f5f5;padding:2rem;font:14px/1.5 ui-monospace,monospace\"><p style=\"margin:0 0 1rem;font-weight:bold;color:#ff8a80\">The last change has errors; showing the last good version underneath. Fix the file and this goes away.</p><pre style=\"white-space:pre-wrap;margin:0\">{}</pre></div>",
        crate::html::escape(text)
    )
}

/// Adds the reload script, and the overlay if any, before `</body>` (or at
/// the end when a template has no body tag).
pub fn inject(html: &str, overlay: Option<&str>, generation: u64) -> String {
    let mut extra = String::new();
    if let Some(text) = overlay {
        extra.push_str(&overlay_html(text));
    }
    extra.push_str(&reload_script(generation));
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]),
        None => format!("{html}{extra}"),
    }
}

/// Removes the reload script [`inject`] added, so tests can compare a
/// served page with `build` output.
pub fn strip_reload_script(html: &str) -> String {
    match (
        html.find("<script>/* faqpress serve"),
        html.rfind("</script>"),
    ) {
        (Some(start), Some(end)) if end > start => {
            format!("{}{}", &html[..start], &html[end + "</script>".len()..])
        }
        _ => html.to_string(),
    }
}
