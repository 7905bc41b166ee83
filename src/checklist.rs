//! The candidate checklist: who may be a good candidate and who must not
//! have the treatment, each statement backed by a heading of the article.

use serde::{Deserialize, Serialize};

use crate::markdown::Heading;
use crate::yaml::{FieldError, Step};

/// The script that writes the verdict into the checklist's status region,
/// so screen readers hear it change; shipped as `checklist.<hash>.js` when
/// an article has a checklist. Without it the stylesheet shows the verdict.
pub const SCRIPT: &str = include_str!("checklist.js");

/// The `checklist` block of the front matter, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChecklist {
    pub title: String,
    #[serde(default)]
    pub intro: Option<String>,
    pub items: Vec<RawItem>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub text: String,
    pub kind: Kind,
    /// The id of the heading (question or section) that supports the item.
    pub cites: String,
}

/// What ticking an item means for the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A sign the reader may be a good candidate.
    Good,
    /// The treatment is ruled out.
    RulesOut,
    /// Talk to a professional before deciding.
    AskProfessional,
}

impl Kind {
    /// Shown before the kind's label (`t.checklist_<kind>`), so the kind is
    /// not told by colour alone. The built-in themes draw the same icons
    /// from their stylesheets; a site's own partial may write this one.
    fn icon(self) -> &'static str {
        match self {
            Kind::Good => "✓",
            Kind::RulesOut => "✕",
            Kind::AskProfessional => "!",
        }
    }
}

/// The checklist ready for templates: citations resolved to their headings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checklist {
    pub title: String,
    pub intro: Option<String>,
    pub items: Vec<Item>,
    pub has_rules_out: bool,
    pub has_ask_professional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// 1-based position in the list, for a site's own partial.
    pub number: usize,
    pub text: String,
    pub kind: Kind,
    pub kind_icon: &'static str,
    /// The cited heading's id and its text.
    pub cites: String,
    pub cites_title: String,
}

