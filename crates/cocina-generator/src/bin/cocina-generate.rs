//! Writes the example delivery, or a large synthetic one for benchmarks.
//!
//! ```sh
//! cocina-generate [DIR]                                  # the example, by default examples/entrega-2016
//! cocina-generate synthetic --people 1000000 --format xlsx DIR
//! cocina-generate synthetic --people 10000000 --format csv DIR
//! ```

#![expect(clippy::print_stderr, reason = "the tool reports what it wrote")]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use cocina_generator::{
    Example, ExampleConfig, SyntheticConfig, SyntheticFormat, write_example, write_synthetic,
};

/// Writes Cocina Abierta's example delivery (fake data, planted faults), or
/// a large synthetic delivery for benchmarks.
#[derive(Parser)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    /// Where to write the example delivery.
    #[arg(default_value = "examples/entrega-2016")]
    dir: PathBuf,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Writes a synthetic delivery of any size (not committed: for
    /// benchmarks): a kitchens list, a beneficiary register and a manifest.
    Synthetic {
        /// Beneficiaries in the register.
        #[arg(long)]
        people: u64,
        /// File format: `xlsx` (laid out like the example) or `csv` (the
        /// canonical form).
        #[arg(long, value_enum)]
        format: Format,
        /// Seed of the random generator.
        #[arg(long, default_value_t = 2016)]
        seed: u64,
        /// Directory to write into (created if missing).
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Xlsx,
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => example(&cli.dir),
        Some(Command::Synthetic {
            people,
            format,
            seed,
            dir,
        }) => synthetic(people, format, seed, &dir),
    }
}

fn example(dir: &Path) -> ExitCode {
    let example = Example::build(&ExampleConfig::default());
    match write_example(&example, dir) {
        Ok(()) => {
            eprintln!(
                "wrote {} kitchens, {} beneficiaries and {} planted faults to {}",
                example.kitchens.len(),
                example.people.len(),
                example.planted.len(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: could not write {}: {err}", dir.display());
            ExitCode::from(2)
        }
    }
}

fn synthetic(people: u64, format: Format, seed: u64, dir: &Path) -> ExitCode {
    let config = SyntheticConfig {
        seed,
        ..SyntheticConfig::with_people(people)
    };
    let format = match format {
        Format::Xlsx => SyntheticFormat::Xlsx,
        Format::Csv => SyntheticFormat::Csv,
    };
    match write_synthetic(&config, format, dir) {
        Ok(files) => {
            eprintln!(
                "wrote {} kitchens to {} and {} beneficiaries to {}",
                files.kitchen_count,
                files.kitchens.display(),
                files.people_count,
                files.register.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}
