//! Plan benchmark (issue #12): the integral plan on random signed case maps of 30–60
//! factors and 2–2.7 links per factor, with the command line's and the app's bounds.
//!
//! `plan DIR` writes every map to `DIR/NAME.json` (factors, links with sign and cost, for
//! `bench/plan_ilp.py`) and prints one JSON object per map: size, time, cost, proof, gap,
//! covering rounds and loops used. `bench/plan.sh` adds the ILP (pulp + CBC) and prints the
//! table. Nothing here asserts a time.

#[path = "../../../tests/support/dense_maps.rs"]
mod dense_maps;

use cirkelbreker::core::analysis::{analyse, AnalysisOptions};
use cirkelbreker::core::mandate::NoMandates;
use cirkelbreker::core::model::{Case, Factor, Link, Polarity, Target};
use dense_maps::{complete_map, three_layers};
use serde_json::json;
use std::time::{Duration, Instant};

/// xorshift64*: the same maps on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % bound
    }
}

/// A random signed map: `factors` factors, `links` distinct links between distinct
/// factors, a third negative, a quarter with a user cost of 1–30, a tenth fixed.
pub fn random_map(factors: usize, links: usize, seed: u64) -> Case {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut case = Case::default();
    for i in 0..factors {
        case.factors.push(Factor::new(&format!("f{i}"), &format!("factor {i}"), Default::default()));
    }
    let mut pairs = Vec::new();
    while pairs.len() < links {
        let pair = (rng.below(factors), rng.below(factors));
        if pair.0 != pair.1 && !pairs.contains(&pair) {
            pairs.push(pair);
        }
    }
    for (i, (a, b)) in pairs.into_iter().enumerate() {
        let polarity = if rng.below(3) == 0 { Polarity::Negative } else { Polarity::Positive };
        let mut link = Link::new(&format!("l{i}"), &format!("f{a}"), &format!("f{b}"), polarity);
        if rng.below(4) == 0 {
            link.cost = Some(1 + rng.below(30) as u32);
        }
        link.fixed = rng.below(10) == 0;
        case.links.push(link);
    }
    case
}

fn best_time<T>(min_total: Duration, mut run: impl FnMut() -> T) -> (Duration, T) {
    let started = Instant::now();
    let mut best = Duration::MAX;
    loop {
        let start = Instant::now();
        let result = run();
        best = best.min(start.elapsed());
        if started.elapsed() >= min_total {
            return (best, result);
        }
    }
}

/// Dense maps that stress the bounds: K40 and 27 factors in three fully linked layers.
fn dense_rows() {
    let (k30, k40, layered) = (complete_map(30), complete_map(40), three_layers());
    for (name, case) in [("K30", &k30), ("K40", &k40), ("layers-27", &layered)] {
        let options = AnalysisOptions::interactive();
        let (time, analysis) = best_time(Duration::from_millis(500), || analyse(case, &NoMandates, &options));
        println!(
            "{}",
            json!({ "kind": "dense", "bounds": "app", "name": name, "ms": time.as_secs_f64() * 1000.0,
                    "cost": analysis.plan.cost, "optimal": analysis.plan.optimal,
                    "breaks_all": analysis.plan.breaks_all, "gap": analysis.plan.gap(),
                    "listed": analysis.cycles.len() })
        );
    }
}

fn main() -> std::io::Result<()> {
    if std::env::args().nth(1).as_deref() == Some("--dense") {
        dense_rows();
        return Ok(());
    }
    let dir = std::env::args().nth(1).unwrap_or_else(|| "plan-maps".into());
    std::fs::create_dir_all(&dir)?;
    let seeds: u64 = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(10);
    for factors in [30usize, 40, 50, 60] {
        for density in [20usize, 24, 27] {
            for seed in 0..seeds {
                let links = factors * density / 10;
                let case = random_map(factors, links, 7000 + seed * 131 + factors as u64 * 7 + density as u64);
                let name = format!("map-{factors}-{links}-s{seed}");
                let file = json!({
                    "factors": case.factors.iter().map(|f| f.id.clone()).collect::<Vec<_>>(),
                    "links": case.links.iter().map(|l| json!({
                        "id": l.id, "from": l.from, "to": l.to,
                        "negative": l.polarity == Polarity::Negative,
                        "cost": l.cost.unwrap_or(27), "fixed": l.fixed,
                    })).collect::<Vec<_>>(),
                    "factor_cost": 81,
                });
                std::fs::write(format!("{dir}/{name}.json"), file.to_string())?;
                for (bounds, options) in
                    [("cli", AnalysisOptions::exhaustive()), ("app", AnalysisOptions::interactive())]
                {
                    let (time, analysis) =
                        best_time(Duration::from_millis(200), || analyse(&case, &NoMandates, &options));
                    let plan = &analysis.plan;
                    println!(
                        "{}",
                        json!({
                            "kind": "plan", "bounds": bounds, "name": name, "factors": factors, "links": links,
                            "ms": time.as_secs_f64() * 1000.0, "cost": plan.cost, "optimal": plan.optimal,
                            "breaks_all": plan.breaks_all, "lower_bound": plan.lower_bound, "gap": plan.gap(),
                            "rounds": plan.rounds, "loops_used": plan.loops_used,
                            "listed": analysis.cycles.len(), "complete": analysis.complete,
                            "targets": plan.targets.iter().map(|t| match t {
                                Target::Link(id) => format!("link:{id}"),
                                Target::Factor(id) => format!("factor:{id}"),
                            }).collect::<Vec<_>>(),
                        })
                    );
                }
            }
        }
    }
    Ok(())
}
