//! Reading the library files: the embedded `rules/` files (converted from TOML to JSON by
//! `build.rs`, so the app, the CLI and the tests read the same data) and users' own rules
//! files. Each list entry (`[[rule]]`, `[[instrument]]`, ...) is read on its own, so one
//! malformed entry is reported with its id and the others still load; a file with a
//! syntax error is reported once, with its line, and the other files still load.

use super::schema::{ChecklistItem, Instrument, LibraryHeader, MandateLevelInfo, Rule, Sector, Template};
use super::RulesProblem;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// One library file as the build embedded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileContent {
    /// The file's content as compact JSON.
    Json(Cow<'static, str>),
    /// The file is not valid TOML: the parser's message, and the line where it knows it.
    Unreadable {
        /// The line of the error, counting from 1.
        line: Option<u32>,
        /// The parser's message.
        message: Cow<'static, str>,
    },
}

impl FileContent {
    /// Converts TOML text exactly as `build.rs` converts the library files, so tests can
    /// feed any text, broken or not, through the real loader path.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_toml(text: &str) -> FileContent {
        match super::convert::toml_to_json(text) {
            Ok(value) => FileContent::Json(Cow::Owned(value.to_string())),
            Err(error) => FileContent::Unreadable { line: error.line, message: Cow::Owned(error.message) },
        }
    }
}

/// The library files as `build.rs` embedded them, by their path in the repository.
static EMBEDDED: &[(&str, FileContent)] = include!(concat!(env!("OUT_DIR"), "/rules.rs"));

/// The embedded library files as `(path, content)`, in load order. Tests use this to load
/// the library with one file replaced.
pub fn embedded_files() -> &'static [(&'static str, FileContent)] {
    EMBEDDED
}

/// What a library file holds, derived from its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// `rules/library.toml`.
    Header,
    /// `rules/sectors.toml`.
    Sectors,
    /// `rules/mandate_levels.toml`.
    Levels,
    /// `rules/instruments.toml`.
    Instruments,
    /// `rules/checklist.toml`.
    Checklist,
    /// `rules/sectoren/*.toml` or a user's rules file.
    Rules,
    /// `rules/templates/*.toml`.
    Template,
}

impl FileKind {
    /// The kind of the library file at `path`, if it is one.
    pub(crate) fn of(path: &str) -> Option<FileKind> {
        let name = path.rsplit('/').next().unwrap_or(path);
        match name {
            "library.toml" => Some(FileKind::Header),
            "sectors.toml" => Some(FileKind::Sectors),
            "mandate_levels.toml" => Some(FileKind::Levels),
            "instruments.toml" => Some(FileKind::Instruments),
            "checklist.toml" => Some(FileKind::Checklist),
            _ if path.contains("sectoren/") => Some(FileKind::Rules),
            _ if path.contains("templates/") => Some(FileKind::Template),
            _ => None,
        }
    }
}

/// Everything read from the files, before validation. `None` for a kind means its file
/// could not be read at all, so references to that kind cannot be checked.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    /// `library.toml`.
    pub header: Option<LibraryHeader>,
    /// `sectors.toml`.
    pub sectors: Option<Vec<Sector>>,
    /// `mandate_levels.toml`.
    pub levels: Option<Vec<MandateLevelInfo>>,
    /// `instruments.toml`.
    pub instruments: Option<Vec<Instrument>>,
    /// `checklist.toml`.
    pub checklist: Option<Vec<ChecklistItem>>,
    /// All sector files, each rule with its `origin` set.
    pub rules: Vec<Rule>,
    /// Templates with the file they came from.
    pub templates: Vec<(String, Template)>,
}

/// Reads every file into `Parsed`, collecting every problem.
pub(crate) fn parse_files(files: &[(&str, FileContent)], problems: &mut Vec<RulesProblem>) -> Parsed {
    let mut parsed = Parsed::default();
    for (path, content) in files {
        let path = *path;
        let Some(kind) = FileKind::of(path) else {
            problems.push(RulesProblem::new(path, None, "onbekend bestand in de regelbibliotheek"));
            continue;
        };
        let Some(object) = read_embedded(path, content, problems) else {
            continue;
        };
        match kind {
            FileKind::Header => parsed.header = whole(path, object, problems),
            FileKind::Sectors => parsed.sectors = entries(path, object, "sector", problems),
            FileKind::Levels => parsed.levels = entries(path, object, "level", problems),
            FileKind::Instruments => parsed.instruments = entries(path, object, "instrument", problems),
            FileKind::Checklist => parsed.checklist = entries(path, object, "item", problems),
            FileKind::Rules => {
                let rules: Vec<Rule> = entries(path, object, "rule", problems).unwrap_or_default();
                parsed.rules.extend(rules.into_iter().map(|rule| Rule { origin: path.to_string(), ..rule }));
            }
            FileKind::Template => {
                if let Some(template) = whole::<Template>(path, object, problems) {
                    parsed.templates.push((path.to_string(), template));
                }
            }
        }
    }
    parsed
}

