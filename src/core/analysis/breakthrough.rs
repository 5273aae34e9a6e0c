//! Breakthrough points: for every link and factor the vicious loops breaking it breaks and
//! what it costs, and the integral plan that breaks every vicious loop at least cost.
//!
//! The plan is a minimum-weight hitting set ([`min_hitting_set`]) over the vicious loops
//! that no chosen intervention breaks yet, with the cuttable links and factors as
//! elements. The weight orders plans by cost, then by fewer interventions, then by lower
//! mandate levels: `cost · 2⁴⁰ + 2²⁰ + level`, which stays exact for fewer than 2²⁰
//! interventions.

use super::costs::{self, DEFAULT_FACTOR_COST, DEFAULT_FACTOR_LEVEL, DEFAULT_LINK_LEVEL};
use super::hitting_set::min_hitting_set;
use super::{AnalysisOptions, BreakOption, CycleReport, Plan};
use crate::core::mandate::MandateSource;
use crate::core::model::{Case, MandateLevel, Target};
use std::collections::HashMap;

/// The per-link and per-factor options and the plan, as returned by [`plan`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Breakthrough {
    /// Every link, ranked (see [`super::ranking::rank_options`]).
    pub link_options: Vec<BreakOption>,
    /// Every factor, ranked.
    pub factor_options: Vec<BreakOption>,
    /// The cheapest plan.
    pub plan: Plan,
}

const COST_SHIFT: u32 = 40;
const COUNT_UNIT: u128 = 1 << 20;

/// The hitting-set weight of one intervention (see the module documentation).
fn weight(cost: u32, level: u8) -> u128 {
    ((cost as u128) << COST_SHIFT) + COUNT_UNIT + level as u128
}

/// Computes the options of every link and factor of `case` and the cheapest plan that
/// breaks every vicious loop in `cycles` (ranked, as in [`super::Analysis::cycles`]);
/// `paths[i]` holds the positions in `case.links` of the links of `cycles[i]`.
///
/// The interventions the case already has are always in the plan; the plan then covers
/// the vicious loops they leave, cutting only what `options.cut` allows and nothing fixed.
/// Vicious loops that nothing may cut are listed in [`Plan::uncovered`].
pub(crate) fn plan(
    case: &Case,
    mandates: &dyn MandateSource,
    cycles: &[CycleReport],
    paths: &[Vec<usize>],
    options: &AnalysisOptions,
) -> Breakthrough {
    let link_index: HashMap<&str, usize> =
        case.links.iter().enumerate().map(|(position, link)| (link.id.as_str(), position)).collect();
    let factor_index: HashMap<&str, usize> =
        case.factors.iter().enumerate().map(|(position, factor)| (factor.id.as_str(), position)).collect();
    let link_count = case.links.len();

    let mut link_breaks = vec![Vec::new(); link_count];
    let mut factor_breaks = vec![Vec::new(); case.factors.len()];
    // each vicious loop as element indices: links 0.., factors link_count..
    let mut loop_elements: Vec<(usize, Vec<usize>)> = Vec::new();
    let link_from: Vec<Option<usize>> =
        case.links.iter().map(|link| factor_index.get(link.from.as_str()).copied()).collect();
    for (position, links) in paths.iter().enumerate().filter(|&(position, _)| cycles[position].vicious) {
        let mut elements = Vec::with_capacity(2 * links.len());
        for &link in links {
            link_breaks[link].push(position);
            elements.push(link);
        }
        for &factor in links.iter().filter_map(|&link| link_from[link].as_ref()) {
            factor_breaks[factor].push(position);
            elements.push(link_count + factor);
        }
        loop_elements.push((position, elements));
    }

    let link_costs: Vec<costs::LinkCost> = case.links.iter().map(|link| costs::link_cost(link, mandates)).collect();
    let mut weights = Vec::with_capacity(link_count + case.factors.len());
    let mut cuttable = Vec::with_capacity(weights.capacity());
    for (link, cost) in case.links.iter().zip(&link_costs) {
        weights.push(weight(cost.cost, cost.level.map_or(DEFAULT_LINK_LEVEL, MandateLevel::number)));
        cuttable.push(options.cut.links() && !link.fixed);
    }
    for factor in &case.factors {
        weights.push(weight(DEFAULT_FACTOR_COST, DEFAULT_FACTOR_LEVEL));
        cuttable.push(options.cut.factors() && !factor.fixed);
    }
    let element_cost = |element: usize| {
        if element < link_count {
            link_costs[element].cost
        } else {
            DEFAULT_FACTOR_COST
        }
    };

    let mut forced = vec![false; weights.len()];
    for intervention in &case.interventions {
        let element = match &intervention.target {
            Target::Link(id) => link_index.get(id.as_str()).copied(),
            Target::Factor(id) => factor_index.get(id.as_str()).map(|&factor| link_count + factor),
        };
        if let Some(element) = element {
            forced[element] = true;
        }
    }

    let mut sets = Vec::new();
    let mut uncovered = Vec::new();
    for (position, elements) in &loop_elements {
        if elements.iter().any(|&element| forced[element]) {
            continue;
        }
        let candidates: Vec<usize> = elements.iter().copied().filter(|&element| cuttable[element]).collect();
        if candidates.is_empty() {
            uncovered.push(*position);
        } else {
            sets.push(candidates);
        }
    }
    let solution = min_hitting_set(&weights, &sets, options.max_plan_steps);

    let mut chosen: Vec<usize> = (0..weights.len()).filter(|&element| forced[element]).collect();
    let forced_cost = chosen.iter().fold(0u32, |sum, &element| sum.saturating_add(element_cost(element)));
    chosen.extend(&solution.chosen);
    let cost = chosen.iter().fold(0u32, |sum, &element| sum.saturating_add(element_cost(element)));
    let found_bound = u32::try_from(solution.lower_bound >> COST_SHIFT).unwrap_or(u32::MAX);
    let target = |element: usize| {
        if element < link_count {
            Target::Link(case.links[element].id.clone())
        } else {
            Target::Factor(case.factors[element - link_count].id.clone())
        }
    };
    let mut targets: Vec<Target> = chosen.iter().map(|&element| target(element)).collect();
    targets.sort();
    let plan = Plan {
        targets,
        cost,
        optimal: solution.optimal,
        lower_bound: if solution.optimal { cost } else { forced_cost.saturating_add(found_bound) },
        uncovered,
    };

    let mut link_options: Vec<BreakOption> = case
        .links
        .iter()
        .zip(link_costs)
        .zip(link_breaks)
        .map(|((link, cost), breaks)| BreakOption {
            target: Target::Link(link.id.clone()),
            breaks,
            cost: cost.cost,
            level: cost.level,
            instrument: cost.instrument,
            rule: link.rule.clone(),
            fixed: link.fixed,
        })
        .collect();
    let mut factor_options: Vec<BreakOption> = case
        .factors
        .iter()
        .zip(factor_breaks)
        .map(|(factor, breaks)| BreakOption {
            target: Target::Factor(factor.id.clone()),
            breaks,
            cost: DEFAULT_FACTOR_COST,
            level: None,
            instrument: None,
            rule: None,
            fixed: factor.fixed,
        })
        .collect();
    super::ranking::rank_options(&mut link_options);
    super::ranking::rank_options(&mut factor_options);
    Breakthrough { link_options, factor_options, plan }
}
