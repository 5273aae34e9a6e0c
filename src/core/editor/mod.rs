//! The editor's pure parts: what the map shows (viewport), what a pointer is over (hit
//! testing) and what is selected. The UI turns browser events into calls here, so every
//! rule about gestures is tested natively.

pub mod draft;
pub mod gesture;
pub mod hit;
pub mod selection;
pub mod session;
pub mod state;
pub mod viewport;

pub use gesture::{press, Gesture, Keys, Pressed, Released};
pub use hit::{factor_at, hit, link_end_at, Hit};
pub use selection::Selection;
pub use viewport::Viewport;
