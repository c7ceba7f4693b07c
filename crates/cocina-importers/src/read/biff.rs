//! A look inside an .xls before calamine opens it.
//!
//! calamine parses a whole .xls when it opens it: it follows the OLE
//! container's sector chains, reserves room for every cell a sheet's
//! DIMENSIONS record declares, and lays each sheet out as a dense grid
//! spanning its outermost cells. A forged file can make any of these ask for
//! more memory than exists, and a failed allocation aborts the process. This
//! module checks the container with the `cfb` crate, which rejects broken
//! chains, and walks the BIFF records of the workbook stream to find each
//! sheet's declared and actual extent, so that an oversized sheet is refused
//! before calamine sees it.

use std::io::{Cursor, Read};

/// BIFF record types read here ([MS-XLS] 2.3).
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
const MULBLANK: u16 = 0x00BE;
/// Records that start with the row and column of one cell.
const CELL_RECORDS: [u16; 10] = [
    0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x0207, 0x0406,
];

/// Why an .xls may not be handed to calamine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refusal {
    /// The OLE container or its workbook stream is broken.
    Malformed,
    /// A sheet declares or spans more cells than the limit.
    TooManyCells,
}

/// The extent of one substream (a sheet or the workbook globals).
#[derive(Debug, Default)]
struct Extent {
    declared: u64,
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Extent {
    fn include(&mut self, row: u32, first_col: u32, last_col: u32) {
        let widen = |span: Option<(u32, u32)>, lo: u32, hi: u32| {
            Some(span.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))))
        };
        self.rows = widen(self.rows, row, row);
        self.cols = widen(self.cols, first_col, last_col);
    }

    /// Cells calamine would allocate for this substream.
    fn cells(&self) -> u64 {
        let span = |s: Option<(u32, u32)>| s.map_or(0, |(a, b)| u64::from(b - a) + 1);
        self.declared.max(span(self.rows) * span(self.cols))
    }
}

/// Checks an .xls file's container and the size of its sheets.
pub(super) fn check(bytes: &[u8], max_cells: usize, max_bytes: u64) -> Result<(), Refusal> {
    let stream = workbook_stream(bytes, max_bytes)?;
    let limit = max_cells as u64;
    let mut extent = Extent::default();
    for (typ, data) in records(&stream) {
        match typ {
            BOF => extent = Extent::default(),
            EOF if extent.cells() > limit => return Err(Refusal::TooManyCells),
            DIMENSIONS => extent.declared = declared_cells(data),
            MULRK | MULBLANK if data.len() >= 6 => {
                let row = u32::from(u16_at(data, 0));
                let last = u32::from(u16_at(data, data.len() - 2));
                extent.include(row, u32::from(u16_at(data, 2)), last);
            }
            t if CELL_RECORDS.contains(&t) && data.len() >= 4 => {
                let col = u32::from(u16_at(data, 2));
                extent.include(u32::from(u16_at(data, 0)), col, col);
            }
            _ => {}
        }
        if extent.cells() > limit {
            return Err(Refusal::TooManyCells);
        }
    }
    Ok(())
}

/// Reads the workbook stream through the `cfb` crate, which validates the
/// container's allocation tables and chains.
fn workbook_stream(bytes: &[u8], max_bytes: u64) -> Result<Vec<u8>, Refusal> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| Refusal::Malformed)?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|name| file.is_stream(name))
        .ok_or(Refusal::Malformed)?;
    let stream = file.open_stream(name).map_err(|_| Refusal::Malformed)?;
    let mut out = Vec::new();
    stream
        .take(max_bytes)
        .read_to_end(&mut out)
        .map_err(|_| Refusal::Malformed)?;
    Ok(out)
}

/// Iterates over `(type, data)` of BIFF records, stopping at a truncated
/// one.
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        if rest.len() < 4 {
            return None;
        }
        let typ = u16_at(rest, 0);
        let len = usize::from(u16_at(rest, 2));
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((typ, data))
    })
}

/// Cells calamine reserves for a DIMENSIONS record, read as it reads it.
fn declared_cells(data: &[u8]) -> u64 {
    let (first_row, last_row, first_col, last_col) = match data.len() {
        10 => (
            u64::from(u16_at(data, 0)),
            u64::from(u16_at(data, 2)),
            u64::from(u16_at(data, 4)),
            u64::from(u16_at(data, 6)),
        ),
        14 | 16 => (
            u64::from(u32_at(data, 0)),
            u64::from(u32_at(data, 4)),
            u64::from(u16_at(data, 8)),
            u64::from(u16_at(data, 10)),
        ),
        _ => return 0,
    };
    let first_col = if first_col > 0xFF || last_col < first_col {
        0
    } else {
        first_col
    };
    let rows = last_row.saturating_sub(first_row);
    let cols = last_col.saturating_sub(first_col);
    rows.saturating_mul(cols)
}

fn u16_at(data: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([data[at], data[at + 1]])
}

fn u32_at(data: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    fn sheet(records: &[Vec<u8>]) -> Vec<u8> {
        let mut stream = record(BOF, &[0; 16]);
        stream.extend(records.concat());
        stream.extend(record(EOF, &[]));
        stream
    }

    fn extent_of(stream: &[u8], max_cells: u64) -> Result<(), Refusal> {
        let mut extent = Extent::default();
        for (typ, data) in records(stream) {
            match typ {
                DIMENSIONS => extent.declared = declared_cells(data),
                t if CELL_RECORDS.contains(&t) && data.len() >= 4 => {
                    let col = u32::from(u16_at(data, 2));
                    extent.include(u32::from(u16_at(data, 0)), col, col);
                }
                _ => {}
            }
        }
        if extent.cells() > max_cells {
            Err(Refusal::TooManyCells)
        } else {
            Ok(())
        }
    }

    #[test]
    fn a_far_cell_makes_the_sheet_too_large() {
        let near = record(0x0203, &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let far = record(
            0x0203,
            &[0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        );
        assert_eq!(extent_of(&sheet(std::slice::from_ref(&near)), 100), Ok(()));
        assert_eq!(
            extent_of(&sheet(&[near, far]), 100),
            Err(Refusal::TooManyCells)
        );
    }

    #[test]
    fn a_lying_dimensions_record_is_counted() {
        let mut dims = Vec::new();
        dims.extend(0u32.to_le_bytes());
        dims.extend(1_000_000u32.to_le_bytes());
        dims.extend(0u16.to_le_bytes());
        dims.extend(200u16.to_le_bytes());
        dims.extend(0u16.to_le_bytes());
        let stream = sheet(&[record(DIMENSIONS, &dims)]);
        assert_eq!(extent_of(&stream, 1_000_000), Err(Refusal::TooManyCells));
    }

    #[test]
    fn a_broken_container_is_refused() {
        let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        bytes.resize(600, 0xFF);
        assert_eq!(check(&bytes, 1000, 1 << 20), Err(Refusal::Malformed));
    }
}
