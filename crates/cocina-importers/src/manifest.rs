//! The delivery manifest, `entrega.json`: what the request asked for, what
//! came, and the dates the data refers to.
//!
//! ```json
//! {
//!   "id": "entrega-2016",
//!   "request": "00123416",
//!   "received": "2016-08-15",
//!   "cut_date": "2016-06-30",
//!   "items": [
//!     { "description": "Padrón de beneficiarios", "received": true,
//!       "files": ["padron_beneficiarios_2016.xlsx"] }
//!   ]
//! }
//! ```
//!
//! Every field is optional. Dates are ISO 8601. `cut_date` is the date the
//! register refers to: ages are computed on it from birth dates.

use std::path::Path;

use chrono::NaiveDate;
use cocina_model::{RequestedItem, SourceRef};
use serde::Deserialize;

use crate::issue::{ImportIssue, IssueKind};

/// File name of the manifest inside a delivery directory.
pub const MANIFEST_FILE: &str = "entrega.json";

/// A delivery's manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Stable identifier of the delivery; the directory name when missing.
    pub id: Option<String>,
    /// Folio of the transparency request.
    pub request: Option<String>,
    /// Date the delivery was received.
    pub received: Option<NaiveDate>,
    /// Date the data refers to.
    pub cut_date: Option<NaiveDate>,
    /// What the request asked for, and whether it came.
    #[serde(default)]
    pub items: Vec<RequestedItem>,
}

impl Manifest {
    /// Parses a manifest from its bytes.
    ///
    /// # Errors
    ///
    /// Returns an issue naming the line and column of the first problem.
    pub fn parse(bytes: &[u8]) -> Result<Self, ImportIssue> {
        serde_json::from_slice(bytes).map_err(|err| ImportIssue {
            source: SourceRef::file(MANIFEST_FILE),
            kind: IssueKind::InvalidManifest {
                line: err.line(),
                column: err.column(),
                reason: reason_of(&err),
            },
        })
    }
}

/// Describes a JSON error by its class; serde's own text can quote values.
fn reason_of(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let class = match err.classify() {
        serde_json::error::Category::Syntax => "not valid JSON",
        serde_json::error::Category::Eof => "the file ends too early",
        serde_json::error::Category::Io => "the file could not be read",
        serde_json::error::Category::Data if text.starts_with("unknown field") => {
            "unknown field; expected id, request, received, cut_date or items"
        }
        serde_json::error::Category::Data => "a value has the wrong type or is not a date",
    };
    class.to_owned()
}

/// Reads `entrega.json` from `dir` when it exists.
pub(crate) fn read_manifest(dir: &Path) -> Result<Option<Manifest>, ImportIssue> {
    let path = dir.join(MANIFEST_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => Manifest::parse(&bytes).map(Some),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(_) => Err(ImportIssue {
            source: SourceRef::file(MANIFEST_FILE),
            kind: IssueKind::InvalidManifest {
                line: 0,
                column: 0,
                reason: "unreadable".into(),
            },
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_manifest_parses() {
        let manifest = Manifest::parse(
            r#"{"id": "e", "request": "001", "received": "2016-08-15",
                 "cut_date": "2016-06-30",
                 "items": [{"description": "Padrón", "received": false, "files": []}]}"#
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(manifest.cut_date, NaiveDate::from_ymd_opt(2016, 6, 30));
        assert!(!manifest.items[0].received);
    }

    #[test]
    fn errors_name_line_and_column_without_quoting_values() {
        let err = Manifest::parse(b"{\n  \"received\": \"15/08/2016 secreto\"\n}").unwrap_err();
        let IssueKind::InvalidManifest { line, reason, .. } = err.kind else {
            panic!("unexpected {err:?}")
        };
        assert_eq!(line, 2);
        assert!(!reason.contains("secreto"), "{reason}");
        let err = Manifest::parse(b"{\"cuts\": 1}").unwrap_err();
        assert!(matches!(err.kind, IssueKind::InvalidManifest { .. }));
    }
}
