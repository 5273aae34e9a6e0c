//! Dense maps that stress the analysis bounds, shared by the plan tests
//! (tests/plan_lazy.rs) and the plan benchmark (bench/src/bin/plan.rs).

use cirkelbreker::core::model::{Case, Factor, Link, Polarity};

/// A case with factors `f0`…`f{n-1}` (labelled by their ids) and positive links between
/// the index pairs that `links` yields, numbered `l0`, `l1`, … in that order.
fn map(n: usize, links: impl Iterator<Item = (usize, usize)>) -> Case {
    let mut case = Case::default();
    for i in 0..n {
        case.factors.push(Factor::new(&format!("f{i}"), &format!("f{i}"), Default::default()));
    }
    for (from, to) in links {
        let id = format!("l{}", case.links.len());
        case.links.push(Link::new(&id, &format!("f{from}"), &format!("f{to}"), Polarity::Positive));
    }
    case
}

/// The complete map on `n` factors: every factor linked to every other.
pub fn complete_map(n: usize) -> Case {
    map(n, (0..n).flat_map(move |a| (0..n).filter(move |&b| b != a).map(move |b| (a, b))))
}

/// 27 factors in three layers of nine, every factor of a layer linked to every factor of
/// the next (and the last layer to the first): 729 loops of three links.
pub fn three_layers() -> Case {
    map(27, (0..3).flat_map(|layer| (0..81).map(move |k| (layer * 9 + k / 9, (layer + 1) % 3 * 9 + k % 9))))
}
