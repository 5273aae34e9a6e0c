//! The command line as types, parsed by `clap` (derive): one struct per subcommand, Dutch
//! help texts first. [`parse`] turns a clap error into a [`CliError`]: a wrong call is a
//! usage error (exit code 2) with a Dutch message; `--help` is not an error but the help
//! text (exit code 0).
//!
//! clap is a native-only dependency (like `toml`): the web app never parses a command line.

use super::CliError;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// `cirkelbreker`: the whole command line.
#[derive(Debug, Parser)]
#[command(
    name = "cirkelbreker",
    about = "Vicieuze cirkels in kaart brengen en doorbreken (Map and break vicious cycles)",
    disable_help_flag = true,
    next_help_heading = "Opties",
    disable_help_subcommand = true,
    subcommand_help_heading = "Commando's",
    help_template = "{about}\n\nGebruik: {usage}\n\n{all-args}\n",
    override_usage = "cirkelbreker COMMANDO [OPTIES]"
)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    help: HelpFlag,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// `analyse FILE`: loops, breakthrough points and the integral plan of a case.
    #[command(
        alias = "analyze",
        about = "Lussen, doorbraakpunten en het integrale plan van een casus",
        override_usage = "cirkelbreker analyse BESTAND [--format json|text] [--max-length N] [--max-cycles N] [--cut links|factors|both] [--summary]",
        disable_help_flag = true, next_help_heading = "Opties",
        help_template = HELP
    )]
    Analyse(AnalyseArgs),
    /// `rules check|list`: the rules library.
    #[command(
        about = "De regelbibliotheek controleren of tonen",
        override_usage = "cirkelbreker rules check [EIGEN_REGELS.toml|.json]\n         cirkelbreker rules list [--format json|text]",
        subcommand_help_heading = "Commando's",
        subcommand_value_name = "COMMANDO",
        disable_help_flag = true,
        next_help_heading = "Opties",
        help_template = HELP
    )]
    Rules(RulesArgs),
    /// `convert IN OUT`: converts a case between formats.
    #[command(
        about = "Een casus omzetten naar een ander formaat (volgens extensie: .json .csv .graphml .dot); \
                 leest ook GraphML (yEd, Gephi, networkx) en Kumu-JSON",
        override_usage = "cirkelbreker convert IN OUT",
        disable_help_flag = true, next_help_heading = "Opties",
        help_template = HELP
    )]
    Convert(ConvertArgs),
    /// `signal CASE.json…`: the anonymised policy signal over cases.
    #[command(
        about = "Signaal aan beleid: geanonimiseerde tellingen over casussen (regels, sectoren, instrumenten, niveaus)",
        override_usage = "cirkelbreker signal CASUS.json… [--format text|json|csv]",
        disable_help_flag = true, next_help_heading = "Opties",
        help_template = HELP
    )]
    Signal(SignalArgs),
    /// `help`: the usage text.
    #[command(about = "Deze hulptekst tonen", disable_help_flag = true, next_help_heading = "Opties")]
    Help,
}

/// The help template of a subcommand, with Dutch headings.
const HELP: &str = "{about}\n\nGebruik: {usage}\n\n{all-args}\n";

/// The `--help` switch, with a Dutch text; every command has it.
#[derive(Debug, Args)]
pub struct HelpFlag {
    /// Shows the help text.
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, help = "Deze hulptekst tonen")]
    help: Option<bool>,
}

/// Output format of `analyse`, `rules list` and `signal`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable text (default).
    #[default]
    Text,
    /// JSON.
    Json,
}

