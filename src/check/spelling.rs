//! Spelling of the prose, against a Hunspell dictionary plus the site's
//! own word list (`content/.words`, one word per line).
//!
//! Only what readers read as prose is checked: text, not code, URLs,
//! e-mail addresses, `{{ markers }}`, raw HTML or front matter keys.
//! Words in capitals (acronyms such as `USD`) and words with digits
//! (`30s`) are skipped: dictionaries do not list them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use spellbook::Dictionary;

use crate::diagnostics::Diagnostic;
use crate::layout::WORD_LIST;
use crate::page::Page;

/// A dictionary with the site's words added.
pub struct Speller {
    dictionary: Dictionary,
    /// Which dictionary, for messages: `en_US`.
    pub name: String,
}

impl Speller {
    /// Builds a speller from a Hunspell `.aff`/`.dic` pair and a word list.
    pub fn new(name: &str, aff: &str, dic: &str, words: &str) -> Result<Self, String> {
        let mut dictionary = Dictionary::new(aff, dic).map_err(|e| e.to_string())?;
        for word in words.lines().map(str::trim) {
            if !word.is_empty() && !word.starts_with('#') {
                // A word the dictionary cannot take (odd flags) is simply
                // not added; the list is advisory.
                let _ = dictionary.add(word);
            }
        }
        Ok(Self {
            dictionary,
            name: name.to_string(),
        })
    }

    /// Whether this is a dictionary of `language` (a BCP 47 tag): the
    /// primary subtags match, so `en_US` speaks `en` and `en-GB`.
    pub fn speaks(&self, language: &str) -> bool {
        let primary = |tag: &str| {
            let end = tag.find(['-', '_']).unwrap_or(tag.len());
            tag[..end].to_ascii_lowercase()
        };
        primary(&self.name) == primary(language)
    }

    pub fn is_known(&self, word: &str) -> bool {
        self.dictionary.check(word)
    }

    fn suggestion(&self, word: &str) -> Option<String> {
        let mut out = Vec::new();
        self.dictionary.suggest(word, &mut out);
        out.into_iter().next()
    }
}

/// Dictionary file names to try for a BCP 47 tag: `en` → `en_US`,
/// `en-GB` → `en_GB`, `fr` → `fr_FR`, then `fr`.
pub fn dictionary_names(language: &str) -> Vec<String> {
    let mut parts = language.split('-');
    let lang = parts.next().unwrap_or("en").to_lowercase();
    let region = parts.find(|p| p.len() == 2).map(str::to_uppercase);
    let mut names = Vec::new();
    if let Some(region) = region {
        names.push(format!("{lang}_{region}"));
    }
    let default_region = match lang.as_str() {
        "en" => "US".to_string(),
        other => other.to_uppercase(),
    };
    names.push(format!("{lang}_{default_region}"));
    names.push(lang);
    names.dedup();
    names
}

/// Where Hunspell dictionaries are installed. `FAQPRESS_DICTIONARY_DIR`
/// replaces the list, so tests and unusual systems can choose.
fn dictionary_dirs() -> Vec<PathBuf> {
    if let Some(dirs) = std::env::var_os("FAQPRESS_DICTIONARY_DIR") {
        return std::env::split_paths(&dirs).collect();
    }
    [
        "/usr/share/hunspell",
        "/usr/share/myspell",
        "/usr/share/myspell/dicts",
        "/usr/local/share/hunspell",
    ]
    .iter()
    .map(PathBuf::from)
    .collect()
}

/// Loads the dictionary for `language` and the site's word list. The
/// error is a note for the editor, never a failure: spelling is advice.
pub fn load(root: &Path, language: &str) -> Result<Speller, String> {
    let names = dictionary_names(language);
    let found = names.iter().find_map(|name| {
        dictionary_dirs().into_iter().find_map(|dir| {
            let aff = std::fs::read_to_string(dir.join(format!("{name}.aff"))).ok()?;
            let dic = std::fs::read_to_string(dir.join(format!("{name}.dic"))).ok()?;
            Some((name, aff, dic))
        })
    });
    let Some((name, aff, dic)) = found else {
        return Err(format!(
            "no `{}` spelling dictionary is installed, so spelling was not checked (on Debian or Ubuntu: `apt-get install hunspell-{}`)",
            names[0],
            names[0].to_lowercase().replace('_', "-")
        ));
    };
    let words = std::fs::read_to_string(root.join(WORD_LIST)).unwrap_or_default();
    Speller::new(name, &aff, &dic, &words).map_err(|e| {
        format!(
            "the `{name}` spelling dictionary cannot be read ({e}), so spelling was not checked"
        )
    })
}

