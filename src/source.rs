//! Loading a site from disk: the only stage (with `output`) that reads files.
//! Everything it returns is plain text and paths, so later stages can be
//! tested from strings.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

mod bodies;
mod unread;
pub use bodies::Bodies;
use bodies::without_body;

use crate::diagnostics::{Diagnostic, line_column};
use crate::layout::{self, CONFIG_FILE, CONTENT_DIR, I18N_DIR, TEMPLATES_DIR, THEMES_DIR};

/// A text file of the site, with its path relative to the site root
/// (always `/`-separated, e.g. `content/index.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
        }
    }
}

/// A file in `content/` that is not an article: copied next to its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Where to read it from.
    pub source: PathBuf,
    /// Path relative to `content/`, `/`-separated: also its path in the output.
    pub rel: String,
    /// The bytes of an image faqpress resizes (JPEG, PNG, WebP), read at
    /// loading like the articles; other files are copied as they are.
    pub image: Option<Arc<[u8]>>,
}

/// The names of the resized images kept in [`layout::IMAGE_CACHE_DIR`].
#[derive(Debug, Clone, Default)]
pub struct ImageCache {
    pub dir: PathBuf,
    pub names: HashSet<String>,
}

impl ImageCache {
    /// The cached file named `name`, if the cache has it.
    pub fn get(&self, name: &str) -> Option<PathBuf> {
        self.names.contains(name).then(|| self.dir.join(name))
    }

    /// Lists the cache of the site at `root` (empty when it has none yet).
    pub fn list(root: &Path) -> ImageCache {
        let dir = root.join(layout::IMAGE_CACHE_DIR);
        let names = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                    .filter_map(|e| e.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
        ImageCache { dir, names }
    }
}

/// Everything a build reads.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub config: SourceFile,
    pub articles: Vec<Arc<SourceFile>>,
    pub assets: Vec<Asset>,
    /// The site's own templates (from `templates/`), overriding the theme's.
    pub templates: Vec<SourceFile>,
    /// The files of the site's own themes, `themes/<name>/<file>`.
    pub themes: Vec<SourceFile>,
    /// The site's own words, `i18n/<lang>.yaml`.
    pub i18n: Vec<SourceFile>,
    pub image_cache: ImageCache,
    /// Where the articles' bodies are.
    pub bodies: Bodies,
    /// What loading noticed without failing: folders of other site
    /// generators that faqpress does not read.
    pub warnings: Vec<Diagnostic>,
}

impl Default for SourceFile {
    fn default() -> Self {
        Self::new(CONFIG_FILE, "")
    }
}

/// Articles larger than this are refused: nobody writes one by hand, and
/// the limit keeps a stray generated file from exhausting memory.
pub const MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

/// Images larger than this are refused, for the same reason.
pub const MAX_IMAGE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads `site.yaml`, every article and asset in `content/`, and the site's
/// templates. Problems are collected, not returned at the first one.
pub fn load(root: &Path) -> Result<Sources, Vec<Diagnostic>> {
    load_with(root, Bodies::InText)
}

/// As [`load`], but keeps only each article's front matter: the bodies are
/// read again one page at a time ([`Sources::in_full`]), so a clean build
/// of a large site never holds every article's text at once (at 100,000
/// articles that text was more than half of the build's memory). `serve`
/// and `check` keep every body instead, for their memo and their rules.
pub fn load_front_matter(root: &Path) -> Result<Sources, Vec<Diagnostic>> {
    load_with(root, Bodies::OnDisk(root.to_path_buf()))
}

fn load_with(root: &Path, bodies: Bodies) -> Result<Sources, Vec<Diagnostic>> {
    let front_matter_only = matches!(bodies, Bodies::OnDisk(_));
    let mut diagnostics = Vec::new();
    let config = match read_text(root, CONFIG_FILE) {
        Ok(file) => file,
        Err(d) => {
            diagnostics.push(d);
            SourceFile::default()
        }
    };
    let mut articles = Vec::new();
    let mut assets = Vec::new();
    let content = root.join(CONTENT_DIR);
    if content.is_dir() {
        let mut article_paths = Vec::new();
        for entry in walk(root, &content, &mut diagnostics) {
            if entry.rel.ends_with(".md") {
                article_paths.push(layout::content_path(&entry.rel));
            } else {
                assets.push(Asset {
                    source: entry.path,
                    rel: entry.rel,
                    image: None,
                });
            }
        }
        // Reading thousands of files is worth both cores; the order stays
        // the walk's.
        let read: Vec<Result<SourceFile, Diagnostic>> = article_paths
            .par_iter()
            .map(|rel| {
                let file = read_text(root, rel)?;
                Ok(match front_matter_only {
                    true => without_body(file),
                    false => file,
                })
            })
            .collect();
        for file in read {
            match file {
                Ok(file) => articles.push(Arc::new(file)),
                Err(d) => diagnostics.push(d),
            }
        }
        diagnostics.extend(read_images(root, &mut assets));
    } else {
        diagnostics.push(
            Diagnostic::error(CONTENT_DIR, "the site has no `content/` folder").with_help(
                "create a `content/` folder next to `site.yaml` with an `index.md` inside, or pass `--root` with the folder that holds your site",
            ),
        );
    }
    let templates = read_templates(root, TEMPLATES_DIR, &mut diagnostics);
    let themes = read_templates(root, THEMES_DIR, &mut diagnostics);
    let i18n = read_tables(root, &mut diagnostics);
    if diagnostics.is_empty() {
        Ok(Sources {
            config,
            articles,
            assets,
            templates,
            themes,
            i18n,
            image_cache: ImageCache::list(root),
            bodies,
            warnings: unread::warnings(root),
        })
    } else {
        Err(diagnostics)
    }
}

