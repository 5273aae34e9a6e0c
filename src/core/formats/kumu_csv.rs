//! Factors and links as CSV in the shape of Kumu's elements and connections sheets,
//! both ways.
//!
//! Elements sheet: `ID, Label, Type, Description, X, Y, Fixed`. `Type` holds the factor
//! kind (`situatie`, `regel`, ...), `Description` the note.
//!
//! Connections sheet: `ID, From, To, Type, Label, Description, Sector, Rule, Delay,
//! Confidence, Fixed, Cost`. `Type` holds the polarity as `+` or `-` (Kumu's convention
//! for causal loop diagrams), `Label` repeats it so it shows on the map, `From`/`To`
//! name element ids. The extra columns become fields in Kumu and survive a round trip.
//!
//! [`write_kumu_csv`] writes both sheets in one file, elements first, separated by one
//! blank line; [`write_elements`] and [`write_connections`] write them as two files
//! for Kumu's import. [`read_kumu_csv`] reads an elements sheet, a connections sheet,
//! or both in one file (two Kumu sheets saved as CSV and pasted together with a blank
//! line in between). Columns are found by name in any order (Dutch names work too);
//! unknown columns are ignored. As in Kumu, `From`/`To` may name an element by id or
//! label, a missing element is created, and `To` may list several elements separated
//! by `|`. The case title, interventions and virtuous loops have no place in Kumu's
//! sheets and are not written.

use super::case_json::{CaseFileError, MAX_CASE_BYTES};
use super::csv::{self, CsvError, Record};
use super::excerpt;
use crate::core::lang::Lang;
use crate::core::limits::{self, LimitError};
use crate::core::model::{Case, Confidence, Factor, FactorKind, Link, Polarity};
use crate::core::number::{decimal, shortest};
use std::collections::HashMap;
use std::fmt;

/// The columns [`write_elements`] writes, in order.
pub const ELEMENT_COLUMNS: [&str; 7] = ["ID", "Label", "Type", "Description", "X", "Y", "Fixed"];

/// The columns [`write_connections`] writes, in order.
pub const CONNECTION_COLUMNS: [&str; 12] =
    ["ID", "From", "To", "Type", "Label", "Description", "Sector", "Rule", "Delay", "Confidence", "Fixed", "Cost"];

/// Why a Kumu CSV could not be read. Every message names the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KumuCsvError {
    /// The file is larger than [`MAX_CASE_BYTES`].
    TooLarge {
        /// Size in bytes.
        bytes: usize,
    },
    /// The text is not valid CSV.
    Csv(CsvError),
    /// More elements or connections than [`crate::core::limits`] allows; reading stops
    /// at the first one too many.
    Limit(LimitError),
    /// The first row is not a header Cirkelbreker knows.
    Header {
        /// Line of the row that should be a header.
        line: usize,
    },
    /// A data row has a missing, duplicate or invalid value.
    Row {
        /// Line on which the row starts.
        line: usize,
        /// What is wrong.
        problem: RowProblem,
    },
}

/// What is wrong with a row of a Kumu sheet; quoted values are cut to a readable length.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// An element with neither Label nor ID.
    NoLabel,
    /// An element id used before, on this line.
    DuplicateElement {
        /// The id.
        id: String,
        /// The line where it first appears.
        first: usize,
    },
    /// A connection without From or To.
    MissingEnd,
    /// `To` names no element.
    NoTarget(String),
    /// An unknown strength.
    Confidence(String),
    /// A cost that is not a whole number of 0 or more.
    Cost(String),
    /// A connection id used before, on this line.
    DuplicateConnection {
        /// The id.
        id: String,
        /// The line where it first appears.
        first: usize,
    },
    /// A label shared by several elements, used as a reference.
    AmbiguousLabel(String),
    /// An unknown connection type.
    ConnectionType(String),
    /// A yes/no column with another value.
    NotYesNo {
        /// The value.
        value: String,
        /// The column.
        column: String,
    },
    /// A number column with another value.
    NotANumber {
        /// The value.
        value: String,
        /// The column.
        column: String,
    },
}

