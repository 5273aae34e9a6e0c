//! The analysis engine: every loop in a case map (within clear bounds), which loops are
//! vicious and created by sectors together, where to break them and at what mandate
//! cost, and the cheapest integral plan that breaks them all.
//!
//! One idea per module:
//! - [`cycles`]: elementary-cycle enumeration (Johnson 1975 per component, iterative).
//! - [`loops`]: reinforcing/balancing, vicious, sectors, sector-created.
//! - [`ranking`]: the order loops and options are shown in.
//! - [`narrative`](mod@narrative): a loop as a Dutch or English sentence.
//! - [`costs`]: mandate level → cost.
//! - [`breakthrough`]: per-link and per-factor options and the plan.
//! - [`hitting_set`]: the exact weighted hitting-set solver behind the plan.

pub mod breakthrough;
pub mod costs;
pub mod cycles;
pub mod hitting_set;
pub mod loops;
pub mod mandate;
pub mod narrative;
pub mod ranking;
pub mod remote;
pub mod structure;

pub use cycles::BoundHit;
pub use narrative::{narrative, narrative_short};

use crate::core::lang::Lang;
use crate::core::mandate::MandateSource;
use crate::core::model::{Case, MandateLevel, Target};
use crate::core::sorting;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// What the integral plan may cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum CutScope {
    /// Only links.
    Links,
    /// Only factors.
    Factors,
    /// Links and factors.
    #[default]
    Both,
}

impl CutScope {
    /// Parses `links`, `factors` or `both` (also Dutch: `verbanden`, `factoren`, `beide`).
    pub fn parse(text: &str) -> Option<CutScope> {
        match text.trim().to_ascii_lowercase().as_str() {
            "links" | "verbanden" => Some(CutScope::Links),
            "factors" | "factoren" => Some(CutScope::Factors),
            "both" | "beide" => Some(CutScope::Both),
            _ => None,
        }
    }

    /// Whether links may be cut.
    pub fn links(self) -> bool {
        self != CutScope::Factors
    }

    /// Whether factors may be taken away.
    pub fn factors(self) -> bool {
        self != CutScope::Links
    }
}

/// The bounds of one analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnalysisOptions {
    /// Only loops of at most this many links; `None` for any length.
    pub max_length: Option<usize>,
    /// The most loops to collect; the search stops when it finds one more.
    pub max_cycles: usize,
    /// The most edge scans the loop search may do.
    pub max_steps: u64,
    /// What the plan may cut.
    pub cut: CutScope,
    /// The work allowed for the plan (element visits in its reductions and branch and
    /// bound); beyond it the plan is the best found, with a lower bound.
    pub max_plan_steps: u64,
    /// The most edge scans the count of every loop by kind may do when the list is cut
    /// (see [`LoopCounts`]); beyond it the counts are lower bounds.
    pub max_count_steps: u64,
    /// When there are more than `max_cycles` loops, keep every loop up to the longest
    /// length that fits rather than the first loops found (see
    /// [`cycles::collect_cycles`]).
    pub shortest_first: bool,
}

impl AnalysisOptions {
    /// Bounds for the live UI: up to 600 loops listed (shortest first); 200,000 edge scans
    /// for the list and as many for the counts; 3,000,000 plan steps (a 60-factor,
    /// 150-link map is proven optimal in a few milliseconds natively, see
    /// `bench/RESULTS.md`); no length bound.
    pub fn interactive() -> Self {
        AnalysisOptions {
            max_length: None,
            max_cycles: 600,
            max_steps: 200_000,
            cut: CutScope::Both,
            max_plan_steps: 3_000_000,
            max_count_steps: 200_000,
            shortest_first: true,
        }
    }

    /// The command line's default: up to 20,000 loops listed (shortest first; the plan
    /// and the counts do not depend on the list), 10⁹ edge scans for the list, 2·10⁷ for
    /// the counts and 2·10⁸ plan steps (seconds, not minutes); no length bound.
    pub fn exhaustive() -> Self {
        AnalysisOptions {
            max_length: None,
            max_cycles: 20_000,
            max_steps: 1_000_000_000,
            cut: CutScope::Both,
            max_plan_steps: 200_000_000,
            max_count_steps: 20_000_000,
            shortest_first: true,
        }
    }
}

