//! `faqpress init DIR`: writes a new site that builds straight away, with
//! deploy kits that install this faqpress from its git repository.

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use faqpress::date::Date;
use faqpress::diagnostics::Diagnostic;
use faqpress::scaffold::{self, install};

use super::fail;

#[derive(clap::Args)]
pub struct InitArgs {
    /// The folder for the new site; created if missing.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The git repository the deploy kits install faqpress from [default:
    /// the one this faqpress was built from; required when that is unknown].
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
        Ok(Some(source)) => source,
        Ok(None) => return no_source(),
        Err(message) => return fail(Diagnostic::error("", message), 2),
    };
    let files = scaffold::files(&source, Date::today());
    // Check everything first: a half-written site is worse than none.
    let existing = scaffold::existing(&args.dir, &files);
    if !existing.is_empty() {
        let names: Vec<String> = existing.iter().map(|p| format!("`{p}`")).collect();
        let message = format!(
            "{} already has {}; nothing was written",
            args.dir.display(),
            names.join(", ")
        );
        return fail(
            Diagnostic::error("", message)
                .with_help("run `faqpress init` in an empty folder, or move those files away"),
            1,
        );
    }
    for file in &files {
        let path = args.dir.join(file.path);
        let written = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&path, &file.text));
        if let Err(e) = written {
            let message = format!("cannot write `{}`: {e}", path.display());
            return fail(Diagnostic::error("", message), 1);
        }
    }
    println!("Created a new site in {}:", args.dir.display());
    for file in &files {
        println!("  {}", file.path);
    }
    let what = match source.pin {
        install::Pin::Rev(_) => "commit",
        install::Pin::Tag(_) => "tag",
    };
    println!(
        "Its deploy kits install faqpress from {} at {what} {}.",
        source.git,
        source.pin.value()
    );
    println!(
        "Preview it with `faqpress serve --root {dir}`; {} says how to check and publish it.",
        args.dir.join("README.md").display(),
        dir = args.dir.display()
    );
    ExitCode::SUCCESS
}

/// Kits that name no source would stop at their first deploy, so `init`
/// writes none: the site owner names the source once, here.
fn no_source() -> ExitCode {
    let message = "this faqpress does not know a public repository it can be installed from, \
         so the deploy kits could not install it; nothing was written";
    let help = "name faqpress's git repository and a commit or tag of it that is pushed there:\n\
         faqpress init DIR --faqpress-git https://github.com/owner/faqpress --faqpress-rev COMMIT\n\
         (a faqpress built from a git checkout whose `origin` is public knows its own source)";
    fail(Diagnostic::error("", message).with_help(help), 2)
}
