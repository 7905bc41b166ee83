//! The only module that knows which YAML library faqpress uses.
//!
//! serde_yaml is archived upstream; keeping every call behind this module
//! means swapping it out touches one file. Everything else sees
//! [`from_str`], [`YamlError`] and [`locate`].

mod brackets;
mod collect;
mod duplicates;
mod locate;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, did_you_mean};
pub use collect::{Collected, from_str_collecting};
use locate::key_of;
pub use locate::locate;

/// A YAML problem, positioned relative to the start of the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    /// 1-based line within the YAML text.
    pub line: usize,
    /// 1-based column within that line.
    pub column: usize,
    pub span_len: usize,
    pub help: Option<String>,
}

impl YamlError {
    /// This error as a diagnostic of the file at `path`, whose whole text
    /// is `text` and whose YAML starts on its 1-based line `first_line`
    /// (1 for `site.yaml`, 2 for front matter after its `---`).
    pub fn into_diagnostic(self, path: &str, text: &str, first_line: usize) -> Diagnostic {
        let d = Diagnostic::error(path, self.message)
            .at(text, self.line + first_line - 1, self.column)
            .with_span_len(self.span_len);
        match self.help {
            Some(help) => d.with_help(help),
            None => d,
        }
    }
}

/// Deserializes `text` into `T`, turning library errors into plain
/// messages with a position and, where possible, a suggested fix.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    parse_checked(text).map_err(|f| f.error)
}

/// Why a document did not read, and what that means for the rest of it.
struct Failure {
    error: YamlError,
    kind: FailureKind,
}

#[derive(PartialEq, Eq)]
enum FailureKind {
    /// The YAML itself is broken: nothing after it can be trusted.
    Syntax,
    /// A key set twice; `line` (0-based) is its second occurrence.
    Duplicate { line: usize },
    /// The YAML is fine but a value does not fit `T`.
    Value,
}

/// Reads `text` as plain YAML first, so syntax errors are told apart from
/// values that do not fit `T`, then as `T`.
fn parse_checked<T: DeserializeOwned>(text: &str) -> Result<T, Failure> {
    // An empty document is an empty mapping, so optional fields still work.
    let source = if text.trim().is_empty() { "{}" } else { text };
    // Most documents are right: read them once. Only when that fails is
    // the text read again as `IgnoredAny`, which accepts every value
    // (numbers of any size included), to tell broken YAML from a value
    // that does not fit.
    serde_yaml::from_str(source).map_err(|e| {
        if let Err(syntax) = serde_yaml::from_str::<serde::de::IgnoredAny>(source) {
            return Failure {
                error: convert_error(&syntax, text),
                kind: FailureKind::Syntax,
            };
        }
        let raw = strip_location(&e.to_string());
        let (_, message) = split_field_path(&raw);
        let second =
            duplicates::key_in_message(message).and_then(|key| duplicates::find(text, Some(key)));
        match second {
            Some(dup) => Failure {
                kind: FailureKind::Duplicate { line: dup.line },
                error: duplicate_error(&dup),
            },
            None => Failure {
                error: convert_error(&e, text),
                kind: FailureKind::Value,
            },
        }
    })
}

fn duplicate_error(dup: &duplicates::Duplicate) -> YamlError {
    YamlError {
        message: format!("`{}` is set twice", dup.key),
        line: dup.line + 1,
        column: dup.column + 1,
        span_len: dup.key.chars().count().max(1),
        help: Some(format!(
            "keep one `{}:`; a second one would silently replace the first",
            dup.key
        )),
    }
}

fn convert_error(error: &serde_yaml::Error, text: &str) -> YamlError {
    let (line, column) = error
        .location()
        .map_or((1, 1), |loc| (loc.line(), loc.column()));
    let raw = error.to_string();
    let without_location = strip_location(&raw);
    // Errors inside nested values start with the path to the value
    // ("checklist.items[0]: unknown field …"); keep it apart so the
    // message can be classified.
    let (field_path, message) = split_field_path(&without_location);
    let mut converted = YamlError {
        message: message.to_string(),
        line,
        column,
        span_len: 1,
        help: None,
    };
    explain(&mut converted, message, text);
    if let Some(path) = field_path {
        converted.message = format!("{} (in `{path}`)", converted.message);
    }
    converted
}

