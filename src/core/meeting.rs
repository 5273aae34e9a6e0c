//! The case meeting around a map: when it met, who sat at the table (by role and
//! organisation, never by name), the agenda with its time boxes, who does what by when
//! (actions with a status), decisions and open points, and the dot vote on breakthrough
//! options and loops.
//!
//! Everything is part of the [`Case`](crate::core::model::Case) and changes only through
//! [`MeetingEdit`], applied by [`apply`] (via `Edit::Meeting`), so every change is one
//! undo step and a refusal is a typed [`MeetingError`] said in Dutch or English.

use crate::core::lang::Lang;
use crate::core::model::{Case, Intervention, Target};
use crate::core::sorting;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest time box of one agenda step, in minutes.
pub const MAX_MINUTES: u16 = 240;
/// The most voters a dot vote can have.
pub const MAX_VOTERS: u8 = 30;
/// The most dots one voter can get.
pub const MAX_DOTS_EACH: u8 = 10;
/// Dots each voter gets unless the meeting says otherwise.
pub const DEFAULT_DOTS_EACH: u8 = 3;

/// A calendar date (`YYYY-MM-DD` in files), always a real day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if it exists (years 1000–9999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1000..=9999).contains(&year) && (1..=days).contains(&day)).then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (what `<input type="date">` gives).
    ///
    /// # Errors
    /// [`MeetingError::InvalidDate`] with the text when it is not a real day in that form.
    pub fn parse(text: &str) -> Result<Date, MeetingError> {
        let invalid = || MeetingError::InvalidDate(text.to_string());
        let trimmed = text.trim();
        let bytes = trimmed.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shaped {
            return Err(invalid());
        }
        let number = |range: std::ops::Range<usize>| trimmed[range].parse::<u16>().map_err(|_| invalid());
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        Date::new(year, month as u8, day as u8).ok_or_else(invalid)
    }

    /// Parses what a person types: `YYYY-MM-DD`, or the Dutch order `D-M-YYYY` (with `-`,
    /// `/` or `.` between).
    ///
    /// # Errors
    /// [`MeetingError::InvalidDate`] with the text when it is neither.
    pub fn parse_typed(text: &str) -> Result<Date, MeetingError> {
        let invalid = || MeetingError::InvalidDate(text.to_string());
        if let Ok(date) = Date::parse(text) {
            return Ok(date);
        }
        let parts: Vec<&str> = text.trim().split(['-', '/', '.']).collect();
        let [day, month, year] = parts[..] else { return Err(invalid()) };
        let short = |part: &str| (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
        if !short(day) || !short(month) || year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let number = |part: &str| part.parse::<u16>().map_err(|_| invalid());
        Date::new(number(year)?, number(month)? as u8, number(day)? as u8).ok_or_else(invalid)
    }

    /// The date as people read it: `15-12-2026` in Dutch, `2026-12-15` in English.
    pub fn local(self, lang: Lang) -> String {
        match lang {
            Lang::Nl => format!("{}-{}-{:04}", self.day, self.month, self.year),
            Lang::En => self.to_string(),
        }
    }

    /// The month, `YYYY-MM`: the finest a policy signal may know.
    pub fn month(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Date::parse(&text).map_err(|error| error.message(Lang::Nl))
    }
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        date.to_string()
    }
}

/// Someone at the table, by role and organisation ("schuldhulpverlener", "Gemeente
/// Zonneveld"); never a client's name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The role ("wijkverpleegkundige", "consulent inkomen").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// The organisation ("GGD", "woningcorporatie").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation: String,
}

impl Person {
    /// A person with this role and organisation.
    pub fn new(role: &str, organisation: &str) -> Person {
        Person { role: role.to_string(), organisation: organisation.to_string() }
    }

    /// Neither role nor organisation given.
    pub fn is_empty(&self) -> bool {
        self.role.trim().is_empty() && self.organisation.trim().is_empty()
    }

    /// "role (organisation)", or whichever of the two is given.
    pub fn describe(&self) -> String {
        match (self.role.trim(), self.organisation.trim()) {
            (role, "") => role.to_string(),
            ("", organisation) => organisation.to_string(),
            (role, organisation) => format!("{role} ({organisation})"),
        }
    }

    fn trimmed(&self) -> Person {
        Person::new(self.role.trim(), self.organisation.trim())
    }
}

/// A step of the werkvorm, the order a case meeting works through the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Step {
    /// The client's situation.
    Situatie,
    /// The rules and decisions.
    Regels,
    /// The vicious circles.
    Cirkels,
    /// The breakthrough options and the plan.
    Doorbraak,
    /// Who may act, on which basis.
    Mandaat,
    /// Anything else (its title says what).
    Overig,
}

