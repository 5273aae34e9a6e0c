//! The Yew web app (feature `web`).

/// Mounts the app on the page.
pub fn start() {}
