//! Command-line arguments, parsed by clap.
//!
//! The structs below say what the arguments are; what the help says about
//! them, in Spanish and English, is in [`help`], applied to the command
//! before parsing. Fields carry no doc comments for that reason: clap would
//! take them as a third, English-only help text.

mod errors;
pub(crate) mod help;
#[cfg(feature = "portal")]
mod listen;

use std::ffi::OsString;
#[cfg(feature = "portal")]
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use cocina_model::Lang;

/// The whole command line.
#[derive(Debug, Parser)]
#[command(name = "cocina", version)]
pub(crate) struct Cli {
    #[arg(long, global = true, value_name = "es|en")]
    pub(crate) lang: Option<Lang>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

impl Cli {
    /// Parses `args` with the help and the parser's errors in `lang`;
    /// prints the help, the version or a usage error and exits (0 for the
    /// help and version, 2 for an error) when that is what the arguments
    /// ask for.
    pub(crate) fn parse_in(lang: Lang, args: Vec<OsString>) -> Self {
        let command = help::localize(Cli::command(), lang);
        let parsed = command
            .try_get_matches_from(help_as_flag(args))
            .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches));
        match parsed {
            Ok(cli) => cli,
            Err(err) => errors::exit(err, lang),
        }
    }
}

/// Turns `cocina help [COMMAND...]` into `cocina [COMMAND...] --help`:
/// clap's own `help` subcommand is off, since it would describe itself in
/// English only.
fn help_as_flag(mut args: Vec<OsString>) -> Vec<OsString> {
    let mut position = 1;
    while let Some(arg) = args.get(position) {
        match arg.to_str() {
            Some("--lang") => position += 2,
            Some(flag) if flag.starts_with('-') => position += 1,
            _ => break,
        }
    }
    if args.get(position).is_some_and(|arg| arg == "help") {
        args.remove(position);
        args.push("--help".into());
    }
    args
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Import(ImportArgs),
    Validate(ValidateArgs),
    Stats(StatsArgs),
    #[cfg(feature = "portal")]
    Serve(ServeArgs),
    Publish(PublishArgs),
    Geo {
        #[command(subcommand)]
        command: GeoCommand,
    },
}

/// `cocina import`.
#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    pub(crate) delivery: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    #[arg(long, value_name = "DATABASE")]
    pub(crate) into: Option<String>,
}

/// `cocina validate`.
#[derive(Debug, clap::Args)]
pub(crate) struct ValidateArgs {
    pub(crate) delivery: PathBuf,
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    pub(crate) format: ValidateFormat,
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    #[arg(long, value_enum, value_name = "WHAT")]
    pub(crate) deny: Option<Deny>,
    #[arg(long, env = "COCINA_REFERENCE", value_name = "DIR")]
    pub(crate) reference: Option<PathBuf>,
}

/// Output format of validate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ValidateFormat {
    // For people: findings grouped by file and sheet, then a summary.
    Text,
    // The documented JSON report (docs/ci.md).
    Json,
    // GitHub Actions workflow commands, one annotation per finding.
    Github,
    // `JUnit` XML, one test case per rule.
    Junit,
}

/// What `--deny` turns into failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Deny {
    // Warnings fail like errors.
    Warnings,
}

/// `cocina stats`.
#[derive(Debug, clap::Args)]
pub(crate) struct StatsArgs {
    #[arg(required = true, value_name = "DELIVERY")]
    pub(crate) deliveries: Vec<PathBuf>,
    #[arg(
        long,
        value_name = "DIMS",
        default_value = "municipality,sex,age-group"
    )]
    pub(crate) by: String,
    #[arg(long, value_name = "LEVELS")]
    pub(crate) level: Option<String>,
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub(crate) format: StatsFormat,
    #[arg(long, conflicts_with = "internal")]
    pub(crate) suppress: bool,
    #[arg(long)]
    pub(crate) internal: bool,
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) threshold: u64,
    #[arg(long, env = "COCINA_REFERENCE", value_name = "DIR")]
    pub(crate) reference: Option<PathBuf>,
}

/// `cocina serve`.
#[cfg(feature = "portal")]
#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    pub(crate) delivery: PathBuf,
    #[arg(
        long,
        default_value = "127.0.0.1:8080",
        value_name = "ADDRESS:PORT",
        value_parser = listen::listen_address
    )]
    pub(crate) listen: SocketAddr,
    #[arg(long, env = "COCINA_DATABASE")]
    pub(crate) database: Option<String>,
}

/// `cocina publish`.
#[derive(Debug, clap::Args)]
pub(crate) struct PublishArgs {
    pub(crate) delivery: PathBuf,
    #[arg(long, env = "COCINA_REFERENCE", value_name = "DIR")]
    pub(crate) reference: Option<PathBuf>,
    #[arg(long, value_name = "DIR")]
    pub(crate) out: PathBuf,
}

/// `cocina geo`.
#[derive(Debug, Subcommand)]
pub(crate) enum GeoCommand {
    Lookup {
        #[command(flatten)]
        args: LookupArgs,
    },
}

/// `cocina geo lookup`.
#[derive(Debug, clap::Args)]
pub(crate) struct LookupArgs {
    #[arg(allow_hyphen_values = true)]
    pub(crate) query: String,
    #[arg(long, env = "COCINA_REFERENCE", value_name = "DIR")]
    pub(crate) reference: Option<PathBuf>,
}

/// Output format of import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    // For people.
    Text,
    // For programs.
    Json,
}

/// Output format of stats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StatsFormat {
    // An aligned table.
    Table,
    // CSV with a header row.
    Csv,
    // JSON.
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_help_command_becomes_the_help_flag() {
        let cases: [(&[&str], &[&str]); 4] = [
            (&["cocina", "help"], &["cocina", "--help"]),
            (
                &["cocina", "--lang", "en", "help", "geo", "lookup"],
                &["cocina", "--lang", "en", "geo", "lookup", "--help"],
            ),
            (
                &["cocina", "geo", "lookup", "help"],
                &["cocina", "geo", "lookup", "help"],
            ),
            (&["cocina", "import", "x"], &["cocina", "import", "x"]),
        ];
        for (args, expected) in cases {
            assert_eq!(help_as_flag(os(args)), os(expected), "{args:?}");
        }
    }
}
