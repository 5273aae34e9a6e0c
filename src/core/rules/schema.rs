//! The types of the rules library, mirroring the TOML files in `rules/` one to one
//! (see `docs/rules-schema.md`). Unknown fields are rejected so that a typo in a file is
//! reported instead of silently ignored.

use crate::core::lang::Lang;
use crate::core::model::{Confidence, FactorKind, MandateLevel, Polarity};
use crate::core::sorting;
use serde::{Deserialize, Serialize};

/// The schema version this build reads. A file with another version is reported.
pub const SCHEMA_VERSION: u32 = 1;

/// `rules/library.toml`: the edition of the library as a whole.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryHeader {
    /// The schema version of all files in the library.
    pub schema_version: u32,
    /// The edition of the data ("2026.1").
    pub edition: String,
    /// The date up to which the sources were read (`YYYY-MM-DD`).
    pub sources_until: String,
    /// A note for users about the status of the data, in Dutch.
    #[serde(default)]
    pub note_nl: String,
    /// The same note in English.
    #[serde(default)]
    pub note_en: String,
}

impl LibraryHeader {
    /// The edition date: the day up to which the sources were read (`YYYY-MM-DD`).
    pub fn edition_date(&self) -> &str {
        &self.sources_until
    }
}

/// A policy sector whose rules create links on the map (`wonen`, `schulden`, ...).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    /// Stable id, lowercase (`wonen`).
    pub id: String,
    /// Dutch name.
    pub name_nl: String,
    /// English name.
    pub name_en: String,
    /// Line colour on the map as `#rrggbb`; must reach 3:1 contrast on white.
    pub colour: String,
    /// What belongs to this sector, in Dutch.
    #[serde(default)]
    pub description_nl: String,
    /// The same in English.
    #[serde(default)]
    pub description_en: String,
}

/// One mandate level M0..M9 with its name: who may set a rule aside.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MandateLevelInfo {
    /// The level (`M4`).
    pub id: MandateLevel,
    /// Dutch name ("college van B&W / wethouder").
    pub name_nl: String,
    /// English name.
    pub name_en: String,
    /// Who acts at this level and how, in Dutch.
    pub description_nl: String,
    /// The same in English.
    #[serde(default)]
    pub description_en: String,
    /// Where the description comes from.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// The kind of a breakthrough instrument: the legal or practical route it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentKind {
    /// A hardship clause in a law or ordinance.
    Hardheidsclausule,
    /// Departing from a policy rule because of disproportionate effects (art. 4:84 Awb).
    AfwijkenBeleidsregel,
    /// Proportionality (art. 3:4 Awb).
    Evenredigheid,
    /// A discretionary power ('kan'-bepaling) used or left unused.
    KanBepaling,
    /// 'Dringende redenen' to refrain from recovery.
    DringendeRedenen,
    /// Repairing registration: postal address, registration at the park.
    Registratie,
    /// A payment arrangement.
    Betalingsregeling,
    /// A moratorium or time-out on collection or enforcement.
    Moratorium,
    /// Escalation to a higher or national table.
    Escalatie,
    /// A budget that professionals may spend.
    Budget,
    /// A procedure that opens a route (declaration, request, report).
    Procedure,
    /// A way of working (outreach, stress-sensitive service).
    Werkwijze,
    /// Tolerating or legalising a situation.
    Gedogen,
    /// Priority in housing allocation (urgency).
    Voorrang,
    /// A route through the courts.
    Rechtsgang,
}

impl InstrumentKind {
    /// All kinds, in the order of the schema documentation.
    pub const ALL: [InstrumentKind; 15] = [
        InstrumentKind::Hardheidsclausule,
        InstrumentKind::AfwijkenBeleidsregel,
        InstrumentKind::Evenredigheid,
        InstrumentKind::KanBepaling,
        InstrumentKind::DringendeRedenen,
        InstrumentKind::Registratie,
        InstrumentKind::Betalingsregeling,
        InstrumentKind::Moratorium,
        InstrumentKind::Escalatie,
        InstrumentKind::Budget,
        InstrumentKind::Procedure,
        InstrumentKind::Werkwijze,
        InstrumentKind::Gedogen,
        InstrumentKind::Voorrang,
        InstrumentKind::Rechtsgang,
    ];

