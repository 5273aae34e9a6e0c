//! TOML to JSON: the one conversion that turns a rules file written in TOML into the JSON
//! value the loader reads. `build.rs` includes this file to embed the library as JSON (so
//! the web app ships no TOML parser), and the native build uses it for users' TOML files
//! and for tests that feed broken TOML through the real loader path. It depends on
//! nothing but `std`, `toml` and `serde_json`.

use serde_json::Value;

/// A TOML syntax error: where it is (1-based line, when the parser knows it) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TomlError {
    /// The line of the error, counting from 1.
    pub line: Option<u32>,
    /// The parser's message, on one line.
    pub message: String,
}

/// Parses TOML text and converts it to the same structure as JSON. Dates and times are
/// kept as their TOML text; a float that JSON cannot hold (`nan`, `inf`) becomes its
/// TOML text too, so the loader reports it for the field instead of losing it.
pub fn toml_to_json(text: &str) -> Result<Value, TomlError> {
    match text.parse::<toml::Table>() {
        Ok(table) => Ok(table_to_json(table)),
        Err(error) => {
            let line = error.span().and_then(|span| line_of(text, span.start));
            Err(TomlError { line, message: one_line(error.message()) })
        }
    }
}

/// A TOML table as a JSON object, keys in the table's order.
fn table_to_json(table: toml::Table) -> Value {
    Value::Object(table.into_iter().map(|(key, value)| (key, to_json(value))).collect())
}

/// One TOML value as JSON.
fn to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(text) => Value::String(text),
        toml::Value::Integer(number) => Value::from(number),
        toml::Value::Float(number) => {
            serde_json::Number::from_f64(number).map_or_else(|| Value::String(number.to_string()), Value::Number)
        }
        toml::Value::Boolean(flag) => Value::Bool(flag),
        toml::Value::Datetime(datetime) => Value::String(datetime.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(to_json).collect()),
        toml::Value::Table(table) => table_to_json(table),
    }
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> Option<u32> {
    let newlines = text.as_bytes().iter().take(offset).filter(|byte| **byte == b'\n').count();
    u32::try_from(newlines + 1).ok()
}

/// A message on one line (parser messages may span several).
fn one_line(message: &str) -> String {
    message.lines().map(str::trim).filter(|line| !line.is_empty()).collect::<Vec<_>>().join(" ")
}
