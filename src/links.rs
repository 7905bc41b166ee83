//! Resolving the links an editor writes in Markdown (`aftercare.md`,
//! `../faq.md#cost`, `/aftercare/`, `photo.jpg`) into URLs under the base
//! path, and remembering `#fragments` to check once every page has its ids.

use std::cell::RefCell;
use std::sync::Arc;
// Built on every rebuild of a large site: a fast hash matters, and the
// keys are the site's own paths.
use foldhash::{HashMap, HashSet};

use crate::diagnostics::did_you_mean;
use crate::images::{Catalog, Picture};
use crate::markdown::{Expansion, Hooks, Problem, ResolvedLink};
use crate::url::BaseUrl;

/// Every page and file of the site, by the names editors use for them.
#[derive(Debug, Default)]
pub struct SiteIndex<'a> {
    /// `aftercare.md` → `aftercare/`.
    pub page_by_source: HashMap<&'a str, &'a str>,
    /// Site paths of every page: ``, `aftercare/`.
    pub page_paths: HashSet<&'a str>,
    /// Articles left out of this build because they are drafts.
    pub drafts: HashSet<&'a str>,
    /// Paths of files in `content/` that are copied as they are.
    pub assets: HashSet<&'a str>,
    /// The images among them that faqpress resizes.
    pub images: Option<&'a Catalog<'a>>,
}

/// Resolves the links of one page against the index.
pub struct LinkResolver<'s, 'a> {
    pub index: &'s SiteIndex<'a>,
    pub base: &'s BaseUrl,
    /// The article's path inside `content/`, e.g. `guides/aftercare.md`.
    pub source: &'s str,
    /// The article's own site path.
    pub own_path: &'s str,
}

/// One link a page resolved, and the outcome. A page whose links all
/// resolve the same way against another index renders the same, which is
/// how `serve` keeps pages when articles come and go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkLookup {
    pub dest: String,
    pub is_image: bool,
    pub outcome: Result<ResolvedLink, Problem>,
}

impl LinkResolver<'_, '_> {
    /// Whether every lookup still has the same outcome.
    pub fn resolves_as_before(&self, lookups: &[LinkLookup]) -> bool {
        lookups
            .iter()
            .all(|l| self.resolve(&l.dest, l.is_image) == l.outcome)
    }
}

/// The hooks for rendering one page: links through `resolver`, `{{ … }}`
/// markers through `expand`, and, when asked for, a log of every link
/// looked up.
pub struct PageLinks<'s, 'a, E: Fn(&str) -> Result<Expansion, Problem>> {
    pub resolver: LinkResolver<'s, 'a>,
    pub expand: E,
    pub lookups: Option<RefCell<Vec<LinkLookup>>>,
}

impl<E: Fn(&str) -> Result<Expansion, Problem>> Hooks for PageLinks<'_, '_, E> {
    fn resolve_link(&self, dest: &str, is_image: bool) -> Result<ResolvedLink, Problem> {
        let outcome = self.resolver.resolve(dest, is_image);
        if let Some(lookups) = &self.lookups {
            lookups.borrow_mut().push(LinkLookup {
                dest: dest.to_string(),
                is_image,
                outcome: outcome.clone(),
            });
        }
        outcome
    }

    fn expand(&self, expression: &str) -> Result<Expansion, Problem> {
        (self.expand)(expression)
    }
}

