//! The SVG map: factors by kind, signed links coloured by sector, the highlighted loop,
//! and every pointer gesture (create, select, move, link, pan, zoom). Keyboard actions
//! live in `app.rs`; each factor and link is focusable so the map works without a mouse.

use crate::core::edit::{new_factor, new_link, Edit};
use crate::core::geometry::{centres_within, factor_width, label_lines, link_path, outline_path, FACTOR_HEIGHT};
use crate::core::model::{Factor, FactorKind, Polarity};
use crate::core::number::Fixed;
use crate::ui::components::dom::event_value;
use crate::ui::context::use_editor;
use crate::ui::state::{Action, Selection, Viewport};
use crate::ui::texts::{kind_name, texts};
use gloo::events::{EventListener, EventListenerOptions};
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, KeyboardEvent, PointerEvent, WheelEvent};
use yew::prelude::*;

/// A gesture in progress.
#[derive(Clone, Debug, PartialEq)]
enum Drag {
    /// Panning the map from a screen point with the viewport at that moment.
    Pan { start: (f64, f64), viewport: Viewport },
    /// Moving the selected factors; `offset` is the world distance so far.
    Move { ids: Vec<String>, start: (f64, f64), offset: (f64, f64) },
    /// Drawing a new link from a factor to the pointer.
    Link { from: String, to: (f64, f64) },
    /// Drawing a selection box (Shift+drag on the background) between two world points.
    Select { start: (f64, f64), to: (f64, f64) },
}

/// Screen point of a pointer event relative to the SVG element.
fn local_point(svg: &NodeRef, client_x: i32, client_y: i32) -> (f64, f64) {
    match svg.cast::<Element>() {
        Some(element) => {
            let rect = element.get_bounding_client_rect();
            (client_x as f64 - rect.left(), client_y as f64 - rect.top())
        }
        None => (client_x as f64, client_y as f64),
    }
}

fn to_world(viewport: &Viewport, (sx, sy): (f64, f64)) -> (f64, f64) {
    (viewport.x + sx / viewport.scale, viewport.y + sy / viewport.scale)
}

/// The factor under a world point, topmost first.
fn factor_at(factors: &[Factor], (x, y): (f64, f64)) -> Option<&Factor> {
    factors
        .iter()
        .rev()
        .find(|f| (f.x - x).abs() <= factor_width(&f.label) / 2.0 && (f.y - y).abs() <= FACTOR_HEIGHT / 2.0)
}

/// Props of [`Canvas`].
#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    /// Link id → sector colour.
    pub sector_colours: HashMap<String, String>,
    /// Factor and link ids of the highlighted loop (empty when none).
    pub highlighted: (Vec<String>, Vec<String>),
    /// Factor and link ids in the integral plan, drawn with a cut mark.
    pub plan_targets: (Vec<String>, Vec<String>),
}

