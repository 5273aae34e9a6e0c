//! The map's toolbar: add a factor or a link by typing (each form opens as a popover over
//! the map, so the map keeps its height on a projector), zoom, fit, arrange, the map
//! alone, and the legend. `N` and `L` open the forms from anywhere.

use crate::core::edit::{duplicate_link, new_factor, new_link, same_label, Edit};
use crate::core::model::{FactorKind, Polarity};
use crate::ui::components::canvas::reveal;
use crate::ui::components::choices::{polarity_options, sector_options};
use crate::ui::components::dom::{event_value, focus};
use crate::ui::context::{use_editor, Editor};
use crate::ui::state::{send, Action, Composer, Selection};
use crate::ui::texts::{kind_name, texts};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// The id of the factor name field, focused by the `N` shortcut.
pub const FACTOR_INPUT_ID: &str = "add-factor-name";
/// The id of the link form's effect field, focused by the `L` shortcut.
pub const LINK_TO_ID: &str = "add-link-to";

/// Where a new factor goes when it is typed rather than drawn: the next cell of a grid
/// of four columns, so typed cases stay readable until "arrange" draws the loops.
fn next_position(count: usize) -> (f64, f64) {
    let (column, row) = ((count % 4) as f64, (count / 4) as f64);
    (60.0 + column * 240.0 + if row as usize % 2 == 1 { 120.0 } else { 0.0 }, 40.0 + row * 130.0)
}

/// Closes the open form with Esc and puts focus back on its toolbar button.
fn close_on_escape(editor: &Editor, button: &'static str) -> Callback<KeyboardEvent> {
    let state = editor.state.clone();
    Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            event.stop_propagation();
            state.dispatch(Action::SetComposer(None));
            focus(button);
        }
    })
}

/// The toolbar above the map, with the open form under it.
pub fn map_toolbar(editor: &Editor, on_fit: Callback<MouseEvent>, on_layout: Callback<MouseEvent>) -> Html {
    let state = &editor.state;
    let t = texts(state.lang);
    let toggle = |composer: Composer| {
        let next = (state.composer != Some(composer)).then_some(composer);
        send(state, Action::SetComposer(next))
    };
    let zoom = |factor: f64| {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::SetViewport(state.viewport.zoomed(factor, 400.0, 300.0))))
    };
    let open = |composer: Composer| (state.composer == Some(composer)).to_string();
    html! {
        <div class="map-toolbar-wrap">
            <div class="map-toolbar" role="toolbar" aria-label={t.map_tools} id="composer">
                <button id="open-add-factor" aria-expanded={open(Composer::Factor)} aria-controls="add-factor-form"
                    onclick={toggle(Composer::Factor)} title="N">{t.add_factor_short}</button>
                <button id="open-add-link" aria-expanded={open(Composer::Link)} aria-controls="add-link-form"
                    onclick={toggle(Composer::Link)} title="L" disabled={state.case().factors.is_empty()}>{t.add_link_short}</button>
                <span class="separator" aria-hidden="true"></span>
                <button onclick={zoom(1.0 / 1.2)} aria-label={t.zoom_out} title="−">{"−"}</button>
                <button onclick={zoom(1.2)} aria-label={t.zoom_in} title="+">{"+"}</button>
                <button onclick={on_fit} title="F">{t.fit}</button>
                <button onclick={on_layout}>{t.auto_layout}</button>
                <button aria-pressed={state.map_only.to_string()} onclick={send(state, Action::SetMapOnly(!state.map_only))}>{t.map_only}</button>
                { legend(editor) }
            </div>
            { match state.composer {
                Some(Composer::Factor) => html! { <AddFactorForm /> },
                Some(Composer::Link) if !state.case().factors.is_empty() => html! { <AddLinkForm /> },
                _ => html! {},
            } }
        </div>
    }
}

/// Type a name, pick a kind, press Enter: a new factor. The form stays open for the next.
#[component]
fn AddFactorForm() -> Html {
    let editor = use_editor();
    let t = texts(editor.state.lang);
    let label = use_state(String::new);
    let kind = use_state(|| FactorKind::Situatie);
    use_effect_with((), |_| focus(FACTOR_INPUT_ID));
    let onsubmit = {
        let state = editor.state.clone();
        let label = label.clone();
        let kind = kind.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let case = state.case();
            let (x, y) = next_position(case.factors.len());
            let factor = new_factor(case, &label, *kind, x, y);
            reveal(&state, &factor);
            state.dispatch(Action::Edit(Edit::AddFactor(factor)));
            if !label.trim().is_empty() {
                label.set(String::new());
            }
        })
    };
    let duplicate = same_label(editor.state.case(), &label, None).is_some();
    let lang = editor.state.lang;
    html! {
        <form class="add-form popover" id="add-factor-form" {onsubmit} aria-label={t.add_factor_heading}
            onkeydown={close_on_escape(&editor, "open-add-factor")}>
            <h3>{t.add_factor_heading}</h3>
            <label>{t.factor_name}
                <input id={FACTOR_INPUT_ID} value={(*label).clone()} autocomplete="off"
                    aria-describedby={duplicate.then_some("add-factor-warning")}
                    oninput={let label = label.clone(); Callback::from(move |e: InputEvent| label.set(event_value(&e)))} />
            </label>
            <label>{t.factor_kind}
                <select onchange={let kind = kind.clone(); Callback::from(move |e: Event| kind.set(FactorKind::parse(&event_value(&e)).unwrap_or_default()))}>
                    { for FactorKind::ALL.iter().map(|k| html! {
                        <option value={k.id()} selected={*k == *kind}>{kind_name(lang, *k)}</option>
                    }) }
                </select>
            </label>
            <button type="submit">{t.add_factor_button}</button>
            <button type="button" onclick={send(&editor.state, Action::SetComposer(None))}>{t.close}</button>
            if duplicate {
                <p class="form-warning" id="add-factor-warning">{t.duplicate_factor}</p>
            }
            <p class="hint">{t.first_factor_hint}</p>
        </form>
    }
}

