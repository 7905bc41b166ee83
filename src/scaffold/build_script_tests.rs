//! `build.rs`'s choice of repository and commit, on throwaway repositories.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::build_script::{Checkout, public_url};

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

fn commit(dir: &Path, name: &str) -> String {
    std::fs::write(dir.join(name), name).unwrap();
    git(dir, &["add", name]);
    git(dir, &["commit", "-q", "-m", name]);
    git(dir, &["rev-parse", "HEAD"])
}

/// A bare `origin.git` with no commits and its clone `work`, both in `dir`.
fn clone_of_empty_origin(dir: &Path) -> (PathBuf, PathBuf) {
    let origin = dir.join("origin.git");
    let work = dir.join("work");
    std::fs::create_dir(&origin).unwrap();
    git(&origin, &["init", "-q", "--bare"]);
    git(dir, &["clone", "-q", origin.to_str().unwrap(), "work"]);
    (origin, work)
}

/// Brings `origin/<branch>` in `work` up to date after a push by path.
fn fetch_from_origin(work: &Path, origin: &Path, branch: &str) {
    let refspec = format!("+{branch}:refs/remotes/origin/{branch}");
    git(work, &["fetch", "-q", origin.to_str().unwrap(), &refspec]);
}

#[test]
fn remotes_become_public_https_addresses() {
    for (remote, url) in [
        (
            "git@github.com:owner/faqpress.git",
            "https://github.com/owner/faqpress",
        ),
        (
            "ssh://git@github.com/owner/faqpress.git",
            "https://github.com/owner/faqpress",
        ),
        (
            "ssh://git@git.example.com:2222/owner/faqpress",
            "https://git.example.com/owner/faqpress",
        ),
        (
            "git://example.com/faqpress.git",
            "https://example.com/faqpress",
        ),
        (
            "https://github.com/owner/faqpress",
            "https://github.com/owner/faqpress",
        ),
        (
            "https://user:secret-token@github.com/owner/faqpress.git",
            "https://github.com/owner/faqpress.git",
        ),
    ] {
        assert_eq!(public_url(remote).as_deref(), Some(url), "{remote}");
    }
    for local in [
        "/home/me/faqpress",
        "../faqpress",
        "./odd:name",
        "file:///home/me/.cargo/git/db/faqpress-1234",
        "https://github.com",
        "git@github.com:",
    ] {
        assert_eq!(public_url(local), None, "{local}");
    }
}

#[test]
fn the_newest_commit_origin_has_is_recorded() {
    let tmp = tempfile::tempdir().unwrap();
    let (origin, work) = clone_of_empty_origin(tmp.path());

    // origin has no refs yet: nothing a build host could fetch.
    let a = commit(&work, "a");
    let checkout = Checkout::find(&work).expect("a checkout");
    assert_eq!(checkout.pushed_commit(), None);
    // Whatever it has, a local origin is no address for a build host.
    git(&work, &["push", "-q", "origin", "main"]);
    assert_eq!(checkout.pushed_commit().as_deref(), Some(a.as_str()));
    assert_eq!(checkout.source(), None);

    git(
        &work,
        &[
            "remote",
            "set-url",
            "origin",
            "git@github.com:owner/faqpress.git",
        ],
    );
    let url = "https://github.com/owner/faqpress".to_string();
    assert_eq!(checkout.source(), Some((url.clone(), a.clone())));
    // Local commits are not pinned until origin has them.
    let b = commit(&work, "b");
    commit(&work, "c");
    assert_eq!(checkout.source(), Some((url.clone(), a.clone())));
    git(
        &work,
        &[
            "push",
            "-q",
            origin.to_str().unwrap(),
            &format!("{b}:refs/heads/main"),
        ],
    );
    fetch_from_origin(&work, &origin, "main");
    assert_eq!(checkout.source(), Some((url.clone(), b.clone())));
    // A branch merged from elsewhere: the newest commit origin has wins.
    git(&work, &["checkout", "-q", "-b", "topic", &a]);
    let d = commit(&work, "d");
    git(&work, &["merge", "-q", "--no-edit", &b]);
    assert_eq!(checkout.source(), Some((url.clone(), b.clone())));
    git(&work, &["push", "-q", origin.to_str().unwrap(), "topic"]);
    fetch_from_origin(&work, &origin, "topic");
    let merge = git(&work, &["rev-parse", "HEAD"]);
    assert_eq!(checkout.source(), Some((url, merge)));
    assert_ne!(d, b);
}

#[test]
fn only_the_crate_s_own_checkout_with_a_remote_is_described() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(Checkout::find(tmp.path()).is_none(), "not a checkout");

    git(tmp.path(), &["init", "-q"]);
    commit(tmp.path(), "a");
    let checkout = Checkout::find(tmp.path()).expect("a checkout");
    assert_eq!(checkout.source(), None, "no remote");
    let sub = tmp.path().join("vendored");
    std::fs::create_dir(&sub).unwrap();
    assert!(Checkout::find(&sub).is_none(), "inside another repository");
}

#[test]
fn the_files_watched_exist_and_include_head_and_origin_s_refs() {
    let tmp = tempfile::tempdir().unwrap();
    git(tmp.path(), &["init", "-q"]);
    commit(tmp.path(), "a");
    let git_dir = tmp.path().join(".git");
    let watched = || Checkout::find(tmp.path()).unwrap().watched_paths();
    let expected = [
        git_dir.join("config"),
        git_dir.join("HEAD"),
        git_dir.join("refs/heads/main"),
    ];
    assert_eq!(watched(), expected);

    // With origin but none of its refs yet: the refs folder, so their
    // arrival is noticed.
    git(
        tmp.path(),
        &[
            "remote",
            "add",
            "origin",
            "git@github.com:owner/faqpress.git",
        ],
    );
    assert_eq!(watched()[3..], [git_dir.join("refs")]);
    git(
        tmp.path(),
        &["update-ref", "refs/remotes/origin/main", "HEAD"],
    );
    assert_eq!(watched()[3..], [git_dir.join("refs/remotes/origin")]);
    git(tmp.path(), &["pack-refs", "--all"]);
    let watched = watched();
    assert!(
        watched.contains(&git_dir.join("packed-refs")),
        "{watched:?}"
    );
    assert!(watched.iter().all(|p| p.exists()), "{watched:?}");
}

#[test]
fn the_head_commit_is_its_short_id_and_date() {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    let full = commit(dir.path(), "a");
    let checkout = Checkout::find(dir.path()).unwrap();
    let described = checkout.head_commit().unwrap();
    let (id, date) = described.split_once(' ').unwrap();
    assert!(full.starts_with(id) && id.len() >= 7, "{described}");
    assert_eq!(date, git(dir.path(), &["log", "-1", "--format=%cs"]));
    assert_eq!(date.len(), 10, "{described}");
}
