//! Walking a table's data rows: blank rows, repeated headers and total rows
//! are skipped, and each total row is checked against the rows it totals.
//!
//! A *total row* is a row whose first text cells, or kitchen-key cell,
//! say `TOTAL`, `TOTAL GENERAL`, `SUMA`, `SUBTOTAL` or begin with `TOTAL `
//! (`TOTAL COSTA`). It is never read as a record. Each number it states in
//! a summed column (counts, capacity, nutrients) is compared with the sum
//! of the rows since the previous total row; a total that matches neither
//! that sum nor the sum of every row since the header is reported as an
//! [`IssueKind::TotalMismatch`] at its cell.

use cocina_model::CellRef;
use cocina_model::text::fold;

use crate::header::{Field, Header};
use crate::issue::{ImportIssue, IssueKind};
use crate::layout::{Columns, TableKind};
use crate::record::RowReader;
use crate::table::{Table, TableRow};
use crate::value;

/// Reads every data row below the header with `read`.
pub(crate) fn read_rows(
    table: &Table,
    header: &Header,
    columns: &Columns,
    issues: &mut Vec<ImportIssue>,
    mut read: impl FnMut(&mut RowReader<'_>),
) {
    let mut totals = Totals::new(table, columns);
    for row in table.rows().iter().filter(|r| r.number() > header.row) {
        let skip = {
            let reader = RowReader::new(table, row, columns, issues);
            reader.is_blank() || reader.repeats_header()
        };
        if skip {
            continue;
        }
        if is_total_row(row, columns) {
            tracing::trace!(row = row.number(), "total row");
            totals.check(row, issues);
            continue;
        }
        totals.add(row);
        read(&mut RowReader::new(table, row, columns, issues));
    }
}

/// Words that label a total row, folded; a label may also begin with
/// `total ` or `subtotal `.
const TOTAL_WORDS: [&str; 9] = [
    "total",
    "totales",
    "subtotal",
    "sub total",
    "suma",
    "suma total",
    "total general",
    "gran total",
    "total global",
];

/// Text cells looked at, from the left, for a total label.
const LABEL_CELLS: usize = 3;

/// Returns whether `row` is a total row.
fn is_total_row(row: &TableRow, columns: &Columns) -> bool {
    let key = columns.column(Field::KitchenKey).map(|c| row.get(c));
    let leftmost = row.cells().map(|(_, v)| v).filter(|v| !v.is_blank());
    key.into_iter()
        .chain(leftmost.take(LABEL_CELLS))
        .filter_map(value::Value::as_text)
        .any(is_total_label)
}

fn is_total_label(text: &str) -> bool {
    // Cheap test first: nearly every cell is not a label.
    let head = text.trim_start().get(..3).unwrap_or_default();
    if !["tot", "sub", "sum", "gra"]
        .iter()
        .any(|h| head.eq_ignore_ascii_case(h))
    {
        return false;
    }
    let folded = fold(text);
    TOTAL_WORDS.contains(&folded.as_str())
        || folded.starts_with("total ")
        || folded.starts_with("subtotal ")
}

/// Columns whose totals are checked in each kind of table. An endowment's
/// quantities are in different units and are not summed.
fn summed_fields(kind: TableKind) -> &'static [Field] {
    match kind {
        TableKind::Kitchens => &[Field::Capacity],
        TableKind::BeneficiaryCounts => &[Field::Count],
        TableKind::Endowments => &[
            Field::Energy,
            Field::Protein,
            Field::Carbohydrate,
            Field::Fat,
        ],
        TableKind::Beneficiaries => &[],
    }
}

/// Running sums of the summed columns.
struct Totals<'a> {
    table: &'a Table,
    columns: &'a Columns,
    /// `(field, column)` of each summed column the table has.
    summed: Vec<(Field, u32)>,
    since_total: Vec<f64>,
    since_header: Vec<f64>,
}

impl<'a> Totals<'a> {
    fn new(table: &'a Table, columns: &'a Columns) -> Self {
        let summed: Vec<(Field, u32)> = summed_fields(columns.kind)
            .iter()
            .filter_map(|&f| columns.column(f).map(|c| (f, c)))
            .collect();
        let zeros = vec![0.0; summed.len()];
        Self {
            table,
            columns,
            summed,
            since_total: zeros.clone(),
            since_header: zeros,
        }
    }

    fn number(&self, row: &TableRow, column: u32) -> Option<f64> {
        let text_errors = !self.table.format().has_typed_errors();
        value::read_number(row.get(column), text_errors)
            .ok()
            .flatten()
            .filter(|n| n.is_finite())
    }

    fn add(&mut self, row: &TableRow) {
        for (i, &(_, column)) in self.summed.iter().enumerate() {
            if let Some(n) = self.number(row, column) {
                self.since_total[i] += n;
                self.since_header[i] += n;
            }
        }
    }

    /// Compares a total row's numbers with the sums, then starts the next
    /// span.
    fn check(&mut self, row: &TableRow, issues: &mut Vec<ImportIssue>) {
        for (i, &(field, column)) in self.summed.iter().enumerate() {
            let Some(stated) = self.number(row, column) else {
                continue;
            };
            let (span, all) = (self.since_total[i], self.since_header[i]);
            let measured = !matches!(field, Field::Count | Field::Capacity);
            if agrees(stated, span, measured) || agrees(stated, all, measured) {
                continue;
            }
            let cell = CellRef {
                row: row.number(),
                column,
            };
            let kind = IssueKind::TotalMismatch {
                field: self.columns.name(field).to_owned(),
                stated,
                computed: span,
            };
            issues.push(ImportIssue {
                source: self.table.source(cell),
                kind,
            });
        }
        self.since_total.iter_mut().for_each(|s| *s = 0.0);
    }
}

/// Whether a stated total agrees with a sum: exactly for counts, within
/// half a unit plus 0.5 % for `measured` values such as kilocalories,
/// which each row may have rounded.
fn agrees(stated: f64, sum: f64, measured: bool) -> bool {
    let tolerance = if measured {
        0.5 + 0.005 * sum.abs()
    } else {
        0.5
    };
    (stated - sum).abs() <= tolerance
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_labels_in_their_variants() {
        for label in [
            "TOTAL",
            "Total general",
            "SUMA",
            "TOTAL COSTA",
            "Subtotal Istmo",
            "GRAN TOTAL",
        ] {
            assert!(is_total_label(label), "{label}");
        }
        for text in [
            "TOTOLAPAN",
            "SUMATORIA",
            "Comedor Total",
            "subida",
            "OAX-VC-001",
        ] {
            assert!(!is_total_label(text), "{text}");
        }
    }

    #[test]
    fn totals_agree_within_rounding() {
        assert!(agrees(1234.0, 1234.0, false));
        assert!(!agrees(1235.0, 1234.0, false));
        assert!(agrees(2_005.0, 2_000.4, true));
        assert!(!agrees(10.0, 12.0, true));
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_a_label_or_not_without_panic(text in "\\PC{0,40}") {
            let _ = is_total_label(&text);
        }
    }
}
