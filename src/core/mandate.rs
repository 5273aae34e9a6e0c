//! The bridge between the analysis and the rules library: who may set a rule aside, and
//! through which instrument. The analysis asks; the library (or a test double) answers.

use crate::core::model::MandateLevel;

/// A way to set a rule aside: the library instrument and the lowest mandate level that
/// may use it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breakthrough {
    /// The instrument id in the library (`B02`).
    pub instrument: String,
    /// The lowest mandate level that may use it.
    pub level: MandateLevel,
}

/// Answers mandate questions about library rules.
pub trait MandateSource {
    /// The cheapest breakthrough instrument for `rule` (lowest level first), if the
    /// library knows one.
    fn cheapest_breakthrough(&self, rule: &str) -> Option<Breakthrough>;

    /// The level that normally applies `rule` (its decision holder), if known.
    fn decision_holder(&self, rule: &str) -> Option<MandateLevel>;
}

/// A source that knows no rules: every link gets the analysis' default cost.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoMandates;

impl MandateSource for NoMandates {
    fn cheapest_breakthrough(&self, _rule: &str) -> Option<Breakthrough> {
        None
    }

    fn decision_holder(&self, _rule: &str) -> Option<MandateLevel> {
        None
    }
}
