//! Kumu's JSON ("blueprint") import: `{"elements": [...], "connections": [...]}` as the
//! Kumu manual describes it (`guides/import/blueprints.md`) and as its "Export JSON"
//! backup writes it (where an item's fields may sit in an `attributes` object and its id
//! in `_id`).
//!
//! An element's `label` becomes the factor label (its `id` or `_id` the factor id, else
//! the label); `type` (or `element type`) the kind when it names one, `description` the
//! note; a connection's `from`/`to` refer to an element's id or label. The sign comes from
//! `polarity`, `sign`, `type` or `connection type` (`+`, `-`, `positive`, `negative`,
//! `same`, `opposite`), else from the `label`; without any it is `+` with low confidence
//! and a note saying so. Every other field is kept in the note as `name: value`.
//! Read without `serde_json::Value` (the app's size rule): each field stays raw JSON until
//! it is read as text.

use super::excerpt;
use crate::core::json_message::JsonProblem;
use crate::core::lang::Lang;
use crate::core::limits::{self, LimitError};
use crate::core::model::{Case, Confidence, Factor, FactorKind, Link, Polarity};
use crate::core::sorting;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Why a Kumu JSON file could not be read, as data: [`KumuJsonError::message`] says it
/// in Dutch or English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KumuJsonError {
    /// Not valid JSON, or not an object with lists of elements and connections.
    Json {
        /// 1-based line.
        line: usize,
        /// What serde_json found.
        problem: JsonProblem,
    },
    /// An element with neither label nor id (its 1-based place in the list).
    NoLabel(usize),
    /// An element id used twice (shortened).
    DuplicateElement(String),
    /// A connection names a label that several elements carry (shortened).
    AmbiguousLabel(String),
    /// A connection names no element by id or label (shortened).
    UnknownElement(String),
    /// A connection without `from` or `to` (its 1-based place in the list).
    MissingEnd(usize),
    /// More elements or connections than [`crate::core::limits`] allows.
    Limit(LimitError),
}

impl KumuJsonError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        let problem = match self {
            KumuJsonError::Json { line, problem } if nl => {
                return format!("Kumu-JSON, regel {line}: {}", problem.message(lang))
            }
            KumuJsonError::Json { line, problem } => {
                return format!("Kumu JSON, line {line}: {}", problem.message(lang))
            }
            KumuJsonError::Limit(error) => error.message(lang),
            KumuJsonError::NoLabel(number) if nl => format!("element {number} heeft geen label en geen id"),
            KumuJsonError::NoLabel(number) => format!("element {number} has no label and no id"),
            KumuJsonError::DuplicateElement(id) if nl => format!("element ‘{id}’ komt twee keer voor"),
            KumuJsonError::DuplicateElement(id) => format!("element ‘{id}’ appears twice"),
            KumuJsonError::AmbiguousLabel(label) if nl => {
                format!("‘{label}’ is het label van meer dan één element; verwijs met de id")
            }
            KumuJsonError::AmbiguousLabel(label) => {
                format!("‘{label}’ is the label of more than one element; refer to it by its id")
            }
            KumuJsonError::UnknownElement(name) if nl => format!("een verbinding noemt onbekend element ‘{name}’"),
            KumuJsonError::UnknownElement(name) => format!("a connection names an unknown element ‘{name}’"),
            KumuJsonError::MissingEnd(number) if nl => format!("verbinding {number} heeft geen ‘from’ en ‘to’"),
            KumuJsonError::MissingEnd(number) => format!("connection {number} has no ‘from’ and ‘to’"),
        };
        if nl {
            format!("Kumu-JSON: {problem}")
        } else {
            format!("Kumu JSON: {problem}")
        }
    }
}

impl fmt::Display for KumuJsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Nl))
    }
}

impl std::error::Error for KumuJsonError {}

/// The file: two lists of objects, each field kept raw.
#[derive(Deserialize)]
struct Blueprint<'a> {
    #[serde(borrow, default)]
    elements: Vec<HashMap<String, &'a RawValue>>,
    #[serde(borrow, default)]
    connections: Vec<HashMap<String, &'a RawValue>>,
}

/// Whether `text` looks like a Kumu blueprint rather than a case file: a JSON object
/// with an `elements` list and no `factors`.
pub fn looks_like_kumu(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Probe<'a> {
        #[serde(borrow, default)]
        elements: Option<&'a RawValue>,
        #[serde(borrow, default)]
        factors: Option<&'a RawValue>,
    }
    serde_json::from_str::<Probe>(text).is_ok_and(|probe| probe.elements.is_some() && probe.factors.is_none())
}

