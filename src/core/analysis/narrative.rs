//! A loop told as a sentence: "Omdat A toeneemt, neemt B af, waardoor C toeneemt, …".

use super::{CycleReport, LoopKind};
use crate::core::lang::Lang;
use crate::core::model::{Case, Polarity};

/// The loop `cycle` as one readable sentence in `lang`, using the factor labels of
/// `case` (the id when a factor has no label).
///
/// The story starts with the first factor increasing and follows each link's sign; it
/// ends with the first factor again and says whether the loop reinforces or balances.
///
/// # Example
/// ```
/// use cirkelbreker::core::analysis::{analyse, narrative, AnalysisOptions};
/// use cirkelbreker::core::{formats::edge_list::read_edge_list, lang::Lang, mandate::NoMandates};
/// let case = read_edge_list("from,to,polarity\nschulden,stress,+\nstress,schulden,+\n").unwrap();
/// let analysis = analyse(&case, &NoMandates, &AnalysisOptions::exhaustive());
/// assert_eq!(
///     narrative(&case, &analysis.cycles[0], Lang::Nl),
///     "Omdat schulden toeneemt, neemt stress toe, waardoor schulden opnieuw toeneemt: een versterkende cirkel."
/// );
/// ```
pub fn narrative(case: &Case, cycle: &CycleReport, lang: Lang) -> String {
    let label = |id: &str| match case.factor(id) {
        Some(factor) if !factor.label.trim().is_empty() => mid_sentence(factor.label.trim()),
        _ => id.to_string(),
    };
    let Some(first) = cycle.factor_ids.first() else {
        return String::new();
    };
    let mut rising = true;
    let mut text = match lang {
        Lang::Nl => format!("Omdat {} toeneemt", label(first)),
        Lang::En => format!("Because {} increases", label(first)),
    };
    let count = cycle.link_ids.len();
    for (position, link_id) in cycle.link_ids.iter().enumerate() {
        let Some(link) = case.link(link_id) else { continue };
        if link.polarity == Polarity::Negative {
            rising = !rising;
        }
        let target = label(&link.to);
        let again = position + 1 == count;
        let clause = match (lang, position == 0, again) {
            (Lang::Nl, true, false) => format!(", neemt {target} {}", if rising { "toe" } else { "af" }),
            (Lang::Nl, true, true) => format!(", neemt {target} opnieuw {}", if rising { "toe" } else { "af" }),
            (Lang::Nl, false, _) => format!(
                ", waardoor {target}{} {}",
                if again { " opnieuw" } else { "" },
                if rising { "toeneemt" } else { "afneemt" }
            ),
            (Lang::En, _, _) => format!(
                "{} {target} {}{}",
                if position == 0 { "," } else { ", so" },
                if rising { "increases" } else { "decreases" },
                if again { " again" } else { "" }
            ),
        };
        text.push_str(&clause);
    }
    let ending = match (lang, cycle.kind) {
        (Lang::Nl, LoopKind::Reinforcing) => ": een versterkende cirkel.",
        (Lang::Nl, LoopKind::Balancing) => ": een balancerende (dempende) cirkel.",
        (Lang::En, LoopKind::Reinforcing) => ": a reinforcing loop.",
        (Lang::En, LoopKind::Balancing) => ": a balancing loop.",
    };
    text.push_str(ending);
    text
}

/// A label as it reads inside a sentence: "Schulden" becomes "schulden", but an
/// abbreviation or name that starts with two capitals ("BRP-inschrijving", "CAK") stays.
fn mid_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::mid_sentence;

    #[test]
    fn labels_read_as_part_of_a_sentence() {
        assert_eq!(mid_sentence("Schulden"), "schulden");
        assert_eq!(mid_sentence("BRP-inschrijving"), "BRP-inschrijving");
        assert_eq!(mid_sentence("CAK"), "CAK");
        assert_eq!(mid_sentence("Één loket"), "één loket");
        assert_eq!(mid_sentence("x"), "x");
    }
}
