//! Edits: every change a user can make to a case, as data. The UI turns gestures and
//! key presses into an [`Edit`]; [`apply`] makes the new case or says why it cannot.
//! Because edits are pure, undo/redo and tests need no browser.

use crate::core::control::{multi_line, one_line};
use crate::core::exercise::Exercise;
use crate::core::limits::{self, LimitError, TextField};
use crate::core::meeting::{self, MeetingEdit, MeetingError};
use crate::core::model::{
    Case, ChecklistEntry, Factor, FactorKind, Intervention, Link, MechanismName, Polarity, Target,
};
use crate::core::presentation::StoredStep;
use crate::core::sorting;
use crate::core::text::fold;
use std::fmt;

/// One change to a case.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Sets the case title.
    SetTitle(String),
    /// Adds a factor; its id must be new.
    AddFactor(Factor),
    /// Replaces the factor with the same id (label, kind, note, fixed, position).
    UpdateFactor(Factor),
    /// Moves factors to new positions: `(id, x, y)`.
    MoveFactors(Vec<(String, f64, f64)>),
    /// Deletes links and factors, every link touching those factors, and the
    /// interventions on all of them: one undo step, whatever the mix.
    Delete {
        /// The factors.
        factors: Vec<String>,
        /// The links.
        links: Vec<String>,
    },
    /// Adds a link; its id must be new, both ends must exist, and no link with the same
    /// ends and sector may be there already (see [`duplicate_link`]).
    AddLink(Link),
    /// Replaces the link with the same id.
    UpdateLink(Link),
    /// Marks a loop (by key) as virtuous, or back to vicious.
    ToggleVirtuous(String),
    /// Chooses an intervention (or replaces the instrument of a chosen one).
    ChooseIntervention {
        /// What it breaks.
        target: Target,
        /// The library instrument, if any.
        instrument: Option<String>,
    },
    /// Drops a chosen intervention and its checklist.
    DropIntervention(Target),
    /// Ticks, unticks or annotates a checklist item of a chosen intervention.
    SetChecklistItem {
        /// The intervention.
        target: Target,
        /// The item id.
        item: String,
        /// Done or not.
        done: bool,
        /// What was recorded.
        note: String,
    },
    /// Names (or renames) the mechanism made of these loops (their keys); an empty name
    /// takes the name away. Any earlier name given to one of these loops is replaced.
    NameMechanism {
        /// The keys of the mechanism's loops.
        loops: Vec<String>,
        /// The name.
        name: String,
    },
    /// Replaces the presentation sequence (its order and skipped steps).
    SetPresentation(Vec<StoredStep>),
    /// Makes the case an exercise, changes it (reveals it), or makes it a plain case.
    SetExercise(Option<Exercise>),
    /// Replaces the whole case (opening a template, importing a file, merging a rule).
    ReplaceCase(Box<Case>),
    /// Changes the meeting record (see `core::meeting`), or takes the vote over into the plan.
    Meeting(MeetingEdit),
}

