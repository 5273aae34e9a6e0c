//! Pointer gestures on the map as a small state machine: what pressing selects and which
//! gesture it starts, how moving the pointer changes it, and what letting go does. The
//! canvas feeds it screen points; everything it decides is tested here.

use crate::core::edit::{new_link, Edit};
use crate::core::editor::{hit, link_end_at, Hit, Selection, Viewport};
use crate::core::model::{Case, Polarity};

/// A gesture in progress.
#[derive(Clone, Debug, PartialEq)]
pub enum Gesture {
    /// Panning the map from a screen point with the viewport at that moment.
    Pan {
        /// Where the pointer went down (screen).
        start: (f64, f64),
        /// The viewport then.
        viewport: Viewport,
    },
    /// Moving factors; `offset` is the world distance so far.
    Move {
        /// The factors that move.
        ids: Vec<String>,
        /// Where the pointer went down (world).
        start: (f64, f64),
        /// How far they moved (world).
        offset: (f64, f64),
    },
    /// Drawing a new link from a factor to the pointer (world).
    Link {
        /// The factor it starts from.
        from: String,
        /// Where the pointer is.
        to: (f64, f64),
    },
    /// Drawing a selection box between two world points.
    Select {
        /// The first corner.
        start: (f64, f64),
        /// The corner under the pointer.
        to: (f64, f64),
    },
    /// Two fingers pinching: zoom and pan together.
    Pinch {
        /// The fingers' midpoint when the pinch began (screen).
        start_mid: (f64, f64),
        /// Their distance then.
        start_gap: f64,
        /// The viewport then.
        viewport: Viewport,
    },
}

/// The keys held while pressing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    /// Shift: add to or take from the selection, or draw a selection box.
    pub shift: bool,
    /// Alt: draw a link from a factor.
    pub alt: bool,
}

/// What pressing the pointer does: the selection it makes (if it changes) and the
/// gesture that starts (none for a click on a link).
#[derive(Clone, Debug, PartialEq)]
pub struct Pressed {
    /// What was under the pointer.
    pub hit: Hit,
    /// The new selection, when pressing changes it.
    pub selection: Option<Selection>,
    /// The gesture that follows the pointer until it is let go.
    pub gesture: Option<Gesture>,
}

/// Pressing the pointer at screen point `screen`.
pub fn press(case: &Case, selection: &Selection, viewport: Viewport, screen: (f64, f64), keys: Keys) -> Pressed {
    let world = viewport.to_world(screen);
    let hit = hit(case, selection, viewport.scale, world);
    let (selection, gesture) = match &hit {
        Hit::Handle(id) => (None, Some(Gesture::Link { from: id.clone(), to: world })),
        Hit::Factor(id) if keys.alt => (None, Some(Gesture::Link { from: id.clone(), to: world })),
        Hit::Factor(id) if keys.shift => {
            let mut next = selection.clone();
            next.toggle_factor(id);
            let gesture = next.factors.contains(id).then(|| Gesture::Move {
                ids: next.factors.clone(),
                start: world,
                offset: (0.0, 0.0),
            });
            (Some(next), gesture)
        }
        Hit::Factor(id) => {
            let already = selection.factors.contains(id);
            let ids = if already { selection.factors.clone() } else { vec![id.clone()] };
            let next = (!already).then(|| Selection::factor(id));
            (next, Some(Gesture::Move { ids, start: world, offset: (0.0, 0.0) }))
        }
        Hit::Link(id) if keys.shift => {
            let mut next = selection.clone();
            next.toggle_link(id);
            (Some(next), None)
        }
        Hit::Link(id) => (Some(Selection::link(id)), None),
        Hit::Background if keys.shift => (None, Some(Gesture::Select { start: world, to: world })),
        Hit::Background => {
            let cleared = (!selection.is_empty()).then(Selection::default);
            (cleared, Some(Gesture::Pan { start: screen, viewport }))
        }
    };
    Pressed { hit, selection, gesture }
}

/// A second finger touching down at `second` while the first is at `first`: a pinch
/// replaces whatever the first finger was doing.
pub fn pinch(viewport: Viewport, first: (f64, f64), second: (f64, f64)) -> Gesture {
    Gesture::Pinch { start_mid: midpoint(first, second), start_gap: gap(first, second), viewport }
}

fn midpoint(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
}

