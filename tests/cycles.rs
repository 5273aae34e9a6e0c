//! Loop finding: the canonical cycles of the domain research, complete digraphs, and
//! property tests against a naive oracle.

mod common;

use cirkelbreker::core::analysis::cycles::{collect_cycles, count_cycles, for_each_cycle, BoundHit, Digraph, Limits};
use cirkelbreker::core::analysis::{analyse, narrative, AnalysisOptions, CycleReport, LoopKind};
use cirkelbreker::core::lang::Lang;
use cirkelbreker::core::mandate::NoMandates;
use cirkelbreker::core::model::{loop_key, Case};
use common::{build_case, case_of, oracle_cycles, random_case};
use proptest::prelude::*;
use std::collections::HashSet;

fn exhaustive(case: &Case) -> Vec<CycleReport> {
    let analysis = analyse(case, &NoMandates, &AnalysisOptions::exhaustive());
    assert!(analysis.complete);
    analysis.cycles
}

/// Asserts that `cycles` holds the loop through `factors` (in this order, any rotation)
/// as a vicious reinforcing loop.
fn assert_vicious_loop(cycles: &[CycleReport], factors: &[&str]) {
    let found = cycles.iter().find(|cycle| {
        let n = cycle.factor_ids.len();
        n == factors.len() && (0..n).any(|shift| (0..n).all(|i| cycle.factor_ids[(i + shift) % n] == factors[i]))
    });
    let Some(cycle) = found else { panic!("loop {factors:?} not found in {cycles:?}") };
    assert_eq!(cycle.kind, LoopKind::Reinforcing, "{factors:?}");
    assert!(cycle.vicious, "{factors:?}");
}

#[test]
fn cy01_registration_trap() {
    let case = case_of(&[
        ("woningtekort", "permanente bewoning park", '+', "wonen"),
        ("permanente bewoning park", "angst voor handhaving", '+', "handhaving"),
        ("angst voor handhaving", "BRP-inschrijving", '-', "registratie"),
        ("BRP-inschrijving", "toegang voorzieningen", '+', "registratie"),
        ("toegang voorzieningen", "schulden", '-', "inkomen"),
        ("schulden", "kans op reguliere woning", '-', "wonen"),
        ("kans op reguliere woning", "permanente bewoning park", '-', "wonen"),
        ("BRP-inschrijving", "bewijs hoofdverblijf", '+', "registratie"),
        ("bewijs hoofdverblijf", "dwangsom", '+', "handhaving"),
        ("dwangsom", "schulden", '+', "handhaving"),
    ]);
    let cycles = exhaustive(&case);
    assert_eq!(cycles.len(), 2);
    assert_vicious_loop(
        &cycles,
        &[
            "permanente bewoning park",
            "angst voor handhaving",
            "BRP-inschrijving",
            "toegang voorzieningen",
            "schulden",
            "kans op reguliere woning",
        ],
    );
    assert!(cycles[0].sector_created);
    // the side branch through the enforcement trap has three negative links: balancing
    assert_eq!(cycles[1].kind, LoopKind::Balancing);
}

#[test]
fn cy02_mistake_to_fraud_debt_spiral() {
    let case = case_of(&[
        ("schulden", "stress", '+', ""),
        ("stress", "doenvermogen", '-', ""),
        ("doenvermogen", "schending inlichtingenplicht", '-', "inkomen"),
        ("schending inlichtingenplicht", "terugvordering en boete", '+', "inkomen"),
        ("terugvordering en boete", "schulden", '+', "inkomen"),
        ("terugvordering en boete", "toegang schuldhulp", '-', "schulden"),
        ("toegang schuldhulp", "schulden", '-', "schulden"),
    ]);
    let cycles = exhaustive(&case);
    assert_eq!(cycles.len(), 2);
    let first = ["schulden", "stress", "doenvermogen", "schending inlichtingenplicht", "terugvordering en boete"];
    assert_vicious_loop(&cycles, &first);
    let mut second = first.to_vec();
    second.push("toegang schuldhulp");
    assert_vicious_loop(&cycles, &second);
    // ranking: the multi-sector loop comes first
    assert!(cycles[0].sector_created && !cycles[1].sector_created);
}

