//! Automatic layout ("Automatisch ordenen"). Every strongly connected group of factors
//! (where the loops live) is drawn as a circle with one of its longest loops in loop
//! order, clockwise from the top. The other members of the group are put on the circle
//! where their links cross the fewest others; one whose links still cross is seated
//! inside the circle or outward instead when that crosses less. Factors outside loops
//! hang outward from the factors they touch, outside the circles. The circles of one
//! part of the map are turned to face each other; parts that are not linked to each
//! other are laid out on their own and put side by side, and a part without loops is
//! drawn in columns from cause to effect. No two factor boxes come closer than
//! [`MARGIN`], and the result is deterministic, so the same case always looks the same.
//!
//! Loops drawn as circles are what case meetings recognise as a vicious cycle; a
//! force-directed layout scatters them.

use crate::core::geometry::{factor_width, on_circle, FACTOR_HEIGHT};
use crate::core::model::Case;
use crate::core::sorting;
use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use std::collections::VecDeque;
use std::f64::consts::TAU;

/// The free room [`overlaps`] asks for around every factor box, in world units.
pub const MARGIN: f64 = 20.0;
/// The room the layout itself keeps between boxes: [`MARGIN`] and slack for rounding.
const SPACE: f64 = MARGIN + 10.0;
/// Free room between any two boxes on a circle, so the arrow between neighbours shows.
const ROOM: f64 = 60.0;
/// The smallest circle, so a loop of two factors still shows both arrows.
const MIN_RADIUS: f64 = 140.0;
/// Room between two circles, two columns or two parts of the map.
const GAP: f64 = 120.0;
/// The step of the search for a free spot, and how many steps outward it goes.
const STEP: f64 = 40.0;
const FAN_RINGS: i32 = 50;
/// Circles are only turned and members only moved off them in parts with at most this
/// many links, and at most this many times per part (each try lays out the part again).
const SEARCH_LINKS: usize = 150;
const TRIES: usize = 64;
/// Parts are put side by side until a row is this wide.
const ROW_WIDTH: f64 = 2400.0;
/// The search for the longest loops of a group stops after this many steps.
const LOOP_STEPS: usize = 20_000;
/// How many of a group's longest loops are tried as the circle.
const LOOP_CANDIDATES: usize = 8;
/// Above this many chord comparisons (members × links² of a group) a member is only
/// tried next to its neighbours on the circle instead of in every gap.
const FULL_SEARCH: usize = 2_000_000;

/// `case` with every factor where [`arrange`] puts it.
pub fn arranged(mut case: Case) -> Case {
    for (id, x, y) in arrange(&case) {
        if let Some(factor) = case.factors.iter_mut().find(|f| f.id == id) {
            factor.x = x;
            factor.y = y;
        }
    }
    case
}

/// New positions `(factor id, x, y)` for every factor of `case`, in factor order.
///
/// # Complexity
/// For F factors and L links: O(F · L) to look up the ends of the links. Per group of k
/// members with c links among them: the loop search is capped at [`LOOP_STEPS`] steps;
/// ordering the circle takes O(k · c²) link comparisons while that stays below
/// [`FULL_SEARCH`], O(d · c²) above it (d the largest number of neighbours); sizing the
/// circle O(k²). Placing the factors off the circles takes O(F²) box tests, more where
/// many crowd one spot. A part with at most [`SEARCH_LINKS`] links is laid out again at
/// most [`TRIES`] times, each O(F² + L²). Natively (optimised) 200 factors with 500
/// random links take under 2 ms; a star of 200 factors, the crowded case, about 20 ms.
pub fn arrange(case: &Case) -> Vec<(String, f64, f64)> {
    let graph = Graph::new(case);
    let n = graph.widths.len();
    let mut layout = Layout { spot: vec![(0.0, 0.0); n], out: vec![(0.0, 0.0); n], discs: Vec::new() };
    let mut shelf = Shelf::default();
    for part in graph.parts() {
        if part.groups.is_empty() {
            layout.columns(&graph, &part.members);
        } else {
            layout.loops(&graph, &part);
        }
        shelf.put(&part.members, &graph.widths, &mut layout.spot);
    }
    case.factors.iter().zip(layout.spot).map(|(factor, (x, y))| (factor.id.clone(), x.round(), y.round())).collect()
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
    count_crossings(&segments, |i| (case.factors[i].x, case.factors[i].y))
}

