//! Minimum-weight hitting set: the cheapest set of elements that meets every given set.
//!
//! Exact branch and bound with reductions, and a greedy plan with a proven lower bound
//! when the search budget runs out. The integral plan of an analysis is this problem
//! with links and factors as elements and vicious loops as sets.
//!
//! - Reductions (repeated until nothing changes): a set with one element forces it; a set
//!   that contains another set is dropped; an element is dropped when another element
//!   meets all its sets at no more weight.
//! - Independent parts (no shared element) are solved separately.
//! - Branching on the open set with the fewest allowed elements: the `i`-th branch takes
//!   its `i`-th element and forbids the ones before it, so branches never overlap.
//! - Lower bound: a greedy feasible solution of the dual of the LP relaxation (each open
//!   set in turn takes the least residual weight of its elements). Any dual-feasible
//!   solution bounds every hitting set from below, without an LP solver.
//! - The first upper bound is the greedy plan (best elements per weight first, then
//!   redundant elements removed).
//!
//! Literature: Karp 1972 (NP-hardness of hitting set); Chvátal 1979 (greedy set cover);
//! Bar-Yehuda & Even 1981 (dual-greedy bound for weighted cover).

use crate::core::sorting;

/// The result of [`min_hitting_set`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HittingSet {
    /// The chosen elements, sorted.
    pub chosen: Vec<usize>,
    /// Their total weight.
    pub weight: u128,
    /// Whether `chosen` is proven to have minimum weight.
    pub optimal: bool,
    /// A proven lower bound on the minimum weight (equal to `weight` when optimal).
    pub lower_bound: u128,
    /// The work done (the unit of the budget).
    pub work: u64,
}

/// Finds a minimum-weight set of elements that meets every set in `sets`.
///
/// # Arguments
/// * `weights`: the weight of each element `0..weights.len()`.
/// * `sets`: each set as element indices; elements out of range and empty sets are
///   ignored (nothing can meet an empty set).
/// * `budget`: the work allowed (element visits in reductions and search nodes) before
///   settling for the best plan found so far. The greedy plan and the root bound are
///   always computed, in O(Σ|set|) beyond the budget.
///
/// # Returns
/// A [`HittingSet`]; `optimal` is false only when the budget ran out, and then
/// `lower_bound` is the dual bound of the reduced problem.
///
/// # Complexity
/// Reductions: O(r · m · k · (m + n) / 64) for `m` sets of at most `k` of the `n`
/// elements and `r` rounds. Each search node costs O(Σ|set|). All of it is capped by
/// `budget`; without the cap the search is exponential in the worst case (the problem is
/// NP-hard).
///
/// # Example
/// ```
/// use cirkelbreker::core::analysis::hitting_set::min_hitting_set;
/// // three sets; element 1 meets the first two, element 3 the last
/// let sets = vec![vec![0, 1], vec![1, 2], vec![2, 3]];
/// let plan = min_hitting_set(&[5, 4, 6, 1], &sets, 1000);
/// assert_eq!((plan.chosen, plan.weight, plan.optimal), (vec![1, 3], 5, true));
/// ```
pub fn min_hitting_set(weights: &[u128], sets: &[Vec<usize>], budget: u64) -> HittingSet {
    let mut problem = Reduced::new(weights, sets, budget);
    problem.reduce();
    let mut chosen = problem.forced.clone();
    let mut weight: u128 = chosen.iter().map(|&e| weights[e]).sum();
    let mut lower_bound = weight;
    let mut optimal = true;
    let given = budget;
    let mut budget = budget.saturating_sub(problem.work);
    for part in problem.parts() {
        let mut search = Search::new(weights, &part);
        let solution = search.run(&mut budget);
        optimal &= solution.optimal;
        weight += solution.weight;
        lower_bound += solution.lower_bound;
        chosen.extend(solution.chosen.iter().map(|&local| part.elements[local]));
    }
    sorting::sort(&mut chosen);
    let work = problem.work.saturating_add(given.saturating_sub(problem.work).saturating_sub(budget));
    HittingSet { chosen, weight, optimal, lower_bound: if optimal { weight } else { lower_bound }, work }
}

/// A bitset over `0..len`.
#[derive(Clone)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(len: usize) -> Bits {
        Bits(vec![0; len.div_ceil(64)])
    }
    fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    fn is_subset(&self, other: &Bits) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| a & !b == 0)
    }
}

