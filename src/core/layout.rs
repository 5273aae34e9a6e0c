//! Automatic layout: every strongly connected group of factors (where the loops live)
//! is drawn as a circle in loop order, groups side by side, and the remaining factors
//! next to the factors they touch. Deterministic, so the same case always looks the same.
//!
//! Loops drawn as circles are what case meetings recognise as a vicious cycle; a
//! force-directed layout scatters them.

use crate::core::geometry::{factor_width, on_circle, FACTOR_HEIGHT};
use crate::core::model::Case;
use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use std::f64::consts::TAU;

/// Horizontal room between two circles or columns.
const GAP: f64 = 120.0;

/// The free room [`overlaps`] asks for around every factor box, in world units.
pub const MARGIN: f64 = 20.0;

/// New positions `(factor id, x, y)` for every factor of `case`.
///
/// # Complexity
/// O(V + E) for the groups plus O(V²) for placing the factors outside loops, which is
/// instant for case-sized maps (hundreds of factors).
pub fn arrange(case: &Case) -> Vec<(String, f64, f64)> {
    let n = case.factors.len();
    let mut graph = DiGraph::<usize, ()>::with_capacity(n, case.links.len());
    let nodes: Vec<_> = (0..n).map(|i| graph.add_node(i)).collect();
    let mut successors = vec![Vec::new(); n];
    let mut neighbours = vec![Vec::new(); n];
    for link in &case.links {
        if let (Some(from), Some(to)) = (case.factor_index(&link.from), case.factor_index(&link.to)) {
            graph.add_edge(nodes[from], nodes[to], ());
            successors[from].push(to);
            neighbours[from].push(to);
            neighbours[to].push(from);
        }
    }
    let mut groups: Vec<Vec<usize>> = tarjan_scc(&graph)
        .into_iter()
        .map(|component| {
            let mut members: Vec<usize> = component.into_iter().map(|node| graph[node]).collect();
            members.sort_unstable();
            members
        })
        .filter(|members| members.len() > 1)
        .collect();
    crate::core::sort::sort_by_key(&mut groups, |members| (std::cmp::Reverse(members.len()), members[0]));

    let mut position: Vec<Option<(f64, f64)>> = vec![None; n];
    let mut cursor_x = 0.0;
    let mut row_height: f64 = 0.0;
    for members in &groups {
        let order = loop_order(members, &successors);
        let circumference: f64 = order.iter().map(|&i| factor_width(&case.factors[i].label) + 70.0).sum();
        let radius = (circumference / TAU).max(140.0);
        let centre = (cursor_x + radius, radius);
        for (k, &i) in order.iter().enumerate() {
            // Start at the top and go clockwise, like reading a clock.
            let angle = -TAU / 4.0 + TAU * k as f64 / order.len() as f64;
            position[i] = Some(on_circle(centre, radius, angle));
        }
        cursor_x += 2.0 * radius + GAP + 80.0;
        row_height = row_height.max(2.0 * radius);
    }

    // Factors outside loops: next to their placed neighbours, outward, without overlap.
    let mut free_x = 0.0;
    let base_y = if groups.is_empty() { 0.0 } else { row_height + GAP + 40.0 };
    for round in 0..2 {
        for i in 0..n {
            if position[i].is_some() {
                continue;
            }
            let placed: Vec<(f64, f64)> = neighbours[i].iter().filter_map(|&j| position[j]).collect();
            let wanted = if placed.is_empty() {
                if round == 0 {
                    continue;
                }
                let spot = (free_x, base_y);
                free_x += factor_width(&case.factors[i].label) + 60.0;
                spot
            } else {
                let count = placed.len() as f64;
                let (mx, my) = placed.iter().fold((0.0, 0.0), |(a, b), (x, y)| (a + x / count, b + y / count));
                (mx, my + FACTOR_HEIGHT * 3.5)
            };
            position[i] = Some(free_spot(wanted, i, case, &position));
        }
    }
    case.factors
        .iter()
        .zip(position)
        .map(|(factor, spot)| {
            let (x, y) = spot.unwrap_or((0.0, 0.0));
            (factor.id.clone(), x.round(), y.round())
        })
        .collect()
}

/// The number of pairs of links that cross as drawn on the map now.
///
/// Each link is measured as the straight segment between the centres of its factors; two
/// links count when their segments properly cross (touching or running along each other
/// does not count). Pairs that share an end factor, self-loops and links to missing
/// factors never count. O(L²) for L links.
pub fn crossings(case: &Case) -> usize {
    let segments: Vec<(usize, usize)> = case
        .links
        .iter()
        .filter_map(|link| Some((case.factor_index(&link.from)?, case.factor_index(&link.to)?)))
        .filter(|(from, to)| from != to)
        .collect();
    let at = |i: usize| (case.factors[i].x, case.factors[i].y);
    let mut count = 0;
    for (k, &(a, b)) in segments.iter().enumerate() {
        for &(c, d) in &segments[k + 1..] {
            if a != c && a != d && b != c && b != d && segments_cross(at(a), at(b), at(c), at(d)) {
                count += 1;
            }
        }
    }
    count
}

