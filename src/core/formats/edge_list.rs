//! The CSV edge list: one link per line, for maps made in a spreadsheet or exported by
//! other tools.
//!
//! ```text
//! from,to,polarity,sector,rule,cost
//! schulden,stress,+,schulden,,
//! stress,doenvermogen,-,,,
//! ```
//!
//! The header must name `from`, `to` and `polarity` (any order, any case); `sector`,
//! `rule` and `cost` are optional. Factor ids are the names in `from`/`to`, in order of
//! first appearance; link ids are `l1`, `l2`, … by line. The text is read by
//! [`super::csv::parse`]: fields may be quoted with `"` (a doubled `""` inside is a
//! quote, and a quoted field may span lines), empty lines are skipped, a leading
//! byte-order mark is ignored, and `;` is the separator when the header has more
//! semicolons than commas (Dutch spreadsheets write `;`).

use super::csv::{self, CsvError};
use crate::core::lang::Lang;
use crate::core::limits;
use crate::core::model::{Case, Factor, FactorKind, Link, Polarity};
use std::fmt;

/// Why an edge list could not be read; `line` is 1-based.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EdgeListError {
    /// The line of the problem.
    pub line: usize,
    /// What is wrong, in Dutch.
    pub message: String,
}

impl fmt::Display for EdgeListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "regel {}: {}", self.line, self.message)
    }
}

impl std::error::Error for EdgeListError {}

/// The columns an edge list may have.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    From,
    To,
    Polarity,
    Sector,
    Rule,
    Cost,
}

impl Column {
    fn parse(name: &str) -> Option<Column> {
        match name.trim().to_ascii_lowercase().as_str() {
            "from" | "van" | "source" => Some(Column::From),
            "to" | "naar" | "target" => Some(Column::To),
            "polarity" | "polariteit" | "sign" => Some(Column::Polarity),
            "sector" => Some(Column::Sector),
            "rule" | "regel" => Some(Column::Rule),
            "cost" | "kosten" => Some(Column::Cost),
            _ => None,
        }
    }
}