/// One loop of the map.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleReport {
    /// [`crate::core::model::loop_key`] of its link ids.
    pub key: String,
    /// The factors in loop order; `factor_ids[i]` is the cause of `link_ids[i]`.
    pub factor_ids: Vec<String>,
    /// The links in loop order, starting at the smallest id.
    pub link_ids: Vec<String>,
    /// Reinforcing or balancing.
    pub kind: LoopKind,
    /// Reinforcing and not marked virtuous.
    pub vicious: bool,
    /// The distinct sectors of its links, sorted.
    pub sectors: Vec<String>,
    /// Its links come from two or more sectors: no single sector owns the loop.
    pub sector_created: bool,
}

/// Whether a loop amplifies or dampens change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LoopKind {
    /// An even number of negative links: change feeds itself.
    Reinforcing,
    /// An odd number of negative links: change is counteracted.
    Balancing,
}

impl LoopKind {
    /// `"reinforcing"` or `"balancing"`.
    pub fn id(self) -> &'static str {
        match self {
            LoopKind::Reinforcing => "reinforcing",
            LoopKind::Balancing => "balancing",
        }
    }
}

/// What cutting one link or taking away one factor would do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakOption {
    /// The link or factor.
    pub target: Target,
    /// The vicious loops it breaks, as indices into [`Analysis::cycles`].
    pub breaks: Vec<usize>,
    /// Its cost (see [`costs`]).
    pub cost: u32,
    /// The mandate level needed, when known.
    pub level: Option<MandateLevel>,
    /// The breakthrough instrument, when the rule has one.
    pub instrument: Option<String>,
    /// The library rule behind a link.
    pub rule: Option<String>,
    /// The case meeting marked it as not to be cut.
    pub fixed: bool,
}

/// The integral plan: a set of links and factors that breaks every vicious loop of the
/// map, listed or not (see [`breakthrough`]).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Plan {
    /// The chosen interventions (including those the case already has), sorted.
    pub targets: Vec<Target>,
    /// Their total cost.
    pub cost: u32,
    /// Whether the plan is proven to break every vicious loop of the map that can be
    /// broken and `cost` is proven minimal for that.
    pub optimal: bool,
    /// A proven lower bound on the minimum cost of breaking every vicious loop (equal to
    /// `cost` when optimal).
    pub lower_bound: u32,
    /// Listed vicious loops nothing may cut (every link and factor fixed or out of scope),
    /// as indices into [`Analysis::cycles`].
    pub uncovered: Vec<usize>,
    /// Whether the search of the map without the plan finished and found no vicious loop
    /// but the uncovered ones. False only when the work budget ran out first; the plan
    /// then breaks every vicious loop found so far.
    pub breaks_all: bool,
    /// Vicious loops nothing may cut that are not in the list.
    pub uncovered_unlisted: usize,
    /// The vicious loops in the last covering problem.
    pub loops_used: usize,
    /// Covering problems solved (one per search of the map without the plan).
    pub rounds: usize,
}

impl Plan {
    /// How far the cost may be above the minimum: 0 when proven optimal.
    pub fn gap(&self) -> u32 {
        self.cost.saturating_sub(self.lower_bound)
    }

    /// Vicious loops nothing may cut, listed or not.
    pub fn uncovered_count(&self) -> usize {
        self.uncovered.len() + self.uncovered_unlisted
    }

