//! The SVG map: factors by kind, signed links coloured by sector, the highlighted loop,
//! the first-contact card of an empty map, and the pointer input that drives the
//! gestures of `core::editor::gesture` (mouse, pen and touch alike). Keyboard actions
//! live in `app.rs`; each factor and link is focusable so the map works without a mouse.

use crate::core::edit::{new_factor, same_label, Edit};
use crate::core::editor::gesture::{is_double_tap, pinch, press, Gesture, Keys, Released};
use crate::core::editor::hit::{handle_of, hit, Hit, BADGE_RADIUS};
use crate::core::editor::{Selection, Viewport};
use crate::core::geometry::{bounds, factor_width, label_lines, link_bends, link_curve, outline_path, FACTOR_HEIGHT};
use crate::core::lang::Lang;
use crate::core::model::{Case, Confidence, Factor, FactorKind, Link, Polarity};
use crate::core::number::Fixed;
use crate::ui::components::dom::{event_value, focus, focus_when_lost};
use crate::ui::components::templates::template_buttons;
use crate::ui::context::{use_editor, Editor};
use crate::ui::state::{Action, EditorState, Notice};
use crate::ui::texts::{kind_name, texts};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, KeyboardEvent, PointerEvent, SvgElement, WheelEvent};
use yew::prelude::*;

/// The id of the map element (fit, print and tests find it by this id).
pub const MAP_ID: &str = "case-map";

/// Screen point of a pointer event relative to the map element.
fn local_point(svg: &NodeRef, client_x: i32, client_y: i32) -> (f64, f64) {
    match svg.cast::<Element>() {
        Some(element) => {
            let rect = element.get_bounding_client_rect();
            (f64::from(client_x) - rect.left(), f64::from(client_y) - rect.top())
        }
        None => (f64::from(client_x), f64::from(client_y)),
    }
}

/// Fits the map on screen to `factors` (of a case that may not be rendered yet). Without
/// factors nothing changes, and the map's size is not asked for (that makes the browser lay
/// out the page at once, on the app's first screen too).
pub fn fit_to(state: &UseReducerHandle<EditorState>, factors: &[Factor]) {
    let Some(bounds) = bounds(factors) else { return };
    if let Some((width, height)) = map_size() {
        state.dispatch(Action::SetViewport(Viewport::fitting(bounds, width, height)));
    }
}

/// Pans the map, zoom unchanged, as far as needed to show `factor` (one being added)
/// above the add form that lies over the map's lower edge.
pub fn reveal(state: &UseReducerHandle<EditorState>, factor: &Factor) {
    if let (Some((width, height)), Some(bounds)) = (map_size(), bounds(std::slice::from_ref(factor))) {
        let covered = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(".add-form.popover").ok().flatten())
            .map_or(0.0, |form| form.get_bounding_client_rect().height() + 12.0);
        let moved = state.viewport.revealing(bounds, width, (height - covered).max(height / 2.0));
        if moved != state.viewport {
            state.dispatch(Action::SetViewport(moved));
        }
    }
}

/// The map's size on screen, in pixels.
fn map_size() -> Option<(f64, f64)> {
    let map = web_sys::window()?.document()?.get_element_by_id(MAP_ID)?;
    let rect = map.get_bounding_client_rect();
    Some((rect.width(), rect.height()))
}

/// Milliseconds from the page's clock.
fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Focuses the map itself, so that a field being edited is left (and commits) and the
/// keyboard shortcuts apply to what was just clicked.
fn focus_map(svg: &NodeRef) {
    if let Some(svg) = svg.cast::<SvgElement>() {
        let _ = svg.focus();
    }
}

/// Selects the link and moves focus to its first field in the inspector.
fn open_link_in_inspector(dispatcher: &UseReducerDispatcher<EditorState>, id: &str) {
    dispatcher.dispatch(Action::Select(Selection::link(id)));
    Timeout::new(0, || focus("inspector-polarity")).forget();
}

