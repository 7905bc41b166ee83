//! One article's page: its view (sections with their components placed,
//! byline, sources, tags, JSON-LD, versions in other languages) rendered
//! through its template, and its search document.

use tera::{Context, Tera};

use super::DEFAULT_TEMPLATE;
use super::jsonld;
use super::theme::{Theme, template_error};
use super::views::{
    ArticleView, BlockView, ComponentView, DateView, PersonView, TagLink, VersionView,
};
use crate::components::{self, Component, PageRef};
use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::html::json_for_script;
use crate::layout;
use crate::markdown::BlockKind;
use crate::output::OutputFile;
use crate::page::{Body, Header, Page};
use crate::search;
use crate::trust::{people, sources};

/// One page to render, with what its language and translations add.
pub(super) struct PageIn<'p> {
    pub page: &'p Page,
    pub body: &'p Body,
    /// The context its language lays over the global one.
    pub base: Context,
    pub versions: Vec<VersionView<'p>>,
}

pub(super) fn render_page(
    tera: &Tera,
    theme: &Theme,
    site: &Site,
    input: &PageIn,
    index: Option<&search::Index>,
) -> Result<OutputFile, Diagnostic> {
    let (page, body) = (input.page, input.body);
    let language = page.header.language.as_deref();
    let locale = site.locale_for(language);
    let template = page_template(tera, page)?;
    let rendered = render_components(tera, theme, body, &input.base)?;
    let mut placed = vec![false; rendered.len()];
    let intro = substitute(&body.doc.intro_html, &rendered, &mut placed);
    let blocks = block_views(body, &rendered, &mut placed);
    let front = &page.header.front;
    let credits = people::credits(front, &site.authors);
    let view = ArticleView {
        title: &front.title,
        description: front.description.as_deref(),
        url: site.base_url.url(&page.header.path),
        permalink: site.base_url.absolute(&page.header.path),
        is_home: page.header.path.is_empty(),
        date: front.date.map(|d| DateView::new(d, locale)),
        updated: front.updated.map(|d| DateView::new(d, locale)),
        author: credits
            .author
            .map(|p| p.name.as_str())
            .or(front.author.as_deref())
            .or(site.author.as_deref()),
        author_profile: credits.author.map(|p| PersonView::new(p, site)),
        reviewer: credits.reviewer.map(|p| PersonView::new(p, site)),
        last_reviewed: front.last_reviewed.map(|d| DateView::new(d, locale)),
        references: sources::references(&front.sources, &body.doc.citations),
        // Tag pages list the site's own language's articles only.
        tags: match language {
            None => tag_links(&page.header, site),
            Some(_) => Vec::new(),
        },
        intro,
        has_questions: blocks.iter().any(|b| b.kind == BlockKind::Question),
        blocks,
        toc: &body.toc,
        show_toc: front.toc && !body.toc.is_empty(),
        footnotes: &body.doc.footnotes_html,
        components: component_views(rendered, &placed),
        json_ld: json_ld(page, body, site),
        versions: &input.versions,
        image: page
            .outline
            .og_image
            .as_ref()
            .filter(|_| site.base_url.origin().is_some())
            .map(|og| site.base_url.absolute(&og.path)),
    };
    if let Some(index) = index {
        index.add(search_entry(&view, page, site).document());
    }
    let mut ctx = input.base.clone();
    ctx.insert("page", &view);
    let html = tera
        .render(template, &ctx)
        .map_err(|e| template_error(&e, theme))?;
    Ok(OutputFile::text(page.header.output_file(), html))
}

/// What the search index takes of an article: its view's parts.
fn search_entry<'v>(view: &'v ArticleView, page: &'v Page, site: &'v Site) -> search::Entry<'v> {
    let sections = view.blocks.iter().map(|b| search::Section {
        id: b.id,
        title: b.title,
        text: b.text,
    });
    search::Entry {
        path: &page.header.path,
        language: site.language_of(page.header.language.as_deref()),
        title: view.title,
        intro_html: &view.intro,
        sections: sections.collect(),
        tags: &page.header.front.tags,
    }
}

