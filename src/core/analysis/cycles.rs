//! Elementary-cycle enumeration on a compact directed multigraph, with bounds that stop
//! the search at once.
//!
//! A loop is a sequence of *links* (edges), so two parallel links between the same
//! factors give two distinct loops, and a self-loop is a loop of length one.
//!
//! Without a length bound the search is Johnson's algorithm (Johnson 1975, "Finding all
//! the elementary circuits of a directed graph", SIAM J. Comput. 4(1)), run per start
//! vertex on the strongly connected component (Tarjan 1972, "Depth-first search and
//! linear graph algorithms", SIAM J. Comput. 1(2)) of that vertex in the subgraph of the
//! vertices not before it in the search order. The search is iterative (an explicit
//! stack, no recursion), runs on a compact copy of each component with bitset blocking
//! for components of up to 64 vertices, and reuses its buffers across start vertices.
//!
//! Johnson's blocking is not valid under a length bound, so a bounded search uses plain
//! backtracking pruned by the exact distance back to the start vertex. When that pruning
//! skips a path, the search checks whether a longer loop really exists there, so
//! [`BoundHit::Length`] is reported exactly when a loop longer than the bound exists.

use crate::core::sorting;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which bound stopped a loop search before it had seen every loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BoundHit {
    /// Loops longer than the length bound exist and were left out.
    Length,
    /// More loops exist than the count bound allows.
    Count,
    /// The work budget (edge scans) ran out before the search finished.
    Work,
}

impl BoundHit {
    /// The id used in JSON output (`"length"`, `"count"`, `"work"`).
    pub fn id(self) -> &'static str {
        match self {
            BoundHit::Length => "length",
            BoundHit::Count => "count",
            BoundHit::Work => "work",
        }
    }
}

/// The bounds of one loop search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Only loops with at most this many links; `None` for no length bound.
    pub max_length: Option<usize>,
    /// Stop after this many loops (the search stops when it finds one more).
    pub max_cycles: usize,
    /// Stop after this many edge scans.
    pub max_steps: u64,
}

impl Limits {
    /// No bounds at all.
    pub const UNBOUNDED: Limits = Limits { max_length: None, max_cycles: usize::MAX, max_steps: u64::MAX };
}

/// What a loop search did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Loops passed to the visitor.
    pub cycles: usize,
    /// Edge scans done (the unit of [`Limits::max_steps`]).
    pub steps: u64,
    /// The bound that cut the search, or `None` when every loop was visited.
    pub bound: Option<BoundHit>,
}

/// A link refers to a vertex that does not exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EdgeOutOfRange {
    /// The index of the bad edge.
    pub edge: usize,
}

impl fmt::Display for EdgeOutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "verband {} verwijst naar een factor die niet bestaat", self.edge)
    }
}

impl std::error::Error for EdgeOutOfRange {}

/// A directed multigraph in compressed adjacency form: vertices `0..n`, edges `0..m` in
/// the order given. Parallel edges and self-loops are allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digraph {
    node_count: usize,
    edge_count: usize,
    /// `out[out_start[v]..out_start[v + 1]]` are `(head, edge)` pairs leaving `v`, by edge index.
    out_start: Vec<usize>,
    out: Vec<(u32, u32)>,
    /// The same for edges entering `v`, as `(tail, edge)`.
    in_start: Vec<usize>,
    incoming: Vec<(u32, u32)>,
}

impl Digraph {
    /// Builds the graph with `node_count` vertices and the edges `(tail, head)`.
    ///
    /// # Errors
    /// [`EdgeOutOfRange`] when an edge names a vertex `>= node_count`.
    pub fn new(node_count: usize, edges: &[(usize, usize)]) -> Result<Digraph, EdgeOutOfRange> {
        if let Some(edge) = edges.iter().position(|&(tail, head)| tail >= node_count || head >= node_count) {
            return Err(EdgeOutOfRange { edge });
        }
        let (out_start, out) = adjacency(node_count, edges.iter().map(|&(tail, head)| (tail, head)));
        let (in_start, incoming) = adjacency(node_count, edges.iter().map(|&(tail, head)| (head, tail)));
        Ok(Digraph { node_count, edge_count: edges.len(), out_start, out, in_start, incoming })
    }

