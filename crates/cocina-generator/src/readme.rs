//! The example delivery's README, listing what it holds and every planted
//! fault with its cell.

use std::fmt::Write;

use cocina_model::KitchenStatus;

use crate::{BENEFICIARIES_FILE, ENDOWMENTS_FILE, Example, KITCHENS_FILE, MANIFEST_FILE, ZONES};

pub(crate) fn readme(example: &Example) -> String {
    let mut out = String::new();
    out.push_str("# Entrega de ejemplo 2016 / Example delivery 2016\n\n");
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
    let operating = example
        .kitchens
        .iter()
        .filter(|k| k.status == KitchenStatus::Operating)
        .count();
    let _ = writeln!(out, "| file | holds |\n|---|---|");
    let _ = writeln!(
        out,
        "| `{KITCHENS_FILE}` | {} kitchen rows ({operating} in operation), BIFF8, one sheet per \
         operative zone (`ZONA 1` to `ZONA {ZONES}`), three merged title rows, header on row 5, \
         the municipality merged down over its consecutive kitchens |",
        example.kitchens.len()
    );
    let _ = writeln!(
        out,
        "| `{BENEFICIARIES_FILE}` | {} beneficiaries, sheet `PADRON`, header on row 4 |",
        example.people.len()
    );
    let _ = writeln!(
        out,
        "| `{ENDOWMENTS_FILE}` | {} rows, sheet `DOTACION`: monthly ration per age group and \
         product, with its nutrients |",
        example.endowments.len()
    );
    let _ = writeln!(
        out,
        "| `{MANIFEST_FILE}` | the manifest: request, dates (cut-off {}), requested items and \
         which came |",
        example.config.cut_date
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
