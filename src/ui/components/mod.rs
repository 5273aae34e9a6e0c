//! One component per file.

pub mod canvas;
pub mod inspector;
pub mod list_view;
pub mod side_panels;