    /// The Dutch label shown to professionals.
    pub fn label_nl(self) -> &'static str {
        match self {
            InstrumentKind::Hardheidsclausule => "hardheidsclausule",
            InstrumentKind::AfwijkenBeleidsregel => "afwijken van beleidsregel (art. 4:84 Awb)",
            InstrumentKind::Evenredigheid => "evenredigheid (art. 3:4 Awb)",
            InstrumentKind::KanBepaling => "kan-bepaling",
            InstrumentKind::DringendeRedenen => "dringende redenen",
            InstrumentKind::Registratie => "registratie / briefadres",
            InstrumentKind::Betalingsregeling => "betalingsregeling",
            InstrumentKind::Moratorium => "moratorium / time-out",
            InstrumentKind::Escalatie => "escalatie",
            InstrumentKind::Budget => "budget",
            InstrumentKind::Procedure => "procedure",
            InstrumentKind::Werkwijze => "werkwijze",
            InstrumentKind::Gedogen => "gedogen / legaliseren",
            InstrumentKind::Voorrang => "voorrang / urgentie",
            InstrumentKind::Rechtsgang => "rechtsgang",
        }
    }
}

/// A breakthrough instrument: a legal or practical route to set a rule aside.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Stable id (`B02`).
    pub id: String,
    /// Dutch name.
    pub name_nl: String,
    /// English name.
    pub name_en: String,
    /// The route it takes.
    pub kind: InstrumentKind,
    /// The lowest level that may normally use it.
    pub level: MandateLevel,
    /// Who that is, in Dutch ("college; in mandaat teamleider").
    pub role_nl: String,
    /// The same in English.
    #[serde(default)]
    pub role_en: String,
    /// The legal basis (law and article), or "Geen…" for a way of working, in Dutch.
    pub legal_basis: String,
    /// The same in English ("None…" for a way of working).
    #[serde(default)]
    pub legal_basis_en: String,
    /// What must be written down when it is used.
    pub document_nl: String,
    /// The same in English.
    #[serde(default)]
    pub document_en: String,
    /// Public sources.
    pub sources: Vec<String>,
    /// The legal basis still has to be checked against the law itself.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub verify: bool,
}

/// The status of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In force.
    InWerking,
    /// A bill or draft decree before parliament.
    Wetsvoorstel,
    /// Out for public consultation.
    Consultatie,
    /// Announced by the government, no text yet.
    Aangekondigd,
}

impl Status {
    /// All statuses, in the order of the schema documentation.
    pub const ALL: [Status; 4] = [Status::InWerking, Status::Wetsvoorstel, Status::Consultatie, Status::Aangekondigd];

    /// The Dutch label.
    pub fn label_nl(self) -> &'static str {
        match self {
            Status::InWerking => "in werking",
            Status::Wetsvoorstel => "wetsvoorstel",
            Status::Consultatie => "consultatie",
            Status::Aangekondigd => "aangekondigd",
        }
    }

    /// The English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Status::InWerking => "in force",
            Status::Wetsvoorstel => "bill",
            Status::Consultatie => "consultation",
            Status::Aangekondigd => "announced",
        }
    }
}

/// Who normally applies a rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holder {
    /// The mandate level.
    pub level: MandateLevel,
    /// The role, in Dutch ("college van B&W; Burgerzaken in mandaat").
    pub role_nl: String,
    /// The same in English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role_en: String,
}

