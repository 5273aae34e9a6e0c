//! Map geometry: how big a factor is drawn, its outline per kind, and where a link
//! leaves and enters it. Pure functions, so the canvas only draws.

use crate::core::model::{Case, Factor, FactorKind};
use crate::core::number::Fixed;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Height of a factor box in world units.
pub const FACTOR_HEIGHT: f64 = 48.0;

/// Width of the factor box for `label` (long labels wrap into two lines).
pub fn factor_width(label: &str) -> f64 {
    let chars = label.chars().count() as f64;
    let per_line = if chars > 22.0 { (chars / 2.0).ceil() } else { chars };
    (per_line * 8.8 + 34.0).clamp(96.0, 300.0)
}

/// The label split into at most two lines that fit the box.
pub fn label_lines(label: &str) -> Vec<String> {
    let chars = label.chars().count();
    if chars <= 22 {
        return vec![label.to_string()];
    }
    let target = chars / 2;
    let mut best = None;
    for (index, (position, ch)) in label.char_indices().enumerate() {
        if ch == ' ' {
            let distance = index.abs_diff(target);
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, position));
            }
        }
    }
    match best {
        Some((_, position)) => vec![label[..position].to_string(), label[position + 1..].to_string()],
        None => vec![label.to_string()],
    }
}

/// The SVG path of a factor's outline, centred on (0, 0): each kind has its own shape.
pub fn outline_path(kind: FactorKind, width: f64) -> String {
    let w = width / 2.0;
    let h = FACTOR_HEIGHT / 2.0;
    let (template, numbers): (&str, &[f64]) = match kind {
        // A pill: life-world situations.
        FactorKind::Situatie => (
            "M#,# h# a#,# 0 0 1 0,# h# a#,# 0 0 1 0,# z",
            &[-w + h, -h, 2.0 * (w - h), h, h, 2.0 * h, -2.0 * (w - h), h, h, -2.0 * h],
        ),
        // A sharp rectangle with a folded corner: a rule on paper.
        FactorKind::Regel => ("M#,# H# L#,# V# H# z", &[-w, -h, w - 12.0, w, -h + 12.0, h, -w]),
        // A hexagon: a debt.
        FactorKind::Schuld => {
            ("M#,0 L#,# H# L#,0 L#,# H# z", &[-w, -w + 14.0, -h, w - 14.0, w, w - 14.0, h, -w + 14.0])
        }
        // A rectangle with notched corners: a gap in care.
        FactorKind::Zorgkloof => {
            let n = 10.0;
            (
                "M#,# H# L#,# V# L#,# H# L#,# V# z",
                &[-w + n, -h, w - n, w, -h + n, h - n, w - n, h, -w + n, -w, h - n, -h + n],
            )
        }
        // A parallelogram: a sectoral decision.
        FactorKind::Besluit => ("M#,# H# L#,# H# z", &[-w + 12.0, -h, w, w - 12.0, h, -w]),
    };
    svg_path(template, numbers)
}

/// Fills each `#` in `template` with the next of `numbers`, to one decimal.
fn svg_path(template: &str, numbers: &[f64]) -> String {
    let mut numbers = numbers.iter();
    let mut path = String::with_capacity(template.len() + 8 * numbers.len());
    for (index, piece) in template.split('#').enumerate() {
        if index > 0 {
            let _ = write!(path, "{}", Fixed(numbers.next().copied().unwrap_or_default(), 1));
        }
        path.push_str(piece);
    }
    path
}

/// The point where the straight line from the centre of `factor` towards `(tx, ty)`
/// leaves its box.
pub fn boundary_point(factor: &Factor, tx: f64, ty: f64) -> (f64, f64) {
    let dx = tx - factor.x;
    let dy = ty - factor.y;
    if dx.abs() < f64::EPSILON && dy.abs() < f64::EPSILON {
        return (factor.x, factor.y);
    }
    let half_w = factor_width(&factor.label) / 2.0 + 4.0;
    let half_h = FACTOR_HEIGHT / 2.0 + 4.0;
    let t = (half_w / dx.abs()).min(half_h / dy.abs());
    (factor.x + dx * t, factor.y + dy * t)
}

