//! The checks every library item and every user rule passes through. A problem with the
//! item itself (no source, an empty name, a link to a factor the rule does not declare, a
//! duplicate id) leaves the item out; a reference to something the library does not know
//! (sector, instrument, rule, template) is reported but, in library files, the item is
//! kept, so that one broken file never empties the rest of the library. Users' own rules
//! are checked against the complete library and left out on any problem.

use super::id::{id_prefix, is_code, is_slug};
use super::problem::{Issue, ItemKind, RulesProblem};
use super::schema::{
    ChecklistItem, Instrument, LibraryHeader, MandateLevelInfo, Rule, Sector, Template, SCHEMA_VERSION,
};
use crate::core::model::{FactorKind, MandateLevel};
use crate::core::number::Fixed;
use crate::core::sorting;
use crate::core::text::fold;
use std::collections::{HashMap, HashSet};

/// The findings about one item.
#[derive(Debug, Default)]
struct Findings {
    /// Problems with the item itself: it is left out.
    fatal: Vec<Issue>,
    /// Dangling references: reported, the item is kept.
    notes: Vec<Issue>,
}

impl Findings {
    fn fatal(&mut self, issue: Issue) {
        self.fatal.push(issue);
    }

    fn note(&mut self, issue: Issue) {
        self.notes.push(issue);
    }

    fn text(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.fatal(Issue::EmptyField(field.to_string()));
        }
    }

    /// Notes a Dutch text without its English counterpart: `rules check` then fails, the
    /// item is kept (the app shows the Dutch text in the English interface meanwhile).
    fn english(&mut self, field: &str, nl: &str, en: &str) {
        if !nl.trim().is_empty() && en.trim().is_empty() {
            self.note(Issue::MissingEnglish(field.to_string()));
        }
    }

    fn sources(&mut self, sources: &[String]) {
        if sources.is_empty() {
            self.fatal(Issue::NoSource);
        }
        for source in sources {
            if !is_url(source) {
                self.fatal(Issue::NotUrl(source.clone()));
            }
        }
    }

    fn date(&mut self, field: &str, value: &str) {
        if !is_date(value) {
            self.fatal(Issue::NotDate { field: field.to_string(), value: value.to_string() });
        }
    }
}

/// Reports the findings of each item and returns the items without fatal problems.
fn sift<T>(
    items: Vec<(String, T)>,
    problems: &mut Vec<RulesProblem>,
    id: impl Fn(&T) -> String,
    mut check: impl FnMut(&T) -> Findings,
) -> Vec<T> {
    let mut kept = Vec::new();
    for (file, item) in items {
        let findings = check(&item);
        let item_id = id(&item);
        for issue in findings.fatal.iter().chain(&findings.notes) {
            problems.push(RulesProblem::new(&file, Some(&item_id), issue.clone()));
        }
        if findings.fatal.is_empty() {
            kept.push(item);
        }
    }
    kept
}

/// Pairs every item with the file it came from.
fn in_file<T>(file: &str, items: Vec<T>) -> Vec<(String, T)> {
    items.into_iter().map(|item| (file.to_string(), item)).collect()
}

/// Checks the library header.
pub(crate) fn header(file: &str, header: &LibraryHeader, problems: &mut Vec<RulesProblem>) {
    if header.schema_version != SCHEMA_VERSION {
        problems.push(RulesProblem::new(file, None, Issue::SchemaVersion(header.schema_version)));
    }
    let mut findings = Findings::default();
    findings.date("sources_until", &header.sources_until);
    findings.english("note_nl", &header.note_nl, &header.note_en);
    for issue in findings.fatal.into_iter().chain(findings.notes) {
        problems.push(RulesProblem::new(file, None, issue));
    }
}

