//! `faqpress serve` under load: many clients at once asking for pages, the
//! stylesheet, missing files and paths that try to leave the site. Every
//! request must get a complete, well-formed answer with the right status
//! and body. The test is bounded by its number of requests; nothing in it
//! depends on how fast the machine is.

mod support;

use std::path::Path;
use std::process::Command;
use std::thread;

use support::{Response, ServeProcess, files_below, fixture_copy, strict_get};

const THREADS: usize = 8;
const REQUESTS_PER_THREAD: usize = 500;

/// What a request must get back.
#[derive(Clone)]
struct Expected {
    target: String,
    status: u16,
    /// The file of a clean build the body must equal (HTML without the
    /// reload script `serve` adds).
    body: Vec<u8>,
    content_type: &'static str,
}

impl Expected {
    fn check(&self, response: &Response) -> Result<(), String> {
        if response.status != self.status {
            return Err(format!("status {} not {}", response.status, self.status));
        }
        let content_type = response.headers.get("content-type").map(String::as_str);
        if content_type != Some(self.content_type) {
            return Err(format!("content type {content_type:?}"));
        }
        let body = if self.content_type.starts_with("text/html") {
            let html = String::from_utf8(response.body.clone())
                .map_err(|_| "the page is not UTF-8".to_string())?;
            faqpress::serve::strip_reload_script(&html).into_bytes()
        } else {
            response.body.clone()
        };
        if body != self.body {
            return Err(format!(
                "body of {} bytes differs from the built file",
                body.len()
            ));
        }
        Ok(())
    }
}

/// The requests of the load and their answers, from a clean build of the
/// same site published where the server serves it.
fn expectations(site: &Path, out: &Path, server: &ServeProcess) -> Vec<Expected> {
    let built = Command::new(env!("CARGO_BIN_EXE_faqpress"))
        .args(["build", "--root"])
        .arg(site)
        .arg("--output")
        .arg(out)
        .arg("--base-url")
        .arg(format!("http://{}{}", server.addr, server.base_path))
        .output()
        .unwrap();
    assert!(built.status.success(), "{built:?}");
    let base = &server.base_path;
    let html = "text/html; charset=utf-8";
    let mut expected = Vec::new();
    for rel in files_below(out) {
        let (target, content_type) = if let Some(dir) = rel.strip_suffix("index.html") {
            (format!("{base}{dir}"), html)
        } else if rel.ends_with(".css") {
            (format!("{base}{rel}"), "text/css; charset=utf-8")
        } else {
            continue;
        };
        expected.push(Expected {
            target,
            status: 200,
            body: std::fs::read(out.join(&rel)).unwrap(),
            content_type,
        });
    }
    let pages = expected.iter().filter(|e| e.content_type == html).count();
    assert!(pages >= 4, "only {pages} pages in {}", out.display());
    assert_eq!(expected.len(), pages + 1, "one stylesheet");
    let not_found = std::fs::read(out.join("404.html")).unwrap();
    for target in [
        format!("{base}no-such-page/"),
        format!("{base}missing.css"),
        // Attempts to leave the site: plain, encoded, with encoded
        // slashes and backslashes, and absolute paths.
        format!("{base}../site.yaml"),
        format!("{base}../../../../etc/passwd"),
        format!("{base}%2e%2e/site.yaml"),
        format!("{base}%2E%2E%2Fsite.yaml"),
        format!("{base}..%2fsite.yaml"),
        format!("{base}%2Fetc%2Fpasswd"),
        format!("{base}..%5Csite.yaml"),
        format!("{base}/etc/passwd"),
        "/../site.yaml".to_string(),
        "/%2e%2e/%2e%2e/etc/passwd".to_string(),
        "//etc/passwd".to_string(),
        "/etc/passwd".to_string(),
    ] {
        expected.push(Expected {
            target,
            status: 404,
            body: not_found.clone(),
            content_type: html,
        });
    }
    expected
}

#[test]
fn thousands_of_concurrent_requests_all_get_the_right_answer() {
    let (dir, site) = fixture_copy("nested");
    let server = ServeProcess::start(&site);
    assert_eq!(server.base_path, "/guide/", "served under the base path");
    let expected = expectations(&site, &dir.path().join("public"), &server);

    let workers: Vec<_> = (0..THREADS)
        .map(|worker| {
            let expected = expected.clone();
            let addr = server.addr;
            thread::spawn(move || {
                let mut failures = Vec::new();
                // Each worker starts at a different request, so every kind
                // of request is in flight alongside the others.
                for i in 0..REQUESTS_PER_THREAD {
                    let want = &expected[(worker * 7 + i) % expected.len()];
                    if let Err(e) = strict_get(addr, &want.target).and_then(|r| want.check(&r)) {
                        failures.push(format!("GET {}: {e}", want.target));
                    }
                }
                failures
            })
        })
        .collect();
    let mut failures = Vec::new();
    for worker in workers {
        failures.extend(worker.join().unwrap());
    }
    let total = THREADS * REQUESTS_PER_THREAD;
    assert!(
        failures.is_empty(),
        "{} of {total} requests failed; the first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );

    assert!(!site.join("public").exists(), "serve never writes public/");
    let stderr = server.stop();
    assert!(!stderr.contains("panicked"), "{stderr}");
}
