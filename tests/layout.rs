//! The automatic layout ("Automatisch ordenen") on the library's templates and on
//! hand-made maps: no factor boxes overlap, fewer links cross than with the first
//! layout, loops are drawn as circles in loop order, and the result is deterministic.

use cirkelbreker::core::analysis::{analyse, AnalysisOptions};
use cirkelbreker::core::lang::Lang;
use cirkelbreker::core::layout::{arrange, arranged, crossings, overlaps};
use cirkelbreker::core::model::{Case, Factor, FactorKind, Link, Polarity};
use cirkelbreker::core::rules::{builtin, template_case};

/// Crossings and overlaps after the first `arrange` (commit 64320a8), per map.
const BEFORE: [(&str, usize, usize); 11] = [
    ("CY-01", 5, 0),
    ("CY-02", 1, 0),
    ("CY-03", 4, 0),
    ("CY-04", 3, 0),
    ("CY-05", 2, 0),
    ("CY-06", 0, 0),
    ("CY-07", 0, 0),
    ("two loops sharing factors", 1, 0),
    ("loop with outside drivers", 2, 0),
    ("three interlocked loops", 20, 0),
    ("two loops in a row", 1, 0),
];

/// A case from labels and `(from, to)` links by factor index.
fn map(labels: &[&str], links: &[(usize, usize)]) -> Case {
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

/// Two loops through the same two factors (schulden, stress).
fn two_loops_sharing_factors() -> Case {
    map(
        &[
            "Schulden",
            "Stress",
            "Doenvermogen",
            "Betalingsachterstanden",
            "Slaapproblemen",
            "Ziekteverzuim",
            "Inkomensverlies door ontslag",
        ],
        &[(0, 1), (1, 2), (2, 3), (3, 0), (1, 4), (4, 5), (5, 6), (6, 0)],
    )
}

/// One loop with drivers and an effect outside it.
fn loop_with_outside_drivers() -> Case {
    map(
        &[
            "Schulden",
            "Stress",
            "Gemiste post",
            "Boetes en aanmaningen",
            "Incassokosten",
            "Laag inkomen",
            "Kostendelersnorm",
            "Scheiding",
            "Uitval op werk",
            "Wachtlijst schuldhulp",
        ],
        &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 0), (5, 0), (6, 5), (7, 5), (8, 1), (3, 9), (9, 0)],
    )
}

/// Twelve factors in three loops that share factors with each other.
fn three_interlocked_loops() -> Case {
    map(
        &[
            "Schulden",
            "Stress",
            "Psychische klachten",
            "Zelfbeheer",
            "Huurachterstand",
            "Dreigende huisuitzetting",
            "Verlies van werk",
            "Inkomen",
            "Toegang tot ggz",
            "Wachttijd",
            "Sociaal netwerk",
            "Isolement",
        ],
        &[
            (0, 1),
            (1, 2),
            (2, 3),
            (3, 0),
            (0, 4),
            (4, 5),
            (5, 1),
            (2, 6),
            (6, 7),
            (7, 0),
            (2, 8),
            (8, 9),
            (9, 2),
            (1, 11),
            (11, 10),
            (10, 2),
        ],
    )
}

/// Two loops, the first driving the second through a one-way link, and a loose pair.
fn two_loops_in_a_row() -> Case {
    map(
        &[
            "Schulden",
            "Stress",
            "Gemiste post",
            "Werkloosheid",
            "Inkomen",
            "Zelfvertrouwen",
            "Sollicitaties",
            "Mantelzorg",
            "Overbelasting",
        ],
        &[(0, 1), (1, 2), (2, 0), (1, 3), (3, 4), (4, 5), (5, 6), (6, 3), (2, 5), (7, 8)],
    )
}

/// The seven templates and the hand-made maps, by name.
fn maps() -> Vec<(String, Case)> {
    let (library, problems) = builtin();
    assert!(problems.is_empty(), "library problems: {problems:?}");
    let mut maps: Vec<(String, Case)> =
        library.templates().iter().map(|template| (template.id.clone(), template_case(template, Lang::Nl))).collect();
    maps.push(("two loops sharing factors".into(), two_loops_sharing_factors()));
    maps.push(("loop with outside drivers".into(), loop_with_outside_drivers()));
    maps.push(("three interlocked loops".into(), three_interlocked_loops()));
    maps.push(("two loops in a row".into(), two_loops_in_a_row()));
    maps
}

/// A random map of `factors` factors and `links` links (a fixed linear congruential
/// sequence, so every run draws the same map), labels of varied length.
fn random_map(factors: usize, links: usize) -> Case {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |below: usize| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % below
    };
    let words = ["schulden", "stress", "huur", "toeslag", "wachtlijst", "inkomen", "zorg", "boete"];
    let labels: Vec<String> = (0..factors)
        .map(|i| (0..=next(4)).map(|_| words[next(words.len())]).collect::<Vec<_>>().join(" ") + &format!(" {i}"))
        .collect();
    let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
    let mut pairs = Vec::with_capacity(links);
    while pairs.len() < links {
        let (a, b) = (next(factors), next(factors));
        if a != b {
            pairs.push((a, b));
        }
    }
    map(&label_refs, &pairs)
}

