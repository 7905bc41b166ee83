//! The GitHub workflows: this repository's own (`.github/workflows/*.yml`)
//! and the one `faqpress init` writes. Each job's token must carry the
//! permissions its actions need, the Pages workflows follow GitHub's own
//! starter workflow, and actionlint (with shellcheck for `run:` steps)
//! finds nothing in any of them.
//!
//! actionlint is fetched by `bash tests/run.sh`; without it the tests fail
//! and say so, they never skip.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use faqpress::date::Date;
use faqpress::scaffold::{self, install};
use serde_yaml::Value;

/// How much a token may do with one scope, in GitHub's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Access {
    None,
    Read,
    Write,
}

use Access::{Read, Write};

/// What each action the workflows use needs from `GITHUB_TOKEN`, from the
/// actions' own documentation. An action missing here fails the test, so a
/// new one is looked up before it is used.
const NEEDS: &[(&str, &[(&str, Access)])] = &[
    ("actions/checkout", &[("contents", Read)]),
    // Reads the Pages site (its URL); without `pages: read` it fails with
    // "Resource not accessible by integration".
    ("actions/configure-pages", &[("pages", Read)]),
    // Uploads with the runner's own token, not GITHUB_TOKEN.
    ("actions/upload-pages-artifact", &[]),
    (
        "actions/deploy-pages",
        &[("pages", Write), ("id-token", Write)],
    ),
    ("actions/cache", &[]),
    ("dtolnay/rust-toolchain", &[]),
    ("Swatinem/rust-cache", &[]),
];

/// GitHub's starter workflow for Pages grants these to the whole workflow.
const STARTER_PERMISSIONS: [(&str, &str); 3] = [
    ("contents", "read"),
    ("pages", "write"),
    ("id-token", "write"),
];

/// Every workflow: `(name, text)`.
fn workflows() -> Vec<(String, String)> {
    let dir = support::manifest_dir().join(".github/workflows");
    let mut all: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .map(|p| (p.display().to_string(), fs::read_to_string(&p).unwrap()))
        .collect();
    assert!(!all.is_empty(), "no workflow in {}", dir.display());
    all.sort();
    for (what, source) in init_sources() {
        let files = scaffold::files(&source, Date::today());
        let workflow = files
            .iter()
            .find(|f| f.path == ".github/workflows/pages.yml")
            .expect("init writes a workflow");
        all.push((format!("init's workflow ({what})"), workflow.text.clone()));
    }
    all
}

/// The sources `init` can pin: a commit and a tag.
fn init_sources() -> Vec<(&'static str, install::Source)> {
    let git = "https://github.com/owner/faqpress".to_string();
    vec![
        (
            "pinned to a commit",
            install::Source {
                git: git.clone(),
                pin: install::Pin::Rev("0123456789abcdef0123456789abcdef01234567".into()),
            },
        ),
        (
            "pinned to a tag",
            install::Source {
                git,
                pin: install::Pin::Tag("v0.2.0".into()),
            },
        ),
    ]
}

/// A `permissions:` value as the access it grants to `scope`.
fn access(permissions: &Value, scope: &str) -> Access {
    let parse = |v: &Value| match v.as_str() {
        Some("write") | Some("write-all") => Write,
        Some("read") | Some("read-all") => Read,
        _ => Access::None,
    };
    match permissions {
        Value::String(_) => parse(permissions),
        Value::Mapping(m) => m.get(scope).map_or(Access::None, parse),
        _ => Access::None,
    }
}

/// The repository an action comes from: `owner/repo@v1` or
/// `owner/repo/path@v1` → `owner/repo`.
fn action_name(uses: &str) -> String {
    let without_ref = uses.split('@').next().unwrap_or(uses);
    without_ref.split('/').take(2).collect::<Vec<_>>().join("/")
}

/// Every permission a job lacks for its actions, and every action with no
/// entry in [`NEEDS`]. A job's `permissions:` replaces the workflow's.
fn missing_permissions(text: &str) -> Vec<String> {
    let workflow: Value = serde_yaml::from_str(text).expect("a workflow is YAML");
    let mut problems = Vec::new();
    let jobs = workflow["jobs"].as_mapping().expect("jobs");
    for (name, job) in jobs {
        let name = name.as_str().unwrap();
        let permissions = match (job.get("permissions"), workflow.get("permissions")) {
            (Some(p), _) | (None, Some(p)) => p,
            (None, None) => {
                // The default depends on repository settings: never rely on it.
                problems.push(format!("job `{name}`: no `permissions:`"));
                continue;
            }
        };
        let steps = job["steps"].as_sequence().map_or(&[][..], Vec::as_slice);
        for uses in steps.iter().filter_map(|s| s["uses"].as_str()) {
            let action = action_name(uses);
            let Some((_, needs)) = NEEDS.iter().find(|(a, _)| *a == action) else {
                problems.push(format!(
                    "job `{name}`: `{uses}` is not in NEEDS; look up what it needs"
                ));
                continue;
            };
            for &(scope, needed) in *needs {
                let has = access(permissions, scope);
                if has < needed {
                    problems.push(format!(
                        "job `{name}`: `{uses}` needs {scope}: {needed:?}, has {has:?}"
                    ));
                }
            }
        }
    }
    problems
}