/// Pointer input between two renders: the gesture, the touching fingers, the last tap.
#[derive(Default)]
struct Pointers {
    gesture: Option<Gesture>,
    /// Touch points by pointer id (screen).
    fingers: HashMap<i32, (f64, f64)>,
    /// Where the present press began (screen), to tell a tap from a drag.
    down_at: Option<(f64, f64)>,
    /// The last tap of a finger (screen point, time), for double taps.
    last_tap: Option<((f64, f64), f64)>,
    /// Whether the last press was a finger (the browser's own dblclick is then ignored).
    touching: bool,
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
    /// Factor and link ids not drawn (a presentation step that has not reached them).
    #[prop_or_default]
    pub hidden: (Vec<String>, Vec<String>),
}

/// Double-click or double tap at screen point `point`: rename the factor there, open the
/// link there in the inspector, or add a factor on the empty map and name it.
fn activate(state: &UseReducerHandle<EditorState>, point: (f64, f64)) {
    let case = state.case();
    let world = state.viewport.to_world(point);
    match hit(case, &state.selection, state.viewport.scale, world) {
        Hit::Factor(id) | Hit::Handle(id) => {
            state.dispatch(Action::Select(Selection::factor(&id)));
            state.dispatch(Action::EditLabel(Some(id)));
        }
        Hit::Link(id) => open_link_in_inspector(&state.dispatcher(), &id),
        Hit::Background => {
            let label = texts(state.lang).new_factor_label;
            let factor = new_factor(case, label, FactorKind::Situatie, world.0.round(), world.1.round());
            state.dispatch(Action::AddFactorToName(factor));
        }
    }
}

