//! Tag pages: `/tags/` lists every tag with its count, `/tags/<slug>/`
//! each tag's articles (paginated like the list of articles), articles
//! link to their tags, and the sitemap names every tag page.

mod support;

use faqpress::config::Overrides;
use support::{build_at, build_into_temp, read_output, write_file as write};

/// A home page, three tagged articles and `many` more with one tag.
fn site(many: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "site.yaml", "title: Answers\nbase_url: /\n");
    write(
        root,
        "content/index.md",
        "---\ntitle: Home\n---\nWelcome.\n",
    );
    let article = |title: &str, tags: &str| {
        format!("---\ntitle: {title}\ndescription: About {title}.\ntags: {tags}\n---\nText.\n")
    };
    write(
        root,
        "content/a.md",
        &article("Alpha", "[Skin care, Safety]"),
    );
    write(root, "content/b.md", &article("Beta", "[skin CARE]"));
    write(root, "content/c.md", &article("Gamma", "[Aftercare]"));
    for n in 0..many {
        write(
            root,
            &format!("content/m{n:03}.md"),
            &article(&format!("Many {n}"), "[Bulk]"),
        );
    }
    dir
}

/// The titles a listing page links to, in order.
fn listed_titles(html: &str) -> Vec<String> {
    html.split("<h2><a href=\"")
        .skip(1)
        .map(|rest| {
            let start = rest.find('>').unwrap() + 1;
            rest[start..rest.find("</a>").unwrap()].to_string()
        })
        .collect()
}

#[test]
fn each_tag_lists_exactly_its_articles_and_the_index_counts_them() {
    let dir = site(0);
    for theme in ["clinical", "serene"] {
        let out = build_into_temp(
            dir.path(),
            Overrides {
                theme: Some(theme.into()),
                ..Overrides::default()
            },
        );
        let skin = read_output(&out, "tags/skin-care/index.html");
        assert_eq!(listed_titles(&skin), ["Alpha", "Beta"], "{theme}");
        assert!(skin.contains("Articles tagged “Skin care”"), "{theme}");
        assert_eq!(
            listed_titles(&read_output(&out, "tags/aftercare/index.html")),
            ["Gamma"]
        );
        let index = read_output(&out, "tags/index.html");
        for (url, name, count) in [
            ("/tags/aftercare/", "Aftercare", "1 article"),
            ("/tags/safety/", "Safety", "1 article"),
            ("/tags/skin-care/", "Skin care", "2 articles"),
        ] {
            let entry = format!("<a href=\"{url}\">{name}</a> ({count})");
            assert!(index.contains(&entry), "{theme}: {entry} in {index}");
        }
        let alpha = read_output(&out, "a/index.html");
        assert!(
            alpha.contains("<a href=\"/tags/skin-care/\">Skin care</a>"),
            "{theme}"
        );
        assert!(
            alpha.contains("<a href=\"/tags/safety/\">Safety</a>"),
            "{theme}"
        );
        assert!(
            alpha.contains("href=\"/tags/\">Tags</a>"),
            "{theme}: the header links to the tags"
        );
    }
}

#[test]
fn a_tag_with_many_articles_is_paginated_and_every_tag_page_is_in_the_sitemap() {
    let dir = site(51);
    let out = build_at(dir.path(), Some("https://example.org/repo/"));
    let first = read_output(&out, "tags/bulk/index.html");
    let second = read_output(&out, "tags/bulk/page/2/index.html");
    assert_eq!(listed_titles(&first).len(), 50);
    assert_eq!(listed_titles(&second), ["Many 50"]);
    assert!(
        first.contains("href=\"/repo/tags/bulk/page/2/\""),
        "next page link"
    );
    assert!(
        second.contains("href=\"/repo/tags/bulk/\""),
        "previous page link"
    );
    let sitemap = read_output(&out, "sitemap.xml");
    for url in ["tags/", "tags/bulk/", "tags/skin-care/", "tags/aftercare/"] {
        let loc = format!("<loc>https://example.org/repo/{url}</loc>");
        assert!(sitemap.contains(&loc), "{loc} in the sitemap");
    }
    let alpha = read_output(&out, "a/index.html");
    assert!(
        alpha.contains("href=\"/repo/tags/skin-care/\""),
        "under the base path"
    );
}

#[test]
fn a_site_without_tags_has_no_tag_pages() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "site.yaml", "title: Answers\nbase_url: /\n");
    write(
        dir.path(),
        "content/index.md",
        "---\ntitle: Home\n---\nWelcome.\n",
    );
    let out = build_at(dir.path(), None);
    assert!(!out.path().join("public/tags").exists());
    assert!(!read_output(&out, "index.html").contains(">Tags</a>"));
}
