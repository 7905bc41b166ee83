//! Accessibility (axe-core) and HTML validity (vnu.jar) checks.

use std::path::PathBuf;
use std::process::Command;

use headless_chrome::Tab;

use super::*;

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
// both, over a built site
// ---------------------------------------------------------------------------

/// Every HTML file below `public` (at least `at_least` of them) is valid to
/// the Nu HTML Checker, and each of `pages` has no axe-core violation and
/// no console error on a phone and a desktop, served under `prefix` with
/// the site's own `_headers` (so its Content-Security-Policy applies).
/// `label` names the build in the messages.
pub fn assert_valid_and_accessible(
    public: &std::path::Path,
    prefix: &str,
    pages: &[&str],
    at_least: usize,
    label: &str,
) {
    let files: Vec<PathBuf> = files_below(public)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| public.join(f))
        .collect();
    assert!(files.len() >= at_least, "{label}: {files:?}");
    let errors = run_vnu(&files);
    assert!(
        errors.is_empty(),
        "{label}: vnu errors:\n{}",
        errors.join("\n")
    );
    let (server, _) = StaticServer::with_site_headers(public, prefix);
    for width in [MOBILE_WIDTH, DESKTOP_WIDTH] {
        let tab = new_tab();
        emulate_viewport(tab.tab(), width);
        for page in pages {
            tab.goto(&server.url(page));
            let violations = run_axe(&tab);
            assert!(
                violations.is_empty(),
                "{label} {width}px {prefix}{page}: {violations:#?}"
            );
        }
        tab.assert_no_console_errors();
    }
}
