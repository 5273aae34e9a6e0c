//! Hooks that connect the editor state to the browser: the live analysis (in a Web Worker),
//! stored cases and privacy warnings.

pub mod analysis;
pub mod cases;
pub mod privacy;
