//! The side panels: cycles, breakthrough, mandate checklist, rules library and cases,
//! behind one tab bar that follows the WAI-ARIA tabs pattern: the arrow keys, Home and
//! End move between tabs (and open them), Tab leaves the tab bar for the open panel.

use crate::ui::components::analysis_panel::analysis_panel;
use crate::ui::components::breakthrough_panel::breakthrough_panel;
use crate::ui::components::cases_panel::cases_panel;
use crate::ui::components::checklist_panel::checklist_panel;
use crate::ui::components::dom::focus;
use crate::ui::components::library_panel::library_panel;
use crate::ui::components::signal_panel::SignalPanel;
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
        (SidePanel::Signal, t.panel_signal),
    ];
    let tab_id = |panel: SidePanel| format!("tab-{panel:?}").to_lowercase();
    let onkeydown = {
        let state = state.clone();
        let panels: Vec<SidePanel> = tabs.iter().map(|(panel, _)| *panel).collect();
        Callback::from(move |event: KeyboardEvent| {
            let Some(current) = panels.iter().position(|p| *p == state.panel) else { return };
            let last = panels.len() - 1;
            let next = match event.key().as_str() {
                "ArrowRight" => (current + 1) % panels.len(),
                "ArrowLeft" => (current + last) % panels.len(),
                "Home" => 0,
                "End" => last,
                _ => return,
            };
            event.prevent_default();
            state.dispatch(Action::SetPanel(panels[next]));
            focus(&format!("tab-{:?}", panels[next]).to_lowercase());
        })
    };
    html! {
        <section class="panels">
            <div class="tabs" role="tablist" aria-label={t.panels_label} {onkeydown}>
                { for tabs.iter().map(|(panel, name)| {
                    let selected = state.panel == *panel;
                    let onclick = send(&state, Action::SetPanel(*panel));
                    html! {
                        <button role="tab" id={tab_id(*panel)} aria-selected={selected.to_string()} aria-controls="side-panel"
                            tabindex={if selected { "0" } else { "-1" }} {onclick}>{*name}</button>
                    }
                }) }
            </div>
            <div class="panel" role="tabpanel" id="side-panel" aria-labelledby={tab_id(state.panel)} tabindex="0">
                { match state.panel {
                    SidePanel::Analysis => analysis_panel(editor),
                    SidePanel::Breakthrough => breakthrough_panel(editor),
                    SidePanel::Checklist => checklist_panel(editor),
                    SidePanel::Library => library_panel(editor),
                    SidePanel::Cases => cases_panel(editor),
                    SidePanel::Signal => html! { <SignalPanel /> },
                } }
            </div>
        </section>
    }
}
