//! The steps between reading the sources and writing the output, the same
//! for `build`, `check` and `serve`: settings → theme → headers (every
//! article's front matter, so every URL is known) → plan (every output
//! path, aliases checked against it) → renderer (templates compiled) →
//! pages (each derived, rendered and handed to the sink as soon as it is
//! ready) → verdict (any error stops here) → the rest of the theme's files
//! → publishing files → the search index, fed while the pages were
//! rendered.
//!
//! `serve`'s incremental rebuild is a memo around the same steps: each one
//! takes what it may reuse from it ([`Memo`]) and leaves it ready for the
//! next rebuild.

use crate::config::Site;
use crate::diagnostics::{self, Diagnostic, has_errors};
use crate::plan::OutputPlan;
use crate::render::theme::Theme;
use crate::render::{RenderMemo, Renderer, Sink};
use crate::site::{self, PageStep, SiteModel};
use crate::{Memo, Rendered, config, i18n, images, layout, publish, render, search, source};

/// What `check` runs over the derived site, before the verdict: its
/// editorial rules.
pub type Inspect<'i> = dyn Fn(&SiteModel) -> Vec<Diagnostic> + 'i;

/// Runs every step, handing each output file to `sink`, redoing through
/// `memo` only what changed, and running `inspect` over the derived site.
/// With `inspect` (that is, for `check`) the publishing files are left
/// out: they only name what the plan holds, and their one warning (no
/// host) is about publishing.
pub fn run(
    sources: &source::Sources,
    overrides: &config::Overrides,
    sink: &Sink,
    memo: Option<&mut Memo>,
    inspect: Option<&Inspect>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let (mut page_memo, mut render_memo, publish_memo, search_memo) = parts(memo);
    let settings = config::parse(&sources.config, overrides).map_err(|d| vec![d])?;
    let (headers, mut diagnostics) =
        site::read_headers(&settings, sources, page_memo.as_deref_mut());
    diagnostics.extend(sources.warnings.iter().cloned());
    let (strings, warnings) = i18n::load_all(&settings, &sources.config, &sources.i18n);
    diagnostics.extend(warnings);
    let theme = select_theme(&settings, sources);
    let (plan, problems) = plan_output(&settings, &headers, sources, &theme);
    diagnostics.extend(problems);
    let renderer = compile(
        &settings,
        &theme,
        &plan,
        &strings,
        render_memo.as_deref_mut(),
    )
    .map_err(|errors| diagnostics.extend(errors))
    .ok();
    let keep_bodies = page_memo.is_some() || inspect.is_some();
    let known = render_memo.as_deref();
    let index = (settings.search && inspect.is_none()).then(search::Index::default);
    let step = PageStep {
        run: &|i, page| match &renderer {
            Some(renderer) => renderer.write_page(i, page, sink, known, index.as_ref()),
            None => Ok(false),
        },
        keep_bodies,
    };
    let derived = site::derive_pages(&settings, sources, headers, page_memo, &step);
    diagnostics.extend(derived.diagnostics);
    let mut model = derived.model;
    if let (Ok(theme), true) = (&theme, model.pages.iter().any(|p| p.outline.has_questions)) {
        diagnostics.extend(render::microdata::template_warnings(theme));
    }
    if let Some(inspect) = inspect {
        diagnostics.extend(inspect(&model));
    }
    let images = images::pages::for_pages(&model, sources, inspect.is_some());
    diagnostics.extend(images.diagnostics);
    model.image_files = images.files.iter().map(|f| f.path.clone()).collect();
    verdict(&mut diagnostics)?;
    let Some(renderer) = renderer else {
        return Err(diagnostics);
    };
    if let Some(memo) = render_memo.as_deref_mut() {
        memo.keep_pages(&model.pages, &derived.rendered);
    }
    let mut paths = write_rest(&renderer, &model, &plan, sink, render_memo)
        .map_err(with_earlier(&diagnostics))?;
    for file in images.files {
        paths.push(file.path.clone());
        sink(file).map_err(|d| vec![d])?;
    }
    if inspect.is_none() {
        let (published, warnings) = publish::files(&model, &plan, publish_memo);
        for file in published {
            paths.push(file.path.clone());
            sink(file).map_err(|d| vec![d])?;
        }
        diagnostics.extend(warnings);
    }
    let mut search_pending = None;
    if let Some(index) = index {
        let published: Vec<&str> = model.pages.iter().map(|p| p.header.path.as_str()).collect();
        let language = match settings.translations.is_empty() {
            true => settings.language.as_str(),
            false => search::EACH_PAGES_LANGUAGE,
        };
        let finished = index
            .finish(language, &published, search_memo)
            .map_err(|d| vec![d])?;
        paths.extend(finished.kept);
        search_pending = finished.pending;
        for file in finished.files {
            paths.push(file.path.clone());
            sink(file).map_err(|d| vec![d])?;
        }
    }
    Ok(Rendered {
        pages: model.pages.len(),
        paths,
        warnings: diagnostics,
        images_encoded: images.encoded.len(),
        image_cache: images.encoded,
        image_cache_used: images.used,
        search_pending,
    })
}

