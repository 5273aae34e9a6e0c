//! Undo and redo: a linear history of snapshots. Every change the user makes is one
//! step; undo walks back, redo forward, and a new change after an undo drops the steps
//! that were undone.

use std::rc::Rc;

/// How many steps are kept; older ones are dropped first.
pub const MAX_STEPS: usize = 500;

/// A linear undo/redo history of shared snapshots.
#[derive(Clone, Debug, PartialEq)]
pub struct History<T> {
    steps: Vec<Rc<T>>,
    current: usize,
}

impl<T> History<T> {
    /// A history whose only step is `initial`.
    pub fn new(initial: T) -> Self {
        History { steps: vec![Rc::new(initial)], current: 0 }
    }

    /// The present state.
    pub fn current(&self) -> &Rc<T> {
        &self.steps[self.current]
    }

    /// Makes `next` the present state, dropping any steps that were undone.
    pub fn push(&mut self, next: T) {
        self.steps.truncate(self.current + 1);
        self.steps.push(Rc::new(next));
        if self.steps.len() > MAX_STEPS {
            self.steps.remove(0);
        }
        self.current = self.steps.len() - 1;
    }

    /// Replaces the present step by `next`, dropping any steps that were undone: `next`
    /// completes the change that made the present step (a new factor's name, typed just
    /// after it was added), so one undo takes both back.
    pub fn amend(&mut self, next: T) {
        self.steps.truncate(self.current + 1);
        self.steps[self.current] = Rc::new(next);
    }

    /// Replaces the present state without adding a step (for loading a case).
    pub fn reset(&mut self, state: T) {
        self.steps = vec![Rc::new(state)];
        self.current = 0;
    }

    /// Steps back; returns false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let possible = self.can_undo();
        if possible {
            self.current -= 1;
        }
        possible
    }

    /// Steps forward; returns false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let possible = self.can_redo();
        if possible {
            self.current += 1;
        }
        possible
    }

    /// Whether [`History::undo`] would change anything.
    pub fn can_undo(&self) -> bool {
        self.current > 0
    }

    /// Whether [`History::redo`] would change anything.
    pub fn can_redo(&self) -> bool {
        self.current + 1 < self.steps.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_redo_and_branching() {
        let mut history = History::new(0);
        history.push(1);
        history.push(2);
        assert!(history.undo());
        assert_eq!(**history.current(), 1);
        assert!(history.redo());
        assert_eq!(**history.current(), 2);
        assert!(!history.redo());
        history.undo();
        history.push(5);
        assert!(!history.can_redo());
        history.undo();
        assert_eq!(**history.current(), 1);
        history.undo();
        assert!(!history.undo());
        assert_eq!(**history.current(), 0);
    }

    #[test]
    fn amending_replaces_the_present_step_and_drops_what_was_undone() {
        let mut history = History::new(0);
        history.push(1);
        history.amend(2);
        assert_eq!(**history.current(), 2);
        assert!(history.undo());
        assert_eq!(**history.current(), 0, "one undo goes back past the amended step");
        history.push(3);
        history.push(4);
        history.undo();
        history.amend(5);
        assert!(!history.can_redo(), "the undone step is gone");
        assert_eq!(**history.current(), 5);
    }

    #[test]
    fn keeps_at_most_max_steps() {
        let mut history = History::new(0);
        for step in 1..=MAX_STEPS + 10 {
            history.push(step);
        }
        let mut undos = 0;
        while history.undo() {
            undos += 1;
        }
        assert_eq!(undos, MAX_STEPS - 1);
    }
}
