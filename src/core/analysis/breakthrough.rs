//! Breakthrough points: for every link and factor the vicious loops breaking it breaks and
//! what it costs, and the integral plan that breaks every vicious loop at least cost.
//!
//! The plan is a minimum-weight hitting set ([`min_hitting_set`]) over the vicious loops
//! that no chosen intervention breaks yet, with the cuttable links and factors as
//! elements. The weight orders plans by cost, then by fewer interventions, then by lower
//! mandate levels: `cost · 2⁴⁰ + 2²⁰ + level`, which stays exact for fewer than 2²⁰
//! interventions.

use super::costs::{self, DEFAULT_FACTOR_COST, DEFAULT_FACTOR_LEVEL, DEFAULT_LINK_LEVEL};
use super::cycles::{try_for_each_cycle, Digraph, Limits};
use super::hitting_set::min_hitting_set;
use super::{AnalysisOptions, BreakOption, CycleReport, Plan};
use crate::core::mandate::MandateSource;
use crate::core::model::{Case, MandateLevel, Polarity, Target};
use crate::core::sorting;
use std::collections::{HashMap, HashSet};

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

/// The map as the plan sees it: the edges of the loop search (factor positions) and, for
/// each edge, its position in `case.links`.
pub(crate) struct MapGraph<'a> {
    /// `(tail, head)` as positions in `case.factors`.
    pub edges: &'a [(usize, usize)],
    /// `edge_link[e]`: the position in `case.links` of edge `e`.
    pub edge_link: &'a [usize],
}

/// How many new vicious loops one search of the map without the plan adds at most.
const NEW_LOOPS_PER_ROUND: usize = 48;

/// How many vicious loops of the list seed the covering problem (shortest first).
const SEED_LOOPS: usize = 400;

/// Adds to `extra` (and marks in `removed`) elements that meet every set of `new` not yet
/// met: repeatedly the element meeting the most of them per weight.
fn cover_greedily(weights: &[u128], new: &[Vec<usize>], removed: &mut [bool], extra: &mut Vec<usize>) {
    let mut open: Vec<&Vec<usize>> = new.iter().filter(|set| !set.iter().any(|&e| removed[e])).collect();
    while !open.is_empty() {
        let mut best: Option<(usize, usize)> = None;
        for set in &open {
            for &element in set.iter() {
                let meets = open.iter().filter(|other| other.contains(&element)).count();
                let better = best.is_none_or(|(chosen, most)| {
                    (meets as u128) * weights[chosen].max(1) > (most as u128) * weights[element].max(1)
                });
                if better {
                    best = Some((element, meets));
                }
            }
        }
        let Some((element, _)) = best else { break };
        removed[element] = true;
        extra.push(element);
        open.retain(|set| !set.contains(&element));
    }
}