/// The pairs of `segments` (between factors at `at(factor)`) without a shared end that
/// cross.
fn count_crossings(segments: &[(usize, usize)], at: impl Fn(usize) -> (f64, f64)) -> usize {
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

/// Whether the segment p–q passes through the box of `width` × [`FACTOR_HEIGHT`] around
/// `centre` (clipping the segment to the box, Liang–Barsky).
fn hits_box(p: (f64, f64), q: (f64, f64), centre: (f64, f64), width: f64) -> bool {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (half_w, half_h) = (width / 2.0, FACTOR_HEIGHT / 2.0);
    let (mut enter, mut leave) = (0.0_f64, 1.0_f64);
    for (delta, low, high) in
        [(dx, centre.0 - half_w - p.0, centre.0 + half_w - p.0), (dy, centre.1 - half_h - p.1, centre.1 + half_h - p.1)]
    {
        if delta.abs() < 1e-12 {
            if low > 0.0 || high < 0.0 {
                return false;
            }
        } else {
            let (t0, t1) = (low / delta, high / delta);
            enter = enter.max(t0.min(t1));
            leave = leave.min(t0.max(t1));
        }
    }
    enter < leave
}

/// Whether the segments p–q and r–s cross at a point inside both.
fn segments_cross(p: (f64, f64), q: (f64, f64), r: (f64, f64), s: (f64, f64)) -> bool {
    let side = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0);
    let opposite = |u: f64, v: f64| (u > 0.0 && v < 0.0) || (u < 0.0 && v > 0.0);
    opposite(side(p, q, r), side(p, q, s)) && opposite(side(r, s, p), side(r, s, q))
}

/// The links of a case by factor index, without self-loops, links to missing factors or
/// repeats, and the width of every factor box.
struct Graph {
    successors: Vec<Vec<usize>>,
    predecessors: Vec<Vec<usize>>,
    neighbours: Vec<Vec<usize>>,
    widths: Vec<f64>,
}

/// Factors linked to each other, directly or through others, and the member lists of
/// their strongly connected groups (largest first).
struct Part {
    members: Vec<usize>,
    groups: Vec<Vec<usize>>,
}

impl Graph {
    fn new(case: &Case) -> Graph {
        let n = case.factors.len();
        let mut graph = Graph {
            successors: vec![Vec::new(); n],
            predecessors: vec![Vec::new(); n],
            neighbours: vec![Vec::new(); n],
            widths: case.factors.iter().map(|factor| factor_width(&factor.label)).collect(),
        };
        for link in &case.links {
            if let (Some(from), Some(to)) = (case.factor_index(&link.from), case.factor_index(&link.to)) {
                if from != to {
                    graph.successors[from].push(to);
                    graph.predecessors[to].push(from);
                    graph.neighbours[from].push(to);
                    graph.neighbours[to].push(from);
                }
            }
        }
        for list in graph.successors.iter_mut().chain(&mut graph.predecessors).chain(&mut graph.neighbours) {
            sorting::sort(list);
            list.dedup();
        }
        graph
    }

    /// The parts of the map: those with the largest loop group first, then the others
    /// by size; ties in order of their first factor.
    fn parts(&self) -> Vec<Part> {
        let n = self.widths.len();
        let mut part_of = vec![usize::MAX; n];
        let mut parts: Vec<Part> = Vec::new();
        for first in 0..n {
            if part_of[first] != usize::MAX {
                continue;
            }
            part_of[first] = parts.len();
            let mut members = vec![first];
            let mut next = 0;
            while let Some(&i) = members.get(next) {
                next += 1;
                for &j in &self.neighbours[i] {
                    if part_of[j] == usize::MAX {
                        part_of[j] = parts.len();
                        members.push(j);
                    }
                }
            }
            sorting::sort(&mut members);
            parts.push(Part { members, groups: Vec::new() });
        }
        let mut graph = DiGraph::<usize, ()>::with_capacity(n, 0);
        let nodes: Vec<_> = (0..n).map(|i| graph.add_node(i)).collect();
        for (from, list) in self.successors.iter().enumerate() {
            for &to in list {
                graph.add_edge(nodes[from], nodes[to], ());
            }
        }
        for component in tarjan_scc(&graph) {
            let mut members: Vec<usize> = component.into_iter().map(|node| graph[node]).collect();
            if members.len() > 1 {
                sorting::sort(&mut members);
                parts[part_of[members[0]]].groups.push(members);
            }
        }
        for part in &mut parts {
            sorting::sort_by_key(&mut part.groups, |members| (std::cmp::Reverse(members.len()), members[0]));
        }
        sorting::sort_by_key(&mut parts, |part| {
            let largest = part.groups.first().map_or(0, Vec::len);
            (std::cmp::Reverse(largest), std::cmp::Reverse(part.members.len()), part.members[0])
        });
        parts
    }

