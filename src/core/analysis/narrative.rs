//! A loop told as a professional would: a chain of changes that reads the same for every
//! label, singular or plural ("Meer schulden → meer stress → minder grip op geld → meer
//! schulden."), then one short sentence on what the loop does.
//!
//! The chain starts at the factor that makes the loop a problem, told as it grows: a debt
//! (`schuld`), else a care gap (`zorgkloof`), else a factor whose label names something
//! bad to have more of ("schulden", "huurachterstand", "stress"); among equals, the one
//! from which the chain has the fewest "minder" steps, so a vicious loop is not told from
//! its good side.
//! A balancing loop ends on the opposite change of its first factor, so it never claims
//! that a factor changes "again" in a direction it never took.

use super::{CycleReport, LoopKind};
use crate::core::lang::Lang;
use crate::core::model::{Case, FactorKind, Polarity};
use crate::core::text::mid_sentence;

/// Loops longer than this are shortened by [`narrative_short`].
pub const SHORT_STEPS: usize = 6;

/// One step of the chain: a factor and whether it grows.
struct Step {
    label: String,
    rising: bool,
}

/// The chain of `cycle` from its telling start: every factor once, then the first again.
fn chain(case: &Case, cycle: &CycleReport) -> Vec<Step> {
    let count = cycle.link_ids.len();
    if count == 0 {
        return Vec::new();
    }
    // sign[i]: whether link i reverses the change
    let reverses: Vec<bool> =
        cycle.link_ids.iter().map(|id| case.link(id).is_some_and(|link| link.polarity == Polarity::Negative)).collect();
    let kind_rank = |i: usize| match case.factor(&cycle.factor_ids[i]) {
        Some(factor) if factor.kind == FactorKind::Schuld => 0,
        Some(factor) if factor.kind == FactorKind::Zorgkloof => 1,
        Some(factor) => bad_growth_rank(&factor.label).map_or(usize::MAX, |rank| 2 + rank),
        None => usize::MAX,
    };
    let fallings = |start: usize| {
        let mut rising = true;
        let mut falls = 0;
        for step in 0..count {
            if reverses[(start + step) % count] {
                rising = !rising;
            }
            falls += usize::from(!rising && step + 1 < count);
        }
        falls
    };
    let start = (0..count).min_by_key(|&i| (kind_rank(i), fallings(i), i)).unwrap_or(0);
    let label = |id: &str| match case.factor(id) {
        Some(factor) if !factor.label.trim().is_empty() => mid_sentence(factor.label.trim()),
        _ => id.to_string(),
    };
    let mut steps = vec![Step { label: label(&cycle.factor_ids[start]), rising: true }];
    let mut rising = true;
    for step in 0..count {
        let link = (start + step) % count;
        if reverses[link] {
            rising = !rising;
        }
        let factor = &cycle.factor_ids[(link + 1) % count];
        steps.push(Step { label: label(factor), rising });
    }
    steps
}

/// Word stems of conditions whose growth is bad for the client, in Dutch and English.
const BAD_GROWTH: [&str; 28] = [
    "schuld",
    "achterstand",
    "boete",
    "terugvordering",
    "stress",
    "angst",
    "problem",
    "armoede",
    "schaarste",
    "dakloos",
    "uitval",
    "verzuim",
    "wachtlijst",
    "wachttijd",
    "ziek",
    "verslav",
    "isolement",
    "eenzaam",
    "schending",
    "conflict",
    "ontruiming",
    "afsluiting",
    "beslag",
    "debt",
    "arrear",
    "fine",
    "stress",
    "anxiety",
];

/// Whether a factor with this label is bad when it grows ("Schulden", "Huurachterstand"):
/// the position of its first stem in [`BAD_GROWTH`] (debts before stress before the rest).
fn bad_growth_rank(label: &str) -> Option<usize> {
    let label = label.to_lowercase();
    BAD_GROWTH.iter().position(|stem| label.contains(stem))
}

