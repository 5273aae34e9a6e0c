//! `cirkelbreker convert` (being built).

use super::CliError;

/// Runs `cirkelbreker convert`.
pub fn run(_args: &[String], _out: &mut dyn std::io::Write) -> Result<(), CliError> {
    Err(CliError::Usage("'convert' is nog niet beschikbaar".into()))
}
