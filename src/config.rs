//! `site.yaml`: the raw file as editors write it, and the resolved settings
//! the rest of the pipeline uses.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use crate::trust::people::{self, People, RawPerson};
use crate::url::BaseUrl;
use crate::yaml;

mod translations;
pub use translations::Translation;
use translations::resolve_translations;

/// `site.yaml` exactly as written. Unknown keys are errors so a typo never
/// goes unnoticed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub base_url: Option<String>,
    /// `true` says the deploy passes the real address with `--base-url`,
    /// so a local build without a host is expected and not warned about.
    #[serde(default)]
    pub deploy_sets_base_url: bool,
    #[serde(default)]
    pub language: Option<String>,
    /// The languages articles are translated into, besides `language`:
    /// `aftercare.de.md` is the `de` translation of `aftercare.md`.
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub theme: Option<String>,
    /// Text of the "not medical advice" note; `false` turns it off.
    #[serde(default)]
    pub disclaimer: Option<Disclaimer>,
    /// A custom domain for GitHub Pages (`answers.example.com`): written to
    /// a `CNAME` file.
    #[serde(default)]
    pub domain: Option<String>,
    /// Site search (on unless `false`): a Pagefind index and a search box.
    #[serde(default)]
    pub search: Option<bool>,
    /// How many of the newest articles `atom.xml` lists (0: every one).
    #[serde(default)]
    pub feed_limit: Option<usize>,
    /// Settings for `faqpress check`.
    #[serde(default)]
    pub check: CheckConfig,
    /// The site's authors and medical reviewers, by id.
    #[serde(default)]
    pub authors: BTreeMap<String, RawPerson>,
    /// How images in `content/` are resized.
    #[serde(default)]
    pub images: ImagesConfig,
}

/// The `images:` block of `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImagesConfig {
    /// The widths, in pixels, each image is offered at (never wider than
    /// the image itself).
    #[serde(default = "default_image_widths")]
    pub widths: Vec<u32>,
    /// `check` warns about image files larger than this, in kilobytes.
    #[serde(default = "default_image_max_kb")]
    pub max_kb: u64,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        Self {
            widths: default_image_widths(),
            max_kb: default_image_max_kb(),
        }
    }
}

fn default_image_widths() -> Vec<u32> {
    vec![480, 960, 1600]
}

fn default_image_max_kb() -> u64 {
    500
}

/// The narrowest and widest variant widths `images.widths` may ask for.
const IMAGE_WIDTHS: std::ops::RangeInclusive<u32> = 16..=4096;

/// The `check:` block of `site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Prices checked longer ago than this are reported as stale.
    #[serde(default = "default_pricing_max_age")]
    pub pricing_max_age_months: u32,
    /// Reviews older than this are reported as due.
    #[serde(default = "default_review_max_age")]
    pub review_max_age_months: u32,
    /// Whether an answer that cites no source is reported.
    #[serde(default)]
    pub require_sources: bool,
}

impl Default for CheckConfig {
    fn default() -> Self {
        Self {
            pricing_max_age_months: default_pricing_max_age(),
            review_max_age_months: default_review_max_age(),
            require_sources: false,
        }
    }
}

fn default_pricing_max_age() -> u32 {
    12
}

fn default_review_max_age() -> u32 {
    12
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Disclaimer {
    Enabled(bool),
    Text(String),
}

/// Options given on the command line that override `site.yaml`.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub base_url: Option<String>,
    pub drafts: bool,
    /// A theme name used instead of `theme` in site.yaml.
    pub theme: Option<String>,
}

/// The settings the pipeline works with, every default filled in.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub title: String,
    pub description: String,
    #[serde(skip)]
    pub base_url: BaseUrl,
    #[serde(skip)]
    pub deploy_sets_base_url: bool,
    pub language: String,
    /// The formatters for `language`, made once for the whole build.
    #[serde(skip)]
    pub locale: std::sync::Arc<crate::locale::Locale>,
    /// The languages of the translations, from `languages:`, each with
    /// its formatters.
    #[serde(skip)]
    pub translations: Vec<Translation>,
    pub author: Option<String>,
    pub theme: String,
    pub disclaimer: Option<String>,
    /// Whether `site.yaml` leaves the disclaimer's text to the language's
    /// table (`i18n`), which then replaces the English `disclaimer`.
    pub disclaimer_is_default: bool,
    /// The custom domain, already validated.
    pub domain: Option<String>,
    #[serde(skip)]
    pub drafts: bool,
    /// Whether the build writes a search index and the themes a search box.
    #[serde(skip)]
    pub search: bool,
    /// How many of the newest articles the feed lists; 0 for all.
    #[serde(skip)]
    pub feed_limit: usize,
    #[serde(skip)]
    pub check: CheckConfig,
    /// The people articles may name as `author` or `reviewed_by`.
    #[serde(skip)]
    pub authors: People,
    #[serde(skip)]
    pub images: ImagesConfig,
}