/// One legal source of a rule: a law and (where known) the article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalSource {
    /// The law, decree, ordinance or case, in Dutch ("Participatiewet").
    pub law: String,
    /// The same in English ("Participation Act").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub law_en: String,
    /// The article, cited the Dutch way ("art. 41 lid 4"); empty when the source names none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub article: String,
    /// The same cited the English way ("art. 41(4)").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub article_en: String,
    /// A short explanation, in Dutch.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The same in English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note_en: String,
    /// The article number has not been checked against the law itself.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub verify: bool,
}

impl LegalSource {
    /// "Participatiewet art. 41 lid 4" / "Participation Act art. 41(4)", or just the law;
    /// Dutch where no English was written.
    pub fn citation(&self, lang: Lang) -> String {
        let law = pick(lang, &self.law, &self.law_en);
        let article = pick(lang, &self.article, &self.article_en);
        if article.is_empty() {
            law.to_string()
        } else {
            format!("{law} {article}")
        }
    }

    /// The language [`LegalSource::citation`] is written in for `lang`: Dutch when the
    /// English law name is missing (users' own rules may be Dutch only).
    pub fn citation_lang(&self, lang: Lang) -> Lang {
        if self.law_en.trim().is_empty() {
            Lang::Nl
        } else {
            lang
        }
    }
}

/// A factor a rule puts on the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFactor {
    /// Id shared across the library: the same id means the same factor everywhere.
    pub id: String,
    /// Dutch label.
    pub label_nl: String,
    /// English label.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label_en: String,
    /// What kind of factor it is.
    pub kind: FactorKind,
}

/// A causal link a rule creates, between two of its factors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleLink {
    /// The cause (a factor id of the rule).
    pub from: String,
    /// The effect (a factor id of the rule).
    pub to: String,
    /// The sign.
    pub polarity: Polarity,
    /// The source names the link but not its direction; the sign was inferred.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub polarity_inferred: bool,
    /// The effect takes noticeable time.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub delay: bool,
    /// A short explanation, in Dutch.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The same in English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note_en: String,
}

/// An instrument that can set this rule aside, with who may use it for this rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstrumentRef {
    /// The instrument id (`B02`).
    pub id: String,
    /// The lowest level that may use it for this rule.
    pub level: MandateLevel,
    /// Who that is, in Dutch.
    pub role_nl: String,
    /// The same in English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role_en: String,
    /// How the instrument applies to this rule, in Dutch.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub how_nl: String,
    /// The same in English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub how_en: String,
}

/// A sourced rule that creates links on the map and can be set aside by instruments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable id (`WON-03`).
    pub id: String,
    /// Dutch name.
    pub name_nl: String,
    /// English name.
    pub name_en: String,
    /// The sector id.
    pub sector: String,
    /// In force, bill, consultation or announced.
    pub status: Status,
    /// In force from (`YYYY-MM-DD`), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// In force until (`YYYY-MM-DD`), if known or announced: the last day the rule holds
    /// as described. Files written before edition 2026.2 call it `valid_to`; both are read.
    #[serde(default, alias = "valid_to", skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// When the sources were last read (`YYYY-MM-DD`).
    pub last_checked: String,
    /// How sure the causal effect is (the links the rule creates). Whether its legal
    /// source was checked is a separate fact: [`Rule::verification_status`].
    pub confidence: Confidence,
    /// Extra search words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Trigger and consequence in one to three sentences, in Dutch.
    pub mechanism_nl: String,
    /// The same in English, if written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mechanism_en: String,
    /// Who normally applies the rule.
    pub decision_holder: Holder,
    /// Laws and articles.
    pub legal_sources: Vec<LegalSource>,
    /// The factors the rule puts on the map.
    pub factors: Vec<RuleFactor>,
    /// The links the rule creates.
    pub links: Vec<RuleLink>,
    /// Instruments that can set the rule aside.
    #[serde(default)]
    pub instruments: Vec<InstrumentRef>,
    /// Public sources (URLs).
    pub sources: Vec<String>,
    /// Canonical cycles (template ids) the rule takes part in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cycles: Vec<String>,
    /// What was checked against which source, and what is still open.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub verification: String,
    /// The same in English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub verification_en: String,
    /// The file the rule was read from (not stored in files).
    #[serde(skip)]
    pub origin: String,
}