/// The problem after reductions: forced elements, and the sets still open.
struct Reduced<'w> {
    weights: &'w [u128],
    /// Work done by the reductions, and the most they may do.
    work: u64,
    limit: u64,
    forced: Vec<usize>,
    /// Open sets, each sorted and free of duplicates.
    sets: Vec<Vec<usize>>,
}

/// One independent part: local element `i` is `elements[i]`; sets use local indices.
struct Part {
    elements: Vec<usize>,
    sets: Vec<Vec<usize>>,
}

impl<'w> Reduced<'w> {
    fn new(weights: &'w [u128], sets: &[Vec<usize>], limit: u64) -> Self {
        let sets = sets
            .iter()
            .map(|set| {
                let mut set: Vec<usize> = set.iter().copied().filter(|&e| e < weights.len()).collect();
                sorting::sort(&mut set);
                set.dedup();
                set
            })
            .filter(|set| !set.is_empty())
            .collect();
        Reduced { weights, work: 0, limit, forced: Vec::new(), sets }
    }

    /// Applies the reductions until none applies or the work limit is reached. Each
    /// reduction keeps the problem equivalent, so stopping early is safe.
    fn reduce(&mut self) {
        while self.work < self.limit
            && (self.force_singletons() | self.drop_supersets() | self.drop_dominated_elements())
        {}
    }

    /// Charges `amount` work; false once the limit is reached.
    fn charge(&mut self, amount: usize) -> bool {
        self.work = self.work.saturating_add(amount as u64);
        self.work < self.limit
    }

    /// Every set of one element forces that element. Returns whether anything changed.
    fn force_singletons(&mut self) -> bool {
        let mut forced: Vec<usize> = self.sets.iter().filter(|set| set.len() == 1).map(|set| set[0]).collect();
        if forced.is_empty() {
            return false;
        }
        sorting::sort(&mut forced);
        forced.dedup();
        self.sets.retain(|set| !set.iter().any(|e| forced.binary_search(e).is_ok()));
        self.forced.extend(forced);
        true
    }

    /// Element → the positions of the sets containing it.
    fn memberships(&self) -> Vec<Vec<usize>> {
        let mut member = vec![Vec::new(); self.weights.len()];
        for (position, set) in self.sets.iter().enumerate() {
            for &e in set {
                member[e].push(position);
            }
        }
        member
    }

    /// Drops every set that contains another (of equal sets, all but the first).
    fn drop_supersets(&mut self) -> bool {
        let member = self.memberships();
        let bits: Vec<Bits> = self
            .sets
            .iter()
            .map(|set| {
                let mut bits = Bits::new(self.weights.len());
                set.iter().for_each(|&e| bits.insert(e));
                bits
            })
            .collect();
        let mut dropped = vec![false; self.sets.len()];
        let words = self.weights.len().div_ceil(64);
        for a in 0..self.sets.len() {
            let set = &self.sets[a];
            if dropped[a] {
                continue;
            }
            let Some(&rarest) = set.iter().min_by_key(|&&e| member[e].len()) else { continue };
            if !self.charge(member[rarest].len() * words) {
                break;
            }
            let set = &self.sets[a];
            for &b in &member[rarest] {
                let other = &self.sets[b];
                let contains = b != a
                    && !dropped[b]
                    && (other.len() > set.len() || (other.len() == set.len() && b > a))
                    && bits[a].is_subset(&bits[b]);
                if contains {
                    dropped[b] = true;
                }
            }
        }
        let before = self.sets.len();
        let mut position = 0;
        self.sets.retain(|_| {
            position += 1;
            !dropped[position - 1]
        });
        self.sets.len() != before
    }

    /// Drops element `j` when some `k` is in every set that `j` is in and `k` is strictly
    /// better in (weight, more sets, lower index). A plan using `j` can use `k` instead.
    fn drop_dominated_elements(&mut self) -> bool {
        let member = self.memberships();
        let bits: Vec<Bits> = member
            .iter()
            .map(|sets| {
                let mut bits = Bits::new(self.sets.len());
                sets.iter().for_each(|&s| bits.insert(s));
                bits
            })
            .collect();
        let rank = |e: usize| (self.weights[e], std::cmp::Reverse(member[e].len()), e);
        let mut dropped = vec![false; self.weights.len()];
        let words = self.sets.len().div_ceil(64);
        for j in 0..self.weights.len() {
            let Some(&first) = member[j].first() else { continue };
            if !self.charge(self.sets[first].len() * words) {
                break;
            }
            let dominated = self.sets[first].iter().any(|&k| {
                k != j && rank(k) < rank(j) && member[k].len() >= member[j].len() && bits[j].is_subset(&bits[k])
            });
            dropped[j] = dominated;
        }
        let mut changed = false;
        for set in &mut self.sets {
            let before = set.len();
            set.retain(|&e| !dropped[e]);
            changed |= set.len() != before;
        }
        changed
    }

