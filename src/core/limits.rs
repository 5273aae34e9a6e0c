//! How large a case may be: the number of factors and links, and the length of every text
//! in it. The numbers live here and nowhere else; the importers refuse a file above them
//! (counting before they build the case where the format allows), `edit::apply` refuses a
//! text above them, and `docs/case-format.md` states them.
//!
//! Why these numbers: the largest map in the seeds and templates has 40 factors and the
//! longest library label is 63 characters. 2,000 factors and 5,000 links is fifty times
//! what a case meeting draws; drawing a map costs the browser about a third of a
//! millisecond per link (5,000 factors with 20,000 links held the page for 7 s at a time,
//! with 5,000 links for under 2 s), so these numbers keep an imported map drawable; a
//! 300-character label is five full lines on a factor; a 10,000-character note is four
//! printed pages.

use crate::core::formats::excerpt;
use crate::core::lang::Lang;
use crate::core::model::Case;

/// The most factors a case may have.
pub const MAX_FACTORS: usize = 2_000;
/// The most links a case may have.
pub const MAX_LINKS: usize = 5_000;
/// The longest short text, in characters: a title, a label, an id, a sector or rule id.
pub const MAX_SHORT_TEXT: usize = 300;
/// The longest note, in characters: a factor's, a link's or a checklist item's, an
/// action, decision or open point of the meeting, an exercise's story.
pub const MAX_NOTE: usize = 10_000;
/// The most entries of each list of the meeting record (participants, agenda items,
/// actions, decisions, open points) and the most named mechanisms.
pub const MAX_RECORD_ENTRIES: usize = 200;

/// Which text of a case is too long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    /// The case title.
    Title,
    /// A factor's or a link's id.
    Id,
    /// A factor's label.
    Label,
    /// A factor's, link's or checklist item's note.
    Note,
    /// A link's sector or rule id.
    Reference,
    /// The name given to a mechanism.
    MechanismName,
    /// A role or organisation in the meeting record.
    Person,
    /// An agenda item's title.
    AgendaTitle,
    /// What an action of the meeting does.
    Action,
    /// A decision or open point of the meeting.
    Record,
    /// An exercise's story.
    Story,
}

impl TextField {
    /// The most characters this text may have.
    pub fn limit(self) -> usize {
        match self {
            TextField::Note | TextField::Action | TextField::Record | TextField::Story => MAX_NOTE,
            TextField::Title
            | TextField::Id
            | TextField::Label
            | TextField::Reference
            | TextField::MechanismName
            | TextField::Person
            | TextField::AgendaTitle => MAX_SHORT_TEXT,
        }
    }

    /// The text's name inside a sentence, in `lang`.
    fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (TextField::Title, Lang::Nl) => "de titel",
            (TextField::Title, Lang::En) => "the title",
            (TextField::Id, Lang::Nl) => "de id",
            (TextField::Id, Lang::En) => "the id",
            (TextField::Label, Lang::Nl) => "de naam",
            (TextField::Label, Lang::En) => "the name",
            (TextField::Note, Lang::Nl) => "de notitie",
            (TextField::Note, Lang::En) => "the note",
            (TextField::Reference, Lang::Nl) => "de sector of regel",
            (TextField::Reference, Lang::En) => "the sector or rule",
            (TextField::MechanismName, Lang::Nl) => "de naam van het mechanisme",
            (TextField::MechanismName, Lang::En) => "the mechanism's name",
            (TextField::Person, Lang::Nl) => "de rol of organisatie",
            (TextField::Person, Lang::En) => "the role or organisation",
            (TextField::AgendaTitle, Lang::Nl) => "de titel van het agendapunt",
            (TextField::AgendaTitle, Lang::En) => "the agenda item's title",
            (TextField::Action, Lang::Nl) => "de actie",
            (TextField::Action, Lang::En) => "the action",
            (TextField::Record, Lang::Nl) => "het besluit of open punt",
            (TextField::Record, Lang::En) => "the decision or open point",
            (TextField::Story, Lang::Nl) => "het verhaal van de oefening",
            (TextField::Story, Lang::En) => "the exercise's story",
        }
    }
}

