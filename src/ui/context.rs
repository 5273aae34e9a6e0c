//! The editor context: the reducer handle plus what is derived from the case, shared
//! with every component through [`use_editor`] so components never rebuild it.

use crate::ui::state::{Action, EditorState};
use yew::prelude::*;

/// What every component can reach.
#[derive(Clone)]
pub struct Editor {
    /// The state and its dispatcher.
    pub state: UseReducerHandle<EditorState>,
}

impl PartialEq for Editor {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
    }
}

impl Editor {
    /// Sends an action to the state.
    pub fn dispatch(&self, action: Action) {
        self.state.dispatch(action);
    }
}

/// The editor context of the surrounding [`crate::ui::app::App`].
#[hook]
pub fn use_editor() -> Editor {
    use_context::<Editor>().expect("every component is rendered inside App, which provides the editor")
}