/// Rewrites serde's `message` (already in `converted`) into one a writer
/// can act on: a plainer message, a better position where serde's is off,
/// and a `help:` line. The first kind of message that matches wins.
fn explain(converted: &mut YamlError, message: &str, text: &str) {
    if let Some(key) = duplicates::key_in_message(message) {
        // Only where the key could not be found line by line (inside
        // `{ … }`): keep serde's position.
        explain_duplicate_key(converted, key);
    } else if let Some(rest) = message.strip_prefix("unknown field `") {
        explain_unknown_field(converted, message, rest);
    } else if let Some(rest) = message.strip_prefix("unknown variant `") {
        explain_unknown_value(converted, message, rest);
    } else if message.starts_with("missing field `") {
        converted.help = Some("add this field to the front matter".to_string());
    } else if message.starts_with("invalid type") || message.starts_with("invalid value") {
        converted.message = plain_type_names(&converted.message);
        converted.help = Some(
            "check the value's type: quote text, write numbers without quotes, and use `- item` lines for lists"
                .to_string(),
        );
    } else if message.contains("is not a date") || message.contains("is not a day of the calendar")
    {
        explain_bad_date(converted, message, text);
    } else if let Some((l, c, opener)) = message
        .contains("while parsing a flow")
        .then(|| brackets::unclosed_opener(text))
        .flatten()
    {
        explain_unclosed_bracket(converted, (l, c), opener);
    } else if let Some((l, c)) = tab_indentation(text) {
        converted.line = l;
        converted.column = c;
        converted.message = "a tab character is used for indentation".to_string();
        converted.help =
            Some("YAML indents with spaces only; replace the tab with spaces".to_string());
    } else {
        converted.help = Some(
            "check the YAML syntax near this point: every `key: value` needs a space after the colon, and text containing `: ` or starting with a special character needs quotes"
                .to_string(),
        );
    }
}

/// serde names the Rust type it wanted ("expected usize"); an editor
/// needs the kind of value.
fn plain_type_names(message: &str) -> String {
    let Some((before, wanted)) = message.split_once(", expected ") else {
        return message.to_string();
    };
    let (name, after) = wanted.split_once(' ').unwrap_or((wanted, ""));
    let plain = match name {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number of 0 or more",
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        _ => return message.to_string(),
    };
    let space = if after.is_empty() { "" } else { " " };
    format!("{before}, expected {plain}{space}{after}")
}

fn explain_duplicate_key(converted: &mut YamlError, key: &str) {
    converted.message = format!("`{key}` is set twice");
    converted.help = Some(format!(
        "keep one `{key}:`; a second one would silently replace the first"
    ));
}

/// `rest` is the message after "unknown field `".
fn explain_unknown_field(converted: &mut YamlError, message: &str, rest: &str) {
    let field = rest.split('`').next().unwrap_or_default().to_string();
    let expected = backticked_after(message, "expected ");
    let candidates: Vec<&str> = expected.iter().map(String::as_str).collect();
    converted.message = format!("unknown field `{field}`");
    converted.span_len = field.chars().count();
    converted.help = Some(match did_you_mean(&field, &candidates) {
        Some(best) => format!("did you mean `{best}`?"),
        None if candidates.is_empty() => "remove this field".to_string(),
        None => format!("valid fields are: {}", candidates.join(", ")),
    });
}

/// `rest` is the message after "unknown variant `".
fn explain_unknown_value(converted: &mut YamlError, message: &str, rest: &str) {
    let value = rest.split('`').next().unwrap_or_default().to_string();
    let expected = backticked_after(message, "expected ");
    let candidates: Vec<&str> = expected.iter().map(String::as_str).collect();
    converted.message = format!("unknown value `{value}`");
    converted.span_len = value.chars().count().max(1);
    converted.help = Some(match did_you_mean(&value, &candidates) {
        Some(best) => format!(
            "did you mean `{best}`? valid values are: {}",
            candidates.join(", ")
        ),
        None => format!("valid values are: {}", candidates.join(", ")),
    });
}

fn explain_bad_date(converted: &mut YamlError, message: &str, text: &str) {
    // serde reports errors raised by a value's own parser at the start
    // of the enclosing mapping; point at the value instead.
    if let Some((l, c, len)) = backticked_value_position(message, text) {
        (converted.line, converted.column, converted.span_len) = (l, c, len);
    }
    converted.help = Some(date_help(message, text, converted.line));
}

fn explain_unclosed_bracket(
    converted: &mut YamlError,
    (line, column): (usize, usize),
    opener: char,
) {
    let closer = if opener == '[' { ']' } else { '}' };
    (converted.line, converted.column) = (line, column);
    converted.message = format!("this `{opener}` is never closed");
    converted.help = Some(format!(
        "close it with `{closer}`, or put the whole value in quotes if the `{opener}` is part of the text"
    ));
}

/// How to fix a date, with an example under the key the date was written
/// at (`as_of:` in a pricing block). A date in the right form naming no
/// day already says why in its message, so the help does not repeat the
/// form.
fn date_help(message: &str, text: &str, line: usize) -> String {
    let key = text
        .lines()
        .nth(line.saturating_sub(1))
        .map(|l| l.trim_start().trim_start_matches("- "))
        .and_then(key_of)
        .filter(|k| !k.is_empty() && !k.contains(char::is_whitespace))
        .unwrap_or("date");
    if message.contains("is not a day of the calendar") {
        format!("write a day that exists, e.g. `{key}: 2024-05-01`")
    } else {
        format!("write dates as YYYY-MM-DD, e.g. `{key}: 2024-05-01`")
    }
}

