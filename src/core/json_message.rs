//! serde_json's error messages as data ([`JsonProblem`]) said in Dutch or English, for the
//! JSON files users bring in: case files, Kumu JSON and rules files. The position ("at line
//! 3 column 7") is left out; callers that know what a position means in their file add it
//! themselves. serde's own words ("integer `3`", "f64", "number out of range") become
//! [`ValueKind`]s and variants, so none of them appears inside a Dutch message.

use crate::core::lang::Lang;

/// What serde_json found wrong in a JSON file, as data, so it can be said in the
/// interface language. Problems this module does not know keep serde_json's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonProblem {
    /// The file ends inside the JSON.
    Eof,
    /// A value is expected here.
    ExpectedValue,
    /// true, false or null is expected here.
    ExpectedIdent,
    /// A comma before a closing bracket.
    TrailingComma,
    /// Text after the end of the JSON.
    TrailingCharacters,
    /// A key without double quotes.
    KeyMustBeString,
    /// A colon is expected.
    ExpectedColon,
    /// A comma or `}` is expected.
    ExpectedCommaOrBrace,
    /// A comma or `]` is expected.
    ExpectedCommaOrBracket,
    /// A control character inside a string.
    ControlCharacter,
    /// An invalid escape with `\`.
    InvalidEscape,
    /// Nested too deep.
    TooDeep,
    /// A required field is missing.
    MissingField(String),
    /// A field appears twice.
    DuplicateField(String),
    /// A value that is not one of the allowed ones.
    UnknownVariant {
        /// The value found.
        value: String,
        /// The allowed values, comma-separated.
        allowed: String,
    },
    /// A field that is not known.
    UnknownField {
        /// The field found.
        name: String,
        /// The allowed fields, comma-separated.
        allowed: String,
    },
    /// A value of the wrong kind.
    InvalidType {
        /// What was found.
        found: ValueKind,
        /// What was expected.
        expected: ValueKind,
    },
    /// A value of the right kind that is not allowed here (a negative count).
    InvalidValue {
        /// What was found.
        found: ValueKind,
        /// What was expected.
        expected: ValueKind,
    },
    /// A number too large or too small to be read.
    NumberOutOfRange,
    /// A mandate level other than M0 to M9 (the text found).
    NotAMandateLevel(String),
    /// Anything else, as serde_json wrote it (said in English only; Dutch gets a plain
    /// sentence without serde's words).
    Other(String),
}

/// The kind of a JSON value, in the words of a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// `true` or `false`.
    Bool,
    /// A whole number.
    WholeNumber,
    /// Any number.
    Number,
    /// A text.
    Text,
    /// A list `[ … ]`.
    List,
    /// An object `{ … }`.
    Object,
    /// `null`.
    Null,
    /// Something serde names in words this module does not know.
    Other,
}

impl ValueKind {
    /// The kind serde names with `words`, found ("integer `3`") or expected ("u32", "a
    /// string", "struct Factor").
    fn of(words: &str) -> ValueKind {
        let word = words.split([' ', '`']).find(|word| !matches!(*word, "a" | "an" | "")).unwrap_or_default();
        match word {
            "boolean" | "bool" => ValueKind::Bool,
            "integer" | "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
                ValueKind::WholeNumber
            }
            "floating" | "f32" | "f64" | "number" => ValueKind::Number,
            "string" | "borrowed" | "char" | "character" => ValueKind::Text,
            "sequence" | "tuple" | "list" | "array" => ValueKind::List,
            "map" | "struct" | "object" => ValueKind::Object,
            "null" | "unit" => ValueKind::Null,
            _ => ValueKind::Other,
        }
    }

    /// The kind, with its article, in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        let nl = lang == Lang::Nl;
        match self {
            ValueKind::Bool if nl => "true of false",
            ValueKind::Bool => "true or false",
            ValueKind::WholeNumber if nl => "een geheel getal",
            ValueKind::WholeNumber => "a whole number",
            ValueKind::Number if nl => "een getal",
            ValueKind::Number => "a number",
            ValueKind::Text if nl => "een tekst",
            ValueKind::Text => "a text",
            ValueKind::List if nl => "een lijst",
            ValueKind::List => "a list",
            ValueKind::Object if nl => "een object",
            ValueKind::Object => "an object",
            ValueKind::Null => "null",
            ValueKind::Other if nl => "een andere waarde",
            ValueKind::Other => "another value",
        }
    }
}

