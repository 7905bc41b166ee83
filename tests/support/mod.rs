//! Shared helpers for faqpress's integration tests: a headless Chromium
//! driven through `headless_chrome`, axe-core accessibility checks, the Nu
//! Html Checker (vnu.jar), and a tiny static file server.
//!
//! Use it from a test file with `mod support;`.
//!
//! The tools are installed by `bash tests/run.sh`, which also exports
//! `FAQPRESS_CHROMIUM` and `FAQPRESS_TOOLS`. Browser and validator tests
//! never skip when a tool is missing: they panic and say how to fix it.
//!
//! Every wait here is bounded ([`WAIT`], or the CDP call timeout of
//! [`CDP_CALL_TIMEOUT`]) and panics with a message saying what was awaited.
#![allow(dead_code)] // each test binary uses its own subset of the helpers

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::ops::Deref;
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Emulation, Log, Page, Runtime};
use headless_chrome::{Browser, LaunchOptions, Tab};

/// How long any helper waits for something (a page load, an element, a
/// promise, an event) before it panics.
pub const WAIT: Duration = Duration::from_secs(15);

/// How long a single DevTools protocol call may take. `headless_chrome` also
/// drops its connection to the browser after this long without any message
/// from it, so a test must not hold a browser idle for longer than this.
pub const CDP_CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// Viewport width of a phone.
pub const MOBILE_WIDTH: u32 = 375;
/// Viewport width of a desktop window.
pub const DESKTOP_WIDTH: u32 = 1280;
/// Window size used by [`launch_browser`].
pub const DEFAULT_WINDOW: (u32, u32) = (1280, 800);

const SETUP_HINT: &str = "run `bash tests/run.sh` once: it installs chromium, java and the Node \
                          test tools, then runs the tests";

// ---------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------

/// The crate's root folder.
pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `node_modules` folder holding axe-core, vnu-jar and lighthouse:
/// env `FAQPRESS_TOOLS`, else `tests/tools/node_modules` in the crate.
pub fn tools_dir() -> PathBuf {
    match std::env::var_os("FAQPRESS_TOOLS") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => manifest_dir().join("tests/tools/node_modules"),
    }
}

/// A file inside [`tools_dir`]; panics with setup instructions if missing.
pub fn tool_file(relative: &str) -> PathBuf {
    let path = tools_dir().join(relative);
    assert!(
        path.is_file(),
        "test tool not found: {} ({SETUP_HINT})",
        path.display()
    );
    path
}

/// Where screenshots go: env `FAQPRESS_SCREENSHOTS`, else
/// `<target dir>/browser-screenshots` (honouring `CARGO_TARGET_DIR`).
pub fn screenshots_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("FAQPRESS_SCREENSHOTS").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let target = match std::env::var_os("CARGO_TARGET_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => manifest_dir().join(dir), // join keeps an absolute dir as is
        None => manifest_dir().join("target"),
    };
    target.join("browser-screenshots")
}

/// The chromium binary: env `FAQPRESS_CHROMIUM`, else `/usr/bin/chromium`,
/// else `chromium` on `PATH`. Panics (never skips) when none is found.
pub fn chromium_path() -> PathBuf {
    if let Some(path) = std::env::var_os("FAQPRESS_CHROMIUM").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "FAQPRESS_CHROMIUM={} does not exist ({SETUP_HINT})",
            path.display()
        );
        return path;
    }
    let debian = PathBuf::from("/usr/bin/chromium");
    if debian.is_file() {
        return debian;
    }
    if let Some(path) = find_on_path("chromium") {
        return path;
    }
    panic!(
        "chromium not found (looked at $FAQPRESS_CHROMIUM, /usr/bin/chromium and PATH): {SETUP_HINT}"
    );
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

// ---------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------

/// Launches a new headless chromium with a fresh temporary profile and the
/// default window size. The process is killed when the `Browser` drops.
pub fn launch_browser() -> Browser {
    launch_browser_with_window(DEFAULT_WINDOW.0, DEFAULT_WINDOW.1)
}

