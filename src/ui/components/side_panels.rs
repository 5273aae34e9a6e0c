//! The side panels: cycles, breakthrough, mandate checklist, rules library and cases,
//! behind one tab bar.

use crate::ui::components::analysis_panel::analysis_panel;
use crate::ui::components::breakthrough_panel::breakthrough_panel;
use crate::ui::components::cases_panel::cases_panel;
use crate::ui::components::checklist_panel::checklist_panel;
use crate::ui::components::library_panel::library_panel;
use crate::ui::context::Editor;
use crate::ui::state::{send, Action, SidePanel};
use crate::ui::texts::texts;
use yew::prelude::*;

/// The tab bar and the open panel.
pub fn side_panels(editor: &Editor) -> Html {
    let state = editor.state.clone();
    let t = texts(state.lang);
    let tabs = [
        (SidePanel::Analysis, t.panel_analysis),
        (SidePanel::Breakthrough, t.panel_breakthrough),
        (SidePanel::Checklist, t.panel_checklist),
        (SidePanel::Library, t.panel_library),
        (SidePanel::Cases, t.panel_cases),
    ];
    html! {
        <section class="panels">
            <div class="tabs" role="tablist">
                { for tabs.iter().map(|(panel, name)| {
                    let selected = state.panel == *panel;
                    let onclick = send(&state, Action::SetPanel(*panel));
                    html! { <button role="tab" aria-selected={selected.to_string()} {onclick}>{*name}</button> }
                }) }
            </div>
            <div class="panel" role="tabpanel">
                { match state.panel {
                    SidePanel::Analysis => analysis_panel(editor),
                    SidePanel::Breakthrough => breakthrough_panel(editor),
                    SidePanel::Checklist => checklist_panel(editor),
                    SidePanel::Library => library_panel(editor),
                    SidePanel::Cases => cases_panel(editor),
                } }
            </div>
        </section>
    }
}
