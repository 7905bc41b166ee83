//! The only module that knows which YAML library faqpress uses.
//!
//! serde_yaml is archived upstream; keeping every call behind this module
//! means swapping it out touches one file. Everything else sees
//! [`from_str`], [`YamlError`] and [`locate`].

use serde::de::DeserializeOwned;

use crate::diagnostics::did_you_mean;

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

/// Deserializes `text` into `T`, turning library errors into plain
/// messages with a position and, where possible, a suggested fix.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    // An empty document is an empty mapping, so optional fields still work.
    let source = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(source).map_err(|e| convert_error(&e, text))
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
    let message = message.to_string();
    let mut converted = YamlError {
        message: message.clone(),
        line,
        column,
        span_len: 1,
        help: None,
    };
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default().to_string();
        let expected = backticked_after(&message, "expected ");
        let candidates: Vec<&str> = expected.iter().map(String::as_str).collect();
        converted.message = format!("unknown field `{field}`");
        converted.span_len = field.chars().count();
        converted.help = Some(match did_you_mean(&field, &candidates) {
            Some(best) => format!("did you mean `{best}`?"),
            None if candidates.is_empty() => "remove this field".to_string(),
            None => format!("valid fields are: {}", candidates.join(", ")),
        });
    } else if let Some(rest) = message.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or_default().to_string();
        let expected = backticked_after(&message, "expected ");
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
    } else if message.starts_with("missing field `") {
        converted.help = Some("add this field to the front matter".to_string());
    } else if message.starts_with("invalid type") {
        converted.help = Some(
            "check the value's type: quote text, write numbers without quotes, and use `- item` lines for lists"
                .to_string(),
        );
    } else if message.contains("is not a date") || message.contains("is not a day of the calendar")
    {
        converted.help = Some("write dates as YYYY-MM-DD, e.g. `date: 2024-05-01`".to_string());
        // serde reports errors raised by a value's own parser at the start
        // of the enclosing mapping; point at the value instead.
        if let Some((l, c, len)) = backticked_value_position(&message, text) {
            (converted.line, converted.column, converted.span_len) = (l, c, len);
        }
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
    if let Some(path) = field_path {
        converted.message = format!("{} (in `{path}`)", converted.message);
    }
    converted
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

/// Finds where the value at `path` is written in block-style YAML, as a
/// 1-based (line, column) of the value, or of its key when the value starts
/// on a later line.
///
/// serde gives positions only for syntax errors; a value that parses but is
/// wrong (a citation of a missing heading, say) is located with this instead.
/// Paths it cannot follow (flow style, anchors) return the nearest parent
/// that it could, so the editor is still sent to the right block.
pub fn locate(text: &str, path: &[Step]) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    // The block being searched: lines [start, end) whose content is indented
    // at least `min_indent`; `first_col` is where the first line's content
    // starts when it shares a line with a `- ` marker.
    let mut start = 0;
    let mut end = lines.len();
    let mut first_col: Option<usize> = None;
    let mut found: Option<(usize, usize)> = None;
    for step in path {
        let Some(level) = block_level(&lines, start, end, first_col) else {
            return found;
        };
        let entries = entries_at(&lines, start, end, first_col, level);
        let hit = match *step {
            Step::Key(key) => entries
                .iter()
                .copied()
                .find(|&(line, col)| key_of(&lines[line][col..]).is_some_and(|k| k == key)),
            Step::Index(index) => entries
                .iter()
                .copied()
                .filter(|&(line, col)| lines[line][col..].starts_with('-'))
                .nth(index),
        };
        let Some((line, col)) = hit else {
            return found;
        };
        let item_end = entries
            .iter()
            .map(|&(l, _)| l)
            .find(|&l| l > line)
            .unwrap_or(end);
        let rest = &lines[line][col..];
        let value_col = match *step {
            Step::Key(_) => {
                let after_colon = rest.find(':').map_or(rest.len(), |i| i + 1);
                let spaces = rest[after_colon..].len() - rest[after_colon..].trim_start().len();
                col + after_colon + spaces
            }
            Step::Index(_) => {
                let spaces = rest[1..].len() - rest[1..].trim_start().len();
                col + 1 + spaces
            }
        };
        let inline_value = value_col < lines[line].len()
            && !lines[line][value_col..].starts_with('#')
            && !lines[line][value_col..].starts_with('|')
            && !lines[line][value_col..].starts_with('>');
        found = Some(if inline_value {
            (line + 1, char_col(lines[line], value_col))
        } else {
            (line + 1, char_col(lines[line], col))
        });
        if inline_value && matches!(step, Step::Index(_)) {
            // `- key: value` starts a mapping on the marker's line.
            start = line;
            first_col = Some(value_col);
        } else {
            start = line + 1;
            first_col = None;
        }
        end = item_end;
    }
    found
}