pub const DEFAULT_THEME: &str = "clinical";
/// What Hugo and Zola users expect a feed to hold: the newest few, so a
/// large site's feed stays small for the readers polling it.
pub const DEFAULT_FEED_LIMIT: usize = 20;
/// The English table's `disclaimer` (`i18n/en.yaml`).
const DEFAULT_DISCLAIMER: &str = "This article is general information, not medical advice. Talk to a qualified professional before starting any treatment.";

/// Parses and resolves `site.yaml`.
pub fn parse(file: &SourceFile, overrides: &Overrides) -> Result<Site, Diagnostic> {
    let raw: RawConfig =
        yaml::from_str(&file.text).map_err(|e| e.into_diagnostic(&file.path, &file.text, 1))?;
    resolve(raw, file, overrides)
}

fn resolve(raw: RawConfig, file: &SourceFile, overrides: &Overrides) -> Result<Site, Diagnostic> {
    let base_url = resolve_base_url(raw.base_url, file, overrides)?;
    let language = raw.language.unwrap_or_else(|| "en".to_string());
    if !is_language_tag(&language) {
        return Err(located(
            file,
            "language",
            format!("`{language}` is not a language tag"),
        )
        .with_help("use a BCP 47 tag such as `en`, `en-GB` or `fr`"));
    }
    if raw.title.trim().is_empty() {
        return Err(
            located(file, "title", "the site title is empty".to_string())
                .with_help("give the site a name, e.g. `title: Skin Care Answers`"),
        );
    }
    let disclaimer_is_default = matches!(raw.disclaimer, None | Some(Disclaimer::Enabled(true)));
    let disclaimer = match raw.disclaimer {
        None | Some(Disclaimer::Enabled(true)) => Some(DEFAULT_DISCLAIMER.to_string()),
        Some(Disclaimer::Enabled(false)) => None,
        Some(Disclaimer::Text(text)) => Some(text),
    };
    let domain = match raw.domain {
        Some(domain) => Some(resolve_domain(&domain, file)?),
        None => None,
    };
    let images = resolve_images(raw.images, file)?;
    let translations = resolve_translations(&raw.languages, &language, file)?;
    Ok(Site {
        title: raw.title,
        description: raw.description,
        base_url,
        deploy_sets_base_url: raw.deploy_sets_base_url,
        locale: std::sync::Arc::new(crate::locale::Locale::new(&language)),
        language,
        translations,
        author: raw.author,
        theme: overrides
            .theme
            .clone()
            .or(raw.theme)
            .unwrap_or_else(|| DEFAULT_THEME.to_string()),
        disclaimer,
        disclaimer_is_default,
        domain,
        drafts: overrides.drafts,
        search: raw.search.unwrap_or(true),
        feed_limit: raw.feed_limit.unwrap_or(DEFAULT_FEED_LIMIT),
        check: raw.check,
        authors: people::resolve(raw.authors, file)?,
        images,
    })
}

/// `images.widths` sorted, each within [`IMAGE_WIDTHS`].
fn resolve_images(mut images: ImagesConfig, file: &SourceFile) -> Result<ImagesConfig, Diagnostic> {
    let bad = images.widths.is_empty() || images.widths.iter().any(|w| !IMAGE_WIDTHS.contains(w));
    if bad {
        let d = Diagnostic::error(
            &file.path,
            format!(
                "`images.widths` must list widths from {} to {} pixels",
                IMAGE_WIDTHS.start(),
                IMAGE_WIDTHS.end()
            ),
        );
        let d = match yaml::locate(
            &file.text,
            &[yaml::Step::Key("images"), yaml::Step::Key("widths")],
        ) {
            Some((line, col)) => d.at(&file.text, line, col),
            None => d,
        };
        return Err(d.with_help("e.g. `widths: [480, 960, 1600]`"));
    }
    images.widths.sort_unstable();
    images.widths.dedup();
    Ok(images)
}

/// An error in `site.yaml`, pointing at `key` where it can be found.
fn located(file: &SourceFile, key: &str, message: String) -> Diagnostic {
    let d = Diagnostic::error(&file.path, message);
    match yaml::locate(&file.text, &[yaml::Step::Key(key)]) {
        Some((line, col)) => d.at(&file.text, line, col),
        None => d,
    }
}

/// The base URL from `--base-url`, else `base_url:`, else `/`. An error
/// names whichever of the two it came from.
fn resolve_base_url(
    written: Option<String>,
    file: &SourceFile,
    overrides: &Overrides,
) -> Result<BaseUrl, Diagnostic> {
    let base_url_text = overrides
        .base_url
        .clone()
        .or(written)
        .unwrap_or_else(|| "/".to_string());
    BaseUrl::parse(&base_url_text).map_err(|msg| {
        let d = if overrides.base_url.is_some() {
            Diagnostic::error("", format!("--base-url: {msg}"))
        } else {
            located(file, "base_url", msg)
        };
        d.with_help("write a full URL such as `https://example.com/` or `https://user.github.io/repo/`, or a path such as `/`")
    })
}

