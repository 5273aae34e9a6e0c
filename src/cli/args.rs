//! A tiny argument parser shared by the subcommands: positional arguments plus
//! `--flag value` and `--switch` options, with a clear message for anything unknown.

use super::CliError;

/// Parsed arguments of one subcommand.
#[derive(Debug, Default)]
pub struct Args {
    /// Arguments that are not options, in order.
    pub positional: Vec<String>,
    options: Vec<(String, Option<String>)>,
}

impl Args {
    /// Parses `args`. `valued` lists the options that take a value (`--format`),
    /// `switches` those that do not (`--summary`). Anything else starting with `--` is
    /// a usage error.
    pub fn parse(args: &[String], valued: &[&str], switches: &[&str]) -> Result<Args, CliError> {
        let mut parsed = Args::default();
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if let Some(name) = arg.strip_prefix("--") {
                let (name, inline) = match name.split_once('=') {
                    Some((name, value)) => (name, Some(value.to_string())),
                    None => (name, None),
                };
                if valued.contains(&name) {
                    let value = match inline {
                        Some(value) => value,
                        None => iter
                            .next()
                            .cloned()
                            .ok_or_else(|| CliError::Usage(format!("--{name} verwacht een waarde")))?,
                    };
                    parsed.options.push((name.to_string(), Some(value)));
                } else if switches.contains(&name) && inline.is_none() {
                    parsed.options.push((name.to_string(), None));
                } else {
                    return Err(CliError::Usage(format!("onbekende optie --{name}")));
                }
            } else {
                parsed.positional.push(arg.clone());
            }
        }
        Ok(parsed)
    }

    /// The value of `--name`, if given (the last one wins).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.options.iter().rev().find(|(key, _)| key == name).and_then(|(_, value)| value.as_deref())
    }

    /// Whether the switch `--name` was given.
    pub fn has(&self, name: &str) -> bool {
        self.options.iter().any(|(key, _)| key == name)
    }

    /// The value of `--name` parsed as a number, or `default` when absent.
    pub fn number(&self, name: &str, default: usize) -> Result<usize, CliError> {
        match self.value(name) {
            None => Ok(default),
            Some(text) => {
                text.parse().map_err(|_| CliError::Usage(format!("--{name} verwacht een geheel getal, niet '{text}'")))
            }
        }
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
        let args = Args::parse(
            &strings(&["a.json", "--format", "json", "--summary", "--max-length=4"]),
            &["format", "max-length"],
            &["summary"],
        )
        .expect("valid");
        assert_eq!(args.positional, vec!["a.json"]);
        assert_eq!(args.value("format"), Some("json"));
        assert!(args.has("summary"));
        assert_eq!(args.number("max-length", 0).expect("number"), 4);
        assert_eq!(args.number("max-cycles", 7).expect("default"), 7);
    }

    #[test]
    fn rejects_unknown_and_valueless_options() {
        assert!(matches!(Args::parse(&strings(&["--nope"]), &[], &[]), Err(CliError::Usage(_))));
        assert!(matches!(Args::parse(&strings(&["--format"]), &["format"], &[]), Err(CliError::Usage(_))));
    }
}
