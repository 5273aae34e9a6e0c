//! Training: a case as an exercise. The trainees draw their own map of a story; the
//! trainer's map (the reference) travels inside the exercise case, and the analysis stays
//! hidden until the trainer reveals it. Then [`compare`] sets the trainees' map beside the
//! reference — factors matched by label ([`fold`]: case and accents do not matter), links
//! missing or with the other polarity, loops found and missed — and [`what_if`] flips one
//! link's polarity and says which loops change kind.

use crate::core::analysis::{analyse, Analysis, AnalysisOptions, LoopKind};
use crate::core::mandate::MandateSource;
use crate::core::model::{Case, Link};
use crate::core::text::fold;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What makes a case an exercise (see [`Case::exercise`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Exercise {
    /// The story the trainees map, written by the trainer (no client names).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub story: String,
    /// The trainer's map of the story.
    pub reference: Box<Case>,
    /// Whether the trainer has revealed the analysis and the comparison.
    #[serde(default, skip_serializing_if = "crate::core::model::is_false")]
    pub revealed: bool,
}

/// A new exercise case for `reference`: its title, an empty map for the trainees, the
/// story and the reference (without its own presentation or exercise), not revealed.
pub fn exercise_case(reference: &Case, story: &str) -> Case {
    let reference = Case { presentation: Vec::new(), exercise: None, ..reference.clone() };
    Case {
        title: reference.title.clone(),
        exercise: Some(Exercise { story: story.trim().to_string(), reference: Box::new(reference), revealed: false }),
        ..Case::default()
    }
}

/// The exercise of `case` as it goes to the trainees: the story and the reference with an
/// empty map, not revealed, whatever was drawn or revealed on this copy. `None` when the
/// case is no exercise.
pub fn for_trainees(case: &Case) -> Option<Case> {
    let exercise = case.exercise.as_ref()?;
    Some(Case { title: case.title.clone(), ..exercise_case(&exercise.reference, &exercise.story) })
}

/// Whether the case is an exercise whose analysis is still hidden.
pub fn hides_analysis(case: &Case) -> bool {
    case.exercise.as_ref().is_some_and(|exercise| !exercise.revealed)
}

/// A link of the reference that the trainees drew with the other sign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherPolarity {
    /// The reference link.
    pub reference: String,
    /// The trainees' link between the same factors.
    pub trainee: String,
}

/// A loop of the reference that the trainees' map has too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundLoop {
    /// Index into the reference analysis' cycles.
    pub reference: usize,
    /// Index into the trainees' analysis' cycles.
    pub trainee: usize,
    /// Whether both are of the same kind (a sign drawn otherwise changes it).
    pub same_kind: bool,
}

/// The trainees' map beside the reference.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Reference factor id → trainee factor id, for every factor with the same label.
    pub matched_factors: Vec<(String, String)>,
    /// Reference factors the trainees do not have.
    pub missing_factors: Vec<String>,
    /// Trainee factors the reference does not have.
    pub extra_factors: Vec<String>,
    /// Reference links with no trainee link between the same factors.
    pub missing_links: Vec<String>,
    /// Reference links the trainees drew with the other sign.
    pub other_polarity: Vec<OtherPolarity>,
    /// Trainee links the reference does not have (between matched factors or not).
    pub extra_links: Vec<String>,
    /// Reference loops the trainees found.
    pub found_loops: Vec<FoundLoop>,
    /// Reference loops the trainees missed, as indices into the reference cycles.
    pub missed_loops: Vec<usize>,
    /// Trainee loops the reference does not have, as indices into the trainee cycles.
    pub extra_loops: Vec<usize>,
    /// Whether both loop lists were complete; otherwise loops beyond the lists were not
    /// compared.
    pub complete: bool,
}

/// A loop as its factors in order, rotated to start at the smallest id, so the same
/// cycle of factors compares equal whichever factor it was found from.
fn factor_ring(ids: &[String]) -> Vec<String> {
    let Some(start) = (0..ids.len()).min_by_key(|&i| &ids[i]) else { return Vec::new() };
    ids[start..].iter().chain(&ids[..start]).cloned().collect()
}

