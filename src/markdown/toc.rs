//! The table of contents, nested by heading level.

use serde::Serialize;

use super::{Heading, is_question};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub id: String,
    pub title: String,
    pub level: u8,
    pub is_question: bool,
    pub children: Vec<TocEntry>,
}

/// Nests headings of levels 1 to `max_level` under the closest shallower
/// heading before them. A level that skips (`##` then `####`) nests one step.
pub fn build_toc(headings: &[Heading], max_level: u8) -> Vec<TocEntry> {
    let mut roots: Vec<TocEntry> = Vec::new();
    for heading in headings.iter().filter(|h| h.level <= max_level) {
        let entry = TocEntry {
            id: heading.id.clone(),
            title: heading.text.clone(),
            level: heading.level,
            is_question: heading.level == 2 && is_question(&heading.text),
            children: Vec::new(),
        };
        insert(&mut roots, entry);
    }
    roots
}

fn insert(siblings: &mut Vec<TocEntry>, entry: TocEntry) {
    match siblings.last_mut() {
        Some(last) if last.level < entry.level => insert(&mut last.children, entry),
        _ => siblings.push(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(level: u8, text: &str) -> Heading {
        Heading {
            level,
            id: super::super::slug::slugify(text),
            text: text.to_string(),
            html: text.to_string(),
            offset: 0,
        }
    }

    #[test]
    fn nests_by_level() {
        let toc = build_toc(
            &[
                h(2, "Why?"),
                h(3, "Detail"),
                h(4, "Too deep"),
                h(2, "Wrap up"),
                h(3, "More"),
            ],
            3,
        );
        assert_eq!(toc.len(), 2);
        assert!(toc[0].is_question);
        assert_eq!(toc[0].children.len(), 1);
        assert_eq!(toc[0].children[0].title, "Detail");
        assert!(toc[0].children[0].children.is_empty());
        assert!(!toc[1].is_question);
        assert_eq!(toc[1].children[0].id, "more");
    }

    #[test]
    fn a_leading_deep_heading_is_a_root() {
        let toc = build_toc(&[h(3, "Aside"), h(2, "Main")], 3);
        assert_eq!(toc.len(), 2);
    }
}
