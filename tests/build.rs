//! Builds fixture sites and the bundled site into temporary folders and
//! checks what was written.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use faqpress::build;
use faqpress::config::Overrides;
use support::{build_at, build_into_temp, fixture, microdata_items, read_output};

/// The nodes of a page's JSON-LD graph: there is one document, and it is
/// an `@graph`.
fn json_ld(html: &str) -> Vec<serde_json::Value> {
    let docs: Vec<serde_json::Value> = html
        .split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| {
            let json = &rest[..rest.find("</script>").expect("script is closed")];
            serde_json::from_str(json).expect("JSON-LD parses")
        })
        .collect();
    assert_eq!(docs.len(), 1, "one JSON-LD document");
    assert_eq!(docs[0]["@context"], "https://schema.org");
    docs[0]["@graph"].as_array().expect("an @graph").clone()
}

/// Whether a node has `kind` among its types.
fn is_a(node: &serde_json::Value, kind: &str) -> bool {
    node["@type"] == kind
        || node["@type"]
            .as_array()
            .is_some_and(|types| types.iter().any(|t| t == kind))
}

const QUESTION_IDS: [&str; 5] = [
    "how-is-micro-needling-performed",
    "how-does-micro-needling-work",
    "is-micro-needling-safe-for-all-women",
    "how-much-time-and-money-are-needed-to-perform-this-treatment",
    "what-can-you-expect-after-the-treatment",
];

