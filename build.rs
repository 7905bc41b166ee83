//! Records where this faqpress can be fetched from, so `faqpress init` can
//! pin the deploy kits it writes to the faqpress that wrote them:
//! `FAQPRESS_BUILD_GIT` (the `origin` remote as a public https address)
//! and `FAQPRESS_BUILD_REV` (the newest commit of HEAD's history that
//! origin already has, so a build host can fetch it). Always sets
//! `FAQPRESS_BUILD_COMMIT`, which `faqpress --version` shows: HEAD's short
//! id and date (`abc1234 2026-12-01`), or `unknown commit`.
//!
//! It never fails the build: without git, outside a checkout of this crate
//! (a packaged crate, or cargo's own checkout of a git dependency, whose
//! origin is a local path) or without a remote it records nothing, and
//! `init` then says how to name the source.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    // Without any rerun-if-changed cargo reruns this on every change to the
    // package; the git files below are what the recorded values depend on.
    println!("cargo:rerun-if-changed=build.rs");
    let checkout = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .and_then(|dir| Checkout::find(&dir));
    let commit = checkout.as_ref().and_then(Checkout::head_commit);
    println!(
        "cargo:rustc-env=FAQPRESS_BUILD_COMMIT={}",
        commit.as_deref().unwrap_or("unknown commit")
    );
    let Some(checkout) = checkout else {
        return;
    };
    for path in checkout.watched_paths() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    if let Some((url, rev)) = checkout.source() {
        println!("cargo:rustc-env=FAQPRESS_BUILD_GIT={url}");
        println!("cargo:rustc-env=FAQPRESS_BUILD_REV={rev}");
    }
}

/// A git checkout whose top level is the crate's own folder.
pub struct Checkout {
    dir: PathBuf,
    /// This worktree's git folder, holding `HEAD`.
    git_dir: PathBuf,
    /// The folder holding refs and config, shared by all worktrees.
    common_dir: PathBuf,
}

impl Checkout {
    pub fn find(dir: &Path) -> Option<Checkout> {
        let top = git(dir, &["rev-parse", "--show-toplevel"])?;
        // A crate unpacked inside some other repository is not ours to describe.
        if Path::new(&top).canonicalize().ok()? != dir.canonicalize().ok()? {
            return None;
        }
        let git_dir = PathBuf::from(git(dir, &["rev-parse", "--absolute-git-dir"])?);
        let common_dir = git(
            dir,
            &["rev-parse", "--path-format=absolute", "--git-common-dir"],
        )
        .map_or_else(|| git_dir.clone(), PathBuf::from);
        Some(Checkout {
            dir: dir.to_path_buf(),
            git_dir,
            common_dir,
        })
    }

    /// The files whose change can change the recorded values: the config
    /// naming origin, HEAD and the branch it names, and origin's refs. Only
    /// existing paths: cargo reruns on every build for a missing one.
    pub fn watched_paths(&self) -> Vec<PathBuf> {
        let mut paths = vec![self.common_dir.join("config"), self.git_dir.join("HEAD")];
        if let Some(branch) = git(&self.dir, &["symbolic-ref", "-q", "HEAD"]) {
            paths.push(self.common_dir.join(branch));
        }
        if git(&self.dir, &["config", "--get", "remote.origin.url"]).is_some() {
            paths.push(self.common_dir.join("packed-refs"));
            // Before the first fetch origin's folder does not exist; watching
            // the folder above it notices when it appears.
            let refs = self.common_dir.join("refs");
            let remotes = refs.join("remotes");
            paths.extend(
                [remotes.join("origin"), remotes, refs]
                    .into_iter()
                    .find(|p| p.is_dir()),
            );
        }
        paths.retain(|p| p.exists());
        paths
    }

    /// HEAD's short id and commit date, `abc1234 2026-12-01`.
    pub fn head_commit(&self) -> Option<String> {
        let text = git(&self.dir, &["log", "-1", "--format=%h %cs", "HEAD"])?;
        let (id, date) = text.split_once(' ')?;
        let id_ok = id.len() >= 7 && id.bytes().all(|b| b.is_ascii_hexdigit());
        let date_ok = date.len() == 10 && date.bytes().all(|b| b.is_ascii_digit() || b == b'-');
        (id_ok && date_ok).then_some(text)
    }

    /// `origin`'s public address and the newest commit of HEAD's history
    /// that origin has.
    pub fn source(&self) -> Option<(String, String)> {
        let url = public_url(&git(&self.dir, &["config", "--get", "remote.origin.url"])?)?;
        Some((url, self.pushed_commit()?))
    }

    pub fn pushed_commit(&self) -> Option<String> {
        let lines = git(
            &self.dir,
            &[
                "rev-list",
                "--boundary",
                "HEAD",
                "--not",
                "--remotes=origin",
            ],
        )?;
        // Commits origin lacks are listed plainly; `-` marks the boundary,
        // the commits origin has that they grow from.
        let boundary: Vec<&str> = lines.lines().filter_map(|l| l.strip_prefix('-')).collect();
        let commit = if lines.is_empty() {
            // Nothing is missing from origin: HEAD itself is there, provided
            // origin has any refs at all.
            git(
                &self.dir,
                &["for-each-ref", "--count=1", "refs/remotes/origin"],
            )
            .filter(|refs| !refs.is_empty())?;
            git(&self.dir, &["rev-parse", "HEAD"])?
        } else if boundary.is_empty() {
            return None;
        } else {
            // Topological order puts a descendant before its ancestors.
            let mut args = vec!["rev-list", "--topo-order", "--max-count=1"];
            args.extend(boundary);
            git(&self.dir, &args)?
        };
        let hex = commit.bytes().all(|b| b.is_ascii_hexdigit());
        (hex && matches!(commit.len(), 40 | 64)).then_some(commit)
    }
}

/// The address a build host can clone `remote` from: scp-style and
/// `ssh://` remotes become `https://host/path`, credentials are dropped,
/// and local paths give `None`, as no build host can reach them.
pub fn public_url(remote: &str) -> Option<String> {
    let (host, path) = if let Some((scheme @ ("https" | "http"), rest)) = remote.split_once("://") {
        let (authority, path) = rest.split_once('/')?;
        // Never bake a token from `https://user:token@host/` into a binary.
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        return (!host.is_empty() && !path.is_empty()).then(|| format!("{scheme}://{host}/{path}"));
    } else if let Some(rest) = remote
        .strip_prefix("ssh://")
        .or_else(|| remote.strip_prefix("git://"))
    {
        let (authority, path) = rest.split_once('/')?;
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        // An ssh port is no https port.
        (host.split(':').next()?, path)
    } else if !remote.contains("://") {
        // scp-style `git@github.com:owner/repo.git`; a local path has no `:`.
        let (authority, path) = remote.split_once(':')?;
        if authority.contains('/') {
            return None;
        }
        (
            authority.rsplit_once('@').map_or(authority, |(_, h)| h),
            path,
        )
    } else {
        return None;
    };
    let path = path.trim_start_matches('/').trim_end_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    (!host.is_empty() && !path.is_empty()).then(|| format!("https://{host}/{path}"))
}

/// Runs git in `dir`; its trimmed output when it succeeded.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        // Set when cargo runs inside a git hook; they would point git at
        // that repository instead of `dir`.
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    output.status.success().then(|| text.to_string())
}