/// Every unknown word in the article's prose, in order.
pub fn misspellings(page: &Page, speller: &Speller) -> Vec<Diagnostic> {
    let body = page.header.body();
    let mut suggestions: HashMap<String, Option<String>> = HashMap::new();
    let mut diagnostics = Vec::new();
    for (start, word) in prose_words(body) {
        if speller.is_known(&word) {
            continue;
        }
        let suggestion = suggestions
            .entry(word.clone())
            .or_insert_with(|| speller.suggestion(&word));
        let add = format!("If it is spelt right, add it to `{WORD_LIST}` (one word per line)");
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`? {add}"),
            None => add,
        };
        diagnostics.push(
            page.header
                .at_body_offset(
                    Diagnostic::warning(
                        &page.header.file.path,
                        format!("`{word}` is not in the {} dictionary", speller.name),
                    ),
                    start,
                )
                .with_span_len(word.chars().count())
                .with_help(help),
        );
    }
    diagnostics
}

/// (byte offset in `body`, word) of every word of prose.
pub fn prose_words(body: &str) -> Vec<(usize, String)> {
    let mut words = Vec::new();
    let mut in_code = 0usize;
    let mut in_url_link = 0usize;
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => in_url_link += 1,
            Event::End(TagEnd::Link) if in_url_link > 0 => in_url_link -= 1,
            // The source, not the event's text: smart punctuation and
            // entities change the text, and offsets must point at the file.
            Event::Text(_) if in_code == 0 && in_url_link == 0 => {
                let source = &body[range.clone()];
                words.extend(
                    words_in(source)
                        .into_iter()
                        .map(|(at, w)| (range.start + at, w)),
                );
            }
            _ => {}
        }
    }
    words
}

/// Words of a run of text, skipping markers, URLs and addresses.
fn words_in(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let masked = mask_markers(text);
    let mut chunk_start = None;
    for (i, c) in masked.char_indices().chain([(masked.len(), ' ')]) {
        match (c.is_whitespace(), chunk_start) {
            (false, None) => chunk_start = Some(i),
            (true, Some(start)) => {
                chunk_start = None;
                let chunk = &masked[start..i];
                if chunk.contains("://") || chunk.starts_with("www.") || chunk.contains('@') {
                    continue;
                }
                out.extend(words_of_chunk(chunk).map(|(at, w)| (start + at, w)));
            }
            _ => {}
        }
    }
    out
}

/// Replaces `{{ … }}` with spaces, keeping every offset.
fn mask_markers(text: &str) -> String {
    let mut out = text.to_string();
    let mut from = 0;
    while let Some(open) = out[from..].find("{{").map(|i| from + i) {
        let close = out[open..].find("}}").map_or(out.len(), |i| open + i + 2);
        out.replace_range(open..close, &" ".repeat(close - open));
        from = close;
    }
    out
}

fn words_of_chunk(chunk: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    let is_word_char = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in chunk.char_indices().chain([(chunk.len(), ' ')]) {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, &chunk[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    runs.into_iter().filter_map(|(at, run)| {
        let trimmed_start = run.len() - run.trim_start_matches(['\'', '’']).len();
        let word = run.trim_matches(['\'', '’']);
        let skip = word.chars().count() < 2
            || word.chars().any(|c| c.is_numeric())
            || !word.chars().any(char::is_lowercase);
        (!skip).then(|| (at + trimmed_start, word.replace('’', "'")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(body: &str) -> Vec<String> {
        prose_words(body).into_iter().map(|(_, w)| w).collect()
    }

    #[test]
    fn skips_code_urls_markers_and_acronyms() {
        let body = "Hello `cdoe` world’s <https://exmaple.com> www.x.org a@b.c\n\n```\nfn mian\n```\n\n{{ pricing_table() }} USD 30s well-known\n";
        assert_eq!(words(body), ["Hello", "world's", "well", "known"]);
    }

    #[test]
    fn offsets_point_at_the_source() {
        let body = "Say ‘hi’ there";
        let found = prose_words(body);
        assert_eq!(found[2], (body.find("there").unwrap(), "there".to_string()));
    }

    #[test]
    fn dictionary_names_follow_the_language() {
        assert_eq!(dictionary_names("en"), ["en_US", "en"]);
        assert_eq!(dictionary_names("en-GB"), ["en_GB", "en_US", "en"]);
        assert_eq!(dictionary_names("fr"), ["fr_FR", "fr"]);
    }
}
