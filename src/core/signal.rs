//! Signaal aan beleid: counts over all cases on a device, for the people who can change a
//! rule. Which library rules and sectors create the most vicious and sector-created loops,
//! which instruments and mandate levels the case meetings chose, how often a level
//! above M3 was needed, and which rules actions ran into (marked "vastgelopen").
//!
//! The signal is anonymous by construction: it holds only ids from the rules library
//! (rule, sector, instrument, level), counts, and months (`YYYY-MM`) when the caller
//! knows them. A rule, sector or instrument id the library does not know (free text typed
//! in a case) is counted as [`OTHER`], so no label, note, title or other text of a case
//! can leave the device in it. Locked (encrypted) cases are not read: the caller passes
//! only cases it could open and says how many it skipped ([`PolicySignal::locked`]).
//!
//! A stuck action counts for the rule it names and for the rule on the link of the
//! intervention it carries out (once per rule); what it says, who owns it and its
//! deadline never enter the signal.

use crate::core::analysis::{analyse, AnalysisOptions};
use crate::core::formats::csv::write_record;
use crate::core::lang::Lang;
use crate::core::meeting::ActionStatus;
use crate::core::model::{Case, MandateLevel, Target};
use crate::core::rules::Library;
use crate::core::sorting;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The id counted for anything the library does not know.
pub const OTHER: &str = "overig";

/// The highest mandate level a case meeting can normally reach on its own; a chosen
/// instrument above it needed someone higher up.
pub const MEETING_LEVEL: u8 = 3;

/// One case as the signal sees it.
#[derive(Clone, Copy, Debug)]
pub struct SignalCase<'a> {
    /// The case.
    pub case: &'a Case,
    /// The month it was last saved (`YYYY-MM`), when known. Never a finer date.
    pub month: Option<&'a str>,
}

/// Counts for one library rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    /// The rule id (or [`OTHER`]).
    pub rule: String,
    /// The rule's sector id (or [`OTHER`]).
    pub sector: String,
    /// Vicious loops (over all cases) with a link from this rule.
    pub vicious_loops: usize,
    /// Of those, the loops created by two or more sectors.
    pub sector_created_loops: usize,
    /// Cases with at least one such loop.
    pub cases: usize,
}

/// Counts for one sector.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SectorCount {
    /// The sector id (or [`OTHER`]).
    pub sector: String,
    /// Vicious loops with a link from this sector.
    pub vicious_loops: usize,
    /// Of those, the loops created by two or more sectors.
    pub sector_created_loops: usize,
    /// Cases with at least one such loop.
    pub cases: usize,
}

/// Actions marked "vastgelopen" (stuck) that concern one library rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StuckCount {
    /// The rule id (or [`OTHER`]).
    pub rule: String,
    /// The rule's sector id (or [`OTHER`]).
    pub sector: String,
    /// Stuck actions that concern it.
    pub actions: usize,
    /// Cases with at least one such action.
    pub cases: usize,
}

/// How often something was chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Chosen {
    /// The instrument id, the mandate level (`M4`) or the month.
    pub id: String,
    /// How many times.
    pub times: usize,
}

/// The policy signal over a set of cases.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PolicySignal {
    /// The library edition the ids belong to.
    pub edition: String,
    /// Cases counted.
    pub cases: usize,
    /// Locked cases left out because their passphrase was not given.
    pub locked: usize,
    /// Vicious loops over all cases.
    pub vicious_loops: usize,
    /// Of those, sector-created loops.
    pub sector_created_loops: usize,
    /// Per rule, most vicious loops first.
    pub rules: Vec<RuleCount>,
    /// Per sector, most vicious loops first.
    pub sectors: Vec<SectorCount>,
    /// Chosen interventions per instrument, most first.
    pub instruments: Vec<Chosen>,
    /// Chosen interventions per mandate level, M0 first.
    pub levels: Vec<Chosen>,
    /// Chosen interventions in all.
    pub interventions: usize,
    /// Of those, how many needed a level above M3.
    pub above_m3: usize,
    /// Cases per month (`YYYY-MM`) where known, oldest first.
    pub months: Vec<Chosen>,
    /// Actions marked "vastgelopen" over all cases.
    pub stuck_actions: usize,
    /// Per rule, the stuck actions that concern it, most first.
    pub stuck: Vec<StuckCount>,
}

