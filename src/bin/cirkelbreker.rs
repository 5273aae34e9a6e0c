//! The `cirkelbreker` command-line tool: analysis, rule checks and conversions on the
//! same core as the web app.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    cirkelbreker::cli::run(&args, &mut stdout, &mut stderr)
}

/// The command line is native only (it reads files); a wasm32 build of this binary does
/// nothing.
#[cfg(target_arch = "wasm32")]
fn main() {}
