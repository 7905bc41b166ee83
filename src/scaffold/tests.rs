//! Unit tests of `new` and `init`: the files they write and the faqpress
//! source the deploy kits install.

use super::install::{Pin, Source};
use super::*;

const URL: &str = "https://github.com/owner/faqpress";
const REV: &str = "0123456789abcdef0123456789abcdef01234567";

fn day() -> Date {
    Date::new(2026, 12, 1).unwrap()
}

fn text(files: &[ScaffoldFile], path: &str) -> String {
    files.iter().find(|f| f.path == path).unwrap().text.clone()
}

fn source(pin: Pin) -> Source {
    Source {
        git: URL.to_string(),
        pin,
    }
}

/// The GitHub workflow's build job: its `env` and the install step's command.
fn workflow_install(text: &str) -> (serde_yaml::Value, String) {
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).expect("workflow is YAML");
    let job = &yaml["jobs"]["build"];
    let steps = job["steps"].as_sequence().unwrap();
    let install = steps
        .iter()
        .find(|s| s["name"] == "Install faqpress")
        .expect("an install step");
    (
        job["env"].clone(),
        install["run"].as_str().unwrap().to_string(),
    )
}

fn netlify(text: &str) -> toml::Table {
    toml::from_str(text).expect("netlify.toml is TOML")
}

#[test]
fn kits_install_the_named_commit_from_git() {
    let files = files(&source(Pin::Rev(REV.into())), day());
    let workflow = text(&files, WORKFLOW);
    let (env, run) = workflow_install(&workflow);
    assert_eq!(env["FAQPRESS_GIT"], URL);
    assert_eq!(env["FAQPRESS_REV"], REV);
    assert!(
        run.starts_with("cargo install --locked --git \"${FAQPRESS_GIT:?")
            && run.contains(" --rev \"${FAQPRESS_REV:?")
            && run.ends_with(" faqpress"),
        "{run}"
    );
    assert!(!run.contains("--version"), "{run}");
    // The cache is keyed on the pin, and GitHub's expressions survive.
    assert!(
        workflow
            .contains("key: faqpress-${{ runner.os }}-${{ runner.arch }}-${{ env.FAQPRESS_REV }}")
    );
    assert!(workflow.contains("--base-url \"${{ steps.pages.outputs.base_url }}/\""));

    let toml = netlify(&text(&files, NETLIFY));
    let environment = &toml["build"]["environment"];
    assert_eq!(environment["FAQPRESS_GIT"].as_str(), Some(URL));
    assert_eq!(environment["FAQPRESS_REV"].as_str(), Some(REV));
    let commands = [
        &toml["build"]["command"],
        &toml["context"]["deploy-preview"]["command"],
        &toml["context"]["branch-deploy"]["command"],
    ];
    for command in commands {
        let command = command.as_str().unwrap();
        assert!(
            command.starts_with("cargo install --locked --git \"${FAQPRESS_GIT:?")
                && command.contains(" --rev \"${FAQPRESS_REV:?")
                && command.contains(" faqpress && faqpress build "),
            "{command}"
        );
    }
}

#[test]
fn a_tag_is_installed_with_cargo_s_tag_flag() {
    let files = files(&source(Pin::Tag("v0.2.0".into())), day());
    let (env, run) = workflow_install(&text(&files, WORKFLOW));
    assert_eq!(env["FAQPRESS_REV"], "v0.2.0");
    assert!(
        run.contains(" --tag \"${FAQPRESS_REV:?") && !run.contains("--rev"),
        "{run}"
    );
    let netlify = text(&files, NETLIFY);
    assert_eq!(netlify.matches(" --tag \"${FAQPRESS_REV:?").count(), 3);
}

#[test]
fn the_sample_is_dated_the_day_the_site_is_made() {
    let files = files(&source(Pin::Rev(REV.into())), day());
    let article = text(&files, "content/index.md");
    assert!(article.contains("\ndate: 2026-12-01\n"), "{article}");
    assert!(article.contains("  as_of: 2026-12-01\n"), "{article}");
    assert!(!article.contains("{{today}}"));
}

#[test]
fn the_site_s_readme_says_how_to_install_preview_check_and_publish() {
    let files = files(&source(Pin::Tag("v0.2.0".into())), day());
    let readme = text(&files, "README.md");
    for needed in [
        &*format!("cargo install --locked --git {URL} --tag v0.2.0 faqpress"),
        "faqpress serve",
        "faqpress check --deny-warnings",
        "Source: GitHub Actions",
        "netlify.toml",
    ] {
        assert!(readme.contains(needed), "{needed} in {readme}");
    }
    assert_eq!(
        text(&files, "content/.words").lines().last(),
        Some("faqpress")
    );
}

#[test]
fn version_is_filled_in_and_other_braces_kept() {
    let files = files(&source(Pin::Rev(REV.into())), day());
    for file in &files {
        // Every `{{` left is a GitHub expression or an article marker.
        for (i, _) in file.text.match_indices("{{") {
            let rest = &file.text[i..];
            let github = file.text[..i].ends_with('$');
            assert!(
                github || rest.starts_with("{{ "),
                "{}: {rest:.40}",
                file.path
            );
        }
    }
    let netlify = text(&files, NETLIFY);
    assert!(netlify.contains(&format!("faqpress {}", env!("CARGO_PKG_VERSION"))));
    let article = text(&files, "content/index.md");
    assert!(article.contains("{{ pricing_table() }}"));
    let template_exprs = include_str!("pages.yml").matches("${{").count();
    assert_eq!(
        text(&files, WORKFLOW).matches("${{").count(),
        template_exprs
    );
}

#[test]
fn fill_replaces_known_names_once_and_nothing_else() {
    let vars = [("a", "{{b}}"), ("b", "B")];
    assert_eq!(fill("{{a}} {{b}}", &vars), "{{b}} B");
    assert_eq!(fill("${{a}} ${{ b }}", &vars), "${{a}} ${{ b }}");
    assert_eq!(fill("{{ a }} {{c}} {{b", &vars), "{{ a }} {{c}} {{b");
}
