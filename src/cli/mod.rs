//! The command-line interface: parses arguments and calls the core. Each subcommand has
//! its own module; output goes to the writers it is given so tests can capture it.
//! This module reads files from disk, so it is native-only in practice, but it imports
//! no UI crate.

pub mod analyse;
pub mod args;
pub mod convert;
pub mod rules;

use std::io::Write;
use std::process::ExitCode;

/// The usage text shown by `cirkelbreker help` and on a wrong call.
pub const USAGE: &str = "\
cirkelbreker — vicieuze cirkels in kaart brengen en doorbreken

Gebruik:
  cirkelbreker analyse BESTAND [--format json|text] [--max-length N] [--max-cycles N]
                               [--cut links|factors|both] [--summary]
  cirkelbreker rules check [EIGEN_REGELS.toml|.json]
  cirkelbreker rules list [--format json|text]
  cirkelbreker convert IN OUT        (formaat volgens extensie: .json .csv .graphml .dot)
  cirkelbreker help
";

/// Runs the command line `args` (without the program name) and returns the exit code:
/// 0 on success, 1 when the input was bad, 2 on a wrong call.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let Some((command, rest)) = args.split_first() else {
        let _ = write!(err, "{USAGE}");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "analyse" | "analyze" => analyse::run(rest, out),
        "rules" => rules::run(rest, out),
        "convert" => convert::run(rest, out),
        "help" | "--help" | "-h" => {
            let _ = write!(out, "{USAGE}");
            Ok(())
        }
        other => Err(CliError::Usage(format!("onbekend commando '{other}'"))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Usage(message)) => {
            let _ = writeln!(err, "fout: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(CliError::Input(message)) => {
            let _ = writeln!(err, "fout: {message}");
            ExitCode::from(1)
        }
    }
}

/// Why a command failed.
#[derive(Debug)]
pub enum CliError {
    /// The call itself was wrong (unknown flag, missing argument): exit code 2.
    Usage(String),
    /// The input file was unreadable or invalid: exit code 1. The message names the
    /// file and, where known, the line or field.
    Input(String),
}
