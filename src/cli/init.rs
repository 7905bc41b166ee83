//! `faqpress init DIR`: writes a new site that builds straight away, with
//! deploy kits that install this faqpress from its git repository.

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use faqpress::scaffold::{self, install};

#[derive(clap::Args)]
pub struct InitArgs {
    /// The folder for the new site; created if missing.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The git repository the deploy kits install faqpress from [default:
    /// the one this faqpress was built from, when known].
    #[arg(long, value_name = "URL", value_parser = install::parse_git)]
    pub faqpress_git: Option<String>,
    /// The commit of that repository the kits build [default: the one this
    /// faqpress was built from].
    #[arg(long, value_name = "COMMIT", value_parser = install::parse_rev,
          requires = "faqpress_git", conflicts_with = "faqpress_tag")]
    pub faqpress_rev: Option<String>,
    /// A tag of that repository for the kits to build, instead of a commit.
    #[arg(long, value_name = "TAG", value_parser = install::parse_rev,
          requires = "faqpress_git")]
    pub faqpress_tag: Option<String>,
}

pub fn run(args: &InitArgs) -> ExitCode {
    let pin = (args.faqpress_rev.clone().map(install::Pin::Rev))
        .or_else(|| args.faqpress_tag.clone().map(install::Pin::Tag));
    let source = match install::resolve(args.faqpress_git.clone(), pin, install::built_in()) {
        Ok(source) => source,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let files = scaffold::files(source.as_ref());
    // Check everything first: a half-written site is worse than none.
    let existing = scaffold::existing(&args.dir, &files);
    if !existing.is_empty() {
        eprintln!(
            "error: {} already has {}; nothing was written",
            args.dir.display(),
            existing
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        eprintln!("  = help: run `faqpress init` in an empty folder, or move those files away");
        return ExitCode::from(1);
    }
    for file in &files {
        let path = args.dir.join(file.path);
        let written = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&path, &file.text));
        if let Err(e) = written {
            eprintln!("error: cannot write `{}`: {e}", path.display());
            return ExitCode::from(1);
        }
    }
    println!("Created a new site in {}:", args.dir.display());
    for file in &files {
        println!("  {}", file.path);
    }
    if let Some(source) = &source {
        let what = match source.pin {
            install::Pin::Rev(_) => "commit",
            install::Pin::Tag(_) => "tag",
        };
        println!(
            "Its deploy kits install faqpress from {} at {what} {}.",
            source.git,
            source.pin.value()
        );
    }
    println!(
        "Build it with `faqpress build --root {}`; see README.md for publishing.",
        args.dir.display()
    );
    if source.is_none() {
        warn_no_source(args, &files);
    }
    ExitCode::SUCCESS
}

/// The site builds, but its deploys cannot until someone says where
/// faqpress comes from: say exactly where.
fn warn_no_source(args: &InitArgs, files: &[scaffold::ScaffoldFile]) {
    eprintln!(
        "warning: the deploy kits do not know where to install faqpress from, \
         so deploys will stop at their install step"
    );
    eprintln!(
        "  = help: set FAQPRESS_GIT to faqpress's git repository and FAQPRESS_REV to a commit of it on"
    );
    for (path, first, last) in scaffold::source_lines(files) {
        eprintln!(
            "          {} lines {first}-{last}",
            args.dir.join(path).display()
        );
    }
    eprintln!(
        "  = help: next time, pass `--faqpress-git URL --faqpress-rev COMMIT` to `faqpress init`"
    );
}
