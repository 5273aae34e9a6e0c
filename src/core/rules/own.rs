//! A municipality's own rules in the app: a rule made from the fields of a form (or a form
//! filled in from a rule, to change it), and the set of own rules changed as a whole — a
//! rule added or replaced, or a file imported — where the change is taken only if the
//! whole new set passes the library's checks, so a failed change leaves the set as it was.
//!
//! The form speaks in factor labels, not ids: a label the library already knows keeps
//! that factor's id, so the rule joins the library's factors (and cycles) on the map; a
//! new label gets an id made from it.

use super::problem::{Issue, RulesProblem};
use super::schema::{Holder, LegalSource, Rule, RuleFactor, RuleLink, Status};
use super::validate::Strictness;
use super::{cached_builtin, load, validate, Library};
use crate::core::model::{Confidence, FactorKind, MandateLevel, Polarity};
use crate::core::sorting;
use crate::core::text::fold;
use std::collections::HashSet;

/// The name own rules carry as their file in problems (they come from the app, not a file).
pub const OWN_RULES_ORIGIN: &str = "eigen regels";

/// Longest factor id made from a label.
const MAX_ID_LEN: usize = 40;

/// One link as the form asks for it: cause and effect by label and kind, and the sign.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormLink {
    /// The cause's Dutch label.
    pub from: String,
    /// The cause's kind.
    pub from_kind: FactorKind,
    /// The sign.
    pub polarity: Polarity,
    /// The effect's Dutch label.
    pub to: String,
    /// The effect's kind.
    pub to_kind: FactorKind,
}

/// The fields of the form for an own rule, as typed. Nothing is checked here.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnRuleForm {
    /// The rule id, starting with the municipality's prefix (`ZWD-01`).
    pub id: String,
    /// Dutch name.
    pub name_nl: String,
    /// English name.
    pub name_en: String,
    /// Sector id.
    pub sector: String,
    /// The ordinance, policy rule or law.
    pub law: String,
    /// The article (may be empty).
    pub article: String,
    /// Who normally applies the rule: the level.
    pub level: MandateLevel,
    /// Who normally applies the rule: the role, in Dutch.
    pub role_nl: String,
    /// Trigger and consequence, in Dutch.
    pub mechanism_nl: String,
    /// The links the rule creates.
    pub links: Vec<FormLink>,
    /// Source URLs, separated by white space or new lines.
    pub sources: String,
    /// Search words, separated by commas.
    pub keywords: String,
    /// How well the rule is sourced.
    pub confidence: Confidence,
    /// In force, bill, consultation or announced.
    pub status: Status,
    /// In force from (`YYYY-MM-DD`, or empty).
    pub valid_from: String,
    /// In force until (`YYYY-MM-DD`, or empty).
    pub valid_to: String,
    /// When the sources were last read (`YYYY-MM-DD`).
    pub last_checked: String,
}

impl OwnRuleForm {
    /// An empty form with one link, checked on `today` (`YYYY-MM-DD`), and the id
    /// started with `prefix` when given (the prefix of the last own rule).
    pub fn new(today: &str, prefix: Option<&str>) -> OwnRuleForm {
        OwnRuleForm {
            id: prefix.map(|prefix| format!("{prefix}-")).unwrap_or_default(),
            name_nl: String::new(),
            name_en: String::new(),
            sector: String::new(),
            law: String::new(),
            article: String::new(),
            level: MandateLevel::new(4).unwrap_or(MandateLevel::MAX),
            role_nl: String::new(),
            mechanism_nl: String::new(),
            links: vec![FormLink::default()],
            sources: String::new(),
            keywords: String::new(),
            confidence: Confidence::Medium,
            status: Status::InWerking,
            valid_from: String::new(),
            valid_to: String::new(),
            last_checked: today.to_string(),
        }
    }

