//! The case file: the case JSON the app saves and the CLI reads.
//!
//! ```json
//! { "format": "cirkelbreker-case", "version": 1, "title": "...", "factors": [...], "links": [...] }
//! ```
//!
//! Version history (each older version is migrated on read):
//! - version 0: a bare case object without `format`/`version` (early exports).
//! - version 1: the envelope above. The schema is documented in `docs/case-format.md`.

use crate::core::json_message::JsonProblem;
use crate::core::json_text;
use crate::core::lang::Lang;
use crate::core::limits::{self, LimitError};
use crate::core::model::{Case, CaseError};
use crate::core::number::Fixed;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::error::Category;
use serde_json::value::RawValue;
use std::fmt;

/// The `format` value that marks a case file.
pub const FORMAT_NAME: &str = "cirkelbreker-case";
/// The version this build writes.
pub const CURRENT_VERSION: u64 = 1;
/// Case files larger than this are refused before parsing (bytes).
pub const MAX_CASE_BYTES: usize = 20 * 1024 * 1024;

/// Why a case file could not be read, as data: the UI and the CLI say it in their
/// language with [`CaseFileError::message`] (`Display` is Dutch, for the CLI).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseFileError {
    /// The file is larger than [`MAX_CASE_BYTES`].
    TooLarge {
        /// Size in bytes.
        bytes: usize,
    },
    /// The text is not JSON; line and column are 1-based.
    Syntax {
        /// What the parser found.
        problem: JsonProblem,
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
    },
    /// The JSON is not a case file of a kind we know.
    NotACase(NotACase),
    /// Written by a newer version of Cirkelbreker.
    FutureVersion(u64),
    /// `version` is missing or not a whole number.
    BadVersion,
    /// A field is missing or has the wrong type or value.
    Field {
        /// What is wrong.
        problem: JsonProblem,
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
    },
    /// More factors or links than [`crate::core::limits`] allows, counted before the
    /// case is built.
    Limit(LimitError),
    /// Ids are duplicated or links point at missing factors (all of them; the message
    /// shows the first five).
    Structure(Vec<CaseError>),
}

/// Why a JSON file is not a case file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotACase {
    /// It holds no JSON object.
    NoObject,
    /// It has no `format` field (and no factors).
    NoFormat,
    /// Its `format` is this other value.
    OtherFormat(String),
}

/// `bytes` in megabytes (MiB) with one decimal, as `lang` writes decimals: "27,3 MB" in
/// Dutch, "27.3 MB" in English.
pub fn megabytes(bytes: usize, lang: Lang) -> String {
    let size = Fixed(bytes as f64 / 1_048_576.0, 1).to_string();
    match lang {
        Lang::Nl => format!("{} MB", size.replace('.', ",")),
        Lang::En => format!("{size} MB"),
    }
}

impl CaseFileError {
    /// The error of a serde_json failure, with its position.
    pub fn from_json(error: &serde_json::Error) -> CaseFileError {
        let (problem, line, column) = (JsonProblem::of(error), error.line(), error.column());
        match error.classify() {
            Category::Data => CaseFileError::Field { problem, line, column },
            Category::Syntax | Category::Eof | Category::Io => CaseFileError::Syntax { problem, line, column },
        }
    }

    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        match self {
            CaseFileError::TooLarge { bytes } => {
                let (size, limit) = (megabytes(*bytes, lang), MAX_CASE_BYTES / 1_048_576);
                if nl {
                    format!("het bestand is te groot ({size}); een casus mag hoogstens {limit} MB zijn")
                } else {
                    format!("the file is too large ({size}); a case may be at most {limit} MB")
                }
            }
            CaseFileError::Syntax { problem, line, column } => {
                let problem = problem.message(lang);
                if nl {
                    format!("geen geldige JSON (regel {line}, kolom {column}): {problem}")
                } else {
                    format!("not valid JSON (line {line}, column {column}): {problem}")
                }
            }
            CaseFileError::NotACase(why) => {
                let why = match (why, nl) {
                    (NotACase::NoObject, true) => "het bestand bevat geen JSON-object".to_string(),
                    (NotACase::NoObject, false) => "the file holds no JSON object".to_string(),
                    (NotACase::NoFormat, true) => "het veld \"format\" ontbreekt".to_string(),
                    (NotACase::NoFormat, false) => "the field \"format\" is missing".to_string(),
                    (NotACase::OtherFormat(shown), true) => {
                        format!("\"format\" is {shown}, verwacht \"{FORMAT_NAME}\"")
                    }
                    (NotACase::OtherFormat(shown), false) => {
                        format!("\"format\" is {shown}, expected \"{FORMAT_NAME}\"")
                    }
                };
                if nl {
                    format!("dit is geen Cirkelbreker-casus: {why}")
                } else {
                    format!("this is not a Cirkelbreker case: {why}")
                }
            }
            CaseFileError::FutureVersion(version) if nl => format!(
                "deze casus is gemaakt met een nieuwere versie van Cirkelbreker (formaatversie {version}); \
                 deze versie leest t/m versie {CURRENT_VERSION}"
            ),
            CaseFileError::FutureVersion(version) => format!(
                "this case was made with a newer version of Cirkelbreker (format version {version}); \
                 this version reads up to version {CURRENT_VERSION}"
            ),
            CaseFileError::BadVersion if nl => "\"version\" ontbreekt of is geen geheel getal".to_string(),
            CaseFileError::BadVersion => "\"version\" is missing or not a whole number".to_string(),
            CaseFileError::Field { problem, line, column } => {
                let problem = problem.message(lang);
                if nl {
                    format!("de casus bevat een ongeldige waarde: {problem} (regel {line}, kolom {column})")
                } else {
                    format!("the case holds a value that is not valid: {problem} (line {line}, column {column})")
                }
            }
            CaseFileError::Limit(error) => error.message(lang),
            CaseFileError::Structure(problems) => {
                let shown: Vec<String> = problems.iter().take(5).map(|p| p.message(lang)).collect();
                let more = problems.len().saturating_sub(shown.len());
                let mut text = if nl {
                    format!("de casus klopt niet: {}", shown.join("; "))
                } else {
                    format!("the case does not add up: {}", shown.join("; "))
                };
                if more > 0 {
                    text +=
                        &if nl { format!(" (en nog {more} andere problemen)") } else { format!(" (and {more} more)") };
                }
                text
            }
        }
    }
}

