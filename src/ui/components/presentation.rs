//! Presentation mode for the projector: the bar under the map with the step's title and
//! text, the buttons, the timer and the list that reorders and skips steps, plus the
//! keys (→ ← PageDown PageUp Space Home End Esc) and the full screen. What each step
//! shows comes from `core::presentation`; the map is the editor's canvas.

use crate::core::analysis::narrative;
use crate::core::edit::Edit;
use crate::core::lang::Lang;
use crate::core::meeting;
use crate::core::model::{Case, Target};
use crate::core::presentation::{clock, moved, presented, time_box, toggled, Step, StepKind, StoredStep};
use crate::ui::components::dom::focus;
use crate::ui::context::Editor;
use crate::ui::state::{send, Action, EditorState};
use crate::ui::texts::{present_texts, PresentTexts};
use gloo::timers::callback::{Interval, Timeout};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// The button that starts presenting (focus returns to it) and the one that goes on.
pub const START_ID: &str = "present-start";
const NEXT_ID: &str = "present-next";

/// Milliseconds from the page's clock.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Calls the element or document method `name` (`requestFullscreen`, `exitFullscreen`)
/// and waits for its promise; `data-fullscreen` on the root says whether the browser
/// agreed. A refusal is no error: the presentation fills the window instead.
fn call_fullscreen(target: JsValue, name: &'static str, entering: bool) {
    let Ok(method) = js_sys::Reflect::get(&target, &JsValue::from_str(name)) else { return };
    let Some(method) = method.dyn_ref::<js_sys::Function>() else { return };
    let Ok(promise) = method.call0(&target) else { return };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let agreed = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        if entering {
            if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
                let _ = root.set_attribute("data-fullscreen", &agreed.to_string());
            }
        }
    });
}

/// Starts presenting, in full screen when the browser allows it.
pub fn start(state: &UseReducerHandle<EditorState>) {
    state.dispatch(Action::StartPresenting(now_ms()));
    Timeout::new(0, || focus(NEXT_ID)).forget();
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        call_fullscreen(root.into(), "requestFullscreen", true);
    }
}

/// Ends the presentation (and the full screen).
pub fn stop(state: &UseReducerHandle<EditorState>) {
    state.dispatch(Action::StopPresenting);
    Timeout::new(0, || focus(START_ID)).forget();
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        if document.fullscreen_element().is_some() {
            call_fullscreen(document.into(), "exitFullscreen", false);
        }
    }
}

/// Whether the full screen was left (by the browser's own Esc): then the presentation ends.
pub fn fullscreen_left() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.fullscreen_element().is_none())
}

/// Handles a key while presenting; `count` is the number of presented steps. Returns
/// whether the key was used. Keys inside the order list belong to its controls (but Esc).
pub fn key(state: &UseReducerHandle<EditorState>, event: &KeyboardEvent, count: usize) -> bool {
    let Some(presenting) = &state.presenting else { return false };
    let key = event.key();
    if key == "Escape" {
        stop(state);
        return true;
    }
    let in_order_list = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.closest(".present-order").ok().flatten().is_some());
    if in_order_list {
        return false;
    }
    let last = count.saturating_sub(1);
    let step = presenting.step.min(last);
    let next = match key.as_str() {
        "ArrowRight" | "PageDown" | " " => (step + 1).min(last),
        "ArrowLeft" | "PageUp" => step.saturating_sub(1),
        "Home" => 0,
        "End" => last,
        _ => return false,
    };
    state.dispatch(Action::PresentStep(next));
    true
}

/// The title of a step.
pub fn step_title(t: &PresentTexts, steps: &[Step], step: &StepKind) -> String {
    match step {
        StepKind::Situation => t.step_situation.to_string(),
        StepKind::Rules => t.step_rules.to_string(),
        StepKind::Plan => t.step_plan.to_string(),
        StepKind::Loop(key) => {
            let loops: Vec<&String> =
                steps.iter().filter_map(|s| if let StepKind::Loop(k) = &s.kind { Some(k) } else { None }).collect();
            let number = loops.iter().position(|k| *k == key).map_or(0, |i| i + 1);
            format!("{} {number}", t.step_loop)
        }
    }
}

/// What a target of the plan is called: the factor's label, or the link's ends.
fn target_name(case: &Case, target: &Target) -> String {
    match target {
        Target::Factor(id) => case.factor(id).map_or(id.clone(), |f| f.label.clone()),
        Target::Link(id) => case.link(id).map_or(id.clone(), |link| {
            let label = |id: &str| case.factor(id).map_or(id.to_string(), |f| f.label.clone());
            format!("{} → {}", label(&link.from), label(&link.to))
        }),
    }
}

/// The text under a step's title.
fn step_text(editor: &Editor, step: &StepKind, lang: Lang) -> Html {
    let t = present_texts(lang);
    let case = editor.state.case();
    match step {
        StepKind::Situation => html! { <p>{t.situation_text}</p> },
        StepKind::Rules => html! { <p>{t.rules_text}</p> },
        StepKind::Loop(key) => {
            let text = editor.analysis.cycles.iter().find(|c| &c.key == key).map(|c| narrative(case, c, lang));
            html! { <p class="present-narrative">{text.unwrap_or_default()}</p> }
        }
        StepKind::Plan => {
            let plan = &editor.analysis.plan;
            if plan.targets.is_empty() {
                return html! { <p>{t.plan_nothing}</p> };
            }
            html! {
                <>
                    <p>{t.plan_breaks}</p>
                    <ul class="present-plan">{ for plan.targets.iter().map(|target| html! { <li>{"✂ "}{target_name(case, target)}</li> }) }</ul>
                    <p class="present-status">{plan.status(lang)}</p>
                </>
            }
        }
    }
}

