//! A real `faqpress serve` process for tests: started on a free loopback
//! port over a site, its address read from what it prints, and killed when
//! dropped so a failed assertion never leaves it behind. Plus a strict
//! HTTP client for it and the file helpers its tests share.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// A hang guard, not a measurement: no single wait may take longer.
const SERVE_WAIT: Duration = Duration::from_secs(30);

/// A running `faqpress serve`, killed when dropped, so a failed assertion
/// never leaves it behind.
pub struct ServeProcess {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
    /// The site's base path, `/` or `/repo/`.
    pub base_path: String,
    stderr: Option<JoinHandle<String>>,
    /// What it printed on stdout after its address, line by line.
    stdout: mpsc::Receiver<String>,
}

impl ServeProcess {
    pub fn start(root: &Path) -> ServeProcess {
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
        let mut server = ServeProcess {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            base_path: String::new(),
            stderr: Some(stderr),
            stdout: rx,
        };
        let deadline = Instant::now() + SERVE_WAIT;
        loop {
            let line = server
                .stdout
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

    /// The next line the server prints on stdout, if one comes within
    /// `wait`.
    pub fn next_line(&self, wait: Duration) -> Option<String> {
        self.stdout.recv_timeout(wait).ok()
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The server's process id, to read what it uses from `/proc`.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the server, which must still have been running, and returns
    /// what it wrote on stderr.
    pub fn stop(mut self) -> String {
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

impl Drop for ServeProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A response, parsed strictly.
pub struct Response {
    pub status: u16,
    pub headers: BTreeMap<String, String>,
    pub body: Vec<u8>,
}

/// One GET on a fresh connection. Any deviation from a complete, well-formed
/// HTTP/1.1 response (the server closes every connection after it) is an
/// error saying what was wrong.
pub fn strict_get(addr: SocketAddr, target: &str) -> Result<Response, String> {
    let mut stream =
        TcpStream::connect_timeout(&addr, SERVE_WAIT).map_err(|e| format!("connect: {e}"))?;
    stream
        .set_read_timeout(Some(SERVE_WAIT))
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

/// A copy of the fixture site `name` in `site/` of a new temporary
/// folder, for a test to edit and serve; returns the folder and the site.
pub fn fixture_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        &site,
    );
    (dir, site)
}

/// Copies a folder and everything below it.
pub fn copy_dir(from: &Path, to: &Path) {
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
pub fn files_below(dir: &Path) -> Vec<String> {
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
