//! `faqpress build`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use faqpress::config::Overrides;
use faqpress::{BuildOptions, build};

use super::print_diagnostics;

#[derive(clap::Args)]
pub struct BuildArgs {
    /// The site's folder (the one holding `site.yaml`).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site (default: `public` inside the root).
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Publish under this URL instead of `base_url` from site.yaml,
    /// e.g. `https://user.github.io/repo/`.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Use this theme instead of `theme` from site.yaml: a built-in one
    /// (`clinical`, `serene`) or a folder of the site's `themes/`.
    #[arg(long)]
    pub theme: Option<String>,
}

impl BuildArgs {
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output: self
                .output
                .clone()
                .unwrap_or_else(|| self.root.join(faqpress::layout::OUTPUT_DIR)),
            overrides: Overrides {
                base_url: self.base_url.clone(),
                drafts: self.drafts,
                theme: self.theme.clone(),
            },
        }
    }
}

pub fn run(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let options = args.options();
    match build(&options) {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            for note in &report.notes {
                println!("note: {note}");
            }
            println!(
                "Built {} {} ({} files) into {} in {} ms",
                report.pages,
                if report.pages == 1 { "page" } else { "pages" },
                report.files,
                options.output.display(),
                started.elapsed().as_millis()
            );
            if report.images_encoded > 0 {
                println!(
                    "Encoded {} image variants (kept in {} for the next build)",
                    report.images_encoded,
                    faqpress::layout::IMAGE_CACHE_DIR
                );
            }
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
