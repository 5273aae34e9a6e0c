//! Reading the library files: the embedded `rules/` files (the same bytes for the app,
//! the CLI and the tests) and users' own rules files. Each list entry (`[[rule]]`,
//! `[[instrument]]`, ...) is read on its own, so one malformed entry is reported with its
//! id and the others still load; a file with a syntax error is reported once and the
//! other files still load.

use super::schema::{ChecklistItem, Instrument, LibraryHeader, MandateLevelInfo, Rule, Sector, Template};
use super::RulesProblem;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The embedded library files, by their path in the repository.
const EMBEDDED: &[(&str, &str)] = &[
    ("rules/library.toml", include_str!("../../../rules/library.toml")),
    ("rules/sectors.toml", include_str!("../../../rules/sectors.toml")),
    ("rules/mandate_levels.toml", include_str!("../../../rules/mandate_levels.toml")),
    ("rules/instruments.toml", include_str!("../../../rules/instruments.toml")),
    ("rules/checklist.toml", include_str!("../../../rules/checklist.toml")),
    ("rules/sectoren/wonen.toml", include_str!("../../../rules/sectoren/wonen.toml")),
    ("rules/sectoren/registratie.toml", include_str!("../../../rules/sectoren/registratie.toml")),
    ("rules/sectoren/inkomen.toml", include_str!("../../../rules/sectoren/inkomen.toml")),
    ("rules/sectoren/schulden.toml", include_str!("../../../rules/sectoren/schulden.toml")),
    ("rules/sectoren/zorg.toml", include_str!("../../../rules/sectoren/zorg.toml")),
    ("rules/sectoren/jeugd.toml", include_str!("../../../rules/sectoren/jeugd.toml")),
    ("rules/sectoren/arbeidsmigratie.toml", include_str!("../../../rules/sectoren/arbeidsmigratie.toml")),
    ("rules/sectoren/handhaving.toml", include_str!("../../../rules/sectoren/handhaving.toml")),
    ("rules/sectoren/onderwijs.toml", include_str!("../../../rules/sectoren/onderwijs.toml")),
    ("rules/sectoren/werk.toml", include_str!("../../../rules/sectoren/werk.toml")),
    ("rules/templates/CY-01.toml", include_str!("../../../rules/templates/CY-01.toml")),
    ("rules/templates/CY-02.toml", include_str!("../../../rules/templates/CY-02.toml")),
    ("rules/templates/CY-03.toml", include_str!("../../../rules/templates/CY-03.toml")),
    ("rules/templates/CY-04.toml", include_str!("../../../rules/templates/CY-04.toml")),
    ("rules/templates/CY-05.toml", include_str!("../../../rules/templates/CY-05.toml")),
    ("rules/templates/CY-06.toml", include_str!("../../../rules/templates/CY-06.toml")),
    ("rules/templates/CY-07.toml", include_str!("../../../rules/templates/CY-07.toml")),
];

/// The embedded library files as `(path, text)`, in load order. Tests use this to load
/// the library with one file replaced.
pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
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
pub(crate) fn parse_files(files: &[(&str, &str)], problems: &mut Vec<RulesProblem>) -> Parsed {
    let mut parsed = Parsed::default();
    for &(path, text) in files {
        let Some(kind) = FileKind::of(path) else {
            problems.push(RulesProblem::new(path, None, "onbekend bestand in de regelbibliotheek"));
            continue;
        };
        let Some(table) = parse_toml(path, text, problems) else {
            continue;
        };
        match kind {
            FileKind::Header => parsed.header = whole(path, table, problems),
            FileKind::Sectors => parsed.sectors = entries(path, &table, "sector", problems),
            FileKind::Levels => parsed.levels = entries(path, &table, "level", problems),
            FileKind::Instruments => parsed.instruments = entries(path, &table, "instrument", problems),
            FileKind::Checklist => parsed.checklist = entries(path, &table, "item", problems),
            FileKind::Rules => {
                let rules: Vec<Rule> = entries(path, &table, "rule", problems).unwrap_or_default();
                parsed.rules.extend(rules.into_iter().map(|rule| Rule { origin: path.to_string(), ..rule }));
            }
            FileKind::Template => {
                if let Some(template) = whole::<Template>(path, table, problems) {
                    parsed.templates.push((path.to_string(), template));
                }
            }
        }
    }
    parsed
}

/// Parses TOML text into a table, or reports the syntax error with its position.
fn parse_toml(path: &str, text: &str, problems: &mut Vec<RulesProblem>) -> Option<toml::Table> {
    match text.parse::<toml::Table>() {
        Ok(table) => Some(table),
        Err(error) => {
            problems.push(RulesProblem::new(path, None, &format!("geen geldige TOML: {}", one_line(&error))));
            None
        }
    }
}