    /// The number of vertices.
    pub fn node_count(&self) -> usize {
        self.node_count
    }

    /// The number of edges.
    pub fn edge_count(&self) -> usize {
        self.edge_count
    }

    /// For each vertex, whether it lies on a loop (in a strongly connected component of
    /// two or more vertices, or with a self-loop).
    pub fn vertices_on_loops(&self) -> Vec<bool> {
        let mut on = vec![false; self.node_count];
        for component in self.components() {
            if component.on_loop {
                for &v in &component.vertices {
                    on[v] = true;
                }
            }
        }
        on
    }

    /// The strongly connected components (Tarjan 1972, iterative), each with its
    /// vertices and whether it holds a loop (two or more vertices, or a self-loop).
    pub fn components(&self) -> Vec<Component> {
        let n = self.node_count;
        let mut index = vec![u32::MAX; n];
        let mut low = vec![0u32; n];
        let mut on_stack = vec![false; n];
        let mut stack: Vec<usize> = Vec::new();
        let mut calls: Vec<(usize, usize)> = Vec::new();
        let mut next = 0u32;
        let mut found = Vec::new();
        for root in 0..n {
            if index[root] != u32::MAX {
                continue;
            }
            calls.push((root, self.out_start[root]));
            index[root] = next;
            low[root] = next;
            next += 1;
            stack.push(root);
            on_stack[root] = true;
            while let Some(&mut (v, ref mut position)) = calls.last_mut() {
                if *position < self.out_start[v + 1] {
                    let w = self.out[*position].0 as usize;
                    *position += 1;
                    if index[w] == u32::MAX {
                        index[w] = next;
                        low[w] = next;
                        next += 1;
                        stack.push(w);
                        on_stack[w] = true;
                        calls.push((w, self.out_start[w]));
                    } else if on_stack[w] {
                        low[v] = low[v].min(index[w]);
                    }
                } else {
                    calls.pop();
                    if let Some(&(parent, _)) = calls.last() {
                        low[parent] = low[parent].min(low[v]);
                    }
                    if low[v] == index[v] {
                        let mut vertices = Vec::new();
                        let mut self_loop = false;
                        while let Some(w) = stack.pop() {
                            on_stack[w] = false;
                            vertices.push(w);
                            self_loop |= self.out_edges(w).iter().any(|&(head, _)| head as usize == w);
                            if w == v {
                                break;
                            }
                        }
                        let on_loop = vertices.len() > 1 || self_loop;
                        found.push(Component { vertices, on_loop });
                    }
                }
            }
        }
        found
    }

    fn out_edges(&self, v: usize) -> &[(u32, u32)] {
        &self.out[self.out_start[v]..self.out_start[v + 1]]
    }

    fn in_edges(&self, v: usize) -> &[(u32, u32)] {
        &self.incoming[self.in_start[v]..self.in_start[v + 1]]
    }
}

/// A strongly connected component, as [`Digraph::components`] returns it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Component {
    /// Its vertices.
    pub vertices: Vec<usize>,
    /// Whether it holds a loop: two or more vertices, or a self-loop.
    pub on_loop: bool,
}

/// Counting sort of `(from, to)` pairs into offsets and `(to, edge)` entries.
fn adjacency(node_count: usize, pairs: impl Iterator<Item = (usize, usize)> + Clone) -> (Vec<usize>, Vec<(u32, u32)>) {
    let mut start = vec![0usize; node_count + 1];
    for (from, _) in pairs.clone() {
        start[from + 1] += 1;
    }
    for v in 0..node_count {
        start[v + 1] += start[v];
    }
    let mut fill = start.clone();
    let mut entries = vec![(0u32, 0u32); start[node_count]];
    for (edge, (from, to)) in pairs.enumerate() {
        entries[fill[from]] = (to as u32, edge as u32);
        fill[from] += 1;
    }
    (start, entries)
}

