//! The case file: the case JSON the app saves and the CLI reads.
//!
//! ```json
//! { "format": "cirkelbreker-case", "version": 1, "title": "...", "factors": [...], "links": [...] }
//! ```
//!
//! Version history (each older version is migrated on read):
//! - version 0: a bare case object without `format`/`version` (early exports).
//! - version 1: the envelope above. The schema is documented in `docs/case-format.md`.

use crate::core::model::Case;
use std::fmt;

/// The `format` value that marks a case file.
pub const FORMAT_NAME: &str = "cirkelbreker-case";
/// The version this build writes.
pub const CURRENT_VERSION: u64 = 1;
/// Case files larger than this are refused before parsing (bytes).
pub const MAX_CASE_BYTES: usize = 20 * 1024 * 1024;

/// Why a case file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseFileError {
    /// The file is larger than [`MAX_CASE_BYTES`].
    TooLarge {
        /// Size in bytes.
        bytes: usize,
    },
    /// The text is not JSON; line and column are 1-based.
    Syntax {
        /// The parser's message.
        message: String,
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
    },
    /// The JSON is not a case file of a kind we know.
    NotACase(String),
    /// Written by a newer version of Cirkelbreker.
    FutureVersion(u64),
    /// A field has the wrong type or value.
    Field(String),
    /// Ids are duplicated or links point at missing factors.
    Structure(Vec<String>),
}

impl fmt::Display for CaseFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaseFileError::TooLarge { bytes } => write!(
                f,
                "het bestand is te groot ({:.1} MB); een casus mag hoogstens {} MB zijn",
                *bytes as f64 / 1_048_576.0,
                MAX_CASE_BYTES / 1_048_576
            ),
            CaseFileError::Syntax { message, line, column } => {
                write!(f, "geen geldige JSON (regel {line}, kolom {column}): {message}")
            }
            CaseFileError::NotACase(why) => write!(f, "dit is geen Cirkelbreker-casus: {why}"),
            CaseFileError::FutureVersion(version) => write!(
                f,
                "deze casus is gemaakt met een nieuwere versie van Cirkelbreker (formaatversie {version}); \
                 deze versie leest t/m versie {CURRENT_VERSION}"
            ),
            CaseFileError::Field(message) => write!(f, "ongeldig veld: {message}"),
            CaseFileError::Structure(problems) => write!(f, "de casus klopt niet: {}", problems.join("; ")),
        }
    }
}

impl std::error::Error for CaseFileError {}

/// Reads a case file of any known version and checks its structure.
///
/// # Errors
/// Every [`CaseFileError`] variant; the message names the line, field or id.
pub fn read_case(text: &str) -> Result<Case, CaseFileError> {
    if text.len() > MAX_CASE_BYTES {
        return Err(CaseFileError::TooLarge { bytes: text.len() });
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|error| CaseFileError::Syntax {
        message: error.to_string(),
        line: error.line(),
        column: error.column(),
    })?;
    let serde_json::Value::Object(mut object) = value else {
        return Err(CaseFileError::NotACase("het bestand bevat geen JSON-object".into()));
    };
    let version = match object.get("format") {
        None if object.contains_key("factors") => 0,
        None => return Err(CaseFileError::NotACase("het veld \"format\" ontbreekt".into())),
        Some(serde_json::Value::String(name)) if name == FORMAT_NAME => match object.get("version") {
            Some(serde_json::Value::Number(n)) => {
                n.as_u64().ok_or_else(|| CaseFileError::Field("\"version\" moet een geheel getal zijn".into()))?
            }
            _ => return Err(CaseFileError::Field("\"version\" ontbreekt of is geen getal".into())),
        },
        Some(other) => {
            return Err(CaseFileError::NotACase(format!("\"format\" is {other}, verwacht \"{FORMAT_NAME}\"")))
        }
    };
    if version > CURRENT_VERSION {
        return Err(CaseFileError::FutureVersion(version));
    }
    object.remove("format");
    object.remove("version");
    let case: Case = serde_json::from_value(serde_json::Value::Object(object))
        .map_err(|error| CaseFileError::Field(error.to_string()))?;
    let problems = case.problems();
    if !problems.is_empty() {
        return Err(CaseFileError::Structure(problems.iter().map(ToString::to_string).collect()));
    }
    Ok(case)
}

/// Writes a case in the current version, pretty-printed.
pub fn write_case(case: &Case) -> String {
    let mut value = serde_json::to_value(case).unwrap_or_default();
    if let serde_json::Value::Object(object) = &mut value {
        let mut envelope = serde_json::Map::new();
        envelope.insert("format".into(), FORMAT_NAME.into());
        envelope.insert("version".into(), CURRENT_VERSION.into());
        envelope.append(object);
        value = serde_json::Value::Object(envelope);
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = r#"{"format":"cirkelbreker-case","version":1,"title":"T",
        "factors":[{"id":"a","label":"A"},{"id":"b","label":"B"}],
        "links":[{"id":"l1","from":"a","to":"b","polarity":"-"}]}"#;

    #[test]
    fn reads_current_and_legacy_versions() {
        let case = read_case(V1).expect("v1 reads");
        assert_eq!(case.title, "T");
        let legacy = r#"{"factors":[{"id":"a","label":"A"}],"links":[]}"#;
        assert_eq!(read_case(legacy).expect("v0 reads").factors.len(), 1);
    }

    #[test]
    fn round_trips() {
        let case = read_case(V1).expect("reads");
        assert_eq!(read_case(&write_case(&case)).expect("reads back"), case);
    }

    #[test]
    fn bad_input_gets_a_named_error() {
        assert!(matches!(read_case("{\"factors\": [}"), Err(CaseFileError::Syntax { line: 1, .. })));
        assert!(matches!(
            read_case(r#"{"format":"cirkelbreker-case","version":9}"#),
            Err(CaseFileError::FutureVersion(9))
        ));
        assert!(matches!(read_case("[]"), Err(CaseFileError::NotACase(_))));
        let dangling = r#"{"factors":[],"links":[{"id":"l1","from":"a","to":"b"}]}"#;
        let Err(CaseFileError::Structure(problems)) = read_case(dangling) else { panic!("expected structure error") };
        assert!(problems[0].contains("'a'"));
    }
}
