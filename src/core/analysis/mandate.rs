//! Price as mandate: who may carry out an intervention and on which basis. One function,
//! [`mandate_of`], answers it for the breakthrough panel, the mandate checklist, the report
//! and the command line, so every place shows the same level and holder.
//!
//! The level follows the same order as the cost ([`super::costs`]): the rule's cheapest
//! breakthrough instrument (or the instrument chosen for the intervention, when the rule
//! lists it), else the rule's decision holder, else the default (M3 for a link, M4 for a
//! factor). A cost the user gave on a link replaces the price, not the mandate.

use super::costs::{self, DEFAULT_FACTOR_COST, DEFAULT_FACTOR_LEVEL, DEFAULT_LINK_LEVEL};
use crate::core::lang::Lang;
use crate::core::model::{Case, MandateLevel, Target};
use crate::core::rules::Library;

/// Where a mandate comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MandateBasis {
    /// A breakthrough instrument of the rule behind the link.
    Instrument,
    /// The rule's decision holder (the rule has no instrument in the library).
    DecisionHolder,
    /// No rule is known: the default level.
    Default,
}

/// Who may act on a link or factor, and on which basis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mandate {
    /// The mandate level needed.
    pub level: MandateLevel,
    /// The level's name in the library ("Teamleider, casusregisseur of doorbraakfunctionaris").
    pub holder_nl: String,
    /// The same in English.
    pub holder_en: String,
    /// The role named for this rule or instrument ("doorbraakfunctionaris"), when known.
    pub role_nl: Option<String>,
    /// The same in English (empty when the library gives none).
    pub role_en: Option<String>,
    /// The library rule behind the link.
    pub rule: Option<String>,
    /// The breakthrough instrument.
    pub instrument: Option<String>,
    /// The instrument's legal basis, in Dutch.
    pub legal_basis_nl: Option<String>,
    /// The same in English (empty when the library gives none).
    pub legal_basis_en: Option<String>,
    /// Where the level comes from.
    pub basis: MandateBasis,
    /// The cost the plan uses (3 to the power of the level, or the user's cost).
    pub cost: u32,
    /// The cost was given by the user on the link.
    pub user_cost: bool,
}

impl Mandate {
    /// The holder in `lang`.
    pub fn holder(&self, lang: Lang) -> &str {
        lang.pick(&self.holder_nl, &self.holder_en)
    }

    /// The role in `lang`, when known (Dutch when no English is given).
    pub fn role(&self, lang: Lang) -> Option<&str> {
        in_lang(lang, self.role_nl.as_deref(), self.role_en.as_deref())
    }

    /// The instrument's legal basis in `lang`, when known (Dutch when no English is given).
    pub fn legal_basis(&self, lang: Lang) -> Option<&str> {
        in_lang(lang, self.legal_basis_nl.as_deref(), self.legal_basis_en.as_deref())
    }

    /// One line: "M2 · Teamleider … (doorbraakfunctionaris) · regel SCH-04 · instrument B04 · kosten 9".
    pub fn line(&self, lang: Lang) -> String {
        let mut text = format!("{} · {}", self.level, self.holder(lang));
        let holder = self.holder(lang).to_lowercase();
        let role =
            self.role(lang).filter(|role| !role.trim().is_empty() && !holder.contains(&role.trim().to_lowercase()));
        if let Some(role) = role {
            text.push_str(&format!(" ({role})"));
        }
        if let Some(rule) = &self.rule {
            text.push_str(&format!(" · {} {rule}", lang.pick("regel", "rule")));
        }
        if let Some(instrument) = &self.instrument {
            text.push_str(&format!(" · instrument {instrument}"));
        }
        if let Some(basis) = self.legal_basis(lang).filter(|basis| !basis.is_empty()) {
            text.push_str(&format!(" · {} {basis}", lang.pick("grondslag", "basis")));
        }
        let cost = lang.pick("kosten", "cost");
        if self.user_cost {
            text.push_str(&format!(" · {cost} {} ({})", self.cost, lang.pick("zelf opgegeven", "set by hand")));
        } else {
            text.push_str(&format!(" · {cost} {}", self.cost));
        }
        text
    }
}

