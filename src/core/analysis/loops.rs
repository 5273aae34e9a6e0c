//! Loop classification: reinforcing or balancing, vicious or virtuous, the sectors whose
//! links form the loop, and whether sectors together created it.

use super::{CycleReport, LoopKind};
use crate::core::model::{Case, Polarity};
use crate::core::sorting;
use std::collections::HashSet;

/// The report of the loop through the case links with indices `links`, in loop order.
///
/// The loop is rotated to start at its smallest link id, so `key` is
/// [`crate::core::model::loop_key`] and `factor_ids[i]` is the cause of `link_ids[i]`.
/// Reinforcing means an even number of negative links; a reinforcing loop is vicious
/// unless its key is in `virtuous` (the case's `virtuous_loops`). The sectors are the
/// distinct sectors of its links, sorted; two or more make it `sector_created`.
pub fn describe(case: &Case, links: &[usize], virtuous: &HashSet<&str>) -> CycleReport {
    let start = (0..links.len()).min_by_key(|&i| case.links[links[i]].id.as_str()).unwrap_or(0);
    let ordered = links[start..].iter().chain(&links[..start]).map(|&i| &case.links[i]);
    let mut link_ids = Vec::with_capacity(links.len());
    let mut factor_ids = Vec::with_capacity(links.len());
    let mut sectors: Vec<String> = Vec::new();
    let mut negatives = 0;
    for link in ordered {
        link_ids.push(link.id.clone());
        factor_ids.push(link.from.clone());
        if link.polarity == Polarity::Negative {
            negatives += 1;
        }
        if let Some(sector) = link.sector.as_deref().map(str::trim).filter(|sector| !sector.is_empty()) {
            if !sectors.iter().any(|known| known == sector) {
                sectors.push(sector.to_string());
            }
        }
    }
    sorting::sort(&mut sectors);
    let key = link_ids.join(">");
    let kind = if negatives % 2 == 0 { LoopKind::Reinforcing } else { LoopKind::Balancing };
    let vicious = kind == LoopKind::Reinforcing && !virtuous.contains(key.as_str());
    let sector_created = sectors.len() >= 2;
    CycleReport { key, factor_ids, link_ids, kind, vicious, sectors, sector_created }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{loop_key, Factor, Link};

    fn case(links: &[(&str, &str, &str, Polarity, Option<&str>)]) -> Case {
        let mut case = Case::default();
        for name in ["a", "b", "c"] {
            case.factors.push(Factor {
                id: name.into(),
                label: name.into(),
                kind: Default::default(),
                x: 0.0,
                y: 0.0,
                note: String::new(),
                fixed: false,
            });
        }
        for &(id, from, to, polarity, sector) in links {
            case.links.push(Link { sector: sector.map(Into::into), ..Link::new(id, from, to, polarity) });
        }
        case
    }

    #[test]
    fn classifies_and_rotates() {
        use Polarity::{Negative, Positive};
        let case = case(&[
            ("l3", "a", "b", Negative, Some("wonen")),
            ("l1", "b", "c", Negative, Some("zorg")),
            ("l2", "c", "a", Positive, Some("wonen")),
        ]);
        let report = describe(&case, &[0, 1, 2], &HashSet::new());
        assert_eq!(report.key, loop_key(&["l3", "l1", "l2"]));
        assert_eq!(report.factor_ids, ["b", "c", "a"]);
        assert_eq!(report.kind, LoopKind::Reinforcing);
        assert!(report.vicious && report.sector_created);
        assert_eq!(report.sectors, ["wonen", "zorg"]);
        let marked = HashSet::from([report.key.as_str()]);
        assert!(!describe(&case, &[0, 1, 2], &marked).vicious);
    }

    #[test]
    fn odd_negatives_balance_and_one_sector_is_not_sector_created() {
        let case = case(&[("l1", "a", "a", Polarity::Negative, Some("zorg"))]);
        let report = describe(&case, &[0], &HashSet::new());
        assert_eq!(report.kind, LoopKind::Balancing);
        assert!(!report.vicious && !report.sector_created);
    }
}
