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
pub fn json_for_script<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string());
    // Most of the text needs no escape: copy the runs between the few
    // characters that do (this is on every page's hot path).
    let mut out = String::with_capacity(json.len() + 16);
    let bytes = json.as_bytes();
    let mut copied = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8; every other
        // character to escape is ASCII, and so never inside another one.
        let (escape, len) = match byte {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                Some(0xA8) => ("\\u2028", 3),
                Some(0xA9) => ("\\u2029", 3),
                _ => continue,
            },
            _ => continue,
        };
        out.push_str(&json[copied..i]);
        out.push_str(escape);
        copied = i + len;
    }
    out.push_str(&json[copied..]);
    out
}

/// Collapses runs of whitespace into single spaces and trims the ends.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut push = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    if text.is_ascii() {
        // The common case, on every question's text: bytes, not chars.
        // These are the ASCII characters `char::is_whitespace` accepts.
        let space = |b: u8| matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
        text.as_bytes()
            .split(|&b| space(b))
            .filter(|word| !word.is_empty())
            .for_each(|word| {
                let start = word.as_ptr() as usize - text.as_ptr() as usize;
                push(&text[start..start + word.len()]);
            });
    } else {
        text.split_whitespace().for_each(&mut push);
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
    fn collapses_whitespace_like_split_whitespace() {
        for text in [
            "",
            "  a \t b\n\n c  ",
            "a\u{0b}b\u{0c}c",
            "é  ü\u{2003}x",
            " x",
        ] {
            let expected: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(collapse_whitespace(text), expected.join(" "), "{text:?}");
        }
    }

    #[test]
    fn json_escapes_line_separators() {
        let v = serde_json::json!({ "a": "x\u{2028}y\u{2029}z\u{2027}" });
        assert_eq!(json_for_script(&v), "{\"a\":\"x\\u2028y\\u2029z\u{2027}\"}");
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
