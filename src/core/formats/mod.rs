//! Reading and writing the file formats users have. Every reader returns a typed error
//! that names the line or field, and never panics on bad input.
//!
//! [`Format::for_file_name`] picks the format by extension; the app and the CLI both go
//! through it, so a file converts the same way everywhere.

pub mod case_json;
pub mod csv;
pub mod dot;
pub mod edge_list;
pub mod graphml;
pub mod kumu_csv;
pub mod kumu_json;

use crate::core::lang::Lang;
use crate::core::limits::{self, LimitError};
use crate::core::model::Case;
use crate::core::{control, model::CaseError};
use case_json::CaseFileError;
use kumu_csv::KumuCsvError;
use std::borrow::Cow;
use std::fmt;

/// A file format the core can read or write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The case JSON (`.json`): everything, read and write.
    CaseJson,
    /// Kumu-style elements and connections CSV (`.csv`): read and write.
    KumuCsv,
    /// GraphML (`.graphml`): read (yEd, Gephi, PRSM, networkx and our own) and write.
    GraphMl,
    /// Graphviz DOT (`.dot`, `.gv`): write only.
    Dot,
}

/// Why a file could not be read or written in the format its name asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// The file name has no extension we know (the extension, possibly empty).
    UnknownExtension(String),
    /// The format can be written but not read.
    WriteOnly(Format),
    /// The case JSON is invalid.
    CaseJson(CaseFileError),
    /// The Kumu CSV is invalid.
    KumuCsv(KumuCsvError),
    /// The GraphML is invalid.
    GraphMl(graphml::GraphMlError),
    /// The Kumu JSON blueprint is invalid.
    KumuJson(kumu_json::KumuJsonError),
    /// The map is larger than [`crate::core::limits`] allows.
    Limit(LimitError),
    /// Two ids became the same when their control characters were replaced.
    Structure(Vec<CaseError>),
    /// The case JSON is not UTF-8 text; `line` is where the first invalid byte is.
    NotUtf8 {
        /// 1-based line of the first byte that is not UTF-8.
        line: usize,
    },
}

impl FormatError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        match self {
            FormatError::UnknownExtension(extension) if extension.is_empty() && nl => {
                "de bestandsnaam heeft geen extensie; gebruik .json, .csv, .graphml of .dot \
                 zodat Cirkelbreker weet welk formaat bedoeld is"
                    .to_string()
            }
            FormatError::UnknownExtension(extension) if extension.is_empty() => {
                "the file name has no extension; use .json, .csv, .graphml or .dot \
                 so that Cirkelbreker knows which format is meant"
                    .to_string()
            }
            FormatError::UnknownExtension(extension) if nl => {
                format!("onbekend bestandsformaat '.{extension}'; Cirkelbreker kent .json, .csv, .graphml en .dot")
            }
            FormatError::UnknownExtension(extension) => {
                format!("unknown file format '.{extension}'; Cirkelbreker knows .json, .csv, .graphml and .dot")
            }
            FormatError::WriteOnly(format) if nl => {
                format!(
                    "{} kan Cirkelbreker wel maken maar niet inlezen; lees een .json- of .csv-bestand in",
                    format.name()
                )
            }
            FormatError::WriteOnly(format) => {
                format!(
                    "Cirkelbreker can write {} but not read it; import a .json, .csv or .graphml file",
                    format.name()
                )
            }
            FormatError::NotUtf8 { line } if nl => {
                format!("het bestand is geen UTF-8-tekst (regel {line}); sla het op als UTF-8 en probeer het opnieuw")
            }
            FormatError::NotUtf8 { line } => {
                format!("the file is not UTF-8 text (line {line}); save it as UTF-8 and try again")
            }
            FormatError::CaseJson(error) => error.message(lang),
            FormatError::Limit(error) => error.message(lang),
            FormatError::Structure(problems) => CaseFileError::Structure(problems.clone()).message(lang),
            FormatError::KumuCsv(error) => error.message(lang),
            FormatError::GraphMl(error) => error.message(lang),
            FormatError::KumuJson(error) => error.message(lang),
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Nl))
    }
}

impl std::error::Error for FormatError {}

