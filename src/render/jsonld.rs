//! schema.org structured data for search engines.

use serde_json::{Value, json};

use crate::config::Site;
use crate::markdown::BlockKind;
use crate::page::Page;

/// `FAQPage` with one `Question` per question heading, or `None` when the
/// article asks no questions.
pub fn faq_page(page: &Page, site: &Site) -> Option<Value> {
    let questions: Vec<Value> = page
        .doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Question)
        .map(|b| {
            let heading = &page.doc.headings[b.heading];
            json!({
                "@type": "Question",
                "name": heading.text,
                "url": format!("{}#{}", site.base_url.absolute(&page.header.path), heading.id),
                "acceptedAnswer": { "@type": "Answer", "text": b.text },
            })
        })
        .collect();
    (!questions.is_empty()).then(|| {
        json!({
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": questions,
        })
    })
}

/// The page itself: a `MedicalWebPage` with its dates and author.
pub fn web_page(page: &Page, site: &Site) -> Value {
    let front = &page.header.front;
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": front.title,
        "headline": front.title,
        "url": site.base_url.absolute(&page.header.path),
        "inLanguage": site.language,
        "isPartOf": { "@type": "WebSite", "name": site.title, "url": site.base_url.absolute("") },
    });
    let object = value.as_object_mut().expect("built as an object above");
    if let Some(description) = &front.description {
        object.insert("description".into(), json!(description));
    }
    if let Some(date) = front.date {
        object.insert("datePublished".into(), json!(date.to_string()));
    }
    if let Some(updated) = front.updated.or(front.date) {
        object.insert("dateModified".into(), json!(updated.to_string()));
        object.insert("lastReviewed".into(), json!(updated.to_string()));
    }
    if let Some(author) = front.author.as_ref().or(site.author.as_ref()) {
        object.insert(
            "author".into(),
            json!({ "@type": "Person", "name": author }),
        );
    }
    value
}
