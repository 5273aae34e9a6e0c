//! Drafts: text typed in a case field and not yet committed to the case. The UI stores
//! them while the user types, so a crash, reload or closed tab loses at most the last
//! second; this module says which field of a case a draft belongs to, names it for
//! storage, and decides what a stored draft means for the case as it is now.

use crate::core::edit::Edit;
use crate::core::merge::{Conflict, Step};
use crate::core::model::{Case, Factor, Link, Target};
use serde::{Deserialize, Serialize};

/// A text field of a case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "field")]
pub enum DraftField {
    /// The case title.
    Title,
    /// A factor's name.
    FactorLabel {
        /// The factor.
        id: String,
    },
    /// A factor's note.
    FactorNote {
        /// The factor.
        id: String,
    },
    /// A link's note.
    LinkNote {
        /// The link.
        id: String,
    },
    /// The note of a checklist item of a chosen intervention.
    ChecklistNote {
        /// The intervention.
        target: Target,
        /// The checklist item.
        item: String,
    },
}

/// Text typed in `field`, begun when the field held `base`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The field.
    #[serde(flatten)]
    pub field: DraftField,
    /// What the field held when the typing began.
    pub base: String,
    /// What was typed.
    pub text: String,
}

/// What a stored draft means for the case as it is now.
#[derive(Clone, Debug, PartialEq)]
pub enum DraftFate {
    /// The field still holds the draft's base: apply the typing with this edit.
    Apply(Edit),
    /// The field already holds the typed text (it was committed): nothing to do.
    AlreadyIn,
    /// The field is gone (its factor, link or intervention deleted), or the edit would
    /// be refused (an empty name): the draft cannot be applied.
    Gone,
    /// The field was changed elsewhere since the typing began: applying the draft would
    /// write an old copy over a newer save. The user chooses; this is the field's value now.
    Stale(String),
}

impl DraftField {
    /// The field's key in storage: stable, and unique per field of a case.
    pub fn key(&self) -> String {
        match self {
            DraftField::Title => "title".to_string(),
            DraftField::FactorLabel { id } => format!("factor-label:{id}"),
            DraftField::FactorNote { id } => format!("factor-note:{id}"),
            DraftField::LinkNote { id } => format!("link-note:{id}"),
            DraftField::ChecklistNote { target: Target::Factor(id), item } => format!("checklist:factor:{id}:{item}"),
            DraftField::ChecklistNote { target: Target::Link(id), item } => format!("checklist:link:{id}:{item}"),
        }
    }

    /// Where the field is in the case, as [`crate::core::merge`] walks it.
    pub fn path(&self) -> Vec<Step> {
        let key = |name: &str| Step::Key(name.to_string());
        let item = |id: &str| Step::Item(id.to_string());
        match self {
            DraftField::Title => vec![key("title")],
            DraftField::FactorLabel { id } => vec![key("factors"), item(id), key("label")],
            DraftField::FactorNote { id } => vec![key("factors"), item(id), key("note")],
            DraftField::LinkNote { id } => vec![key("links"), item(id), key("note")],
            DraftField::ChecklistNote { target, item: entry } => {
                let target = serde_json::to_value(target).map(|value| value.to_string()).unwrap_or_default();
                vec![key("interventions"), Step::Item(target), key("checklist"), item(entry), key("note")]
            }
        }
    }

    /// The conflict of typing `mine` in this field while it came to hold `theirs`.
    pub fn conflict(&self, mine: &str, theirs: &str) -> Conflict {
        let text = |text: &str| Some(serde_json::Value::String(text.to_string()));
        Conflict { path: self.path(), mine: text(mine), theirs: text(theirs) }
    }

    /// What the field holds in `case`, if the field exists there.
    pub fn value<'c>(&self, case: &'c Case) -> Option<&'c str> {
        match self {
            DraftField::Title => Some(&case.title),
            DraftField::FactorLabel { id } => case.factor(id).map(|f| f.label.as_str()),
            DraftField::FactorNote { id } => case.factor(id).map(|f| f.note.as_str()),
            DraftField::LinkNote { id } => case.link(id).map(|l| l.note.as_str()),
            DraftField::ChecklistNote { target, item } => {
                let intervention = case.interventions.iter().find(|i| &i.target == target)?;
                Some(intervention.checklist.iter().find(|e| &e.item == item).map_or("", |e| e.note.as_str()))
            }
        }
    }

    /// The edit that puts `text` in the field of `case`, changing nothing else.
    pub fn edit(&self, case: &Case, text: &str) -> Option<Edit> {
        let text = text.to_string();
        match self {
            DraftField::Title => Some(Edit::SetTitle(text)),
            DraftField::FactorLabel { id } => {
                case.factor(id).map(|f| Edit::UpdateFactor(Factor { label: text, ..f.clone() }))
            }
            DraftField::FactorNote { id } => {
                case.factor(id).map(|f| Edit::UpdateFactor(Factor { note: text, ..f.clone() }))
            }
            DraftField::LinkNote { id } => case.link(id).map(|l| Edit::UpdateLink(Link { note: text, ..l.clone() })),
            DraftField::ChecklistNote { target, item } => {
                let intervention = case.interventions.iter().find(|i| &i.target == target)?;
                let done = intervention.checklist.iter().find(|e| &e.item == item).is_some_and(|e| e.done);
                Some(Edit::SetChecklistItem { target: target.clone(), item: item.clone(), done, note: text })
            }
        }
    }
}