    /// The order of a group around its circle: of its longest loops (as far as the
    /// search got), the one that leaves the fewest crossing links once the other members
    /// are inserted. On a circle two links cross exactly when their ends alternate, so
    /// only the order matters, not where the circle starts or which way it turns.
    /// Also the inserted members whose links still cross others, for a small group.
    fn circle_order(&self, group: &[usize]) -> (Vec<usize>, Vec<usize>) {
        let mut inside = vec![false; self.widths.len()];
        for &i in group {
            inside[i] = true;
        }
        let chords: Vec<(usize, usize)> = group
            .iter()
            .flat_map(|&a| self.neighbours[a].iter().filter(move |&&b| a < b).map(move |&b| (a, b)))
            .filter(|&(_, b)| inside[b])
            .collect();
        let full = group.len().saturating_mul(chords.len().pow(2)) <= FULL_SEARCH;
        let (_, order, backbone) = self
            .longest_loops(group, &inside)
            .into_iter()
            .map(|backbone| {
                let order = self.fill_circle(backbone.clone(), group, &chords, full);
                (Circle::new(&order, self.widths.len()).crossings(&chords, None), order, backbone)
            })
            .min_by_key(|(crossings, _, _)| *crossings)
            .unwrap_or_default();
        let circle = Circle::new(&order, self.widths.len());
        let movable = if full {
            order
                .iter()
                .copied()
                .filter(|&i| !backbone.contains(&i) && circle.crossings(&chords, Some(i)) > 0)
                .collect()
        } else {
            Vec::new()
        };
        (order, movable)
    }

    /// Up to [`LOOP_CANDIDATES`] of the longest loops in the group, each from its
    /// smallest member, found within [`LOOP_STEPS`] steps; a lone member if none was.
    fn longest_loops(&self, group: &[usize], inside: &[bool]) -> Vec<Vec<usize>> {
        let mut search = LoopSearch {
            successors: &self.successors,
            inside,
            on_path: vec![false; inside.len()],
            path: Vec::new(),
            found: Vec::new(),
            steps: LOOP_STEPS,
        };
        for &start in group {
            search.on_path[start] = true;
            search.path.push(start);
            search.walk(start);
            search.path.clear();
            search.on_path[start] = false;
        }
        if search.found.is_empty() {
            search.found.push(vec![group[0]]);
        }
        search.found
    }

    /// `backbone` with the rest of `group` inserted one by one, most linked first, each
    /// in the gap where its links cross the fewest; with `full`, every inserted member
    /// is then moved once more to its best gap, twice over.
    fn fill_circle(&self, mut order: Vec<usize>, group: &[usize], chords: &[(usize, usize)], full: bool) -> Vec<usize> {
        let on_backbone = Circle::new(&order, self.widths.len());
        let mut rest: Vec<usize> = group.iter().copied().filter(|&i| !on_backbone.has(i)).collect();
        let inserted = rest.clone();
        while !rest.is_empty() {
            let circle = Circle::new(&order, self.widths.len());
            let linked = |i: usize| self.neighbours[i].iter().filter(|&&j| circle.has(j)).count();
            let pick = (0..rest.len()).min_by_key(|&k| std::cmp::Reverse(linked(rest[k]))).unwrap_or(0);
            let member = rest.remove(pick);
            let gap = self.best_gap(member, &order, chords, full);
            order.insert(gap, member);
        }
        if full {
            for _ in 0..2 {
                for &member in &inserted {
                    order.retain(|&i| i != member);
                    let gap = self.best_gap(member, &order, chords, true);
                    order.insert(gap, member);
                }
            }
        }
        order
    }