/// The case map.
#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let editor = use_editor();
    let state = editor.state.clone();
    let case = state.case().clone();
    let t = texts(state.lang);
    let svg_ref = use_node_ref();
    let pointers = use_mut_ref(Pointers::default);
    let redraw = use_force_update();
    let viewport = state.viewport;

    // Wheel zoom needs a non-passive listener to keep the page from scrolling. Trackpad
    // pinches arrive as wheel events too, with small steps.
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
                        let factor = (-event.delta_y() * 0.0015).exp().clamp(0.5, 2.0);
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
        let pointers = pointers.clone();
        let redraw = redraw.clone();
        Callback::from(move |event: PointerEvent| {
            let point = local_point(&svg_ref, event.client_x(), event.client_y());
            let touch = event.pointer_type() == "touch";
            let mut p = pointers.borrow_mut();
            p.touching = touch;
            if touch {
                p.fingers.insert(event.pointer_id(), point);
                if let [first, second] = p.fingers.values().copied().collect::<Vec<_>>()[..] {
                    p.gesture = Some(pinch(state.viewport, first, second));
                    p.down_at = None;
                    drop(p);
                    redraw.force_update();
                    return;
                }
            } else if event.button() != 0 {
                return;
            }
            // No text selection, no native drag; the map takes focus instead, so a field
            // being edited commits.
            event.prevent_default();
            focus_map(&svg_ref);
            if let Some(svg) = svg_ref.cast::<Element>() {
                let _ = svg.set_pointer_capture(event.pointer_id());
            }
            let keys = Keys { shift: event.shift_key(), alt: event.alt_key() };
            let pressed = press(state.case(), &state.selection, state.viewport, point, keys);
            p.gesture = pressed.gesture;
            p.down_at = Some(point);
            drop(p);
            if let Some(selection) = pressed.selection {
                state.dispatch(Action::Select(selection));
            }
            redraw.force_update();
        })
    };

    let onpointermove = {
        let state = state.clone();
        let svg_ref = svg_ref.clone();
        let pointers = pointers.clone();
        let redraw = redraw.clone();
        Callback::from(move |event: PointerEvent| {
            let point = local_point(&svg_ref, event.client_x(), event.client_y());
            let mut p = pointers.borrow_mut();
            if p.fingers.contains_key(&event.pointer_id()) {
                p.fingers.insert(event.pointer_id(), point);
            }
            let Some(gesture) = p.gesture.clone() else { return };
            let fingers = match p.fingers.values().copied().collect::<Vec<_>>()[..] {
                [a, b] => Some((a, b)),
                _ => None,
            };
            let (next, shown) = gesture.moved(state.viewport, point, fingers);
            let redraws = !matches!(next, Gesture::Pan { .. } | Gesture::Pinch { .. });
            p.gesture = Some(next);
            drop(p);
            if let Some(viewport) = shown {
                state.dispatch(Action::SetViewport(viewport));
            }
            if redraws {
                redraw.force_update();
            }
        })
    };

    let onpointerup = {
        let state = state.clone();
        let svg_ref = svg_ref.clone();
        let pointers = pointers.clone();
        let redraw = redraw.clone();
        Callback::from(move |event: PointerEvent| {
            let point = local_point(&svg_ref, event.client_x(), event.client_y());
            let mut p = pointers.borrow_mut();
            let touch = p.fingers.remove(&event.pointer_id()).is_some();
            let gesture = p.gesture.take();
            let tapped = p.down_at.take().is_some_and(|at| (at.0 - point.0).hypot(at.1 - point.1) < 10.0);
            let double_tap = touch && tapped && is_double_tap(p.last_tap, point, now_ms());
            if touch && tapped {
                p.last_tap = if double_tap { None } else { Some((point, now_ms())) };
            }
            drop(p);
            match gesture.map(|g| g.released(state.case(), &state.selection)) {
                Some(Released::Edit(edit, Some(selection))) => state.dispatch(Action::EditAndSelect(edit, selection)),
                Some(Released::Edit(edit, None)) => state.dispatch(Action::Edit(edit)),
                Some(Released::Select(selection)) => state.dispatch(Action::Select(selection)),
                Some(Released::NoLinkEnd) => {
                    state.dispatch(Action::Notify(Notice::said(texts(state.lang).link_end_missing.to_string(), false)))
                }
                Some(Released::Nothing) | None => {}
            }
            if double_tap {
                activate(&state, point);
            }
            redraw.force_update();
        })
    };

    // A gesture the browser takes away (capture lost, touch cancelled) just ends.
    let oncancel = {
        let pointers = pointers.clone();
        let redraw = redraw.clone();
        Callback::from(move |event: PointerEvent| {
            let mut p = pointers.borrow_mut();
            p.fingers.remove(&event.pointer_id());
            if p.gesture.take().is_some() {
                drop(p);
                redraw.force_update();
            }
        })
    };

    let ondblclick = {
        let state = state.clone();
        let svg_ref = svg_ref.clone();
        let pointers = pointers.clone();
        Callback::from(move |event: MouseEvent| {
            // Fingers have their own double tap (see pointer up).
            if pointers.borrow().touching {
                return;
            }
            event.prevent_default();
            activate(&state, local_point(&svg_ref, event.client_x(), event.client_y()));
        })
    };

    let gesture = pointers.borrow().gesture.clone();
    let moving = match &gesture {
        Some(Gesture::Move { ids, offset, .. }) => Some((ids.clone(), *offset)),
        _ => None,
    };
    let sector_names: HashMap<String, String> = editor.sector_choices().into_iter().collect();
    let dispatcher = state.dispatcher();
    let rubber_link = match &gesture {
        Some(Gesture::Link { from, to }) => case.factor(from).map(|f| {
            html! { <line class="link-draft" x1={Fixed(f.x, 1).to_string()} y1={Fixed(f.y, 1).to_string()} x2={Fixed(to.0, 1).to_string()} y2={Fixed(to.1, 1).to_string()} marker-end="url(#arrow)" /> }
        }),
        _ => None,
    };
    // Drawn over the factors, so the box shows what it covers.
    let selection_box = match &gesture {
        Some(Gesture::Select { start, to }) => html! {
            <rect class="selection-box" x={Fixed(start.0.min(to.0), 1).to_string()} y={Fixed(start.1.min(to.1), 1).to_string()}
                width={Fixed((to.0 - start.0).abs(), 1).to_string()} height={Fixed((to.1 - start.1).abs(), 1).to_string()} />
        },
        _ => html! {},
    };

    let transform =
        format!("scale({}) translate({},{})", Fixed(viewport.scale, 3), Fixed(-viewport.x, 1), Fixed(-viewport.y, 1));
    let class = classes!(
        "canvas",
        gesture.as_ref().map(|g| match g {
            Gesture::Pan { .. } | Gesture::Pinch { .. } => "panning",
            Gesture::Move { .. } => "moving",
            Gesture::Link { .. } => "linking",
            Gesture::Select { .. } => "selecting",
        })
    );
    // A child that comes and goes is always one node (`unwrap_or_default`, empty when
    // absent): Yew flattens an `Option` child into none or one and matches unkeyed children
    // from the end, so one that appeared would take the map's place, and the whole map (its
    // wheel listener too) would be drawn anew.
    let label_editor =
        state.editing_label.as_deref().and_then(|id| case.factor(id)).map(
            |factor| html! { <LabelEditor key={factor.id.clone()} factor={factor.clone()} viewport={viewport} /> },
        );
    html! {
        <div class="canvas-wrap">
            <svg ref={svg_ref} class={class} role="application" aria-label={t.canvas_label} aria-roledescription={t.map_role}
                tabindex="0" {onpointerdown} {onpointermove} {onpointerup} onpointercancel={oncancel.clone()}
                onlostpointercapture={oncancel} {ondblclick} id={MAP_ID}>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="13" markerHeight="13" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
                    </marker>
                </defs>
                <g transform={transform}>
                    <LinksLayer case={case.clone()} hidden={props.hidden.1.clone()} moving={moving.clone()} selected={state.selection.links.clone()}
                        highlighted={props.highlighted.1.clone()} cut={props.plan_targets.1.clone()}
                        colours={props.sector_colours.clone()} {sector_names} dispatcher={dispatcher.clone()} />
                    { rubber_link.unwrap_or_default() }
                    <FactorsLayer factors={case.factors.clone()} hidden={props.hidden.0.clone()} {moving} selected={state.selection.factors.clone()}
                        highlighted={props.highlighted.0.clone()} cut={props.plan_targets.0.clone()}
                        editing={state.editing_label.clone()} scale={viewport.scale} lang={state.lang} {dispatcher} />
                    { selection_box }
                </g>
            </svg>
            { label_editor.unwrap_or_default() }
            if case.factors.is_empty() {
                { first_contact(&editor) }
            }
        </div>
    }
}

