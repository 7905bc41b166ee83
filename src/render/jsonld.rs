//! schema.org structured data for search engines.
//!
//! Typed values serialized straight to text (no `serde_json::Value` built
//! per page). Fields are declared in byte order of their names, the order
//! search engines have always been given, so the output stays stable.

use serde::Serialize;

use crate::config::Site;
use crate::markdown::BlockKind;
use crate::page::{Body, Page};

const CONTEXT: &str = "https://schema.org";

/// `FAQPage` with one `Question` per question heading.
#[derive(Serialize)]
pub struct FaqPage<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "mainEntity")]
    main_entity: Vec<Question<'a>>,
}

#[derive(Serialize)]
struct Question<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "acceptedAnswer")]
    accepted_answer: Answer<'a>,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct Answer<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: &'a str,
}

/// The page itself: a `MedicalWebPage` with its dates and author.
#[derive(Serialize)]
pub struct WebPage<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Named<'a>>,
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
    is_part_of: WebSite<'a>,
    #[serde(rename = "lastReviewed", skip_serializing_if = "Option::is_none")]
    last_reviewed: Option<String>,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct WebSite<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

/// The `FAQPage`, or `None` when the article asks no questions.
pub fn faq_page<'a>(page: &Page, body: &'a Body, site: &Site) -> Option<FaqPage<'a>> {
    let page_url = site.base_url.absolute(&page.header.path);
    let questions: Vec<Question> = body
        .doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Question)
        .map(|b| {
            let heading = &body.doc.headings[b.heading];
            Question {
                kind: "Question",
                accepted_answer: Answer {
                    kind: "Answer",
                    text: &b.text,
                },
                name: &heading.text,
                url: format!("{page_url}#{}", heading.id),
            }
        })
        .collect();
    (!questions.is_empty()).then_some(FaqPage {
        context: CONTEXT,
        kind: "FAQPage",
        main_entity: questions,
    })
}

pub fn web_page<'a>(page: &'a Page, site: &'a Site) -> WebPage<'a> {
    let front = &page.header.front;
    let modified = front.last_changed().map(|d| d.to_string());
    WebPage {
        context: CONTEXT,
        kind: "MedicalWebPage",
        author: front
            .author
            .as_ref()
            .or(site.author.as_ref())
            .map(|name| Named {
                kind: "Person",
                name,
            }),
        date_modified: modified.clone(),
        date_published: front.date.map(|d| d.to_string()),
        description: front.description.as_deref(),
        headline: &front.title,
        in_language: &site.language,
        is_part_of: WebSite {
            kind: "WebSite",
            name: &site.title,
            url: site.base_url.absolute(""),
        },
        last_reviewed: modified,
        name: &front.title,
        url: site.base_url.absolute(&page.header.path),
    }
}