    /// Where `member` goes into `order` (an index for `Vec::insert`): the gap where its
    /// links to the circle cross the fewest chords, then where they are shortest. With
    /// `full` every gap is tried, otherwise only the gaps beside its neighbours.
    fn best_gap(&self, member: usize, order: &[usize], chords: &[(usize, usize)], full: bool) -> usize {
        let circle = Circle::new(order, self.widths.len());
        let mine: Vec<usize> = self.neighbours[member].iter().copied().filter(|&j| circle.has(j)).collect();
        let others: Vec<(usize, usize)> =
            chords.iter().copied().filter(|&(a, b)| circle.has(a) && circle.has(b)).collect();
        let len = order.len();
        (1..=len)
            .filter(|&gap| full || mine.iter().any(|&j| j == order[gap - 1] || j == order[gap % len]))
            .min_by_key(|&gap| {
                // Doubled positions: the member sits between order[gap - 1] and order[gap].
                let at = 2 * gap - 1;
                let crossings: usize = mine
                    .iter()
                    .map(|&j| {
                        let end = circle.doubled(j);
                        others
                            .iter()
                            .filter(|&&(a, b)| a != j && b != j && alternate((at, end), circle.pair(a, b)))
                            .count()
                    })
                    .sum();
                let stretch: usize = mine
                    .iter()
                    .map(|&j| at.abs_diff(circle.doubled(j)).min(2 * len - at.abs_diff(circle.doubled(j))))
                    .sum();
                (crossings, stretch)
            })
            .unwrap_or(len)
    }

    /// Columns by the longest chain of causes leading to a factor; within a column the
    /// factors follow the rows of their causes.
    fn column_of(&self, members: &[usize]) -> Vec<usize> {
        let mut column = vec![0; self.widths.len()];
        let mut waiting: Vec<usize> = (0..self.widths.len()).map(|i| self.predecessors[i].len()).collect();
        let mut ready: VecDeque<usize> = members.iter().copied().filter(|&i| waiting[i] == 0).collect();
        while let Some(i) = ready.pop_front() {
            for &j in &self.successors[i] {
                column[j] = column[j].max(column[i] + 1);
                waiting[j] -= 1;
                if waiting[j] == 0 {
                    ready.push_back(j);
                }
            }
        }
        column
    }
}

/// Positions on a circle by factor, doubled so that a gap between two has a number too.
struct Circle(Vec<usize>);

impl Circle {
    fn new(order: &[usize], n: usize) -> Circle {
        let mut doubled = vec![usize::MAX; n];
        for (k, &i) in order.iter().enumerate() {
            doubled[i] = 2 * k;
        }
        Circle(doubled)
    }

    fn has(&self, i: usize) -> bool {
        self.0[i] != usize::MAX
    }

    fn doubled(&self, i: usize) -> usize {
        self.0[i]
    }

    fn pair(&self, a: usize, b: usize) -> (usize, usize) {
        (self.0[a], self.0[b])
    }

    /// The pairs of `chords` (between factors on the circle) that cross; with `only`,
    /// just the pairs where one chord ends at that factor.
    fn crossings(&self, chords: &[(usize, usize)], only: Option<usize>) -> usize {
        let mut count = 0;
        for (k, &(a, b)) in chords.iter().enumerate() {
            for &(c, d) in &chords[k + 1..] {
                let counted = only.is_none_or(|i| i == a || i == b || i == c || i == d);
                if counted && a != c && a != d && b != c && b != d && alternate(self.pair(a, b), self.pair(c, d)) {
                    count += 1;
                }
            }
        }
        count
    }
}

/// Whether the chords between positions `p` and `q` on a circle cross: exactly one end
/// of `q` lies strictly between the ends of `p`. All four ends differ.
fn alternate((a, b): (usize, usize), (c, d): (usize, usize)) -> bool {
    let (low, high) = (a.min(b), a.max(b));
    let between = |x: usize| low < x && x < high;
    between(c) != between(d)
}

