//! Text fields that keep what the user is typing. The case only changes when the field
//! is committed (Enter or leaving it), but the app re-renders in between (autosave,
//! analysis); a plain `value=` binding would then put the stored text back over the
//! typing. These fields hold a draft that follows the stored value whenever that
//! changes (undo, another tab) and otherwise belongs to the user.
//!
//! Every one of them holds case text, so each also shows a privacy note below itself
//! while the draft seems to contain directly identifying data (a BSN, an e-mail address,
//! a phone number): the warning stays where the text is, as the user types.

use crate::core::lang::Lang;
use crate::core::privacy::find_personal_data;
use crate::ui::components::dom::event_value;
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
}

/// The draft of a field: follows `value` when it changes, otherwise what was typed.
#[hook]
fn use_draft(value: &AttrValue) -> (UseStateHandle<String>, Callback<InputEvent>) {
    let draft = use_state(|| value.to_string());
    {
        let draft = draft.clone();
        use_effect_with(value.clone(), move |value| draft.set(value.to_string()));
    }
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |event: InputEvent| draft.set(event_value(&event)))
    };
    (draft, oninput)
}

fn commit(value: &AttrValue, on_commit: &Callback<String>) -> Callback<Event> {
    let value = value.clone();
    let on_commit = on_commit.clone();
    Callback::from(move |event: Event| {
        let text = event_value(&event);
        if text != value.as_str() {
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
    let (draft, oninput) = use_draft(&props.value);
    let onchange = commit(&props.value, &props.on_commit);
    let found = find_personal_data(&draft);
    let note = (!found.is_empty()).then(|| AttrValue::from(privacy_note(lang, &found)));
    let (id, label, placeholder, value) =
        (props.id.clone(), props.label.clone(), props.placeholder.clone(), (*draft).clone());
    let field = if props.multiline {
        html! { <textarea {id} autocomplete="off" aria-label={label} aria-description={note.clone()} {placeholder} {value} {oninput} {onchange} /> }
    } else {
        html! { <input {id} autocomplete="off" aria-label={label} aria-description={note.clone()} {placeholder} {value} {oninput} {onchange} /> }
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
