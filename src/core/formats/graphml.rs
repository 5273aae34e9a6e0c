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

use super::excerpt;
use crate::core::lang::Lang;
use crate::core::model::{Case, Confidence, Factor, FactorKind, Link, Polarity};
use crate::core::number::{decimal, shortest};
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

/// Elements may be nested at most this deep.
pub const MAX_DEPTH: usize = 256;

/// A GraphML file may hold at most this many XML nodes (elements, text, comments), so
/// that a hostile file cannot make the reader build an enormous tree.
pub const MAX_XML_NODES: u32 = 1_000_000;

/// Why a GraphML file could not be read. Each is said by [`GraphMlError::message`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GraphMlError {
    /// The file is not well-formed XML: what is wrong, where `roxmltree` found it.
    NotXml {
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
        /// What is wrong.
        problem: XmlProblem,
    },
    /// Elements are nested deeper than [`MAX_DEPTH`].
    TooDeep {
        /// The limit.
        max: usize,
    },
    /// The file holds more than [`MAX_XML_NODES`] XML nodes.
    TooManyNodes {
        /// The limit.
        max: u32,
    },
    /// The root element is not `<graphml>`.
    NotGraphMl {
        /// The local name of the root element.
        root: String,
    },
    /// There is no `<graph>` in the `<graphml>`.
    NoGraph,
    /// A `<node>` has no `id`.
    NodeWithoutId,
    /// Two nodes have the same id.
    DuplicateNode {
        /// The id (at most 40 characters).
        id: String,
    },
    /// An `<edge>` lacks its `source` or `target`.
    EdgeWithoutEnd {
        /// `source` or `target`.
        attribute: &'static str,
    },
    /// An edge names a node the file does not have.
    UnknownNode {
        /// The id (at most 40 characters).
        id: String,
    },
    /// Two edges have the same id.
    DuplicateLink {
        /// The id (at most 40 characters).
        id: String,
    },
}

/// What makes a file not well-formed XML (from `roxmltree`'s error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XmlProblem {
    /// A character XML 1.0 does not allow (NUL and other control characters), as text
    /// or as a character reference.
    ForbiddenCharacter,
    /// A DOCTYPE with a DTD: refused, so that no entity can be expanded.
    Dtd,
    /// A closing tag that does not match the open element.
    MismatchedTag {
        /// The open element.
        open: String,
        /// The closing tag found.
        close: String,
    },
    /// The file ends before every element is closed.
    Unclosed,
    /// The file holds no element at all.
    NoElement,
    /// An entity other than `&lt; &gt; &amp; &quot; &apos;` and character references.
    UnknownEntity {
        /// The entity's name.
        name: String,
    },
    /// A namespace prefix (`y:`) that the file does not declare.
    UndeclaredPrefix {
        /// The prefix.
        prefix: String,
    },
    /// An `&` that starts no valid reference: a bare `&`, or a character reference to a
    /// character XML does not allow (`&#0;`).
    BadReference,
    /// An attribute given twice on one element.
    DuplicateAttribute {
        /// The attribute.
        name: String,
    },
    /// Anything else: a bad tag, attribute, name or comment.
    Malformed,
}