#[test]
fn bundled_site_has_every_question_linked_and_in_structured_data() {
    let out = build_at(Path::new(env!("CARGO_MANIFEST_DIR")), None);
    let html = read_output(&out, "index.html");
    assert!(html.contains("<h1>Micro-needling for Skin Rejuvenation</h1>"));
    for id in QUESTION_IDS {
        assert!(
            html.contains(&format!("<section class=\"question\" id=\"{id}\"")),
            "section {id}"
        );
        assert!(
            html.contains(&format!("<li><a href=\"#{id}\">")),
            "toc {id}"
        );
    }
    assert!(html.contains("<section class=\"section\" id=\"wrapping-it-up\""));
    assert!(
        html.contains("Radiant younger skin without a single spot"),
        "introduction"
    );
    assert!(
        html.contains("skin rejuvenating."),
        "closing sentence, typo fixed"
    );
    let nodes = json_ld(&html);
    let page = &nodes[0];
    assert_eq!(page["@type"], "MedicalWebPage");
    assert_eq!(page["headline"], "Micro-needling for Skin Rejuvenation");
    assert_eq!(page["datePublished"], "2026-11-23");
    // The bundled article names no author and no reviewer, and was never
    // reviewed: the graph says so by leaving them out.
    assert_eq!(page.get("author"), None);
    assert_eq!(page.get("reviewedBy"), None);
    assert_eq!(page.get("lastReviewed"), None);
    assert!(!nodes.iter().any(|n| is_a(n, "Person")));
    // The questions are microdata on the text the reader sees: one
    // FAQPage, the same node as the JSON-LD page (its `@id`).
    let items = microdata_items(&html, "/");
    assert_eq!(items.len(), 1, "{items:#?}");
    let faq = &items[0];
    assert_eq!(faq["@type"], "FAQPage");
    assert_eq!(faq["@id"], page["@id"]);
    let questions = faq["mainEntity"].as_array().unwrap();
    assert_eq!(questions.len(), 5);
    assert_eq!(questions[0]["@type"], "Question");
    assert_eq!(questions[0]["name"], "How is micro-needling performed?");
    for (question, id) in questions.iter().zip(QUESTION_IDS) {
        assert_eq!(question["url"], format!("/#{id}"));
        assert_eq!(question["acceptedAnswer"]["@type"], "Answer");
    }
    assert!(
        questions[0]["acceptedAnswer"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Micro-Needling is basically a cosmetic procedure")
    );
    let site = nodes.iter().find(|n| is_a(n, "WebSite")).unwrap();
    assert_eq!(site["name"], "Skin Care Answers");
    assert_eq!(page["isPartOf"]["@id"], site["@id"]);
    let org = nodes.iter().find(|n| is_a(n, "Organization")).unwrap();
    assert_eq!(site["publisher"]["@id"], org["@id"]);
    // The answer placing the price table: its text is the prose, without
    // the table's words.
    let priced = questions[3]["acceptedAnswer"]["text"].as_str().unwrap();
    assert!(priced.ends_with("$100 to $200 per session."), "{priced}");
    assert!(!priced.contains("Per session"), "{priced}");
    assert!(html.contains("per session.</p></div><section class=\"pricing\""));
    // Not repeated in the JSON-LD.
    assert!(!nodes.iter().any(|n| n.get("mainEntity").is_some()));
}

#[test]
fn bundled_checklist_cites_its_answers() {
    let out = build_at(Path::new(env!("CARGO_MANIFEST_DIR")), None);
    let html = read_output(&out, "index.html");
    assert!(
        html.contains("<legend id=\"checklist-title\">Is micro-needling right for you?</legend>")
    );
    assert_eq!(html.matches("type=\"checkbox\"").count(), 6);
    // The box sits inside its label, with the item's kind: no numbered ids.
    assert!(html.contains(
        "<label><input type=\"checkbox\"> I am pregnant. <small>Rules it out</small></label>"
    ));
    assert!(!html.contains("id=\"checklist-1\""));
    // Each item's text once: the verdict goes by kind, it copies no item.
    assert_eq!(html.matches("I am pregnant.").count(), 1);
    assert!(html.contains("href=\"#is-micro-needling-safe-for-all-women\""));
}

#[test]
fn nested_site_gets_clean_urls_prefixed_links_and_a_listing() {
    let out = build_at(&fixture("nested"), None);
    let home = read_output(&out, "index.html");
    assert!(home.contains("href=\"/guide/aftercare/\""), "{home}");
    assert!(home.contains("href=\"/guide/guides/prices/#what-does-it-cost\""));
    assert!(home.contains("href=\"/guide/articles/\""));
    assert!(home.contains("src=\"/guide/roller.svg\""));
    assert!(
        home.contains("href=\"/guide/style."),
        "stylesheet under the base path"
    );
    let aftercare = read_output(&out, "aftercare/index.html");
    assert!(aftercare.contains("href=\"/guide/#why-read-this\""));
    let costs = read_output(&out, "guides/prices/index.html");
    assert!(costs.contains("Updated <time datetime=\"2024-07-01\">1 July 2024</time>"));
    let listing = read_output(&out, "articles/index.html");
    for title in ["Home", "Aftercare", "Costs"] {
        assert!(listing.contains(&format!(">{title}</a>")), "{title} listed");
    }
    assert!(!listing.contains("Not ready"), "drafts are left out");
    assert!(!out.path().join("public/guides/draft").exists());
    assert_eq!(
        read_output(&out, "roller.svg"),
        fs::read_to_string(fixture("nested/content/roller.svg")).unwrap()
    );
    assert!(read_output(&out, "404.html").contains("href=\"/guide/\""));
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let out = build_at(&fixture("nested"), Some("https://user.github.io/repo/"));
    let home = read_output(&out, "index.html");
    assert!(home.contains("href=\"/repo/aftercare/\""));
    assert!(!home.contains("/guide/"));
}

#[test]
fn drafts_flag_publishes_drafts() {
    let drafts = Overrides {
        drafts: true,
        ..Overrides::default()
    };
    let out = build_into_temp(&fixture("nested"), drafts);
    assert!(read_output(&out, "guides/draft/index.html").contains("Not ready"));
}

#[test]
fn bom_and_crlf_simply_work() {
    let out = build_at(&fixture("windows"), None);
    let html = read_output(&out, "index.html");
    assert!(html.contains("<h1>Saved on Windows</h1>"));
    assert!(html.contains("id=\"does-it-work\""));
}

#[test]
fn two_builds_are_byte_identical() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let a = build_at(root, None);
    let b = build_at(root, None);
    let files = |dir: &Path| {
        let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(dir).unwrap().to_path_buf(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let (fa, fb) = (files(a.path()), files(b.path()));
    assert!(!fa.is_empty());
    assert_eq!(fa, fb);
}

/// A row's cells as the pricing partial writes them (the stylesheet
/// keeps each cell on one line).
fn cells(values: &[&str]) -> String {
    values.iter().map(|v| format!("<td>{v}</td>")).collect()
}

#[test]
fn bundled_pricing_table_is_computed_from_the_article_figures() {
    let out = build_at(Path::new(env!("CARGO_MANIFEST_DIR")), None);
    let html = read_output(&out, "index.html");
    let table = &html[html
        .find("<section class=\"pricing\"")
        .expect("a pricing table")..];
    assert!(
        table.contains(&cells(&["$100–$200", "$300–$800"])),
        "{table}"
    );
    assert!(table.contains(&cells(&["30 min", "1 hr 30 min – 2 hr"])));
    assert!(table.contains("Full course (<span class=\"value\">3–4</span> sessions)"));
    let answer_start = html
        .find("id=\"how-much-time-and-money-are-needed-to-perform-this-treatment\"")
        .unwrap();
    let next_question = html
        .find("id=\"what-can-you-expect-after-the-treatment\"")
        .unwrap();
    let table_at = html.find("<section class=\"pricing\"").unwrap();
    assert!(
        answer_start < table_at && table_at < next_question,
        "the marker places it in its answer"
    );
    let offer = json_ld(&html)
        .into_iter()
        .find(|d| d["@type"] == "Offer")
        .expect("an offer");
    assert_eq!(
        offer["itemOffered"]["@type"],
        serde_json::json!(["Service", "MedicalProcedure"])
    );
    let specs = offer["priceSpecification"].as_array().unwrap();
    assert_eq!(specs[1]["minPrice"], 300);
    assert_eq!(specs[1]["maxPrice"], 800);
}

/// Copies a fixture into a temporary folder so a test can edit it.
fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = fixture(name);
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
    dir
}

#[test]
fn editing_the_pricing_data_changes_the_totals() {
    let site = copy_fixture("pricing");
    let before = build_at(site.path(), None);
    let html = read_output(&before, "index.html");
    assert!(
        html.contains("A course costs $300–$800 and takes 1 hr 30 min – 2 hr."),
        "{html}"
    );
    assert!(html.contains("<li>Prices vary by clinic.</li>"));

    let article = site.path().join("content/index.md");
    let text = fs::read_to_string(&article).unwrap();
    fs::write(&article, text.replace("    max: 4\n", "    max: 5\n")).unwrap();
    let after = build_at(site.path(), None);
    let html = read_output(&after, "index.html");
    assert!(
        html.contains("A course costs $300–$1,000 and takes 1 hr 30 min – 2 hr 30 min."),
        "{html}"
    );
    assert!(html.contains(&cells(&["$100–$200", "$300–$1,000"])));

    fs::write(
        &article,
        text.replace("{ min: 100, max: 200 }", "{ min: 150, max: 150 }"),
    )
    .unwrap();
    let html = read_output(&build_at(site.path(), None), "index.html");
    assert!(html.contains(&cells(&["$150", "$450–$600"])), "{html}");
}

#[test]
fn a_citation_of_a_missing_heading_fails_and_keeps_the_old_output() {
    let site = copy_fixture("nested");
    let public = site.path().join("public");
    build(&faqpress::default_options(site.path())).unwrap();
    let before = fs::read(public.join("index.html")).unwrap();
    let article = site.path().join("content/index.md");
    let text = fs::read_to_string(&article).unwrap();
    let with_checklist = text.replacen(
        "date: 2024-05-01\n",
        "date: 2024-05-01\nchecklist:\n  title: Right for you?\n  items:\n    - text: I am pregnant.\n      kind: rules_out\n      cites: why-read-that\n",
        1,
    );
    fs::write(&article, with_checklist).unwrap();
    let errors = build(&faqpress::default_options(site.path())).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].location(), "content/index.md:10:14");
    assert_eq!(fs::read(public.join("index.html")).unwrap(), before);
}

