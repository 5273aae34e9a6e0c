//! What a pointer is over on the map: a selected factor's link handle, a factor, a link
//! (its line or its sign badge) or the empty background. Handles and factors are drawn
//! over links, so they win.

use crate::core::editor::Selection;
use crate::core::geometry::{factor_width, link_bends, link_curve, FACTOR_HEIGHT};
use crate::core::model::{Case, Factor};

/// The radius of a factor's link handle on screen, in CSS pixels: a 24 × 24 px target
/// at least (WCAG 2.2, 2.5.8), whatever the zoom.
pub const HANDLE_RADIUS_PX: f64 = 12.0;
/// How close to a link's line a pointer counts as on it, in CSS pixels: a 24 px wide
/// band, as wide as the invisible hit stroke the canvas draws along every link.
const LINK_REACH_PX: f64 = 12.0;
/// The radius of a link's sign badge in world units (drawn by the canvas): 24 px across
/// at full size; when zoomed out the badge still takes a 24 px target.
pub const BADGE_RADIUS: f64 = 12.0;

/// What is under the pointer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hit {
    /// The link handle of a selected factor: dragging it draws a link.
    Handle(String),
    /// A factor.
    Factor(String),
    /// A link.
    Link(String),
    /// Nothing: the background.
    Background,
}

/// The factor under a world point, topmost (last drawn) first.
pub fn factor_at(factors: &[Factor], (x, y): (f64, f64)) -> Option<&Factor> {
    factors
        .iter()
        .rev()
        .find(|f| (f.x - x).abs() <= factor_width(&f.label) / 2.0 && (f.y - y).abs() <= FACTOR_HEIGHT / 2.0)
}

/// Where the link handle of `factor` is drawn, in world units, and its radius there,
/// at zoom `scale`: on the right edge of the box, never smaller on screen than
/// [`HANDLE_RADIUS_PX`].
pub fn handle_of(factor: &Factor, scale: f64) -> ((f64, f64), f64) {
    let radius = HANDLE_RADIUS_PX / scale.max(f64::EPSILON);
    ((factor.x + factor_width(&factor.label) / 2.0, factor.y), radius)
}

/// The factor at the end of a link being drawn: the one under `point`, unless it is the
/// factor the link starts from (letting go where one started draws nothing).
pub fn link_end_at<'a>(case: &'a Case, from: &str, point: (f64, f64)) -> Option<&'a Factor> {
    factor_at(&case.factors, point).filter(|factor| factor.id != from)
}

/// What is under world point `point` at zoom `scale`, with `selection` showing the
/// handles of its factors.
pub fn hit(case: &Case, selection: &Selection, scale: f64, point: (f64, f64)) -> Hit {
    let within = |(cx, cy): (f64, f64), radius: f64| (point.0 - cx).hypot(point.1 - cy) <= radius;
    let handle = case.factors.iter().rev().filter(|f| selection.factors.contains(&f.id)).find(|factor| {
        let (centre, radius) = handle_of(factor, scale);
        within(centre, radius)
    });
    if let Some(factor) = handle {
        return Hit::Handle(factor.id.clone());
    }
    if let Some(factor) = factor_at(&case.factors, point) {
        return Hit::Factor(factor.id.clone());
    }
    let reach = LINK_REACH_PX / scale.max(f64::EPSILON);
    let bends = link_bends(case);
    let nearest = case
        .links
        .iter()
        .zip(bends)
        .filter_map(|(link, bend)| {
            let curve = link_curve(case.factor(&link.from)?, case.factor(&link.to)?, bend);
            let on_badge = within(curve.badge, BADGE_RADIUS.max(HANDLE_RADIUS_PX / scale.max(f64::EPSILON)));
            let distance = if on_badge { 0.0 } else { curve.distance_to(point) };
            (distance <= reach).then_some((distance, link))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0));
    match nearest {
        Some((_, link)) => Hit::Link(link.id.clone()),
        None => Hit::Background,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::geometry::link_curve;
    use crate::core::model::{FactorKind, Link, Polarity};

    fn case() -> Case {
        let factor = |id: &str, x: f64| Factor { x, y: 0.0, ..Factor::new(id, "Schulden", FactorKind::Schuld) };
        Case {
            factors: vec![factor("a", 0.0), factor("b", 400.0)],
            links: vec![Link::new("l1", "a", "b", Polarity::Positive), Link::new("l2", "a", "b", Polarity::Negative)],
            ..Case::default()
        }
    }

    #[test]
    fn factors_win_over_links_and_background() {
        let case = case();
        let none = Selection::default();
        assert_eq!(hit(&case, &none, 1.0, (10.0, 5.0)), Hit::Factor("a".into()));
        assert_eq!(hit(&case, &none, 1.0, (200.0, -300.0)), Hit::Background);
    }

    #[test]
    fn a_link_is_hit_on_its_line_and_on_its_badge() {
        let case = case();
        let none = Selection::default();
        let (a, b) = (&case.factors[0], &case.factors[1]);
        let first = link_curve(a, b, 0.0);
        let second = link_curve(a, b, 1.0);
        assert_eq!(hit(&case, &none, 1.0, first.badge), Hit::Link("l1".into()));
        assert_eq!(hit(&case, &none, 1.0, second.badge), Hit::Link("l2".into()), "parallel links are told apart");
        let on_line = first.point_at(0.3);
        assert_eq!(hit(&case, &none, 1.0, (on_line.0, on_line.1 + 3.0)), Hit::Link("l1".into()));
    }

    #[test]
    fn a_badge_is_a_24px_target_when_zoomed_out() {
        let case = case();
        let badge = link_curve(&case.factors[0], &case.factors[1], 0.0).badge;
        let none = Selection::default();
        // 11 px on screen from the centre at a quarter of full size.
        let scale = 0.25;
        assert_eq!(hit(&case, &none, scale, (badge.0, badge.1 - 11.0 / scale)), Hit::Link("l1".into()));
    }

    #[test]
    fn the_handle_of_a_selected_factor_is_a_24px_target_at_any_zoom() {
        let case = case();
        let selected = Selection { factors: vec!["a".into()], links: vec![] };
        for scale in [0.5, 1.0, 2.5] {
            let (centre, radius) = handle_of(&case.factors[0], scale);
            assert!(radius * scale >= 12.0 - 1e-9);
            // Its centre and a point just outside the factor box both grab the handle.
            assert_eq!(hit(&case, &selected, scale, centre), Hit::Handle("a".into()));
            assert_eq!(hit(&case, &selected, scale, (centre.0 + 10.0 / scale, centre.1)), Hit::Handle("a".into()));
        }
        assert_eq!(hit(&case, &Selection::default(), 1.0, handle_of(&case.factors[0], 1.0).0), Hit::Factor("a".into()));
    }

    #[test]
    fn a_link_ends_on_another_factor_only() {
        let case = case();
        assert_eq!(link_end_at(&case, "a", (400.0, 0.0)).map(|f| f.id.as_str()), Some("b"));
        assert!(link_end_at(&case, "a", (0.0, 0.0)).is_none(), "let go on the start factor");
        assert!(link_end_at(&case, "a", (200.0, 200.0)).is_none());
    }
}