/// Checks the sectors: ids, names and a line colour with at least 3:1 contrast on white.
pub(crate) fn sectors(file: &str, sectors: Vec<Sector>, problems: &mut Vec<RulesProblem>) -> Vec<Sector> {
    let mut seen = HashSet::new();
    sift(
        in_file(file, sectors),
        problems,
        |sector| sector.id.clone(),
        |sector| {
            let mut findings = Findings::default();
            if !is_slug(&sector.id) {
                findings.fatal(Issue::BadId(ItemKind::Sector));
            }
            if !seen.insert(sector.id.clone()) {
                findings.fatal(Issue::DuplicateId(ItemKind::Sector));
            }
            findings.text("name_nl", &sector.name_nl);
            findings.text("name_en", &sector.name_en);
            findings.english("description_nl", &sector.description_nl, &sector.description_en);
            match contrast_on_white(&sector.colour) {
                None => findings.fatal(Issue::NotAColour(sector.colour.clone())),
                Some(ratio) if ratio < 3.0 => findings
                    .fatal(Issue::LowContrast { colour: sector.colour.clone(), ratio: Fixed(ratio, 2).to_string() }),
                Some(_) => {}
            }
            findings
        },
    )
}

/// Checks the mandate levels: M0..M9 each exactly once, with names.
pub(crate) fn levels(
    file: &str,
    levels: Vec<MandateLevelInfo>,
    problems: &mut Vec<RulesProblem>,
) -> Vec<MandateLevelInfo> {
    let mut seen = HashSet::new();
    let mut kept = sift(
        in_file(file, levels),
        problems,
        |level| level.id.to_string(),
        |level| {
            let mut findings = Findings::default();
            if !seen.insert(level.id) {
                findings.fatal(Issue::DuplicateId(ItemKind::Level));
            }
            findings.text("name_nl", &level.name_nl);
            findings.text("name_en", &level.name_en);
            findings.text("description_nl", &level.description_nl);
            findings.english("description_nl", &level.description_nl, &level.description_en);
            findings
        },
    );
    for missing in (0..=MandateLevel::MAX.number()).filter_map(MandateLevel::new) {
        if !kept.iter().any(|level| level.id == missing) {
            problems.push(RulesProblem::new(file, Some(&missing.to_string()), Issue::LevelMissing));
        }
    }
    sorting::sort_by_key(&mut kept, |level| level.id);
    kept
}

/// Checks the instruments.
pub(crate) fn instruments(
    file: &str,
    instruments: Vec<Instrument>,
    problems: &mut Vec<RulesProblem>,
) -> Vec<Instrument> {
    let mut seen = HashSet::new();
    sift(
        in_file(file, instruments),
        problems,
        |instrument| instrument.id.clone(),
        |instrument| {
            let mut findings = Findings::default();
            if !is_code(&instrument.id) {
                findings.fatal(Issue::BadId(ItemKind::Instrument));
            }
            if !seen.insert(instrument.id.clone()) {
                findings.fatal(Issue::DuplicateId(ItemKind::Instrument));
            }
            findings.text("name_nl", &instrument.name_nl);
            findings.text("name_en", &instrument.name_en);
            findings.text("role_nl", &instrument.role_nl);
            findings.text("legal_basis", &instrument.legal_basis);
            findings.text("document_nl", &instrument.document_nl);
            findings.english("role_nl", &instrument.role_nl, &instrument.role_en);
            findings.english("document_nl", &instrument.document_nl, &instrument.document_en);
            findings.english("legal_basis", &instrument.legal_basis, &instrument.legal_basis_en);
            findings.sources(&instrument.sources);
            findings
        },
    )
}

/// Checks the mandate checklist.
pub(crate) fn checklist(file: &str, items: Vec<ChecklistItem>, problems: &mut Vec<RulesProblem>) -> Vec<ChecklistItem> {
    let mut seen = HashSet::new();
    sift(
        in_file(file, items),
        problems,
        |item| item.id.clone(),
        |item| {
            let mut findings = Findings::default();
            if !is_slug(&item.id) {
                findings.fatal(Issue::BadId(ItemKind::Checklist));
            }
            if !seen.insert(item.id.clone()) {
                findings.fatal(Issue::DuplicateId(ItemKind::Checklist));
            }
            findings.text("title_nl", &item.title_nl);
            findings.text("title_en", &item.title_en);
            findings.text("question_nl", &item.question_nl);
            findings.text("question_en", &item.question_en);
            findings.sources(&item.sources);
            findings
        },
    )
}

