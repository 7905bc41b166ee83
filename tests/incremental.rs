//! `serve`'s incremental rebuilds: after every edit in a sequence, the
//! session's files equal a clean build of the same files, byte for byte,
//! and the session redid only what the edit affects.

mod support;

use support::write_file as write;

use std::collections::BTreeMap;
use std::path::Path;

use faqpress::config::Overrides;
use faqpress::serve::{Build, Session, Work};

const ORIGIN: &str = "http://127.0.0.1:1111";
/// More than one listing page (50 a page), so paging is exercised.
const ARTICLES: usize = 60;

fn article(n: usize, extra: &str) -> String {
    let next = (n + 1) % ARTICLES;
    format!(
        "---\ntitle: Article {n}\ndescription: About topic {n}.\ndate: 2026-01-{day:02}\n---\n\
         Intro of {n}, see [the next one](a{next}.md#is-it-safe).\n\n\
         ## Is it safe?\n\nMostly, for {n}.{extra}\n\n## What does it cost?\n\nIt depends.\n",
        day = n % 28 + 1
    )
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "site.yaml", "title: Answers\nbase_url: /\n");
    write(
        root,
        "content/index.md",
        "---\ntitle: Home\ndescription: Start here.\n---\nWelcome.\n\n## Where do I start?\n\nBelow.\n",
    );
    for n in 0..ARTICLES {
        write(root, &format!("content/a{n}.md"), &article(n, ""));
    }
    dir
}

/// The files of a clean in-memory build, as `serve` would build them.
fn clean(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let sources = faqpress::source::load(root).expect("loads");
    let overrides = Overrides {
        base_url: Some(format!("{ORIGIN}/")),
        ..Overrides::default()
    };
    let (_, files) = faqpress::render_to_memory(&sources, &overrides).expect("builds");
    files
        .into_iter()
        .map(|f| (f.path.clone(), bytes(&f)))
        .collect()
}

fn bytes(file: &faqpress::output::OutputFile) -> Vec<u8> {
    match &file.contents {
        faqpress::output::Contents::Bytes(b) => b.clone(),
        faqpress::output::Contents::Copy(from) => std::fs::read(from).unwrap(),
    }
}

fn served(build: &Build) -> BTreeMap<String, Vec<u8>> {
    build
        .files
        .iter()
        .map(|(path, f)| (path.clone(), bytes(f)))
        .collect()
}

/// Rebuilds after `changed`, makes the search index the rebuild left to
/// make (as `serve` does on a thread of its own), and checks the result
/// against a clean build.
fn step(session: &mut Session, root: &Path, changed: &[&str]) -> Work {
    let changed: Vec<String> = changed.iter().map(|s| s.to_string()).collect();
    let mut build = session.rebuild(&changed).expect("rebuilds");
    let files = match build.search.take() {
        Some(pending) => {
            let sequence = pending.sequence();
            let index = pending.index().expect("indexes");
            session
                .install_search(sequence, index)
                .expect("the latest index is installed")
        }
        None => build.files.clone(),
    };
    let expected = clean(root);
    let got: BTreeMap<String, Vec<u8>> = files
        .iter()
        .map(|(path, f)| (path.clone(), bytes(f)))
        .collect();
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "the same files after {changed:?}"
    );
    for (path, want) in &expected {
        assert!(got[path] == *want, "{path} differs after {changed:?}");
    }
    build.work
}

