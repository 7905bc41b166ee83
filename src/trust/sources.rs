//! The works an article cites: `sources:` in its front matter, cited in
//! the body with `[^src:id]` (see `markdown::cite`), listed as numbered
//! references with back-links at the end of the article.

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Severity};
use crate::markdown::Citation;
use crate::markdown::cite::entry_id;
use crate::page::Header;
use crate::yaml::Step;

/// One source as the front matter describes it.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// What `[^src:<id>]` names.
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub authors: Vec<String>,
    /// The journal, publisher or site.
    #[serde(default)]
    pub publication: Option<String>,
    #[serde(default)]
    pub year: Option<u16>,
    #[serde(default)]
    pub url: Option<String>,
    /// `10.1000/xyz123`.
    #[serde(default)]
    pub doi: Option<String>,
    /// A PubMed id: digits.
    #[serde(default)]
    pub pmid: Option<String>,
}

impl RawSource {
    /// Where a reader can read it: its URL, else its DOI's, else PubMed's.
    pub fn link(&self) -> Option<String> {
        self.url
            .clone()
            .or_else(|| self.doi_url())
            .or_else(|| self.pmid_url())
    }

    pub fn doi_url(&self) -> Option<String> {
        self.doi.as_ref().map(|d| format!("https://doi.org/{d}"))
    }

    pub fn pmid_url(&self) -> Option<String> {
        self.pmid
            .as_ref()
            .map(|p| format!("https://pubmed.ncbi.nlm.nih.gov/{p}/"))
    }
}

/// One entry of the references, for templates (`page.references`).
#[derive(Debug, Serialize)]
pub struct ReferenceView<'a> {
    pub number: usize,
    /// The entry's element id, which citations link to.
    pub anchor: String,
    pub title: &'a str,
    /// `A. Author, B. Author`.
    pub authors: String,
    pub publication: Option<&'a str>,
    pub year: Option<u16>,
    pub url: Option<&'a str>,
    pub doi: Option<&'a str>,
    pub doi_url: Option<String>,
    pub pmid: Option<&'a str>,
    pub pmid_url: Option<String>,
    /// Each citation of it, to return to.
    pub backlinks: Vec<BackLink<'a>>,
}

/// A link from a reference back to one place that cites it.
#[derive(Debug, Serialize)]
pub struct BackLink<'a> {
    /// The citation's element id.
    pub anchor: &'a str,
    /// 1 for the first citation of this source, 2 for the next…
    pub n: usize,
}

/// The cited sources, numbered in order of first citation; sources never
/// cited (a warning) follow, with no back-links.
pub fn references<'a>(
    sources: &'a [RawSource],
    citations: &'a [Citation],
) -> Vec<ReferenceView<'a>> {
    in_citation_order(sources, citations)
        .into_iter()
        .enumerate()
        .map(|(i, s)| ReferenceView {
            number: i + 1,
            anchor: entry_id(&s.id),
            title: &s.title,
            authors: s.authors.join(", "),
            publication: s.publication.as_deref(),
            year: s.year,
            url: s.url.as_deref(),
            doi: s.doi.as_deref(),
            doi_url: s.doi_url(),
            pmid: s.pmid.as_deref(),
            pmid_url: s.pmid_url(),
            backlinks: citations
                .iter()
                .filter(|c| c.id == s.id)
                .enumerate()
                .map(|(k, c)| BackLink {
                    anchor: &c.anchor,
                    n: k + 1,
                })
                .collect(),
        })
        .collect()
}

/// The sources in the order of their first citation, the ones never cited
/// last: the order of the references, and of the JSON-LD's `citation`.
pub fn in_citation_order<'a>(
    sources: &'a [RawSource],
    citations: &[Citation],
) -> Vec<&'a RawSource> {
    let mut ordered: Vec<(usize, &RawSource)> = sources
        .iter()
        .map(|s| {
            let number = citations
                .iter()
                .find(|c| c.id == s.id)
                .map_or(usize::MAX, |c| c.number);
            (number, s)
        })
        .collect();
    ordered.sort_by_key(|(n, _)| *n);
    ordered.into_iter().map(|(_, s)| s).collect()
}

/// Every citation must name a source, every source be cited once at
/// least, ids be unique and identifiers well formed.
pub fn check_citations(header: &Header, citations: &[Citation]) -> Vec<Diagnostic> {
    let sources = &header.front.sources;
    let ids: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    let mut found = Vec::new();
    for citation in citations {
        if ids.contains(&citation.id.as_str()) {
            continue;
        }
        let help = if ids.is_empty() {
            "describe it under `sources:` in the front matter, with an `id`, a `title` and a `url`, `doi` or `pmid`".to_string()
        } else {
            let known = ids
                .iter()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ");
            match crate::diagnostics::did_you_mean(&citation.id, &ids) {
                Some(best) => format!("did you mean `{best}`? The sources are {known}"),
                None => format!("the sources are {known}"),
            }
        };
        let d = Diagnostic::error(
            &header.file.path,
            format!("`{}` is not one of the article's sources", citation.id),
        );
        found.push(
            header
                .at_body_offset(d, citation.range.start)
                .with_span_len(citation.range.len().max(1))
                .with_help(help),
        );
    }
    for (i, source) in sources.iter().enumerate() {
        found.extend(check_source(header, i, source, &ids[..i], citations));
    }
    found
}

fn check_source(
    header: &Header,
    i: usize,
    source: &RawSource,
    earlier: &[&str],
    citations: &[Citation],
) -> Vec<Diagnostic> {
    let at = |key: &'static str, message: String| {
        let path = [Step::Key("sources"), Step::Index(i), Step::Key(key)];
        crate::frontmatter::error_at(&header.file, &header.split(), &path, message)
    };
    let mut found = Vec::new();
    if earlier.contains(&source.id.as_str()) {
        found.push(
            at("id", format!("two sources have the id `{}`", source.id))
                .with_help("give each source its own id"),
        );
    } else if !citations.iter().any(|c| c.id == source.id) {
        let mut d =
            at("id", format!("the source `{}` is never cited", source.id)).with_help(format!(
                "cite it where the answer relies on it, with `[^src:{}]`, or remove it",
                source.id
            ));
        d.severity = Severity::Warning;
        found.push(d);
    }
    if let Some(doi) = &source.doi {
        if !doi.starts_with("10.") || !doi.contains('/') {
            found.push(at("doi", format!("`{doi}` is not a DOI")).with_help(
                "write the DOI alone, e.g. `10.1001/jama.2020.1234` (no `https://doi.org/`)",
            ));
        }
    }
    if let Some(pmid) = &source.pmid {
        if pmid.is_empty() || !pmid.chars().all(|c| c.is_ascii_digit()) {
            found.push(
                at("pmid", format!("`{pmid}` is not a PubMed id"))
                    .with_help("a PMID is digits only, e.g. `31234567`"),
            );
        }
    }
    if source.id.is_empty() || source.id.contains(char::is_whitespace) || source.id.contains(']') {
        found.push(
            at("id", format!("`{}` cannot be a source's id", source.id))
                .with_help("use letters, digits and hyphens, e.g. `aad-2024`"),
        );
    }
    found
}