impl Step {
    /// The default agenda: each step of the werkvorm with its time box in minutes.
    pub const DEFAULT_AGENDA: [(Step, u16); 5] =
        [(Step::Situatie, 10), (Step::Regels, 10), (Step::Cirkels, 15), (Step::Doorbraak, 15), (Step::Mandaat, 10)];

    /// Every step, in werkvorm order.
    pub const ALL: [Step; 6] =
        [Step::Situatie, Step::Regels, Step::Cirkels, Step::Doorbraak, Step::Mandaat, Step::Overig];

    /// The name of the step.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Step::Situatie => lang.pick("Situatie", "Situation"),
            Step::Regels => lang.pick("Regels en besluiten", "Rules and decisions"),
            Step::Cirkels => lang.pick("Vicieuze cirkels", "Vicious circles"),
            Step::Doorbraak => lang.pick("Doorbraak", "Breakthrough"),
            Step::Mandaat => lang.pick("Mandaat", "Mandate"),
            Step::Overig => lang.pick("Overig", "Other"),
        }
    }

    /// The id used in files ("situatie", ...).
    pub fn id(self) -> &'static str {
        match self {
            Step::Situatie => "situatie",
            Step::Regels => "regels",
            Step::Cirkels => "cirkels",
            Step::Doorbraak => "doorbraak",
            Step::Mandaat => "mandaat",
            Step::Overig => "overig",
        }
    }

    /// Parses a file id.
    pub fn parse(text: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|step| step.id() == text.trim())
    }
}

/// One agenda item: a step of the werkvorm and its time box.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// The step.
    pub step: Step,
    /// A title of its own; empty means the step's name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The time box in minutes (1 to [`MAX_MINUTES`]).
    pub minutes: u16,
}

impl AgendaItem {
    /// The title to show: its own, or the step's name.
    pub fn heading(&self, lang: Lang) -> String {
        if self.title.trim().is_empty() {
            self.step.name(lang).to_string()
        } else {
            self.title.trim().to_string()
        }
    }
}

/// How far an action is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    /// Agreed at the table, not started.
    #[default]
    Afgesproken,
    /// Under way.
    Loopt,
    /// Done.
    Gedaan,
    /// Stuck: a rule or a decision stands in the way (a signal to policy).
    Vastgelopen,
}

impl ActionStatus {
    /// Every status, in the order an action goes through them.
    pub const ALL: [ActionStatus; 4] =
        [ActionStatus::Afgesproken, ActionStatus::Loopt, ActionStatus::Gedaan, ActionStatus::Vastgelopen];

    /// The name of the status.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            ActionStatus::Afgesproken => lang.pick("Afgesproken", "Agreed"),
            ActionStatus::Loopt => lang.pick("Loopt", "Under way"),
            ActionStatus::Gedaan => lang.pick("Gedaan", "Done"),
            ActionStatus::Vastgelopen => lang.pick("Vastgelopen", "Stuck"),
        }
    }

    /// The id used in files.
    pub fn id(self) -> &'static str {
        match self {
            ActionStatus::Afgesproken => "afgesproken",
            ActionStatus::Loopt => "loopt",
            ActionStatus::Gedaan => "gedaan",
            ActionStatus::Vastgelopen => "vastgelopen",
        }
    }

    /// Parses a file id.
    pub fn parse(text: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|status| status.id() == text.trim())
    }
}

/// Who does what by when: for a chosen intervention or on its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    /// Unique within the meeting (`a1`, `a2`, ...).
    pub id: String,
    /// What will be done.
    pub what: String,
    /// Who does it, by role and organisation.
    #[serde(default)]
    pub owner: Person,
    /// By when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Date>,
    /// How far it is.
    #[serde(default)]
    pub status: ActionStatus,
    /// The chosen intervention it carries out, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intervention: Option<Target>,
    /// The library rule it concerns, if any (besides the rule on the intervention's link).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// The two lists of short texts a meeting keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoteList {
    /// What was decided.
    Decisions,
    /// What is still open.
    OpenPoints,
}

/// What a dot can be put on.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "OptionRecord", into = "OptionRecord")]
pub enum VoteOption {
    /// A breakthrough option: breaking this link or taking away this factor.
    Target(Target),
    /// A loop, by its key ([`loop_key`](crate::core::model::loop_key)): the one to tackle first.
    Loop(String),
}

/// A [`VoteOption`] as the case file writes it: `{"type": "link" | "factor" | "loop", "id": …}`.
#[derive(Clone, Serialize, Deserialize)]
struct OptionRecord {
    #[serde(rename = "type")]
    kind: OptionKind,
    id: String,
}

/// The `type` of an [`OptionRecord`].
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum OptionKind {
    Link,
    Factor,
    Loop,
}

impl From<OptionRecord> for VoteOption {
    fn from(record: OptionRecord) -> VoteOption {
        match record.kind {
            OptionKind::Link => VoteOption::Target(Target::Link(record.id)),
            OptionKind::Factor => VoteOption::Target(Target::Factor(record.id)),
            OptionKind::Loop => VoteOption::Loop(record.id),
        }
    }
}