#[test]
fn cy03_cost_escalation() {
    let case = case_of(&[
        ("betalingsachterstand", "verhogingen", '+', "schulden"),
        ("verhogingen", "totale schuld", '+', "schulden"),
        ("verhogingen", "besteedbaar inkomen", '-', "inkomen"),
        ("besteedbaar inkomen", "nieuwe achterstanden", '-', "inkomen"),
        ("nieuwe achterstanden", "betalingsachterstand", '+', "schulden"),
        ("totale schuld", "stress", '+', ""),
        ("stress", "tijdig handelen", '-', ""),
        ("tijdig handelen", "betalingsachterstand", '-', ""),
    ]);
    let cycles = exhaustive(&case);
    assert_eq!(cycles.len(), 2);
    assert_vicious_loop(
        &cycles,
        &["betalingsachterstand", "verhogingen", "besteedbaar inkomen", "nieuwe achterstanden"],
    );
    assert_vicious_loop(
        &cycles,
        &["betalingsachterstand", "verhogingen", "totale schuld", "stress", "tijdig handelen"],
    );
}

#[test]
fn cy04_debts_and_mental_health_deadlock() {
    let case = case_of(&[
        ("schulden", "stress", '+', ""),
        ("stress", "psychische klachten", '+', "zorg"),
        ("psychische klachten", "financieel zelfbeheer", '-', ""),
        ("financieel zelfbeheer", "schulden", '-', "schulden"),
        ("schulden", "toegang ggz", '-', "zorg"),
        ("psychische klachten", "toegang schuldhulp", '-', "schulden"),
        ("wanbetaler", "zorgmijding", '+', "zorg"),
        ("zorgmijding", "psychische klachten", '+', "zorg"),
    ]);
    let cycles = exhaustive(&case);
    assert_eq!(cycles.len(), 1);
    assert_vicious_loop(&cycles, &["schulden", "stress", "psychische klachten", "financieel zelfbeheer"]);
}

#[test]
fn cy05_no_house_no_children() {
    // The domain text names the links; the closing link "erkend → dakloosheid (−)" and
    // "terugplaatsing → tijd zonder terugplaatsing (−)" are our reading of "R-lus terug
    // naar dakloosheid" and "vergrendeling".
    let case = case_of(&[
        ("dakloosheid", "uithuisplaatsing", '+', "jeugd"),
        ("uithuisplaatsing", "angst voor uithuisplaatsing", '+', "jeugd"),
        ("angst voor uithuisplaatsing", "gebruik opvang", '-', "zorg"),
        ("gebruik opvang", "wonen op park", '-', "wonen"),
        ("wonen op park", "erkend als stabiele woonplek", '-', "wonen"),
        ("erkend als stabiele woonplek", "dakloosheid", '-', "wonen"),
        ("tijd zonder terugplaatsing", "hechting pleeggezin", '+', "jeugd"),
        ("hechting pleeggezin", "terugplaatsing", '-', "jeugd"),
        ("terugplaatsing", "tijd zonder terugplaatsing", '-', "jeugd"),
        ("uithuisplaatsing", "huishoudgrootte in regelingen", '-', "inkomen"),
    ]);
    let cycles = exhaustive(&case);
    assert_eq!(cycles.len(), 2);
    assert_vicious_loop(
        &cycles,
        &[
            "dakloosheid",
            "uithuisplaatsing",
            "angst voor uithuisplaatsing",
            "gebruik opvang",
            "wonen op park",
            "erkend als stabiele woonplek",
        ],
    );
    assert_vicious_loop(&cycles, &["tijd zonder terugplaatsing", "hechting pleeggezin", "terugplaatsing"]);
    assert!(cycles[0].sector_created, "the jeugd × zorg × wonen loop ranks first");
}

#[test]
fn cy06_bed_and_job_trap() {
    let case = case_of(&[
        ("baanverlies", "verlies huisvesting", '+', "arbeidsmigratie"),
        ("verlies huisvesting", "dakloosheid", '+', "wonen"),
        ("niet-rechthebbend en RNI", "toegang opvang", '-', "registratie"),
        ("dakloosheid", "kans op nieuw werk", '-', "werk"),
        ("kans op nieuw werk", "baanverlies", '-', "werk"),
    ]);
    let cycles = exhaustive(&case);
    assert_eq!(cycles.len(), 1);
    assert_vicious_loop(&cycles, &["baanverlies", "verlies huisvesting", "dakloosheid", "kans op nieuw werk"]);
    assert_eq!(cycles[0].sectors, ["arbeidsmigratie", "werk", "wonen"]);
}

#[test]
fn cy07_scarcity_trap() {
    let case = case_of(&[
        ("schaarste", "tunnelvisie", '+', ""),
        ("schaarste", "bandbreedte", '-', ""),
        ("bandbreedte", "kostbare keuzes", '-', ""),
        ("tunnelvisie", "planning", '-', ""),
        ("kostbare keuzes", "schaarste", '+', ""),
        ("planning", "schaarste", '-', ""),
    ]);
    let cycles = exhaustive(&case);
    assert_eq!(cycles.len(), 2);
    assert_vicious_loop(&cycles, &["schaarste", "bandbreedte", "kostbare keuzes"]);
    assert_vicious_loop(&cycles, &["schaarste", "tunnelvisie", "planning"]);
    assert!(cycles.iter().all(|cycle| !cycle.sector_created));
}