/// Reads the bytes of every image faqpress resizes, on all cores; a site
/// without images reads nothing more.
fn read_images(root: &Path, assets: &mut [Asset]) -> Vec<Diagnostic> {
    let site = crate::verified::SiteRoot::new(root);
    assets
        .par_iter_mut()
        .filter(|a| crate::images::is_raster(&a.rel))
        .filter_map(|asset| {
            let too_big = std::fs::metadata(&asset.source).is_ok_and(|m| m.len() > MAX_IMAGE_BYTES);
            if too_big {
                let shown = layout::content_path(&asset.rel);
                return Some(
                    Diagnostic::error(
                        shown,
                        format!(
                            "this image is larger than the {} MiB limit",
                            MAX_IMAGE_BYTES / (1024 * 1024)
                        ),
                    )
                    .with_help("export it at a web size (a few thousand pixels wide at most)"),
                );
            }
            match site.read(&asset.source) {
                Ok(bytes) => {
                    asset.image = Some(bytes.into());
                    None
                }
                Err(d) => Some(d),
            }
        })
        .collect()
}

/// Brings `sources`, loaded from `root` earlier, up to date after the
/// site files `changed` (paths relative to `root`) changed on disk. Only
/// the changed articles are read again, as new `Arc`s (unchanged ones keep
/// theirs, which is what lets later stages reuse their work); a change to
/// templates or themes reads those again; anything else (`site.yaml`, an
/// asset, a folder, a symbolic link) loads the whole site, so the result
/// is always what [`load`] would return.
pub fn refresh(
    root: &Path,
    sources: &mut Sources,
    changed: &[String],
) -> Result<(), Vec<Diagnostic>> {
    let mut templates_changed = false;
    let mut articles = Vec::new();
    for rel in changed {
        if rel.split('/').any(|part| part.starts_with('.')) {
            // Hidden files (editors' swap and backup files) are never read.
            continue;
        }
        if layout::inside(rel, TEMPLATES_DIR).is_some() || layout::inside(rel, THEMES_DIR).is_some()
        {
            templates_changed = true;
        } else if layout::inside(rel, CONTENT_DIR).is_some()
            && rel.ends_with(".md")
            && is_plain_file_or_gone(root, rel)
        {
            articles.push(rel);
        } else {
            *sources = load(root)?;
            return Ok(());
        }
    }
    let mut diagnostics = Vec::new();
    for rel in articles {
        let position = sources
            .articles
            .binary_search_by(|a| walk_order(&a.path, rel));
        if !root.join(rel).exists() {
            if let Ok(i) = position {
                sources.articles.remove(i);
            }
            continue;
        }
        match read_text(root, rel) {
            Ok(file) => match position {
                Ok(i) => sources.articles[i] = Arc::new(file),
                Err(i) => sources.articles.insert(i, Arc::new(file)),
            },
            Err(d) => diagnostics.push(d),
        }
    }
    if templates_changed {
        sources.templates = read_templates(root, TEMPLATES_DIR, &mut diagnostics);
        sources.themes = read_templates(root, THEMES_DIR, &mut diagnostics);
    }
    if diagnostics.is_empty() {
        Ok(())
    } else {
        Err(diagnostics)
    }
}

