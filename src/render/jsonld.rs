//! schema.org structured data for search engines: one JSON-LD `@graph` per
//! article.
//!
//! The graph holds the page (a `MedicalWebPage`), the people who wrote and
//! reviewed it, the `WebSite` it is part of and the `Organization`
//! publishing that, and what components add (the pricing table's `Offer`).
//! Nodes that others point at have an `@id` and are pointed at by
//! `{"@id": …}`, so each is written once.
//!
//! The questions and answers are not here: the theme marks them up as
//! microdata on the text the reader sees (`partials/section.html`), an
//! `FAQPage` whose `itemid` is the page's `@id`, so both describe one
//! page. In JSON-LD each answer would be written twice on every page,
//! about a tenth of the bundled article's bytes.
//!
//! Typed values serialized straight to text (no `serde_json::Value` built
//! per page). Every property is one the site supplies: nothing is filled
//! in with a guess (no review date unless `last_reviewed` gives one, no
//! person the site does not describe).

use serde::Serialize;

use crate::config::Site;
use crate::page::{Body, Page};
use crate::trust::people::{self, Person};
use crate::trust::sources::{self, RawSource};

const CONTEXT: &str = "https://schema.org";

/// The document in the page's `<script type="application/ld+json">`.
#[derive(Serialize)]
pub struct Graph<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<Node<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Node<'a> {
    Page(Box<WebPage<'a>>),
    Person(PersonNode<'a>),
    WebSite(WebSite<'a>),
    Organization(Organization<'a>),
    /// What a component adds, as it built it.
    Component(serde_json::Value),
}

/// A reference to a node of the graph.
#[derive(Serialize)]
struct Ref {
    #[serde(rename = "@id")]
    id: String,
}

/// The page itself. Fields after `@type` and `@id` are declared in byte
/// order of their names, so the output stays stable. Its `@id` is its URL,
/// so it has no `url` besides (the graph is on every page: each byte
/// counts).
#[derive(Serialize)]
struct WebPage<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Author<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    citation: Vec<Citation<'a>>,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    headline: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "isPartOf")]
    is_part_of: Ref,
    #[serde(rename = "lastReviewed", skip_serializing_if = "Option::is_none")]
    last_reviewed: Option<String>,
    #[serde(rename = "reviewedBy", skip_serializing_if = "Option::is_none")]
    reviewed_by: Option<Ref>,
}

/// A person of the site (a node of their own), or the plain name a site
/// without `authors:` gives.
#[derive(Serialize)]
#[serde(untagged)]
enum Author<'a> {
    Person(Ref),
    Named(Named<'a>),
}

#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// A cited source: a `ScholarlyArticle` when it has a DOI or a PubMed id
/// (only scholarly works get those), else a `CreativeWork`.
#[derive(Serialize)]
struct Citation<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Named<'a>>,
    /// The year, an ISO 8601 date of year precision.
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    identifier: Vec<Identifier<'a>>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// `{"@type":"PropertyValue","propertyID":"DOI","value":"10.…"}`.
#[derive(Serialize)]
struct Identifier<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "propertyID")]
    property_id: &'static str,
    value: &'a str,
}

#[derive(Serialize)]
struct PersonNode<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(rename = "hasCredential", skip_serializing_if = "Vec::is_empty")]
    has_credential: Vec<Credential<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(rename = "jobTitle", skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    name: &'a str,
    #[serde(rename = "sameAs", skip_serializing_if = "<[String]>::is_empty")]
    same_as: &'a [String],
    url: String,
}

/// A degree or certification as the site writes it (`MD`).
#[derive(Serialize)]
struct Credential<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct WebSite<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    name: &'a str,
    publisher: Ref,
    url: String,
}

/// Whoever publishes the site, as `site.yaml` names it: its title and
/// address are all it says about them.
#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    name: &'a str,
    url: String,
}

/// The `@id` of a person: their page's URL and `#person` (the page is
/// about them; the fragment names the person).
pub fn person_id(person: &Person, site: &Site) -> String {
    format!("{}#person", site.base_url.absolute(&person.page_path()))
}

