//! The install command `faqpress init` writes, run for real: from a git
//! repository holding this crate's source, pinned to a commit, and the
//! faqpress it installs builds the new site. It compiles faqpress in
//! release mode, so it reuses this test's target folder for the
//! dependencies.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/kits.rs"]
mod kits;

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs git for the test's own set-up, unaffected by the machine's
/// configuration (signing, hooks, default branch).
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A git repository holding what cargo needs to build this crate, with
/// the commit to pin and, on top, a commit that cannot compile.
fn source_repository(dir: &Path) -> String {
    fs::create_dir_all(dir.join("bench")).unwrap();
    for file in ["Cargo.toml", "Cargo.lock", "build.rs", "bench/floor.rs"] {
        // bench/floor.rs: Cargo.toml names it as an example.
        fs::copy(manifest().join(file), dir.join(file)).unwrap();
    }
    copy_tree(&manifest().join("src"), &dir.join("src"));
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "faqpress"]);
    let pinned = git(dir, &["rev-parse", "HEAD"]);
    let main = dir.join("src/main.rs");
    let mut text = fs::read_to_string(&main).unwrap();
    text.push_str("\ncompile_error!(\"not the pinned commit\");\n");
    fs::write(&main, text).unwrap();
    git(dir, &["commit", "-q", "-am", "broken"]);
    pinned
}

/// The target folder this test was built in: `<target>/debug/deps/install-…`.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).unwrap().to_path_buf()
}

/// Removes, when dropped, what cargo keeps of a repository in
/// `$CARGO_HOME/git` (a copy of the source per run otherwise), found by the
/// repository folder's name, unique to the run.
struct CargoGitCache(String);

impl Drop for CargoGitCache {
    fn drop(&mut self) {
        let home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")));
        let Some(git) = home.map(|h| h.join("git")) else {
            return;
        };
        for kind in ["db", "checkouts"] {
            let Ok(entries) = fs::read_dir(git.join(kind)) else {
                continue;
            };
            for entry in entries.flatten() {
                if entry.file_name().to_string_lossy().starts_with(&self.0) {
                    let _ = fs::remove_dir_all(entry.path());
                }
            }
        }
    }
}

#[test]
fn the_workflow_s_install_command_installs_the_pinned_faqpress() {
    let tmp = tempfile::tempdir().unwrap();
    // Cargo names its copies `<folder name>-<hash of the URL>`.
    let name = format!(
        "faqpress-source{}",
        tmp.path().file_name().unwrap().to_string_lossy()
    );
    let _cleanup = CargoGitCache(format!("{name}-"));
    let repo = tmp.path().join(&name);
    let commit = source_repository(&repo);
    let url = format!("file://{}", repo.display());

    let site = tmp.path().join("site");
    let init = Command::new(env!("CARGO_BIN_EXE_faqpress"))
        .arg("init")
        .arg(&site)
        .args(["--faqpress-git", &url, "--faqpress-rev", &commit])
        .output()
        .unwrap();
    assert_eq!(init.status.code(), Some(0), "{init:?}");
    let workflow = fs::read_to_string(site.join(".github/workflows/pages.yml")).unwrap();
    let install = kits::workflow_install(&workflow);

    // The step's command as GitHub runs it, installing into a folder of
    // the test's own. Installing from git, cargo takes the binary it
    // built out of the target folder (seen here), so after
    // this test `<target>/release/faqpress` is gone until the next
    // `cargo build --release` (seen: that build then compiles faqpress
    // again, about a minute and a half here). Sharing the folder spares
    // the test compiling every dependency again in release mode.
    let root = tmp.path().join("root");
    let command = format!("{} --root '{}'", install.command, root.display());
    let out = Command::new("bash")
        .args(["-eo", "pipefail", "-c", &command])
        .envs(install.env.iter().map(|(k, v)| (k, v)))
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{command}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tracked = fs::read_to_string(root.join(".crates2.json")).unwrap();
    assert!(
        tracked.contains(&format!(
            "faqpress {} (git+{url}?rev={commit}#{commit})",
            env!("CARGO_PKG_VERSION")
        )),
        "{tracked}"
    );

    let installed = root.join("bin/faqpress");
    let built = Command::new(&installed)
        .args([
            "build",
            "--base-url",
            "https://example.github.io/repo/",
            "--root",
        ])
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(built.status.code(), Some(0), "{built:?}");
    let html = fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(
        html.contains("<section class=\"pricing\""),
        "the sample article"
    );

    // Built in cargo's own checkout, whose origin is a local folder, the
    // installed faqpress knows no source to pin: it asks for one and
    // writes no kits that would stop at their first deploy.
    let second = tmp.path().join("second");
    let again = Command::new(&installed)
        .arg("init")
        .arg(&second)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2), "{again:?}");
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.starts_with("error: this faqpress does not know a public repository"),
        "{stderr}"
    );
    assert!(!second.exists(), "nothing written");
}