impl From<VoteOption> for OptionRecord {
    fn from(option: VoteOption) -> OptionRecord {
        match option {
            VoteOption::Target(Target::Link(id)) => OptionRecord { kind: OptionKind::Link, id },
            VoteOption::Target(Target::Factor(id)) => OptionRecord { kind: OptionKind::Factor, id },
            VoteOption::Loop(id) => OptionRecord { kind: OptionKind::Loop, id },
        }
    }
}

/// Dots one voter put on one option.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dots {
    /// The option.
    pub option: VoteOption,
    /// How many dots (at least 1).
    pub dots: u8,
}

/// The dots of one voter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    /// Per option, the dots put on it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dots: Vec<Dots>,
}

impl Ballot {
    /// Dots put on `option`.
    pub fn on(&self, option: &VoteOption) -> u8 {
        self.dots.iter().find(|d| &d.option == option).map_or(0, |d| d.dots)
    }

    /// Dots used in all.
    pub fn used(&self) -> u32 {
        self.dots.iter().map(|d| u32::from(d.dots)).sum()
    }
}

/// A dot vote on the one shared screen: each voter gets `dots_each` dots to put on
/// breakthrough options and loops; the facilitator enters them per voter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DotVote {
    /// How many voters (1 to [`MAX_VOTERS`]).
    pub voters: u8,
    /// Dots each voter gets (1 to [`MAX_DOTS_EACH`], default 3).
    pub dots_each: u8,
    /// One ballot per voter, voter 1 first (missing ones are empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ballots: Vec<Ballot>,
}

/// One option's total in a vote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    /// The option.
    pub option: VoteOption,
    /// Dots on it over all voters.
    pub dots: u32,
    /// How many voters put at least one dot on it.
    pub voters: u32,
}

impl DotVote {
    /// The ballot of voter `voter` (0-based); empty when nothing is entered yet.
    pub fn ballot(&self, voter: usize) -> Ballot {
        self.ballots.get(voter).cloned().unwrap_or_default()
    }

    /// Dots voter `voter` has left.
    pub fn dots_left(&self, voter: usize) -> u32 {
        u32::from(self.dots_each).saturating_sub(self.ballot(voter).used())
    }

    /// The totals per option that got dots, most dots first (then most voters, then option).
    pub fn tally(&self) -> Vec<Tally> {
        let mut totals: Vec<Tally> = Vec::new();
        for ballot in self.ballots.iter().take(usize::from(self.voters)) {
            for dots in ballot.dots.iter().filter(|d| d.dots > 0) {
                match totals.iter_mut().find(|t| t.option == dots.option) {
                    Some(total) => {
                        total.dots += u32::from(dots.dots);
                        total.voters += 1;
                    }
                    None => totals.push(Tally { option: dots.option.clone(), dots: u32::from(dots.dots), voters: 1 }),
                }
            }
        }
        sorting::sort_by(&mut totals, |a, b| (b.dots, b.voters).cmp(&(a.dots, a.voters)).then(a.option.cmp(&b.option)));
        totals
    }

    /// Dots on `option` over all voters.
    pub fn total(&self, option: &VoteOption) -> u32 {
        self.tally().into_iter().find(|t| &t.option == option).map_or(0, |t| t.dots)
    }

    /// The options that lead: those with the most dots (ties all lead), among the
    /// breakthrough options or among the loops. Empty when nobody voted on that kind.
    pub fn leaders(&self, loops: bool) -> Vec<VoteOption> {
        let of_kind: Vec<Tally> =
            self.tally().into_iter().filter(|t| matches!(t.option, VoteOption::Loop(_)) == loops).collect();
        let top = of_kind.first().map_or(0, |t| t.dots);
        of_kind.into_iter().filter(|t| t.dots == top && top > 0).map(|t| t.option).collect()
    }

    /// The breakthrough options the vote chose: the leading ones.
    pub fn chosen_targets(&self) -> Vec<Target> {
        self.leaders(false)
            .into_iter()
            .filter_map(|option| match option {
                VoteOption::Target(target) => Some(target),
                VoteOption::Loop(_) => None,
            })
            .collect()
    }
}

/// The meeting record of a case.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// The day of the meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Who chairs it.
    #[serde(default, skip_serializing_if = "Person::is_empty")]
    pub chair: Person,
    /// Who takes part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Person>,
    /// The agenda with time boxes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agenda: Vec<AgendaItem>,
    /// Who does what by when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionItem>,
    /// What was decided.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<String>,
    /// What is still open.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open_points: Vec<String>,
    /// The dot vote, once one is started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote: Option<DotVote>,
}

