//! Escaping for the few places where faqpress writes HTML or XML itself
//! rather than through an autoescaping template.

/// Escapes text for HTML text and attribute values (and XML).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_escaped(&mut out, text);
    out
}

pub fn push_escaped(out: &mut String, text: &str) {
    // Copies the runs between markup characters whole. They are ASCII, so
    // never part of a multi-byte character and always safe to slice at.
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

/// Serializes JSON for a `<script type="application/ld+json">` element:
/// `<`, `>` and `&` become `\u003c`-style escapes so no value can close the
/// script element or open a comment, whatever an editor writes.
pub fn json_for_script(value: &serde_json::Value) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string());
    // Most of the text needs no escape: copy the runs between the few
    // characters that do (this is on every page's hot path).
    let mut out = String::with_capacity(json.len() + 16);
    let mut copied = 0;
    for (i, c) in json.char_indices() {
        let escape = match c {
            '<' => "\\u003c",
            '>' => "\\u003e",
            '&' => "\\u0026",
            '\u{2028}' => "\\u2028",
            '\u{2029}' => "\\u2029",
            _ => continue,
        };
        out.push_str(&json[copied..i]);
        out.push_str(escape);
        copied = i + c.len_utf8();
    }
    out.push_str(&json[copied..]);
    out
}

/// Collapses runs of whitespace into single spaces and trims the ends.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape(r#""><img src=x onerror='a'>&"#),
            "&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;&amp;"
        );
    }

    #[test]
    fn json_cannot_close_the_script() {
        let v = serde_json::json!({ "name": "</script><script>alert(1)</script>" });
        let out = json_for_script(&v);
        assert!(!out.contains("</script"));
        assert!(out.contains("\\u003c/script\\u003e"));
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, v);
    }
}