impl XmlProblem {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        match self {
            XmlProblem::ForbiddenCharacter if nl => {
                "het bestand bevat een stuurteken dat in XML niet mag voorkomen".into()
            }
            XmlProblem::ForbiddenCharacter => "the file contains a control character that XML does not allow".into(),
            XmlProblem::Dtd if nl => "het bestand bevat een DOCTYPE met DTD; dat leest Cirkelbreker niet in".into(),
            XmlProblem::Dtd => "the file contains a DOCTYPE with a DTD; Cirkelbreker does not read those".into(),
            XmlProblem::MismatchedTag { open, close } if nl => {
                format!("sluittag </{}> past niet bij <{}>", excerpt(close), excerpt(open))
            }
            XmlProblem::MismatchedTag { open, close } => {
                format!("closing tag </{}> does not match <{}>", excerpt(close), excerpt(open))
            }
            XmlProblem::Unclosed if nl => "het bestand houdt op voordat elk element gesloten is".into(),
            XmlProblem::Unclosed => "the file ends before every element is closed".into(),
            XmlProblem::NoElement if nl => "geen XML-element gevonden".into(),
            XmlProblem::NoElement => "no XML element found".into(),
            XmlProblem::UnknownEntity { name } if nl => format!("onbekende entiteit '&{};'", excerpt(name)),
            XmlProblem::UnknownEntity { name } => format!("unknown entity '&{};'", excerpt(name)),
            XmlProblem::UndeclaredPrefix { prefix } if nl => {
                format!("voorvoegsel '{}:' wordt gebruikt maar niet gedeclareerd (xmlns:{0})", excerpt(prefix))
            }
            XmlProblem::UndeclaredPrefix { prefix } => {
                format!("prefix '{}:' is used but not declared (xmlns:{0})", excerpt(prefix))
            }
            XmlProblem::DuplicateAttribute { name } if nl => {
                format!("attribuut '{}' staat twee keer in één element", excerpt(name))
            }
            XmlProblem::DuplicateAttribute { name } => {
                format!("attribute '{}' occurs twice in one element", excerpt(name))
            }
            XmlProblem::BadReference if nl => {
                "'&' begint hier geen geldige verwijzing (schrijf &amp; voor een los '&'; een stuurteken als &#0; \
                 mag in XML niet)"
                    .into()
            }
            XmlProblem::BadReference => {
                "'&' starts no valid reference here (write &amp; for a bare '&'; a control character such as &#0; \
                 is not allowed in XML)"
                    .into()
            }
            XmlProblem::Malformed if nl => {
                "de XML is hier niet goed gevormd (een tag, attribuut, naam of commentaar)".into()
            }
            XmlProblem::Malformed => "the XML is not well-formed here (a tag, attribute, name or comment)".into(),
        }
    }
}

impl GraphMlError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        match self {
            GraphMlError::NotXml { line, column, problem } if nl => {
                format!("geen geldige XML (regel {line}, kolom {column}): {}", problem.message(lang))
            }
            GraphMlError::NotXml { line, column, problem } => {
                format!("not valid XML (line {line}, column {column}): {}", problem.message(lang))
            }
            GraphMlError::TooDeep { max } if nl => {
                format!("geen geldige XML: elementen zijn dieper genest dan {max} niveaus")
            }
            GraphMlError::TooDeep { max } => format!("not valid XML: elements are nested deeper than {max} levels"),
            GraphMlError::TooManyNodes { max } if nl => {
                format!("het bestand bevat meer dan {max} XML-onderdelen; zo groot is geen casus")
            }
            GraphMlError::TooManyNodes { max } => {
                format!("the file holds more than {max} XML nodes; no case is that large")
            }
            GraphMlError::NotGraphMl { root } if nl => {
                format!("GraphML: het hoofdelement is <{}>, niet <graphml>", excerpt(root))
            }
            GraphMlError::NotGraphMl { root } => {
                format!("GraphML: the root element is <{}>, not <graphml>", excerpt(root))
            }
            GraphMlError::NoGraph if nl => "GraphML: het bestand bevat geen <graph>".into(),
            GraphMlError::NoGraph => "GraphML: the file contains no <graph>".into(),
            GraphMlError::NodeWithoutId if nl => "GraphML: een <node> heeft geen id".into(),
            GraphMlError::NodeWithoutId => "GraphML: a <node> has no id".into(),
            GraphMlError::DuplicateNode { id } if nl => format!("GraphML: knoop '{id}' komt twee keer voor"),
            GraphMlError::DuplicateNode { id } => format!("GraphML: node '{id}' occurs twice"),
            GraphMlError::EdgeWithoutEnd { attribute } if nl => format!("GraphML: een <edge> heeft geen {attribute}"),
            GraphMlError::EdgeWithoutEnd { attribute } => format!("GraphML: an <edge> has no {attribute}"),
            GraphMlError::UnknownNode { id } if nl => format!("GraphML: <edge> noemt onbekende knoop '{id}'"),
            GraphMlError::UnknownNode { id } => format!("GraphML: <edge> names unknown node '{id}'"),
            GraphMlError::DuplicateLink { id } if nl => format!("GraphML: verband '{id}' komt twee keer voor"),
            GraphMlError::DuplicateLink { id } => format!("GraphML: link '{id}' occurs twice"),
        }
    }

    /// The error for what `roxmltree` found in `text`.
    fn from_xml(error: &roxmltree::Error, text: &str) -> GraphMlError {
        use roxmltree::Error as E;
        let problem = match error {
            E::NodesLimitReached => return GraphMlError::TooManyNodes { max: MAX_XML_NODES },
            E::NonXmlChar(..) | E::InvalidChar(0, ..) => XmlProblem::ForbiddenCharacter,
            E::DtdDetected => XmlProblem::Dtd,
            E::UnexpectedCloseTag(open, close, _) => {
                XmlProblem::MismatchedTag { open: open.clone(), close: close.clone() }
            }
            E::UnclosedRootNode | E::UnexpectedEndOfStream => XmlProblem::Unclosed,
            E::NoRootNode => XmlProblem::NoElement,
            E::UnknownEntityReference(name, _) => XmlProblem::UnknownEntity { name: name.clone() },
            E::UnknownNamespace(prefix, _) => XmlProblem::UndeclaredPrefix { prefix: prefix.clone() },
            E::DuplicatedAttribute(name, _) => XmlProblem::DuplicateAttribute { name: name.clone() },
            E::MalformedEntityReference(_) => XmlProblem::BadReference,
            _ => XmlProblem::Malformed,
        };
        let (line, column) = match problem {
            // roxmltree gives no position for these: it is the end of the file.
            XmlProblem::Unclosed => end_of(text),
            _ => (error.pos().row, error.pos().col),
        };
        GraphMlError::NotXml { line, column, problem }
    }
}

