//! The `cocina` command: import, validate, aggregate and serve a delivery of
//! Oaxaca's community kitchens program.
//!
//! Exit codes: 0 success; 1 the data has errors (validate and import, the
//! commands that judge a delivery); 2 usage, input/output, configuration or
//! database error.
//!
//! Everything a person reads is in Spanish unless `--lang en` or the
//! environment asks for English (see [`i18n::choose`]).

mod cli;
mod commands;
mod i18n;
mod report;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use cocina_model::Lang;
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
    let args: Vec<_> = std::env::args_os().collect();
    let lang = i18n::choose(&args, |name| std::env::var(name).ok());
    let cli = Cli::parse_in(lang, args);
    let lang = cli.lang.unwrap_or(lang);
    init_logging();
    let mut out = String::new();
    let outcome = run(cli.command, lang, &mut out);
    // A reader that stops early (`| head`) is not an error.
    if let Err(err) = std::io::stdout().lock().write_all(out.as_bytes())
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        let err = anyhow::Error::new(err).context(i18n::WRITE_OUTPUT.get(lang));
        report::print(&err, lang);
        return ExitCode::from(2);
    }
    match outcome {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::DataErrors) => ExitCode::from(1),
        Err(err) => {
            report::print(&err, lang);
            ExitCode::from(2)
        }
    }
}

/// Runs the command; what it prints is collected in `out`.
fn run(command: Command, lang: Lang, out: &mut String) -> anyhow::Result<Outcome> {
    match command {
        Command::Import(args) => commands::import::run(&args, lang, out),
        Command::Validate(args) => commands::validate::run(&args, lang, out),
        Command::Stats(args) => commands::stats::run(&args, lang, out),
        #[cfg(feature = "portal")]
        Command::Serve(args) => commands::serve::run(args, lang),
        Command::Publish(args) => commands::publish::run(&args, lang, out),
        Command::Geo {
            command: GeoCommand::Lookup { args },
        } => commands::geo::lookup(&args, lang, out),
    }
}

/// Logs go to stderr, data to stdout. `RUST_LOG` overrides the default;
/// colour only on a terminal and never with `NO_COLOR`.
fn init_logging() {
    // The portal's own note on a stored delivery is for developers, in
    // English; the commands say what was stored in the reader's language.
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        EnvFilter::new("warn,cocina=info,cocina_portal=info,cocina_portal::ingest=warn")
    });
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(colour)
        .with_env_filter(filter)
        .init();
}
