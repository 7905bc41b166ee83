//! A deliberately small HTTP/1.1 server: one thread per connection, one
//! request per connection (`Connection: close`), GET and HEAD only.
//!
//! Kept on std rather than a crate: the preview needs a long-lived
//! server-sent-events stream and script injection, which a minimal
//! server crate does not make simpler, and `tiny_http` (the obvious
//! candidate) still puts no limit on header size (its issue #56 is open).
//! The bounds a server facing hostile clients needs are in [`head`]:
//! line and head sizes, a deadline for the whole head, and a cap on
//! connections.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::head::{HeadError, Limits, read_head};
use super::paths::{Target, resolve};
use super::{Shared, inject};
use crate::output::{Contents, OutputFile};

/// How often an idle reload stream is pinged, so closed tabs are noticed.
const KEEPALIVE: Duration = Duration::from_secs(10);

/// Accepts connections forever, each on its own thread, with the default
/// [`Limits`].
pub fn serve(listener: TcpListener, shared: Arc<Shared>) {
    serve_with(listener, shared, Limits::default());
}

/// [`serve`] with the given limits.
pub fn serve_with(listener: TcpListener, shared: Arc<Shared>, limits: Limits) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming().flatten() {
        if open.fetch_add(1, Ordering::SeqCst) >= limits.max_connections {
            open.fetch_sub(1, Ordering::SeqCst);
            // Too many at once: closing is all this one gets.
            drop(stream);
            continue;
        }
        let shared = Arc::clone(&shared);
        let open = Arc::clone(&open);
        std::thread::spawn(move || {
            // A failed connection only concerns its browser tab.
            let _ = handle(stream, &shared, &limits);
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

struct Response {
    status: &'static str,
    content_type: &'static str,
    body: Body,
    location: Option<String>,
}

/// A response's body: made for it, or a built file shared with the state
/// (so a large image is not copied for every request).
enum Body {
    Owned(Vec<u8>),
    File(Arc<OutputFile>),
}

impl Body {
    fn bytes(&self) -> &[u8] {
        match self {
            Body::Owned(bytes) => bytes,
            Body::File(file) => match &file.contents {
                Contents::Bytes(bytes) => bytes,
                Contents::Copy(_) => &[],
            },
        }
    }
}

/// What a request found, taken out of the shared state so that the lock
/// is released before any response is made.
enum Lookup {
    Events {
        since: u64,
    },
    Redirect(String),
    File {
        file: Arc<OutputFile>,
        status: &'static str,
    },
    FirstBuildFailed,
    NotFound,
}

fn handle(stream: TcpStream, shared: &Shared, limits: &Limits) -> std::io::Result<()> {
    let opened = Instant::now();
    let mut stream = stream;
    let head = match read_head(&stream, opened, limits) {
        Ok(head) => head,
        Err(HeadError::TooLarge) => {
            let refused = text(
                "431 Request Header Fields Too Large",
                "request head too large",
            );
            return write(&mut stream, "GET", &refused);
        }
        Err(HeadError::TimedOut) => {
            let refused = text("408 Request Timeout", "request head not sent in time");
            return write(&mut stream, "GET", &refused);
        }
        Err(HeadError::Closed) => return Ok(()),
    };
    let request_line = head.lines().next().unwrap_or("");
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    if method != "GET" && method != "HEAD" {
        let refused = text("405 Method Not Allowed", "only GET and HEAD");
        return write(&mut stream, method, &refused);
    }
    // The head is in; what follows may take its time (a reload stream
    // lasts as long as its tab).
    stream.set_read_timeout(None)?;
    let (found, overlay, generation) = find(shared, target);
    let response = match found {
        Lookup::Events { since } => return events(stream, shared, since),
        Lookup::Redirect(location) => Response {
            status: "302 Found",
            content_type: "text/plain; charset=utf-8",
            body: Body::Owned(Vec::new()),
            location: Some(location),
        },
        Lookup::File { file, status } => page(status, file, overlay.as_deref(), generation),
        Lookup::FirstBuildFailed => {
            // The very first build failed: there is no page to put the
            // overlay on, so it gets one of its own.
            let body = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Build failed</title></head><body></body></html>";
            let file = Arc::new(OutputFile::text("x.html", body.to_string()));
            page(
                "500 Internal Server Error",
                file,
                overlay.as_deref(),
                generation,
            )
        }
        Lookup::NotFound => text("404 Not Found", "not found"),
    };
    write(&mut stream, method, &response)
}

/// Looks `target` up under the lock, and returns what it found with the
/// overlay and generation of the moment: clones of `Arc`s and small
/// strings only, never a read from disk.
fn find(shared: &Shared, target: &str) -> (Lookup, Option<String>, u64) {
    let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    let found = match resolve(target, &state.base_path, |p| state.files.contains_key(p)) {
        Target::Events { since } => Lookup::Events {
            since: since.unwrap_or(state.generation),
        },
        Target::Redirect(location) => Lookup::Redirect(location),
        Target::File(path) => Lookup::File {
            file: Arc::clone(&state.files[&path]),
            status: "200 OK",
        },
        Target::NotFound if state.files.is_empty() && state.overlay.is_some() => {
            Lookup::FirstBuildFailed
        }
        Target::NotFound => match state.files.get(crate::layout::NOT_FOUND_PAGE) {
            Some(file) => Lookup::File {
                file: Arc::clone(file),
                status: "404 Not Found",
            },
            None => Lookup::NotFound,
        },
    };
    (found, state.overlay.clone(), state.generation)
}

fn text(status: &'static str, message: &str) -> Response {
    Response {
        status,
        content_type: "text/plain; charset=utf-8",
        body: Body::Owned(message.as_bytes().to_vec()),
        location: None,
    }
}

/// A file's response; HTML gets the reload script and any overlay.
/// `serve` holds every file's bytes, read and checked when it was built;
/// a file that only names its source is never read here, since that path
/// was not checked now.
fn page(
    status: &'static str,
    file: Arc<OutputFile>,
    overlay: Option<&str>,
    generation: u64,
) -> Response {
    let content_type = content_type(&file.path);
    if matches!(file.contents, Contents::Copy(_)) {
        return text("404 Not Found", "not found");
    }
    let body = if content_type.starts_with("text/html") {
        let html = match &file.contents {
            Contents::Bytes(bytes) => String::from_utf8_lossy(bytes),
            Contents::Copy(_) => "".into(),
        };
        Body::Owned(inject(&html, overlay, generation).into_bytes())
    } else {
        Body::File(file)
    };
    Response {
        status,
        content_type,
        body,
        location: None,
    }
}

fn write(stream: &mut TcpStream, method: &str, response: &Response) -> std::io::Result<()> {
    let body = response.body.bytes();
    let mut head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        response.status,
        response.content_type,
        body.len()
    );
    if let Some(location) = &response.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The live-reload stream: a `reload` event after every rebuild newer
/// than the page's.
fn events(mut stream: TcpStream, shared: &Shared, mut seen: u64) -> std::io::Result<()> {
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n")?;
    stream.flush()?;
    loop {
        let now = shared.wait_for_change(seen, KEEPALIVE);
        if now != seen {
            seen = now;
            stream.write_all(format!("event: reload\ndata: {now}\n\n").as_bytes())?;
        } else {
            stream.write_all(b": keepalive\n\n")?;
        }
        stream.flush()?;
    }
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::OutputFile;
    use std::collections::HashMap;
    use std::io::Read;

    /// A server on a free loopback port over `files`.
    fn start(files: Vec<OutputFile>) -> std::net::SocketAddr {
        start_with(files, Limits::default())
    }

    fn start_with(files: Vec<OutputFile>, limits: Limits) -> std::net::SocketAddr {
        let shared = Arc::new(Shared::default());
        {
            let mut state = shared.state.lock().unwrap();
            state.base_path = "/".to_string();
            state.files = Arc::new(
                files
                    .into_iter()
                    .map(|f| (f.path.clone(), Arc::new(f)))
                    .collect::<HashMap<_, _>>(),
            );
        }
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || serve_with(listener, shared, limits));
        addr
    }

    /// The whole answer to `request`, or the error that ended it, within
    /// `timeout`.
    fn exchange(
        addr: std::net::SocketAddr,
        request: &[u8],
        timeout: Duration,
    ) -> std::io::Result<String> {
        let mut stream = TcpStream::connect(addr)?;
        stream.set_read_timeout(Some(timeout))?;
        stream.write_all(request)?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer)?;
        Ok(String::from_utf8_lossy(&answer).into_owned())
    }

    fn get(addr: std::net::SocketAddr, target: &str) -> std::io::Result<String> {
        let request = format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n");
        exchange(addr, request.as_bytes(), Duration::from_secs(3))
    }

    /// A file whose reading blocks (a named pipe nobody writes to) must not
    /// hold up any other request: nothing is read from disk while the
    /// shared state is locked.
    #[cfg(unix)]
    #[test]
    fn a_file_that_blocks_never_holds_up_other_requests() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap();
        assert!(made.success());
        let addr = start(vec![
            OutputFile::text("index.html", "<body>home</body>".into()),
            OutputFile {
                path: "pipe.bin".into(),
                contents: Contents::Copy(pipe),
            },
        ]);
        let mut blocked = TcpStream::connect(addr).unwrap();
        blocked
            .write_all(b"GET /pipe.bin HTTP/1.1\r\n\r\n")
            .unwrap();
        // Bounded: give the server a moment to start on that request.
        std::thread::sleep(Duration::from_millis(300));
        let home = get(addr, "/").expect("answered while another request waits");
        assert!(home.starts_with("HTTP/1.1 200 "), "{home}");
        assert!(home.contains("home"), "{home}");
    }

    /// Connections past the cap are closed unanswered; heads not complete
    /// by the deadline get a 408 and are closed; then all is served again.
    #[test]
    fn the_connection_cap_and_the_head_deadline_hold() {
        let limits = Limits {
            max_connections: 2,
            head_deadline: Duration::from_secs(2),
            ..Limits::default()
        };
        let addr = start_with(
            vec![OutputFile::text("index.html", "<body>home</body>".into())],
            limits,
        );
        let mut slow: Vec<TcpStream> = (0..2)
            .map(|_| {
                let mut s = TcpStream::connect(addr).unwrap();
                s.write_all(b"GET / HTTP/1.1\r\n").unwrap();
                s
            })
            .collect();
        std::thread::sleep(Duration::from_millis(200));
        let third = get(addr, "/").unwrap_or_default();
        assert!(third.is_empty(), "a third connection is refused: {third}");
        for stream in &mut slow {
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let mut answer = String::new();
            stream.read_to_string(&mut answer).unwrap();
            assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
        }
        let home = get(addr, "/").unwrap();
        assert!(home.starts_with("HTTP/1.1 200 "), "{home}");
    }

    #[test]
    fn a_line_over_the_limit_is_refused() {
        let addr = start(vec![OutputFile::text("index.html", "home".into())]);
        let mut request = b"GET / HTTP/1.1\r\nX-Long: ".to_vec();
        request.extend(std::iter::repeat_n(b'a', 16 * 1024));
        request.extend(b"\r\n\r\n");
        let answer = exchange(addr, &request, Duration::from_secs(3)).unwrap_or_default();
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 431 "),
            "{answer}"
        );
        let mut fits = b"GET / HTTP/1.1\r\nX-Long: ".to_vec();
        fits.extend(std::iter::repeat_n(b'a', 16 * 1024 - 12));
        fits.extend(b"\r\n\r\n");
        let answer = exchange(addr, &fits, Duration::from_secs(3)).unwrap();
        assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
    }
}
