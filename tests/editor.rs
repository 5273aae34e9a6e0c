//! The editor state without a browser: every user action is one step of
//! `EditorState::next`, one undo step for one action, and refusals are typed.

use cirkelbreker::core::edit::{new_factor, new_link, Edit, EditError};
use cirkelbreker::core::editor::state::{Action, CaseSummary, EditorState, Held, Notice, NoticeText, SidePanel};
use cirkelbreker::core::editor::Selection;
use cirkelbreker::core::model::{Case, FactorKind, Polarity};

/// A state with the triangle A → B → C → A drawn, one action per factor and link.
fn drawn() -> EditorState {
    let mut state = EditorState::default();
    for label in ["A", "B", "C"] {
        let factor = new_factor(state.case(), label, FactorKind::Situatie, 0.0, 0.0);
        let id = factor.id.clone();
        state = state.next(Action::EditAndSelect(Edit::AddFactor(factor), Selection::factor(&id)));
    }
    for (from, to) in [("f1", "f2"), ("f2", "f3"), ("f3", "f1")] {
        let link = new_link(state.case(), from, to, Polarity::Positive, None);
        state = state.next(Action::Edit(Edit::AddLink(link)));
    }
    state
}

#[test]
fn deleting_a_mixed_selection_is_one_undo_step() {
    let state = drawn();
    let selection = Selection { factors: vec!["f3".into()], links: vec!["l1".into()] };
    let state = state.next(Action::Select(selection.clone()));
    let state = state.next(Action::Edit(Edit::Delete { factors: selection.factors, links: selection.links }));
    assert_eq!((state.case().factors.len(), state.case().links.len()), (2, 0));
    assert!(state.selection.is_empty(), "what is gone is no longer selected");
    let state = state.next(Action::Undo);
    assert_eq!((state.case().factors.len(), state.case().links.len()), (3, 3), "one undo brings all back");
}

#[test]
fn a_refused_edit_changes_nothing_and_says_why_in_a_typed_notice() {
    let state = drawn();
    let again = new_link(state.case(), "f1", "f2", Polarity::Negative, None);
    let next = state.next(Action::Edit(Edit::AddLink(again)));
    assert_eq!(next.case(), state.case());
    let notice = next.notice.expect("a notice");
    assert!(notice.is_error);
    assert_eq!(notice.text, NoticeText::Refused(EditError::DuplicateLink("l1".into())));
    assert!(!next.history.can_redo());
}

#[test]
fn edit_and_select_selects_only_when_the_edit_is_applied() {
    let state = drawn();
    let empty = new_factor(state.case(), "  ", FactorKind::Schuld, 0.0, 0.0);
    let next = state.next(Action::EditAndSelect(Edit::AddFactor(empty), Selection::factor("f9")));
    assert_eq!(next.selection, state.selection);
    assert_eq!(next.notice.map(|n| n.text), Some(NoticeText::Refused(EditError::EmptyLabel)));
}

#[test]
fn opening_a_case_resets_history_and_selection_and_counts_as_opened() {
    let state = drawn().next(Action::Highlight(Some("l1>l2>l3".into())));
    let opened = state.next(Action::Load(Case::default()));
    assert!(opened.case().factors.is_empty());
    assert!(!opened.history.can_undo(), "a loaded case starts a new history");
    assert!(opened.selection.is_empty() && opened.highlighted.is_none());
    assert_eq!(opened.opened, state.opened + 1, "the map is fitted to each opened case");
    // A first save of the case being drawn is no opening: the map stays where it is.
    let summary =
        CaseSummary { id: "c1".into(), title: String::new(), updated: 1.0, factors: 3, links: 3, unreadable: None };
    let saved = state.next(Action::CaseSaved(summary));
    assert_eq!(saved.opened, state.opened);
    assert_eq!(saved.case_id.as_deref(), Some("c1"));
}

#[test]
fn undo_prunes_the_selection_and_stops_renaming_what_is_gone() {
    let state = drawn();
    let state = state.next(Action::Select(Selection::factor("f3"))).next(Action::EditLabel(Some("f3".into())));
    // Undo the three links and the third factor.
    let state = (0..4).fold(state, |state, _| state.next(Action::Undo));
    assert!(state.selection.is_empty());
    assert_eq!(state.editing_label, None);
    assert_eq!(state.case().factors.len(), 2);
}

#[test]
fn the_case_list_stays_most_recent_first_and_a_conflict_opens_the_cases_panel() {
    let summary = |id: &str, updated: f64| CaseSummary {
        id: id.into(),
        title: id.into(),
        updated,
        factors: 0,
        links: 0,
        unreadable: None,
    };
    let state = EditorState::default().next(Action::SetCases(vec![summary("old", 1.0), summary("new", 5.0)]));
    assert_eq!(state.cases.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["new", "old"]);
    let state = state.next(Action::CaseSaved(summary("old", 9.0)));
    assert_eq!(state.cases.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["old", "new"]);
    let state = state.next(Action::SetConflict(Some(Held::Newer(4))));
    assert_eq!((state.panel, state.conflict), (SidePanel::Cases, Some(Held::Newer(4))));
}

#[test]
fn shift_toggles_a_factor_in_and_out_of_the_selection() {
    let state = drawn().next(Action::Select(Selection::factor("f1")));
    let state = state.next(Action::ToggleFactor("f2".into()));
    assert_eq!(state.selection.factors, ["f1", "f2"]);
    let state = state.next(Action::ToggleFactor("f1".into()));
    assert_eq!(state.selection.factors, ["f2"]);
}