/// What references can be checked against. `None` means the file declaring that kind
/// could not be read, so references to it are not reported one by one.
#[derive(Debug, Default)]
pub(crate) struct Known {
    /// Sector ids.
    pub sectors: Option<HashSet<String>>,
    /// Instrument ids.
    pub instruments: Option<HashSet<String>>,
    /// Template ids.
    pub templates: Option<HashSet<String>>,
    /// Rule ids already in the library (user rules must not reuse them).
    pub rules: HashSet<String>,
    /// Factor ids with the Dutch label, kind and owner they were first declared with.
    pub factors: HashMap<String, (String, FactorKind, String)>,
    /// Id prefixes of the built-in library (`WON`, `SCH`, ...), in capitals: users' own
    /// rules must use their own prefix, so a new library edition never takes their ids.
    pub reserved_prefixes: HashSet<String>,
}

impl Known {
    /// Registers a factor, or notes when the id is already used with another label or kind.
    fn factor(&mut self, findings: &mut Findings, owner: &str, id: &str, label: &str, kind: FactorKind) {
        match self.factors.get(id) {
            Some((first_label, first_kind, first_owner)) => {
                if fold(first_label) != fold(label) || *first_kind != kind {
                    findings.note(Issue::FactorMismatch {
                        id: id.to_string(),
                        label: label.to_string(),
                        kind: kind.id().to_string(),
                        first_owner: first_owner.clone(),
                        first_label: first_label.clone(),
                        first_kind: first_kind.id().to_string(),
                    });
                }
            }
            None => {
                self.factors.insert(id.to_string(), (label.to_string(), kind, owner.to_string()));
            }
        }
    }
}

/// How strictly references are held against a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Strictness {
    /// Library files: a dangling reference is reported but the rule is kept, so that one
    /// broken file does not take other files' rules with it.
    Library,
    /// Users' own rules, checked against a complete library: the id starts with the
    /// municipality's own prefix, and any problem leaves the rule out, so the combined
    /// library stays fully valid.
    User,
}

/// Checks rules and returns the valid ones. Ids must be unique among themselves and
/// against `known.rules`; valid ids are added to `known.rules`.
pub(crate) fn rules(
    rules: Vec<Rule>,
    known: &mut Known,
    strictness: Strictness,
    problems: &mut Vec<RulesProblem>,
) -> Vec<Rule> {
    let items = rules.into_iter().map(|rule| (rule.origin.clone(), rule)).collect();
    let mut seen = known.rules.clone();
    let kept = sift(
        items,
        problems,
        |rule| rule.id.clone(),
        |rule| {
            let mut findings = check_rule(rule, known, &mut seen);
            if strictness == Strictness::Library {
                check_library_rule(rule, &mut findings);
            }
            if strictness == Strictness::User {
                check_own_prefix(&rule.id, &known.reserved_prefixes, &mut findings);
                findings.fatal.append(&mut findings.notes);
            }
            findings
        },
    );
    known.rules.extend(kept.iter().map(|rule| rule.id.clone()));
    kept
}

/// An own rule's id starts with a prefix of its own (`ZWD-01`), not one of the library's.
fn check_own_prefix(id: &str, reserved: &HashSet<String>, findings: &mut Findings) {
    match id_prefix(id) {
        None => findings.fatal(Issue::NoOwnPrefix),
        Some(prefix) if reserved.contains(&prefix.to_ascii_uppercase()) => {
            findings.fatal(Issue::ReservedPrefix(prefix.to_string()))
        }
        Some(_) => {}
    }
}

/// What a library rule has beyond what every rule has: a start date, and an English text
/// for every Dutch one (users' own rules need neither: the app's form asks for Dutch, and
/// a date only where the user knows it).
fn check_library_rule(rule: &Rule, findings: &mut Findings) {
    if rule.valid_from.is_none() {
        findings.note(Issue::NoStartDate);
    }
    findings.english("mechanism_nl", &rule.mechanism_nl, &rule.mechanism_en);
    findings.english("decision_holder.role_nl", &rule.decision_holder.role_nl, &rule.decision_holder.role_en);
    findings.english("verification", &rule.verification, &rule.verification_en);
    for factor in &rule.factors {
        findings.english(&format!("factors.{}.label_nl", factor.id), &factor.label_nl, &factor.label_en);
    }
    for (number, link) in rule.links.iter().enumerate() {
        findings.english(&format!("links.{}.note", number + 1), &link.note, &link.note_en);
    }
    for (number, source) in rule.legal_sources.iter().enumerate() {
        let field = |name: &str| format!("legal_sources.{}.{name}", number + 1);
        findings.english(&field("law"), &source.law, &source.law_en);
        findings.english(&field("article"), &source.article, &source.article_en);
        findings.english(&field("note"), &source.note, &source.note_en);
    }
    for instrument in &rule.instruments {
        findings.english(&format!("instruments.{}.role_nl", instrument.id), &instrument.role_nl, &instrument.role_en);
        findings.english(&format!("instruments.{}.how_nl", instrument.id), &instrument.how_nl, &instrument.how_en);
    }
}