/// Props of [`LinksLayer`]: everything the links are drawn from, so the layer renders
/// again only when one of these changes (not when the map pans or zooms).
#[derive(Properties, PartialEq)]
struct LinksLayerProps {
    case: Rc<Case>,
    /// Links not drawn.
    hidden: Vec<String>,
    /// Factors being moved, and how far.
    moving: Option<(Vec<String>, (f64, f64))>,
    selected: Vec<String>,
    /// The links of the highlighted loop.
    highlighted: Vec<String>,
    /// The links the plan cuts.
    cut: Vec<String>,
    /// Link id → sector colour.
    colours: HashMap<String, String>,
    /// Sector id → display name.
    sector_names: HashMap<String, String>,
    dispatcher: UseReducerDispatcher<EditorState>,
}

/// The links, with a move in progress applied to their ends; each link is a memoised
/// [`LinkView`], so an edit of one link draws that link again, not all of them.
#[component]
fn LinksLayer(props: &LinksLayerProps) -> Html {
    let case = &props.case;
    let drawn = drawn_factors(&case.factors, props.moving.as_ref());
    let by_id: HashMap<&str, &Factor> = drawn.iter().map(|f| (f.id.as_str(), f)).collect();
    let dimmed = |id: &str| !props.highlighted.is_empty() && !props.highlighted.iter().any(|x| x == id);
    case.links
        .iter()
        .zip(link_bends(case))
        .filter(|(link, _)| !props.hidden.contains(&link.id))
        .filter_map(|(link, bend)| {
            let (from, to) = (by_id.get(link.from.as_str())?, by_id.get(link.to.as_str())?);
            let sector = link.sector.as_deref().map(|s| props.sector_names.get(s).map_or(s, String::as_str));
            Some(html! {
                <LinkView key={link.id.clone()} link={link.clone()} from={(*from).clone()} to={(*to).clone()} {bend}
                    colour={props.colours.get(&link.id).cloned().unwrap_or_else(|| "#4b5563".to_string())}
                    sector={sector.unwrap_or_default().to_string()} selected={props.selected.contains(&link.id)}
                    dimmed={dimmed(&link.id)} in_loop={props.highlighted.contains(&link.id)}
                    cut={props.cut.contains(&link.id)} dispatcher={props.dispatcher.clone()} />
            })
        })
        .collect()
}

