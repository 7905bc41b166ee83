//! Bad and hostile input through the real binary: it must exit 1 with a
//! diagnostic (never 101, a panic), and leave the previous output alone.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn faqpress_build(root: &Path, output: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faqpress"))
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(output)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// An output folder holding a previous build, to check it survives.
fn previous_output(dir: &Path) -> PathBuf {
    let public = dir.join("public");
    fs::create_dir_all(public.join("old")).unwrap();
    fs::write(public.join("old/index.html"), "previous build").unwrap();
    public
}

fn assert_failed_cleanly(result: &Output, public: &Path, expected: &str) {
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(
        result.status.code(),
        Some(1),
        "exit code (101 would be a panic): {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains(expected),
        "expected {expected:?} in:\n{stderr}"
    );
    assert_eq!(
        fs::read_to_string(public.join("old/index.html")).unwrap(),
        "previous build"
    );
    assert_eq!(
        fs::read_dir(public).unwrap().count(),
        1,
        "nothing new in the output"
    );
}

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
        let out = tempfile::tempdir().unwrap();
        let public = previous_output(out.path());
        let result = faqpress_build(&case, &public);
        assert_failed_cleanly(&result, &public, "error:");
        assert_eq!(
            fs::read_dir(out.path()).unwrap().count(),
            1,
            "{}: no staging folder left",
            case.display()
        );
    }
}

/// A minimal valid site in a temporary folder, for tests to break.
fn temp_site(article: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    fs::write(dir.path().join("site.yaml"), "title: Robustness\n").unwrap();
    fs::write(dir.path().join("content/index.md"), article).unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_content_is_a_located_error() {
    let site = temp_site("---\ntitle: A\n---\nBody.\n");
    std::os::unix::fs::symlink("loop", site.path().join("content/loop")).unwrap();
    let public = previous_output(site.path());
    let result = faqpress_build(site.path(), &public);
    assert_failed_cleanly(&result, &public, "--> content/loop");
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
    let site = temp_site("---\ntitle: A\n---\nBody.\n");
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        site.path().join("content/secret.md"),
    )
    .unwrap();
    let public = previous_output(site.path());
    let result = faqpress_build(site.path(), &public);
    assert_failed_cleanly(&result, &public, "points outside the site");
}

#[test]
fn an_oversized_article_is_refused_with_the_limit() {
    let site = temp_site("---\ntitle: A\n---\nBody.\n");
    let mut big = String::from("---\ntitle: Big\n---\n");
    let line = "A line of prose that repeats until the file passes the limit.\n";
    while big.len() as u64 <= faqpress::source::MAX_ARTICLE_BYTES {
        big.push_str(line);
    }
    fs::write(site.path().join("content/big.md"), big).unwrap();
    let public = previous_output(site.path());
    let result = faqpress_build(site.path(), &public);
    assert_failed_cleanly(&result, &public, "larger than the 16 MiB limit");
}

#[test]
fn very_deep_nesting_builds_without_overflowing_the_stack() {
    let quotes = format!("{} deep\n\n", ">".repeat(5_000));
    // Each list level is indented two more spaces, so the text grows with
    // the square of the depth: 1,000 levels is 1 MB.
    let mut lists = String::new();
    for level in 0..1_000 {
        lists.push_str(&"  ".repeat(level));
        lists.push_str("- item\n");
    }
    let site = temp_site(&format!(
        "---\ntitle: Deep\n---\n{quotes}{lists}\n## Still a question?\n\nYes.\n"
    ));
    let out = tempfile::tempdir().unwrap();
    let result = faqpress_build(site.path(), &out.path().join("public"));
    assert_eq!(
        result.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let html = fs::read_to_string(out.path().join("public/index.html")).unwrap();
    assert!(html.contains("id=\"still-a-question\""));
}

#[test]
fn an_unwritable_output_location_fails_and_says_so() {
    // Running as root makes permission bits moot, so block the output with
    // a file where its parent folder should be.
    let site = temp_site("---\ntitle: A\n---\nBody.\n");
    let blocker = site.path().join("blocked");
    fs::write(&blocker, "a file, not a folder").unwrap();
    let result = faqpress_build(site.path(), &blocker.join("public"));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot create"), "{stderr}");
    assert_eq!(
        fs::read_to_string(&blocker).unwrap(),
        "a file, not a folder"
    );
}
