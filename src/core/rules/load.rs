//! Reading the library files: the embedded `rules/` files (converted from TOML to JSON by
//! `build.rs`, so the app, the CLI and the tests read the same data) and users' own rules
//! files. Each list entry (`[[rule]]`, `[[instrument]]`, ...) is read on its own, so one
//! malformed entry is reported with its id and the others still load; a file with a
//! syntax error is reported once, with its line, and the other files still load.

use super::problem::{Issue, RulesProblem};
use super::schema::{ChecklistItem, Instrument, LibraryHeader, MandateLevelInfo, Rule, Sector, Template};
use crate::core::json_message::JsonProblem;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
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

/// Whether [`parse_files`] reads the sector files too or leaves them to [`read_rules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SectorFiles {
    /// Read them with the other files.
    Read,
    /// Only report those that are not TOML; `Parsed::rules` stays empty.
    Later,
}

/// Reads every file into `Parsed`, collecting every problem.
pub(crate) fn parse_files(
    files: &[(&str, FileContent)],
    sector_files: SectorFiles,
    problems: &mut Vec<RulesProblem>,
) -> Parsed {
    let mut parsed = Parsed::default();
    for (path, content) in files {
        let path = *path;
        let Some(kind) = FileKind::of(path) else {
            problems.push(RulesProblem::new(path, None, Issue::UnknownFile));
            continue;
        };
        let Some(text) = embedded_text(path, content, problems) else {
            continue;
        };
        match kind {
            FileKind::Header => parsed.header = whole(path, text, problems),
            FileKind::Sectors => parsed.sectors = list(path, text, "sector", problems),
            FileKind::Levels => parsed.levels = list(path, text, "level", problems),
            FileKind::Instruments => parsed.instruments = list(path, text, "instrument", problems),
            FileKind::Checklist => parsed.checklist = list(path, text, "item", problems),
            FileKind::Rules if sector_files == SectorFiles::Later => {}
            FileKind::Rules => parsed.rules.extend(sector_rules(path, text, problems)),
            FileKind::Template => {
                if let Some(template) = whole::<Template>(path, text, problems) {
                    parsed.templates.push((path.to_string(), template));
                }
            }
        }
    }
    parsed
}

/// The rules of every sector file in `files`, in file order: what [`parse_files`] left for
/// later. Files that are not TOML are skipped (`parse_files` reported them).
pub(crate) fn read_rules(files: &[(&str, FileContent)], problems: &mut Vec<RulesProblem>) -> Vec<Rule> {
    let mut rules = Vec::new();
    for (path, content) in files {
        if let (Some(FileKind::Rules), FileContent::Json(text)) = (FileKind::of(path), content) {
            rules.extend(sector_rules(path, text, problems));
        }
    }
    rules
}

/// The rules of one sector file, each with the file as its `origin`.
fn sector_rules(path: &str, text: &str, problems: &mut Vec<RulesProblem>) -> Vec<Rule> {
    let rules: Vec<Rule> = list(path, text, "rule", problems).unwrap_or_default();
    rules.into_iter().map(|rule| Rule { origin: path.to_string(), ..rule }).collect()
}

/// The JSON text of an embedded file, or its syntax error reported with the line.
fn embedded_text<'a>(path: &str, content: &'a FileContent, problems: &mut Vec<RulesProblem>) -> Option<&'a str> {
    match content {
        FileContent::Json(text) => Some(text),
        FileContent::Unreadable { line, message } => {
            problems.push(RulesProblem::new(path, None, Issue::NotToml(message.to_string())).at_line(*line));
            None
        }
    }
}

/// A file's top level in the file's order: each key with its value still as JSON text,
/// so every list entry can be read (and fail) on its own.
struct Table<'a>(Vec<(String, &'a RawValue)>);

impl<'a> Table<'a> {
    /// The value of `key`, if the file has it.
    fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.0.iter().find(|(name, _)| name == key).map(|(_, value)| *value)
    }

    /// The keys in the file's order.
    fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(name, _)| name)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Table<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Collects the entries of a JSON object.
        struct Entries<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Entries<'a> {
            type Value = Table<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(self, mut map: M) -> Result<Table<'a>, M::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Table(entries))
            }
        }
        deserializer.deserialize_map(Entries(std::marker::PhantomData))
    }
}

