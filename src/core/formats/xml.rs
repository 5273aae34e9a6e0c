//! A small XML reader for the GraphML import: elements, attributes, text, CDATA and the
//! predefined and numeric entities. Comments, processing instructions and a DOCTYPE
//! are skipped; namespace prefixes are dropped (`y:NodeLabel` is `NodeLabel`). No DTD
//! entities are expanded, so an entity bomb cannot grow the input. The tree is built
//! without recursion and its depth is bounded, so hostile input can neither overflow the
//! stack nor panic the reader.

use std::fmt;

/// Elements may be nested at most this deep.
pub const MAX_DEPTH: usize = 256;

/// An XML element: local name, attributes (local names) and children in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Element {
    /// The local name (prefix dropped).
    pub name: String,
    /// The attributes, local names, values decoded.
    pub attributes: Vec<(String, String)>,
    /// Child elements and text.
    pub children: Vec<Node>,
}

/// A child of an element.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A child element.
    Element(Element),
    /// Text (entities decoded; CDATA as is).
    Text(String),
}

/// Why a document is not well-formed XML, with the line where that was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong, in Dutch.
    pub message: String,
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "regel {}: {}", self.line, self.message)
    }
}

impl Element {
    /// The value of the attribute with this local name.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// The child elements with this local name.
    pub fn elements<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter_map(move |child| match child {
            Node::Element(element) if element.name == name => Some(element),
            _ => None,
        })
    }

    /// The text directly inside this element (not inside its child elements).
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|child| match child {
                Node::Text(text) => Some(text.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }

    /// The first descendant element with this local name, depth first, without recursion.
    pub fn descendant(&self, name: &str) -> Option<&Element> {
        let mut stack: Vec<&Element> = vec![self];
        while let Some(element) = stack.pop() {
            for child in element.children.iter().rev() {
                if let Node::Element(child) = child {
                    stack.push(child);
                }
            }
            if element.name == name && !std::ptr::eq(element, self) {
                return Some(element);
            }
        }
        None
    }
}

/// Parses `text` as an XML document and returns its root element.
///
/// # Errors
/// [`XmlError`] with the line for anything not well-formed: an unclosed or mismatched
/// tag, a bad attribute, an unknown entity, text or a second element outside the root,
/// or nesting deeper than [`MAX_DEPTH`].
pub fn parse(text: &str) -> Result<Element, XmlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bytes = text.as_bytes();
    let error = |at: usize, message: String| XmlError { line: line_of(text, at), message };
    if let Some((at, _)) = text.char_indices().find(|(_, c)| !allowed_in_xml(*c)) {
        return Err(error(at, "het bestand bevat een stuurteken dat in XML niet mag voorkomen".into()));
    }
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'<' {
            let end = find(text, at, "<").unwrap_or(bytes.len());
            let raw = &text[at..end];
            match stack.last_mut() {
                Some(parent) => parent.children.push(Node::Text(decode(raw).map_err(|m| error(at, m))?)),
                None if raw.trim().is_empty() => {}
                None => return Err(error(at, "tekst buiten het hoofdelement".into())),
            }
            at = end;
            continue;
        }
        let rest = &text[at..];
        if rest.starts_with("<?") {
            at = find(text, at, "?>").ok_or_else(|| error(at, "verwerkingsinstructie zonder '?>'".into()))? + 2;
        } else if rest.starts_with("<!--") {
            at = find(text, at + 4, "-->").ok_or_else(|| error(at, "commentaar zonder '-->'".into()))? + 3;
        } else if rest.starts_with("<![CDATA[") {
            let end = find(text, at, "]]>").ok_or_else(|| error(at, "CDATA zonder ']]>'".into()))?;
            let Some(parent) = stack.last_mut() else {
                return Err(error(at, "CDATA buiten het hoofdelement".into()));
            };
            parent.children.push(Node::Text(text[at + 9..end].to_string()));
            at = end + 3;
        } else if rest.starts_with("<!") {
            let close = find(text, at, ">").ok_or_else(|| error(at, "declaratie zonder '>'".into()))?;
            let bracket = find(text, at, "[").filter(|&open| open < close);
            at = match bracket {
                Some(_) => find(text, at, "]>").ok_or_else(|| error(at, "DOCTYPE zonder ']>'".into()))? + 2,
                None => close + 1,
            };
        } else if rest.starts_with("</") {
            let close = find(text, at, ">").ok_or_else(|| error(at, "sluittag zonder '>'".into()))?;
            let name = local(text[at + 2..close].trim());
            let Some(element) = stack.pop() else {
                return Err(error(at, format!("sluittag </{name}> zonder begintag")));
            };
            if element.name != name {
                return Err(error(at, format!("sluittag </{name}> past niet bij <{}>", element.name)));
            }
            close_element(element, &mut stack, &mut root).map_err(|m| error(at, m))?;
            at = close + 1;
        } else {
            let (element, self_closing, end) = start_tag(text, at).map_err(|m| error(at, m))?;
            if self_closing {
                close_element(element, &mut stack, &mut root).map_err(|m| error(at, m))?;
            } else {
                if stack.len() >= MAX_DEPTH {
                    return Err(error(at, format!("elementen zijn dieper genest dan {MAX_DEPTH} niveaus")));
                }
                if root.is_some() && stack.is_empty() {
                    return Err(error(at, "een tweede element buiten het hoofdelement".into()));
                }
                stack.push(element);
            }
            at = end;
        }
    }
    if let Some(open) = stack.last() {
        return Err(error(bytes.len(), format!("element <{}> is niet gesloten", open.name)));
    }
    root.ok_or_else(|| error(0, "geen XML-element gevonden".into()))
}