/// The theme's files besides the articles' pages. Returns every output
/// path so far, the pages' included.
fn write_rest(
    renderer: &Renderer,
    model: &SiteModel,
    plan: &OutputPlan,
    sink: &Sink,
    mut memo: Option<&mut RenderMemo>,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let mut paths: Vec<String> = model.pages.iter().map(|p| p.header.output_file()).collect();
    match renderer.rest(model, plan, sink, memo.as_deref_mut()) {
        Ok(rest) => paths.extend(rest),
        Err(errors) => {
            // Which files failed is not kept: render them all next time.
            if let Some(memo) = memo {
                *memo = RenderMemo::default();
            }
            return Err(errors);
        }
    }
    Ok(paths)
}

/// Each step's own part of the memo.
fn parts(
    memo: Option<&mut Memo>,
) -> (
    Option<&mut site::PageMemo>,
    Option<&mut RenderMemo>,
    Option<&mut publish::PublishMemo>,
    Option<&mut search::SearchMemo>,
) {
    match memo {
        Some(m) => (
            Some(&mut m.pages),
            Some(&mut m.render),
            Some(&mut m.publish),
            Some(&mut m.search),
        ),
        None => (None, None, None, None),
    }
}

fn select_theme(settings: &Site, sources: &source::Sources) -> Result<Theme, Diagnostic> {
    let (templates, themes) = (&sources.templates, &sources.themes);
    render::theme::select(&settings.theme, templates, themes, &sources.config)
}

/// The output plan: the theme's stylesheet is named after its contents.
fn plan_output(
    settings: &Site,
    headers: &site::Headers,
    sources: &source::Sources,
    theme: &Result<Theme, Diagnostic>,
) -> (OutputPlan, Vec<Diagnostic>) {
    let css = theme
        .as_ref()
        .ok()
        .and_then(|t| t.files.get(layout::STYLESHEET))
        .map(|f| f.text.as_str());
    OutputPlan::new(settings, headers, &sources.assets, css)
}

/// The theme's templates compiled. Without them no page can be rendered,
/// but the articles are still read, so every problem is reported in one
/// run.
fn compile<'r>(
    settings: &'r Site,
    theme: &'r Result<Theme, Diagnostic>,
    plan: &'r OutputPlan,
    strings: &'r i18n::Tables,
    memo: Option<&mut RenderMemo>,
) -> Result<Renderer<'r>, Vec<Diagnostic>> {
    let theme = theme.as_ref().map_err(|d| vec![d.clone()])?;
    Renderer::new(settings, theme, plan, strings, memo)
}

/// Sorts what was found; any error so far stops the run with all of it.
fn verdict(diagnostics: &mut Vec<Diagnostic>) -> Result<(), Vec<Diagnostic>> {
    diagnostics::sort(diagnostics);
    if has_errors(diagnostics) {
        return Err(std::mem::take(diagnostics));
    }
    Ok(())
}

/// Adds the warnings found before a failing step to its errors, so a
/// failed build reports everything.
fn with_earlier(earlier: &[Diagnostic]) -> impl FnOnce(Vec<Diagnostic>) -> Vec<Diagnostic> + '_ {
    move |mut errors| {
        errors.extend(earlier.iter().cloned());
        errors
    }
}