impl JsonProblem {
    /// The problem of `error`, without its position.
    pub fn of(error: &serde_json::Error) -> JsonProblem {
        let english = error.to_string();
        let english = english.rsplit_once(" at line ").map_or(english.as_str(), |(message, _)| message);
        let between_ticks = |text: &str| text.split('`').nth(1).unwrap_or_default().to_string();
        let allowed = |rest: &str| rest.split('`').skip(3).step_by(2).collect::<Vec<_>>().join(", ");
        const FIXED: [(&str, JsonProblem); 12] = [
            ("EOF while parsing", JsonProblem::Eof),
            ("expected value", JsonProblem::ExpectedValue),
            ("expected ident", JsonProblem::ExpectedIdent),
            ("trailing comma", JsonProblem::TrailingComma),
            ("trailing characters", JsonProblem::TrailingCharacters),
            ("key must be a string", JsonProblem::KeyMustBeString),
            ("expected `:`", JsonProblem::ExpectedColon),
            ("expected `,` or `}`", JsonProblem::ExpectedCommaOrBrace),
            ("expected `,` or `]`", JsonProblem::ExpectedCommaOrBracket),
            ("control character", JsonProblem::ControlCharacter),
            ("invalid escape", JsonProblem::InvalidEscape),
            ("recursion limit exceeded", JsonProblem::TooDeep),
        ];
        if let Some((_, problem)) = FIXED.iter().find(|(prefix, _)| english.starts_with(prefix)) {
            return problem.clone();
        }
        if english.starts_with("missing field") {
            JsonProblem::MissingField(between_ticks(english))
        } else if english.starts_with("duplicate field") {
            JsonProblem::DuplicateField(between_ticks(english))
        } else if let Some(rest) = english.strip_prefix("unknown variant ") {
            JsonProblem::UnknownVariant { value: between_ticks(rest), allowed: allowed(rest) }
        } else if let Some(rest) = english.strip_prefix("unknown field ") {
            JsonProblem::UnknownField { name: between_ticks(rest), allowed: allowed(rest) }
        } else if let Some(rest) = english.strip_prefix("invalid type: ") {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            JsonProblem::InvalidType { found: ValueKind::of(found), expected: ValueKind::of(expected) }
        } else if let Some(rest) = english.strip_prefix("invalid value: ") {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            JsonProblem::InvalidValue { found: ValueKind::of(found), expected: ValueKind::of(expected) }
        } else if english.starts_with("number out of range") {
            JsonProblem::NumberOutOfRange
        } else if let Some(level) = english.strip_suffix(" is geen mandaatniveau (M0 t/m M9)") {
            JsonProblem::NotAMandateLevel(level.trim_matches('\'').to_string())
        } else {
            JsonProblem::Other(english.to_string())
        }
    }

