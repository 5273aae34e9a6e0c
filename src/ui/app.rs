//! The app shell: top bar, map or list, the composer forms, the side panels and the
//! keyboard shortcuts. It owns the state and provides the editor context.

use crate::core::analysis::{analyse, Analysis, AnalysisOptions};
use crate::core::edit::Edit;
use crate::core::editor::draft::DraftField;
use crate::core::exercise::hides_analysis;
use crate::core::geometry::bounds;
use crate::core::lang::Lang;
use crate::core::layout::arrange;
use crate::core::model::Target;
use crate::core::presentation::{presented, sequence, step_view};
use crate::ui::components::canvas::{fit_to, Canvas, MAP_ID};
use crate::ui::components::composer::map_toolbar;
use crate::ui::components::dom;
use crate::ui::components::exercise::{exercise_bar, training_menu};
use crate::ui::components::list_view::{list_view, LIST_VIEW_ID};
use crate::ui::components::presentation::{self, presentation_bar};
use crate::ui::components::report::report;
use crate::ui::components::side_panels::{side, AnalysisCurrent};
use crate::ui::components::text_field::TextField;
use crate::ui::context::Editor;
use crate::ui::state::{send, Action, Composer, EditorState, MainView, Selection, Viewport};
use crate::ui::texts::{notice_text, present_texts, texts};
use gloo::events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

/// The map box on an A4 page (180 × 120 mm at 96 dpi), see `@media print` in app.css.
const PRINT_MAP_PX: (f64, f64) = (680.0, 453.0);

/// Fits the map to the canvas on screen.
fn fit(state: &UseReducerHandle<EditorState>) {
    fit_to(state, &state.case().factors);
}

/// Fits the map on screen to a world box (a presentation step's).
fn fit_box(state: &UseReducerHandle<EditorState>, view_box: (f64, f64, f64, f64)) {
    if let Some(map) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(MAP_ID)) {
        let rect = map.get_bounding_client_rect();
        state.dispatch(Action::SetViewport(Viewport::fitting(view_box, rect.width(), rect.height())));
    }
}

/// Handles a shortcut; returns whether the key was used.
fn shortcut(state: &UseReducerHandle<EditorState>, event: &KeyboardEvent) -> bool {
    let key = event.key();
    let command = event.ctrl_key() || event.meta_key();
    if command {
        match key.to_ascii_lowercase().as_str() {
            "z" if event.shift_key() => state.dispatch(Action::Redo),
            "z" => state.dispatch(Action::Undo),
            "y" => state.dispatch(Action::Redo),
            _ => return false,
        }
        return true;
    }
    if event.alt_key() {
        return false;
    }
    let selection = state.selection.clone();
    let viewport = state.viewport;
    let step = if event.shift_key() { 50.0 } else { 10.0 };
    let arrow = match key.as_str() {
        "ArrowLeft" => Some((-step, 0.0)),
        "ArrowRight" => Some((step, 0.0)),
        "ArrowUp" => Some((0.0, -step)),
        "ArrowDown" => Some((0.0, step)),
        _ => None,
    };
    if let Some((dx, dy)) = arrow {
        if state.view != MainView::Canvas {
            return false;
        }
        if selection.factors.is_empty() {
            state.dispatch(Action::SetViewport(Viewport {
                x: viewport.x + dx * 2.0,
                y: viewport.y + dy * 2.0,
                ..viewport
            }));
        } else {
            let moves = state
                .case()
                .factors
                .iter()
                .filter(|f| selection.factors.contains(&f.id))
                .map(|f| (f.id.clone(), f.x + dx, f.y + dy))
                .collect();
            state.dispatch(Action::Edit(Edit::MoveFactors(moves)));
        }
        return true;
    }
    match key.as_str() {
        "n" | "N" => open_composer(state, Composer::Factor),
        "l" | "L" if !state.case().factors.is_empty() => open_composer(state, Composer::Link),
        "Enter" if state.view == MainView::Canvas && selection.links.is_empty() && selection.factors.len() == 1 => {
            state.dispatch(Action::EditLabel(selection.factors.first().cloned()))
        }
        "Delete" | "Backspace" if !selection.is_empty() => {
            state.dispatch(Action::Edit(Edit::Delete { factors: selection.factors, links: selection.links }));
            // A factor or link that had the focus is gone with it: the focus stays on the map.
            let on_map = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .is_some_and(|el| el.closest(&format!("#{MAP_ID}")).ok().flatten().is_some());
            if on_map {
                dom::focus_when_lost(MAP_ID);
            }
        }
        "+" | "=" => state.dispatch(Action::SetViewport(viewport.zoomed(1.2, 400.0, 300.0))),
        "-" | "_" => state.dispatch(Action::SetViewport(viewport.zoomed(1.0 / 1.2, 400.0, 300.0))),
        "f" | "F" | "0" => fit(state),
        "Escape" => {
            state.dispatch(Action::Select(Selection::default()));
            state.dispatch(Action::Highlight(None));
            state.dispatch(Action::SetComposer(None));
        }
        _ => return false,
    }
    true
}

