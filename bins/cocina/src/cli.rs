//! Command-line arguments, parsed by clap.

#[cfg(feature = "portal")]
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use cocina_model::Lang;

/// Cocina Abierta: validate, aggregate, publish and serve the data of
/// Oaxaca's community kitchens program.
#[derive(Debug, Parser)]
#[command(name = "cocina", version, about, long_about = None)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Read a delivery's spreadsheets and summarise what was found; with
    /// --out, also write its canonical form (INTERNAL: personal data).
    ///
    /// Exit codes: 0 ok, 1 the import found errors, 2 usage or I/O error.
    Import(ImportArgs),
    /// Check a delivery against every rule (docs/rules.md).
    ///
    /// Exit codes: 0 valid, 1 the data has errors (or warnings, with --deny
    /// warnings), 2 usage, I/O or configuration error.
    Validate(ValidateArgs),
    /// Count beneficiaries by municipality, sex and age group.
    Stats(StatsArgs),
    /// Import, validate and aggregate a delivery, store it and serve the
    /// portal.
    #[cfg(feature = "portal")]
    Serve(ServeArgs),
    /// Write the open-data package (Frictionless, CSV, GeoJSON, Excel) and
    /// the static site of a delivery, without personal data.
    Publish(PublishArgs),
    /// Look up Oaxaca's municipalities.
    Geo {
        #[command(subcommand)]
        command: GeoCommand,
    },
}

#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// Directory holding the delivery's files.
    pub(crate) delivery: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    /// Write the canonical delivery (comedores.csv, padron.csv,
    /// concentrado.csv, entrega.json) into this directory, created if
    /// missing. INTERNAL USE ONLY: the files hold personal data (names,
    /// CURPs, birth dates, committee phones); never publish them.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// Also validate, aggregate and add the delivery (public part only) to
    /// a portal's database: a SQLite file or a postgres:// URL.
    #[arg(long, value_name = "DATABASE")]
    pub(crate) into: Option<String>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ValidateArgs {
    /// Directory holding the delivery's files.
    pub(crate) delivery: PathBuf,
    /// Output format: text for people; json, github (workflow annotations)
    /// or junit for CI.
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    pub(crate) format: ValidateFormat,
    /// Language of the messages: es or en.
    #[arg(long, default_value = "es")]
    pub(crate) lang: Lang,
    /// Configuration file (TOML): severities, rules turned off, thresholds.
    /// Without it, `cocina.toml` in the delivery directory is used if
    /// present.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Make warnings fail the validation too (exit code 1).
    #[arg(long, value_enum, value_name = "WHAT")]
    pub(crate) deny: Option<Deny>,
    /// Directory of reference data (as for `geo lookup`); enables the rules
    /// on marginalization (CA-R001) and population (CA-R002).
    #[arg(long, env = "COCINA_REFERENCE", value_name = "DIR")]
    pub(crate) reference: Option<PathBuf>,
}

/// Output format of validate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ValidateFormat {
    /// For people: findings grouped by file and sheet, then a summary.
    Text,
    /// The documented JSON report (docs/ci.md).
    Json,
    /// GitHub Actions workflow commands, one annotation per finding.
    Github,
    /// `JUnit` XML, one test case per rule.
    Junit,
}

/// What `--deny` turns into failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Deny {
    /// Warnings fail like errors.
    Warnings,
}

#[derive(Debug, clap::Args)]
pub(crate) struct StatsArgs {
    /// Directories of the deliveries; give several to compare them with
    /// `--by delivery`.
    #[arg(required = true, value_name = "DELIVERY")]
    pub(crate) deliveries: Vec<PathBuf>,
    /// Dimensions, comma-separated: state, region, district, municipality,
    /// locality, kitchen (one of these), marginalization, sex, age-group,
    /// priority, delivery.
    #[arg(
        long,
        value_name = "DIMS",
        default_value = "municipality,sex,age-group"
    )]
    pub(crate) by: String,
    /// Coarser geographic levels to publish as subtotals in the same table
    /// (e.g. `--by kitchen,sex --level municipality`).
    #[arg(long, value_name = "LEVELS")]
    pub(crate) level: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub(crate) format: StatsFormat,
    /// Suppress small counts for publication (the default).
    #[arg(long, conflicts_with = "internal")]
    pub(crate) suppress: bool,
    /// Show every count, unsuppressed. For internal use only: small counts
    /// can identify people.
    #[arg(long)]
    pub(crate) internal: bool,
    /// Counts below this are suppressed in publishable output.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) threshold: u64,
    /// Directory of reference data (as in docs/geography.md): needed for
    /// region, district, marginalization and the rate per 1,000
    /// inhabitants.
    #[arg(long, env = "COCINA_REFERENCE", value_name = "DIR")]
    pub(crate) reference: Option<PathBuf>,
}

#[cfg(feature = "portal")]
#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// Directory holding the delivery's files.
    pub(crate) delivery: PathBuf,
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub(crate) listen: SocketAddr,
    /// Database: a SQLite file (created and migrated when missing) or a
    /// postgres:// URL. Deliveries already in it stay.
    #[arg(long, env = "COCINA_DATABASE")]
    pub(crate) database: Option<String>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct PublishArgs {
    /// Directory holding the delivery's files.
    pub(crate) delivery: PathBuf,
    /// Directory of reference data (INEGI, CONAPO, DIGEPO files, laid out
    /// as in docs/geography.md); with it, regions and districts are
    /// published too.
    #[arg(long, env = "COCINA_REFERENCE", value_name = "DIR")]
    pub(crate) reference: Option<PathBuf>,
    /// Directory to write the site into, with the package in its `datos/`;
    /// created if missing.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: PathBuf,
}

#[derive(Debug, Subcommand)]
pub(crate) enum GeoCommand {
    /// Find a municipality by name, INEGI key (067 or 20067) or point
    /// (LAT,LON).
    Lookup {
        /// What to look up and where the reference data are.
        #[command(flatten)]
        args: LookupArgs,
    },
}

#[derive(Debug, clap::Args)]
pub(crate) struct LookupArgs {
    /// A name, a key, or "LAT,LON".
    #[arg(allow_hyphen_values = true)]
    pub(crate) query: String,
    /// Directory of reference data (INEGI, CONAPO, DIGEPO files, laid out
    /// as in docs/geography.md); with it each municipality also shows its
    /// district, region, 2020 population and CONAPO 2020 marginalization.
    #[arg(long, env = "COCINA_REFERENCE", value_name = "DIR")]
    pub(crate) reference: Option<PathBuf>,
}

/// Output format of import and validate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// For people.
    Text,
    /// For programs.
    Json,
}

/// Output format of stats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StatsFormat {
    /// An aligned table.
    Table,
    /// CSV with a header row.
    Csv,
    /// JSON.
    Json,
}