impl Meeting {
    /// Nothing recorded (the case file leaves the meeting out).
    pub fn is_empty(&self) -> bool {
        self == &Meeting::default()
    }

    /// The action with this id.
    pub fn action(&self, id: &str) -> Option<&ActionItem> {
        self.actions.iter().find(|action| action.id == id)
    }

    /// A new action id not in use yet (`a1`, `a2`, ...).
    pub fn fresh_action_id(&self) -> String {
        let highest = self
            .actions
            .iter()
            .filter_map(|action| action.id.strip_prefix('a').and_then(|n| n.parse::<u64>().ok()))
            .max()
            .unwrap_or(0);
        format!("a{}", highest + 1)
    }

    /// The total of the agenda's time boxes, in minutes.
    pub fn agenda_minutes(&self) -> u32 {
        self.agenda.iter().map(|item| u32::from(item.minutes)).sum()
    }

    /// The list `list`.
    pub fn notes(&self, list: NoteList) -> &[String] {
        match list {
            NoteList::Decisions => &self.decisions,
            NoteList::OpenPoints => &self.open_points,
        }
    }

    fn notes_mut(&mut self, list: NoteList) -> &mut Vec<String> {
        match list {
            NoteList::Decisions => &mut self.decisions,
            NoteList::OpenPoints => &mut self.open_points,
        }
    }

    /// Every free text of the record with where it is, for the privacy checks.
    pub fn texts(&self) -> Vec<(MeetingPlace, String)> {
        let person = |person: &Person| format!("{}\n{}", person.role, person.organisation);
        let mut texts = vec![(MeetingPlace::Chair, person(&self.chair))];
        texts.extend(self.participants.iter().enumerate().map(|(i, p)| (MeetingPlace::Participant(i), person(p))));
        texts.extend(self.agenda.iter().enumerate().map(|(i, item)| (MeetingPlace::Agenda(i), item.title.clone())));
        for action in &self.actions {
            let text = format!("{}\n{}\n{}", action.what, person(&action.owner), action.rule.as_deref().unwrap_or(""));
            texts.push((MeetingPlace::Action(action.id.clone()), text));
        }
        for list in [NoteList::Decisions, NoteList::OpenPoints] {
            texts.extend(
                self.notes(list).iter().enumerate().map(|(i, text)| (MeetingPlace::Note(list, i), text.clone())),
            );
        }
        texts
    }
}

/// Where in the meeting record a text is (for privacy warnings).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MeetingPlace {
    /// The chair.
    Chair,
    /// Participant `n` (0-based).
    Participant(usize),
    /// Agenda item `n` (0-based).
    Agenda(usize),
    /// The action with this id.
    Action(String),
    /// Item `n` (0-based) of a list.
    Note(NoteList, usize),
}

impl MeetingPlace {
    /// "de voorzitter van het overleg", "participant 2 of the meeting", ...
    pub fn describe(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        match self {
            MeetingPlace::Chair if nl => "de voorzitter van het overleg".to_string(),
            MeetingPlace::Chair => "the chair of the meeting".to_string(),
            MeetingPlace::Participant(i) if nl => format!("deelnemer {} van het overleg", i + 1),
            MeetingPlace::Participant(i) => format!("participant {} of the meeting", i + 1),
            MeetingPlace::Agenda(i) if nl => format!("agendapunt {}", i + 1),
            MeetingPlace::Agenda(i) => format!("agenda item {}", i + 1),
            MeetingPlace::Action(id) if nl => format!("actie '{id}'"),
            MeetingPlace::Action(id) => format!("action '{id}'"),
            MeetingPlace::Note(NoteList::Decisions, i) if nl => format!("besluit {}", i + 1),
            MeetingPlace::Note(NoteList::Decisions, i) => format!("decision {}", i + 1),
            MeetingPlace::Note(NoteList::OpenPoints, i) if nl => format!("open punt {}", i + 1),
            MeetingPlace::Note(NoteList::OpenPoints, i) => format!("open point {}", i + 1),
        }
    }
}

/// A breakthrough option the vote chose, with the instrument to choose it with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adopted {
    /// The link or factor.
    pub target: Target,
    /// The library instrument (the analysis's option says which), if any.
    pub instrument: Option<String>,
}