/// A depth-first search for the longest loops within a group. Each loop is found once,
/// from its smallest member, by walks that only visit larger members.
struct LoopSearch<'a> {
    successors: &'a [Vec<usize>],
    inside: &'a [bool],
    on_path: Vec<bool>,
    path: Vec<usize>,
    found: Vec<Vec<usize>>,
    steps: usize,
}

impl LoopSearch<'_> {
    fn walk(&mut self, at: usize) {
        if self.steps == 0 {
            return;
        }
        self.steps -= 1;
        let start = self.path[0];
        for &next in &self.successors[at] {
            if next == start {
                self.offer();
            } else if self.inside[next] && next > start && !self.on_path[next] {
                self.on_path[next] = true;
                self.path.push(next);
                self.walk(next);
                self.path.pop();
                self.on_path[next] = false;
            }
        }
    }

    /// Keeps the current path if it is as long as the longest loop so far.
    fn offer(&mut self) {
        let longest = self.found.first().map_or(0, Vec::len);
        if self.path.len() > longest {
            self.found.clear();
        }
        if self.path.len() >= longest && self.found.len() < LOOP_CANDIDATES {
            self.found.push(self.path.clone());
        }
    }
}

/// Where a member of a loop group goes.
#[derive(Clone, Copy, PartialEq)]
enum Seat {
    /// On the group's circle, in circle order.
    Circle,
    /// Inside the circle, near its neighbours there.
    Inside,
    /// Outward, like a factor outside the loops.
    Outside,
}

/// Positions of the factors placed so far (in the coordinates of their part until the
/// part is put on the map), the outward direction of each, and the centre and radius of
/// every circle of the part being laid out.
struct Layout {
    spot: Vec<(f64, f64)>,
    out: Vec<(f64, f64)>,
    discs: Vec<((f64, f64), f64)>,
}

impl Layout {
    /// Lays out a part with loops as [`Layout::circles`]. In a part of at most
    /// [`SEARCH_LINKS`] links, each circle is then turned (and, if that helps more,
    /// mirrored) to the position that leaves the fewest links crossing each other or
    /// running through a factor box in the part, and a member inserted into a circle
    /// whose links cross others there is moved inside the circle or outward when that
    /// leaves fewer; one circle or member at a time, [`TRIES`] tries in all.
    fn loops(&mut self, graph: &Graph, part: &Part) {
        let (mut orders, movable): (Vec<Vec<usize>>, Vec<Vec<usize>>) =
            part.groups.iter().map(|group| graph.circle_order(group)).unzip();
        let links: Vec<(usize, usize)> = part
            .members
            .iter()
            .flat_map(|&a| graph.neighbours[a].iter().filter(move |&&b| a < b).map(move |&b| (a, b)))
            .collect();
        let mut seats = vec![Seat::Circle; graph.widths.len()];
        self.face_each_other(graph, &mut orders);
        if links.len() > SEARCH_LINKS {
            self.circles(graph, &orders, &seats);
            return;
        }
        let mut best = self.clutter(graph, &orders, &seats, &part.members, &links);
        let mut tries = TRIES;
        // A lone circle looks the same turned; it keeps its first member at the top.
        let turnable = if orders.len() > 1 { orders.len() } else { 0 };
        for k in 0..turnable {
            for candidate in turned(&orders[k].clone()).skip(1).take(tries) {
                tries -= 1;
                let previous = std::mem::replace(&mut orders[k], candidate);
                let clutter = self.clutter(graph, &orders, &seats, &part.members, &links);
                if clutter < best {
                    best = clutter;
                } else {
                    orders[k] = previous;
                }
            }
        }
        for &member in movable.iter().flatten() {
            for seat in [Seat::Inside, Seat::Outside].into_iter().take(tries) {
                tries -= 1;
                seats[member] = seat;
                let clutter = self.clutter(graph, &orders, &seats, &part.members, &links);
                if clutter < best {
                    best = clutter;
                    break;
                }
                seats[member] = Seat::Circle;
            }
        }
        self.circles(graph, &orders, &seats);
    }

