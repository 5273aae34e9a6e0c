//! The canonical cycles CY-01..CY-07 as buttons, for the first-contact card of an empty
//! map and for the library panel. A template always opens as a new case.

use crate::core::lang::Lang;
use crate::core::layout::arranged;
use crate::core::rules::schema::Template;
use crate::core::rules::template_case;
use crate::ui::context::Editor;
use crate::ui::hooks::cases::open_as_new_case;
use crate::ui::texts::{counted, template_opened, Noun};
use yew::prelude::*;

/// Opens `template` as a new case, laid out with its loops as circles; the case on
/// screen, when it is a stored one (`stored_on_screen`), stays in the case list, and the
/// notice says so only then.
pub fn open_template(lang: Lang, template: &Template, stored_on_screen: bool) {
    let name = format!("{} {}", template.id, lang.pick(&template.name_nl, &template.name_en));
    open_as_new_case(arranged(template_case(template, lang)), template_opened(lang, &name, stored_on_screen));
}

/// One button per template of the library, with its size in factors and links.
pub fn template_buttons(editor: &Editor) -> Html {
    let lang = editor.state.lang;
    let stored_on_screen = editor.state.case_id.is_some();
    let items: Html = editor
        .library
        .templates()
        .iter()
        .map(|template| {
            let onclick = {
                let template = template.clone();
                Callback::from(move |_| open_template(lang, &template, stored_on_screen))
            };
            let size = format!(
                "{} · {}",
                counted(lang, template.factors.len(), Noun::Factor),
                counted(lang, template.links.len(), Noun::Link)
            );
            html! {
                <li key={template.id.clone()}>
                    <button class="template" {onclick} data-template={template.id.clone()}>
                        <strong>{template.id.clone()}</strong>{" "}{lang.pick(&template.name_nl, &template.name_en).to_string()}
                        <span class="size">{size}</span>
                    </button>
                </li>
            }
        })
        .collect();
    html! { <ul class="template-list">{items}</ul> }
}