impl RowProblem {
    /// The problem in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        match self {
            RowProblem::NoLabel if nl => "dit element heeft geen Label en geen ID".to_string(),
            RowProblem::NoLabel => "this element has no Label and no ID".to_string(),
            RowProblem::DuplicateElement { id, first } if nl => format!("element '{id}' komt al voor op regel {first}"),
            RowProblem::DuplicateElement { id, first } => format!("element '{id}' appears already on line {first}"),
            RowProblem::MissingEnd if nl => "een verbinding heeft zowel 'From' als 'To' nodig".to_string(),
            RowProblem::MissingEnd => "a connection needs both 'From' and 'To'".to_string(),
            RowProblem::NoTarget(to) if nl => format!("'To' ('{to}') noemt geen element"),
            RowProblem::NoTarget(to) => format!("'To' ('{to}') names no element"),
            RowProblem::Confidence(text) if nl => {
                format!("zekerheid '{text}' is onbekend; gebruik low, medium of high")
            }
            RowProblem::Confidence(text) => format!("strength '{text}' is unknown; use low, medium or high"),
            RowProblem::Cost(text) if nl => format!("kosten '{text}' is geen geheel getal van 0 of meer"),
            RowProblem::Cost(text) => format!("cost '{text}' is not a whole number of 0 or more"),
            RowProblem::DuplicateConnection { id, first } if nl => {
                format!("verbinding '{id}' komt al voor op regel {first}")
            }
            RowProblem::DuplicateConnection { id, first } => {
                format!("connection '{id}' appears already on line {first}")
            }
            RowProblem::AmbiguousLabel(label) if nl => {
                format!("'{label}' is het label van meer dan één element; verwijs met de ID")
            }
            RowProblem::AmbiguousLabel(label) => {
                format!("'{label}' is the label of more than one element; refer by ID")
            }
            RowProblem::ConnectionType(kind) if nl => {
                format!("verbindingstype '{kind}' is onbekend; gebruik + of - (of positief/negatief)")
            }
            RowProblem::ConnectionType(kind) => {
                format!("connection type '{kind}' is unknown; use + or - (or positive/negative)")
            }
            RowProblem::NotYesNo { value, column } if nl => format!("'{value}' in kolom {column} is geen ja of nee"),
            RowProblem::NotYesNo { value, column } => format!("'{value}' in column {column} is not yes or no"),
            RowProblem::NotANumber { value, column } if nl => format!("'{value}' in kolom {column} is geen getal"),
            RowProblem::NotANumber { value, column } => format!("'{value}' in column {column} is not a number"),
        }
    }
}

impl KumuCsvError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        match self {
            KumuCsvError::TooLarge { bytes } => CaseFileError::TooLarge { bytes: *bytes }.message(lang),
            KumuCsvError::Limit(error) => error.message(lang),
            KumuCsvError::Csv(error) if nl => format!("geen geldige CSV: {}", error.message(lang)),
            KumuCsvError::Csv(error) => format!("not valid CSV: {}", error.message(lang)),
            KumuCsvError::Header { line } if nl => format!(
                "regel {line}: de kolomkoppen ontbreken: verwacht 'Label' (elementen) of 'From' en 'To' \
                 (verbindingen) in de eerste rij"
            ),
            KumuCsvError::Header { line } => format!(
                "line {line}: the column headers are missing: expected 'Label' (elements) or 'From' and 'To' \
                 (connections) in the first row"
            ),
            KumuCsvError::Row { line, problem } if nl => format!("regel {line}: {}", problem.message(lang)),
            KumuCsvError::Row { line, problem } => format!("line {line}: {}", problem.message(lang)),
        }
    }
}

impl fmt::Display for KumuCsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Nl))
    }
}

impl std::error::Error for KumuCsvError {}

impl From<CsvError> for KumuCsvError {
    fn from(error: CsvError) -> Self {
        KumuCsvError::Csv(error)
    }
}

/// Writes the elements sheet: one row per factor.
pub fn write_elements(case: &Case) -> String {
    let mut out = String::new();
    csv::write_record(&mut out, &ELEMENT_COLUMNS);
    for factor in &case.factors {
        csv::write_record(
            &mut out,
            &[
                factor.id.as_str(),
                &factor.label,
                factor.kind.id(),
                &factor.note,
                &shortest(factor.x),
                &shortest(factor.y),
                yes(factor.fixed),
            ],
        );
    }
    out
}

