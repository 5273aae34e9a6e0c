//! Loop-enumeration benchmark: Cirkelbreker's `count_cycles` against the graph-cycles
//! crate on the same graphs, and the interactive `analyse` on case-sized maps.
//!
//! `cirkelbreker-bench DIR` writes every benchmark graph to `DIR/NAME.txt` (one `tail head`
//! pair per line, so networkx can read the same graphs) and prints one JSON object per
//! line: `{"kind":"loops", ...}` per graph and `{"kind":"interactive", ...}` per case size.
//! `scripts/bench.sh` adds networkx and prints the table.

use cirkelbreker::core::analysis::cycles::{count_cycles, Digraph, Limits};
use cirkelbreker::core::analysis::{analyse, AnalysisOptions};
use cirkelbreker::core::mandate::NoMandates;
use cirkelbreker::core::model::{Case, Factor, Link, Polarity};
use graph_cycles::Cycles;
use serde_json::json;
use std::time::{Duration, Instant};

/// xorshift64*: a small deterministic generator so every run uses the same graphs.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % bound
    }
}

/// `edges` distinct links between distinct factors of `nodes`, from `seed`.
fn random_digraph(nodes: usize, edges: usize, seed: u64) -> Vec<(usize, usize)> {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut list = Vec::with_capacity(edges);
    while list.len() < edges {
        let edge = (rng.below(nodes), rng.below(nodes));
        if edge.0 != edge.1 && !list.contains(&edge) {
            list.push(edge);
        }
    }
    list
}

fn complete(nodes: usize) -> Vec<(usize, usize)> {
    (0..nodes).flat_map(|a| (0..nodes).filter(move |&b| b != a).map(move |b| (a, b))).collect()
}

/// The best time of `run` over repeats totalling at least `min_total`, with its result.
fn best_time<T>(min_total: Duration, mut run: impl FnMut() -> T) -> (Duration, T) {
    let started = Instant::now();
    let mut best = Duration::MAX;
    let mut result;
    loop {
        let start = Instant::now();
        result = run();
        best = best.min(start.elapsed());
        if started.elapsed() >= min_total {
            return (best, result);
        }
    }
}

fn loops_row(dir: &str, name: &str, nodes: usize, edges: &[(usize, usize)]) -> std::io::Result<()> {
    let text: String = edges.iter().map(|(a, b)| format!("{a} {b}\n")).collect();
    std::fs::write(format!("{dir}/{name}.txt"), format!("# nodes {nodes}\n{text}"))?;
    let graph = Digraph::new(nodes, edges).map_err(std::io::Error::other)?;
    let (ours, outcome) = best_time(Duration::from_secs(2), || count_cycles(&graph, &Limits::UNBOUNDED));
    let mut petgraph = petgraph::graph::DiGraph::<(), ()>::new();
    let ids: Vec<_> = (0..nodes).map(|_| petgraph.add_node(())).collect();
    for &(a, b) in edges {
        petgraph.add_edge(ids[a], ids[b], ());
    }
    let (theirs, counted) = best_time(Duration::from_secs(2), || {
        let mut count = 0usize;
        petgraph.visit_all_cycles(|_, _| count += 1);
        count
    });
    println!(
        "{}",
        json!({
            "kind": "loops", "graph": name, "nodes": nodes, "edges": edges.len(),
            "loops": outcome.cycles, "complete": outcome.bound.is_none(),
            "cirkelbreker_s": ours.as_secs_f64(), "graph_cycles_s": theirs.as_secs_f64(), "graph_cycles_loops": counted,
        })
    );
    Ok(())
}

/// A case with `factors` factors and `links` random links (a third negative).
fn random_case(factors: usize, links: usize, seed: u64) -> Case {
    let mut case = Case::default();
    for i in 0..factors {
        case.factors.push(Factor {
            id: format!("f{i}"),
            label: format!("factor {i}"),
            kind: Default::default(),
            x: 0.0,
            y: 0.0,
            note: String::new(),
            fixed: false,
        });
    }
    let sectors = ["wonen", "inkomen", "zorg", "schulden", "jeugd"];
    for (i, (a, b)) in random_digraph(factors, links, seed).into_iter().enumerate() {
        case.links.push(Link {
            id: format!("l{i}"),
            from: format!("f{a}"),
            to: format!("f{b}"),
            polarity: if (a * 7 + b * 3) % 3 == 0 { Polarity::Negative } else { Polarity::Positive },
            sector: Some(sectors[(a + b) % sectors.len()].to_string()),
            rule: None,
            delay: false,
            confidence: Default::default(),
            note: String::new(),
            fixed: false,
            cost: None,
        });
    }
    case
}

fn interactive_row(factors: usize, links: usize, seeds: u64) {
    let options = AnalysisOptions::interactive();
    let mut times = Vec::new();
    let (mut complete, mut optimal, mut loops) = (0, 0, Vec::new());
    for seed in 0..seeds {
        let case = random_case(factors, links, 1000 + seed);
        let (time, analysis) = best_time(Duration::from_millis(50), || analyse(&case, &NoMandates, &options));
        times.push(time.as_secs_f64() * 1000.0);
        complete += usize::from(analysis.complete);
        optimal += usize::from(analysis.plan.optimal);
        loops.push(analysis.cycles.len());
    }
    times.sort_by(f64::total_cmp);
    loops.sort_unstable();
    println!(
        "{}",
        json!({
            "kind": "interactive", "factors": factors, "links": links, "cases": seeds,
            "median_ms": times[times.len() / 2], "max_ms": times[times.len() - 1],
            "complete": complete, "optimal": optimal, "median_loops": loops[loops.len() / 2],
        })
    );
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "target/bench-graphs".into());
    std::fs::create_dir_all(&dir)?;
    for (nodes, seed) in [(30, 1), (30, 2), (35, 3), (35, 6), (40, 4), (40, 5)] {
        loops_row(&dir, &format!("random-{nodes}-{}-s{seed}", 3 * nodes), nodes, &random_digraph(nodes, 3 * nodes, seed))?;
    }
    loops_row(&dir, "K9", 9, &complete(9))?;
    loops_row(&dir, "K10", 10, &complete(10))?;
    interactive_row(40, 100, 20);
    interactive_row(60, 150, 20);
    Ok(())
}
