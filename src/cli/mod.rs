//! Command implementations. Only this layer prints; the library returns
//! values.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;

use std::io::IsTerminal;
use std::process::ExitCode;

use faqpress::diagnostics::{Diagnostic, Style, render, render_all};

/// Colour only on a terminal, and never when `NO_COLOR` is set.
pub fn stderr_style() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Style {
        color: std::io::stderr().is_terminal() && !no_color,
    }
}

pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    if !diagnostics.is_empty() {
        eprint!("{}", render_all(diagnostics, stderr_style()));
    }
}

/// Prints a problem of the command itself (no site here, a port in use)
/// the way build and check print theirs, without the count line that
/// sums up a build's diagnostics.
pub fn print_diagnostic(diagnostic: &Diagnostic) {
    eprint!("{}", render(diagnostic, stderr_style()));
}

/// Prints `diagnostic` and gives the exit code to stop with.
pub fn fail(diagnostic: Diagnostic, code: u8) -> ExitCode {
    print_diagnostic(&diagnostic);
    ExitCode::from(code)
}