impl fmt::Display for GraphMlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Nl))
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

/// An XML element of the parsed file.
type Element<'a, 'input> = roxmltree::Node<'a, 'input>;

/// Parses `text` as XML with `roxmltree` (no DTD, at most [`MAX_XML_NODES`] nodes, at
/// most [`MAX_DEPTH`] levels) and returns the document.
fn parse_xml(text: &str) -> Result<roxmltree::Document<'_>, GraphMlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: MAX_XML_NODES, ..Default::default() };
    let document =
        roxmltree::Document::parse_with_options(text, options).map_err(|e| GraphMlError::from_xml(&e, text))?;
    // Document order visits a parent before its children, so one pass finds every depth.
    let mut depths = vec![0usize; document.descendants().count()];
    for node in document.descendants().skip(1) {
        let depth = node.parent().map_or(0, |parent| depths[parent.id().get_usize()]) + 1;
        if depth > MAX_DEPTH {
            return Err(GraphMlError::TooDeep { max: MAX_DEPTH });
        }
        depths[node.id().get_usize()] = depth;
    }
    Ok(document)
}

/// The 1-based line and column just after the last character of `text`.
fn end_of(text: &str) -> (u32, u32) {
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    (u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(column).unwrap_or(u32::MAX))
}

/// The value of the attribute with this local name (any namespace prefix).
fn attribute<'a>(element: Element<'a, '_>, name: &str) -> Option<&'a str> {
    element.attributes().find(|attribute| attribute.name() == name).map(|attribute| attribute.value())
}

/// The child elements with this local name.
fn elements<'a, 'input: 'a>(element: Element<'a, 'input>, name: &'a str) -> impl Iterator<Item = Element<'a, 'input>> {
    element.children().filter(move |child| child.is_element() && child.tag_name().name() == name)
}

/// The text directly inside this element (not inside its child elements).
fn text_of(element: Element<'_, '_>) -> String {
    element.children().filter(roxmltree::Node::is_text).filter_map(|child| child.text()).collect()
}

/// The first descendant element with this local name, in document order.
fn descendant<'a, 'input>(element: Element<'a, 'input>, name: &str) -> Option<Element<'a, 'input>> {
    element.descendants().skip(1).find(|node| node.is_element() && node.tag_name().name() == name)
}