/// Like [`launch_browser`], with a given window size in CSS pixels.
pub fn launch_browser_with_window(width: u32, height: u32) -> Browser {
    let path = chromium_path();
    let args: Vec<&OsStr> = [
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-quic",
        "--hide-scrollbars",
        "--mute-audio",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(path.clone()))
        .headless(true)
        .sandbox(false)
        .enable_gpu(false)
        .window_size(Some((width, height)))
        // No user_data_dir: headless_chrome then makes a fresh temporary
        // profile folder and deletes it when the browser is dropped.
        .user_data_dir(None)
        .idle_browser_timeout(CDP_CALL_TIMEOUT)
        .args(args)
        .build()
        .expect("valid chromium launch options");
    Browser::new(options).unwrap_or_else(|e| {
        panic!(
            "could not launch {} headless: {e:#} (is it Debian's chromium? {SETUP_HINT})",
            path.display()
        )
    })
}

/// One browser shared by the tests of a test binary that run at the same
/// time, so that a parallel `cargo test` starts one chromium, not one per
/// test. It is launched on first use and killed as soon as no test holds it
/// any more (a `static` would never be dropped and would leak the process).
pub fn shared_browser() -> Arc<Browser> {
    static SHARED: Mutex<Weak<Browser>> = Mutex::new(Weak::new());
    let mut slot = SHARED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(browser) = slot.upgrade() {
        return browser;
    }
    let browser = Arc::new(launch_browser());
    *slot = Arc::downgrade(&browser);
    browser
}

/// A tab of a (shared) browser that collects console errors from the start
/// and closes itself on drop. Derefs to [`Tab`].
pub struct TestTab {
    tab: Arc<Tab>,
    errors: Arc<Mutex<Vec<String>>>,
    markers: Arc<Mutex<BTreeSet<String>>>,
    // Keeps the browser alive as long as the tab.
    _browser: Arc<Browser>,
}

/// Opens a tab on [`shared_browser`], with console-error capture enabled.
pub fn new_tab() -> TestTab {
    TestTab::open(shared_browser())
}

static NEXT_MARKER: AtomicU64 = AtomicU64::new(0);
const MARKER_PREFIX: &str = "faqpress-flush-marker-";

impl TestTab {
    /// Opens a tab on the given browser, with console-error capture enabled.
    pub fn open(browser: Arc<Browser>) -> TestTab {
        let tab = browser
            .new_tab()
            .unwrap_or_else(|e| panic!("could not open a chromium tab: {e:#}"));
        tab.set_default_timeout(WAIT);
        let errors = Arc::new(Mutex::new(Vec::new()));
        let markers = Arc::new(Mutex::new(BTreeSet::new()));
        {
            let errors = Arc::clone(&errors);
            let markers = Arc::clone(&markers);
            tab.add_event_listener(Arc::new(move |event: &Event| {
                let message = match event {
                    Event::RuntimeConsoleAPICalled(e) => {
                        let text = console_args_text(&e.params.args);
                        if let Some(marker) = text.strip_prefix(MARKER_PREFIX) {
                            markers.lock().unwrap().insert(marker.to_string());
                            return;
                        }
                        match e.params.Type {
                            Runtime::ConsoleAPICalledEventTypeOption::Error
                            | Runtime::ConsoleAPICalledEventTypeOption::Assert => {
                                let kind = format!("{:?}", e.params.Type).to_lowercase();
                                Some(format!("console.{kind}: {text}"))
                            }
                            _ => None,
                        }
                    }
                    Event::RuntimeExceptionThrown(e) => Some(format!(
                        "exception: {}",
                        exception_text(&e.params.exception_details)
                    )),
                    Event::LogEntryAdded(e) => {
                        let entry = &e.params.entry;
                        let url = entry.url.as_deref().unwrap_or("");
                        // Chromium asks for /favicon.ico by itself when a page
                        // names no icon; that miss is not the page's error.
                        let automatic_favicon = entry.source == Log::LogEntrySource::Network
                            && url.ends_with("/favicon.ico");
                        if entry.level == Log::LogEntryLevel::Error && !automatic_favicon {
                            let source = format!("{:?}", entry.source).to_lowercase();
                            let place = if url.is_empty() {
                                String::new()
                            } else {
                                format!(" ({url})")
                            };
                            Some(format!("log.{source}: {}{place}", entry.text))
                        } else {
                            None
                        }
                    }
                    _ => None,
                };
                if let Some(message) = message {
                    errors.lock().unwrap().push(message);
                }
            }))
            .expect("add a console event listener");
        }
        tab.enable_runtime()
            .unwrap_or_else(|e| panic!("Runtime.enable failed: {e:#}"));
        tab.enable_log()
            .unwrap_or_else(|e| panic!("Log.enable failed: {e:#}"));
        TestTab {
            tab,
            errors,
            markers,
            _browser: browser,
        }
    }