/// The checks every rule passes, library or own.
fn check_rule(rule: &Rule, known: &mut Known, seen: &mut HashSet<String>) -> Findings {
    let mut findings = Findings::default();
    if !is_code(&rule.id) {
        findings.fatal(Issue::BadId(ItemKind::Rule));
    }
    if !seen.insert(rule.id.clone()) {
        findings.fatal(Issue::DuplicateId(ItemKind::Rule));
    }
    findings.text("name_nl", &rule.name_nl);
    findings.text("name_en", &rule.name_en);
    findings.text("mechanism_nl", &rule.mechanism_nl);
    findings.text("decision_holder.role_nl", &rule.decision_holder.role_nl);
    findings.date("last_checked", &rule.last_checked);
    for (field, date) in [("valid_from", &rule.valid_from), ("valid_until", &rule.valid_until)] {
        if let Some(date) = date {
            findings.date(field, date);
        }
    }
    if let (Some(from), Some(to)) = (&rule.valid_from, &rule.valid_until) {
        if is_date(from) && is_date(to) && from > to {
            findings.fatal(Issue::ValidFromAfterUntil { from: from.clone(), until: to.clone() });
        }
    }
    if rule.legal_sources.is_empty() {
        findings.fatal(Issue::NoLegalSource);
    }
    for source in &rule.legal_sources {
        findings.text("legal_sources.law", &source.law);
    }
    findings.sources(&rule.sources);
    check_rule_graph(rule, known, &mut findings);
    if let Some(sectors) = &known.sectors {
        if !sectors.contains(&rule.sector) {
            findings.note(Issue::UnknownReference { kind: ItemKind::Sector, id: rule.sector.clone() });
        }
    }
    for instrument in &rule.instruments {
        findings.text("instruments.role_nl", &instrument.role_nl);
        if let Some(instruments) = &known.instruments {
            if !instruments.contains(&instrument.id) {
                findings.note(Issue::UnknownReference { kind: ItemKind::Instrument, id: instrument.id.clone() });
            }
        }
    }
    if let Some(templates) = &known.templates {
        for cycle in rule.cycles.iter().filter(|cycle| !templates.contains(*cycle)) {
            findings.note(Issue::UnknownReference { kind: ItemKind::Template, id: cycle.clone() });
        }
    }
    findings
}

/// The rule's factors and links: valid ids, links between declared factors, and the
/// same label and kind for a factor id across the library.
fn check_rule_graph(rule: &Rule, known: &mut Known, findings: &mut Findings) {
    let mut factor_ids = HashSet::new();
    for factor in &rule.factors {
        if !is_slug(&factor.id) {
            findings.fatal(Issue::BadFactorId(factor.id.clone()));
        }
        if !factor_ids.insert(factor.id.as_str()) {
            findings.fatal(Issue::DuplicateFactor(factor.id.clone()));
        }
        findings.text("factors.label_nl", &factor.label_nl);
    }
    if rule.links.is_empty() {
        findings.fatal(Issue::NoLinks);
    }
    for link in &rule.links {
        for end in [&link.from, &link.to] {
            if !factor_ids.contains(end.as_str()) {
                findings.fatal(Issue::UndeclaredFactor {
                    from: link.from.clone(),
                    to: link.to.clone(),
                    end: end.to_string(),
                });
            }
        }
    }
    for factor in &rule.factors {
        if !rule.links.iter().any(|link| link.from == factor.id || link.to == factor.id) {
            findings.note(Issue::UnusedFactor(factor.id.clone()));
        }
        known.factor(findings, &rule.id, &factor.id, &factor.label_nl, factor.kind);
    }
}

