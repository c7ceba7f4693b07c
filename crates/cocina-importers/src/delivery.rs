//! Walking a delivery directory.

use std::fs::{self, File};
use std::io::Read;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread;

use cocina_model::{Delivery, DeliveryFile, SourceRef};

use crate::error::ImportError;
use crate::issue::{ImportIssue, IssueKind, ReadFailure};
use crate::manifest::{self, Manifest};
use crate::read::extension_of;
use crate::stream::{self, RecordSink, StreamFailure};
use crate::{ImportOptions, ImportedDelivery, ImportedFile, import_file};

/// Extensions of the files read as tables.
const TABLE_EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv"];

/// Extensions of spreadsheets the importer cannot read; reported so that no
/// data is dropped silently.
const UNSUPPORTED_EXTENSIONS: [&str; 1] = ["numbers"];

/// Reads every table file of a delivery directory (not its subdirectories),
/// in file-name order. Other files (PDFs, `README.md`, JSON) are listed in
/// the delivery but not read; hidden files and Excel's `~$` lock files are
/// ignored.
///
/// A file or sheet that cannot be read becomes an [`ImportIssue`] and the
/// import goes on with the rest.
///
/// # Errors
///
/// Fails only when the directory itself cannot be listed.
#[tracing::instrument(skip_all, fields(dir = %dir.display()))]
pub fn import_delivery(
    dir: &Path,
    options: &ImportOptions,
) -> Result<ImportedDelivery, ImportError> {
    let (files, manifest, options, mut imported) = start(dir, options)?;
    for file in import_all(&files, &options) {
        imported.append(file);
    }
    Ok(finish(dir, manifest, &files, imported))
}

/// Imports a delivery as [`import_delivery`] does, but hands each
/// beneficiary to `sink` as soon as it is read; the result holds every
/// other record and every issue, and no beneficiaries. Files are read one
/// after another, in file-name order, and workbooks straight from disk, so
/// that a register of a million people is never held in memory (with a
/// [`CanonicalWriter`](crate::CanonicalWriter) as the sink, `cocina import
/// --out` writes it as it reads).
///
/// # Errors
///
/// Fails when the directory cannot be listed or the sink fails.
#[tracing::instrument(skip_all, fields(dir = %dir.display()))]
pub fn import_delivery_into(
    dir: &Path,
    options: &ImportOptions,
    sink: &mut dyn RecordSink,
) -> Result<ImportedDelivery, StreamError> {
    let (files, manifest, options, mut imported) = start(dir, options)?;
    for (name, path) in &files {
        let file = import_one_into(name, path, &options, sink).map_err(StreamError::Sink)?;
        imported.append(file);
    }
    Ok(finish(dir, manifest, &files, imported))
}

/// What both ways of importing a delivery start from: its files, its
/// manifest, the options the manifest completes and the manifest's issue.
type Start = (
    Vec<(String, PathBuf)>,
    Manifest,
    ImportOptions,
    ImportedFile,
);

fn start(dir: &Path, options: &ImportOptions) -> Result<Start, ImportError> {
    let files = list_files(dir)?;
    let (manifest, manifest_issue) = match manifest::read_manifest(dir) {
        Ok(manifest) => (manifest.unwrap_or_default(), None),
        Err(issue) => (Manifest::default(), Some(issue)),
    };
    // Ages are counted on the delivery's cut-off date unless the caller
    // chose a date.
    let mut options = options.clone();
    options.reference_date = options.reference_date.or(manifest.cut_date);
    let mut imported = ImportedFile::default();
    imported.issues.extend(manifest_issue);
    Ok((files, manifest, options, imported))
}

fn finish(
    dir: &Path,
    manifest: Manifest,
    files: &[(String, PathBuf)],
    imported: ImportedFile,
) -> ImportedDelivery {
    ImportedDelivery {
        delivery: delivery_of(dir, manifest, files),
        kitchens: imported.kitchens,
        beneficiaries: imported.beneficiaries,
        counts: imported.counts,
        endowments: imported.endowments,
        issues: imported.issues,
    }
}

/// Why [`import_delivery_into`] stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// The delivery could not be read.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The sink could not take a record.
    #[error("could not keep the imported records")]
    Sink(#[source] std::io::Error),
}

