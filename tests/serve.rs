//! `faqpress serve` as an editor uses it: a real server on a free loopback
//! port over a temporary copy of a fixture site, edited while it runs.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use support::{ServeProcess, files_below, fixture_copy, http_get};

/// Every wait in this test is bounded by this.
const WAIT: Duration = Duration::from_secs(10);

/// (status, body) of a GET.
fn get(port: u16, target: &str) -> (u16, Vec<u8>) {
    let (status, _, body) = http_get(SocketAddr::from(([127, 0, 0, 1], port)), target);
    (status, body)
}

fn get_text(port: u16, target: &str) -> String {
    String::from_utf8(get(port, target).1).unwrap()
}

/// Starts `serve` on the site and checks it serves under the base path.
fn start(root: &Path) -> (ServeProcess, u16) {
    let server = ServeProcess::start(root);
    assert_eq!(server.base_path, "/guide/", "served under the base path");
    let port = server.port();
    (server, port)
}

/// Polls `target` until its body satisfies `ready`, or fails after WAIT.
fn wait_for(port: u16, target: &str, what: &str, ready: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let body = get_text(port, target);
        if ready(&body) {
            return body;
        }
        assert!(
            started.elapsed() < WAIT,
            "timed out waiting for {what}; last page:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Collects what the reload stream sends, in the background.
fn open_events(port: u16) -> mpsc::Receiver<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /__faqpress/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
            if tx.send(std::mem::take(&mut line)).is_err() {
                break;
            }
        }
    });
    rx
}

#[test]
fn serves_rebuilds_reloads_and_recovers() {
    let (dir, site) = fixture_copy("nested");
    let (server, port) = start(&site);

    let page = get_text(port, "/guide/aftercare/");
    assert!(page.contains("The sun."), "{page}");
    assert!(
        page.contains("/__faqpress/events"),
        "the reload script is injected"
    );
    assert_eq!(get(port, "/guide/aftercare").0, 302);

    // Path traversal never leaves the site.
    for bad in [
        "/guide/../site.yaml",
        "/%2e%2e/site.yaml",
        "/guide/%2e%2e/site.yaml",
        "/guide/..%2fsite.yaml",
        "/guide/%2E%2E%5Csite.yaml",
        "//etc/passwd",
    ] {
        assert_eq!(get(port, bad).0, 404, "{bad}");
    }

    let events = open_events(port);
    let article = site.join("content/aftercare.md");
    let original = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, original.replace("The sun.", "The midday sun.")).unwrap();
    wait_for(port, "/guide/aftercare/", "the edit", |b| {
        b.contains("The midday sun.")
    });
    let deadline = Instant::now() + WAIT;
    loop {
        let line = events
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("a reload event within the bounded wait");
        if line.starts_with("event: reload") {
            break;
        }
    }

    // A broken edit keeps the page and shows where the problem is.
    std::fs::write(&article, "---\ntitle: [never closed\n---\nBroken.\n").unwrap();
    let broken = wait_for(port, "/guide/aftercare/", "the overlay", |b| {
        b.contains("faqpress-overlay")
    });
    assert!(broken.contains("content/aftercare.md:2:"), "{broken}");
    assert!(
        broken.contains("The midday sun."),
        "last good page kept: {broken}"
    );
    assert!(!broken.contains("\u{1b}["), "no colour codes");

    // Fixing it clears the overlay.
    std::fs::write(&article, original.replace("The sun.", "The evening sun.")).unwrap();
    wait_for(port, "/guide/aftercare/", "recovery", |b| {
        b.contains("The evening sun.") && !b.contains("faqpress-overlay")
    });

    // What is served equals a clean build of the same files.
    let out = dir.path().join("public");
    let built = Command::new(env!("CARGO_BIN_EXE_faqpress"))
        .args(["build", "--root"])
        .arg(&site)
        .arg("--output")
        .arg(&out)
        .args(["--base-url", &format!("http://127.0.0.1:{port}/guide/")])
        .output()
        .unwrap();
    assert!(built.status.success(), "{built:?}");
    let mut compared = 0;
    for rel in files_below(&out) {
        let entry = out.join(&rel);
        let (status, body) = get(port, &format!("/guide/{rel}"));
        assert_eq!(status, 200, "{rel}");
        let expected = std::fs::read(&entry).unwrap();
        if rel.ends_with(".html") {
            let served = faqpress::serve::strip_reload_script(&String::from_utf8(body).unwrap());
            assert_eq!(served, String::from_utf8(expected).unwrap(), "{rel}");
        } else {
            assert_eq!(body, expected, "{rel}");
        }
        compared += 1;
    }
    assert!(compared >= 4, "compared {compared} files");
    assert!(!site.join("public").exists(), "serve never writes public/");
    drop(server);
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = Command::new(env!("CARGO_BIN_EXE_faqpress"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nested"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!("port {port} is already in use")),
        "{stderr}"
    );
    assert!(stderr.contains("--port"), "{stderr}");
}

