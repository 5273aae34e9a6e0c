//! What the report a manager signs says, as data the UI prints: the plan with who acts
//! and on which basis (legal basis and evidence base as two facts), and every source of
//! the rules and instruments in it, numbered once, with a readable title.
//!
//! The plan is the analysis's plan: the interventions the case meeting chose and those
//! the analysis adds to break every vicious loop, each marked as chosen or proposed.

use crate::core::analysis::mandate::{mandate_of, Mandate, MandateBasis};
use crate::core::analysis::Analysis;
use crate::core::lang::Lang;
use crate::core::model::{Case, Target};
use crate::core::rules::Library;
use crate::core::source_title::{source_title, SourceTitle};
use crate::core::text::{mid_sentence, sentence_start};

/// One numbered source of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Its number in the report, from 1.
    pub number: usize,
    /// The address.
    pub url: String,
    /// Its readable title and site.
    pub title: SourceTitle,
}

/// The sources of a report in the order they are first cited.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    /// Every source, numbered from 1.
    pub list: Vec<Source>,
}

impl Sources {
    /// The numbers of `urls`, adding those not cited yet.
    pub fn cite(&mut self, urls: &[String], lang: Lang) -> Vec<usize> {
        urls.iter()
            .map(|url| match self.list.iter().find(|source| &source.url == url) {
                Some(source) => source.number,
                None => {
                    let number = self.list.len() + 1;
                    self.list.push(Source { number, url: url.clone(), title: source_title(url, lang) });
                    number
                }
            })
            .collect()
    }
}

/// Source numbers as the report cites them: "[3], [4]".
pub fn citation(numbers: &[usize]) -> String {
    numbers.iter().map(|n| format!("[{n}]")).collect::<Vec<_>>().join(", ")
}

/// The legal ground for an intervention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LegalBasis {
    /// The instrument's legal basis (law and article, or the room a law leaves).
    Law(String),
    /// The library says the instrument has no legal basis of its own, in these words
    /// ("Geen eigen grondslag").
    NoneOfItsOwn(String),
    /// The rule behind the link has no breakthrough instrument in the library; its holder
    /// decides under the rule itself (its legal citation).
    RuleOnly(String),
    /// No library rule is behind the link, or the target is a factor.
    NotKnown,
}

impl LegalBasis {
    /// What the report prints after "Juridische basis:".
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (LegalBasis::Law(text), _) => text.clone(),
            (LegalBasis::NoneOfItsOwn(words), Lang::Nl) if words.eq_ignore_ascii_case("geen") => {
                "geen eigen wettelijke grondslag".to_string()
            }
            (LegalBasis::NoneOfItsOwn(words), Lang::Nl) => mid_sentence(words),
            (LegalBasis::NoneOfItsOwn(_), Lang::En) => "none of its own".to_string(),
            (LegalBasis::RuleOnly(citation), Lang::Nl) => {
                format!("geen doorbraakinstrument in de bibliotheek; de regel zelf: {citation}")
            }
            (LegalBasis::RuleOnly(citation), Lang::En) => {
                format!("no breakthrough instrument in the library; the rule itself: {citation}")
            }
            (LegalBasis::NotKnown, Lang::Nl) => "niet vastgelegd (geen regel uit de bibliotheek)".to_string(),
            (LegalBasis::NotKnown, Lang::En) => "not recorded (no rule from the library)".to_string(),
        }
    }
}

/// What an intervention rests on besides the law: the instrument's evidence in the
/// library's words, and its sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// The evidence in the library's words ("gedragswetenschappelijk onderbouwd").
    pub text: Option<String>,
    /// The numbers of the instrument's sources.
    pub sources: Vec<usize>,
}