/// Whether `rel` is a regular file, or no longer exists: the cases
/// [`refresh`] handles alone. Symbolic links follow [`walk`]'s rules.
fn is_plain_file_or_gone(root: &Path, rel: &str) -> bool {
    match std::fs::symlink_metadata(root.join(rel)) {
        Ok(meta) => meta.file_type().is_file(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// The order [`walk`] lists files in: by name within each folder, folders
/// and files mixed, so by path component.
fn walk_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

/// Reads the template files (see [`is_template`]) below `root/folder`, if
/// that folder exists. Paths keep the folder: `templates/404.html`.
fn read_templates(root: &Path, folder: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<SourceFile> {
    let dir = root.join(folder);
    let mut files = Vec::new();
    if dir.is_dir() {
        for entry in walk(root, &dir, diagnostics) {
            if is_template(&entry.rel) {
                match read_text(root, &format!("{folder}/{}", entry.rel)) {
                    Ok(file) => files.push(file),
                    Err(d) => diagnostics.push(d),
                }
            }
        }
    }
    files
}

/// Reads the site's word tables, `i18n/*.yaml`, if the folder exists.
fn read_tables(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<SourceFile> {
    let dir = root.join(I18N_DIR);
    let mut files = Vec::new();
    if dir.is_dir() {
        for entry in walk(root, &dir, diagnostics) {
            if entry.rel.ends_with(".yaml") {
                match read_text(root, &format!("{I18N_DIR}/{}", entry.rel)) {
                    Ok(file) => files.push(file),
                    Err(d) => diagnostics.push(d),
                }
            }
        }
    }
    files
}

fn is_template(rel: &str) -> bool {
    [".html", ".xml", ".txt", ".css", ".json"]
        .iter()
        .any(|ext| rel.ends_with(ext))
}

struct WalkedFile {
    path: PathBuf,
    rel: String,
}

/// Lists the files below `dir` in a stable order, skipping hidden ones.
/// Symbolic links are followed only when they point at a file inside the
/// site, so a link can neither leak files from elsewhere nor loop.
fn walk(root: &Path, dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<WalkedFile> {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().map(|p| relative(root, p)).unwrap_or_default();
                diagnostics.push(Diagnostic::error(
                    path,
                    format!("cannot read this folder: {}", io_reason(e.io_error())),
                ));
                continue;
            }
        };
        let rel_to_root = relative(root, entry.path());
        let file_type = entry.file_type();
        if file_type.is_symlink() {
            if let Some(problem) = unfollowed_link(entry.path(), rel_to_root, &canonical_root) {
                diagnostics.push(problem);
                continue;
            }
        } else if !file_type.is_file() {
            continue;
        }
        let rel = relative(dir, entry.path());
        files.push(WalkedFile {
            path: entry.into_path(),
            rel,
        });
    }
    files
}

/// Why the symbolic link at `link` (`rel_to_root` from the site's folder)
/// is not followed, or `None` when it points at a file inside the site.
fn unfollowed_link(link: &Path, rel_to_root: String, canonical_root: &Path) -> Option<Diagnostic> {
    match link.canonicalize() {
        Ok(target) if target.starts_with(canonical_root) && target.is_file() => None,
        Ok(target) if target.is_dir() => Some(
            Diagnostic::error(
                rel_to_root,
                "this is a symbolic link to a folder, which is not followed",
            )
            .with_help("move or copy the folder into the site instead of linking to it"),
        ),
        Ok(_) => Some(
            Diagnostic::error(rel_to_root, "this symbolic link points outside the site")
                .with_help("copy the file into the site instead of linking to it"),
        ),
        Err(e) => Some(
            Diagnostic::error(
                rel_to_root,
                format!("this symbolic link cannot be followed: {}", io_reason(Some(&e))),
            )
            .with_help("remove the link or point it at an existing file (links that point at themselves loop forever)"),
        ),
    }
}

fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn io_reason(error: Option<&std::io::Error>) -> String {
    match error {
        Some(e) => match e.kind() {
            std::io::ErrorKind::NotFound => "it does not exist".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        },
        None => "a symbolic link loops".to_string(),
    }
}

/// Reads a site file as UTF-8, pointing at the first invalid byte if it is not.
fn read_text(root: &Path, rel: &str) -> Result<SourceFile, Diagnostic> {
    let path = root.join(rel);
    let metadata = std::fs::metadata(&path).map_err(|e| {
        let d = Diagnostic::error(rel, format!("cannot read this file: {}", io_reason(Some(&e))));
        if rel == CONFIG_FILE && e.kind() == std::io::ErrorKind::NotFound {
            d.with_help(format!(
                "a site needs a `{CONFIG_FILE}` with at least `title: …`; run faqpress in the site's folder or pass `--root`"
            ))
        } else {
            d
        }
    })?;
    if rel.ends_with(".md") && metadata.len() > MAX_ARTICLE_BYTES {
        return Err(Diagnostic::error(
            rel,
            format!(
                "this article is {} MiB, larger than the {} MiB limit",
                metadata.len() / (1024 * 1024),
                MAX_ARTICLE_BYTES / (1024 * 1024)
            ),
        )
        .with_help("split it into several articles"));
    }
    let bytes = std::fs::read(&path).map_err(|e| {
        Diagnostic::error(
            rel,
            format!("cannot read this file: {}", io_reason(Some(&e))),
        )
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(rel, text)),
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..valid_up_to]).into_owned();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let (line, column) = line_column(&valid, valid_up_to);
            Err(Diagnostic::error(rel, "this file is not valid UTF-8 text")
                .at(&lossy, line, column)
                .with_help("save the file with UTF-8 encoding in your editor"))
        }
    }
}
