//! `faqpress check`: one fixture site per rule under
//! `tests/fixtures/check/`, the machine-readable formats and exit codes.

use std::path::{Path, PathBuf};
use std::process::Command;

use faqpress::check::{check_sources, report, spelling};
use faqpress::config::Overrides;
use faqpress::date::Date;
use faqpress::diagnostics::{Style, render_all};
use faqpress::source;

/// A fixed "today" so date rules do not drift: 2025-06-15.
fn today() -> Date {
    Date::new(2025, 6, 15).unwrap()
}

/// `SOURCE_DATE_EPOCH` for 2025-06-15, for the binary.
const EPOCH_2025_06_15: &str = "1749945600";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
}

/// The dictionary the spelling fixture needs; failing loudly if the
/// system lacks it, since a silently skipped rule proves nothing.
fn speller(root: &Path) -> spelling::Speller {
    spelling::load(root, "en").unwrap_or_else(|note| {
        panic!("{note}\nThe spelling test needs the Debian package `hunspell-en-us` (/usr/share/hunspell/en_US.aff and .dic).")
    })
}

fn check(root: &Path) -> Vec<faqpress::diagnostics::Diagnostic> {
    let sources = source::load(root).expect("fixture loads");
    let speller = root.ends_with("spelling").then(|| speller(root));
    check_sources(&sources, &Overrides::default(), speller.as_slice(), today())
}

#[test]
fn each_rule_reports_exactly_its_problems() {
    insta::glob!("fixtures/check/*/site.yaml", |config| {
        let root = config.parent().unwrap();
        let diagnostics = check(root);
        assert!(!diagnostics.is_empty(), "{} found nothing", root.display());
        for d in &diagnostics {
            assert!(d.position.is_some(), "located: {d:#?}");
            assert!(d.help.is_some(), "says how to fix it: {d:#?}");
        }
        insta::assert_snapshot!(render_all(&diagnostics, Style { color: false }));
    });
}

#[test]
fn github_annotations() {
    let mut diagnostics = check(&fixture("build-errors"));
    diagnostics.extend(check(&fixture("duplicate-question")));
    insta::assert_snapshot!(report::github(&diagnostics));
}

#[test]
fn json_is_an_array_of_located_diagnostics() {
    let diagnostics = check(&fixture("updated-before-date"));
    let value: serde_json::Value = serde_json::from_str(&report::json(&diagnostics)).unwrap();
    let first = &value[0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["file"], "content/index.md");
    assert_eq!(first["line"], 5);
    assert_eq!(first["column"], 10);
}

#[test]
fn the_bundled_site_checks_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = source::load(root).unwrap();
    let diagnostics = check_sources(
        &sources,
        &Overrides::default(),
        &[speller(root)],
        Date::new(2026, 11, 23).unwrap(),
    );
    assert!(
        diagnostics.is_empty(),
        "{}",
        render_all(&diagnostics, Style { color: false })
    );
}