/// The article's graph; `components` is what its components add.
pub fn graph<'a>(
    page: &'a Page,
    body: &'a Body,
    site: &'a Site,
    components: Vec<serde_json::Value>,
) -> Graph<'a> {
    let front = &page.header.front;
    let home = site.base_url.absolute("");
    let website_id = format!("{home}#website");
    let organization_id = format!("{home}#organization");
    let credits = people::credits(front, &site.authors);
    let author = match credits.author {
        Some(person) => Some(Author::Person(Ref {
            id: person_id(person, site),
        })),
        None => front
            .author
            .as_deref()
            .or(site.author.as_deref())
            .map(|name| {
                Author::Named(Named {
                    kind: "Person",
                    name,
                })
            }),
    };
    let mut graph = vec![Node::Page(Box::new(WebPage {
        kind: "MedicalWebPage",
        id: site.base_url.absolute(&page.header.path),
        author,
        citation: sources::in_citation_order(&front.sources, &body.doc.citations)
            .into_iter()
            .map(citation)
            .collect(),
        // Only when it says something: a page never updated was last
        // modified when it was published.
        date_modified: front
            .last_changed()
            .filter(|&changed| Some(changed) != front.date)
            .map(|d| d.to_string()),
        date_published: front.date.map(|d| d.to_string()),
        description: front.description.as_deref(),
        headline: &front.title,
        in_language: site.language_of(page.header.language.as_deref()),
        is_part_of: Ref {
            id: website_id.clone(),
        },
        // Only a review that happened: `reviewed_by` needs `last_reviewed`
        // (see `people::check_names`), and neither is ever inferred.
        last_reviewed: front.last_reviewed.map(|d| d.to_string()),
        reviewed_by: credits.reviewer.map(|p| Ref {
            id: person_id(p, site),
        }),
    }))];
    let mut people: Vec<&Person> = credits.author.into_iter().collect();
    if let Some(reviewer) = credits.reviewer.filter(|r| !people.contains(r)) {
        people.push(reviewer);
    }
    graph.extend(people.into_iter().map(|p| Node::Person(person(p, site))));
    graph.push(Node::WebSite(WebSite {
        kind: "WebSite",
        id: website_id,
        name: &site.title,
        publisher: Ref {
            id: organization_id.clone(),
        },
        url: home.clone(),
    }));
    graph.push(Node::Organization(Organization {
        kind: "Organization",
        id: organization_id,
        name: &site.title,
        url: home,
    }));
    graph.extend(components.into_iter().map(Node::Component));
    Graph {
        context: CONTEXT,
        graph,
    }
}

fn citation(source: &RawSource) -> Citation<'_> {
    let mut identifier = Vec::new();
    if let Some(doi) = &source.doi {
        identifier.push(Identifier {
            kind: "PropertyValue",
            property_id: "DOI",
            value: doi,
        });
    }
    if let Some(pmid) = &source.pmid {
        identifier.push(Identifier {
            kind: "PropertyValue",
            property_id: "PMID",
            value: pmid,
        });
    }
    Citation {
        kind: if identifier.is_empty() {
            "CreativeWork"
        } else {
            "ScholarlyArticle"
        },
        author: source
            .authors
            .iter()
            .map(|name| Named {
                kind: "Person",
                name,
            })
            .collect(),
        date_published: source.year.map(|y| format!("{y:04}")),
        identifier,
        name: &source.title,
        url: source.link(),
    }
}

fn person<'a>(person: &'a Person, site: &Site) -> PersonNode<'a> {
    PersonNode {
        kind: "Person",
        id: person_id(person, site),
        description: person.bio.as_deref(),
        has_credential: person
            .credentials
            .iter()
            .map(|name| Credential {
                kind: "EducationalOccupationalCredential",
                name,
            })
            .collect(),
        image: person.photo.as_deref().map(|p| site.base_url.absolute(p)),
        job_title: person.job_title.as_deref(),
        name: &person.name,
        same_as: &person.links,
        url: site.base_url.absolute(&person.page_path()),
    }
}