/// Checks the templates; rule references are checked against `known.rules`.
pub(crate) fn templates(
    templates: Vec<(String, Template)>,
    known: &mut Known,
    problems: &mut Vec<RulesProblem>,
) -> Vec<Template> {
    let mut seen = HashSet::new();
    let mut kept = sift(
        templates,
        problems,
        |template| template.id.clone(),
        |template| {
            let mut findings = Findings::default();
            if !is_code(&template.id) {
                findings.fatal(Issue::BadId(ItemKind::Template));
            }
            if !seen.insert(template.id.clone()) {
                findings.fatal(Issue::DuplicateId(ItemKind::Template));
            }
            findings.text("name_nl", &template.name_nl);
            findings.text("name_en", &template.name_en);
            findings.text("description_nl", &template.description_nl);
            findings.english("description_nl", &template.description_nl, &template.description_en);
            findings.sources(&template.sources);
            let mut factor_ids = HashSet::new();
            for factor in &template.factors {
                if !is_slug(&factor.id) {
                    findings.fatal(Issue::BadFactorId(factor.id.clone()));
                }
                if !factor_ids.insert(factor.id.as_str()) {
                    findings.fatal(Issue::DuplicateFactor(factor.id.clone()));
                }
                if !factor.x.is_finite() || !factor.y.is_finite() {
                    findings.fatal(Issue::NoPosition(factor.id.clone()));
                }
                findings.text("factors.label_nl", &factor.label_nl);
                findings.english(&format!("factors.{}.label_nl", factor.id), &factor.label_nl, &factor.label_en);
                known.factor(&mut findings, &template.id, &factor.id, &factor.label_nl, factor.kind);
            }
            if template.links.is_empty() {
                findings.fatal(Issue::NoLinks);
            }
            for (number, link) in template.links.iter().enumerate() {
                findings.english(&format!("links.{}.note", number + 1), &link.note, &link.note_en);
                for end in [&link.from, &link.to] {
                    if !factor_ids.contains(end.as_str()) {
                        findings.fatal(Issue::UndeclaredFactor {
                            from: link.from.clone(),
                            to: link.to.clone(),
                            end: end.to_string(),
                        });
                    }
                }
                if let Some(rule) = &link.rule {
                    if !known.rules.contains(rule) {
                        findings.note(Issue::UnknownReference { kind: ItemKind::Rule, id: rule.clone() });
                    }
                }
                if let (Some(sector), Some(sectors)) = (&link.sector, &known.sectors) {
                    if !sectors.contains(sector) {
                        findings.note(Issue::UnknownReference { kind: ItemKind::Sector, id: sector.clone() });
                    }
                }
            }
            if let Some(instruments) = &known.instruments {
                for instrument in template.instruments.iter().filter(|id| !instruments.contains(*id)) {
                    findings.note(Issue::UnknownReference { kind: ItemKind::Instrument, id: instrument.clone() });
                }
            }
            findings
        },
    );
    sorting::sort_by(&mut kept, |a, b| a.id.cmp(&b.id));
    kept
}

/// An http(s) address without spaces.
fn is_url(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && text.len() > "https://".len()
        && !text.chars().any(char::is_whitespace)
}

/// A calendar date `YYYY-MM-DD` (the one date reader: `meeting::Date`).
pub(crate) fn is_date(text: &str) -> bool {
    crate::core::meeting::Date::parse(text).is_ok()
}

/// The WCAG contrast ratio of `#rrggbb` against white, or `None` if it is not a colour.
pub(crate) fn contrast_on_white(colour: &str) -> Option<f64> {
    let hex = colour.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |at: usize| -> Option<f64> {
        let value = f64::from(u8::from_str_radix(hex.get(at..at + 2)?, 16).ok()?) / 255.0;
        Some(if value <= 0.03928 { value / 12.92 } else { ((value + 0.055) / 1.055).powf(2.4) })
    };
    let luminance = 0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?;
    Some(1.05 / (luminance + 0.05))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_by_calendar() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2024-13-01"));
        assert!(!is_date("1-1-2024"));
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        let black = contrast_on_white("#000000").expect("colour");
        assert!((black - 21.0).abs() < 0.01);
        let grey = contrast_on_white("#767676").expect("colour");
        assert!(grey > 4.5 && grey < 4.6);
        assert!(contrast_on_white("#ffff00").expect("colour") < 3.0);
        assert_eq!(contrast_on_white("red"), None);
    }
}
