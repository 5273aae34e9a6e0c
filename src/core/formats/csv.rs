//! CSV as spreadsheets write it: the `csv` crate reads, this module adds what Dutch
//! Excel and the Kumu sheets need, and writes.
//!
//! The reader accepts a UTF-8 byte order mark, CRLF, LF or CR line ends, quoted fields
//! with doubled quotes and embedded line breaks, and a semicolon as separator (Dutch
//! Excel) when the first line has more semicolons than commas. It keeps blank lines as
//! blank records (the Kumu reader uses them between sheets), numbers every record by the
//! line it starts on, and refuses what the crate would silently accept: text after a
//! closing quote and an unterminated quote are errors that name the line. A stray quote
//! inside an unquoted field is kept as text.
//!
//! Formula cells are neutralised, as OWASP advises against CSV injection: the writer puts
//! a `'` before a field that a spreadsheet would run as a formula (one starting with `=`,
//! `+`, `-`, `@`, a tab or a carriage return, other than a lone sign or a plain number),
//! and the reader takes that `'` off again, so a round trip is exact.

use crate::core::lang::Lang;
use std::fmt;

/// One record: its fields and the 1-based line on which it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The line of the file on which this record starts.
    pub line: usize,
    /// The field values, unquoted.
    pub fields: Vec<String>,
}

impl Record {
    /// Whether every field is empty (a blank line or a row of only separators).
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|field| field.trim().is_empty())
    }
}

/// Why a CSV text could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvError {
    /// A quoted field is never closed; `line` is where it opened.
    UnterminatedQuote {
        /// Line of the opening quote.
        line: usize,
    },
    /// Text follows the closing quote of a field (`"abc"x`).
    TextAfterQuote {
        /// Line of the offending character.
        line: usize,
    },
}

impl CsvError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CsvError::UnterminatedQuote { line }, Lang::Nl) => {
                format!("regel {line}: een veld tussen aanhalingstekens wordt nergens afgesloten")
            }
            (CsvError::UnterminatedQuote { line }, Lang::En) => {
                format!("line {line}: a field between quotes is never closed")
            }
            (CsvError::TextAfterQuote { line }, Lang::Nl) => format!(
                "regel {line}: na een afsluitend aanhalingsteken volgt nog tekst; \
                 schrijf een aanhalingsteken binnen een veld dubbel (\"\")"
            ),
            (CsvError::TextAfterQuote { line }, Lang::En) => {
                format!("line {line}: text follows a closing quote; write a quote inside a field twice (\"\")")
            }
        }
    }
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Nl))
    }
}

impl std::error::Error for CsvError {}

/// Parses CSV text into records. Blank lines are kept as blank records so that callers
/// can use them as section breaks; a final line end does not add a record.
///
/// # Errors
/// [`CsvError`] naming the line of an unterminated quote or of text after a quote.
pub fn parse(text: &str) -> Result<Vec<Record>, CsvError> {
    // The crate drops a byte order mark at the very start itself; only the first one.
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let separator = detect_separator(text);
    let lines = LineStarts::new(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator as u8)
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    let mut records = Vec::new();
    let mut record = ::csv::StringRecord::new();
    // Where the line after the previous record starts.
    let mut next_line_start = 0;
    loop {
        let searched_from = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        // The text is a `&str`, so the crate cannot meet invalid UTF-8; treat an error as the end.
        if !reader.read_record(&mut record).unwrap_or(false) {
            break;
        }
        // The crate skips empty lines before a record; they become blank records here.
        let searched_from = searched_from.max(bom).min(text.len());
        let start = searched_from + bytes[searched_from..].iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        let line = lines.line_of(start);
        for blank in lines.line_of(next_line_start)..line {
            records.push(Record { line: blank, fields: vec![String::new()] });
        }
        let end = usize::try_from(reader.position().byte()).unwrap_or(text.len()).clamp(start, text.len());
        check_quotes(text.get(start..end).unwrap_or_default(), &record, separator, |offset| {
            lines.line_of(start + offset)
        })?;
        records.push(Record { line, fields: record.iter().map(|field| without_guard(field).to_string()).collect() });
        // A CRLF of which the crate has read only the CR ends the line after the LF.
        next_line_start =
            if end > 0 && bytes[end - 1] == b'\r' && bytes.get(end) == Some(&b'\n') { end + 1 } else { end };
    }
    for blank in lines.line_of(next_line_start)..lines.line_of(text.len()) {
        records.push(Record { line: blank, fields: vec![String::new()] });
    }
    Ok(records)
}

/// The byte offsets at which lines start; a line ends at LF, CRLF or a lone CR.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> LineStarts {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (index, &byte) in bytes.iter().enumerate() {
            if byte == b'\n' || (byte == b'\r' && bytes.get(index + 1) != Some(&b'\n')) {
                starts.push(index + 1);
            }
        }
        LineStarts(starts)
    }

    /// The 1-based line of the byte at `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}