/// Writes the connections sheet: one row per link.
pub fn write_connections(case: &Case) -> String {
    let mut out = String::new();
    csv::write_record(&mut out, &CONNECTION_COLUMNS);
    for link in &case.links {
        csv::write_record(
            &mut out,
            &[
                link.id.as_str(),
                &link.from,
                &link.to,
                link.polarity.symbol(),
                link.polarity.symbol(),
                &link.note,
                link.sector.as_deref().unwrap_or_default(),
                link.rule.as_deref().unwrap_or_default(),
                yes(link.delay),
                link.confidence.id(),
                yes(link.fixed),
                &link.cost.map(|cost| cost.to_string()).unwrap_or_default(),
            ],
        );
    }
    out
}

/// Writes both sheets in one file: elements, a blank line, connections.
pub fn write_kumu_csv(case: &Case) -> String {
    let mut out = write_elements(case);
    out.push_str("\r\n");
    out.push_str(&write_connections(case));
    out
}

/// The Dutch names of the parts of `case` that the CSV sheets cannot hold, so that a
/// user can be told before they rely on the CSV alone.
pub fn lost_in_csv(case: &Case) -> Vec<&'static str> {
    let mut lost = Vec::new();
    if !case.title.is_empty() {
        lost.push("de titel");
    }
    if !case.interventions.is_empty() {
        lost.push("de gekozen interventies en hun checklists");
    }
    if !case.virtuous_loops.is_empty() {
        lost.push("de als gewenst gemarkeerde cirkels");
    }
    lost
}

fn yes(flag: bool) -> &'static str {
    if flag {
        "ja"
    } else {
        ""
    }
}

/// Reads an elements sheet, a connections sheet, or both separated by a blank line.
///
/// # Errors
/// [`KumuCsvError`] naming the line: invalid CSV, a missing `Label` or `From`/`To`
/// column, an empty or duplicate id, an unknown polarity, confidence or yes/no value,
/// an ambiguous label, or a file larger than [`MAX_CASE_BYTES`].
pub fn read_kumu_csv(text: &str) -> Result<Case, KumuCsvError> {
    if text.len() > MAX_CASE_BYTES {
        return Err(KumuCsvError::TooLarge { bytes: text.len() });
    }
    let records = csv::parse(text)?;
    let mut builder = Builder::default();
    let mut section: Option<Section> = None;
    let mut after_blank = true;
    for record in &records {
        if record.is_blank() {
            after_blank = true;
            continue;
        }
        let header = if after_blank { Section::from_header(record) } else { None };
        after_blank = false;
        match (header, &section) {
            (Some(new_section), _) => section = Some(new_section),
            (None, Some(Section::Elements(columns))) => builder.element(columns, record)?,
            (None, Some(Section::Connections(columns))) => builder.connection(columns, record)?,
            (None, None) => return Err(KumuCsvError::Header { line: record.line }),
        }
    }
    builder.finish()
}

/// The columns of an elements sheet, by position.
#[derive(Debug, Default)]
struct ElementColumns {
    id: Option<usize>,
    label: usize,
    kind: Option<usize>,
    description: Option<usize>,
    tags: Option<usize>,
    x: Option<usize>,
    y: Option<usize>,
    fixed: Option<usize>,
}

/// The columns of a connections sheet, by position.
#[derive(Debug, Default)]
struct ConnectionColumns {
    id: Option<usize>,
    from: usize,
    to: usize,
    kind: Option<usize>,
    label: Option<usize>,
    description: Option<usize>,
    sector: Option<usize>,
    rule: Option<usize>,
    delay: Option<usize>,
    confidence: Option<usize>,
    fixed: Option<usize>,
    cost: Option<usize>,
}

/// The sheet that the rows being read belong to.
#[derive(Debug)]
enum Section {
    Elements(ElementColumns),
    Connections(ConnectionColumns),
}

