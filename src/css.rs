//! The stylesheet as readers receive it: without comments and without the
//! whitespace that only lays the source out.
//!
//! Hand-written rather than a CSS minifier crate: only comments and
//! whitespace are removed, never anything that could change what a rule
//! means, and a full minifier (lightningcss, with its parser and
//! browser-compatibility data) would add many crates to save the same few
//! hundred bytes the themes' comments and line breaks cost.

/// `css` without comments, with each run of whitespace (and comments)
/// dropped next to `{`, `}`, `;` or `,` and made one space elsewhere.
/// Strings (`content: " ("`) are kept as they are.
pub fn compact(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(c) = rest.chars().next() {
        if c == '"' || c == '\'' {
            let end = string_end(rest, c);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else if c.is_whitespace() || rest.starts_with("/*") {
            rest = skip_blank(rest);
            let joins = |ch: Option<char>| ch.is_some_and(|ch| !"{};,".contains(ch));
            if joins(out.chars().last()) && joins(rest.chars().next()) {
                out.push(' ');
            }
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The length of the string opened by `quote` at the start of `text`,
/// closing quote included (all of `text` if it is never closed).
fn string_end(text: &str, quote: char) -> usize {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            c if c == quote => return i + c.len_utf8(),
            _ => {}
        }
    }
    text.len()
}

/// `text` after its leading whitespace and comments.
fn skip_blank(mut text: &str) -> &str {
    loop {
        let trimmed = text.trim_start();
        match trimmed.strip_prefix("/*") {
            Some(comment) => text = comment.find("*/").map_or("", |end| &comment[end + 2..]),
            None => return trimmed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn comments_and_layout_whitespace_go() {
        let css = "/* theme */\n:root{--a:#fff}\n\n.a{color:red}\n/* print */\n@media print{\n.b{margin:0}\n}\n";
        assert_eq!(
            compact(css),
            ":root{--a:#fff}.a{color:red}@media print{.b{margin:0}}"
        );
    }

    #[test]
    fn whitespace_that_means_something_stays() {
        // Descendant combinators, values, `and (`, `calc()` operators.
        assert_eq!(compact(".a\n.b{margin:0 auto}"), ".a .b{margin:0 auto}");
        assert_eq!(
            compact("@media screen and (max-width:30rem){a{b:c}}"),
            "@media screen and (max-width:30rem){a{b:c}}"
        );
        assert_eq!(
            compact("a{width:calc(100% - 2rem)}"),
            "a{width:calc(100% - 2rem)}"
        );
        assert_eq!(compact("a:is(.b) .c{x:y}"), "a:is(.b) .c{x:y}");
        // A comment between two words still separates them.
        assert_eq!(compact("a/**/b{x:y}"), "a b{x:y}");
    }

    #[test]
    fn strings_are_kept_whole() {
        let css = "a::after{content:\" (\" attr(href) \") /* not a comment */\"}";
        assert_eq!(compact(css), css);
        assert_eq!(compact("a{content:'it\\'s  x'}"), "a{content:'it\\'s  x'}");
        // Never closed: kept to the end rather than cut.
        assert_eq!(compact("a{content:\"open"), "a{content:\"open");
    }

    #[test]
    fn the_built_in_themes_lose_only_comments_and_layout() {
        for css in [
            include_str!("themes/clinical/style.css"),
            include_str!("themes/serene/style.css"),
        ] {
            let compacted = compact(css);
            assert!(compacted.len() < css.len());
            assert!(!compacted.contains("/*") && !compacted.contains('\n'));
            // Every rule survives: as many braces as before.
            let braces = |s: &str| (s.matches('{').count(), s.matches('}').count());
            assert_eq!(braces(&compacted), braces(css));
        }
    }
}
