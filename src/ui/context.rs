//! The editor context: the reducer handle plus what is derived from the case (the live
//! analysis), shared with every component through [`use_editor`] (and handed to the parts
//! that are plain functions as `&Editor`), so nothing recomputes it.

use crate::core::analysis::{Analysis, AnalysisOptions};
use crate::core::edit::Edit;
use crate::core::lang::Lang;
use crate::core::model::{MandateLevel, Target};
use crate::core::rules::schema::Rule;
use crate::core::rules::Library;
use crate::ui::state::{Action, EditorState};
use std::rc::Rc;
use yew::prelude::*;

/// What every part of the screen can reach.
#[derive(Clone)]
pub struct Editor {
    /// The state and its dispatcher. It always reads the newest state, even from an old
    /// `Editor`: compare `version` to tell renders apart.
    pub state: UseReducerHandle<EditorState>,
    /// The state's version when this `Editor` was made.
    pub version: u64,
    /// The newest analysis that arrived (see `ui::hooks::analysis`: while the analysis of
    /// the present case is being made, the one before it).
    pub analysis: Rc<Analysis>,
    /// The bounds it was computed with.
    pub options: AnalysisOptions,
    /// The rules library (built-in plus the user's own rules).
    pub library: Rc<Library>,
}

impl PartialEq for Editor {
    /// Every action makes a new state version: comparing versions spares a deep
    /// comparison of the whole undo history on every render.
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version
            && Rc::ptr_eq(&self.analysis, &other.analysis)
            && Rc::ptr_eq(&self.library, &other.library)
    }
}

impl Editor {
    /// Sends an action to the state.
    pub fn dispatch(&self, action: Action) {
        self.state.dispatch(action);
    }

    fn lang(&self) -> Lang {
        self.state.lang
    }

    /// A callback that applies `change` to a copy of `item` and, when that changes it,
    /// dispatches `edit(copy)` as made from `edit(item)`: how every field of a factor or
    /// link is edited. The state applies only the changed fields to the item as it is
    /// then, so a copy made before another tab's version arrived undoes nothing of it.
    pub fn update<T, V>(&self, item: &T, change: fn(&mut T, &V), edit: fn(T) -> Edit) -> Callback<V>
    where
        T: Clone + PartialEq + 'static,
        V: 'static,
    {
        let state = self.state.clone();
        let item = item.clone();
        Callback::from(move |value: V| {
            let mut next = item.clone();
            change(&mut next, &value);
            if next != item {
                state.dispatch(Action::EditFrom { before: edit(item.clone()), after: edit(next) });
            }
        })
    }

    /// The display name of a sector id (the id itself for a sector the library lacks).
    pub fn sector_name(&self, id: &str) -> String {
        match self.library.sector(id) {
            Some(sector) => self.lang().pick(&sector.name_nl, &sector.name_en).to_string(),
            None => id.to_string(),
        }
    }

    /// The display name of a mandate level ("college van B&W / wethouder").
    pub fn level_name(&self, level: MandateLevel) -> String {
        match self.library.mandate_level(level) {
            Some(info) => self.lang().pick(&info.name_nl, &info.name_en).to_string(),
            None => level.to_string(),
        }
    }

    /// The display name of a breakthrough instrument.
    pub fn instrument_name(&self, id: &str) -> String {
        match self.library.instrument(id) {
            Some(instrument) => self.lang().pick(&instrument.name_nl, &instrument.name_en).to_string(),
            None => id.to_string(),
        }
    }

    /// The display name of a rule.
    pub fn rule_name(&self, id: &str) -> String {
        match self.library.rule(id) {
            Some(rule) => self.lang().pick(&rule.name_nl, &rule.name_en).to_string(),
            None => id.to_string(),
        }
    }

    /// The library rule behind an intervention's target: the rule of a link, none for a factor.
    pub fn rule_behind(&self, target: &Target) -> Option<&Rule> {
        match target {
            Target::Link(id) => {
                self.state.case().link(id).and_then(|l| l.rule.as_deref()).and_then(|r| self.library.rule(r))
            }
            Target::Factor(_) => None,
        }
    }

    /// Sector ids with their display names, in library order.
    pub fn sector_choices(&self) -> Vec<(String, String)> {
        self.library
            .sectors()
            .iter()
            .map(|s| (s.id.clone(), self.lang().pick(&s.name_nl, &s.name_en).to_string()))
            .collect()
    }

    /// Rule ids with their display names, in library order.
    pub fn rule_choices(&self) -> Vec<(String, String)> {
        self.library
            .rules()
            .iter()
            .map(|r| (r.id.clone(), self.lang().pick(&r.name_nl, &r.name_en).to_string()))
            .collect()
    }
}

/// The editor context of the surrounding [`crate::ui::app::App`].
#[hook]
pub fn use_editor() -> Editor {
    use_context::<Editor>().expect("every component is rendered inside App, which provides the editor")
}
