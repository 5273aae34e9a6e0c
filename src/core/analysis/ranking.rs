//! The order in which loops and breakthrough options are shown: what matters most first,
//! and always the same order for the same map.

use super::{BreakOption, CycleReport};
use crate::core::sorting;
use std::cmp::Reverse;

/// The ranked order of `cycles`, as indices: vicious before the rest, sector-created
/// (two or more sectors) before single-sector, then the loops more breakthrough options
/// touch (`options[i]`: the links of loop `i` whose rule has a breakthrough instrument),
/// then shorter loops, then more sectors, then by key. The order is total, so equal maps
/// give equal lists.
pub fn rank_cycles(cycles: &[CycleReport], options: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..cycles.len()).collect();
    let touching = |i: usize| options.get(i).copied().unwrap_or(0);
    sorting::sort_by(&mut order, |&a, &b| {
        let (ta, tb) = (touching(a), touching(b));
        let (a, b) = (&cycles[a], &cycles[b]);
        (!a.vicious, !a.sector_created, Reverse(ta), a.link_ids.len(), Reverse(a.sectors.len()), &a.key).cmp(&(
            !b.vicious,
            !b.sector_created,
            Reverse(tb),
            b.link_ids.len(),
            Reverse(b.sectors.len()),
            &b.key,
        ))
    });
    order
}

/// Sorts breakthrough options: cuttable before fixed, then the most vicious loops
/// broken, then the lowest cost, then the target (a stable tie-break).
pub fn rank_options(options: &mut [BreakOption]) {
    sorting::sort_by(options, option_order);
}

/// The order of [`rank_options`], for options of both kinds together.
pub fn option_order(a: &BreakOption, b: &BreakOption) -> std::cmp::Ordering {
    (a.fixed, Reverse(a.breaks.len()), a.cost, &a.target).cmp(&(b.fixed, Reverse(b.breaks.len()), b.cost, &b.target))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::analysis::LoopKind;

    fn report(key: &str, length: usize, vicious: bool, sectors: &[&str]) -> CycleReport {
        CycleReport {
            key: key.into(),
            factor_ids: vec![String::new(); length],
            link_ids: vec![String::new(); length],
            kind: LoopKind::Reinforcing,
            vicious,
            sectors: sectors.iter().map(|s| s.to_string()).collect(),
            sector_created: sectors.len() >= 2,
        }
    }

    #[test]
    fn vicious_multi_sector_first_then_shorter() {
        let cycles = vec![
            report("a", 1, false, &[]),
            report("b", 5, true, &["wonen"]),
            report("c", 2, true, &["wonen"]),
            report("d", 6, true, &["wonen", "zorg"]),
        ];
        let keys: Vec<&str> = rank_cycles(&cycles, &[]).into_iter().map(|i| cycles[i].key.as_str()).collect();
        assert_eq!(keys, ["d", "c", "b", "a"]);
        // a loop with a breakthrough instrument on it comes before a shorter one without
        let keys: Vec<&str> = rank_cycles(&cycles, &[0, 1, 0, 0]).into_iter().map(|i| cycles[i].key.as_str()).collect();
        assert_eq!(keys, ["d", "b", "c", "a"]);
    }
}