/// Props of [`PresentTimer`].
#[derive(Properties, PartialEq)]
pub struct PresentTimerProps {
    /// When the presentation started (page clock).
    pub started_ms: f64,
    /// The agenda step of the step on screen, its heading and its time box in minutes,
    /// when the case's agenda has one.
    pub agenda: Option<(meeting::Step, String, u16)>,
}

/// The timer, every second: the time spent on the agenda step on screen against its time
/// box, or without an agenda the time since the presentation started.
#[component]
pub fn PresentTimer(props: &PresentTimerProps) -> Html {
    let redraw = use_force_update();
    use_effect_with((), move |_| {
        let interval = Interval::new(1000, move || redraw.force_update());
        move || drop(interval)
    });
    // When the agenda step on screen began: reset whenever the step changes.
    let since = use_mut_ref(|| (None::<meeting::Step>, props.started_ms));
    let lang = use_context::<Lang>().unwrap_or_default();
    let t = present_texts(lang);
    let seconds = |from: f64| ((now_ms() - from) / 1000.0).max(0.0) as u64;
    match &props.agenda {
        Some((step, heading, minutes)) => {
            let mut since = since.borrow_mut();
            if since.0 != Some(*step) {
                *since = (Some(*step), now_ms());
            }
            let spent = seconds(since.1);
            let over = spent > u64::from(*minutes) * 60;
            html! {
                <p class={classes!("present-timer", over.then_some("over"))} id="present-timer" data-agenda={step.id()}>
                    {format!("{heading} · {} {} {}", clock(spent), t.step_of, clock(u64::from(*minutes) * 60))}
                    if over {
                        {" · "}{t.over_time}
                    }
                </p>
            }
        }
        None => html! {
            <p class="present-timer" id="present-timer">
                <span class="sr-only">{t.elapsed}{" "}</span>{clock(seconds(props.started_ms))}
            </p>
        },
    }
}

/// A callback that stores `steps` as the presentation sequence (one undo step).
fn set_order<E>(state: &UseReducerHandle<EditorState>, steps: Vec<StoredStep>) -> Callback<E> {
    send(state, Action::Edit(Edit::SetPresentation(steps)))
}

/// The list of every step with its order buttons and its show box.
fn order_list(editor: &Editor, steps: &[Step], t: &PresentTexts) -> Html {
    let items = steps.iter().enumerate().map(|(index, step)| {
        let title = step_title(t, steps, &step.kind);
        let earlier = set_order(&editor.state, moved(steps, index, true));
        let later = set_order(&editor.state, moved(steps, index, false));
        let toggle = set_order(&editor.state, toggled(steps, index));
        html! {
            <li key={step.kind.id()} data-step={step.kind.id()} class={classes!(step.skipped.then_some("skipped"))}>
                <label><input type="checkbox" checked={!step.skipped} onchange={toggle} aria-label={format!("{}: {title}", t.shown)} />{" "}<span class="step-name">{title.clone()}</span></label>
                <button onclick={earlier} disabled={index == 0} aria-label={format!("{}: {title}", t.earlier)}>{"↑ "}{t.earlier}</button>
                <button onclick={later} disabled={index + 1 == steps.len()} aria-label={format!("{}: {title}", t.later)}>{"↓ "}{t.later}</button>
            </li>
        }
    });
    html! {
        <details class="present-order">
            <summary>{t.order_heading}</summary>
            <ol>{ for items }</ol>
        </details>
    }
}

/// The presentation bar: step title and text, the buttons, the timer, the order list.
pub fn presentation_bar(editor: &Editor, steps: &[Step], step: usize) -> Html {
    let state = &editor.state;
    let lang = state.lang;
    let t = present_texts(lang);
    let shown = presented(steps);
    let started_ms = state.presenting.as_ref().map_or(0.0, |p| p.started_ms);
    let go = |to: usize| {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::PresentStep(to)))
    };
    let leave = {
        let state = state.clone();
        Callback::from(move |_| stop(&state))
    };
    let last = shown.len().saturating_sub(1);
    let agenda = shown.get(step).and_then(|current| {
        time_box(state.case(), &current.kind).map(|item| (item.step, item.heading(lang), item.minutes))
    });
    let (title, text) = match shown.get(step) {
        Some(current) => (step_title(t, steps, &current.kind), step_text(editor, &current.kind, lang)),
        None => (String::new(), html! { <p>{t.all_skipped}</p> }),
    };
    html! {
        <section class="present-bar" aria-label={t.region} data-step={shown.get(step).map(|s| s.kind.id()).unwrap_or_default()}>
            <div class="present-text" aria-live="polite">
                <h2 id="present-title">{title}</h2>
                { text }
            </div>
            <div class="present-controls">
                <div class="present-nav">
                    <button class="present-prev" onclick={go(step.saturating_sub(1))} disabled={step == 0}>{"← "}{t.previous}</button>
                    <span class="present-count" id="present-count">{format!("{} {} {}", (step + 1).min(shown.len()), t.step_of, shown.len())}</span>
                    <button class="present-next primary" id={NEXT_ID} onclick={go((step + 1).min(last))} disabled={step >= last}>{t.next}{" →"}</button>
                </div>
                <div class="present-meta">
                    <PresentTimer {started_ms} {agenda} />
                    <button class="present-leave" onclick={leave}>{t.leave}</button>
                </div>
            </div>
            { order_list(editor, steps, t) }
        </section>
    }
}
