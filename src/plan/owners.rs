//! Who writes each file of the output plan, so that nothing a site puts in
//! `content/` and no alias can silently replace another file of the build
//! (whichever was written last would win).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use super::{HOST_FILES, OutputPlan, is_fingerprinted};
use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::layout;
use crate::page::Header;
use crate::site::Headers;
use crate::source::Asset;

/// Every planned file and a phrase naming its owner, for diagnostics.
pub(super) struct Owners<'a> {
    files: HashMap<String, String>,
    /// The articles, sorted by site path (`guide/`, written as
    /// `guide/index.html`): searched, not copied into the map, and
    /// described only when one is met, since a large site has a hundred
    /// thousand.
    pages: &'a [Arc<Header>],
    /// Folders reserved whole: the listing's later pages, and the tag
    /// pages when there are any.
    reserved: Vec<(String, &'static str)>,
}

impl<'a> Owners<'a> {
    /// Every file `plan` and the articles of `headers` write, except the
    /// copied files of `content/` ([`Owners::with_assets`] adds them).
    pub(super) fn of(plan: &OutputPlan, headers: &'a Headers) -> Self {
        let mut owners = Owners {
            files: HashMap::new(),
            pages: &headers.published,
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
        for file in HOST_FILES {
            owners.claim(file.to_string(), "a file faqpress writes itself".into());
        }
        owners
    }

    /// Adds the files copied from `content/`.
    pub(super) fn with_assets(mut self, assets: &[Asset]) -> Self {
        for asset in assets {
            self.claim(
                asset.rel.clone(),
                format!("the file `{}`", layout::content_path(&asset.rel)),
            );
        }
        self
    }

    /// Who already has `file`.
    pub(super) fn owner(&self, file: &str) -> Option<Cow<'_, str>> {
        self.owner_of_file(file).or_else(|| {
            self.reserved
                .iter()
                .find(|(prefix, _)| file.starts_with(prefix.as_str()))
                .map(|(_, owner)| Cow::Borrowed(*owner))
        })
    }

    /// A folder `file` needs that is a file already, with its owner: the
    /// alias `/sitemap.xml` is the page `sitemap.xml/index.html`, which
    /// cannot be written beside the file `sitemap.xml`.
    pub(super) fn folder_owner<'f>(&self, file: &'f str) -> Option<(&'f str, Cow<'_, str>)> {
        file.match_indices('/')
            .map(|(i, _)| &file[..i])
            .find_map(|folder| Some((folder, self.owner_of_file(folder)?)))
    }

    /// Who has the file `path`: a planned file, a fingerprinted asset (any
    /// `style.<hash>.css`, so a changed stylesheet never meets an alias
    /// either) or a part of the sitemap (a site may grow into any).
    fn owner_of_file(&self, path: &str) -> Option<Cow<'_, str>> {
        if is_fingerprinted(path) {
            return Some(Cow::Borrowed("the theme's stylesheet"));
        }
        if crate::publish::sitemap::is_part_name(path) {
            return Some(Cow::Borrowed("a part of the sitemap"));
        }
        if let Some(owner) = self.files.get(path) {
            return Some(Cow::Borrowed(owner));
        }
        let page = self.page(path.strip_suffix("index.html")?)?;
        Some(Cow::Owned(format!("the article `{}`", page.file.path)))
    }

    /// The article whose site path is `path`.
    fn page(&self, path: &str) -> Option<&'a Header> {
        let i = self
            .pages
            .binary_search_by(|h| h.path.as_str().cmp(path))
            .ok()?;
        Some(&self.pages[i])
    }

    /// Adds `file`, keeping the first owner if it is already planned.
    pub(super) fn claim(&mut self, file: String, owner: String) {
        self.files.entry(file).or_insert(owner);
    }
}

/// Files of `content/` a site may ship in place of faqpress's own: the
/// build then leaves its own out ([`crate::publish::files`]).
pub const SITE_MAY_REPLACE: &[&str] = &[layout::FAVICON_SVG, layout::FAVICON_ICO, layout::ROBOTS];

