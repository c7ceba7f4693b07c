//! The `cocina` command: import, validate, aggregate and serve a delivery of
//! Oaxaca's community kitchens program.
//!
//! Exit codes: 0 success; 1 the data has errors; 2 usage, input/output or
//! configuration error.

#![expect(clippy::print_stderr, reason = "the binary reports errors to the user")]

mod cli;
mod commands;

use std::io::{IsTerminal, Write};
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

/// Appends one line to a command's output.
macro_rules! outln {
    ($out:expr) => {
        $out.push('\n')
    };
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}
pub(crate) use outln;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    let mut out = String::new();
    let outcome = run(cli, &mut out);
    // A reader that stops early (`| head`) is not an error.
    if let Err(err) = std::io::stdout().lock().write_all(out.as_bytes())
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        report(&anyhow::Error::new(err).context("could not write the output"));
        return ExitCode::from(2);
    }
    match outcome {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::DataErrors) => ExitCode::from(1),
        Err(err) => {
            report(&err);
            ExitCode::from(2)
        }
    }
}

/// Runs the command; what it prints is collected in `out`.
fn run(cli: Cli, out: &mut String) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Import(args) => commands::import::run(&args, out),
        Command::Validate(args) => commands::validate::run(&args, out),
        Command::Stats(args) => commands::stats::run(&args, out),
        #[cfg(feature = "portal")]
        Command::Serve(args) => commands::serve::run(args),
        Command::Publish(args) => commands::publish::run(&args, out),
        Command::Geo {
            command: GeoCommand::Lookup { args },
        } => commands::geo::lookup(&args, out),
    }
}

/// Logs go to stderr, data to stdout. `RUST_LOG` overrides the default;
/// colour only on a terminal and never with `NO_COLOR`.
fn init_logging() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("warn,cocina=info,cocina_portal=info"));
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(colour)
        .with_env_filter(filter)
        .init();
}

fn report(err: &anyhow::Error) {
    eprintln!("error: {err}");
    for cause in err.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}