/// The article's tags, linked to their pages (the plan has a page for each
/// tag with a letter or digit; any other is reported).
fn tag_links<'p>(header: &'p Header, site: &Site) -> Vec<TagLink<'p>> {
    let tags = header.front.tags.iter().zip(&header.tag_slugs);
    tags.filter_map(|(name, slug)| {
        let name = name.trim();
        let slug = slug.as_deref()?;
        let url = site.base_url.url(&format!("{}/{slug}/", layout::TAGS_DIR));
        Some(TagLink { name, url })
    })
    .collect()
}

/// The template the page names (or the default), if the theme has it.
fn page_template<'p>(tera: &Tera, page: &'p Page) -> Result<&'p str, Diagnostic> {
    let template = page
        .header
        .front
        .template
        .as_deref()
        .unwrap_or(DEFAULT_TEMPLATE);
    if tera.contains_template(template) {
        return Ok(template);
    }
    let d = crate::frontmatter::error_at(
        &page.header.file,
        &page.header.split(),
        &[crate::yaml::Step::Key("template")],
        format!("there is no template called `{template}`"),
    );
    let mut names: Vec<&str> = tera
        .get_template_names()
        .filter(|n| !n.starts_with("partials/"))
        .collect();
    names.sort_unstable();
    Err(d.with_help(format!(
        "put it in `templates/`, or use one of: {}",
        names.join(", ")
    )))
}

/// The page's sections, each with the components its markers place.
fn block_views<'p>(
    body: &'p Body,
    rendered: &[(&'static Component, Option<String>)],
    placed: &mut [bool],
) -> Vec<BlockView<'p>> {
    let last_question = body
        .doc
        .blocks
        .iter()
        .rposition(|b| b.kind == BlockKind::Question);
    body.doc
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let heading = &body.doc.headings[b.heading];
            BlockView {
                kind: b.kind,
                id: &heading.id,
                title: &heading.text,
                title_html: &heading.html,
                html: match b.kind {
                    BlockKind::Question => answer_html(&b.html, rendered, placed),
                    BlockKind::Section => substitute(&b.html, rendered, placed),
                },
                text: &b.text,
                is_last_question: Some(i) == last_question
                    || (last_question.is_none() && i + 1 == body.doc.blocks.len()),
            }
        })
        .collect()
}

/// The article's JSON-LD: one graph of the page, its people, its site and
/// what each component adds.
fn json_ld(page: &Page, body: &Body, site: &Site) -> Vec<String> {
    let permalink = site.base_url.absolute(&page.header.path);
    let on = PageRef {
        title: &page.header.front.title,
        permalink: &permalink,
    };
    let components = body
        .components
        .iter()
        .filter_map(|(_, block)| block.json_ld(&on))
        .collect();
    vec![json_for_script(&jsonld::graph(
        page, body, site, components,
    ))]
}

/// Every component of the registry with its rendered block, if the page
/// has one.
fn render_components(
    tera: &Tera,
    theme: &Theme,
    body: &Body,
    base: &Context,
) -> Result<Vec<(&'static Component, Option<String>)>, Diagnostic> {
    components::ALL
        .iter()
        .map(|&component| {
            let html = match body.components.get(component) {
                Some(block) => Some(
                    block
                        .render(tera, component, base)
                        .map_err(|e| template_error(&e, theme))?,
                ),
                None => None,
            };
            Ok((component, html))
        })
        .collect()
}

