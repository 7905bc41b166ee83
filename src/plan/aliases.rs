//! Old URLs that must keep working (`aliases` in front matter), checked
//! against every other file of the output plan and against each other.

use super::owners::Owners;
use crate::diagnostics::Diagnostic;
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
/// the plan (its `owners`) and returns the valid ones; each problem is located at the alias
/// in its article's front matter.
pub(super) fn resolve(
    owners: Owners,
    headers: &Headers,
    assets: &[Asset],
) -> (Vec<Alias>, Vec<Diagnostic>) {
    if headers.published.iter().all(|h| h.front.aliases.is_empty()) {
        return (Vec::new(), Vec::new());
    }
    let mut taken = owners.with_assets(assets);
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
