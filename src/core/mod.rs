//! The pure core: everything that can be computed without a browser. Nothing below this
//! module imports yew, web-sys, gloo or wasm-bindgen.

pub mod formats;
pub mod lang;
pub mod mandate;
pub mod model;
pub mod rules;
