//! Old URLs that must keep working (`aliases` in front matter), checked
//! against every other file of the output plan and against each other.

use std::collections::HashMap;

use super::{HOST_FILES, OutputPlan, is_fingerprinted};
use crate::diagnostics::Diagnostic;
use crate::layout;
use crate::page::Header;
use crate::site::Headers;
use crate::source::Asset;
use crate::yaml::Step;

/// One validated alias: where the old URL's file goes and where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The old site path, e.g. `old-page/` or `old.html`.
    pub path: String,
    /// The page's site path.
    pub target: String,
    pub title: String,
}

impl Alias {
    /// The file written for the alias, relative to the output folder.
    pub fn output_file(&self) -> String {
        if self.path.ends_with('/') || self.path.is_empty() {
            format!("{}index.html", self.path)
        } else {
            self.path.clone()
        }
    }
}

const HELP: &str = "an alias is an old path of this article on this site, e.g. `/old-name/` or `/2019/old-name.html`";

/// Checks every alias of the published articles against the rest of
/// `plan` and returns the valid ones; each problem is located at the alias
/// in its article's front matter.
pub(super) fn resolve(
    plan: &OutputPlan,
    headers: &Headers,
    assets: &[Asset],
) -> (Vec<Alias>, Vec<Diagnostic>) {
    if headers.published.iter().all(|h| h.front.aliases.is_empty()) {
        // Most sites have none: skip naming every file of the site.
        return (Vec::new(), Vec::new());
    }
    let mut taken = Owners::of(plan, headers, assets);
    let mut aliases = Vec::new();
    let mut diagnostics = Vec::new();
    for header in &headers.published {
        for (i, raw) in header.front.aliases.iter().enumerate() {
            match claim(&mut taken, header, raw) {
                Ok(alias) => aliases.push(alias),
                Err(message) => diagnostics.push(message.located(header, i)),
            }
        }
    }
    (aliases, diagnostics)
}

/// What is wrong with one alias.
struct Problem {
    message: String,
    help: &'static str,
}

impl Problem {
    fn located(self, header: &Header, i: usize) -> Diagnostic {
        crate::frontmatter::error_at(
            &header.file,
            &header.split(),
            &[Step::Key("aliases"), Step::Index(i)],
            self.message,
        )
        .with_help(self.help)
    }
}

/// The alias `raw` of `header`, claiming its file in `taken`.
fn claim(taken: &mut Owners, header: &Header, raw: &str) -> Result<Alias, Problem> {
    let path = normalise(raw).map_err(|message| Problem {
        message,
        help: HELP,
    })?;
    let alias = Alias {
        path,
        target: header.path.clone(),
        title: header.front.title.clone(),
    };
    let file = alias.output_file();
    if let Some(owner) = taken.owner(&file) {
        return Err(Problem {
            message: format!("the alias `{raw}` is already the address of {owner}"),
            help: "remove the alias, or give the other page another name",
        });
    }
    if let Some((folder, owner)) = taken.folder_owner(&file) {
        return Err(Problem {
            message: format!(
                "the alias `{raw}` needs a folder `/{folder}/`, but `/{folder}` is {owner}"
            ),
            help: "remove the alias, or give it a path outside that folder",
        });
    }
    taken.claim(
        file,
        format!("an alias of the article `{}`", header.file.path),
    );
    Ok(alias)
}

