//! From tables to records: find the header, recognise the layout, read the
//! rows.

use std::sync::Arc;

use cocina_model::{ColumnMap, SourceRef};

use crate::header::{Field, Header, find_header};
use crate::issue::{ImportIssue, IssueKind};
use crate::layout::{Columns, TableKind};
use crate::table::{Table, TableRow};
use crate::{ImportOptions, ImportedFile, beneficiaries, endowments, kitchens};

/// The header a table was read by: its row and the canonical name of
/// each column read.
pub(crate) struct ReadHeader {
    /// Sheet row of the header.
    pub(crate) row: u32,
    /// Columns by canonical field name.
    pub(crate) columns: Arc<ColumnMap>,
}

/// Reads the records of one table into `out`, with the problems found;
/// returns the header it was read by, if it was recognised.
pub(crate) fn import_table(
    table: &Table,
    options: &ImportOptions,
    out: &mut ImportedFile,
) -> Option<ReadHeader> {
    // Workbooks carry empty default sheets (Hoja2, Hoja3): nothing to say.
    if table.rows().iter().all(TableRow::is_blank) {
        return None;
    }
    let recognised = find_header(table).and_then(|header| {
        let kind = TableKind::classify(&header)?;
        Some((header, kind))
    });
    let Some((header, kind)) = recognised else {
        tracing::debug!(file = %table.file(), sheet = ?table.sheet(), "table not recognised");
        out.issues.push(ImportIssue {
            source: table.whole(),
            kind: IssueKind::UnrecognisedTable,
        });
        return None;
    };
    let (file, sheet) = (table.file(), table.sheet());
    tracing::debug!(%file, ?sheet, ?kind, row = header.row, "layout recognised");
    let first_issue = out.issues.len();
    report_header(table, &header, kind, &mut out.issues);
    let columns = Columns::new(kind, &header);
    match kind {
        TableKind::Kitchens => kitchens::read(table, &header, &columns, options, out),
        TableKind::Beneficiaries => beneficiaries::read(table, &header, &columns, options, out),
        TableKind::BeneficiaryCounts => {
            beneficiaries::read_counts(table, &header, &columns, options, out);
        }
        TableKind::Endowments => endowments::read(table, &header, &columns, options, out),
    }
    sort_issues(&mut out.issues[first_issue..]);
    Some(ReadHeader {
        row: header.row,
        columns: columns.map,
    })
}

/// Names the column of the reader's issues that point at a cell below the
/// header (a NUL, a misplaced quote), which are found before the header
/// is.
pub(crate) fn name_columns(issues: &mut [ImportIssue], header: &ReadHeader) {
    for issue in issues {
        let Some(cell) = issue.source.cell.filter(|c| c.row > header.row) else {
            continue;
        };
        let (IssueKind::NulCharacter { field, .. } | IssueKind::BadQuote { field, .. }) =
            &mut issue.kind
        else {
            continue;
        };
        *field = header
            .columns
            .iter()
            .find(|(_, column)| *column == cell.column)
            .map(|(name, _)| name.to_owned());
    }
}

/// Puts a table's issues in reading order, whatever order the fields were
/// read in; issues at the same cell keep their order.
pub(crate) fn sort_issues(issues: &mut [ImportIssue]) {
    issues.sort_by_key(|issue| {
        let row = issue.source.row.unwrap_or(0);
        (row, issue.source.cell.map_or(0, |c| c.column))
    });
}

/// Records blank and duplicate header cells, and a missing kitchen key.
pub(crate) fn report_header(
    table: &Table,
    header: &Header,
    kind: TableKind,
    issues: &mut Vec<ImportIssue>,
) {
    for &cell in &header.blank_cells {
        let kind = IssueKind::BlankHeader;
        issues.push(ImportIssue {
            source: table.source(cell),
            kind,
        });
    }
    for &(cell, field) in &header.duplicate_cells {
        let field = kind.field_name(field).to_owned();
        let kind = IssueKind::DuplicateHeader { field };
        issues.push(ImportIssue {
            source: table.source(cell),
            kind,
        });
    }
    // An endowment without a kitchen key is program-wide.
    if !header.has(Field::KitchenKey) && kind != TableKind::Endowments {
        let field = kind.field_name(Field::KitchenKey).to_owned();
        let source = SourceRef {
            row: Some(header.row),
            ..table.whole()
        };
        issues.push(ImportIssue {
            source,
            kind: IssueKind::MissingColumn { field },
        });
    }
}
