//! Writes the example delivery: `cocina-generate [DIR]`, by default
//! `examples/entrega-2016`.

#![expect(clippy::print_stderr, reason = "the tool reports what it wrote")]

use std::path::PathBuf;
use std::process::ExitCode;

use cocina_generator::{Example, ExampleConfig, write_example};

fn main() -> ExitCode {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("examples/entrega-2016"), PathBuf::from);
    let example = Example::build(&ExampleConfig::default());
    match write_example(&example, &dir) {
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
