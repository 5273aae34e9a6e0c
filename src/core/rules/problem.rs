//! What can be wrong with a rules file or an own rule, as data: a [`RulesProblem`] says
//! where (file, line, item id) and its [`Issue`] what, in Dutch or English through
//! `message(lang)`. The loader, the checks and the own-rule changes make them; the app and
//! the CLI say them.

use crate::core::json_message::JsonProblem;
use crate::core::lang::Lang;
use std::fmt;

/// A problem found while loading or checking rules: the file, the line or item id where
/// known, and what is wrong. `Display` is Dutch (the CLI's language).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulesProblem {
    /// The file (`rules/sectoren/wonen.toml`, or the name of a user's file).
    pub file: String,
    /// The line in the file (from 1), for a syntax error.
    pub line: Option<u32>,
    /// The id of the rule, instrument, sector, ... if the problem is about one item.
    pub id: Option<String>,
    /// What is wrong.
    pub issue: Issue,
}

impl RulesProblem {
    /// A problem in `file`, about item `id` if given.
    pub fn new(file: &str, id: Option<&str>, issue: Issue) -> RulesProblem {
        RulesProblem { file: file.to_string(), line: None, id: id.map(str::to_string), issue }
    }

    /// The same problem, placed at `line` of the file.
    pub fn at_line(self, line: Option<u32>) -> RulesProblem {
        RulesProblem { line, ..self }
    }

    /// The problem with its place, `file:line [id]: what`, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let mut text = self.file.clone();
        if let Some(line) = self.line {
            text.push_str(&format!(":{line}"));
        }
        if let Some(id) = &self.id {
            text.push_str(&format!(" [{id}]"));
        }
        format!("{text}: {}", self.issue.message(lang))
    }
}

impl fmt::Display for RulesProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Nl))
    }
}

impl std::error::Error for RulesProblem {}

/// The kinds of item a rules library holds, as problems name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A sector (`sectors.toml`).
    Sector,
    /// A mandate level (`mandate_levels.toml`).
    Level,
    /// An instrument (`instruments.toml`, or a rule's instrument).
    Instrument,
    /// A mandate checklist item (`checklist.toml`).
    Checklist,
    /// A rule.
    Rule,
    /// A template, a canonical vicious cycle (`templates/*.toml`).
    Template,
}

impl ItemKind {
    /// The kind's name in `lang`, as the first part of a compound ("sector" in
    /// "sector-id"), with the article for a reference.
    fn names(self, lang: Lang) -> (&'static str, &'static str) {
        match (self, lang) {
            (ItemKind::Sector, Lang::Nl) => ("sector", "onbekende sector"),
            (ItemKind::Sector, Lang::En) => ("sector", "unknown sector"),
            (ItemKind::Level, Lang::Nl) => ("mandaatniveau", "onbekend mandaatniveau"),
            (ItemKind::Level, Lang::En) => ("mandate level", "unknown mandate level"),
            (ItemKind::Instrument, Lang::Nl) => ("instrument", "onbekend instrument"),
            (ItemKind::Instrument, Lang::En) => ("instrument", "unknown instrument"),
            (ItemKind::Checklist, Lang::Nl) => ("checklist", "onbekend checklistpunt"),
            (ItemKind::Checklist, Lang::En) => ("checklist", "unknown checklist item"),
            (ItemKind::Rule, Lang::Nl) => ("regel", "onbekende regel"),
            (ItemKind::Rule, Lang::En) => ("rule", "unknown rule"),
            (ItemKind::Template, Lang::Nl) => ("sjabloon", "onbekende cirkel"),
            (ItemKind::Template, Lang::En) => ("template", "unknown cycle"),
        }
    }

    /// Whether this kind's ids are lowercase slugs (`a-z`, `0-9`, `_`) rather than codes
    /// (letters, digits and `-`).
    fn uses_slugs(self) -> bool {
        matches!(self, ItemKind::Sector | ItemKind::Checklist | ItemKind::Level)
    }
}

