//! `cirkelbreker convert IN OUT`: reads a case in the format of IN's extension and
//! writes it in the format of OUT's extension, through the same core code as the app.
//!
//! The input's size is checked before it is read, and OUT is written to a temporary
//! file next to it that is renamed into place only when everything succeeded, so a
//! failed conversion never leaves a partial OUT. Privacy warnings and what the target
//! format cannot hold are reported on the output.

use super::args::ConvertArgs;
use super::CliError;
use crate::core::formats::case_json::{CaseFileError, MAX_CASE_BYTES};
use crate::core::formats::{kumu_csv, Format, FormatError};
use crate::core::privacy;
use std::io::{self, Write};
use std::path::Path;

/// Runs `cirkelbreker convert IN OUT`.
///
/// # Errors
/// [`CliError::Usage`] without exactly two file names; [`CliError::Input`] naming the
/// file for an unknown or write-only format, a missing, too large or invalid input, or
/// an output that cannot be written.
pub fn run(args: &ConvertArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let [input, output] = args.files.as_slice() else {
        return Err(CliError::Usage("'convert' verwacht twee bestandsnamen: IN en OUT".into()));
    };
    let in_format = Format::for_file_name(input).map_err(|error| in_file(input, &error))?;
    if !in_format.can_read() {
        return Err(in_file(input, &FormatError::WriteOnly(in_format)));
    }
    let out_format = Format::for_file_name(output).map_err(|error| in_file(output, &error))?;

    let bytes = read_limited(Path::new(input)).map_err(|message| CliError::Input(format!("{input}: {message}")))?;
    let case = in_format.read_bytes(&bytes).map_err(|error| in_file(input, &error))?;
    let text = out_format.write(&case);
    write_whole(Path::new(output), text.as_bytes())
        .map_err(|error| CliError::Input(format!("{output}: kan niet schrijven: {}", io_message(&error))))?;

    let _ = writeln!(
        out,
        "{input} ({}) omgezet naar {output} ({}): {} factoren, {} verbanden",
        in_format.name(),
        out_format.name(),
        case.factors.len(),
        case.links.len()
    );
    if out_format == Format::KumuCsv {
        for part in kumu_csv::lost_in_csv(&case) {
            let _ = writeln!(out, "let op: CSV kan {part} niet bevatten; bewaar ook het .json-bestand");
        }
    }
    for warning in privacy::check_case(&case) {
        let _ = writeln!(out, "let op: {warning}");
    }
    Ok(())
}

fn in_file(name: &str, error: &FormatError) -> CliError {
    CliError::Input(format!("{name}: {error}"))
}

/// Reads a file, refusing it by its size before reading when it is too large.
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let metadata = std::fs::metadata(path).map_err(|error| format!("kan niet lezen: {}", io_message(&error)))?;
    if metadata.is_dir() {
        return Err("dit is een map, geen bestand".into());
    }
    let size = usize::try_from(metadata.len()).unwrap_or(usize::MAX);
    if size > MAX_CASE_BYTES {
        return Err(CaseFileError::TooLarge { bytes: size }.to_string());
    }
    std::fs::read(path).map_err(|error| format!("kan niet lezen: {}", io_message(&error)))
}

/// Writes `bytes` to a temporary file beside `path` and renames it into place; on any
/// error the temporary file is removed and `path` is left as it was.
fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let file_name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "geen bestandsnaam"))?;
    let mut temporary_name = std::ffi::OsString::from(".");
    temporary_name.push(file_name);
    temporary_name.push(format!(".{}.tmp", std::process::id()));
    let temporary = path.with_file_name(temporary_name);
    let result = std::fs::File::create(&temporary)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&temporary, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// A Dutch description of an I/O error.
fn io_message(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "het bestand of de map bestaat niet".into(),
        io::ErrorKind::PermissionDenied => "geen toestemming".into(),
        io::ErrorKind::IsADirectory => "dit is een map, geen bestand".into(),
        _ => error.to_string(),
    }
}
