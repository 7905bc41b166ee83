//! Where a `[` or `{` that YAML never saw closed was opened. The parser
//! notices only at the end of the front matter (the `---` line), which
//! is not where the editor has to look.

/// The line and column (both from 1) of the first `[` or `{` in `text`
/// that is still open when the text ends, outside quotes and comments.
pub fn unclosed_opener(text: &str) -> Option<(usize, usize, char)> {
    let mut open: Vec<(usize, usize, char)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        for (column, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some(q), _) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '#') if previous.is_whitespace() => break,
                (None, '[' | '{') => open.push((index + 1, column + 1, c)),
                (None, ']' | '}') => {
                    open.pop();
                }
                _ => {}
            }
            previous = c;
        }
    }
    open.first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_bracket_left_open() {
        let text = "tags: [a, b]\ntitle: [never closed\nslug: x\n";
        assert_eq!(unclosed_opener(text), Some((2, 8, '[')));
        assert_eq!(unclosed_opener("a: {b: [1, 2]\n"), Some((1, 4, '{')));
    }

    #[test]
    fn quotes_and_comments_do_not_count() {
        assert_eq!(unclosed_opener("title: \"[not a list\"\n"), None);
        assert_eq!(unclosed_opener("title: x # [aside\n"), None);
        assert_eq!(unclosed_opener("tags: [a, b]\n"), None);
    }
}