/// One item's fields as text, with the fields of a nested `attributes` object merged in.
fn fields(item: &HashMap<String, &RawValue>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (key, raw) in item {
        if key == "attributes" {
            if let Ok(nested) = serde_json::from_str::<HashMap<String, &RawValue>>(raw.get()) {
                out.extend(nested.iter().map(|(key, raw)| (key.clone(), text(raw))));
            }
        } else {
            out.push((key.clone(), text(raw)));
        }
    }
    sorting::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    out.retain(|(_, value)| !value.is_empty());
    out
}

/// A raw JSON value as text: a string as is, a list of strings joined with ", ",
/// `null` as empty, anything else as written.
fn text(raw: &RawValue) -> String {
    let source = raw.get().trim();
    if let Ok(string) = serde_json::from_str::<String>(source) {
        return string;
    }
    if let Ok(list) = serde_json::from_str::<Vec<String>>(source) {
        return list.join(", ");
    }
    if source == "null" {
        return String::new();
    }
    source.to_string()
}

/// Reads a Kumu blueprint as a case.
///
/// # Errors
/// [`KumuJsonError::Json`] for JSON that is not a blueprint; [`KumuJsonError::Item`] for
/// an element without label or id, a duplicate id, or a connection without `from`/`to`.
pub fn read_kumu_json(text_in: &str) -> Result<Case, KumuJsonError> {
    let blueprint: Blueprint = serde_json::from_str(text_in)
        .map_err(|error| KumuJsonError::Json { line: error.line(), problem: JsonProblem::of(&error) })?;
    limits::check_factor_count(blueprint.elements.len()).map_err(KumuJsonError::Limit)?;
    limits::check_link_count(blueprint.connections.len()).map_err(KumuJsonError::Limit)?;
    let mut case = Case::default();
    let mut ids = HashSet::new();
    let mut by_label: HashMap<String, Vec<String>> = HashMap::new();
    for (index, element) in blueprint.elements.iter().enumerate() {
        let fields = fields(element);
        let get = |name: &str| fields.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
        let label = get("label").unwrap_or_default().to_string();
        let id = get("id").or(get("_id")).map(str::to_string).unwrap_or_else(|| label.clone());
        if id.trim().is_empty() {
            return Err(KumuJsonError::NoLabel(index + 1));
        }
        if !ids.insert(id.clone()) {
            return Err(KumuJsonError::DuplicateElement(excerpt(&id)));
        }
        let type_text = get("type").or(get("element type")).unwrap_or_default();
        let kind = FactorKind::parse(type_text);
        let mut factor = Factor::new(&id, if label.is_empty() { &id } else { &label }, kind.unwrap_or_default());
        let mut notes: Vec<String> = get("description").map(str::to_string).into_iter().collect();
        for (key, value) in &fields {
            let known = ["label", "id", "_id", "description"].iter().any(|k| key.eq_ignore_ascii_case(k))
                || (kind.is_some() && (key.eq_ignore_ascii_case("type") || key.eq_ignore_ascii_case("element type")));
            if !known {
                notes.push(format!("{key}: {value}"));
            }
        }
        factor.note = notes.join("\n");
        by_label.entry(factor.label.clone()).or_default().push(id);
        case.factors.push(factor);
    }
    let resolve = |name: &str, case: &Case| -> Result<String, KumuJsonError> {
        if case.factor(name).is_some() {
            return Ok(name.to_string());
        }
        match by_label.get(name).map(Vec::as_slice) {
            Some([id]) => Ok(id.clone()),
            Some(_) => Err(KumuJsonError::AmbiguousLabel(excerpt(name))),
            None => Err(KumuJsonError::UnknownElement(excerpt(name))),
        }
    };
    let mut link_ids = HashSet::new();
    for (index, connection) in blueprint.connections.iter().enumerate() {
        let fields = fields(connection);
        let get = |name: &str| fields.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
        let (Some(from), Some(to)) = (get("from"), get("to")) else {
            return Err(KumuJsonError::MissingEnd(index + 1));
        };
        let (from, to) = (resolve(from, &case)?, resolve(to, &case)?);
        let mut id = get("id").or(get("_id")).map(str::to_string).unwrap_or_default();
        if id.is_empty() || link_ids.contains(&id) {
            let mut n = index + 1;
            while link_ids.contains(&format!("l{n}")) || case.links.iter().any(|l| l.id == format!("l{n}")) {
                n += 1;
            }
            id = format!("l{n}");
        }
        link_ids.insert(id.clone());
        let sign_fields = ["polarity", "sign", "type", "connection type"];
        let sign = sign_fields.iter().find_map(|name| get(name).and_then(Polarity::parse));
        let label_sign = get("label").and_then(Polarity::parse);
        let mut link = Link::new(&id, &from, &to, sign.or(label_sign).unwrap_or_default());
        let mut notes: Vec<String> = get("description").map(str::to_string).into_iter().collect();
        if sign.or(label_sign).is_none() {
            link.confidence = Confidence::Low;
            notes.push("teken niet in het bestand; + aangenomen".into());
        }
        for (key, value) in &fields {
            let used_sign = sign_fields.iter().any(|k| key.eq_ignore_ascii_case(k)) && Polarity::parse(value).is_some();
            let used_label = key.eq_ignore_ascii_case("label") && Polarity::parse(value).is_some();
            let known = ["from", "to", "id", "_id", "description"].iter().any(|k| key.eq_ignore_ascii_case(k));
            if !(known || used_sign || used_label) {
                notes.push(format!("{key}: {value}"));
            }
        }
        link.note = notes.join("\n");
        case.links.push(link);
    }
    // Laying out is the costly part: the texts are checked first.
    limits::check_case(&case).map_err(KumuJsonError::Limit)?;
    Ok(crate::core::layout::arranged(case))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_manuals_blueprint_with_types_tags_and_custom_fields() {
        let text = r#"{
  "elements": [
    {"label": "A", "type": "schuld", "description": "This is A", "tags": ["one", "two"]},
    {"label": "B", "type": "Letter", "Favorite Dessert": "shave ice"}
  ],
  "connections": [
    {"from": "A", "to": "B", "type": "-"},
    {"from": "B", "to": "A", "type": "likes"}
  ]
}"#;
        assert!(looks_like_kumu(text));
        let case = read_kumu_json(text).expect("blueprint");
        assert_eq!(case.factors[0].kind, FactorKind::Schuld);
        assert_eq!(case.factors[0].note, "This is A\ntags: one, two");
        assert_eq!(case.factors[1].note, "Favorite Dessert: shave ice\ntype: Letter");
        assert_eq!(case.links[0].polarity, Polarity::Negative);
        assert_eq!((case.links[1].polarity, case.links[1].confidence), (Polarity::Positive, Confidence::Low));
        assert!(case.links[1].note.contains("type: likes"));
    }

    #[test]
    fn reads_ids_and_the_attributes_of_an_export() {
        let text = r#"{"elements": [{"_id": "e1", "attributes": {"label": "A"}}, {"_id": "e2", "attributes": {"label": "A"}}],
            "connections": [{"_id": "c1", "from": "e1", "to": "e2", "attributes": {"connection type": "positive"}}]}"#;
        let case = read_kumu_json(text).expect("export");
        assert_eq!(case.factors.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(), ["e1", "e2"]);
        assert_eq!((case.links[0].id.as_str(), case.links[0].polarity), ("c1", Polarity::Positive));
    }

    #[test]
    fn problems_are_named_and_a_case_file_is_not_kumu() {
        assert!(!looks_like_kumu(r#"{"factors": [], "elements": []}"#));
        assert!(matches!(read_kumu_json("[1]"), Err(KumuJsonError::Json { .. })));
        let unknown = read_kumu_json(r#"{"elements": [{"label": "A"}], "connections": [{"from": "A", "to": "Z"}]}"#);
        let unknown = unknown.expect_err("unknown");
        assert_eq!(unknown, KumuJsonError::UnknownElement("Z".into()));
        assert_eq!(unknown.message(Lang::Nl), "Kumu-JSON: een verbinding noemt onbekend element ‘Z’");
        assert_eq!(unknown.message(Lang::En), "Kumu JSON: a connection names an unknown element ‘Z’");
        let twice = read_kumu_json(r#"{"elements": [{"label": "A"}, {"label": "A"}]}"#);
        assert_eq!(twice.expect_err("duplicate").message(Lang::En), "Kumu JSON: element ‘A’ appears twice");
        let wrong = read_kumu_json(r#"{"elements": 3}"#).expect_err("not a list");
        assert_eq!(
            wrong.message(Lang::En),
            "Kumu JSON, line 1: wrong kind of value (a whole number); expected: a list"
        );
    }
}
