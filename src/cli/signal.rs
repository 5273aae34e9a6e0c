//! `cirkelbreker signal CASE.json… [--format text|json|csv]`: the anonymised policy
//! signal over case files (see [`crate::core::signal`]). A locked case (a sealed envelope)
//! is not read: the command line has no passphrase, so it is only counted as left out.

use super::args::SignalArgs;
use super::CliError;
use crate::core::formats::case_json::read_case;
use crate::core::lang::Lang;
use crate::core::model::Case;
use crate::core::signal::{policy_signal, SignalCase};
use serde::Deserialize;
use std::io::Write;

/// The `format` field of a file, to recognise a sealed (encrypted) envelope.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    format: Option<String>,
}

/// Runs `cirkelbreker signal`.
///
/// # Errors
/// [`CliError::Usage`] without files or with an unknown `--format`; [`CliError::Input`]
/// naming the file that cannot be read or is no case.
pub fn run(args: &SignalArgs, out: &mut dyn Write) -> Result<(), CliError> {
    if args.files.is_empty() {
        return Err(CliError::Usage("'signal' verwacht minstens één casusbestand".into()));
    }
    if !matches!(args.format.as_str(), "text" | "json" | "csv") {
        return Err(CliError::Usage(format!("--format verwacht text, json of csv, niet '{}'", args.format)));
    }
    let mut cases: Vec<Case> = Vec::new();
    let mut locked = 0;
    for path in &args.files {
        let text = std::fs::read_to_string(path)
            .map_err(|error| CliError::Input(format!("kan '{path}' niet lezen: {error}")))?;
        if serde_json::from_str::<Probe>(&text)
            .is_ok_and(|probe| probe.format.as_deref() == Some("cirkelbreker-sealed"))
        {
            locked += 1;
            continue;
        }
        cases.push(read_case(&text).map_err(|error| CliError::Input(format!("{path}: {error}")))?);
    }
    let (library, _) = crate::core::rules::builtin();
    let inputs: Vec<SignalCase<'_>> = cases.iter().map(|case| SignalCase { case, month: None }).collect();
    let signal = policy_signal(&inputs, locked, &library);
    let text = match args.format.as_str() {
        "json" => signal.to_json(),
        "csv" => signal.to_csv(),
        _ => signal.to_text(Lang::Nl, &library),
    };
    out.write_all(text.as_bytes()).map_err(|error| CliError::Input(format!("kan de uitvoer niet schrijven: {error}")))
}
