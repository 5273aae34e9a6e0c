//! The pure core: everything that can be computed without a browser. Nothing below this
//! module imports yew, web-sys, gloo or wasm-bindgen.

pub mod analysis;
pub mod control;
pub mod edit;
pub mod editor;
pub mod exercise;
pub mod formats;
pub mod geometry;
pub mod history;
pub mod json_message;
pub mod json_text;
pub mod lang;
pub mod layout;
pub mod limits;
pub mod mandate;
pub mod meeting;
pub mod merge;
pub mod model;
pub mod number;
pub mod presentation;
pub mod privacy;
pub mod report;
pub mod rules;
pub mod signal;
pub mod sorting;
pub mod source_title;
pub mod store_snapshot;
pub mod text;