/// `cirkelbreker analyse`.
#[derive(Debug, Args)]
pub struct AnalyseArgs {
    /// The case: JSON as the app saves it, or a `.csv` edge list (exactly one).
    #[arg(
        help_heading = "Argumenten",
        value_name = "BESTAND",
        help = "De casus: JSON zoals de app die bewaart, of een .csv-lijst van verbanden"
    )]
    pub files: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, value_name = "text|json", default_value_t = OutputFormat::Text, hide_possible_values = true, hide_default_value = true, help = "Uitvoer als tekst (standaard) of JSON: text of json")]
    pub format: OutputFormat,
    /// The longest loop searched, in links.
    #[arg(long = "max-length", value_name = "N", help = "Zoek lussen tot hoogstens N verbanden")]
    pub max_length: Option<usize>,
    /// The most loops searched.
    #[arg(long = "max-cycles", value_name = "N", help = "Zoek hoogstens N lussen")]
    pub max_cycles: Option<usize>,
    /// What the plan may cut: links, factors or both.
    #[arg(long, value_name = "links|factors|both", help = "Wat het plan mag doorbreken: links, factors of both")]
    pub cut: Option<String>,
    /// Only the summary.
    #[arg(long, help = "Alleen de samenvatting")]
    pub summary: bool,
    #[command(flatten)]
    help: HelpFlag,
}

/// `cirkelbreker rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// `check` or `list`.
    #[command(subcommand)]
    pub command: RulesCommand,
    #[command(flatten)]
    help: HelpFlag,
}

/// The subcommands of `rules`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Validates the library and an optional file of own rules.
    #[command(
        about = "De bibliotheek controleren, en een eigen regelbestand (.toml of .json) als dat gegeven is",
        override_usage = "cirkelbreker rules check [EIGEN_REGELS.toml|.json]",
        disable_help_flag = true, next_help_heading = "Opties",
        help_template = HELP
    )]
    Check(RulesCheckArgs),
    /// Lists the rules.
    #[command(
        about = "Alle regels tonen met grondslag en mandaat",
        override_usage = "cirkelbreker rules list [--format json|text]",
        disable_help_flag = true,
        next_help_heading = "Opties",
        help_template = HELP
    )]
    List(RulesListArgs),
}

/// `cirkelbreker rules check [FILE]`.
#[derive(Debug, Args)]
pub struct RulesCheckArgs {
    /// At most one file of own rules.
    #[arg(
        help_heading = "Argumenten",
        value_name = "EIGEN_REGELS",
        help = "Een bestand met eigen regels (.toml of .json)"
    )]
    pub files: Vec<String>,
    #[command(flatten)]
    help: HelpFlag,
}

/// `cirkelbreker rules list`.
#[derive(Debug, Args)]
pub struct RulesListArgs {
    /// Output format.
    #[arg(long, value_enum, value_name = "text|json", default_value_t = OutputFormat::Text, hide_possible_values = true, hide_default_value = true, help = "Uitvoer als tekst (standaard) of JSON: text of json")]
    pub format: OutputFormat,
    #[command(flatten)]
    help: HelpFlag,
}

/// `cirkelbreker convert IN OUT`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The input and the output file.
    #[arg(help_heading = "Argumenten", value_name = "IN OUT", help = "Het invoerbestand en het uitvoerbestand")]
    pub files: Vec<String>,
    #[command(flatten)]
    help: HelpFlag,
}

/// `cirkelbreker signal CASE.json…`.
#[derive(Debug, Args)]
pub struct SignalArgs {
    /// The cases (case JSON as the app saves it).
    #[arg(
        help_heading = "Argumenten",
        value_name = "CASUS.json",
        help = "De casussen (JSON zoals de app die bewaart)"
    )]
    pub files: Vec<String>,
    /// Output format: text, JSON or CSV.
    #[arg(
        long,
        value_name = "text|json|csv",
        default_value = "text",
        hide_default_value = true,
        help = "Uitvoer als tekst (standaard), JSON of CSV"
    )]
    pub format: String,
    #[command(flatten)]
    help: HelpFlag,
}

/// What the command line asks for: a command to run, or a text to print (`--help`).
#[derive(Debug)]
pub enum Parsed {
    /// Run this command.
    Run(Command),
    /// Print this help text and succeed.
    Help(String),
}