    /// What the plan is proven to do, for the user: whether it breaks every vicious loop
    /// and whether its cost is proven the lowest (or how far above it may be).
    pub fn status(&self, lang: Lang) -> String {
        let every = match (self.uncovered_count() > 0, lang) {
            (false, Lang::Nl) => "elke vicieuze cirkel",
            (true, Lang::Nl) => "elke vicieuze cirkel die doorbroken kan worden",
            (false, Lang::En) => "every vicious loop",
            (true, Lang::En) => "every vicious loop that can be broken",
        };
        match (self.optimal, self.breaks_all, lang) {
            (true, _, Lang::Nl) => format!("Doorbreekt {every} tegen de laagste kosten; dat is bewezen."),
            (true, _, Lang::En) => format!("Breaks {every} at the lowest cost; that is proven."),
            (false, true, Lang::Nl) => format!(
                "Doorbreekt {every}; nog niet bewezen dat dit de laagste kosten zijn (ten hoogste {} erboven).",
                self.gap()
            ),
            (false, true, Lang::En) => {
                format!("Breaks {every}; not yet proven to be the lowest cost (at most {} above it).", self.gap())
            }
            (false, false, Lang::Nl) => format!(
                "Doorbreekt de gevonden vicieuze cirkels; niet nagegaan of er daarna nog een overblijft (ondergrens {}).",
                self.lower_bound
            ),
            (false, false, Lang::En) => format!(
                "Breaks the vicious loops found; whether one survives was not checked (lower bound {}).",
                self.lower_bound
            ),
        }
    }
}

/// How many loops of each kind the map has, counted without keeping them (see
/// [`analyse`]): the list may hold fewer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LoopCounts {
    /// Every loop (within the length bound, if any).
    pub loops: usize,
    /// Reinforcing loops (vicious or marked virtuous).
    pub reinforcing: usize,
    /// Balancing loops.
    pub balancing: usize,
    /// Vicious loops: reinforcing and not marked virtuous.
    pub vicious: usize,
    /// Loops whose links come from two or more sectors.
    pub sector_created: usize,
    /// Vicious loops whose links come from two or more sectors.
    pub vicious_sector_created: usize,
    /// True when the counts are exact; false when the work bound stopped the count, and
    /// then they are lower bounds.
    pub exact: bool,
}

impl LoopCounts {
    fn add(&mut self, reinforcing: bool, vicious: bool, sector_created: bool) {
        self.loops += 1;
        if reinforcing {
            self.reinforcing += 1;
        } else {
            self.balancing += 1;
        }
        self.vicious += usize::from(vicious);
        self.sector_created += usize::from(sector_created);
        self.vicious_sector_created += usize::from(vicious && sector_created);
    }
}

/// The result of [`analyse`].
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Analysis {
    /// True exactly when no bound cut the loop search: `cycles` holds every loop.
    pub complete: bool,
    /// The bound that cut the search, when `complete` is false.
    pub bound: Option<BoundHit>,
    /// When incomplete: every loop with at most this many links is in `cycles`, if known.
    pub complete_to_length: Option<usize>,
    /// The loops, ranked (see [`ranking::rank_cycles`]).
    pub cycles: Vec<CycleReport>,
    /// Every link with the vicious loops cutting it breaks, ranked.
    pub link_options: Vec<BreakOption>,
    /// Every factor with the vicious loops taking it away breaks, ranked.
    pub factor_options: Vec<BreakOption>,
    /// The cheapest plan that breaks every vicious loop of the map, listed or not.
    pub plan: Plan,
    /// How many loops of each kind the whole map has (the list may be cut).
    pub counts: LoopCounts,
    /// Factors on at least one loop (in a strongly connected part with a loop).
    pub factors_in_loops: usize,
    /// Listed vicious loops that share most of their links, grouped (see [`structure`]).
    pub mechanisms: Vec<structure::Mechanism>,
    /// Factors outside every loop that feed listed vicious loops (*aanjagers*).
    pub drivers: Vec<structure::Driver>,
}

impl Analysis {
    /// What [`analyse`] finds on a map without factors, without running it: nothing, with
    /// the search complete. The first screen starts from it.
    pub fn of_empty_map() -> Analysis {
        Analysis {
            complete: true,
            plan: Plan { optimal: true, breaks_all: true, rounds: 1, ..Plan::default() },
            counts: LoopCounts { exact: true, ..LoopCounts::default() },
            ..Analysis::default()
        }
    }

