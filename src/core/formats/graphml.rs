//! GraphML export and import, for network tools such as Gephi, yEd, Cytoscape, PRSM and
//! networkx.
//!
//! Factors become nodes with the keys `label`, `kind`, `note`, `x`, `y`, `fixed`; links
//! become directed edges with `polarity` (`+`/`-`), `sector`, `rule`, `delay`,
//! `confidence`, `note`, `fixed` and `cost`. The case title is the graph's `title`.
//! Absent optional values are left out. Text is XML-escaped; characters that XML 1.0
//! cannot hold at all (NUL and other control characters, U+FFFE, U+FFFF) become U+FFFD.
//!
//! [`read_graphml`] reads that file back, and GraphML from other tools: a node's label
//! from a `label` or `name` attribute or yEd's `y:NodeLabel` (else its id), its place
//! from `x`/`y` or yEd's `y:Geometry`; an edge's sign from a `polarity`, `sign`,
//! `Polarity`, `effect` or `type` attribute, else from its label (`+`/`-`, yEd's
//! `y:EdgeLabel`, PRSM's label), else from the sign of a `weight`. Every other attribute
//! is kept in the note as `name: value`. An edge without any sign becomes `+` with low
//! confidence and a note saying so. A file without positions is laid out.

use super::kumu_csv::decimal;
use super::xml::{self, Element, XmlError};
use crate::core::model::{Case, Confidence, Factor, FactorKind, Link, Polarity};
use crate::core::number::shortest;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// One GraphML key: id (also used as the attribute name), element, type.
const KEYS: [(&str, &str, &str); 15] = [
    ("title", "graph", "string"),
    ("label", "node", "string"),
    ("kind", "node", "string"),
    ("note", "node", "string"),
    ("x", "node", "double"),
    ("y", "node", "double"),
    ("fixed", "node", "boolean"),
    ("polarity", "edge", "string"),
    ("sector", "edge", "string"),
    ("rule", "edge", "string"),
    ("delay", "edge", "boolean"),
    ("confidence", "edge", "string"),
    ("link_note", "edge", "string"),
    ("link_fixed", "edge", "boolean"),
    ("cost", "edge", "long"),
];

/// Writes the case as a GraphML document.
pub fn write_graphml(case: &Case) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, element, kind) in KEYS {
        let name = id.strip_prefix("link_").unwrap_or(id);
        out.push_str(&format!("  <key id=\"{id}\" for=\"{element}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>\n"));
    }
    out.push_str("  <graph id=\"G\" edgedefault=\"directed\">\n");
    data(&mut out, "    ", "title", &case.title);
    for factor in &case.factors {
        out.push_str(&format!("    <node id=\"{}\">\n", escape(&factor.id)));
        data(&mut out, "      ", "label", &factor.label);
        data(&mut out, "      ", "kind", factor.kind.id());
        if !factor.note.is_empty() {
            data(&mut out, "      ", "note", &factor.note);
        }
        for (key, value) in [("x", factor.x), ("y", factor.y)] {
            if value.is_finite() {
                data(&mut out, "      ", key, &shortest(value));
            }
        }
        data(&mut out, "      ", "fixed", boolean(factor.fixed));
        out.push_str("    </node>\n");
    }
    for link in &case.links {
        out.push_str(&format!(
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\">\n",
            escape(&link.id),
            escape(&link.from),
            escape(&link.to)
        ));
        data(&mut out, "      ", "polarity", link.polarity.symbol());
        if let Some(sector) = &link.sector {
            data(&mut out, "      ", "sector", sector);
        }
        if let Some(rule) = &link.rule {
            data(&mut out, "      ", "rule", rule);
        }
        data(&mut out, "      ", "delay", boolean(link.delay));
        data(&mut out, "      ", "confidence", link.confidence.id());
        if !link.note.is_empty() {
            data(&mut out, "      ", "link_note", &link.note);
        }
        data(&mut out, "      ", "link_fixed", boolean(link.fixed));
        if let Some(cost) = link.cost {
            data(&mut out, "      ", "cost", &cost.to_string());
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

fn data(out: &mut String, indent: &str, key: &str, value: &str) {
    out.push_str(&format!("{indent}<data key=\"{key}\">{}</data>\n", escape(value)));
}

fn boolean(flag: bool) -> &'static str {
    if flag {
        "true"
    } else {
        "false"
    }
}

/// Escapes text for XML content and attribute values. Carriage returns and tabs are
/// written as character references so that XML parsers do not normalise them away.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{fffd}'),
        }
    }
    out
}

/// Whether XML 1.0 can hold `c` (the `Char` production), apart from the white space
/// handled by [`escape`].
fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}')
}

