//! Control characters in users' text: a U+000B from Word's Shift+Enter, an escape
//! sequence pasted from a terminal, a NUL from a broken file. Typed and imported text is
//! cleaned ([`one_line`] for titles and ids, [`multi_line`] for labels and notes, and
//! [`clean_case`] for a whole case), every export is cleaned the same way, an SVG is
//! made valid XML with [`xml_safe`], and the CLI shows what is left visibly
//! ([`for_terminal`]) so that no escape sequence from a label reaches the terminal.

use crate::core::model::{Case, Target};
use std::borrow::Cow;

/// Characters that break a line the way a user means it: Word's Shift+Enter (U+000B),
/// a form feed, a lone carriage return, NEL and Unicode's line and paragraph separators.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Unicode's bidirectional embedding, override and isolate controls: invisible, and able
/// to make a text read differently from what it holds.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` is removed or replaced in a one-line text.
fn unwanted_in_line(c: char) -> bool {
    c.is_control() || is_line_break(c) || is_bidi_control(c)
}

/// A title or id on one line: every line break, tab and other control character becomes a
/// space. Nothing is allocated when there is none.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.contains(unwanted_in_line) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if unwanted_in_line(c) { ' ' } else { c }).collect())
}

/// A label or note: every kind of line break becomes `\n` (a CRLF one `\n`; Word's
/// Shift+Enter too), tabs stay, every other control character goes.
pub fn multi_line(text: &str) -> Cow<'_, str> {
    let wanted = |c: char| c == '\n' || c == '\t' || !(c.is_control() || is_line_break(c) || is_bidi_control(c));
    if text.chars().all(wanted) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if is_line_break(c) {
            out.push('\n');
        } else if wanted(c) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether XML 1.0 allows `c` in a document.
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// `text` without the characters XML 1.0 forbids (NUL and the other C0 controls but tab
/// and line ends, U+FFFE, U+FFFF), so that a serialised SVG stays well-formed.
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    if text.chars().all(allowed_in_xml) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| allowed_in_xml(c)).collect())
}

/// `text` for a terminal: every control character except line feed and tab, and every
/// bidirectional control, written visibly as `\u{1b}`, so that an escape sequence in a
/// label (colours, a window title, OSC 52 writing the clipboard) is shown, not obeyed.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    let escaped = |c: char| (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c);
    if !text.contains(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if escaped(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether [`clean_case`] would change nothing in `case`.
pub fn is_clean(case: &Case) -> bool {
    let line = |text: &str| matches!(one_line(text), Cow::Borrowed(_));
    let note = |text: &str| matches!(multi_line(text), Cow::Borrowed(_));
    line(&case.title)
        && case.factors.iter().all(|f| line(&f.id) && note(&f.label) && note(&f.note))
        && case.links.iter().all(|l| {
            line(&l.id)
                && line(&l.from)
                && line(&l.to)
                && note(&l.note)
                && [&l.sector, &l.rule].into_iter().flatten().all(|text| line(text))
        })
        && case.virtuous_loops.iter().all(|key| line(key))
        && case.interventions.iter().all(|i| {
            let (Target::Link(id) | Target::Factor(id)) = &i.target;
            line(id) && i.checklist.iter().all(|entry| line(&entry.item) && note(&entry.note))
        })
}

/// `case` with every text cleaned: ids, the title, sectors and rules on one line
/// ([`one_line`]), labels and notes by [`multi_line`]; an id, label, sector or rule that changed
/// is trimmed, a sector or rule left blank is dropped, and a label left blank becomes its
/// factor's id. Ids are cleaned wherever they appear (link
/// ends, intervention targets), so every reference still holds; a loop key is cleaned as text,
/// so a mark on a loop through a trimmed id no longer matches it. An id left blank makes the
/// case invalid, which the importers then refuse (`formats::checked`).
pub fn clean_case(mut case: Case) -> Case {
    if is_clean(&case) {
        return case;
    }
    let line = |text: &mut String| {
        if let Cow::Owned(clean) = one_line(text) {
            *text = clean;
        }
    };
    let note = |text: &mut String| {
        if let Cow::Owned(clean) = multi_line(text) {
            *text = clean;
        }
    };
    // An id or label that cleaning changed is trimmed as well, so that cleaning never
    // leaves one blank or padded with the spaces that stood for control characters (a
    // reader that trims, such as the Kumu CSV reader, would read another one back).
    let id = |text: &mut String| {
        if let Cow::Owned(clean) = one_line(text) {
            *text = clean.trim().to_string();
        }
    };
    line(&mut case.title);
    for factor in &mut case.factors {
        id(&mut factor.id);
        if let Cow::Owned(clean) = multi_line(&factor.label) {
            factor.label = clean.trim().to_string();
        }
        if factor.label.trim().is_empty() {
            factor.label = factor.id.clone();
        }
        note(&mut factor.note);
    }
    for link in &mut case.links {
        for text in [&mut link.id, &mut link.from, &mut link.to] {
            id(text);
        }
        note(&mut link.note);
        // A sector or rule is a reference, like an id: trimmed when cleaning changed it, and
        // gone when nothing is left (writers leave an empty one out).
        for reference in [&mut link.sector, &mut link.rule] {
            if let Some(text) = reference.as_mut() {
                id(text);
            }
            if reference.as_deref() == Some("") {
                *reference = None;
            }
        }
    }
    case.virtuous_loops.iter_mut().for_each(line);
    for intervention in &mut case.interventions {
        let (Target::Link(target) | Target::Factor(target)) = &mut intervention.target;
        id(target);
        for entry in &mut intervention.checklist {
            line(&mut entry.item);
            note(&mut entry.note);
        }
    }
    case
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_line_breaks_become_spaces_in_an_id_and_line_breaks_in_a_label() {
        assert_eq!(one_line("Huur\u{b}schuld\ttwee\r\nregels"), "Huur schuld twee  regels");
        assert_eq!(multi_line("een\u{b}twee\r\ndrie\rvier\u{1b}[31m\tvijf\u{0}"), "een\ntwee\ndrie\nvier[31m\tvijf");
        assert!(matches!(one_line("Schulden"), Cow::Borrowed(_)));
        assert!(matches!(multi_line("twee\nregels\tmet tab"), Cow::Borrowed(_)));
    }

    #[test]
    fn xml_loses_only_what_xml_forbids() {
        assert_eq!(xml_safe("<text>a\u{b}b\u{0}c\u{fffe}\td\n</text>"), "<text>abc\td\n</text>");
        assert!(matches!(xml_safe("Ş王😀\u{85}"), Cow::Borrowed(_)));
    }

    #[test]
    fn terminal_escape_sequences_are_shown_not_obeyed() {
        let osc52 = "Schulden\u{1b}]52;c;ZWNobyBoaQ==\u{7}\u{9b}2J\u{202e}";
        assert_eq!(for_terminal(osc52), "Schulden\\u{1b}]52;c;ZWNobyBoaQ==\\u{7}\\u{9b}2J\\u{202e}");
        assert_eq!(for_terminal("regel\n\tmet tab"), "regel\n\tmet tab");
    }
}
