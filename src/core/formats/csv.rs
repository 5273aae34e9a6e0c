//! A small RFC 4180 CSV reader and writer, so the core needs no CSV crate.
//!
//! The reader accepts what spreadsheets really write: a UTF-8 byte order mark, CRLF or
//! LF line ends, quoted fields with doubled quotes and embedded line breaks, and a
//! semicolon as separator (Dutch Excel) when the first line has more semicolons than
//! commas. A stray quote inside an unquoted field is kept as text; text after a closing
//! quote and an unterminated quote are errors that name the line.

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

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::UnterminatedQuote { line } => {
                write!(f, "regel {line}: een veld tussen aanhalingstekens wordt nergens afgesloten")
            }
            CsvError::TextAfterQuote { line } => write!(
                f,
                "regel {line}: na een afsluitend aanhalingsteken volgt nog tekst; \
                 schrijf een aanhalingsteken binnen een veld dubbel (\"\")"
            ),
        }
    }
}

impl std::error::Error for CsvError {}

/// Parses CSV text into records. Blank lines are kept as blank records so that callers
/// can use them as section breaks; a final line end does not add a record.
///
/// # Errors
/// [`CsvError`] naming the line of an unterminated quote or of text after a quote.
pub fn parse(text: &str) -> Result<Vec<Record>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let separator = detect_separator(text);
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while chars.peek().is_some() {
        let start_line = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        loop {
            // At the start of a field.
            if chars.peek() == Some(&'"') {
                chars.next();
                let open_line = line;
                loop {
                    match chars.next() {
                        None => return Err(CsvError::UnterminatedQuote { line: open_line }),
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(c) => {
                            if c == '\n' {
                                line += 1;
                            }
                            field.push(c);
                        }
                    }
                }
                match chars.peek() {
                    None | Some('\n') | Some('\r') => {}
                    Some(&c) if c == separator => {}
                    Some(_) => return Err(CsvError::TextAfterQuote { line }),
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c == separator || c == '\n' || c == '\r' {
                        break;
                    }
                    field.push(c);
                    chars.next();
                }
            }
            fields.push(std::mem::take(&mut field));
            match chars.next() {
                Some(c) if c == separator => continue,
                Some('\r') => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    line += 1;
                    break;
                }
                Some('\n') => {
                    line += 1;
                    break;
                }
                // `None`; any other character cannot follow a field.
                _ => break,
            }
        }
        records.push(Record { line: start_line, fields });
    }
    Ok(records)
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

/// Appends one record to `out` with `,` as separator and CRLF as line end (RFC 4180).
/// A field is quoted when it contains a separator, quote or line break, or has leading
/// or trailing white space or a leading byte order mark. Values are never altered, so a round trip is exact.
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
