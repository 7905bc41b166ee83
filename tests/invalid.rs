//! Every site under `tests/fixtures/invalid/` must fail to build with
//! located diagnostics (snapshotted) and leave the previous output alone.

mod support;

use std::path::Path;

use faqpress::BuildOptions;
use faqpress::config::Overrides;
use support::{assert_binary_fails_with, build_errors, failing_build, rendered};

#[test]
fn invalid_sites_fail_with_located_diagnostics() {
    insta::glob!("fixtures/invalid/*/site.yaml", |config| {
        let root = config.parent().unwrap();
        insta::assert_snapshot!(failing_build(root));
    });
}

#[test]
fn missing_site_yaml_fails_cleanly() {
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/missing-site-yaml");
    insta::assert_snapshot!(failing_build(&root));
}

#[test]
fn errors_are_located_in_the_file() {
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/typo-in-front-matter");
    let shown = failing_build(&root);
    assert!(shown.contains("--> content/index.md:2:1"), "{shown}");
    assert!(shown.contains("did you mean `title`?"), "{shown}");
}

/// Builds this repository's own site into `output`, which must be refused
/// before anything is read or written; returns the diagnostics with the
/// checkout's path replaced by `[SITE]`, so the snapshot is the same on
/// every machine.
fn refused_output(output: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: output.to_path_buf(),
        overrides: Overrides::default(),
    };
    let shown = rendered(&build_errors(&options));
    assert_binary_fails_with(root, output, &shown);
    shown.replace(&root.display().to_string(), "[SITE]")
}

#[test]
fn output_inside_content_is_refused() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shown = refused_output(&root.join("content/public"));
    assert!(shown.contains("is inside `content/`"), "{shown}");
    assert!(!root.join("content/public").exists());
    insta::assert_snapshot!(shown);
}

#[test]
fn output_equal_to_the_site_root_is_refused() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shown = refused_output(root);
    assert!(
        shown.contains("would replace the site's own folder"),
        "{shown}"
    );
    assert!(root.join("site.yaml").is_file(), "the site is still there");
    insta::assert_snapshot!(shown);
}