fn faqpress_check(root: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_faqpress"))
        .arg("check")
        .arg("--root")
        .arg(root)
        .args(extra)
        .env("SOURCE_DATE_EPOCH", EPOCH_2025_06_15)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn exit_codes() {
    let warnings_only = fixture("unanswered-question");
    assert_eq!(faqpress_check(&warnings_only, &[]).status.code(), Some(0));
    assert_eq!(
        faqpress_check(&warnings_only, &["--deny-warnings"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        faqpress_check(&fixture("build-errors"), &[]).status.code(),
        Some(1)
    );
}

/// A site's own article template from before the questions' microdata:
/// `check` passes with a warning at the file saying what to add, and
/// `--deny-warnings` fails it.
#[test]
fn an_article_template_without_the_questions_microdata_is_a_warning() {
    let root = fixture("article-template-without-microdata");
    let out = faqpress_check(&root, &[]);
    let shown =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{shown}");
    assert!(
        shown.contains(
            "warning: this article template writes the questions without their structured data\n --> templates/article.html:5:18"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("include \"partials/section.html\""),
        "{shown}"
    );
    assert!(shown.contains("not marked up as an FAQPage"), "{shown}");
    let denied = faqpress_check(&root, &["--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
}

/// A site moved from Hugo or Zola with its `static/` and `layouts/` still
/// in place: `check` names each folder and where its files go (exit 0),
/// `--deny-warnings` fails, and the build leaves the folders' files out
/// with the same warnings.
#[test]
fn folders_faqpress_does_not_read_are_named_with_where_their_files_go() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/moved-from-hugo");
    let out = faqpress_check(&root, &[]);
    let shown =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{shown}");
    for (folder, goes) in [
        ("static", "move the files of `static/` there"),
        ("layouts", "`templates/`"),
    ] {
        assert!(
            shown.contains(&format!(
                "warning: faqpress does not read the folder `{folder}/`, so none of its files are in the site\n --> {folder}/\n"
            )),
            "{shown}"
        );
        assert!(shown.contains(goes), "{shown}");
    }
    assert!(shown.contains("0 errors, 2 warnings"), "{shown}");
    let denied = faqpress_check(&root, &["--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));

    let out = tempfile::tempdir().unwrap();
    let mut options = faqpress::default_options(&root);
    options.output = out.path().join("public");
    let report = faqpress::build(&options).unwrap();
    let warned: Vec<&str> = report.warnings.iter().map(|d| d.file.as_str()).collect();
    // The third is the base URL's: this site has no host.
    assert_eq!(warned, ["layouts/", "static/", "site.yaml"]);
    let robots = std::fs::read_to_string(out.path().join("public/robots.txt")).unwrap();
    assert!(!robots.contains("Disallow: /drafts/"), "{robots}");
}

#[test]
fn script_links_fail_the_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/script-links");
    let diagnostics = check(&root);
    let script_links: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.is_error() && d.message.contains(":` link, which"))
        .collect();
    assert_eq!(script_links.len(), 9, "{diagnostics:#?}");
    assert!(script_links.iter().all(|d| d.position.is_some()));
    let out = faqpress_check(&root, &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.matches("`javascript:` link").count(), 7, "{stderr}");
}

/// `check` finds what `build` finds about aliases: one onto a page of the
/// listing, or onto the listing itself, is a located error.
#[test]
fn aliases_onto_the_listing_fail_the_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/invalid/alias-onto-listing-page");
    let diagnostics = check(&root);
    let clashes: Vec<(&str, usize)> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            (
                d.message.as_str(),
                d.position.as_ref().map_or(0, |p| p.line),
            )
        })
        .collect();
    assert_eq!(
        clashes,
        [
            (
                "the alias `/articles/page/2/` is already the address of a page of the list of articles",
                5
            ),
            (
                "the alias `/articles/` is already the address of the list of articles",
                6
            ),
        ],
        "{diagnostics:#?}"
    );
    assert_eq!(faqpress_check(&root, &[]).status.code(), Some(1));
}

#[test]
fn github_format_on_the_command_line() {
    let out = faqpress_check(&fixture("updated-before-date"), &["--format", "github"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("::error file=content/index.md,line=5,col=10,title=faqpress::`updated` 2023-12-31 is before `date` 2024-01-10%0Ahelp: "),
        "{stdout}"
    );
}

#[test]
fn a_missing_dictionary_is_said_once_and_never_fails() {
    let out = Command::new(env!("CARGO_BIN_EXE_faqpress"))
        .args(["check", "--root"])
        .arg(fixture("spelling"))
        .env(
            "FAQPRESS_DICTIONARY_DIR",
            "/nonexistent-faqpress-dictionaries",
        )
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.matches("spelling was not checked").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("hunspell-en-us"), "{stderr}");
    assert!(!stderr.contains("dictionary\n"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn check_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("site.yaml"), "title: T\n").unwrap();
    std::fs::write(
        dir.path().join("content/index.md"),
        "---\ntitle: T\ndescription: D\n---\nHello.\n",
    )
    .unwrap();
    faqpress_check(dir.path(), &[]);
    assert!(!dir.path().join("public").exists());
}
