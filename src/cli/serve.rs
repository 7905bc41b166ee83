//! `faqpress serve`: preview with live reload. Rebuilds are incremental
//! and in memory (see `faqpress::serve::Session`).

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use faqpress::diagnostics::Diagnostic;
use faqpress::layout;
use faqpress::output::OutputFile;
use faqpress::search::Pending;
use faqpress::serve::{Session, Shared, editor_files, http};
use notify::{RecursiveMode, Watcher};

use super::{fail, print_diagnostic, print_diagnostics};

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The site's folder (the one holding `site.yaml`).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on. Other machines can reach the preview only
    /// if this is not a loopback address.
    #[arg(long, default_value = "127.0.0.1")]
    pub interface: IpAddr,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// The folders whose changes trigger a rebuild (besides `site.yaml`).
const WATCHED_DIRS: [&str; 4] = layout::SOURCE_DIRS;

pub fn run(args: &ServeArgs) -> ExitCode {
    let listener = match bind(args) {
        Ok(l) => l,
        Err(code) => return code,
    };
    if !args.interface.is_loopback() {
        warn_visible_on_network(args.interface);
    }
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(args.port);
    let origin = origin_of(args.interface, port);
    let shared = Arc::new(Shared::default());
    shared
        .state
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .base_path = "/".to_string();
    let mut watch = match Watch::start(&args.root) {
        Ok(w) => w,
        Err(e) => {
            let message = format!("cannot watch the site's files: {e}");
            return fail(Diagnostic::error("", message), 1);
        }
    };
    let mut session = Session::new(&args.root, &origin, args.drafts);
    rebuild(&mut session, &shared, &[], "start", &mut watch.indexer);
    let base_path = shared
        .state
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .base_path
        .clone();
    println!(
        "Serving {} at {origin}{base_path} (Ctrl-C to stop)",
        args.root.display()
    );
    let server_shared = Arc::clone(&shared);
    std::thread::spawn(move || http::serve(listener, server_shared));
    watch.run(session, &shared)
}

/// Listens on the address asked for; on failure prints why and gives the
/// exit code to return.
fn bind(args: &ServeArgs) -> Result<TcpListener, ExitCode> {
    TcpListener::bind(SocketAddr::new(args.interface, args.port)).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            let message = format!(
                "port {} is already in use (another `faqpress serve`?)",
                args.port
            );
            let help = format!(
                "choose another port, e.g. `--port {}`, or `--port 0` to pick a free one",
                args.port.wrapping_add(1).max(1024)
            );
            fail(Diagnostic::error("", message).with_help(help), 1)
        } else {
            let message = format!("cannot listen on {}:{}: {e}", args.interface, args.port);
            fail(Diagnostic::error("", message), 1)
        }
    })
}

fn warn_visible_on_network(interface: IpAddr) {
    let message = format!(
        "listening on {interface}, so other machines on the network can see the preview, drafts included"
    );
    print_diagnostic(
        &Diagnostic::warning("", message)
            .with_help("use `--interface 127.0.0.1` to keep it private"),
    );
}

/// The address a browser on this machine opens: an unspecified interface
/// (`0.0.0.0`, `::`) is reached through the loopback one.
fn origin_of(interface: IpAddr, port: u16) -> String {
    let host = match interface {
        ip if ip.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    format!("http://{host}:{port}")
}

/// Rebuilds in memory and installs the result; prints one line. A search
/// index the rebuild left to make goes to `indexer`.
fn rebuild(
    session: &mut Session,
    shared: &Shared,
    changed: &[String],
    reason: &str,
    indexer: &mut Indexer,
) {
    let started = Instant::now();
    let mut result = session.rebuild(changed);
    if let Some(pending) = result.as_mut().ok().and_then(|b| b.search.take()) {
        indexer.submit(pending);
    }
    let ms = started.elapsed().as_millis();
    match &result {
        Ok(build) => {
            print_diagnostics(&build.warnings);
            let work = build.work;
            println!(
                "Rebuilt ({reason}) in {ms} ms: {} of {} pages parsed again, {} rendered",
                work.derived, work.pages, work.rendered
            );
        }
        Err(diagnostics) => {
            print_diagnostics(diagnostics);
            println!("Build failed ({reason}) in {ms} ms; still serving the last good pages");
        }
    }
    shared.publish(&result);
}

/// Makes the search indexes rebuilds leave to make, one at a time on a
/// thread of its own (an index of a large site takes seconds and much
/// memory: edits in a row must not start one each). While one is being
/// made only the latest of those asked for meanwhile waits; the others
/// would be dropped as overtaken anyway.
struct Indexer {
    wake: mpsc::Sender<Wake>,
    busy: bool,
    waiting: Option<Pending>,
}

impl Indexer {
    fn submit(&mut self, pending: Pending) {
        if self.busy {
            self.waiting = Some(pending);
            return;
        }
        self.busy = true;
        let wake = self.wake.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            let sequence = pending.sequence();
            let index = pending.index();
            let _ = wake.send(Wake::Indexed(sequence, index, started.elapsed()));
        });
    }

    /// The index being made is done: starts the waiting one, if any.
    fn done(&mut self) {
        self.busy = false;
        if let Some(next) = self.waiting.take() {
            self.submit(next);
        }
    }
}

