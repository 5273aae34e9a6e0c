//! The Regelbibliotheek: sourced Dutch social-domain rules, the breakthrough instruments
//! that can set them aside, mandate levels M0..M9, a general mandate checklist and the
//! canonical vicious cycles as case templates. The data lives in `rules/` as TOML; the
//! build converts it to JSON and compiles it in (`build.rs`), so the app, the CLI and the
//! tests read the same data and the web app ships no TOML parser.
//!
//! Loading never panics and never stops at the first problem: [`builtin`] returns every
//! valid item together with every problem (file, line or id). Users' own rules (a
//! municipal ordinance or policy rule) use the format of a sector file — JSON in the app,
//! JSON or TOML on the command line — and pass the same checks ([`parse_user_rules`],
//! [`Library::with_user_rules`]).

#[cfg(not(target_arch = "wasm32"))]
mod convert;
mod id;
mod load;
mod map;
mod own;
mod problem;
mod rule_list;
pub mod schema;
mod search;
mod validate;

pub use id::id_prefix;
pub use load::{embedded_files, FileContent};
pub use map::{merge_rule, rule_on_link, template_case, Merged, RuleOnLink};
pub use own::{add_own_rule, import_own_rules, replace_own_rule, FormLink, OwnRuleForm, OWN_RULES_ORIGIN};
pub use problem::{Issue, ItemKind, RulesProblem};
pub use schema::{
    ChecklistItem, Holder, Instrument, InstrumentKind, InstrumentRef, LegalSource, LibraryHeader, MandateLevelInfo,
    Rule, RuleFactor, RuleLink, Sector, Status, Template, TemplateFactor, TemplateLink, VerificationStatus,
    SCHEMA_VERSION,
};

use crate::core::mandate::{Breakthrough, MandateSource};
use crate::core::model::MandateLevel;
use load::{FileKind, SectorFiles};
use rule_list::RuleList;
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};
use validate::{Known, Strictness};

/// The whole library: sectors, mandate levels, instruments, rules, templates and the
/// mandate checklist. Everything in it passed validation. Copies share its lists.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Library {
    header: LibraryHeader,
    sectors: Arc<[Sector]>,
    levels: Arc<[MandateLevelInfo]>,
    instruments: Arc<[Instrument]>,
    rules: RuleList,
    templates: Arc<[Template]>,
    checklist: Arc<[ChecklistItem]>,
}

/// The library compiled into this build, with every problem found in it.
pub fn builtin() -> (Library, Vec<RulesProblem>) {
    cached_builtin().clone()
}

/// Parses the embedded files once per process. Native builds (the CLI, the tests) check
/// the library as they load it; the web app trusts the embedded files, which passed the
/// same checks in the tests before they could ship, and so carries no library checks
/// (5 KB of wasm; own rules are still checked in full).
fn cached_builtin() -> &'static (Library, Vec<RulesProblem>) {
    static BUILTIN: OnceLock<(Library, Vec<RulesProblem>)> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        if cfg!(target_arch = "wasm32") {
            load_checked_files(embedded_files())
        } else {
            load_files(embedded_files())
        }
    })
}

/// Loads files that already passed [`load_files`] without problems, without checking
/// them again: only a file that cannot be parsed is reported. The sector files are read
/// when the rules are first asked for, and nothing reports on that reading: the tests load
/// the same files with [`load_files`] too and compare (`tests/rules_library.rs`).
pub fn load_checked_files(files: &'static [(&'static str, FileContent)]) -> (Library, Vec<RulesProblem>) {
    let mut problems = Vec::new();
    let parsed = load::parse_files(files, SectorFiles::Later, &mut problems);
    let library = Library {
        header: parsed.header.unwrap_or_default(),
        sectors: parsed.sectors.unwrap_or_default().into(),
        levels: parsed.levels.unwrap_or_default().into(),
        instruments: parsed.instruments.unwrap_or_default().into(),
        rules: RuleList::later(files),
        templates: parsed.templates.into_iter().map(|(_, template)| template).collect(),
        checklist: parsed.checklist.unwrap_or_default().into(),
    };
    (library, problems)
}

