//! Splitting an article into its YAML front matter and Markdown body, and
//! reading the front matter into typed fields.

use serde::Deserialize;

use crate::checklist::RawChecklist;
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::pricing::RawPricing;
use crate::source::SourceFile;
use crate::trust::sources::RawSource;
use crate::yaml;

/// An article cut in two, with the offsets needed to point back into the
/// original file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the file on which the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
    /// Byte offset of the YAML in the file.
    pub yaml_offset: usize,
}

impl<'a> Split<'a> {
    /// The same split as offsets, to keep beside an owned file.
    pub fn offsets(&self) -> SplitOffsets {
        SplitOffsets {
            yaml_offset: self.yaml_offset,
            yaml_len: self.yaml.len(),
            yaml_line: self.yaml_line,
            body_offset: self.body_offset,
        }
    }
}

/// A [`Split`] without the borrow: a header owns its file, and keeps
/// where the parts lie rather than slices of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SplitOffsets {
    yaml_offset: usize,
    yaml_len: usize,
    yaml_line: usize,
    body_offset: usize,
}

impl SplitOffsets {
    /// The split of `text`, the file these offsets were taken from.
    pub fn of<'a>(&self, text: &'a str) -> Split<'a> {
        Split {
            yaml: &text[self.yaml_offset..self.yaml_offset + self.yaml_len],
            yaml_line: self.yaml_line,
            body: &text[self.body_offset..],
            body_offset: self.body_offset,
            yaml_offset: self.yaml_offset,
        }
    }
}

const SKELETON: &str = "start the file with front matter, for example:\n---\ntitle: Your article's title\ndescription: One sentence for search results\n---";

/// Finds the `---` fences. A UTF-8 byte-order mark and CRLF line endings are
/// accepted, since common Windows editors write both.
pub fn split(file: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text = file.text.as_str();
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if text[start..].trim().is_empty() {
        return Err(Diagnostic::error(&file.path, "this article is empty").with_help(SKELETON));
    }
    let mut lines = LineIter { text, pos: start };
    let (first, _) = lines.next().unwrap_or(("", start));
    if first.trim_end() != "---" {
        return Err(
            Diagnostic::error(&file.path, "this article has no front matter")
                .at(text, 1, 1)
                .with_help(SKELETON),
        );
    }
    let yaml_start = lines.pos;
    while let Some((line, line_start)) = lines.next() {
        let fence = line.trim_end();
        if fence == "---" || fence == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..line_start],
                yaml_line: 2,
                body: &text[lines.pos..],
                body_offset: lines.pos,
                yaml_offset: yaml_start,
            });
        }
    }
    Err(
        Diagnostic::error(&file.path, "the front matter is never closed")
            .at(text, 1, 1)
            .with_span_len(3)
            .with_help("add a line containing only `---` after the last front matter field"),
    )
}

/// Iterates over lines, yielding each line (without its `\n`) and its start.
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (&'a str, usize);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (line, advance) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += advance;
        Some((line, start))
    }
}

/// The front matter as written. Unknown fields are errors with a
/// "did you mean" so a typo like `titel:` is caught.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// The image shared with links to the article (`og:image`): a JPEG,
    /// PNG or WebP next to it. Without one, its first image is shared.
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub updated: Option<Date>,
    /// The id of one of the site's `authors` (or, on a site without
    /// them, a name).
    #[serde(default)]
    pub author: Option<String>,
    /// The id of the person who medically reviewed the article.
    #[serde(default)]
    pub reviewed_by: Option<String>,
    /// When they last did.
    #[serde(default)]
    pub last_reviewed: Option<Date>,
    /// The works the body cites with `[^src:id]`.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    /// Replaces the last part of the page's URL.
    #[serde(default)]
    pub slug: Option<String>,
    /// A template other than `article.html`.
    #[serde(default)]
    pub template: Option<String>,
    /// Old URLs of this article that should still reach it.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Whether to show the table of contents.
    #[serde(default = "yes")]
    pub toc: bool,
    #[serde(default)]
    pub checklist: Option<RawChecklist>,
    #[serde(default)]
    pub pricing: Option<RawPricing>,
}

impl FrontMatter {
    /// When the article last changed: `updated`, else `date`.
    pub fn last_changed(&self) -> Option<Date> {
        self.updated.or(self.date)
    }
}

fn yes() -> bool {
    true
}

/// The front matter as read, with every problem found in it.
#[derive(Debug)]
pub struct Parsed {
    /// `None` when a problem (broken YAML, a required field missing)
    /// blocked the whole front matter.
    pub front: Option<FrontMatter>,
    pub problems: Vec<Diagnostic>,
    /// Top-level fields set aside because their values were wrong; they
    /// hold defaults in `front`.
    pub dropped: Vec<String>,
}

/// Parses the YAML part of `split`, positioning errors in the whole file.
/// Every wrong field is reported, not only the first.
pub fn parse(file: &SourceFile, split: &Split) -> Parsed {
    let collected = yaml::from_str_collecting::<FrontMatter>(split.yaml);
    let problems = collected
        .errors
        .into_iter()
        .map(|e| e.into_diagnostic(&file.path, &file.text, split.yaml_line))
        .collect();
    Parsed {
        front: collected.value,
        problems,
        dropped: collected.dropped,
    }
}

