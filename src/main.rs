//! The web app entry point: mounts the Yew app (built for wasm32 with `--features web`).

/// talc grows the heap from WebAssembly memory as needed; it is smaller than std's default
/// allocator and as fast for this app (see Cargo.toml).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    // For the benchmark (scripts/bench-app.mjs): the module is instantiated, the app starts.
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.mark("cirkelbreker-instantiated");
    }
    cirkelbreker::ui::start();
}
