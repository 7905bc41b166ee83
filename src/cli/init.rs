//! `faqpress init DIR`: writes a new site that builds straight away.

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use faqpress::scaffold;

#[derive(clap::Args)]
pub struct InitArgs {
    /// The folder for the new site; created if missing.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

pub fn run(args: &InitArgs) -> ExitCode {
    let files = scaffold::files();
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
    println!(
        "Build it with `faqpress build --root {}`; see README.md for publishing.",
        args.dir.display()
    );
    ExitCode::SUCCESS
}