/// One change to the meeting record.
#[derive(Clone, Debug, PartialEq)]
pub enum MeetingEdit {
    /// Sets or clears the date.
    SetDate(Option<Date>),
    /// Sets the chair (an empty person clears it).
    SetChair(Person),
    /// Adds a participant (role or organisation must be given).
    AddParticipant(Person),
    /// Replaces participant `n`.
    UpdateParticipant(usize, Person),
    /// Removes participant `n`.
    RemoveParticipant(usize),
    /// Fills an empty agenda with the werkvorm's steps and time boxes.
    UseDefaultAgenda,
    /// Adds an agenda item at the end.
    AddAgendaItem(AgendaItem),
    /// Replaces agenda item `n`.
    UpdateAgendaItem(usize, AgendaItem),
    /// Removes agenda item `n`.
    RemoveAgendaItem(usize),
    /// Moves agenda item `from` to position `to` (the others keep their order).
    MoveAgendaItem {
        /// Where it is.
        from: usize,
        /// Where it goes.
        to: usize,
    },
    /// Adds an action; its id must be new and its `what` not empty.
    AddAction(ActionItem),
    /// Replaces the action with the same id.
    UpdateAction(ActionItem),
    /// Removes the action with this id.
    RemoveAction(String),
    /// Adds a text to a list.
    AddNote(NoteList, String),
    /// Replaces text `n` of a list.
    UpdateNote(NoteList, usize, String),
    /// Removes text `n` of a list.
    RemoveNote(NoteList, usize),
    /// Starts a vote, or changes its number of voters or dots each (never below what
    /// is already entered).
    SetVote {
        /// How many voters.
        voters: u8,
        /// Dots each.
        dots_each: u8,
    },
    /// Puts one of voter `voter`'s dots (0-based) on `option`.
    AddDot {
        /// The voter.
        voter: usize,
        /// The option.
        option: VoteOption,
    },
    /// Takes one of voter `voter`'s dots off `option`.
    RemoveDot {
        /// The voter.
        voter: usize,
        /// The option.
        option: VoteOption,
    },
    /// Ends the vote and forgets its dots.
    ClearVote,
    /// Takes the vote's chosen options over into the plan: chooses each as an
    /// intervention (one already chosen keeps its instrument and checklist).
    AdoptVote(Vec<Adopted>),
}

/// Why a meeting edit could not be applied; the case is left unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeetingError {
    /// The text is not a date `YYYY-MM-DD` that exists.
    InvalidDate(String),
    /// Neither role nor organisation was given.
    EmptyPerson,
    /// The text (what an action does, a decision, an open point) is empty.
    EmptyText,
    /// There is no participant `n` (0-based).
    NoParticipant(usize),
    /// There is no agenda item `n` (0-based).
    NoAgendaItem(usize),
    /// The agenda already has items (the default only fills an empty one).
    AgendaNotEmpty,
    /// A time box must be 1 to [`MAX_MINUTES`] minutes.
    InvalidMinutes(u16),
    /// The text is not a whole number.
    NotANumber(String),
    /// There is no action with this id.
    NoAction(String),
    /// The action id is in use.
    DuplicateAction(String),
    /// There is no item `n` (0-based) in the list.
    NoNote(NoteList, usize),
    /// The number of voters or of dots each is out of range.
    InvalidVoteSize {
        /// Voters asked for.
        voters: u8,
        /// Dots each asked for.
        dots_each: u8,
    },
    /// Fewer voters or dots would drop dots already entered for this voter (0-based).
    DotsEntered(usize),
    /// No vote has been started.
    NoVote,
    /// There is no voter `n` (0-based).
    NoVoter(usize),
    /// Voter `n` (0-based) has used every dot.
    NoDotsLeft(usize),
    /// Voter `n` (0-based) has no dot on this option.
    NoDotOnOption(usize),
    /// A link, factor or loop that is not (or no longer) on the map: its id.
    NotOnMap(String),
    /// The vote chose no breakthrough option to take over.
    NothingToAdopt,
    /// This option got no dots, so the vote did not choose it: its id.
    NotVotedFor(String),
}