    /// Turns (or mirrors) every circle of the part so that its members linked to other
    /// circles face those circles: the most, summed over such links, of how much the
    /// direction from the circle's centre to the member points to the other centre.
    fn face_each_other(&mut self, graph: &Graph, orders: &mut [Vec<usize>]) {
        if orders.len() < 2 {
            return;
        }
        let mut circle_of = vec![usize::MAX; graph.widths.len()];
        for (k, order) in orders.iter().enumerate() {
            for &i in order {
                circle_of[i] = k;
            }
        }
        self.circles(graph, orders, &vec![Seat::Circle; graph.widths.len()]);
        for (k, order) in orders.iter_mut().enumerate() {
            let (cx, cy) = self.discs[k].0;
            let len = order.len();
            let facing = |candidate: &[usize]| -> f64 {
                let mut sum = 0.0;
                for (p, &i) in candidate.iter().enumerate() {
                    let (ux, uy) = on_circle((0.0, 0.0), 1.0, TAU * (p as f64 / len as f64 - 0.25));
                    for &j in &graph.neighbours[i] {
                        let other = circle_of[j];
                        if other != k && other != usize::MAX {
                            let ((ox, oy), _) = self.discs[other];
                            let (dx, dy) = (ox - cx, oy - cy);
                            sum += (ux * dx + uy * dy) / dx.hypot(dy);
                        }
                    }
                }
                sum
            };
            let mut best = (facing(order), order.clone());
            for candidate in turned(order) {
                let score = facing(&candidate);
                if score > best.0 + 1e-9 {
                    best = (score, candidate);
                }
            }
            *order = best.1;
        }
    }

    /// The pairs of crossing `links` plus the links through the box of a factor they do
    /// not end at, once the part `members` is laid out with the circles `orders` and
    /// `seats`.
    fn clutter(
        &mut self,
        graph: &Graph,
        orders: &[Vec<usize>],
        seats: &[Seat],
        members: &[usize],
        links: &[(usize, usize)],
    ) -> usize {
        self.circles(graph, orders, seats);
        let through = |&(a, b): &(usize, usize)| {
            let (p, q) = (self.spot[a], self.spot[b]);
            members.iter().filter(|&&i| i != a && i != b && hits_box(p, q, self.spot[i], graph.widths[i])).count()
        };
        count_crossings(links, |i| self.spot[i]) + links.iter().map(through).sum::<usize>()
    }

    /// Lays out a part with loops: the circles `orders` in a row with the members seated
    /// on them, wide enough for the members seated inside, then those inside, then every
    /// other factor outward from the factors it touches, nearest to the circles first.
    fn circles(&mut self, graph: &Graph, orders: &[Vec<usize>], seats: &[Seat]) {
        let mut placed = Vec::new();
        let mut inside = Vec::new();
        let mut cursor = 0.0;
        self.discs.clear();
        for order in orders {
            let ring: Vec<usize> = order.iter().copied().filter(|&i| seats[i] == Seat::Circle).collect();
            let mut units: Vec<(f64, f64)> = (0..ring.len())
                .map(|k| on_circle((0.0, 0.0), 1.0, TAU * (k as f64 / ring.len() as f64 - 0.25)))
                .collect();
            let mut widths: Vec<f64> = ring.iter().map(|&i| graph.widths[i]).collect();
            let half = widths.iter().copied().fold(0.0, f64::max) / 2.0;
            let widest_inside = order.iter().filter(|&&i| seats[i] == Seat::Inside).map(|&i| graph.widths[i]);
            if let Some(width) = widest_inside.reduce(f64::max) {
                // Room for a box at the centre.
                units.push((0.0, 0.0));
                widths.push(width);
            }
            let radius = fitting_radius(&units, &widths);
            let centre = (cursor + radius + half, radius);
            cursor += 2.0 * (radius + half) + GAP;
            self.discs.push((centre, radius));
            for (&i, &(ux, uy)) in ring.iter().zip(&units) {
                self.spot[i] = (centre.0 + radius * ux, centre.1 + radius * uy);
                self.out[i] = (ux, uy);
                placed.push(i);
            }
            inside.extend(order.iter().filter(|&&i| seats[i] == Seat::Inside).map(|&i| (i, centre)));
        }
        for (i, centre) in inside {
            // Halfway from the centre to its neighbours on the circle.
            let anchors: Vec<(f64, f64)> =
                graph.neighbours[i].iter().filter(|j| placed.contains(j)).map(|&j| self.spot[j]).collect();
            let count = anchors.len().max(1) as f64;
            let (mx, my) = anchors.iter().fold((0.0, 0.0), |(x, y), (ax, ay)| (x + ax / count, y + ay / count));
            let (dx, dy) = (mx - centre.0, my - centre.1);
            let length = dx.hypot(dy);
            let out = if length > 1e-6 { (dx / length, dy / length) } else { (0.0, -1.0) };
            self.settle(graph, i, (centre.0 + dx / 2.0, centre.1 + dy / 2.0), out, &placed, false);
            placed.push(i);
        }
        let mut seen = vec![false; graph.widths.len()];
        for &i in &placed {
            seen[i] = true;
        }
        let mut next = 0;
        while let Some(&i) = placed.get(next) {
            next += 1;
            for &j in &graph.neighbours[i] {
                if !seen[j] {
                    seen[j] = true;
                    self.hang(graph, j, &placed);
                    placed.push(j);
                }
            }
        }
    }