/// Compares the trainees' map with the reference: factors by folded label (the first
/// factor with a label matches when two share it), links by their ends, loops by their
/// factors in order.
pub fn compare(
    reference: &Case,
    reference_analysis: &Analysis,
    trainee: &Case,
    trainee_analysis: &Analysis,
) -> Comparison {
    let mut by_label: HashMap<String, &str> = HashMap::new();
    for factor in &trainee.factors {
        by_label.entry(fold(&factor.label)).or_insert(factor.id.as_str());
    }
    let mut comparison =
        Comparison { complete: reference_analysis.complete && trainee_analysis.complete, ..Comparison::default() };
    // Trainee factor id → reference factor id.
    let mut to_reference: HashMap<&str, &str> = HashMap::new();
    for factor in &reference.factors {
        match by_label.get(&fold(&factor.label)) {
            Some(&id) if !to_reference.contains_key(id) => {
                to_reference.insert(id, factor.id.as_str());
                comparison.matched_factors.push((factor.id.clone(), id.to_string()));
            }
            _ => comparison.missing_factors.push(factor.id.clone()),
        }
    }
    comparison.extra_factors =
        trainee.factors.iter().filter(|f| !to_reference.contains_key(f.id.as_str())).map(|f| f.id.clone()).collect();

    // Trainee links by their ends in reference ids.
    let mapped = |id: &str| to_reference.get(id).copied();
    let mut used = vec![false; trainee.links.len()];
    let mut unmatched_reference = Vec::new();
    for link in &reference.links {
        let same_ends = |candidate: &Link| {
            mapped(&candidate.from) == Some(link.from.as_str()) && mapped(&candidate.to) == Some(link.to.as_str())
        };
        let same =
            trainee.links.iter().enumerate().find(|(i, l)| !used[*i] && same_ends(l) && l.polarity == link.polarity);
        match same {
            Some((i, _)) => used[i] = true,
            None => unmatched_reference.push(link),
        }
    }
    for link in unmatched_reference {
        let other = trainee.links.iter().enumerate().find(|(i, l)| {
            !used[*i]
                && mapped(&l.from) == Some(link.from.as_str())
                && mapped(&l.to) == Some(link.to.as_str())
                && l.polarity != link.polarity
        });
        match other {
            Some((i, found)) => {
                used[i] = true;
                comparison.other_polarity.push(OtherPolarity { reference: link.id.clone(), trainee: found.id.clone() });
            }
            None => comparison.missing_links.push(link.id.clone()),
        }
    }
    comparison.extra_links =
        trainee.links.iter().zip(&used).filter(|(_, used)| !**used).map(|(l, _)| l.id.clone()).collect();

    // Loops by their factors in order, in reference ids.
    let trainee_rings: Vec<Option<Vec<String>>> = trainee_analysis
        .cycles
        .iter()
        .map(|cycle| {
            let ids: Option<Vec<String>> = cycle.factor_ids.iter().map(|id| mapped(id).map(str::to_string)).collect();
            ids.map(|ids| factor_ring(&ids))
        })
        .collect();
    let mut taken = vec![false; trainee_rings.len()];
    for (index, cycle) in reference_analysis.cycles.iter().enumerate() {
        let ring = factor_ring(&cycle.factor_ids);
        let found = trainee_rings.iter().enumerate().find(|(i, r)| !taken[*i] && r.as_ref() == Some(&ring));
        match found {
            Some((i, _)) => {
                taken[i] = true;
                let same_kind = trainee_analysis.cycles[i].kind == cycle.kind;
                comparison.found_loops.push(FoundLoop { reference: index, trainee: i, same_kind });
            }
            None => comparison.missed_loops.push(index),
        }
    }
    comparison.extra_loops = (0..taken.len()).filter(|&i| !taken[i]).collect();
    comparison
}

/// A loop whose kind changes when one link's sign is flipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindChange {
    /// The loop's key (the same before and after: the link ids do not change).
    pub key: String,
    /// Its factors in loop order.
    pub factor_ids: Vec<String>,
    /// Its kind now.
    pub before: LoopKind,
    /// Its kind with the link flipped.
    pub after: LoopKind,
    /// Whether it is vicious with the link flipped.
    pub vicious_after: bool,
}

/// What flipping the polarity of the link `link_id` of `case` would do: every listed loop
/// whose kind changes, from a fresh analysis of the flipped map. `None` when the case has
/// no such link.
pub fn what_if(
    case: &Case,
    analysis: &Analysis,
    link_id: &str,
    mandates: &dyn MandateSource,
    options: &AnalysisOptions,
) -> Option<Vec<KindChange>> {
    let mut flipped = case.clone();
    let link = flipped.links.iter_mut().find(|link| link.id == link_id)?;
    link.polarity = link.polarity.flipped();
    let after = analyse(&flipped, mandates, options);
    let before: HashMap<&str, LoopKind> = analysis.cycles.iter().map(|c| (c.key.as_str(), c.kind)).collect();
    Some(
        after
            .cycles
            .iter()
            .filter_map(|cycle| {
                let was = *before.get(cycle.key.as_str())?;
                (was != cycle.kind).then(|| KindChange {
                    key: cycle.key.clone(),
                    factor_ids: cycle.factor_ids.clone(),
                    before: was,
                    after: cycle.kind,
                    vicious_after: cycle.vicious,
                })
            })
            .collect(),
    )
}