impl MeetingError {
    /// The refusal in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        match self {
            MeetingError::InvalidDate(text) if nl => {
                format!("‘{text}’ is geen bestaande datum; schrijf bijvoorbeeld 15-12-2026.")
            }
            MeetingError::InvalidDate(text) => format!("‘{text}’ is not a date that exists; write e.g. 2026-12-15."),
            MeetingError::EmptyPerson if nl => "Vul een rol of een organisatie in (geen naam).".to_string(),
            MeetingError::EmptyPerson => "Fill in a role or an organisation (no name).".to_string(),
            MeetingError::EmptyText if nl => "Vul eerst een tekst in.".to_string(),
            MeetingError::EmptyText => "Fill in a text first.".to_string(),
            MeetingError::NoParticipant(i) if nl => format!("Deelnemer {} bestaat niet (meer).", i + 1),
            MeetingError::NoParticipant(i) => format!("Participant {} does not exist (any more).", i + 1),
            MeetingError::NoAgendaItem(i) if nl => format!("Agendapunt {} bestaat niet (meer).", i + 1),
            MeetingError::NoAgendaItem(i) => format!("Agenda item {} does not exist (any more).", i + 1),
            MeetingError::AgendaNotEmpty if nl => "De agenda heeft al punten.".to_string(),
            MeetingError::AgendaNotEmpty => "The agenda has items already.".to_string(),
            MeetingError::InvalidMinutes(m) if nl => {
                format!("{m} minuten kan niet: een tijdvak is 1 tot {MAX_MINUTES} minuten.")
            }
            MeetingError::InvalidMinutes(m) => {
                format!("{m} minutes is not possible: a time box is 1 to {MAX_MINUTES} minutes.")
            }
            MeetingError::NotANumber(text) if nl => format!("‘{text}’ is geen heel getal."),
            MeetingError::NotANumber(text) => format!("‘{text}’ is not a whole number."),
            MeetingError::NoAction(id) if nl => format!("Actie ‘{id}’ bestaat niet (meer)."),
            MeetingError::NoAction(id) => format!("Action ‘{id}’ does not exist (any more)."),
            MeetingError::DuplicateAction(id) if nl => format!("Actie ‘{id}’ bestaat al."),
            MeetingError::DuplicateAction(id) => format!("Action ‘{id}’ exists already."),
            MeetingError::NoNote(NoteList::Decisions, i) if nl => format!("Besluit {} bestaat niet (meer).", i + 1),
            MeetingError::NoNote(NoteList::Decisions, i) => format!("Decision {} does not exist (any more).", i + 1),
            MeetingError::NoNote(NoteList::OpenPoints, i) if nl => format!("Open punt {} bestaat niet (meer).", i + 1),
            MeetingError::NoNote(NoteList::OpenPoints, i) => format!("Open point {} does not exist (any more).", i + 1),
            MeetingError::InvalidVoteSize { voters, dots_each } if nl => format!(
                "{voters} deelnemers met {dots_each} stippen kan niet: 1 tot {MAX_VOTERS} deelnemers, 1 tot {MAX_DOTS_EACH} stippen."
            ),
            MeetingError::InvalidVoteSize { voters, dots_each } => format!(
                "{voters} voters with {dots_each} dots is not possible: 1 to {MAX_VOTERS} voters, 1 to {MAX_DOTS_EACH} dots."
            ),
            MeetingError::DotsEntered(i) if nl => {
                format!("Deelnemer {} heeft al stippen gezet; haal die eerst weg.", i + 1)
            }
            MeetingError::DotsEntered(i) => format!("Voter {} has placed dots already; take them off first.", i + 1),
            MeetingError::NoVote if nl => "Er is geen stemming gestart.".to_string(),
            MeetingError::NoVote => "No vote has been started.".to_string(),
            MeetingError::NoVoter(i) if nl => format!("Deelnemer {} stemt niet mee.", i + 1),
            MeetingError::NoVoter(i) => format!("Voter {} is not part of the vote.", i + 1),
            MeetingError::NoDotsLeft(i) if nl => format!("Deelnemer {} heeft geen stippen meer.", i + 1),
            MeetingError::NoDotsLeft(i) => format!("Voter {} has no dots left.", i + 1),
            MeetingError::NoDotOnOption(i) if nl => format!("Deelnemer {} heeft hier geen stip op.", i + 1),
            MeetingError::NoDotOnOption(i) => format!("Voter {} has no dot on this.", i + 1),
            MeetingError::NotOnMap(id) if nl => format!("‘{id}’ staat niet (meer) op de kaart."),
            MeetingError::NotOnMap(id) => format!("‘{id}’ is not (or no longer) on the map."),
            MeetingError::NothingToAdopt if nl => "De stemming koos nog geen doorbraakoptie.".to_string(),
            MeetingError::NothingToAdopt => "The vote chose no breakthrough option yet.".to_string(),
            MeetingError::NotVotedFor(id) if nl => format!("Op ‘{id}’ is niet gestemd."),
            MeetingError::NotVotedFor(id) => format!("Nobody voted for ‘{id}’."),
        }
    }
}

impl fmt::Display for MeetingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Nl))
    }
}

impl std::error::Error for MeetingError {}