/// The case map.
#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let editor = use_editor();
    let state = editor.state.clone();
    let case = state.case().clone();
    let t = texts(state.lang);
    let svg_ref = use_node_ref();
    let drag = use_state(|| None::<Drag>);
    let viewport = state.viewport;

    // Wheel zoom needs a non-passive listener to keep the page from scrolling.
    {
        let state = state.clone();
        let svg_ref = svg_ref.clone();
        use_effect_with(state.viewport, move |_| {
            let listener = svg_ref.cast::<Element>().map(|svg| {
                let svg_ref = svg_ref.clone();
                EventListener::new_with_options(
                    &svg,
                    "wheel",
                    EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        let Some(event) = event.dyn_ref::<WheelEvent>() else { return };
                        event.prevent_default();
                        let point = local_point(&svg_ref, event.client_x(), event.client_y());
                        let factor = if event.delta_y() < 0.0 { 1.12 } else { 1.0 / 1.12 };
                        state.dispatch(Action::SetViewport(state.viewport.zoomed(factor, point.0, point.1)));
                    },
                )
            });
            move || drop(listener)
        });
    }

    let onpointerdown = {
        let state = state.clone();
        let svg_ref = svg_ref.clone();
        let drag = drag.clone();
        let case = case.clone();
        Callback::from(move |event: PointerEvent| {
            if event.button() != 0 {
                return;
            }
            let point = local_point(&svg_ref, event.client_x(), event.client_y());
            let world = to_world(&state.viewport, point);
            if let Some(element) = svg_ref.cast::<Element>() {
                let _ = element.set_pointer_capture(event.pointer_id());
            }
            let target_is_handle = event.target().and_then(|t| t.dyn_into::<Element>().ok()).is_some_and(|el| {
                el.get_attribute("class").is_some_and(|c| c.split_whitespace().any(|c| c == "link-handle"))
            });
            match factor_at(&case.factors, world) {
                Some(factor) if target_is_handle || event.alt_key() => {
                    drag.set(Some(Drag::Link { from: factor.id.clone(), to: world }));
                }
                Some(factor) => {
                    let already = state.selection.factors.contains(&factor.id);
                    if event.shift_key() {
                        state.dispatch(Action::ToggleFactor(factor.id.clone()));
                    } else if !already {
                        state.dispatch(Action::Select(Selection { factors: vec![factor.id.clone()], links: vec![] }));
                    }
                    let ids = if already || event.shift_key() {
                        let mut ids = state.selection.factors.clone();
                        if !ids.contains(&factor.id) {
                            ids.push(factor.id.clone());
                        }
                        ids
                    } else {
                        vec![factor.id.clone()]
                    };
                    drag.set(Some(Drag::Move { ids, start: world, offset: (0.0, 0.0) }));
                }
                None => {
                    let on_link = event
                        .target()
                        .and_then(|t| t.dyn_into::<Element>().ok())
                        .is_some_and(|el| el.closest(".link").ok().flatten().is_some());
                    if !on_link && event.shift_key() {
                        drag.set(Some(Drag::Select { start: world, to: world }));
                    } else if !on_link {
                        state.dispatch(Action::Select(Selection::default()));
                        drag.set(Some(Drag::Pan { start: point, viewport: state.viewport }));
                    }
                }
            }
        })
    };

    let onpointermove = {
        let state = state.clone();
        let svg_ref = svg_ref.clone();
        let drag = drag.clone();
        Callback::from(move |event: PointerEvent| {
            let Some(current) = (*drag).clone() else { return };
            let point = local_point(&svg_ref, event.client_x(), event.client_y());
            match current {
                Drag::Pan { start, viewport } => {
                    let moved = Viewport {
                        x: viewport.x - (point.0 - start.0) / viewport.scale,
                        y: viewport.y - (point.1 - start.1) / viewport.scale,
                        scale: viewport.scale,
                    };
                    state.dispatch(Action::SetViewport(moved));
                }
                Drag::Move { ids, start, .. } => {
                    let world = to_world(&state.viewport, point);
                    drag.set(Some(Drag::Move { ids, start, offset: (world.0 - start.0, world.1 - start.1) }));
                }
                Drag::Link { from, .. } => {
                    drag.set(Some(Drag::Link { from, to: to_world(&state.viewport, point) }));
                }
                Drag::Select { start, .. } => {
                    drag.set(Some(Drag::Select { start, to: to_world(&state.viewport, point) }));
                }
            }
        })
    };

    let onpointerup = {
        let state = state.clone();
        let drag = drag.clone();
        let case = case.clone();
        Callback::from(move |_event: PointerEvent| {
            match (*drag).clone() {
                Some(Drag::Move { ids, offset, .. }) if offset.0.abs() + offset.1.abs() > 0.5 => {
                    let moves = case
                        .factors
                        .iter()
                        .filter(|f| ids.contains(&f.id))
                        .map(|f| (f.id.clone(), (f.x + offset.0).round(), (f.y + offset.1).round()))
                        .collect();
                    state.dispatch(Action::Edit(Edit::MoveFactors(moves)));
                }
                Some(Drag::Link { from, to }) => {
                    if let Some(target) = factor_at(&case.factors, to) {
                        let link = new_link(&case, &from, &target.id, Polarity::Positive, None);
                        let selection = Selection { factors: vec![], links: vec![link.id.clone()] };
                        state.dispatch(Action::EditAndSelect(Edit::AddLink(link), selection));
                    }
                }
                // The box adds its factors, and the links from or to them whose other end is
                // selected too.
                Some(Drag::Select { start, to }) => {
                    let mut selection = state.selection.clone();
                    let inside: Vec<&String> = centres_within(&case.factors, start, to).map(|f| &f.id).collect();
                    for id in &inside {
                        if !selection.factors.contains(id) {
                            selection.factors.push((*id).clone());
                        }
                    }
                    let inner = case.links.iter().filter(|link| {
                        let ends = [&link.from, &link.to];
                        ends.iter().any(|end| inside.contains(end))
                            && ends.iter().all(|end| selection.factors.contains(end))
                            && !selection.links.contains(&link.id)
                    });
                    let inner: Vec<String> = inner.map(|link| link.id.clone()).collect();
                    selection.links.extend(inner);
                    state.dispatch(Action::Select(selection));
                }
                _ => {}
            }
            drag.set(None);
        })
    };

    // A gesture the browser takes away (capture lost, touch cancelled) just ends.
    let oncancel = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };

    let ondblclick = {
        let state = state.clone();
        let svg_ref = svg_ref.clone();
        let case = case.clone();
        Callback::from(move |event: MouseEvent| {
            let point = local_point(&svg_ref, event.client_x(), event.client_y());
            let world = to_world(&state.viewport, point);
            match factor_at(&case.factors, world) {
                Some(factor) => state.dispatch(Action::EditLabel(Some(factor.id.clone()))),
                None => {
                    let factor =
                        new_factor(&case, t.new_factor_label, FactorKind::Situatie, world.0.round(), world.1.round());
                    let id = factor.id.clone();
                    let selection = Selection { factors: vec![id.clone()], links: vec![] };
                    state.dispatch(Action::EditAndSelect(Edit::AddFactor(factor), selection));
                    state.dispatch(Action::EditLabel(Some(id)));
                }
            }
        })
    };

    // Factors as drawn, with a move in progress applied.
    let offset_of = |id: &str| match &*drag {
        Some(Drag::Move { ids, offset, .. }) if ids.iter().any(|i| i == id) => *offset,
        _ => (0.0, 0.0),
    };
    let drawn: Vec<Factor> = case
        .factors
        .iter()
        .map(|f| {
            let (dx, dy) = offset_of(&f.id);
            Factor { x: f.x + dx, y: f.y + dy, ..f.clone() }
        })
        .collect();
    let by_id: HashMap<&str, &Factor> = drawn.iter().map(|f| (f.id.as_str(), f)).collect();
    let dimmed = |id: &str, in_loop: &[String]| !in_loop.is_empty() && !in_loop.iter().any(|x| x == id);

    // Parallel links between the same pair bend apart.
    let mut pair_count: HashMap<(String, String), usize> = HashMap::new();
    let links_html: Html = case
        .links
        .iter()
        .filter_map(|link| {
            let (from, to) = (by_id.get(link.from.as_str())?, by_id.get(link.to.as_str())?);
            let index = pair_count.entry((link.from.clone(), link.to.clone())).or_insert(0);
            let bend = *index as f64;
            *index += 1;
            let (path, (lx, ly)) = link_path(from, to, bend);
            let colour = props.sector_colours.get(&link.id).cloned().unwrap_or_else(|| "#4b5563".to_string());
            let selected = state.selection.links.contains(&link.id);
            let in_plan = props.plan_targets.1.contains(&link.id);
            let mut class = classes!("link");
            if selected {
                class.push("selected");
            }
            if dimmed(&link.id, &props.highlighted.1) {
                class.push("dimmed");
            }
            if props.highlighted.1.contains(&link.id) {
                class.push("in-loop");
            }
            if link.confidence == crate::core::model::Confidence::Low {
                class.push("uncertain");
            }
            let sign = if link.polarity == Polarity::Positive { "+" } else { "−" };
            let from_label = from.label.clone();
            let to_label = to.label.clone();
            let aria = format!("{} {} {} {}", from_label, sign, to_label, link.sector.clone().unwrap_or_default());
            let onclick = {
                let state = state.clone();
                let id = link.id.clone();
                Callback::from(move |event: MouseEvent| {
                    event.stop_propagation();
                    state.dispatch(Action::Select(Selection { factors: vec![], links: vec![id.clone()] }));
                })
            };
            let onkeydown = {
                let state = state.clone();
                let id = link.id.clone();
                Callback::from(move |event: KeyboardEvent| {
                    if event.key() == "Enter" || event.key() == " " {
                        event.prevent_default();
                        state.dispatch(Action::Select(Selection { factors: vec![], links: vec![id.clone()] }));
                    }
                })
            };
            Some(html! {
                <g class={class} key={link.id.clone()} tabindex="0" role="button" aria-label={aria}
                    aria-pressed={selected.to_string()} data-link={link.id.clone()} {onclick} {onkeydown}>
                    if !link.note.is_empty() {
                        <title>{link.note.clone()}</title>
                    }
                    <path class="link-hit" d={path.clone()} />
                    <path class="link-line" d={path} stroke={colour.clone()} marker-end="url(#arrow)" />
                    <circle class="link-sign-bg" cx={Fixed(lx, 1).to_string()} cy={Fixed(ly, 1).to_string()} r="11" stroke={colour} />
                    <text class="link-sign" x={Fixed(lx, 1).to_string()} y={Fixed(ly + 5.0, 1).to_string()}>{sign}</text>
                    if link.delay {
                        <text class="link-delay" x={Fixed(lx + 15.0, 1).to_string()} y={Fixed(ly - 8.0, 1).to_string()}>{"‖"}</text>
                    }
                    if let Some(rule) = &link.rule {
                        <text class="link-rule" x={Fixed(lx, 1).to_string()} y={Fixed(ly + 26.0, 1).to_string()}>{rule.clone()}</text>
                    }
                    if in_plan {
                        <text class="cut-mark" x={Fixed(lx - 24.0, 1).to_string()} y={Fixed(ly + 6.0, 1).to_string()}>{"✂"}</text>
                    }
                </g>
            })
        })
        .collect();

    let factors_html: Html = drawn
        .iter()
        .map(|factor| {
            let width = factor_width(&factor.label);
            let selected = state.selection.factors.contains(&factor.id);
            let mut class = classes!("factor", format!("kind-{}", factor.kind.id()));
            if selected {
                class.push("selected");
            }
            if dimmed(&factor.id, &props.highlighted.0) {
                class.push("dimmed");
            }
            if props.plan_targets.0.contains(&factor.id) {
                class.push("in-plan");
            }
            let lines = label_lines(&factor.label);
            let first_y = if lines.len() > 1 { "-3" } else { "6" };
            let aria = format!("{}: {}", kind_name(state.lang, factor.kind), factor.label);
            let onkeydown = {
                let state = state.clone();
                let id = factor.id.clone();
                Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
                    "Enter" => {
                        event.prevent_default();
                        state.dispatch(Action::EditLabel(Some(id.clone())));
                    }
                    " " => {
                        event.prevent_default();
                        if event.shift_key() {
                            state.dispatch(Action::ToggleFactor(id.clone()));
                        } else {
                            state.dispatch(Action::Select(Selection { factors: vec![id.clone()], links: vec![] }));
                        }
                    }
                    _ => {}
                })
            };
            let onfocus = {
                let state = state.clone();
                let id = factor.id.clone();
                Callback::from(move |_| {
                    if !state.selection.factors.contains(&id) {
                        state.dispatch(Action::Select(Selection { factors: vec![id.clone()], links: vec![] }));
                    }
                })
            };
            let editing = state.editing_label.as_deref() == Some(factor.id.as_str());
            html! {
                <g class={class} key={factor.id.clone()} transform={format!("translate({},{})", Fixed(factor.x, 1), Fixed(factor.y, 1))}
                    tabindex="0" role="button" aria-label={aria} aria-pressed={selected.to_string()}
                    data-factor={factor.id.clone()} {onkeydown} {onfocus}>
                    <path class="factor-shape" d={outline_path(factor.kind, width)} />
                    if factor.fixed {
                        <text class="fixed-mark" x={Fixed(-width / 2.0 + 4.0, 1).to_string()} y="-28">{"🔒"}</text>
                    }
                    if editing {
                        <LabelEditor factor={factor.clone()} width={width} />
                    } else {
                        <text class="factor-label" y={first_y}>
                            { for lines.iter().enumerate().map(|(i, line)| html! {
                                <tspan x="0" dy={if i == 0 { "0".to_string() } else { "17".to_string() }}>{line.clone()}</tspan>
                            }) }
                        </text>
                    }
                    if selected {
                        <circle class="link-handle" cx={Fixed(width / 2.0 + 2.0, 1).to_string()} cy="0" r="8">
                            <title>{t.link_handle_hint}</title>
                        </circle>
                    }
                </g>
            }
        })
        .collect();

    let rubber_link = match &*drag {
        Some(Drag::Link { from, to }) => by_id.get(from.as_str()).map(|f| {
            html! { <line class="link-draft" x1={Fixed(f.x, 1).to_string()} y1={Fixed(f.y, 1).to_string()} x2={Fixed(to.0, 1).to_string()} y2={Fixed(to.1, 1).to_string()} marker-end="url(#arrow)" /> }
        }),
        _ => None,
    };
    // Drawn over the factors, so the box shows what it covers.
    let selection_box = match &*drag {
        Some(Drag::Select { start, to }) => html! {
            <rect class="selection-box" x={Fixed(start.0.min(to.0), 1).to_string()} y={Fixed(start.1.min(to.1), 1).to_string()}
                width={Fixed((to.0 - start.0).abs(), 1).to_string()} height={Fixed((to.1 - start.1).abs(), 1).to_string()} />
        },
        _ => html! {},
    };

    let transform =
        format!("scale({}) translate({},{})", Fixed(viewport.scale, 3), Fixed(-viewport.x, 1), Fixed(-viewport.y, 1));
    let class = classes!(
        "canvas",
        drag.as_ref().map(|d| match d {
            Drag::Pan { .. } => "panning",
            Drag::Move { .. } => "moving",
            Drag::Link { .. } => "linking",
            Drag::Select { .. } => "selecting",
        })
    );
    html! {
        <div class="canvas-wrap">
            <svg ref={svg_ref} class={class} role="application" aria-label={t.canvas_label} aria-roledescription={t.map_role}
                {onpointerdown} {onpointermove} {onpointerup} onpointercancel={oncancel.clone()} onlostpointercapture={oncancel} {ondblclick} id="case-map">
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="13" markerHeight="13" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
                    </marker>
                </defs>
                <g transform={transform}>
                    { links_html }
                    { for rubber_link }
                    { factors_html }
                    { selection_box }
                </g>
            </svg>
            if case.factors.is_empty() {
                <p class="canvas-empty">{t.canvas_empty}</p>
            }
        </div>
    }
}

