//! `cirkelbreker analyse FILE [--format json|text] [--max-length N] [--max-cycles N]
//! [--cut links|factors|both] [--summary]`: the loops of a case, its breakthrough points
//! and the integral plan.
//!
//! FILE is a case JSON (as the app saves it) or a `.csv` edge list. The defaults are
//! [`AnalysisOptions::exhaustive`].

use super::args::{AnalyseArgs, OutputFormat};
use super::CliError;
use crate::core::analysis::mandate::{cost_scale, mandate_of, Mandate};
use crate::core::analysis::structure;
use crate::core::analysis::{
    analyse, counted, narrative, narrative_short, Analysis, AnalysisOptions, BreakOption, CutScope,
};
use crate::core::formats::{self, case_json::read_case, edge_list::read_edge_list};
use crate::core::lang::Lang;
use crate::core::model::{Case, Target};
use crate::core::rules::Library;
use serde_json::{json, Value};
use std::io::Write;

/// How many options the text output lists per kind.
const TEXT_OPTIONS: usize = 10;

/// The loop list kept for `--summary` (not shown; the counts cover every loop).
const SUMMARY_LIST: usize = 1000;

/// Runs `cirkelbreker analyse`, pricing links through the built-in rules library (a link
/// without a library rule gets its own or the default cost).
///
/// # Errors
/// As [`run_with_library`].
pub fn run(args: &AnalyseArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let (library, _problems) = crate::core::rules::builtin();
    run_with_library(args, out, &library)
}

/// Runs `cirkelbreker analyse`, pricing links and naming mandates through `library`.
///
/// # Errors
/// [`CliError::Usage`] for a wrong call (unknown option, bad number, no file);
/// [`CliError::Input`] when the file cannot be read or parsed (the message names the
/// file and the line or field) or the output cannot be written.
fn run_with_library(args: &AnalyseArgs, out: &mut dyn Write, library: &Library) -> Result<(), CliError> {
    let [path] = args.files.as_slice() else {
        return Err(CliError::Usage("'analyse' verwacht precies één bestand".into()));
    };
    let mut options = AnalysisOptions::exhaustive();
    if args.max_length.is_some() {
        options.max_length = args.max_length;
    }
    options.max_cycles = args.max_cycles.unwrap_or(options.max_cycles);
    if let Some(cut) = &args.cut {
        options.cut = CutScope::parse(cut)
            .ok_or_else(|| CliError::Usage(format!("--cut verwacht links, factors of both, niet '{cut}'")))?;
    }
    let json = args.format == OutputFormat::Json;
    if args.summary && args.max_cycles.is_none() {
        // the summary shows no list: counts come from a count that keeps no loop, and the
        // plan does not depend on the list
        options.max_cycles = SUMMARY_LIST;
    }
    let case = load(path)?;
    let analysis = analyse(&case, library, &options);
    let written = if json {
        let value = to_json(&case, library, &analysis, &options, args.summary);
        serde_json::to_writer_pretty(&mut *out, &value).map_err(std::io::Error::other).and_then(|()| writeln!(out))
    } else {
        write_text(out, &case, library, &analysis, &options, args.summary)
    };
    written.map_err(|error| CliError::Input(format!("kan de uitvoer niet schrijven: {error}")))
}

/// Reads a case JSON or, for a `.csv` name, an edge list, held to the limits of
/// [`crate::core::limits`] as every import is.
fn load(path: &str) -> Result<Case, CliError> {
    let text =
        std::fs::read_to_string(path).map_err(|error| CliError::Input(format!("kan '{path}' niet lezen: {error}")))?;
    let case = if path.to_lowercase().ends_with(".csv") {
        read_edge_list(&text).map_err(|error| CliError::Input(format!("{path}: {error}")))?
    } else {
        read_case(&text).map_err(|error| CliError::Input(format!("{path}: {error}")))?
    };
    formats::checked(case).map_err(|error| CliError::Input(format!("{path}: {error}")))
}

fn target_id(target: &Target) -> &str {
    match target {
        Target::Link(id) | Target::Factor(id) => id,
    }
}