/// Opens an add form; the form focuses its first field as it appears, and `N` or `L`
/// pressed again while it is open puts focus back there.
fn open_composer(state: &UseReducerHandle<EditorState>, composer: Composer) {
    if state.composer == Some(composer) {
        dom::focus(match composer {
            Composer::Factor => crate::ui::components::composer::FACTOR_INPUT_ID,
            Composer::Link => crate::ui::components::composer::LINK_TO_ID,
        });
    } else {
        state.dispatch(Action::SetComposer(Some(composer)));
    }
}

/// Whether a key press belongs to a control rather than to the shortcuts: every key in a
/// field that takes text (or a choice), anything editable or any control inside a form;
/// on a button or tab the keys that press or move it (Enter, Space, arrows, Home, End).
fn typing_in_field(event: &KeyboardEvent) -> bool {
    event.target().and_then(|t| t.dyn_into::<Element>().ok()).is_some_and(|el| {
        let editable = el.dyn_ref::<web_sys::HtmlElement>().is_some_and(|el| el.is_content_editable());
        let tag = el.tag_name().to_ascii_lowercase();
        let control_key =
            matches!(event.key().as_str(), "Enter" | " " | "Home" | "End") || event.key().starts_with("Arrow");
        editable
            || matches!(tag.as_str(), "input" | "select" | "textarea")
            || (control_key && matches!(tag.as_str(), "button" | "summary" | "a"))
            || el.closest("form").ok().flatten().is_some()
    })
}