/// Why a case is too large.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LimitError {
    /// More factors than [`MAX_FACTORS`] (at least this many were counted).
    TooManyFactors(usize),
    /// More links than [`MAX_LINKS`] (at least this many were counted).
    TooManyLinks(usize),
    /// More entries in a list of the meeting record, or more named mechanisms, than
    /// [`MAX_RECORD_ENTRIES`]: this many.
    TooManyEntries(usize),
    /// A text longer than its field allows.
    TooLong {
        /// Which text.
        field: TextField,
        /// The factor or link it belongs to (its label, else its id, shortened); empty
        /// for the title.
        owner: String,
        /// Its length in characters.
        chars: usize,
    },
}

impl LimitError {
    /// What is wrong and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        match self {
            LimitError::TooManyFactors(count) | LimitError::TooManyLinks(count) => {
                let (things, limit) = match (self, nl) {
                    (LimitError::TooManyFactors(_), true) => ("factoren", MAX_FACTORS),
                    (LimitError::TooManyFactors(_), false) => ("factors", MAX_FACTORS),
                    (_, true) => ("verbanden", MAX_LINKS),
                    (_, false) => ("links", MAX_LINKS),
                };
                let (count, limit) = (grouped(*count, lang), grouped(limit, lang));
                if nl {
                    format!(
                        "de kaart heeft te veel {things} ({count} of meer); Cirkelbreker opent er hoogstens \
                         {limit}. Splits de kaart in delen en lees die apart in"
                    )
                } else {
                    format!(
                        "the map has too many {things} ({count} or more); Cirkelbreker opens at most {limit}. \
                         Split the map into parts and import them one by one"
                    )
                }
            }
            LimitError::TooManyEntries(count) => {
                let (count, limit) = (grouped(*count, lang), grouped(MAX_RECORD_ENTRIES, lang));
                if nl {
                    format!("een lijst in het verslag heeft {count} regels; houd elke lijst op hoogstens {limit}")
                } else {
                    format!("a list in the meeting record has {count} entries; keep each list to at most {limit}")
                }
            }
            LimitError::TooLong { field, owner, chars } => {
                let (name, chars, limit) = (field.name(lang), grouped(*chars, lang), grouped(field.limit(), lang));
                match (owner.is_empty(), nl) {
                    (true, true) => {
                        format!("{name} is {chars} tekens lang; maak de tekst korter (hoogstens {limit} tekens)")
                    }
                    (true, false) => {
                        format!("{name} is {chars} characters long; shorten it to at most {limit} characters")
                    }
                    (false, true) => {
                        format!("{name} van ‘{owner}’ is {chars} tekens lang; maak de tekst korter (hoogstens {limit} tekens)")
                    }
                    (false, false) => {
                        format!(
                            "{name} of ‘{owner}’ is {chars} characters long; shorten it to at most {limit} characters"
                        )
                    }
                }
            }
        }
    }
}

impl std::fmt::Display for LimitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Nl))
    }
}

impl std::error::Error for LimitError {}