impl Rule {
    /// The legal sources as one line in `lang`: "Participatiewet art. 22a; ...".
    pub fn legal_citation(&self, lang: Lang) -> String {
        self.legal_sources.iter().map(|source| source.citation(lang)).collect::<Vec<_>>().join("; ")
    }

    /// The language [`Rule::legal_citation`] is written in for `lang`: English only when
    /// every legal source has its English name.
    pub fn legal_citation_lang(&self, lang: Lang) -> Lang {
        if self.legal_sources.iter().all(|source| source.citation_lang(lang) == lang) {
            lang
        } else {
            Lang::Nl
        }
    }

    /// Every mandate level involved: the decision holder and each instrument, sorted.
    pub fn mandate_levels(&self) -> Vec<MandateLevel> {
        let mut levels: Vec<MandateLevel> = std::iter::once(self.decision_holder.level)
            .chain(self.instruments.iter().map(|instrument| instrument.level))
            .collect();
        sorting::sort(&mut levels);
        levels.dedup();
        levels
    }

    /// Whether anything about the rule still has to be checked: an article marked
    /// `verify` or a link whose sign was inferred. The UI shows this.
    pub fn needs_verification(&self) -> bool {
        self.legal_sources.iter().any(|source| source.verify) || self.has_inferred_links()
    }

    /// Whether the legal source was checked: two facts apart from the confidence in the
    /// causal effect. `Unchecked` when an article is marked `verify`; signs that were
    /// inferred are reported by [`Rule::has_inferred_links`].
    pub fn verification_status(&self) -> VerificationStatus {
        if self.legal_sources.iter().any(|source| source.verify) {
            VerificationStatus::Unchecked
        } else {
            VerificationStatus::Checked
        }
    }

    /// Whether the rule no longer holds as described on `today` (`YYYY-MM-DD`): its
    /// `valid_until` lies before it. The app flags such a rule.
    pub fn expired_on(&self, today: &str) -> bool {
        self.valid_until.as_deref().is_some_and(|until| until < today)
    }

    /// The mechanism in `lang`, Dutch when no English was written.
    pub fn mechanism(&self, lang: Lang) -> &str {
        pick(lang, &self.mechanism_nl, &self.mechanism_en)
    }

    /// The verification note in `lang`, Dutch when no English was written.
    pub fn verification_note(&self, lang: Lang) -> &str {
        pick(lang, &self.verification, &self.verification_en)
    }

    /// Whether any link's sign was inferred rather than stated by a source.
    pub fn has_inferred_links(&self) -> bool {
        self.links.iter().any(|link| link.polarity_inferred)
    }

    /// The factor of this rule with this id.
    pub fn factor(&self, id: &str) -> Option<&RuleFactor> {
        self.factors.iter().find(|factor| factor.id == id)
    }
}

/// Whether a rule's legal source was checked against the law (or a source quoting it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VerificationStatus {
    /// Every article was checked; the verification note says against what.
    Checked,
    /// At least one article still has to be checked (`verify = true`).
    Unchecked,
}

impl VerificationStatus {
    /// "gecontroleerd" / "checked", or "nog te controleren" / "still to be checked".
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            VerificationStatus::Checked => lang.pick("bron gecontroleerd", "source checked"),
            VerificationStatus::Unchecked => lang.pick("bron nog te controleren", "source still to be checked"),
        }
    }
}

/// `en` in English when it was written, otherwise the Dutch text.
pub fn pick<'a>(lang: Lang, nl: &'a str, en: &'a str) -> &'a str {
    if en.is_empty() {
        nl
    } else {
        lang.pick(nl, en)
    }
}

