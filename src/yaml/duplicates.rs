//! Finding a key written twice in one mapping. serde_yaml rejects the
//! document but positions the error at the mapping, or at the first key;
//! the editor needs the second occurrence, the one to remove.
//!
//! This reads block-style YAML line by line, as front matter and
//! `site.yaml` are written; flow mappings (`{ a: 1, a: 2 }`) are not
//! followed, and the caller keeps serde_yaml's position for those.

/// A key written a second time in the same mapping: 0-based line and byte
/// column of the second occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub key: String,
    pub line: usize,
    pub column: usize,
}

/// One mapping being read: the column of its keys and the keys seen.
struct Scope {
    column: usize,
    keys: Vec<String>,
}

/// The first key of `text` that repeats a key of its own mapping, if it is
/// `wanted` (any key when `None`).
pub fn find(text: &str, wanted: Option<&str>) -> Option<Duplicate> {
    let mut scopes: Vec<Scope> = Vec::new();
    // Lines indented past this column belong to a `|` or `>` block scalar.
    let mut block_scalar_above: Option<usize> = None;
    for (line_no, line) in text.lines().enumerate() {
        let trimmed = line.trim_start_matches(' ');
        if trimmed.trim().is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut column = line.len() - trimmed.len();
        if let Some(limit) = block_scalar_above {
            if column > limit {
                continue;
            }
            block_scalar_above = None;
        }
        let mut rest = trimmed;
        // Each `- ` starts a new item, whose mapping (if any) is fresh.
        let mut new_item = false;
        while let Some(after) = rest.strip_prefix("- ") {
            scopes.retain(|s| s.column <= column);
            let spaces = after.len() - after.trim_start_matches(' ').len();
            column += 2 + spaces;
            rest = &after[spaces..];
            new_item = true;
        }
        let Some((key, value)) = split_key(rest) else {
            continue;
        };
        if new_item {
            scopes.retain(|s| s.column < column);
        } else {
            scopes.retain(|s| s.column <= column);
        }
        match scopes.last_mut() {
            Some(scope) if scope.column == column => {
                if scope.keys.iter().any(|k| k == key) && wanted.is_none_or(|w| w == key) {
                    return Some(Duplicate {
                        key: key.to_string(),
                        line: line_no,
                        column,
                    });
                }
                scope.keys.push(key.to_string());
            }
            _ => scopes.push(Scope {
                column,
                keys: vec![key.to_string()],
            }),
        }
        let value = value.trim_start();
        if value.starts_with('|') || value.starts_with('>') {
            block_scalar_above = Some(column);
        }
    }
    None
}

/// `key: value` → (`key`, ` value`); the colon must end the line or be
/// followed by a space, so `https://x` is not a key.
fn split_key(entry: &str) -> Option<(&str, &str)> {
    let (key, value) = if let Some(quote) = entry.chars().next().filter(|c| matches!(c, '"' | '\''))
    {
        let close = entry[1..].find(quote)? + 1;
        let value = entry[close + 1..].strip_prefix(':')?;
        (&entry[1..close], value)
    } else {
        let colon = entry
            .match_indices(':')
            .map(|(i, _)| i)
            .find(|&i| entry[i + 1..].is_empty() || entry[i + 1..].starts_with([' ', '\t']))?;
        (entry[..colon].trim_end(), &entry[colon + 1..])
    };
    if !(value.is_empty() || value.starts_with([' ', '\t'])) || key.starts_with(['{', '[']) {
        return None;
    }
    Some((key, value))
}

/// The quoted key of serde_yaml's "duplicate entry with key \"title\"", or
/// the backticked one of serde's "duplicate field `title`".
pub fn key_in_message(message: &str) -> Option<&str> {
    if let Some(rest) = message.strip_prefix("duplicate entry with key ") {
        let rest = rest.trim();
        return Some(
            rest.strip_prefix('"')
                .and_then(|r| r.split('"').next())
                .unwrap_or(rest),
        );
    }
    let rest = message.strip_prefix("duplicate field `")?;
    rest.split('`').next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dup(text: &str) -> Option<(String, usize, usize)> {
        find(text, None).map(|d| (d.key, d.line, d.column))
    }

    #[test]
    fn finds_the_second_occurrence_at_the_top_level() {
        let text = "title: A\ndescription: x\ntitle: B\n";
        assert_eq!(dup(text), Some(("title".into(), 2, 0)));
    }

    #[test]
    fn keys_of_different_mappings_are_not_duplicates() {
        let text = "\
title: A
checklist:
  title: B
  items:
    - text: one
      kind: good
    - text: two
      kind: good
pricing:
  notes: |
    title: not a key
    title: still not
";
        assert_eq!(dup(text), None);
    }

    #[test]
    fn finds_nested_duplicates() {
        let text = "checklist:\n  title: A\n  items:\n    - text: one\n      text: two\n";
        assert_eq!(dup(text), Some(("text".into(), 4, 6)));
        let text = "pricing:\n  currency: USD\n  # note\n  currency: EUR\n";
        assert_eq!(dup(text), Some(("currency".into(), 3, 2)));
    }

    #[test]
    fn urls_and_quoted_keys() {
        assert_eq!(dup("aliases:\n  - https://a\n  - https://a\n"), None);
        assert_eq!(
            dup("\"title\": A\n'title': B\n"),
            Some(("title".into(), 1, 0))
        );
    }

    #[test]
    fn reads_keys_from_messages() {
        assert_eq!(
            key_in_message("duplicate entry with key \"title\""),
            Some("title")
        );
        assert_eq!(key_in_message("duplicate field `tags`"), Some("tags"));
        assert_eq!(key_in_message("invalid type"), None);
    }
}
