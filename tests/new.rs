//! `faqpress new`: creates a draft that builds, and never overwrites.

use std::process::Command;

fn faqpress() -> Command {
    Command::new(env!("CARGO_BIN_EXE_faqpress"))
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.yaml"), "title: Answers\n").unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("content/index.md"),
        "---\ntitle: Home\n---\nHello.\n",
    )
    .unwrap();
    dir
}

#[test]
fn creates_a_draft_that_builds() {
    let dir = site();
    let out = faqpress()
        .args(["new", "Laser Hair Removal: What to Expect", "--root"])
        .arg(dir.path())
        .env("SOURCE_DATE_EPOCH", "1749945600")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "content/laser-hair-removal-what-to-expect.md\n"
    );
    let text = std::fs::read_to_string(
        dir.path()
            .join("content/laser-hair-removal-what-to-expect.md"),
    )
    .unwrap();
    assert!(
        text.contains("title: \"Laser Hair Removal: What to Expect\"\n"),
        "{text}"
    );
    assert!(
        text.contains("date: 2025-06-15\n") && text.contains("draft: true\n"),
        "{text}"
    );
    assert!(text.contains("## What is it?"), "{text}");
    let public = dir.path().join("public");
    let built = faqpress()
        .args(["build", "--drafts", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(built.status.code(), Some(0), "{built:?}");
    assert!(
        public
            .join("laser-hair-removal-what-to-expect/index.html")
            .is_file()
    );
}

#[test]
fn refuses_to_overwrite() {
    let dir = site();
    let path = dir.path().join("content/aftercare.md");
    std::fs::write(&path, "mine").unwrap();
    let out = faqpress()
        .args(["new", "Aftercare", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("content/aftercare.md already exists"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
}

#[test]
fn needs_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let out = faqpress()
        .args(["new", "X", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("no `site.yaml`")
    );
}

#[test]
fn a_content_file_in_place_of_the_folder_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.yaml"), "title: Answers\n").unwrap();
    std::fs::write(dir.path().join("content"), "not a folder").unwrap();
    let out = faqpress()
        .args(["new", "Hello", "--root"])
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("is a file, not a folder"), "{stderr}");
    assert!(!stderr.contains("already exists"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("content")).unwrap(),
        "not a folder"
    );
}