/// A link as drawn: a curve from the edge of one factor to the edge of the other, and
/// the point where its sign badge goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinkCurve {
    /// The Bézier control points: three for a quadratic curve between two factors, four
    /// (cubic) for a self-loop.
    points: [(f64, f64); 4],
    cubic: bool,
    /// Where the sign badge is drawn.
    pub badge: (f64, f64),
}

impl LinkCurve {
    /// The SVG path.
    pub fn path(&self) -> String {
        let [a, b, c, d] = self.points;
        if self.cubic {
            svg_path("M#,# C#,# #,# #,#", &[a.0, a.1, b.0, b.1, c.0, c.1, d.0, d.1])
        } else {
            svg_path("M#,# Q#,# #,#", &[a.0, a.1, b.0, b.1, c.0, c.1])
        }
    }

    /// The point at `t` ∈ [0, 1] along the curve.
    pub fn point_at(&self, t: f64) -> (f64, f64) {
        let [a, b, c, d] = self.points;
        let u = 1.0 - t;
        let mix = |p: [f64; 4]| {
            if self.cubic {
                u * u * u * p[0] + 3.0 * u * u * t * p[1] + 3.0 * u * t * t * p[2] + t * t * t * p[3]
            } else {
                u * u * p[0] + 2.0 * u * t * p[1] + t * t * p[2]
            }
        };
        (mix([a.0, b.0, c.0, d.0]), mix([a.1, b.1, c.1, d.1]))
    }

    /// The distance from `point` to the curve (sampled finely enough for hit testing).
    pub fn distance_to(&self, point: (f64, f64)) -> f64 {
        const STEPS: u32 = 32;
        let samples: Vec<(f64, f64)> = (0..=STEPS).map(|i| self.point_at(f64::from(i) / f64::from(STEPS))).collect();
        samples.windows(2).map(|pair| segment_distance(point, pair[0], pair[1])).fold(f64::INFINITY, f64::min)
    }
}

/// The distance from `p` to the segment from `a` to `b`.
fn segment_distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length2 = dx * dx + dy * dy;
    let t = if length2 == 0.0 { 0.0 } else { (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length2).clamp(0.0, 1.0) };
    ((p.0 - a.0 - t * dx).powi(2) + (p.1 - a.1 - t * dy).powi(2)).sqrt()
}

/// The curve of a link. `bend` separates parallel links (0 for the first, then 1, 2 …);
/// a self-loop draws a small arc above the factor.
pub fn link_curve(from: &Factor, to: &Factor, bend: f64) -> LinkCurve {
    if from.id == to.id {
        let w = factor_width(&from.label) / 2.0;
        let (x, y) = (from.x + w * 0.4, from.y - FACTOR_HEIGHT / 2.0 - 2.0);
        let lift = 46.0 + 14.0 * bend.abs();
        return LinkCurve {
            points: [(x, y), (x + 30.0, y - lift), (x - 60.0, y - lift), (x - 30.0, y)],
            cubic: true,
            badge: (x - 15.0, y - lift * 0.78),
        };
    }
    let (mx, my) = ((from.x + to.x) / 2.0, (from.y + to.y) / 2.0);
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let length = (dx * dx + dy * dy).sqrt().max(1.0);
    // Every link bends a little to its right, so A→B and B→A never overlap.
    let offset = 18.0 + 26.0 * bend;
    let (cx, cy) = (mx - dy / length * offset, my + dx / length * offset);
    let (sx, sy) = boundary_point(from, cx, cy);
    let (ex, ey) = boundary_point(to, cx, cy);
    let badge = (0.25 * sx + 0.5 * cx + 0.25 * ex, 0.25 * sy + 0.5 * cy + 0.25 * ey);
    LinkCurve { points: [(sx, sy), (cx, cy), (ex, ey), (ex, ey)], cubic: false, badge }
}

/// The bend of every link of `case`, in link order: 0 for the first link between an
/// ordered pair of factors, 1 for the second, and so on, so parallel links fan out.
pub fn link_bends(case: &Case) -> Vec<f64> {
    let mut seen: HashMap<(&str, &str), u32> = HashMap::new();
    case.links
        .iter()
        .map(|link| {
            let count = seen.entry((link.from.as_str(), link.to.as_str())).or_insert(0);
            let bend = f64::from(*count);
            *count += 1;
            bend
        })
        .collect()
}

