//! `faqpress new`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use faqpress::date::Date;
use faqpress::diagnostics::Diagnostic;
use faqpress::layout::{self, CONFIG_FILE, CONTENT_DIR};
use faqpress::scaffold;

use super::fail;

#[derive(clap::Args)]
pub struct NewArgs {
    /// The article's title, e.g. "Laser Hair Removal".
    pub title: String,
    /// The site's folder (the one holding `site.yaml`).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

pub fn run(args: &NewArgs) -> ExitCode {
    if !args.root.join(CONFIG_FILE).is_file() {
        let message = format!("there is no `{CONFIG_FILE}` in {}", args.root.display());
        return fail(
            Diagnostic::error("", message)
                .with_help("run `faqpress new` in the site's folder, or pass `--root` with it"),
            1,
        );
    }
    let Some(name) = scaffold::article::file_name(&args.title) else {
        let message = format!(
            "the title `{}` has no letters or digits to name the file after",
            args.title
        );
        return fail(
            Diagnostic::error("", message).with_help("give the article a title made of words"),
            1,
        );
    };
    let content = args.root.join(CONTENT_DIR);
    if content.exists() && !content.is_dir() {
        // Else creating the folder fails as "already exists", which would
        // read as if the article did.
        return fail(content_is_a_file(&args.root), 1);
    }
    let path = content.join(&name);
    let shown = layout::content_path(&name);
    match create_article(&content, &path, &args.title) {
        Ok(()) => {
            println!("{shown}");
            eprintln!("Created a draft; preview it with `faqpress serve --drafts`.");
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => fail(
            Diagnostic::error("", format!("{shown} already exists; it was left as it was"))
                .with_help("choose another title, or edit the existing article"),
            1,
        ),
        Err(e) => fail(
            Diagnostic::error("", format!("cannot create {shown}: {e}")),
            1,
        ),
    }
}

fn content_is_a_file(root: &Path) -> Diagnostic {
    let message = format!(
        "`{CONTENT_DIR}` in {} is a file, not a folder",
        root.display()
    );
    Diagnostic::error("", message).with_help(format!(
        "move the file away; articles go in the `{CONTENT_DIR}/` folder"
    ))
}

/// Writes a new draft titled `title` at `path`, creating the `content`
/// folder if needed; an existing file is an `AlreadyExists` error.
fn create_article(content: &Path, path: &Path, title: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(content)?;
    // `create_new` refuses an existing file atomically: no window in
    // which another save could be overwritten.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(scaffold::article::article(title, Date::today()).as_bytes())
}