    /// The form filled in from an own rule, to change it: each link by its factors'
    /// Dutch labels and kinds, the first legal source, sources one per line.
    pub fn from_rule(rule: &Rule) -> OwnRuleForm {
        let factor = |id: &str| rule.factor(id).map(|f| (f.label_nl.clone(), f.kind)).unwrap_or_default();
        let links = rule
            .links
            .iter()
            .map(|link| {
                let ((from, from_kind), (to, to_kind)) = (factor(&link.from), factor(&link.to));
                FormLink { from, from_kind, polarity: link.polarity, to, to_kind }
            })
            .collect::<Vec<_>>();
        let source = rule.legal_sources.first();
        OwnRuleForm {
            id: rule.id.clone(),
            name_nl: rule.name_nl.clone(),
            name_en: rule.name_en.clone(),
            sector: rule.sector.clone(),
            law: source.map(|s| s.law.clone()).unwrap_or_default(),
            article: source.map(|s| s.article.clone()).unwrap_or_default(),
            level: rule.decision_holder.level,
            role_nl: rule.decision_holder.role_nl.clone(),
            mechanism_nl: rule.mechanism_nl.clone(),
            links: if links.is_empty() { vec![FormLink::default()] } else { links },
            sources: rule.sources.join("\n"),
            keywords: rule.keywords.join(", "),
            confidence: rule.confidence,
            status: rule.status,
            valid_from: rule.valid_from.clone().unwrap_or_default(),
            valid_to: rule.valid_until.clone().unwrap_or_default(),
            last_checked: rule.last_checked.clone(),
        }
    }

    /// The rule these fields describe. Factor ids come from `library` where it knows the
    /// label (the app's library holds the own rules too, so a changed rule keeps its factor
    /// ids); everything is trimmed; empty optional fields are left out. When the form
    /// changes an existing rule (`base`), what the form does not show is kept from it: the
    /// English mechanism, instruments, cycles, verification, further legal sources, English
    /// factor labels, and each kept link's delay, note and inferred sign.
    /// The result still has to pass the checks ([`add_own_rule`], [`replace_own_rule`]).
    pub fn to_rule(&self, library: &Library, base: Option<&Rule>) -> Rule {
        let mut ids = FactorIds::new(library);
        let mut factors: Vec<RuleFactor> = Vec::new();
        let mut links = Vec::new();
        for link in &self.links {
            let from = ids.add(&mut factors, &link.from, link.from_kind);
            let to = ids.add(&mut factors, &link.to, link.to_kind);
            links.push(RuleLink {
                from,
                to,
                polarity: link.polarity,
                polarity_inferred: false,
                delay: false,
                note: String::new(),
                note_en: String::new(),
            });
        }
        let optional = |text: &str| Some(text.trim().to_string()).filter(|text| !text.is_empty());
        let rule = Rule {
            id: self.id.trim().to_string(),
            name_nl: self.name_nl.trim().to_string(),
            name_en: self.name_en.trim().to_string(),
            sector: self.sector.clone(),
            status: self.status,
            valid_from: optional(&self.valid_from),
            valid_until: optional(&self.valid_to),
            last_checked: self.last_checked.trim().to_string(),
            confidence: self.confidence,
            keywords: self.keywords.split(',').filter_map(optional).collect(),
            mechanism_nl: self.mechanism_nl.trim().to_string(),
            mechanism_en: String::new(),
            decision_holder: Holder {
                level: self.level,
                role_nl: self.role_nl.trim().to_string(),
                role_en: String::new(),
            },
            legal_sources: vec![LegalSource {
                law: self.law.trim().to_string(),
                law_en: String::new(),
                article: self.article.trim().to_string(),
                article_en: String::new(),
                note: String::new(),
                note_en: String::new(),
                verify: false,
            }],
            factors,
            links,
            instruments: Vec::new(),
            sources: self.sources.split_whitespace().map(str::to_string).collect(),
            cycles: Vec::new(),
            verification: String::new(),
            verification_en: String::new(),
            origin: OWN_RULES_ORIGIN.to_string(),
        };
        match base {
            Some(base) => rule.keeping_unformed(base),
            None => rule,
        }
    }
}

