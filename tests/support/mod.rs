//! Shared helpers for faqpress's integration tests: a headless Chromium
//! driven through `headless_chrome`, axe-core accessibility checks, the Nu
//! Html Checker (vnu.jar), a tiny static file server, and builds of sites
//! that must fail.
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

mod browser;
mod builds;
mod checkers;
mod microdata;
mod serve_process;
mod server;
mod words;

// Each test binary uses its own subset of the helpers.
#[allow(unused_imports)]
pub use browser::*;
#[allow(unused_imports)]
pub use builds::*;
#[allow(unused_imports)]
pub use checkers::*;
#[allow(unused_imports)]
pub use microdata::*;
#[allow(unused_imports)]
pub use serve_process::*;
#[allow(unused_imports)]
pub use server::*;
#[allow(unused_imports)]
pub use words::*;

use std::path::PathBuf;
use std::time::Duration;

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

const SETUP_HINT: &str = "run `bash tests/run.sh` once: it installs chromium, java, the Node \
                          test tools and actionlint, then runs the tests";

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
    find_tool(
        "FAQPRESS_CHROMIUM",
        PathBuf::from("/usr/bin/chromium"),
        "chromium",
    )
}

/// The actionlint binary: env `FAQPRESS_ACTIONLINT`, else the one
/// `tests/run.sh` fetches into `tests/tools/actionlint/`, else `actionlint`
/// on `PATH`. Panics (never skips) when none is found.
pub fn actionlint_path() -> PathBuf {
    find_tool(
        "FAQPRESS_ACTIONLINT",
        manifest_dir().join("tests/tools/actionlint/actionlint"),
        "actionlint",
    )
}

/// A tool the tests need: the file the environment variable `var` names
/// (which must exist), else `usual`, else `name` on `PATH`; panics with
/// the setup hint when there is none, so a test never passes without it.
fn find_tool(var: &str, usual: PathBuf, name: &str) -> PathBuf {
    if let Some(path) = std::env::var_os(var).filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "{var}={} does not exist ({SETUP_HINT})",
            path.display()
        );
        return path;
    }
    if usual.is_file() {
        return usual;
    }
    if let Some(path) = find_on_path(name) {
        return path;
    }
    panic!(
        "{name} not found (looked at ${var}, {} and PATH): {SETUP_HINT}",
        usual.display()
    );
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}