/// Computes the options of every link and factor of `case` and the cheapest plan that
/// breaks every vicious loop of the map, listed in `cycles` or not; `cycles` are ranked
/// as in [`super::Analysis::cycles`] and `paths[i]` holds the positions in `case.links`
/// of the links of `cycles[i]`.
///
/// The plan is found by lazy cycle generation (Baharev, Schichl, Neumaier & Achterberg,
/// "An exact method for the minimum feedback arc set problem", ACM JEA 26, 2021): solve
/// the hitting set over the vicious loops known so far (seeded with the shortest listed
/// ones), search the map without the chosen links and factors for vicious loops that
/// survive, add them and repeat until none survives. The plan is proven minimal when the
/// last hitting set is, since every other vicious loop only adds constraints; the lower
/// bound of any round bounds the whole problem.
///
/// The interventions the case already has are always in the plan; the plan then covers
/// the vicious loops they leave, cutting only what `options.cut` allows and nothing fixed.
/// Loops marked virtuous are not vicious. Vicious loops that nothing may cut are listed in
/// [`Plan::uncovered`] (listed loops) and counted in [`Plan::uncovered_unlisted`].
pub(crate) fn plan(
    case: &Case,
    mandates: &dyn MandateSource,
    cycles: &[CycleReport],
    paths: &[Vec<usize>],
    map: &MapGraph<'_>,
    options: &AnalysisOptions,
) -> Breakthrough {
    let link_index: HashMap<&str, usize> =
        case.links.iter().enumerate().map(|(position, link)| (link.id.as_str(), position)).collect();
    let factor_index: HashMap<&str, usize> =
        case.factors.iter().enumerate().map(|(position, factor)| (factor.id.as_str(), position)).collect();
    let link_count = case.links.len();

    let mut link_breaks = vec![Vec::new(); link_count];
    let mut factor_breaks = vec![Vec::new(); case.factors.len()];
    let link_from: Vec<Option<usize>> =
        case.links.iter().map(|link| factor_index.get(link.from.as_str()).copied()).collect();
    // each vicious loop as element indices: links 0.., factors link_count..
    let elements_of = |links: &[usize]| -> Vec<usize> {
        let mut elements: Vec<usize> = links.to_vec();
        elements.extend(links.iter().filter_map(|&link| link_from[link]).map(|factor| link_count + factor));
        elements
    };
    let mut listed_vicious: Vec<usize> = Vec::new();
    for (position, links) in paths.iter().enumerate().filter(|&(position, _)| cycles[position].vicious) {
        for &link in links {
            link_breaks[link].push(position);
        }
        for &factor in links.iter().filter_map(|&link| link_from[link].as_ref()) {
            factor_breaks[factor].push(position);
        }
        listed_vicious.push(position);
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

    // a loop is named by its sorted link positions (an elementary loop's links fix it)
    let sorted = |links: &[usize]| {
        let mut links = links.to_vec();
        sorting::sort(&mut links);
        links
    };
    let virtuous: HashSet<Vec<usize>> = case
        .virtuous_loops
        .iter()
        .filter_map(|key| key.split('>').map(|id| link_index.get(id).copied()).collect::<Option<Vec<usize>>>())
        .map(|links| sorted(&links))
        .collect();
    let listed_position: HashMap<Vec<usize>, usize> =
        listed_vicious.iter().map(|&position| (sorted(&paths[position]), position)).collect();

    let mut sets: Vec<Vec<usize>> = Vec::new();
    let mut known: HashSet<Vec<usize>> = HashSet::new();
    let mut uncovered = Vec::new();
    let mut uncovered_seen: HashSet<Vec<usize>> = HashSet::new();
    let mut seeds: Vec<usize> = listed_vicious.clone();
    sorting::sort_by_key(&mut seeds, |&position| paths[position].len());
    for (rank, &position) in seeds.iter().enumerate() {
        let elements = elements_of(&paths[position]);
        if elements.iter().any(|&element| forced[element]) {
            continue;
        }
        let candidates: Vec<usize> = elements.iter().copied().filter(|&element| cuttable[element]).collect();
        if candidates.is_empty() {
            uncovered.push(position);
            uncovered_seen.insert(sorted(&paths[position]));
        } else if rank < SEED_LOOPS && known.insert(sorted(&paths[position])) {
            sets.push(candidates);
        }
    }
    sorting::sort(&mut uncovered);

    let negative: Vec<bool> = case.links.iter().map(|link| link.polarity == Polarity::Negative).collect();
    let mut solve_budget = options.max_plan_steps;
    let mut search_budget = options.max_plan_steps;
    let mut uncovered_unlisted = 0;
    let mut rounds = 0;
    let mut solution = min_hitting_set(&weights, &sets, solve_budget);
    solve_budget = solve_budget.saturating_sub(solution.work);
    let mut lower_bound = solution.lower_bound;
    // elements added greedily once the solver's budget is spent (no proof of minimality)
    let mut extra: Vec<usize> = Vec::new();
    let breaks_all = loop {
        rounds += 1;
        let mut removed = forced.clone();
        for &element in solution.chosen.iter().chain(&extra) {
            removed[element] = true;
        }
        let mut residual_edges = Vec::new();
        let mut residual_link = Vec::new();
        for (&(from, to), &link) in map.edges.iter().zip(map.edge_link) {
            if !removed[link] && !removed[link_count + from] && !removed[link_count + to] {
                residual_edges.push((from, to));
                residual_link.push(link);
            }
        }
        let Ok(residual) = Digraph::new(case.factors.len(), &residual_edges) else {
            break false;
        };
        let limits = Limits { max_length: None, max_cycles: usize::MAX, max_steps: search_budget };
        let first_new = sets.len();
        let mut links = Vec::new();
        let outcome = try_for_each_cycle(&residual, &limits, |path| {
            links.clear();
            links.extend(path.iter().map(|&edge| residual_link[edge as usize]));
            if links.iter().filter(|&&link| negative[link]).count() % 2 == 1 {
                return true;
            }
            let name = sorted(&links);
            if virtuous.contains(&name) || uncovered_seen.contains(&name) {
                return true;
            }
            let candidates: Vec<usize> = elements_of(&links).into_iter().filter(|&element| cuttable[element]).collect();
            if candidates.is_empty() {
                match listed_position.get(&name) {
                    Some(&position) => uncovered.push(position),
                    None => uncovered_unlisted += 1,
                }
                uncovered_seen.insert(name);
                return true;
            }
            if known.insert(name) {
                sets.push(candidates);
            }
            sets.len() - first_new < NEW_LOOPS_PER_ROUND
        });
        let added = sets.len() - first_new;
        search_budget = search_budget.saturating_sub(outcome.steps).saturating_sub(added as u64);
        if added == 0 {
            break outcome.bound.is_none();
        }
        if solve_budget > 0 && search_budget > 0 {
            solution = min_hitting_set(&weights, &sets, solve_budget);
            solve_budget = solve_budget.saturating_sub(solution.work);
            lower_bound = lower_bound.max(solution.lower_bound);
            extra.clear();
        } else {
            // the solver's budget is spent: break the new loops greedily and go on
            // searching, so the plan still breaks every vicious loop
            cover_greedily(&weights, &sets[first_new..], &mut removed, &mut extra);
            if search_budget == 0 {
                break false;
            }
        }
    };
    sorting::sort(&mut uncovered);
    uncovered.dedup();

    let mut chosen: Vec<usize> = (0..weights.len()).filter(|&element| forced[element]).collect();
    let forced_cost = chosen.iter().fold(0u32, |sum, &element| sum.saturating_add(element_cost(element)));
    chosen.extend(&solution.chosen);
    chosen.extend(&extra);
    let cost = chosen.iter().fold(0u32, |sum, &element| sum.saturating_add(element_cost(element)));
    // the weight's cost part, rounded up: a weight bound w means cost ≥ ⌈w / 2⁴⁰⌉ minus
    // the tie-break parts, which are below 2⁴⁰ in total
    let found_bound = u32::try_from(lower_bound >> COST_SHIFT).unwrap_or(u32::MAX);
    let target = |element: usize| {
        if element < link_count {
            Target::Link(case.links[element].id.clone())
        } else {
            Target::Factor(case.factors[element - link_count].id.clone())
        }
    };
    let mut targets: Vec<Target> = chosen.iter().map(|&element| target(element)).collect();
    sorting::sort(&mut targets);
    let optimal = solution.optimal && breaks_all && extra.is_empty();
    let plan = Plan {
        targets,
        cost,
        optimal,
        lower_bound: if optimal { cost } else { forced_cost.saturating_add(found_bound).min(cost) },
        uncovered,
        breaks_all,
        uncovered_unlisted,
        loops_used: sets.len(),
        rounds,
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
