//! The command-line interface: parses arguments and calls the core. Each subcommand has
//! its own module; output goes to the writers it is given so tests can capture it.
//! This module reads files from disk, so it is native-only in practice, but it imports
//! no UI crate.

pub mod analyse;
pub mod args;
pub mod convert;
pub mod rules;
pub mod signal;

use args::{Command, Parsed};
use std::io::Write;
use std::process::ExitCode;

/// Runs the command line `args` (without the program name) and returns the exit code:
/// 0 on success, 1 when the input was bad, 2 on a wrong call.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    if args.is_empty() {
        let _ = write!(err, "{}", args::usage());
        return ExitCode::from(2);
    }
    let result = match args::parse(args) {
        Ok(Parsed::Help(text)) => {
            let _ = write!(out, "{text}");
            Ok(())
        }
        Ok(Parsed::Run(command)) => match command {
            Command::Analyse(arguments) => analyse::run(&arguments, out),
            Command::Rules(arguments) => rules::run(&arguments, out),
            Command::Convert(arguments) => convert::run(&arguments, out),
            Command::Signal(arguments) => signal::run(&arguments, out),
            Command::Help => {
                let _ = write!(out, "{}", args::usage());
                Ok(())
            }
        },
        Err(error) => Err(error),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Usage(message)) => {
            let _ = writeln!(err, "fout: {message}\n\n{}", args::usage());
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