/// Why a GraphML file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GraphMlError {
    /// The file is not well-formed XML.
    Xml(XmlError),
    /// The XML is not a GraphML graph Cirkelbreker can read.
    Structure(String),
}

impl fmt::Display for GraphMlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GraphMlError::Xml(error) => write!(f, "geen geldige XML ({error})"),
            GraphMlError::Structure(message) => write!(f, "GraphML: {message}"),
        }
    }
}

impl std::error::Error for GraphMlError {}

/// A declared `<key>`: its attribute name and, for yEd, its graphics type.
struct Key {
    name: String,
    graphics: bool,
}

/// What the data of one node or edge says, by attribute name.
struct Data {
    values: Vec<(String, String)>,
    graphics_label: Option<String>,
    geometry: Option<(f64, f64)>,
}

/// Reads a GraphML document as a case.
///
/// # Errors
/// [`GraphMlError::Xml`] with the line for XML that is not well-formed;
/// [`GraphMlError::Structure`] when there is no `<graphml>` with a `<graph>`, a node or
/// edge has no id, source or target, an id occurs twice, or an edge names a node that
/// does not exist.
pub fn read_graphml(text: &str) -> Result<Case, GraphMlError> {
    let root = xml::parse(text).map_err(GraphMlError::Xml)?;
    let structure = |message: String| GraphMlError::Structure(message);
    if root.name != "graphml" {
        return Err(structure(format!("het hoofdelement is <{}>, niet <graphml>", root.name)));
    }
    let mut keys: HashMap<String, Key> = HashMap::new();
    for key in root.elements("key") {
        let Some(id) = key.attribute("id") else { continue };
        let graphics = key.attribute("yfiles.type").is_some_and(|kind| kind.ends_with("graphics"));
        let name = key.attribute("attr.name").or(key.attribute("yfiles.type")).unwrap_or(id).to_string();
        keys.insert(id.to_string(), Key { name, graphics });
    }
    let graph = root.elements("graph").next().ok_or_else(|| structure("het bestand bevat geen <graph>".into()))?;
    let undirected = graph.attribute("edgedefault") == Some("undirected");
    let mut case = Case::default();
    for (name, value) in read_data(graph, &keys).values {
        if name == "title" {
            case.title = value;
        }
    }
    let mut seen = HashSet::new();
    let mut positioned = false;
    for node in graph.elements("node") {
        let id = node.attribute("id").ok_or_else(|| structure("een <node> heeft geen id".into()))?.to_string();
        if !seen.insert(id.clone()) {
            return Err(structure(format!("knoop '{}' komt twee keer voor", super::excerpt(&id))));
        }
        let data = read_data(node, &keys);
        let mut factor = Factor::new(&id, &id, FactorKind::default());
        let mut extra = Vec::new();
        let mut label = data.graphics_label.clone();
        if let Some((x, y)) = data.geometry {
            (factor.x, factor.y, positioned) = (x, y, true);
        }
        for (name, value) in data.values {
            match name.to_ascii_lowercase().as_str() {
                "label" | "name" => label = label.or(Some(value)),
                "kind" => match FactorKind::parse(&value) {
                    Some(kind) => factor.kind = kind,
                    None => extra.push(format!("{name}: {value}")),
                },
                "note" | "description" | "notes" => factor.note = value,
                "x" | "y" => match decimal(&value).filter(|number| number.is_finite()) {
                    Some(number) if name.eq_ignore_ascii_case("x") => (factor.x, positioned) = (number, true),
                    Some(number) => (factor.y, positioned) = (number, true),
                    None => extra.push(format!("{name}: {value}")),
                },
                "fixed" => factor.fixed = value == "true" || value == "1",
                _ => extra.push(format!("{name}: {value}")),
            }
        }
        if let Some(label) = label.map(|label| label.trim().to_string()).filter(|label| !label.is_empty()) {
            factor.label = label;
        }
        factor.note = joined(&factor.note, &extra);
        case.factors.push(factor);
    }
    let mut link_ids = HashSet::new();
    for (index, edge) in graph.elements("edge").enumerate() {
        let end = |attribute: &str| -> Result<String, GraphMlError> {
            let id =
                edge.attribute(attribute).ok_or_else(|| structure(format!("een <edge> heeft geen {attribute}")))?;
            if !seen.contains(id) {
                return Err(structure(format!("<edge> noemt onbekende knoop '{}'", super::excerpt(id))));
            }
            Ok(id.to_string())
        };
        let (from, to) = (end("source")?, end("target")?);
        let id = match edge.attribute("id") {
            Some(id) if !link_ids.contains(id) => id.to_string(),
            Some(id) => return Err(structure(format!("verband '{}' komt twee keer voor", super::excerpt(id)))),
            None => fresh_link_id(&link_ids, index),
        };
        link_ids.insert(id.clone());
        let mut link = Link::new(&id, &from, &to, Polarity::Positive);
        let data = read_data(edge, &keys);
        let (mut sign, mut label_sign, mut weight_sign) = (None, None, None);
        let mut extra = Vec::new();
        let mut confidence = None;
        if let Some(label) = &data.graphics_label {
            match Polarity::parse(label) {
                Some(polarity) => label_sign = Some(polarity),
                None => extra.push(format!("label: {label}")),
            }
        }
        for (name, value) in data.values {
            match name.to_ascii_lowercase().as_str() {
                "polarity" | "sign" | "effect" | "type" if Polarity::parse(&value).is_some() => {
                    sign = Polarity::parse(&value);
                }
                "label" => match Polarity::parse(&value) {
                    Some(polarity) => label_sign = label_sign.or(Some(polarity)),
                    None => extra.push(format!("{name}: {value}")),
                },
                "weight" => {
                    weight_sign = decimal(&value).filter(|w| *w != 0.0 && w.is_finite()).map(|w| {
                        if w < 0.0 {
                            Polarity::Negative
                        } else {
                            Polarity::Positive
                        }
                    });
                    extra.push(format!("{name}: {value}"));
                }
                "sector" if !value.is_empty() => link.sector = Some(value),
                "rule" if !value.is_empty() => link.rule = Some(value),
                "delay" => link.delay = value == "true" || value == "1",
                "confidence" if Confidence::parse(&value).is_some() => confidence = Confidence::parse(&value),
                "note" | "description" => link.note = value,
                "fixed" => link.fixed = value == "true" || value == "1",
                "cost" if value.parse::<u32>().is_ok() => link.cost = value.parse().ok(),
                _ => extra.push(format!("{name}: {value}")),
            }
        }
        let mut notes = Vec::new();
        match sign.or(label_sign).or(weight_sign) {
            Some(polarity) => link.polarity = polarity,
            None => {
                confidence = Some(Confidence::Low);
                notes.push("teken niet in het bestand; + aangenomen".to_string());
            }
        }
        if undirected || edge.attribute("directed") == Some("false") {
            notes.push("ongericht in het bestand; gelezen van bron naar doel".to_string());
        }
        notes.extend(extra);
        link.confidence = confidence.unwrap_or_default();
        link.note = joined(&link.note, &notes);
        case.links.push(link);
    }
    if positioned {
        Ok(case)
    } else {
        Ok(crate::core::layout::arranged(case))
    }
}

