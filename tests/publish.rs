//! The publishing files and the deploy kits: sitemap and feed parsed as
//! XML, every internal link of a sub-path build resolved, hostile text
//! escaped everywhere, and this repository's workflow and netlify.toml wired
//! to the base URL (the kits `faqpress init` writes are in `tests/init.rs`).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "support/kits.rs"]
mod kits;
mod support;

use faqpress::build;
use support::{build_at, fixture, read_output};

const REPO_BASE: &str = "https://example.github.io/repo/";

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.children()
        .find(|c| c.tag_name().name() == name)
        .and_then(|c| c.text())
}

#[test]
fn sitemap_lists_absolute_urls_under_the_base_path() {
    let out = build_at(&fixture("nested"), Some(REPO_BASE));
    let xml = read_output(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap is well-formed");
    let urls: Vec<(String, Option<String>)> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("url"))
        .map(|n| {
            (
                child_text(n, "loc").unwrap().to_string(),
                child_text(n, "lastmod").map(str::to_string),
            )
        })
        .collect();
    let locs: Vec<&str> = urls.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        locs,
        [
            "https://example.github.io/repo/",
            "https://example.github.io/repo/aftercare/",
            "https://example.github.io/repo/articles/",
            "https://example.github.io/repo/guides/prices/",
        ]
    );
    // `updated` wins over `date`; the listing changes with its newest article.
    assert_eq!(urls[3].1.as_deref(), Some("2024-07-01"));
    assert_eq!(urls[2].1.as_deref(), Some("2024-07-01"));
    assert_eq!(urls[0].1.as_deref(), Some("2024-05-01"));
    assert_eq!(
        read_output(&out, "robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.github.io/repo/sitemap.xml\n"
    );
}

/// The entry titles of a built site's feed, in order.
fn feed_titles(out: &tempfile::TempDir) -> Vec<String> {
    let xml = read_output(out, "atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("feed is well-formed");
    doc.root_element()
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| child_text(e, "title").unwrap().to_string())
        .collect()
}

#[test]
fn the_feed_lists_the_newest_twenty_articles_unless_feed_limit_says_otherwise() {
    let site = support::temp_site("---\ntitle: Home\ndate: 2020-01-01\n---\nHello.\n");
    // 30 articles, one a day in March 2024, written in no particular order.
    for day in [
        17, 3, 30, 1, 22, 9, 14, 28, 5, 11, 26, 19, 7, 24, 2, 13, 29, 21, 8, 16, 4, 25, 10, 18, 27,
        6, 20, 12, 23, 15,
    ] {
        let text = format!("---\ntitle: Day {day}\ndate: 2024-03-{day:02}\n---\nText.\n");
        support::write_file(site.path(), &format!("content/day-{day}.md"), &text);
    }
    let newest = |n: usize| -> Vec<String> { (0..n).map(|i| format!("Day {}", 30 - i)).collect() };

    assert_eq!(feed_titles(&build_at(site.path(), None)), newest(20));
    let config = site.path().join("site.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}feed_limit: 3\n")).unwrap();
    assert_eq!(feed_titles(&build_at(site.path(), None)), newest(3));
    std::fs::write(&config, format!("{text}feed_limit: 0\n")).unwrap();
    let mut all = newest(30);
    all.push("Home".to_string());
    assert_eq!(feed_titles(&build_at(site.path(), None)), all);
}

#[test]
fn feed_is_atom_with_absolute_links_newest_first() {
    let out = build_at(&fixture("nested"), Some(REPO_BASE));
    let xml = read_output(&out, "atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("feed is well-formed");
    let feed = doc.root_element();
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    assert_eq!(child_text(feed, "updated"), Some("2024-07-01T00:00:00Z"));
    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 3);
    let first = entries[0];
    assert_eq!(child_text(first, "title"), Some("Costs"));
    assert_eq!(
        child_text(first, "id"),
        Some("https://example.github.io/repo/guides/prices/")
    );
    let link = first.children().find(|n| n.has_tag_name("link")).unwrap();
    assert_eq!(
        link.attribute("href"),
        Some("https://example.github.io/repo/guides/prices/")
    );
    for entry in &entries {
        for field in ["title", "id", "updated", "summary"] {
            assert!(child_text(*entry, field).is_some(), "{field}");
        }
    }
    let home = read_output(&out, "index.html");
    assert!(home.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Nested\" href=\"/repo/atom.xml\">"
    ));
}