/// An error about the front matter value at `path`, underlined, for
/// problems found after parsing (an empty title, a citation of a missing
/// heading). Pointing at the file's start when the path is not written.
pub fn error_at(
    file: &SourceFile,
    split: &Split,
    path: &[yaml::Step],
    message: impl Into<String>,
) -> Diagnostic {
    let d = Diagnostic::error(&file.path, message);
    match yaml::locate(split.yaml, path) {
        Some((line, col)) => {
            let file_line = line + split.yaml_line - 1;
            let d = d.at(&file.text, file_line, col);
            // Underline the value: the rest of the line, minus a comment.
            let value_len = file.text.lines().nth(file_line - 1).map_or(1, |l| {
                let rest: String = l.chars().skip(col - 1).collect();
                let rest = rest.split(" #").next().unwrap_or("");
                rest.trim_end().chars().count()
            });
            d.with_span_len(value_len)
        }
        None => d.at(&file.text, 1, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("content/a.md", text)
    }

    #[test]
    fn splits_yaml_and_body() {
        let f = file("---\ntitle: A\n---\nBody\n");
        let s = split(&f).unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(&f.text[s.body_offset..], "Body\n");
    }

    #[test]
    fn accepts_bom_and_crlf() {
        let f = file("\u{feff}---\r\ntitle: A\r\n---\r\nBody\r\n");
        let s = split(&f).unwrap();
        assert_eq!(s.yaml, "title: A\r\n");
        assert_eq!(s.body, "Body\r\n");
        let fm = parse(&f, &s).front.unwrap();
        assert_eq!(fm.title, "A");
    }

    #[test]
    fn missing_closing_fence_is_an_error() {
        let err = split(&file("---\ntitle: A\nBody\n")).unwrap_err();
        assert_eq!(err.message, "the front matter is never closed");
        assert_eq!(err.location(), "content/a.md:1:1");
    }

    #[test]
    fn missing_front_matter_and_empty_files_are_errors() {
        assert_eq!(
            split(&file("# Hello\n")).unwrap_err().message,
            "this article has no front matter"
        );
        assert_eq!(
            split(&file(" \n")).unwrap_err().message,
            "this article is empty"
        );
    }

    #[test]
    fn closing_fence_may_end_the_file() {
        let f = file("---\ntitle: A\n---");
        let s = split(&f).unwrap();
        assert_eq!(s.body, "");
    }

    #[test]
    fn parse_errors_point_into_the_file() {
        let f = file("---\ntitle: A\ntitel: B\n---\n");
        let s = split(&f).unwrap();
        let parsed = parse(&f, &s);
        let err = &parsed.problems[0];
        assert_eq!(err.location(), "content/a.md:3:1");
        assert_eq!(err.help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn a_key_set_twice_is_located_at_its_second_occurrence() {
        let f = file("---\ntitle: A\ndescription: D\ntitle: B\n---\n");
        let s = split(&f).unwrap();
        let parsed = parse(&f, &s);
        assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
        let err = &parsed.problems[0];
        assert_eq!(err.message, "`title` is set twice");
        assert_eq!(err.location(), "content/a.md:4:1");
        assert_eq!(err.span_len, 5);
        assert!(!err.help.as_deref().unwrap_or("").contains("syntax"));
        assert_eq!(parsed.front.unwrap().title, "A");
    }

    #[test]
    fn errors_after_parsing_point_at_their_value() {
        let f = file("---\ntitle: A\nslug: x\n---\n");
        let s = split(&f).unwrap();
        let d = error_at(&f, &s, &[yaml::Step::Key("slug")], "bad slug");
        assert_eq!(d.location(), "content/a.md:3:7");
        assert_eq!((d.message.as_str(), d.span_len), ("bad slug", 1));
        let d = error_at(&f, &s, &[yaml::Step::Key("tags")], "no tags");
        assert_eq!(
            (d.location().as_str(), d.message.as_str()),
            ("content/a.md:1:1", "no tags")
        );
    }

    #[test]
    fn pricing_error_paths_lead_to_the_value_in_the_article() {
        let front_matter = "\
title: Laser hair removal
pricing:
  currency: USD
  price_per_session:
    min: 99.505
    max: 200
  sessions: 3
  minutes_per_session: 30
";
        let fm: FrontMatter = yaml::from_str(front_matter).unwrap();
        let errs = crate::pricing::resolve(
            fm.pricing.as_ref().unwrap(),
            &crate::locale::Locale::english(),
        )
        .unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:#?}");
        assert_eq!(
            errs[0].message,
            "`99.505` has 3 decimals, but USD amounts have at most 2"
        );
        assert_eq!(
            errs[0].help.as_deref(),
            Some(
                "if the `.` separates thousands, leave it out: `99505`; otherwise round it to 2 decimals"
            )
        );
        assert_eq!(yaml::locate(front_matter, &errs[0].path), Some((5, 10)));
        assert_eq!(errs[1].message, "`as_of` is missing");
        assert!(
            errs[1]
                .help
                .as_deref()
                .unwrap()
                .starts_with("prices go stale")
        );
        assert_eq!(yaml::locate(front_matter, &errs[1].path), Some((2, 1)));
    }
}
