//! The Yew web app (feature `web`, wasm32): renders the editor state and turns user
//! intent into core calls. All browser I/O lives in `services`.

pub mod app;
pub mod components;
pub mod context;
pub mod hooks;
pub mod services;
pub mod state;
pub mod texts;
pub mod worker;

/// Begins opening storage and mounts the app on the page's `<main id="app">` root, or the
/// body; does nothing in the analysis worker (no window: the same module runs there, see [`worker`]).
pub fn start() {
    let Some(window) = web_sys::window() else { return };
    // Storage is opened and read while the app renders, not after.
    hooks::cases::begin();
    let root = window.document().and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
