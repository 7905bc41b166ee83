//! Authors, medical review and cited sources on the fixture site
//! `tests/fixtures/trust/`, in both themes and under a base path.

mod support;

use faqpress::config::Overrides;

fn build(theme: &str, base_url: &str) -> Vec<(String, String)> {
    let overrides = Overrides {
        base_url: Some(base_url.to_string()),
        ..support::in_theme(theme)
    };
    support::built_text_files(&support::fixture("trust"), &overrides)
}

fn file<'a>(files: &'a [(String, String)], path: &str) -> &'a str {
    &files
        .iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .1
}

#[test]
fn bylines_references_and_author_pages_in_both_themes_under_a_base_path() {
    for theme in ["clinical", "serene"] {
        let files = build(theme, "https://example.org/repo/");
        let article = file(&files, "index.html");
        assert!(
            article.contains(
                "<span>By <a href=\"/repo/authors/alex-example/\">Alex Example</a></span>"
            ),
            "{theme}: {article}"
        );
        assert!(article.contains(
            "<p class=\"review\">Medically reviewed on <time datetime=\"2026-10-15\">15 October 2026</time> by <a href=\"/repo/authors/sam-sample/\">Sam Sample</a>, MD (Dermatologist)</p>"
        ), "{theme}");
        // Numbered in order of first citation, each back-linked.
        assert!(article.contains(
            "<sup class=\"cite\"><a href=\"#src-peel-review\" id=\"cite-peel-review-1\">[1]</a></sup>"
        ), "{theme}");
        assert!(article.contains(
            "<sup class=\"cite\"><a href=\"#src-aftercare\" id=\"cite-aftercare-1\">[2]</a></sup>"
        ), "{theme}");
        assert!(
            article.contains("<li id=\"src-aftercare\"><a href=\"https://example.org/aftercare\">"),
            "{theme}"
        );
        assert!(article.contains("href=\"#cite-peel-review-3\""), "{theme}");
        assert!(
            !article.contains("[^src:"),
            "{theme}: every marker replaced"
        );
        let sam = file(&files, "authors/sam-sample/index.html");
        assert!(sam.contains("<h1>Sam Sample</h1>"), "{theme}");
        assert!(sam.contains("MD · Dermatologist"), "{theme}");
        assert!(
            sam.contains("href=\"/repo/\">Chemical peels</a>"),
            "{theme}: {sam}"
        );
        let alex = file(&files, "authors/alex-example/index.html");
        assert!(
            alex.contains("Chemical peels") && alex.contains("Sun protection after a treatment"),
            "{theme}"
        );
        assert!(!alex.contains("Medically reviewed"), "{theme}");
        let sitemap = file(&files, "sitemap.xml");
        assert!(
            sitemap.contains("https://example.org/repo/authors/sam-sample/"),
            "{theme}"
        );
    }
}

/// The article's one JSON-LD document.
fn json_ld(html: &str) -> serde_json::Value {
    let docs: Vec<&str> = html
        .split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| &rest[..rest.find("</script>").unwrap()])
        .collect();
    assert_eq!(docs.len(), 1, "one JSON-LD document");
    serde_json::from_str(docs[0]).unwrap()
}