    /// The problem in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        let say = |dutch: &str, english: &str| if nl { dutch } else { english }.to_string();
        match self {
            JsonProblem::Eof => say(
                "het bestand houdt op midden in de JSON (ontbreekt er een } of ]?)",
                "the file ends in the middle of the JSON (is a } or ] missing?)",
            ),
            JsonProblem::ExpectedValue => say("hier wordt een waarde verwacht", "a value is expected here"),
            JsonProblem::ExpectedIdent => {
                say("hier wordt true, false of null verwacht", "true, false or null is expected here")
            }
            JsonProblem::TrailingComma => say(
                "er staat een komma te veel voor het sluithaakje",
                "there is a comma too many before the closing bracket",
            ),
            JsonProblem::TrailingCharacters => {
                say("na het einde van de JSON staat nog tekst", "there is text after the end of the JSON")
            }
            JsonProblem::KeyMustBeString => say(
                "een veldnaam moet tussen dubbele aanhalingstekens staan",
                "a field name must be between double quotes",
            ),
            JsonProblem::ExpectedColon => say("hier wordt een dubbele punt verwacht", "a colon is expected here"),
            JsonProblem::ExpectedCommaOrBrace => {
                say("hier wordt een komma of } verwacht", "a comma or } is expected here")
            }
            JsonProblem::ExpectedCommaOrBracket => {
                say("hier wordt een komma of ] verwacht", "a comma or ] is expected here")
            }
            JsonProblem::ControlCharacter => say(
                "een tekst bevat een stuurteken; schrijf een regelovergang als \\n",
                "a text contains a control character; write a line break as \\n",
            ),
            JsonProblem::InvalidEscape => {
                say("ongeldige escape met \\ in een tekst", "an invalid escape with \\ in a text")
            }
            JsonProblem::TooDeep => say("de JSON is te diep genest", "the JSON is nested too deeply"),
            JsonProblem::MissingField(name) if nl => format!("het veld \"{name}\" ontbreekt"),
            JsonProblem::MissingField(name) => format!("the field \"{name}\" is missing"),
            JsonProblem::DuplicateField(name) if nl => format!("het veld \"{name}\" staat er twee keer"),
            JsonProblem::DuplicateField(name) => format!("the field \"{name}\" appears twice"),
            JsonProblem::UnknownVariant { value, allowed } if nl => {
                format!("onbekende waarde \"{value}\"; toegestaan: {allowed}")
            }
            JsonProblem::UnknownVariant { value, allowed } => format!("unknown value \"{value}\"; allowed: {allowed}"),
            JsonProblem::UnknownField { name, allowed } if nl => {
                format!("onbekend veld \"{name}\"; toegestaan: {allowed}")
            }
            JsonProblem::UnknownField { name, allowed } => format!("unknown field \"{name}\"; allowed: {allowed}"),
            JsonProblem::InvalidType { found, expected } if nl => {
                format!("verkeerd soort waarde ({}); verwacht: {}", found.name(lang), expected.name(lang))
            }
            JsonProblem::InvalidType { found, expected } => {
                format!("wrong kind of value ({}); expected: {}", found.name(lang), expected.name(lang))
            }
            JsonProblem::InvalidValue { found, expected } if nl => {
                format!("deze waarde ({}) kan hier niet; verwacht: {}", found.name(lang), expected.name(lang))
            }
            JsonProblem::InvalidValue { found, expected } => {
                format!("this value ({}) is not allowed here; expected: {}", found.name(lang), expected.name(lang))
            }
            JsonProblem::NumberOutOfRange => {
                say("een getal is te groot of te klein", "a number is too large or too small")
            }
            JsonProblem::NotAMandateLevel(text) if nl => format!("‘{text}’ is geen mandaatniveau (M0 t/m M9)"),
            JsonProblem::NotAMandateLevel(text) => format!("‘{text}’ is not a mandate level (M0 to M9)"),
            JsonProblem::Other(_) if nl => "een waarde in het bestand kan Cirkelbreker niet lezen".to_string(),
            JsonProblem::Other(text) => text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Entry {
        id: String,
        level: u8,
    }

    fn message_for(json: &str) -> String {
        JsonProblem::of(&serde_json::from_str::<Entry>(json).expect_err("the JSON is wrong")).message(Lang::Nl)
    }

    #[test]
    fn every_problem_is_said_in_english_too() {
        let problem = JsonProblem::of(&serde_json::from_str::<Entry>(r#"{"id": "A"}"#).expect_err("wrong"));
        assert_eq!(problem, JsonProblem::MissingField("level".into()));
        assert_eq!(problem.message(Lang::En), "the field \"level\" is missing");
        let eof = JsonProblem::of(&serde_json::from_str::<Entry>(r#"{"id": "A""#).expect_err("wrong"));
        assert_eq!(eof.message(Lang::En), "the file ends in the middle of the JSON (is a } or ] missing?)");
    }

    #[test]
    fn names_the_missing_and_unknown_fields_in_dutch_without_position() {
        assert_eq!(message_for(r#"{"id": "A"}"#), "het veld \"level\" ontbreekt");
        assert_eq!(
            message_for(r#"{"id": "A", "level": 1, "colour": 2}"#),
            "onbekend veld \"colour\"; toegestaan: id, level"
        );
        assert_eq!(
            message_for(r#"{"id": 3, "level": 1}"#),
            "verkeerd soort waarde (een geheel getal); verwacht: een tekst"
        );
        assert_eq!(
            message_for(r#"{"id": "A", "level": 1.5}"#),
            "verkeerd soort waarde (een getal); verwacht: een geheel getal"
        );
        assert_eq!(
            message_for(r#"{"id": "A", "level": -1}"#),
            "deze waarde (een geheel getal) kan hier niet; verwacht: een geheel getal"
        );
        assert_eq!(message_for(r#"{"id": "A", "level": 1e999}"#), "een getal is te groot of te klein");
        assert_eq!(
            message_for(r#"{"id": "A", "level": 1"#),
            "het bestand houdt op midden in de JSON (ontbreekt er een } of ]?)"
        );
    }
}