impl Draft {
    /// Whether there is typing to keep: the text differs from what the field held.
    pub fn is_change(&self) -> bool {
        self.text != self.base
    }

    /// What this draft means for `case` (see [`DraftFate`]).
    pub fn fate(&self, case: &Case) -> DraftFate {
        let Some(now) = self.field.value(case) else { return DraftFate::Gone };
        if now == self.text {
            return DraftFate::AlreadyIn;
        }
        if now != self.base {
            return DraftFate::Stale(now.to_string());
        }
        match self.field.edit(case, &self.text) {
            Some(edit) if crate::core::edit::apply(case, &edit).is_ok() => DraftFate::Apply(edit),
            _ => DraftFate::Gone,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::edit::apply;
    use crate::core::model::{ChecklistEntry, Factor, FactorKind, Intervention};

    fn case() -> Case {
        Case {
            title: "Casus".into(),
            factors: vec![Factor { note: "oud".into(), ..Factor::new("a", "Schuld", FactorKind::Schuld) }],
            interventions: vec![Intervention {
                target: Target::Factor("a".into()),
                instrument: None,
                checklist: vec![ChecklistEntry { item: "budget".into(), done: true, note: String::new() }],
            }],
            ..Case::default()
        }
    }

    fn draft(field: DraftField, base: &str, text: &str) -> Draft {
        Draft { field, base: base.into(), text: text.into() }
    }

    #[test]
    fn a_draft_on_an_unchanged_field_applies_to_that_field_only() {
        let d = draft(DraftField::FactorNote { id: "a".into() }, "oud", "oud, en nieuw");
        let DraftFate::Apply(edit) = d.fate(&case()) else { panic!("applies") };
        let after = apply(&case(), &edit).expect("valid");
        assert_eq!(after.factors[0].note, "oud, en nieuw");
        assert_eq!(after.factors[0].label, "Schuld");
        let d =
            draft(DraftField::ChecklistNote { target: Target::Factor("a".into()), item: "budget".into() }, "", "ok");
        let DraftFate::Apply(edit) = d.fate(&case()) else { panic!("applies") };
        let after = apply(&case(), &edit).expect("valid");
        assert_eq!(
            after.interventions[0].checklist[0],
            ChecklistEntry { item: "budget".into(), done: true, note: "ok".into() }
        );
    }

    #[test]
    fn a_committed_stale_or_orphaned_draft_is_never_applied() {
        let committed = draft(DraftField::Title, "Oud", "Casus");
        assert_eq!(committed.fate(&case()), DraftFate::AlreadyIn);
        let stale = draft(DraftField::FactorLabel { id: "a".into() }, "Schuldje", "Schuldjes");
        assert_eq!(stale.fate(&case()), DraftFate::Stale("Schuld".into()), "someone saved a newer name since");
        let gone = draft(DraftField::LinkNote { id: "l9".into() }, "", "weg");
        assert_eq!(gone.fate(&case()), DraftFate::Gone);
        let empty_name = draft(DraftField::FactorLabel { id: "a".into() }, "Schuld", "");
        assert_eq!(empty_name.fate(&case()), DraftFate::Gone);
    }

    #[test]
    fn a_stale_draft_becomes_a_conflict_that_resolves_to_the_typed_text() {
        let field = DraftField::FactorLabel { id: "a".into() };
        let conflict = field.conflict("Schulden", "Schuld");
        assert_eq!(conflict.element(), Some(("factors", "a")));
        let chosen = crate::core::merge::resolve(&case(), &conflict, crate::core::merge::Side::Mine).expect("valid");
        assert_eq!(chosen.factors[0].label, "Schulden");
        let note = DraftField::ChecklistNote { target: Target::Factor("a".into()), item: "budget".into() };
        let chosen = crate::core::merge::resolve(&case(), &note.conflict("gedaan", ""), crate::core::merge::Side::Mine)
            .expect("valid");
        assert_eq!(chosen.interventions[0].checklist[0].note, "gedaan");
    }

    #[test]
    fn keys_are_distinct_per_field_and_drafts_round_trip_as_json() {
        let fields = [
            DraftField::Title,
            DraftField::FactorLabel { id: "a".into() },
            DraftField::FactorNote { id: "a".into() },
            DraftField::LinkNote { id: "a".into() },
            DraftField::ChecklistNote { target: Target::Link("a".into()), item: "x".into() },
            DraftField::ChecklistNote { target: Target::Factor("a".into()), item: "x".into() },
        ];
        let keys: std::collections::HashSet<String> = fields.iter().map(DraftField::key).collect();
        assert_eq!(keys.len(), fields.len());
        for field in fields {
            let d = draft(field, "b", "t");
            let text = serde_json::to_string(&d).expect("writes");
            assert_eq!(serde_json::from_str::<Draft>(&text).expect("reads"), d);
        }
    }
}
