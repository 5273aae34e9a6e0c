//! From library to map: a template becomes a ready-to-open case, and a rule's factors and
//! links are merged into an existing case without duplicating what is already there.

use super::{Rule, Template};
use crate::core::geometry::on_circle;
use crate::core::lang::Lang;
use crate::core::model::{Case, Confidence, Factor, Link};
use crate::core::text::fold;

/// Distance between a new factor and the factor it is placed next to (canvas units).
const NEAR: f64 = 170.0;
/// Where a rule goes on an empty map, and how wide its circle is.
const EMPTY_CENTRE: (f64, f64) = (420.0, 320.0);
const EMPTY_RADIUS: f64 = 200.0;
/// Candidate directions around an anchor factor.
const DIRECTIONS: usize = 16;
/// The note on a link whose sign the source did not state, in `lang`.
fn inferred_note(lang: Lang) -> &'static str {
    lang.pick(
        "Richting afgeleid, niet uit de bron: controleer in de casusbespreking.",
        "Direction inferred, not stated by the source: check it in the case meeting.",
    )
}

/// A valid case (see [`Case::problems`]) with the template's factors at their positions
/// and its links numbered `l1`, `l2`, ... with sector and rule filled in, its title,
/// labels and notes in `lang` (the interface's language when it is opened). Links whose
/// sign was inferred get low confidence and a note saying so.
pub fn template_case(template: &Template, lang: Lang) -> Case {
    let factors = template
        .factors
        .iter()
        .map(|factor| Factor {
            id: factor.id.clone(),
            label: factor.label(lang).to_string(),
            kind: factor.kind,
            x: factor.x,
            y: factor.y,
            note: String::new(),
            fixed: false,
        })
        .collect();
    let links = template
        .links
        .iter()
        .enumerate()
        .map(|(index, link)| Link {
            id: format!("l{}", index + 1),
            from: link.from.clone(),
            to: link.to.clone(),
            polarity: link.polarity,
            sector: link.sector.clone(),
            rule: link.rule.clone(),
            delay: link.delay,
            confidence: if link.polarity_inferred { Confidence::Low } else { Confidence::Medium },
            note: link_note(link.note(lang), link.polarity_inferred, lang),
            fixed: false,
            cost: None,
        })
        .collect();
    Case { title: template.name(lang).to_string(), factors, links, ..Case::default() }
}

/// A rule put on the map, and what that did, so the user can be told.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// The case with the rule's factors and links.
    pub case: Case,
    /// Labels of factors already on the map that the rule's factors were matched to.
    pub reused: Vec<String>,
    /// How many factors were added.
    pub added_factors: usize,
    /// How many links were added.
    pub added_links: usize,
    /// How many links already there got the rule's sector or id filled in.
    pub completed_links: usize,
}

/// `case` with `rule` put on the map: each factor of the rule is matched to a factor
/// already there (same id, or same label ignoring case and accents) or added next to the
/// factor it is linked to; each link is added with the rule's sector and id unless the
/// same link (same ends and sign) is already there, in which case only its missing
/// sector and rule are filled in. New factors and notes are written in `lang`.
pub fn merge_rule(case: &Case, rule: &Rule, lang: Lang) -> Merged {
    let mut merged = case.clone();
    let mut reused = Vec::new();
    let (mut added_links, mut completed_links) = (0, 0);
    let mut mapping: Vec<(String, String)> = Vec::new();
    let mut pending = Vec::new();
    for factor in &rule.factors {
        let existing = merged.factor(&factor.id).map(|found| found.id.clone()).or_else(|| {
            let labels = [fold(&factor.label_nl), fold(&factor.label_en)];
            merged
                .factors
                .iter()
                .find(|found| labels.iter().any(|label| !label.is_empty() && *label == fold(&found.label)))
                .map(|found| found.id.clone())
        });
        match existing {
            Some(id) => {
                if let Some(found) = merged.factor(&id) {
                    reused.push(found.label.clone());
                }
                mapping.push((factor.id.clone(), id));
            }
            None => pending.push(factor),
        }
    }
    let empty_before = merged.factors.is_empty();
    for (index, factor) in pending.iter().enumerate() {
        let id = if merged.factor(&factor.id).is_some() { merged.fresh_factor_id() } else { factor.id.clone() };
        let (x, y) = if empty_before {
            empty_map_spot(index, pending.len())
        } else {
            let anchor = anchor_of(rule, &factor.id, &mapping, &merged);
            free_spot(&merged, anchor)
        };
        merged.factors.push(Factor {
            id: id.clone(),
            label: factor.label(lang).to_string(),
            kind: factor.kind,
            x,
            y,
            note: String::new(),
            fixed: false,
        });
        mapping.push((factor.id.clone(), id));
    }
    let mapped = |id: &str| mapping.iter().find(|(from, _)| from == id).map(|(_, to)| to.clone());
    for link in &rule.links {
        let (Some(from), Some(to)) = (mapped(&link.from), mapped(&link.to)) else {
            continue;
        };
        if let Some(existing) = merged
            .links
            .iter_mut()
            .find(|found| found.from == from && found.to == to && found.polarity == link.polarity)
        {
            if existing.sector.is_none() || existing.rule.is_none() {
                completed_links += 1;
            }
            existing.sector.get_or_insert_with(|| rule.sector.clone());
            existing.rule.get_or_insert_with(|| rule.id.clone());
            continue;
        }
        added_links += 1;
        let id = merged.fresh_link_id();
        merged.links.push(Link {
            id,
            from,
            to,
            polarity: link.polarity,
            sector: Some(rule.sector.clone()),
            rule: Some(rule.id.clone()),
            delay: link.delay,
            confidence: if link.polarity_inferred { Confidence::Low } else { rule.confidence },
            note: link_note(link.note(lang), link.polarity_inferred, lang),
            fixed: false,
            cost: None,
        });
    }
    Merged { case: merged, reused, added_factors: pending.len(), added_links, completed_links }
}

