//! The `cocina` command: import, validate, aggregate and serve a delivery of
//! Oaxaca's community kitchens program.
//!
//! Exit codes: 0 success; 1 the data has errors; 2 usage, input/output or
//! configuration error.

#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the binary's job is to print"
)]

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use cli::{Cli, Command, GeoCommand};

/// How a command ended, when it did not fail outright.
pub(crate) enum Outcome {
    /// Everything was fine.
    Clean,
    /// The command ran, and the data has errors.
    DataErrors,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    match run(cli) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::DataErrors) => ExitCode::from(1),
        Err(err) => {
            report(&err);
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Import(args) => commands::import::run(&args),
        Command::Validate(args) => commands::validate::run(&args),
        Command::Stats(args) => commands::stats::run(&args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Geo {
            command: GeoCommand::Lookup { query },
        } => commands::geo::lookup(&query),
    }
}

/// Logs go to stderr, data to stdout. `RUST_LOG` overrides the default.
fn init_logging() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("warn,cocina=info,cocina_portal=info"));
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(filter)
        .init();
}

fn report(err: &anyhow::Error) {
    eprintln!("error: {err}");
    for cause in err.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}
