//! Breakthrough options and the integral plan, checked against brute force over every
//! subset of cuttable links and factors.

mod common;

use cirkelbreker::core::analysis::costs::DEFAULT_FACTOR_COST;
use cirkelbreker::core::analysis::{analyse, Analysis, AnalysisOptions, CutScope};
use cirkelbreker::core::mandate::{Breakthrough, MandateSource, NoMandates};
use cirkelbreker::core::model::{Case, Intervention, MandateLevel, Polarity, Target};
use common::{build_case, case_of, oracle_cycles, random_case};
use proptest::prelude::*;

/// The case without the plan's links and factors (and the links of removed factors).
fn without(case: &Case, targets: &[Target]) -> Case {
    let cut_link = |id: &str| targets.contains(&Target::Link(id.to_string()));
    let cut_factor = |id: &str| targets.contains(&Target::Factor(id.to_string()));
    let mut rest = case.clone();
    rest.factors.retain(|factor| !cut_factor(&factor.id));
    rest.links.retain(|link| !cut_link(&link.id) && !cut_factor(&link.from) && !cut_factor(&link.to));
    rest.interventions.clear();
    rest
}

/// Independent exact solver: the vicious loops from the naive oracle, then the cheapest
/// subset of cuttable elements (links `0..m`, factors `m..`) that meets them all, after
/// the forced ones. Returns the minimum cost, or `None` if some loop cannot be met.
fn brute_force_cost(case: &Case, scope: CutScope, forced: &[Target]) -> Option<u32> {
    let index = |id: &str| case.factors.iter().position(|factor| factor.id == id).unwrap_or(usize::MAX);
    let edges: Vec<(usize, usize)> = case.links.iter().map(|link| (index(&link.from), index(&link.to))).collect();
    let m = case.links.len();
    let elements = m + case.factors.len();
    let forced_mask: u64 = forced
        .iter()
        .map(|target| match target {
            Target::Link(id) => case.links.iter().position(|link| &link.id == id).unwrap_or(0),
            Target::Factor(id) => m + index(id),
        })
        .fold(0, |mask, element| mask | 1 << element);
    let mut loops = Vec::new();
    for cycle in oracle_cycles(case.factors.len(), &edges) {
        let negatives = cycle.iter().filter(|&&e| case.links[e].polarity == Polarity::Negative).count();
        if negatives % 2 == 1 {
            continue;
        }
        let mask = cycle.iter().fold(0u64, |mask, &e| mask | 1 << e | 1 << (m + edges[e].0));
        if mask & forced_mask == 0 {
            loops.push(mask);
        }
    }
    let cuttable: Vec<usize> = (0..elements)
        .filter(|&e| if e < m { scope != CutScope::Factors && !case.links[e].fixed } else { scope != CutScope::Links })
        .collect();
    let cost = |e: usize| if e < m { case.links[e].cost.unwrap_or(27) } else { DEFAULT_FACTOR_COST };
    let base: u32 = (0..elements).filter(|&e| forced_mask & 1 << e != 0).map(cost).sum();
    (0u64..1 << cuttable.len())
        .filter_map(|subset| {
            let chosen =
                (0..cuttable.len()).filter(|&i| subset & 1 << i != 0).fold(0u64, |mask, i| mask | 1 << cuttable[i]);
            loops.iter().all(|&l| l & chosen != 0).then(|| {
                base + (0..cuttable.len()).filter(|&i| subset & 1 << i != 0).map(|i| cost(cuttable[i])).sum::<u32>()
            })
        })
        .min()
}