impl LinkResolver<'_, '_> {
    fn resolve(&self, dest: &str, is_image: bool) -> Result<ResolvedLink, Problem> {
        if let Some(scheme) = dangerous_scheme(dest) {
            return Err(dangerous_link(dest, scheme));
        }
        if dest.is_empty() || is_external(dest) {
            return Ok(ResolvedLink::unchanged(dest));
        }
        let (before_fragment, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let (path, query) = match before_fragment.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (before_fragment, None),
        };
        let suffix = |out: &mut String| {
            if let Some(q) = query {
                out.push('?');
                out.push_str(q);
            }
            if let Some(f) = fragment {
                out.push('#');
                out.push_str(f);
            }
        };
        // Files are named as decoded: `my%20photo.jpg` is `my photo.jpg`.
        let Some(path) = crate::url::decode_path(path) else {
            return Err(Problem::error(format!(
                "`{dest}` has `%` escapes that do not spell a file name"
            ))
            .with_help("write the file's name as it is, or escape a `%` as `%25`"));
        };
        let path = path.as_ref();
        if path.is_empty() {
            let mut url = String::new();
            suffix(&mut url);
            return Ok(ResolvedLink {
                url,
                anchor: fragment.map(|f| (self.own_path.to_string(), f.to_string())),
                picture: None,
            });
        }
        let target = if let Some(absolute) = path.strip_prefix('/') {
            self.site_target(absolute, dest)?
        } else {
            let joined = join(parent(self.source), path).ok_or_else(|| {
                Problem::error(format!("`{dest}` points outside the site's content"))
                    .with_help("link to an article inside `content/`")
            })?;
            self.content_target(&joined, dest, is_image)?
        };
        let mut url = self.base.url(&target.path);
        suffix(&mut url);
        let picture = match is_image && !target.is_page {
            true => self.picture(&target.path, dest)?,
            false => None,
        };
        let anchor = match (fragment, target.is_page) {
            (Some(f), true) => Some((target.path, f.to_string())),
            _ => None,
        };
        Ok(ResolvedLink {
            url,
            anchor,
            picture,
        })
    }

    /// The `<picture>` the image `rel` becomes, if faqpress resizes it.
    fn picture(&self, rel: &str, dest: &str) -> Result<Option<Arc<Picture>>, Problem> {
        match self.index.images.and_then(|c| c.picture(rel)) {
            None => Ok(None),
            Some(Ok(picture)) => Ok(Some(picture)),
            Some(Err(why)) => Err(Problem::error(format!(
                "the image `{dest}` cannot be used: {why}"
            ))
            .with_help(
                "export it again as a JPEG, PNG or WebP at a web size (a few thousand pixels wide at most)",
            )),
        }
    }

    /// A path written from the site root: `/aftercare/`, `/img/a.png`.
    fn site_target(&self, path: &str, dest: &str) -> Result<Target, Problem> {
        let as_page = if path.is_empty() || path.ends_with('/') {
            path.to_string()
        } else if let Some(dir) = path.strip_suffix("index.html") {
            dir.to_string()
        } else {
            format!("{path}/")
        };
        if self.index.page_paths.contains(as_page.as_str()) {
            return Ok(Target::page(as_page));
        }
        if self.index.assets.contains(path) {
            return Ok(Target::file(path));
        }
        Err(self.missing(dest, &as_page))
    }

    /// A path relative to the article's folder: `aftercare.md`, `photo.jpg`.
    fn content_target(&self, joined: &str, dest: &str, is_image: bool) -> Result<Target, Problem> {
        if joined.ends_with(".md") {
            return match self.index.page_by_source.get(joined) {
                Some(path) => Ok(Target::page(*path)),
                None if self.index.drafts.contains(joined) => Err(Problem::error(format!(
                    "`{dest}` links to a draft, which this build leaves out"
                ))
                .with_help(
                    "publish it (remove `draft: true`), build with `--drafts`, or remove the link",
                )),
                None => {
                    let sources: Vec<&str> = self.index.page_by_source.keys().copied().collect();
                    let mut sorted = sources.clone();
                    sorted.sort_unstable();
                    let help = match did_you_mean(joined, &sorted) {
                        Some(best) => format!(
                            "did you mean `{best}`? (paths are relative to this article's folder)"
                        ),
                        None => "check the file name; paths are relative to this article's folder"
                            .to_string(),
                    };
                    Err(
                        Problem::error(format!("`{dest}` links to an article that does not exist"))
                            .with_help(help),
                    )
                }
            };
        }
        if self.index.assets.contains(joined) {
            return Ok(Target::file(joined));
        }
        let as_page = format!("{}/", joined.trim_end_matches('/'));
        if !is_image && self.index.page_paths.contains(as_page.as_str()) {
            return Ok(Target::page(as_page));
        }
        if is_image {
            return Err(
                Problem::error(format!("the image `{dest}` does not exist")).with_help(
                    "put the image file in `content/` next to the article and check its name",
                ),
            );
        }
        Err(self.missing(dest, &as_page))
    }

