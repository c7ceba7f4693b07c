//! Readers for the agency's spreadsheets (.xlsx, .xls, .ods, .csv) into the Cocina Abierta model.