/// The `[from, to]` pair of a link id.
fn ends<'c>(case: &'c Case, id: &str) -> (&'c str, &'c str) {
    case.link(id).map_or(("", ""), |link| (link.from.as_str(), link.to.as_str()))
}

/// The mandate of a target as JSON: level, holder, role, rule, instrument, basis, cost.
fn mandate_json(mandate: &Mandate) -> Value {
    json!({
        "level": mandate.level.to_string(),
        "holder": mandate.holder_nl,
        "holder_en": mandate.holder_en,
        "role": mandate.role_nl,
        "role_en": mandate.role_en,
        "rule": mandate.rule,
        "instrument": mandate.instrument,
        "legal_basis": mandate.legal_basis_nl,
        "legal_basis_en": mandate.legal_basis_en,
        "cost": mandate.cost,
        "user_cost": mandate.user_cost,
        "text": mandate.line(Lang::Nl),
    })
}

fn option_json(case: &Case, library: &Library, option: &BreakOption) -> Value {
    let mandate = mandate_of(case, library, &option.target, option.instrument.as_deref());
    let mut value = json!({
        "id": target_id(&option.target),
        "breaks": option.breaks.len(),
        "cycles": option.breaks,
        "cost": option.cost,
        "level": mandate.level.to_string(),
        "instrument": option.instrument,
        "fixed": option.fixed,
        "mandate": mandate_json(&mandate),
    });
    if let (Target::Link(id), Value::Object(object)) = (&option.target, &mut value) {
        let (from, to) = ends(case, id);
        object.insert("from".into(), from.into());
        object.insert("to".into(), to.into());
        object.insert("rule".into(), json!(option.rule));
    }
    value
}

/// The JSON report (see the module documentation of the CLI in the README).
fn to_json(case: &Case, library: &Library, analysis: &Analysis, options: &AnalysisOptions, summary: bool) -> Value {
    let plan = &analysis.plan;
    let mut links = Vec::new();
    let mut factors = Vec::new();
    let items: Vec<Value> = plan
        .targets
        .iter()
        .map(|target| {
            let (kind, id) = match target {
                Target::Link(id) => ("link", id),
                Target::Factor(id) => ("factor", id),
            };
            json!({ "kind": kind, "id": id, "mandate": mandate_json(&mandate_of(case, library, target, chosen_instrument(case, target))) })
        })
        .collect();
    for target in &plan.targets {
        match target {
            Target::Link(id) => {
                let (from, to) = ends(case, id);
                links.push(json!({ "id": id, "from": from, "to": to }));
            }
            Target::Factor(id) => factors.push(json!(id)),
        }
    }
    let pairs: Vec<Value> = links.iter().map(|link| json!([link["from"], link["to"]])).collect();
    let mut breakthrough = json!({
        "links": pairs,
        "link_ids": links.iter().map(|link| link["id"].clone()).collect::<Vec<_>>(),
        "factors": factors,
        "items": items,
        "cost": plan.cost,
        "cost_scale": cost_scale(Lang::Nl),
        "optimal": plan.optimal,
        "breaks_all": plan.breaks_all,
        "uncovered": plan.uncovered,
        "uncovered_unlisted": plan.uncovered_unlisted,
        "rounds": plan.rounds,
        "loops_used": plan.loops_used,
    });
    if !plan.optimal {
        breakthrough["lower_bound"] = json!(plan.lower_bound);
        breakthrough["gap"] = json!(plan.gap());
    }
    let mut report = json!({
        "title": case.title,
        "complete": analysis.complete,
        "bound": analysis.bound.map(|bound| bound.id()),
        "complete_to_length": analysis.complete_to_length,
        "note": analysis.completeness_note(options, Lang::Nl),
        "counts": {
            "factors": case.factors.len(),
            "links": case.links.len(),
            "factors_in_loops": analysis.factors_in_loops,
            "cycles": analysis.counts.loops,
            "listed": analysis.cycles.len(),
            "reinforcing": analysis.counts.reinforcing,
            "balancing": analysis.counts.balancing,
            "vicious": analysis.counts.vicious,
            "sector_created": analysis.counts.sector_created,
            "vicious_sector_created": analysis.counts.vicious_sector_created,
            "exact": analysis.counts.exact,
        },
        "breakthrough": breakthrough,
        "mechanisms": analysis.mechanisms.iter().map(|mechanism| json!({
            "key": mechanism.key,
            "cycles": mechanism.loops,
            "shared_links": mechanism.shared_links,
            "text": structure::mechanism_text(case, mechanism, Lang::Nl),
        })).collect::<Vec<_>>(),
        "drivers": analysis.drivers.iter().map(|driver| json!({
            "factor": driver.factor,
            "feeds": driver.feeds,
            "text": structure::driver_text(case, driver, Lang::Nl),
        })).collect::<Vec<_>>(),
    });
    if !summary {
        let cycles: Vec<Value> = analysis
            .cycles
            .iter()
            .map(|cycle| {
                json!({
                    "key": cycle.key,
                    "nodes": cycle.factor_ids,
                    "links": cycle.link_ids,
                    "kind": cycle.kind.id(),
                    "vicious": cycle.vicious,
                    "sectors": cycle.sectors,
                    "sector_created": cycle.sector_created,
                    "narrative": narrative(case, cycle, Lang::Nl),
                    "narrative_short": narrative_short(case, cycle, Lang::Nl),
                    "narrative_en": narrative(case, cycle, Lang::En),
                })
            })
            .collect();
        report["cycles"] = json!(cycles);
        report["ranking"] = json!({
            "links": analysis.link_options.iter().map(|option| option_json(case, library, option)).collect::<Vec<_>>(),
            "factors": analysis.factor_options.iter().map(|option| option_json(case, library, option)).collect::<Vec<_>>(),
        });
    }
    report
}

