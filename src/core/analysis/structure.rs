//! The structure around the loops: mechanisms (vicious loops that share most of their
//! links, told as one) and drivers (*aanjagers*: factors outside every loop that feed
//! vicious loops).
//!
//! A mechanism can be named by the case meeting. The name is stored with the keys of the
//! mechanism's loops at that moment ([`MechanismName`]), not with the mechanism's own key,
//! so that it survives edits elsewhere on the map and follows the mechanism as its loops
//! change: after every analysis each stored name goes, in the order they were given, to
//! the unnamed mechanism that has most of its loops (at least one); when a mechanism
//! splits, the part with most of the named loops keeps the name, and when none of its
//! loops is left, the name waits in the case until they return (undo).

use super::CycleReport;
use crate::core::lang::Lang;
use crate::core::model::{Case, MechanismName};
use crate::core::sorting;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// How many of the first-ranked vicious loops are grouped into mechanisms (pairwise).
pub const MECHANISM_LOOPS: usize = 200;

/// Vicious loops that share most of their links: one mechanism.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mechanism {
    /// A stable name for the mechanism: the key of its shortest loop (then the smallest).
    pub key: String,
    /// Its loops, as indices into [`super::Analysis::cycles`], in list order.
    pub loops: Vec<usize>,
    /// The links all its loops share, sorted.
    pub shared_links: Vec<String>,
    /// The name the case meeting gave it (see [`name_mechanisms`]).
    pub name: Option<String>,
}

impl Mechanism {
    /// The keys of its loops, sorted: what an [`crate::core::edit::Edit::NameMechanism`]
    /// stores with the name.
    pub fn loop_keys(&self, cycles: &[CycleReport]) -> Vec<String> {
        let mut keys: Vec<String> = self.loops.iter().filter_map(|&i| cycles.get(i)).map(|c| c.key.clone()).collect();
        sorting::sort(&mut keys);
        keys
    }
}

/// A factor outside every loop that feeds vicious loops.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Driver {
    /// The factor.
    pub factor: String,
    /// The listed vicious loops it feeds (a path of links leads from it to a factor of
    /// the loop), as indices into [`super::Analysis::cycles`].
    pub feeds: Vec<usize>,
}

/// Groups the first [`MECHANISM_LOOPS`] vicious loops of `cycles` into mechanisms: in list
/// order, a loop joins the first mechanism whose first loop shares more than half the
/// links of the shorter of the two, else it starts a mechanism. Only mechanisms of two or
/// more loops are returned, largest first.
pub fn mechanisms(cycles: &[CycleReport]) -> Vec<Mechanism> {
    let vicious: Vec<usize> = (0..cycles.len()).filter(|&i| cycles[i].vicious).take(MECHANISM_LOOPS).collect();
    let links: Vec<HashSet<&str>> =
        vicious.iter().map(|&i| cycles[i].link_ids.iter().map(String::as_str).collect()).collect();
    // each loop joins the first mechanism whose first loop shares more than half the links
    // of the shorter of the two (measured against the first loop, so groups do not chain)
    let mut seeds: Vec<usize> = Vec::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for member in 0..vicious.len() {
        let joined = seeds.iter().position(|&seed| {
            let shared = links[seed].intersection(&links[member]).count();
            2 * shared > links[seed].len().min(links[member].len())
        });
        match joined {
            Some(group) => groups[group].push(member),
            None => {
                seeds.push(member);
                groups.push(vec![member]);
            }
        }
    }
    let mut found: Vec<Mechanism> = groups
        .into_iter()
        .filter(|members| members.len() >= 2)
        .map(|members| {
            let mut shared: Vec<String> = cycles[vicious[members[0]]]
                .link_ids
                .iter()
                .filter(|id| members.iter().all(|&m| links[m].contains(id.as_str())))
                .cloned()
                .collect();
            sorting::sort(&mut shared);
            let key = members
                .iter()
                .map(|&m| &cycles[vicious[m]])
                .min_by(|a, b| (a.link_ids.len(), &a.key).cmp(&(b.link_ids.len(), &b.key)))
                .map(|cycle| cycle.key.clone())
                .unwrap_or_default();
            Mechanism { key, loops: members.iter().map(|&m| vicious[m]).collect(), shared_links: shared, name: None }
        })
        .collect();
    sorting::sort_by(&mut found, |a, b| (b.loops.len(), &a.key).cmp(&(a.loops.len(), &b.key)));
    found
}

/// Gives each of `names`, in order, to the unnamed mechanism of `mechanisms` that has most
/// of its loops (at least one; among equals the first, which is the largest); a name whose
/// loops are in no mechanism is not shown.
pub fn name_mechanisms(mechanisms: &mut [Mechanism], cycles: &[CycleReport], names: &[MechanismName]) {
    for named in names {
        let shared = |mechanism: &Mechanism| {
            mechanism.loops.iter().filter(|&&i| cycles.get(i).is_some_and(|c| named.loops.contains(&c.key))).count()
        };
        let best = mechanisms
            .iter()
            .enumerate()
            .filter(|(_, mechanism)| mechanism.name.is_none())
            .map(|(position, mechanism)| (shared(mechanism), position))
            .filter(|&(count, _)| count > 0)
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, position)) = best {
            mechanisms[position].name = Some(named.name.clone());
        }
    }
}

