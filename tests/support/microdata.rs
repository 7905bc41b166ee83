//! The schema.org microdata of a built page, read as the HTML standard's
//! microdata model does (§5.2): each top-level item (`itemscope` with no
//! `itemprop`) with the properties found in its subtree, not crossing a
//! nested item, whose values are a nested item, a `content` or `datetime`
//! attribute, an `href` resolved against the page's address, or the
//! element's text.
//!
//! Items come out as JSON-LD-like values (`@type` without the
//! `https://schema.org/` prefix, `@id` from `itemid`, each property a value
//! or, when repeated, an array), so the vocabulary checker of
//! `tests/structured_data` and the assertions on the JSON-LD graph work
//! on them too. Text values are whitespace-collapsed, as consumers read
//! them.

use scraper::{ElementRef, Html};
use serde_json::{Map, Value, json};

const SCHEMA_ORG: &str = "https://schema.org/";

/// The top-level items of the page at `page_url` (absolute, or a path from
/// the site's root), in document order. Panics on a property outside any
/// item.
pub fn microdata_items(html: &str, page_url: &str) -> Vec<Value> {
    let doc = Html::parse_document(html);
    let mut items = Vec::new();
    let mut orphans = Vec::new();
    for el in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let attr = |name| el.value().attr(name);
        if attr("itemscope").is_some() && attr("itemprop").is_none() {
            items.push(item(el, page_url));
        }
        if attr("itemprop").is_some() && !inside_an_item(el) {
            orphans.push(el.html());
        }
    }
    assert!(
        orphans.is_empty(),
        "properties outside any item: {orphans:#?}"
    );
    items
}

fn inside_an_item(el: ElementRef) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| a.value().attr("itemscope").is_some())
}

fn item(el: ElementRef, page_url: &str) -> Value {
    let mut node = Map::new();
    if let Some(types) = el.value().attr("itemtype") {
        let types: Vec<Value> = types
            .split_ascii_whitespace()
            .map(|t| json!(t.strip_prefix(SCHEMA_ORG).unwrap_or(t)))
            .collect();
        node.insert(
            "@type".into(),
            match <[Value; 1]>::try_from(types) {
                Ok([one]) => one,
                Err(many) => Value::Array(many),
            },
        );
    }
    if let Some(id) = el.value().attr("itemid") {
        node.insert("@id".into(), json!(id));
    }
    let mut properties = Vec::new();
    collect_properties(el, page_url, &mut properties);
    for (names, value) in properties {
        for name in names.split_ascii_whitespace() {
            match node.get_mut(name) {
                None => {
                    node.insert(name.into(), value.clone());
                }
                Some(Value::Array(values)) if name != "@type" => values.push(value.clone()),
                Some(first) => *first = json!([first.clone(), value.clone()]),
            }
        }
    }
    Value::Object(node)
}

/// The properties of the item `el` starts: elements with `itemprop` under
/// it, stopping at (but including) a nested item.
fn collect_properties(el: ElementRef, page_url: &str, out: &mut Vec<(String, Value)>) {
    for child in el.children().filter_map(ElementRef::wrap) {
        let attr = |name| child.value().attr(name);
        if let Some(names) = attr("itemprop") {
            out.push((names.to_string(), value(child, page_url)));
        }
        if attr("itemscope").is_none() {
            collect_properties(child, page_url, out);
        }
    }
}

fn value(el: ElementRef, page_url: &str) -> Value {
    let attr = |name| el.value().attr(name);
    if attr("itemscope").is_some() {
        return item(el, page_url);
    }
    let text = match el.value().name() {
        "meta" => attr("content").unwrap_or_default().to_string(),
        "a" | "link" | "area" => resolve(attr("href").unwrap_or_default(), page_url),
        "time" if attr("datetime").is_some() => attr("datetime").unwrap().to_string(),
        _ => el.text().collect::<String>(),
    };
    json!(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `href` as an address: a fragment or a relative path taken from
/// `page_url`, an absolute one as it is.
fn resolve(href: &str, page_url: &str) -> String {
    let page = page_url.split('#').next().unwrap_or_default();
    if href.starts_with('#') {
        format!("{page}{href}")
    } else if href.starts_with('/') || href.contains("://") {
        href.to_string()
    } else {
        format!("{}{href}", &page[..page.rfind('/').map_or(0, |i| i + 1)])
    }
}
