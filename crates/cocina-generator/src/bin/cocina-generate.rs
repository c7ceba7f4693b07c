//! Writes the example delivery, or a large synthetic one for benchmarks.
//!
//! ```sh
//! cocina-generate [DIR] [--xls-spec FILE]   # the example, by default into examples/entrega-2016
//! python3 scripts/xls_from_spec.py target/comedores_2016.xls.json examples/entrega-2016/comedores_2016.xls
//! cocina-generate synthetic --people 1000000 --format xlsx DIR
//! cocina-generate synthetic --people 10000000 --format csv DIR
//! ```

#![expect(clippy::print_stderr, reason = "the tool reports what it wrote")]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use cocina_generator::{
    Example, ExampleConfig, KITCHENS_FILE, SyntheticConfig, SyntheticFormat, example_notes,
    notes_path, write_example, write_synthetic, xls_spec,
};

/// Writes Cocina Abierta's example delivery (fake data, planted faults), or
/// a large synthetic delivery for benchmarks.
#[derive(Parser)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    /// Where to write the example delivery.
    #[arg(default_value = "examples/entrega-2016")]
    dir: PathBuf,
    /// Where to write the spec of the kitchens list, for
    /// `scripts/xls_from_spec.py` to turn into the `.xls`.
    #[arg(long, default_value = "target/comedores_2016.xls.json")]
    xls_spec: PathBuf,
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
        None => example(&cli.dir, &cli.xls_spec),
        Some(Command::Synthetic {
            people,
            format,
            seed,
            dir,
        }) => synthetic(people, format, seed, &dir),
    }
}

fn example(dir: &Path, spec: &Path) -> ExitCode {
    let example = Example::build(&ExampleConfig::default());
    if let Err(err) = write_example(&example, dir) {
        eprintln!("error: could not write {}: {err}", dir.display());
        return ExitCode::from(2);
    }
    let notes = notes_path(dir);
    if let Err(err) = std::fs::write(&notes, example_notes(&example)) {
        eprintln!("error: could not write {}: {err}", notes.display());
        return ExitCode::from(2);
    }
    let written = spec
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(spec, xls_spec(&example)));
    if let Err(err) = written {
        eprintln!("error: could not write {}: {err}", spec.display());
        return ExitCode::from(2);
    }
    eprintln!(
        "wrote {} beneficiaries, {} endowment rows and {} planted faults to {} (notes in {}), \
         and the spec of the {} kitchen rows to {}; now run\n  python3 scripts/xls_from_spec.py \
         {} {}",
        example.people.len(),
        example.endowments.len(),
        example.planted.len(),
        dir.display(),
        notes.display(),
        example.kitchens.len(),
        spec.display(),
        spec.display(),
        dir.join(KITCHENS_FILE).display()
    );
    ExitCode::SUCCESS
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
