//! The presentation for a case meeting: the map revealed step by step on a projector —
//! the client's situation, the rules and decisions, each vicious loop in turn, the plan.
//! The default sequence comes from the case and its analysis; the facilitator's order and
//! skips are stored with the case ([`Case::presentation`]) and applied here, and each
//! step says what it shows. The UI only draws it.

use crate::core::analysis::Analysis;
use crate::core::geometry::bounds;
use crate::core::meeting::{self, AgendaItem};
use crate::core::model::{Case, Factor, FactorKind, Target};
use serde::{Deserialize, Serialize};

/// What a step of the presentation is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum StepKind {
    /// The client's situation: the life-world factors (situatie, schuld, zorgkloof).
    Situation,
    /// The rules and decisions (regel and besluit factors) and the links they create.
    Rules,
    /// One vicious loop, by its key ([`crate::core::model::loop_key`]).
    Loop(String),
    /// The integral plan.
    Plan,
}

impl StepKind {
    /// The id the case file stores: `situatie`, `regels`, `cirkel:<loop key>`, `plan`.
    pub fn id(&self) -> String {
        match self {
            StepKind::Situation => "situatie".to_string(),
            StepKind::Rules => "regels".to_string(),
            StepKind::Loop(key) => format!("cirkel:{key}"),
            StepKind::Plan => "plan".to_string(),
        }
    }

    /// Reads an id written by [`StepKind::id`].
    pub fn parse(id: &str) -> Option<StepKind> {
        match id {
            "situatie" => Some(StepKind::Situation),
            "regels" => Some(StepKind::Rules),
            "plan" => Some(StepKind::Plan),
            _ => id.strip_prefix("cirkel:").filter(|key| !key.is_empty()).map(|key| StepKind::Loop(key.to_string())),
        }
    }
}

/// One step as the case stores it: which step, and whether the facilitator skips it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredStep {
    /// [`StepKind::id`].
    pub step: String,
    /// Left out of the presentation (kept in the list, so it can come back).
    #[serde(default, skip_serializing_if = "crate::core::model::is_false")]
    pub skipped: bool,
}

/// A step of the sequence, in the facilitator's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// What it shows.
    pub kind: StepKind,
    /// Whether it is left out.
    pub skipped: bool,
}

/// The steps the case and its analysis call for, in the order of the werkvorm:
/// situation, rules, every listed vicious loop in the engine's ranking, the plan.
pub fn default_steps(analysis: &Analysis) -> Vec<StepKind> {
    let loops = analysis.cycles.iter().filter(|cycle| cycle.vicious).map(|cycle| StepKind::Loop(cycle.key.clone()));
    [StepKind::Situation, StepKind::Rules].into_iter().chain(loops).chain([StepKind::Plan]).collect()
}

/// The sequence of the case: its stored order and skips applied to the default steps.
/// Stored steps that no longer exist (a loop broken since) are left out; default steps
/// the stored order lacks (a new loop) come right after the step before them in the
/// default order.
pub fn sequence(case: &Case, analysis: &Analysis) -> Vec<Step> {
    let defaults = default_steps(analysis);
    let mut steps: Vec<Step> = Vec::with_capacity(defaults.len());
    for stored in &case.presentation {
        let Some(kind) = StepKind::parse(&stored.step) else { continue };
        if defaults.contains(&kind) && !steps.iter().any(|step| step.kind == kind) {
            steps.push(Step { kind, skipped: stored.skipped });
        }
    }
    for (index, kind) in defaults.iter().enumerate() {
        if steps.iter().any(|step| &step.kind == kind) {
            continue;
        }
        let at = defaults[..index]
            .iter()
            .rev()
            .find_map(|before| steps.iter().position(|step| &step.kind == before))
            .map_or(0, |position| position + 1);
        steps.insert(at, Step { kind: kind.clone(), skipped: false });
    }
    steps
}

/// The steps that are presented (not skipped).
pub fn presented(steps: &[Step]) -> Vec<&Step> {
    steps.iter().filter(|step| !step.skipped).collect()
}

/// The sequence as the case stores it.
pub fn stored(steps: &[Step]) -> Vec<StoredStep> {
    steps.iter().map(|step| StoredStep { step: step.kind.id(), skipped: step.skipped }).collect()
}

/// The stored sequence with the step at `index` moved one place earlier (`earlier`) or
/// later; unchanged at either end.
pub fn moved(steps: &[Step], index: usize, earlier: bool) -> Vec<StoredStep> {
    let mut steps = steps.to_vec();
    let other = if earlier { index.checked_sub(1) } else { Some(index + 1) };
    if let Some(other) = other.filter(|&other| other < steps.len() && index < steps.len()) {
        steps.swap(index, other);
    }
    stored(&steps)
}

/// The stored sequence with the step at `index` skipped, or back in.
pub fn toggled(steps: &[Step], index: usize) -> Vec<StoredStep> {
    let mut steps = steps.to_vec();
    if let Some(step) = steps.get_mut(index) {
        step.skipped = !step.skipped;
    }
    stored(&steps)
}

