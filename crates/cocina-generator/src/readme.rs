//! The example delivery's notes, listing what it holds and every planted
//! fault with its cell. They are written beside the delivery, not inside
//! it: an agency's delivery may hold a README, which is one of its
//! documents, and the importer lists every file it finds there.

use std::fmt::Write;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use cocina_model::{KitchenStatus, Lang};

use crate::{BENEFICIARIES_FILE, ENDOWMENTS_FILE, Example, KITCHENS_FILE, MANIFEST_FILE, ZONES};

/// Returns where the notes of the delivery written into `dir` go: beside
/// it, named after it (`examples/entrega-2016.md` for
/// `examples/entrega-2016`).
#[must_use]
pub fn notes_path(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "entrega".into(), |n| n.to_string_lossy().into_owned());
    let parent = dir.parent().unwrap_or_else(|| Path::new(""));
    parent.join(format!("{name}.md"))
}

/// Returns the notes of `example`: what each file holds, how many
/// kitchens it lists and why rows and kitchens differ, and every planted
/// fault with its rule, file, sheet and cell.
#[must_use]
pub fn example_notes(example: &Example) -> String {
    let mut out = String::new();
    out.push_str("# Entrega de ejemplo 2016 / Example delivery 2016\n\n");
    out.push_str(
        "Notes on `entrega-2016/`, written beside it rather than inside it: a README \
         inside a delivery is one of the agency's documents, and these notes are not.\n\n",
    );
    out.push_str(
        "**Datos ficticios.** Every name, CURP and phone number is invented; kitchens sit at \
         random points inside real Oaxaca municipalities (boundaries: INEGI, Marco \
         Geoestadístico); the operative zones are made up from those boundaries alone. \
         Do not edit by hand: change the generator and run it again (a release build takes \
         a few seconds; the script needs the PyPI package `xlwt`):\n\n",
    );
    out.push_str(
        "```sh\n\
         cargo run --release -p cocina-generator --bin cocina-generate -- examples/entrega-2016\n\
         python3 scripts/xls_from_spec.py target/comedores_2016.xls.json \
         examples/entrega-2016/comedores_2016.xls\n\
         ```\n\n",
    );
    let figures = KitchenFigures::of(example);
    let number = |n: usize| Lang::En.number(n as u64);
    let _ = writeln!(out, "| file | holds |\n|---|---|");
    let _ = writeln!(
        out,
        "| `{KITCHENS_FILE}` | {} kitchen rows, {} of them in operation; BIFF8, one sheet per \
         operative zone (`ZONA 1` to `ZONA {ZONES}`), three merged title rows, header on row 5, \
         the municipality merged down over its consecutive kitchens |",
        number(figures.rows),
        number(figures.operating_rows),
    );
    let _ = writeln!(
        out,
        "| `{BENEFICIARIES_FILE}` | {} beneficiaries, sheet `PADRON`, header on row 4 |",
        number(example.people.len())
    );
    let _ = writeln!(
        out,
        "| `{ENDOWMENTS_FILE}` | {} rows, sheet `DOTACION`: monthly ration per age group and \
         product, with its nutrients |",
        number(example.endowments.len())
    );
    let _ = writeln!(
        out,
        "| `{MANIFEST_FILE}` | the manifest: request, dates (cut-off {}), requested items and \
         which came |",
        example.config.cut_date
    );
    let _ = writeln!(
        out,
        "\nThe rows list **{} kitchens, {} kitchens in operation**, as `cocina stats`, the \
         site and the portal count them: {} keys are listed twice (the planted `CA-S001` \
         faults below) and only each key's first listing is kept, so the {} rows of the \
         second listings, {} of them in operation, are set aside.",
        number(figures.kitchens),
        number(figures.operating_kitchens),
        number(figures.rows - figures.kitchens),
        number(figures.rows - figures.kitchens),
        number(figures.operating_rows - figures.operating_kitchens),
    );
    out.push_str(
        "\nClosed and suspended kitchens have nobody registered; every kitchen in operation \
         has people. Ages, birth dates, age groups and CURPs agree except where planted.\n",
    );
    let _ = writeln!(
        out,
        "\n## Planted faults\n\nValidation must report exactly these, and nothing else:\n"
    );
    let _ = writeln!(
        out,
        "| rule | file | sheet | cell | what |\n|---|---|---|---|---|"
    );
    let or_dash = |s: &str| {
        if s.is_empty() {
            "—".to_owned()
        } else {
            s.to_owned()
        }
    };
    for f in &example.planted {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} |",
            f.code,
            f.file,
            or_dash(&f.sheet),
            or_dash(&f.cell),
            f.what
        );
    }
    out
}

/// The kitchens list counted two ways: by row, as the file holds them,
/// and by key, keeping each key's first listing as the importer does.
struct KitchenFigures {
    rows: usize,
    operating_rows: usize,
    kitchens: usize,
    operating_kitchens: usize,
}

impl KitchenFigures {
    fn of(example: &Example) -> Self {
        let operating = |status| status == KitchenStatus::Operating;
        let mut seen = HashSet::new();
        let first: Vec<_> = example
            .kitchens
            .iter()
            .filter(|k| seen.insert(k.key.as_str()))
            .collect();
        Self {
            rows: example.kitchens.len(),
            operating_rows: example
                .kitchens
                .iter()
                .filter(|k| operating(k.status))
                .count(),
            kitchens: first.len(),
            operating_kitchens: first.iter().filter(|k| operating(k.status)).count(),
        }
    }
}