/// The instrument chosen for an intervention the case already has.
fn chosen_instrument<'c>(case: &'c Case, target: &Target) -> Option<&'c str> {
    case.interventions.iter().find(|intervention| &intervention.target == target)?.instrument.as_deref()
}

fn label<'c>(case: &'c Case, id: &'c str) -> &'c str {
    case.factor(id).map(|factor| factor.label.trim()).filter(|label| !label.is_empty()).unwrap_or(id)
}

/// A target in words: `A → B` for a link, the label for a factor, with the id when the
/// label differs from it.
fn describe_target(case: &Case, target: &Target) -> String {
    match target {
        Target::Link(id) => {
            let (from, to) = ends(case, id);
            format!("verband {} → {} ({id})", label(case, from), label(case, to))
        }
        Target::Factor(id) if label(case, id) == id => format!("factor {id}"),
        Target::Factor(id) => format!("factor {} ({id})", label(case, id)),
    }
}

/// The readable Dutch report.
fn write_text(
    out: &mut dyn Write,
    case: &Case,
    library: &Library,
    analysis: &Analysis,
    options: &AnalysisOptions,
    summary: bool,
) -> std::io::Result<()> {
    let nl = Lang::Nl;
    let mut scale_said = false;
    if !case.title.trim().is_empty() {
        writeln!(out, "Casus: {}", case.title.trim())?;
    }
    let counts = &analysis.counts;
    writeln!(
        out,
        "{}, {}; {} in een cirkel",
        counted(case.factors.len(), nl, "factor", "factoren", "", ""),
        counted(case.links.len(), nl, "verband", "verbanden", "", ""),
        counted(analysis.factors_in_loops, nl, "factor zit", "factoren zitten", "", "")
    )?;
    let at_least = if counts.exact { "" } else { "minstens " };
    writeln!(
        out,
        "{at_least}{} ({} versterkend, {} balancerend), waarvan {} vicieus ({} sectoroverstijgend)",
        counted(counts.loops, nl, "cirkel", "cirkels", "", ""),
        counts.reinforcing,
        counts.balancing,
        counts.vicious,
        counts.vicious_sector_created
    )?;
    if let Some(note) = analysis.completeness_note(options, nl) {
        writeln!(out, "Let op: {note}")?;
    }
    if !summary {
        writeln!(out, "\nCirkels")?;
        for (number, cycle) in analysis.cycles.iter().enumerate() {
            let mut tags = vec![if cycle.vicious {
                "vicieus"
            } else if cycle.kind.id() == "reinforcing" {
                "versterkend, gewenst"
            } else {
                "balancerend"
            }];
            if cycle.sector_created {
                tags.push("sectoroverstijgend");
            }
            let sectors = if cycle.sectors.is_empty() {
                String::new()
            } else {
                format!("; sectoren: {}", cycle.sectors.join(", "))
            };
            writeln!(out, "{:>4}. [{}{sectors}]", number + 1, tags.join(", "))?;
            writeln!(out, "      {}", narrative_short(case, cycle, nl))?;
        }
        if !analysis.mechanisms.is_empty() {
            writeln!(out, "\n{}", structure::mechanisms_heading(nl))?;
            for mechanism in &analysis.mechanisms {
                let mut numbers: Vec<String> =
                    mechanism.loops.iter().take(8).map(|index| (index + 1).to_string()).collect();
                if mechanism.loops.len() > 8 {
                    numbers.push("…".into());
                }
                writeln!(
                    out,
                    "  - {} (cirkels {})",
                    structure::mechanism_text(case, mechanism, nl),
                    numbers.join(", ")
                )?;
            }
        }
        for (title, list) in [
            ("Doorbraakpunten: verbanden", &analysis.link_options),
            ("Doorbraakpunten: factoren", &analysis.factor_options),
        ] {
            let useful: Vec<&BreakOption> = list.iter().filter(|option| !option.breaks.is_empty()).collect();
            if useful.is_empty() {
                continue;
            }
            writeln!(out, "\n{title} (top {})", useful.len().min(TEXT_OPTIONS))?;
            if !scale_said {
                writeln!(out, "  {}", cost_scale(nl))?;
                scale_said = true;
            }
            for option in useful.into_iter().take(TEXT_OPTIONS) {
                let mandate = mandate_of(case, library, &option.target, option.instrument.as_deref());
                let fixed = if option.fixed { "; vastgezet" } else { "" };
                writeln!(
                    out,
                    "  - {}: doorbreekt {} in de lijst{fixed}\n      wie mag: {}",
                    describe_target(case, &option.target),
                    counted(option.breaks.len(), nl, "vicieuze cirkel", "vicieuze cirkels", "", ""),
                    mandate.line(nl)
                )?;
            }
        }
    }
    if !analysis.drivers.is_empty() {
        writeln!(
            out,
            "\n{} (factoren buiten elke cirkel die vicieuze cirkels voeden; te kiezen als interventie)",
            structure::drivers_heading(nl)
        )?;
        for driver in &analysis.drivers {
            writeln!(out, "  - {}", structure::driver_text(case, driver, nl))?;
        }
    }
    let plan = &analysis.plan;
    writeln!(out, "\nIntegraal plan")?;
    let uncovered = plan.uncovered.len() + plan.uncovered_unlisted;
    if plan.targets.is_empty() && plan.breaks_all && uncovered == 0 {
        writeln!(out, "  De kaart heeft geen vicieuze cirkels; er hoeft niets doorbroken te worden.")?;
    } else if !plan.targets.is_empty() && !scale_said {
        writeln!(out, "  {}", cost_scale(nl))?;
    }
    for target in &plan.targets {
        let mandate = mandate_of(case, library, target, chosen_instrument(case, target));
        writeln!(out, "  - {}\n      wie mag: {}", describe_target(case, target), mandate.line(nl))?;
    }
    let proof = plan.status(nl);
    writeln!(out, "  Totale kosten: {}. {proof}", plan.cost)?;
    if uncovered > 0 {
        let mut text = format!(
            "  Niet te doorbreken (alles vastgezet of buiten --cut): {}",
            counted(uncovered, nl, "vicieuze cirkel", "vicieuze cirkels", "", "")
        );
        if !plan.uncovered.is_empty() {
            let numbers: Vec<String> = plan.uncovered.iter().map(|index| (index + 1).to_string()).collect();
            text.push_str(&format!("; in de lijst: {}", numbers.join(", ")));
        }
        writeln!(out, "{text}")?;
    }
    Ok(())
}
