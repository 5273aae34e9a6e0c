//! Small reads and moves on the page that several parts of the screen share: the value of
//! the control that fired an event or of a field by id, a checkbox's state, focus, and
//! today's date.

use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// The value of the input or select that fired `event`.
pub fn event_value(event: &Event) -> String {
    let Some(target) = event.target() else { return String::new() };
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        return input.value();
    }
    if let Some(select) = target.dyn_ref::<HtmlSelectElement>() {
        return select.value();
    }
    target.dyn_ref::<HtmlTextAreaElement>().map(|area| area.value()).unwrap_or_default()
}

/// The element with this id, as `T`, if it is on the page and is one.
fn element<T: JsCast>(id: &str) -> Option<T> {
    web_sys::window()?.document()?.get_element_by_id(id)?.dyn_into::<T>().ok()
}

/// The value of the input, select or text area with this id (empty when it is not on
/// the page).
pub fn field_value(id: &str) -> String {
    element::<HtmlInputElement>(id)
        .map(|input| input.value())
        .or_else(|| element::<HtmlSelectElement>(id).map(|select| select.value()))
        .or_else(|| element::<HtmlTextAreaElement>(id).map(|area| area.value()))
        .unwrap_or_default()
}

/// Focuses the element with this id, if it is on the page: an HTML element or an SVG one
/// (the map).
pub fn focus(id: &str) {
    let Some(element) = element::<web_sys::Element>(id) else { return };
    if let Some(html) = element.dyn_ref::<HtmlElement>() {
        let _ = html.focus();
    } else if let Some(svg) = element.dyn_ref::<web_sys::SvgElement>() {
        let _ = svg.focus();
    }
}

/// Focuses the element with this id after the render under way, unless something else
/// has the focus by then: for when the focused element goes away (a name field closed, a
/// factor deleted), so that the focus is not lost to the page, nor taken from a field the
/// user went on to.
pub fn focus_when_lost(id: &'static str) {
    gloo::timers::callback::Timeout::new(0, move || {
        let document = web_sys::window().and_then(|w| w.document());
        let lost = document
            .as_ref()
            .is_none_or(|d| d.active_element().is_none() || d.active_element() == d.body().map(Into::into));
        if lost {
            focus(id);
        }
    })
    .forget();
}

/// Focuses the input with this id and selects its text, so typing replaces it.
pub fn focus_and_select(id: &str) {
    if let Some(input) = element::<HtmlInputElement>(id) {
        let _ = input.focus();
        input.select();
    }
}

/// Whether the checkbox that fired `event` is checked.
pub fn event_checked(event: &Event) -> bool {
    event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).is_some_and(|input| input.checked())
}

/// Today's date on this device as `YYYY-MM-DD`, from the browser's clock.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}
