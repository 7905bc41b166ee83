//! Builds of sites that must fail, or must survive hostile input: through
//! the library for the diagnostics a snapshot records, and through the
//! binary for what a user sees (the exit code and the same text on stderr).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use faqpress::config::Overrides;
use faqpress::diagnostics::{Diagnostic, Style, has_errors, render_all};
use faqpress::{BuildOptions, build};

/// Builds with `options`, which must fail with errors that each say what
/// is wrong and how to fix it, and returns every diagnostic.
pub fn build_errors(options: &BuildOptions) -> Vec<Diagnostic> {
    let diagnostics = match build(options) {
        Ok(_) => panic!("{} built but should fail", options.root.display()),
        Err(d) => d,
    };
    assert!(has_errors(&diagnostics), "{diagnostics:#?}");
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        assert!(!d.message.is_empty());
        assert!(d.help.is_some(), "every error says how to fix it: {d:#?}");
    }
    diagnostics
}

/// Diagnostics as the terminal shows them, without colour.
pub fn rendered(diagnostics: &[Diagnostic]) -> String {
    render_all(diagnostics, Style { color: false })
}

/// Builds `root` over an existing output folder and returns the rendered
/// diagnostics, after checking that the old output survived untouched and
/// that no staging folder was left behind.
pub fn failing_build(root: &Path) -> String {
    let out = tempfile::tempdir().unwrap();
    let public = previous_output(out.path());
    let diagnostics = build_errors(&BuildOptions {
        root: root.to_path_buf(),
        output: public.clone(),
        overrides: Overrides::default(),
    });
    assert_previous_output_kept(&public);
    assert_eq!(
        fs::read_dir(out.path()).unwrap().count(),
        1,
        "no staging folder left behind"
    );
    rendered(&diagnostics)
}

/// An output folder holding a previous build, to check it survives.
pub fn previous_output(dir: &Path) -> PathBuf {
    let public = dir.join("public");
    fs::create_dir_all(public.join("old")).unwrap();
    fs::write(public.join("old/index.html"), "previous build").unwrap();
    public
}

/// The folder made by [`previous_output`] holds exactly what it held.
pub fn assert_previous_output_kept(public: &Path) {
    assert_eq!(
        fs::read_to_string(public.join("old/index.html")).unwrap(),
        "previous build",
        "the previous output is untouched"
    );
    assert_eq!(
        fs::read_dir(public).unwrap().count(),
        1,
        "nothing new written"
    );
}

/// Runs `faqpress build --root root --output output` without colour.
pub fn faqpress_build(root: &Path, output: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faqpress"))
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(output)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The binary, building `root` into `output`, exits 1 (101 would be a
/// panic) and prints exactly `diagnostics` and the closing line.
pub fn assert_binary_fails_with(root: &Path, output: &Path, diagnostics: &str) {
    let result = faqpress_build(root, output);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "exit code: {stderr}");
    assert_eq!(
        stderr,
        format!(
            "{diagnostics}Build failed; {} was left as it was.\n",
            output.display()
        )
    );
}

/// A minimal valid site in a temporary folder, for tests to break. It has
/// a full `base_url`, so a build that works has nothing to warn about.
pub fn temp_site(article: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    fs::write(
        dir.path().join("site.yaml"),
        "title: Robustness\nbase_url: https://example.com/\n",
    )
    .unwrap();
    fs::write(dir.path().join("content/index.md"), article).unwrap();
    dir
}

/// A site in `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Builds `root` with `overrides` into `public/` of a fresh temporary
/// folder and returns that folder; a failed build fails the test.
pub fn build_into_temp(root: &Path, overrides: Overrides) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: out.path().join("public"),
        overrides: overrides.clone(),
    };
    if let Err(d) = build(&options) {
        panic!(
            "build of {} with {overrides:?} failed: {d:#?}",
            root.display()
        );
    }
    out
}

/// [`build_into_temp`] with only a base URL overridden, if any.
pub fn build_at(root: &Path, base_url: Option<&str>) -> tempfile::TempDir {
    let overrides = Overrides {
        base_url: base_url.map(str::to_string),
        ..Overrides::default()
    };
    build_into_temp(root, overrides)
}

/// Writes `text` to `rel` inside a site's folder, making its folders.
pub fn write_file(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A file of a [`build_into_temp`] output.
pub fn read_output(dir: &tempfile::TempDir, path: &str) -> String {
    fs::read_to_string(dir.path().join("public").join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Builds `root` in memory with `overrides`, which must give no warning,
/// and returns every written text file as (output path, contents), sorted
/// by path. Copied files (images, downloads) are left out.
pub fn built_text_files(root: &Path, overrides: &Overrides) -> Vec<(String, String)> {
    let sources = faqpress::source::load(root).expect("the site loads");
    let (rendered, files) =
        faqpress::render_to_memory(&sources, overrides).expect("the site builds");
    assert!(rendered.warnings.is_empty(), "{:#?}", rendered.warnings);
    files
        .into_iter()
        .filter_map(|f| match f.contents {
            faqpress::output::Contents::Bytes(bytes) => {
                Some((f.path, String::from_utf8(bytes).ok()?))
            }
            faqpress::output::Contents::Copy(_) => None,
        })
        .collect()
}

/// The overrides of a build in `theme`.
pub fn in_theme(theme: &str) -> Overrides {
    Overrides {
        theme: Some(theme.to_string()),
        ..Overrides::default()
    }
}