/// What wakes the rebuild loop.
enum Wake {
    /// A change to the site's files.
    Files(notify::Result<notify::Event>),
    /// A search index made off a rebuild: its sequence, its files, and how
    /// long it took.
    Indexed(u64, Result<Vec<OutputFile>, Diagnostic>, Duration),
}

/// The site's watched files, and the events about them.
struct Watch {
    root: PathBuf,
    watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<Wake>,
    indexer: Indexer,
}

impl Watch {
    /// Starts watching. Done before the first build, so that a file saved
    /// while it runs is not missed.
    fn start(site: &Path) -> Result<Watch, notify::Error> {
        let (wake, events) = mpsc::channel();
        let files = wake.clone();
        // Plain notify with our own debounce rather than
        // notify-debouncer-mini: the debouncer drops the event kind, and a
        // rebuild's own reads (inotify "opened"/"closed" access events)
        // would trigger the next rebuild forever.
        let watcher = notify::recommended_watcher(move |event| {
            let _ = files.send(Wake::Files(event));
        })?;
        let root = site.canonicalize().unwrap_or_else(|_| site.to_path_buf());
        let indexer = Indexer {
            wake,
            busy: false,
            waiting: None,
        };
        let mut watch = Watch {
            root,
            watcher,
            events,
            indexer,
        };
        watch.add_watches();
        Ok(watch)
    }

    /// The root itself, not recursively: it sees site.yaml (even when an
    /// editor saves by renaming) and folders appearing, without the noise
    /// of public/ or target/. The watched folders recursively: new
    /// subfolders are followed by notify itself.
    fn add_watches(&mut self) {
        let _ = self.watcher.watch(&self.root, RecursiveMode::NonRecursive);
        for dir in WATCHED_DIRS {
            let dir = self.root.join(dir);
            if dir.is_dir() {
                let _ = self.watcher.watch(&dir, RecursiveMode::Recursive);
            }
        }
    }

    /// Rebuilds after every burst of changes, until the watcher stops.
    fn run(mut self, mut session: Session, shared: &Shared) -> ExitCode {
        while let Ok(first) = self.events.recv() {
            let mut changed = BTreeSet::new();
            match first {
                Wake::Files(event) => collect(&self.root, event, &mut changed),
                Wake::Indexed(sequence, index, took) => {
                    install_search(&mut session, shared, sequence, index, took);
                    self.indexer.done();
                    continue;
                }
            }
            // Editors save in bursts (write, rename, chmod): wait for quiet.
            while let Ok(next) = self.events.recv_timeout(DEBOUNCE) {
                match next {
                    Wake::Files(event) => collect(&self.root, event, &mut changed),
                    Wake::Indexed(sequence, index, took) => {
                        install_search(&mut session, shared, sequence, index, took);
                        self.indexer.done();
                    }
                }
            }
            if changed.is_empty() {
                continue;
            }
            let changed: Vec<String> = changed.into_iter().collect();
            let reason = describe(&changed);
            rebuild(&mut session, shared, &changed, &reason, &mut self.indexer);
            // A watched folder itself created, removed or replaced needs
            // its watch set up again; walking a large folder for that on
            // every rebuild would cost more than the rebuild.
            if changed.iter().any(|c| WATCHED_DIRS.contains(&c.as_str())) {
                self.add_watches();
            }
        }
        ExitCode::SUCCESS
    }
}

/// Serves a search index made off a rebuild, unless a later one replaced it.
fn install_search(
    session: &mut Session,
    shared: &Shared,
    sequence: u64,
    index: Result<Vec<OutputFile>, Diagnostic>,
    took: Duration,
) {
    match index {
        Ok(index) => {
            if let Some(files) = session.install_search(sequence, index) {
                shared.replace_files(files);
                println!("Search index updated in {} ms", took.as_millis());
            }
        }
        Err(d) => {
            print_diagnostic(&d);
            session.search_failed(sequence);
        }
    }
}

/// How long the files must stay quiet before a rebuild starts.
const DEBOUNCE: Duration = Duration::from_millis(100);

/// Adds the site files an event changed (not merely read) to `changed`.
fn collect(root: &Path, event: notify::Result<notify::Event>, changed: &mut BTreeSet<String>) {
    let Ok(event) = event else { return };
    if matches!(event.kind, notify::EventKind::Access(_)) {
        return;
    }
    // Folders count too: one created with files already inside may
    // report no event for those files, so it makes the site load again.
    changed.extend(event.paths.iter().filter_map(|p| relevant(root, p)));
}

/// `content/a.md changed`, or `3 files changed` when there are many.
fn describe(changed: &[String]) -> String {
    match changed {
        [one] => format!("{one} changed"),
        [a, b] => format!("{a}, {b} changed"),
        many => format!("{} files changed", many.len()),
    }
}

/// The site-relative path of a change that matters, if it does: not an
/// editor's swap, backup or temporary file (`.index.md.swp`, `sedNWa4h6`).
fn relevant(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let name = rel.file_name()?.to_string_lossy();
    if editor_files::is_editor_scratch_file(&name) {
        return None;
    }
    let rel = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let first = rel.split('/').next().unwrap_or("");
    (rel == layout::CONFIG_FILE || WATCHED_DIRS.contains(&first)).then_some(rel)
}
