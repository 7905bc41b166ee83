//! Tests of the test harness in `tests/support`: the static server, the
//! browser helpers, console-error capture, axe-core, the Nu Html Checker and
//! screenshots. Each asserts real behaviour on small pages written into a
//! temporary folder. Run through `bash tests/run.sh`, which installs the
//! tools.

mod support;

use std::path::{Path, PathBuf};

use support::{
    ColorScheme, DESKTOP_WIDTH, MOBILE_WIDTH, StaticServer, click, emulate_color_scheme,
    emulate_viewport, eval, http_get, new_tab, run_axe, run_vnu, save_full_page_screenshot,
    save_screenshot, screenshots_dir,
};
use tempfile::TempDir;

/// Writes `files` (path, contents) into a new temporary folder.
fn write_site(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().expect("create a temporary folder");
    for (path, contents) in files {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, contents).unwrap();
    }
    dir
}

/// A small valid page with `body` inside `<main>`.
fn page(title: &str, head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n{head}\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn static_server_serves_under_prefix_and_404s_elsewhere() {
    let outer = write_site(&[("secret.txt", "outside the site\n")]);
    let root = outer.path().join("site");
    for (path, contents) in [
        ("index.html", page("Home", "", "<h1>home page</h1>")),
        ("q/index.html", page("Q", "", "<h1>question page</h1>")),
        ("style.css", "body { color: red }\n".to_string()),
        ("app.js", "console.log(1);\n".to_string()),
        ("feed.xml", "<rss/>\n".to_string()),
        ("404.html", page("Missing", "", "<h1>custom not found</h1>")),
    ] {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, contents).unwrap();
    }
    let server = StaticServer::builder(&root)
        .prefix("/repo/")
        .header("X-Harness", "yes")
        .header("Content-Security-Policy", "default-src 'self'")
        .start();
    assert!(server.addr().ip().is_loopback());
    assert_eq!(
        server.url(""),
        format!("http://127.0.0.1:{}/repo/", server.addr().port())
    );
    assert_eq!(server.url("/q/"), server.url("q/"));

    let (status, headers, body) = http_get(server.addr(), "/repo/");
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(header(&headers, "x-harness"), Some("yes"));
    assert_eq!(
        header(&headers, "content-security-policy"),
        Some("default-src 'self'")
    );
    assert!(String::from_utf8_lossy(&body).contains("home page"));

    let (status, _, body) = http_get(server.addr(), "/repo/q/");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("question page"));
    let (status, _, body) = http_get(server.addr(), "/repo/q/index.html?x=1");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("question page"));

    for (target, location) in [("/repo/q", "/repo/q/"), ("/repo", "/repo/")] {
        let (status, headers, _) = http_get(server.addr(), target);
        assert_eq!(status, 301, "{target}");
        assert_eq!(header(&headers, "location"), Some(location), "{target}");
    }

    for (target, content_type) in [
        ("/repo/style.css", "text/css; charset=utf-8"),
        ("/repo/app.js", "text/javascript; charset=utf-8"),
        ("/repo/feed.xml", "application/xml"),
    ] {
        let (status, headers, _) = http_get(server.addr(), target);
        assert_eq!(status, 200, "{target}");
        assert_eq!(header(&headers, "content-type"), Some(content_type));
    }

    for target in [
        "/",
        "/index.html",
        "/other/index.html",
        "/repo/missing.html",
        "/repo/missing/",
        "/repo/../secret.txt",
        "/repo/q/../../secret.txt",
        "/repo/%2e%2e/secret.txt",
        "/repo/..%2fsecret.txt",
    ] {
        let (status, headers, body) = http_get(server.addr(), target);
        assert_eq!(status, 404, "{target} should be a 404");
        assert_eq!(header(&headers, "x-harness"), Some("yes"));
        let body = String::from_utf8_lossy(&body);
        assert!(body.contains("custom not found"), "{target}: {body}");
        assert!(!body.contains("outside the site"), "{target} escaped");
    }

    let log = server.requests();
    assert!(log.contains(&("/repo/".to_string(), 200)));
    assert!(log.contains(&("/repo/../secret.txt".to_string(), 404)));
}

#[test]
fn static_server_without_404_page_answers_plain_404_and_stops_on_drop() {
    let site = write_site(&[("index.html", "<!DOCTYPE html><title>x</title>")]);
    let server = StaticServer::start(site.path(), "/");
    let addr = server.addr();
    assert_eq!(server.url("a.txt"), format!("http://{addr}/a.txt"));
    assert_eq!(http_get(addr, "/").0, 200);
    let (status, headers, body) = http_get(addr, "/nope.png");
    assert_eq!(status, 404);
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(body, b"404 Not Found\n");
    drop(server);
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "the server still accepts connections after drop"
    );
}