/// Checks the raw text of one record against the fields the crate read from it: every
/// field that opens with a quote must close it right before a separator or the end of
/// the record. `line_of` gives the line of an offset in `raw`.
fn check_quotes(
    raw: &str,
    record: &::csv::StringRecord,
    separator: char,
    line_of: impl Fn(usize) -> usize,
) -> Result<(), CsvError> {
    let mut at = 0;
    for field in record {
        // The raw text holds every field; should it ever not, there is nothing to check.
        let Some(rest) = raw.get(at..) else { return Ok(()) };
        if let Some(inner) = rest.strip_prefix('"') {
            let escaped = field.replace('"', "\"\"");
            match inner.strip_prefix(escaped.as_str()).and_then(|rest| rest.strip_prefix('"')) {
                Some(_) => at += escaped.len() + 2,
                // The crate read the quoted field to the end of the text.
                None if inner == escaped => return Err(CsvError::UnterminatedQuote { line: line_of(at) }),
                // The crate went on reading after the closing quote, which sits where
                // its value and the raw text part.
                None => {
                    let closing = inner.bytes().zip(escaped.bytes()).take_while(|(a, b)| a == b).count();
                    return Err(CsvError::TextAfterQuote { line: line_of(at + 1 + closing + 1) });
                }
            }
        } else {
            at += field.len();
        }
        // Past the separator.
        if raw.get(at..).is_some_and(|rest| rest.starts_with(separator)) {
            at += separator.len_utf8();
        }
    }
    Ok(())
}

/// The separator of the first line: `;` when it has more semicolons than commas
/// outside quotes, else `,`.
fn detect_separator(text: &str) -> char {
    let (mut commas, mut semicolons, mut quoted) = (0usize, 0usize, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas {
        ';'
    } else {
        ','
    }
}

/// Whether a spreadsheet would take `field` as a formula: it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return, and is neither that one character alone nor a plain
/// number (`-12,5` and `+3` are numbers, not formulas).
fn runs_as_formula(field: &str) -> bool {
    field.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && field.chars().nth(1).is_some()
        && crate::core::number::decimal(field).is_none()
}

/// The guard the writer puts before a formula cell.
const FORMULA_GUARD: char = '\'';

/// Whether the writer guards `field`: when it, without the `'`s it starts with, would
/// run as a formula. Counting a field's own leading `'`s keeps the round trip exact:
/// `'=1` is written `''=1` and read back as `'=1`.
fn needs_guard(field: &str) -> bool {
    runs_as_formula(field.trim_start_matches(FORMULA_GUARD))
}

/// A field as read: without the `'` the writer put before a formula cell.
fn without_guard(field: &str) -> &str {
    match field.strip_prefix(FORMULA_GUARD) {
        Some(rest) if needs_guard(field) => rest,
        _ => field,
    }
}

/// Appends one record to `out` with `,` as separator and CRLF as line end (RFC 4180).
/// A formula cell gets a leading `'` (see the module documentation). A field is quoted
/// when it contains a separator, quote or line break, or has leading or trailing white
/// space or a leading byte order mark. Reading the output gives the values back exactly.
pub fn write_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        write_field(out, field.as_ref());
    }
    out.push_str("\r\n");
}

