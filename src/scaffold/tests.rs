use super::install::{Pin, Source};
use super::*;

const URL: &str = "https://github.com/owner/faqpress";
const REV: &str = "0123456789abcdef0123456789abcdef01234567";

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
    let files = files(Some(&source(Pin::Rev(REV.into()))));
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
    let files = files(Some(&source(Pin::Tag("v0.2.0".into()))));
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
fn without_a_source_the_kits_leave_it_empty_and_say_where_to_set_it() {
    let files = files(None);
    let workflow = text(&files, WORKFLOW);
    let (env, run) = workflow_install(&workflow);
    assert_eq!(env["FAQPRESS_GIT"], "");
    assert_eq!(env["FAQPRESS_REV"], "");
    assert!(
        run.contains("${FAQPRESS_GIT:?is empty, set it in .github/workflows/pages.yml}"),
        "{run}"
    );
    let toml = netlify(&text(&files, NETLIFY));
    assert_eq!(
        toml["build"]["environment"]["FAQPRESS_GIT"].as_str(),
        Some("")
    );
    assert!(
        toml["build"]["command"]
            .as_str()
            .unwrap()
            .contains("${FAQPRESS_REV:?is empty, set it in netlify.toml}")
    );

    // The lines `init` points the site owner at are the two settings.
    let lines = source_lines(&files);
    assert_eq!(lines.len(), 2, "{lines:?}");
    for (path, first, last) in lines {
        let text = text(&files, path);
        let line = |n: usize| text.lines().nth(n - 1).unwrap().trim().to_string();
        assert!(line(first).starts_with("FAQPRESS_GIT"), "{path}:{first}");
        assert!(line(last).starts_with("FAQPRESS_REV"), "{path}:{last}");
        assert_eq!(last, first + 1, "{path}");
    }
}

#[test]
fn version_is_filled_in_and_other_braces_kept() {
    let files = files(None);
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
