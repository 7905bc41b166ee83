//! Headless Chromium: launching, tabs with console capture, page helpers,
//! emulation and screenshots.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::thread;
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Emulation, Log, Page, Runtime};
use headless_chrome::{Browser, LaunchOptions, Tab};

use super::*;

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
