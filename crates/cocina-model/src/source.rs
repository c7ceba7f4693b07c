//! Where a value came from: file, sheet and cell.
//!
//! Positions are what a person sees in a spreadsheet program: 1-based rows
//! and A1 column letters, counted from the sheet's first cell even when the
//! data starts further down. CSV files have no sheet; their first line is
//! row 1 and their first field column A.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A cell, 1-based: row 1, column 1 is `A1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CellRef {
    /// Sheet row as the spreadsheet shows it.
    pub row: u32,
    /// Column, 1 for `A`.
    pub column: u32,
}

impl CellRef {
    /// Builds a reference from 0-based indices, as spreadsheet readers give
    /// them.
    #[must_use]
    pub fn from_zero_based(row: u32, column: u32) -> Self {
        Self {
            row: row.saturating_add(1),
            column: column.saturating_add(1),
        }
    }

    /// Returns the column letters: 1 → `A`, 27 → `AA`, 16384 → `XFD`.
    #[must_use]
    pub fn column_letters(column: u32) -> String {
        let mut n = column;
        let mut out = Vec::new();
        while n > 0 {
            let rem = (n - 1) % 26;
            out.push(b'A' + rem as u8);
            n = (n - 1) / 26;
        }
        out.reverse();
        String::from_utf8(out).expect("ASCII letters")
    }

    /// Parses an A1 reference such as `E6` or `XFD1048576`.
    #[must_use]
    pub fn parse_a1(text: &str) -> Option<Self> {
        let split = text.find(|c: char| c.is_ascii_digit())?;
        let (letters, digits) = text.split_at(split);
        if letters.is_empty()
            || letters.len() > 3
            || !letters.bytes().all(|b| b.is_ascii_uppercase())
        {
            return None;
        }
        let column = letters
            .bytes()
            .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1));
        let row = digits.parse().ok().filter(|&r| r > 0)?;
        Some(Self { row, column })
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", Self::column_letters(self.column), self.row)
    }
}

/// A place in a delivery: a file, optionally a sheet, optionally a cell.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SourceRef {
    /// File name, relative to the delivery directory.
    pub file: Arc<str>,
    /// Sheet name; `None` for CSV.
    pub sheet: Option<Arc<str>>,
    /// The cell, when the place is one cell.
    pub cell: Option<CellRef>,
    /// The row, when the place is a whole row.
    pub row: Option<u32>,
}

impl SourceRef {
    /// Points at a whole file.
    #[must_use]
    pub fn file(file: impl Into<Arc<str>>) -> Self {
        Self {
            file: file.into(),
            sheet: None,
            cell: None,
            row: None,
        }
    }
}

impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet {sheet}")?;
        }
        match (self.cell, self.row) {
            (Some(cell), _) => write!(f, ", cell {cell}"),
            (None, Some(row)) => write!(f, ", row {row}"),
            (None, None) => Ok(()),
        }
    }
}

/// Columns of a sheet by canonical field name, shared by all of its rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMap(BTreeMap<String, u32>);

impl ColumnMap {
    /// Records that `field` was read from 1-based `column`.
    pub fn insert(&mut self, field: &str, column: u32) {
        self.0.insert(field.to_owned(), column);
    }

    /// Returns the 1-based column a field was read from.
    #[must_use]
    pub fn get(&self, field: &str) -> Option<u32> {
        self.0.get(field).copied()
    }

    /// Iterates over `(field, column)` pairs in field order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.0.iter().map(|(k, &v)| (k.as_str(), v))
    }
}

/// The row a record was read from, and where each of its fields sits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowOrigin {
    /// File name, relative to the delivery directory.
    pub file: Arc<str>,
    /// Sheet name; `None` for CSV.
    pub sheet: Option<Arc<str>>,
    /// Sheet row as the spreadsheet shows it.
    pub row: u32,
    /// Columns of the sheet's fields.
    pub columns: Arc<ColumnMap>,
}

impl RowOrigin {
    /// Returns the place of `field` in this row: its cell when the sheet had
    /// the column, otherwise the whole row.
    #[must_use]
    pub fn cell(&self, field: &str) -> SourceRef {
        let cell = self.columns.get(field).map(|column| CellRef {
            row: self.row,
            column,
        });
        SourceRef {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            cell,
            row: Some(self.row),
        }
    }

    /// Returns the place of the whole row.
    #[must_use]
    pub fn whole_row(&self) -> SourceRef {
        SourceRef {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            cell: None,
            row: Some(self.row),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_round_trip() {
        for (n, letters) in [(1, "A"), (5, "E"), (26, "Z"), (27, "AA"), (16384, "XFD")] {
            assert_eq!(CellRef::column_letters(n), letters);
            let cell = CellRef::parse_a1(&format!("{letters}7")).unwrap();
            assert_eq!(cell, CellRef { row: 7, column: n });
        }
        assert_eq!(CellRef::parse_a1("A0"), None);
        assert_eq!(CellRef::from_zero_based(5, 4).to_string(), "E6");
    }

    #[test]
    fn row_origin_points_at_a_cell_or_the_row() {
        let mut columns = ColumnMap::default();
        columns.insert("edad", 5);
        let origin = RowOrigin {
            file: "padron.xlsx".into(),
            sheet: Some("padron".into()),
            row: 6,
            columns: Arc::new(columns),
        };
        assert_eq!(
            origin.cell("edad").to_string(),
            "padron.xlsx, sheet padron, cell E6"
        );
        assert_eq!(
            origin.cell("curp").to_string(),
            "padron.xlsx, sheet padron, row 6"
        );
    }
}