    /// Splits the open sets into parts that share no element.
    fn parts(&self) -> Vec<Part> {
        let mut parent: Vec<usize> = (0..self.weights.len()).collect();
        fn root(parent: &mut [usize], mut e: usize) -> usize {
            while parent[e] != e {
                parent[e] = parent[parent[e]];
                e = parent[e];
            }
            e
        }
        for set in &self.sets {
            let first = root(&mut parent, set[0]);
            for &e in &set[1..] {
                let other = root(&mut parent, e);
                parent[other] = first;
            }
        }
        let mut part_of_root = vec![usize::MAX; self.weights.len()];
        let mut local = vec![usize::MAX; self.weights.len()];
        let mut parts: Vec<Part> = Vec::new();
        for set in &self.sets {
            let r = root(&mut parent, set[0]);
            if part_of_root[r] == usize::MAX {
                part_of_root[r] = parts.len();
                parts.push(Part { elements: Vec::new(), sets: Vec::new() });
            }
            let part = &mut parts[part_of_root[r]];
            let mut mapped = Vec::with_capacity(set.len());
            for &e in set {
                if local[e] == usize::MAX {
                    local[e] = part.elements.len();
                    part.elements.push(e);
                }
                mapped.push(local[e]);
            }
            part.sets.push(mapped);
        }
        parts
    }
}

/// The solution of one part, in local element indices.
struct PartSolution {
    chosen: Vec<usize>,
    weight: u128,
    optimal: bool,
    lower_bound: u128,
}

/// A branching point: the candidates of the set branched on, the branch taken, and the
/// elements forbidden in the whole subtree by reduced-cost fixing.
struct Branch {
    candidates: Vec<usize>,
    next: usize,
    fixed: Vec<usize>,
}

/// Depth-first branch and bound over one part.
struct Search<'p> {
    weights: Vec<u128>,
    sets: &'p [Vec<usize>],
    member: Vec<Vec<usize>>,
    /// Sets in the order the dual bound visits them (fewest elements first).
    order: Vec<usize>,
    hits: Vec<u32>,
    excluded: Vec<bool>,
    residual: Vec<u128>,
    /// Element visits so far (the unit of the work budget).
    work: u64,
    /// `touched[e] == stamp` when `e` is allowed in a set still open at the last evaluation.
    touched: Vec<u32>,
    stamp: u32,
    chosen: Vec<usize>,
    weight: u128,
    best: Vec<usize>,
    best_weight: u128,
}

/// What the bound says about a search node.
enum Node {
    /// Every set is met.
    Covered,
    /// No completion can beat the best plan, or some set cannot be met any more.
    Pruned,
    /// Branch on this set; `bound` is the dual lower bound of the open sets.
    Open { set: usize, bound: u128 },
}

impl<'p> Search<'p> {
    fn new(all_weights: &[u128], part: &'p Part) -> Self {
        let weights: Vec<u128> = part.elements.iter().map(|&e| all_weights[e]).collect();
        let mut member = vec![Vec::new(); weights.len()];
        for (s, set) in part.sets.iter().enumerate() {
            for &e in set {
                member[e].push(s);
            }
        }
        let mut order: Vec<usize> = (0..part.sets.len()).collect();
        sorting::sort_by_key(&mut order, |&s| part.sets[s].len());
        let count = weights.len();
        Search {
            residual: weights.clone(),
            weights,
            sets: &part.sets,
            member,
            order,
            hits: vec![0; part.sets.len()],
            excluded: vec![false; count],
            work: 0,
            touched: vec![0; count],
            stamp: 0,
            chosen: Vec::new(),
            weight: 0,
            best: Vec::new(),
            best_weight: u128::MAX,
        }
    }

