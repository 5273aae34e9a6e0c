//! Issue #12: the plan breaks every vicious loop of the map, listed or not, and is proven
//! optimal against an exact reference (brute force over every subset of cuttable links
//! and factors, with the loops from the naive oracle), whatever bound cuts the list.

mod common;
#[path = "support/dense_maps.rs"]
mod dense_maps;

use cirkelbreker::core::analysis::costs::DEFAULT_FACTOR_COST;
use cirkelbreker::core::analysis::{analyse, AnalysisOptions, CutScope};
use cirkelbreker::core::mandate::NoMandates;
use cirkelbreker::core::model::{loop_key, Case, Factor, Intervention, Link, Polarity, Target};
use common::{build_case, oracle_cycles, random_case};
use dense_maps::{complete_map, three_layers};
use proptest::prelude::*;

/// The vicious loops of `case` by the naive oracle, as case link positions: an even
/// number of negative links and not marked virtuous.
fn vicious_loops(case: &Case) -> Vec<Vec<usize>> {
    let index = |id: &str| case.factors.iter().position(|factor| factor.id == id).unwrap_or(usize::MAX);
    let edges: Vec<(usize, usize)> = case.links.iter().map(|link| (index(&link.from), index(&link.to))).collect();
    oracle_cycles(case.factors.len(), &edges)
        .into_iter()
        .filter(|cycle| cycle.iter().filter(|&&e| case.links[e].polarity == Polarity::Negative).count() % 2 == 0)
        .filter(|cycle| {
            let ids: Vec<&str> = cycle.iter().map(|&e| case.links[e].id.as_str()).collect();
            !case.virtuous_loops.contains(&loop_key(&ids))
        })
        .collect()
}

/// Whether `targets` break the loop `cycle` (case link positions).
fn broken(case: &Case, cycle: &[usize], targets: &[Target]) -> bool {
    cycle.iter().any(|&e| {
        let link = &case.links[e];
        targets.contains(&Target::Link(link.id.clone())) || targets.contains(&Target::Factor(link.from.clone()))
    })
}

/// The exact minimum cost by brute force, or `None` when some vicious loop cannot be broken.
fn brute_force(case: &Case, scope: CutScope, forced: &[Target]) -> Option<u32> {
    let mut elements: Vec<(Target, u32, bool)> = Vec::new();
    for link in &case.links {
        let cuttable = scope != CutScope::Factors && !link.fixed;
        elements.push((Target::Link(link.id.clone()), link.cost.unwrap_or(27), cuttable));
    }
    for factor in &case.factors {
        let cuttable = scope != CutScope::Links && !factor.fixed;
        elements.push((Target::Factor(factor.id.clone()), DEFAULT_FACTOR_COST, cuttable));
    }
    let loops: Vec<Vec<usize>> = vicious_loops(case).into_iter().filter(|cycle| !broken(case, cycle, forced)).collect();
    let base: u32 = elements.iter().filter(|(target, _, _)| forced.contains(target)).map(|(_, cost, _)| cost).sum();
    let free: Vec<usize> = (0..elements.len()).filter(|&i| elements[i].2 && !forced.contains(&elements[i].0)).collect();
    (0u64..1 << free.len())
        .filter_map(|subset| {
            let chosen: Vec<Target> =
                (0..free.len()).filter(|&i| subset & 1 << i != 0).map(|i| elements[free[i]].0.clone()).collect();
            loops.iter().all(|cycle| broken(case, cycle, &chosen)).then(|| {
                base + (0..free.len()).filter(|&i| subset & 1 << i != 0).map(|i| elements[free[i]].1).sum::<u32>()
            })
        })
        .min()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// With any count or length bound on the list, marked-virtuous loops, fixed links and
    /// chosen interventions, the plan breaks every vicious loop that can be broken, says
    /// so, and costs exactly the brute-force minimum.
    #[test]
    fn plan_breaks_every_vicious_loop_whatever_the_list_bound(
        (n, links) in random_case(5, 9),
        scope in 0u8..3,
        max_cycles in 0usize..4,
        max_length in prop::option::of(1usize..4),
        intervention in prop::option::of(0usize..9),
        virtuous in prop::option::of(0usize..6),
    ) {
        let mut case = build_case(n, &links, true);
        let scope = [CutScope::Links, CutScope::Factors, CutScope::Both][scope as usize];
        if let Some(pick) = virtuous {
            let reinforcing = vicious_loops(&case);
            if let Some(cycle) = reinforcing.get(pick % reinforcing.len().max(1)) {
                let ids: Vec<&str> = cycle.iter().map(|&e| case.links[e].id.as_str()).collect();
                case.virtuous_loops.push(loop_key(&ids));
            }
        }
        let forced: Vec<Target> = intervention
            .filter(|&i| i < case.links.len())
            .map(|i| Target::Link(case.links[i].id.clone()))
            .into_iter()
            .collect();
        case.interventions = forced
            .iter()
            .map(|target| Intervention { target: target.clone(), instrument: None, checklist: Vec::new() })
            .collect();
        let options = AnalysisOptions { cut: scope, max_cycles, max_length, ..AnalysisOptions::exhaustive() };
        let analysis = analyse(&case, &NoMandates, &options);
        let plan = &analysis.plan;
        prop_assert!(plan.breaks_all && plan.optimal, "{:?}", plan);
        for target in &forced {
            prop_assert!(plan.targets.contains(target));
        }
        let surviving: Vec<Vec<usize>> =
            vicious_loops(&case).into_iter().filter(|cycle| !broken(&case, cycle, &plan.targets)).collect();
        prop_assert_eq!(surviving.len(), plan.uncovered.len() + plan.uncovered_unlisted);
        if surviving.is_empty() {
            prop_assert_eq!(Some(plan.cost), brute_force(&case, scope, &forced));
        }
        // the counts cover every loop within the length bound, listed or not
        if max_length.is_none() {
            prop_assert!(analysis.counts.exact);
            prop_assert_eq!(analysis.counts.vicious, vicious_loops(&case).len());
        }
    }
}