/// Visits every elementary cycle of `graph` within `limits`, as the edge indices in
/// loop order.
///
/// Each loop is visited once, starting at the edge that leaves its first vertex in the
/// search order: vertices by decreasing in-degree × out-degree, then by index (busy
/// vertices first leave sparser subgraphs for the later starts). Edges are scanned in
/// index order, so the order of the visits is deterministic. The `&[u32]` slice is only
/// valid during the call; nothing is allocated per loop.
///
/// # Arguments
/// * `graph`: the graph.
/// * `limits`: the length, count and work bounds; the search stops at once when the
///   count or work bound is reached.
/// * `visit`: called with the edges of each loop.
///
/// # Returns
/// An [`Outcome`]: how many loops were visited, the work done, and which bound (if any)
/// cut the search. `bound == None` means every elementary cycle was visited.
///
/// # Complexity
/// Without a length bound: O((n + e)(c + 1)) time for `c` loops (Johnson 1975), plus
/// O(n (n + e)) to find the component of each start vertex; O(n + e) memory. With a
/// length bound `L`: at most the number of elementary paths of length ≤ `L`, times the
/// degree; `max_steps` caps both.
///
/// # Example
/// ```
/// use cirkelbreker::core::analysis::cycles::{for_each_cycle, Digraph, Limits};
/// // a ⇄ b with two parallel links a → b, and a self-loop on b
/// let graph = Digraph::new(2, &[(0, 1), (0, 1), (1, 0), (1, 1)]).unwrap();
/// let mut loops = Vec::new();
/// let outcome = for_each_cycle(&graph, &Limits::UNBOUNDED, |edges| loops.push(edges.to_vec()));
/// // b (in 2, out 2) comes before a (in 1, out 2) in the search order
/// assert_eq!(loops, vec![vec![2, 0], vec![2, 1], vec![3]]);
/// assert_eq!(outcome.bound, None);
/// ```
pub fn for_each_cycle(graph: &Digraph, limits: &Limits, mut visit: impl FnMut(&[u32])) -> Outcome {
    try_for_each_cycle(graph, limits, |edges| {
        visit(edges);
        true
    })
}

/// As [`for_each_cycle`], but `visit` may stop the search: it returns `false` to stop.
/// A search stopped by the visitor reports [`BoundHit::Count`] (the visitor bounded the
/// count), so `bound == None` still means every loop was visited.
///
/// # Example
/// ```
/// use cirkelbreker::core::analysis::cycles::{try_for_each_cycle, BoundHit, Digraph, Limits};
/// // a ⇄ b and b ⇄ c: stop at the first loop through c
/// let graph = Digraph::new(3, &[(0, 1), (1, 0), (1, 2), (2, 1)]).unwrap();
/// let mut seen = 0;
/// let outcome = try_for_each_cycle(&graph, &Limits::UNBOUNDED, |edges| {
///     seen += 1;
///     !edges.contains(&2)
/// });
/// assert_eq!(outcome.bound, Some(BoundHit::Count));
/// assert!(seen <= 2);
/// ```
pub fn try_for_each_cycle(graph: &Digraph, limits: &Limits, visit: impl FnMut(&[u32]) -> bool) -> Outcome {
    let mut search = Search::new(graph, limits, visit);
    search.run();
    Outcome { cycles: search.cycles, steps: search.steps, bound: search.stopped.or(search.length_cut) }
}

/// Counts the elementary cycles of `graph` within `limits` without materialising them.
///
/// # Example
/// ```
/// use cirkelbreker::core::analysis::cycles::{count_cycles, Digraph, Limits};
/// let edges: Vec<(usize, usize)> =
///     (0..4).flat_map(|a| (0..4).filter(move |&b| b != a).map(move |b| (a, b))).collect();
/// let complete4 = Digraph::new(4, &edges).unwrap();
/// assert_eq!(count_cycles(&complete4, &Limits::UNBOUNDED).cycles, 20);
/// ```
pub fn count_cycles(graph: &Digraph, limits: &Limits) -> Outcome {
    for_each_cycle(graph, limits, |_| {})
}

/// Loops collected by [`collect_cycles`], stored flat (one buffer for all loops).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Collected {
    edges: Vec<u32>,
    ends: Vec<usize>,
    /// What the search that produced these loops did; `steps` counts all searches.
    pub outcome: Outcome,
    /// Every loop with at most this many edges is in the collection (`None` when the
    /// collection is complete, or when no such length is known).
    pub complete_to_length: Option<usize>,
}