/// Checks the checklist against the article's headings. Every problem is
/// reported, each with its path in the front matter.
pub fn resolve(raw: &RawChecklist, headings: &[Heading]) -> Result<Checklist, Vec<FieldError>> {
    let mut errors = check_block(raw);
    let mut items = Vec::with_capacity(raw.items.len());
    for (i, item) in raw.items.iter().enumerate() {
        if let Some(item) = resolve_item(i, item, headings, &mut errors) {
            items.push(item);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Checklist {
        title: raw.title.trim().to_string(),
        intro: raw
            .intro
            .as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        has_rules_out: items.iter().any(|i| i.kind == Kind::RulesOut),
        has_ask_professional: items.iter().any(|i| i.kind == Kind::AskProfessional),
        items,
    })
}

/// The path of a field below `checklist` in the front matter.
fn checklist_path(rest: &[Step<'static>]) -> Vec<Step<'static>> {
    let mut p = vec![Step::Key("checklist")];
    p.extend_from_slice(rest);
    p
}

/// The problems of the checklist as a whole: no title or no items. There is
/// no upper limit: the themes' verdict goes by kind, not by position.
fn check_block(raw: &RawChecklist) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if raw.title.trim().is_empty() {
        errors.push(
            FieldError::new(
                checklist_path(&[Step::Key("title")]),
                "the checklist has no title",
            )
            .with_help(
                "write the question it answers, e.g. `title: Is micro-needling right for you?`",
            ),
        );
    }
    if raw.items.is_empty() {
        errors.push(
            FieldError::new(
                checklist_path(&[Step::Key("items")]),
                "the checklist has no items",
            )
            .with_help("add items with `text`, `kind` and `cites`, or remove the checklist"),
        );
    }
    errors
}

/// Checks item `i` (0-based) and resolves its citation; its problems go to
/// `errors`. `None` when the heading it cites does not exist.
fn resolve_item(
    i: usize,
    item: &RawItem,
    headings: &[Heading],
    errors: &mut Vec<FieldError>,
) -> Option<Item> {
    if item.text.trim().is_empty() {
        errors.push(
            FieldError::new(
                checklist_path(&[Step::Key("items"), Step::Index(i), Step::Key("text")]),
                "this checklist item has no text",
            )
            .with_help("write the statement the reader ticks, e.g. `text: I am pregnant`"),
        );
    }
    let cites = item.cites.trim().trim_start_matches('#');
    let Some(heading) = headings.iter().find(|h| h.id == cites) else {
        errors.push(unknown_citation(i, cites, headings));
        return None;
    };
    Some(Item {
        number: i + 1,
        text: item.text.trim().to_string(),
        kind: item.kind,
        kind_icon: item.kind.icon(),
        cites: heading.id.clone(),
        cites_title: heading.text.clone(),
    })
}

/// Item `i` cites `cites`, which no heading has as its id.
fn unknown_citation(i: usize, cites: &str, headings: &[Heading]) -> FieldError {
    let valid_ids = || {
        headings
            .iter()
            .map(|h| format!("`{}`", h.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let ids: Vec<&str> = headings.iter().map(|h| h.id.as_str()).collect();
    let help = match crate::diagnostics::did_you_mean(cites, &ids) {
        Some(best) => format!(
            "did you mean `{best}`? the headings of this article are: {}",
            valid_ids()
        ),
        None if ids.is_empty() => {
            "this article has no headings; add the `## Question?` this item relies on".to_string()
        }
        None => format!("the headings of this article are: {}", valid_ids()),
    };
    FieldError::new(
        checklist_path(&[Step::Key("items"), Step::Index(i), Step::Key("cites")]),
        format!("`{cites}` is not a heading of this article"),
    )
    .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(id: &str, text: &str) -> Heading {
        Heading {
            level: 2,
            id: id.to_string(),
            text: text.to_string(),
            html: text.to_string(),
            offset: 0,
        }
    }

    fn raw(yaml: &str) -> RawChecklist {
        crate::yaml::from_str(yaml).unwrap()
    }

    const YAML: &str = "\
title: Right for you?
intro: Tick what applies.
items:
  - text: I am pregnant
    kind: rules_out
    cites: is-it-safe
  - text: I have mild acne
    kind: ask_professional
    cites: '#is-it-safe'
";

    #[test]
    fn resolves_citations_to_headings() {
        let headings = [heading("is-it-safe", "Is it safe?")];
        let list = resolve(&raw(YAML), &headings).unwrap();
        assert_eq!(list.items.len(), 2);
        assert_eq!(list.items[1].cites, "is-it-safe");
        assert_eq!(list.items[1].cites_title, "Is it safe?");
        assert_eq!(list.items[1].number, 2);
        assert!(list.has_rules_out && list.has_ask_professional);
    }

    #[test]
    fn missing_citation_names_the_valid_ids() {
        let headings = [
            heading("is-it-safe-for-all", "Is it safe for all?"),
            heading("wrap", "Wrap"),
        ];
        let errors = resolve(&raw(YAML), &headings).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(
            errors[0].message,
            "`is-it-safe` is not a heading of this article"
        );
        assert_eq!(
            errors[0].path,
            vec![
                Step::Key("checklist"),
                Step::Key("items"),
                Step::Index(0),
                Step::Key("cites")
            ]
        );
        assert_eq!(
            errors[0].help.as_deref(),
            Some(
                "did you mean `is-it-safe-for-all`? the headings of this article are: `is-it-safe-for-all`, `wrap`"
            )
        );
    }

    #[test]
    fn empty_text_and_title_are_errors() {
        let yaml = "title: ' '\nitems:\n  - text: ''\n    kind: good\n    cites: a\n";
        let errors = resolve(&raw(yaml), &[heading("a", "A")]).unwrap_err();
        let messages: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the checklist has no title",
                "this checklist item has no text"
            ]
        );
    }

    #[test]
    fn a_long_checklist_is_no_error() {
        let mut yaml = String::from("title: T\nitems:\n");
        for i in 0..60 {
            yaml.push_str(&format!(
                "  - text: item {i}\n    kind: good\n    cites: a\n"
            ));
        }
        let list = resolve(&raw(&yaml), &[heading("a", "A")]).unwrap();
        assert_eq!(list.items.len(), 60);
        assert_eq!(list.items[59].number, 60);
    }

    #[test]
    fn unknown_kind_lists_the_valid_ones() {
        let err = crate::yaml::from_str::<RawChecklist>(
            "title: T\nitems:\n  - text: x\n    kind: rules-out\n    cites: a\n",
        )
        .unwrap_err();
        assert_eq!(
            err.message,
            "unknown value `rules-out` (in `items[0].kind`)"
        );
        assert_eq!(err.line, 4);
        assert_eq!(
            err.help.as_deref(),
            Some("did you mean `rules_out`? valid values are: good, rules_out, ask_professional")
        );
    }
}
