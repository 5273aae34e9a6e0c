//! `cirkelbreker rules` (being built).

use super::CliError;

/// Runs `cirkelbreker rules`.
pub fn run(_args: &[String], _out: &mut dyn std::io::Write) -> Result<(), CliError> {
    Err(CliError::Usage("'rules' is nog niet beschikbaar".into()))
}