/// Builds the signal over `cases`, `locked` more having been left out.
///
/// # Complexity
/// One bounded analysis per case ([`AnalysisOptions::interactive`]), then linear in the
/// loops and interventions found.
pub fn policy_signal(cases: &[SignalCase<'_>], locked: usize, library: &Library) -> PolicySignal {
    let options = AnalysisOptions::interactive();
    let mut rules: HashMap<String, RuleCount> = HashMap::new();
    let mut sectors: HashMap<String, SectorCount> = HashMap::new();
    let mut instruments: HashMap<String, usize> = HashMap::new();
    let mut levels: HashMap<MandateLevel, usize> = HashMap::new();
    let mut months: HashMap<String, usize> = HashMap::new();
    let mut stuck: HashMap<String, StuckCount> = HashMap::new();
    let mut signal = PolicySignal { edition: library.header().edition.clone(), locked, ..PolicySignal::default() };
    let known_sector = |id: &str| if library.sector(id).is_some() { id.to_string() } else { OTHER.to_string() };
    let known_rule = |id: &str| match library.rule(id) {
        Some(rule) => (rule.id.clone(), known_sector(&rule.sector)),
        None => (OTHER.to_string(), OTHER.to_string()),
    };
    for input in cases {
        let case = input.case;
        signal.cases += 1;
        if let Some(month) = input.month.filter(|month| is_month(month)) {
            *months.entry(month.to_string()).or_default() += 1;
        }
        let analysis = analyse(case, library, &options);
        let (mut rules_here, mut sectors_here) = (HashSet::new(), HashSet::new());
        for cycle in analysis.cycles.iter().filter(|cycle| cycle.vicious) {
            signal.vicious_loops += 1;
            signal.sector_created_loops += usize::from(cycle.sector_created);
            let mut loop_rules = HashSet::new();
            for link in cycle.link_ids.iter().filter_map(|id| case.link(id)) {
                if let Some(rule) = &link.rule {
                    loop_rules.insert(known_rule(rule));
                }
            }
            for (id, sector) in loop_rules {
                let count = rules.entry(id.clone()).or_insert_with(|| RuleCount {
                    rule: id.clone(),
                    sector,
                    ..RuleCount::default()
                });
                count.vicious_loops += 1;
                count.sector_created_loops += usize::from(cycle.sector_created);
                rules_here.insert(id);
            }
            let loop_sectors: HashSet<String> = cycle.sectors.iter().map(|sector| known_sector(sector)).collect();
            for sector in loop_sectors {
                let count = sectors
                    .entry(sector.clone())
                    .or_insert_with(|| SectorCount { sector: sector.clone(), ..SectorCount::default() });
                count.vicious_loops += 1;
                count.sector_created_loops += usize::from(cycle.sector_created);
                sectors_here.insert(sector);
            }
        }
        for id in rules_here {
            if let Some(count) = rules.get_mut(&id) {
                count.cases += 1;
            }
        }
        for id in sectors_here {
            if let Some(count) = sectors.get_mut(&id) {
                count.cases += 1;
            }
        }
        for intervention in &case.interventions {
            signal.interventions += 1;
            let Some(instrument) = intervention.instrument.as_deref() else { continue };
            let Some(known) = library.instrument(instrument) else {
                *instruments.entry(OTHER.to_string()).or_default() += 1;
                continue;
            };
            *instruments.entry(known.id.clone()).or_default() += 1;
            let level = level_for(case, &intervention.target, instrument, library).unwrap_or(known.level);
            *levels.entry(level).or_default() += 1;
            signal.above_m3 += usize::from(level.number() > MEETING_LEVEL);
        }
        let mut stuck_here = HashSet::new();
        for action in case.meeting.actions.iter().filter(|action| action.status == ActionStatus::Vastgelopen) {
            signal.stuck_actions += 1;
            let on_link = match &action.intervention {
                Some(Target::Link(id)) => case.link(id).and_then(|link| link.rule.as_deref()),
                _ => None,
            };
            let action_rules: HashSet<(String, String)> =
                action.rule.as_deref().into_iter().chain(on_link).map(known_rule).collect();
            for (id, sector) in action_rules {
                let count = stuck.entry(id.clone()).or_insert_with(|| StuckCount {
                    rule: id.clone(),
                    sector,
                    ..StuckCount::default()
                });
                count.actions += 1;
                if stuck_here.insert(id) {
                    count.cases += 1;
                }
            }
        }
    }
    signal.rules = rules.into_values().collect();
    sorting::sort_by(&mut signal.rules, |a, b| {
        (b.vicious_loops, b.sector_created_loops)
            .cmp(&(a.vicious_loops, a.sector_created_loops))
            .then(a.rule.cmp(&b.rule))
    });
    signal.sectors = sectors.into_values().collect();
    sorting::sort_by(&mut signal.sectors, |a, b| {
        (b.vicious_loops, b.sector_created_loops)
            .cmp(&(a.vicious_loops, a.sector_created_loops))
            .then(a.sector.cmp(&b.sector))
    });
    signal.instruments = instruments.into_iter().map(|(id, times)| Chosen { id, times }).collect();
    sorting::sort_by(&mut signal.instruments, |a, b| b.times.cmp(&a.times).then(a.id.cmp(&b.id)));
    let mut levels: Vec<(MandateLevel, usize)> = levels.into_iter().collect();
    sorting::sort_by_key(&mut levels, |(level, _)| *level);
    signal.levels = levels.into_iter().map(|(level, times)| Chosen { id: level.to_string(), times }).collect();
    signal.stuck = stuck.into_values().collect();
    sorting::sort_by(&mut signal.stuck, |a, b| {
        (b.actions, b.cases).cmp(&(a.actions, a.cases)).then(a.rule.cmp(&b.rule))
    });
    signal.months = months.into_iter().map(|(id, times)| Chosen { id, times }).collect();
    sorting::sort_by(&mut signal.months, |a, b| a.id.cmp(&b.id));
    signal
}

/// The level at which `instrument` may be used for the rule behind the target link, if
/// the rule lists it.
fn level_for(case: &Case, target: &Target, instrument: &str, library: &Library) -> Option<MandateLevel> {
    let Target::Link(link) = target else { return None };
    let rule = library.rule(case.link(link)?.rule.as_deref()?)?;
    rule.instruments.iter().filter(|reference| reference.id == instrument).map(|reference| reference.level).min()
}

/// `YYYY-MM`.
fn is_month(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 7
        && bytes[4] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || b.is_ascii_digit())
        && matches!(&text[5..], "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12")
}