    /// Puts `member` outward from its neighbours among `placed`, each far enough in
    /// its outward direction to leave [`ROOM`] for the arrow, and outside the circles.
    fn hang(&mut self, graph: &Graph, member: usize, placed: &[usize]) {
        let anchors: Vec<usize> = graph.neighbours[member].iter().copied().filter(|j| placed.contains(j)).collect();
        let count = anchors.len() as f64;
        let (mut wx, mut wy, mut dx, mut dy) = (0.0, 0.0, 0.0, 0.0);
        for &j in &anchors {
            let ((x, y), (ox, oy)) = (self.spot[j], self.out[j]);
            let reach = clearance((ox.abs(), oy.abs()), graph.widths[j], graph.widths[member]);
            wx += (x + ox * reach) / count;
            wy += (y + oy * reach) / count;
            dx += ox;
            dy += oy;
        }
        let length = dx.hypot(dy);
        let out = if length > 1e-6 { (dx / length, dy / length) } else { self.out[anchors[0]] };
        let mut wanted = (wx, wy);
        for &((cx, cy), radius) in &self.discs {
            let (ex, ey) = (wanted.0 - cx, wanted.1 - cy);
            let from_centre = ex.hypot(ey);
            if from_centre < radius {
                // Out of the circle, away from its centre.
                let (ux, uy) = if from_centre > 1e-6 { (ex / from_centre, ey / from_centre) } else { out };
                let reach = radius + clearance((ux.abs(), uy.abs()), 0.0, graph.widths[member]);
                wanted = (cx + ux * reach, cy + uy * reach);
            }
        }
        self.settle(graph, member, wanted, out, placed, true);
    }

    /// Puts `member` on the first spot near `wanted` that keeps [`SPACE`] to every
    /// factor in `placed` (and, with `outside`, lies outside the circles), searching a
    /// fan that widens as it moves in direction `out`.
    fn settle(
        &mut self,
        graph: &Graph,
        member: usize,
        wanted: (f64, f64),
        out: (f64, f64),
        placed: &[usize],
        outside: bool,
    ) {
        let ((wx, wy), (dx, dy)) = (wanted, out);
        let width = graph.widths[member];
        let free = |(x, y): (f64, f64)| {
            let clear = |&((cx, cy), radius): &((f64, f64), f64)| (x - cx).hypot(y - cy) >= radius;
            // The latest placed are the likeliest in the way: they are tried first.
            (!outside || self.discs.iter().all(clear))
                && placed
                    .iter()
                    .rev()
                    .all(|&j| !too_close((x, y, width), (self.spot[j].0, self.spot[j].1, graph.widths[j]), SPACE))
        };
        let spot = (0..FAN_RINGS)
            .flat_map(|ring| {
                (0..=2 * (ring + 6)).map(move |m| {
                    let side = f64::from(if m % 2 == 0 { -m / 2 } else { (m + 1) / 2 });
                    let ahead = f64::from(ring);
                    (wx + (dx * ahead - dy * side) * STEP, wy + (dy * ahead + dx * side) * STEP)
                })
            })
            .find(|&spot| free(spot))
            .unwrap_or_else(|| {
                // Crowded all around: to the right of everything placed.
                let right = placed.iter().map(|&j| self.spot[j].0 + graph.widths[j] / 2.0).fold(wx, f64::max);
                (right + SPACE + width / 2.0, wy)
            });
        self.spot[member] = spot;
        self.out[member] = out;
    }