/// The top-level table of an embedded file, or its syntax error reported with the line.
fn read_embedded(path: &str, content: &FileContent, problems: &mut Vec<RulesProblem>) -> Option<Map<String, Value>> {
    match content {
        FileContent::Json(text) => read_json(path, text, problems),
        FileContent::Unreadable { line, message } => {
            problems.push(RulesProblem::new(path, None, &format!("geen geldige TOML: {message}")).at_line(*line));
            None
        }
    }
}

/// Parses JSON text whose top level must be an object.
fn read_json(path: &str, text: &str, problems: &mut Vec<RulesProblem>) -> Option<Map<String, Value>> {
    match serde_json::from_str(text) {
        Ok(Value::Object(object)) => Some(object),
        Ok(_) => {
            problems.push(RulesProblem::new(path, None, "de inhoud is geen object met onderdelen"));
            None
        }
        Err(error) => {
            problems.push(RulesProblem::new(path, None, &format!("geen geldige JSON: {error}")));
            None
        }
    }
}

/// Reads a whole file as one value (header, template).
fn whole<T: DeserializeOwned>(path: &str, object: Map<String, Value>, problems: &mut Vec<RulesProblem>) -> Option<T> {
    let id = object.get("id").and_then(Value::as_str).map(str::to_string);
    match serde_json::from_value(Value::Object(object)) {
        Ok(value) => Some(value),
        Err(error) => {
            problems.push(RulesProblem::new(path, id.as_deref(), &format!("onleesbaar: {error}")));
            None
        }
    }
}

/// Reads the list `key` (`[[key]]` in TOML) entry by entry. Returns `None` when the file
/// has no such list at all; unknown top-level keys are reported.
fn entries<T: DeserializeOwned>(
    path: &str,
    mut object: Map<String, Value>,
    key: &str,
    problems: &mut Vec<RulesProblem>,
) -> Option<Vec<T>> {
    for other in object.keys().filter(|other| other.as_str() != key) {
        problems.push(RulesProblem::new(path, None, &format!("onbekend onderdeel '{other}' (verwacht: [[{key}]])")));
    }
    let Some(Value::Array(items)) = object.remove(key) else {
        problems.push(RulesProblem::new(path, None, &format!("geen [[{key}]]-onderdelen gevonden")));
        return None;
    };
    let mut values = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        let id = item.get("id").and_then(Value::as_str).map(str::to_string);
        match serde_json::from_value(item) {
            Ok(value) => values.push(value),
            Err(error) => {
                let label = id.unwrap_or_else(|| format!("{key} nr. {}", index + 1));
                problems.push(RulesProblem::new(path, Some(&label), &format!("onleesbaar: {error}")));
            }
        }
    }
    Some(values)
}

/// Reads a user's rules file: JSON (`{"rule": [ ... ]}`) when the name ends in `.json`,
/// otherwise TOML in the format of a sector file — TOML only in the native build; the web
/// app reads JSON. Only parsing; validation is the caller's.
pub(crate) fn read_rules_file(file_name: &str, text: &str, problems: &mut Vec<RulesProblem>) -> Vec<Rule> {
    let object = if file_name.to_lowercase().ends_with(".json") {
        read_json(file_name, text, problems)
    } else {
        read_user_toml(file_name, text, problems)
    };
    let rules: Vec<Rule> = object.and_then(|object| entries(file_name, object, "rule", problems)).unwrap_or_default();
    rules.into_iter().map(|rule| Rule { origin: file_name.to_string(), ..rule }).collect()
}

/// A user's TOML rules file, converted like the library files.
#[cfg(not(target_arch = "wasm32"))]
fn read_user_toml(file_name: &str, text: &str, problems: &mut Vec<RulesProblem>) -> Option<Map<String, Value>> {
    read_embedded(file_name, &FileContent::from_toml(text), problems)
}

/// The web app reads own rules as JSON only.
#[cfg(target_arch = "wasm32")]
fn read_user_toml(file_name: &str, _text: &str, problems: &mut Vec<RulesProblem>) -> Option<Map<String, Value>> {
    problems.push(RulesProblem::new(
        file_name,
        None,
        "eigen regels worden in de app als JSON-bestand (.json) ingelezen; exporteer ze in dat formaat",
    ));
    None
}

/// The document of a rules file: `{"rule": [ ... ]}` in JSON, `[[rule]]` tables in TOML.
#[derive(Serialize)]
struct RulesFile<'a> {
    rule: &'a [Rule],
}

/// Writes rules as JSON in the format of a rules file (`{"rule": [ ... ]}`, indented).
/// Reading the result with [`read_rules_file`] under a `.json` name gives the same rules.
pub(crate) fn write_rules_json(rules: &[Rule]) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&RulesFile { rule: rules })
}

/// Writes rules in the format of a sector file (`[[rule]]` tables). Reading the result
/// with [`read_rules_file`] gives the same rules back.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn write_rules_toml(rules: &[Rule]) -> Result<String, toml::ser::Error> {
    let header = "# Eigen regels (verordening of beleidsregel), in het formaat van rules/sectoren/*.toml.\n\
                  # Zie docs/rules-schema.md in Cirkelbreker.\n\n";
    Ok(format!("{header}{}", toml::to_string(&RulesFile { rule: rules })?))
}
