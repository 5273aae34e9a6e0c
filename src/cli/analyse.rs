//! `cirkelbreker analyse FILE [--format json|text] [--max-length N] [--max-cycles N]
//! [--cut links|factors|both] [--summary]`: the loops of a case, its breakthrough points
//! and the integral plan.
//!
//! FILE is a case JSON (as the app saves it) or a `.csv` edge list. The defaults are
//! [`AnalysisOptions::exhaustive`].

use super::args::{AnalyseArgs, OutputFormat};
use super::CliError;
use crate::core::analysis::{analyse, narrative, Analysis, AnalysisOptions, BreakOption, CutScope};
use crate::core::formats::{case_json::read_case, edge_list::read_edge_list};
use crate::core::lang::Lang;
use crate::core::mandate::MandateSource;
use crate::core::model::{Case, Target};
use serde_json::{json, Value};
use std::io::Write;

/// How many options the text output lists per kind.
const TEXT_OPTIONS: usize = 10;

/// Runs `cirkelbreker analyse`, pricing links through the built-in rules library (a link
/// without a library rule gets its own or the default cost).
///
/// # Errors
/// As [`run_with_mandates`].
pub fn run(args: &AnalyseArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let (library, _problems) = crate::core::rules::builtin();
    run_with_mandates(args, out, &library)
}

/// Runs `cirkelbreker analyse`, pricing links through `mandates`.
///
/// # Errors
/// [`CliError::Usage`] for a wrong call (unknown option, bad number, no file);
/// [`CliError::Input`] when the file cannot be read or parsed (the message names the
/// file and the line or field) or the output cannot be written.
fn run_with_mandates(args: &AnalyseArgs, out: &mut dyn Write, mandates: &dyn MandateSource) -> Result<(), CliError> {
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
    let case = load(path)?;
    let analysis = analyse(&case, mandates, &options);
    let written = if json {
        let value = to_json(&case, &analysis, &options, args.summary);
        serde_json::to_writer_pretty(&mut *out, &value).map_err(std::io::Error::other).and_then(|()| writeln!(out))
    } else {
        write_text(out, &case, &analysis, &options, args.summary)
    };
    written.map_err(|error| CliError::Input(format!("kan de uitvoer niet schrijven: {error}")))
}

/// Reads a case JSON or, for a `.csv` name, an edge list.
fn load(path: &str) -> Result<Case, CliError> {
    let text =
        std::fs::read_to_string(path).map_err(|error| CliError::Input(format!("kan '{path}' niet lezen: {error}")))?;
    if path.to_lowercase().ends_with(".csv") {
        read_edge_list(&text).map_err(|error| CliError::Input(format!("{path}: {error}")))
    } else {
        read_case(&text).map_err(|error| CliError::Input(format!("{path}: {error}")))
    }
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

fn option_json(case: &Case, option: &BreakOption) -> Value {
    let mut value = json!({
        "id": target_id(&option.target),
        "breaks": option.breaks.len(),
        "cycles": option.breaks,
        "cost": option.cost,
        "level": option.level.map(|level| level.to_string()),
        "instrument": option.instrument,
        "fixed": option.fixed,
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
fn to_json(case: &Case, analysis: &Analysis, options: &AnalysisOptions, summary: bool) -> Value {
    let plan = &analysis.plan;
    let mut links = Vec::new();
    let mut factors = Vec::new();
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
        "cost": plan.cost,
        "optimal": plan.optimal,
        "uncovered": plan.uncovered,
    });
    if !plan.optimal {
        breakthrough["lower_bound"] = json!(plan.lower_bound);
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
            "cycles": analysis.cycles.len(),
            "vicious": analysis.vicious_count(),
            "sector_created": analysis.cycles.iter().filter(|cycle| cycle.sector_created).count(),
        },
        "breakthrough": breakthrough,
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
                })
            })
            .collect();
        report["cycles"] = json!(cycles);
        report["ranking"] = json!({
            "links": analysis.link_options.iter().map(|option| option_json(case, option)).collect::<Vec<_>>(),
            "factors": analysis.factor_options.iter().map(|option| option_json(case, option)).collect::<Vec<_>>(),
        });
    }
    report
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
    analysis: &Analysis,
    options: &AnalysisOptions,
    summary: bool,
) -> std::io::Result<()> {
    if !case.title.trim().is_empty() {
        writeln!(out, "Casus: {}", case.title.trim())?;
    }
    let vicious = analysis.vicious_count();
    let sector_created = analysis.cycles.iter().filter(|cycle| cycle.vicious && cycle.sector_created).count();
    writeln!(out, "{} factoren, {} verbanden", case.factors.len(), case.links.len())?;
    writeln!(
        out,
        "{} cirkels gevonden{}, waarvan {vicious} vicieus ({sector_created} sectoraal gecreëerd)",
        analysis.cycles.len(),
        if analysis.complete { " (alle cirkels)" } else { "" }
    )?;
    if let Some(note) = analysis.completeness_note(options, Lang::Nl) {
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
                tags.push("sectoraal gecreëerd");
            }
            let sectors = if cycle.sectors.is_empty() {
                String::new()
            } else {
                format!("; sectoren: {}", cycle.sectors.join(", "))
            };
            writeln!(out, "{:>4}. [{}{sectors}]", number + 1, tags.join(", "))?;
            writeln!(out, "      {}", narrative(case, cycle, Lang::Nl))?;
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
            for option in useful.into_iter().take(TEXT_OPTIONS) {
                let mut details = format!("kosten {}", option.cost);
                if let Some(level) = option.level {
                    details.push_str(&format!(", mandaat {level}"));
                }
                if let Some(instrument) = &option.instrument {
                    details.push_str(&format!(", instrument {instrument}"));
                }
                if option.fixed {
                    details.push_str(", vastgezet");
                }
                writeln!(
                    out,
                    "  - {}: doorbreekt {} vicieuze cirkel(s); {details}",
                    describe_target(case, &option.target),
                    option.breaks.len()
                )?;
            }
        }
    }
    let plan = &analysis.plan;
    writeln!(out, "\nIntegraal plan")?;
    if vicious == 0 {
        writeln!(out, "  Er zijn geen vicieuze cirkels gevonden; er hoeft niets doorbroken te worden.")?;
    }
    for target in &plan.targets {
        writeln!(out, "  - {}", describe_target(case, target))?;
    }
    let proof = if plan.optimal {
        "bewezen de laagste kosten".to_string()
    } else {
        format!("niet bewezen optimaal; ondergrens {}", plan.lower_bound)
    };
    writeln!(out, "  Totale kosten: {} ({proof})", plan.cost)?;
    if !plan.uncovered.is_empty() {
        let numbers: Vec<String> = plan.uncovered.iter().map(|index| (index + 1).to_string()).collect();
        writeln!(out, "  Niet te doorbreken (alles vastgezet of buiten --cut): cirkel {}", numbers.join(", "))?;
    }
    Ok(())
}
