//! The side panels (cycles, breakthrough, mandate checklist, meeting, rules library and cases,
//! behind one tab bar) and the inspector under them, each a memoised component. The tab bar that follows the WAI-ARIA tabs pattern: the arrow keys, Home and
//! End move between tabs (and open them), Tab leaves the tab bar for the open panel.

use crate::core::analysis::Analysis;
use crate::core::exercise::hides_analysis;
use crate::core::lang::Lang;
use crate::core::model::{Case, Target};
use crate::core::rules::schema::Rule;
use crate::core::rules::Library;
use crate::ui::components::analysis_panel::analysis_panel;
use crate::ui::components::breakthrough_panel::breakthrough_panel;
use crate::ui::components::cases_panel::cases_panel;
use crate::ui::components::checklist_panel::checklist_panel;
use crate::ui::components::dom::focus;
use crate::ui::components::inspector::inspector;
use crate::ui::components::library_panel::library_panel;
use crate::ui::components::meeting_panel::meeting_panel;
use crate::ui::components::signal_panel::SignalPanel;
use crate::ui::context::Editor;
use crate::ui::state::{send, Action, CaseSummary, LibrarySearch, MainView, Selection, SidePanel, StorageStatus};
use crate::ui::texts::{meeting_texts, present_texts, texts};
use std::rc::Rc;
use yew::prelude::*;

/// What the panels read of the editor, taken when the app renders: they render again only
/// when this changes, not when the map pans, zooms or the case changes alone. Every change
/// of the case but a move brings a new analysis, and the panels render with it (until it
/// arrives they show the analysis they have, with the case it was made of).
#[derive(Clone)]
pub struct SideView {
    analysis: Rc<Analysis>,
    library: Rc<Library>,
    can_undo: bool,
    selection: Selection,
    lang: Lang,
    view: MainView,
    panel: SidePanel,
    highlighted: Option<String>,
    all_cycles_shown: bool,
    library_search: LibrarySearch,
    checklist_target: Option<Target>,
    own_rules: Rc<Vec<Rule>>,
    case_id: Option<String>,
    cases: Rc<Vec<CaseSummary>>,
    storage: StorageStatus,
    encrypted: bool,
    conflict: Option<crate::ui::state::Held>,
    merge_conflicts: Rc<Vec<crate::core::merge::Conflict>>,
    save_problem: Option<String>,
}

impl PartialEq for SideView {
    /// Shared values (the analysis, the library, the lists) by address: each change makes
    /// a new one.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &other.analysis)
            && Rc::ptr_eq(&self.library, &other.library)
            && Rc::ptr_eq(&self.own_rules, &other.own_rules)
            && Rc::ptr_eq(&self.cases, &other.cases)
            && self.can_undo == other.can_undo
            && self.selection == other.selection
            && self.lang == other.lang
            && self.view == other.view
            && self.panel == other.panel
            && self.highlighted == other.highlighted
            && self.all_cycles_shown == other.all_cycles_shown
            && self.library_search == other.library_search
            && self.checklist_target == other.checklist_target
            && self.case_id == other.case_id
            && self.storage == other.storage
            && self.encrypted == other.encrypted
            && self.conflict == other.conflict
            && Rc::ptr_eq(&self.merge_conflicts, &other.merge_conflicts)
            && self.save_problem == other.save_problem
    }
}

impl SideView {
    /// The view of `editor` now.
    pub fn of(editor: &Editor) -> SideView {
        let state = &*editor.state;
        SideView {
            analysis: editor.analysis.clone(),
            library: editor.library.clone(),
            can_undo: state.history.can_undo(),
            selection: state.selection.clone(),
            lang: state.lang,
            view: state.view,
            panel: state.panel,
            highlighted: state.highlighted.clone(),
            all_cycles_shown: state.all_cycles_shown,
            library_search: state.library_search.clone(),
            checklist_target: state.checklist_target.clone(),
            own_rules: state.own_rules.clone(),
            case_id: state.case_id.clone(),
            cases: state.cases.clone(),
            storage: state.storage.clone(),
            encrypted: state.encrypted,
            conflict: state.conflict,
            merge_conflicts: state.merge_conflicts.clone(),
            save_problem: state.save_problem.clone(),
        }
    }
}