/// `html` with each component's stand-in replaced by its rendered block,
/// noting in `placed` which were.
fn substitute(
    html: &str,
    rendered: &[(&'static Component, Option<String>)],
    placed: &mut [bool],
) -> String {
    let mut out = html.to_string();
    for ((component, block), placed) in rendered.iter().zip(placed) {
        if let Some(block) = block {
            if out.contains(component.stand_in) {
                out = out.replace(component.stand_in, block);
                *placed = true;
            }
        }
    }
    out
}

/// An answer's HTML with its prose marked as the `Answer`'s `text`
/// (schema.org microdata, inside the theme's `acceptedAnswer`) and each
/// component its markers place set between the runs of prose, outside
/// them: the answer's text is what the editor wrote, not the words of a
/// table or a form. Stand-ins lie between top-level blocks (a marker
/// cannot go inside a list or a quote), so each run is whole HTML.
fn answer_html(
    html: &str,
    rendered: &[(&'static Component, Option<String>)],
    placed: &mut [bool],
) -> String {
    fn prose(out: &mut String, run: &str) {
        let run = run.trim();
        if !run.is_empty() {
            out.push_str("<div itemprop=\"text\">");
            out.push_str(run);
            out.push_str("</div>");
        }
    }
    let mut out = String::with_capacity(html.len() + 32);
    let mut rest = html;
    loop {
        let next = rendered
            .iter()
            .zip(placed.iter_mut())
            .filter_map(|((component, block), placed)| {
                let at = rest.find(component.stand_in)?;
                Some((at, component.stand_in.len(), block.as_deref()?, placed))
            })
            .min_by_key(|(at, ..)| *at);
        let Some((at, len, block, placed)) = next else {
            prose(&mut out, rest);
            return out;
        };
        prose(&mut out, &rest[..at]);
        out.push_str(block.trim());
        *placed = true;
        rest = &rest[at + len..];
    }
}

fn component_views(
    rendered: Vec<(&'static Component, Option<String>)>,
    placed: &[bool],
) -> Vec<ComponentView> {
    rendered
        .into_iter()
        .zip(placed)
        .map(|((component, html), &placed)| ComponentView {
            name: component.key,
            html,
            placed,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::ALL;

    /// The registry's components, the pricing table rendered as `<table>`.
    fn rendered(pricing: Option<&str>) -> Vec<(&'static Component, Option<String>)> {
        ALL.iter()
            .map(|&c| (c, pricing.filter(|_| c.key == "pricing").map(String::from)))
            .collect()
    }

    #[test]
    fn an_answers_prose_is_its_text_and_a_placed_block_stands_between() {
        let stand_in = "<!--faqpress:pricing-->";
        let blocks = rendered(Some("<table></table>\n"));
        let mut placed = vec![false; blocks.len()];
        let html = format!("<p>Before.</p>\n{stand_in}\n<p>After.</p>\n");
        assert_eq!(
            answer_html(&html, &blocks, &mut placed),
            "<div itemprop=\"text\"><p>Before.</p></div><table></table>\
             <div itemprop=\"text\"><p>After.</p></div>"
        );
        assert_eq!(placed, [false, true]);
        // At the end (or the start) there is no empty run.
        let mut placed = vec![false; blocks.len()];
        let html = format!("<p>Costs.</p>\n{stand_in}\n");
        assert_eq!(
            answer_html(&html, &blocks, &mut placed),
            "<div itemprop=\"text\"><p>Costs.</p></div><table></table>"
        );
        let mut placed = vec![false; blocks.len()];
        assert_eq!(
            answer_html("<p>Only prose.</p>\n", &blocks, &mut placed),
            "<div itemprop=\"text\"><p>Only prose.</p></div>"
        );
        assert_eq!(placed, [false, false]);
    }

    #[test]
    fn a_stand_in_without_a_block_is_left_in_the_prose() {
        let blocks = rendered(None);
        let mut placed = vec![false; blocks.len()];
        let html = "<p>A.</p>\n<!--faqpress:pricing-->\n";
        assert_eq!(
            answer_html(html, &blocks, &mut placed),
            "<div itemprop=\"text\"><p>A.</p>\n<!--faqpress:pricing--></div>"
        );
        assert_eq!(placed, [false, false]);
    }
}