fn resolve_domain(domain: &str, file: &SourceFile) -> Result<String, Diagnostic> {
    validate_domain(domain).map_err(|msg| {
        located(file, "domain", msg).with_help(
            "write the host name alone, e.g. `domain: answers.example.com` (no `https://`, no path)",
        )
    })
}

/// A host name as GitHub Pages expects it in `CNAME`: dot-separated labels
/// of letters, digits and inner hyphens. Lower-cased, since hosts are
/// case-insensitive and the file is compared as text.
fn validate_domain(domain: &str) -> Result<String, String> {
    let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    if domain.contains("://") || domain.contains('/') {
        return Err(format!("`{domain}` is a URL, not a domain name"));
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let valid_label = |l: &&str| {
        (1..=63).contains(&l.len())
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if domain.len() > 253 || labels.len() < 2 || !labels.iter().all(valid_label) {
        return Err(format!("`{domain}` is not a valid domain name"));
    }
    Ok(domain)
}

pub(crate) fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Site, Diagnostic> {
        let file = SourceFile::new("site.yaml", text);
        parse(&file, &Overrides::default())
    }

    #[test]
    fn the_language_chooses_the_formatters() {
        let site = parse_str("title: Antworten\nlanguage: de-AT\n").unwrap();
        assert_eq!(site.locale.tag(), "de-AT");
        let date = crate::date::Date::new(2026, 1, 5).unwrap();
        assert_eq!(site.locale.date_long(date), "5. Jänner 2026");
    }

    #[test]
    fn defaults_are_filled_in() {
        let site = parse_str("title: Answers\n").unwrap();
        assert_eq!(site.language, "en");
        assert_eq!(site.locale.tag(), "en");
        assert_eq!(site.theme, DEFAULT_THEME);
        assert_eq!(site.base_url.path(), "/");
        assert!(site.disclaimer.is_some());
    }

    #[test]
    fn unknown_key_is_located_with_a_suggestion() {
        let err = parse_str("title: Answers\nbase_ulr: /x/\n").unwrap_err();
        assert_eq!(err.location(), "site.yaml:2:1");
        assert_eq!(err.help.as_deref(), Some("did you mean `base_url`?"));
    }

    #[test]
    fn command_line_theme_wins() {
        let file = SourceFile::new("site.yaml", "title: A\ntheme: clinical\n");
        let overrides = Overrides {
            theme: Some("serene".into()),
            ..Overrides::default()
        };
        assert_eq!(parse(&file, &overrides).unwrap().theme, "serene");
    }

    #[test]
    fn command_line_base_url_wins() {
        let file = SourceFile::new("site.yaml", "title: A\nbase_url: https://a.org/\n");
        let overrides = Overrides {
            base_url: Some("https://u.github.io/repo".into()),
            ..Overrides::default()
        };
        let site = parse(&file, &overrides).unwrap();
        assert_eq!(site.base_url.path(), "/repo/");
    }

    #[test]
    fn domain_is_checked_and_normalised() {
        let site = parse_str("title: A\ndomain: Answers.Example.com\n").unwrap();
        assert_eq!(site.domain.as_deref(), Some("answers.example.com"));
        for bad in ["https://a.org", "localhost", "a..org", "-a.org", "a.org/x"] {
            let err = parse_str(&format!("title: A\ndomain: {bad}\n")).unwrap_err();
            assert_eq!(err.location(), "site.yaml:2:9", "{bad}");
        }
    }

    #[test]
    fn bad_language_is_located() {
        let err = parse_str("title: A\nlanguage: english language\n").unwrap_err();
        assert_eq!(err.location(), "site.yaml:2:11");
    }

    #[test]
    fn check_settings_default_and_reject_typos() {
        assert_eq!(
            parse_str("title: A\n")
                .unwrap()
                .check
                .pricing_max_age_months,
            12
        );
        let site = parse_str("title: A\ncheck:\n  pricing_max_age_months: 6\n").unwrap();
        assert_eq!(site.check.pricing_max_age_months, 6);
        assert!(parse_str("title: A\ncheck:\n  pricing_age: 6\n").is_err());
    }

    #[test]
    fn disclaimer_can_be_turned_off_or_replaced() {
        assert_eq!(
            parse_str("title: A\ndisclaimer: false\n")
                .unwrap()
                .disclaimer,
            None
        );
        assert_eq!(
            parse_str("title: A\ndisclaimer: Ask a doctor.\n")
                .unwrap()
                .disclaimer
                .as_deref(),
            Some("Ask a doctor.")
        );
    }
}