    fn missing(&self, dest: &str, as_page: &str) -> Problem {
        let mut paths: Vec<&str> = self.index.page_paths.iter().copied().collect();
        paths.sort_unstable();
        let help = match did_you_mean(as_page, &paths) {
            Some(best) => format!("did you mean `/{best}`?"),
            None => {
                "link to an article by its file name, e.g. `[aftercare](aftercare.md)`".to_string()
            }
        };
        Problem::error(format!(
            "`{dest}` links to a page or file that does not exist"
        ))
        .with_help(help)
    }
}

struct Target {
    path: String,
    is_page: bool,
}

impl Target {
    fn page(path: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            is_page: true,
        }
    }

    fn file(path: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            is_page: false,
        }
    }
}

/// Schemes a link written in Markdown may not use: the first two run code
/// when clicked, `file:` sends the reader to their own disk. GitHub Pages
/// ignores `_headers`, so the Content-Security-Policy cannot be relied on
/// to stop them. (Raw HTML is left to the editor, as the README says.)
const DANGEROUS_SCHEMES: [&str; 3] = ["javascript", "vbscript", "file"];

/// The dangerous scheme `dest` uses, judged the way a browser reads the
/// URL: pulldown-cmark has already decoded entities (`&#106;avascript:`),
/// and browsers drop leading and trailing control characters and spaces
/// and every tab and newline (`java\tscript:`), and ignore case.
pub fn dangerous_scheme(dest: &str) -> Option<&'static str> {
    let cleaned: String = dest
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|&c| c != ':')
        .collect();
    if !dest.contains(':') {
        return None;
    }
    let scheme = cleaned.to_ascii_lowercase();
    DANGEROUS_SCHEMES.into_iter().find(|s| *s == scheme)
}

fn dangerous_link(dest: &str, scheme: &str) -> Problem {
    let shown: String = dest.chars().take(60).collect();
    let what = if scheme == "file" {
        "points at a file on the reader's own computer, not on the site"
    } else {
        "would run code in the reader's browser"
    };
    Problem::error(format!(
        "`{}` is a `{scheme}:` link, which {what}",
        shown.escape_debug()
    ))
    .with_help("link to an article (`aftercare.md`), a file in `content/` or an `https://` address")
}

/// `http:`, `mailto:`, `//cdn…`: left exactly as written.
pub fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(colon) => {
            let scheme = &dest[..colon];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !dest[..colon].contains('/')
        }
        None => false,
    }
}

fn parent(source: &str) -> &str {
    match source.rfind('/') {
        Some(i) => &source[..=i],
        None => "",
    }
}