impl Rule {
    /// This rule (made by the form) with what the form does not show taken from `base`,
    /// the rule it changes (see [`OwnRuleForm::to_rule`]).
    fn keeping_unformed(mut self, base: &Rule) -> Rule {
        self.mechanism_en.clone_from(&base.mechanism_en);
        self.instruments.clone_from(&base.instruments);
        self.cycles.clone_from(&base.cycles);
        self.verification.clone_from(&base.verification);
        self.verification_en.clone_from(&base.verification_en);
        self.decision_holder.role_en.clone_from(&base.decision_holder.role_en);
        self.legal_sources.extend(base.legal_sources.iter().skip(1).cloned());
        for factor in &mut self.factors {
            if let Some(old) = base.factors.iter().find(|old| old.id == factor.id) {
                factor.label_en.clone_from(&old.label_en);
            }
        }
        for link in &mut self.links {
            if let Some(old) = base.links.iter().find(|old| old.from == link.from && old.to == link.to) {
                link.delay = old.delay;
                link.note.clone_from(&old.note);
                link.polarity_inferred = old.polarity_inferred && old.polarity == link.polarity;
            }
        }
        self
    }
}

/// Hands out factor ids for labels: the library's id for a label it knows, otherwise an
/// id made from the label that no other factor uses.
struct FactorIds<'a> {
    library: &'a Library,
    taken: HashSet<String>,
}

impl<'a> FactorIds<'a> {
    fn new(library: &'a Library) -> FactorIds<'a> {
        let rule_ids = library.rules().iter().flat_map(|rule| rule.factors.iter().map(|factor| factor.id.clone()));
        let template_ids =
            library.templates().iter().flat_map(|template| template.factors.iter().map(|factor| factor.id.clone()));
        FactorIds { library, taken: rule_ids.chain(template_ids).collect() }
    }

    /// The id for `label`, adding the factor to `factors` the first time the label occurs.
    fn add(&mut self, factors: &mut Vec<RuleFactor>, label: &str, kind: FactorKind) -> String {
        let label = label.trim();
        if !label.is_empty() {
            if let Some(factor) = factors.iter().find(|factor| fold(&factor.label_nl) == fold(label)) {
                return factor.id.clone();
            }
        }
        let id = match self.library.factor_with_label(label) {
            Some((id, _)) if !label.is_empty() => id.to_string(),
            _ => self.fresh(label),
        };
        self.taken.insert(id.clone());
        factors.push(RuleFactor { id: id.clone(), label_nl: label.to_string(), label_en: String::new(), kind });
        id
    }

    /// An unused id made from `label`: lowercase letters, digits and `_`.
    fn fresh(&self, label: &str) -> String {
        let mut base = String::new();
        for c in fold(label).chars() {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                base.push(c);
            } else if !base.is_empty() && !base.ends_with('_') {
                base.push('_');
            }
        }
        let mut base: String = base.trim_end_matches('_').chars().take(MAX_ID_LEN).collect();
        if base.is_empty() {
            base = "factor".to_string();
        }
        let mut id = base.clone();
        let mut number = 2;
        while self.taken.contains(&id) {
            id = format!("{base}_{number}");
            number += 1;
        }
        id
    }
}

impl Library {
    /// The factor with this Dutch label (case and accents ignored) in a rule or template:
    /// its id and kind.
    pub fn factor_with_label(&self, label: &str) -> Option<(&str, FactorKind)> {
        let wanted = fold(label);
        let rule_factors =
            self.rules().iter().flat_map(|rule| rule.factors.iter().map(|f| (&f.id, &f.label_nl, f.kind)));
        let template_factors =
            self.templates().iter().flat_map(|template| template.factors.iter().map(|f| (&f.id, &f.label_nl, f.kind)));
        rule_factors
            .chain(template_factors)
            .find(|(_, label, _)| fold(label) == wanted)
            .map(|(id, _, kind)| (id.as_str(), kind))
    }