/// Parses JSON text whose top level must be an object.
fn read_table<'a>(path: &str, text: &'a str, problems: &mut Vec<RulesProblem>) -> Option<Table<'a>> {
    match serde_json::from_str(text) {
        Ok(table) => Some(table),
        Err(error) if error.is_data() => {
            problems.push(RulesProblem::new(path, None, Issue::NotAnObject));
            None
        }
        Err(error) => {
            let issue = Issue::NotJson { problem: JsonProblem::of(&error), line: error.line(), column: error.column() };
            problems.push(RulesProblem::new(path, None, issue));
            None
        }
    }
}

/// Just the `id` of an entry, to name it when the entry itself cannot be read.
#[derive(Deserialize)]
struct IdOnly {
    id: Option<String>,
}

/// The `id` of the JSON object `text`, if it has a text one.
fn id_of(text: &str) -> Option<String> {
    serde_json::from_str::<IdOnly>(text).ok().and_then(|entry| entry.id)
}

/// Reads a whole file as one value (header, template).
fn whole<T: DeserializeOwned>(path: &str, text: &str, problems: &mut Vec<RulesProblem>) -> Option<T> {
    match serde_json::from_str(text) {
        Ok(value) => Some(value),
        Err(error) => {
            problems.push(RulesProblem::new(path, id_of(text).as_deref(), Issue::Unreadable(JsonProblem::of(&error))));
            None
        }
    }
}

/// Reads the file `text` as the list `key` (`[[key]]` in TOML); `None` when the file is
/// not a JSON object or has no such list. A file that is exactly that list, every entry
/// readable, is read in one pass (every library file, as the tests check); any other is
/// read entry by entry, so each problem is reported with the entry it is in.
fn list<T: DeserializeOwned>(path: &str, text: &str, key: &str, problems: &mut Vec<RulesProblem>) -> Option<Vec<T>> {
    if let Ok(OnlyList(values)) = OnlyList::read(text, key) {
        return Some(values);
    }
    let table = read_table(path, text, problems)?;
    entries(path, &table, key, problems)
}

/// A JSON object whose only key is the list being read, with every entry readable.
struct OnlyList<T>(Vec<T>);

impl<T: DeserializeOwned> OnlyList<T> {
    /// `text` as the object `{ key: [ ... ] }`; an error for anything else.
    fn read(text: &str, key: &str) -> serde_json::Result<OnlyList<T>> {
        use serde::de::DeserializeSeed;
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let list = OnlyListSeed { key, entries: std::marker::PhantomData }.deserialize(&mut deserializer)?;
        deserializer.end()?;
        Ok(list)
    }
}

/// Reads [`OnlyList`] for one key.
struct OnlyListSeed<'k, T> {
    key: &'k str,
    entries: std::marker::PhantomData<T>,
}

impl<'de, T: DeserializeOwned> serde::de::DeserializeSeed<'de> for OnlyListSeed<'_, T> {
    type Value = OnlyList<T>;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: DeserializeOwned> serde::de::Visitor<'de> for OnlyListSeed<'_, T> {
    type Value = OnlyList<T>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "an object with only the list `{}`", self.key)
    }
    fn visit_map<M: serde::de::MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        use serde::de::Error;
        let Some(found) = map.next_key::<Cow<'de, str>>()? else { return Err(M::Error::custom("no list")) };
        if found != self.key {
            return Err(M::Error::custom("another key"));
        }
        let values = map.next_value()?;
        if map.next_key::<serde::de::IgnoredAny>()?.is_some() {
            return Err(M::Error::custom("another key"));
        }
        Ok(OnlyList(values))
    }
}

/// Reads the list `key` (`[[key]]` in TOML) entry by entry. Returns `None` when the file
/// has no such list at all; unknown top-level keys are reported.
fn entries<T: DeserializeOwned>(
    path: &str,
    table: &Table<'_>,
    key: &str,
    problems: &mut Vec<RulesProblem>,
) -> Option<Vec<T>> {
    for other in table.keys().filter(|other| other.as_str() != key) {
        let issue = Issue::UnknownSection { found: other.clone(), expected: key.to_string() };
        problems.push(RulesProblem::new(path, None, issue));
    }
    let Some(items) = table.get(key).and_then(|list| serde_json::from_str::<Vec<&RawValue>>(list.get()).ok()) else {
        problems.push(RulesProblem::new(path, None, Issue::NoEntries(key.to_string())));
        return None;
    };
    let mut values = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        match serde_json::from_str(item.get()) {
            Ok(value) => values.push(value),
            Err(error) => {
                let label = id_of(item.get()).unwrap_or_else(|| format!("{key} {}", index + 1));
                problems.push(RulesProblem::new(path, Some(&label), Issue::Unreadable(JsonProblem::of(&error))));
            }
        }
    }
    Some(values)
}