#[test]
fn chromium_click_on_checkbox_changes_has_driven_text() {
    let css = "<style>\
        .status::after { content: 'menu closed'; }\
        body:has(#toggle:checked) .status::after { content: 'menu open'; }\
        .panel { display: none; }\
        body:has(#toggle:checked) .panel { display: block; }\
        </style>";
    let body = "<h1>Toggle</h1>\
        <label><input type=\"checkbox\" id=\"toggle\"> Menu</label>\
        <p class=\"status\"></p><div class=\"panel\" id=\"panel\">Panel text</div>";
    let site = write_site(&[("index.html", &page("Toggle", css, body))]);
    let server = StaticServer::start(site.path(), "/repo/");
    let tab = new_tab();
    tab.goto(&server.url(""));

    let status = "getComputedStyle(document.querySelector('.status'), '::after').content";
    let panel_visible = "document.getElementById('panel').checkVisibility()";
    assert_eq!(eval(&tab, status), "\"menu closed\"");
    assert_eq!(eval(&tab, panel_visible), false);

    click(&tab, "#toggle");
    assert_eq!(
        eval(&tab, "document.getElementById('toggle').checked"),
        true
    );
    assert_eq!(eval(&tab, status), "\"menu open\"");
    assert_eq!(eval(&tab, panel_visible), true);

    click(&tab, "#toggle");
    assert_eq!(eval(&tab, status), "\"menu closed\"");
    tab.assert_no_console_errors();
    assert!(
        server
            .requests()
            .iter()
            .all(|(target, status)| *status == 200 || target == "/favicon.ico"),
        "{:?}",
        server.requests()
    );
}

#[test]
fn console_capture_catches_errors_exceptions_and_failed_loads() {
    let bad = page(
        "Bad",
        "",
        "<h1>Bad</h1><script>\
           console.log('just a log line');\
           console.warn('just a warning');\
           console.error('deliberate console error', 42);\
           Promise.reject(new Error('deliberate unhandled rejection'));\
         </script>\
         <script>throw new Error('deliberate uncaught exception');</script>\
         <img src=\"missing.png\" alt=\"missing\">",
    );
    let good = page(
        "Good",
        "",
        "<h1>Good</h1><script>console.log('fine');</script>",
    );
    let site = write_site(&[("bad.html", &bad), ("good.html", &good)]);
    let server = StaticServer::start(site.path(), "/repo/");
    let tab = new_tab();

    tab.goto(&server.url("good.html"));
    assert_eq!(tab.console_errors(), Vec::<String>::new());

    tab.goto(&server.url("bad.html"));
    let errors = tab.console_errors();
    let has = |needle: &str| errors.iter().any(|e| e.contains(needle));
    assert!(
        has("console.error: deliberate console error 42"),
        "{errors:#?}"
    );
    assert!(has("deliberate uncaught exception"), "{errors:#?}");
    assert!(has("deliberate unhandled rejection"), "{errors:#?}");
    assert!(
        has("404") && has("missing.png"),
        "the failed image load is not reported: {errors:#?}"
    );
    assert!(
        !has("just a log line") && !has("just a warning"),
        "{errors:#?}"
    );

    tab.clear_console_errors();
    assert!(tab.console_errors().is_empty());
    eval(&tab, "console.error('after clearing'); 0");
    assert_eq!(tab.console_errors(), vec!["console.error: after clearing"]);

    // Errors from later tasks (timers, event handlers) are collected too.
    tab.clear_console_errors();
    eval(
        &tab,
        "setTimeout(() => { throw new Error('deliberate late exception'); }, 50); 0",
    );
    support::wait_until("the late exception to be reported", || {
        !tab.console_errors().is_empty()
    });
    let errors = tab.console_errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("exception: Uncaught Error: deliberate late exception"),
        "{errors:#?}"
    );
}