/// Why an edit could not be applied; the case is left unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The id is already in use.
    DuplicateId(String),
    /// No factor or link has this id.
    Unknown(String),
    /// A link would point at a factor that does not exist.
    MissingEnd(String),
    /// There is no chosen intervention on this target.
    NotChosen,
    /// A label may not be empty.
    EmptyLabel,
    /// The same link (same ends, same sector) is on the map already: its id.
    DuplicateLink(String),
    /// A text is longer, or the map would be larger, than [`crate::core::limits`] allows.
    Limit(LimitError),
    /// The meeting record refused the change.
    Meeting(MeetingError),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::DuplicateId(id) => write!(f, "'{id}' bestaat al"),
            EditError::Unknown(id) => write!(f, "'{id}' bestaat niet (meer)"),
            EditError::MissingEnd(id) => write!(f, "factor '{id}' bestaat niet"),
            EditError::NotChosen => write!(f, "deze interventie is niet gekozen"),
            EditError::EmptyLabel => write!(f, "geef de factor een naam"),
            EditError::DuplicateLink(_) => {
                write!(f, "dit verband staat al op de kaart; geef een tweede verband een andere sector")
            }
            EditError::Limit(error) => write!(f, "{error}"),
            EditError::Meeting(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for EditError {}

/// `factor` as typed, cleaned of control characters (its label and note with plain line
/// breaks), if its texts keep within the limits.
fn typed_factor(factor: &Factor) -> Result<Factor, EditError> {
    let label = multi_line(&factor.label).into_owned();
    let note = multi_line(&factor.note).into_owned();
    limits::check_text(TextField::Label, "", &label).map_err(EditError::Limit)?;
    limits::check_text(TextField::Note, &label, &note).map_err(EditError::Limit)?;
    Ok(Factor { label, note, ..factor.clone() })
}

/// `link` as typed, cleaned like [`typed_factor`], if its texts keep within the limits.
fn typed_link(link: &Link) -> Result<Link, EditError> {
    let line = |text: &Option<String>| text.as_deref().map(|text| one_line(text).into_owned());
    let cleaned = Link {
        note: multi_line(&link.note).into_owned(),
        sector: line(&link.sector),
        rule: line(&link.rule),
        ..link.clone()
    };
    limits::check_text(TextField::Note, "", &cleaned.note).map_err(EditError::Limit)?;
    for reference in [&cleaned.sector, &cleaned.rule].into_iter().flatten() {
        limits::check_text(TextField::Reference, "", reference).map_err(EditError::Limit)?;
    }
    Ok(cleaned)
}

/// Applies `edit` to `case` and returns the new case. Typed texts are cleaned of control
/// characters ([`crate::core::control`]) and held to [`crate::core::limits`].
///
/// # Errors
/// An [`EditError`] when the edit refers to something that does not exist, would
/// duplicate an id, would leave an empty label, or would pass a limit; `case` is never
/// half-changed.
pub fn apply(case: &Case, edit: &Edit) -> Result<Case, EditError> {
    let mut next = case.clone();
    match edit {
        Edit::SetTitle(title) => {
            let title = one_line(title).trim().to_string();
            limits::check_text(TextField::Title, "", &title).map_err(EditError::Limit)?;
            next.title = title;
        }
        Edit::AddFactor(factor) => {
            let factor = &typed_factor(factor)?;
            limits::check_factor_count(next.factors.len() + 1).map_err(EditError::Limit)?;
            if factor.label.trim().is_empty() {
                return Err(EditError::EmptyLabel);
            }
            if next.factor(&factor.id).is_some() {
                return Err(EditError::DuplicateId(factor.id.clone()));
            }
            next.factors.push(factor.clone());
        }
        Edit::UpdateFactor(factor) => {
            let factor = &typed_factor(factor)?;
            if factor.label.trim().is_empty() {
                return Err(EditError::EmptyLabel);
            }
            let slot =
                next.factors.iter_mut().find(|f| f.id == factor.id).ok_or(EditError::Unknown(factor.id.clone()))?;
            *slot = factor.clone();
        }
        Edit::MoveFactors(moves) => {
            for (id, x, y) in moves {
                let slot = next.factors.iter_mut().find(|f| &f.id == id).ok_or(EditError::Unknown(id.clone()))?;
                slot.x = *x;
                slot.y = *y;
            }
        }
        Edit::Delete { factors, links } => {
            for id in factors {
                if next.factor(id).is_none() {
                    return Err(EditError::Unknown(id.clone()));
                }
            }
            for id in links {
                if next.link(id).is_none() {
                    return Err(EditError::Unknown(id.clone()));
                }
            }
            next.factors.retain(|f| !factors.contains(&f.id));
            let removed: Vec<String> = next
                .links
                .iter()
                .filter(|l| links.contains(&l.id) || factors.contains(&l.from) || factors.contains(&l.to))
                .map(|l| l.id.clone())
                .collect();
            meeting::forget_removed(&mut next, factors, &removed);
            next.links.retain(|l| !removed.contains(&l.id));
            next.interventions.retain(|i| match &i.target {
                Target::Factor(id) => !factors.contains(id),
                Target::Link(id) => !removed.contains(id),
            });
        }
        Edit::AddLink(link) => {
            let link = &typed_link(link)?;
            limits::check_link_count(next.links.len() + 1).map_err(EditError::Limit)?;
            if next.link(&link.id).is_some() {
                return Err(EditError::DuplicateId(link.id.clone()));
            }
            check_ends(&next, link)?;
            if let Some(existing) = duplicate_link(&next, link) {
                return Err(EditError::DuplicateLink(existing.id.clone()));
            }
            next.links.push(link.clone());
        }
        Edit::UpdateLink(link) => {
            let link = &typed_link(link)?;
            check_ends(&next, link)?;
            let slot = next.links.iter_mut().find(|l| l.id == link.id).ok_or(EditError::Unknown(link.id.clone()))?;
            *slot = link.clone();
        }
        Edit::ToggleVirtuous(key) => {
            if let Some(position) = next.virtuous_loops.iter().position(|k| k == key) {
                next.virtuous_loops.remove(position);
            } else {
                next.virtuous_loops.push(key.clone());
            }
        }
        Edit::ChooseIntervention { target, instrument } => {
            check_target(&next, target)?;
            match next.interventions.iter_mut().find(|i| &i.target == target) {
                Some(existing) => existing.instrument = instrument.clone(),
                None => next.interventions.push(Intervention {
                    target: target.clone(),
                    instrument: instrument.clone(),
                    checklist: Vec::new(),
                }),
            }
        }
        Edit::NameMechanism { loops, name } => {
            next.mechanism_names.retain(|named| !named.loops.iter().any(|key| loops.contains(key)));
            let name = name.trim();
            if !name.is_empty() && !loops.is_empty() {
                let mut loops = loops.clone();
                sorting::sort(&mut loops);
                loops.dedup();
                next.mechanism_names.push(MechanismName { loops, name: name.to_string() });
            }
        }
        Edit::DropIntervention(target) => {
            let before = next.interventions.len();
            next.interventions.retain(|i| &i.target != target);
            if next.interventions.len() == before {
                return Err(EditError::NotChosen);
            }
        }
        Edit::SetChecklistItem { target, item, done, note } => {
            let note = &multi_line(note).into_owned();
            limits::check_text(TextField::Note, "", note).map_err(EditError::Limit)?;
            let intervention =
                next.interventions.iter_mut().find(|i| &i.target == target).ok_or(EditError::NotChosen)?;
            match intervention.checklist.iter_mut().find(|e| &e.item == item) {
                Some(entry) => {
                    entry.done = *done;
                    entry.note = note.clone();
                }
                None => {
                    intervention.checklist.push(ChecklistEntry { item: item.clone(), done: *done, note: note.clone() })
                }
            }
        }
        Edit::SetPresentation(steps) => next.presentation = steps.clone(),
        Edit::SetExercise(exercise) => next.exercise = exercise.clone(),
        Edit::ReplaceCase(case) => next = case.as_ref().clone(),
        Edit::Meeting(edit) => meeting::apply(&mut next, edit).map_err(EditError::Meeting)?,
    }
    if matches!(edit, Edit::NameMechanism { .. } | Edit::SetExercise(_) | Edit::Meeting(_)) {
        limits::check_record(&next).map_err(EditError::Limit)?;
    }
    Ok(next)
}

fn check_ends(case: &Case, link: &Link) -> Result<(), EditError> {
    for end in [&link.from, &link.to] {
        if case.factor(end).is_none() {
            return Err(EditError::MissingEnd(end.clone()));
        }
    }
    Ok(())
}

fn check_target(case: &Case, target: &Target) -> Result<(), EditError> {
    let exists = match target {
        Target::Link(id) => case.link(id).is_some(),
        Target::Factor(id) => case.factor(id).is_some(),
    };
    if exists {
        Ok(())
    } else {
        Err(EditError::Unknown(match target {
            Target::Link(id) | Target::Factor(id) => id.clone(),
        }))
    }
}

/// Another link of `case` with the same ends and sector as `link`: drawing it again
/// would only double it. A parallel link with another sector is a different link.
pub fn duplicate_link<'a>(case: &'a Case, link: &Link) -> Option<&'a Link> {
    case.links.iter().find(|other| {
        other.id != link.id && other.from == link.from && other.to == link.to && other.sector == link.sector
    })
}