#[test]
fn each_edit_redoes_only_what_it_affects_and_equals_a_clean_build() {
    let dir = site();
    let root = dir.path();
    let mut session = Session::new(root, ORIGIN, false);
    let pages = ARTICLES + 1;

    let first = step(&mut session, root, &[]);
    assert_eq!((first.derived, first.pages), (pages, pages), "{first:?}");

    // One article's body: that page again, and the listing page showing it.
    write(root, "content/a7.md", &article(7, " Edited."));
    let work = step(&mut session, root, &["content/a7.md"]);
    assert_eq!(
        (work.parsed, work.derived, work.rendered),
        (1, 1, 2),
        "{work:?}"
    );

    // Its title, shown on the listing: the same amount of work.
    write(
        root,
        "content/a7.md",
        &article(7, "").replace("Article 7", "Article seven"),
    );
    let work = step(&mut session, root, &["content/a7.md"]);
    assert_eq!((work.derived, work.rendered), (1, 2), "{work:?}");

    // A template: everything rendered again, nothing parsed again.
    write(
        root,
        "templates/partials/toc.html",
        "<nav id=\"toc\" aria-labelledby=\"toc-title\"><h2 id=\"toc-title\">In short</h2></nav>",
    );
    let work = step(&mut session, root, &["templates/partials/toc.html"]);
    assert_eq!((work.parsed, work.derived), (0, 0), "{work:?}");
    assert!(work.rendered >= pages, "{work:?}");

    // A new article: only it is derived, since no other page's links
    // resolve differently now.
    write(root, "content/new.md", &article(99, ""));
    let work = step(&mut session, root, &["content/new.md"]);
    assert_eq!((work.parsed, work.derived), (1, 1), "{work:?}");

    // Removing it goes back.
    std::fs::remove_file(root.join("content/new.md")).unwrap();
    step(&mut session, root, &["content/new.md"]);

    // An edit that breaks a link on another page is still found.
    write(
        root,
        "content/a8.md",
        &article(8, "").replace("## Is it safe?", "## Is it risky?"),
    );
    let error = session
        .rebuild(&["content/a8.md".to_string()])
        .expect_err("a7 links to a8#is-it-safe");
    let rendered =
        faqpress::diagnostics::render_all(&error, faqpress::diagnostics::Style { color: false });
    assert!(rendered.contains("content/a7.md:"), "{rendered}");
    assert!(rendered.contains("#is-it-safe"), "{rendered}");

    // A broken front matter, then the fix.
    write(root, "content/a8.md", "---\ntitle: [never closed\n---\n");
    assert!(session.rebuild(&["content/a8.md".to_string()]).is_err());
    // The fix derives a8 and a7, whose link to a8 resolves again.
    write(root, "content/a8.md", &article(8, " Fixed."));
    let work = step(&mut session, root, &["content/a8.md"]);
    assert_eq!(work.derived, 2, "{work:?}");

    // A hidden file (an editor's swap file) changes nothing.
    write(root, "content/.a8.md.swp", "binary junk");
    let work = step(&mut session, root, &["content/.a8.md.swp"]);
    assert_eq!(
        (work.parsed, work.derived, work.rendered),
        (0, 0, 0),
        "{work:?}"
    );

    // site.yaml: the settings changed, so everything again.
    write(root, "site.yaml", "title: More answers\nbase_url: /\n");
    let work = step(&mut session, root, &["site.yaml"]);
    assert_eq!(work.derived, pages, "{work:?}");

    // An asset, and a folder: the site is loaded again, and articles whose
    // text did not change are reused.
    write(
        root,
        "content/photos/a.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let work = step(&mut session, root, &["content/photos"]);
    assert_eq!(work.parsed, 0, "{work:?}");
}

/// Pages are rendered as soon as they are derived; when another article
/// then fails the rebuild, none of them is served, and the memo does not
/// take them for delivered: the rebuild after the fix serves them.
#[test]
fn a_failed_rebuild_serves_the_last_good_site_and_the_fix_serves_every_edit() {
    let dir = site();
    let root = dir.path();
    let mut session = Session::new(root, ORIGIN, false);
    let good = served(&session.rebuild(&[]).expect("builds"));
    write(root, "content/a3.md", &article(3, " Edited meanwhile."));
    write(root, "content/a9.md", "---\ntitle: [never closed\n---\n");
    let both = ["content/a3.md".to_string(), "content/a9.md".to_string()];
    assert!(session.rebuild(&both).is_err());
    let now: BTreeMap<String, Vec<u8>> = session
        .files()
        .iter()
        .map(|(path, f)| (path.clone(), bytes(f)))
        .collect();
    assert!(now == good, "a failed rebuild changed what is served");
    write(root, "content/a9.md", &article(9, ""));
    let work = step(&mut session, root, &["content/a9.md"]);
    assert!(work.rendered >= 2, "{work:?}");
    let fixed = served(&session.rebuild(&[]).expect("builds"));
    assert!(
        String::from_utf8_lossy(&fixed["a3/index.html"]).contains("Edited meanwhile."),
        "the edit made during the failed rebuild is served"
    );
}

/// Tag pages follow edits of the articles' tags, as a clean build has them.
#[test]
fn tag_pages_follow_edits_of_tags() {
    let dir = site();
    let root = dir.path();
    let mut session = Session::new(root, ORIGIN, false);
    let tagged = |n: usize, tags: &str| {
        article(n, "").replacen("\n---\n", &format!("\ntags: [{tags}]\n---\n"), 1)
    };
    write(root, "content/a1.md", &tagged(1, "Safety, Costs"));
    write(root, "content/a2.md", &tagged(2, "safety"));
    step(&mut session, root, &[]);
    write(root, "content/a2.md", &tagged(2, "Costs"));
    step(&mut session, root, &["content/a2.md"]);
    write(root, "content/a1.md", &article(1, ""));
    let mut build = session
        .rebuild(&["content/a1.md".to_string()])
        .expect("builds");
    let files = served(&build);
    let pending = build.search.take().expect("the tags changed the index");
    let sequence = pending.sequence();
    session.install_search(sequence, pending.index().unwrap());
    assert!(files.contains_key("tags/costs/index.html"));
    assert!(
        !files.contains_key("tags/safety/index.html"),
        "a tag no article has is gone"
    );
    step(&mut session, root, &[]);
}

/// A longer, deterministic sequence of mixed edits, each checked against a
/// clean build.
#[test]
fn a_sequence_of_mixed_edits_always_equals_a_clean_build() {
    let dir = site();
    let root = dir.path();
    let mut session = Session::new(root, ORIGIN, false);
    step(&mut session, root, &[]);
    let mut seed: u64 = 0x5eed;
    let mut next = move |bound: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % bound
    };
    for round in 0..24 {
        let n = next(ARTICLES);
        let rel = format!("content/a{n}.md");
        match next(5) {
            0 => write(root, &rel, &article(n, &format!(" Round {round}."))),
            1 => write(
                root,
                &rel,
                &article(n, "").replace(&format!("Article {n}\n"), &format!("Retitled {round}\n")),
            ),
            2 => write(
                root,
                &rel,
                &article(n, "").replacen("---\n", &format!("---\ndraft: {}\n", round % 2 == 0), 1),
            ),
            3 => write(
                root,
                &rel,
                &article(n, "").replace("date: 2026-01", "date: 2025-12"),
            ),
            _ => write(root, &rel, &article(n, "")),
        }
        // A draft that others link to breaks their links: put it back
        // before comparing, since a failing build has nothing to compare.
        let changed = [rel.as_str()];
        let names: Vec<String> = changed.iter().map(|s| s.to_string()).collect();
        match session.rebuild(&names) {
            Err(_) => write(root, &rel, &article(n, "")),
            // `serve` always makes the index a rebuild leaves to make.
            Ok(Build {
                search: Some(pending),
                ..
            }) => {
                let sequence = pending.sequence();
                session.install_search(sequence, pending.index().unwrap());
            }
            Ok(_) => {}
        }
        step(&mut session, root, &changed);
    }
}