/// A link of the map with a library rule put on it: the rule's id and sector, and the
/// rule's sign where the rule says which one.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleOnLink {
    /// The link as it becomes.
    pub link: Link,
    /// Whether the sign came from the rule; when the rule has links of both signs and
    /// none between factors with these labels, the link keeps its own sign.
    pub sign_from_rule: bool,
}

/// `link` with `rule` on it. The sign is that of the rule's link between factors labelled
/// like the link's ends; otherwise the rule's sign when all its links share one.
pub fn rule_on_link(case: &Case, link: &Link, rule: &Rule) -> RuleOnLink {
    let label_of = |id: &str| case.factor(id).map(|f| fold(&f.label)).unwrap_or_default();
    let (from, to) = (label_of(&link.from), label_of(&link.to));
    let rule_label = |id: &str| {
        rule.factors.iter().find(|f| f.id == id).map(|f| [fold(&f.label_nl), fold(&f.label_en)]).unwrap_or_default()
    };
    let matching = rule.links.iter().find(|l| rule_label(&l.from).contains(&from) && rule_label(&l.to).contains(&to));
    let shared =
        rule.links.first().map(|first| first.polarity).filter(|sign| rule.links.iter().all(|l| l.polarity == *sign));
    let sign = matching.map(|l| l.polarity).or(shared);
    RuleOnLink {
        link: Link {
            rule: Some(rule.id.clone()),
            sector: Some(rule.sector.clone()),
            polarity: sign.unwrap_or(link.polarity),
            ..link.clone()
        },
        sign_from_rule: sign.is_some(),
    }
}

/// The note of a link, with the inferred-sign warning in `lang` added when needed.
fn link_note(note: &str, inferred: bool, lang: Lang) -> String {
    match (note.is_empty(), inferred) {
        (_, false) => note.to_string(),
        (true, true) => inferred_note(lang).to_string(),
        (false, true) => format!("{note} {}", inferred_note(lang)),
    }
}

/// Position `index` of `count` on the circle used for an empty map.
fn empty_map_spot(index: usize, count: usize) -> (f64, f64) {
    let angle = std::f64::consts::TAU * index as f64 / count.max(1) as f64 - std::f64::consts::FRAC_PI_2;
    on_circle(EMPTY_CENTRE, EMPTY_RADIUS, angle)
}

/// Where to place a new factor near: the first factor already on the map that the rule
/// links it to, or else the centre of the map.
fn anchor_of(rule: &Rule, factor: &str, mapping: &[(String, String)], case: &Case) -> (f64, f64) {
    let neighbours = rule.links.iter().filter_map(|link| {
        if link.from == factor {
            Some(link.to.as_str())
        } else if link.to == factor {
            Some(link.from.as_str())
        } else {
            None
        }
    });
    for neighbour in neighbours {
        let placed = mapping.iter().find(|(from, _)| from == neighbour).and_then(|(_, to)| case.factor(to));
        if let Some(placed) = placed {
            return (placed.x, placed.y);
        }
    }
    let count = case.factors.len().max(1) as f64;
    let x = case.factors.iter().map(|factor| factor.x).sum::<f64>() / count;
    let y = case.factors.iter().map(|factor| factor.y).sum::<f64>() / count;
    (x, y)
}

/// The spot at distance [`NEAR`] around `anchor` that is farthest from every factor on
/// the map; further out when every direction is crowded.
fn free_spot(case: &Case, anchor: (f64, f64)) -> (f64, f64) {
    let clearance = |spot: (f64, f64)| {
        case.factors.iter().map(|factor| (factor.x - spot.0).hypot(factor.y - spot.1)).fold(f64::INFINITY, f64::min)
    };
    let mut best = (anchor.0 + NEAR, anchor.1);
    let mut best_clearance = f64::NEG_INFINITY;
    for ring in 1..=3 {
        for step in 0..DIRECTIONS {
            let angle = std::f64::consts::TAU * step as f64 / DIRECTIONS as f64;
            let spot = on_circle(anchor, NEAR * ring as f64, angle);
            let room = clearance(spot);
            if room > best_clearance {
                best = spot;
                best_clearance = room;
            }
        }
        if best_clearance >= NEAR * 0.75 {
            break;
        }
    }
    best
}