#[test]
fn without_a_host_sitemap_and_feed_are_skipped_with_a_warning() {
    let out = tempfile::tempdir().unwrap();
    let mut options = faqpress::default_options(&fixture("nested"));
    options.output = out.path().join("public");
    options.overrides.base_url = Some("/".into());
    let report = build(&options).unwrap();
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert!(report.warnings[0].message.contains("has no host"));
    assert!(!out.path().join("public/sitemap.xml").exists());
    assert!(!out.path().join("public/atom.xml").exists());
    let robots = read_output(&out, "robots.txt");
    assert!(!robots.contains("Sitemap"));
    assert_no_canonical_or_og_url(out.path());
}

/// Without a host no page, alias pages included, has a canonical link or
/// an og:url: a relative one is invalid to search engines.
fn assert_no_canonical_or_og_url(out: &Path) {
    let pages = html_files(&out.join("public"));
    assert!(pages.len() >= 2, "{pages:?}");
    for page in pages {
        let html = fs::read_to_string(&page).unwrap();
        let name = page.display();
        assert!(!html.contains("rel=\"canonical\""), "{name}: canonical");
        assert!(!html.contains("og:url"), "{name}: og:url");
    }
}

#[test]
fn without_a_host_no_page_or_alias_has_a_canonical_link() {
    let site = copy_dir(&fixture("nested"));
    let article = site.path().join("content/aftercare.md");
    let text = fs::read_to_string(&article).unwrap();
    fs::write(
        &article,
        text.replacen("---\n", "---\naliases: [/old-aftercare/]\n", 1),
    )
    .unwrap();
    let out = build_at(site.path(), Some("/"));
    assert!(out.path().join("public/old-aftercare/index.html").is_file());
    assert_no_canonical_or_og_url(out.path());
}

/// The bundled site says its deploys pass the address
/// (`deploy_sets_base_url`), so its first build is quiet, and it has no
/// relative canonical links; with the address, the links are back.
#[test]
fn the_bundled_site_s_default_build_is_warning_free_without_canonical_links() {
    let out = tempfile::tempdir().unwrap();
    let mut options = faqpress::default_options(manifest());
    options.output = out.path().join("public");
    let report = build(&options).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_no_canonical_or_og_url(out.path());
    let hosted = build_at(manifest(), Some(REPO_BASE));
    let home = read_output(&hosted, "index.html");
    assert!(home.contains("<link rel=\"canonical\" href=\"https://example.github.io/repo/\">"));
    assert!(
        home.contains("<meta property=\"og:url\" content=\"https://example.github.io/repo/\">")
    );
}

#[test]
fn hosting_files_are_written() {
    let out = build_at(&fixture("nested"), Some(REPO_BASE));
    assert_eq!(read_output(&out, ".nojekyll"), "");
    assert!(!out.path().join("public/CNAME").exists());
    assert!(read_output(&out, "favicon.svg").starts_with("<svg"));
    let ico = fs::read(out.path().join("public/favicon.ico")).unwrap();
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "an ICO header");
    let headers = read_output(&out, "_headers");
    assert!(headers.starts_with("/repo/*\n  Content-Security-Policy: "));
    for name in [
        "X-Content-Type-Options: nosniff",
        "Referrer-Policy:",
        "Permissions-Policy:",
    ] {
        assert!(headers.contains(name), "{name}");
    }
    let css = fs::read_dir(out.path().join("public"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.starts_with("style.") && n.ends_with(".css"))
        .unwrap();
    assert!(headers.contains(&format!(
        "/repo/{css}\n  Cache-Control: public, max-age=31536000, immutable\n"
    )));

    let site = copy_dir(&fixture("nested"));
    let yaml = site.path().join("site.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(&yaml, format!("{text}domain: Answers.Example.com\n")).unwrap();
    let out = build_at(site.path(), None);
    assert_eq!(read_output(&out, "CNAME"), "answers.example.com\n");
}

#[test]
fn a_site_s_own_robots_txt_icons_and_cname_take_the_place_of_faqpress_s() {
    let site = copy_dir(&fixture("nested"));
    let own = [
        ("robots.txt", &b"User-agent: *\nDisallow: /drafts/\n"[..]),
        (
            "favicon.svg",
            &b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"[..],
        ),
        ("favicon.ico", &b"own icon"[..]),
        ("CNAME", &b"own.example.com\n"[..]),
    ];
    for (name, bytes) in own {
        fs::write(site.path().join("content").join(name), bytes).unwrap();
    }
    let out = build_at(site.path(), Some(REPO_BASE));
    for (name, bytes) in own {
        let written = fs::read(out.path().join("public").join(name)).unwrap();
        assert_eq!(written, bytes, "{name} is the site's own, as it is");
    }
    // With `domain:` set, a second CNAME is a located error instead.
    let yaml = site.path().join("site.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(&yaml, format!("{text}domain: answers.example.com\n")).unwrap();
    let options = faqpress::default_options(site.path());
    let errors = build(&options).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, "content/CNAME");
    assert!(
        errors[0].message.contains("`/CNAME`"),
        "{}",
        errors[0].message
    );
}

#[test]
fn aliases_redirect_and_bad_ones_are_located() {
    let site = copy_dir(&fixture("nested"));
    let article = site.path().join("content/aftercare.md");
    let text = fs::read_to_string(&article).unwrap();
    let with = |aliases: &str| text.replacen("---\n", &format!("---\naliases:\n{aliases}"), 1);
    fs::write(&article, with("  - /old-aftercare/\n  - /2019/care.html\n")).unwrap();
    let out = build_at(site.path(), Some(REPO_BASE));
    assert_eq!(
        read_output(&out, "_redirects")
            .lines()
            .skip(1)
            .collect::<Vec<_>>(),
        [
            "/repo/old-aftercare/ /repo/aftercare/ 301",
            "/repo/2019/care.html /repo/aftercare/ 301"
        ]
    );
    let page = read_output(&out, "old-aftercare/index.html");
    assert!(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=/repo/aftercare/\">"));
    assert!(
        page.contains(
            "<link rel=\"canonical\" href=\"https://example.github.io/repo/aftercare/\">"
        )
    );
    assert!(page.contains("<a href=\"/repo/aftercare/\">"));
    assert!(out.path().join("public/2019/care.html").is_file());

    fs::write(
        &article,
        with("  - /guides/prices/\n  - ../up/\n  - https://a.org/x\n  - /dup/\n  - dup\n"),
    )
    .unwrap();
    let errors = build(&faqpress::default_options(site.path())).unwrap_err();
    let found: Vec<(String, &str)> = errors
        .iter()
        .map(|d| (d.location(), d.message.as_str()))
        .collect();
    assert_eq!(errors.len(), 4, "{found:#?}");
    assert_eq!(found[0].0, "content/aftercare.md:3:5");
    assert!(
        found[0]
            .1
            .contains("already the address of the article `content/guides/costs.md`")
    );
    assert_eq!(found[1].0, "content/aftercare.md:4:5");
    assert_eq!(found[2].0, "content/aftercare.md:5:5");
    assert_eq!(found[3].0, "content/aftercare.md:7:5");
    assert!(found[3].1.contains("an alias of the article"));
    assert!(errors.iter().all(|d| d.help.is_some()));
}