/// What the inspector reads of the editor: it renders again when the case, the selection,
/// the language or the library changes.
#[derive(Clone)]
pub struct InspectorView {
    case: Rc<Case>,
    library: Rc<Library>,
    selection: Selection,
    lang: Lang,
}

impl PartialEq for InspectorView {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.case, &other.case)
            && Rc::ptr_eq(&self.library, &other.library)
            && self.selection == other.selection
            && self.lang == other.lang
    }
}

impl InspectorView {
    /// The view of `editor` now.
    pub fn of(editor: &Editor) -> InspectorView {
        let state = &*editor.state;
        InspectorView {
            case: state.case().clone(),
            library: editor.library.clone(),
            selection: state.selection.clone(),
            lang: state.lang,
        }
    }
}

/// Props of a memoised part of the side: the editor to read and dispatch while rendering,
/// and what decides whether the part renders again.
#[derive(Properties, Clone)]
pub struct SideProps<V: PartialEq + Clone + 'static> {
    /// The editor, to read and dispatch while rendering.
    pub editor: Editor,
    /// What decides whether the part renders again.
    pub view: V,
}

impl<V: PartialEq + Clone + 'static> PartialEq for SideProps<V> {
    fn eq(&self, other: &Self) -> bool {
        self.view == other.view
    }
}

/// Whether the analysis on screen is the analysis of the present case (a context, so the
/// marker below follows it without the panels rendering again).
#[derive(Clone, Copy, PartialEq)]
pub struct AnalysisCurrent(pub bool);

/// The side of the screen: the tab bar and the open panel, and the inspector under them.
pub fn side(editor: &Editor) -> Html {
    html! {
        <aside class="side">
            <SidePanels editor={editor.clone()} view={SideView::of(editor)} />
            <Inspector editor={editor.clone()} view={InspectorView::of(editor)} />
        </aside>
    }
}

/// The tab bar and the open panel.
#[component]
fn SidePanels(props: &SideProps<SideView>) -> Html {
    side_panels(&props.editor)
}

/// The inspector.
#[component]
fn Inspector(props: &SideProps<InspectorView>) -> Html {
    inspector(&props.editor)
}

/// "Wordt bijgewerkt…" while the analysis of the present case is on its way.
#[component]
fn AnalysisUpdating() -> Html {
    let current = use_context::<AnalysisCurrent>().is_none_or(|current| current.0);
    let lang = use_context::<Lang>().unwrap_or_default();
    html! {
        // Shown only when the analysis takes longer than a moment (app.css delays it).
        if !current {
            <p class="analysis-updating" id="analysis-updating">{texts(lang).analysis_updating}</p>
        }
    }
}

/// The tab bar and the open panel.
fn side_panels(editor: &Editor) -> Html {
    let state = editor.state.clone();
    let t = texts(state.lang);
    let tabs = [
        (SidePanel::Analysis, t.panel_analysis),
        (SidePanel::Breakthrough, t.panel_breakthrough),
        (SidePanel::Checklist, t.panel_checklist),
        (SidePanel::Meeting, meeting_texts(state.lang).panel),
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
    // The cycles and the breakthrough points show the last analysis until the new one arrives.
    let analysed = matches!(state.panel, SidePanel::Analysis | SidePanel::Breakthrough);
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
                if analysed {
                    <AnalysisUpdating />
                }
                { match state.panel {
                    SidePanel::Analysis | SidePanel::Breakthrough | SidePanel::Checklist if hides_analysis(state.case()) => {
                        html! { <p class="analysis-hidden">{present_texts(state.lang).panel_hidden}</p> }
                    }
                    SidePanel::Analysis => analysis_panel(editor),
                    SidePanel::Breakthrough => breakthrough_panel(editor),
                    SidePanel::Checklist => checklist_panel(editor),
                    SidePanel::Library => library_panel(editor),
                    SidePanel::Cases => cases_panel(editor),
                    SidePanel::Signal => html! { <SignalPanel /> },
                    SidePanel::Meeting => meeting_panel(editor),
                } }
            </div>
        </section>
    }
}
