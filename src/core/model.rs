//! The case model: a directed graph of factors and signed links around one client's
//! situation. This is what the app edits, the analysis reads and the case file stores.
//!
//! Ids are short strings so that a case file stays readable and a CSV edge list can use
//! factor names as ids. Parallel links and self-loops are allowed.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a factor on the map stands for; each kind has its own shape and colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum FactorKind {
    /// A life-world condition of the client ("schulden", "stress").
    #[default]
    Situatie,
    /// A regulation or policy rule.
    Regel,
    /// A debt or financial claim.
    Schuld,
    /// A gap in care or support.
    Zorgkloof,
    /// A sectoral decision by an organisation.
    Besluit,
}

impl FactorKind {
    /// All kinds, in legend order.
    pub const ALL: [FactorKind; 5] =
        [FactorKind::Situatie, FactorKind::Regel, FactorKind::Schuld, FactorKind::Zorgkloof, FactorKind::Besluit];

    /// The id used in files ("situatie", "regel", ...).
    pub fn id(self) -> &'static str {
        match self {
            FactorKind::Situatie => "situatie",
            FactorKind::Regel => "regel",
            FactorKind::Schuld => "schuld",
            FactorKind::Zorgkloof => "zorgkloof",
            FactorKind::Besluit => "besluit",
        }
    }

    /// Parses a file id, case-insensitively.
    pub fn parse(text: &str) -> Option<FactorKind> {
        let text = text.trim().to_ascii_lowercase();
        FactorKind::ALL.into_iter().find(|kind| kind.id() == text)
    }
}

/// The sign of a causal link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Polarity {
    /// More of the cause gives more of the effect.
    #[default]
    #[serde(rename = "+")]
    Positive,
    /// More of the cause gives less of the effect.
    #[serde(rename = "-")]
    Negative,
}

impl Polarity {
    /// `+` or `-`.
    pub fn symbol(self) -> &'static str {
        match self {
            Polarity::Positive => "+",
            Polarity::Negative => "-",
        }
    }

    /// Parses `+`, `-`, the Unicode minus `−`, and the words used by other tools
    /// (`positive`/`negative`, `same`/`opposite`, `s`/`o`).
    pub fn parse(text: &str) -> Option<Polarity> {
        match text.trim().to_ascii_lowercase().as_str() {
            "+" | "positive" | "positief" | "same" | "s" | "+1" | "1" => Some(Polarity::Positive),
            "-" | "−" | "negative" | "negatief" | "opposite" | "o" | "-1" => Some(Polarity::Negative),
            _ => None,
        }
    }

    /// The other sign.
    pub fn flipped(self) -> Polarity {
        match self {
            Polarity::Positive => Polarity::Negative,
            Polarity::Negative => Polarity::Positive,
        }
    }
}

/// How sure the case meeting is that a link holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Assumed, to be checked.
    Low,
    /// Plausible, partly confirmed.
    #[default]
    Medium,
    /// Confirmed by the client, a file or a source.
    High,
}

impl Confidence {
    /// All levels, low to high.
    pub const ALL: [Confidence; 3] = [Confidence::Low, Confidence::Medium, Confidence::High];

    /// The id used in files.
    pub fn id(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }

    /// Parses a file id.
    pub fn parse(text: &str) -> Option<Confidence> {
        let text = text.trim().to_ascii_lowercase();
        Confidence::ALL.into_iter().find(|level| level.id() == text)
    }
}

/// A mandate level M0 (resident) to M9 (national escalation / legislator): who may
/// set a rule aside. See `rules/mandate_levels.toml` for the names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MandateLevel(u8);

impl MandateLevel {
    /// The highest level, M9.
    pub const MAX: MandateLevel = MandateLevel(9);

    /// The level `M{n}`, if `n` is 0..=9.
    pub fn new(n: u8) -> Option<MandateLevel> {
        (n <= 9).then_some(MandateLevel(n))
    }

    /// The number 0..=9.
    pub fn number(self) -> u8 {
        self.0
    }

    /// Parses `M4` or `m4`.
    pub fn parse(text: &str) -> Option<MandateLevel> {
        let text = text.trim();
        let digits = text.strip_prefix('M').or_else(|| text.strip_prefix('m'))?;
        digits.parse::<u8>().ok().and_then(MandateLevel::new)
    }
}

impl fmt::Display for MandateLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "M{}", self.0)
    }
}