/// What is wrong with a rules file, an item in it, or an own rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Issue {
    // The files.
    /// A file in the library directory that is none of the kinds the library knows.
    UnknownFile,
    /// A file the library needs is not there.
    MissingFile,
    /// Not valid TOML: the TOML reader's own (English) words.
    NotToml(String),
    /// Not valid JSON, at a line and column.
    NotJson {
        /// What serde_json found.
        problem: JsonProblem,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The file's top level is not an object.
    NotAnObject,
    /// An item (or the whole file) cannot be read as what it should be.
    Unreadable(JsonProblem),
    /// A part at the top level that the file should not have.
    UnknownSection {
        /// The part found.
        found: String,
        /// The list the file should hold (`rule`).
        expected: String,
    },
    /// The file holds none of the list it should hold (`rule`).
    NoEntries(String),
    /// The app reads own rules as JSON only; this file is not.
    JsonOnlyInApp,
    /// The file is not UTF-8 text.
    NotText,
    /// The browser could not read the file.
    FileUnreadable,
    /// The file holds no rules.
    NoRules,

    // The library header.
    /// A schema version this build does not read.
    SchemaVersion(u32),

    // Any item.
    /// A required text is empty (the schema's field name).
    EmptyField(String),
    /// A Dutch text without its English one (the Dutch field's name).
    MissingEnglish(String),
    /// Not a date `YYYY-MM-DD`.
    NotDate {
        /// The field.
        field: String,
        /// What it holds.
        value: String,
    },
    /// No source URL at all.
    NoSource,
    /// A source that is not an http(s) address.
    NotUrl(String),
    /// An id with characters its kind does not allow.
    BadId(ItemKind),
    /// An id used twice (for a rule: one the library has already).
    DuplicateId(ItemKind),
    /// A reference to an item the library does not have.
    UnknownReference {
        /// What kind of item.
        kind: ItemKind,
        /// The id referred to.
        id: String,
    },

    // Sectors and levels.
    /// A colour that is not `#rrggbb`.
    NotAColour(String),
    /// A line colour with too little contrast on white.
    LowContrast {
        /// The colour.
        colour: String,
        /// Its contrast ratio on white, with two decimals.
        ratio: String,
    },
    /// A mandate level M0..M9 missing from the list.
    LevelMissing,

    // Rules and templates.
    /// An own rule's id without the municipality's prefix.
    NoOwnPrefix,
    /// An own rule's id with a prefix of the built-in library.
    ReservedPrefix(String),
    /// The same rule id twice in one imported file.
    DuplicateInFile,
    /// The own rule being changed is gone.
    OwnRuleGone,
    /// A library rule without `valid_from`: no date from which its text holds.
    NoStartDate,
    /// `valid_from` after `valid_until`.
    ValidFromAfterUntil {
        /// In force from.
        from: String,
        /// In force until.
        until: String,
    },
    /// A rule without a legal basis.
    NoLegalSource,
    /// A rule or template without links.
    NoLinks,
    /// A factor id with characters other than `a-z`, `0-9`, `_`.
    BadFactorId(String),
    /// A factor declared twice in one rule or template.
    DuplicateFactor(String),
    /// A link naming a factor that the rule or template does not declare.
    UndeclaredFactor {
        /// The link's cause.
        from: String,
        /// The link's effect.
        to: String,
        /// The end that is not declared.
        end: String,
    },
    /// A declared factor that no link uses.
    UnusedFactor(String),
    /// A template factor without a valid position.
    NoPosition(String),
    /// A factor id used with another label or kind elsewhere in the library.
    FactorMismatch {
        /// The factor id.
        id: String,
        /// Its label here.
        label: String,
        /// Its kind here.
        kind: String,
        /// The rule or template that declared it first.
        first_owner: String,
        /// Its label there.
        first_label: String,
        /// Its kind there.
        first_kind: String,
    },
}