impl Collected {
    /// The number of loops.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no loops.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The loops, each as its edges in loop order.
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> + '_ {
        self.ends.iter().scan(0, |start, &end| {
            let cycle = &self.edges[*start..end];
            *start = end;
            Some(cycle)
        })
    }

    fn gather(graph: &Digraph, limits: &Limits) -> Collected {
        let mut collected = Collected::default();
        collected.outcome = for_each_cycle(graph, limits, |path| {
            collected.edges.extend_from_slice(path);
            collected.ends.push(collected.edges.len());
        });
        collected.complete_to_length = match collected.outcome.bound {
            Some(BoundHit::Length) => limits.max_length,
            _ => None,
        };
        collected
    }
}

/// Collects the loops of `graph` within `limits`.
///
/// With `shortest_first`, a search that finds more than `max_cycles` loops is redone
/// with a growing length bound, and the result is every loop up to the longest length
/// whose loops all fit (`complete_to_length`), then as many loops of the next length as
/// the count bound leaves room for, instead of the first loops in search order (which
/// all run through the first vertices). A count bound never empties the list. The bound reported stays
/// [`BoundHit::Count`]. All searches share `max_steps`.
///
/// # Arguments
/// * `graph`: the graph.
/// * `limits`: the bounds.
/// * `shortest_first`: prefer all short loops over the first loops found.
///
/// # Returns
/// The loops and the [`Outcome`] of the search that produced them.
///
/// # Complexity
/// As [`for_each_cycle`], times at most the number of length bounds tried; O(total
/// loop length) memory.
///
/// # Example
/// ```
/// use cirkelbreker::core::analysis::cycles::{collect_cycles, BoundHit, Digraph, Limits};
/// let edges: Vec<(usize, usize)> =
///     (0..5).flat_map(|a| (0..5).filter(move |&b| b != a).map(move |b| (a, b))).collect();
/// let limits = Limits { max_cycles: 40, ..Limits::UNBOUNDED };
/// let loops = collect_cycles(&Digraph::new(5, &edges).unwrap(), &limits, true);
/// // K5 has 10 loops of length 2, 20 of length 3 and 30 of length 4 (84 in all): all
/// // loops up to length 3, then 10 of length 4
/// assert_eq!((loops.len(), loops.complete_to_length), (40, Some(3)));
/// assert_eq!(loops.outcome.bound, Some(BoundHit::Count));
/// ```
pub fn collect_cycles(graph: &Digraph, limits: &Limits, shortest_first: bool) -> Collected {
    let first = Collected::gather(graph, limits);
    if !shortest_first || first.outcome.bound != Some(BoundHit::Count) {
        return first;
    }
    let mut spent = first.outcome.steps;
    let mut best: Option<Collected> = None;
    let longest = limits.max_length.unwrap_or(graph.node_count).min(graph.node_count);
    for length in 1..=longest {
        let bounded = Limits { max_length: Some(length), max_steps: limits.max_steps.saturating_sub(spent), ..*limits };
        let attempt = Collected::gather(graph, &bounded);
        spent = spent.saturating_add(attempt.outcome.steps);
        match attempt.outcome.bound {
            Some(BoundHit::Work) => break,
            Some(BoundHit::Count) => {
                // this length class does not fit: keep every shorter loop and as many of
                // this length as the count bound allows (the attempt holds at least that
                // many, since at most `best.len()` of its loops are shorter)
                let mut kept = best.take().unwrap_or_default();
                let shorter = kept.len();
                for cycle in attempt.iter().filter(|cycle| cycle.len() == length).take(limits.max_cycles - shorter) {
                    kept.edges.extend_from_slice(cycle);
                    kept.ends.push(kept.edges.len());
                }
                kept.complete_to_length = (length > 1).then_some(length - 1);
                best = Some(kept);
                break;
            }
            _ => best = Some(Collected { complete_to_length: Some(length), ..attempt }),
        }
    }
    let mut result = best.filter(|kept| !kept.is_empty()).unwrap_or(first);
    result.outcome.bound = Some(BoundHit::Count);
    result.outcome.steps = spent;
    result
}