#[test]
fn the_json_ld_graph_names_the_people_the_review_and_the_sources() {
    for theme in ["clinical", "serene"] {
        let files = build(theme, "https://example.org/repo/");
        let doc = json_ld(file(&files, "index.html"));
        let graph = doc["@graph"].as_array().unwrap();
        let node = |id: &str| {
            graph
                .iter()
                .find(|n| n["@id"] == id)
                .unwrap_or_else(|| panic!("{theme}: no node {id}"))
        };
        let page = &graph[0];
        assert_eq!(page["@type"], "MedicalWebPage");
        assert_eq!(page["@id"], "https://example.org/repo/");
        assert_eq!(page["headline"], "Chemical peels");
        assert_eq!(page["inLanguage"], "en");
        assert_eq!(page["datePublished"], "2026-09-01");
        // Never updated: no dateModified repeating datePublished.
        assert_eq!(page.get("dateModified"), None);
        // The review date is `last_reviewed`, not `updated` or `date`.
        assert_eq!(page["lastReviewed"], "2026-10-15");
        let alex_id = "https://example.org/repo/authors/alex-example/#person";
        let sam_id = "https://example.org/repo/authors/sam-sample/#person";
        assert_eq!(page["author"], serde_json::json!({ "@id": alex_id }));
        assert_eq!(page["reviewedBy"], serde_json::json!({ "@id": sam_id }));
        let sam = node(sam_id);
        assert_eq!(sam["@type"], "Person");
        assert_eq!(sam["name"], "Sam Sample");
        assert_eq!(sam["jobTitle"], "Dermatologist");
        assert_eq!(sam["url"], "https://example.org/repo/authors/sam-sample/");
        assert_eq!(sam["image"], "https://example.org/repo/sam-sample.svg");
        assert_eq!(
            sam["sameAs"],
            serde_json::json!(["https://example.org/people/sam-sample"])
        );
        assert_eq!(
            sam["hasCredential"],
            serde_json::json!([{ "@type": "EducationalOccupationalCredential", "name": "MD" }])
        );
        // Alex has no credentials: none are made up.
        assert_eq!(node(alex_id).get("hasCredential"), None);
        assert_eq!(
            graph.iter().filter(|n| n["@type"] == "Person").count(),
            2,
            "each person once"
        );
        // In the order of the references, with their identifiers.
        let citations = page["citation"].as_array().unwrap();
        assert_eq!(citations.len(), 2);
        assert_eq!(citations[0]["@type"], "ScholarlyArticle");
        assert_eq!(citations[0]["name"], "Chemical peels in everyday practice");
        assert_eq!(citations[0]["datePublished"], "2024");
        assert_eq!(citations[0]["url"], "https://doi.org/10.5555/12345678");
        assert_eq!(citations[0]["author"][1]["name"], "B. Author");
        assert_eq!(
            citations[0]["identifier"],
            serde_json::json!([{ "@type": "PropertyValue", "propertyID": "DOI", "value": "10.5555/12345678" }])
        );
        assert_eq!(citations[1]["@type"], "CreativeWork");
        assert_eq!(citations[1]["url"], "https://example.org/aftercare");
        // The questions: microdata of the same page, in both themes.
        let items =
            support::microdata_items(file(&files, "index.html"), "https://example.org/repo/");
        assert_eq!(items.len(), 1, "{theme}: {items:#?}");
        assert_eq!(items[0]["@type"], "FAQPage");
        assert_eq!(items[0]["@id"], page["@id"], "{theme}");
        let questions = items[0]["mainEntity"].as_array().unwrap();
        assert_eq!(questions.len(), 3, "{theme}");
        assert_eq!(
            questions[1]["url"],
            "https://example.org/repo/#who-is-a-chemical-peel-for"
        );
        let site = node("https://example.org/repo/#website");
        assert_eq!(site["name"], "Trust fixture");
        assert_eq!(site["url"], "https://example.org/repo/");
        assert_eq!(page["isPartOf"]["@id"], site["@id"]);
        let org = node("https://example.org/repo/#organization");
        assert_eq!(site["publisher"]["@id"], org["@id"]);
        let offer = node("https://example.org/repo/#offer");
        assert_eq!(offer["url"], "https://example.org/repo/");
        assert_eq!(offer["itemOffered"]["name"], "Chemical peels");
        assert_eq!(offer["priceSpecification"][0]["minPrice"], 150);
    }
}

#[test]
fn an_article_without_a_review_has_no_review_date_in_its_json_ld() {
    let files = build("clinical", "https://answers.example.org/");
    let doc = json_ld(file(&files, "second/index.html"));
    let page = &doc["@graph"][0];
    assert_eq!(page["@type"], "MedicalWebPage");
    assert_eq!(page["datePublished"], "2026-09-10");
    assert_eq!(page.get("lastReviewed"), None);
    assert_eq!(page.get("reviewedBy"), None);
    assert_eq!(
        page["author"]["@id"],
        "https://answers.example.org/authors/alex-example/#person"
    );
    assert_eq!(page.get("citation"), None);
}
