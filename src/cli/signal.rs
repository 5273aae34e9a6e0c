//! `cirkelbreker signal CASE.json…`: the policy signal over cases (placeholder until the
//! core aggregation lands).

use super::args::SignalArgs;
use super::CliError;
use std::io::Write;

/// Runs `cirkelbreker signal`.
///
/// # Errors
/// [`CliError::Usage`] without files.
pub fn run(args: &SignalArgs, _out: &mut dyn Write) -> Result<(), CliError> {
    if args.files.is_empty() {
        return Err(CliError::Usage("'signal' verwacht minstens één casusbestand".into()));
    }
    Err(CliError::Input("nog niet beschikbaar".into()))
}