    fn choose(&mut self, e: usize) {
        self.chosen.push(e);
        self.weight += self.weights[e];
        for &s in &self.member[e] {
            self.hits[s] += 1;
        }
    }

    fn unchoose(&mut self, e: usize) {
        self.chosen.pop();
        self.weight -= self.weights[e];
        for &s in &self.member[e] {
            self.hits[s] -= 1;
        }
    }

    /// The greedy plan: repeatedly the element with the most open sets per weight, then
    /// elements whose sets are all met by others are removed (heaviest first).
    fn greedy(&mut self) {
        let mut open: Vec<bool> = vec![true; self.sets.len()];
        let mut gain: Vec<usize> = self.member.iter().map(Vec::len).collect();
        let mut picked = Vec::new();
        while let Some(best) = (0..self.weights.len()).filter(|&e| gain[e] > 0).max_by(|&a, &b| {
            // gain[a] / w[a] vs gain[b] / w[b]; weights are positive or zero
            (gain[a] as u128 * self.weights[b].max(1)).cmp(&(gain[b] as u128 * self.weights[a].max(1))).then(b.cmp(&a))
        }) {
            picked.push(best);
            for &s in &self.member[best] {
                if open[s] {
                    open[s] = false;
                    for &e in &self.sets[s] {
                        gain[e] -= 1;
                    }
                }
            }
        }
        let mut cover = vec![0u32; self.sets.len()];
        for &e in &picked {
            self.member[e].iter().for_each(|&s| cover[s] += 1);
        }
        sorting::sort_by_key(&mut picked, |&e| std::cmp::Reverse(self.weights[e]));
        picked.retain(|&e| {
            let redundant = self.member[e].iter().all(|&s| cover[s] > 1);
            if redundant {
                self.member[e].iter().for_each(|&s| cover[s] -= 1);
            }
            !redundant
        });
        self.best_weight = picked.iter().map(|&e| self.weights[e]).sum();
        self.best = picked;
    }

    /// Bounds the current node (see [`Node`]).
    fn evaluate(&mut self) -> Node {
        self.residual.copy_from_slice(&self.weights);
        self.stamp += 1;
        self.work += (self.order.len() + self.weights.len()) as u64;
        let mut bound: u128 = 0;
        let mut branch: Option<(usize, usize)> = None;
        for &s in &self.order {
            if self.hits[s] > 0 {
                continue;
            }
            let mut least = u128::MAX;
            let mut allowed = 0;
            self.work += self.sets[s].len() as u64;
            for &e in &self.sets[s] {
                if !self.excluded[e] {
                    allowed += 1;
                    least = least.min(self.residual[e]);
                }
            }
            if allowed == 0 {
                return Node::Pruned;
            }
            for &e in &self.sets[s] {
                if !self.excluded[e] {
                    self.residual[e] -= least;
                    self.touched[e] = self.stamp;
                }
            }
            bound += least;
            if branch.is_none_or(|(_, fewest)| allowed < fewest) {
                branch = Some((s, allowed));
            }
        }
        match branch {
            None => Node::Covered,
            Some(_) if self.weight + bound >= self.best_weight => Node::Pruned,
            Some((set, _)) => Node::Open { set, bound },
        }
    }

    /// The allowed elements of `set`, cheapest first, then those meeting more open sets.
    fn candidates(&self, set: usize) -> Vec<usize> {
        let mut candidates: Vec<usize> = self.sets[set].iter().copied().filter(|&e| !self.excluded[e]).collect();
        let open = |e: usize| self.member[e].iter().filter(|&&s| self.hits[s] == 0).count();
        sorting::sort_by_cached_key(&mut candidates, |&e| (self.weights[e], std::cmp::Reverse(open(e)), e));
        candidates
    }

    /// Reduced-cost fixing: after [`Search::evaluate`], `residual[e]` is the reduced cost
    /// of `e` under the dual solution, so any completion that takes `e` weighs at least
    /// `weight + bound + residual[e]`. Elements for which that is not below the best plan
    /// are forbidden in this subtree; they are appended to `fixed`. Returns whether any was.
    fn fix_by_reduced_cost(&mut self, bound: u128, fixed: &mut Vec<usize>) -> bool {
        let before = fixed.len();
        for e in 0..self.weights.len() {
            let open = self.touched[e] == self.stamp && !self.excluded[e];
            if open && self.weight + bound + self.residual[e] >= self.best_weight {
                self.excluded[e] = true;
                fixed.push(e);
            }
        }
        fixed.len() != before
    }