/// Applies `edit` to `case` (its meeting record, and for [`MeetingEdit::AdoptVote`] its
/// interventions). On an error `case` may be half-changed: the caller applies to a copy
/// and drops it (as `edit::apply` does).
///
/// # Errors
/// A [`MeetingError`] saying what is wrong with the edit.
pub fn apply(case: &mut Case, edit: &MeetingEdit) -> Result<(), MeetingError> {
    let on_map = |case: &Case, target: &Target| match target {
        Target::Link(id) => case.link(id).is_some(),
        Target::Factor(id) => case.factor(id).is_some(),
    };
    let meeting = &mut case.meeting;
    match edit {
        MeetingEdit::SetDate(date) => meeting.date = *date,
        MeetingEdit::SetChair(person) => meeting.chair = person.trimmed(),
        MeetingEdit::AddParticipant(person) => meeting.participants.push(filled(person)?),
        MeetingEdit::UpdateParticipant(index, person) => {
            let person = filled(person)?;
            *meeting.participants.get_mut(*index).ok_or(MeetingError::NoParticipant(*index))? = person;
        }
        MeetingEdit::RemoveParticipant(index) => {
            if *index >= meeting.participants.len() {
                return Err(MeetingError::NoParticipant(*index));
            }
            meeting.participants.remove(*index);
        }
        MeetingEdit::UseDefaultAgenda => {
            if !meeting.agenda.is_empty() {
                return Err(MeetingError::AgendaNotEmpty);
            }
            meeting.agenda = Step::DEFAULT_AGENDA
                .iter()
                .map(|&(step, minutes)| AgendaItem { step, title: String::new(), minutes })
                .collect();
        }
        MeetingEdit::AddAgendaItem(item) => meeting.agenda.push(timed(item)?),
        MeetingEdit::UpdateAgendaItem(index, item) => {
            let item = timed(item)?;
            *meeting.agenda.get_mut(*index).ok_or(MeetingError::NoAgendaItem(*index))? = item;
        }
        MeetingEdit::RemoveAgendaItem(index) => {
            if *index >= meeting.agenda.len() {
                return Err(MeetingError::NoAgendaItem(*index));
            }
            meeting.agenda.remove(*index);
        }
        MeetingEdit::MoveAgendaItem { from, to } => {
            let last = meeting.agenda.len();
            if let Some(&outside) = [from, to].into_iter().find(|&&index| index >= last) {
                return Err(MeetingError::NoAgendaItem(outside));
            }
            let item = meeting.agenda.remove(*from);
            meeting.agenda.insert(*to, item);
        }
        MeetingEdit::AddAction(action) | MeetingEdit::UpdateAction(action) => {
            let adding = matches!(edit, MeetingEdit::AddAction(_));
            let action = ActionItem {
                what: action.what.trim().to_string(),
                owner: action.owner.trimmed(),
                rule: action.rule.as_deref().map(str::trim).filter(|rule| !rule.is_empty()).map(str::to_string),
                ..action.clone()
            };
            if action.what.is_empty() {
                return Err(MeetingError::EmptyText);
            }
            if let Some(target) = &action.intervention {
                if !on_map(case, target) {
                    return Err(MeetingError::NotOnMap(target_id(target).to_string()));
                }
            }
            let meeting = &mut case.meeting;
            let slot = meeting.actions.iter().position(|a| a.id == action.id);
            match (adding, slot) {
                (true, None) => meeting.actions.push(action),
                (true, Some(_)) => return Err(MeetingError::DuplicateAction(action.id)),
                (false, Some(index)) => meeting.actions[index] = action,
                (false, None) => return Err(MeetingError::NoAction(action.id)),
            }
        }
        MeetingEdit::RemoveAction(id) => {
            let index = meeting.actions.iter().position(|a| &a.id == id).ok_or(MeetingError::NoAction(id.clone()))?;
            meeting.actions.remove(index);
        }
        MeetingEdit::AddNote(list, text) => {
            let text = text.trim();
            if text.is_empty() {
                return Err(MeetingError::EmptyText);
            }
            meeting.notes_mut(*list).push(text.to_string());
        }
        MeetingEdit::UpdateNote(list, index, text) => {
            let text = text.trim();
            if text.is_empty() {
                return Err(MeetingError::EmptyText);
            }
            *meeting.notes_mut(*list).get_mut(*index).ok_or(MeetingError::NoNote(*list, *index))? = text.to_string();
        }
        MeetingEdit::RemoveNote(list, index) => {
            let notes = meeting.notes_mut(*list);
            if *index >= notes.len() {
                return Err(MeetingError::NoNote(*list, *index));
            }
            notes.remove(*index);
        }
        MeetingEdit::SetVote { voters, dots_each } => {
            let (voters, dots_each) = (*voters, *dots_each);
            if !(1..=MAX_VOTERS).contains(&voters) || !(1..=MAX_DOTS_EACH).contains(&dots_each) {
                return Err(MeetingError::InvalidVoteSize { voters, dots_each });
            }
            let mut vote = meeting.vote.take().unwrap_or(DotVote { voters, dots_each, ballots: Vec::new() });
            for (voter, ballot) in vote.ballots.iter().enumerate() {
                if ballot.used() > 0 && (voter >= usize::from(voters) || ballot.used() > u32::from(dots_each)) {
                    return Err(MeetingError::DotsEntered(voter));
                }
            }
            vote.ballots.truncate(usize::from(voters));
            vote.voters = voters;
            vote.dots_each = dots_each;
            meeting.vote = Some(vote);
        }
        MeetingEdit::AddDot { voter, option } => {
            let known = match option {
                VoteOption::Target(target) => on_map(case, target),
                VoteOption::Loop(key) => !key.is_empty() && key.split('>').all(|id| case.link(id).is_some()),
            };
            if !known {
                return Err(MeetingError::NotOnMap(option_id(option).to_string()));
            }
            let vote = case.meeting.vote.as_mut().ok_or(MeetingError::NoVote)?;
            let ballot = voter_ballot(vote, *voter)?;
            if ballot.used() >= u32::from(vote.dots_each) {
                return Err(MeetingError::NoDotsLeft(*voter));
            }
            let ballot = &mut vote.ballots[*voter];
            match ballot.dots.iter_mut().find(|d| &d.option == option) {
                Some(dots) => dots.dots += 1,
                None => ballot.dots.push(Dots { option: option.clone(), dots: 1 }),
            }
        }
        MeetingEdit::RemoveDot { voter, option } => {
            let vote = meeting.vote.as_mut().ok_or(MeetingError::NoVote)?;
            voter_ballot(vote, *voter)?;
            let ballot = &mut vote.ballots[*voter];
            let index =
                ballot.dots.iter().position(|d| &d.option == option).ok_or(MeetingError::NoDotOnOption(*voter))?;
            ballot.dots[index].dots -= 1;
            if ballot.dots[index].dots == 0 {
                ballot.dots.remove(index);
            }
        }
        MeetingEdit::ClearVote => {
            meeting.vote.take().ok_or(MeetingError::NoVote)?;
        }
        MeetingEdit::AdoptVote(adopted) => {
            let vote = meeting.vote.clone().ok_or(MeetingError::NoVote)?;
            if adopted.is_empty() {
                return Err(MeetingError::NothingToAdopt);
            }
            for choice in adopted {
                if vote.total(&VoteOption::Target(choice.target.clone())) == 0 {
                    return Err(MeetingError::NotVotedFor(target_id(&choice.target).to_string()));
                }
                if !on_map(case, &choice.target) {
                    return Err(MeetingError::NotOnMap(target_id(&choice.target).to_string()));
                }
                if !case.interventions.iter().any(|i| i.target == choice.target) {
                    case.interventions.push(Intervention {
                        target: choice.target.clone(),
                        instrument: choice.instrument.clone(),
                        checklist: Vec::new(),
                    });
                }
            }
        }
    }
    Ok(())
}