/// Joins a relative path onto a folder, resolving `.` and `..`; `None` if
/// it climbs above the content root.
pub fn join(dir: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let trailing = relative.ends_with('/');
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if trailing && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SiteIndex<'static> {
        let mut index = SiteIndex::default();
        for (source, path) in [
            ("index.md", ""),
            ("aftercare.md", "aftercare/"),
            ("guides/cost.md", "guides/cost/"),
        ] {
            index.page_by_source.insert(source, path);
            index.page_paths.insert(path);
        }
        index.drafts.insert("secret.md");
        index.assets.insert("guides/photo.png");
        index.assets.insert("guides/my photo.png");
        index
    }

    fn resolve(source: &str, dest: &str, is_image: bool) -> Result<String, String> {
        let index = index();
        let base = BaseUrl::parse("https://u.github.io/repo/").unwrap();
        let links = LinkResolver {
            index: &index,
            base: &base,
            source,
            own_path: "x/",
        };
        links
            .resolve(dest, is_image)
            .map(|l| l.url)
            .map_err(|p| p.message)
    }

    #[test]
    fn markdown_links_become_prefixed_urls() {
        assert_eq!(
            resolve("index.md", "aftercare.md", false).unwrap(),
            "/repo/aftercare/"
        );
        assert_eq!(
            resolve("guides/cost.md", "../aftercare.md#x", false).unwrap(),
            "/repo/aftercare/#x"
        );
        assert_eq!(
            resolve("guides/cost.md", "photo.png", true).unwrap(),
            "/repo/guides/photo.png"
        );
        assert_eq!(
            resolve("index.md", "/aftercare/", false).unwrap(),
            "/repo/aftercare/"
        );
        assert_eq!(
            resolve("index.md", "/aftercare", false).unwrap(),
            "/repo/aftercare/"
        );
        assert_eq!(resolve("index.md", "/", false).unwrap(), "/repo/");
        assert_eq!(resolve("index.md", "#top", false).unwrap(), "#top");
        assert_eq!(
            resolve("index.md", "https://example.com/x", false).unwrap(),
            "https://example.com/x"
        );
        assert_eq!(
            resolve("index.md", "mailto:a@b.c", false).unwrap(),
            "mailto:a@b.c"
        );
    }

    #[test]
    fn escaped_names_find_their_files() {
        // The URL keeps the raw name: the HTML writer escapes it once.
        assert_eq!(
            resolve("guides/cost.md", "my%20photo.png", true).unwrap(),
            "/repo/guides/my photo.png"
        );
        assert_eq!(
            resolve("guides/cost.md", "my photo.png", true).unwrap(),
            "/repo/guides/my photo.png"
        );
        assert!(
            resolve("guides/cost.md", "my%FFphoto.png", true)
                .unwrap_err()
                .contains("`%` escapes")
        );
    }

    #[test]
    fn broken_links_are_errors() {
        assert_eq!(
            resolve("index.md", "afercare.md", false).unwrap_err(),
            "`afercare.md` links to an article that does not exist"
        );
        assert!(
            resolve("index.md", "secret.md", false)
                .unwrap_err()
                .contains("draft")
        );
        assert!(
            resolve("index.md", "../../etc/passwd", false)
                .unwrap_err()
                .contains("outside")
        );
        assert!(resolve("index.md", "/nope/", false).is_err());
        assert!(
            resolve("index.md", "missing.png", true)
                .unwrap_err()
                .contains("image")
        );
    }

    #[test]
    fn script_and_file_links_are_errors_however_written() {
        for (dest, scheme) in [
            ("javascript:alert(1)", "javascript"),
            ("JavaScript:alert(1)", "javascript"),
            (" \u{1}javascript:alert(1)", "javascript"),
            ("java\tscr\nipt:alert(1)", "javascript"),
            ("VBScript:msgbox", "vbscript"),
            ("file:///etc/passwd", "file"),
            ("FILE:C:/x", "file"),
        ] {
            assert_eq!(dangerous_scheme(dest), Some(scheme), "{dest:?}");
            for is_image in [false, true] {
                let err = resolve("index.md", dest, is_image).unwrap_err();
                assert!(err.contains(&format!("`{scheme}:` link")), "{err}");
            }
        }
        for fine in [
            "https://example.com/javascript:x",
            "aftercare.md",
            "mailto:a@b.c",
            "javascript",
            "/files/file:x",
            "#javascript:x",
        ] {
            assert_eq!(dangerous_scheme(fine), None, "{fine}");
        }
    }

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join("a/b/", "../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(join("", "./c.md").as_deref(), Some("c.md"));
        assert_eq!(join("", "../c.md"), None);
    }
}