impl Format {
    /// The format for a file name or path, chosen by its extension (case-insensitive).
    ///
    /// # Errors
    /// [`FormatError::UnknownExtension`] for any other or no extension.
    pub fn for_file_name(name: &str) -> Result<Format, FormatError> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let extension = base.rsplit_once('.').map_or("", |(_, extension)| extension);
        match extension.to_ascii_lowercase().as_str() {
            "json" => Ok(Format::CaseJson),
            "csv" => Ok(Format::KumuCsv),
            "graphml" => Ok(Format::GraphMl),
            "dot" | "gv" => Ok(Format::Dot),
            _ => Err(FormatError::UnknownExtension(extension.to_string())),
        }
    }

    /// The name users know the format by.
    pub fn name(self) -> &'static str {
        match self {
            Format::CaseJson => "Casusbestand (JSON)",
            Format::KumuCsv => "CSV (Kumu)",
            Format::GraphMl => "GraphML",
            Format::Dot => "Graphviz DOT",
        }
    }

    /// Whether [`Format::read`] accepts this format.
    pub fn can_read(self) -> bool {
        matches!(self, Format::CaseJson | Format::KumuCsv | Format::GraphMl)
    }

    /// Reads a case from `text`. A `.json` file that is a Kumu blueprint (a list of
    /// `elements`, no `factors`) is read as Kumu JSON. The case must keep within
    /// [`crate::core::limits`] (each reader counts before it builds the case; GraphML's
    /// elements are counted in the text first), and its texts are cleaned of control
    /// characters ([`control::clean_case`]).
    ///
    /// # Errors
    /// [`FormatError::WriteOnly`] for an export-only format, [`FormatError::Limit`] for a
    /// map too large, else the reader's error.
    pub fn read(self, text: &str) -> Result<Case, FormatError> {
        if self == Format::GraphMl {
            limits::check_factor_count(count_elements(text, "node")).map_err(FormatError::Limit)?;
            limits::check_link_count(count_elements(text, "edge")).map_err(FormatError::Limit)?;
        }
        checked(self.read_unchecked(text)?)
    }

    /// The reader's case, before the limits on texts and the cleaning.
    fn read_unchecked(self, text: &str) -> Result<Case, FormatError> {
        match self {
            // The case reader first: it counts the factors and links in the same pass that
            // finds the envelope, so a huge case file is refused after one pass.
            Format::CaseJson => match case_json::read_case(text) {
                Err(CaseFileError::NotACase(case_json::NotACase::NoFormat)) if kumu_json::looks_like_kumu(text) => {
                    kumu_json::read_kumu_json(text).map_err(FormatError::KumuJson)
                }
                read => read.map_err(FormatError::CaseJson),
            },
            Format::KumuCsv => kumu_csv::read_kumu_csv(text).map_err(FormatError::KumuCsv),
            Format::GraphMl => graphml::read_graphml(text).map_err(FormatError::GraphMl),
            Format::Dot => Err(FormatError::WriteOnly(self)),
        }
    }

    /// Reads a case from the bytes of a file. The size is checked before anything
    /// else. A CSV that is not UTF-8 is read as Windows-1252, the encoding Excel uses
    /// for "CSV" on Dutch Windows; the case JSON must be UTF-8.
    ///
    /// # Errors
    /// As [`Format::read`], plus [`FormatError::NotUtf8`] for case JSON.
    pub fn read_bytes(self, bytes: &[u8]) -> Result<Case, FormatError> {
        if !self.can_read() {
            return Err(FormatError::WriteOnly(self));
        }
        if bytes.len() > case_json::MAX_CASE_BYTES {
            return Err(match self {
                Format::KumuCsv => FormatError::KumuCsv(KumuCsvError::TooLarge { bytes: bytes.len() }),
                _ => FormatError::CaseJson(case_json::CaseFileError::TooLarge { bytes: bytes.len() }),
            });
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => self.read(text),
            Err(_) if self == Format::KumuCsv => self.read(&windows_1252(bytes)),
            Err(error) => {
                let line = bytes[..error.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
                Err(FormatError::NotUtf8 { line })
            }
        }
    }

    /// Writes `case` in this format. For every format but the case JSON (which escapes
    /// control characters and so keeps the case exactly), its texts are cleaned of control
    /// characters first ([`control::clean_case`]), so that the export is valid in its format.
    pub fn write(self, case: &Case) -> String {
        match self {
            Format::CaseJson => case_json::write_case(case),
            Format::KumuCsv => kumu_csv::write_kumu_csv(&exportable(case)),
            Format::GraphMl => graphml::write_graphml(&exportable(case)),
            Format::Dot => dot::write_dot(&exportable(case)),
        }
    }
}

