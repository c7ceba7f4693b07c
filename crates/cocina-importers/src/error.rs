//! Errors that stop reading: a whole delivery, or one file.
//!
//! Anything smaller (a sheet, a row, a cell) is an [`ImportIssue`] returned
//! with the data, so that one bad sheet never hides the rest of a delivery.
//!
//! [`ImportIssue`]: crate::ImportIssue

use std::path::PathBuf;
use std::sync::Arc;

use crate::issue::ReadFailure;

/// A failure that stops a whole import.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The delivery directory could not be listed.
    #[error("cannot list the delivery directory {}", path.display())]
    ReadDir {
        /// The directory.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

/// Boxed cause of a [`ReadError`].
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A file, or one of its sheets, could not be read.
///
/// The message names the file and sheet and says why in coarse terms; the
/// reader's own error is chained as the source, for developers. It is not
/// part of the message because it may quote the file's content.
#[derive(Debug, thiserror::Error)]
#[error("{file}{}: {failure}", sheet.as_ref().map(|s| format!(", sheet {s}")).unwrap_or_default())]
pub struct ReadError {
    /// File name, relative to the delivery directory.
    pub file: Arc<str>,
    /// The sheet, when only one sheet failed.
    pub sheet: Option<Arc<str>>,
    /// Why, in coarse terms.
    pub failure: ReadFailure,
    /// The reader's error, when there is one.
    #[source]
    pub source: Option<BoxError>,
}

impl ReadError {
    /// Builds an error about a whole file.
    pub(crate) fn file(file: &Arc<str>, failure: ReadFailure, source: Option<BoxError>) -> Self {
        Self {
            file: file.clone(),
            sheet: None,
            failure,
            source,
        }
    }
}