/// Reads a CSV edge list into a case.
///
/// # Errors
/// An [`EdgeListError`] naming the line: a missing or unknown header column, a line with
/// the wrong number of fields, an empty `from`/`to`, an unknown polarity, or a cost that
/// is not a whole number.
///
/// # Example
/// ```
/// use cirkelbreker::core::formats::edge_list::read_edge_list;
/// let case = read_edge_list("from,to,polarity\na,b,+\nb,a,-\n").unwrap();
/// assert_eq!(case.factors.len(), 2);
/// assert_eq!(case.links[1].id, "l2");
/// let error = read_edge_list("from,to,polarity\na,b,?\n").unwrap_err();
/// assert_eq!(error.line, 2);
/// ```
pub fn read_edge_list(text: &str) -> Result<Case, EdgeListError> {
    let records = csv::parse(text).map_err(|error| match error {
        CsvError::UnterminatedQuote { line } => {
            EdgeListError { line, message: "een aanhalingsteken (\") wordt niet gesloten".into() }
        }
        CsvError::TextAfterQuote { line } => EdgeListError {
            line,
            message: "na een afsluitend aanhalingsteken volgt nog tekst; schrijf een aanhalingsteken binnen een veld \
                      dubbel (\"\")"
                .into(),
        },
    })?;
    let mut lines = records.into_iter().filter(|record| !record.is_blank()).map(|record| (record.line, record.fields));
    let Some((header_line, header)) = lines.next() else {
        return Err(EdgeListError {
            line: 1,
            message: "het bestand is leeg; verwacht een kopregel from,to,polarity".into(),
        });
    };
    let mut columns = Vec::new();
    for name in header {
        let column = Column::parse(&name).ok_or_else(|| EdgeListError {
            line: header_line,
            message: format!("onbekende kolom '{name}'; toegestaan zijn from, to, polarity, sector, rule en cost"),
        })?;
        if columns.contains(&column) {
            return Err(EdgeListError { line: header_line, message: format!("kolom '{name}' komt twee keer voor") });
        }
        columns.push(column);
    }
    for (required, name) in [(Column::From, "from"), (Column::To, "to"), (Column::Polarity, "polarity")] {
        if !columns.contains(&required) {
            return Err(EdgeListError { line: header_line, message: format!("de kopregel mist de kolom '{name}'") });
        }
    }
    let mut case = Case::default();
    let mut known = std::collections::HashSet::new();
    for (line, fields) in lines {
        if fields.len() != columns.len() {
            return Err(EdgeListError {
                line,
                message: format!("{} velden gevonden, de kopregel heeft er {}", fields.len(), columns.len()),
            });
        }
        let mut link = Link::new(&format!("l{}", case.links.len() + 1), "", "", Polarity::Positive);
        for (column, field) in columns.iter().zip(fields) {
            let field = field.trim().to_string();
            let optional = (!field.is_empty()).then(|| field.clone());
            match column {
                Column::From | Column::To => {
                    if field.is_empty() {
                        let name = if *column == Column::From { "from" } else { "to" };
                        return Err(EdgeListError { line, message: format!("het veld '{name}' is leeg") });
                    }
                    if *column == Column::From {
                        link.from = field;
                    } else {
                        link.to = field;
                    }
                }
                Column::Polarity => {
                    link.polarity = Polarity::parse(&field).ok_or_else(|| EdgeListError {
                        line,
                        message: format!("polariteit '{field}' is onbekend; gebruik + of -"),
                    })?;
                }
                Column::Sector => link.sector = optional,
                Column::Rule => link.rule = optional,
                Column::Cost => {
                    link.cost = match optional {
                        None => None,
                        Some(text) => Some(text.parse::<u32>().map_err(|_| EdgeListError {
                            line,
                            message: format!("kosten '{text}' is geen geheel getal van 0 of meer"),
                        })?),
                    }
                }
            }
        }
        for name in [&link.from, &link.to] {
            if known.insert(name.clone()) {
                case.factors.push(Factor {
                    id: name.clone(),
                    label: name.clone(),
                    kind: FactorKind::Situatie,
                    x: 0.0,
                    y: 0.0,
                    note: String::new(),
                    fixed: false,
                });
            }
        }
        let too_many = limits::check_link_count(case.links.len() + 1)
            .and_then(|()| limits::check_factor_count(case.factors.len()))
            .err();
        if let Some(error) = too_many {
            return Err(EdgeListError { line, message: error.message(Lang::Nl) });
        }
        case.links.push(link);
    }
    Ok(case)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_optional_columns_and_quotes() {
        let text = "\u{feff}To;FROM;polarity;cost;sector;rule\n\nb;a;−;7;\"wonen; ruimte\";WON-01\na;b;+;;;\n";
        let case = read_edge_list(text).expect("valid");
        assert_eq!(case.factors.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        let first = &case.links[0];
        assert_eq!((first.from.as_str(), first.to.as_str(), first.polarity), ("a", "b", Polarity::Negative));
        assert_eq!(
            (first.cost, first.sector.as_deref(), first.rule.as_deref()),
            (Some(7), Some("wonen; ruimte"), Some("WON-01"))
        );
        assert_eq!((case.links[1].cost, case.links[1].sector.as_deref()), (None, None));
        assert!(case.problems().is_empty());
    }

    #[test]
    fn errors_name_the_line() {
        let error = |text: &str| read_edge_list(text).expect_err("invalid");
        assert_eq!(error("").line, 1);
        assert!(error("from,to\n").message.contains("polarity"));
        assert!(error("from,to,polarity,colour\n").message.contains("colour"));
        assert_eq!(error("from,to,polarity\na,b,+\n\nb,c\n").line, 4);
        assert_eq!(error("from,to,polarity\n,b,+\n").line, 2);
        assert_eq!(error("from,to,polarity,cost\na,b,+,-3\n").line, 2);
        assert_eq!(error("from,to,polarity\n\"a,b,+\n").line, 2);
        assert_eq!(error("from,to,polarity\n\"a\nb\",c,+\n\"d\"x,e,-\n").line, 4);
    }

    #[test]
    fn reads_names_in_every_script() {
        let text =
            "from;to;polarity\r\nعائلة أحمد;王伟一家;+\r\n王伟一家;\"ስድራ; ቤት\";-\r\n\"Nguyễn\nVăn\";Şahin 😀;+\r\n";
        let case = read_edge_list(text).expect("valid");
        let ids: Vec<&str> = case.factors.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["عائلة أحمد", "王伟一家", "ስድራ; ቤት", "Nguyễn\nVăn", "Şahin 😀"]);
        assert_eq!(case.links.len(), 3);
    }
}
