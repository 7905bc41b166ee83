//! Positioning values that parsed but are wrong, by their path.

use super::Step;

/// Finds where the value at `path` is written in block-style YAML, as a
/// 1-based (line, column) of the value, or of its key when the value starts
/// on a later line.
///
/// serde gives positions only for syntax errors; a value that parses but is
/// wrong (a citation of a missing heading, say) is located with this instead.
/// An item of a one-line flow sequence (`languages: [de, fr]`) is found
/// too. Paths it cannot follow (deeper flow style, anchors) return the
/// nearest parent that it could, so the editor is still sent to the right
/// block.
pub fn locate(text: &str, path: &[Step]) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    // The block being searched: lines [start, end) whose content is indented
    // at least `min_indent`; `first_col` is where the first line's content
    // starts when it shares a line with a `- ` marker.
    let mut start = 0;
    let mut end = lines.len();
    let mut first_col: Option<usize> = None;
    let mut found: Option<(usize, usize)> = None;
    // The line and byte column of the last value found on its entry's line.
    let mut inline: Option<(usize, usize)> = None;
    for step in path {
        if let (Step::Index(index), Some((line, col))) = (step, inline) {
            if lines[line][col..].starts_with('[') {
                let item = flow_item(&lines[line][col..], *index).map(|at| col + at);
                return item
                    .map(|at| (line + 1, char_col(lines[line], at)))
                    .or(found);
            }
        }
        let Some(level) = block_level(&lines, start, end, first_col) else {
            return found;
        };
        let entries = entries_at(&lines, start, end, first_col, level);
        let Some((line, col)) = entry_for_step(&lines, &entries, *step) else {
            return found;
        };
        let item_end = entries
            .iter()
            .map(|&(l, _)| l)
            .find(|&l| l > line)
            .unwrap_or(end);
        let value_col = value_column(lines[line], col, *step);
        let inline_value = has_inline_value(lines[line], value_col);
        found = Some(if inline_value {
            (line + 1, char_col(lines[line], value_col))
        } else {
            (line + 1, char_col(lines[line], col))
        });
        inline = inline_value.then_some((line, value_col));
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

/// The entry among `entries` (line, column) that `step` names: the one
/// with that key, or the `index`-th `- ` item.
fn entry_for_step(
    lines: &[&str],
    entries: &[(usize, usize)],
    step: Step,
) -> Option<(usize, usize)> {
    match step {
        Step::Key(key) => entries
            .iter()
            .copied()
            .find(|&(line, col)| key_of(&lines[line][col..]).is_some_and(|k| k == key)),
        Step::Index(index) => entries
            .iter()
            .copied()
            .filter(|&(line, col)| lines[line][col..].starts_with('-'))
            .nth(index),
    }
}

/// The byte column where the value of the entry starting at `col` begins:
/// after `key:` or after the `-` marker, and the spaces that follow.
fn value_column(line: &str, col: usize, step: Step) -> usize {
    let rest = &line[col..];
    match step {
        Step::Key(_) => {
            let after_colon = rest.find(':').map_or(rest.len(), |i| i + 1);
            let spaces = rest[after_colon..].len() - rest[after_colon..].trim_start().len();
            col + after_colon + spaces
        }
        Step::Index(_) => {
            let spaces = rest[1..].len() - rest[1..].trim_start().len();
            col + 1 + spaces
        }
    }
}

/// Whether the value starts on the entry's own line (not a comment, nor
/// a `|` or `>` block scalar whose text starts on the next line).
fn has_inline_value(line: &str, value_col: usize) -> bool {
    value_col < line.len()
        && !line[value_col..].starts_with('#')
        && !line[value_col..].starts_with('|')
        && !line[value_col..].starts_with('>')
}

/// The byte offset of the `index`-th item of the flow sequence that
/// `flow` (from its `[`) starts, when it is written on this one line.
/// Quoted items may hold commas and brackets; nested sequences and
/// mappings count as one item.
fn flow_item(flow: &str, index: usize) -> Option<usize> {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    let mut item = 0;
    let mut starts_here = false;
    for (at, c) in flow.char_indices() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        if starts_here && !c.is_whitespace() {
            if matches!(c, ']' | '}') && depth == 1 {
                return None;
            }
            if item == index {
                return Some(at);
            }
            starts_here = false;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '[' | '{' => {
                depth += 1;
                starts_here |= depth == 1;
            }
            ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return None;
                }
            }
            ',' if depth == 1 => {
                item += 1;
                starts_here = true;
            }
            '#' if depth == 1 && flow[..at].ends_with(' ') => return None,
            _ => {}
        }
    }
    None
}

fn char_col(line: &str, byte_col: usize) -> usize {
    line[..byte_col.min(line.len())].chars().count() + 1
}

pub(super) fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

pub(super) fn is_content(line: &str) -> bool {
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
pub(super) fn key_of(entry: &str) -> Option<&str> {
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

    #[test]
    fn locates_an_item_of_a_one_line_flow_sequence() {
        use Step::*;
        let doc = "title: Hi\nlanguages: [de, \"e,n\" ,  fr]\nmore:\n  tags: [[a, b], c]\n";
        assert_eq!(locate(doc, &[Key("languages"), Index(0)]), Some((2, 13)));
        assert_eq!(locate(doc, &[Key("languages"), Index(1)]), Some((2, 17)));
        assert_eq!(locate(doc, &[Key("languages"), Index(2)]), Some((2, 26)));
        assert_eq!(
            locate(doc, &[Key("more"), Key("tags"), Index(1)]),
            Some((4, 18))
        );
        // Past the end: the sequence; deeper than one level: the item
        // that holds the value.
        assert_eq!(locate(doc, &[Key("languages"), Index(3)]), Some((2, 12)));
        assert_eq!(
            locate(doc, &[Key("more"), Key("tags"), Index(0), Index(1)]),
            Some((4, 10))
        );
        assert_eq!(locate("a: []\n", &[Key("a"), Index(0)]), Some((1, 4)));
    }
}