impl fmt::Display for CaseFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Nl))
    }
}

impl std::error::Error for CaseFileError {}

/// Reads a case file of any known version and checks its structure.
///
/// # Errors
/// Every [`CaseFileError`] variant; the message names the line and column, field or id.
pub fn read_case(text: &str) -> Result<Case, CaseFileError> {
    if text.len() > MAX_CASE_BYTES {
        return Err(CaseFileError::TooLarge { bytes: text.len() });
    }
    // Notepad on Windows may start a UTF-8 file with a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let is_object = text.trim_start().starts_with('{');
    let header: Header = match serde_json::from_str(text) {
        Ok(header) if is_object => header,
        Err(error) if is_object || error.classify() != Category::Data => return Err(CaseFileError::from_json(&error)),
        _ => return Err(CaseFileError::NotACase(NotACase::NoObject)),
    };
    let version = match header.format {
        None if header.factors.is_some() => 0,
        None => return Err(CaseFileError::NotACase(NotACase::NoFormat)),
        Some(format) if serde_json::from_str::<&str>(format.get()).is_ok_and(|name| name == FORMAT_NAME) => {
            match header.version.map(|version| version.get()) {
                Some(number) if number.starts_with(|c: char| c.is_ascii_digit() || c == '-') => {
                    number.parse().map_err(|_| CaseFileError::BadVersion)?
                }
                _ => return Err(CaseFileError::BadVersion),
            }
        }
        Some(other) => {
            let shown = super::excerpt(other.get());
            return Err(CaseFileError::NotACase(NotACase::OtherFormat(shown)));
        }
    };
    if version > CURRENT_VERSION {
        return Err(CaseFileError::FutureVersion(version));
    }
    let count = |items: &Option<Vec<IgnoredAny>>| items.as_ref().map_or(0, Vec::len);
    limits::check_factor_count(count(&header.factors)).map_err(CaseFileError::Limit)?;
    limits::check_link_count(count(&header.links)).map_err(CaseFileError::Limit)?;
    // Versions 0 and 1 share the case fields; the envelope fields are ignored here.
    let case: Case = serde_json::from_str(text).map_err(|error| CaseFileError::from_json(&error))?;
    let problems = case.problems();
    if !problems.is_empty() {
        return Err(CaseFileError::Structure(problems));
    }
    Ok(case)
}

/// The envelope fields, read first to decide the version before the case is read, and
/// the factors and links only counted (a list of `IgnoredAny` allocates nothing), so that
/// a map above the limits is refused before it is built.
#[derive(Deserialize)]
struct Header<'a> {
    #[serde(borrow)]
    format: Option<&'a RawValue>,
    #[serde(borrow)]
    version: Option<&'a RawValue>,
    factors: Option<Vec<IgnoredAny>>,
    links: Option<Vec<IgnoredAny>>,
}

/// Writes a case in the current version, pretty-printed (for files people may open).
///
/// A coordinate that is not a finite number (which JSON cannot hold) is written as 0,
/// so that everything written here reads back.
pub fn write_case(case: &Case) -> String {
    written(case, true)
}

/// Writes a case as [`write_case`] does, on one line: how the app stores it (a third of
/// the size of a pretty-printed large case).
pub fn write_case_compact(case: &Case) -> String {
    written(case, false)
}

fn written(case: &Case, pretty: bool) -> String {
    let finite = |value: f64| if value.is_finite() { value } else { 0.0 };
    let repaired;
    let case = if case.factors.iter().all(|factor| factor.x.is_finite() && factor.y.is_finite()) {
        case
    } else {
        let mut copy = case.clone();
        for factor in &mut copy.factors {
            factor.x = finite(factor.x);
            factor.y = finite(factor.y);
        }
        repaired = copy;
        &repaired
    };
    let envelope = Envelope { format: FORMAT_NAME, version: CURRENT_VERSION, case };
    if pretty { json_text::pretty(&envelope) } else { serde_json::to_string(&envelope) }.unwrap_or_default()
}

/// The case as written: the envelope fields first, then the case fields.
#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u64,
    #[serde(flatten)]
    case: &'a Case,
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
        let compact = write_case_compact(&case);
        assert!(!compact.contains('\n') && compact.len() < write_case(&case).len());
        assert_eq!(read_case(&compact).expect("reads back"), case);
    }

    #[test]
    fn non_finite_coordinates_are_written_as_zero_so_the_file_reads_back() {
        let mut case = read_case(V1).expect("reads");
        case.factors[0].x = f64::NAN;
        case.factors[1].y = f64::INFINITY;
        let again = read_case(&write_case(&case)).expect("reads back");
        assert_eq!((again.factors[0].x, again.factors[1].y), (0.0, 0.0));
        assert!(case.factors[0].x.is_nan(), "the caller's case is untouched");
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
        assert!(problems[0].message(Lang::Nl).contains("'a'"));
    }
}
