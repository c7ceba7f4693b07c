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

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use cocina_model::{RequestedItem, SourceRef};
use serde::Deserialize;

use crate::delivery::{LinkTarget, link_target};
use crate::issue::{ImportIssue, IssueKind, ManifestProblem};

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
                problem: problem_of(&err),
            },
        })
    }
}

/// Classifies a JSON error without keeping its text, which can quote values.
fn problem_of(err: &serde_json::Error) -> ManifestProblem {
    match err.classify() {
        serde_json::error::Category::Syntax => ManifestProblem::Syntax,
        serde_json::error::Category::Eof => ManifestProblem::Truncated,
        serde_json::error::Category::Io => ManifestProblem::Io,
        serde_json::error::Category::Data if err.to_string().starts_with("unknown field") => {
            ManifestProblem::UnknownField
        }
        serde_json::error::Category::Data => ManifestProblem::WrongValue,
    }
}

/// The largest manifest read; a real one is a few kilobytes.
const MAX_MANIFEST_BYTES: u64 = 1 << 20;

/// Reads `entrega.json` from `dir` when it exists. Only a regular file is
/// read, and only up to [`MAX_MANIFEST_BYTES`], so that a link to a device
/// or a pipe can neither exhaust memory nor block the import.
pub(crate) fn read_manifest(dir: &Path) -> Result<Option<Manifest>, ImportIssue> {
    let path = dir.join(MANIFEST_FILE);
    let unreadable = |problem| ImportIssue {
        source: SourceRef::file(MANIFEST_FILE),
        kind: IssueKind::InvalidManifest {
            line: 0,
            column: 0,
            problem,
        },
    };
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    let refused = match link_target(&root, &path) {
        LinkTarget::Outside => Some(IssueKind::LinkOutsideDelivery),
        LinkTarget::Broken => Some(IssueKind::BrokenLink),
        LinkTarget::NotALink | LinkTarget::Inside => None,
    };
    if let Some(kind) = refused {
        return Err(ImportIssue {
            source: SourceRef::file(MANIFEST_FILE),
            kind,
        });
    }
    let metadata = match std::fs::metadata(&path) {
        Ok(metadata) => metadata,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(_) => return Err(unreadable(ManifestProblem::Io)),
    };
    if !metadata.is_file() {
        return Err(unreadable(ManifestProblem::NotAFile));
    }
    if metadata.len() > MAX_MANIFEST_BYTES {
        return Err(unreadable(ManifestProblem::TooLarge));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&path)
        .and_then(|file| file.take(MAX_MANIFEST_BYTES).read_to_end(&mut bytes))
        .map_err(|_| unreadable(ManifestProblem::Io))?;
    Manifest::parse(&bytes).map(Some)
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
        let IssueKind::InvalidManifest { line, problem, .. } = err.kind else {
            panic!("unexpected {err:?}")
        };
        assert_eq!(line, 2);
        assert_eq!(problem, ManifestProblem::WrongValue);
        assert!(!format!("{err:?}").contains("secreto"));
        let err = Manifest::parse(b"{\"cuts\": 1}").unwrap_err();
        assert!(matches!(err.kind, IssueKind::InvalidManifest { .. }));
    }
}
