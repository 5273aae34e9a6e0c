//! Searching the library the way professionals ask: by name (Dutch or English), id,
//! law or article, keyword and mechanism, ignoring case and accents, best match first.

use super::{Library, Rule};
use crate::core::lang::Lang;
use crate::core::sorting;
use crate::core::text::fold;

/// How much a hit in each part of a rule counts.
const WEIGHT_ID: u32 = 100;
const WEIGHT_NAME: u32 = 10;
const WEIGHT_KEYWORD: u32 = 6;
const WEIGHT_LAW: u32 = 5;
const WEIGHT_SECTOR: u32 = 3;
const WEIGHT_MECHANISM: u32 = 2;

impl Library {
    /// Rules matching every word of `query`, optionally within one sector, best first
    /// (ties by id). An empty query lists all rules of the sector (or all rules) by id.
    pub fn search(&self, query: &str, sector: Option<&str>) -> Vec<&Rule> {
        let words: Vec<String> = fold(query).split_whitespace().map(str::to_string).collect();
        let mut hits: Vec<(u32, &Rule)> = self
            .rules()
            .iter()
            .filter(|rule| sector.is_none_or(|sector| rule.sector == sector))
            .filter_map(|rule| score(self, rule, &words).map(|score| (score, rule)))
            .collect();
        sorting::sort_by(&mut hits, |(a_score, a), (b_score, b)| b_score.cmp(a_score).then_with(|| a.id.cmp(&b.id)));
        hits.into_iter().map(|(_, rule)| rule).collect()
    }
}

/// The score of `rule` for `words`, or `None` if some word is found nowhere.
fn score(library: &Library, rule: &Rule, words: &[String]) -> Option<u32> {
    let id = fold(&rule.id);
    let names = [fold(&rule.name_nl), fold(&rule.name_en)];
    let keywords: Vec<String> = rule.keywords.iter().map(|keyword| fold(keyword)).collect();
    let laws: Vec<String> = rule
        .legal_sources
        .iter()
        .map(|source| fold(&format!("{} {}", source.citation(Lang::Nl), source.citation(Lang::En))))
        .collect();
    let sector = library
        .sector(&rule.sector)
        .map(|sector| fold(&format!("{} {} {}", sector.id, sector.name_nl, sector.name_en)))
        .unwrap_or_else(|| fold(&rule.sector));
    let mechanism = fold(&format!("{} {}", rule.mechanism_nl, rule.mechanism_en));
    let mut total = 0;
    for word in words {
        let mut best = 0;
        if id == *word {
            best = WEIGHT_ID;
        } else if id.starts_with(word.as_str()) {
            best = WEIGHT_ID / 2;
        }
        let parts: [(u32, bool); 5] = [
            (WEIGHT_NAME, names.iter().any(|name| name.contains(word.as_str()))),
            (WEIGHT_KEYWORD, keywords.iter().any(|keyword| keyword.contains(word.as_str()))),
            (WEIGHT_LAW, laws.iter().any(|law| law.contains(word.as_str()))),
            (WEIGHT_SECTOR, sector.contains(word.as_str())),
            (WEIGHT_MECHANISM, mechanism.contains(word.as_str())),
        ];
        best += parts.iter().filter(|(_, hit)| *hit).map(|(weight, _)| weight).sum::<u32>();
        if best == 0 {
            return None;
        }
        total += best;
    }
    Some(total)
}
