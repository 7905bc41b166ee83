//! Checks of the deploy kits, parsed as YAML and TOML: this repository's
//! own and the ones `faqpress init` writes. Use it with
//! `#[path = "support/kits.rs"] mod kits;`.
#![allow(dead_code)] // each test binary uses its own subset

/// The GitHub workflow builds with the URL configure-pages reports, then
/// uploads `public/` and deploys it.
pub fn check_workflow(text: &str, build_command: &str) {
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).expect("workflow is YAML");
    assert_eq!(yaml["on"]["push"]["branches"][0], "main");
    let build_steps = yaml["jobs"]["build"]["steps"].as_sequence().unwrap();
    let uses = |prefix: &str| {
        build_steps
            .iter()
            .position(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(prefix)))
            .unwrap_or_else(|| panic!("no step uses {prefix}"))
    };
    let pages = uses("actions/configure-pages@v");
    assert_eq!(build_steps[pages]["id"], "pages");
    uses("actions/checkout@v");
    let upload = uses("actions/upload-pages-artifact@v");
    assert_eq!(build_steps[upload]["with"]["path"], "public");
    let run = build_steps
        .iter()
        .position(|s| s["run"].as_str().is_some_and(|r| r.contains(build_command)))
        .expect("a build step");
    assert!(pages < run && run < upload);
    assert!(
        build_steps[run]["run"]
            .as_str()
            .unwrap()
            .contains("--base-url \"${{ steps.pages.outputs.base_url }}/\"")
    );
    let deploy = &yaml["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    // The permissions each job needs are checked by tests/workflows.rs.
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert!(
        deploy["steps"][0]["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/deploy-pages@v")
    );
}

/// netlify.toml publishes `public/` and builds each context with its own URL.
pub fn check_netlify(text: &str, build_command: &str) {
    let toml: toml::Table = toml::from_str(text).expect("netlify.toml is TOML");
    let command = |v: &toml::Value| v["command"].as_str().unwrap().to_string();
    assert_eq!(toml["build"]["publish"].as_str(), Some("public"));
    let production = command(&toml["build"]);
    assert!(production.contains(build_command), "{production}");
    assert!(production.contains("--base-url \"$URL/\""), "{production}");
    for context in ["deploy-preview", "branch-deploy"] {
        let c = command(&toml["context"][context]);
        assert!(c.contains(build_command), "{c}");
        assert!(c.contains("--base-url \"$DEPLOY_PRIME_URL/\""), "{c}");
    }
}

/// A kit's install command and the environment it runs with.
#[derive(Debug)]
pub struct Install {
    pub env: Vec<(String, String)>,
    pub command: String,
}

/// The workflow's install step, which must run before the site is built,
/// with the build job's environment.
pub fn workflow_install(text: &str) -> Install {
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).expect("workflow is YAML");
    let job = &yaml["jobs"]["build"];
    let steps = job["steps"].as_sequence().unwrap();
    let position = |needle: &str| {
        steps
            .iter()
            .position(|s| s["run"].as_str().is_some_and(|r| r.contains(needle)))
            .unwrap_or_else(|| panic!("no step runs {needle}"))
    };
    let install = position("cargo install");
    assert!(install < position("faqpress build"));
    let env = job["env"]
        .as_mapping()
        .expect("the build job has an env")
        .iter()
        .map(|(k, v)| (k.as_str().unwrap().into(), v.as_str().unwrap().into()))
        .collect();
    let command = steps[install]["run"].as_str().unwrap().to_string();
    assert_git_install(&command);
    // The cache is keyed on the pin, so a new pin installs anew.
    let cache = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .expect("a cache step");
    let key = cache["with"]["key"].as_str().unwrap();
    assert!(key.contains("${{ env.FAQPRESS_REV }}"), "{key}");
    assert_eq!(
        steps[install]["if"].as_str(),
        Some(&*format!(
            "steps.{}.outputs.cache-hit != 'true'",
            cache["id"].as_str().unwrap()
        ))
    );
    Install { env, command }
}

/// Each Netlify context's install command (the part before `&&`), with
/// the build environment.
pub fn netlify_installs(text: &str) -> Vec<Install> {
    let toml: toml::Table = toml::from_str(text).expect("netlify.toml is TOML");
    let env: Vec<(String, String)> = toml["build"]["environment"]
        .as_table()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    let commands = [
        &toml["build"]["command"],
        &toml["context"]["deploy-preview"]["command"],
        &toml["context"]["branch-deploy"]["command"],
    ];
    commands
        .into_iter()
        .map(|c| {
            let (install, build) = c.as_str().unwrap().split_once(" && ").unwrap();
            assert!(build.starts_with("faqpress build "), "{build}");
            assert_git_install(install);
            Install {
                env: env.clone(),
                command: install.to_string(),
            }
        })
        .collect()
}

/// faqpress is installed from git at a pinned revision, never from
/// crates.io (where it is not published).
fn assert_git_install(command: &str) {
    assert!(
        command.starts_with("cargo install --locked --git ") && command.ends_with(" faqpress"),
        "{command}"
    );
    assert!(
        command.contains(" --rev ") || command.contains(" --tag "),
        "{command}"
    );
    assert!(!command.contains("--version"), "{command}");
}

/// The value of `name` in an install's environment.
pub fn env_value<'a>(install: &'a Install, name: &str) -> &'a str {
    install
        .env
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {name} in {:?}", install.env))
}
