//! Paths shared by the tests.

use std::path::PathBuf;
use std::process::{Command, Output};

/// Returns the `cocina` binary as a command with no language in its
/// environment, so that it speaks its default, Spanish, whatever the
/// locale of the machine running the tests.
pub(crate) fn cocina_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cocina"));
    for variable in ["COCINA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(variable);
    }
    command
}

/// Runs `cocina` with `args`, as [`cocina_command`] sets it up.
pub(crate) fn cocina(args: &[&str]) -> Output {
    cocina_command().args(args).output().expect("cocina runs")
}

/// The standard output of a run that must have succeeded; its standard
/// error otherwise says why it did not.
pub(crate) fn success_stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// Returns the bundled example delivery's directory.
pub(crate) fn example_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/entrega-2016")
}

/// Personal values to look for in what a command or page shows. The example
/// has 130,000 people, so instead of searching the text once per value, each
/// position of the text is looked up once per distinct value length.
pub(crate) struct Secrets {
    values: std::collections::HashSet<String>,
    lengths: std::collections::BTreeSet<usize>,
}

impl Secrets {
    pub(crate) fn new(values: impl IntoIterator<Item = String>) -> Self {
        let values: std::collections::HashSet<String> = values.into_iter().collect();
        let lengths = values.iter().map(String::len).collect();
        Self { values, lengths }
    }

    /// Returns whether `text` holds any of the values.
    pub(crate) fn found_in(&self, text: &str) -> bool {
        text.char_indices().any(|(start, _)| {
            self.lengths.iter().any(|len| {
                text.get(start..start + len)
                    .is_some_and(|window| self.values.contains(window))
            })
        })
    }
}