/// What the record keeps of links and factors that are deleted from the map: actions
/// lose their intervention (keeping the rule of its link, so a stuck action still says
/// which rule it met), and dots on them or on loops through them are dropped.
pub fn forget_removed(case: &mut Case, removed_factors: &[String], removed_links: &[String]) {
    let removed = |target: &Target| match target {
        Target::Link(id) => removed_links.contains(id),
        Target::Factor(id) => removed_factors.contains(id),
    };
    let link_rules: Vec<(String, Option<String>)> =
        case.links.iter().map(|link| (link.id.clone(), link.rule.clone())).collect();
    for action in &mut case.meeting.actions {
        let Some(target) = action.intervention.clone().filter(|target| removed(target)) else { continue };
        if action.rule.is_none() {
            if let Target::Link(id) = &target {
                action.rule = link_rules.iter().find(|(link, _)| link == id).and_then(|(_, rule)| rule.clone());
            }
        }
        action.intervention = None;
    }
    if let Some(vote) = &mut case.meeting.vote {
        for ballot in &mut vote.ballots {
            ballot.dots.retain(|dots| match &dots.option {
                VoteOption::Target(target) => !removed(target),
                VoteOption::Loop(key) => !key.split('>').any(|id| removed_links.iter().any(|link| link == id)),
            });
        }
    }
}

fn filled(person: &Person) -> Result<Person, MeetingError> {
    if person.is_empty() {
        Err(MeetingError::EmptyPerson)
    } else {
        Ok(person.trimmed())
    }
}

fn timed(item: &AgendaItem) -> Result<AgendaItem, MeetingError> {
    if !(1..=MAX_MINUTES).contains(&item.minutes) {
        return Err(MeetingError::InvalidMinutes(item.minutes));
    }
    Ok(AgendaItem { title: item.title.trim().to_string(), ..item.clone() })
}

/// The ballot of `voter`, created empty when the voter has none yet.
fn voter_ballot(vote: &mut DotVote, voter: usize) -> Result<&Ballot, MeetingError> {
    if voter >= usize::from(vote.voters) {
        return Err(MeetingError::NoVoter(voter));
    }
    if vote.ballots.len() <= voter {
        vote.ballots.resize(voter + 1, Ballot::default());
    }
    Ok(&vote.ballots[voter])
}

fn target_id(target: &Target) -> &str {
    match target {
        Target::Link(id) | Target::Factor(id) => id,
    }
}

fn option_id(option: &VoteOption) -> &str {
    match option {
        VoteOption::Target(target) => target_id(target),
        VoteOption::Loop(key) => key,
    }
}
