//! Hooks that connect the editor state to the browser: stored cases and privacy warnings.

pub mod cases;
pub mod privacy;