/// Loads a library from `(path, content)` pairs laid out like `rules/` (see
/// [`embedded_files`]). Returns everything valid plus every problem; a broken file only
/// takes its own items out.
pub fn load_files(files: &[(&str, FileContent)]) -> (Library, Vec<RulesProblem>) {
    let mut problems = Vec::new();
    let parsed = load::parse_files(files, SectorFiles::Read, &mut problems);
    let path_of = |kind: FileKind| {
        files.iter().map(|(path, _)| *path).find(|path| FileKind::of(path) == Some(kind)).unwrap_or("rules/")
    };
    for (kind, name) in [
        (FileKind::Header, "rules/library.toml"),
        (FileKind::Sectors, "rules/sectors.toml"),
        (FileKind::Levels, "rules/mandate_levels.toml"),
        (FileKind::Instruments, "rules/instruments.toml"),
        (FileKind::Checklist, "rules/checklist.toml"),
    ] {
        if !files.iter().any(|(path, _)| FileKind::of(path) == Some(kind)) {
            problems.push(RulesProblem::new(name, None, Issue::MissingFile));
        }
    }

    let header = match parsed.header {
        Some(header) => {
            validate::header(path_of(FileKind::Header), &header, &mut problems);
            header
        }
        None => LibraryHeader::default(),
    };
    let sectors_read = parsed.sectors.is_some();
    let sectors = validate::sectors(path_of(FileKind::Sectors), parsed.sectors.unwrap_or_default(), &mut problems);
    let levels = validate::levels(path_of(FileKind::Levels), parsed.levels.unwrap_or_default(), &mut problems);
    let instruments_read = parsed.instruments.is_some();
    let instruments =
        validate::instruments(path_of(FileKind::Instruments), parsed.instruments.unwrap_or_default(), &mut problems);
    let checklist =
        validate::checklist(path_of(FileKind::Checklist), parsed.checklist.unwrap_or_default(), &mut problems);

    let mut known = Known {
        sectors: sectors_read.then(|| sectors.iter().map(|sector| sector.id.clone()).collect()),
        instruments: instruments_read.then(|| instruments.iter().map(|instrument| instrument.id.clone()).collect()),
        templates: Some(parsed.templates.iter().map(|(_, template)| template.id.clone()).collect()),
        ..Known::default()
    };
    let rules = RuleList::given(validate::rules(parsed.rules, &mut known, Strictness::Library, &mut problems));
    let templates = validate::templates(parsed.templates, &mut known, &mut problems);
    let library = Library {
        header,
        sectors: sectors.into(),
        levels: levels.into(),
        instruments: instruments.into(),
        rules,
        templates: templates.into(),
        checklist: checklist.into(),
    };
    (library, problems)
}

/// Reads a user's own rules file (a municipal ordinance or policy rule) in the format of
/// a sector file — JSON (`{"rule": [ … ]}`) when the name ends in `.json`, otherwise TOML
/// (native builds only; the web app reads JSON) — and validates it with the library's
/// checks against the built-in library: ids unique, references resolving, at least one
/// source. Returns the valid rules and every problem.
pub fn parse_user_rules(file_name: &str, text: &str) -> (Vec<Rule>, Vec<RulesProblem>) {
    let mut problems = Vec::new();
    let rules = load::read_rules_file(file_name, text, &mut problems);
    let (library, _) = cached_builtin();
    let mut known = library.known();
    let valid = validate::rules(rules, &mut known, Strictness::User, &mut problems);
    (valid, problems)
}

/// Writes rules as a TOML file in the format of a sector file; [`parse_user_rules`] reads
/// it back. Native builds only: the web app exports JSON ([`write_user_rules_json`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn write_user_rules(rules: &[Rule]) -> Result<String, toml::ser::Error> {
    load::write_rules_toml(rules)
}

/// Writes rules as a JSON file (`{"rule": [ … ]}`, the schema of a sector file);
/// [`parse_user_rules`] reads it back under a `.json` name. This is the app's export.
pub fn write_user_rules_json(rules: &[Rule]) -> Result<String, serde_json::Error> {
    load::write_rules_json(rules)
}

