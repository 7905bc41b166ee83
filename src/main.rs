//! The `faqpress` command: parses arguments and hands each subcommand to
//! its module in `cli/`. Exit codes: 0 success, 1 content or template
//! errors, 2 usage errors.

mod cli;

// A build allocates and frees many short strings on every thread; glibc's
// allocator spent a fifth of a 10,000-article build in `malloc` (perf).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// `faqpress 0.1.0 (abc1234 2026-12-01)`: the commit it was built from
/// (see build.rs), or `(unknown commit)`.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("FAQPRESS_BUILD_COMMIT"),
    ")"
);

#[derive(Parser)]
#[command(
    name = "faqpress",
    version = VERSION,
    about = "A static site generator for Q&A articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build(cli::build::BuildArgs),
    /// Check the site for problems without writing anything.
    Check(cli::check::CheckArgs),
    /// Start a new draft article in `content/`.
    New(cli::new::NewArgs),
    /// Preview the site at http://127.0.0.1:1111/ with live reload.
    Serve(cli::serve::ServeArgs),
    /// Create a new site (site.yaml, a sample article, deploy kits).
    Init(cli::init::InitArgs),
    /// Print a shell completion script, e.g. `faqpress completions bash`.
    Completions(CompletionsArgs),
}

#[derive(clap::Args)]
struct CompletionsArgs {
    /// The shell to complete in.
    shell: clap_complete::Shell,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => cli::build::run(&args),
        Command::Check(args) => cli::check::run(&args),
        Command::New(args) => cli::new::run(&args),
        Command::Serve(args) => cli::serve::run(&args),
        Command::Init(args) => cli::init::run(&args),
        Command::Completions(args) => {
            let mut command = Cli::command();
            clap_complete::generate(args.shell, &mut command, "faqpress", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
    }
}