impl Section {
    /// The section a header row starts, if `record` is a header row.
    fn from_header(record: &Record) -> Option<Section> {
        let names: Vec<String> = record.fields.iter().map(|field| field.trim().to_ascii_lowercase()).collect();
        let find = |aliases: &[&str]| names.iter().position(|name| aliases.contains(&name.as_str()));
        let id = find(&["id"]);
        let kind = find(&["type", "soort", "connection type"]);
        let label = find(&["label", "naam"]);
        let description = find(&["description", "beschrijving", "notitie"]);
        let fixed = find(&["fixed", "vast"]);
        if let (Some(from), Some(to)) = (find(&["from", "van"]), find(&["to", "naar"])) {
            return Some(Section::Connections(ConnectionColumns {
                id,
                from,
                to,
                kind,
                label,
                description,
                sector: find(&["sector"]),
                rule: find(&["rule", "regel"]),
                delay: find(&["delay", "vertraging"]),
                confidence: find(&["confidence", "zekerheid"]),
                fixed,
                cost: find(&["cost", "kosten"]),
            }));
        }
        Some(Section::Elements(ElementColumns {
            id,
            label: label?,
            kind,
            description,
            tags: find(&["tags"]),
            x: find(&["x"]),
            y: find(&["y"]),
            fixed,
        }))
    }
}

/// Collects factors and links while the rows are read.
#[derive(Default)]
struct Builder {
    factors: Vec<Factor>,
    /// The line that defined each factor id.
    factor_lines: HashMap<String, usize>,
    /// The factor ids that carry each label.
    labels: HashMap<String, Vec<String>>,
    links: Vec<Link>,
    /// Rows of links that had no id; they get one in [`Builder::finish`].
    unnamed_links: Vec<usize>,
    link_lines: HashMap<String, usize>,
}

/// The value of an optional column in a record; missing cells are empty.
fn cell(record: &Record, column: Option<usize>) -> &str {
    column.and_then(|index| record.fields.get(index)).map_or("", String::as_str)
}

impl Builder {
    fn element(&mut self, columns: &ElementColumns, record: &Record) -> Result<(), KumuCsvError> {
        let line = record.line;
        let label = cell(record, Some(columns.label));
        let id = match cell(record, columns.id) {
            id if id.trim().is_empty() => label,
            id => id,
        };
        if id.trim().is_empty() {
            return Err(row(line, RowProblem::NoLabel));
        }
        if let Some(first) = self.factor_lines.get(id) {
            return Err(row(line, RowProblem::DuplicateElement { id: excerpt(id), first: *first }));
        }
        let type_text = cell(record, columns.kind).trim();
        let kind = FactorKind::parse(type_text);
        let mut notes = Vec::new();
        if !cell(record, columns.description).is_empty() {
            notes.push(cell(record, columns.description).to_string());
        }
        if kind.is_none() && !type_text.is_empty() {
            notes.push(format!("Kumu-type: {type_text}"));
        }
        let tags = cell(record, columns.tags).trim();
        if !tags.is_empty() {
            notes.push(format!("Kumu-tags: {tags}"));
        }
        let factor = Factor {
            id: id.to_string(),
            label: label.to_string(),
            kind: kind.unwrap_or_default(),
            x: coordinate(record, columns.x, "X")?,
            y: coordinate(record, columns.y, "Y")?,
            note: notes.join("\n"),
            fixed: flag(record, columns.fixed, "Fixed")?,
        };
        self.add_factor(factor, line)
    }

    fn add_factor(&mut self, factor: Factor, line: usize) -> Result<(), KumuCsvError> {
        limits::check_factor_count(self.factors.len() + 1).map_err(KumuCsvError::Limit)?;
        self.factor_lines.insert(factor.id.clone(), line);
        self.labels.entry(factor.label.clone()).or_default().push(factor.id.clone());
        self.factors.push(factor);
        Ok(())
    }