/// `number` with its thousands grouped as `lang` writes them: 10.000 in Dutch, 10,000 in
/// English.
fn grouped(number: usize, lang: Lang) -> String {
    let separator = if lang == Lang::Nl { '.' } else { ',' };
    let digits = number.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// Refuses `count` factors when there are more than [`MAX_FACTORS`].
///
/// # Errors
/// [`LimitError::TooManyFactors`].
pub fn check_factor_count(count: usize) -> Result<(), LimitError> {
    if count > MAX_FACTORS {
        Err(LimitError::TooManyFactors(count))
    } else {
        Ok(())
    }
}

/// Refuses `count` links when there are more than [`MAX_LINKS`].
///
/// # Errors
/// [`LimitError::TooManyLinks`].
pub fn check_link_count(count: usize) -> Result<(), LimitError> {
    if count > MAX_LINKS {
        Err(LimitError::TooManyLinks(count))
    } else {
        Ok(())
    }
}

/// Refuses `text` when it is longer than `field` allows; `owner` names what it belongs to.
///
/// # Errors
/// [`LimitError::TooLong`].
pub fn check_text(field: TextField, owner: &str, text: &str) -> Result<(), LimitError> {
    // Counting stops just past the limit, so a 15 MB text costs no more than a short one.
    let chars = text.chars().take(field.limit() + 1).count();
    if chars <= field.limit() {
        return Ok(());
    }
    Err(LimitError::TooLong { field, owner: excerpt(owner), chars: text.chars().count() })
}

/// Checks a whole case: the counts first, then every text.
///
/// # Errors
/// The first [`LimitError`] found.
pub fn check_case(case: &Case) -> Result<(), LimitError> {
    check_factor_count(case.factors.len())?;
    check_link_count(case.links.len())?;
    check_text(TextField::Title, "", &case.title)?;
    for factor in &case.factors {
        check_text(TextField::Label, &factor.id, &factor.label)?;
        check_text(TextField::Id, &factor.label, &factor.id)?;
        check_text(TextField::Note, &factor.label, &factor.note)?;
    }
    for link in &case.links {
        check_text(TextField::Id, &link.id, &link.id)?;
        check_text(TextField::Note, &link.id, &link.note)?;
        for reference in [&link.sector, &link.rule].into_iter().flatten() {
            check_text(TextField::Reference, &link.id, reference)?;
        }
    }
    for entry in case.interventions.iter().flat_map(|intervention| &intervention.checklist) {
        check_text(TextField::Note, &entry.item, &entry.note)?;
    }
    check_record(case)
}

/// Checks what a case keeps besides its map: the named mechanisms, the meeting record
/// and an exercise (its story, and the trainer's map as a case of its own).
///
/// # Errors
/// The first [`LimitError`] found.
pub fn check_record(case: &Case) -> Result<(), LimitError> {
    let meeting = &case.meeting;
    let lists = [
        case.mechanism_names.len(),
        meeting.participants.len(),
        meeting.agenda.len(),
        meeting.actions.len(),
        meeting.decisions.len(),
        meeting.open_points.len(),
    ];
    if let Some(&count) = lists.iter().find(|&&count| count > MAX_RECORD_ENTRIES) {
        return Err(LimitError::TooManyEntries(count));
    }
    for named in &case.mechanism_names {
        check_text(TextField::MechanismName, "", &named.name)?;
    }
    let owners = meeting.actions.iter().map(|action| &action.owner);
    for person in meeting.participants.iter().chain([&meeting.chair]).chain(owners) {
        check_text(TextField::Person, "", &person.role)?;
        check_text(TextField::Person, "", &person.organisation)?;
    }
    for item in &meeting.agenda {
        check_text(TextField::AgendaTitle, "", &item.title)?;
    }
    for action in &meeting.actions {
        check_text(TextField::Action, &action.id, &action.what)?;
    }
    for text in meeting.decisions.iter().chain(&meeting.open_points) {
        check_text(TextField::Record, "", text)?;
    }
    if let Some(exercise) = &case.exercise {
        check_text(TextField::Story, "", &exercise.story)?;
        check_case(&exercise.reference)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Factor, FactorKind};

    #[test]
    fn a_case_at_the_limits_passes_and_one_more_is_refused() {
        assert_eq!(check_factor_count(MAX_FACTORS), Ok(()));
        assert_eq!(check_factor_count(MAX_FACTORS + 1), Err(LimitError::TooManyFactors(MAX_FACTORS + 1)));
        assert_eq!(check_link_count(MAX_LINKS + 1), Err(LimitError::TooManyLinks(MAX_LINKS + 1)));
        let mut case = Case::default();
        case.factors.push(Factor::new("f1", &"a".repeat(MAX_SHORT_TEXT), FactorKind::default()));
        assert_eq!(check_case(&case), Ok(()));
        case.factors[0].label.push('b');
        let error = check_case(&case).expect_err("one character too long");
        assert_eq!(error, LimitError::TooLong { field: TextField::Label, owner: "f1".into(), chars: 301 });
        assert_eq!(
            error.message(Lang::Nl),
            "de naam van ‘f1’ is 301 tekens lang; maak de tekst korter (hoogstens 300 tekens)"
        );
        assert_eq!(
            error.message(Lang::En),
            "the name of ‘f1’ is 301 characters long; shorten it to at most 300 characters"
        );
        assert!(LimitError::TooManyLinks(100_000).message(Lang::En).contains("(100,000 or more)"));
        assert!(LimitError::TooManyFactors(2_001).message(Lang::Nl).contains("hoogstens 2.000"));
    }

    #[test]
    fn a_long_note_names_its_factor_by_label() {
        let mut case = Case::default();
        let mut factor =
            Factor::new("f1", "Huurschuld bij de woningcorporatie en de energieleverancier", FactorKind::default());
        factor.note = "x".repeat(MAX_NOTE + 5);
        case.factors.push(factor);
        let message = check_case(&case).expect_err("note too long").message(Lang::Nl);
        assert_eq!(
            message,
            "de notitie van ‘Huurschuld bij de woningcorporatie en de…’ is 10.005 tekens lang; maak de tekst korter (hoogstens 10.000 tekens)"
        );
    }
}
