//! Unit tests of the Markdown stages: Q&A splitting, heading ids, markers,
//! links and footnotes, from strings.

use super::*;

/// Hooks that leave links alone and know two markers.
struct TestHooks;

impl Hooks for TestHooks {
    fn resolve_link(&self, dest: &str, _is_image: bool) -> Result<ResolvedLink, Problem> {
        if dest.contains("missing") {
            Err(Problem::error(format!("no page `{dest}`")))
        } else {
            Ok(ResolvedLink::unchanged(&dest.replace(".md", "/")))
        }
    }

    fn expand(&self, expression: &str) -> Result<Expansion, Problem> {
        match expression {
            "checklist()" => Ok(Expansion::Block("<!--checklist-->".into())),
            "pricing.course_total" => Ok(Expansion::Inline("$300–$800".into())),
            other => Err(Problem::error(format!("unknown marker `{other}`"))),
        }
    }
}

fn doc(body: &str) -> Document {
    render(body, &TestHooks, &[])
}

const ARTICLE: &str = "\
Intro paragraph.

## How does it work?

It works **well**.

### Details

More.

## Is it safe?

Mostly.

## Wrapping it up

Bye.
";

#[test]
fn splits_intro_questions_and_sections() {
    let d = doc(ARTICLE);
    assert_eq!(d.intro_html, "<p>Intro paragraph.</p>\n");
    let kinds: Vec<_> = d
        .blocks
        .iter()
        .map(|b| (b.kind, d.headings[b.heading].id.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Question, "how-does-it-work"),
            (BlockKind::Question, "is-it-safe"),
            (BlockKind::Section, "wrapping-it-up"),
        ]
    );
    let first = &d.blocks[0];
    assert!(
        first
            .html
            .starts_with("<p>It works <strong>well</strong>.</p>")
    );
    assert!(first.html.contains("<h3 id=\"details\">Details</h3>"));
    assert_eq!(first.text, "It works well. Details More.");
    assert!(d.problems.is_empty());
}

#[test]
fn every_byte_lands_in_exactly_one_part() {
    let d = doc(ARTICLE);
    let mut covered = d.intro_range.clone();
    for block in &d.blocks {
        assert_eq!(block.range.start, covered.end);
        covered.end = block.range.end;
    }
    assert_eq!(covered, 0..ARTICLE.len());
}

#[test]
fn headings_nested_in_quotes_do_not_cut() {
    let d = doc("> ## Quoted?\n\n## Real?\n\nYes.\n");
    assert_eq!(d.blocks.len(), 1);
    assert!(d.intro_html.contains("<blockquote>"));
}

#[test]
fn custom_ids_win_and_duplicates_are_suffixed() {
    let d = doc("## Same?\n\n## Same?\n\n## Other {#mine}\n");
    let ids: Vec<_> = d.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["same", "same-2", "mine"]);
    assert_eq!(d.headings[2].text, "Other");
}

#[test]
fn duplicate_custom_ids_are_errors() {
    let d = doc("## A {#x}\n\n## B {#x}\n");
    assert_eq!(d.problems.len(), 1);
    assert_eq!(d.problems[0].message, "the heading id `x` is used twice");
}

#[test]
fn reserved_ids_are_avoided() {
    let d = render("## Main\n", &TestHooks, &["main"]);
    assert_eq!(d.headings[0].id, "main-2");
}

#[test]
fn block_and_inline_markers_expand() {
    let d = doc(
        "Costs {{ pricing.course_total }} in all.\n\n{{ checklist() }}\n\n`{{ checklist() }}`\n",
    );
    assert_eq!(
        d.intro_html,
        "<p>Costs $300–$800 in all.</p>\n<!--checklist-->\n<p><code>{{ checklist() }}</code></p>\n"
    );
}

#[test]
fn unknown_markers_are_located() {
    let body = "Text\n\nSay {{ nope }} here.\n";
    let d = doc(body);
    assert_eq!(d.problems.len(), 1);
    assert_eq!(d.problems[0].message, "unknown marker `nope`");
    assert_eq!(&body[d.problems[0].range.clone()], "{{ nope }}");
}

#[test]
fn block_marker_inside_a_sentence_is_an_error() {
    let d = doc("See {{ checklist() }} now.\n");
    assert_eq!(d.problems.len(), 1);
    assert!(d.problems[0].message.contains("must stand alone"));
}

#[test]
fn a_block_marker_inside_a_list_or_a_quote_is_an_error() {
    for body in [
        "> Quoted.\n>\n> {{ checklist() }}\n",
        "- One.\n\n- {{ checklist() }}\n",
    ] {
        let d = doc(body);
        assert_eq!(d.problems.len(), 1, "{body}");
        assert!(
            d.problems[0].message.contains("inside a list or a quote"),
            "{}",
            d.problems[0].message
        );
        assert_eq!(&body[d.problems[0].range.clone()], "{{ checklist() }}");
    }
    // At the top level, after a list and a quote, it is placed.
    let d = doc("- One.\n\n> Quoted.\n\n{{ checklist() }}\n");
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    assert!(
        d.intro_html.ends_with("<!--checklist-->"),
        "{}",
        d.intro_html
    );
}

#[test]
fn links_are_resolved_and_broken_ones_reported() {
    let body = "[a](aftercare.md) and [b](missing.md)\n\n![](pic.png)\n";
    let d = doc(body);
    assert!(d.intro_html.contains("href=\"aftercare/\""));
    assert_eq!(d.problems.len(), 1);
    assert_eq!(&body[d.problems[0].range.clone()], "[b](missing.md)");
    assert_eq!(d.images.len(), 1);
    assert_eq!(d.images[0].alt, "");
}

#[test]
fn footnotes_are_numbered_across_blocks() {
    let d =
        doc("Intro[^a].\n\n## Q?\n\nAnswer[^b] and again[^a].\n\n[^a]: First.\n[^b]: Second.\n");
    assert!(
        d.intro_html
            .contains("<a href=\"#fn-a\" id=\"fnref-a\">1</a>")
    );
    assert!(
        d.blocks[0]
            .html
            .contains("<a href=\"#fn-b\" id=\"fnref-b\">2</a>")
    );
    assert!(
        d.blocks[0]
            .html
            .contains("<a href=\"#fn-a\" id=\"fnref-a-2\">1</a>")
    );
    assert!(d.footnotes_html.find("First").unwrap() < d.footnotes_html.find("Second").unwrap());
    assert!(!d.blocks[0].html.contains("Second"));
}

#[test]
fn extensions_are_enabled() {
    let d = doc("| a |\n|---|\n| b |\n\n~~x~~\n\n- [x] done\n\n\"quoted\"\n");
    assert!(d.intro_html.contains("<table>"));
    assert!(d.intro_html.contains("<del>x</del>"));
    assert!(d.intro_html.contains("checkbox"));
    assert!(d.intro_html.contains("“quoted”"));
}

#[test]
fn question_detection() {
    assert!(is_question("Is it safe? "));
    assert!(is_question("安全ですか？"));
    assert!(!is_question("Wrapping it up"));
}
