//! Authors and medical reviewers: the people `site.yaml` names under
//! `authors:`, and the front matter fields that point at them (`author`,
//! `reviewed_by`, with `last_reviewed`).
//!
//! A person is named by an id (the key under `authors:`), which is also
//! the last part of their page's URL (`authors/<id>/`), so a renamed
//! person keeps their page. Without an `authors:` block, `author` stays
//! a plain name, as it always was.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::frontmatter::FrontMatter;
use crate::page::Header;
use crate::source::SourceFile;
use crate::yaml::{self, Step};

/// One person as `site.yaml` describes them.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RawPerson {
    pub name: String,
    /// Degrees and certifications, as they follow the name: `[MD, FAAD]`.
    #[serde(default)]
    pub credentials: Vec<String>,
    #[serde(default)]
    pub job_title: Option<String>,
    #[serde(default)]
    pub bio: Option<String>,
    /// Profiles elsewhere (a registry entry, a clinic's page): the
    /// JSON-LD's `sameAs`.
    #[serde(default)]
    pub links: Vec<String>,
    /// A picture in `content/` (`images/jane.jpg`), for the JSON-LD.
    #[serde(default)]
    pub photo: Option<String>,
}

/// A person of the site, with their id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub credentials: Vec<String>,
    pub job_title: Option<String>,
    pub bio: Option<String>,
    pub links: Vec<String>,
    pub photo: Option<String>,
}

impl Person {
    /// `MD, FAAD`: what follows the name in a byline.
    pub fn credentials_text(&self) -> String {
        self.credentials.join(", ")
    }

    /// The site path of their page.
    pub fn page_path(&self) -> String {
        format!("{}/{}/", crate::layout::AUTHORS_DIR, self.id)
    }
}

/// Every person of the site, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct People(Vec<Person>);

impl People {
    pub fn get(&self, id: &str) -> Option<&Person> {
        self.0.iter().find(|p| p.id == id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Person> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn ids(&self) -> Vec<&str> {
        self.0.iter().map(|p| p.id.as_str()).collect()
    }
}

/// The `authors:` block checked: every id is a URL part, every name set.
pub fn resolve(raw: BTreeMap<String, RawPerson>, file: &SourceFile) -> Result<People, Diagnostic> {
    let mut people = Vec::with_capacity(raw.len());
    for (id, person) in raw {
        let at = |message: String| {
            let d = Diagnostic::error(&file.path, message);
            match yaml::locate(&file.text, &[Step::Key("authors"), Step::Key(&id)]) {
                Some((line, col)) => d.at(&file.text, line, col),
                None => d,
            }
        };
        if !is_id(&id) {
            return Err(at(format!("`{id}` cannot be a person's id"))
                .with_help("an id is part of their page's URL: lower-case letters, digits and hyphens, e.g. `jane-doe`"));
        }
        if person.name.trim().is_empty() {
            return Err(at(format!("`{id}` has no name"))
                .with_help("write the name readers see, e.g. `name: Jane Doe`"));
        }
        people.push(Person {
            id,
            name: person.name,
            credentials: person.credentials,
            job_title: person.job_title,
            bio: person.bio,
            links: person.links,
            photo: person.photo,
        });
    }
    Ok(People(people))
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The author and the reviewer an article names, looked up.
#[derive(Debug, Clone, Copy, Default)]
pub struct Credits<'s> {
    pub author: Option<&'s Person>,
    pub reviewer: Option<&'s Person>,
}

/// Looks up the people `front` names (unknown ones are left out: they
/// were reported by [`check_names`]).
pub fn credits<'s>(front: &FrontMatter, people: &'s People) -> Credits<'s> {
    Credits {
        author: front.author.as_deref().and_then(|id| people.get(id)),
        reviewer: front.reviewed_by.as_deref().and_then(|id| people.get(id)),
    }
}

/// An article's `author` and `reviewed_by` must name people of the site
/// (a plain `author` name is fine on a site without `authors:`), and a
/// review needs its date.
pub fn check_names(header: &Header, people: &People) -> Vec<Diagnostic> {
    let front = &header.front;
    let mut found = Vec::new();
    if let Some(id) = &front.author {
        if !people.is_empty() && people.get(id).is_none() {
            found.push(unknown(header, "author", id, people));
        }
    }
    if let Some(id) = &front.reviewed_by {
        if people.get(id).is_none() {
            found.push(unknown(header, "reviewed_by", id, people));
        } else if front.last_reviewed.is_none() {
            found.push(
                at(header, "reviewed_by", "the review has no date".to_string()).with_help(
                    "add `last_reviewed: YYYY-MM-DD`, the day the reviewer last checked the article",
                ),
            );
        }
    }
    found
}

fn unknown(header: &Header, key: &'static str, id: &str, people: &People) -> Diagnostic {
    let ids = people.ids();
    let help = if ids.is_empty() {
        format!(
            "describe them under `authors:` in site.yaml, e.g.\nauthors:\n  {id}:\n    name: …\n    credentials: [MD]"
        )
    } else {
        let known = format!("the site's people are: {}", ids.join(", "));
        match did_you_mean(id, &ids) {
            Some(best) => format!("did you mean `{best}`? ({known})"),
            None => format!("{known}; add others under `authors:` in site.yaml"),
        }
    };
    at(
        header,
        key,
        format!("`{id}` is not one of the site's authors"),
    )
    .with_help(help)
}

fn at(header: &Header, key: &'static str, message: String) -> Diagnostic {
    crate::frontmatter::error_at(&header.file, &header.split(), &[Step::Key(key)], message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(yaml_text: &str) -> Result<People, Diagnostic> {
        #[derive(Deserialize)]
        struct Wrap {
            authors: BTreeMap<String, RawPerson>,
        }
        let file = SourceFile::new("site.yaml", yaml_text);
        let wrap: Wrap = yaml::from_str(yaml_text).unwrap();
        resolve(wrap.authors, &file)
    }

    #[test]
    fn people_are_found_by_id() {
        let p = people("authors:\n  jane-doe:\n    name: Jane Doe\n    credentials: [MD, FAAD]\n")
            .unwrap();
        let jane = p.get("jane-doe").unwrap();
        assert_eq!(jane.credentials_text(), "MD, FAAD");
        assert_eq!(jane.page_path(), "authors/jane-doe/");
    }

    #[test]
    fn a_bad_id_or_an_empty_name_is_located() {
        let err = people("authors:\n  Jane Doe:\n    name: Jane\n").unwrap_err();
        assert_eq!(err.location(), "site.yaml:2:3");
        let err = people("authors:\n  jane:\n    name: ' '\n").unwrap_err();
        assert_eq!(err.message, "`jane` has no name");
    }
}