/// `case` with its texts cleaned of control characters, copied only when it holds any.
fn exportable(case: &Case) -> Cow<'_, Case> {
    if control::is_clean(case) {
        Cow::Borrowed(case)
    } else {
        Cow::Owned(control::clean_case(case.clone()))
    }
}

/// At most the first 40 characters of `text`, with `…` when cut, so that an error
/// message quoting a value stays short however long the value is.
pub(crate) fn excerpt(text: &str) -> String {
    let mut chars = text.chars();
    let mut shown: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        shown.push('…');
    }
    shown
}

/// A case read from a file, held to [`crate::core::limits`] and cleaned of control
/// characters ([`control::clean_case`]); every reader's case passes through here.
///
/// # Errors
/// [`FormatError::Limit`] for a map too large; [`FormatError::Structure`] when two ids
/// differ only in control characters.
pub fn checked(case: Case) -> Result<Case, FormatError> {
    limits::check_case(&case).map_err(FormatError::Limit)?;
    if control::is_clean(&case) {
        return Ok(case);
    }
    let case = control::clean_case(case);
    let problems = case.problems();
    if problems.is_empty() {
        Ok(case)
    } else {
        Err(FormatError::Structure(problems))
    }
}

/// How many elements named `name` (`node`, `edge`) the XML `text` can hold at most: the
/// number of `<name` followed by white space, `>` or `/`. A comment or CDATA section
/// holding such text counts too, so this is an upper bound, found without parsing.
fn count_elements(text: &str, name: &str) -> usize {
    let tag = format!("<{name}");
    text.match_indices(&tag)
        .filter(|(at, _)| text[at + tag.len()..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/'))
        .count()
}

/// Decodes Windows-1252: Latin-1 with typographic characters in 0x80..=0x9F.
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&byte| match byte {
            0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
            _ => char::from(byte),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_format_by_extension() {
        assert_eq!(Format::for_file_name("map/Casus.JSON"), Ok(Format::CaseJson));
        assert_eq!(Format::for_file_name("a.b.csv"), Ok(Format::KumuCsv));
        assert_eq!(Format::for_file_name("x.graphml"), Ok(Format::GraphMl));
        assert_eq!(Format::for_file_name("x.gv"), Ok(Format::Dot));
        assert_eq!(Format::for_file_name("x.xlsx"), Err(FormatError::UnknownExtension("xlsx".into())));
        assert_eq!(Format::for_file_name("dir.v2/README"), Err(FormatError::UnknownExtension(String::new())));
    }

    #[test]
    fn export_only_formats_refuse_reading_in_dutch() {
        let error = Format::Dot.read("digraph {}").expect_err("write only");
        assert_eq!(error, FormatError::WriteOnly(Format::Dot));
        assert!(error.to_string().contains("niet inlezen"));
        assert!(!Format::Dot.can_read() && Format::GraphMl.can_read());
    }

    #[test]
    fn bytes_are_size_checked_and_decoded() {
        let excel = b"Label;Type\r\nCaf\xe9 \x80 schuld;schuld\r\n";
        let case = Format::KumuCsv.read_bytes(excel).expect("windows-1252 csv reads");
        assert_eq!(case.factors[0].label, "Café € schuld");
        let json = b"{\"factors\": [\n{\"id\": \"a\", \"label\": \"\xff\"}]}";
        assert_eq!(Format::CaseJson.read_bytes(json), Err(FormatError::NotUtf8 { line: 2 }));
        let huge = vec![b' '; case_json::MAX_CASE_BYTES + 1];
        assert!(matches!(
            Format::CaseJson.read_bytes(&huge),
            Err(FormatError::CaseJson(case_json::CaseFileError::TooLarge { .. }))
        ));
    }
}
