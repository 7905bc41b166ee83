//! Every site under `tests/fixtures/invalid/` must fail to build with
//! located diagnostics (snapshotted) and leave the previous output alone.

use std::fs;
use std::path::Path;

use faqpress::config::Overrides;
use faqpress::diagnostics::{Style, has_errors, render_all};
use faqpress::{BuildOptions, build};

/// Builds `root` over an existing output folder and returns the rendered
/// diagnostics, after checking that the old output survived untouched.
fn failing_build(root: &Path) -> String {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    fs::create_dir_all(public.join("old")).unwrap();
    fs::write(public.join("old/index.html"), "previous build").unwrap();
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: public.clone(),
        overrides: Overrides::default(),
    };
    let diagnostics = match build(&options) {
        Ok(_) => panic!("{} built but should fail", root.display()),
        Err(d) => d,
    };
    assert!(has_errors(&diagnostics), "{diagnostics:#?}");
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        assert!(!d.message.is_empty());
        assert!(d.help.is_some(), "every error says how to fix it: {d:#?}");
    }
    assert_eq!(
        fs::read_to_string(public.join("old/index.html")).unwrap(),
        "previous build",
        "the previous output is untouched"
    );
    assert_eq!(
        fs::read_dir(&public).unwrap().count(),
        1,
        "nothing new written"
    );
    assert_eq!(
        fs::read_dir(out.path()).unwrap().count(),
        1,
        "no staging folder left behind"
    );
    render_all(&diagnostics, Style { color: false })
}

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

#[test]
fn output_inside_content_is_refused() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: root.join("content/public"),
        overrides: Overrides::default(),
    };
    let errors = build(&options).unwrap_err();
    assert!(
        errors[0].message.contains("is inside `content/`"),
        "{errors:#?}"
    );
    assert!(!root.join("content/public").exists());
}

#[test]
fn output_equal_to_the_site_root_is_refused() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: root.to_path_buf(),
        overrides: Overrides::default(),
    };
    let errors = build(&options).unwrap_err();
    assert!(
        errors[0]
            .message
            .contains("would replace the site's own folder"),
        "{errors:#?}"
    );
}