impl TryFrom<String> for MandateLevel {
    type Error = String;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        MandateLevel::parse(&text).ok_or_else(|| format!("'{text}' is geen mandaatniveau (M0 t/m M9)"))
    }
}

impl From<MandateLevel> for String {
    fn from(level: MandateLevel) -> String {
        level.to_string()
    }
}

/// A factor on the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    /// Unique within the case.
    pub id: String,
    /// What the factor is, in the words of the case meeting.
    pub label: String,
    /// What kind of factor this is.
    #[serde(default)]
    pub kind: FactorKind,
    /// Position on the canvas (user units).
    #[serde(default)]
    pub x: f64,
    /// Position on the canvas (user units).
    #[serde(default)]
    pub y: f64,
    /// Free note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The case meeting decided this factor cannot be changed (never part of a plan).
    #[serde(default, skip_serializing_if = "is_false")]
    pub fixed: bool,
}

/// A signed causal link between two factors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Unique within the case.
    pub id: String,
    /// The cause.
    pub from: String,
    /// The effect.
    pub to: String,
    /// The sign of the effect.
    #[serde(default)]
    pub polarity: Polarity,
    /// The sector whose rule or decision creates the link (`wonen`, `schulden`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// The library rule behind the link (`WON-03`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The effect takes noticeable time.
    #[serde(default, skip_serializing_if = "is_false")]
    pub delay: bool,
    /// How sure the case meeting is.
    #[serde(default)]
    pub confidence: Confidence,
    /// Free note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The case meeting decided this link cannot be broken (never part of a plan).
    #[serde(default, skip_serializing_if = "is_false")]
    pub fixed: bool,
    /// A cost given by the user that overrides the cost derived from the mandate level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<u32>,
}

impl Factor {
    /// A factor at the origin with no note, not fixed.
    pub fn new(id: &str, label: &str, kind: FactorKind) -> Factor {
        Factor { id: id.to_string(), label: label.to_string(), kind, x: 0.0, y: 0.0, note: String::new(), fixed: false }
    }
}

impl Link {
    /// A link with no sector, rule, note or cost, medium confidence, not fixed.
    pub fn new(id: &str, from: &str, to: &str, polarity: Polarity) -> Link {
        Link {
            id: id.to_string(),
            from: from.to_string(),
            to: to.to_string(),
            polarity,
            sector: None,
            rule: None,
            delay: false,
            confidence: Confidence::default(),
            note: String::new(),
            fixed: false,
            cost: None,
        }
    }
}

/// Whether a flag is off: serde leaves such flags out of the case file.
pub(crate) fn is_false(value: &bool) -> bool {
    !*value
}

/// One client's case map.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// A pseudonymous title ("Casus park Zonneweide 3"); no client names needed.
    #[serde(default)]
    pub title: String,
    /// The factors, in creation order.
    #[serde(default)]
    pub factors: Vec<Factor>,
    /// The links, in creation order.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Loops the case meeting marked as virtuous, each as its canonical key
    /// (see [`loop_key`]): reinforcing, but wanted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub virtuous_loops: Vec<String>,
    /// Interventions the case meeting chose, with their mandate checklists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interventions: Vec<Intervention>,
    /// Names the case meeting gave to mechanisms (groups of vicious loops that share most
    /// of their links); see `analysis::structure::name_mechanisms` for how a name follows
    /// its mechanism when the loops change.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mechanism_names: Vec<MechanismName>,
    /// The presentation sequence as the facilitator ordered it, with skipped steps (see
    /// `core::presentation`); empty: the default sequence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub presentation: Vec<crate::core::presentation::StoredStep>,
    /// Set when the case is a training exercise: the story, the trainer's reference map
    /// and whether the analysis is revealed (see `core::exercise`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<crate::core::exercise::Exercise>,
    /// The case meeting's record: date, who took part, agenda, actions, decisions, vote
    /// (boxed: an edit that carries a whole case stays small).
    #[serde(default, skip_serializing_if = "crate::core::meeting::Meeting::is_empty")]
    pub meeting: Box<crate::core::meeting::Meeting>,
}

/// A mechanism's name, with the keys (see [`loop_key`]) of the loops the mechanism had
/// when it was named. The name stays with the mechanism that shares most of these loops.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MechanismName {
    /// The loop keys of the mechanism when it was named, sorted.
    pub loops: Vec<String>,
    /// The name ("Schuldenspiraal").
    pub name: String,
}

