//! The web app entry point: mounts the Yew app (built for wasm32 with `--features web`).

fn main() {
    cirkelbreker::ui::start();
}