/// One vertex on the search path: where its edge scan is and whether a loop was found
/// below it.
#[derive(Clone, Copy)]
struct Frame {
    vertex: u32,
    next: usize,
    end: usize,
    found: bool,
}

/// Johnson's blocking state on a component with vertices `0..count`: which vertices
/// are blocked, and which blocked vertices wait for which (Johnson's `B` lists).
trait Blocking {
    /// Unblocks everything for a component of `count` vertices.
    fn reset(&mut self, count: usize);
    fn is_blocked(&self, v: usize) -> bool;
    fn block(&mut self, v: usize);
    /// `v` stays blocked until `w` is unblocked.
    fn wait_for(&mut self, w: usize, v: usize);
    /// Unblocks `v` and, in cascade, everything waiting for an unblocked vertex.
    fn unblock(&mut self, v: usize);
}

/// Blocking state for components of at most 64 vertices: one bit per vertex.
struct SmallBlocking {
    blocked: u64,
    waiting: Vec<u64>,
}

impl Default for SmallBlocking {
    fn default() -> Self {
        SmallBlocking { blocked: 0, waiting: vec![0; 64] }
    }
}

impl Blocking for SmallBlocking {
    fn reset(&mut self, count: usize) {
        self.blocked = 0;
        self.waiting[..count].fill(0);
    }
    fn is_blocked(&self, v: usize) -> bool {
        self.blocked >> v & 1 != 0
    }
    fn block(&mut self, v: usize) {
        self.blocked |= 1 << v;
    }
    fn wait_for(&mut self, w: usize, v: usize) {
        self.waiting[w] |= 1 << v;
    }
    fn unblock(&mut self, v: usize) {
        self.blocked &= !(1 << v);
        let mut pending: u64 = 1 << v;
        while pending != 0 {
            let x = pending.trailing_zeros() as usize;
            pending &= pending - 1;
            let freed = self.waiting[x] & self.blocked;
            self.waiting[x] = 0;
            self.blocked &= !freed;
            pending |= freed;
        }
    }
}

/// Blocking state for larger components: flags and waiting lists.
#[derive(Default)]
struct ListBlocking {
    blocked: Vec<bool>,
    waiting: Vec<Vec<u32>>,
    stack: Vec<u32>,
}

impl Blocking for ListBlocking {
    fn reset(&mut self, count: usize) {
        self.blocked.clear();
        self.blocked.resize(count, false);
        if self.waiting.len() < count {
            self.waiting.resize(count, Vec::new());
        }
        self.waiting[..count].iter_mut().for_each(Vec::clear);
    }
    fn is_blocked(&self, v: usize) -> bool {
        self.blocked[v]
    }
    fn block(&mut self, v: usize) {
        self.blocked[v] = true;
    }
    fn wait_for(&mut self, w: usize, v: usize) {
        if !self.waiting[w].contains(&(v as u32)) {
            self.waiting[w].push(v as u32);
        }
    }
    fn unblock(&mut self, v: usize) {
        self.blocked[v] = false;
        self.stack.push(v as u32);
        while let Some(x) = self.stack.pop() {
            while let Some(y) = self.waiting[x as usize].pop() {
                if self.blocked[y as usize] {
                    self.blocked[y as usize] = false;
                    self.stack.push(y);
                }
            }
        }
    }
}

struct Search<'g, F> {
    graph: &'g Digraph,
    limits: Limits,
    visit: F,
    cycles: usize,
    steps: u64,
    stopped: Option<BoundHit>,
    length_cut: Option<BoundHit>,
    /// The position of each vertex in the order of start vertices.
    rank: Vec<u32>,
    /// `mark[v] == stamp` while `v` is reachable from the start vertex.
    mark: Vec<u32>,
    /// `member[v] == stamp` while `v` is in the start vertex's component.
    member: Vec<u32>,
    stamp: u32,
    /// Distance from `v` back to the start vertex (valid for members).
    dist: Vec<u32>,
    component: Vec<u32>,
    queue: Vec<u32>,
    /// On-path marks of the length-bounded search.
    blocked: Vec<bool>,
    /// `local[v]`: the position of `v` in `component`.
    local: Vec<u32>,
    /// The component's own adjacency: `local_out[local_start[i]..local_start[i + 1]]`.
    local_start: Vec<usize>,
    local_out: Vec<(u32, u32)>,
    small: SmallBlocking,
    lists: ListBlocking,
    frames: Vec<Frame>,
    path: Vec<u32>,
    /// Visited marks for the existence check of a loop longer than the bound.
    seen: Vec<u32>,
    seen_stamp: u32,
}

