//! The command-line interface: parses arguments and calls the core. Each subcommand has
//! its own module; output goes to the writers it is given so tests can capture it.
//! This module reads files from disk, so it is native-only in practice, but it imports
//! no UI crate.

pub mod analyse;
pub mod args;
pub mod convert;
pub mod rules;
pub mod signal;

use crate::core::control::for_terminal;
use args::{Command, Parsed};
use std::io::Write;
use std::process::ExitCode;

/// Runs the command line `args` (without the program name) and returns the exit code:
/// 0 on success, 1 when the input was bad, 2 on a wrong call.
///
/// What the commands print is shown with its control characters escaped
/// ([`for_terminal`]): a label holding an escape sequence (a colour, a window title, OSC 52
/// writing the clipboard) reaches the terminal as visible text.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let (mut printed, mut complained) = (Vec::new(), Vec::new());
    let code = run_raw(args, &mut printed, &mut complained);
    let shown = |buffer: &[u8]| for_terminal(&String::from_utf8_lossy(buffer)).into_owned();
    let _ = out.write_all(shown(&printed).as_bytes());
    let _ = err.write_all(shown(&complained).as_bytes());
    code
}

/// [`run`] without the escaping.
fn run_raw(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
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
