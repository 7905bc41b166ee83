//! Reading a document so that every independent mistake is reported in one
//! run. serde stops at the first wrong value; here the entry holding it is
//! set aside (its lines blanked, so every position stays the same) and the
//! rest is read again, until it reads or a problem blocks the whole
//! document (a syntax error, a required field that is missing).

use serde::de::DeserializeOwned;

use super::locate::{indent_of, is_content, key_of};
use super::{Failure, FailureKind, YamlError, parse_checked};

/// What reading a document value by value found.
#[derive(Debug)]
pub struct Collected<T> {
    /// The document without the entries that were wrong (`None` when a
    /// problem blocked the whole of it).
    pub value: Option<T>,
    pub errors: Vec<YamlError>,
    /// The top-level keys whose entries were set aside: their fields hold
    /// defaults in `value`, and checks of them would only repeat `errors`.
    pub dropped: Vec<String>,
}

/// Deserializes `text` into `T`, reporting every wrong top-level entry (a
/// bad date, an unknown field, a wrong type in one block) and every key set
/// twice, each once.
pub fn from_str_collecting<T: DeserializeOwned>(text: &str) -> Collected<T> {
    // Most documents are right: read them as they are, and take one apart
    // line by line (which reads it again) only when it is not.
    if let Ok(value) = parse_checked::<T>(text) {
        return Collected {
            value: Some(value),
            errors: Vec::new(),
            dropped: Vec::new(),
        };
    }
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut collected = Collected {
        value: None,
        errors: Vec::new(),
        dropped: Vec::new(),
    };
    // Each round blanks at least one line, so this many rounds suffice.
    for _ in 0..=lines.len() {
        let current = lines.join("\n");
        let Failure { error, kind } = match parse_checked::<T>(&current) {
            Ok(value) => {
                collected.value = Some(value);
                return collected;
            }
            Err(failure) => failure,
        };
        if collected.errors.contains(&error) {
            // Setting an entry aside did not help: stop rather than repeat.
            return collected;
        }
        if kind == FailureKind::Syntax && error.message == TAB_MESSAGE {
            // A tab only spoils the entry it indents: set that aside too.
            if let Some(key) = set_aside_tabbed(&mut lines, error.line.saturating_sub(1)) {
                collected.dropped.push(key);
            }
            collected.errors.push(error);
            continue;
        }
        let entry = match kind {
            FailureKind::Syntax => None,
            FailureKind::Duplicate { line } => Some(line),
            FailureKind::Value => {
                if missing_field_already_reported(&collected, &error.message) {
                    return collected;
                }
                entry_to_set_aside(&lines, error.line.saturating_sub(1), &mut collected.dropped)
            }
        };
        collected.errors.push(error);
        match entry {
            Some(line) => blank_entry(&mut lines, line),
            None => return collected,
        }
    }
    collected
}

/// Whether `message` names a top-level field as missing that an earlier
/// round already accounts for: set aside, or misspelt (`titel`, "did you
/// mean `title`?").
fn missing_field_already_reported<T>(collected: &Collected<T>, message: &str) -> bool {
    let Some(field) = missing_top_level_field(message) else {
        return false;
    };
    let suggested = format!("did you mean `{field}`?");
    collected.dropped.iter().any(|d| d == field)
        || collected
            .errors
            .iter()
            .any(|e| e.help.as_deref() == Some(suggested.as_str()))
}

/// The first line of the top-level entry holding `error_line`, if any;
/// its key goes to `dropped`.
fn entry_to_set_aside(
    lines: &[String],
    error_line: usize,
    dropped: &mut Vec<String>,
) -> Option<usize> {
    top_level_entry(lines, error_line).inspect(|&line| {
        if let Some(key) = key_of(&lines[line]) {
            dropped.push(key.to_string());
        }
    })
}

/// What [`super::convert_error`] calls a tab in indentation.
const TAB_MESSAGE: &str = "a tab character is used for indentation";

/// Blanks the tab-indented line at `tab_line`, the top-level entry it was
/// meant to belong to (the nearest unindented key above it, if any) and
/// the indented lines that follow it. Returns that entry's key.
fn set_aside_tabbed(lines: &mut [String], tab_line: usize) -> Option<String> {
    let starts_flush = |line: &str| !line.starts_with([' ', '\t']) && is_content(line);
    let start = (0..=tab_line)
        .rev()
        .find(|&i| starts_flush(&lines[i]) && !lines[i].starts_with('-'))
        .unwrap_or(tab_line);
    let key = key_of(&lines[start]).map(str::to_string);
    let mut end = tab_line + 1;
    while end < lines.len() && !starts_flush(&lines[end]) {
        end += 1;
    }
    lines[start..end].iter_mut().for_each(String::clear);
    key
}