impl<'g, F: FnMut(&[u32]) -> bool> Search<'g, F> {
    fn new(graph: &'g Digraph, limits: &Limits, visit: F) -> Self {
        let n = graph.node_count;
        Search {
            graph,
            limits: *limits,
            visit,
            cycles: 0,
            steps: 0,
            stopped: None,
            length_cut: None,
            rank: vec![0; n],
            mark: vec![0; n],
            member: vec![0; n],
            stamp: 0,
            dist: vec![0; n],
            component: Vec::new(),
            queue: Vec::new(),
            blocked: vec![false; n],
            local: vec![0; n],
            local_start: Vec::new(),
            local_out: Vec::new(),
            small: SmallBlocking::default(),
            lists: ListBlocking::default(),
            frames: Vec::new(),
            path: Vec::new(),
            seen: vec![0; n],
            seen_stamp: 0,
        }
    }

    fn run(&mut self) {
        let graph = self.graph;
        let mut order: Vec<usize> = (0..graph.node_count).collect();
        sorting::sort_by_key(&mut order, |&v| std::cmp::Reverse(graph.out_edges(v).len() * graph.in_edges(v).len()));
        for (position, &v) in order.iter().enumerate() {
            self.rank[v] = position as u32;
        }
        for start in order {
            if self.stopped.is_some() {
                return;
            }
            self.stamp += 1;
            if !self.find_component(start) {
                continue;
            }
            match self.limits.max_length {
                Some(bound) if bound < self.component.len() => self.bounded(start, bound),
                _ => self.johnson(),
            }
        }
    }

    /// Adds `amount` edge scans; records the work bound when it is exceeded.
    fn spend(&mut self, amount: u64) -> bool {
        self.steps = self.steps.saturating_add(amount);
        if self.steps > self.limits.max_steps {
            self.stopped = Some(BoundHit::Work);
            return false;
        }
        true
    }

    /// Marks the strongly connected component of `start` in the subgraph of the vertices
    /// not before it in the search order, and the distances back to `start`. Returns whether it contains a loop.
    fn find_component(&mut self, start: usize) -> bool {
        let graph = self.graph;
        let stamp = self.stamp;
        self.queue.clear();
        self.queue.push(start as u32);
        self.mark[start] = stamp;
        let mut returns = false;
        let mut head = 0;
        while head < self.queue.len() {
            let v = self.queue[head] as usize;
            head += 1;
            let edges = graph.out_edges(v);
            for &(w, _) in edges {
                let w = w as usize;
                if w == start {
                    returns = true;
                } else if self.rank[w] > self.rank[start] && self.mark[w] != stamp {
                    self.mark[w] = stamp;
                    self.queue.push(w as u32);
                }
            }
            if !self.spend(edges.len() as u64) {
                return false;
            }
        }
        if !returns {
            return false;
        }
        self.component.clear();
        self.component.push(start as u32);
        self.member[start] = stamp;
        self.dist[start] = 0;
        let mut head = 0;
        while head < self.component.len() {
            let v = self.component[head] as usize;
            head += 1;
            let edges = graph.in_edges(v);
            for &(u, _) in edges {
                let u = u as usize;
                if self.mark[u] == stamp && self.member[u] != stamp {
                    self.member[u] = stamp;
                    self.dist[u] = self.dist[v] + 1;
                    self.component.push(u as u32);
                }
            }
            if !self.spend(edges.len() as u64) {
                return false;
            }
        }
        true
    }

    fn frame(&self, vertex: usize) -> Frame {
        Frame {
            vertex: vertex as u32,
            next: self.graph.out_start[vertex],
            end: self.graph.out_start[vertex + 1],
            found: false,
        }
    }

