//! Writing the output when builds are killed, race each other, or the
//! disk fails: `public/` is always a whole build, nothing is left beside
//! it, and an output error is reported once.

mod support;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use support::{faqpress_build, temp_site};

const ARTICLE: &str = "---\ntitle: A\n---\nBody.\n";

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The pid of a process that has exited, as a killed build's is.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

/// A folder a killed build left, holding one file.
fn leftover(dir: &Path, name: &str) {
    fs::create_dir_all(dir.join(name).join("a")).unwrap();
    fs::write(dir.join(name).join("a/index.html"), "half a build").unwrap();
}

#[test]
fn folders_left_by_killed_builds_are_removed_by_the_next_one() {
    let site = temp_site(ARTICLE);
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let pid = dead_pid();
    leftover(out.path(), &format!(".public.staging-{pid}"));
    leftover(out.path(), &format!(".public.staging-{}", pid + 1));
    fs::create_dir_all(&public).unwrap();
    leftover(out.path(), &format!(".public.old-{pid}"));

    let built = faqpress_build(site.path(), &public);
    let (stdout, stderr) = text(&built);
    assert!(built.status.success(), "{stderr}");
    assert_eq!(names(out.path()), ["public"], "{stdout}");
    let note: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("interrupted"))
        .collect();
    assert_eq!(note.len(), 1, "said once, in one line: {stdout}");
    insta::assert_snapshot!(
        note[0]
            .replace(&pid.to_string(), "[PID]")
            .replace(&(pid + 1).to_string(), "[PID+1]")
    );
}

#[test]
fn an_output_moved_aside_by_a_killed_build_is_restored() {
    // A build killed between moving `public` aside and moving the new one
    // in (where the platform cannot swap the two at once).
    let site = temp_site("---\ntitle: A\ntemplate: nope.html\n---\nBody.\n");
    let out = tempfile::tempdir().unwrap();
    let old = out.path().join(format!(".public.old-{}", dead_pid()));
    fs::create_dir_all(old.join("old")).unwrap();
    fs::write(old.join("old/index.html"), "previous build").unwrap();
    let public = out.path().join("public");

    let failed = faqpress_build(site.path(), &public);
    assert_eq!(failed.status.code(), Some(1), "{:?}", text(&failed));
    assert_eq!(
        fs::read_to_string(public.join("old/index.html")).unwrap(),
        "previous build",
        "the previous output is back"
    );
    assert_eq!(names(out.path()), ["public"]);
}

#[test]
fn builds_racing_on_one_output_all_succeed_and_leave_nothing_behind() {
    let site = temp_site(ARTICLE);
    for i in 0..40 {
        fs::write(
            site.path().join(format!("content/page-{i}.md")),
            format!("---\ntitle: Page {i}\n---\nBody {i}.\n"),
        )
        .unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    for round in 0..5 {
        let builds: Vec<_> = (0..3)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_faqpress"))
                    .args(["build", "--root"])
                    .arg(site.path())
                    .arg("--output")
                    .arg(&public)
                    .env("NO_COLOR", "1")
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for build in builds {
            let output = build.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "round {round}: {:?}",
                text(&output)
            );
        }
        assert_eq!(names(out.path()), ["public"], "round {round}");
        assert!(public.join("page-7/index.html").is_file());
    }
}

/// A build started while another holds the output's lock waits for it,
/// then builds and says that it waited.
#[test]
fn a_build_waits_for_another_build_into_the_same_output() {
    let site = temp_site(ARTICLE);
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let held = fs::File::create(out.path().join(".public.lock")).unwrap();
    held.lock().unwrap();
    let mut waiting = Command::new(env!("CARGO_BIN_EXE_faqpress"))
        .args(["build", "--root"])
        .arg(site.path())
        .arg("--output")
        .arg(&public)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Bounded: long enough for a build of one page to finish.
    std::thread::sleep(std::time::Duration::from_secs(2));
    assert!(
        waiting.try_wait().unwrap().is_none(),
        "the second build did not wait"
    );
    assert!(
        !public.exists(),
        "nothing swapped in while the other build runs"
    );
    drop(held);
    let output = waiting.wait_with_output().unwrap();
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stdout.contains("note: waited for another build into `public` to finish"),
        "{stdout}"
    );
    assert_eq!(names(out.path()), ["public"]);
}

#[test]
fn a_failed_build_into_a_new_folder_leaves_no_folder_behind() {
    let site = temp_site("---\ntitle: A\ntemplate: nope.html\n---\nBody.\n");
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("new/deeper/public");
    let failed = faqpress_build(site.path(), &public);
    assert_eq!(failed.status.code(), Some(1), "{:?}", text(&failed));
    assert!(names(out.path()).is_empty(), "{:?}", names(out.path()));
}

/// A site of many pages built with a file size limit of 1 KiB, so that
/// every page write fails as on a full disk (the limit's signal is
/// ignored, so writes fail with "File too large" instead).
#[cfg(unix)]
#[test]
fn a_full_disk_is_reported_once_with_the_path() {
    let site = temp_site(ARTICLE);
    let filler = "Words that make the page longer than the limit. ".repeat(40);
    for i in 0..300 {
        fs::write(
            site.path().join(format!("content/page-{i:03}.md")),
            format!("---\ntitle: Page {i}\n---\n{filler}\n"),
        )
        .unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let script = r#"trap '' XFSZ; ulimit -f 1; exec "$0" build --root "$1" --output "$2""#;
    let failed = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_faqpress"))
        .arg(site.path())
        .arg(&public)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let (_, stderr) = text(&failed);
    assert_eq!(failed.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
    assert!(!public.exists());
    assert_eq!(names(out.path()), Vec::<String>::new());
    // Which file hits the limit first depends on the threads, so the
    // snapshot shows `[FILE]` for it; it must name the output, not the
    // staging folder.
    let shown = redact_failed_file(&stderr, &out.path().display().to_string());
    insta::assert_snapshot!(shown);
}

/// `stderr` with the temporary folder replaced by `[OUT]` and the file
/// that could not be written (inside `[OUT]/public/`) by `[FILE]`.
fn redact_failed_file(stderr: &str, out: &str) -> String {
    let shown = stderr.replace(out, "[OUT]");
    let prefix = "cannot write `[OUT]/public/";
    let Some(start) = shown.find(prefix).map(|i| i + prefix.len()) else {
        panic!("the error does not name a file inside the output: {shown}");
    };
    let end = start + shown[start..].find('`').expect("a closing backtick");
    format!("{}[FILE]{}", &shown[..start], &shown[end..])
}
