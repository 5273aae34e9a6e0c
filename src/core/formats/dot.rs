//! Graphviz DOT export: `dot -Tsvg kaart.dot > kaart.svg` draws the map.
//!
//! Each factor kind has its own shape (situatie: ellipse, regel: box, schuld: house,
//! zorgkloof: octagon, besluit: diamond); a fixed factor is drawn bold. Each link is
//! labelled with its polarity, followed by `||` when the effect is delayed (the
//! usual mark in causal loop diagrams); negative links are dashed. The case title is
//! the graph label.
//!
//! All ids and labels are written as quoted strings. Backslashes and quotes are
//! escaped, line breaks become `\n`, `&` becomes `&amp;` (Graphviz reads HTML
//! entities in labels) and other control characters, which Graphviz cannot carry into
//! its SVG output, become U+FFFD.

use crate::core::model::{Case, FactorKind, Polarity};

/// Writes the case as a DOT digraph.
pub fn write_dot(case: &Case) -> String {
    let mut out = String::from("digraph cirkelbreker {\n");
    if !case.title.is_empty() {
        out.push_str(&format!("  label={}; labelloc=t;\n", quote(&case.title)));
    }
    out.push_str("  node [fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\"];\n");
    for factor in &case.factors {
        let style = if factor.fixed { ", style=bold" } else { "" };
        out.push_str(&format!(
            "  {} [label={}, shape={}{style}];\n",
            quote(&factor.id),
            quote(&factor.label),
            shape(factor.kind)
        ));
    }
    for link in &case.links {
        let delay = if link.delay { " ||" } else { "" };
        let style = if link.polarity == Polarity::Negative { ", style=dashed" } else { "" };
        out.push_str(&format!(
            "  {} -> {} [id={}, label=\"{}{delay}\"{style}];\n",
            quote(&link.from),
            quote(&link.to),
            quote(&link.id),
            link.polarity.symbol()
        ));
    }
    out.push_str("}\n");
    out
}

/// The Graphviz shape of a factor kind.
fn shape(kind: FactorKind) -> &'static str {
    match kind {
        FactorKind::Situatie => "ellipse",
        FactorKind::Regel => "box",
        FactorKind::Schuld => "house",
        FactorKind::Zorgkloof => "octagon",
        FactorKind::Besluit => "diamond",
    }
}

/// A DOT quoted string holding `text` verbatim once Graphviz has read it.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_escape_what_graphviz_would_interpret() {
        assert_eq!(quote(r#"a "b" \N"#), r#""a \"b\" \\N""#);
        assert_eq!(quote("x & y\r\nz\u{0}"), "\"x &amp; y\\nz\u{fffd}\"");
        assert_eq!(quote("\u{200f}😀"), "\"\u{200f}😀\"");
    }

    #[test]
    fn every_kind_has_a_distinct_shape() {
        let shapes: std::collections::HashSet<_> = FactorKind::ALL.into_iter().map(shape).collect();
        assert_eq!(shapes.len(), FactorKind::ALL.len());
    }
}
