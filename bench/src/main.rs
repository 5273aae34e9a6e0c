//! Loop-enumeration benchmark: Cirkelbreker's `count_cycles` against the graph-cycles
//! crate on the same graphs, the interactive `analyse` on case-sized maps, and the limits
//! of the file formats (refusing a 50 MB file, a dense K30 map through every format).
//!
//! `cirkelbreker-bench DIR` writes every benchmark graph to `DIR/NAME.txt` (one `tail head`
//! pair per line, so networkx can read the same graphs) and prints one JSON object per
//! line: `{"kind":"loops", ...}` per graph, `{"kind":"interactive", ...}` per case size and
//! `{"kind":"formats", ...}` per format limit. `scripts/bench.sh` adds networkx and prints
//! the tables.

#[path = "../../tests/support/k30.rs"]
mod k30;

use cirkelbreker::core::analysis::cycles::{count_cycles, Digraph, Limits};
use cirkelbreker::core::analysis::{analyse, AnalysisOptions};
use cirkelbreker::core::formats::case_json::{read_case, write_case};
use cirkelbreker::core::formats::kumu_csv::{read_kumu_csv, write_kumu_csv};
use cirkelbreker::core::formats::{dot, graphml, Format};
use cirkelbreker::core::mandate::NoMandates;
use cirkelbreker::core::model::{Case, Factor, Link, Polarity};
use graph_cycles::Cycles;
use k30::k30;
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

fn formats_row(what: &str, target_ms: f64, time: Duration) {
    println!(
        "{}",
        json!({ "kind": "formats", "what": what, "best_ms": time.as_secs_f64() * 1000.0, "target_ms": target_ms })
    );
}

/// The limits the format tests used to time: refusing a 50 MB file (the readers, and the
/// CLI on a sparse file), and a dense K30 map written and read through every format.
fn formats_rows(dir: &str) -> std::io::Result<()> {
    let huge = format!("{{\"factors\": [], \"title\": \"{}\"}}", "x".repeat(50 * 1024 * 1024));
    let (time, refused) = best_time(Duration::from_millis(200), || {
        read_case(&huge).is_err()
            && read_kumu_csv(&huge).is_err()
            && Format::CaseJson.read_bytes(huge.as_bytes()).is_err()
    });
    assert!(refused, "a 50 MB case must be refused");
    formats_row("a 50 MB case refused by the three readers", 50.0, time);

    let input = format!("{dir}/groot.json");
    std::fs::File::create(&input)?.set_len(50 * 1024 * 1024)?;
    let args = vec!["convert".to_string(), input.clone(), format!("{dir}/uit.csv")];
    let (time, code) = best_time(Duration::from_millis(200), || {
        cirkelbreker::cli::run(&args, &mut std::io::sink(), &mut std::io::sink())
    });
    assert_eq!(code, std::process::ExitCode::from(1), "the CLI must refuse a 50 MB file");
    std::fs::remove_file(&input)?;
    formats_row("a 50 MB file refused by `cirkelbreker convert` (in-process)", 2000.0, time);

    let case = k30();
    let (time, same) = best_time(Duration::from_secs(1), || {
        let json = write_case(&case);
        let csv = write_kumu_csv(&case);
        let graphml = graphml::write_graphml(&case);
        let dot = dot::write_dot(&case);
        read_case(&json).is_ok_and(|read| read == case)
            && read_kumu_csv(&csv).is_ok_and(|read| read.links.len() == case.links.len())
            && !graphml.is_empty()
            && !dot.is_empty()
    });
    assert!(same, "K30 must read back");
    formats_row("K30 (870 links) written and read through every format", 2000.0, time);
    Ok(())
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "target/bench-graphs".into());
    std::fs::create_dir_all(&dir)?;
    for (nodes, seed) in [(30, 1), (30, 2), (35, 3), (35, 6), (40, 4), (40, 5)] {
        loops_row(
            &dir,
            &format!("random-{nodes}-{}-s{seed}", 3 * nodes),
            nodes,
            &random_digraph(nodes, 3 * nodes, seed),
        )?;
    }
    loops_row(&dir, "K9", 9, &complete(9))?;
    loops_row(&dir, "K10", 10, &complete(10))?;
    interactive_row(40, 100, 20);
    interactive_row(60, 150, 20);
    formats_rows(&dir)?;
    Ok(())
}