    /// Reports the loop `path + edge`; false when the count bound stops the search.
    fn emit(&mut self, edge: u32) -> bool {
        if self.cycles >= self.limits.max_cycles {
            self.stopped = Some(BoundHit::Count);
            return false;
        }
        self.cycles += 1;
        self.path.push(edge);
        let go_on = (self.visit)(&self.path);
        self.path.pop();
        if !go_on {
            self.stopped = Some(BoundHit::Count);
        }
        go_on
    }

    /// Johnson's circuit search from `start` in its component, on a local copy of the
    /// component (vertex `i` is `component[i]`, the start is 0, only edges inside it).
    fn johnson(&mut self) {
        let stamp = self.stamp;
        let graph = self.graph;
        for (i, &v) in self.component.iter().enumerate() {
            self.local[v as usize] = i as u32;
        }
        self.local_start.clear();
        self.local_out.clear();
        let mut scanned = 0;
        for &v in &self.component {
            self.local_start.push(self.local_out.len());
            let edges = graph.out_edges(v as usize);
            scanned += edges.len() as u64;
            for &(w, edge) in edges {
                if self.member[w as usize] == stamp {
                    self.local_out.push((self.local[w as usize], edge));
                }
            }
        }
        self.local_start.push(self.local_out.len());
        if !self.spend(scanned) {
            return;
        }
        if self.component.len() <= 64 {
            let mut state = std::mem::take(&mut self.small);
            self.circuits(&mut state);
            self.small = state;
        } else {
            let mut state = std::mem::take(&mut self.lists);
            self.circuits(&mut state);
            self.lists = state;
        }
    }

    /// The circuit search proper, on the local component, with blocking state `state`.
    /// The current vertex lives in locals; the stack holds only its ancestors.
    fn circuits<B: Blocking>(&mut self, state: &mut B) {
        state.reset(self.component.len());
        state.block(0);
        let starts = std::mem::take(&mut self.local_start);
        let out = std::mem::take(&mut self.local_out);
        let mut frames = std::mem::take(&mut self.frames);
        let mut path = std::mem::take(&mut self.path);
        frames.clear();
        path.clear();
        let budget = self.limits.max_steps.saturating_sub(self.steps);
        let mut steps: u64 = 0;
        let (mut v, mut next, mut end, mut found) = (0usize, starts[0], starts[1], false);
        loop {
            if next < end {
                let (w, edge) = out[next];
                next += 1;
                steps += 1;
                if steps > budget {
                    self.stopped = Some(BoundHit::Work);
                    break;
                }
                let w = w as usize;
                if w == 0 {
                    found = true;
                    if self.cycles >= self.limits.max_cycles {
                        self.stopped = Some(BoundHit::Count);
                        break;
                    }
                    self.cycles += 1;
                    path.push(edge);
                    let go_on = (self.visit)(&path);
                    path.pop();
                    if !go_on {
                        self.stopped = Some(BoundHit::Count);
                        break;
                    }
                } else if !state.is_blocked(w) {
                    state.block(w);
                    path.push(edge);
                    frames.push(Frame { vertex: v as u32, next, end, found });
                    (v, next, end, found) = (w, starts[w], starts[w + 1], false);
                }
            } else {
                if found {
                    state.unblock(v);
                } else {
                    for &(w, _) in &out[starts[v]..starts[v + 1]] {
                        state.wait_for(w as usize, v);
                    }
                }
                let Some(parent) = frames.pop() else { break };
                path.pop();
                (v, next, end, found) = (parent.vertex as usize, parent.next, parent.end, parent.found | found);
            }
        }
        self.steps = self.steps.saturating_add(steps);
        self.local_start = starts;
        self.local_out = out;
        self.frames = frames;
        self.path = path;
    }

