//! GraphML export, for network tools such as Gephi, yEd, Cytoscape and networkx.
//!
//! Factors become nodes with the keys `label`, `kind`, `note`, `x`, `y`, `fixed`; links
//! become directed edges with `polarity` (`+`/`-`), `sector`, `rule`, `delay`,
//! `confidence`, `note`, `fixed` and `cost`. The case title is the graph's `title`.
//! Absent optional values are left out. Text is XML-escaped; characters that XML 1.0
//! cannot hold at all (NUL and other control characters, U+FFFE, U+FFFF) become U+FFFD.

use crate::core::model::Case;
use crate::core::number::shortest;

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

#[cfg(test)]
mod tests {
    use super::*;

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