/// A factor of `case` (other than `except`) whose label reads the same as `label`,
/// ignoring case, accents and surrounding spaces.
pub fn same_label<'a>(case: &'a Case, label: &str, except: Option<&str>) -> Option<&'a Factor> {
    let wanted = fold(label);
    if wanted.is_empty() {
        return None;
    }
    case.factors.iter().find(|f| Some(f.id.as_str()) != except && fold(&f.label) == wanted)
}

/// A new factor with a fresh id for `case`, at `(x, y)`.
pub fn new_factor(case: &Case, label: &str, kind: FactorKind, x: f64, y: f64) -> Factor {
    Factor { x, y, ..Factor::new(&case.fresh_factor_id(), label.trim(), kind) }
}

/// A new link with a fresh id for `case`.
pub fn new_link(case: &Case, from: &str, to: &str, polarity: Polarity, sector: Option<String>) -> Link {
    Link { sector, ..Link::new(&case.fresh_link_id(), from, to, polarity) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn triangle() -> Case {
        let mut case = Case::default();
        for label in ["A", "B", "C"] {
            let factor = new_factor(&case, label, FactorKind::Situatie, 0.0, 0.0);
            case = apply(&case, &Edit::AddFactor(factor)).expect("adds factor");
        }
        for (from, to) in [("f1", "f2"), ("f2", "f3"), ("f3", "f1")] {
            let link = new_link(&case, from, to, Polarity::Positive, None);
            case = apply(&case, &Edit::AddLink(link)).expect("adds link");
        }
        case
    }

    #[test]
    fn deleting_a_factor_removes_its_links_and_interventions() {
        let case = triangle();
        let case = apply(&case, &Edit::ChooseIntervention { target: Target::Link("l1".into()), instrument: None })
            .expect("chooses");
        let case = apply(&case, &Edit::Delete { factors: vec!["f1".into()], links: vec![] }).expect("deletes");
        assert_eq!(case.factors.len(), 2);
        assert_eq!(case.links.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), vec!["l2"]);
        assert!(case.interventions.is_empty());
        assert!(case.problems().is_empty());
    }

    #[test]
    fn a_mixed_selection_is_deleted_in_one_step() {
        let case = triangle();
        let case =
            apply(&case, &Edit::Delete { factors: vec!["f3".into()], links: vec!["l1".into()] }).expect("deletes");
        assert_eq!(case.factors.len(), 2);
        assert!(case.links.is_empty(), "l1 chosen, l2 and l3 touched f3");
        let gone = apply(&case, &Edit::Delete { factors: vec![], links: vec!["l1".into()] });
        assert_eq!(gone, Err(EditError::Unknown("l1".into())));
    }

    #[test]
    fn the_same_link_twice_is_refused_but_another_sector_is_a_new_link() {
        let case = triangle();
        let again = new_link(&case, "f1", "f2", Polarity::Negative, None);
        assert_eq!(apply(&case, &Edit::AddLink(again)), Err(EditError::DuplicateLink("l1".into())));
        let other_sector = new_link(&case, "f1", "f2", Polarity::Positive, Some("wonen".into()));
        let case = apply(&case, &Edit::AddLink(other_sector)).expect("a parallel link with a sector");
        assert_eq!(case.links.len(), 4);
        let reverse = new_link(&case, "f2", "f1", Polarity::Positive, None);
        assert!(apply(&case, &Edit::AddLink(reverse)).is_ok(), "the other direction is another link");
    }

    #[test]
    fn labels_that_read_the_same_are_found() {
        let case = triangle();
        assert_eq!(same_label(&case, "  b ", None).map(|f| f.id.as_str()), Some("f2"));
        assert!(same_label(&case, "B", Some("f2")).is_none(), "a factor is not its own double");
        assert!(same_label(&case, "", None).is_none());
    }

    #[test]
    fn invalid_edits_are_refused_without_change() {
        let case = triangle();
        let dangling = new_link(&case, "f1", "nope", Polarity::Negative, None);
        assert_eq!(apply(&case, &Edit::AddLink(dangling)), Err(EditError::MissingEnd("nope".into())));
        let mut duplicate = case.factors[0].clone();
        duplicate.label = "X".into();
        assert_eq!(apply(&case, &Edit::AddFactor(duplicate)), Err(EditError::DuplicateId("f1".into())));
        let empty = new_factor(&case, "  ", FactorKind::Regel, 0.0, 0.0);
        assert_eq!(apply(&case, &Edit::AddFactor(empty)), Err(EditError::EmptyLabel));
        assert_eq!(apply(&case, &Edit::DropIntervention(Target::Factor("f1".into()))), Err(EditError::NotChosen));
    }

    #[test]
    fn typed_control_characters_are_cleaned_and_long_texts_refused() {
        let case = triangle();
        let mut factor = case.factors[0].clone();
        factor.label = "Huur\u{b}schuld\u{1b}]52;c;aGk=\u{7}".into();
        factor.note = "regel een\u{b}regel twee\r\nregel drie".into();
        let case = apply(&case, &Edit::UpdateFactor(factor.clone())).expect("cleaned");
        assert_eq!(case.factors[0].label, "Huur\nschuld]52;c;aGk=");
        assert_eq!(case.factors[0].note, "regel een\nregel twee\nregel drie");
        factor.label = "a".repeat(limits::MAX_SHORT_TEXT + 1);
        let refused = apply(&case, &Edit::UpdateFactor(factor.clone())).expect_err("too long");
        assert!(matches!(refused, EditError::Limit(LimitError::TooLong { field: TextField::Label, chars: 301, .. })));
        factor.label = "Schulden".into();
        factor.note = "n".repeat(limits::MAX_NOTE + 1);
        assert!(apply(&case, &Edit::UpdateFactor(factor)).is_err(), "a note above the limit");
        let title = apply(&case, &Edit::SetTitle("Casus\u{0}\tZonneweide ".into())).expect("title");
        assert_eq!(title.title, "Casus  Zonneweide");
        let mut link = case.links[0].clone();
        link.note = "x".repeat(limits::MAX_NOTE + 1);
        assert!(apply(&case, &Edit::UpdateLink(link)).is_err(), "a link note above the limit");
    }

    #[test]
    fn checklist_items_are_ticked_and_updated() {
        let target = Target::Factor("f2".into());
        let case =
            apply(&triangle(), &Edit::ChooseIntervention { target: target.clone(), instrument: Some("B02".into()) })
                .expect("chooses");
        let tick = |case: &Case, done: bool, note: &str| {
            apply(
                case,
                &Edit::SetChecklistItem { target: target.clone(), item: "bevoegdheid".into(), done, note: note.into() },
            )
            .expect("ticks")
        };
        let case = tick(&tick(&case, true, "college"), false, "nog navragen");
        let entries = &case.interventions[0].checklist;
        assert_eq!(entries.len(), 1);
        assert!(!entries[0].done);
        assert_eq!(entries[0].note, "nog navragen");
    }

    #[test]
    fn naming_a_mechanism_replaces_its_earlier_name_and_an_empty_name_removes_it() {
        let name = |loops: &[&str], name: &str| Edit::NameMechanism {
            loops: loops.iter().map(|key| key.to_string()).collect(),
            name: name.into(),
        };
        let case = apply(&triangle(), &name(&["b", "a"], " Schuldenspiraal ")).expect("names");
        assert_eq!(
            case.mechanism_names,
            [MechanismName { loops: vec!["a".into(), "b".into()], name: "Schuldenspiraal".into() }]
        );
        let renamed = apply(&case, &name(&["b", "c"], "Stressspiraal")).expect("renames");
        assert_eq!(renamed.mechanism_names.len(), 1, "the name of a shared loop is replaced, not doubled");
        assert_eq!(renamed.mechanism_names[0].name, "Stressspiraal");
        assert_eq!(apply(&renamed, &name(&["c"], "  ")).expect("unnames").mechanism_names, []);
    }

    #[test]
    fn toggling_virtuous_twice_restores() {
        let case = triangle();
        let once = apply(&case, &Edit::ToggleVirtuous("l1>l2>l3".into())).expect("toggles");
        assert_eq!(once.virtuous_loops, vec!["l1>l2>l3".to_string()]);
        assert_eq!(apply(&once, &Edit::ToggleVirtuous("l1>l2>l3".into())).expect("toggles"), case);
    }
}
