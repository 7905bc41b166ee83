//! Command implementations. Only this layer prints; the library returns
//! values.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;

use std::io::IsTerminal;

use faqpress::diagnostics::{Diagnostic, Style, render_all};

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
