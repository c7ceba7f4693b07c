//! Integration tests of the importer: one module per topic. The shared
//! spreadsheet cases (`data/cases/`, described in `LOG.md` of the shared
//! case log) are named by their id in each test, such as `C06`.

mod canonical;
mod curp;
mod dates;
mod delimited;
mod delivery;
mod endowments;
mod error_cells;
mod headers;
mod hostile;
mod keys;
mod layouts;
mod memory;
mod mojibake;
mod no_panic;
mod positions;
mod regions;
mod strings;
mod support;
mod totals;
mod values;
mod xlsb;
