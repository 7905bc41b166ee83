//! `faqpress serve` against clients that never finish their request: a
//! header line of 128 MB, and hundreds of connections trickling a byte at
//! a time. The server must read a bounded amount, drop them after its
//! deadline, and keep answering everyone else.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use support::{ServeProcess, fixture_copy, strict_get};

/// How long the server gives a client to send its request head, plus
/// some slack for a busy machine.
const HEAD_DEADLINE: Duration = Duration::from_secs(5);
const SLACK: Duration = Duration::from_secs(5);

fn serve_fixture() -> (tempfile::TempDir, ServeProcess) {
    let (dir, site) = fixture_copy("nested");
    let server = ServeProcess::start(&site);
    assert_eq!(server.base_path, "/guide/");
    (dir, server)
}

/// The resident memory of a process, in KiB.
#[cfg(target_os = "linux")]
fn resident_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn a_128_mb_header_line_is_refused_and_memory_stays_bounded() {
    const TOTAL: usize = 128 * 1024 * 1024;
    let (_dir, server) = serve_fixture();
    assert_eq!(strict_get(server.addr, "/guide/").unwrap().status, 200);
    let before = resident_kib(server.pid());

    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_write_timeout(Some(HEAD_DEADLINE + SLACK))
        .unwrap();
    stream
        .write_all(b"GET /guide/ HTTP/1.1\r\nX-Long: ")
        .unwrap();
    let chunk = vec![b'a'; 1024 * 1024];
    let mut sent = 0;
    while sent < TOTAL && stream.write_all(&chunk).is_ok() {
        sent += chunk.len();
    }
    // What the server answered, if anything reached us before it closed.
    stream.set_read_timeout(Some(SLACK)).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 431 "),
        "{answer}"
    );
    assert!(
        sent < TOTAL / 4,
        "the server kept reading: {} MB accepted",
        sent >> 20
    );
    let after = resident_kib(server.pid());
    assert!(
        after < before + 16 * 1024,
        "resident memory grew from {before} KiB to {after} KiB"
    );
    assert_eq!(strict_get(server.addr, "/guide/").unwrap().status, 200);
    let stderr = server.stop();
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Opens a connection that has sent the start of a request and nothing
/// more.
fn half_request(server: &ServeProcess) -> TcpStream {
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .write_all(b"GET /guide/ HTTP/1.1\r\nX-Slow: ")
        .unwrap();
    stream
}

/// Writes a byte on each stream every half second until `stop` is set or
/// the streams are closed, bounded by twice the deadline.
fn trickle(streams: Vec<TcpStream>, stop: Arc<AtomicBool>) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        let started = Instant::now();
        let mut streams = streams;
        while !stop.load(Ordering::Relaxed) && started.elapsed() < 2 * (HEAD_DEADLINE + SLACK) {
            streams.retain_mut(|s| s.write_all(b"x").is_ok());
            thread::sleep(Duration::from_millis(500));
        }
    })
}

#[test]
fn slow_clients_are_dropped_at_the_deadline_and_others_are_served() {
    const SLOW: usize = 200;
    let (_dir, server) = serve_fixture();
    let started = Instant::now();
    let mut slow: Vec<TcpStream> = (0..SLOW).map(|_| half_request(&server)).collect();
    let stop = Arc::new(AtomicBool::new(false));
    let writers = slow.iter().map(|s| s.try_clone().unwrap()).collect();
    let trickler = trickle(writers, Arc::clone(&stop));
    let page = strict_get(server.addr, "/guide/").unwrap();
    assert_eq!(page.status, 200, "answered alongside {SLOW} slow clients");
    // Every slow connection, though it keeps sending, is closed by the
    // server not long after its deadline.
    for (i, stream) in slow.iter_mut().enumerate() {
        let wait = (HEAD_DEADLINE + SLACK).saturating_sub(started.elapsed());
        stream
            .set_read_timeout(Some(wait.max(Duration::from_millis(10))))
            .unwrap();
        let mut rest = Vec::new();
        let closed = match stream.read_to_end(&mut rest) {
            Ok(_) => true,
            Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
        };
        assert!(
            closed,
            "slow connection {i} still open after {:?}",
            started.elapsed()
        );
        let rest = String::from_utf8_lossy(&rest);
        assert!(
            rest.is_empty() || rest.starts_with("HTTP/1.1 408 "),
            "{rest}"
        );
    }
    assert!(
        started.elapsed() >= HEAD_DEADLINE,
        "not dropped before the deadline"
    );
    stop.store(true, Ordering::Relaxed);
    trickler.join().unwrap();
    assert_eq!(strict_get(server.addr, "/guide/").unwrap().status, 200);
    let stderr = server.stop();
    assert!(!stderr.contains("panicked"), "{stderr}");
}