/// `href`, `src` and meta-refresh URLs of an HTML file, entities decoded.
fn urls_in(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for attr in [" href=\"", " src=\"", "content=\"0; url="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').expect("attribute is closed");
            urls.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    urls
}

fn ids_in(html: &str) -> HashSet<String> {
    html.split(" id=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

/// Builds under `/repo/` and follows every link of every page: internal
/// ones must carry the prefix and reach a file, fragments an id on it.
fn crawl(root: &Path) {
    let out = build_at(root, Some(REPO_BASE));
    let public = out.path().join("public");
    let files = html_files(&public);
    assert!(files.len() >= 2);
    let mut checked = 0;
    for file in &files {
        let html = fs::read_to_string(file).unwrap();
        let own = file.strip_prefix(&public).unwrap().to_path_buf();
        for url in urls_in(&html) {
            let url = match url.strip_prefix("https://example.github.io") {
                Some(path) => path.to_string(),
                None if url.starts_with("http://") || url.starts_with("https://") => continue,
                None => url,
            };
            let (path, fragment) = match url.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (url.clone(), None),
            };
            let target = if path.is_empty() {
                own.clone()
            } else {
                let rel = path
                    .strip_prefix("/repo/")
                    .unwrap_or_else(|| panic!("{}: `{url}` is not under /repo/", own.display()));
                let rel = if rel.is_empty() || rel.ends_with('/') {
                    format!("{rel}index.html")
                } else {
                    rel.to_string()
                };
                PathBuf::from(rel)
            };
            let target_file = public.join(&target);
            assert!(
                target_file.is_file(),
                "{}: `{url}` → {} is missing",
                own.display(),
                target.display()
            );
            if let Some(fragment) = fragment {
                let target_html = fs::read_to_string(&target_file).unwrap();
                assert!(
                    ids_in(&target_html).contains(&fragment),
                    "{}: `{url}` has no id `{fragment}`",
                    own.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 10, "only {checked} links checked");
}

#[test]
fn every_link_of_a_project_pages_build_resolves() {
    crawl(&fixture("nested"));
    crawl(manifest());
    crawl(&fixture("hostile"));
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let out = build_at(&fixture("hostile"), None);
    for file in ["index.html", "404.html", "old-page/index.html"] {
        let html = read_output(&out, file);
        assert!(!html.contains("<script>alert"), "{file}: {html}");
        assert!(!html.contains("<img src=x"), "{file}");
        assert!(!html.contains("\"><img"), "{file}: attribute broken out of");
        assert_eq!(
            html.matches("<script").count(),
            html.matches("<script type=\"application/ld+json\">")
                .count()
                + html.matches("<script src=\"/repo/search.").count(),
            "{file}: only JSON-LD scripts and the search box's"
        );
    }
    let home = read_output(&out, "index.html");
    assert!(home.contains(
        "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; title</title>"
    ));
    let json: Vec<serde_json::Value> = home
        .split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| serde_json::from_str(&rest[..rest.find("</script>").unwrap()]).unwrap())
        .collect();
    assert_eq!(
        json[0]["@graph"][0]["headline"],
        "</script><script>alert(1)</script> ]]> title"
    );
    for file in ["atom.xml", "sitemap.xml"] {
        let xml = read_output(&out, file);
        roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    let feed_xml = read_output(&out, "atom.xml");
    let feed = roxmltree::Document::parse(&feed_xml).unwrap();
    let entry = feed
        .descendants()
        .find(|n| n.has_tag_name("entry"))
        .unwrap();
    assert_eq!(
        child_text(entry, "title"),
        Some("</script><script>alert(1)</script> ]]> title")
    );
    assert_eq!(
        child_text(entry, "summary"),
        Some("\"><img src=x onerror=alert(1)> ]]> <![CDATA[ x ]]>")
    );
}

#[test]
fn github_workflow_builds_with_the_pages_url_and_deploys() {
    let text = fs::read_to_string(manifest().join(".github/workflows/pages.yml")).unwrap();
    kits::check_workflow(&text, "cargo run --release -- build --base-url");
}

#[test]
fn netlify_builds_each_context_with_its_own_url() {
    let text = fs::read_to_string(manifest().join("netlify.toml")).unwrap();
    kits::check_netlify(&text, "cargo run --release -- build");
}

fn copy_dir(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let to = dir.path().join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
    dir
}

/// Page names may hold any letter; every URL written of such a page
/// (links, canonical, `og:url`, JSON-LD, sitemap, feed) is percent-encoded,
/// and the file itself keeps its name, which is what servers look up.
#[test]
fn a_page_named_with_letters_outside_ascii_has_encoded_urls_everywhere() {
    let site = support::temp_site("---\ntitle: Home\ndate: 2024-05-01\n---\nSee [it](café.md).\n");
    fs::write(
        site.path().join("content/café.md"),
        "---\ntitle: Café\ndate: 2024-05-02\n---\nText.\n",
    )
    .unwrap();
    let out = build_at(site.path(), Some(REPO_BASE));
    let page = read_output(&out, "café/index.html");
    let encoded = "https://example.github.io/repo/caf%C3%A9/";
    assert!(
        page.contains(&format!("<link rel=\"canonical\" href=\"{encoded}\">")),
        "{page}"
    );
    assert!(
        page.contains(&format!("content=\"{encoded}\"")),
        "og:url: {page}"
    );
    assert!(
        page.contains(&format!("\"@id\":\"{encoded}\"")),
        "JSON-LD: {page}"
    );
    let home = read_output(&out, "index.html");
    assert!(home.contains("href=\"/repo/caf%C3%A9/\""), "{home}");
    for file in ["sitemap.xml", "atom.xml"] {
        let xml = read_output(&out, file);
        assert!(xml.contains(encoded), "{file}: {xml}");
        assert!(!xml.contains("café/"), "{file} has a raw letter: {xml}");
    }
}

/// A copied file whose name has a space is found whether the link escapes
/// it (`my%20photo.png`, as CommonMark wants) or not (`<my photo.png>`),
/// and its address is escaped exactly once in the page.
#[test]
fn a_file_name_with_a_space_is_linked_escaped_once() {
    let site = support::temp_site(
        "---\ntitle: Home\n---\n![One](my%20photo.png) ![Two](<my photo.png>)\n",
    );
    // A real PNG: it becomes a `<picture>` of variants named after it.
    image::RgbImage::from_pixel(40, 30, image::Rgb([200, 120, 80]))
        .save(site.path().join("content/my photo.png"))
        .unwrap();
    let out = build_at(site.path(), Some(REPO_BASE));
    let home = read_output(&out, "index.html");
    assert_eq!(
        home.matches("<img src=\"/repo/my%20photo.").count(),
        2,
        "{home}"
    );
    assert_eq!(
        home.matches("srcset=\"/repo/my%20photo.").count(),
        4,
        "{home}"
    );
    assert!(!home.contains("%2520"), "{home}");
    assert!(out.path().join("public/my photo.png").is_file());
}
