//! `faqpress serve` under load: many clients at once asking for pages, the
//! stylesheet, missing files and paths that try to leave the site. Every
//! request must get a complete, well-formed answer with the right status
//! and body. The test is bounded by its number of requests; nothing in it
//! depends on how fast the machine is.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

const THREADS: usize = 8;
const REQUESTS_PER_THREAD: usize = 500;

/// A hang guard, not a measurement: no single wait may take longer.
const WAIT: Duration = Duration::from_secs(30);

/// A running `faqpress serve`, killed when dropped, so a failed assertion
/// never leaves it behind.
struct Server {
    child: Child,
    addr: SocketAddr,
    base_path: String,
    stderr: Option<JoinHandle<String>>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_faqpress"))
            .args(["serve", "--interface", "127.0.0.1", "--port", "0", "--root"])
            .arg(root)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        // Both pipes are drained to the end, so the server never blocks on
        // a full one.
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let stderr = thread::spawn(move || {
            let mut text = String::new();
            let _ = BufReader::new(stderr).read_to_string(&mut text);
            text
        });
        let mut server = Server {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            base_path: String::new(),
            stderr: Some(stderr),
        };
        let deadline = Instant::now() + WAIT;
        loop {
            let line = rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("the server prints its address");
            // "Serving <root> at http://127.0.0.1:PORT/guide/ (Ctrl-C to stop)"
            if let Some(rest) = line.split(" at http://127.0.0.1:").nth(1) {
                let (port, rest) = rest.split_once('/').unwrap();
                server.addr.set_port(port.parse().unwrap());
                server.base_path = format!("/{}", rest.split(' ').next().unwrap());
                return server;
            }
        }
    }

    /// Stops the server, which must still have been running, and returns
    /// what it wrote on stderr.
    fn stop(mut self) -> String {
        assert!(
            self.child.try_wait().unwrap().is_none(),
            "the server exited during the load"
        );
        self.kill();
        self.stderr.take().unwrap().join().unwrap()
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A response, parsed strictly.
struct Response {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

/// One GET on a fresh connection. Any deviation from a complete, well-formed
/// HTTP/1.1 response (the server closes every connection after it) is an
/// error saying what was wrong.
fn get(addr: SocketAddr, target: &str) -> Result<Response, String> {
    let mut stream =
        TcpStream::connect_timeout(&addr, WAIT).map_err(|e| format!("connect: {e}"))?;
    stream
        .set_read_timeout(Some(WAIT))
        .map_err(|e| e.to_string())?;
    stream
        .write_all(
            format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .map_err(|e| format!("send: {e}"))?;
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .map_err(|e| format!("read after {} bytes: {e}", raw.len()))?;
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| format!("no end of head in {} bytes", raw.len()))?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|_| "head is not UTF-8".to_string())?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status = match status_line.split(' ').collect::<Vec<_>>()[..] {
        ["HTTP/1.1", code, _, ..] if code.len() == 3 => code
            .parse()
            .map_err(|_| format!("bad status line {status_line:?}"))?,
        _ => return Err(format!("bad status line {status_line:?}")),
    };
    let mut headers = BTreeMap::new();
    for line in lines {
        let (name, value) = line
            .split_once(": ")
            .ok_or_else(|| format!("bad header line {line:?}"))?;
        headers.insert(name.to_ascii_lowercase(), value.to_string());
    }
    let body = raw[end + 4..].to_vec();
    let length: usize = headers
        .get("content-length")
        .ok_or("no Content-Length")?
        .parse()
        .map_err(|_| "bad Content-Length".to_string())?;
    if length != body.len() {
        return Err(format!(
            "Content-Length {length} but {} bytes of body",
            body.len()
        ));
    }
    if headers.get("connection").map(String::as_str) != Some("close") {
        return Err("no `Connection: close`".to_string());
    }
    Ok(Response {
        status,
        headers,
        body,
    })
}

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

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file below `dir`, as paths relative to it with `/` separators.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::from(dir)];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy();
                out.push(rel.replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

/// The requests of the load and their answers, from a clean build of the
/// same site published where the server serves it.
fn expectations(site: &Path, out: &Path, server: &Server) -> Vec<Expected> {
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
    for rel in files(out) {
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
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nested"),
        &site,
    );
    let server = Server::start(&site);
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
                    if let Err(e) = get(addr, &want.target).and_then(|r| want.check(&r)) {
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