    /// The single breakthrough options that break at least one vicious loop, links and
    /// factors together, in the engine's order ([`ranking::option_order`]: cuttable before
    /// fixed, most loops broken, cheapest).
    pub fn ranked_options(&self) -> Vec<&BreakOption> {
        let mut options: Vec<&BreakOption> =
            self.link_options.iter().chain(&self.factor_options).filter(|o| !o.breaks.is_empty()).collect();
        sorting::sort_by(&mut options, |a, b| ranking::option_order(a, b));
        options
    }

    /// The number of vicious loops in the list.
    pub fn vicious_count(&self) -> usize {
        self.cycles.iter().filter(|cycle| cycle.vicious).count()
    }

    /// The number of vicious loops of the whole map (a lower bound when the count was cut;
    /// never fewer than the list holds).
    pub fn vicious_total(&self) -> usize {
        self.counts.vicious.max(self.vicious_count())
    }

    /// How many factors are caught in loops: "9 van de 12 factoren zitten in een cirkel."
    pub fn caught_line(&self, factors: usize, lang: Lang) -> String {
        let caught = self.factors_in_loops;
        match (lang, caught == 1) {
            (Lang::Nl, true) => format!("1 van de {factors} factoren zit in een cirkel."),
            (Lang::Nl, false) => format!("{caught} van de {factors} factoren zitten in een cirkel."),
            (Lang::En, true) => format!("1 of {factors} factors is caught in a loop."),
            (Lang::En, false) => format!("{caught} of {factors} factors are caught in loops."),
        }
    }

    /// Why the loop list is incomplete and what that means for the plan, for the user;
    /// `None` when the list is complete. A bound limits the list only: the plan is made
    /// for every vicious loop of the map (see [`Plan::breaks_all`]).
    pub fn completeness_note(&self, options: &AnalysisOptions, lang: Lang) -> Option<String> {
        let bound = self.bound?;
        let listed = self.cycles.len();
        let reason = match bound {
            BoundHit::Count => {
                let total = counted(self.counts.loops, lang, "cirkel", "cirkels", "loop", "loops");
                let total = match (self.counts.exact, lang) {
                    (true, _) => total,
                    (false, Lang::Nl) => format!("minstens {total}"),
                    (false, Lang::En) => format!("at least {total}"),
                };
                let shown = match (self.complete_to_length, lang) {
                    (Some(length), Lang::Nl) => format!(
                        ": alle cirkels van hoogstens {} en een deel van die van {}",
                        counted(length, lang, "schakel", "schakels", "", ""),
                        counted(length + 1, lang, "schakel", "schakels", "", "")
                    ),
                    (Some(length), Lang::En) => format!(
                        ": every loop of at most {} and some of {}",
                        counted(length, lang, "", "", "link", "links"),
                        counted(length + 1, lang, "", "", "link", "links")
                    ),
                    (None, _) => String::new(),
                };
                match lang {
                    Lang::Nl => format!("De kaart heeft {total}; de lijst toont er {listed}{shown}."),
                    Lang::En => format!("The map has {total}; the list shows {listed}{shown}."),
                }
            }
            BoundHit::Length => {
                let length = options.max_length.unwrap_or(0);
                match lang {
                    Lang::Nl => format!(
                        "Er zijn ook cirkels langer dan {}; die staan niet in de lijst.",
                        counted(length, lang, "schakel", "schakels", "", "")
                    ),
                    Lang::En => format!(
                        "There are also loops longer than {}; they are not in the list.",
                        counted(length, lang, "", "", "link", "links")
                    ),
                }
            }
            BoundHit::Work => lang
                .pick(
                    "De kaart is te dicht om alle cirkels binnen de rekentijd op te sommen; de lijst is onvolledig.",
                    "The map is too dense to list every loop within the time budget; the list is incomplete.",
                )
                .to_string(),
        };
        let plan = if self.plan.breaks_all {
            lang.pick(
                "Alleen de lijst is beperkt: het plan doorbreekt elke vicieuze cirkel van de kaart, ook die niet in de lijst staan.",
                "Only the list is limited: the plan breaks every vicious loop of the map, listed or not.",
            )
        } else {
            lang.pick(
                "Het plan doorbreekt alle vicieuze cirkels die gevonden zijn; of er daarna nog een overblijft, kon binnen de rekentijd niet worden nagegaan.",
                "The plan breaks every vicious loop found; whether one survives it could not be checked within the time budget.",
            )
        };
        Some(format!("{reason} {plan}"))
    }
}