    /// The underlying `headless_chrome` tab.
    pub fn tab(&self) -> &Arc<Tab> {
        &self.tab
    }

    /// Navigates to `url` and waits (bounded) until the load has settled and
    /// `document.readyState` is `complete`.
    pub fn goto(&self, url: &str) -> &Self {
        goto(&self.tab, url);
        self
    }

    /// Console errors (`console.error`, failed `console.assert`), uncaught
    /// exceptions and unhandled rejections, and browser log errors (failed
    /// loads, CSP violations) seen since the tab opened or since the last
    /// [`TestTab::clear_console_errors`]. Chromium's own request for
    /// `/favicon.ico` (made when a page names no icon) is not counted; check
    /// [`StaticServer::requests`] for that.
    ///
    /// It first makes sure that every Runtime event the page emitted so far
    /// has been collected (it logs a marker and waits until the marker comes
    /// back through the event stream).
    pub fn console_errors(&self) -> Vec<String> {
        self.flush_events();
        self.errors.lock().unwrap().clone()
    }

    /// Forgets the errors collected so far.
    pub fn clear_console_errors(&self) {
        self.flush_events();
        self.errors.lock().unwrap().clear();
    }

    /// Panics listing the console errors, if there are any.
    pub fn assert_no_console_errors(&self) {
        let errors = self.console_errors();
        assert!(
            errors.is_empty(),
            "the page logged {} error(s) in the console:\n  {}",
            errors.len(),
            errors.join("\n  ")
        );
    }

    fn flush_events(&self) {
        let marker = NEXT_MARKER.fetch_add(1, Ordering::SeqCst).to_string();
        eval(
            &self.tab,
            &format!(
                "console.debug({:?}); true",
                format!("{MARKER_PREFIX}{marker}")
            ),
        );
        wait_until(
            "the console event stream to catch up (flush marker)",
            || self.markers.lock().unwrap().remove(&marker),
        );
    }
}

impl Deref for TestTab {
    type Target = Tab;
    fn deref(&self) -> &Tab {
        &self.tab
    }
}

impl Drop for TestTab {
    fn drop(&mut self) {
        let _ = self.tab.close(false);
    }
}

