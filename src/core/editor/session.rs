//! The stored-case session of one tab, as a pure state machine: which stored case is on
//! screen at which revision, what storage holds of it, the change not yet saved, and
//! whether changes are saved, kept for later, held in a conflict or not saved at all. The
//! UI's storage hook runs the effects (IndexedDB, timers, other tabs) around it.

use crate::core::model::Case;
use std::rc::Rc;

/// What the session does with a change of the case.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Starting, or waiting for the passphrase: a change is kept until the cases load.
    #[default]
    Waiting,
    /// Saving every change.
    Saving,
    /// In conflict with another tab: nothing is saved until the user chooses.
    Held,
    /// Storage is unavailable or wiped.
    Off,
}

/// What a change of the case on screen asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// It is what storage holds: nothing to save.
    Unchanged,
    /// Kept until saving can start (the session is waiting).
    Kept,
    /// To be saved soon (start the autosave timer, if none runs).
    SaveSoon,
    /// Not saved: the session is held or off.
    Ignored,
}

/// Another tab saved a case; what that means here.
#[derive(Clone, Debug, PartialEq)]
pub enum Heard {
    /// Another case, or our revision: refresh the list only.
    Elsewhere,
    /// Ours, and this tab has no unsaved change: load theirs.
    Reload,
    /// Ours, while this tab has this unsaved change: hold and let the user choose.
    Conflict(Rc<Case>),
}

/// One tab's stored-case session.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaseSession {
    /// What happens to a change.
    pub mode: Mode,
    /// The stored case on screen, if it has been stored.
    pub id: Option<String>,
    /// The revision this tab last loaded or saved.
    pub revision: u64,
    /// The case as storage holds it, as far as this tab knows.
    pub saved: Option<Rc<Case>>,
    /// A change not yet saved.
    pub pending: Option<Rc<Case>>,
}

impl CaseSession {
    /// A stored case is put on screen: every later change is saved over `revision`.
    pub fn shown(&mut self, id: &str, revision: u64, case: Rc<Case>) {
        self.id = Some(id.to_string());
        self.revision = revision;
        self.saved = Some(case);
        self.pending = None;
        self.mode = Mode::Saving;
    }

    /// Saving starts with nothing stored yet (an empty case on screen).
    pub fn start_empty(&mut self) {
        self.mode = Mode::Saving;
        self.pending = None;
        self.saved = Some(Rc::new(Case::default()));
    }

    /// The case on screen changed to `case`.
    pub fn changed(&mut self, case: Rc<Case>) -> Change {
        if self.saved.as_deref() == Some(case.as_ref()) {
            self.pending = None;
            return Change::Unchanged;
        }
        match self.mode {
            Mode::Saving => {
                self.pending = Some(case);
                Change::SaveSoon
            }
            Mode::Waiting => {
                self.pending = Some(case);
                Change::Kept
            }
            Mode::Held | Mode::Off => Change::Ignored,
        }
    }

    /// The change to save now, if saving is on and there is one.
    pub fn take_pending(&mut self) -> Option<Rc<Case>> {
        if self.mode == Mode::Saving {
            self.pending.take()
        } else {
            None
        }
    }

    /// A change made before the cases loaded, to be stored as a new case (an untouched
    /// empty case is no work).
    pub fn take_early_work(&mut self) -> Option<Rc<Case>> {
        let early = self.pending.take().filter(|case| **case != Case::default());
        if early.is_some() {
            self.mode = Mode::Saving;
        }
        early
    }

    /// `case` was stored as `id` at `revision`.
    pub fn stored(&mut self, id: &str, revision: u64, case: Rc<Case>) {
        self.id = Some(id.to_string());
        self.revision = revision;
        self.saved = Some(case);
    }

    /// Saving `case` failed: keep it, so the next change (or switching cases) tries again.
    pub fn save_failed(&mut self, case: Rc<Case>) {
        self.pending = Some(case);
    }

    /// Another tab stored `revision` over this tab's unsaved `mine`: hold until the user
    /// chooses.
    pub fn hold(&mut self, mine: Rc<Case>) {
        self.mode = Mode::Held;
        self.pending = Some(mine);
    }

    /// Another tab stored case `id` at `revision`.
    pub fn heard_saved(&self, id: &str, revision: u64) -> Heard {
        let ours = self.id.as_deref() == Some(id) && self.revision != revision;
        match (&self.pending, ours) {
            (_, false) => Heard::Elsewhere,
            (Some(mine), true) => Heard::Conflict(mine.clone()),
            (None, true) => Heard::Reload,
        }
    }

