//! Differential test against networkx `simple_cycles` on 250 random digraphs (with
//! self-loops; a tenth of them with 65–94 vertices), a quarter of them also with a
//! length bound.
//!
//! Needs `python3` with networkx (`pip install networkx`); the test fails, and does not
//! skip, when either is missing.

use cirkelbreker::core::analysis::cycles::{for_each_cycle, BoundHit, Digraph, Limits};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::io::Write;
use std::process::{Command, Stdio};

const GRAPHS: usize = 250;
const BOUNDED_EVERY: usize = 4;

/// xorshift64: deterministic graphs, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// A node cycle rotated to start at its smallest node.
fn canonical(nodes: &[usize]) -> Vec<usize> {
    let start = (0..nodes.len()).min_by_key(|&i| nodes[i]).unwrap_or(0);
    nodes[start..].iter().chain(&nodes[..start]).copied().collect()
}

#[derive(Clone)]
struct Graph {
    n: usize,
    edges: Vec<(usize, usize)>,
    length_bound: Option<usize>,
}

fn random_graphs() -> Vec<Graph> {
    let mut rng = Rng(0x5eed_cafe);
    let mut graphs = Vec::new();
    while graphs.len() < GRAPHS {
        // every tenth graph is large: a ring through 65–94 vertices plus a few random
        // links, so one component has more than 64 vertices (the list-based blocking)
        let large = graphs.len() % 10 == 5;
        let n = if large { 65 + (rng.next() % 30) as usize } else { 1 + (rng.next() % 11) as usize };
        let edges: Vec<(usize, usize)> = if large {
            let mut edges: Vec<(usize, usize)> = (0..n).map(|a| (a, (a + 1) % n)).collect();
            for _ in 0..3 + rng.next() % 10 {
                let edge = ((rng.next() % n as u64) as usize, (rng.next() % n as u64) as usize);
                if !edges.contains(&edge) {
                    edges.push(edge);
                }
            }
            edges
        } else {
            let percent = 5 + rng.next() % 45;
            (0..n).flat_map(|a| (0..n).map(move |b| (a, b))).filter(|_| rng.next() % 100 < percent).collect()
        };
        let length_bound = (graphs.len() % BOUNDED_EVERY == 0).then(|| 1 + (rng.next() % 5) as usize);
        let graph = Digraph::new(n, &edges).expect("valid graph");
        // keep the Python side fast: skip graphs with very many loops
        let limits = Limits { max_cycles: 20_000, ..Limits::UNBOUNDED };
        if for_each_cycle(&graph, &limits, |_| {}).bound == Some(BoundHit::Count) {
            continue;
        }
        graphs.push(Graph { n, edges, length_bound });
    }
    graphs
}

fn networkx(graphs: &[Graph]) -> Vec<Vec<Vec<usize>>> {
    let input = json!(graphs
        .iter()
        .map(|g| json!({ "n": g.n, "edges": g.edges, "length_bound": g.length_bound }))
        .collect::<Vec<_>>());
    let script = format!("{}/tests/fixtures/nx_simple_cycles.py", env!("CARGO_MANIFEST_DIR"));
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 must be installed for the networkx differential test");
    child.stdin.take().expect("stdin").write_all(input.to_string().as_bytes()).expect("write graphs");
    let output = child.wait_with_output().expect("python3 runs");
    assert!(
        output.status.success(),
        "networkx must be installed (pip install networkx): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON from python");
    serde_json::from_value(value["cycles"].clone()).expect("cycle lists")
}

/// The size of the largest strongly connected component.
fn largest_component(graph: &Graph) -> usize {
    let mut petgraph = petgraph::graph::DiGraph::<(), ()>::new();
    let nodes: Vec<_> = (0..graph.n).map(|_| petgraph.add_node(())).collect();
    for &(a, b) in &graph.edges {
        petgraph.add_edge(nodes[a], nodes[b], ());
    }
    petgraph::algo::tarjan_scc(&petgraph).iter().map(Vec::len).max().unwrap_or(0)
}

#[test]
fn same_loops_as_networkx_simple_cycles() {
    let graphs = random_graphs();
    // each bounded graph once more without its bound, to check the length flag
    let unbounded: Vec<Graph> = graphs
        .iter()
        .filter(|g| g.length_bound.is_some())
        .map(|g| Graph { n: g.n, edges: g.edges.clone(), length_bound: None })
        .collect();
    let mut theirs = networkx(&graphs.iter().chain(&unbounded).cloned().collect::<Vec<_>>());
    assert_eq!(theirs.len(), graphs.len() + unbounded.len());
    let mut longest_unbounded =
        theirs.split_off(graphs.len()).into_iter().map(|cycles| cycles.iter().map(Vec::len).max().unwrap_or(0));
    let mut loops = 0;
    for (index, (graph, their_cycles)) in graphs.iter().zip(theirs).enumerate() {
        let digraph = Digraph::new(graph.n, &graph.edges).expect("valid");
        let limits = Limits { max_length: graph.length_bound, ..Limits::UNBOUNDED };
        let mut ours = Vec::new();
        let outcome = for_each_cycle(&digraph, &limits, |edges| {
            let nodes: Vec<usize> = edges.iter().map(|&e| graph.edges[e as usize].0).collect();
            ours.push(canonical(&nodes));
        });
        let ours_set: HashSet<Vec<usize>> = ours.iter().cloned().collect();
        assert_eq!(ours_set.len(), ours.len(), "graph {index}: a loop reported twice");
        let theirs_set: HashSet<Vec<usize>> = their_cycles.iter().map(|cycle| canonical(cycle)).collect();
        assert_eq!(
            ours_set, theirs_set,
            "graph {index}: n={} edges={:?} bound={:?}",
            graph.n, graph.edges, graph.length_bound
        );
        // the length bound is reported exactly when networkx finds a longer loop without it
        if let Some(bound) = graph.length_bound {
            let longest = longest_unbounded.next().expect("an unbounded twin");
            assert_eq!(outcome.bound == Some(BoundHit::Length), longest > bound, "graph {index}");
        }
        loops += ours.len();
    }
    assert!(loops > 10_000, "the graphs should exercise many loops, got {loops}");
    let large = graphs.iter().filter(|g| largest_component(g) > 64).count();
    assert!(large >= 20, "only {large} graphs with a component of more than 64 vertices");
}