#[test]
fn virtuous_marks_and_narratives() {
    let mut case = case_of(&[("a", "b", '-', "zorg"), ("b", "a", '-', "wonen"), ("a", "a", '-', "")]);
    let key = loop_key(&["l1", "l2"]);
    case.virtuous_loops.push(key.clone());
    let cycles = exhaustive(&case);
    let marked = cycles.iter().find(|cycle| cycle.key == key).expect("two-link loop");
    assert_eq!(marked.kind, LoopKind::Reinforcing);
    assert!(!marked.vicious);
    assert_eq!(
        narrative(&case, marked, Lang::Nl),
        "Meer a → minder b → meer a. Deze cirkel versterkt zichzelf; hier is dat gewenst."
    );
    assert_eq!(
        narrative(&case, marked, Lang::En),
        "More a → less b → more a. This loop reinforces itself; here that is wanted."
    );
    let self_loop = cycles.iter().find(|cycle| cycle.link_ids == ["l3"]).expect("self-loop");
    assert_eq!(narrative(&case, self_loop, Lang::Nl), "Meer a → minder a. Deze cirkel remt zichzelf af.");
}

#[test]
fn parallel_links_give_distinct_loops() {
    let case = case_of(&[("a", "b", '+', ""), ("a", "b", '-', ""), ("b", "a", '+', ""), ("b", "b", '+', "")]);
    let cycles = exhaustive(&case);
    let keys: HashSet<&str> = cycles.iter().map(|cycle| cycle.key.as_str()).collect();
    assert_eq!(keys, HashSet::from(["l1>l3", "l2>l3", "l4"]));
}

fn complete(n: usize) -> Digraph {
    let edges: Vec<(usize, usize)> =
        (0..n).flat_map(|a| (0..n).filter(move |&b| b != a).map(move |b| (a, b))).collect();
    Digraph::new(n, &edges).expect("valid")
}

#[test]
fn complete_digraphs_match_the_known_counts() {
    for (n, known) in [(8, 16_064), (9, 125_664), (10, 1_112_073)] {
        let outcome = count_cycles(&complete(n), &Limits::UNBOUNDED);
        assert_eq!((outcome.cycles, outcome.bound), (known, None), "K{n}");
    }
}

#[test]
fn bounds_stop_the_search_at_once() {
    let graph = complete(10);
    let outcome = count_cycles(&graph, &Limits { max_cycles: 10, ..Limits::UNBOUNDED });
    assert_eq!((outcome.cycles, outcome.bound), (10, Some(BoundHit::Count)));
    assert!(outcome.steps < 1_000, "stopped right after the 11th loop, not later: {} steps", outcome.steps);
    let outcome = count_cycles(&graph, &Limits { max_steps: 5_000, ..Limits::UNBOUNDED });
    assert_eq!(outcome.bound, Some(BoundHit::Work));
    assert!(outcome.steps <= 5_001);
}

