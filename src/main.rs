//! The `faqpress` command: parses arguments, calls the library, prints.
//! Exit codes: 0 success, 1 content or template errors, 2 usage errors.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use faqpress::config::Overrides;
use faqpress::diagnostics::{Diagnostic, Style, render_all};
use faqpress::{BuildOptions, build};

#[derive(Parser)]
#[command(
    name = "faqpress",
    version,
    about = "A static site generator for Q&A articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
}

#[derive(clap::Args)]
struct BuildArgs {
    /// The site's folder (the one holding `site.yaml`).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site (default: `public` inside the root).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Publish under this URL instead of `base_url` from site.yaml,
    /// e.g. `https://user.github.io/repo/`.
    #[arg(long)]
    base_url: Option<String>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

impl BuildArgs {
    fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output: self
                .output
                .clone()
                .unwrap_or_else(|| self.root.join("public")),
            overrides: Overrides {
                base_url: self.base_url.clone(),
                drafts: self.drafts,
            },
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => run_build(&args),
    }
}

fn stderr_style() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Style {
        color: std::io::stderr().is_terminal() && !no_color,
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    if !diagnostics.is_empty() {
        eprint!("{}", render_all(diagnostics, stderr_style()));
    }
}

fn run_build(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let options = args.options();
    match build(&options) {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            println!(
                "Built {} {} ({} files) into {} in {} ms",
                report.pages,
                if report.pages == 1 { "page" } else { "pages" },
                report.files,
                options.output.display(),
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            eprintln!(
                "Build failed; {} was left as it was.",
                options.output.display()
            );
            ExitCode::from(1)
        }
    }
}
