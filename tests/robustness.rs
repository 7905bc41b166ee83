//! Bad and hostile input: each case fails with a located diagnostic (the
//! snapshot records it, and the binary prints exactly that and exits 1,
//! never 101, a panic) and leaves the previous output alone, or, for deep
//! nesting, builds.

mod support;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use faqpress::BuildOptions;
use faqpress::config::Overrides;
use support::{
    assert_binary_fails_with, assert_previous_output_kept, build_errors, failing_build,
    faqpress_build, previous_output, rendered, temp_site,
};

/// The diagnostics of building `site`, checked to be what the binary
/// prints over a previous output it leaves alone.
fn diagnostics_of(site: &Path) -> String {
    let shown = failing_build(site);
    let out = tempfile::tempdir().unwrap();
    let public = previous_output(out.path());
    assert_binary_fails_with(site, &public, &shown);
    assert_previous_output_kept(&public);
    assert_eq!(
        fs::read_dir(out.path()).unwrap().count(),
        1,
        "{}: no staging folder left",
        site.display()
    );
    shown
}

const ARTICLE: &str = "---\ntitle: A\n---\nBody.\n";

#[test]
fn every_invalid_fixture_exits_one_and_keeps_the_old_output() {
    let invalid = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let mut cases: Vec<PathBuf> = fs::read_dir(&invalid)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 25, "found only {} cases", cases.len());
    for case in cases {
        diagnostics_of(&case);
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_content_is_a_located_error() {
    let site = temp_site(ARTICLE);
    std::os::unix::fs::symlink("loop", site.path().join("content/loop")).unwrap();
    let shown = diagnostics_of(site.path());
    assert!(shown.contains("--> content/loop"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_site_is_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: Secret\n---\nsecret\n",
    )
    .unwrap();
    let site = temp_site(ARTICLE);
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        site.path().join("content/secret.md"),
    )
    .unwrap();
    let shown = diagnostics_of(site.path());
    assert!(shown.contains("points outside the site"), "{shown}");
    assert!(!shown.contains("secret\n"), "the target is never read");
    insta::assert_snapshot!(shown);
}

#[test]
fn a_50_mb_article_is_refused_with_the_limit() {
    let site = temp_site(ARTICLE);
    let line = "A line of prose that repeats until the file reaches fifty megabytes.\n";
    let chunk = line.repeat(1024 * 1024 / line.len());
    let path = site.path().join("content/big.md");
    let mut file = fs::File::create(&path).unwrap();
    file.write_all(b"---\ntitle: Big\n---\n").unwrap();
    while file.metadata().unwrap().len() < 50_000_000 {
        file.write_all(chunk.as_bytes()).unwrap();
    }
    drop(file);
    let size = fs::metadata(&path).unwrap().len();
    assert!(size >= 50_000_000, "{size} bytes");
    let shown = diagnostics_of(site.path());
    assert!(shown.contains("larger than the 16 MiB limit"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn an_error_on_a_10_mb_line_shows_the_line_only_around_the_caret() {
    let prose = "word ".repeat(1_000_000);
    let article = format!("---\ntitle: Long\n---\n{prose}[a link](nowhere.md) {prose}\n");
    let site = temp_site(&article);
    let shown = diagnostics_of(site.path());
    assert!(shown.len() < 2_000, "{} bytes shown", shown.len());
    assert!(shown.contains("--> content/index.md:4:5000001"), "{shown}");
    insta::assert_snapshot!(shown);
}

/// Builds `article` through the binary, which must succeed, and returns
/// its home page and what it printed on stderr (warnings, if any).
fn builds(article: &str) -> (String, String) {
    let site = temp_site(article);
    let out = tempfile::tempdir().unwrap();
    let result = faqpress_build(site.path(), &out.path().join("public"));
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert_eq!(result.status.code(), Some(0), "{stderr}");
    let html = fs::read_to_string(out.path().join("public/index.html")).unwrap();
    assert!(
        html.contains("id=\"still-a-question\""),
        "the question after the nesting is found"
    );
    (html, stderr)
}

#[test]
fn deeply_nested_lists_build() {
    // Each list level is indented two more spaces, so the text grows with
    // the square of the depth: 1,000 levels is 1 MB.
    let mut lists = String::new();
    for level in 0..1_000 {
        lists.push_str(&"  ".repeat(level));
        lists.push_str("- item\n");
    }
    let (html, stderr) = builds(&format!(
        "---\ntitle: Deep\n---\n{lists}\n## Still a question?\n\nYes.\n"
    ));
    let depth = deepest(&html, "ul");
    assert_eq!(depth, 1_000, "every level is kept");
    let summary = format!("built; stderr: {stderr:?}\ndeepest <ul> in index.html: {depth}\n");
    insta::assert_snapshot!(summary);
}

#[test]
fn deeply_nested_quotes_build() {
    let quotes = format!("{} deep\n", ">".repeat(5_000));
    let (html, stderr) = builds(&format!(
        "---\ntitle: Deep\n---\n{quotes}\n## Still a question?\n\nYes.\n"
    ));
    let depth = deepest(&html, "blockquote");
    assert_eq!(depth, 5_000, "every level is kept");
    let summary =
        format!("built; stderr: {stderr:?}\ndeepest <blockquote> in index.html: {depth}\n");
    insta::assert_snapshot!(summary);
}

/// How deeply `<tag>` elements nest in `html`; panics if they do not
/// balance, which would mean the output lost or invented a level.
fn deepest(html: &str, tag: &str) -> usize {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let (mut depth, mut deepest) = (0usize, 0);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        if rest.starts_with(&open) {
            depth += 1;
            deepest = deepest.max(depth);
        } else if rest.starts_with(&close) {
            depth = depth
                .checked_sub(1)
                .expect("a closing tag without its opening");
        }
        rest = &rest[1..];
    }
    assert_eq!(depth, 0, "every <{tag}> is closed");
    deepest
}

#[test]
fn a_blocked_output_location_fails_and_says_so() {
    // Running as root makes permission bits moot, so block the output with
    // a file where its parent folder should be: that stops root as well.
    let site = temp_site(ARTICLE);
    let blocker = site.path().join("blocked");
    fs::write(&blocker, "a file, not a folder").unwrap();
    let output = blocker.join("public");
    let shown = rendered(&build_errors(&BuildOptions {
        root: site.path().to_path_buf(),
        output: output.clone(),
        overrides: Overrides::default(),
    }));
    assert_binary_fails_with(site.path(), &output, &shown);
    assert!(shown.contains("cannot create"), "{shown}");
    assert_eq!(
        fs::read_to_string(&blocker).unwrap(),
        "a file, not a folder"
    );
    insta::assert_snapshot!(shown.replace(&site.path().display().to_string(), "[SITE]"));
}

#[test]
fn an_absolute_slug_is_refused() {
    // `..` in a slug is `tests/fixtures/invalid/bad-slug`.
    let site = temp_site(ARTICLE);
    fs::write(
        site.path().join("content/unix.md"),
        "---\ntitle: Unix\nslug: /etc/escape\n---\nBody.\n",
    )
    .unwrap();
    fs::write(
        site.path().join("content/windows.md"),
        "---\ntitle: Windows\nslug: 'C:\\escape'\n---\nBody.\n",
    )
    .unwrap();
    let shown = diagnostics_of(site.path());
    assert!(shown.contains("--> content/unix.md:3:7"), "{shown}");
    assert!(shown.contains("--> content/windows.md:3:7"), "{shown}");
    insta::assert_snapshot!(shown);
}