/// What an intervention breaks: one link or one factor. Written as
/// `{"type": "link", "id": "L3"}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "TargetRecord", into = "TargetRecord")]
pub enum Target {
    /// Break the link with this id.
    Link(String),
    /// Take away the factor with this id.
    Factor(String),
}

/// A [`Target`] as the case file writes it. (serde's adjacently tagged enums would do
/// the same, with ~2 KB more code in the wasm for buffering out-of-order fields.)
#[derive(Clone, Serialize, Deserialize)]
struct TargetRecord {
    #[serde(rename = "type")]
    kind: TargetKind,
    id: String,
}

/// The `type` of a [`TargetRecord`].
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum TargetKind {
    Link,
    Factor,
}

impl From<TargetRecord> for Target {
    fn from(record: TargetRecord) -> Target {
        match record.kind {
            TargetKind::Link => Target::Link(record.id),
            TargetKind::Factor => Target::Factor(record.id),
        }
    }
}

impl From<Target> for TargetRecord {
    fn from(target: Target) -> TargetRecord {
        match target {
            Target::Link(id) => TargetRecord { kind: TargetKind::Link, id },
            Target::Factor(id) => TargetRecord { kind: TargetKind::Factor, id },
        }
    }
}

/// A chosen intervention and the state of its mandate checklist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Intervention {
    /// The link or factor it breaks.
    pub target: Target,
    /// The breakthrough instrument chosen from the library, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<String>,
    /// Ticked checklist items by item id, with the note written at the table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklist: Vec<ChecklistEntry>,
}

/// One ticked or annotated item of a mandate checklist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChecklistEntry {
    /// The checklist item id (see `core::checklist`).
    pub item: String,
    /// Whether it is done.
    #[serde(default)]
    pub done: bool,
    /// What was agreed or recorded.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A problem that makes a case unusable for analysis: a dangling or duplicate id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseError {
    /// Two factors share an id.
    DuplicateFactor(String),
    /// Two links share an id.
    DuplicateLink(String),
    /// A link names a factor that does not exist.
    UnknownFactor {
        /// The link.
        link: String,
        /// The missing factor id.
        factor: String,
    },
    /// A factor or link id is empty (or only white space).
    EmptyId,
}

impl CaseError {
    /// The problem in `lang`.
    pub fn message(&self, lang: crate::core::lang::Lang) -> String {
        let nl = lang == crate::core::lang::Lang::Nl;
        match self {
            CaseError::DuplicateFactor(id) if nl => format!("factor-id '{id}' komt twee keer voor"),
            CaseError::DuplicateFactor(id) => format!("factor id '{id}' appears twice"),
            CaseError::DuplicateLink(id) if nl => format!("verband-id '{id}' komt twee keer voor"),
            CaseError::DuplicateLink(id) => format!("link id '{id}' appears twice"),
            CaseError::UnknownFactor { link, factor } if nl => {
                format!("verband '{link}' verwijst naar onbekende factor '{factor}'")
            }
            CaseError::UnknownFactor { link, factor } => format!("link '{link}' names an unknown factor '{factor}'"),
            CaseError::EmptyId if nl => "een factor of verband heeft een lege id".to_string(),
            CaseError::EmptyId => "a factor or link has an empty id".to_string(),
        }
    }
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(crate::core::lang::Lang::Nl))
    }
}

impl std::error::Error for CaseError {}

impl Case {
    /// The factor with this id.
    pub fn factor(&self, id: &str) -> Option<&Factor> {
        self.factors.iter().find(|factor| factor.id == id)
    }

    /// The link with this id.
    pub fn link(&self, id: &str) -> Option<&Link> {
        self.links.iter().find(|link| link.id == id)
    }

    /// The position of the factor with this id in `factors`.
    pub fn factor_index(&self, id: &str) -> Option<usize> {
        self.factors.iter().position(|factor| factor.id == id)
    }

    /// Every structural problem: duplicate or empty ids and links to missing factors.
    /// An empty list means the case can be analysed.
    pub fn problems(&self) -> Vec<CaseError> {
        let mut problems = Vec::new();
        let mut factor_ids = std::collections::HashSet::new();
        for factor in &self.factors {
            if factor.id.trim().is_empty() {
                problems.push(CaseError::EmptyId);
            } else if !factor_ids.insert(factor.id.as_str()) {
                problems.push(CaseError::DuplicateFactor(factor.id.clone()));
            }
        }
        let mut link_ids = std::collections::HashSet::new();
        for link in &self.links {
            if link.id.trim().is_empty() {
                problems.push(CaseError::EmptyId);
            } else if !link_ids.insert(link.id.as_str()) {
                problems.push(CaseError::DuplicateLink(link.id.clone()));
            }
            for end in [&link.from, &link.to] {
                if !factor_ids.contains(end.as_str()) {
                    problems.push(CaseError::UnknownFactor { link: link.id.clone(), factor: end.clone() });
                }
            }
        }
        problems
    }

