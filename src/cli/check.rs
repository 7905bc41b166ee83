//! `faqpress check`.

use std::path::PathBuf;
use std::process::ExitCode;

use faqpress::check::{check_site, report};
use faqpress::config::Overrides;
use faqpress::diagnostics::has_errors;

use super::print_diagnostics;

#[derive(Clone, Copy, Default, clap::ValueEnum)]
pub enum Format {
    /// rustc-style messages with the line and a caret.
    #[default]
    Human,
    /// GitHub Actions annotations (`::error file=…::…`).
    Github,
    /// A JSON array of diagnostics.
    Json,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// The site's folder (the one holding `site.yaml`).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Check articles marked `draft: true` too.
    #[arg(long)]
    pub drafts: bool,
}

pub fn run(args: &CheckArgs) -> ExitCode {
    let overrides = Overrides {
        drafts: args.drafts,
        ..Overrides::default()
    };
    let found = check_site(&args.root, &overrides);
    for note in &found.notes {
        eprintln!("note: {note}");
    }
    let diagnostics = &found.diagnostics;
    match args.format {
        Format::Human => {
            print_diagnostics(diagnostics);
            if diagnostics.is_empty() {
                println!("No problems found.");
            }
        }
        Format::Github => print!("{}", report::github(diagnostics)),
        Format::Json => print!("{}", report::json(diagnostics)),
    }
    let fail = has_errors(diagnostics) || (args.deny_warnings && !diagnostics.is_empty());
    if fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
