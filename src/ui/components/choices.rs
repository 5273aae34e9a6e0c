//! The `<option>` lists for a link's sign, sector and rule, shared by every form that
//! edits a link.

use crate::core::model::Polarity;
use crate::ui::context::Editor;
use crate::ui::texts::{effect_sentence, texts};
use yew::prelude::*;

/// "No sector" plus every sector of the library, with `selected` marked.
pub fn sector_options(editor: &Editor, selected: Option<&str>) -> Html {
    let t = texts(editor.state.lang);
    html! {
        <>
            <option value="" selected={selected.is_none()}>{t.no_sector}</option>
            { for editor.sector_choices().into_iter().map(|(id, name)| {
                let is_selected = selected == Some(id.as_str());
                html! { <option value={id} selected={is_selected}>{name}</option> }
            }) }
        </>
    }
}

/// "No rule" plus every rule of the library ("WON-03 name"), with `selected` marked.
pub fn rule_options(editor: &Editor, selected: Option<&str>) -> Html {
    let t = texts(editor.state.lang);
    html! {
        <>
            <option value="" selected={selected.is_none()}>{t.no_rule}</option>
            { for editor.rule_choices().into_iter().map(|(id, name)| {
                let is_selected = selected == Some(id.as_str());
                html! { <option value={id.clone()} selected={is_selected}>{format!("{id} {name}")}</option> }
            }) }
        </>
    }
}

/// The two signs of a link from `from` to `to`, each as its effect in words
/// ("+ hoe meer schulden, hoe meer stress"), with `selected` marked.
pub fn polarity_options(editor: &Editor, selected: Polarity, from: &str, to: &str) -> Html {
    let lang = editor.state.lang;
    html! {
        <>
            { for [(Polarity::Positive, "+"), (Polarity::Negative, "−")].into_iter().map(|(polarity, sign)| html! {
                <option value={polarity.symbol()} selected={polarity == selected}>
                    {format!("{sign}  {}", effect_sentence(lang, polarity, from, to))}
                </option>
            }) }
        </>
    }
}
