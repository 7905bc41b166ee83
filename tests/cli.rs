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
    assert!(version.status.success());
    // The commit in brackets is checked by the test below.
    assert!(
        String::from_utf8(version.stdout)
            .unwrap()
            .starts_with(&format!("faqpress {} (", env!("CARGO_PKG_VERSION")))
    );
}

/// `faqpress 0.1.0 (abc1234 2026-12-01)`, naming the commit this checkout
/// is at, or `(unknown commit)` when not built from git.
#[test]
fn version_names_the_commit_it_was_built_from() {
    let out = faqpress().arg("--version").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let prefix = format!("faqpress {} (", env!("CARGO_PKG_VERSION"));
    let inner = text
        .strip_prefix(&prefix)
        .and_then(|t| t.strip_suffix(")\n"))
        .unwrap_or_else(|| panic!("{text:?}"));
    let head = Command::new("git")
        .args([
            "-C",
            env!("CARGO_MANIFEST_DIR"),
            "log",
            "-1",
            "--format=%H %cs",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8(o.stdout).unwrap());
    match head {
        Some(head) => {
            let (full, date) = head.trim().split_once(' ').unwrap();
            let (id, built_date) = inner.split_once(' ').expect("an id and a date");
            assert!(id.len() >= 7 && full.starts_with(id), "{inner} vs {full}");
            assert_eq!(built_date, date);
        }
        None => assert_eq!(inner, "unknown commit"),
    }
}

/// Runs bash's completion for `words` (the last one being completed) with
/// the script `faqpress completions bash` prints, as a shell would.
fn bash_completions(words: &[&str]) -> Vec<String> {
    let script = faqpress().args(["completions", "bash"]).output().unwrap();
    assert_eq!(script.status.code(), Some(0), "{script:?}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("faqpress.bash");
    std::fs::write(&file, &script.stdout).unwrap();
    let line = words.join(" ");
    let program = format!(
        "source '{}'; COMP_WORDS=({line}); COMP_CWORD={}; COMP_LINE='{line}'; \
         COMP_POINT=${{#COMP_LINE}}; _faqpress faqpress '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        file.display(),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len().saturating_sub(2)],
    );
    let out = Command::new("bash")
        .args(["--norc", "-c", &program])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn bash_completes_subcommands_and_their_flags() {
    let commands = bash_completions(&["faqpress", "b"]);
    assert_eq!(commands, ["build"], "{commands:?}");
    let flags = bash_completions(&["faqpress", "build", "--th"]);
    assert_eq!(flags, ["--theme"], "{flags:?}");
    let shells = bash_completions(&["faqpress", "completions", "z"]);
    assert_eq!(shells, ["zsh"], "{shells:?}");
}

#[test]
fn completions_exist_for_every_shell_clap_supports() {
    for shell in ["bash", "elvish", "fish", "powershell", "zsh"] {
        let out = faqpress().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}: {out:?}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(
            script.contains("faqpress") && script.contains("serve"),
            "{shell}"
        );
    }
    let out = faqpress().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

/// Runs `faqpress ARGS` on a pseudo-terminal (util-linux `script`), so it
/// sees a terminal as a user's shell gives it; what it printed, stdout and
/// stderr together.
fn on_a_terminal(args: &[&str], no_color: bool) -> String {
    let quoted: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_faqpress"))
        .chain(args.iter().copied())
        .map(|a| format!("'{}'", a.replace('\'', r"'\''")))
        .collect();
    let mut cmd = Command::new("script");
    cmd.args(["-q", "-e", "-c", &quoted.join(" "), "/dev/null"]);
    cmd.env_remove("NO_COLOR");
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let out = cmd
        .output()
        .expect("util-linux `script` runs commands on a pseudo-terminal");
    String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n")
}

/// The commands' own errors (no site, a folder not empty, a port in use)
/// are printed like build's: coloured on a terminal, plain with NO_COLOR.
#[test]
fn every_command_prints_its_errors_in_the_diagnostics_style() {
    const RED_ERROR: &str = "\x1b[1;31merror\x1b[0m\x1b[1m: ";
    const BLUE_HELP: &str = "\x1b[1;34m= help:\x1b[0m";
    let empty = tempfile::tempdir().unwrap();
    let empty = empty.path().display().to_string();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let nested = fixture("nested");
    let cases: [(&[&str], &str); 4] = [
        (&["build", "--root", &empty], "cannot read this file"),
        (
            &["new", "Hello", "--root", &empty],
            "there is no `site.yaml`",
        ),
        (
            &[
                "init",
                &nested,
                "--faqpress-git",
                "https://github.com/o/faqpress",
                "--faqpress-rev",
                "0123456789abcdef0123456789abcdef01234567",
            ],
            "already has `site.yaml`",
        ),
        (
            &["serve", "--port", &port, "--root", &nested],
            &format!("port {port} is already in use"),
        ),
    ];
    for (args, message) in cases {
        let coloured = on_a_terminal(args, false);
        assert!(coloured.contains(RED_ERROR), "{args:?}: {coloured:?}");
        assert!(coloured.contains(message), "{args:?}: {coloured:?}");
        assert!(coloured.contains(BLUE_HELP), "{args:?}: {coloured:?}");
        let plain = on_a_terminal(args, true);
        assert!(!plain.contains('\x1b'), "{args:?}: {plain:?}");
        assert!(plain.contains("error: "), "{args:?}: {plain:?}");
        assert!(plain.contains("  = help: "), "{args:?}: {plain:?}");
    }
    drop(taken);
}