/// What one step shows on the map. Ids not in `hidden_*` are drawn; when a highlight is
/// given the rest is dimmed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepView {
    /// Factors not drawn yet.
    pub hidden_factors: Vec<String>,
    /// Links not drawn yet.
    pub hidden_links: Vec<String>,
    /// Factors in focus (the rest dimmed); empty: nothing dimmed.
    pub highlighted_factors: Vec<String>,
    /// Links in focus.
    pub highlighted_links: Vec<String>,
    /// Factors and links drawn with a cut mark: the plan's, on the plan step only.
    pub cut_factors: Vec<String>,
    /// See `cut_factors`.
    pub cut_links: Vec<String>,
    /// The world box to zoom to, `(min_x, min_y, max_x, max_y)`; `None` when the step
    /// shows no factor.
    pub view_box: Option<(f64, f64, f64, f64)>,
}

/// Whether a factor belongs to the client's situation (the first step).
pub fn is_situation(kind: FactorKind) -> bool {
    matches!(kind, FactorKind::Situatie | FactorKind::Schuld | FactorKind::Zorgkloof)
}

/// What `step` shows of `case`.
pub fn step_view(case: &Case, analysis: &Analysis, step: &StepKind) -> StepView {
    let ids = |factors: &[&Factor]| factors.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
    let boxed = |factors: Vec<&Factor>| bounds(&factors.into_iter().cloned().collect::<Vec<_>>());
    match step {
        StepKind::Situation => {
            let (shown, hidden): (Vec<&Factor>, Vec<&Factor>) = case.factors.iter().partition(|f| is_situation(f.kind));
            let shown_ids = ids(&shown);
            let hidden_links = case
                .links
                .iter()
                .filter(|l| !shown_ids.contains(&l.from) || !shown_ids.contains(&l.to))
                .map(|l| l.id.clone())
                .collect();
            StepView { hidden_factors: ids(&hidden), hidden_links, view_box: boxed(shown), ..StepView::default() }
        }
        StepKind::Rules => {
            let rules: Vec<&Factor> = case.factors.iter().filter(|f| !is_situation(f.kind)).collect();
            let rule_ids = ids(&rules);
            let highlighted_links: Vec<String> = case
                .links
                .iter()
                .filter(|l| l.rule.is_some() || rule_ids.contains(&l.from) || rule_ids.contains(&l.to))
                .map(|l| l.id.clone())
                .collect();
            // The factors those links touch stay in focus too: a rule acts on the situation.
            let mut highlighted_factors = rule_ids;
            for link in case.links.iter().filter(|l| highlighted_links.contains(&l.id)) {
                for end in [&link.from, &link.to] {
                    if !highlighted_factors.contains(end) {
                        highlighted_factors.push(end.clone());
                    }
                }
            }
            StepView {
                highlighted_factors,
                highlighted_links,
                view_box: boxed(case.factors.iter().collect()),
                ..StepView::default()
            }
        }
        StepKind::Loop(key) => match analysis.cycles.iter().find(|cycle| &cycle.key == key) {
            Some(cycle) => StepView {
                highlighted_factors: cycle.factor_ids.clone(),
                highlighted_links: cycle.link_ids.clone(),
                view_box: boxed(case.factors.iter().filter(|f| cycle.factor_ids.contains(&f.id)).collect()),
                ..StepView::default()
            },
            None => StepView { view_box: boxed(case.factors.iter().collect()), ..StepView::default() },
        },
        StepKind::Plan => {
            let mut view = StepView { view_box: boxed(case.factors.iter().collect()), ..StepView::default() };
            for target in &analysis.plan.targets {
                match target {
                    Target::Factor(id) => view.cut_factors.push(id.clone()),
                    Target::Link(id) => view.cut_links.push(id.clone()),
                }
            }
            view.highlighted_factors = view.cut_factors.clone();
            view.highlighted_links = view.cut_links.clone();
            // A cut link is seen with its two ends.
            for link in case.links.iter().filter(|l| view.cut_links.contains(&l.id)) {
                for end in [&link.from, &link.to] {
                    if !view.highlighted_factors.contains(end) {
                        view.highlighted_factors.push(end.clone());
                    }
                }
            }
            view
        }
    }
}

/// The agenda step of the meeting record (`core::meeting`) that a presentation step
/// belongs to: situation, rules, the loops together, the breakthrough.
pub fn agenda_step(step: &StepKind) -> meeting::Step {
    match step {
        StepKind::Situation => meeting::Step::Situatie,
        StepKind::Rules => meeting::Step::Regels,
        StepKind::Loop(_) => meeting::Step::Cirkels,
        StepKind::Plan => meeting::Step::Doorbraak,
    }
}

/// The agenda item with the time box for `step`, when the case's agenda has one.
pub fn time_box<'a>(case: &'a Case, step: &StepKind) -> Option<&'a AgendaItem> {
    let wanted = agenda_step(step);
    case.meeting.agenda.iter().find(|item| item.step == wanted)
}

/// Seconds as a clock, `m:ss` (minutes beyond the hour keep counting: `75:00`).
pub fn clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}
