//! The complete map on 30 factors with labels, kinds, signs and confidences that vary:
//! shared by the bad-input tests (tests/bad_input.rs) and the format benchmark (bench/).

use cirkelbreker::core::model::{Case, Confidence, Factor, FactorKind, Link, Polarity};

/// A complete directed graph on 30 factors: 870 links, every kind and polarity.
pub fn k30() -> Case {
    let factors = (0..30)
        .map(|i| Factor {
            id: format!("f{i}"),
            label: format!("Factor {i}"),
            kind: FactorKind::ALL[i % FactorKind::ALL.len()],
            x: i as f64 * 10.0,
            y: (i % 7) as f64,
            note: String::new(),
            fixed: false,
        })
        .collect();
    let mut links = Vec::new();
    for from in 0..30 {
        for to in (0..30).filter(|&to| to != from) {
            links.push(Link {
                id: format!("l{}", links.len() + 1),
                from: format!("f{from}"),
                to: format!("f{to}"),
                polarity: if (from + to) % 3 == 0 { Polarity::Negative } else { Polarity::Positive },
                sector: None,
                rule: None,
                delay: from % 5 == 0,
                confidence: Confidence::ALL[to % 3],
                note: String::new(),
                fixed: false,
                cost: None,
            });
        }
    }
    Case { title: "K30".into(), factors, links, ..Case::default() }
}