/// serde_yaml writes " at line L column C" into its messages; the position
/// is reported separately, so drop it from the text.
fn strip_location(message: &str) -> String {
    let mut message = message.to_string();
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    while let Some(start) = message.find(" at line ") {
        let mut end = start + " at line ".len();
        end += digits(&message[end..]);
        if let Some(after) = message[end..].strip_prefix(" column ") {
            end += " column ".len() + digits(after);
        }
        message.replace_range(start..end, "");
    }
    message
}

fn split_field_path(message: &str) -> (Option<&str>, &str) {
    if let Some((path, rest)) = message.split_once(": ") {
        let is_path = !path.is_empty()
            && path
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'));
        if is_path {
            return (Some(path), rest);
        }
    }
    (None, message)
}

/// The backticked words that follow `marker` in a serde message such as
/// "unknown field `x`, expected one of `a`, `b`".
fn backticked_after(message: &str, marker: &str) -> Vec<String> {
    let Some(start) = message.find(marker) else {
        return Vec::new();
    };
    message[start..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Where the first backticked value of `message` is written in `text`.
fn backticked_value_position(message: &str, text: &str) -> Option<(usize, usize, usize)> {
    let value = message.split('`').nth(1).filter(|v| !v.is_empty())?;
    let offset = text.find(value)?;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Some((
        line,
        text[line_start..offset].chars().count() + 1,
        value.chars().count(),
    ))
}

fn tab_indentation(text: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        indent.find('\t').map(|col| (i + 1, col + 1))
    })
}

/// A value that parsed but is wrong, named by its path in the document so
/// the caller can position it with [`locate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub path: Vec<Step<'static>>,
    pub message: String,
    pub help: Option<String>,
}

impl FieldError {
    pub fn new(path: Vec<Step<'static>>, message: impl Into<String>) -> Self {
        Self {
            path,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[test]
    fn unknown_field_suggests_the_closest_name() {
        let err = from_str::<Sample>("titel: Hi\n").unwrap_err();
        assert_eq!(err.message, "unknown field `titel`");
        assert_eq!((err.line, err.column), (1, 1));
        assert_eq!(err.help.as_deref(), Some("did you mean `title`?"));
        assert_eq!(err.span_len, 5);
    }

    #[test]
    fn numbers_are_asked_for_in_words_not_rust_types() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Count {
            limit: usize,
        }
        let err = from_str::<Count>("limit: twenty\n").unwrap_err();
        assert_eq!(
            err.message,
            "invalid type: string \"twenty\", expected a whole number of 0 or more (in `limit`)"
        );
        let err = from_str::<Count>("limit: -3\n").unwrap_err();
        assert_eq!(
            err.message,
            "invalid type: integer `-3`, expected a whole number of 0 or more (in `limit`)"
        );
        assert_eq!((err.line, err.column), (1, 8));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let err = from_str::<Sample>("title: Hi\ntags: [a, b\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
        assert!(!err.message.contains(" at line "), "{err:?}");
    }

    #[test]
    fn wrong_type_is_explained() {
        let err = from_str::<Sample>("title: Hi\ntags: 3\n").unwrap_err();
        assert!(err.message.starts_with("invalid type"), "{err:?}");
        assert_eq!(err.line, 2);
        assert!(err.help.is_some());
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Dated {
        #[serde(default)]
        date: Option<crate::date::Date>,
        #[serde(default)]
        pricing: Option<DatedPricing>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct DatedPricing {
        as_of: crate::date::Date,
    }

    #[test]
    fn an_impossible_day_says_why_not_how_to_write_dates() {
        let err = from_str::<Dated>("date: 2026-13-01\n").unwrap_err();
        assert!(err.message.contains("month 13 does not exist"), "{err:?}");
        assert_eq!(
            err.help.as_deref(),
            Some("write a day that exists, e.g. `date: 2024-05-01`")
        );
        assert_eq!((err.line, err.column, err.span_len), (1, 7, 10));
    }

    #[test]
    fn a_date_help_shows_the_key_it_was_written_at() {
        let err = from_str::<Dated>("pricing:\n  as_of: 23/11/2026\n").unwrap_err();
        assert_eq!(
            err.help.as_deref(),
            Some("write dates as YYYY-MM-DD, e.g. `as_of: 2024-05-01`")
        );
        assert_eq!((err.line, err.column), (2, 10));
    }

    #[test]
    fn a_diagnostic_points_into_the_whole_file() {
        let text = "---\ntitel: Hi\n---\n";
        let err = from_str::<Sample>("titel: Hi\n").unwrap_err();
        let d = err.into_diagnostic("content/a.md", text, 2);
        assert_eq!(d.location(), "content/a.md:2:1");
        assert_eq!(d.message, "unknown field `titel`");
        assert_eq!(d.source_line.as_deref(), Some("titel: Hi"));
        assert_eq!(d.span_len, 5);
        assert_eq!(d.help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn empty_text_is_an_empty_mapping() {
        let err = from_str::<Sample>("").unwrap_err();
        assert_eq!(err.message, "missing field `title`");
    }
}
