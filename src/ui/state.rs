//! The editor state of `core::editor::state` as a Yew reducer, and the one callback that
//! only dispatches. The state and its transitions are pure and tested natively.

pub use crate::core::editor::state::*;
pub use crate::core::editor::{Selection, Viewport};
use std::rc::Rc;
use yew::{Callback, Reducible, UseReducerHandle};

impl Reducible for EditorState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.next(action))
    }
}

/// A callback that sends `action` to the state, whatever the event: one line for every
/// control that only dispatches.
pub fn send<E>(state: &UseReducerHandle<EditorState>, action: Action) -> Callback<E> {
    let state = state.clone();
    Callback::from(move |_| state.dispatch(action.clone()))
}