#[test]
fn the_listing_is_paginated_so_no_page_grows_with_the_site() {
    let site = tempfile::tempdir().unwrap();
    fs::create_dir_all(site.path().join("content")).unwrap();
    fs::write(
        site.path().join("site.yaml"),
        "title: Many\nbase_url: /repo/\n",
    )
    .unwrap();
    fs::write(
        site.path().join("content/index.md"),
        "---\ntitle: Home\n---\nHello.\n",
    )
    .unwrap();
    for i in 1..120 {
        fs::write(
            site.path().join(format!("content/a{i:03}.md")),
            format!("---\ntitle: Article {i}\n---\nText.\n"),
        )
        .unwrap();
    }
    let out = build_at(site.path(), None);
    let entries = |html: &str| html.matches("<li>\n      <h2><a href=").count();
    let first = read_output(&out, "articles/index.html");
    assert_eq!(entries(&first), 50);
    assert!(first.contains("rel=\"next\" href=\"/repo/articles/page/2/\""));
    assert!(!first.contains("rel=\"prev\""));
    assert!(first.contains("Page 1 of 3"));
    let last = read_output(&out, "articles/page/3/index.html");
    assert_eq!(entries(&last), 20, "120 pages: 50 + 50 + 20");
    assert!(last.contains("rel=\"prev\" href=\"/repo/articles/page/2/\""));
    assert!(!last.contains("rel=\"next\""));
    assert!(!out.path().join("public/articles/page/4").exists());
}