/// Imports one file into `sink`: a workbook is streamed from disk, other
/// files are read whole.
fn import_one_into(
    name: &str,
    path: &Path,
    options: &ImportOptions,
    sink: &mut dyn RecordSink,
) -> std::io::Result<ImportedFile> {
    let extension = extension_of(name);
    let small_enough = fs::metadata(path).is_ok_and(|m| m.len() <= options.limits.max_file_bytes);
    if matches!(extension.as_str(), "xlsx" | "xlsm") && small_enough {
        let workbook = File::open(path)
            .ok()
            .and_then(|file| crate::read::open_workbook_from(file, &options.limits));
        if let Some(mut workbook) = workbook {
            let file: std::sync::Arc<str> = name.into();
            let mut out = ImportedFile::default();
            let streamed = crate::read::guarded(|| {
                stream::import_workbook(&file, &mut workbook, options, sink, &mut out)
            });
            match streamed {
                Some(Ok(())) => return Ok(out),
                Some(Err(StreamFailure::Sink(error))) => return Err(error),
                // Nothing was left in the sink: read the file whole.
                Some(Err(StreamFailure::Unsupported)) | None => {}
            }
        }
    }
    let mut imported = import_one(name, path, options);
    for record in imported.beneficiaries.drain(..) {
        sink.beneficiary(record)?;
    }
    Ok(imported)
}

/// Describes the delivery from its manifest and its files.
fn delivery_of(dir: &Path, manifest: Manifest, files: &[(String, PathBuf)]) -> Delivery {
    let id = manifest.id.unwrap_or_else(|| {
        dir.file_name().map_or_else(
            || "delivery".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    });
    let files = files
        .iter()
        .map(|(name, _)| DeliveryFile {
            path: name.clone(),
            sha256: None,
        })
        .collect();
    Delivery {
        id,
        received: manifest.received,
        cut_date: manifest.cut_date,
        request: manifest.request,
        items: manifest.items,
        files,
    }
}

/// Imports each file, several at a time, and returns the results in file
/// order, so that the outcome does not depend on scheduling.
fn import_all(files: &[(String, PathBuf)], options: &ImportOptions) -> Vec<ImportedFile> {
    let workers = thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(files.len());
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(files.len()));
    let span = tracing::Span::current();
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let _entered = span.enter();
                while let Some((name, path)) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let imported = import_one(name, path, options);
                    // A worker that panicked poisons the lock; the scope
                    // re-raises its panic anyway.
                    if let Ok(mut done) = done.lock() {
                        done.push((name.clone(), imported));
                    }
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(PoisonError::into_inner);
    done.sort_by(|(a, _), (b, _)| a.cmp(b));
    done.into_iter().map(|(_, imported)| imported).collect()
}

/// Imports one file of the delivery, or says why it is not read.
fn import_one(name: &str, path: &Path, options: &ImportOptions) -> ImportedFile {
    let extension = extension_of(name);
    let mut imported = ImportedFile::default();
    if UNSUPPORTED_EXTENSIONS.contains(&extension.as_str()) {
        let cause = ReadFailure::Unsupported;
        imported
            .issues
            .push(file_issue(name, IssueKind::UnreadableFile { cause }));
    } else if TABLE_EXTENSIONS.contains(&extension.as_str()) {
        match read_bytes(path, options.limits.max_file_bytes) {
            Ok(bytes) => imported = import_file(name, &bytes, options),
            Err(kind) => imported.issues.push(file_issue(name, kind)),
        }
    } else {
        tracing::debug!(file = %name, "not a table file; listed only");
    }
    imported
}

/// Lists the regular files of `dir` by name, skipping hidden and lock files.
fn list_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, ImportError> {
    let read_dir = |source| ImportError::ReadDir {
        path: dir.to_owned(),
        source,
    };
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(read_dir)? {
        let entry = entry.map_err(read_dir)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if name.starts_with('.') || name.starts_with("~$") || !path.is_file() {
            tracing::debug!(file = %name, "skipped");
            continue;
        }
        files.push((name, path));
    }
    files.sort();
    Ok(files)
}

/// Reads a whole file, refusing one larger than `max_bytes`.
fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, IssueKind> {
    let io_failure = |_| IssueKind::UnreadableFile {
        cause: ReadFailure::Io,
    };
    let too_large = IssueKind::LimitReached {
        limit: "file_bytes".to_owned(),
        max: max_bytes,
    };
    let file = File::open(path).map_err(io_failure)?;
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_failure)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large);
    }
    Ok(bytes)
}

fn file_issue(name: &str, kind: IssueKind) -> ImportIssue {
    tracing::warn!(file = %name, ?kind, "file not read");
    ImportIssue {
        source: SourceRef::file(name),
        kind,
    }
}