    fn connection(&mut self, columns: &ConnectionColumns, record: &Record) -> Result<(), KumuCsvError> {
        let line = record.line;
        let from_text = cell(record, Some(columns.from));
        let to_text = cell(record, Some(columns.to));
        if from_text.trim().is_empty() || to_text.trim().is_empty() {
            return Err(row(line, RowProblem::MissingEnd));
        }
        let from = self.resolve(from_text, line)?;
        let targets = match self.find(to_text, line)? {
            Some(id) => vec![id],
            None => to_text
                .split('|')
                .filter(|name| !name.trim().is_empty())
                .map(|name| self.resolve(name, line))
                .collect::<Result<Vec<_>, _>>()?,
        };
        if targets.is_empty() {
            return Err(row(line, RowProblem::NoTarget(excerpt(to_text))));
        }
        let polarity = polarity(record, columns)?;
        let confidence = match cell(record, columns.confidence).trim() {
            "" => Confidence::default(),
            text => Confidence::parse(text).ok_or_else(|| row(line, RowProblem::Confidence(excerpt(text))))?,
        };
        let cost = match cell(record, columns.cost).trim() {
            "" => None,
            text => Some(text.parse::<u32>().map_err(|_| row(line, RowProblem::Cost(excerpt(text))))?),
        };
        let optional = |column| Some(cell(record, column).to_string()).filter(|text| !text.trim().is_empty());
        let given_id = cell(record, columns.id);
        for to in targets.iter() {
            let id = if given_id.trim().is_empty() || targets.len() > 1 {
                self.unnamed_links.push(self.links.len());
                String::new()
            } else {
                if let Some(first) = self.link_lines.get(given_id) {
                    return Err(row(line, RowProblem::DuplicateConnection { id: excerpt(given_id), first: *first }));
                }
                self.link_lines.insert(given_id.to_string(), line);
                given_id.to_string()
            };
            limits::check_link_count(self.links.len() + 1).map_err(KumuCsvError::Limit)?;
            self.links.push(Link {
                id,
                from: from.clone(),
                to: to.clone(),
                polarity,
                sector: optional(columns.sector),
                rule: optional(columns.rule),
                delay: flag(record, columns.delay, "Delay")?,
                confidence,
                note: cell(record, columns.description).to_string(),
                fixed: flag(record, columns.fixed, "Fixed")?,
                cost,
            });
        }
        Ok(())
    }

    /// The id of the element that `name` refers to, by id or else by unique label,
    /// exactly or else ignoring surrounding spaces.
    fn find(&self, name: &str, line: usize) -> Result<Option<String>, KumuCsvError> {
        for candidate in [name, name.trim()] {
            if self.factor_lines.contains_key(candidate) {
                return Ok(Some(candidate.to_string()));
            }
            match self.labels.get(candidate).map(Vec::as_slice) {
                Some([id]) => return Ok(Some(id.clone())),
                Some([_, _, ..]) => return Err(row(line, RowProblem::AmbiguousLabel(excerpt(candidate)))),
                _ => {}
            }
        }
        Ok(None)
    }

    /// Like [`Builder::find`], but creates the element when it does not exist (as Kumu does).
    fn resolve(&mut self, name: &str, line: usize) -> Result<String, KumuCsvError> {
        if let Some(id) = self.find(name, line)? {
            return Ok(id);
        }
        let id = name.trim().to_string();
        let factor = Factor {
            id: id.clone(),
            label: id.clone(),
            kind: FactorKind::default(),
            x: 0.0,
            y: 0.0,
            note: String::new(),
            fixed: false,
        };
        self.add_factor(factor, line)?;
        Ok(id)
    }

    /// Gives every link without an id a fresh `l{n}` and returns the case.
    fn finish(mut self) -> Result<Case, KumuCsvError> {
        let mut next = self
            .link_lines
            .keys()
            .filter_map(|id| id.strip_prefix('l').and_then(|n| n.parse::<u64>().ok()))
            .max()
            .unwrap_or(0);
        for index in std::mem::take(&mut self.unnamed_links) {
            next += 1;
            if let Some(link) = self.links.get_mut(index) {
                link.id = format!("l{next}");
            }
        }
        Ok(Case { factors: self.factors, links: self.links, ..Case::default() })
    }
}

fn row(line: usize, problem: RowProblem) -> KumuCsvError {
    KumuCsvError::Row { line, problem }
}

/// The polarity from `Type`, or from `Label` when `Type` is empty; `+` when both are.
fn polarity(record: &Record, columns: &ConnectionColumns) -> Result<Polarity, KumuCsvError> {
    let kind = cell(record, columns.kind).trim();
    if kind.is_empty() {
        return Ok(Polarity::parse(cell(record, columns.label)).unwrap_or_default());
    }
    Polarity::parse(kind).ok_or_else(|| row(record.line, RowProblem::ConnectionType(excerpt(kind))))
}