fn console_args_text(args: &[Runtime::RemoteObject]) -> String {
    args.iter()
        .map(|arg| match &arg.value {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => arg
                .description
                .clone()
                .unwrap_or_else(|| format!("{:?}", arg.Type).to_lowercase()),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn exception_text(details: &Runtime::ExceptionDetails) -> String {
    let description = details.exception.as_ref().and_then(|e| {
        e.description
            .clone()
            .or_else(|| e.value.as_ref().map(|v| v.to_string()))
    });
    let text = match description {
        Some(d) => format!("{} {d}", details.text),
        None => details.text.clone(),
    };
    let place = match &details.url {
        Some(url) => format!(
            " at {url}:{}:{}",
            details.line_number + 1,
            details.column_number + 1
        ),
        None => String::new(),
    };
    format!("{}{place}", text.lines().next().unwrap_or_default())
}

/// Polls `done` every 20 ms until it returns true; panics after [`WAIT`].
pub fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < WAIT,
            "timed out after {WAIT:?} waiting for {what}"
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// Navigates `tab` to `url` and waits (bounded) until the new document has
/// loaded (`document.readyState` is `complete`, so its images, styles and
/// scripts are in). Follows redirects. Panics on failure.
pub fn goto(tab: &Tab, url: &str) {
    let without_fragment = |u: &str| u.split('#').next().unwrap_or("").to_string();
    let same_document =
        url.contains('#') && without_fragment(&tab.get_url()) == without_fragment(url);
    // A flag on the old document tells it apart from the new one, which a
    // readyState check alone cannot do right after Page.navigate returns.
    eval(tab, "window.__faqpressOldDocument = true");
    let reply = tab
        .call_method(Page::Navigate {
            url: url.to_string(),
            referrer: None,
            transition_Type: None,
            frame_id: None,
            referrer_policy: None,
        })
        .unwrap_or_else(|e| panic!("navigating to {url} failed: {e:#}"));
    if let Some(error) = reply.error_text {
        panic!("navigating to {url} failed: {error}");
    }
    let loaded = if same_document {
        "document.readyState === 'complete'"
    } else {
        "!window.__faqpressOldDocument && document.readyState === 'complete'"
    };
    // While the documents change, evaluation may fail ("execution context
    // was destroyed"): that only means "not yet".
    wait_until(&format!("{url} to load"), || {
        try_eval(tab, loaded).is_ok_and(|v| v == true)
    });
}

/// Evaluates a JavaScript expression in the page and returns its value as
/// JSON (`null` for `undefined`). A thrown exception panics with its text.
pub fn eval(tab: &Tab, expression: &str) -> serde_json::Value {
    evaluate(tab, expression, false)
}

/// Like [`eval`], but the expression yields a promise, which is awaited
/// (bounded by [`WAIT`]: the promise is raced against a timer).
pub fn eval_async(tab: &Tab, expression: &str) -> serde_json::Value {
    let ms = WAIT.as_millis();
    let raced = format!(
        "Promise.race([Promise.resolve(({expression})), new Promise((_, reject) => \
         setTimeout(() => reject(new Error('promise not settled within {ms} ms')), {ms}))])"
    );
    evaluate(tab, &raced, true)
}

/// Like [`eval`], but returns a failed call or a thrown exception as `Err`
/// with its text instead of panicking.
pub fn try_eval(tab: &Tab, expression: &str) -> Result<serde_json::Value, String> {
    try_evaluate(tab, expression, false)
}

fn evaluate(tab: &Tab, expression: &str, await_promise: bool) -> serde_json::Value {
    try_evaluate(tab, expression, await_promise).unwrap_or_else(|e| {
        let short: String = expression.chars().take(120).collect();
        panic!("evaluating `{short}` failed: {e}")
    })
}

fn try_evaluate(
    tab: &Tab,
    expression: &str,
    await_promise: bool,
) -> Result<serde_json::Value, String> {
    let reply = tab
        .call_method(Runtime::Evaluate {
            expression: expression.to_string(),
            object_group: None,
            include_command_line_api: Some(false),
            silent: Some(false),
            context_id: None,
            return_by_value: Some(true),
            generate_preview: Some(false),
            user_gesture: Some(true),
            await_promise: Some(await_promise),
            throw_on_side_effect: None,
            timeout: None,
            disable_breaks: None,
            repl_mode: None,
            allow_unsafe_eval_blocked_by_csp: Some(true),
            unique_context_id: None,
            serialization_options: None,
        })
        .map_err(|e| format!("{e:#}"))?;
    if let Some(details) = reply.exception_details {
        return Err(format!("threw {}", exception_text(&details)));
    }
    Ok(reply.result.value.unwrap_or(serde_json::Value::Null))
}

/// Clicks the centre of the first element matching `selector` (waiting for
/// it, bounded).
pub fn click(tab: &Tab, selector: &str) {
    let element = tab
        .wait_for_element_with_custom_timeout(selector, WAIT)
        .unwrap_or_else(|e| panic!("no element matches `{selector}` within {WAIT:?}: {e:#}"));
    element
        .click()
        .unwrap_or_else(|e| panic!("clicking `{selector}` failed: {e:#}"));
}

/// Emulates a viewport `width` CSS pixels wide (e.g. [`MOBILE_WIDTH`] or
/// [`DESKTOP_WIDTH`]); widths up to 600 px are emulated as a phone
/// (mobile, honouring `<meta name=viewport>`), with an 812 px tall screen.
pub fn emulate_viewport(tab: &Tab, width: u32) {
    if width <= 600 {
        emulate_viewport_size(tab, width, 812, true);
    } else {
        emulate_viewport_size(tab, width, 800, false);
    }
}

/// Emulates a viewport of `width` x `height` CSS pixels at scale factor 1.
pub fn emulate_viewport_size(tab: &Tab, width: u32, height: u32, mobile: bool) {
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height,
        device_scale_factor: 1.0,
        mobile,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .unwrap_or_else(|e| {
        panic!("Emulation.setDeviceMetricsOverride({width}x{height}) failed: {e:#}")
    });
}

/// The value of `prefers-color-scheme` to emulate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorScheme {
    Light,
    Dark,
}

impl ColorScheme {
    pub fn as_str(self) -> &'static str {
        match self {
            ColorScheme::Light => "light",
            ColorScheme::Dark => "dark",
        }
    }
}

/// Emulates `prefers-color-scheme: light|dark` for the tab.
pub fn emulate_color_scheme(tab: &Tab, scheme: ColorScheme) {
    tab.call_method(Emulation::SetEmulatedMedia {
        media: None,
        features: Some(vec![Emulation::MediaFeature {
            name: "prefers-color-scheme".to_string(),
            value: scheme.as_str().to_string(),
        }]),
    })
    .unwrap_or_else(|e| panic!("Emulation.setEmulatedMedia({scheme:?}) failed: {e:#}"));
}

/// Saves a PNG screenshot of the visible viewport as `<dir>/<name>.png`
/// (creating `dir`) and returns its path.
pub fn save_screenshot(tab: &Tab, dir: &Path, name: &str) -> PathBuf {
    let png = tab
        .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
        .unwrap_or_else(|e| panic!("screenshot `{name}` failed: {e:#}"));
    write_png(dir, name, &png)
}

/// Saves a PNG screenshot of the whole page (beyond the viewport) as
/// `<dir>/<name>.png` (creating `dir`) and returns its path.
pub fn save_full_page_screenshot(tab: &Tab, dir: &Path, name: &str) -> PathBuf {
    let size = eval(
        tab,
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]",
    );
    let (width, height) = (
        size[0].as_f64().unwrap_or(1.0).max(1.0),
        size[1].as_f64().unwrap_or(1.0).max(1.0),
    );
    let data = tab
        .call_method(Page::CaptureScreenshot {
            format: Some(Page::CaptureScreenshotFormatOption::Png),
            quality: None,
            clip: Some(Page::Viewport {
                x: 0.0,
                y: 0.0,
                width,
                height,
                scale: 1.0,
            }),
            from_surface: Some(true),
            capture_beyond_viewport: Some(true),
            optimize_for_speed: None,
        })
        .unwrap_or_else(|e| panic!("full-page screenshot `{name}` failed: {e:#}"))
        .data;
    let png = decode_base64(&data).expect("chromium returned valid base64");
    write_png(dir, name, &png)
}