/// `en` in English when it is given and not blank, otherwise the Dutch text.
fn in_lang<'a>(lang: Lang, nl: Option<&'a str>, en: Option<&'a str>) -> Option<&'a str> {
    match lang {
        Lang::En => en.filter(|text| !text.trim().is_empty()).or(nl),
        Lang::Nl => nl,
    }
}

/// The cost scale in plain words, to state once beside a list of prices.
pub fn cost_scale(lang: Lang) -> &'static str {
    lang.pick(
        "Kosten: 3 tot de macht van het mandaatniveau (M0 = 1, M1 = 3, M2 = 9, M3 = 27, M4 = 81, …); een hoger mandaat telt dus als drie ingrepen een niveau lager.",
        "Cost: 3 to the power of the mandate level (M0 = 1, M1 = 3, M2 = 9, M3 = 27, M4 = 81, …); a higher mandate counts as three interventions one level lower.",
    )
}

/// Who may cut the link or take away the factor `target` of `case`, per `library`.
/// `instrument` is the instrument chosen for the intervention, if any; it is used when the
/// rule lists it, else the rule's cheapest instrument.
///
/// # Example
/// ```
/// use cirkelbreker::core::analysis::mandate::{mandate_of, MandateBasis};
/// use cirkelbreker::core::{formats::edge_list::read_edge_list, model::Target, rules};
/// let case = read_edge_list("from,to,polarity\na,b,+\nb,a,+\n").unwrap();
/// let (library, _) = rules::builtin();
/// let mandate = mandate_of(&case, &library, &Target::Link(case.links[0].id.clone()), None);
/// assert_eq!((mandate.level.number(), mandate.basis, mandate.cost), (3, MandateBasis::Default, 27));
/// ```
pub fn mandate_of(case: &Case, library: &Library, target: &Target, instrument: Option<&str>) -> Mandate {
    let (level, role, rule, instrument, basis, cost, user_cost) = match target {
        Target::Link(id) => {
            let link = case.link(id);
            let rule = link.and_then(|link| link.rule.as_deref()).map(str::trim).filter(|rule| !rule.is_empty());
            let known = rule.and_then(|rule| library.rule(rule));
            let chosen = known.and_then(|known| {
                instrument.and_then(|wanted| known.instruments.iter().find(|reference| reference.id == wanted)).or_else(
                    || {
                        known
                            .instruments
                            .iter()
                            .filter(|reference| library.instrument(&reference.id).is_some())
                            .min_by_key(|reference| reference.level)
                    },
                )
            });
            let (level, role, used, basis) = match (chosen, known) {
                (Some(reference), _) => (
                    reference.level,
                    Some((reference.role_nl.clone(), reference.role_en.clone())),
                    Some(reference.id.clone()),
                    MandateBasis::Instrument,
                ),
                (None, Some(known)) => (
                    known.decision_holder.level,
                    Some((known.decision_holder.role_nl.clone(), known.decision_holder.role_en.clone())),
                    None,
                    MandateBasis::DecisionHolder,
                ),
                (None, None) => (default_level(DEFAULT_LINK_LEVEL), None, None, MandateBasis::Default),
            };
            let user_cost = link.is_some_and(|link| link.cost.is_some());
            let cost = link.and_then(|link| link.cost).unwrap_or_else(|| costs::level_cost(level));
            (level, role, rule.map(str::to_string), used, basis, cost, user_cost)
        }
        Target::Factor(_) => {
            (default_level(DEFAULT_FACTOR_LEVEL), None, None, None, MandateBasis::Default, DEFAULT_FACTOR_COST, false)
        }
    };
    let info = library.mandate_level(level);
    let found = instrument.as_deref().and_then(|id| library.instrument(id));
    Mandate {
        level,
        holder_nl: info.map_or_else(|| level.to_string(), |info| info.name_nl.clone()),
        holder_en: info.map_or_else(|| level.to_string(), |info| info.name_en.clone()),
        role_nl: role.as_ref().map(|(nl, _)| nl.clone()),
        role_en: role.map(|(_, en)| en),
        rule,
        instrument,
        legal_basis_nl: found.map(|found| found.legal_basis.clone()),
        legal_basis_en: found.map(|found| found.legal_basis_en.clone()),
        basis,
        cost,
        user_cost,
    }
}

fn default_level(number: u8) -> MandateLevel {
    MandateLevel::new(number).unwrap_or(MandateLevel::MAX)
}