/// Reads a whole file as one value (header, template).
fn whole<T: DeserializeOwned>(path: &str, table: toml::Table, problems: &mut Vec<RulesProblem>) -> Option<T> {
    let id = table.get("id").and_then(toml::Value::as_str).map(str::to_string);
    match toml::Value::Table(table).try_into::<T>() {
        Ok(value) => Some(value),
        Err(error) => {
            problems.push(RulesProblem::new(path, id.as_deref(), &format!("onleesbaar: {}", one_line(&error))));
            None
        }
    }
}

/// Reads the array of tables `key` entry by entry. Returns `None` when the file has no
/// such array at all; unknown top-level keys are reported.
fn entries<T: DeserializeOwned>(
    path: &str,
    table: &toml::Table,
    key: &str,
    problems: &mut Vec<RulesProblem>,
) -> Option<Vec<T>> {
    for other in table.keys().filter(|other| other.as_str() != key) {
        problems.push(RulesProblem::new(path, None, &format!("onbekend onderdeel '{other}' (verwacht: [[{key}]])")));
    }
    let Some(toml::Value::Array(items)) = table.get(key) else {
        problems.push(RulesProblem::new(path, None, &format!("geen [[{key}]]-onderdelen gevonden")));
        return None;
    };
    let mut values = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let id = item.get("id").and_then(toml::Value::as_str).map(str::to_string);
        match item.clone().try_into::<T>() {
            Ok(value) => values.push(value),
            Err(error) => {
                let label = id.clone().unwrap_or_else(|| format!("{key} nr. {}", index + 1));
                problems.push(RulesProblem::new(path, Some(&label), &format!("onleesbaar: {}", one_line(&error))));
            }
        }
    }
    Some(values)
}

/// Reads a user's rules file: TOML in the format of a sector file, or the same structure
/// as JSON when the name ends in `.json`. Only parsing; validation is the caller's.
pub(crate) fn read_rules_file(file_name: &str, text: &str, problems: &mut Vec<RulesProblem>) -> Vec<Rule> {
    let rules: Vec<Rule> = if file_name.to_lowercase().ends_with(".json") {
        read_rules_json(file_name, text, problems)
    } else {
        match parse_toml(file_name, text, problems) {
            Some(table) => entries(file_name, &table, "rule", problems).unwrap_or_default(),
            None => Vec::new(),
        }
    };
    rules.into_iter().map(|rule| Rule { origin: file_name.to_string(), ..rule }).collect()
}

/// The JSON variant of a rules file: `{"rule": [ ... ]}`.
fn read_rules_json(file_name: &str, text: &str, problems: &mut Vec<RulesProblem>) -> Vec<Rule> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            problems.push(RulesProblem::new(file_name, None, &format!("geen geldige JSON: {error}")));
            return Vec::new();
        }
    };
    let Some(items) = value.get("rule").and_then(serde_json::Value::as_array) else {
        problems.push(RulesProblem::new(file_name, None, "geen lijst \"rule\" gevonden"));
        return Vec::new();
    };
    let mut rules = Vec::new();
    for (index, item) in items.iter().enumerate() {
        match serde_json::from_value::<Rule>(item.clone()) {
            Ok(rule) => rules.push(rule),
            Err(error) => {
                let label = item
                    .get("id")
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("rule nr. {}", index + 1));
                problems.push(RulesProblem::new(file_name, Some(&label), &format!("onleesbaar: {error}")));
            }
        }
    }
    rules
}

/// Writes rules in the format of a sector file (`[[rule]]` tables). Reading the result
/// with [`read_rules_file`] gives the same rules back.
pub(crate) fn write_rules_file(rules: &[Rule]) -> String {
    #[derive(Serialize)]
    struct RulesFile<'a> {
        rule: &'a [Rule],
    }
    let header = "# Eigen regels (verordening of beleidsregel), in het formaat van rules/sectoren/*.toml.\n\
                  # Zie docs/rules-schema.md in Cirkelbreker.\n\n";
    match toml::to_string(&RulesFile { rule: rules }) {
        Ok(text) => format!("{header}{text}"),
        // Plain strings, numbers and enums always serialise; should that ever change,
        // the file says so instead of silently losing rules.
        Err(error) => format!("{header}# Export mislukt: {}\n", one_line(&error)),
    }
}

/// A parser message on one line (TOML errors span several lines with a caret).
fn one_line(error: &dyn std::fmt::Display) -> String {
    error.to_string().lines().map(str::trim).filter(|line| !line.is_empty()).collect::<Vec<_>>().join(" ")
}