/// The mechanism that loop `cycle` (an index into [`super::Analysis::cycles`]) belongs to.
pub fn mechanism_of(mechanisms: &[Mechanism], cycle: usize) -> Option<&Mechanism> {
    mechanisms.iter().find(|mechanism| mechanism.loops.contains(&cycle))
}

/// The drivers of `case`: every factor on no loop (`in_loop[i]` is false for factor `i`)
/// from which links lead to a factor of a listed vicious loop, with the loops it feeds;
/// those feeding most loops first.
pub fn drivers(case: &Case, cycles: &[CycleReport], in_loop: &[bool]) -> Vec<Driver> {
    let index: HashMap<&str, usize> =
        case.factors.iter().enumerate().map(|(position, factor)| (factor.id.as_str(), position)).collect();
    let n = case.factors.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for link in &case.links {
        if let (Some(&from), Some(&to)) = (index.get(link.from.as_str()), index.get(link.to.as_str())) {
            out[from].push(to);
        }
    }
    // the vicious loops through each factor
    let mut loops_at: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (position, cycle) in cycles.iter().enumerate().filter(|(_, cycle)| cycle.vicious) {
        for id in &cycle.factor_ids {
            if let Some(&factor) = index.get(id.as_str()) {
                loops_at[factor].push(position);
            }
        }
    }
    let mut found = Vec::new();
    let mut seen = vec![false; n];
    for start in (0..n).filter(|&factor| !in_loop.get(factor).copied().unwrap_or(true)) {
        seen.iter_mut().for_each(|mark| *mark = false);
        seen[start] = true;
        let mut stack = vec![start];
        let mut feeds: Vec<usize> = Vec::new();
        while let Some(v) = stack.pop() {
            feeds.extend(&loops_at[v]);
            for &w in &out[v] {
                if !seen[w] {
                    seen[w] = true;
                    stack.push(w);
                }
            }
        }
        if !feeds.is_empty() {
            sorting::sort(&mut feeds);
            feeds.dedup();
            found.push(Driver { factor: case.factors[start].id.clone(), feeds });
        }
    }
    sorting::sort_by(&mut found, |a, b| (b.feeds.len(), &a.factor).cmp(&(a.feeds.len(), &b.factor)));
    found
}

fn label(case: &Case, id: &str) -> String {
    case.factor(id).map(|factor| factor.label.trim()).filter(|label| !label.is_empty()).unwrap_or(id).to_string()
}

/// The heading of the mechanisms.
pub fn mechanisms_heading(lang: Lang) -> &'static str {
    lang.pick("Mechanismen", "Mechanisms")
}

/// The heading of the drivers.
pub fn drivers_heading(lang: Lang) -> &'static str {
    lang.pick("Aanjagers", "Drivers")
}

/// A mechanism in one sentence, after its name when it has one: "Schuldenspiraal: 3
/// vicieuze cirkels delen Schulden → Stress, Stress → Slaap."
pub fn mechanism_text(case: &Case, mechanism: &Mechanism, lang: Lang) -> String {
    let sentence = mechanism_sentence(case, mechanism, lang);
    match &mechanism.name {
        Some(name) => format!("{name}: {sentence}"),
        None => sentence,
    }
}

fn mechanism_sentence(case: &Case, mechanism: &Mechanism, lang: Lang) -> String {
    let shared: Vec<String> = mechanism
        .shared_links
        .iter()
        .filter_map(|id| case.link(id))
        .map(|link| format!("{} → {}", label(case, &link.from), label(case, &link.to)))
        .collect();
    let count = mechanism.loops.len();
    match (lang, shared.is_empty()) {
        (Lang::Nl, false) => format!("{count} vicieuze cirkels delen {}.", shared.join(", ")),
        (Lang::Nl, true) => format!("{count} vicieuze cirkels lopen grotendeels langs dezelfde schakels."),
        (Lang::En, false) => format!("{count} vicious loops share {}.", shared.join(", ")),
        (Lang::En, true) => format!("{count} vicious loops run mostly along the same links."),
    }
}

/// A driver in one sentence: "Huurverhoging staat buiten elke cirkel en voedt 3 vicieuze cirkels."
pub fn driver_text(case: &Case, driver: &Driver, lang: Lang) -> String {
    let name = label(case, &driver.factor);
    let count = driver.feeds.len();
    match (lang, count == 1) {
        (Lang::Nl, true) => format!("{name} staat buiten elke cirkel en voedt 1 vicieuze cirkel."),
        (Lang::Nl, false) => format!("{name} staat buiten elke cirkel en voedt {count} vicieuze cirkels."),
        (Lang::En, true) => format!("{name} is outside every loop and feeds 1 vicious loop."),
        (Lang::En, false) => format!("{name} is outside every loop and feeds {count} vicious loops."),
    }
}