/// Props of [`LabelEditor`].
#[derive(Properties, PartialEq)]
struct LabelEditorProps {
    factor: Factor,
    width: f64,
}

/// An inline text field over a factor, committed with Enter or on blur, cancelled with Esc.
#[component]
fn LabelEditor(props: &LabelEditorProps) -> Html {
    let editor = use_editor();
    let input_ref = use_node_ref();
    // What is typed survives re-renders until it is committed.
    let draft = use_state(|| props.factor.label.clone());
    {
        let input_ref = input_ref.clone();
        use_effect_with((), move |_| {
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                let _ = input.focus();
                input.select();
            }
        });
    }
    let commit = {
        let state = editor.state.clone();
        let factor = props.factor.clone();
        let input_ref = input_ref.clone();
        move || {
            if state.editing_label.as_deref() != Some(factor.id.as_str()) {
                return;
            }
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                let label = input.value().trim().to_string();
                if !label.is_empty() && label != factor.label {
                    state.dispatch(Action::Edit(Edit::UpdateFactor(Factor { label, ..factor.clone() })));
                }
            }
            state.dispatch(Action::EditLabel(None));
        }
    };
    let onkeydown = {
        let commit = commit.clone();
        let state = editor.state.clone();
        Callback::from(move |event: KeyboardEvent| {
            event.stop_propagation();
            match event.key().as_str() {
                "Enter" => commit(),
                "Escape" => state.dispatch(Action::EditLabel(None)),
                _ => {}
            }
        })
    };
    let onblur = Callback::from(move |_| commit());
    let t = texts(editor.state.lang);
    html! {
        <foreignObject x={Fixed(-props.width / 2.0 + 6.0, 1).to_string()} y="-16" width={Fixed(props.width - 12.0, 1).to_string()} height="32">
            <input ref={input_ref} class="label-input" value={(*draft).clone()} aria-label={t.factor_name}
                oninput={let draft = draft.clone(); Callback::from(move |e: InputEvent| draft.set(event_value(&e)))}
                {onkeydown} {onblur} onpointerdown={Callback::from(|e: PointerEvent| e.stop_propagation())} />
        </foreignObject>
    }
}