fn gap(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

impl Gesture {
    /// The gesture after the pointer moved to screen point `screen`, and the viewport it
    /// shows when it pans. `fingers` are both touch points during a pinch.
    pub fn moved(
        &self,
        viewport: Viewport,
        screen: (f64, f64),
        fingers: Option<((f64, f64), (f64, f64))>,
    ) -> (Gesture, Option<Viewport>) {
        let world = viewport.to_world(screen);
        match self {
            Gesture::Pan { start, viewport: then } => {
                (self.clone(), Some(then.panned(screen.0 - start.0, screen.1 - start.1)))
            }
            Gesture::Move { ids, start, .. } => (
                Gesture::Move { ids: ids.clone(), start: *start, offset: (world.0 - start.0, world.1 - start.1) },
                None,
            ),
            Gesture::Link { from, .. } => (Gesture::Link { from: from.clone(), to: world }, None),
            Gesture::Select { start, .. } => (Gesture::Select { start: *start, to: world }, None),
            Gesture::Pinch { start_mid, start_gap, viewport: then } => {
                let shown = fingers.map(|(a, b)| then.pinched(*start_mid, *start_gap, midpoint(a, b), gap(a, b)));
                (self.clone(), shown)
            }
        }
    }

    /// What letting go does.
    pub fn released(&self, case: &Case, selection: &Selection) -> Released {
        match self {
            Gesture::Move { ids, offset, .. } if offset.0.abs() + offset.1.abs() > 0.5 => {
                let moves = case
                    .factors
                    .iter()
                    .filter(|f| ids.contains(&f.id))
                    .map(|f| (f.id.clone(), (f.x + offset.0).round(), (f.y + offset.1).round()))
                    .collect();
                Released::Edit(Edit::MoveFactors(moves), None)
            }
            Gesture::Link { from, to } => match link_end_at(case, from, *to) {
                Some(target) => {
                    let link = new_link(case, from, &target.id, Polarity::Positive, None);
                    let selected = Selection::link(&link.id);
                    Released::Edit(Edit::AddLink(link), Some(selected))
                }
                None => Released::NoLinkEnd,
            },
            Gesture::Select { start, to } => Released::Select(selection.with_box(case, *start, *to)),
            _ => Released::Nothing,
        }
    }
}

/// The outcome of letting go.
#[derive(Clone, Debug, PartialEq)]
pub enum Released {
    /// Apply this edit, then select this (when given).
    Edit(Edit, Option<Selection>),
    /// Select this.
    Select(Selection),
    /// A link was let go where there is no other factor: nothing is drawn.
    NoLinkEnd,
    /// Nothing changes.
    Nothing,
}

/// Screen distance within which a second tap counts as a double tap.
const DOUBLE_TAP_REACH: f64 = 24.0;
/// Time within which a second tap counts as a double tap (ms).
const DOUBLE_TAP_MS: f64 = 400.0;

/// Whether a tap at `point` and `time` (ms) follows the previous tap closely enough to
/// be a double tap — what a double-click is on a touch screen.
pub fn is_double_tap(previous: Option<((f64, f64), f64)>, point: (f64, f64), time: f64) -> bool {
    previous.is_some_and(|(at, then)| time - then <= DOUBLE_TAP_MS && gap(at, point) <= DOUBLE_TAP_REACH)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::editor::hit::handle_of;
    use crate::core::geometry::link_curve;
    use crate::core::model::{Factor, FactorKind, Link};

    fn case() -> Case {
        let factor = |id: &str, x: f64| Factor { x, y: 0.0, ..Factor::new(id, "Schulden", FactorKind::Schuld) };
        Case {
            factors: vec![factor("a", 0.0), factor("b", 400.0), factor("c", 800.0)],
            links: vec![Link::new("l1", "a", "b", Polarity::Positive)],
            ..Case::default()
        }
    }

    const PLAIN: Keys = Keys { shift: false, alt: false };
    const ALT: Keys = Keys { shift: false, alt: true };
    const SHIFT: Keys = Keys { shift: true, alt: false };

    fn at_scale_one() -> Viewport {
        Viewport { x: 0.0, y: -100.0, scale: 1.0 }
    }

    fn screen(world: (f64, f64)) -> (f64, f64) {
        at_scale_one().to_screen(world)
    }

    #[test]
    fn pressing_a_factor_selects_it_and_dragging_moves_it() {
        let case = case();
        let pressed = press(&case, &Selection::default(), at_scale_one(), screen((0.0, 0.0)), PLAIN);
        assert_eq!(pressed.selection, Some(Selection::factor("a")));
        let gesture = pressed.gesture.expect("a move");
        let (gesture, shown) = gesture.moved(at_scale_one(), screen((30.0, 20.0)), None);
        assert!(shown.is_none());
        let Released::Edit(Edit::MoveFactors(moves), None) = gesture.released(&case, &Selection::factor("a")) else {
            panic!("a move");
        };
        assert_eq!(moves, [("a".to_string(), 30.0, 20.0)]);
    }

    #[test]
    fn a_click_without_moving_moves_nothing() {
        let case = case();
        let pressed = press(&case, &Selection::default(), at_scale_one(), screen((0.0, 0.0)), PLAIN);
        assert_eq!(pressed.gesture.expect("a move").released(&case, &Selection::default()), Released::Nothing);
    }

    #[test]
    fn dragging_a_selected_factor_moves_the_whole_selection() {
        let case = case();
        let both = Selection { factors: vec!["a".into(), "c".into()], links: vec![] };
        let pressed = press(&case, &both, at_scale_one(), screen((800.0, 0.0)), PLAIN);
        assert_eq!(pressed.selection, None, "the selection stays");
        let (gesture, _) = pressed.gesture.expect("a move").moved(at_scale_one(), screen((810.0, 0.0)), None);
        let Released::Edit(Edit::MoveFactors(moves), _) = gesture.released(&case, &both) else { panic!("a move") };
        assert_eq!(moves.len(), 2);
    }

    #[test]
    fn alt_drag_or_the_handle_draws_a_link_to_the_factor_let_go_on() {
        let case = case();
        for (selection, start, keys) in [
            (Selection::default(), (0.0, 0.0), ALT),
            (Selection::factor("a"), handle_of(&case.factors[0], 1.0).0, PLAIN),
        ] {
            let pressed = press(&case, &selection, at_scale_one(), screen(start), keys);
            assert_eq!(pressed.gesture, Some(Gesture::Link { from: "a".into(), to: start }));
            let (gesture, _) = pressed.gesture.expect("link").moved(at_scale_one(), screen((790.0, 10.0)), None);
            let Released::Edit(Edit::AddLink(link), Some(selected)) = gesture.released(&case, &selection) else {
                panic!("a link")
            };
            assert_eq!((link.from.as_str(), link.to.as_str(), link.polarity), ("a", "c", Polarity::Positive));
            assert_eq!(selected, Selection::link(&link.id));
        }
    }

    #[test]
    fn a_link_let_go_on_nothing_or_on_its_start_draws_nothing() {
        let case = case();
        let gesture = Gesture::Link { from: "a".into(), to: (200.0, 300.0) };
        assert_eq!(gesture.released(&case, &Selection::default()), Released::NoLinkEnd);
        let gesture = Gesture::Link { from: "a".into(), to: (5.0, 0.0) };
        assert_eq!(gesture.released(&case, &Selection::default()), Released::NoLinkEnd);
    }

    #[test]
    fn pressing_a_link_selects_it_and_starts_nothing() {
        let case = case();
        let badge = link_curve(&case.factors[0], &case.factors[1], 0.0).badge;
        let pressed = press(&case, &Selection::factor("c"), at_scale_one(), screen(badge), PLAIN);
        assert_eq!(pressed.hit, Hit::Link("l1".into()));
        assert_eq!(pressed.selection, Some(Selection::link("l1")));
        assert_eq!(pressed.gesture, None);
        let added = press(&case, &Selection::factor("c"), at_scale_one(), screen(badge), SHIFT);
        assert_eq!(added.selection, Some(Selection { factors: vec!["c".into()], links: vec!["l1".into()] }));
    }

    #[test]
    fn the_background_pans_or_with_shift_draws_a_box() {
        let case = case();
        let empty = (400.0, 300.0);
        let pressed = press(&case, &Selection::factor("a"), at_scale_one(), screen(empty), PLAIN);
        assert_eq!(pressed.selection, Some(Selection::default()), "a click on the background clears");
        let (_, shown) =
            pressed.gesture.expect("pan").moved(at_scale_one(), (screen(empty).0 + 50.0, screen(empty).1), None);
        assert_eq!(shown.expect("pans").x, at_scale_one().x - 50.0);

        let pressed = press(&case, &Selection::default(), at_scale_one(), screen((-100.0, -100.0)), SHIFT);
        let (gesture, _) = pressed.gesture.expect("box").moved(at_scale_one(), screen((450.0, 100.0)), None);
        let Released::Select(selection) = gesture.released(&case, &Selection::default()) else { panic!("a box") };
        assert_eq!(selection.factors, ["a", "b"]);
        assert_eq!(selection.links, ["l1"]);
    }

    #[test]
    fn a_pinch_zooms_around_the_fingers() {
        let viewport = at_scale_one();
        let gesture = pinch(viewport, (100.0, 100.0), (200.0, 100.0));
        let (_, shown) = gesture.moved(viewport, (0.0, 0.0), Some(((50.0, 100.0), (250.0, 100.0))));
        let shown = shown.expect("zooms");
        assert!((shown.scale - 2.0).abs() < 1e-12);
        let anchor = viewport.to_world((150.0, 100.0));
        let now = shown.to_world((150.0, 100.0));
        assert!((anchor.0 - now.0).abs() < 1e-9 && (anchor.1 - now.1).abs() < 1e-9);
    }

    #[test]
    fn double_taps_are_close_in_time_and_place() {
        assert!(is_double_tap(Some(((10.0, 10.0), 1000.0)), (20.0, 15.0), 1300.0));
        assert!(!is_double_tap(Some(((10.0, 10.0), 1000.0)), (20.0, 15.0), 1500.0));
        assert!(!is_double_tap(Some(((10.0, 10.0), 1000.0)), (80.0, 15.0), 1100.0));
        assert!(!is_double_tap(None, (20.0, 15.0), 1300.0));
    }
}
