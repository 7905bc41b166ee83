//! A deliberately small HTTP/1.1 server: one thread per connection, one
//! request per connection (`Connection: close`), GET and HEAD only. A
//! preview server needs nothing more, and std alone keeps it auditable.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use super::paths::{Target, resolve};
use super::{Shared, inject};
use crate::output::Contents;

/// Requests with longer heads are refused; browsers send far less.
const MAX_HEAD_BYTES: usize = 16 * 1024;
/// How often an idle reload stream is pinged, so closed tabs are noticed.
const KEEPALIVE: Duration = Duration::from_secs(10);

/// Accepts connections forever, each on its own thread.
pub fn serve(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            // A failed connection only concerns its browser tab.
            let _ = handle(stream, &shared);
        });
    }
}

struct Response {
    status: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
    location: Option<String>,
}

fn handle(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut head = request_line.len();
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line)?;
        head += n;
        if n == 0 || line == "\r\n" || line == "\n" || head > MAX_HEAD_BYTES {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return write(
            &mut stream,
            method,
            &text("405 Method Not Allowed", "only GET and HEAD"),
        );
    }
    let response = {
        let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        let found = resolve(target, &state.base_path, |p| state.files.contains_key(p));
        let overlay = state.overlay.as_deref();
        match found {
            Target::Events { since } => {
                let since = since.unwrap_or(state.generation);
                drop(state);
                return events(stream, shared, since);
            }
            Target::Redirect(location) => Response {
                status: "302 Found",
                content_type: "text/plain; charset=utf-8",
                body: Vec::new(),
                location: Some(location),
            },
            Target::File(path) => {
                let file = &state.files[&path];
                let body = match &file.contents {
                    Contents::Bytes(bytes) => bytes.clone(),
                    Contents::Copy(source) => std::fs::read(source).unwrap_or_default(),
                };
                page("200 OK", &path, body, overlay, state.generation)
            }
            Target::NotFound if state.files.is_empty() && overlay.is_some() => {
                // The very first build failed: there is no page to put the
                // overlay on, so it gets one of its own.
                let body = b"<!doctype html><html><head><meta charset=\"utf-8\"><title>Build failed</title></head><body></body></html>".to_vec();
                page(
                    "500 Internal Server Error",
                    "x.html",
                    body,
                    overlay,
                    state.generation,
                )
            }
            Target::NotFound => match state.files.get("404.html") {
                Some(file) => match &file.contents {
                    Contents::Bytes(bytes) => page(
                        "404 Not Found",
                        "404.html",
                        bytes.clone(),
                        overlay,
                        state.generation,
                    ),
                    Contents::Copy(_) => text("404 Not Found", "not found"),
                },
                None => text("404 Not Found", "not found"),
            },
        }
    };
    write(&mut stream, method, &response)
}

fn text(status: &'static str, message: &str) -> Response {
    Response {
        status,
        content_type: "text/plain; charset=utf-8",
        body: message.as_bytes().to_vec(),
        location: None,
    }
}

/// A file's response; HTML gets the reload script and any overlay.
fn page(
    status: &'static str,
    path: &str,
    body: Vec<u8>,
    overlay: Option<&str>,
    generation: u64,
) -> Response {
    let content_type = content_type(path);
    let body = if content_type.starts_with("text/html") {
        inject(&String::from_utf8_lossy(&body), overlay, generation).into_bytes()
    } else {
        body
    };
    Response {
        status,
        content_type,
        body,
        location: None,
    }
}

fn write(stream: &mut TcpStream, method: &str, response: &Response) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        response.status,
        response.content_type,
        response.body.len()
    );
    if let Some(location) = &response.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&response.body)?;
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
        std::thread::spawn(move || serve(listener, shared));
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
        blocked.write_all(b"GET /pipe.bin HTTP/1.1\r\n\r\n").unwrap();
        // Bounded: give the server a moment to start on that request.
        std::thread::sleep(Duration::from_millis(300));
        let home = get(addr, "/").expect("answered while another request waits");
        assert!(home.starts_with("HTTP/1.1 200 "), "{home}");
        assert!(home.contains("home"), "{home}");
    }
}