/// `missing field `title`` of the document itself, not of a block inside.
fn missing_top_level_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")?
        .strip_suffix('`')
        .filter(|f| !f.contains('`'))
}

/// The 0-based line of the top-level `key:` whose entry holds `line`.
fn top_level_entry(lines: &[String], line: usize) -> Option<usize> {
    (0..=line.min(lines.len().checked_sub(1)?))
        .rev()
        .find(|&i| is_content(&lines[i]) && indent_of(&lines[i]) == 0 && !lines[i].starts_with('-'))
}

/// Blanks the entry starting at `start`: its line and every line below
/// indented deeper (comments and blank lines between them included).
fn blank_entry(lines: &mut [String], start: usize) {
    let indent = indent_of(&lines[start]);
    lines[start].clear();
    for line in lines.iter_mut().skip(start + 1) {
        if is_content(line) && indent_of(line) <= indent {
            break;
        }
        line.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, Default)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        #[serde(default)]
        date: Option<crate::date::Date>,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        block: Option<Block>,
    }

    #[derive(Debug, Deserialize, Default)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Block {
        count: u32,
    }

    fn messages(c: &Collected<Doc>) -> Vec<(usize, &str)> {
        c.errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect()
    }

    #[test]
    fn reports_every_wrong_entry_and_keeps_the_rest() {
        let text = "\
title: Hi
date: 2026-13-01
tags: 3
colour: red
block:
  count: many
";
        let c = from_str_collecting::<Doc>(text);
        let shown = messages(&c);
        assert_eq!(shown.len(), 4, "{shown:?}");
        assert!(shown[0].1.contains("month 13 does not exist"), "{shown:?}");
        assert_eq!(shown[0].0, 2);
        assert!(shown[1].1.starts_with("invalid type"), "{shown:?}");
        assert_eq!(shown[1].0, 3);
        assert_eq!(shown[2], (4, "unknown field `colour`"));
        assert!(shown[3].1.contains("(in `block.count`)"), "{shown:?}");
        assert_eq!(shown[3].0, 6);
        let doc = c.value.expect("the rest reads");
        assert_eq!(doc.title, "Hi");
        assert_eq!(c.dropped, ["date", "tags", "colour", "block"]);
    }

    #[test]
    fn a_tab_sets_aside_its_entry_and_the_rest_is_still_read() {
        let text = "title: Hi\ndate: 2026-13-01\nblock:\n\tcount: 3\ntags: 3\n";
        let c = from_str_collecting::<Doc>(text);
        let shown = messages(&c);
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert_eq!(shown[0], (4, TAB_MESSAGE));
        assert!(shown[1].1.contains("month 13 does not exist"), "{shown:?}");
        assert!(shown[2].1.starts_with("invalid type"), "{shown:?}");
        assert_eq!(c.value.expect("the rest reads").title, "Hi");
        assert_eq!(c.dropped, ["block", "date", "tags"]);
    }

    #[test]
    fn a_syntax_error_stops_reading() {
        let c = from_str_collecting::<Doc>("title: Hi\ndate: 2026-13-01\ntags: [a\n");
        assert_eq!(c.errors.len(), 1, "{:?}", c.errors);
        assert!(c.value.is_none());
    }

    #[test]
    fn a_wrong_required_field_is_reported_once() {
        let c = from_str_collecting::<Doc>("title: [a, b]\ntags: 3\n");
        let shown = messages(&c);
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(c.value.is_none());
    }

    #[test]
    fn a_missing_required_field_is_reported() {
        let c = from_str_collecting::<Doc>("tags: 3\n");
        let shown = messages(&c);
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert_eq!(shown[1].1, "missing field `title`");
    }

    #[test]
    fn a_misspelt_required_field_is_not_also_reported_missing() {
        let c = from_str_collecting::<Doc>("titel: Hi\ntags: 3\n");
        let shown = messages(&c);
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert_eq!(shown[0], (1, "unknown field `titel`"));
    }

    #[test]
    fn every_key_set_twice_is_reported_at_its_second_line() {
        let c = from_str_collecting::<Doc>("title: A\ntags: [a]\ntitle: B\ntags: [b]\n");
        let shown = messages(&c);
        assert_eq!(
            shown,
            [(3, "`title` is set twice"), (4, "`tags` is set twice")]
        );
        assert_eq!(c.value.expect("the first ones are kept").title, "A");
    }
}