#[test]
fn emulation_of_viewport_width_and_color_scheme() {
    let css = "<style>\
        body { background: rgb(255, 255, 255); }\
        @media (prefers-color-scheme: dark) { body { background: rgb(0, 0, 0); } }\
        </style>";
    let site = write_site(&[("index.html", &page("Scheme", css, "<h1>Scheme</h1>"))]);
    let server = StaticServer::start(site.path(), "/repo/");
    let tab = new_tab();
    tab.goto(&server.url(""));
    let background = "getComputedStyle(document.body).backgroundColor";

    emulate_color_scheme(&tab, ColorScheme::Dark);
    assert_eq!(
        eval(&tab, "matchMedia('(prefers-color-scheme: dark)').matches"),
        true
    );
    assert_eq!(eval(&tab, background), "rgb(0, 0, 0)");
    emulate_color_scheme(&tab, ColorScheme::Light);
    assert_eq!(
        eval(&tab, "matchMedia('(prefers-color-scheme: light)').matches"),
        true
    );
    assert_eq!(eval(&tab, background), "rgb(255, 255, 255)");

    emulate_viewport(&tab, MOBILE_WIDTH);
    assert_eq!(eval(&tab, "window.innerWidth"), MOBILE_WIDTH);
    assert_eq!(
        eval(&tab, "document.documentElement.clientWidth"),
        MOBILE_WIDTH
    );
    emulate_viewport(&tab, DESKTOP_WIDTH);
    assert_eq!(eval(&tab, "window.innerWidth"), DESKTOP_WIDTH);
}

#[test]
fn axe_finds_missing_alt_and_passes_a_good_page() {
    let bad = page("Bad", "", "<h1>Bad</h1><img src=\"pixel.svg\">");
    let good = page(
        "Good",
        "",
        "<h1>Good</h1><p>Some text.</p><img src=\"pixel.svg\" alt=\"A red square\">",
    );
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\
               <rect width=\"10\" height=\"10\" fill=\"red\"/></svg>";
    let site = write_site(&[("bad.html", &bad), ("good.html", &good), ("pixel.svg", svg)]);
    let server = StaticServer::start(site.path(), "/repo/");
    let tab = new_tab();

    tab.goto(&server.url("bad.html"));
    let violations = run_axe(&tab);
    assert!(
        violations
            .iter()
            .any(|v| v.starts_with("image-alt [critical] img:")),
        "axe missed the <img> without alt: {violations:#?}"
    );

    tab.goto(&server.url("good.html"));
    assert_eq!(run_axe(&tab), Vec::<String>::new());
    tab.assert_no_console_errors();
}

#[test]
fn vnu_reports_invalid_html_and_accepts_valid_html() {
    let valid = page("Valid", "", "<h1>Valid</h1><p>Fine.</p>");
    let invalid = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
                   <title>Invalid</title>\n</head>\n<body>\n<p>Unclosed <span>stray</div>\n\
                   </body>\n</html>\n";
    let site = write_site(&[("valid.html", &valid), ("invalid.html", invalid)]);
    let valid_path = site.path().join("valid.html");
    let invalid_path = site.path().join("invalid.html");

    assert_eq!(
        run_vnu(std::slice::from_ref(&valid_path)),
        Vec::<String>::new()
    );

    let errors = run_vnu(&[valid_path, invalid_path.clone()]);
    let file = invalid_path.display().to_string();
    assert!(
        errors.contains(&format!("{file}:8:24: Stray end tag “div”.")),
        "vnu missed the stray </div>: {errors:#?}"
    );
    assert!(
        errors.iter().all(|e| e.starts_with(&format!("{file}:"))),
        "errors reported for the valid file: {errors:#?}"
    );
}

fn assert_png(path: &Path) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is not a PNG",
        path.display()
    );
    assert!(bytes.len() > 100, "{} is too small", path.display());
}

#[test]
fn screenshots_are_written_as_png() {
    let tall = "<div style=\"height: 3000px; background: linear-gradient(red, blue)\"></div>";
    let site = write_site(&[("index.html", &page("Shot", "", tall))]);
    let server = StaticServer::start(site.path(), "/repo/");
    let tab = new_tab();
    tab.goto(&server.url(""));
    emulate_viewport(&tab, MOBILE_WIDTH);

    let dir: PathBuf = screenshots_dir().join("harness");
    let viewport = save_screenshot(&tab, &dir, "viewport-375");
    assert_eq!(viewport, dir.join("viewport-375.png"));
    assert_png(&viewport);
    let full = save_full_page_screenshot(&tab, &dir, "full-page-375");
    assert_png(&full);
    let (width, height) = png_size(&full);
    assert_eq!(width, MOBILE_WIDTH);
    assert!(
        height >= 3000,
        "full-page screenshot is only {height} px tall"
    );
    assert_eq!(png_size(&viewport), (MOBILE_WIDTH, 812));
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}
