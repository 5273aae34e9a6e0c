//! Text fields that keep what the user is typing. The case only changes when the field
//! is committed (Enter or leaving it), but the app re-renders in between (autosave,
//! analysis); a plain `value=` binding would then put the stored text back over the
//! typing. These fields hold a draft that follows the stored value when that changes
//! (undo, another tab) while the user is not typing in it, and otherwise belongs to the
//! user. A field that names its [`DraftField`] hands every key press to the storage
//! session, which stores the draft within a second (`ui::hooks::cases`). Browsers keep
//! no form history of these fields (`autocomplete="off"`), so case text stays out of
//! the profile's autofill and session files.
//!
//! Every one of them holds case text, so each also shows a privacy note below itself
//! while the draft seems to contain directly identifying data (a BSN, an e-mail address,
//! a phone number): the warning stays where the text is, as the user types.

use crate::core::editor::draft::{Draft, DraftField};
use crate::core::lang::Lang;
use crate::core::privacy::find_personal_data;
use crate::ui::components::dom::event_value;
use crate::ui::hooks::cases;
use crate::ui::texts::privacy_note;
use yew::prelude::*;

/// Props of [`TextField`].
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The stored text.
    pub value: AttrValue,
    /// Called with the new text when the user commits a change.
    pub on_commit: Callback<String>,
    /// The element id.
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// The accessible name, when no visible `<label>` wraps the field.
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// Placeholder text.
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// A text area of several lines instead of a one-line field.
    #[prop_or_default]
    pub multiline: bool,
    /// The case field this is, so its draft is stored while the user types.
    #[prop_or_default]
    pub draft: Option<DraftField>,
}

/// The draft of a field and the stored text it began from: the draft follows `value`
/// when it changes while the user is not typing (the draft equals its base), and when
/// it reaches what was typed; otherwise the typing stays.
#[hook]
fn use_draft(value: &AttrValue, field: &Option<DraftField>) -> (UseStateHandle<String>, Callback<InputEvent>, String) {
    let draft = use_state(|| value.to_string());
    let base = use_mut_ref(|| value.to_string());
    {
        let (draft, base, field) = (draft.clone(), base.clone(), field.clone());
        use_effect_with(value.clone(), move |value| {
            let typing = *draft != *base.borrow();
            if !typing || *draft == value.as_str() {
                if typing {
                    if let Some(field) = &field {
                        cases::draft_done(field);
                    }
                }
                draft.set(value.to_string());
                *base.borrow_mut() = value.to_string();
            }
        });
    }
    let oninput = {
        let (draft, base, field) = (draft.clone(), base.clone(), field.clone());
        Callback::from(move |event: InputEvent| {
            let text = event_value(&event);
            if let Some(field) = &field {
                cases::draft_typed(Draft { field: field.clone(), base: base.borrow().clone(), text: text.clone() });
            }
            draft.set(text);
        })
    };
    let began_from = base.borrow().clone();
    (draft, oninput, began_from)
}

/// Commits a changed text; when the stored text changed under the typing (another tab),
/// the user's text wins and the other is listed as a conflict to choose from.
fn commit(value: &AttrValue, began_from: String, props: &TextFieldProps) -> Callback<Event> {
    let value = value.clone();
    let on_commit = props.on_commit.clone();
    let field = props.draft.clone();
    Callback::from(move |event: Event| {
        let text = event_value(&event);
        if text != value.as_str() {
            if let Some(field) = &field {
                if began_from != value.as_str() {
                    cases::typed_over(field, &text, &value);
                }
                cases::draft_done(field);
            }
            on_commit.emit(text);
        }
    })
}

/// A text field, one line or (`multiline`) several, with its privacy note. The note sits
/// inside the field's `<label>` when there is one, so it is `aria-hidden` there (it must
/// not become part of the field's name) and reaches screen readers as the field's
/// `aria-description`.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    // The language alone, not the editor: a field renders again when its own props or
    // the language change, not on every change of the case.
    let lang = use_context::<Lang>().unwrap_or_default();
    let (draft, oninput, began_from) = use_draft(&props.value, &props.draft);
    let onchange = commit(&props.value, began_from, props);
    let found = find_personal_data(&draft);
    let note = (!found.is_empty()).then(|| AttrValue::from(privacy_note(lang, &found)));
    let (id, label, placeholder, value) =
        (props.id.clone(), props.label.clone(), props.placeholder.clone(), (*draft).clone());
    let field = if props.multiline {
        html! { <textarea {id} aria-label={label} aria-description={note.clone()} {placeholder} {value} {oninput} {onchange} autocomplete="off" /> }
    } else {
        html! { <input {id} aria-label={label} aria-description={note.clone()} {placeholder} {value} {oninput} {onchange} autocomplete="off" /> }
    };
    html! {
        <>
            {field}
            if let Some(note) = note {
                <span class="privacy-note" aria-hidden="true">{note}</span>
            }
        </>
    }
}
