//! Diagnostics are data: every stage returns them instead of printing, and
//! only the command-line front end decides how to show them.

use std::fmt::Write as _;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A position in a file: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One problem found in a site, with enough context to show it rustc-style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Path relative to the site root, with `/` separators; empty when the
    /// problem is not tied to a file (e.g. a missing `content/` folder).
    pub file: String,
    pub position: Option<Position>,
    /// The text of the line at `position`, shown with a caret under it.
    /// A long line is kept only around the column, with `…` where it was
    /// cut (see [`MAX_SHOWN_CHARS`]).
    pub source_line: Option<String>,
    /// How many columns of the line before `position` the cut left out of
    /// `source_line` (net of the `…` put in their place).
    #[serde(skip)]
    pub hidden_columns: usize,
    /// How many characters the caret should underline.
    pub span_len: usize,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file, message)
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file, message)
    }

    fn new(severity: Severity, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity,
            message: message.into(),
            file: file.into(),
            position: None,
            source_line: None,
            hidden_columns: 0,
            span_len: 1,
            help: None,
        }
    }

    /// Points the diagnostic at `line:column` of `source` (the whole file's
    /// text), remembering the line so it can be shown with a caret.
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Self {
        let line = line.max(1);
        self.position = Some(Position {
            line,
            column: column.max(1),
        });
        let shown = source
            .lines()
            .nth(line - 1)
            .map(|l| cut_around(l.trim_end_matches('\r'), column.max(1)));
        (self.source_line, self.hidden_columns) = match shown {
            Some((text, hidden)) => (Some(text), hidden),
            None => (None, 0),
        };
        self
    }

    /// Points the diagnostic at a byte offset of `source`.
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        let (line, column) = line_column(source, offset);
        self.at(source, line, column)
    }

    pub fn with_span_len(mut self, len: usize) -> Self {
        self.span_len = len.max(1);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, or as much of it as is known.
    pub fn location(&self) -> String {
        match self.position {
            Some(p) => format!("{}:{}:{}", self.file, p.line, p.column),
            None => self.file.clone(),
        }
    }
}

/// The longest source line shown whole; a longer one (a minified blob, a
/// 10 MB generated line) is cut to this many characters around the column,
/// so neither the terminal nor memory gets the whole line.
pub const MAX_SHOWN_CHARS: usize = 200;

/// How many characters of a cut line are kept before the column.
const SHOWN_BEFORE_COLUMN: usize = 80;

/// `line`, or the part of it around the 1-based `column` with `…` marking
/// each cut; and how many columns before `column` the cut hides.
fn cut_around(line: &str, column: usize) -> (String, usize) {
    // Counting stops early: a 10 MB line is never walked to its end.
    if line.chars().nth(MAX_SHOWN_CHARS).is_none() {
        return (line.to_string(), 0);
    }
    let start = column.saturating_sub(1 + SHOWN_BEFORE_COLUMN);
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    let mut kept = line.chars().skip(start);
    shown.extend(kept.by_ref().take(MAX_SHOWN_CHARS));
    if kept.next().is_some() {
        shown.push('…');
    }
    (shown, start.saturating_sub(1))
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

/// Orders diagnostics by file and position so output is stable however the
/// work was scheduled.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.position, a.severity, &a.message)
            .cmp(&(&b.file, b.position, b.severity, &b.message))
    });
}

pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// Colours used when rendering to a terminal.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Renders one diagnostic the way rustc does:
///
/// ```text
/// error: unknown field `titel`
///  --> content/index.md:2:1
///   |
/// 2 | titel: Hello
///   | ^^^^^
///   = help: did you mean `title`?
/// ```
pub fn render(diagnostic: &Diagnostic, style: Style) -> String {
    let mut out = String::new();
    let (label, code) = match diagnostic.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
    };
    let _ = writeln!(
        out,
        "{}{}",
        style.paint(code, label),
        style.paint("1", &format!(": {}", diagnostic.message))
    );
    let line_no = diagnostic
        .position
        .map(|p| p.line.to_string())
        .unwrap_or_default();
    let pad = " ".repeat(line_no.len().max(1));
    let blue = |s: &str| style.paint("1;34", s);
    if !diagnostic.file.is_empty() {
        let _ = writeln!(out, "{pad}{} {}", blue("-->"), diagnostic.location());
    }
    if let (Some(pos), Some(text)) = (diagnostic.position, &diagnostic.source_line) {
        let shown = text.replace('\t', "    ");
        let caret_col: usize = text
            .chars()
            .take(pos.column.saturating_sub(1 + diagnostic.hidden_columns))
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        // A span never runs past the end of the line shown.
        let span_len = diagnostic
            .span_len
            .min(shown.chars().count().saturating_sub(caret_col))
            .max(1);
        let _ = writeln!(out, "{pad} {}", blue("|"));
        let _ = writeln!(out, "{} {} {shown}", blue(&line_no), blue("|"));
        let _ = writeln!(
            out,
            "{pad} {} {}{}",
            blue("|"),
            " ".repeat(caret_col),
            style.paint(code, &"^".repeat(span_len))
        );
    }
    if let Some(help) = &diagnostic.help {
        for (i, help_line) in help.lines().enumerate() {
            if i == 0 {
                let _ = writeln!(out, "{pad} {} {help_line}", blue("= help:"));
            } else {
                let _ = writeln!(out, "{pad}         {help_line}");
            }
        }
    }
    out
}

/// Renders every diagnostic followed by a one-line count.
pub fn render_all(diagnostics: &[Diagnostic], style: Style) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render(d, style));
        out.push('\n');
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if errors > 0 || warnings > 0 {
        let _ = writeln!(
            out,
            "{}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        );
    }
    out
}

/// Suggests the closest of `candidates` to a misspelt `word`.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let src = "ab\nçé x\n";
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 3), (2, 1));
        // "çé " is 5 bytes, 3 characters
        assert_eq!(line_column(src, 8), (2, 4));
    }

    #[test]
    fn renders_rustc_style() {
        let src = "---\ntitel: Hi\n---\n";
        let d = Diagnostic::error("content/index.md", "unknown field `titel`")
            .at(src, 2, 1)
            .with_span_len(5)
            .with_help("did you mean `title`?");
        let shown = render(&d, Style { color: false });
        assert_eq!(
            shown,
            "error: unknown field `titel`\n --> content/index.md:2:1\n  |\n2 | titel: Hi\n  | ^^^^^\n  = help: did you mean `title`?\n"
        );
    }

    #[test]
    fn a_long_line_is_cut_around_the_caret() {
        let long = format!("{}BAD{}", "a".repeat(5_000_000), "b".repeat(5_000_000));
        let src = format!("---\ntitle: x\n---\n{long}\n");
        let d = Diagnostic::error("content/index.md", "broken")
            .at(&src, 4, 5_000_001)
            .with_span_len(3);
        let shown = render(&d, Style { color: false });
        let expected = format!(
            "error: broken\n --> content/index.md:4:5000001\n  |\n4 | …{}BAD{}…\n  | {}^^^\n",
            "a".repeat(80),
            "b".repeat(117),
            " ".repeat(81)
        );
        assert_eq!(shown, expected);
    }

    #[test]
    fn a_long_line_is_cut_at_its_end_only_when_the_caret_is_near_the_start() {
        let src = format!("{}\n", "x".repeat(1000));
        let d = Diagnostic::error("a.md", "m")
            .at(&src, 1, 3)
            .with_span_len(5000);
        let shown = render(&d, Style { color: false });
        assert!(
            shown.contains(&format!("1 | {}…\n", "x".repeat(200))),
            "{shown}"
        );
        assert!(
            shown.contains(&format!("  |   {}\n", "^".repeat(199))),
            "{shown}"
        );
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("titel", &["title", "date", "tags"]),
            Some("title")
        );
        assert_eq!(did_you_mean("zzz", &["title", "date"]), None);
    }
}