/// A file of the site swapped for a link to a file elsewhere fails the
/// rebuild; the last good pages are still served, and the file keeps the
/// bytes it had when it was built: serve never reads it again unverified.
#[cfg(unix)]
#[test]
fn a_file_swapped_for_a_link_outside_the_site_is_never_served() {
    let (dir, site) = fixture_copy("nested");
    let notes = site.join("content/notes.txt");
    std::fs::write(&notes, "public notes\n").unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "SECRET outside the site\n").unwrap();
    let (server, port) = start(&site);
    assert_eq!(
        get(port, "/guide/notes.txt"),
        (200, b"public notes\n".to_vec())
    );

    std::fs::remove_file(&notes).unwrap();
    std::os::unix::fs::symlink(&secret, &notes).unwrap();
    let broken = wait_for(port, "/guide/aftercare/", "the overlay", |b| {
        b.contains("faqpress-overlay")
    });
    assert!(broken.contains("points outside the site"), "{broken}");
    let (status, body) = get(port, "/guide/notes.txt");
    assert_eq!(
        (status, String::from_utf8_lossy(&body).into_owned()),
        (200, "public notes\n".to_string()),
        "the last good bytes, never the linked file"
    );
    drop(server);
}

/// The scratch files editors and tools write while saving (swap, backup,
/// lock and temporary files) trigger no rebuild and no log line; the save
/// they belong to does, named as the one file that changed.
#[test]
fn editor_scratch_files_trigger_no_rebuild_and_no_log_line() {
    let (_dir, site) = fixture_copy("nested");
    let (server, port) = start(&site);
    let content = site.join("content");
    for folder in [content.clone(), content.join("guides")] {
        for name in [
            ".aftercare.md.swp",
            ".aftercare.md.swx",
            "4913",
            "#aftercare.md#",
            ".#aftercare.md",
            "aftercare.md~",
            "sedNWa4h6",
            "aftercare.md___jb_tmp___",
            "aftercare.md___jb_old___",
            ".DS_Store",
        ] {
            let scratch = folder.join(name);
            std::fs::write(&scratch, "scratch\n").unwrap();
            std::fs::remove_file(&scratch).unwrap();
        }
    }
    let quiet = server.next_line(Duration::from_millis(1500));
    assert_eq!(quiet, None, "a scratch file was taken for a change");

    // `sed -i` saves this way: a temporary file renamed over the article.
    let article = content.join("aftercare.md");
    let original = std::fs::read_to_string(&article).unwrap();
    let temporary = content.join("sedAbC123");
    std::fs::write(&temporary, original.replace("The sun.", "The midday sun.")).unwrap();
    std::fs::rename(&temporary, &article).unwrap();
    let line = server.next_line(WAIT).expect("a rebuild for the edit");
    assert!(
        line.starts_with("Rebuilt (content/aftercare.md changed) in "),
        "{line}"
    );
    wait_for(port, "/guide/aftercare/", "the edit", |b| {
        b.contains("The midday sun.")
    });
    drop(server);
}