/// Reads a GraphML document as a case.
///
/// # Errors
/// [`GraphMlError::NotXml`] with line and column for XML that is not well-formed (and
/// [`GraphMlError::TooDeep`], [`GraphMlError::TooManyNodes`] past the bounds); the
/// other variants when there is no `<graphml>` with a `<graph>`, a node or edge has no
/// id, source or target, an id occurs twice, or an edge names a node that does not exist.
pub fn read_graphml(text: &str) -> Result<Case, GraphMlError> {
    let document = parse_xml(text)?;
    let root = document.root_element();
    if root.tag_name().name() != "graphml" {
        return Err(GraphMlError::NotGraphMl { root: root.tag_name().name().to_string() });
    }
    let mut keys: HashMap<String, Key> = HashMap::new();
    for key in elements(root, "key") {
        let Some(id) = attribute(key, "id") else { continue };
        let graphics = attribute(key, "yfiles.type").is_some_and(|kind| kind.ends_with("graphics"));
        let name = attribute(key, "attr.name").or(attribute(key, "yfiles.type")).unwrap_or(id).to_string();
        keys.insert(id.to_string(), Key { name, graphics });
    }
    let graph = elements(root, "graph").next().ok_or(GraphMlError::NoGraph)?;
    let undirected = attribute(graph, "edgedefault") == Some("undirected");
    let mut case = Case::default();
    for (name, value) in read_data(graph, &keys).values {
        if name == "title" {
            case.title = value;
        }
    }
    let mut seen = HashSet::new();
    let mut positioned = false;
    for node in elements(graph, "node") {
        let id = attribute(node, "id").ok_or(GraphMlError::NodeWithoutId)?.to_string();
        if !seen.insert(id.clone()) {
            return Err(GraphMlError::DuplicateNode { id: excerpt(&id) });
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
    for (index, edge) in elements(graph, "edge").enumerate() {
        let end = |name: &'static str| -> Result<String, GraphMlError> {
            let id = attribute(edge, name).ok_or(GraphMlError::EdgeWithoutEnd { attribute: name })?;
            if !seen.contains(id) {
                return Err(GraphMlError::UnknownNode { id: excerpt(id) });
            }
            Ok(id.to_string())
        };
        let (from, to) = (end("source")?, end("target")?);
        let id = match attribute(edge, "id") {
            Some(id) if !link_ids.contains(id) => id.to_string(),
            Some(id) => return Err(GraphMlError::DuplicateLink { id: excerpt(id) }),
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
        if undirected || attribute(edge, "directed") == Some("false") {
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
fn read_data(element: Element<'_, '_>, keys: &HashMap<String, Key>) -> Data {
    let mut found = Data { values: Vec::new(), graphics_label: None, geometry: None };
    for datum in elements(element, "data") {
        let key_id = attribute(datum, "key").unwrap_or_default();
        let key = keys.get(key_id);
        if key.is_some_and(|key| key.graphics) || datum.children().any(|child| child.is_element()) {
            let label = descendant(datum, "NodeLabel").or_else(|| descendant(datum, "EdgeLabel"));
            if let Some(label) = label.map(|label| text_of(label).trim().to_string()).filter(|t| !t.is_empty()) {
                found.graphics_label = Some(label);
            }
            if let Some(geometry) = descendant(datum, "Geometry") {
                let coordinate = |name: &str| attribute(geometry, name).and_then(decimal).filter(|v| v.is_finite());
                if let (Some(x), Some(y)) = (coordinate("x"), coordinate("y")) {
                    found.geometry = Some((x, y));
                }
            }
            continue;
        }
        let name = key.map_or(key_id, |key| key.name.as_str()).to_string();
        found.values.push((name, text_of(datum).trim().to_string()));
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
            ("<graphml>\n<graph>", "regel 2, kolom 8): het bestand houdt op voordat elk element gesloten is"),
        ] {
            let error = read_graphml(text).expect_err(text).to_string();
            assert!(error.contains(expected), "{text}: {error}");
        }
    }

    /// A graph with one node whose label is `label` (raw XML).
    fn one_node(label: &str) -> String {
        format!("<graphml><key id='l' for='node' attr.name='label'/><graph><node id='a'><data key='l'>{label}</data></node></graph></graphml>")
    }

    #[test]
    fn reads_entities_cdata_comments_and_namespaced_names() {
        let case = read_graphml(&one_node("t&lt;&#x41;&#66;&amp;<![CDATA[<raw>]]><!-- c -->")).expect("well-formed");
        assert_eq!(case.factors[0].label, "t<AB&<raw>");
        let prefixed = "<?xml version='1.0'?>\n<g:graphml xmlns:g='http://graphml.graphdrawing.org/xmlns'>\
                        <g:graph><g:node g:id='n'/></g:graph></g:graphml>";
        assert_eq!(read_graphml(prefixed).expect("prefixed names").factors[0].id, "n");
    }

    #[test]
    fn bad_xml_is_reported_with_line_and_column_in_both_languages() {
        let error = read_graphml("<graphml>\n<graph></graphml>").expect_err("mismatched");
        let GraphMlError::NotXml { line, problem, .. } = &error else { panic!("{error:?}") };
        assert_eq!((*line, problem), (2, &XmlProblem::MismatchedTag { open: "graph".into(), close: "graphml".into() }));
        assert!(error.message(Lang::Nl).starts_with("geen geldige XML (regel 2, kolom "), "{error}");
        assert!(error.message(Lang::En).contains("closing tag </graphml> does not match <graph>"), "{error:?}");
        for (text, problem) in [
            (one_node("&bogus;"), XmlProblem::UnknownEntity { name: "bogus".into() }),
            (one_node("A & B"), XmlProblem::BadReference),
            ("<graphml/><b/>".to_string(), XmlProblem::Malformed),
            ("<graphml x=1/>".to_string(), XmlProblem::Malformed),
            (String::new(), XmlProblem::NoElement),
            ("<y:graphml/>".to_string(), XmlProblem::UndeclaredPrefix { prefix: "y".into() }),
            ("<graphml a='1' a='2'/>".to_string(), XmlProblem::DuplicateAttribute { name: "a".into() }),
        ] {
            match read_graphml(&text) {
                Err(GraphMlError::NotXml { problem: found, .. }) => assert_eq!(found, problem, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_dtd_is_refused_so_no_entity_is_ever_expanded() {
        let bomb = "<!DOCTYPE graphml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\
                    <graphml><graph><node id='&b;'/></graph></graphml>";
        match read_graphml(bomb) {
            Err(error @ GraphMlError::NotXml { problem: XmlProblem::Dtd, .. }) => {
                assert!(error.message(Lang::En).contains("DTD"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nesting_and_size_are_bounded() {
        let deep = format!("<graphml>{}", "<a>".repeat(MAX_DEPTH + 1));
        let deep = format!("{deep}{}</graphml>", "</a>".repeat(MAX_DEPTH + 1));
        assert_eq!(read_graphml(&deep), Err(GraphMlError::TooDeep { max: MAX_DEPTH }));
        let very_deep = "<a>".repeat(200_000) + &"</a>".repeat(200_000);
        assert_eq!(read_graphml(&very_deep), Err(GraphMlError::TooDeep { max: MAX_DEPTH }), "no stack overflow");
        let many = format!("<graphml><graph>{}</graph></graphml>", "<x/>".repeat(MAX_XML_NODES as usize));
        let error = read_graphml(&many).expect_err("too many nodes");
        assert_eq!(error, GraphMlError::TooManyNodes { max: MAX_XML_NODES });
        assert!(error.message(Lang::En).contains("more than 1000000 XML nodes"));
    }

    #[test]
    fn control_characters_are_not_xml() {
        for text in [one_node("x\u{0}y"), "<graphml>\n<graph k='\u{1}'/></graphml>".into()] {
            match read_graphml(&text) {
                Err(GraphMlError::NotXml { problem: XmlProblem::ForbiddenCharacter, line, .. }) => {
                    assert_eq!(line, if text.contains('\n') { 2 } else { 1 }, "{text:?}");
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
        for reference in ["&#0;", "&#x1F;", "&#xFFFE;"] {
            match read_graphml(&one_node(reference)) {
                Err(GraphMlError::NotXml { problem: XmlProblem::BadReference, .. }) => {}
                other => panic!("not as a character reference either: {reference}: {other:?}"),
            }
        }
        assert_eq!(read_graphml(&one_node("tab&#9;and line")).expect("allowed").factors[0].label, "tab\tand line");
    }

    #[test]
    fn every_error_is_said_in_dutch_and_in_english() {
        let at = |problem| GraphMlError::NotXml { line: 3, column: 7, problem };
        let errors = [
            at(XmlProblem::ForbiddenCharacter),
            at(XmlProblem::Dtd),
            at(XmlProblem::MismatchedTag { open: "a".into(), close: "b".into() }),
            at(XmlProblem::Unclosed),
            at(XmlProblem::NoElement),
            at(XmlProblem::UnknownEntity { name: "x".into() }),
            at(XmlProblem::UndeclaredPrefix { prefix: "y".into() }),
            at(XmlProblem::BadReference),
            at(XmlProblem::DuplicateAttribute { name: "id".into() }),
            at(XmlProblem::Malformed),
            GraphMlError::TooDeep { max: MAX_DEPTH },
            GraphMlError::TooManyNodes { max: MAX_XML_NODES },
            GraphMlError::NotGraphMl { root: "svg".into() },
            GraphMlError::NoGraph,
            GraphMlError::NodeWithoutId,
            GraphMlError::DuplicateNode { id: "a".into() },
            GraphMlError::EdgeWithoutEnd { attribute: "target" },
            GraphMlError::UnknownNode { id: "b".into() },
            GraphMlError::DuplicateLink { id: "l1".into() },
        ];
        for error in errors {
            let (nl, en) = (error.message(Lang::Nl), error.message(Lang::En));
            assert_ne!(nl, en, "{error:?}");
            assert_eq!(error.to_string(), nl);
            for dutch in [" het ", " geen ", " niet ", "knoop", "regel ", "verband", " een "] {
                assert!(!en.contains(dutch), "Dutch '{dutch}' in the English message: {en}");
            }
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
