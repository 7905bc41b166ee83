//! What a reader sees of a page, and whether it shows words of the
//! English table: the checks that a page in another language has none.

use faqpress::i18n::{self, Strings};

/// What a reader sees or hears of a page: its text without the head and
/// scripts, and the attribute values shown or read out (accessible names,
/// the search box's status texts).
pub fn readable(html: &str) -> String {
    let mut html = html.to_string();
    for (open, close) in [("<head>", "</head>"), ("<script", "</script>")] {
        while let Some(start) = html.find(open) {
            let end = html[start..]
                .find(close)
                .map_or(html.len(), |e| start + e + close.len());
            html.replace_range(start..end, " ");
        }
    }
    let mut out = String::new();
    let mut rest = html.as_str();
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        out.push(' ');
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt..lt + gt];
        for attr in [
            "aria-label=\"",
            "data-none=\"",
            "data-one=\"",
            "data-other=\"",
            "data-unavailable=\"",
        ] {
            if let Some(at) = tag.find(attr) {
                let value = &tag[at + attr.len()..];
                out.push_str(&value[..value.find('"').unwrap_or(value.len())]);
                out.push(' ');
            }
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(rest);
    out.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Whether `text` holds `value` (a table entry, its `{placeholders}`
/// standing for anything short) as whole words.
pub fn shows(text: &str, value: &str) -> bool {
    let parts: Vec<&str> = value
        .split(['{', '}'])
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, p)| p)
        .filter(|p| !p.trim().is_empty())
        .collect();
    let Some(first) = parts.first() else {
        return false;
    };
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(first).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        if word(before) && word(first.chars().next()) {
            return false;
        }
        let mut end = at + first.len();
        for part in &parts[1..] {
            // About 100 bytes on, at the end of a character.
            let mut stop = text.len().min(end + 100);
            while !text.is_char_boundary(stop) {
                stop += 1;
            }
            let window = &text[end..stop];
            match window.find(part) {
                Some(found) => end += found + part.len(),
                None => return false,
            }
        }
        !(word(text[end..].chars().next()) && word(parts.last().and_then(|p| p.chars().last())))
    })
}

/// The English entries a `language` page must not show: those its table
/// words differently.
pub fn english_only(language: &Strings) -> Vec<(&'static str, String)> {
    let english = i18n::builtin("en").unwrap();
    let translated = language.entries();
    english
        .entries()
        .into_iter()
        .zip(translated)
        .filter(|((_, en), (_, other))| en != other)
        .map(|((key, en), _)| (key, en.to_string()))
        .collect()
}
