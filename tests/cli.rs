//! The `faqpress` binary as a user runs it: output, exit codes, colour.

use std::path::Path;
use std::process::Command;

fn faqpress() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_faqpress"));
    cmd.env_remove("NO_COLOR");
    cmd
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn build_prints_a_summary_and_exits_zero() {
    let out = tempfile::tempdir().unwrap();
    let result = faqpress()
        .args(["build", "--root", &fixture("nested"), "--output"])
        .arg(out.path().join("public"))
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(0), "{result:?}");
    let stdout = String::from_utf8(result.stdout).unwrap();
    assert!(stdout.starts_with("Built 3 pages ("), "{stdout}");
    assert!(out.path().join("public/index.html").is_file());
}

#[test]
fn content_errors_exit_one_with_rustc_style_output() {
    let out = tempfile::tempdir().unwrap();
    let result = faqpress()
        .args([
            "build",
            "--root",
            &fixture("invalid/typo-in-front-matter"),
            "--output",
        ])
        .arg(out.path().join("public"))
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert!(
        stderr.starts_with("error: unknown field `titel`\n --> content/index.md:2:1\n"),
        "{stderr}"
    );
    assert!(
        !stderr.contains('\x1b'),
        "no colour when stderr is not a terminal"
    );
    assert!(!out.path().join("public").exists());
}

#[test]
fn usage_errors_exit_two() {
    let result = faqpress()
        .args(["build", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(2));
    let result = faqpress().output().unwrap();
    assert_eq!(result.status.code(), Some(2));
}

#[test]
fn help_and_version_work() {
    let help = faqpress().arg("--help").output().unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8(help.stdout).unwrap().contains("build"));
    let version = faqpress().arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8(version.stdout).unwrap(),
        format!("faqpress {}\n", env!("CARGO_PKG_VERSION"))
    );
}
