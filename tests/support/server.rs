//! A tiny static file server for the browser and crawl tests.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use super::WAIT;

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

    /// Serves the built site `public` under `prefix` with the page headers
    /// of its own `_headers` (its CSP among them), as a host reading that
    /// file serves it. Returns the server and those headers.
    pub fn with_site_headers(public: &Path, prefix: &str) -> (StaticServer, Vec<(String, String)>) {
        let text = std::fs::read_to_string(public.join("_headers")).unwrap();
        let headers = page_headers(&text);
        let mut server = StaticServer::builder(public).prefix(prefix);
        for (name, value) in &headers {
            server = server.header(name, value);
        }
        (server.start(), headers)
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

/// The (name, value) pairs of the first rule of a `_headers` file: the
/// one for every page.
pub fn page_headers(text: &str) -> Vec<(String, String)> {
    text.split("\n/")
        .next()
        .unwrap()
        .lines()
        .skip(1)
        .filter_map(|l| l.trim().split_once(": "))
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}