impl PolicySignal {
    /// The export as CSV: one row per count, `categorie,id,sector,maat,aantal`, with the
    /// totals first. Exactly what [`PolicySignal::to_json`] holds, nothing else.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        write_record(&mut out, &["categorie", "id", "sector", "maat", "aantal"]);
        let mut row = |category: &str, id: &str, sector: &str, measure: &str, count: usize| {
            write_record(&mut out, &[category, id, sector, measure, &count.to_string()]);
        };
        row("totaal", "", "", "casussen", self.cases);
        row("totaal", "", "", "vergrendeld_niet_meegeteld", self.locked);
        row("totaal", "", "", "vicieuze_lussen", self.vicious_loops);
        row("totaal", "", "", "sectoraal_gecreeerde_lussen", self.sector_created_loops);
        row("totaal", "", "", "interventies", self.interventions);
        row("totaal", "", "", "boven_m3", self.above_m3);
        row("totaal", "", "", "vastgelopen_acties", self.stuck_actions);
        for rule in &self.rules {
            row("regel", &rule.rule, &rule.sector, "vicieuze_lussen", rule.vicious_loops);
            row("regel", &rule.rule, &rule.sector, "sectoraal_gecreeerde_lussen", rule.sector_created_loops);
            row("regel", &rule.rule, &rule.sector, "casussen", rule.cases);
        }
        for sector in &self.sectors {
            row("sector", &sector.sector, &sector.sector, "vicieuze_lussen", sector.vicious_loops);
            row("sector", &sector.sector, &sector.sector, "sectoraal_gecreeerde_lussen", sector.sector_created_loops);
            row("sector", &sector.sector, &sector.sector, "casussen", sector.cases);
        }
        for chosen in &self.instruments {
            row("instrument", &chosen.id, "", "gekozen", chosen.times);
        }
        for chosen in &self.levels {
            row("mandaatniveau", &chosen.id, "", "gekozen", chosen.times);
        }
        for stuck in &self.stuck {
            row("vastgelopen", &stuck.rule, &stuck.sector, "acties", stuck.actions);
            row("vastgelopen", &stuck.rule, &stuck.sector, "casussen", stuck.cases);
        }
        for chosen in &self.months {
            row("maand", &chosen.id, "", "casussen", chosen.times);
        }
        out
    }

    /// The export as JSON (pretty-printed), with the library edition.
    pub fn to_json(&self) -> String {
        let mut text = crate::core::json_text::pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// A readable summary in `lang` for the command line.
    pub fn to_text(&self, lang: Lang, library: &Library) -> String {
        let mut out = String::new();
        let rule_name = |id: &str| {
            library.rule(id).map_or(id.to_string(), |rule| lang.pick(&rule.name_nl, &rule.name_en).to_string())
        };
        let sector_name =
            |id: &str| library.sector(id).map_or(id.to_string(), |s| lang.pick(&s.name_nl, &s.name_en).to_string());
        out.push_str(&format!(
            "{} ({} {})\n  {}: {}\n  {}: {}\n  {}: {}\n",
            lang.pick("Signaal aan beleid", "Policy signal"),
            lang.pick("regelbibliotheek", "rules library"),
            self.edition,
            lang.pick("casussen", "cases"),
            self.cases,
            lang.pick("vicieuze cirkels", "vicious cycles"),
            self.vicious_loops,
            lang.pick("waarvan sectoroverstijgend", "of which cross-sector"),
            self.sector_created_loops,
        ));
        if self.locked > 0 {
            out.push_str(&format!(
                "{}: {}\n",
                lang.pick(
                    "Vergrendelde casussen niet meegeteld (zonder wachtwoordzin wordt niets gelezen)",
                    "Locked cases not counted (nothing is read without the passphrase)"
                ),
                self.locked
            ));
        }
        out.push_str(lang.pick(
            "\nRegels (vicieuze cirkels / sectoroverstijgend / casussen)\n",
            "\nRules (vicious cycles / cross-sector / cases)\n",
        ));
        for rule in &self.rules {
            out.push_str(&format!(
                "  {:<8} {:>4} {:>4} {:>4}  {} {}\n",
                rule.rule,
                rule.vicious_loops,
                rule.sector_created_loops,
                rule.cases,
                bar(rule.vicious_loops),
                rule_name(&rule.rule)
            ));
        }
        out.push_str(lang.pick("\nSectoren\n", "\nSectors\n"));
        for sector in &self.sectors {
            out.push_str(&format!(
                "  {:<16} {:>4} {:>4} {:>4}  {} {}\n",
                sector.sector,
                sector.vicious_loops,
                sector.sector_created_loops,
                sector.cases,
                bar(sector.vicious_loops),
                sector_name(&sector.sector)
            ));
        }
        out.push_str(&format!(
            "\n{}: {}; {}: {}\n",
            lang.pick("Gekozen interventies", "Chosen interventions"),
            self.interventions,
            lang.pick("waarvan boven mandaatniveau M3", "of which above mandate level M3"),
            self.above_m3,
        ));
        for chosen in self.instruments.iter().chain(&self.levels) {
            out.push_str(&format!("  {:<8} {:>4}  {}\n", chosen.id, chosen.times, bar(chosen.times)));
        }
        out.push_str(&format!(
            "\n{}: {}\n",
            lang.pick("Acties die zijn vastgelopen", "Actions that got stuck"),
            self.stuck_actions
        ));
        out.push_str(lang.pick("Per regel (acties / casussen)\n", "Per rule (actions / cases)\n"));
        for stuck in &self.stuck {
            out.push_str(&format!(
                "  {:<8} {:>4} {:>4}  {} {}\n",
                stuck.rule,
                stuck.actions,
                stuck.cases,
                bar(stuck.actions),
                rule_name(&stuck.rule)
            ));
        }
        out
    }
}

/// A bar of `count` blocks (at most 40), the chart of the text output.
fn bar(count: usize) -> String {
    "█".repeat(count.min(40))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_checked() {
        assert!(is_month("2026-12") && !is_month("2026-13") && !is_month("2026-12-01") && !is_month("20x6-01"));
    }
}