#[test]
fn every_job_has_the_permissions_its_actions_need() {
    for (name, text) in workflows() {
        let problems = missing_permissions(&text);
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    }
}

/// The check itself finds what it is for: the layout this repository's
/// workflow used to have, a job-level override that drops a permission, an
/// action nobody looked up, and a workflow that relies on the defaults.
#[test]
fn the_permission_check_finds_missing_permissions() {
    let build_reads_contents_only = "
permissions: { contents: read }
jobs:
  build:
    steps:
      - uses: actions/checkout@v5
      - uses: actions/configure-pages@v6
  deploy:
    permissions: { pages: write }
    steps:
      - uses: actions/deploy-pages@v5
      - uses: someone/unknown-action@v1
";
    assert_eq!(
        missing_permissions(build_reads_contents_only),
        [
            "job `build`: `actions/configure-pages@v6` needs pages: Read, has None",
            "job `deploy`: `actions/deploy-pages@v5` needs id-token: Write, has None",
            "job `deploy`: `someone/unknown-action@v1` is not in NEEDS; look up what it needs",
        ]
    );
    let defaults = "jobs:\n  build:\n    steps:\n      - uses: actions/checkout@v5\n";
    assert_eq!(
        missing_permissions(defaults),
        ["job `build`: no `permissions:`"]
    );
    let all =
        "permissions: write-all\njobs:\n  d:\n    steps:\n      - uses: actions/deploy-pages@v5\n";
    assert!(missing_permissions(all).is_empty());
}

#[test]
fn pages_workflows_use_github_s_starter_permissions_and_concurrency() {
    for (name, text) in workflows() {
        let workflow: Value = serde_yaml::from_str(&text).unwrap();
        let permissions = workflow["permissions"].as_mapping().expect("permissions");
        let granted: Vec<(&str, &str)> = permissions
            .iter()
            .map(|(k, v)| (k.as_str().unwrap(), v.as_str().unwrap()))
            .collect();
        assert_eq!(granted, STARTER_PERMISSIONS, "{name}");
        for (job, body) in workflow["jobs"].as_mapping().unwrap() {
            assert!(
                body.get("permissions").is_none(),
                "{name}: job {job:?} narrows the starter permissions"
            );
        }
        assert_eq!(workflow["concurrency"]["group"], "pages", "{name}");
        assert_eq!(
            workflow["concurrency"]["cancel-in-progress"], false,
            "{name}"
        );
    }
}

/// Runs actionlint on `files`: its exit status and its findings.
fn actionlint(dir: &Path, files: &[PathBuf]) -> (Option<i32>, String) {
    let out = Command::new(support::actionlint_path())
        .args(["-no-color", "-oneline"])
        .args(files)
        .current_dir(dir)
        .output()
        .expect("actionlint runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

/// Writes each workflow into `dir/.github/workflows/` (actionlint checks
/// files by path) and returns the paths.
fn write_workflows(dir: &Path, workflows: &[(String, String)]) -> Vec<PathBuf> {
    let folder = dir.join(".github/workflows");
    fs::create_dir_all(&folder).unwrap();
    workflows
        .iter()
        .enumerate()
        .map(|(i, (_, text))| {
            let path = folder.join(format!("workflow-{i}.yml"));
            fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

#[test]
fn actionlint_finds_nothing_in_any_workflow() {
    let dir = tempfile::tempdir().unwrap();
    let all = workflows();
    let files = write_workflows(dir.path(), &all);
    for ((name, _), file) in all.iter().zip(&files) {
        let (status, findings) = actionlint(dir.path(), std::slice::from_ref(file));
        assert_eq!(status, Some(0), "{name}:\n{findings}");
        assert!(findings.trim().is_empty(), "{name}:\n{findings}");
    }
}

/// actionlint really checks: a wrong step output, an outdated action and,
/// through shellcheck, an unquoted variable are each reported.
#[test]
fn actionlint_reports_broken_workflows() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "on: push
permissions: { contents: read }
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v2
      - run: echo ${{ steps.nope.outputs.url }}
      - run: rm -rf $1/public
";
    let files = write_workflows(dir.path(), &[("broken".into(), broken.into())]);
    let (status, findings) = actionlint(dir.path(), &files);
    assert_eq!(status, Some(1), "{findings}");
    for expected in ["property \"nope\"", "actions/checkout@v2", "SC2086"] {
        assert!(findings.contains(expected), "{expected} in:\n{findings}");
    }
}