/// The `<data>` children of `element`, by attribute name; for yEd graphics the label
/// text and the geometry.
fn read_data(element: &Element, keys: &HashMap<String, Key>) -> Data {
    let mut found = Data { values: Vec::new(), graphics_label: None, geometry: None };
    for datum in element.elements("data") {
        let key_id = datum.attribute("key").unwrap_or_default();
        let key = keys.get(key_id);
        if key.is_some_and(|key| key.graphics) || datum.children.iter().any(|c| matches!(c, xml::Node::Element(_))) {
            let label = datum.descendant("NodeLabel").or_else(|| datum.descendant("EdgeLabel"));
            if let Some(label) = label.map(|label| label.text().trim().to_string()).filter(|t| !t.is_empty()) {
                found.graphics_label = Some(label);
            }
            if let Some(geometry) = datum.descendant("Geometry") {
                let coordinate = |name: &str| geometry.attribute(name).and_then(decimal).filter(|v| v.is_finite());
                if let (Some(x), Some(y)) = (coordinate("x"), coordinate("y")) {
                    found.geometry = Some((x, y));
                }
            }
            continue;
        }
        let name = key.map_or(key_id, |key| key.name.as_str()).to_string();
        found.values.push((name, datum.text().trim().to_string()));
    }
    found
}

/// `first` and then `more`, one per line, each trimmed, without empty lines (the reader
/// trims every value, so a note reads back as it was written).
fn joined(first: &str, more: &[String]) -> String {
    let lines: Vec<&str> = std::iter::once(first).chain(more.iter().map(String::as_str)).map(str::trim).collect();
    lines.into_iter().filter(|line| !line.is_empty()).collect::<Vec<_>>().join("\n")
}

