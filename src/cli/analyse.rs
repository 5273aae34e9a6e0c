//! `cirkelbreker analyse` (being built).

use super::CliError;

/// Runs `cirkelbreker analyse`.
pub fn run(_args: &[String], _out: &mut dyn std::io::Write) -> Result<(), CliError> {
    Err(CliError::Usage("'analyse' is nog niet beschikbaar".into()))
}