/// Parses `args` (without the program name).
///
/// # Errors
/// [`CliError::Usage`] with a Dutch message for a wrong call: an unknown command or
/// option, a missing value, a value that is not allowed.
pub fn parse(args: &[String]) -> Result<Parsed, CliError> {
    let argv = std::iter::once("cirkelbreker".to_string()).chain(args.iter().cloned());
    match Cli::try_parse_from(argv) {
        Ok(cli) => Ok(Parsed::Run(cli.command)),
        Err(error) if error.kind() == ErrorKind::DisplayHelp => {
            Ok(Parsed::Help(with_newline(error.render().to_string())))
        }
        Err(error) => Err(CliError::Usage(dutch(&error))),
    }
}

/// The usage text of the whole tool, as `cirkelbreker help` prints it.
pub fn usage() -> String {
    use clap::CommandFactory;
    with_newline(Cli::command().render_help().to_string())
}

/// `text` ending in exactly one newline.
fn with_newline(text: String) -> String {
    format!("{}\n", text.trim_end())
}

/// A clap error in Dutch, with the argument and value it is about.
fn dutch(error: &clap::Error) -> String {
    let context = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(text)) => text.clone(),
        Some(ContextValue::Strings(texts)) => texts.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let argument = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    match error.kind() {
        ErrorKind::UnknownArgument => format!("onbekende optie {argument}"),
        ErrorKind::InvalidSubcommand => format!("onbekend commando '{}'", context(ContextKind::InvalidSubcommand)),
        ErrorKind::InvalidValue if value.is_empty() => format!("{argument} verwacht een waarde"),
        ErrorKind::InvalidValue => {
            format!("{argument} verwacht {}, niet '{value}'", context(ContextKind::ValidValue).replace(", ", " of "))
        }
        ErrorKind::ValueValidation => format!("{argument} verwacht een geheel getal, niet '{value}'"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "er ontbreekt een commando".to_string()
        }
        ErrorKind::MissingRequiredArgument => format!("er ontbreekt een argument: {argument}"),
        ErrorKind::TooManyValues | ErrorKind::ArgumentConflict => {
            format!("ongeldig gebruik van {argument}")
        }
        _ => format!("ongeldige aanroep ({})", error.kind()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_values_switches_and_positionals() {
        let Ok(Parsed::Run(Command::Analyse(args))) =
            parse(&strings(&["analyse", "a.json", "--format", "json", "--summary", "--max-length=4"]))
        else {
            panic!("valid");
        };
        assert_eq!(args.files, vec!["a.json"]);
        assert_eq!(args.format, OutputFormat::Json);
        assert!(args.summary);
        assert_eq!((args.max_length, args.max_cycles), (Some(4), None));
        assert!(matches!(parse(&strings(&["analyze", "a.json"])), Ok(Parsed::Run(Command::Analyse(_)))));
    }

    #[test]
    fn rejects_unknown_and_valueless_options_in_dutch() {
        let message = |args: &[&str]| match parse(&strings(args)) {
            Err(CliError::Usage(message)) => message,
            other => panic!("{other:?}"),
        };
        assert_eq!(message(&["analyse", "--nope"]), "onbekende optie --nope");
        assert!(message(&["analyse", "a.json", "--format"]).contains("--format"));
        assert_eq!(
            message(&["analyse", "a.json", "--format", "xml"]),
            "--format <text|json> verwacht text of json, niet 'xml'"
        );
        assert!(message(&["analyse", "a.json", "--max-cycles", "veel"]).contains("geheel getal"));
        assert_eq!(message(&["weg"]), "onbekend commando 'weg'");
    }

    #[test]
    fn help_is_dutch_and_not_an_error() {
        let Ok(Parsed::Help(text)) = parse(&strings(&["analyse", "--help"])) else { panic!("help") };
        assert!(text.contains("Gebruik:") && text.contains("Alleen de samenvatting"), "{text}");
        assert!(usage().contains("Commando's") && usage().contains("signal"));
    }
}
