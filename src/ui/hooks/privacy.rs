//! Warns, without blocking anything, when text in the case looks like directly
//! identifying data (a BSN that passes the 11-proef, an e-mail address, a phone number):
//! each new finding is announced once in the live region, and the announcement is taken
//! back once nothing in the case looks like that any more. (Every case text field also
//! shows a note beside itself while its text looks like that: `components::text_field`.)

use crate::core::lang::Lang;
use crate::core::model::Target;
use crate::core::privacy::{check_case, Place, PrivacyWarning};
use crate::core::sorting;
use crate::ui::state::{Action, EditorState, Notice};
use crate::ui::texts::personal_data_name;
use yew::prelude::*;

/// The warning in the interface language.
fn message(lang: Lang, warning: &PrivacyWarning) -> String {
    if lang == Lang::Nl {
        return format!("Let op: {warning}.");
    }
    let kind = personal_data_name(lang, warning.kind);
    let place = match &warning.place {
        Place::Title => "the case title".to_string(),
        Place::FactorLabel(id) => format!("the label of factor '{id}'"),
        Place::FactorNote(id) => format!("the note of factor '{id}'"),
        Place::LinkText(id) => format!("the text of link '{id}'"),
        Place::ChecklistNote(Target::Factor(id)) => format!("the checklist of the intervention on factor '{id}'"),
        Place::ChecklistNote(Target::Link(id)) => format!("the checklist of the intervention on link '{id}'"),
        Place::Meeting(place) => place.describe(lang),
    };
    format!(
        "Note: {place} seems to contain {kind}; a case map should be pseudonymous, remove directly identifying data."
    )
}

/// Announces every privacy warning that a change of the case brought.
#[hook]
pub fn use_privacy_warnings(state: &UseReducerHandle<EditorState>) {
    let known = use_mut_ref(Vec::<PrivacyWarning>::new);
    let announced = use_mut_ref(|| None::<Notice>);
    let dispatcher = state.dispatcher();
    let lang = state.lang;
    use_effect_with(state.case().clone(), move |case| {
        let mut warnings = check_case(case);
        sorting::sort(&mut warnings);
        warnings.dedup();
        let new: Vec<String> =
            warnings.iter().filter(|w| !known.borrow().contains(w)).map(|w| message(lang, w)).collect();
        let all_gone = warnings.is_empty();
        *known.borrow_mut() = warnings;
        if !new.is_empty() {
            let notice = Notice::said(new.join(" "), true);
            *announced.borrow_mut() = Some(notice.clone());
            dispatcher.dispatch(Action::Notify(notice));
        } else if all_gone {
            if let Some(notice) = announced.borrow_mut().take() {
                dispatcher.dispatch(Action::Withdraw(notice));
            }
        }
    });
}