    /// The Dutch labels of all factors in rules and templates, sorted, each once: the
    /// suggestions when a user names a factor.
    pub fn factor_labels(&self) -> Vec<&str> {
        let rule_labels = self.rules().iter().flat_map(|rule| rule.factors.iter().map(|f| f.label_nl.as_str()));
        let template_labels =
            self.templates().iter().flat_map(|template| template.factors.iter().map(|f| f.label_nl.as_str()));
        let mut labels: Vec<&str> = rule_labels.chain(template_labels).collect();
        sorting::sort_by_cached_key(&mut labels, |label| fold(label));
        labels.dedup_by(|a, b| fold(a) == fold(b));
        labels
    }
}

/// `own` with `rule` added, if the whole set passes the checks against the built-in
/// library; otherwise every problem, and `own` stays as it is.
pub fn add_own_rule(own: &[Rule], rule: Rule) -> Result<Vec<Rule>, Vec<RulesProblem>> {
    checked(own.iter().cloned().chain([Rule { origin: OWN_RULES_ORIGIN.to_string(), ..rule }]).collect())
}

/// `own` with the rule `old_id` replaced by `rule` (which may have another id), in the same
/// place, if the whole set passes the checks; otherwise every problem (also when there is
/// no own rule `old_id` any more), and `own` stays.
pub fn replace_own_rule(own: &[Rule], old_id: &str, rule: Rule) -> Result<Vec<Rule>, Vec<RulesProblem>> {
    let Some(index) = own.iter().position(|kept| kept.id == old_id) else {
        return Err(vec![RulesProblem::new(OWN_RULES_ORIGIN, Some(old_id), Issue::OwnRuleGone)]);
    };
    let mut rules = own.to_vec();
    rules[index] = Rule { origin: OWN_RULES_ORIGIN.to_string(), ..rule };
    checked(rules)
}

/// `own` with the rules of a file added (JSON `{"rule": [ … ]}`; TOML too off wasm32),
/// where a rule of the file replaces an own rule with the same id. Taken only when the
/// file reads without any problem and the whole new set passes the checks; otherwise
/// every problem, and `own` stays as it is.
pub fn import_own_rules(own: &[Rule], file_name: &str, text: &str) -> Result<Vec<Rule>, Vec<RulesProblem>> {
    let mut problems = Vec::new();
    let imported = load::read_rules_file(file_name, text, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    if imported.is_empty() {
        return Err(vec![RulesProblem::new(file_name, None, Issue::NoRules)]);
    }
    let mut seen = HashSet::new();
    for rule in &imported {
        if !seen.insert(rule.id.clone()) {
            problems.push(RulesProblem::new(file_name, Some(&rule.id), Issue::DuplicateInFile));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let kept = own.iter().filter(|rule| !seen.contains(&rule.id)).cloned();
    checked(kept.chain(imported).collect())
}

/// The set, every rule marked as an own rule, if every rule passes the user-rule checks
/// against the built-in library. Problems name the file each rule came from (the
/// imported file, or [`OWN_RULES_ORIGIN`]).
fn checked(rules: Vec<Rule>) -> Result<Vec<Rule>, Vec<RulesProblem>> {
    let rules: Vec<Rule> = rules
        .into_iter()
        .map(|rule| if rule.origin.is_empty() { Rule { origin: OWN_RULES_ORIGIN.to_string(), ..rule } } else { rule })
        .collect();
    let (builtin, _) = cached_builtin();
    let mut known = builtin.known();
    let mut problems = Vec::new();
    let valid = validate::rules(rules, &mut known, Strictness::User, &mut problems);
    if problems.is_empty() {
        Ok(valid.into_iter().map(|rule| Rule { origin: OWN_RULES_ORIGIN.to_string(), ..rule }).collect())
    } else {
        Err(problems)
    }
}