/// A link id `l{n}` not taken yet.
fn fresh_link_id(taken: &HashSet<String>, index: usize) -> String {
    let mut n = index + 1;
    loop {
        let id = format!("l{n}");
        if !taken.contains(&id) {
            return id;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_its_own_export_back() {
        let mut case = Case { title: "Casus <1>".into(), ..Case::default() };
        let mut a = Factor::new("a", "Schulden & stress", FactorKind::Schuld);
        (a.x, a.y, a.note) = (10.5, -3.0, "regel 1\nregel 2".into());
        case.factors.push(a);
        case.factors.push(Factor::new("b", "Doenvermogen", FactorKind::Situatie));
        let mut link = Link::new("l1", "a", "b", Polarity::Negative);
        (link.sector, link.rule, link.delay, link.cost) =
            (Some("schulden".into()), Some("SCH-01".into()), true, Some(7));
        link.confidence = Confidence::High;
        case.links.push(link);
        case.links.push(Link::new("l2", "b", "a", Polarity::Positive));
        assert_eq!(read_graphml(&write_graphml(&case)), Ok(case));
    }

    #[test]
    fn reads_yed_labels_geometry_and_edge_labels() {
        let yed = r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <key attr.name="description" attr.type="string" for="node" id="d5"/>
  <graph edgedefault="directed" id="G">
    <node id="n0"><data key="d5">uitleg</data><data key="d6"><y:ShapeNode><y:Geometry height="30.0" width="30.0" x="100.0" y="-20.5"/>
      <y:NodeLabel alignment="center">Stress<y:LabelModel><y:SmartNodeLabelModel distance="4.0"/></y:LabelModel></y:NodeLabel></y:ShapeNode></data></node>
    <node id="n1"><data key="d6"><y:ShapeNode><y:Geometry x="0" y="0"/><y:NodeLabel>Schulden</y:NodeLabel></y:ShapeNode></data></node>
    <edge id="e0" source="n0" target="n1"><data key="d10"><y:PolyLineEdge><y:EdgeLabel>-</y:EdgeLabel></y:PolyLineEdge></data></edge>
    <edge id="e1" source="n1" target="n0"/>
  </graph>
</graphml>"#;
        let case = read_graphml(yed).expect("yEd file");
        assert_eq!(case.factors[0].label, "Stress");
        assert_eq!((case.factors[0].x, case.factors[0].y), (100.0, -20.5));
        assert_eq!(case.factors[0].note, "uitleg");
        assert_eq!(case.links[0].polarity, Polarity::Negative);
        assert_eq!((case.links[1].polarity, case.links[1].confidence), (Polarity::Positive, Confidence::Low));
        assert!(case.links[1].note.contains("teken niet in het bestand"));
    }

    #[test]
    fn keeps_other_attributes_as_notes_and_lays_out_a_file_without_positions() {
        let gephi = r#"<graphml><key id="l" for="node" attr.name="label"/><key id="w" for="edge" attr.name="weight"/>
            <key id="c" for="node" attr.name="community"/>
            <graph edgedefault="undirected"><node id="1"><data key="l">A</data><data key="c">3</data></node>
            <node id="2"><data key="l">B</data></node><edge source="1" target="2"><data key="w">-2.0</data></edge></graph></graphml>"#;
        let case = read_graphml(gephi).expect("Gephi-like file");
        assert_eq!(case.factors[0].note, "community: 3");
        assert_eq!(case.links[0].polarity, Polarity::Negative);
        assert!(case.links[0].note.contains("ongericht"));
        assert!(case.factors.iter().any(|factor| factor.x != 0.0 || factor.y != 0.0), "laid out");
    }

    #[test]
    fn structural_problems_are_named() {
        for (text, expected) in [
            ("<svg/>", "niet <graphml>"),
            ("<graphml/>", "geen <graph>"),
            ("<graphml><graph><node/></graph></graphml>", "geen id"),
            ("<graphml><graph><node id='a'/><node id='a'/></graph></graphml>", "twee keer"),
            ("<graphml><graph><node id='a'/><edge source='a' target='b'/></graph></graphml>", "onbekende knoop"),
            ("<graphml><graph>", "niet gesloten"),
        ] {
            let error = read_graphml(text).expect_err(text).to_string();
            assert!(error.contains(expected), "{text}: {error}");
        }
    }

    #[test]
    fn escapes_markup_and_replaces_what_xml_cannot_hold() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&apos;");
        assert_eq!(escape("a\u{0}b\u{fffe}"), "a\u{fffd}b\u{fffd}");
        assert_eq!(escape("\u{200f}\u{200b}😀\r\n"), "\u{200f}\u{200b}😀&#13;&#10;");
    }

    #[test]
    fn declares_every_key_it_uses() {
        let case = Case::default();
        let xml = write_graphml(&case);
        for (id, _, _) in KEYS {
            assert!(xml.contains(&format!("<key id=\"{id}\"")), "{id}");
        }
        assert!(xml.ends_with("</graphml>\n"));
    }
}