fn char_col(line: &str, byte_col: usize) -> usize {
    line[..byte_col.min(line.len())].chars().count() + 1
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// The indentation of the block's entries: that of its first content line.
fn block_level(
    lines: &[&str],
    start: usize,
    end: usize,
    first_col: Option<usize>,
) -> Option<usize> {
    if let Some(col) = first_col {
        return Some(col);
    }
    (start..end)
        .find(|&i| is_content(lines[i]))
        .map(|i| indent_of(lines[i]))
}

/// The (line, byte column) of every entry written at exactly `level`.
fn entries_at(
    lines: &[&str],
    start: usize,
    end: usize,
    first_col: Option<usize>,
    level: usize,
) -> Vec<(usize, usize)> {
    let mut entries = Vec::new();
    for (i, line) in lines.iter().enumerate().take(end).skip(start) {
        if first_col.is_some() && i == start {
            entries.push((i, level));
            continue;
        }
        if !is_content(line) {
            continue;
        }
        let indent = indent_of(line);
        if indent < level {
            break;
        }
        if indent == level {
            entries.push((i, indent));
        }
    }
    entries
}

/// The key of a `key: value` entry, without quotes.
fn key_of(entry: &str) -> Option<&str> {
    let colon = entry.find(':')?;
    let key = entry[..colon].trim();
    let key = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
        .unwrap_or(key);
    Some(key)
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

    #[test]
    fn empty_text_is_an_empty_mapping() {
        let err = from_str::<Sample>("").unwrap_err();
        assert_eq!(err.message, "missing field `title`");
    }

    const DOC: &str = "\
title: Hi
checklist:
  title: Right for you?
  items:
    - text: Good health
      kind: good
      cites: wrapping-it-up
    # a comment
    - text: Pregnant
      cites: is-it-safe
pricing:
  currency: USD
";

    #[test]
    fn locates_nested_values() {
        use Step::*;
        assert_eq!(locate(DOC, &[Key("title")]), Some((1, 8)));
        assert_eq!(
            locate(DOC, &[Key("checklist"), Key("title")]),
            Some((3, 10))
        );
        assert_eq!(
            locate(
                DOC,
                &[Key("checklist"), Key("items"), Index(0), Key("cites")]
            ),
            Some((7, 14))
        );
        assert_eq!(
            locate(
                DOC,
                &[Key("checklist"), Key("items"), Index(1), Key("text")]
            ),
            Some((9, 13))
        );
        assert_eq!(
            locate(
                DOC,
                &[Key("checklist"), Key("items"), Index(1), Key("cites")]
            ),
            Some((10, 14))
        );
        assert_eq!(
            locate(DOC, &[Key("pricing"), Key("currency")]),
            Some((12, 13))
        );
    }

    #[test]
    fn locate_falls_back_to_the_nearest_parent() {
        use Step::*;
        assert_eq!(
            locate(DOC, &[Key("checklist"), Key("items"), Index(7)]),
            Some((4, 3))
        );
        assert_eq!(locate(DOC, &[Key("nothing")]), None);
    }
}
