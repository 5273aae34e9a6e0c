//! Shared helpers for the analysis tests: building cases by hand and an independent,
//! deliberately naive loop enumerator used as the oracle.
#![allow(dead_code)]

use cirkelbreker::core::model::{Case, Factor, Link, Polarity};
use proptest::prelude::*;

/// A case from `(from, to, polarity, sector)` links; factors in order of first use.
pub fn case_of(links: &[(&str, &str, char, &str)]) -> Case {
    let mut case = Case::default();
    for (position, &(from, to, sign, sector)) in links.iter().enumerate() {
        for name in [from, to] {
            if case.factor(name).is_none() {
                case.factors.push(factor(name));
            }
        }
        let mut link = link(&format!("l{}", position + 1), from, to);
        link.polarity = if sign == '-' { Polarity::Negative } else { Polarity::Positive };
        link.sector = (!sector.is_empty()).then(|| sector.to_string());
        case.links.push(link);
    }
    case
}

/// A plain factor whose label is its id.
pub fn factor(id: &str) -> Factor {
    Factor::new(id, id, Default::default())
}

/// A positive link without sector, rule or cost.
pub fn link(id: &str, from: &str, to: &str) -> Link {
    Link::new(id, from, to, Polarity::Positive)
}

/// Every elementary cycle of the multigraph `edges` on `n` vertices, as edge indices,
/// by plain recursive search from each smallest vertex (no pruning, no blocking).
pub fn oracle_cycles(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
    fn walk(
        start: usize,
        at: usize,
        edges: &[(usize, usize)],
        on_path: &mut [bool],
        path: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
    ) {
        for (index, &(from, to)) in edges.iter().enumerate() {
            if from != at {
                continue;
            }
            path.push(index);
            if to == start {
                out.push(path.clone());
            } else if to > start && !on_path[to] {
                on_path[to] = true;
                walk(start, to, edges, on_path, path, out);
                on_path[to] = false;
            }
            path.pop();
        }
    }
    let mut out = Vec::new();
    for start in 0..n {
        let mut on_path = vec![false; n];
        on_path[start] = true;
        walk(start, start, edges, &mut on_path, &mut Vec::new(), &mut out);
    }
    out
}

/// One random link: ends, negative?, sector index, fixed?, user cost (0 = none).
pub type RandomLink = (usize, usize, bool, usize, bool, u32);

/// A random multigraph case: 1..=`max_nodes` factors and up to `max_links` links,
/// self-loops and parallel links included.
pub fn random_case(max_nodes: usize, max_links: usize) -> impl Strategy<Value = (usize, Vec<RandomLink>)> {
    (1..=max_nodes).prop_flat_map(move |n| {
        (Just(n), prop::collection::vec((0..n, 0..n, any::<bool>(), 0..4usize, any::<bool>(), 0..12u32), 0..=max_links))
    })
}

/// The case for a [`random_case`] value: factors `f0..`, links `l1..`; sector index 0
/// means no sector. `fixed` and `cost` are applied only when `with_fixed_and_costs`.
pub fn build_case(n: usize, links: &[RandomLink], with_fixed_and_costs: bool) -> Case {
    let sectors = ["", "wonen", "inkomen", "zorg"];
    let mut case = Case::default();
    for i in 0..n {
        case.factors.push(factor(&format!("f{i}")));
    }
    for (position, &(from, to, negative, sector, fixed, cost)) in links.iter().enumerate() {
        let mut link = link(&format!("l{}", position + 1), &format!("f{from}"), &format!("f{to}"));
        link.polarity = if negative { Polarity::Negative } else { Polarity::Positive };
        link.sector = (sector > 0).then(|| sectors[sector].to_string());
        if with_fixed_and_costs {
            link.fixed = fixed && position % 3 == 0;
            link.cost = (cost > 0).then_some(cost);
        }
        case.links.push(link);
    }
    case
}