/// `n` with the singular or plural noun of `lang`: "1 cirkel", "2 cirkels", "0 loops".
pub fn counted(n: usize, lang: Lang, one_nl: &str, many_nl: &str, one_en: &str, many_en: &str) -> String {
    let noun = match (lang, n == 1) {
        (Lang::Nl, true) => one_nl,
        (Lang::Nl, false) => many_nl,
        (Lang::En, true) => one_en,
        (Lang::En, false) => many_en,
    };
    format!("{n} {noun}")
}

/// Analyses `case`: finds its loops within `options`, classifies and ranks them, prices
/// every link and factor through `mandates`, and plans the cheapest integral breakthrough.
///
/// Links whose ends are not factors of the case are left out (the map may be mid-edit).
///
/// # Arguments
/// * `case`: the case map.
/// * `mandates`: who may set the rules behind links aside (the rules library, or
///   [`crate::core::mandate::NoMandates`]).
/// * `options`: the search bounds and what the plan may cut.
///
/// # Returns
/// An [`Analysis`]; `complete` says whether the loop list is the whole truth.
///
/// # Complexity
/// The loop search is output-sensitive (see [`cycles::for_each_cycle`]) and bounded by
/// `options`; the plan is bounded by `max_plan_steps`.
///
/// # Example
/// ```
/// use cirkelbreker::core::analysis::{analyse, AnalysisOptions};
/// use cirkelbreker::core::{formats::edge_list::read_edge_list, mandate::NoMandates};
/// let case = read_edge_list("from,to,polarity\nschuld,stress,+\nstress,schuld,+\nstress,rust,-\n").unwrap();
/// let analysis = analyse(&case, &NoMandates, &AnalysisOptions::exhaustive());
/// assert!(analysis.complete);
/// assert_eq!(analysis.cycles[0].factor_ids, ["schuld", "stress"]);
/// assert!(analysis.cycles[0].vicious);
/// assert_eq!(analysis.plan.targets.len(), 1);
/// assert!(analysis.plan.optimal);
/// ```
pub fn analyse(case: &Case, mandates: &dyn MandateSource, options: &AnalysisOptions) -> Analysis {
    let mut factor_index: HashMap<&str, usize> = HashMap::with_capacity(case.factors.len());
    for (position, factor) in case.factors.iter().enumerate() {
        factor_index.entry(factor.id.as_str()).or_insert(position);
    }
    let mut edges = Vec::with_capacity(case.links.len());
    let mut edge_link = Vec::with_capacity(case.links.len());
    for (position, link) in case.links.iter().enumerate() {
        if let (Some(&from), Some(&to)) = (factor_index.get(link.from.as_str()), factor_index.get(link.to.as_str())) {
            edges.push((from, to));
            edge_link.push(position);
        }
    }
    let Ok(graph) = cycles::Digraph::new(case.factors.len(), &edges) else {
        return Analysis::default();
    };
    let virtuous: HashSet<&str> = case.virtuous_loops.iter().map(String::as_str).collect();
    let limits =
        cycles::Limits { max_length: options.max_length, max_cycles: options.max_cycles, max_steps: options.max_steps };
    let collected = cycles::collect_cycles(&graph, &limits, options.shortest_first);
    let mut paths: Vec<Vec<usize>> =
        collected.iter().map(|path| path.iter().map(|&edge| edge_link[edge as usize]).collect()).collect();
    let reports: Vec<CycleReport> = paths.iter().map(|links| loops::describe(case, links, &virtuous)).collect();
    let has_instrument: Vec<bool> = case
        .links
        .iter()
        .map(|link| {
            link.rule.as_deref().map(str::trim).is_some_and(|rule| mandates.cheapest_breakthrough(rule).is_some())
        })
        .collect();
    let touching: Vec<usize> =
        paths.iter().map(|links| links.iter().filter(|&&link| has_instrument[link]).count()).collect();
    let order = ranking::rank_cycles(&reports, &touching);
    let paths: Vec<Vec<usize>> = order.iter().map(|&i| std::mem::take(&mut paths[i])).collect();
    let mut reports: Vec<Option<CycleReport>> = reports.into_iter().map(Some).collect();
    let found: Vec<CycleReport> = order.iter().filter_map(|&i| reports[i].take()).collect();
    let map = breakthrough::MapGraph { edges: &edges, edge_link: &edge_link };
    let breakthrough = breakthrough::plan(case, mandates, &found, &paths, &map, options);
    let bound = collected.outcome.bound;
    let counts = match bound {
        None => {
            let mut counts = LoopCounts { exact: true, ..LoopCounts::default() };
            for cycle in &found {
                counts.add(cycle.kind == LoopKind::Reinforcing, cycle.vicious, cycle.sector_created);
            }
            counts
        }
        _ => count_loops(case, &graph, &edge_link, &virtuous, options),
    };
    let in_loop = graph.vertices_on_loops();
    let factors_in_loops = in_loop.iter().filter(|&&on| on).count();
    let mut mechanisms = structure::mechanisms(&found);
    structure::name_mechanisms(&mut mechanisms, &found, &case.mechanism_names);
    let drivers = structure::drivers(case, &found, &in_loop);
    Analysis {
        complete: bound.is_none(),
        bound,
        complete_to_length: collected.complete_to_length,
        cycles: found,
        link_options: breakthrough.link_options,
        factor_options: breakthrough.factor_options,
        plan: breakthrough.plan,
        counts,
        factors_in_loops,
        mechanisms,
        drivers,
    }
}