fn factor(id: &str) -> Factor {
    Factor::new(id, id, Default::default())
}

/// The map from the issue: 11 factors, 8 vicious loops (a ring with shortcuts).
fn eleven_factor_map() -> Case {
    let mut case = Case::default();
    for i in 0..11 {
        case.factors.push(factor(&format!("f{i}")));
    }
    let mut pairs: Vec<(usize, usize)> = (0..11).map(|i| (i, (i + 1) % 11)).collect();
    pairs.extend([(3, 0), (6, 2), (9, 5), (10, 7), (5, 1), (8, 4), (2, 9)]);
    for (i, (a, b)) in pairs.into_iter().enumerate() {
        case.links.push(Link::new(&format!("l{i}"), &format!("f{a}"), &format!("f{b}"), Polarity::Positive));
    }
    case
}

#[test]
fn issue_12_a_count_bound_of_three_still_breaks_all_eight_vicious_loops() {
    let case = eleven_factor_map();
    let all = vicious_loops(&case).len();
    assert!(all > 3, "the map has {all} vicious loops");
    let options = AnalysisOptions { max_cycles: 3, ..AnalysisOptions::exhaustive() };
    let analysis = analyse(&case, &NoMandates, &options);
    assert_eq!(analysis.cycles.len(), 3);
    assert_eq!(analysis.counts.vicious, all);
    assert!(analysis.plan.optimal && analysis.plan.breaks_all);
    assert!(vicious_loops(&case).iter().all(|cycle| broken(&case, cycle, &analysis.plan.targets)));
    let full = analyse(&case, &NoMandates, &AnalysisOptions::exhaustive());
    assert_eq!(full.plan.cost, analysis.plan.cost);
    assert!(analysis.plan.cost > 0);
}

#[test]
fn issue_12_a_bound_never_empties_the_list() {
    let options = AnalysisOptions::interactive();
    // K40: 780 two-link loops, more than the bound of 600
    let analysis = analyse(&complete_map(40), &NoMandates, &options);
    assert!(!analysis.cycles.is_empty());
    assert!(analysis.cycles.iter().all(|cycle| cycle.link_ids.len() == 2));
    // 27 factors in three layers of nine, every layer to the next: 729 three-link loops
    let layered = three_layers();
    let analysis = analyse(&layered, &NoMandates, &options);
    assert_eq!(analysis.cycles.len(), options.max_cycles);
    assert!(analysis.cycles.iter().all(|cycle| cycle.link_ids.len() == 3));
    assert!(analysis.counts.loops >= 729 || !analysis.counts.exact);
    // a hard covering problem: within the app's budget the plan breaks every loop and
    // states how far from the minimum it may be
    assert!(analysis.plan.breaks_all, "{:?}", analysis.plan);
    assert!(analysis.plan.lower_bound <= analysis.plan.cost);
    // 50 parallel links each way between two factors: 2,500 loops
    let mut parallel = Case { factors: vec![factor("a"), factor("b")], ..Case::default() };
    for i in 0..100 {
        let (from, to) = if i % 2 == 0 { ("a", "b") } else { ("b", "a") };
        parallel.links.push(Link::new(&format!("l{i}"), from, to, Polarity::Positive));
    }
    let analysis = analyse(&parallel, &NoMandates, &options);
    assert_eq!(analysis.cycles.len(), options.max_cycles);
    assert_eq!(analysis.counts.vicious, 2500);
    // one factor breaks them all: cheaper than 50 links
    assert_eq!((analysis.plan.targets.len(), analysis.plan.optimal), (1, true));
    let note = analysis.completeness_note(&options, cirkelbreker::core::lang::Lang::Nl).unwrap_or_default();
    assert!(note.contains("2500 cirkels") && note.contains("elke vicieuze cirkel van de kaart"), "{note}");
}

#[test]
fn out_of_budget_the_plan_says_what_it_does_not_know() {
    let case = complete_map(9);
    let options = AnalysisOptions { max_cycles: 5, max_plan_steps: 2_000, ..AnalysisOptions::exhaustive() };
    let analysis = analyse(&case, &NoMandates, &options);
    let plan = &analysis.plan;
    assert!(!plan.optimal);
    assert!(plan.lower_bound <= plan.cost);
    let exact = analyse(&case, &NoMandates, &AnalysisOptions::exhaustive()).plan;
    assert!(plan.lower_bound <= exact.cost && exact.cost <= plan.cost.max(exact.cost));
    if plan.breaks_all {
        assert!(vicious_loops(&case).iter().all(|cycle| broken(&case, cycle, &plan.targets)));
    }
}