/// Reads a user's rules file: JSON (`{"rule": [ ... ]}`) when the name ends in `.json`,
/// otherwise TOML in the format of a sector file — TOML only in the native build; the web
/// app reads JSON. Only parsing; validation is the caller's.
pub(crate) fn read_rules_file(file_name: &str, text: &str, problems: &mut Vec<RulesProblem>) -> Vec<Rule> {
    let toml_as_json;
    let json = if file_name.to_ascii_lowercase().ends_with(".json") {
        Some(text)
    } else {
        toml_as_json = user_toml_as_json(file_name, text, problems);
        toml_as_json.as_deref()
    };
    let rules: Vec<Rule> = json.and_then(|json| list(file_name, json, "rule", problems)).unwrap_or_default();
    rules.into_iter().map(|rule| Rule { origin: file_name.to_string(), ..rule }).collect()
}

/// A user's TOML rules file as JSON, converted like the library files.
#[cfg(not(target_arch = "wasm32"))]
fn user_toml_as_json(file_name: &str, text: &str, problems: &mut Vec<RulesProblem>) -> Option<String> {
    embedded_text(file_name, &FileContent::from_toml(text), problems).map(str::to_string)
}

/// The web app reads own rules as JSON only.
#[cfg(target_arch = "wasm32")]
fn user_toml_as_json(file_name: &str, _text: &str, problems: &mut Vec<RulesProblem>) -> Option<String> {
    problems.push(RulesProblem::new(file_name, None, Issue::JsonOnlyInApp));
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
    crate::core::json_text::pretty(&RulesFile { rule: rules })
}

/// Writes rules in the format of a sector file (`[[rule]]` tables). Reading the result
/// with [`read_rules_file`] gives the same rules back.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn write_rules_toml(rules: &[Rule]) -> Result<String, toml::ser::Error> {
    let header = "# Eigen regels (verordening of beleidsregel), in het formaat van rules/sectoren/*.toml.\n\
                  # Zie docs/rules-schema.md in Cirkelbreker.\n\n";
    Ok(format!("{header}{}", toml::to_string(&RulesFile { rule: rules })?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entries of `key` in `text` read one by one, and read in one pass, as JSON.
    fn both_ways<T: DeserializeOwned + Serialize>(
        path: &str,
        text: &str,
        key: &str,
    ) -> (serde_json::Value, serde_json::Value) {
        let mut problems = Vec::new();
        let table = read_table(path, text, &mut problems).expect("a JSON object");
        let one_by_one: Vec<T> = entries(path, &table, key, &mut problems).expect("the list");
        assert!(problems.is_empty(), "{path}: {problems:?}");
        let OnlyList(one_pass) = OnlyList::<T>::read(text, key).unwrap_or_else(|error| panic!("{path}: {error}"));
        (serde_json::to_value(one_by_one).expect("writable"), serde_json::to_value(one_pass).expect("writable"))
    }

    #[test]
    fn every_library_list_is_read_in_one_pass_as_entry_by_entry() {
        let mut lists = 0;
        for (path, content) in embedded_files() {
            let FileContent::Json(text) = content else { panic!("{path} is not readable") };
            let (one_by_one, one_pass) = match FileKind::of(path) {
                Some(FileKind::Rules) => both_ways::<Rule>(path, text, "rule"),
                Some(FileKind::Instruments) => both_ways::<Instrument>(path, text, "instrument"),
                Some(FileKind::Sectors) => both_ways::<Sector>(path, text, "sector"),
                Some(FileKind::Levels) => both_ways::<MandateLevelInfo>(path, text, "level"),
                Some(FileKind::Checklist) => both_ways::<ChecklistItem>(path, text, "item"),
                _ => continue,
            };
            assert_eq!(one_by_one, one_pass, "{path}");
            lists += 1;
        }
        assert!(lists >= 5, "only {lists} list files");
    }

    #[test]
    fn a_file_with_more_than_its_list_is_not_read_in_one_pass() {
        assert!(OnlyList::<Sector>::read(r#"{"sector": []}"#, "sector").is_ok());
        assert!(OnlyList::<Sector>::read(r#"{"sector": [], "extra": 1}"#, "sector").is_err());
        assert!(OnlyList::<Sector>::read(r#"{"extra": 1, "sector": []}"#, "sector").is_err());
        assert!(OnlyList::<Sector>::read(r#"{}"#, "sector").is_err());
        assert!(OnlyList::<Sector>::read(r#"{"sector": [{"id": 3}]}"#, "sector").is_err());
        assert!(OnlyList::<Sector>::read(r#"{"sector": []} trailing"#, "sector").is_err());
    }
}
