//! The `cirkelbreker` command-line tool: analysis, rule checks and conversions on the
//! same core as the web app.

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    cirkelbreker::cli::run(&args, &mut stdout, &mut stderr)
}