fn step_text(step: &Step, lang: Lang, first: bool) -> String {
    let word = match (lang, step.rising) {
        (Lang::Nl, true) => "meer",
        (Lang::Nl, false) => "minder",
        (Lang::En, true) => "more",
        (Lang::En, false) => "less",
    };
    let word = if first { capitalised(word) } else { word.to_string() };
    format!("{word} {}", step.label)
}

/// An ASCII word ("meer", "less") with a capital.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| std::iter::once(first.to_ascii_uppercase()).chain(chars).collect()).unwrap_or_default()
}

/// What the loop does, in one short sentence.
fn ending(cycle: &CycleReport, lang: Lang) -> &'static str {
    match (lang, cycle.kind, cycle.vicious) {
        (Lang::Nl, LoopKind::Reinforcing, true) => "Deze cirkel versterkt zichzelf.",
        (Lang::Nl, LoopKind::Reinforcing, false) => "Deze cirkel versterkt zichzelf; hier is dat gewenst.",
        (Lang::Nl, LoopKind::Balancing, _) => "Deze cirkel remt zichzelf af.",
        (Lang::En, LoopKind::Reinforcing, true) => "This loop reinforces itself.",
        (Lang::En, LoopKind::Reinforcing, false) => "This loop reinforces itself; here that is wanted.",
        (Lang::En, LoopKind::Balancing, _) => "This loop holds itself back.",
    }
}

fn join(steps: &[Step], lang: Lang) -> String {
    let parts: Vec<String> = steps.iter().enumerate().map(|(i, step)| step_text(step, lang, i == 0)).collect();
    parts.join(" → ")
}

/// The loop `cycle` as a chain of changes and one sentence on what it does, in `lang`,
/// with the factor labels of `case` (the id when a factor has no label). The whole chain;
/// see [`narrative_short`] for a list.
///
/// # Example
/// ```
/// use cirkelbreker::core::analysis::{analyse, narrative, AnalysisOptions};
/// use cirkelbreker::core::{formats::edge_list::read_edge_list, lang::Lang, mandate::NoMandates};
/// let case = read_edge_list("from,to,polarity\nschulden,stress,+\nstress,schulden,+\n").unwrap();
/// let analysis = analyse(&case, &NoMandates, &AnalysisOptions::exhaustive());
/// assert_eq!(
///     narrative(&case, &analysis.cycles[0], Lang::Nl),
///     "Meer schulden → meer stress → meer schulden. Deze cirkel versterkt zichzelf."
/// );
/// ```
pub fn narrative(case: &Case, cycle: &CycleReport, lang: Lang) -> String {
    let steps = chain(case, cycle);
    if steps.is_empty() {
        return String::new();
    }
    format!("{}. {}", join(&steps, lang), ending(cycle, lang))
}

/// The label of the control that shows the whole chain of a shortened loop.
pub fn whole_chain_label(lang: Lang) -> &'static str {
    lang.pick("Hele keten", "Whole chain")
}

/// As [`narrative`], but a loop of more than [`SHORT_STEPS`] links shows its first three
/// steps and its last two around "…", with the number of links.
pub fn narrative_short(case: &Case, cycle: &CycleReport, lang: Lang) -> String {
    let line = chain_line(case, cycle, lang);
    if line.is_empty() {
        return line;
    }
    format!("{line}. {}", ending(cycle, lang))
}

/// The chain of [`narrative_short`] alone, without the sentence on what the loop does:
/// the loop in one line, for a summary.
pub fn chain_line(case: &Case, cycle: &CycleReport, lang: Lang) -> String {
    let steps = chain(case, cycle);
    let links = cycle.link_ids.len();
    if links <= SHORT_STEPS {
        return join(&steps, lang);
    }
    let head = join(&steps[..3], lang);
    let tail: Vec<String> = steps[steps.len() - 2..].iter().map(|step| step_text(step, lang, false)).collect();
    let count = match lang {
        Lang::Nl => format!("{links} schakels"),
        Lang::En => format!("{links} links"),
    };
    format!("{head} → … → {} ({count})", tail.join(" → "))
}