impl Library {
    /// The edition and schema version of the library.
    pub fn header(&self) -> &LibraryHeader {
        &self.header
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.get().iter().find(|rule| rule.id == id)
    }

    /// The instrument with this id.
    pub fn instrument(&self, id: &str) -> Option<&Instrument> {
        self.instruments.iter().find(|instrument| instrument.id == id)
    }

    /// The sector with this id.
    pub fn sector(&self, id: &str) -> Option<&Sector> {
        self.sectors.iter().find(|sector| sector.id == id)
    }

    /// The template with this id.
    pub fn template(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|template| template.id == id)
    }

    /// The name of a mandate level.
    pub fn mandate_level(&self, level: MandateLevel) -> Option<&MandateLevelInfo> {
        self.levels.iter().find(|info| info.id == level)
    }

    /// All sectors, in file order.
    pub fn sectors(&self) -> &[Sector] {
        &self.sectors
    }

    /// All rules, in file order (sector files, then user rules).
    pub fn rules(&self) -> &[Rule] {
        self.rules.get()
    }

    /// All instruments, in file order.
    pub fn instruments(&self) -> &[Instrument] {
        &self.instruments
    }

    /// All templates, by id.
    pub fn templates(&self) -> &[Template] {
        &self.templates
    }

    /// The general mandate checklist, in order.
    pub fn checklist(&self) -> &[ChecklistItem] {
        &self.checklist
    }

    /// The mandate levels M0..M9.
    pub fn mandate_levels(&self) -> &[MandateLevelInfo] {
        &self.levels
    }

    /// The rules of one sector.
    pub fn rules_in_sector<'a>(&'a self, sector: &'a str) -> impl Iterator<Item = &'a Rule> + 'a {
        self.rules.get().iter().filter(move |rule| rule.sector == sector)
    }

    /// A copy of this library with the user's rules added, after the same checks as
    /// [`parse_user_rules`] but against this library. Invalid rules are left out and
    /// reported.
    pub fn with_user_rules(&self, user: Vec<Rule>) -> (Library, Vec<RulesProblem>) {
        let mut problems = Vec::new();
        let mut known = self.known();
        let valid = validate::rules(user, &mut known, Strictness::User, &mut problems);
        let rules = self.rules.get().iter().cloned().chain(valid).collect();
        (Library { rules: RuleList::given(rules), ..self.clone() }, problems)
    }

    /// The ids and factor labels user rules are checked against, and the built-in
    /// library's id prefixes they may not use.
    fn known(&self) -> Known {
        let mut known = Known {
            sectors: Some(self.sectors.iter().map(|sector| sector.id.clone()).collect()),
            instruments: Some(self.instruments.iter().map(|instrument| instrument.id.clone()).collect()),
            templates: Some(self.templates.iter().map(|template| template.id.clone()).collect()),
            rules: self.rules().iter().map(|rule| rule.id.clone()).collect::<HashSet<_>>(),
            reserved_prefixes: cached_builtin()
                .0
                .rules()
                .iter()
                .filter_map(|rule| id_prefix(&rule.id))
                .map(str::to_ascii_uppercase)
                .collect(),
            ..Known::default()
        };
        for rule in self.rules() {
            for factor in &rule.factors {
                known
                    .factors
                    .entry(factor.id.clone())
                    .or_insert_with(|| (factor.label_nl.clone(), factor.kind, rule.id.clone()));
            }
        }
        known
    }
}

impl MandateSource for Library {
    /// The instrument of the rule with the lowest mandate level (the first one listed on
    /// a tie), among instruments the library knows.
    fn cheapest_breakthrough(&self, rule: &str) -> Option<Breakthrough> {
        self.rule(rule)?
            .instruments
            .iter()
            .filter(|reference| self.instrument(&reference.id).is_some())
            .min_by_key(|reference| reference.level)
            .map(|reference| Breakthrough { instrument: reference.id.clone(), level: reference.level })
    }

    fn decision_holder(&self, rule: &str) -> Option<MandateLevel> {
        self.rule(rule).map(|rule| rule.decision_holder.level)
    }
}