/// The bundled article (it has a checklist) beside one without, in a site
/// of its own; `search: false` when `search` is false.
fn checklist_site(search: bool) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    fs::create_dir_all(&content).unwrap();
    let yaml = format!("title: Checklist\nsearch: {search}\n");
    fs::write(site.path().join("site.yaml"), yaml).unwrap();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/index.md"),
        content.join("index.md"),
    )
    .unwrap();
    fs::write(
        content.join("plain.md"),
        "---\ntitle: Plain\ndate: 2026-01-01\n---\n\n## Why?\n\nBecause.\n",
    )
    .unwrap();
    site
}

#[test]
fn the_checklist_script_is_fingerprinted_cached_and_loaded_only_by_its_page() {
    let site = checklist_site(true);
    let out = build_at(site.path(), Some("https://example.github.io/repo/"));
    let script = fs::read_dir(out.path().join("public"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.starts_with("checklist.") && n.ends_with(".js"))
        .expect("checklist.<hash>.js");
    assert!(faqpress::publish::headers::is_fingerprinted(&script));
    assert_eq!(
        read_output(&out, &script),
        include_str!("../src/checklist.js")
    );
    let home = read_output(&out, "index.html");
    assert_eq!(
        home.matches(&format!("<script src=\"/repo/{script}\" defer></script>"))
            .count(),
        1,
        "the page with the checklist loads it under the base path"
    );
    assert!(home.contains("<output role=\"status\"></output>"));
    for page in ["plain/index.html", "404.html", "articles/index.html"] {
        assert!(
            !read_output(&out, page).contains("checklist."),
            "{page} has no checklist and loads no script for it"
        );
    }
    let headers = read_output(&out, "_headers");
    assert!(headers.contains(&format!(
        "/repo/{script}\n  Cache-Control: public, max-age=31536000, immutable\n"
    )));
    assert!(headers.contains("script-src 'self' 'wasm-unsafe-eval';"));

    // Without search, the checklist's script still needs `script-src 'self'`.
    let out = build_at(
        checklist_site(false).path(),
        Some("https://example.github.io/repo/"),
    );
    let headers = read_output(&out, "_headers");
    assert!(
        headers.contains("default-src 'none'; script-src 'self'; style-src 'self';"),
        "{headers}"
    );
    // And a site without a checklist has no such script at all.
    let out = build_at(&fixture("nested"), Some("https://example.github.io/repo/"));
    let names: Vec<String> = fs::read_dir(out.path().join("public"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        !names.iter().any(|n| n.starts_with("checklist.")),
        "{names:?}"
    );
    assert!(!read_output(&out, "_headers").contains("checklist."));
}