/// The root component.
#[component]
pub fn App() -> Html {
    let state = use_reducer(crate::ui::hooks::cases::initial_state);
    let library = use_memo(state.own_rules.clone(), |own_rules| {
        let (builtin, problems) = crate::core::rules::builtin();
        for problem in &problems {
            gloo::console::warn!(problem.to_string());
        }
        if own_rules.is_empty() {
            return builtin;
        }
        let (library, problems) = builtin.with_user_rules(own_rules.to_vec());
        for problem in &problems {
            gloo::console::warn!(problem.to_string());
        }
        library
    });
    // The analysis runs in a Web Worker; the map does not wait for it.
    let live = crate::ui::hooks::analysis::use_analysis(state.case(), &state.own_rules, &library);
    // An exercise shows none of the analysis until the trainer reveals it.
    let hidden = use_memo((), |_| Analysis::default());
    let analysis = if hides_analysis(state.case()) { hidden } else { live.analysis };
    // Stored cases (load, autosave, other tabs), privacy warnings, and offline start.
    crate::ui::hooks::cases::use_case_store(&state);
    crate::ui::hooks::privacy::use_privacy_warnings(&state);
    use_effect_with((), |_| crate::ui::services::storage::register_service_worker());
    let editor = Editor {
        state: state.clone(),
        version: state.version,
        analysis: analysis.clone(),
        options: AnalysisOptions::interactive(),
        library: library.clone(),
    };
    let lang = state.lang;
    let t = texts(lang);

    // The number of presented steps, for the keys (which run outside rendering).
    let steps_shown = use_mut_ref(|| 0usize);
    {
        let state = state.clone();
        let steps_shown = steps_shown.clone();
        use_effect_with(lang, move |lang| {
            if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
                let _ = root.set_attribute("lang", lang.tag());
            }
            let listener = web_sys::window().map(|window| {
                EventListener::new_with_options(
                    &window,
                    "keydown",
                    EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        let Some(event) = event.dyn_ref::<KeyboardEvent>() else { return };
                        if state.presenting.is_some() {
                            if presentation::key(&state, event, *steps_shown.borrow()) {
                                event.prevent_default();
                            }
                            return;
                        }
                        if typing_in_field(event) && !(event.ctrl_key() || event.meta_key()) {
                            return;
                        }
                        if typing_in_field(event)
                            && event
                                .target()
                                .and_then(|t| t.dyn_into::<Element>().ok())
                                .is_some_and(|el| el.tag_name().eq_ignore_ascii_case("input"))
                        {
                            // Let text fields keep their own undo.
                            return;
                        }
                        if shortcut(&state, event) {
                            event.prevent_default();
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }

    // On paper the map fills the report's map box, whatever the screen showed; the
    // screen view comes back after printing.
    // A case that is opened (from the list, an import or another tab) is shown whole.
    {
        let state = state.clone();
        use_effect_with(state.opened, move |_| fit(&state));
    }

    // The report is built only for printing: page one above the map, the rest below it.
    let printing = use_state(|| false);
    {
        let state = state.clone();
        let printing = printing.clone();
        use_effect_with((), move |_| {
            let saved = Rc::new(std::cell::Cell::new(None::<Viewport>));
            let listeners = web_sys::window().map(|window| {
                let before = {
                    let state = state.clone();
                    let saved = saved.clone();
                    let printing = printing.clone();
                    EventListener::new(&window, "beforeprint", move |_| {
                        printing.set(true);
                        saved.set(Some(state.viewport));
                        if let Some(box_) = bounds(&state.case().factors) {
                            state.dispatch(Action::SetViewport(Viewport::fitting(
                                box_,
                                PRINT_MAP_PX.0,
                                PRINT_MAP_PX.1,
                            )));
                        }
                    })
                };
                let after = EventListener::new(&window, "afterprint", move |_| {
                    printing.set(false);
                    if let Some(viewport) = saved.take() {
                        state.dispatch(Action::SetViewport(viewport));
                    }
                });
                (before, after)
            });
            move || drop(listeners)
        });
    }

    // While presenting, the step on screen decides what the map shows.
    let steps = sequence(state.case(), &analysis);
    let presented_count = presented(&steps).len();
    *steps_shown.borrow_mut() = presented_count;
    let present_step = state.presenting.as_ref().map(|p| p.step.min(presented_count.saturating_sub(1)));
    let step_view =
        present_step.and_then(|step| presented(&steps).get(step).map(|s| step_view(state.case(), &analysis, &s.kind)));
    {
        let state = state.clone();
        let view_box = step_view.as_ref().and_then(|view| view.view_box);
        use_effect_with((present_step, view_box), move |&(step, view_box)| {
            let fit_step = move || match view_box {
                Some(view_box) => fit_box(&state, view_box),
                None => fit(&state),
            };
            if step.is_some() {
                fit_step();
            }
            // Entering and leaving the full screen resizes the map.
            let listener = step
                .and_then(|_| web_sys::window())
                .map(|window| EventListener::new(&window, "resize", move |_| fit_step()));
            move || drop(listener)
        });
    }
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let document = web_sys::window().and_then(|w| w.document());
            let listener = document.map(|document| {
                EventListener::new(&document, "fullscreenchange", move |_| {
                    if state.presenting.is_some() && presentation::fullscreen_left() {
                        presentation::stop(&state);
                    }
                })
            });
            move || drop(listener)
        });
    }

    let sector_colours: std::collections::HashMap<String, String> = state
        .case()
        .links
        .iter()
        .filter_map(|link| {
            let colour = library.sector(link.sector.as_deref()?)?.colour.clone();
            Some((link.id.clone(), colour))
        })
        .collect();
    let highlighted = state
        .highlighted
        .as_ref()
        .and_then(|key| analysis.cycles.iter().find(|c| &c.key == key))
        .map(|c| (c.factor_ids.clone(), c.link_ids.clone()))
        .unwrap_or_default();
    let mut plan_targets = (Vec::new(), Vec::new());
    for target in &analysis.plan.targets {
        match target {
            Target::Factor(id) => plan_targets.0.push(id.clone()),
            Target::Link(id) => plan_targets.1.push(id.clone()),
        }
    }
    let (highlighted, plan_targets, hidden) = match step_view.clone() {
        Some(view) => (
            (view.highlighted_factors, view.highlighted_links),
            (view.cut_factors, view.cut_links),
            (view.hidden_factors, view.hidden_links),
        ),
        None => (highlighted, plan_targets, (Vec::new(), Vec::new())),
    };
    let on_present = {
        let state = state.clone();
        Callback::from(move |_| presentation::start(&state))
    };

    let toggle_lang = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::SetLang(if state.lang == Lang::Nl { Lang::En } else { Lang::Nl }))
        })
    };
    let set_view = |view: MainView| send(&state, Action::SetView(view));
    // The skip link opens the list view, every cell of which the keyboard reaches, and moves
    // the focus there once it is drawn (the render the view change starts comes first).
    let skip_to_list = {
        let state = state.clone();
        Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            state.dispatch(Action::SetView(MainView::List));
            gloo::timers::callback::Timeout::new(0, || dom::focus(LIST_VIEW_ID)).forget();
        })
    };
    let on_title = {
        let state = state.clone();
        Callback::from(move |title: String| state.dispatch(Action::Edit(Edit::SetTitle(title))))
    };
    let on_layout = {
        let state = state.clone();
        Callback::from(move |_| {
            let moves = arrange(state.case());
            state.dispatch(Action::Edit(Edit::MoveFactors(moves)));
            fit(&state);
        })
    };
    let on_print = {
        let state = state.clone();
        Callback::from(move |_| {
            if state.view != MainView::Canvas {
                state.dispatch(Action::SetView(MainView::Canvas));
            }
            if let Some(window) = web_sys::window() {
                let _ = window.print();
            }
        })
    };
    let on_fit = {
        let state = state.clone();
        Callback::from(move |_| fit(&state))
    };
    // An exercise whose analysis is hidden prints no report (the map alone would give it away).
    // Paper gets the analysis of the map as it is: one still on its way from the worker is
    // made here instead, so a report never shows the loops of an earlier map.
    let mut report_pages = (*printing && !hides_analysis(state.case())).then(|| {
        if live.current {
            report(&editor)
        } else {
            let analysis = Rc::new(analyse(state.case(), library.as_ref(), &editor.options));
            report(&Editor { analysis, ..editor.clone() })
        }
    });
    html! {
        <ContextProvider<Lang> context={lang}>
        <ContextProvider<Editor> context={editor.clone()}>
        <ContextProvider<AnalysisCurrent> context={AnalysisCurrent(live.current)}>
            <div class={classes!("app", state.presenting.is_some().then_some("presenting"))}>
                <a class="skip-link" href={format!("#{LIST_VIEW_ID}")} onclick={skip_to_list}>{t.skip_to_list}</a>
                <header class="topbar">
                    <div class="brand">
                        <svg class="logo" viewBox="0 0 32 32" aria-hidden="true"><circle cx="16" cy="16" r="11" /><path d="M22 6 L27 11" /></svg>
                        <div><h1>{t.app_title}</h1><p class="tagline">{t.tagline}</p></div>
                    </div>
                    <label class="case-title">{t.case_title_label}
                        <TextField value={state.case().title.clone()} draft={DraftField::Title} placeholder={t.case_title_placeholder} on_commit={on_title} />
                    </label>
                    <div class="toolbar" role="toolbar" aria-label={t.toolbar}>
                        <div class="segmented" role="group">
                            <button aria-pressed={(state.view == MainView::Canvas).to_string()} onclick={set_view(MainView::Canvas)}>{t.view_canvas}</button>
                            <button aria-pressed={(state.view == MainView::List).to_string()} onclick={set_view(MainView::List)}>{t.view_list}</button>
                        </div>
                        <button onclick={send(&state, Action::Undo)} disabled={!state.history.can_undo()} title="Ctrl+Z">{t.undo}</button>
                        <button onclick={send(&state, Action::Redo)} disabled={!state.history.can_redo()} title="Ctrl+Y">{t.redo}</button>
                        <button onclick={on_print}>{t.print_report}</button>
                        <button id={presentation::START_ID} onclick={on_present} disabled={state.case().factors.is_empty() || hides_analysis(state.case())}>{present_texts(lang).present}</button>
                        { training_menu(&editor) }
                        <button class="lang" onclick={toggle_lang} lang={if lang == Lang::Nl { "en" } else { "nl" }}>{t.language_switch}</button>
                    </div>
                </header>
                { for report_pages.as_mut().map(|pages| std::mem::take(&mut pages.summary)) }
                <main class={classes!("workspace", state.map_only.then_some("map-only"))}>
                    <section class={classes!("map-area", state.case().exercise.is_some().then_some("with-exercise"))} aria-label={t.canvas_label}>
                        { map_toolbar(&editor, on_fit, on_layout) }
                        { exercise_bar(&editor) }
                        if state.view == MainView::Canvas {
                            <Canvas sector_colours={sector_colours} highlighted={highlighted} plan_targets={plan_targets} {hidden} />
                        } else {
                            { list_view(&editor) }
                        }
                    </section>
                    if !state.map_only {
                        { side(&editor) }
                    }
                </main>
                { for report_pages.map(|pages| pages.body) }
                if let Some(step) = present_step {
                    { presentation_bar(&editor, &steps, step) }
                }
                <div class={classes!("notice", state.notice.as_ref().filter(|n| n.is_error).map(|_| "error"))} role="status" aria-live="polite">
                    { state.notice.as_ref().map(|n| notice_text(lang, &n.text)).unwrap_or_default() }
                </div>
            </div>
        </ContextProvider<AnalysisCurrent>>
        </ContextProvider<Editor>>
        </ContextProvider<Lang>>
    }
}