/// Pick cause, effect, sign and sector, press Enter: a new link. After each link the sign
/// and sector go back to their defaults, so the next link never inherits them unseen.
#[component]
fn AddLinkForm() -> Html {
    let editor = use_editor();
    let t = texts(editor.state.lang);
    let case = editor.state.case().clone();
    let from = use_state(String::new);
    let to = use_state(String::new);
    let polarity = use_state(|| Polarity::Positive);
    let sector = use_state(String::new);
    use_effect_with((), |_| focus(LINK_TO_ID));
    // Default the ends to the selected factor (from) and the next one (to).
    let from_value = if case.factor(&from).is_some() {
        (*from).clone()
    } else {
        editor
            .state
            .selection
            .factors
            .first()
            .cloned()
            .or_else(|| case.factors.first().map(|f| f.id.clone()))
            .unwrap_or_default()
    };
    let to_value = if case.factor(&to).is_some() {
        (*to).clone()
    } else {
        let after = case.factor_index(&from_value).map(|i| i + 1).unwrap_or(0);
        case.factors.get(after).or(case.factors.first()).map(|f| f.id.clone()).unwrap_or_default()
    };
    let chosen_sector = (!sector.is_empty()).then(|| (*sector).clone());
    let candidate = new_link(&case, &from_value, &to_value, *polarity, chosen_sector.clone());
    let duplicate = duplicate_link(&case, &candidate).is_some();
    let onsubmit = {
        let state = editor.state.clone();
        let (from, to, polarity, sector) = (from.clone(), to.clone(), polarity.clone(), sector.clone());
        let candidate = candidate.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let selection = Selection::link(&candidate.id);
            state.dispatch(Action::EditAndSelect(Edit::AddLink(candidate.clone()), selection));
            // The next link usually starts where this one ended.
            from.set(candidate.to.clone());
            to.set(String::new());
            polarity.set(Polarity::Positive);
            sector.set(String::new());
        })
    };
    let label_of = |id: &str| case.factor(id).map(|f| f.label.clone()).unwrap_or_default();
    let factor_options = |selected: &str| -> Html {
        case.factors
            .iter()
            .map(|f| html! { <option value={f.id.clone()} selected={f.id == selected}>{f.label.clone()}</option> })
            .collect()
    };
    html! {
        <form class="add-form popover" id="add-link-form" {onsubmit} aria-label={t.add_link_heading}
            onkeydown={close_on_escape(&editor, "open-add-link")}>
            <h3>{t.add_link_heading}</h3>
            <label>{t.link_from}
                <select id="add-link-from" onchange={let from = from.clone(); Callback::from(move |e: Event| from.set(event_value(&e)))}>
                    { factor_options(&from_value) }
                </select>
            </label>
            <label>{t.link_to}
                <select id={LINK_TO_ID} onchange={let to = to.clone(); Callback::from(move |e: Event| to.set(event_value(&e)))}>
                    { factor_options(&to_value) }
                </select>
            </label>
            <label>{t.polarity}
                <select id="add-link-polarity" onchange={let polarity = polarity.clone(); Callback::from(move |e: Event| polarity.set(Polarity::parse(&event_value(&e)).unwrap_or_default()))}>
                    { polarity_options(&editor, *polarity, &label_of(&from_value), &label_of(&to_value)) }
                </select>
            </label>
            <label>{t.sector}
                <select id="add-link-sector" onchange={let sector = sector.clone(); Callback::from(move |e: Event| sector.set(event_value(&e)))}>
                    { sector_options(&editor, chosen_sector.as_deref()) }
                </select>
            </label>
            <button type="submit">{t.add_link_button}</button>
            <button type="button" onclick={send(&editor.state, Action::SetComposer(None))}>{t.close}</button>
            if duplicate {
                <p class="form-warning" role="status">{t.duplicate_link}</p>
            }
        </form>
    }
}

/// The legend of factor kinds and the shortcuts.
fn legend(editor: &Editor) -> Html {
    let lang = editor.state.lang;
    let t = texts(lang);
    // Escape closes the open legend, as it closes the add forms, and the focus goes back to
    // its summary.
    let onkeydown = Callback::from(|event: KeyboardEvent| {
        let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
        let Some(details) = target.and_then(|el| el.closest("details.legend").ok().flatten()) else { return };
        if event.key() == "Escape" && details.has_attribute("open") {
            let _ = details.remove_attribute("open");
            if let Some(summary) =
                details.query_selector("summary").ok().flatten().and_then(|s| s.dyn_into::<HtmlElement>().ok())
            {
                let _ = summary.focus();
            }
        }
    });
    html! {
        <details class="legend" {onkeydown}>
            <summary>{t.legend_heading}</summary>
            <div class="legend-body">
                <ul class="kinds">
                    { for FactorKind::ALL.iter().map(|k| html! {
                        <li><svg viewBox="-60 -28 120 56" class={classes!("swatch", format!("kind-{}", k.id()))} aria-hidden="true">
                            <path class="factor-shape" d={crate::core::geometry::outline_path(*k, 110.0)} /></svg>{kind_name(lang, *k)}</li>
                    }) }
                </ul>
                <h3>{t.shortcuts_heading}</h3>
                <dl class="shortcuts">
                    { for t.shortcuts.iter().map(|(key, what)| html! { <><dt><kbd>{*key}</kbd></dt><dd>{*what}</dd></> }) }
                </dl>
            </div>
        </details>
    }
}