/// Standard base64 (with padding), enough for CDP screenshot data.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    fn value(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    }
    let bytes: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for chunk in bytes.chunks(4) {
        let data: Vec<u8> = chunk.iter().copied().take_while(|&b| b != b'=').collect();
        if data.len() < 2 {
            return None;
        }
        let mut n = 0u32;
        for (i, &c) in data.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        out.push((n >> 16) as u8);
        if data.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if data.len() > 3 {
            out.push(n as u8);
        }
    }
    Some(out)
}

fn write_png(dir: &Path, name: &str, png: &[u8]) -> PathBuf {
    std::fs::create_dir_all(dir)
        .unwrap_or_else(|e| panic!("cannot create screenshot folder {}: {e}", dir.display()));
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png)
        .unwrap_or_else(|e| panic!("cannot write screenshot {}: {e}", path.display()));
    path
}

// ---------------------------------------------------------------------------
// axe-core
// ---------------------------------------------------------------------------

/// Runs axe-core on the tab's current page and returns its violations, one
/// readable line per rule: `rule-id [impact] selectors: help (help url)`.
pub fn run_axe(tab: &Tab) -> Vec<String> {
    let loaded = eval(tab, "typeof window.axe === 'object'");
    if loaded != serde_json::Value::Bool(true) {
        let path = tool_file("axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        eval(tab, &format!("{source}\n;true"));
    }
    let json = eval_async(
        tab,
        "axe.run(document, { resultTypes: ['violations'] }).then(r => JSON.stringify(\
           r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, \
             helpUrl: v.helpUrl, targets: v.nodes.map(n => n.target.join(' ')) }))))",
    );
    let json = json.as_str().expect("axe.run result is a JSON string");
    let violations: Vec<serde_json::Value> =
        serde_json::from_str(json).expect("axe.run result parses as JSON");
    violations
        .iter()
        .map(|v| {
            let text = |key: &str| v[key].as_str().unwrap_or("?").to_string();
            let targets: Vec<String> = v["targets"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|t| t.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            format!(
                "{} [{}] {}: {} ({})",
                text("id"),
                text("impact"),
                targets.join(", "),
                text("help"),
                text("helpUrl")
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Nu Html Checker
// ---------------------------------------------------------------------------

/// Path of the Nu Html Checker jar installed by `tests/run.sh`.
pub fn vnu_jar() -> PathBuf {
    tool_file("vnu-jar/build/dist/vnu.jar")
}

/// Validates HTML files with the Nu Html Checker (`vnu.jar --errors-only`)
/// and returns the errors as `file:line:col: message` lines (empty when all
/// files are valid). Panics when java or the jar is missing.
pub fn run_vnu(files: &[PathBuf]) -> Vec<String> {
    assert!(!files.is_empty(), "run_vnu needs at least one file");
    let jar = vnu_jar();
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args([
            "--format",
            "json",
            "--errors-only",
            "--exit-zero-always",
            "--stdout",
        ])
        .args(files)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `java -jar {}`: {e} (is java installed? {SETUP_HINT})",
                jar.display()
            )
        });
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "vnu.jar did not print a JSON report ({e}; exit status {}):\nstdout: {stdout}\nstderr: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let messages = report["messages"]
        .as_array()
        .unwrap_or_else(|| panic!("vnu.jar report has no messages array: {stdout}"));
    messages
        .iter()
        .filter(|m| m["type"] != "info")
        .map(|m| {
            let url = m["url"].as_str().unwrap_or("?");
            let file = url
                .strip_prefix("file:")
                .map(|p| p.trim_start_matches("//"))
                .map(|p| format!("/{}", p.trim_start_matches('/')))
                .unwrap_or_else(|| url.to_string());
            let line = m["lastLine"]
                .as_u64()
                .or(m["firstLine"].as_u64())
                .unwrap_or(0);
            let col = m["firstColumn"]
                .as_u64()
                .or(m["lastColumn"].as_u64())
                .unwrap_or(0);
            let message = m["message"].as_str().unwrap_or("?");
            match m["type"].as_str() {
                Some("error") => format!("{file}:{line}:{col}: {message}"),
                Some(other) => format!("{file}:{line}:{col}: {other}: {message}"),
                None => format!("{file}:{line}:{col}: {message}"),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Static file server
// ---------------------------------------------------------------------------

/// A tiny HTTP/1.1 static file server on 127.0.0.1 (OS-chosen port) that
/// serves a folder under a path prefix, like a GitHub Pages project site:
///
/// * `<prefix>x/` serves `x/index.html`; a folder asked for without the
///   trailing slash is redirected (301) to it;
/// * anything outside the prefix, missing, or with a `..` segment is a 404,
///   with the folder's `404.html` as body when it has one;
/// * only GET and HEAD; every response has `Connection: close`;
/// * extra headers (e.g. from a Netlify `_headers` file) go on every
///   response.
///
/// The server stops when dropped.
pub struct StaticServer {
    addr: SocketAddr,
    prefix: String,
    stop: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<(String, u16)>>>,
    thread: Option<JoinHandle<()>>,
}

/// Settings for a [`StaticServer`]; see [`StaticServer::builder`].
pub struct StaticServerBuilder {
    root: PathBuf,
    prefix: String,
    headers: Vec<(String, String)>,
}

impl StaticServerBuilder {
    /// The path prefix the folder is served under (default `/`); slashes
    /// are added at both ends as needed, so `"repo"` means `/repo/`.
    pub fn prefix(mut self, prefix: &str) -> Self {
        let trimmed = prefix.trim_matches('/');
        self.prefix = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        self
    }

    /// Adds a header to every response.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        assert!(
            !name.contains([':', '\r', '\n']) && !value.contains(['\r', '\n']),
            "invalid header {name:?}: {value:?}"
        );
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// Binds the port and starts serving.
    pub fn start(self) -> StaticServer {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind 127.0.0.1:0");
        let addr = listener
            .local_addr()
            .expect("local address of the listener");
        let stop = Arc::new(AtomicBool::new(false));
        let log = Arc::new(Mutex::new(Vec::new()));
        let site = Arc::new(Site {
            root: self.root,
            prefix: self.prefix.clone(),
            headers: self.headers,
            log: Arc::clone(&log),
        });
        let thread = {
            let stop = Arc::clone(&stop);
            thread::Builder::new()
                .name("static-server".into())
                .spawn(move || {
                    for stream in listener.incoming() {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        let Ok(stream) = stream else { continue };
                        let site = Arc::clone(&site);
                        let _ = thread::Builder::new()
                            .name("static-server-conn".into())
                            .spawn(move || site.handle(stream));
                    }
                })
                .expect("spawn the static server thread")
        };
        StaticServer {
            addr,
            prefix: self.prefix,
            stop,
            log,
            thread: Some(thread),
        }
    }
}

impl StaticServer {
    /// Settings for a server of the folder `root`.
    pub fn builder(root: impl Into<PathBuf>) -> StaticServerBuilder {
        StaticServerBuilder {
            root: root.into(),
            prefix: "/".to_string(),
            headers: Vec::new(),
        }
    }

    /// Serves `root` under `prefix` (e.g. `"/repo/"`) with no extra headers.
    pub fn start(root: impl Into<PathBuf>, prefix: &str) -> StaticServer {
        StaticServer::builder(root).prefix(prefix).start()
    }

    /// The socket address (127.0.0.1 and the chosen port).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The prefix, with a slash at both ends (`/repo/`, or `/`).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The URL of `path` under the prefix: `url("")` is the site's root
    /// (`http://127.0.0.1:PORT/repo/`), `url("a/b.css")` a file in it. A
    /// leading slash is ignored.
    pub fn url(&self, path: &str) -> String {
        format!(
            "{}{}{}",
            self.origin(),
            self.prefix,
            path.trim_start_matches('/')
        )
    }

    /// The URL of an absolute path on the server, outside the prefix too.
    pub fn absolute_url(&self, path: &str) -> String {
        format!("{}/{}", self.origin(), path.trim_start_matches('/'))
    }

    /// Every request served so far, as (request target, status code).
    pub fn requests(&self) -> Vec<(String, u16)> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

struct Site {
    root: PathBuf,
    prefix: String,
    headers: Vec<(String, String)>,
    log: Arc<Mutex<Vec<(String, u16)>>>,
}

struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    location: Option<String>,
}

impl Site {
    fn handle(&self, mut stream: TcpStream) {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
        let Some((method, target)) = read_request_head(&stream) else {
            return;
        };
        let mut reply = match method.as_str() {
            "GET" | "HEAD" => self.reply_for(&target),
            _ => Reply {
                status: 405,
                content_type: "text/plain; charset=utf-8",
                body: b"405 Method Not Allowed\n".to_vec(),
                location: None,
            },
        };
        self.log.lock().unwrap().push((target, reply.status));
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nConnection: close\r\n",
            reply.status,
            reason(reply.status),
            reply.content_type,
            reply.body.len()
        );
        if reply.status == 405 {
            head.push_str("Allow: GET, HEAD\r\n");
        }
        if let Some(location) = &reply.location {
            head.push_str(&format!("Location: {location}\r\n"));
        }
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        if method == "HEAD" {
            reply.body.clear();
        }
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(&reply.body);
        let _ = stream.flush();
        let _ = stream.shutdown(Shutdown::Write);
    }

    fn reply_for(&self, target: &str) -> Reply {
        let path = target.split(['?', '#']).next().unwrap_or("");
        let Some(decoded) = percent_decode(path) else {
            return self.not_found();
        };
        let Some(rest) = decoded.strip_prefix(&self.prefix).or_else(|| {
            // `/repo` (the prefix without its slash) redirects to `/repo/`.
            (decoded == self.prefix.trim_end_matches('/') && self.prefix != "/").then_some("\0")
        }) else {
            return self.not_found();
        };
        if rest == "\0" {
            return redirect(format!("{}{}", self.prefix, query_of(target)));
        }
        // Refuse anything that could leave the folder.
        let relative = Path::new(rest);
        if rest.contains(['\\', '\0'])
            || rest.split('/').any(|segment| segment == "..")
            || relative
                .components()
                .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return self.not_found();
        }
        let mut file = self.root.join(relative);
        if file.is_dir() {
            if !(rest.is_empty() || rest.ends_with('/')) {
                return redirect(format!("{}/{}", path, query_of(target)));
            }
            file = file.join("index.html");
        }
        match std::fs::read(&file) {
            Ok(body) if file.is_file() => Reply {
                status: 200,
                content_type: content_type(&file),
                body,
                location: None,
            },
            _ => self.not_found(),
        }
    }

    fn not_found(&self) -> Reply {
        match std::fs::read(self.root.join("404.html")) {
            Ok(body) => Reply {
                status: 404,
                content_type: "text/html; charset=utf-8",
                body,
                location: None,
            },
            Err(_) => Reply {
                status: 404,
                content_type: "text/plain; charset=utf-8",
                body: b"404 Not Found\n".to_vec(),
                location: None,
            },
        }
    }
}

fn redirect(location: String) -> Reply {
    Reply {
        status: 301,
        content_type: "text/plain; charset=utf-8",
        body: format!("Moved to {location}\n").into_bytes(),
        location: Some(location),
    }
}

fn query_of(target: &str) -> &str {
    target.find('?').map(|i| &target[i..]).unwrap_or("")
}

/// Reads the request line and headers; returns (method, request target).
fn read_request_head(stream: &TcpStream) -> Option<(String, String)> {
    let mut reader = BufReader::new(stream.take(64 * 1024));
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut parts = request_line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    // Skip the headers up to the blank line.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    Some((method, target))
}

fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    let ext = file
        .extension()
        .and_then(OsStr::to_str)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    }
}

/// A minimal HTTP/1.1 GET for tests of servers on this machine: sends the
/// request target exactly as given (no normalisation of `..`) and returns
/// (status, headers with lower-case names, body).
pub fn http_get(addr: SocketAddr, target: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
        .unwrap_or_else(|e| panic!("cannot connect to {addr}: {e}"));
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap_or_else(|e| panic!("cannot send request to {addr}: {e}"));
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .unwrap_or_else(|e| panic!("reading the reply to GET {target} failed: {e}"));
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("reply to GET {target} has no header end"));
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line in reply to GET {target}: {head}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, body)
}