impl Issue {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        let say = |dutch: &str, english: &str| if nl { dutch } else { english }.to_string();
        match self {
            Issue::UnknownFile => say("onbekend bestand in de regelbibliotheek", "unknown file in the rules library"),
            Issue::MissingFile => say("bestand ontbreekt in de bibliotheek", "file missing from the library"),
            Issue::NotToml(words) if nl => format!("geen geldige TOML; de TOML-lezer meldt (in het Engels): {words}"),
            Issue::NotToml(words) => format!("not valid TOML: {words}"),
            Issue::NotJson { problem, line, column } if nl => {
                format!("geen geldige JSON: {} (regel {line}, kolom {column})", problem.message(lang))
            }
            Issue::NotJson { problem, line, column } => {
                format!("not valid JSON: {} (line {line}, column {column})", problem.message(lang))
            }
            Issue::NotAnObject => {
                say("de inhoud is geen object met onderdelen", "the content is not an object with parts")
            }
            Issue::Unreadable(problem) if nl => format!("onleesbaar: {}", problem.message(lang)),
            Issue::Unreadable(problem) => format!("unreadable: {}", problem.message(lang)),
            Issue::UnknownSection { found, expected } if nl => {
                format!("onbekend onderdeel '{found}' (verwacht: [[{expected}]])")
            }
            Issue::UnknownSection { found, expected } => format!("unknown part '{found}' (expected: [[{expected}]])"),
            Issue::NoEntries(key) if nl => format!("geen [[{key}]]-onderdelen gevonden"),
            Issue::NoEntries(key) => format!("no [[{key}]] parts found"),
            Issue::JsonOnlyInApp => say(
                "eigen regels worden in de app als JSON-bestand (.json) ingelezen; exporteer ze in dat formaat",
                "the app imports own rules as a JSON file (.json); export them in that format",
            ),
            Issue::NotText => say("het bestand is geen tekstbestand (UTF-8)", "the file is not a text file (UTF-8)"),
            Issue::FileUnreadable => {
                say("de browser kon het bestand niet lezen", "the browser could not read the file")
            }
            Issue::NoRules => say("het bestand bevat geen regels", "the file holds no rules"),
            Issue::SchemaVersion(version) => {
                let supported = super::SCHEMA_VERSION;
                if nl {
                    format!("schemaversie {version} wordt niet ondersteund (deze versie leest {supported})")
                } else {
                    format!("schema version {version} is not supported (this version reads {supported})")
                }
            }
            Issue::EmptyField(field) if nl => format!("veld '{field}' is leeg"),
            Issue::EmptyField(field) => format!("field '{field}' is empty"),
            Issue::MissingEnglish(field) if nl => {
                format!("Engelse tekst ontbreekt: '{field}' heeft geen '{}'", english_field(field))
            }
            Issue::MissingEnglish(field) => {
                format!("English text missing: '{field}' has no '{}'", english_field(field))
            }
            Issue::NotDate { field, value } if nl => format!("veld '{field}' is geen datum JJJJ-MM-DD: '{value}'"),
            Issue::NotDate { field, value } => format!("field '{field}' is not a date YYYY-MM-DD: '{value}'"),
            Issue::NoSource => say(
                "heeft geen enkele bron (minstens één URL vereist)",
                "has no source at all (at least one URL is required)",
            ),
            Issue::NotUrl(source) if nl => format!("bron '{source}' is geen http(s)-adres"),
            Issue::NotUrl(source) => format!("source '{source}' is not an http(s) address"),
            Issue::BadId(kind) => {
                let (name, _) = kind.names(lang);
                match (kind.uses_slugs(), nl) {
                    (true, true) => format!("{name}-id mag alleen kleine letters, cijfers en '_' bevatten"),
                    (true, false) => format!("a {name} id may hold only lowercase letters, digits and '_'"),
                    (false, true) => format!("{name}-id mag alleen letters, cijfers en '-' bevatten"),
                    (false, false) => format!("a {name} id may hold only letters, digits and '-'"),
                }
            }
            Issue::DuplicateId(ItemKind::Rule) => {
                say("regel-id bestaat al in de bibliotheek", "the rule id exists already in the library")
            }
            Issue::DuplicateId(ItemKind::Level) => {
                say("mandaatniveau komt twee keer voor", "mandate level appears twice")
            }
            Issue::DuplicateId(kind) if nl => format!("{}-id komt twee keer voor", kind.names(lang).0),
            Issue::DuplicateId(kind) => format!("the {} id appears twice", kind.names(lang).0),
            Issue::UnknownReference { kind, id } if nl => format!("verwijst naar {} '{id}'", kind.names(lang).1),
            Issue::UnknownReference { kind, id } => format!("refers to an {} '{id}'", kind.names(lang).1),
            Issue::NotAColour(colour) if nl => format!("kleur '{colour}' is geen #rrggbb"),
            Issue::NotAColour(colour) => format!("colour '{colour}' is not #rrggbb"),
            Issue::LowContrast { colour, ratio } if nl => {
                format!("kleur {colour} heeft contrast {ratio}:1 op wit; minimaal 3:1 nodig voor lijnen")
            }
            Issue::LowContrast { colour, ratio } => {
                format!("colour {colour} has contrast {ratio}:1 on white; lines need at least 3:1")
            }
            Issue::LevelMissing => say("mandaatniveau ontbreekt", "mandate level missing"),
            Issue::NoOwnPrefix => say(
                "regel-id begint niet met het voorvoegsel van de gemeente en een '-', bijvoorbeeld ZWD-01",
                "the rule id does not start with the municipality's prefix and a '-', for example ZWD-01",
            ),
            Issue::ReservedPrefix(prefix) if nl => format!(
                "voorvoegsel '{prefix}' hoort bij de regelbibliotheek; gebruik het voorvoegsel van de gemeente, \
                 bijvoorbeeld ZWD-01"
            ),
            Issue::ReservedPrefix(prefix) => format!(
                "prefix '{prefix}' belongs to the rules library; use the municipality's prefix, for example ZWD-01"
            ),
            Issue::DuplicateInFile => {
                say("regel-id komt twee keer voor in het bestand", "the rule id appears twice in the file")
            }
            Issue::OwnRuleGone => say("deze eigen regel bestaat niet meer", "this own rule no longer exists"),
            Issue::NoStartDate => say(
                "heeft geen ingangsdatum (valid_from): zoek een gedateerde bron voor de datum waarop de tekst ingaat",
                "has no start date (valid_from): find a dated source for the day its text takes effect",
            ),
            Issue::ValidFromAfterUntil { from, until } if nl => {
                format!("valid_from {from} ligt na valid_until {until}")
            }
            Issue::ValidFromAfterUntil { from, until } => format!("valid_from {from} is after valid_until {until}"),
            Issue::NoLegalSource => {
                say("heeft geen juridische grondslag (legal_sources)", "has no legal basis (legal_sources)")
            }
            Issue::NoLinks => say("legt geen enkel verband (links)", "makes no link at all (links)"),
            Issue::BadFactorId(id) if nl => {
                format!("factor-id '{id}' mag alleen kleine letters, cijfers en '_' bevatten")
            }
            Issue::BadFactorId(id) => format!("factor id '{id}' may hold only lowercase letters, digits and '_'"),
            Issue::DuplicateFactor(id) if nl => format!("factor '{id}' komt twee keer voor"),
            Issue::DuplicateFactor(id) => format!("factor '{id}' appears twice"),
            Issue::UndeclaredFactor { from, to, end } if nl => {
                format!("verband {from} → {to} noemt factor '{end}' die niet gedeclareerd is")
            }
            Issue::UndeclaredFactor { from, to, end } => {
                format!("link {from} → {to} names factor '{end}', which is not declared")
            }
            Issue::UnusedFactor(id) if nl => format!("factor '{id}' komt in geen enkel verband voor"),
            Issue::UnusedFactor(id) => format!("factor '{id}' is in no link"),
            Issue::NoPosition(id) if nl => format!("factor '{id}' heeft geen geldige positie"),
            Issue::NoPosition(id) => format!("factor '{id}' has no valid position"),
            Issue::FactorMismatch { id, label, kind, first_owner, first_label, first_kind } if nl => format!(
                "factor '{id}' heet hier '{label}' ({kind}), maar in {first_owner} '{first_label}' ({first_kind}); \
                 gebruik één label en soort per factor-id"
            ),
            Issue::FactorMismatch { id, label, kind, first_owner, first_label, first_kind } => format!(
                "factor '{id}' is called '{label}' ({kind}) here, but '{first_label}' ({first_kind}) in {first_owner}; \
                 use one label and kind per factor id"
            ),
        }
    }
}

/// The English counterpart of a Dutch field name: `role_nl` → `role_en`,
/// `verification` → `verification_en`.
fn english_field(field: &str) -> String {
    match field.strip_suffix("_nl") {
        Some(stem) => format!("{stem}_en"),
        None => format!("{field}_en"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_is_said_in_both_languages_with_its_place() {
        let problem = RulesProblem::new(
            "eigen.json",
            Some("ZWD-01"),
            Issue::UnknownReference { kind: ItemKind::Sector, id: "sport".into() },
        );
        assert_eq!(problem.to_string(), "eigen.json [ZWD-01]: verwijst naar onbekende sector 'sport'");
        assert_eq!(problem.message(Lang::En), "eigen.json [ZWD-01]: refers to an unknown sector 'sport'");
        let syntax = RulesProblem::new("a.toml", None, Issue::NotToml("expected `=`".into())).at_line(Some(3));
        assert_eq!(syntax.message(Lang::En), "a.toml:3: not valid TOML: expected `=`");
        assert_eq!(
            Issue::MissingEnglish("role_nl".into()).message(Lang::En),
            "English text missing: 'role_nl' has no 'role_en'"
        );
    }
}