/// A yes/no cell: empty, `ja`/`nee`, `yes`/`no`, `true`/`false`, `1`/`0`, `x`.
fn flag(record: &Record, column: Option<usize>, name: &str) -> Result<bool, KumuCsvError> {
    match cell(record, column).trim().to_ascii_lowercase().as_str() {
        "" | "nee" | "no" | "false" | "0" | "n" => Ok(false),
        "ja" | "yes" | "true" | "1" | "j" | "y" | "x" => Ok(true),
        other => Err(row(record.line, RowProblem::NotYesNo { value: excerpt(other), column: name.to_string() })),
    }
}

/// A coordinate cell: empty is 0; a decimal comma is accepted.
fn coordinate(record: &Record, column: Option<usize>, name: &str) -> Result<f64, KumuCsvError> {
    let text = cell(record, column).trim();
    if text.is_empty() {
        return Ok(0.0);
    }
    decimal(text)
        .filter(|value| value.is_finite())
        .ok_or_else(|| row(record.line, RowProblem::NotANumber { value: excerpt(text), column: name.to_string() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn reads_every_decimal_std_writes_bit_exactly(value in -1.0e12_f64..1.0e12) {
            for text in [format!("{value}"), format!("{value:e}"), format!("{value}").replace('.', ","), shortest(value)] {
                let read = decimal(&text).expect("a decimal");
                proptest::prop_assert_eq!(read.to_bits(), value.to_bits(), "{}: {} against {}", text, read, value);
            }
            let rounded = format!("{value:.3}");
            let expected: f64 = rounded.parse().expect("std reads its own output");
            proptest::prop_assert_eq!(decimal(&rounded.replace('.', ",")).map(f64::to_bits), Some(expected.to_bits()));
        }

        #[test]
        fn random_coordinates_read_back_bit_exactly(x in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO, y in -1.0e6_f64..1.0e6) {
            let case = Case {
                factors: vec![Factor {
                    id: "a".into(),
                    label: "A".into(),
                    kind: FactorKind::default(),
                    x,
                    y,
                    note: String::new(),
                    fixed: false,
                }],
                ..Case::default()
            };
            let back = read_kumu_csv(&write_kumu_csv(&case)).expect("reads back");
            proptest::prop_assert_eq!((back.factors[0].x.to_bits(), back.factors[0].y.to_bits()), (x.to_bits(), y.to_bits()));
        }
    }

    #[test]
    fn reads_decimals_as_spreadsheets_write_them() {
        let cases = [
            ("12,5", 12.5),
            ("-.5", -0.5),
            ("+3", 3.0),
            ("007", 7.0),
            ("0", 0.0),
            ("1.", 1.0),
            ("1e3", 1000.0),
            ("-0,25", -0.25),
        ];
        for (text, expected) in cases {
            assert_eq!(decimal(text), Some(expected), "{text}");
        }
        for text in ["abc", "inf", "-infinity", "NaN", "1e400", "1,2,3", "--1", "+-1", "1e", ".", "0x10", "1_000", ""] {
            assert_eq!(decimal(text), None, "{text}");
        }
    }

    #[test]
    fn reads_a_connections_sheet_alone_creating_elements() {
        let case = read_kumu_csv("From,To,Type\nSchulden,Stress,+\nStress,Werk,-\n").expect("valid");
        assert_eq!(case.factors.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(), ["Schulden", "Stress", "Werk"]);
        assert_eq!(case.links[1].polarity, Polarity::Negative);
        assert_eq!(case.links.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["l1", "l2"]);
    }

    #[test]
    fn to_with_pipes_draws_one_link_per_element() {
        let case = read_kumu_csv("Label\nA\nB\nC\n\nFrom,To\nA,B|C\n").expect("valid");
        assert_eq!(case.links.len(), 2);
        assert_eq!(case.links[1].to, "C");
    }

    #[test]
    fn errors_name_the_line() {
        let error = read_kumu_csv("Label,Type\nA,regel\nA,schuld\n").expect_err("duplicate");
        assert_eq!(error.to_string(), "regel 3: element 'A' komt al voor op regel 2");
        let error = read_kumu_csv("From,To,Type\na,b,Personal\n").expect_err("unknown type");
        assert!(error.to_string().starts_with("regel 2: verbindingstype 'Personal'"), "{error}");
        assert!(matches!(read_kumu_csv("Naam?\nx\n"), Err(KumuCsvError::Header { line: 1, .. })));
    }
}