fn scope_of(choice: u8) -> CutScope {
    match choice {
        0 => CutScope::Links,
        1 => CutScope::Factors,
        _ => CutScope::Both,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The plan costs what brute force finds, breaks every vicious loop it can, and lists
    /// exactly the loops nothing may cut as uncovered.
    #[test]
    fn plan_is_minimal_and_breaks_every_vicious_loop(
        (n, links) in random_case(5, 9),
        scope in 0u8..3,
        intervention in prop::option::of(0usize..9),
    ) {
        let mut case = build_case(n, &links, true);
        let scope = scope_of(scope);
        let forced: Vec<Target> = intervention
            .filter(|&i| i < case.links.len())
            .map(|i| Target::Link(case.links[i].id.clone()))
            .into_iter()
            .collect();
        case.interventions = forced
            .iter()
            .map(|target| Intervention { target: target.clone(), instrument: None, checklist: Vec::new() })
            .collect();
        let options = AnalysisOptions { cut: scope, ..AnalysisOptions::exhaustive() };
        let analysis = analyse(&case, &NoMandates, &options);
        prop_assert!(analysis.complete && analysis.plan.optimal);
        prop_assert_eq!(analysis.plan.lower_bound, analysis.plan.cost);
        for target in &forced {
            prop_assert!(analysis.plan.targets.contains(target));
        }
        let after = analyse(&without(&case, &analysis.plan.targets), &NoMandates, &options);
        let left: Vec<&String> = after.cycles.iter().filter(|cycle| cycle.vicious).map(|cycle| &cycle.key).collect();
        let uncovered: Vec<&String> = analysis.plan.uncovered.iter().map(|&i| &analysis.cycles[i].key).collect();
        prop_assert_eq!(left.len(), uncovered.len());
        for key in left {
            prop_assert!(uncovered.contains(&key), "vicious loop {} survives the plan", key);
        }
        if analysis.plan.uncovered.is_empty() {
            prop_assert_eq!(Some(analysis.plan.cost), brute_force_cost(&case, scope, &forced));
        }
    }

    /// Every option lists exactly the vicious loops through its link or factor.
    #[test]
    fn options_list_the_vicious_loops_they_break((n, links) in random_case(6, 12)) {
        let case = build_case(n, &links, true);
        let analysis = analyse(&case, &NoMandates, &AnalysisOptions::exhaustive());
        for option in analysis.link_options.iter().chain(&analysis.factor_options) {
            let expected: Vec<usize> = (0..analysis.cycles.len())
                .filter(|&i| {
                    let cycle = &analysis.cycles[i];
                    cycle.vicious
                        && match &option.target {
                            Target::Link(id) => cycle.link_ids.contains(id),
                            Target::Factor(id) => cycle.factor_ids.contains(id),
                        }
                })
                .collect();
            prop_assert_eq!(&option.breaks, &expected);
        }
    }
}

#[test]
fn ties_prefer_fewer_interventions() {
    // loops l1>l2 and l1>l3 (parallel links back); cutting l2 and l3 costs as much as l1
    let mut case = case_of(&[("a", "b", '+', ""), ("b", "a", '+', ""), ("b", "a", '+', "")]);
    case.links[0].cost = Some(4);
    case.links[1].cost = Some(2);
    case.links[2].cost = Some(2);
    let options = AnalysisOptions { cut: CutScope::Links, ..AnalysisOptions::exhaustive() };
    let plan = analyse(&case, &NoMandates, &options).plan;
    assert_eq!((plan.targets, plan.cost), (vec![Target::Link("l1".into())], 4));
}

/// A library double: rule `LOW` has a breakthrough at M1, `HIGH` only a holder at M6.
struct Library;

impl MandateSource for Library {
    fn cheapest_breakthrough(&self, rule: &str) -> Option<Breakthrough> {
        let level = MandateLevel::new(1)?;
        (rule == "LOW").then(|| Breakthrough { instrument: "B05".into(), level })
    }
    fn decision_holder(&self, rule: &str) -> Option<MandateLevel> {
        MandateLevel::new(if rule == "HIGH" { 6 } else { 4 })
    }
}

#[test]
fn ties_then_prefer_lower_mandate_and_costs_follow_the_library() {
    let mut case = case_of(&[("a", "b", '+', ""), ("b", "a", '+', "")]);
    case.links[0].rule = Some("HIGH".into());
    case.links[1].rule = Some("LOW".into());
    let options = AnalysisOptions { cut: CutScope::Links, ..AnalysisOptions::exhaustive() };
    let analysis = analyse(&case, &Library, &options);
    assert_eq!(analysis.plan.targets, vec![Target::Link("l2".into())]);
    let low = analysis.link_options.iter().find(|o| o.target == Target::Link("l2".into())).expect("l2");
    assert_eq!((low.cost, low.instrument.as_deref(), low.level.map(MandateLevel::number)), (3, Some("B05"), Some(1)));
    // equal user costs: the tie goes to the lower mandate level (M1 before M6)
    case.links[0].cost = Some(9);
    case.links[1].cost = Some(9);
    assert_eq!(analyse(&case, &Library, &options).plan.targets, vec![Target::Link("l2".into())]);
}

#[test]
fn fixed_everything_leaves_the_loop_uncovered_and_says_so() {
    let mut case = case_of(&[("a", "b", '+', ""), ("b", "a", '+', "")]);
    case.links.iter_mut().for_each(|link| link.fixed = true);
    let plan =
        analyse(&case, &NoMandates, &AnalysisOptions { cut: CutScope::Links, ..AnalysisOptions::exhaustive() }).plan;
    assert_eq!((plan.targets.len(), plan.uncovered, plan.optimal), (0, vec![0], true));
    let plan = analyse(&case, &NoMandates, &AnalysisOptions::exhaustive()).plan;
    assert_eq!((plan.targets.len(), plan.cost), (1, DEFAULT_FACTOR_COST));
}

#[test]
fn out_of_budget_plan_is_valid_with_a_true_lower_bound() {
    // a dense 9-factor map with many vicious loops
    let mut links = Vec::new();
    for a in 0..9usize {
        for step in [1, 2, 4] {
            links.push((a, (a + step) % 9, (a + step) % 3 == 0, 0, false, 0));
        }
    }
    let case = build_case(9, &links, false);
    let exact = analyse(&case, &NoMandates, &AnalysisOptions::exhaustive());
    assert!(exact.plan.optimal);
    let rushed = analyse(&case, &NoMandates, &AnalysisOptions { max_plan_steps: 0, ..AnalysisOptions::exhaustive() });
    assert!(rushed.plan.lower_bound <= exact.plan.cost, "{} > {}", rushed.plan.lower_bound, exact.plan.cost);
    assert!(rushed.plan.cost >= exact.plan.cost);
    if !rushed.plan.optimal {
        assert!(rushed.plan.lower_bound < rushed.plan.cost);
    }
    let after = analyse(&without(&case, &rushed.plan.targets), &NoMandates, &AnalysisOptions::exhaustive());
    assert_eq!(after.vicious_count(), 0);
}

#[test]
fn ranked_options_put_cuttable_before_fixed_then_most_broken_then_cheapest() {
    use cirkelbreker::core::analysis::{analyse, AnalysisOptions};
    use cirkelbreker::core::mandate::NoMandates;
    // Two loops share a → b; b → c is fixed and breaks one loop, like c → a.
    let mut case = common::case_of(&[
        ("a", "b", '+', ""),
        ("b", "c", '+', ""),
        ("c", "a", '+', ""),
        ("b", "d", '+', ""),
        ("d", "a", '+', ""),
    ]);
    case.links[1].fixed = true;
    let analysis = analyse(&case, &NoMandates, &AnalysisOptions::interactive());
    let ranked = analysis.ranked_options();
    assert!(!ranked.is_empty());
    let fixed_at = ranked.iter().position(|o| o.fixed).expect("the fixed link is an option, marked fixed");
    let last_cuttable = ranked.iter().rposition(|o| !o.fixed).expect("cuttable options");
    assert!(last_cuttable < fixed_at, "every cuttable option before the first fixed one");
    let cuttable: Vec<_> = ranked.iter().filter(|o| !o.fixed).collect();
    assert_eq!(cuttable[0].breaks.len(), 2, "the shared link a → b breaks both loops and comes first");
    for pair in cuttable.windows(2) {
        assert!(
            pair[0].breaks.len() > pair[1].breaks.len()
                || (pair[0].breaks.len() == pair[1].breaks.len() && pair[0].cost <= pair[1].cost)
        );
    }
}

/// The first screen's analysis, made without the engine, is what the engine finds on an
/// empty map, with the library or without, in every mode the app and the CLI use.
#[test]
fn the_analysis_of_an_empty_map_is_what_the_engine_finds() {
    let (library, _) = cirkelbreker::core::rules::builtin();
    let empty = Case::default();
    for options in [AnalysisOptions::interactive(), AnalysisOptions::exhaustive()] {
        assert_eq!(analyse(&empty, &library, &options), Analysis::of_empty_map());
        assert_eq!(analyse(&empty, &NoMandates, &options), Analysis::of_empty_map());
    }
    assert_ne!(Analysis::of_empty_map(), Analysis::default(), "the search of an empty map is complete");
}
