//! What it costs to cut a link or take away a factor, from the mandate needed.
//!
//! The scale is steep and monotone: each mandate level costs three times the level below
//! it (M0 = 1, M1 = 3, M2 = 9, M3 = 27, M4 = 81, … M9 = 19,683), so a plan that needs a
//! higher mandate is chosen only when it saves at least three interventions one level
//! lower. A link's cost is, in this order:
//! 1. the `cost` the user gave on the link;
//! 2. the level of the cheapest breakthrough instrument of its rule ([`MandateSource`]);
//! 3. the level of its rule's decision holder;
//! 4. [`DEFAULT_LINK_LEVEL`] (M3, a manager who may deviate from a policy rule).
//!
//! A factor costs [`DEFAULT_FACTOR_COST`] (the cost of M4, the college): taking away a
//! life-world condition needs an integral decision and is harder than cutting a link.

use crate::core::mandate::MandateSource;
use crate::core::model::{Link, MandateLevel};

/// The mandate level (its number) assumed for a link with no cost and no known rule: M3.
pub const DEFAULT_LINK_LEVEL: u8 = 3;

/// The mandate level (its number) a factor's default cost corresponds to: M4.
pub const DEFAULT_FACTOR_LEVEL: u8 = 4;

/// The cost of taking away a factor: the cost of [`DEFAULT_FACTOR_LEVEL`].
pub const DEFAULT_FACTOR_COST: u32 = level_number_cost(DEFAULT_FACTOR_LEVEL);

/// The cost of an intervention at mandate level `level`: 3 to the power of the level.
pub fn level_cost(level: MandateLevel) -> u32 {
    level_number_cost(level.number())
}

/// 3 to the power of `number` (a level number 0..=9).
const fn level_number_cost(number: u8) -> u32 {
    3u32.pow(number as u32)
}

/// The cost of cutting one link and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkCost {
    /// The cost used by the plan.
    pub cost: u32,
    /// The mandate level needed, when known from the rule.
    pub level: Option<MandateLevel>,
    /// The breakthrough instrument, when the rule has one.
    pub instrument: Option<String>,
}

/// The cost of cutting `link`, following the order in the module documentation.
pub fn link_cost(link: &Link, mandates: &dyn MandateSource) -> LinkCost {
    let rule = link.rule.as_deref().map(str::trim).filter(|rule| !rule.is_empty());
    let breakthrough = rule.and_then(|rule| mandates.cheapest_breakthrough(rule));
    let (level, instrument) = match breakthrough {
        Some(found) => (Some(found.level), Some(found.instrument)),
        None => (rule.and_then(|rule| mandates.decision_holder(rule)), None),
    };
    let cost = link.cost.unwrap_or_else(|| level.map_or(level_number_cost(DEFAULT_LINK_LEVEL), level_cost));
    LinkCost { cost, level, instrument }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::mandate::{Breakthrough, NoMandates};

    struct OneRule;

    impl MandateSource for OneRule {
        fn cheapest_breakthrough(&self, rule: &str) -> Option<Breakthrough> {
            let level = MandateLevel::new(2)?;
            (rule == "SCH-04").then(|| Breakthrough { instrument: "B04".into(), level })
        }
        fn decision_holder(&self, rule: &str) -> Option<MandateLevel> {
            matches!(rule, "SCH-04" | "WON-01").then_some(MandateLevel::new(4)?)
        }
    }

    fn link(rule: Option<&str>, cost: Option<u32>) -> Link {
        Link {
            id: "l1".into(),
            from: "a".into(),
            to: "b".into(),
            polarity: Default::default(),
            sector: None,
            rule: rule.map(Into::into),
            delay: false,
            confidence: Default::default(),
            note: String::new(),
            fixed: false,
            cost,
        }
    }

    #[test]
    fn scale_is_steep_and_monotone() {
        let costs: Vec<u32> = (0..=9).filter_map(MandateLevel::new).map(level_cost).collect();
        assert!(costs.windows(2).all(|pair| pair[1] == 3 * pair[0]));
        assert_eq!(DEFAULT_FACTOR_COST, 81);
    }

    #[test]
    fn cost_order_user_then_breakthrough_then_holder_then_default() {
        assert_eq!(link_cost(&link(Some("SCH-04"), Some(5)), &OneRule).cost, 5);
        let found = link_cost(&link(Some("SCH-04"), None), &OneRule);
        assert_eq!((found.cost, found.instrument.as_deref()), (9, Some("B04")));
        assert_eq!(link_cost(&link(Some("WON-01"), None), &OneRule).cost, 81);
        assert_eq!(link_cost(&link(Some("X"), None), &NoMandates).cost, 27);
        assert_eq!(link_cost(&link(None, None), &NoMandates).level, None);
    }
}