    /// The case on screen was deleted and no other is left: an empty, unstored case.
    pub fn deleted_last(&mut self) {
        self.id = None;
        self.revision = 0;
        self.saved = Some(Rc::new(Case::default()));
        self.pending = None;
    }

    /// Locked (the key forgotten): nothing is saved until the passphrase is given.
    pub fn locked(&mut self) {
        self.mode = Mode::Waiting;
        self.pending = None;
        self.id = None;
    }

    /// Storage is gone (unavailable, or wiped): nothing is saved any more.
    pub fn off(&mut self) {
        self.mode = Mode::Off;
        self.pending = None;
        self.id = None;
    }

    /// Whether the own rules may be stored now.
    pub fn saving(&self) -> bool {
        self.mode == Mode::Saving
    }
}

/// The order in which the stored cases are tried when the app opens: the last opened
/// first, then the most recently saved. `stored` holds each case's id and save time; the
/// answer holds indices into it.
pub fn opening_order(last: Option<&str>, stored: &[(&str, f64)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..stored.len()).collect();
    crate::core::sorting::sort_by(&mut order, |&a, &b| stored[b].1.total_cmp(&stored[a].1));
    if let Some(position) = last.and_then(|last| order.iter().position(|&i| stored[i].0 == last)) {
        let first = order.remove(position);
        order.insert(0, first);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Factor, FactorKind};

    fn case(label: &str) -> Rc<Case> {
        Rc::new(Case { factors: vec![Factor::new("f1", label, FactorKind::Schuld)], ..Case::default() })
    }

    #[test]
    fn a_change_while_waiting_is_kept_and_becomes_a_new_case() {
        let mut session = CaseSession::default();
        assert_eq!(session.changed(case("Schulden")), Change::Kept);
        assert_eq!(session.take_pending(), None, "nothing is saved while waiting");
        assert_eq!(session.take_early_work(), Some(case("Schulden")));
        assert_eq!(session.mode, Mode::Saving);
        let mut untouched = CaseSession::default();
        untouched.changed(Rc::new(Case::default()));
        assert_eq!(untouched.take_early_work(), None, "an empty case is no work");
    }

    #[test]
    fn saving_takes_the_change_once_and_knows_what_is_stored() {
        let mut session = CaseSession::default();
        session.shown("c1", 3, case("A"));
        assert_eq!(session.changed(case("A")), Change::Unchanged);
        assert_eq!(session.changed(case("B")), Change::SaveSoon);
        let pending = session.take_pending().expect("a change");
        assert_eq!(session.take_pending(), None);
        session.stored("c1", 4, pending);
        assert_eq!(session.changed(case("B")), Change::Unchanged);
        // A failed save keeps the change for the next try.
        session.changed(case("C"));
        let failed = session.take_pending().expect("a change");
        session.save_failed(failed);
        assert_eq!(session.take_pending(), Some(case("C")));
    }

    #[test]
    fn another_tabs_save_reloads_a_clean_tab_and_holds_a_dirty_one() {
        let mut session = CaseSession::default();
        session.shown("c1", 3, case("A"));
        assert_eq!(session.heard_saved("c2", 9), Heard::Elsewhere);
        assert_eq!(session.heard_saved("c1", 3), Heard::Elsewhere, "our own revision");
        assert_eq!(session.heard_saved("c1", 4), Heard::Reload);
        session.changed(case("B"));
        assert_eq!(session.heard_saved("c1", 4), Heard::Conflict(case("B")));
        session.hold(case("B"));
        assert_eq!(session.changed(case("C")), Change::Ignored, "held: nothing saved until the user chooses");
        assert_eq!(session.take_pending(), None);
    }

    #[test]
    fn locked_and_off_save_nothing() {
        let mut session = CaseSession::default();
        session.shown("c1", 1, case("A"));
        session.locked();
        assert_eq!(session.changed(case("B")), Change::Kept);
        assert_eq!(session.take_pending(), None);
        session.off();
        assert_eq!(session.changed(case("C")), Change::Ignored);
        assert!(!session.saving());
        session.deleted_last();
        assert_eq!((session.id.clone(), session.revision), (None, 0));
    }

    #[test]
    fn the_last_opened_case_opens_first_then_the_most_recent() {
        let stored = [("old", 1.0), ("newest", 3.0), ("last", 2.0)];
        assert_eq!(opening_order(Some("last"), &stored), vec![2, 1, 0]);
        assert_eq!(opening_order(None, &stored), vec![1, 2, 0]);
        assert_eq!(opening_order(Some("deleted"), &stored), vec![1, 2, 0], "a last case that is gone is no case");
        assert_eq!(opening_order(Some("x"), &[]), Vec::<usize>::new());
    }
}