impl Owners<'_> {
    /// A located error for each article whose URL needs a folder where
    /// the build writes a file: `content/sitemap.xml.md` is
    /// `/sitemap.xml/`, which cannot be written beside `sitemap.xml`.
    pub(super) fn page_folder_clashes(&self) -> Vec<Diagnostic> {
        self.pages
            .iter()
            .filter(|h| may_name_a_file(&h.path))
            .filter_map(|h| {
                let file = h.output_file();
                let (folder, owner) = self.folder_owner(&file)?;
                let message = format!(
                    "this article's URL `/{}` needs a folder `/{folder}/`, but `/{folder}` is {owner}",
                    h.path
                );
                let located = match h.front.slug {
                    Some(_) => crate::frontmatter::error_at(
                        &h.file,
                        &h.split(),
                        &[crate::yaml::Step::Key("slug")],
                        message,
                    ),
                    None => Diagnostic::error(&h.file.path, message).at(&h.file.text, 1, 1),
                };
                Some(located.with_help("rename the article's file, or give it another `slug`"))
            })
            .collect()
    }

    /// A located error for each file of `content/` that would be copied
    /// onto a file the build writes itself (a page, a listing,
    /// `_headers`…), or into or as a folder it needs. Only the files of
    /// [`SITE_MAY_REPLACE`] may take the place of faqpress's own, and
    /// `CNAME` when `site.yaml` sets no `domain`.
    pub(super) fn asset_clashes(&self, site: &Site, assets: &[Asset]) -> Vec<Diagnostic> {
        let replaceable = |rel: &str| {
            SITE_MAY_REPLACE.contains(&rel) || (rel == layout::CNAME && site.domain.is_none())
        };
        assets
            .iter()
            .filter(|a| !replaceable(&a.rel))
            .filter_map(|asset| {
                let message = self.asset_clash(&asset.rel)?;
                let path = layout::content_path(&asset.rel);
                Some(Diagnostic::error(&path, message).with_help(help_for(&asset.rel, &path)))
            })
            .collect()
    }

    /// What the copied file `rel` would clash with, if anything.
    fn asset_clash(&self, rel: &str) -> Option<String> {
        let folder = format!("{rel}/");
        if let Some(owner) = self.owner(rel) {
            return Some(format!(
                "this file would be copied to `/{rel}`, which is {owner}"
            ));
        }
        if let Some((folder, owner)) = self.folder_owner(rel) {
            return Some(format!(
                "this file needs a folder `/{folder}/`, but `/{folder}` is {owner}"
            ));
        }
        if let Some(page) = self.page(&folder) {
            return Some(format!(
                "the article `{}` needs a folder `/{folder}` where this file would be",
                page.file.path
            ));
        }
        let (_, owner) = self.reserved.iter().find(|(p, _)| *p == folder)?;
        Some(format!(
            "`/{folder}` is a folder that holds {owner}, where this file would be"
        ))
    }
}

/// Whether a site path could have a folder named like a file the build
/// writes: every such file has a `.` in its name (`sitemap.xml`,
/// `index.html`, `style.<hash>.css`) but `_headers`, `_redirects` and
/// `CNAME`, which are written at the root only. Checking this first
/// spares a large site's articles (with names like `aftercare/`) the
/// folder-by-folder search.
fn may_name_a_file(path: &str) -> bool {
    let first = path.split('/').next().unwrap_or_default();
    path.contains('.') || [layout::HEADERS, layout::REDIRECTS, layout::CNAME].contains(&first)
}

/// How to do what a clashing file was probably meant to do.
fn help_for(rel: &str, path: &str) -> String {
    match rel {
        layout::NOT_FOUND_PAGE => format!(
            "faqpress writes the page shown for a missing address: to change it, move `{path}` to `templates/404.html` (a template)"
        ),
        layout::HEADERS => format!(
            "faqpress writes `_headers` with the Content-Security-Policy and caching its pages need: remove `{path}`"
        ),
        layout::REDIRECTS => format!(
            "faqpress writes `_redirects` from the articles' `aliases:`: list each old address there and remove `{path}`"
        ),
        layout::CNAME => format!(
            "`domain:` in site.yaml already writes `CNAME`: keep one of the two (remove `{path}` or the `domain:` line)"
        ),
        _ => format!("rename or move `{path}`, or remove it"),
    }
}
