//! The Yew web app (feature `web`, wasm32): renders the editor state and turns user
//! intent into core calls. All browser I/O lives in `services`.

pub mod app;
pub mod components;
pub mod context;
pub mod hooks;
pub mod services;
pub mod state;
pub mod texts;

/// Mounts the app on the page's `<main id="app">` root, or the body.
pub fn start() {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