    /// Visits a node: records a better plan, or forbids what cannot improve on the best
    /// plan and opens a branching point. Returns the node's lower bound when it is open.
    fn enter(&mut self, stack: &mut Vec<Branch>) -> Option<u128> {
        let mut fixed = Vec::new();
        loop {
            match self.evaluate() {
                Node::Covered => {
                    if self.weight < self.best_weight {
                        self.best_weight = self.weight;
                        self.best = self.chosen.clone();
                    }
                }
                Node::Pruned => {}
                Node::Open { set, bound } => {
                    if self.fix_by_reduced_cost(bound, &mut fixed) {
                        continue;
                    }
                    stack.push(Branch { candidates: self.candidates(set), next: 0, fixed });
                    return Some(bound);
                }
            }
            for &e in &fixed {
                self.excluded[e] = false;
            }
            return None;
        }
    }

    fn run(&mut self, budget: &mut u64) -> PartSolution {
        self.greedy();
        let mut stack: Vec<Branch> = Vec::new();
        let root_bound = self.enter(&mut stack).map_or(self.best_weight, |bound| bound.min(self.best_weight));
        let mut optimal = true;
        while let Some(top) = stack.last_mut() {
            if top.next > 0 {
                let previous = top.candidates[top.next - 1];
                self.unchoose(previous);
                self.excluded[previous] = true;
            }
            let Some(top) = stack.last_mut() else { break };
            if top.next < top.candidates.len() {
                if self.work >= *budget {
                    optimal = false;
                    break;
                }
                let e = top.candidates[top.next];
                top.next += 1;
                self.choose(e);
                self.enter(&mut stack);
            } else if let Some(done) = stack.pop() {
                for &e in done.candidates.iter().chain(&done.fixed) {
                    self.excluded[e] = false;
                }
            }
        }
        *budget = budget.saturating_sub(self.work);
        let mut best = std::mem::take(&mut self.best);
        sorting::sort(&mut best);
        PartSolution {
            chosen: best,
            weight: self.best_weight,
            optimal,
            lower_bound: if optimal { self.best_weight } else { root_bound },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The minimum weight by trying every subset.
    fn brute_force(weights: &[u128], sets: &[Vec<usize>]) -> u128 {
        (0u32..1 << weights.len())
            .filter(|mask| sets.iter().all(|set| set.iter().any(|&e| mask & (1 << e) != 0)))
            .map(|mask| (0..weights.len()).filter(|&e| mask & (1 << e) != 0).map(|e| weights[e]).sum())
            .min()
            .unwrap_or(0)
    }

    #[test]
    fn matches_brute_force_on_small_instances() {
        let mut seed = 12345u64;
        let mut next = move |bound: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % bound
        };
        for _ in 0..300 {
            let n = 1 + next(10) as usize;
            let weights: Vec<u128> = (0..n).map(|_| 1 + next(9) as u128).collect();
            let sets: Vec<Vec<usize>> =
                (0..next(12)).map(|_| (0..1 + next(4)).map(|_| next(n as u64) as usize).collect()).collect();
            let plan = min_hitting_set(&weights, &sets, u64::MAX);
            assert!(plan.optimal);
            assert!(sets.iter().all(|set| set.iter().any(|e| plan.chosen.contains(e))), "{sets:?} {plan:?}");
            assert_eq!(plan.chosen.iter().map(|&e| weights[e]).sum::<u128>(), plan.weight);
            assert_eq!(plan.weight, brute_force(&weights, &sets), "{weights:?} {sets:?}");
        }
    }

    #[test]
    fn out_of_budget_gives_a_valid_plan_and_a_lower_bound() {
        // a 9-cycle of pairs: each element meets two neighbouring sets
        let sets: Vec<Vec<usize>> = (0..9).map(|i| vec![i, (i + 1) % 9]).collect();
        let plan = min_hitting_set(&[1; 9], &sets, 0);
        assert!(!plan.optimal);
        assert!(plan.lower_bound <= 5 && plan.weight >= 5);
        assert!(sets.iter().all(|set| set.iter().any(|e| plan.chosen.contains(e))));
        assert_eq!(min_hitting_set(&[1; 9], &sets, u64::MAX).weight, 5);
    }
}
