//! `cirkelbreker rules`: checks the built-in rules library (and optionally a user's own
//! rules file) and lists the rules with their sector, legal source, instruments and
//! mandate levels.

use super::args::{OutputFormat, RulesArgs, RulesCheckArgs, RulesCommand, RulesListArgs};
use super::CliError;
use crate::core::lang::Lang;
use crate::core::rules::{self, Library, Rule, RulesProblem};
use serde_json::json;
use std::io::Write;

/// Runs `cirkelbreker rules check [FILE]` or `cirkelbreker rules list [--format json|text]`.
///
/// # Errors
/// [`CliError::Usage`] for a wrong call; [`CliError::Input`] listing every problem found.
pub fn run(args: &RulesArgs, out: &mut dyn Write) -> Result<(), CliError> {
    match &args.command {
        RulesCommand::Check(arguments) => check(arguments, out),
        RulesCommand::List(arguments) => list(arguments, out),
    }
}

/// Validates the library and an optional user file; prints the counts, and fails with
/// every problem listed when anything is invalid.
fn check(args: &RulesCheckArgs, out: &mut dyn Write) -> Result<(), CliError> {
    if args.files.len() > 1 {
        return Err(CliError::Usage("'rules check' neemt hoogstens één bestand".into()));
    }
    let (library, mut problems) = rules::builtin();
    let header = library.header();
    let mut report = format!(
        "Regelbibliotheek editie {} (schema {}), bronnen t/m {}\n  {} regels in {} sectoren\n  {} instrumenten\n  {} sjablonen\n  {} mandaatniveaus, {} checklistpunten\n",
        header.edition,
        header.schema_version,
        header.sources_until,
        library.rules().len(),
        library.sectors().len(),
        library.instruments().len(),
        library.templates().len(),
        library.mandate_levels().len(),
        library.checklist().len(),
    );
    if let Some(path) = args.files.first() {
        let text = std::fs::read_to_string(path)
            .map_err(|error| CliError::Input(format!("kan '{path}' niet lezen: {error}")))?;
        let (user, user_problems) = rules::parse_user_rules(path, &text);
        problems.extend(user_problems);
        report.push_str(&format!("Eigen regels in {path}: {} geldige regels\n", user.len()));
    }
    write_out(out, &report)?;
    if problems.is_empty() {
        write_out(out, "Geen problemen gevonden.\n")
    } else {
        Err(CliError::Input(problem_list(&problems)))
    }
}

/// Every problem on its own line, with a count.
fn problem_list(problems: &[RulesProblem]) -> String {
    let lines: Vec<String> = problems.iter().map(|problem| format!("  - {problem}")).collect();
    format!("{} probleem/problemen gevonden:\n{}", problems.len(), lines.join("\n"))
}

/// Lists the rules as text or JSON.
fn list(args: &RulesListArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let (library, problems) = rules::builtin();
    let text = match args.format {
        OutputFormat::Json => {
            let rules: Vec<serde_json::Value> = library.rules().iter().map(|rule| rule_json(&library, rule)).collect();
            let document = json!({
                "edition": library.header().edition,
                "edition_date": library.header().edition_date(),
                "schema_version": library.header().schema_version,
                "rules": rules,
                "problems": problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
            });
            let mut text = serde_json::to_string_pretty(&document)
                .map_err(|error| CliError::Input(format!("kan de lijst niet als JSON schrijven: {error}")))?;
            text.push('\n');
            text
        }
        OutputFormat::Text => library.rules().iter().map(|rule| rule_text(&library, rule)).collect(),
    };
    write_out(out, &text)
}

/// One rule as a JSON object for `rules list --format json`.
fn rule_json(library: &Library, rule: &Rule) -> serde_json::Value {
    let instruments: Vec<serde_json::Value> = rule
        .instruments
        .iter()
        .map(|reference| {
            json!({
                "id": reference.id,
                "name_nl": library.instrument(&reference.id).map(|instrument| instrument.name_nl.as_str()),
                "name_en": library.instrument(&reference.id).map(|instrument| instrument.name_en.as_str()),
                "level": reference.level.to_string(),
                "role_nl": reference.role_nl,
                "role_en": reference.role_en,
            })
        })
        .collect();
    json!({
        "id": rule.id,
        "name_nl": rule.name_nl,
        "name_en": rule.name_en,
        "sector": rule.sector,
        "status": rule.status.label_nl(),
        "confidence": rule.confidence.id(),
        "source_checked": rule.verification_status() == crate::core::rules::VerificationStatus::Checked,
        "needs_verification": rule.needs_verification(),
        "valid_from": rule.valid_from,
        "valid_until": rule.valid_until,
        "legal_sources": rule.legal_sources.iter().map(|source| source.citation(Lang::Nl)).collect::<Vec<_>>(),
        "legal_sources_en": rule.legal_sources.iter().map(|source| source.citation(Lang::En)).collect::<Vec<_>>(),
        "decision_holder": { "level": rule.decision_holder.level.to_string(), "role_nl": rule.decision_holder.role_nl, "role_en": rule.decision_holder.role_en },
        "instruments": instruments,
        "mandate_levels": rule.mandate_levels().iter().map(ToString::to_string).collect::<Vec<_>>(),
        "mechanism_nl": rule.mechanism_nl,
        "mechanism_en": rule.mechanism_en,
        "sources": rule.sources,
        "last_checked": rule.last_checked,
    })
}

/// One rule as a short text block for `rules list`.
fn rule_text(library: &Library, rule: &Rule) -> String {
    let instruments: Vec<String> =
        rule.instruments.iter().map(|reference| format!("{} ({})", reference.id, reference.level)).collect();
    let levels: Vec<String> = rule.mandate_levels().iter().map(ToString::to_string).collect();
    let sector = library.sector(&rule.sector).map_or(rule.sector.as_str(), |sector| sector.name_nl.as_str());
    let check = if rule.needs_verification() { " — nog te verifiëren" } else { "" };
    format!(
        "{}  {} [{}; {}; betrouwbaarheid {}{}]\n  grondslag: {}\n  geldig vanaf: {}\n  beslist: {} ({})\n  doorbraak: {}\n  mandaat: {}\n",
        rule.id,
        rule.name_nl,
        sector,
        rule.status.label_nl(),
        rule.confidence.id(),
        check,
        rule.legal_citation(Lang::Nl),
        rule.valid_from.as_deref().unwrap_or("onbekend (geen gedateerde bron)"),
        rule.decision_holder.level,
        rule.decision_holder.role_nl,
        if instruments.is_empty() { "geen bekend".to_string() } else { instruments.join(", ") },
        levels.join(", "),
    )
}

/// Writes to the output, turning an I/O error into an input error with context.
fn write_out(out: &mut dyn Write, text: &str) -> Result<(), CliError> {
    out.write_all(text.as_bytes())
        .map_err(|error| CliError::Input(format!("kan niet naar de uitvoer schrijven: {error}")))
}