fn write_field(out: &mut String, field: &str) {
    let guarded;
    let field = if needs_guard(field) {
        guarded = format!("{FORMULA_GUARD}{field}");
        guarded.as_str()
    } else {
        field
    };
    let needs_quotes = field.contains([',', ';', '"', '\n', '\r'])
        || field.starts_with(|c: char| c.is_whitespace() || c == '\u{feff}')
        || field.ends_with(char::is_whitespace);
    if needs_quotes {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(records: &[Record]) -> Vec<Vec<&str>> {
        records.iter().map(|r| r.fields.iter().map(String::as_str).collect()).collect()
    }

    #[test]
    fn reads_quotes_crlf_bom_and_embedded_newlines() {
        let text = "\u{feff}a,b\r\n\"x, \"\"y\"\"\",\"two\r\nlines\"\r\nlast,\r\n";
        let records = parse(text).expect("valid csv");
        assert_eq!(fields(&records), vec![vec!["a", "b"], vec!["x, \"y\"", "two\r\nlines"], vec!["last", ""]]);
        assert_eq!(records.iter().map(|r| r.line).collect::<Vec<_>>(), vec![1, 2, 4]);
    }

    #[test]
    fn detects_semicolons_and_keeps_blank_lines() {
        let records = parse("a;b;c,d\n\n1;2").expect("valid csv");
        assert_eq!(fields(&records), vec![vec!["a", "b", "c,d"], vec![""], vec!["1", "2"]]);
        assert!(records[1].is_blank());
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(parse("a\nb,\"open\nstill"), Err(CsvError::UnterminatedQuote { line: 2 }));
        assert_eq!(parse("a\n\"x\"y,z"), Err(CsvError::TextAfterQuote { line: 2 }));
        assert!(CsvError::TextAfterQuote { line: 2 }.to_string().starts_with("regel 2:"));
    }

    fn lines(records: &[Record]) -> Vec<usize> {
        records.iter().map(|r| r.line).collect()
    }

    #[test]
    fn blank_lines_are_blank_records_with_their_line_for_every_line_end() {
        let records = parse("a\r\n\r\n\r\nb\n\nc\rd\r\re\n\n").expect("valid csv");
        assert_eq!(
            fields(&records),
            vec![
                vec!["a"],
                vec![""],
                vec![""],
                vec!["b"],
                vec![""],
                vec!["c"],
                vec!["d"],
                vec![""],
                vec!["e"],
                vec![""]
            ]
        );
        assert_eq!(lines(&records), (1..=10).collect::<Vec<_>>());
        assert_eq!(fields(&parse("a\n").expect("valid")), vec![vec!["a"]]);
        assert!(parse("").expect("valid").is_empty());
        let separators_only = parse(";;\nx;y").expect("valid");
        assert!(separators_only[0].is_blank());
        assert_eq!(separators_only[0].fields.len(), 3);
    }

    #[test]
    fn lines_count_past_line_breaks_inside_quotes() {
        let records = parse("a,\"one\ntwo\nthree\"\n\nb,c\r\n\"x\r\ny\",z").expect("valid csv");
        assert_eq!(lines(&records), vec![1, 4, 5, 6]);
        assert_eq!(parse("a\n\"two\nlines\"x"), Err(CsvError::TextAfterQuote { line: 3 }));
        assert_eq!(parse("a,b\n\"x\ny\"\nz,\"open\n\n"), Err(CsvError::UnterminatedQuote { line: 4 }));
        assert_eq!(parse("\"a\"\""), Err(CsvError::UnterminatedQuote { line: 1 }));
        assert_eq!(fields(&parse("\"a\"\"\"").expect("closed")), vec![vec!["a\""]]);
        assert_eq!(parse("x;\"a\" ;b"), Err(CsvError::TextAfterQuote { line: 1 }));
    }

    #[test]
    fn only_the_first_byte_order_mark_is_dropped_and_stray_quotes_stay() {
        assert_eq!(fields(&parse("\u{feff}\u{feff}x,y").expect("valid")), vec![vec!["\u{feff}x", "y"]]);
        assert_eq!(fields(&parse("\u{feff}\n\nx").expect("valid")), vec![vec![""], vec![""], vec!["x"]]);
        assert_eq!(fields(&parse("a\"b, \"c\"").expect("valid")), vec![vec!["a\"b", " \"c\""]]);
    }

    #[test]
    fn reads_every_script() {
        let text = "Label;Description\r\nفاطمة;\"王伟; 一家\"\r\nስድራ ቤት;Nguyễn 😀\r\n";
        let records = parse(text).expect("valid csv");
        assert_eq!(
            fields(&records),
            vec![vec!["Label", "Description"], vec!["فاطمة", "王伟; 一家"], vec!["ስድራ ቤት", "Nguyễn 😀"]]
        );
        assert_eq!(parse("王伟\n\"😀\n"), Err(CsvError::UnterminatedQuote { line: 2 }));
        assert_eq!(parse("\"فاطمة\"ب"), Err(CsvError::TextAfterQuote { line: 1 }));
    }

    #[test]
    fn formula_cells_get_a_quote_and_read_back_exactly() {
        let values =
            ["=HYPERLINK(\"http://x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "'=1", "''@x"];
        let mut out = String::new();
        write_record(&mut out, &values);
        assert!(out.starts_with("\"'=HYPERLINK(\"\"http://x\"\")\""), "{out}");
        let fields: Vec<&str> = out.trim_end().split(',').collect();
        for field in &fields {
            let cell = field.trim_start_matches('"');
            assert!(cell.starts_with('\''), "{cell} is guarded");
        }
        assert_eq!(fields[6], "''=1");
        let back = parse(&out).expect("reads back");
        assert_eq!(back[0].fields, values);
        let mut plain = String::new();
        write_record(&mut plain, &["-", "+", "-12,5", "+3", "-1e3", "'quoted", "a=b"]);
        assert_eq!(plain, "-,+,\"-12,5\",+3,-1e3,'quoted,a=b\r\n");
        assert_eq!(parse(&plain).expect("reads")[0].fields, ["-", "+", "-12,5", "+3", "-1e3", "'quoted", "a=b"]);
    }

    #[test]
    fn writer_output_reads_back() {
        let rows = [vec!["plain", "with,comma", " padded "], vec!["quote\"d", "multi\nline", ""]];
        let mut out = String::new();
        for row in &rows {
            write_record(&mut out, row);
        }
        assert!(out.contains("\"quote\"\"d\""));
        let back = parse(&out).expect("reads back");
        assert_eq!(fields(&back), rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>());
    }
}