    /// Backtracking from `start` over loops of at most `bound` edges.
    fn bounded(&mut self, start: usize, bound: usize) {
        let stamp = self.stamp;
        for &v in &self.component {
            self.blocked[v as usize] = false;
        }
        self.blocked[start] = true;
        self.path.clear();
        self.frames.clear();
        let first = self.frame(start);
        self.frames.push(first);
        while let Some(top) = self.frames.last_mut() {
            if top.next < top.end {
                let (w, edge) = self.graph.out[top.next];
                top.next += 1;
                let w = w as usize;
                let length = self.path.len() + 1;
                if self.member[w] != stamp {
                    // outside the component
                } else if w == start {
                    if length <= bound {
                        if !self.emit(edge) {
                            return;
                        }
                    } else {
                        self.length_cut = Some(BoundHit::Length);
                    }
                } else if !self.blocked[w] {
                    if length + self.dist[w] as usize <= bound {
                        self.blocked[w] = true;
                        self.path.push(edge);
                        let frame = self.frame(w);
                        self.frames.push(frame);
                    } else if self.length_cut.is_none() && self.reaches_start_avoiding_path(w, start) {
                        self.length_cut = Some(BoundHit::Length);
                    }
                }
                if !self.spend(1) {
                    return;
                }
            } else {
                let done = *top;
                self.frames.pop();
                self.blocked[done.vertex as usize] = false;
                self.path.pop();
            }
        }
        self.blocked[start] = false;
    }

    /// Whether `from` reaches `start` inside the component without using a vertex on the
    /// current path: then the pruned extension closes a real loop longer than the bound.
    fn reaches_start_avoiding_path(&mut self, from: usize, start: usize) -> bool {
        let stamp = self.stamp;
        self.seen_stamp += 1;
        let seen = self.seen_stamp;
        self.queue.clear();
        self.queue.push(from as u32);
        self.seen[from] = seen;
        while let Some(v) = self.queue.pop() {
            let edges = self.graph.out_edges(v as usize);
            if !self.spend(edges.len() as u64) {
                return false;
            }
            for &(w, _) in edges {
                let w = w as usize;
                if w == start {
                    return true;
                }
                if self.member[w] == stamp && !self.blocked[w] && self.seen[w] != seen {
                    self.seen[w] = seen;
                    self.queue.push(w as u32);
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete(n: usize) -> Digraph {
        let edges: Vec<(usize, usize)> =
            (0..n).flat_map(|a| (0..n).filter(move |&b| b != a).map(move |b| (a, b))).collect();
        Digraph::new(n, &edges).expect("valid")
    }

    #[test]
    fn complete_graphs_have_the_known_counts() {
        let known = [0, 0, 1, 5, 20, 84, 409, 2365, 16064];
        for (n, &count) in known.iter().enumerate() {
            assert_eq!(count_cycles(&complete(n), &Limits::UNBOUNDED).cycles, count, "K{n}");
        }
    }

    #[test]
    fn count_bound_stops_exactly() {
        let graph = complete(5);
        let limits = Limits { max_cycles: 7, ..Limits::UNBOUNDED };
        let outcome = count_cycles(&graph, &limits);
        assert_eq!((outcome.cycles, outcome.bound), (7, Some(BoundHit::Count)));
        let limits = Limits { max_cycles: 84, ..Limits::UNBOUNDED };
        assert_eq!(count_cycles(&graph, &limits).bound, None);
    }

    #[test]
    fn length_bound_is_reported_only_when_a_longer_loop_exists() {
        // one triangle: bound 3 is complete, bound 2 is not
        let triangle = Digraph::new(3, &[(0, 1), (1, 2), (2, 0)]).expect("valid");
        let at = |bound| count_cycles(&triangle, &Limits { max_length: Some(bound), ..Limits::UNBOUNDED });
        assert_eq!((at(3).cycles, at(3).bound), (1, None));
        assert_eq!((at(2).cycles, at(2).bound), (0, Some(BoundHit::Length)));
        // K4 with bound 2: the 6 two-cycles, and longer loops exist
        let outcome = count_cycles(&complete(4), &Limits { max_length: Some(2), ..Limits::UNBOUNDED });
        assert_eq!((outcome.cycles, outcome.bound), (6, Some(BoundHit::Length)));
    }

    #[test]
    fn work_bound_stops_the_search() {
        let outcome = count_cycles(&complete(8), &Limits { max_steps: 1000, ..Limits::UNBOUNDED });
        assert_eq!(outcome.bound, Some(BoundHit::Work));
        assert!(outcome.steps <= 1001);
    }

    #[test]
    fn rejects_edges_to_missing_vertices() {
        assert_eq!(Digraph::new(2, &[(0, 1), (1, 2)]), Err(EdgeOutOfRange { edge: 1 }));
    }
}