#[test]
fn an_edit_from_a_stale_copy_changes_only_the_field_the_user_changed_and_a_reload_keeps_the_selection() {
    use cirkelbreker::core::model::Factor;
    let stale = Factor::new("a", "Schuld", FactorKind::Situatie);
    let newer = Case {
        factors: vec![Factor { note: "van tab A".into(), kind: FactorKind::Zorgkloof, ..stale.clone() }],
        ..Case::default()
    };
    let state = EditorState::default().next(Action::Load(Case { factors: vec![stale.clone()], ..Case::default() }));
    let state = state.next(Action::Select(Selection { factors: vec!["a".into()], links: vec![] }));
    // Another tab's version arrives: the selected factor stays selected.
    let state = state.next(Action::Reload(newer));
    assert_eq!(state.selection.factors, ["a"]);
    // The field that was open commits its copy, made before the reload.
    let typed = Factor { label: "Schulden".into(), ..stale.clone() };
    let state = state.next(Action::EditFrom { before: Edit::UpdateFactor(stale), after: Edit::UpdateFactor(typed) });
    let factor = state.case().factor("a").expect("still there");
    assert_eq!(
        (factor.label.as_str(), factor.note.as_str(), factor.kind),
        ("Schulden", "van tab A", FactorKind::Zorgkloof)
    );
}

#[test]
fn a_withdrawn_notice_goes_only_while_it_is_the_one_shown() {
    let warning = Notice::said("Let op: de titel van de casus lijkt een e-mailadres te bevatten.", true);
    let later = Notice::said("Casus opgeslagen.", false);
    let shown = EditorState::default().next(Action::Notify(warning.clone()));
    assert_eq!(shown.next(Action::Withdraw(warning.clone())).notice, None);
    // Another message came after it: that one stays.
    let replaced = shown.next(Action::Notify(later.clone()));
    assert_eq!(replaced.next(Action::Withdraw(warning)).notice, Some(later));
}

/// The factor with `id` of `state`'s case, renamed to `label`.
fn renamed(state: &EditorState, id: &str, label: &str) -> cirkelbreker::core::model::Factor {
    let factor = state.case().factor(id).expect("the factor").clone();
    cirkelbreker::core::model::Factor { label: label.into(), ..factor }
}

#[test]
fn a_factor_added_on_the_map_and_named_is_one_undo_step() {
    let state = drawn();
    let factor = new_factor(state.case(), "Nieuwe factor", FactorKind::Situatie, 100.0, 50.0);
    let id = factor.id.clone();
    let state = state.next(Action::AddFactorToName(factor));
    assert_eq!(state.selection, Selection::factor(&id));
    assert_eq!(state.editing_label.as_deref(), Some(id.as_str()), "its name is open for typing");
    // A notice in between (a label another factor has) does not split the step.
    let state = state.next(Action::Notify(Notice::said("Er is al een factor met die naam.", false)));
    let state = state.next(Action::Edit(Edit::UpdateFactor(renamed(&state, &id, "Schulden"))));
    let state = state.next(Action::EditLabel(None));
    assert_eq!(state.case().factor(&id).map(|f| f.label.as_str()), Some("Schulden"));
    let undone = state.next(Action::Undo);
    assert_eq!(undone.case(), drawn().case(), "one undo takes the factor and its name back");
    let redone = undone.next(Action::Redo);
    assert_eq!(redone.case().factor(&id).map(|f| f.label.as_str()), Some("Schulden"), "one redo brings both");
}

#[test]
fn a_later_rename_of_a_new_factor_is_a_step_of_its_own() {
    let state = drawn();
    let factor = new_factor(state.case(), "Nieuwe factor", FactorKind::Situatie, 100.0, 50.0);
    let id = factor.id.clone();
    // The name field closed without a change (Escape), then the factor is renamed.
    let state = state.next(Action::AddFactorToName(factor)).next(Action::EditLabel(None));
    let state = state.next(Action::EditLabel(Some(id.clone())));
    let state = state.next(Action::Edit(Edit::UpdateFactor(renamed(&state, &id, "Schulden"))));
    let undone = state.next(Action::Undo);
    assert_eq!(undone.case().factor(&id).map(|f| f.label.as_str()), Some("Nieuwe factor"), "the rename alone");
    // Another edit while the name is open ends the joint step too.
    let state = drawn();
    let factor = new_factor(state.case(), "Nieuwe factor", FactorKind::Situatie, 100.0, 50.0);
    let id = factor.id.clone();
    let state = state.next(Action::AddFactorToName(factor));
    let link = new_link(state.case(), "f1", &id, Polarity::Positive, None);
    let state = state.next(Action::Edit(Edit::AddLink(link)));
    let state = state.next(Action::Edit(Edit::UpdateFactor(renamed(&state, &id, "Schulden"))));
    let undone = state.next(Action::Undo);
    assert_eq!(undone.case().factor(&id).map(|f| f.label.as_str()), Some("Nieuwe factor"));
    assert_eq!(undone.case().links.len(), 4, "the link stays: it was a step of its own");
}

#[test]
fn switching_the_language_drops_a_notice_said_in_the_other_one_and_keeps_a_typed_one() {
    use cirkelbreker::core::lang::Lang;
    let said = EditorState::default().next(Action::Notify(Notice::said("CY-01 is geopend als nieuwe casus.", false)));
    assert_eq!(said.next(Action::SetLang(Lang::Nl)).notice, said.notice, "the same language keeps it");
    assert_eq!(said.next(Action::SetLang(Lang::En)).notice, None);
    let refused = Notice { text: NoticeText::Refused(EditError::EmptyLabel), is_error: true };
    let typed = EditorState::default().next(Action::Notify(refused.clone()));
    assert_eq!(typed.next(Action::SetLang(Lang::En)).notice, Some(refused), "a typed notice is said in English");
}