/// Every planned file and a phrase naming its owner, for diagnostics.
struct Owners {
    owners: HashMap<String, String>,
    /// Folders reserved whole: the listing's later pages, and the tag
    /// pages when there are any.
    reserved: Vec<(String, &'static str)>,
}

impl Owners {
    fn of(plan: &OutputPlan, headers: &Headers, assets: &[Asset]) -> Self {
        let mut owners = Owners {
            owners: HashMap::new(),
            reserved: Vec::new(),
        };
        if let Some(listing) = &plan.listing {
            let prefix = listing.later_pages_prefix();
            owners
                .reserved
                .push((prefix, "a page of the list of articles"));
        }
        if let Some(index) = plan.tag_index() {
            owners.claim(format!("{index}index.html"), "the list of tags".into());
            for tag in &plan.tags {
                let owner = format!("the page of the tag `{}`", tag.name);
                owners.claim(tag.listing.page_file(1), owner);
            }
            owners.reserved.push((index, "a tag page"));
        }
        if let Some(script) = &plan.search_script {
            owners.claim(script.clone(), "the search box's script".into());
            let index = format!("{}/", layout::SEARCH_DIR);
            owners.reserved.push((index, "the search index"));
        }
        if let Some(script) = &plan.checklist_script {
            owners.claim(script.clone(), "the checklist's script".into());
        }
        for person in &plan.authors {
            let owner = format!("the page of `{}`", person.id);
            owners.claim(person.listing.page_file(1), owner);
        }
        if !plan.authors.is_empty() {
            let prefix = format!("{}/", crate::layout::AUTHORS_DIR);
            owners.reserved.push((prefix, "a person's page"));
        }
        for header in &headers.published {
            let owner = format!("the article `{}`", header.file.path);
            owners.claim(header.output_file(), owner);
        }
        if let Some(listing) = &plan.listing {
            for n in 1..=listing.pages {
                let owner = match n {
                    1 => "the list of articles".to_string(),
                    n => format!("page {n} of the list of articles"),
                };
                owners.claim(listing.page_file(n), owner);
            }
        }
        for (tag, listing) in &plan.translations.listings {
            let owner = format!("the list of `{tag}` articles");
            owners
                .reserved
                .push((listing.later_pages_prefix(), "a page of a list of articles"));
            for n in 1..=listing.pages {
                owners.claim(listing.page_file(n), owner.clone());
            }
        }
        for (tag, feed) in &plan.translations.feeds {
            owners.claim(feed.clone(), format!("the feed of the `{tag}` articles"));
        }
        if let Some(script) = &plan.switch_script {
            owners.claim(script.clone(), "the language switcher's script".into());
        }
        for asset in assets {
            owners.claim(
                asset.rel.clone(),
                format!("the file `content/{}`", asset.rel),
            );
        }
        for file in HOST_FILES {
            owners.claim(file.to_string(), "a file faqpress writes itself".into());
        }
        owners
    }

    /// Who already has `file`.
    fn owner(&self, file: &str) -> Option<&str> {
        self.owner_of_file(file).or_else(|| {
            self.reserved
                .iter()
                .find(|(prefix, _)| file.starts_with(prefix.as_str()))
                .map(|(_, owner)| *owner)
        })
    }

    /// A folder `file` needs that is a file already, with its owner: the
    /// alias `/sitemap.xml` is the page `sitemap.xml/index.html`, which
    /// cannot be written beside the file `sitemap.xml`.
    fn folder_owner<'f>(&self, file: &'f str) -> Option<(&'f str, &str)> {
        file.match_indices('/')
            .map(|(i, _)| &file[..i])
            .find_map(|folder| Some((folder, self.owner_of_file(folder)?)))
    }

    /// Who has the file `path`: a planned file, a fingerprinted asset (any
    /// `style.<hash>.css`, so a changed stylesheet never meets an alias
    /// either) or a part of the sitemap (a site may grow into any).
    fn owner_of_file(&self, path: &str) -> Option<&str> {
        if is_fingerprinted(path) {
            return Some("the theme's stylesheet");
        }
        if crate::publish::sitemap::is_part_name(path) {
            return Some("a part of the sitemap");
        }
        self.owners.get(path).map(String::as_str)
    }

    /// Adds `file`, keeping the first owner if it is already planned.
    fn claim(&mut self, file: String, owner: String) {
        self.owners.entry(file).or_insert(owner);
    }
}

/// `/old/`, `old`, `/old.html` → the site path `old/` or `old.html`.
fn normalise(raw: &str) -> Result<String, String> {
    let text = raw.trim();
    if text.contains("://") || text.starts_with("//") {
        return Err(format!(
            "the alias `{raw}` is a full URL, not a path on this site"
        ));
    }
    if text.contains(['?', '#', '\\', ' ', '"', '<', '>']) || text.chars().any(char::is_control) {
        return Err(format!(
            "the alias `{raw}` cannot contain `?`, `#`, spaces or backslashes"
        ));
    }
    let trimmed = text.trim_start_matches('/');
    if trimmed.is_empty() {
        return Err("an alias cannot be the home page".to_string());
    }
    if trimmed
        .split('/')
        .any(|s| s == ".." || s == "." || (s.is_empty() && !trimmed.ends_with('/')))
        || trimmed.contains("//")
    {
        return Err(format!("the alias `{raw}` has an empty, `.` or `..` part"));
    }
    if trimmed.ends_with('/') || trimmed.ends_with(".html") || trimmed.ends_with(".htm") {
        Ok(trimmed.to_string())
    } else {
        Ok(format!("{trimmed}/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised() {
        assert_eq!(normalise("/old/").unwrap(), "old/");
        assert_eq!(normalise("old").unwrap(), "old/");
        assert_eq!(normalise("/2019/old.html").unwrap(), "2019/old.html");
    }

    #[test]
    fn what_is_not_a_site_path_is_refused() {
        for bad in [
            "https://a.org/x",
            "//a.org/x",
            "/",
            "",
            "../x",
            "/a/../b",
            "a//b",
            "a?b",
            "a b",
        ] {
            assert!(normalise(bad).is_err(), "{bad}");
        }
    }
}