/// Props of [`LinkView`]: one link and what it is drawn with.
#[derive(Properties, PartialEq)]
struct LinkViewProps {
    link: Link,
    /// Its ends as drawn (a move in progress applied).
    from: Factor,
    to: Factor,
    /// How far it bends away from a parallel link.
    bend: f64,
    colour: String,
    /// Its sector's display name.
    sector: String,
    selected: bool,
    dimmed: bool,
    /// On the highlighted loop.
    in_loop: bool,
    /// Cut by the plan.
    cut: bool,
    dispatcher: UseReducerDispatcher<EditorState>,
}

/// One link: its line, sign badge, delay and rule marks.
#[component]
fn LinkView(props: &LinkViewProps) -> Html {
    let link = &props.link;
    let curve = link_curve(&props.from, &props.to, props.bend);
    let (lx, ly) = curve.badge;
    let class = classes!(
        "link",
        props.selected.then_some("selected"),
        props.dimmed.then_some("dimmed"),
        props.in_loop.then_some("in-loop"),
        (link.confidence == Confidence::Low).then_some("uncertain"),
    );
    let sign = if link.polarity == Polarity::Positive { "+" } else { "−" };
    let aria = format!("{} {} {} {}", props.from.label, sign, props.to.label, props.sector);
    let onkeydown = {
        let dispatcher = props.dispatcher.clone();
        let id = link.id.clone();
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "Enter" => {
                event.prevent_default();
                open_link_in_inspector(&dispatcher, &id);
            }
            " " => {
                event.prevent_default();
                dispatcher.dispatch(Action::Select(Selection::link(&id)));
            }
            _ => {}
        })
    };
    let at = |x: f64, y: f64| (Fixed(x, 1).to_string(), Fixed(y, 1).to_string());
    let (badge_x, badge_y) = at(lx, ly);
    let (sign_x, sign_y) = at(lx, ly + 5.0);
    let colour = props.colour.clone();
    html! {
        <g class={class} tabindex="0" role="button" aria-label={aria}
            aria-pressed={props.selected.to_string()} data-link={link.id.clone()} {onkeydown}>
            if !link.note.is_empty() {
                <title>{link.note.clone()}</title>
            }
            <path class="link-hit" d={curve.path()} />
            <path class="link-line" d={curve.path()} stroke={colour.clone()} marker-end="url(#arrow)" />
            <circle class="link-sign-bg" cx={badge_x} cy={badge_y} r={Fixed(BADGE_RADIUS, 0).to_string()} stroke={colour} />
            <text class="link-sign" x={sign_x} y={sign_y}>{sign}</text>
            if link.delay {
                <text class="link-delay" x={Fixed(lx + 15.0, 1).to_string()} y={Fixed(ly - 8.0, 1).to_string()}>{"‖"}</text>
            }
            if let Some(rule) = &link.rule {
                <text class="link-rule" x={Fixed(lx, 1).to_string()} y={Fixed(ly + 26.0, 1).to_string()}>{rule.clone()}</text>
            }
            if props.cut {
                <text class="cut-mark" x={Fixed(lx - 24.0, 1).to_string()} y={Fixed(ly + 6.0, 1).to_string()}>{"✂"}</text>
            }
        </g>
    }
}

/// The factors as drawn: with a move in progress applied.
fn drawn_factors(factors: &[Factor], moving: Option<&(Vec<String>, (f64, f64))>) -> Vec<Factor> {
    factors
        .iter()
        .map(|f| match moving {
            Some((ids, offset)) if ids.contains(&f.id) => Factor { x: f.x + offset.0, y: f.y + offset.1, ..f.clone() },
            _ => f.clone(),
        })
        .collect()
}

/// Props of [`FactorsLayer`]: everything the factors are drawn from.
#[derive(Properties, PartialEq)]
struct FactorsLayerProps {
    /// The factors alone, so that an edit of a link leaves this layer alone.
    factors: Vec<Factor>,
    /// Factors not drawn.
    hidden: Vec<String>,
    /// Factors being moved, and how far.
    moving: Option<(Vec<String>, (f64, f64))>,
    selected: Vec<String>,
    /// The factors of the highlighted loop.
    highlighted: Vec<String>,
    /// The factors the plan cuts.
    cut: Vec<String>,
    /// The factor being renamed on the map.
    editing: Option<String>,
    /// The zoom, for the size of the link handle.
    scale: f64,
    lang: Lang,
    dispatcher: UseReducerDispatcher<EditorState>,
}