/// The files under `pagefind/` of a file map.
fn search_files(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    files
        .iter()
        .filter(|(path, _)| path.starts_with("pagefind/"))
        .map(|(path, bytes)| (path.clone(), bytes.clone()))
        .collect()
}

/// An edit's pages are served at once; its search index is made off the
/// rebuild, the previous index served meanwhile, and only the latest of
/// two indexes in the making is installed.
#[test]
fn an_edit_is_served_at_once_and_its_search_index_once_made() {
    let dir = site();
    let root = dir.path();
    let mut session = Session::new(root, ORIGIN, false);
    let first = session.rebuild(&[]).expect("builds");
    assert!(first.search.is_none(), "the first index is made at once");
    let before = search_files(&served(&first));
    assert!(!before.is_empty());

    write(root, "content/a3.md", &article(3, " Hyaluronic."));
    let mut edited = session
        .rebuild(&["content/a3.md".to_string()])
        .expect("builds");
    let earlier = edited.search.take().expect("the answer's words changed");
    let now = served(&edited);
    assert!(String::from_utf8_lossy(&now["a3/index.html"]).contains("Hyaluronic."));
    assert!(
        search_files(&now) == before,
        "the last index is served meanwhile"
    );

    write(root, "content/a4.md", &article(4, " Retinol."));
    let mut again = session
        .rebuild(&["content/a4.md".to_string()])
        .expect("builds");
    let latest = again.search.take().expect("changed again");
    let sequence = earlier.sequence();
    assert!(
        session
            .install_search(sequence, earlier.index().unwrap())
            .is_none(),
        "an index overtaken by a later edit is dropped"
    );
    let sequence = latest.sequence();
    let installed = session
        .install_search(sequence, latest.index().unwrap())
        .expect("the latest index is installed");
    let installed: BTreeMap<String, Vec<u8>> = installed
        .iter()
        .map(|(path, f)| (path.clone(), bytes(f)))
        .collect();
    assert!(
        installed == clean(root),
        "then everything equals a clean build"
    );

    // An index that could not be made is made by the next rebuild.
    write(root, "content/a5.md", &article(5, " Peptides."));
    let mut failed = session
        .rebuild(&["content/a5.md".to_string()])
        .expect("builds");
    let lost = failed.search.take().expect("changed");
    session.search_failed(lost.sequence());
    let next = session.rebuild(&[]).expect("builds");
    assert!(next.search.is_none(), "made at once");
    assert!(served(&next) == clean(root));
}

/// A site's table of words (`i18n/`) is a source like a template: an
/// edit renders every page again with the new word, as a clean build does.
#[test]
fn an_edit_of_the_sites_words_renders_every_page_again() {
    let dir = site();
    let root = dir.path();
    let mut session = Session::new(root, ORIGIN, false);
    step(&mut session, root, &[]);
    write(root, "i18n/en.yaml", "toc_title: On this page\n");
    let work = step(&mut session, root, &["i18n/en.yaml"]);
    assert!(work.rendered > ARTICLES, "{work:?}");
    let build = session.rebuild(&[]).expect("rebuilds");
    let home = String::from_utf8(served(&build)["index.html"].clone()).unwrap();
    assert!(home.contains(">On this page</h2>"), "{home}");
}