#[test]
fn no_factors_overlap_and_fewer_links_cross_than_before() {
    let maps = maps();
    assert_eq!(maps.len(), BEFORE.len());
    let (mut before_templates, mut after_templates) = (0, 0);
    for ((name, case), &(before_name, before, _)) in maps.iter().zip(&BEFORE) {
        assert_eq!(name, before_name);
        let after = arranged(case.clone());
        println!("{name}: crossings {before} -> {}, overlaps {}", crossings(&after), overlaps(&after));
        assert_eq!(overlaps(&after), 0, "{name}: factor boxes overlap");
        assert!(crossings(&after) <= before, "{name}: {} crossings, {before} before", crossings(&after));
        if name.starts_with("CY-") {
            before_templates += before;
            after_templates += crossings(&after);
        }
    }
    assert!(after_templates < before_templates, "templates: {after_templates} crossings, {before_templates} before");
}

#[test]
fn the_loop_of_a_single_loop_template_lies_on_a_circle_in_loop_order() {
    let (library, _) = builtin();
    let mut checked = 0;
    for template in library.templates() {
        let case = template_case(template, Lang::Nl);
        let cycles = analyse(&case, &library, &AnalysisOptions::interactive()).cycles;
        let [cycle] = cycles.as_slice() else { continue };
        let after = arranged(case.clone());
        let spot = |id: &String| after.factor(id).map(|factor| (factor.x, factor.y)).expect("loop factor");
        let spots: Vec<(f64, f64)> = cycle.factor_ids.iter().map(spot).collect();
        let count = spots.len() as f64;
        let centre = spots.iter().fold((0.0, 0.0), |(x, y), (a, b)| (x + a / count, y + b / count));
        let radii: Vec<f64> = spots.iter().map(|(x, y)| (x - centre.0).hypot(y - centre.1)).collect();
        assert!(radii.iter().all(|r| (r - radii[0]).abs() < 2.0), "{}: not on a circle: {radii:?}", template.id);
        // Neighbours on the loop are neighbours on the circle: each step along the loop
        // turns the same way by one place.
        let angles: Vec<f64> = spots.iter().map(|(x, y)| (y - centre.1).atan2(x - centre.0)).collect();
        let step = std::f64::consts::TAU / count;
        let turns: Vec<f64> = (0..spots.len())
            .map(|k| (angles[(k + 1) % spots.len()] - angles[k]).rem_euclid(std::f64::consts::TAU))
            .collect();
        let one_way = |target: f64| turns.iter().all(|turn| (turn - target).abs() < 0.02);
        assert!(
            one_way(step) || one_way(std::f64::consts::TAU - step),
            "{}: not in loop order: {turns:?}",
            template.id
        );
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} single-loop templates");
}

#[test]
fn arrange_is_deterministic() {
    for (name, case) in maps().into_iter().chain([("random".into(), random_map(120, 300))]) {
        assert_eq!(arrange(&case), arrange(&case), "{name}");
    }
}

#[test]
fn a_random_map_of_200_factors_and_500_links_arranges_without_overlaps() {
    let case = random_map(200, 500);
    let after = arranged(case.clone());
    assert!(after.factors.iter().all(|factor| factor.x.is_finite() && factor.y.is_finite()));
    assert_eq!(overlaps(&after), 0);
    assert!(crossings(&after) > 0, "a dense random map cannot be drawn without crossings");
}

#[test]
fn crowded_and_odd_maps_arrange_without_overlaps() {
    let long = "angst voor handhaving door de gemeente en de verhuurder";
    let star: Vec<(usize, usize)> = (1..40).map(|i| (i, 0)).chain([(0, 1)]).collect();
    let chain: Vec<(usize, usize)> = (0..11).map(|i| (i, i + 1)).chain([(3, 7), (0, 5)]).collect();
    let cases = [
        ("long labels in a loop", map(&[long; 8], &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 0)])),
        ("one factor with 39 causes", map(&["Schulden"; 40], &star)),
        ("no loops", map(&["Oorzaak"; 12], &chain)),
        ("loose factors", map(&["Los"; 30], &[])),
    ];
    for (name, case) in cases {
        let after = arranged(case.clone());
        assert_eq!(overlaps(&after), 0, "{name}");
    }
    let mut odd = map(&["A", "B", "C"], &[(0, 0), (0, 1), (1, 0), (0, 1)]);
    odd.links.push(Link::new("dangling", "f0", "gone", Polarity::Positive));
    assert_eq!(overlaps(&arranged(odd)), 0, "self-loop, parallel and dangling links");
    assert!(arrange(&Case::default()).is_empty());
}

#[test]
fn crossings_count_crossing_links_without_a_shared_end() {
    let mut case = map(&["A", "B", "C", "D", "E"], &[(0, 1), (2, 3), (0, 2), (0, 3), (4, 4)]);
    for (factor, (x, y)) in
        case.factors.iter_mut().zip([(0.0, 0.0), (400.0, 400.0), (0.0, 400.0), (400.0, 0.0), (0.0, 0.0)])
    {
        factor.x = x;
        factor.y = y;
    }
    // A–B crosses C–D; A–C and A–D share A with A–B; E's self-loop never counts.
    assert_eq!(crossings(&case), 1);
    // E sits on A: one pair of boxes too close.
    assert_eq!(overlaps(&case), 1);
}

#[test]
fn a_loop_is_placed_on_a_circle_in_loop_order() {
    let c = map(&["A", "B", "C", "D"], &[(0, 2), (2, 1), (1, 3), (3, 0)]);
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
    let steps: Vec<f64> = order.windows(2).map(|w| (w[1] - w[0]).rem_euclid(std::f64::consts::TAU)).collect();
    assert!(steps.iter().all(|s| (s - std::f64::consts::FRAC_PI_2).abs() < 0.05), "not in loop order: {steps:?}");
}
