//! Front matter that builds but reads badly: missing or long descriptions,
//! dates that cannot be right, and prices nobody has checked for a while.

use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::frontmatter::error_at;
use crate::page::Page;
use crate::yaml::Step;

/// Search engines cut descriptions at about this many characters.
pub const MAX_DESCRIPTION_CHARS: usize = 160;

fn located(page: &Page, path: &[Step], message: String) -> Diagnostic {
    let mut d = error_at(&page.header.file, &page.header.split(), path, message);
    d.severity = crate::diagnostics::Severity::Warning;
    d
}

pub fn description(page: &Page) -> Vec<Diagnostic> {
    let path = &[Step::Key("description")];
    match page.header.front.description.as_deref().map(str::trim) {
        None | Some("") => {
            let mut d = Diagnostic::warning(&page.header.file.path, "this article has no description")
                .with_help("add `description: …` to the front matter: one sentence, shown under the title in search results");
            if page.header.front.description.is_some() {
                d = located(page, path, d.message.clone()).with_help(d.help.unwrap_or_default());
            } else {
                d = d.at(&page.header.file.text, 1, 1).with_span_len(3);
            }
            vec![d]
        }
        Some(text) => {
            let chars = text.chars().count();
            if chars <= MAX_DESCRIPTION_CHARS {
                return Vec::new();
            }
            vec![located(
                page,
                path,
                format!("the description is {chars} characters long, more than {MAX_DESCRIPTION_CHARS}"),
            )
            .with_help("search engines cut longer descriptions off mid-sentence; keep the one sentence that matters")]
        }
    }
}

/// `date` or `updated` after today: a typo in the year, usually. A warning,
/// since scheduling an article ahead is legitimate.
pub fn future_dates(page: &Page, today: Date) -> Vec<Diagnostic> {
    let front = &page.header.front;
    [("date", front.date), ("updated", front.updated)]
        .into_iter()
        .filter_map(|(key, date)| {
            let date = date.filter(|d| *d > today)?;
            Some(
                located(
                    page,
                    &[Step::Key(key)],
                    format!("`{key}` {date} is in the future"),
                )
                .with_help(format!("today is {today}; check the year and month")),
            )
        })
        .collect()
}

/// `updated` before `date` cannot be true. An error in `check`: unlike a
/// future date there is no reading under which it is intended, and the
/// page's structured data would tell search engines nonsense.
pub fn updated_before_date(page: &Page) -> Vec<Diagnostic> {
    let front = &page.header.front;
    match (front.date, front.updated) {
        (Some(date), Some(updated)) if updated < date => {
            let mut d = located(
                page,
                &[Step::Key("updated")],
                format!("`updated` {updated} is before `date` {date}"),
            )
            .with_help("`date` is when the article was first published and `updated` when it last changed; swap them or fix the typo");
            d.severity = crate::diagnostics::Severity::Error;
            vec![d]
        }
        _ => Vec::new(),
    }
}

/// Prices checked more than `max_months` ago are probably out of date.
pub fn stale_pricing(page: &Page, today: Date, max_months: u32) -> Vec<Diagnostic> {
    let Some(as_of) = page.header.front.pricing.as_ref().and_then(|p| p.as_of) else {
        return Vec::new();
    };
    let age = as_of.months_until(today);
    if age <= i32::try_from(max_months).unwrap_or(i32::MAX) {
        return Vec::new();
    }
    vec![located(
        page,
        &[Step::Key("pricing"), Step::Key("as_of")],
        format!("the prices were checked {age} months ago ({as_of})"),
    )
    .with_help(format!(
        "check the prices again and set `as_of` to the day you did; the limit is {max_months} months (`check: {{ pricing_max_age_months: … }}` in site.yaml)"
    ))]
}