    /// A new factor id that is not in use yet (`f1`, `f2`, ...).
    pub fn fresh_factor_id(&self) -> String {
        fresh_id("f", self.factors.iter().map(|factor| factor.id.as_str()))
    }

    /// A new link id that is not in use yet (`l1`, `l2`, ...).
    pub fn fresh_link_id(&self) -> String {
        fresh_id("l", self.links.iter().map(|link| link.id.as_str()))
    }
}

/// `prefix` followed by one more than the highest number already used with it.
fn fresh_id<'a>(prefix: &str, used: impl Iterator<Item = &'a str>) -> String {
    let highest = used.filter_map(|id| id.strip_prefix(prefix).and_then(|n| n.parse::<u64>().ok())).max().unwrap_or(0);
    format!("{prefix}{}", highest + 1)
}

/// The canonical key of a loop given as link ids in loop order: the rotation that starts
/// at the smallest id, joined with `>`. The same loop always gets the same key, whichever
/// link the search started from.
pub fn loop_key(link_ids: &[&str]) -> String {
    let Some(start) = (0..link_ids.len()).min_by_key(|&i| link_ids[i]) else {
        return String::new();
    };
    let rotated: Vec<&str> = link_ids[start..].iter().chain(&link_ids[..start]).copied().collect();
    rotated.join(">")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn factor(id: &str) -> Factor {
        Factor::new(id, id, FactorKind::Situatie)
    }

    fn link(id: &str, from: &str, to: &str) -> Link {
        Link::new(id, from, to, Polarity::Positive)
    }

    #[test]
    fn problems_name_duplicates_and_dangling_ends() {
        let case = Case {
            factors: vec![factor("a"), factor("a"), factor("b")],
            links: vec![link("l1", "a", "b"), link("l1", "b", "zz")],
            ..Case::default()
        };
        let problems = case.problems();
        assert!(problems.contains(&CaseError::DuplicateFactor("a".into())));
        assert!(problems.contains(&CaseError::DuplicateLink("l1".into())));
        assert!(problems.contains(&CaseError::UnknownFactor { link: "l1".into(), factor: "zz".into() }));
        assert_eq!(problems.len(), 3);
    }

    #[test]
    fn fresh_ids_skip_used_numbers() {
        let case = Case { factors: vec![factor("f1"), factor("f7"), factor("x")], ..Case::default() };
        assert_eq!(case.fresh_factor_id(), "f8");
        assert_eq!(case.fresh_link_id(), "l1");
    }

    #[test]
    fn loop_key_is_rotation_invariant() {
        assert_eq!(loop_key(&["l3", "l1", "l2"]), "l1>l2>l3");
        assert_eq!(loop_key(&["l2", "l3", "l1"]), "l1>l2>l3");
        assert_ne!(loop_key(&["l1", "l3", "l2"]), loop_key(&["l1", "l2", "l3"]));
    }

    #[test]
    fn polarity_and_mandate_parse_what_users_type() {
        assert_eq!(Polarity::parse("−"), Some(Polarity::Negative));
        assert_eq!(Polarity::parse("same"), Some(Polarity::Positive));
        assert_eq!(Polarity::parse("?"), None);
        assert_eq!(MandateLevel::parse("m4").map(MandateLevel::number), Some(4));
        assert_eq!(MandateLevel::parse("M10"), None);
    }

    #[test]
    fn case_json_round_trips_with_defaults() {
        let json = r#"{"factors":[{"id":"a","label":"A"}],"links":[{"id":"l1","from":"a","to":"a","polarity":"-"}]}"#;
        let case: Case = serde_json::from_str(json).expect("valid case");
        assert_eq!(case.links[0].polarity, Polarity::Negative);
        assert_eq!(case.factors[0].kind, FactorKind::Situatie);
        let again: Case = serde_json::from_str(&serde_json::to_string(&case).expect("serialises")).expect("parses");
        assert_eq!(again, case);
    }
}
