//! Cirkelbreker: map the causal graph around a client's situation, find the vicious
//! cycles that the rules of different sectors create together, and the breakthrough
//! points where one intervention breaks the most of them.
//!
//! The crate has two layers (see `ARCHITECTURE.md`):
//! - [`core`]: the pure case model, analysis, rules library and file formats. It never
//!   imports a UI or browser crate and is tested natively with `cargo test`.
//! - `ui` (feature `web`, wasm32 only): the Yew app that renders state and turns user
//!   intent into core calls.

// The command line is native only: it reads files and parses arguments with clap, which
// the web app never compiles.
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod core;

#[cfg(feature = "web")]
pub mod ui;