/// The number of pairs of factors whose boxes (`factor_width(label)` × `FACTOR_HEIGHT`
/// around the factor's position) come closer than [`MARGIN`] to each other. O(F²) for
/// F factors.
pub fn overlaps(case: &Case) -> usize {
    let boxes: Vec<(f64, f64, f64)> =
        case.factors.iter().map(|factor| (factor.x, factor.y, factor_width(&factor.label))).collect();
    let mut count = 0;
    for (k, &a) in boxes.iter().enumerate() {
        count += boxes[k + 1..].iter().filter(|&&b| too_close(a, b, MARGIN)).count();
    }
    count
}

/// Whether boxes `(x, y, width)` of two factors are less than `margin` apart.
fn too_close((ax, ay, aw): (f64, f64, f64), (bx, by, bw): (f64, f64, f64), margin: f64) -> bool {
    (ax - bx).abs() < (aw + bw) / 2.0 + margin && (ay - by).abs() < FACTOR_HEIGHT + margin
}

/// Whether the segments p–q and r–s cross at a point inside both.
fn segments_cross(p: (f64, f64), q: (f64, f64), r: (f64, f64), s: (f64, f64)) -> bool {
    let side = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0);
    let opposite = |u: f64, v: f64| (u > 0.0 && v < 0.0) || (u < 0.0 && v > 0.0);
    opposite(side(p, q, r), side(p, q, s)) && opposite(side(r, s, p), side(r, s, q))
}

/// Walks the group along its links, so the members of a simple loop come out in loop
/// order; a member the walk cannot reach next is appended in id order.
fn loop_order(members: &[usize], successors: &[Vec<usize>]) -> Vec<usize> {
    let mut order = Vec::with_capacity(members.len());
    let mut seen = vec![false; successors.len()];
    let mut current = members[0];
    loop {
        order.push(current);
        seen[current] = true;
        let next = successors[current].iter().copied().filter(|j| members.binary_search(j).is_ok() && !seen[*j]).min();
        match next.or_else(|| members.iter().copied().find(|&j| !seen[j])) {
            Some(j) => current = j,
            None => break,
        }
    }
    order
}

/// The first spot on a spiral around `wanted` that does not overlap a placed factor.
fn free_spot(wanted: (f64, f64), index: usize, case: &Case, position: &[Option<(f64, f64)>]) -> (f64, f64) {
    let width = factor_width(&case.factors[index].label);
    let overlaps = |(x, y): (f64, f64)| {
        position.iter().enumerate().any(|(j, spot)| {
            spot.is_some_and(|(px, py)| {
                let other = factor_width(&case.factors[j].label);
                (px - x).abs() < (width + other) / 2.0 + 30.0 && (py - y).abs() < FACTOR_HEIGHT + 30.0
            })
        })
    };
    for step in 0..200 {
        let angle = step as f64 * 0.8;
        let radius = 12.0 * step as f64;
        let spot = on_circle(wanted, radius, angle);
        if !overlaps(spot) {
            return spot;
        }
    }
    wanted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Factor, FactorKind, Link, Polarity};

    fn case(labels: &[&str], links: &[(usize, usize)]) -> Case {
        Case {
            factors: labels
                .iter()
                .enumerate()
                .map(|(i, label)| Factor::new(&format!("f{i}"), label, FactorKind::Situatie))
                .collect(),
            links: links
                .iter()
                .enumerate()
                .map(|(i, (a, b))| Link::new(&format!("l{i}"), &format!("f{a}"), &format!("f{b}"), Polarity::Positive))
                .collect(),
            ..Case::default()
        }
    }

    #[test]
    fn a_loop_is_placed_on_a_circle_in_loop_order() {
        let c = case(&["A", "B", "C", "D"], &[(0, 2), (2, 1), (1, 3), (3, 0)]);
        let spots = arrange(&c);
        let centre = spots.iter().fold((0.0, 0.0), |(a, b), (_, x, y)| (a + x / 4.0, b + y / 4.0));
        let radii: Vec<f64> =
            spots.iter().map(|(_, x, y)| ((x - centre.0).powi(2) + (y - centre.1).powi(2)).sqrt()).collect();
        assert!(radii.iter().all(|r| (r - radii[0]).abs() < 2.0), "not a circle: {radii:?}");
        // Loop order A → C → B → D goes clockwise from the top.
        let angle = |id: &str| {
            let (_, x, y) = spots.iter().find(|(i, _, _)| i == id).expect("placed");
            (y - centre.1).atan2(x - centre.0)
        };
        let order = ["f0", "f2", "f1", "f3"].map(angle);
        let steps: Vec<f64> = order.windows(2).map(|w| (w[1] - w[0]).rem_euclid(TAU)).collect();
        assert!(steps.iter().all(|s| (s - TAU / 4.0).abs() < 0.05), "not in loop order: {steps:?}");
    }

    #[test]
    fn no_two_factors_overlap() {
        let c = case(
            &["schulden", "stress", "doenvermogen", "boete", "losse factor", "nog een", "zijtak"],
            &[(0, 1), (1, 2), (2, 3), (3, 0), (0, 6), (6, 5)],
        );
        let spots = arrange(&c);
        for (i, a) in spots.iter().enumerate() {
            for b in &spots[i + 1..] {
                let apart = (a.1 - b.1).abs() >= 80.0 || (a.2 - b.2).abs() >= FACTOR_HEIGHT;
                assert!(apart, "{} and {} overlap", a.0, b.0);
            }
        }
        assert_eq!(spots, arrange(&c), "layout must be deterministic");
    }
}