/// Counts every loop of `graph` by kind without keeping it, within the length bound and
/// the work bound of `options` (`exact` is false when the work bound stopped it).
fn count_loops(
    case: &Case,
    graph: &cycles::Digraph,
    edge_link: &[usize],
    virtuous: &HashSet<&str>,
    options: &AnalysisOptions,
) -> LoopCounts {
    use crate::core::model::Polarity;
    let negative: Vec<bool> = edge_link.iter().map(|&link| case.links[link].polarity == Polarity::Negative).collect();
    let mut sector_names: Vec<&str> = Vec::new();
    let sector: Vec<usize> = edge_link
        .iter()
        .map(|&link| match case.links[link].sector.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => 0,
            Some(name) => match sector_names.iter().position(|known| *known == name) {
                Some(position) => position + 1,
                None => {
                    sector_names.push(name);
                    sector_names.len()
                }
            },
        })
        .collect();
    let link_index: HashMap<&str, usize> =
        case.links.iter().enumerate().map(|(position, link)| (link.id.as_str(), position)).collect();
    let virtuous_sets: HashSet<Vec<usize>> = virtuous
        .iter()
        .filter_map(|key| key.split('>').map(|id| link_index.get(id).copied()).collect::<Option<Vec<usize>>>())
        .map(|mut links| {
            sorting::sort(&mut links);
            links
        })
        .collect();
    let mut counts = LoopCounts::default();
    let mut links = Vec::new();
    let limits =
        cycles::Limits { max_length: options.max_length, max_cycles: usize::MAX, max_steps: options.max_count_steps };
    let outcome = cycles::for_each_cycle(graph, &limits, |path| {
        let reinforcing = path.iter().filter(|&&edge| negative[edge as usize]).count() % 2 == 0;
        let mut first_sector = 0;
        let mut sector_created = false;
        for &edge in path {
            match (first_sector, sector[edge as usize]) {
                (_, 0) => {}
                (0, own) => first_sector = own,
                (first, own) => sector_created |= first != own,
            }
        }
        let vicious = reinforcing
            && (virtuous_sets.is_empty() || {
                links.clear();
                links.extend(path.iter().map(|&edge| edge_link[edge as usize]));
                sorting::sort(&mut links);
                !virtuous_sets.contains(&links)
            });
        counts.add(reinforcing, vicious, sector_created);
    });
    counts.exact = outcome.bound != Some(BoundHit::Work);
    counts
}