/// Methods that say a bilingual text of an item in `lang` (Dutch when no English was
/// written): `name: nl_field / en_field` gives `fn name(&self, lang: Lang) -> &str`.
macro_rules! in_lang {
    ($($item:ty { $($(#[$doc:meta])* $method:ident: $nl:ident / $en:ident;)* })*) => {
        $(impl $item {
            $($(#[$doc])* pub fn $method(&self, lang: Lang) -> &str {
                pick(lang, &self.$nl, &self.$en)
            })*
        })*
    };
}

in_lang! {
    RuleFactor {
        /// The label in `lang`.
        label: label_nl / label_en;
    }
    TemplateFactor {
        /// The label in `lang`.
        label: label_nl / label_en;
    }
    Template {
        /// The name in `lang`.
        name: name_nl / name_en;
    }
    RuleLink {
        /// The note in `lang`.
        note: note / note_en;
    }
    TemplateLink {
        /// The note in `lang`.
        note: note / note_en;
    }
    Holder {
        /// The role in `lang`.
        role: role_nl / role_en;
    }
    InstrumentRef {
        /// The role in `lang`.
        role: role_nl / role_en;
        /// How the instrument applies, in `lang`.
        how: how_nl / how_en;
    }
    Instrument {
        /// The name in `lang`.
        name: name_nl / name_en;
        /// The role in `lang`.
        role: role_nl / role_en;
        /// What to write down, in `lang`.
        document: document_nl / document_en;
        /// The legal basis in `lang`.
        legal_basis: legal_basis / legal_basis_en;
    }
    MandateLevelInfo {
        /// The name in `lang`.
        name: name_nl / name_en;
        /// The description in `lang`.
        description: description_nl / description_en;
    }
    ChecklistItem {
        /// The title in `lang`.
        title: title_nl / title_en;
        /// The question in `lang`.
        question: question_nl / question_en;
    }
}

/// A factor of a case template, with its place on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateFactor {
    /// Id shared with the rules (`schulden`).
    pub id: String,
    /// Dutch label.
    pub label_nl: String,
    /// English label.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label_en: String,
    /// What kind of factor it is.
    pub kind: FactorKind,
    /// Position on the canvas.
    pub x: f64,
    /// Position on the canvas.
    pub y: f64,
}

/// A link of a case template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateLink {
    /// The cause.
    pub from: String,
    /// The effect.
    pub to: String,
    /// The sign.
    pub polarity: Polarity,
    /// The library rule behind the link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The sector behind the link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// The sign was inferred, not stated by a source.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub polarity_inferred: bool,
    /// The effect takes noticeable time.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub delay: bool,
    /// A short explanation or source, in Dutch.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The same in English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note_en: String,
}

/// A canonical vicious cycle, ready to open as a case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Stable id (`CY-01`).
    pub id: String,
    /// Dutch name.
    pub name_nl: String,
    /// English name.
    pub name_en: String,
    /// What the cycle is about and where it can be broken, in Dutch.
    pub description_nl: String,
    /// The same in English.
    #[serde(default)]
    pub description_en: String,
    /// Suggested breakthrough instruments.
    #[serde(default)]
    pub instruments: Vec<String>,
    /// Public sources.
    pub sources: Vec<String>,
    /// The factors, placed on a circle (side branches outside it).
    pub factors: Vec<TemplateFactor>,
    /// The links.
    pub links: Vec<TemplateLink>,
}

/// One item of the general mandate checklist for a breakthrough.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// Stable id (`bevoegdheid`), stored in a case's interventions.
    pub id: String,
    /// Dutch title.
    pub title_nl: String,
    /// English title.
    pub title_en: String,
    /// The question to answer at the table, in Dutch.
    pub question_nl: String,
    /// The same in English.
    pub question_en: String,
    /// Where the item comes from.
    pub sources: Vec<String>,
}
