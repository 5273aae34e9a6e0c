//! The `<option>` lists for a link's sector and rule, from the library, shared by every
//! form that edits a link.

use crate::ui::context::Editor;
use crate::ui::texts::texts;
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
