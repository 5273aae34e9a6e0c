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

/// The longest the first render waits for what storage holds. Opening and reading it
/// began while the module downloaded (`www/storage-early.js`) and is mostly done by now,
/// so the app's first screen can show the stored case; should it take longer, the app
/// renders without it and shows it when it is there.
const STORAGE_WAIT_MS: i32 = 100;

/// Begins opening storage and mounts the app on the page's `<main id="app">` root, or the
/// body, once storage is open or [`STORAGE_WAIT_MS`] have passed; does nothing in the
/// analysis worker (no window: the same module runs there, see [`worker`]).
pub fn start() {
    let Some(window) = web_sys::window() else { return };
    let opened = hooks::cases::begin();
    let waited = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, STORAGE_WAIT_MS);
    });
    let first = js_sys::Promise::race(&js_sys::Array::of2(&opened, &waited));
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(first).await;
        mount(&window);
    });
}

/// Renders the app into the page.
fn mount(window: &web_sys::Window) {
    // For the benchmark (scripts/bench-app.mjs): the app's first render begins.
    if let Some(performance) = window.performance() {
        let _ = performance.mark("cirkelbreker-rendering");
    }
    match window.document().and_then(|d| d.get_element_by_id("app")) {
        Some(root) => {
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