/// Adds a finished element to its parent, or makes it the root.
fn close_element(element: Element, stack: &mut [Element], root: &mut Option<Element>) -> Result<(), String> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(Node::Element(element)),
        None if root.is_some() => return Err("een tweede element buiten het hoofdelement".into()),
        None => *root = Some(element),
    }
    Ok(())
}

/// Reads the start tag at `at`: the element, whether it closes itself, and where it ends.
fn start_tag(text: &str, at: usize) -> Result<(Element, bool, usize), String> {
    let bytes = text.as_bytes();
    let mut position = at + 1;
    let name_end = scan_name(bytes, position);
    if name_end == position {
        return Err("'<' zonder elementnaam".into());
    }
    let mut element = Element { name: local(&text[position..name_end]), ..Element::default() };
    position = name_end;
    loop {
        while position < bytes.len() && bytes[position].is_ascii_whitespace() {
            position += 1;
        }
        match bytes.get(position) {
            None => return Err(format!("begintag <{}> zonder '>'", element.name)),
            Some(b'>') => return Ok((element, false, position + 1)),
            Some(b'/') if bytes.get(position + 1) == Some(&b'>') => return Ok((element, true, position + 2)),
            Some(_) => {}
        }
        let key_end = scan_name(bytes, position);
        if key_end == position {
            return Err(format!("ongeldig teken in begintag <{}>", element.name));
        }
        let key = local(&text[position..key_end]);
        position = key_end;
        while position < bytes.len() && bytes[position].is_ascii_whitespace() {
            position += 1;
        }
        if bytes.get(position) != Some(&b'=') {
            return Err(format!("attribuut '{key}' zonder '='"));
        }
        position += 1;
        while position < bytes.len() && bytes[position].is_ascii_whitespace() {
            position += 1;
        }
        let quote = match bytes.get(position) {
            Some(&quote @ (b'"' | b'\'')) => quote,
            _ => return Err(format!("waarde van attribuut '{key}' staat niet tussen aanhalingstekens")),
        };
        let value_start = position + 1;
        let value_end = bytes[value_start..]
            .iter()
            .position(|&byte| byte == quote)
            .map(|offset| value_start + offset)
            .ok_or_else(|| format!("waarde van attribuut '{key}' is niet afgesloten"))?;
        let value = decode(&text[value_start..value_end])?;
        element.attributes.push((key, value));
        position = value_end + 1;
    }
}

/// The end of an XML name starting at `at` (letters, digits, `_ - . :` and non-ASCII).
fn scan_name(bytes: &[u8], mut at: usize) -> usize {
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.' | b':') || byte >= 0x80 {
            at += 1;
        } else {
            break;
        }
    }
    at
}

/// A name without its namespace prefix.
fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_string()
}

/// Decodes the predefined and numeric entities.
/// Whether XML 1.0 allows `c` in a document: tab, line feed, carriage return and every
/// character from the space up, except the non-characters U+FFFE and U+FFFF.
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
}

fn decode(raw: &str) -> Result<String, String> {
    if !raw.contains('&') {
        return Ok(raw.to_string());
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let end = after.find(';').filter(|&end| end <= 12).ok_or("'&' zonder ';' (schrijf &amp;)")?;
        let entity = &after[..end];
        let character = match entity {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let number = if let Some(hex) = entity.strip_prefix("#x").or_else(|| entity.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    entity.strip_prefix('#').and_then(|decimal| decimal.parse::<u32>().ok())
                };
                number
                    .and_then(char::from_u32)
                    .filter(|c| allowed_in_xml(*c))
                    .ok_or_else(|| format!("onbekende entiteit '&{entity};'"))?
            }
        };
        out.push(character);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The byte position of `needle` at or after `from`.
fn find(text: &str, from: usize, needle: &str) -> Option<usize> {
    text.get(from..)?.find(needle).map(|offset| from + offset)
}

/// The 1-based line of byte `at`.
fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())].iter().filter(|&&byte| byte == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_attributes_text_and_entities() {
        let root = parse(
            "<?xml version=\"1.0\"?>\n<!-- c --><!DOCTYPE x [<!ENTITY a \"b\">]>\n\
             <a:g x='1 &amp; 2'><b>t&lt;&#x41;&#66;</b><c/><![CDATA[<raw>]]></a:g>",
        )
        .expect("well-formed");
        assert_eq!(root.name, "g");
        assert_eq!(root.attribute("x"), Some("1 & 2"));
        assert_eq!(root.elements("b").next().map(Element::text), Some("t<AB".to_string()));
        assert_eq!(root.elements("c").count(), 1);
        assert_eq!(root.text(), "<raw>");
    }

    #[test]
    fn reports_bad_xml_with_its_line() {
        assert_eq!(parse("<a>\n<b></a>").map_err(|e| e.line), Err(2));
        assert!(parse("<a>&bogus;</a>").is_err());
        assert!(parse("<a></a><b/>").is_err());
        assert!(parse("<a x=1/>").is_err());
        assert!(parse("").is_err());
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).expect_err("too deep").message.contains("genest"));
    }

    #[test]
    fn control_characters_are_not_xml() {
        assert_eq!(parse("<a>x\u{0}y</a>").map_err(|e| e.line), Err(1));
        assert!(parse("<a>\n<b k='\u{1}'/></a>").is_err());
        assert!(parse("<a>&#0;</a>").is_err(), "not as a character reference either");
        assert!(parse("<a>&#x1F;</a>").is_err());
        assert!(parse("<a>tab\tand\r\nline</a>").is_ok());
    }
}
