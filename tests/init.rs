//! `faqpress init`: the new site builds, and its deploy kits install
//! faqpress from git, pinned, or stop at once saying what to set.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use faqpress::scaffold;

#[path = "support/kits.rs"]
mod kits;

const URL: &str = "https://github.com/owner/faqpress";
const REV: &str = "0123456789abcdef0123456789abcdef01234567";
const WORKFLOW: &str = ".github/workflows/pages.yml";

fn faqpress() -> Command {
    Command::new(env!("CARGO_BIN_EXE_faqpress"))
}

fn init(site: &Path, flags: &[&str]) -> Output {
    faqpress()
        .arg("init")
        .arg(site)
        .args(flags)
        .output()
        .unwrap()
}

fn read(site: &Path, path: &str) -> String {
    fs::read_to_string(site.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn text(output: &[u8]) -> String {
    String::from_utf8(output.to_vec()).unwrap()
}

#[test]
fn init_writes_a_site_that_builds_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new-site");
    let first = init(&site, &["--faqpress-git", URL, "--faqpress-rev", REV]);
    assert_eq!(first.status.code(), Some(0), "{first:?}");
    for file in [
        "site.yaml",
        "README.md",
        "content/index.md",
        "content/.words",
        WORKFLOW,
        "netlify.toml",
        ".gitignore",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    assert!(
        text(&first.stdout).contains(&format!("install faqpress from {URL} at commit {REV}")),
        "{first:?}"
    );
    assert!(first.stderr.is_empty(), "{first:?}");
    // The last line points at the site's own README, which says how to
    // preview, check and publish.
    let last = text(&first.stdout).lines().last().unwrap().to_string();
    assert!(
        last.contains(&site.join("README.md").display().to_string()),
        "{last}"
    );
    let readme = read(&site, "README.md");
    for needed in [
        "faqpress serve",
        "faqpress check",
        "GitHub Pages",
        "Netlify",
    ] {
        assert!(readme.contains(needed), "{needed}: {readme}");
    }

    let workflow = read(&site, WORKFLOW);
    kits::check_workflow(&workflow, "faqpress build --base-url");
    let install = kits::workflow_install(&workflow);
    assert_eq!(kits::env_value(&install, "FAQPRESS_GIT"), URL);
    assert_eq!(kits::env_value(&install, "FAQPRESS_REV"), REV);
    assert!(install.command.contains(" --rev "), "{install:?}");
    let netlify = read(&site, "netlify.toml");
    kits::check_netlify(&netlify, "faqpress build");
    for install in kits::netlify_installs(&netlify) {
        assert_eq!(kits::env_value(&install, "FAQPRESS_GIT"), URL);
        assert_eq!(kits::env_value(&install, "FAQPRESS_REV"), REV);
    }

    let built = faqpress()
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
    let html = read(&site, "public/index.html");
    assert!(html.contains("type=\"checkbox\""), "a checklist");
    assert!(
        html.contains("<section class=\"pricing\""),
        "a pricing table"
    );
    assert!(built.stderr.is_empty(), "{}", text(&built.stderr));

    let before = fs::read(site.join("site.yaml")).unwrap();
    let again = init(&site, &["--faqpress-git", URL, "--faqpress-rev", REV]);
    assert_eq!(again.status.code(), Some(1));
    let stderr = text(&again.stderr);
    assert!(
        stderr.contains("`site.yaml`") && stderr.contains("`netlify.toml`"),
        "{stderr}"
    );
    assert_eq!(fs::read(site.join("site.yaml")).unwrap(), before);
}

#[test]
fn a_tag_is_pinned_with_cargo_s_tag_flag() {
    let dir = tempfile::tempdir().unwrap();
    let out = init(
        dir.path(),
        &["--faqpress-git", URL, "--faqpress-tag", "v0.2.0"],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(text(&out.stdout).contains("at tag v0.2.0"), "{out:?}");
    let install = kits::workflow_install(&read(dir.path(), WORKFLOW));
    assert_eq!(kits::env_value(&install, "FAQPRESS_REV"), "v0.2.0");
    assert!(install.command.contains(" --tag "), "{install:?}");
    for install in kits::netlify_installs(&read(dir.path(), "netlify.toml")) {
        assert!(install.command.contains(" --tag "), "{install:?}");
    }
}

/// Whether this binary knows its source depends on the checkout it was
/// built from, so both outcomes are checked for what they promise.
#[test]
fn without_flags_the_kits_name_the_built_in_source_or_init_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = init(dir.path(), &[]);
    let stderr = text(&out.stderr);
    if scaffold::install::built_in().is_none() {
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert!(
            stderr.starts_with("error: this faqpress does not know a public repository"),
            "{stderr}"
        );
        assert!(stderr.contains("--faqpress-git "), "{stderr}");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        return;
    }
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let install = kits::workflow_install(&read(dir.path(), WORKFLOW));
    let (git, rev) = (
        kits::env_value(&install, "FAQPRESS_GIT"),
        kits::env_value(&install, "FAQPRESS_REV"),
    );
    assert!(
        git.starts_with("https://") || git.starts_with("http://"),
        "{git}"
    );
    assert!(matches!(rev.len(), 40 | 64), "{rev}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(
        text(&out.stdout).contains(&format!("install faqpress from {git} at commit {rev}")),
        "{out:?}"
    );
}

/// What a new site owner runs first: the sample passes every check,
/// warnings included, whatever day it is made.
#[test]
fn a_new_site_passes_check_with_deny_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let made = init(&site, &["--faqpress-git", URL, "--faqpress-rev", REV]);
    assert_eq!(made.status.code(), Some(0), "{made:?}");
    let check = faqpress()
        .args(["check", "--deny-warnings", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    assert!(check.stderr.is_empty(), "{}", text(&check.stderr));
    let build = faqpress()
        .args(["build", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(build.status.code(), Some(0), "{}", text(&build.stderr));
    assert!(build.stderr.is_empty(), "{}", text(&build.stderr));
}

#[test]
fn flags_that_cannot_work_are_usage_errors_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for flags in [
        &["--faqpress-rev", REV][..],
        &["--faqpress-git", "github.com/owner/faqpress"],
        &["--faqpress-git", "https://example.com/x y"],
        &["--faqpress-git", URL, "--faqpress-rev", "--bad"],
        &[
            "--faqpress-git",
            URL,
            "--faqpress-rev",
            REV,
            "--faqpress-tag",
            "v1",
        ],
    ] {
        let out = init(dir.path(), flags);
        assert_eq!(out.status.code(), Some(2), "{flags:?}: {out:?}");
        assert!(text(&out.stderr).starts_with("error:"), "{out:?}");
    }
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// A `cargo` that records its arguments and fails, standing in for the real
/// one so the kits' shell commands run without building anything.
fn fake_cargo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("cargo-args");
    let cargo = dir.path().join("cargo");
    fs::write(
        &cargo,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nexit 3\n",
            log.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&cargo, fs::Permissions::from_mode(0o755)).unwrap();
    }
    (dir, log)
}

/// Runs a kit's install command as GitHub and Netlify do, with bash and the
/// kit's environment, against the fake cargo.
fn run_install(install: &kits::Install, bin: &Path) -> Output {
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    Command::new("bash")
        .args(["-eo", "pipefail", "-c", &install.command])
        .envs(install.env.iter().map(|(k, v)| (k, v)))
        .env("PATH", path)
        .output()
        .unwrap()
}

fn kit_installs(source: &scaffold::install::Source) -> Vec<(String, kits::Install)> {
    let files = scaffold::files(source, faqpress::date::Date::today());
    let file = |path: &str| files.iter().find(|f| f.path == path).unwrap().text.clone();
    let mut installs = vec![(
        WORKFLOW.to_string(),
        kits::workflow_install(&file(WORKFLOW)),
    )];
    for install in kits::netlify_installs(&file("netlify.toml")) {
        installs.push(("netlify.toml".to_string(), install));
    }
    installs
}

fn source() -> scaffold::install::Source {
    scaffold::install::Source {
        git: URL.to_string(),
        pin: scaffold::install::Pin::Rev(REV.to_string()),
    }
}

/// A site owner who blanks the settings gets a deploy that stops at once.
#[test]
fn kits_with_an_emptied_source_stop_at_the_install_and_say_what_to_set() {
    let (bin, log) = fake_cargo();
    for (file, mut install) in kit_installs(&source()) {
        for (name, value) in &mut install.env {
            if name.starts_with("FAQPRESS_") {
                value.clear();
            }
        }
        let out = run_install(&install, bin.path());
        assert_ne!(out.status.code(), Some(0), "{out:?}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(&format!("FAQPRESS_GIT: is empty, set it in {file}")),
            "{stderr}"
        );
        assert!(
            !log.exists(),
            "cargo ran: {}",
            fs::read_to_string(&log).unwrap()
        );

        // Half filled in: the missing half is named.
        for (name, value) in &mut install.env {
            if name == "FAQPRESS_GIT" {
                *value = URL.to_string();
            }
        }
        let out = run_install(&install, bin.path());
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(&format!("FAQPRESS_REV: is empty, set it in {file}")),
            "{stderr}"
        );
        assert!(!log.exists(), "cargo ran");
    }
}

#[test]
fn kits_with_a_source_hand_it_to_cargo_install_word_for_word() {
    let (bin, log) = fake_cargo();
    for (file, install) in kit_installs(&source()) {
        let out = run_install(&install, bin.path());
        assert_eq!(out.status.code(), Some(3), "{file}: {out:?}");
        let args = fs::read_to_string(&log).unwrap();
        let expected = [
            "install", "--locked", "--git", URL, "--rev", REV, "faqpress",
        ];
        assert_eq!(args.lines().collect::<Vec<_>>(), expected, "{file}");
        fs::remove_file(&log).unwrap();
    }
}