/// The factors, each with its shape, label and (when selected) link handle.
#[component]
fn FactorsLayer(props: &FactorsLayerProps) -> Html {
    let t = texts(props.lang);
    let dimmed = |id: &str| !props.highlighted.is_empty() && !props.highlighted.iter().any(|x| x == id);
    drawn_factors(&props.factors, props.moving.as_ref())
        .iter()
        .filter(|factor| !props.hidden.contains(&factor.id))
        .map(|factor| {
            let width = factor_width(&factor.label);
            let selected = props.selected.contains(&factor.id);
            let class = classes!(
                "factor",
                format!("kind-{}", factor.kind.id()),
                selected.then_some("selected"),
                dimmed(&factor.id).then_some("dimmed"),
                props.cut.contains(&factor.id).then_some("in-plan"),
            );
            let lines = label_lines(&factor.label);
            let first_y = if lines.len() > 1 { "-3" } else { "6" };
            let mut aria = format!("{}: {}", kind_name(props.lang, factor.kind), factor.label);
            if factor.fixed {
                aria.push_str(&format!(" ({})", t.fixed_short));
            }
            let onkeydown = {
                let dispatcher = props.dispatcher.clone();
                let id = factor.id.clone();
                Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
                    "Enter" => {
                        event.prevent_default();
                        dispatcher.dispatch(Action::Select(Selection::factor(&id)));
                        dispatcher.dispatch(Action::EditLabel(Some(id.clone())));
                    }
                    " " => {
                        event.prevent_default();
                        if event.shift_key() {
                            dispatcher.dispatch(Action::ToggleFactor(id.clone()));
                        } else {
                            dispatcher.dispatch(Action::Select(Selection::factor(&id)));
                        }
                    }
                    _ => {}
                })
            };
            let onfocus = (!selected).then(|| {
                let dispatcher = props.dispatcher.clone();
                let id = factor.id.clone();
                Callback::from(move |_: FocusEvent| dispatcher.dispatch(Action::Select(Selection::factor(&id))))
            });
            let editing = props.editing.as_deref() == Some(factor.id.as_str());
            let handle = selected.then(|| {
                let ((hx, _), radius) = handle_of(factor, props.scale);
                html! {
                    <circle class="link-handle" cx={Fixed(hx - factor.x, 1).to_string()} cy="0" r={Fixed(radius, 1).to_string()}>
                        <title>{t.link_handle_hint}</title>
                    </circle>
                }
            });
            html! {
                <g class={class} key={factor.id.clone()} transform={format!("translate({},{})", Fixed(factor.x, 1), Fixed(factor.y, 1))}
                    tabindex="0" role="button" aria-label={aria} aria-pressed={selected.to_string()}
                    data-factor={factor.id.clone()} {onkeydown} {onfocus}>
                    <path class="factor-shape" d={outline_path(factor.kind, width)} />
                    if factor.fixed {
                        // A padlock drawn, not an emoji: a projector's computer may have no emoji font.
                        <g class="fixed-mark" transform={format!("translate({},-46)", Fixed(-width / 2.0 + 4.0, 1))}>
                            <title>{t.fixed_factor}</title>
                            <path class="shackle" d="M3 7 V4.5 a3.5 3.5 0 0 1 7 0 V7" />
                            <rect x="1" y="7" width="11" height="8" rx="1.5" />
                        </g>
                    }
                    if !editing {
                        <text class="factor-label" y={first_y}>
                            { for lines.iter().enumerate().map(|(i, line)| html! {
                                <tspan x="0" dy={if i == 0 { "0" } else { "17" }}>{line.clone()}</tspan>
                            }) }
                        </text>
                    }
                    { handle.unwrap_or_default() }
                </g>
            }
        })
        .collect()
}

/// The empty map's own space: start from an example (opened as a new case) or from
/// scratch, with the three gestures that matter.
fn first_contact(editor: &Editor) -> Html {
    let state = &editor.state;
    let lang = state.lang;
    let t = texts(lang);
    html! {
        <section class="first-contact" aria-labelledby="first-heading">
            <h2 id="first-heading">{t.first_heading}</h2>
            <div class="first-columns">
                <div>
                    <h3>{t.first_example}</h3>
                    <p class="muted">{t.first_example_hint}</p>
                    { template_buttons(editor) }
                </div>
                <div>
                    <h3>{t.first_scratch}</h3>
                    <ol class="gestures">{ for t.first_gestures.iter().map(|g| html! { <li>{*g}</li> }) }</ol>
                    <p class="hint">{t.first_factor_hint}</p>
                </div>
            </div>
        </section>
    }
}