/// The point at `angle` (radians from the x axis, clockwise on screen) on the circle
/// around `centre` with `radius`.
pub fn on_circle(centre: (f64, f64), radius: f64, angle: f64) -> (f64, f64) {
    let (sin, cos) = angle.sin_cos();
    (centre.0 + radius * cos, centre.1 + radius * sin)
}

/// The smallest box around all factors: `(min_x, min_y, max_x, max_y)`.
pub fn bounds(factors: &[Factor]) -> Option<(f64, f64, f64, f64)> {
    factors.iter().fold(None, |acc, factor| {
        let w = factor_width(&factor.label) / 2.0;
        let h = FACTOR_HEIGHT / 2.0;
        let (x0, y0, x1, y1) = (factor.x - w, factor.y - h, factor.x + w, factor.y + h);
        Some(match acc {
            None => (x0, y0, x1, y1),
            Some((a, b, c, d)) => (f64::min(a, x0), f64::min(b, y0), f64::max(c, x1), f64::max(d, y1)),
        })
    })
}

/// The factors whose centre lies in the box spanned by two corners (in any order): what
/// a selection box drawn from `a` to `b` takes in.
pub fn centres_within(factors: &[Factor], a: (f64, f64), b: (f64, f64)) -> impl Iterator<Item = &Factor> {
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    factors.iter().filter(move |f| (x0..=x1).contains(&f.x) && (y0..=y1).contains(&f.y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::FRAC_PI_2;

    #[test]
    fn a_selection_box_takes_the_factors_whose_centre_it_covers() {
        let factors = [factor("a", 0.0, 0.0), factor("b", 100.0, 50.0), factor("c", 300.0, 50.0)];
        let ids = |a, b| centres_within(&factors, a, b).map(|f| f.id.as_str()).collect::<Vec<_>>();
        assert_eq!(ids((-10.0, -10.0), (150.0, 60.0)), ["a", "b"]);
        assert_eq!(ids((150.0, 60.0), (-10.0, -10.0)), ["a", "b"], "corners in any order");
        assert_eq!(ids((100.0, 50.0), (300.0, 50.0)), ["b", "c"], "edges count");
        assert!(ids((10.0, 10.0), (20.0, 20.0)).is_empty());
    }

    #[test]
    fn points_on_a_circle_start_at_the_x_axis_and_turn_clockwise_on_screen() {
        let right = on_circle((100.0, 50.0), 10.0, 0.0);
        assert_eq!(right, (110.0, 50.0));
        let top = on_circle((100.0, 50.0), 10.0, -FRAC_PI_2);
        assert!((top.0 - 100.0).abs() < 1e-12 && (top.1 - 40.0).abs() < 1e-12, "{top:?}");
        let below = on_circle((0.0, 0.0), 2.0, FRAC_PI_2);
        assert!(below.0.abs() < 1e-12 && (below.1 - 2.0).abs() < 1e-12, "{below:?}");
    }

    fn factor(id: &str, x: f64, y: f64) -> Factor {
        Factor {
            id: id.into(),
            label: "Schulden".into(),
            kind: FactorKind::Schuld,
            x,
            y,
            note: String::new(),
            fixed: false,
        }
    }

    #[test]
    fn long_labels_wrap_at_a_space_near_the_middle() {
        assert_eq!(label_lines("kort"), vec!["kort"]);
        let lines = label_lines("angst voor handhaving door de gemeente");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines.join(" "), "angst voor handhaving door de gemeente");
    }

    #[test]
    fn boundary_point_lies_on_the_box_edge() {
        let f = factor("a", 0.0, 0.0);
        let (x, y) = boundary_point(&f, 1000.0, 0.0);
        assert!((x - (factor_width("Schulden") / 2.0 + 4.0)).abs() < 1e-9);
        assert_eq!(y, 0.0);
    }

    #[test]
    fn bounds_cover_every_factor() {
        let (x0, _, x1, _) = bounds(&[factor("a", 0.0, 0.0), factor("b", 300.0, 50.0)]).expect("two factors");
        assert!(x0 < 0.0 && x1 > 300.0);
        assert!(bounds(&[]).is_none());
    }
}