    /// Lays out a part without loops in columns from cause to effect.
    fn columns(&mut self, graph: &Graph, members: &[usize]) {
        let column = graph.column_of(members);
        let count = members.iter().map(|&i| column[i] + 1).max().unwrap_or(0);
        let mut x = 0.0;
        let mut row = vec![0.0; graph.widths.len()];
        for c in 0..count {
            let mut here: Vec<usize> = members.iter().copied().filter(|&i| column[i] == c).collect();
            // Each factor near the mean row of its causes, in that order.
            sorting::sort_by(&mut here, |&a, &b| mean_row(graph, &row, a).total_cmp(&mean_row(graph, &row, b)));
            let width = here.iter().map(|&i| graph.widths[i]).fold(0.0, f64::max);
            for (r, &i) in here.iter().enumerate() {
                row[i] = r as f64 - (here.len() - 1) as f64 / 2.0;
                self.spot[i] = (x + width / 2.0, row[i] * (FACTOR_HEIGHT + 2.0 * SPACE));
            }
            x += width + GAP;
        }
    }
}

/// The mean row of the causes of `i` (0 for a factor without causes).
fn mean_row(graph: &Graph, row: &[f64], i: usize) -> f64 {
    let causes = &graph.predecessors[i];
    causes.iter().map(|&j| row[j]).sum::<f64>() / causes.len().max(1) as f64
}

/// Every way to put `order` on a circle: each turn of it, then each turn of its mirror
/// image (the first is `order` itself).
fn turned(order: &[usize]) -> impl Iterator<Item = Vec<usize>> + '_ {
    [false, true].into_iter().flat_map(move |mirror| {
        (0..order.len()).map(move |turn| {
            let mut candidate = order.to_vec();
            if mirror {
                candidate.reverse();
            }
            candidate.rotate_left(turn);
            candidate
        })
    })
}

/// The smallest radius (at least [`MIN_RADIUS`]) at which boxes of `widths` at the
/// points `units` of the unit circle keep [`ROOM`] free between every two of them.
fn fitting_radius(units: &[(f64, f64)], widths: &[f64]) -> f64 {
    let mut radius = MIN_RADIUS;
    for a in 0..units.len() {
        for b in a + 1..units.len() {
            let apart = ((units[a].0 - units[b].0).abs(), (units[a].1 - units[b].1).abs());
            radius = radius.max(clearance(apart, widths[a], widths[b]));
        }
    }
    radius
}

/// How many times the offset `(dx, dy)` (both ≥ 0, not both 0) two boxes of `width_a`
/// and `width_b` must be apart to leave [`ROOM`] between them: enough either across or
/// down.
fn clearance((dx, dy): (f64, f64), width_a: f64, width_b: f64) -> f64 {
    let across = ((width_a + width_b) / 2.0 + ROOM) / dx;
    let down = (FACTOR_HEIGHT + ROOM) / dy;
    across.min(down)
}

/// Puts laid-out parts side by side in rows, [`GAP`] apart.
#[derive(Default)]
struct Shelf {
    x: f64,
    y: f64,
    row_height: f64,
}

impl Shelf {
    /// Moves the part `members` (laid out around any origin) to the next place.
    fn put(&mut self, members: &[usize], widths: &[f64], spot: &mut [(f64, f64)]) {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &i in members {
            let (x, y) = spot[i];
            x0 = x0.min(x - widths[i] / 2.0);
            x1 = x1.max(x + widths[i] / 2.0);
            y0 = y0.min(y - FACTOR_HEIGHT / 2.0);
            y1 = y1.max(y + FACTOR_HEIGHT / 2.0);
        }
        if self.x > 0.0 && self.x + (x1 - x0) > ROW_WIDTH {
            self.x = 0.0;
            self.y += self.row_height + GAP;
            self.row_height = 0.0;
        }
        for &i in members {
            spot[i].0 += self.x - x0;
            spot[i].1 += self.y - y0;
        }
        self.x += x1 - x0 + GAP;
        self.row_height = self.row_height.max(y1 - y0);
    }
}