/// Props of [`LabelEditor`].
#[derive(Properties, PartialEq)]
struct LabelEditorProps {
    factor: Factor,
    viewport: Viewport,
}

/// An inline text field over a factor (an HTML field laid over the map, so it is a real
/// text input), committed with Enter or on leaving it, cancelled with Esc.
#[component]
fn LabelEditor(props: &LabelEditorProps) -> Html {
    let editor = use_editor();
    let input_ref = use_node_ref();
    // What is typed survives re-renders until it is committed.
    let draft = use_state(|| props.factor.label.clone());
    let done = use_mut_ref(|| false);
    {
        let input_ref = input_ref.clone();
        use_effect_with((), move |_| {
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                let _ = input.focus();
                input.select();
            }
        });
    }
    let finish = {
        let state = editor.state.clone();
        let factor = props.factor.clone();
        let input_ref = input_ref.clone();
        let done = done.clone();
        Rc::new(move |keep: bool| finish_label(&state, &factor, &input_ref, &done, keep))
    };
    let onkeydown = {
        let finish = finish.clone();
        Callback::from(move |event: KeyboardEvent| {
            event.stop_propagation();
            match event.key().as_str() {
                "Enter" => {
                    event.prevent_default();
                    finish(true);
                    focus_when_lost(MAP_ID);
                }
                "Escape" => {
                    event.prevent_default();
                    finish(false);
                    focus_when_lost(MAP_ID);
                }
                _ => {}
            }
        })
    };
    let onblur = Callback::from(move |_| finish(true));
    // Placed through the style object, not a style attribute, which the CSP forbids.
    {
        let input_ref = input_ref.clone();
        let (factor, viewport) = (props.factor.clone(), props.viewport);
        use_effect_with((factor.x, factor.y, viewport), move |_| {
            if let Some(input) = input_ref.cast::<HtmlElement>() {
                let (sx, sy) = viewport.to_screen((factor.x, factor.y));
                let width = (factor_width(&factor.label) * viewport.scale).max(160.0);
                let height = (FACTOR_HEIGHT * 0.7 * viewport.scale).max(34.0);
                let style = input.style();
                let px = |value: f64| format!("{}px", Fixed(value, 1));
                for (property, value) in [
                    ("left", px(sx - width / 2.0)),
                    ("top", px(sy - height / 2.0)),
                    ("width", px(width)),
                    ("height", px(height)),
                    ("font-size", px((15.0 * viewport.scale).max(15.0))),
                ] {
                    let _ = style.set_property(property, &value);
                }
            }
        });
    }
    let t = texts(editor.state.lang);
    html! {
        <input ref={input_ref} class="label-input" value={(*draft).clone()} aria-label={t.factor_name} autocomplete="off"
            oninput={let draft = draft.clone(); Callback::from(move |e: InputEvent| draft.set(event_value(&e)))}
            {onkeydown} {onblur} />
    }
}

/// Ends inline editing once: keeps the typed label (when `keep` and it changed and is not
/// empty), and warns when another factor already has that label.
fn finish_label(
    state: &UseReducerHandle<EditorState>,
    factor: &Factor,
    input_ref: &NodeRef,
    done: &Rc<RefCell<bool>>,
    keep: bool,
) {
    if std::mem::replace(&mut *done.borrow_mut(), true) {
        return;
    }
    let label = input_ref.cast::<HtmlInputElement>().map(|input| input.value().trim().to_string()).unwrap_or_default();
    if keep && !label.is_empty() && label != factor.label {
        if same_label(state.case(), &label, Some(&factor.id)).is_some() {
            state.dispatch(Action::Notify(Notice::said(texts(state.lang).duplicate_factor.to_string(), false)));
        }
        state.dispatch(Action::Edit(Edit::UpdateFactor(Factor { label, ..factor.clone() })));
    }
    state.dispatch(Action::EditLabel(None));
}