/// The graph and its oracle loops, as sets of sorted keys of edge-index sequences.
fn keys_of<'a>(loops: impl Iterator<Item = &'a [u32]>) -> Vec<Vec<u32>> {
    loops
        .map(|cycle| {
            let start = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
            cycle[start..].iter().chain(&cycle[..start]).copied().collect()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Every reported loop is a real elementary cycle, none is reported twice, and with
    /// no bounds the list is exactly the oracle's.
    #[test]
    fn loops_are_elementary_unique_and_complete((n, links) in random_case(7, 16)) {
        let edges: Vec<(usize, usize)> = links.iter().map(|l| (l.0, l.1)).collect();
        let graph = Digraph::new(n, &edges).expect("valid");
        let mut found = Vec::new();
        let outcome = for_each_cycle(&graph, &Limits::UNBOUNDED, |cycle| found.push(cycle.to_vec()));
        prop_assert_eq!(outcome.bound, None);
        for cycle in &found {
            let mut seen = HashSet::new();
            for (i, &edge) in cycle.iter().enumerate() {
                let next = cycle[(i + 1) % cycle.len()];
                prop_assert_eq!(edges[edge as usize].1, edges[next as usize].0, "links connect");
                prop_assert!(seen.insert(edges[edge as usize].0), "no factor twice");
            }
        }
        let ours = keys_of(found.iter().map(Vec::as_slice));
        let unique: HashSet<&Vec<u32>> = ours.iter().collect();
        prop_assert_eq!(unique.len(), ours.len(), "no loop twice");
        let oracle: Vec<Vec<u32>> = oracle_cycles(n, &edges).iter().map(|c| c.iter().map(|&e| e as u32).collect()).collect();
        let oracle = keys_of(oracle.iter().map(Vec::as_slice));
        let oracle: HashSet<&Vec<u32>> = oracle.iter().collect();
        prop_assert_eq!(unique, oracle);
    }

    /// Under random bounds the loops found are real; `complete` holds exactly when no bound
    /// cut the search, and then every loop was found; a length or count bound is reported
    /// only when loops were really left out.
    #[test]
    fn bounds_are_reported_exactly(
        (n, links) in random_case(7, 16),
        max_length in prop::option::of(0usize..6),
        max_cycles in 0usize..40,
        max_steps in prop::option::of(0u64..400),
        shortest_first in any::<bool>(),
    ) {
        let case = build_case(n, &links, false);
        let edges: Vec<(usize, usize)> = links.iter().map(|l| (l.0, l.1)).collect();
        let oracle = oracle_cycles(n, &edges);
        let all: HashSet<String> = oracle
            .iter()
            .map(|cycle| loop_key(&cycle.iter().map(|&e| case.links[e].id.as_str()).collect::<Vec<_>>()))
            .collect();
        let options = AnalysisOptions {
            max_length,
            max_cycles,
            max_steps: max_steps.unwrap_or(u64::MAX),
            shortest_first,
            ..AnalysisOptions::exhaustive()
        };
        let analysis = analyse(&case, &NoMandates, &options);
        let found: HashSet<String> = analysis.cycles.iter().map(|cycle| cycle.key.clone()).collect();
        prop_assert_eq!(found.len(), analysis.cycles.len());
        prop_assert!(found.is_subset(&all));
        // complete means every loop; a missing loop means not complete
        prop_assert_eq!(analysis.complete, analysis.bound.is_none());
        if analysis.complete || found != all {
            prop_assert_eq!(analysis.complete, found == all);
        }
        // the work bound may stop a search that had, unknowingly, seen everything; the
        // length and count bounds are reported only when loops were really left out
        if matches!(analysis.bound, Some(BoundHit::Length | BoundHit::Count)) {
            prop_assert!(found != all);
        }
        prop_assert!(analysis.cycles.len() <= max_cycles);
        match analysis.bound {
            Some(BoundHit::Length) => {
                let bound = max_length.unwrap_or(0);
                prop_assert!(oracle.iter().any(|cycle| cycle.len() > bound));
                let short: HashSet<&String> = all.iter().filter(|key| key.split('>').count() <= bound).collect();
                prop_assert_eq!(short, found.iter().collect::<HashSet<_>>());
            }
            Some(BoundHit::Count) => prop_assert!(all.len() > max_cycles),
            Some(BoundHit::Work) | None => {}
        }
        if let Some(length) = analysis.complete_to_length {
            for key in all.iter().filter(|key| key.split('>').count() <= length) {
                prop_assert!(found.contains(key), "{} missing though complete to length {}", key, length);
            }
        }
    }
}

#[test]
fn shortest_first_keeps_all_short_loops() {
    let limits = Limits { max_cycles: 500, ..Limits::UNBOUNDED };
    let collected = collect_cycles(&complete(7), &limits, true);
    // K7: 21 two-loops, 70 three-loops, 210 four-loops, 504 five-loops: all 301 up to
    // length 4, then as many five-loops as fit (issue #12: a bound never empties the list)
    assert_eq!((collected.len(), collected.complete_to_length), (500, Some(4)));
    assert_eq!(collected.iter().filter(|cycle| cycle.len() == 5).count(), 199);
    assert_eq!(collected.outcome.bound, Some(BoundHit::Count));
}

#[test]
fn links_to_missing_factors_are_left_out_mid_edit() {
    let mut case = case_of(&[("a", "b", '+', ""), ("b", "a", '+', "")]);
    let mut dangling = common::link("l9", "b", "gone");
    dangling.polarity = cirkelbreker::core::model::Polarity::Negative;
    case.links.push(dangling);
    let analysis = analyse(&case, &NoMandates, &AnalysisOptions::interactive());
    assert!(analysis.complete);
    assert_eq!(analysis.cycles.len(), 1);
    assert_eq!(analysis.plan.targets.len(), 1);
    assert!(analysis.link_options.iter().any(|option| option.breaks.is_empty()));
}