impl Evidence {
    /// What the report prints after "Onderbouwing:".
    pub fn text(&self, lang: Lang) -> String {
        let cited = citation(&self.sources);
        match (&self.text, cited.is_empty()) {
            (Some(text), true) => sentence_start(text),
            (Some(text), false) => format!("{} {cited}", sentence_start(text)),
            (None, false) => format!("{} {cited}", lang.pick("bronnen", "sources")),
            (None, true) => lang.pick("niet vastgelegd in de bibliotheek", "not recorded in the library").to_string(),
        }
    }
}

/// Splits an instrument's legal basis from the library (Dutch or English) into the legal
/// basis and the evidence base. The library writes an instrument without legal ground as
/// "Geen…; what it rests on instead" ("Geen; gedragswetenschappelijk onderbouwd", "Geen
/// eigen grondslag; praktijk GGz Breburg"), in English "None…; …" ("None; grounded in
/// behavioural science"); any other text is a legal basis as a whole.
pub fn split_legal_basis(text: &str) -> (LegalBasis, Option<String>) {
    let text = text.trim();
    let says_none = ["geen", "none"]
        .iter()
        .any(|none| text.get(..none.len()).is_some_and(|start| start.eq_ignore_ascii_case(none)));
    if !says_none {
        return (LegalBasis::Law(text.to_string()), None);
    }
    match text.split_once(';') {
        Some((none, evidence)) if !evidence.trim().is_empty() => {
            (LegalBasis::NoneOfItsOwn(none.trim().to_string()), Some(evidence.trim().to_string()))
        }
        _ => (LegalBasis::NoneOfItsOwn(text.trim_end_matches(';').trim().to_string()), None),
    }
}

/// One intervention of the plan: what it breaks, who acts and on which basis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanLine {
    /// The link or factor.
    pub target: Target,
    /// The case meeting chose it (else the analysis proposes it).
    pub chosen: bool,
    /// How many listed vicious loops it breaks.
    pub breaks: usize,
    /// Who may act: level, holder, rule, instrument (from [`mandate_of`]).
    pub mandate: Mandate,
    /// The legal basis.
    pub legal_basis: LegalBasis,
    /// The evidence base.
    pub evidence: Evidence,
}

/// The plan of `analysis` for `case`, chosen interventions first, each with who acts and
/// on which basis; the instruments' sources are cited in `sources`.
pub fn plan_lines(
    case: &Case,
    analysis: &Analysis,
    library: &Library,
    sources: &mut Sources,
    lang: Lang,
) -> Vec<PlanLine> {
    let chosen = |target: &Target| case.interventions.iter().find(|i| &i.target == target);
    let mut targets: Vec<&Target> = case.interventions.iter().map(|i| &i.target).collect();
    targets.extend(analysis.plan.targets.iter().filter(|target| chosen(target).is_none()));
    targets
        .into_iter()
        .map(|target| {
            let intervention = chosen(target);
            let mandate = mandate_of(case, library, target, intervention.and_then(|i| i.instrument.as_deref()));
            let instrument = mandate.instrument.as_deref().and_then(|id| library.instrument(id));
            let (legal_basis, evidence_text) = match (instrument, mandate.basis) {
                (Some(instrument), _) => split_legal_basis(instrument.legal_basis(lang)),
                (None, MandateBasis::DecisionHolder) => {
                    let citation =
                        mandate.rule.as_deref().and_then(|id| library.rule(id)).map(|rule| rule.legal_citation(lang));
                    (citation.filter(|c| !c.is_empty()).map_or(LegalBasis::NotKnown, LegalBasis::RuleOnly), None)
                }
                (None, _) => (LegalBasis::NotKnown, None),
            };
            let cited = instrument.map(|instrument| sources.cite(&instrument.sources, lang)).unwrap_or_default();
            let breaks = analysis
                .link_options
                .iter()
                .chain(&analysis.factor_options)
                .find(|option| &option.target == target)
                .map_or(0, |option| option.breaks.len());
            PlanLine {
                target: target.clone(),
                chosen: intervention.is_some(),
                breaks,
                mandate,
                legal_basis,
                evidence: Evidence { text: evidence_text, sources: cited },
            }
        })
        .collect()
}
