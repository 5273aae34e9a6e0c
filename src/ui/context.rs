//! The editor context: the reducer handle plus what is derived from the case (the live
//! analysis), shared with every component through [`use_editor`] so no component
//! recomputes it.

use crate::core::analysis::{Analysis, AnalysisOptions};
use crate::core::model::MandateLevel;
use crate::ui::state::{Action, EditorState};
use std::rc::Rc;
use yew::prelude::*;

/// What every component can reach.
#[derive(Clone)]
pub struct Editor {
    /// The state and its dispatcher.
    pub state: UseReducerHandle<EditorState>,
    /// The analysis of the present case.
    pub analysis: Rc<Analysis>,
    /// The bounds it was computed with.
    pub options: AnalysisOptions,
}

impl PartialEq for Editor {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state && Rc::ptr_eq(&self.analysis, &other.analysis)
    }
}

impl Editor {
    /// Sends an action to the state.
    pub fn dispatch(&self, action: Action) {
        self.state.dispatch(action);
    }

    /// The display name of a sector id.
    pub fn sector_name(&self, id: &str) -> String {
        id.to_string()
    }

    /// The display name of a mandate level.
    pub fn level_name(&self, level: MandateLevel) -> String {
        level.to_string()
    }

    /// The display name of a breakthrough instrument.
    pub fn instrument_name(&self, id: &str) -> String {
        id.to_string()
    }
}

/// The editor context of the surrounding [`crate::ui::app::App`].
#[hook]
pub fn use_editor() -> Editor {
    use_context::<Editor>().expect("every component is rendered inside App, which provides the editor")
}
