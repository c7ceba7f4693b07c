//! Walking a delivery directory.

use std::fs::{self, File};
use std::io::Read;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread;

use cocina_model::{Delivery, DeliveryFile, KitchenKey, PublicText, RequestedItem, SourceRef};

use crate::error::ImportError;
use crate::issue::{ImportIssue, IssueKind, ReadFailure, SpecialFile};
use crate::manifest::{self, Manifest};
use crate::names::PeopleNames;
use crate::read::extension_of;
use crate::stream::{self, RecordSink, StreamFailure};
use crate::withheld_keys::WithheldKeys;
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
    Ok(finish(dir, manifest, &files, imported, &options))
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
    Ok(finish(dir, manifest, &files, imported, &options))
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
    let listing = list_files(dir)?;
    let (manifest, manifest_issue) = match manifest::read_manifest(dir) {
        Ok(manifest) => (manifest.unwrap_or_default(), None),
        Err(issue) => (Manifest::default(), Some(issue)),
    };
    // Ages are counted on the delivery's cut-off date unless the caller
    // chose a date.
    let mut options = options.clone();
    options.reference_date = options.reference_date.or(manifest.cut_date);
    options.withheld_keys = WithheldKeys::default();
    let mut imported = ImportedFile::default();
    imported.issues.extend(listing.issues);
    imported.issues.extend(manifest_issue);
    Ok((listing.files, manifest, options, imported))
}

fn finish(
    dir: &Path,
    manifest: Manifest,
    files: &[(String, PathBuf)],
    mut imported: ImportedFile,
    options: &ImportOptions,
) -> ImportedDelivery {
    let max_chars = options.limits.max_text_chars;
    let mut delivery = delivery_of(dir, manifest, files, max_chars, &mut imported.issues);
    // The streaming import hands beneficiaries to its sink: their names are
    // not here, and only the committee's are searched for.
    let people = imported
        .beneficiaries
        .iter()
        .filter_map(|b| b.name.as_ref())
        .chain(
            imported
                .kitchens
                .iter()
                .flat_map(|k| &k.contacts)
                .filter_map(|c| c.name.as_ref()),
        );
    let names = PeopleNames::new(people);
    names.withhold(&mut imported.kitchens, &mut delivery, &mut imported.issues);
    renumber_withheld_keys(files, &mut imported, options);
    ImportedDelivery {
        delivery,
        kitchens: imported.kitchens,
        beneficiaries: imported.beneficiaries,
        counts: imported.counts,
        endowments: imported.endowments,
        issues: imported.issues,
    }
}

/// Numbers the neutral keys given for keys that look personal in file
/// order, whichever file a worker read first.
fn renumber_withheld_keys(
    files: &[(String, PathBuf)],
    imported: &mut ImportedFile,
    options: &ImportOptions,
) {
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    let renumbered = options.withheld_keys.renumbering(&names);
    if renumbered.is_empty() {
        return;
    }
    let rekey = |key: &mut KitchenKey| {
        if let Some(new) = renumbered.get(key) {
            new.clone_into(key);
        }
    };
    imported.kitchens.iter_mut().for_each(|k| rekey(&mut k.key));
    imported
        .beneficiaries
        .iter_mut()
        .for_each(|b| rekey(&mut b.kitchen));
    imported
        .counts
        .iter_mut()
        .for_each(|c| rekey(&mut c.kitchen));
    for endowment in &mut imported.endowments {
        endowment.kitchen.iter_mut().for_each(rekey);
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

/// Describes the delivery from its manifest and its files. The manifest's
/// free text is published, so it is screened as a kitchen's name is.
fn delivery_of(
    dir: &Path,
    manifest: Manifest,
    files: &[(String, PathBuf)],
    max_chars: usize,
    issues: &mut Vec<ImportIssue>,
) -> Delivery {
    let mut screen = ManifestScreen { max_chars, issues };
    let id = manifest.id.unwrap_or_else(|| {
        dir.file_name().map_or_else(
            || "delivery".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    });
    // The id names the delivery in addresses: a withheld one becomes a
    // plain word rather than the placeholder.
    let id = screen.text("id", &id);
    let id = if id == PublicText::WITHHELD {
        "entrega".to_owned()
    } else {
        id
    };
    let request = manifest.request.map(|r| screen.text("request", &r));
    let items = manifest
        .items
        .into_iter()
        .enumerate()
        .map(|(i, item)| screen.item(i, &item, files))
        .collect();
    let files = files
        .iter()
        .map(|(name, path)| {
            let own = path.file_name().map(|n| n.to_string_lossy().into_owned());
            DeliveryFile {
                path: name.clone(),
                sha256: None,
                stored_as: own.filter(|own| own != name),
            }
        })
        .collect();
    Delivery {
        id,
        received: manifest.received,
        cut_date: manifest.cut_date,
        request,
        items,
        files,
    }
}

/// Screens the manifest's free text, reporting at `entrega.json`.
struct ManifestScreen<'a> {
    max_chars: usize,
    issues: &'a mut Vec<ImportIssue>,
}

impl ManifestScreen<'_> {
    fn text(&mut self, field: &str, raw: &str) -> String {
        let screened = PublicText::screen(raw, self.max_chars);
        let mut report = |kind| {
            self.issues.push(ImportIssue {
                source: SourceRef::file(manifest::MANIFEST_FILE),
                kind,
            });
        };
        let field = field.to_owned();
        if screened.controls_removed {
            report(IssueKind::HiddenCharacters {
                field: field.clone(),
            });
        }
        if let Some(shape) = screened.withheld {
            report(IssueKind::PersonalDataWithheld { field, shape });
        } else if screened.truncated {
            report(IssueKind::TextTooLong {
                field,
                max: self.max_chars,
            });
        }
        screened.text.into_string()
    }

    /// Screens an item's wording, and names its files as the listing does:
    /// a file renamed there is renamed here too.
    fn item(
        &mut self,
        index: usize,
        item: &RequestedItem,
        files: &[(String, PathBuf)],
    ) -> RequestedItem {
        let n = index + 1;
        let description = self.text(&format!("items[{n}].description"), &item.description);
        let files = item
            .files
            .iter()
            .map(|file| {
                let renamed = files.iter().find(|(_, path)| {
                    path.file_name()
                        .is_some_and(|own| own.to_string_lossy() == *file)
                });
                match renamed {
                    Some((name, _)) => name.clone(),
                    None => self.text(&format!("items[{n}].files"), file),
                }
            })
            .collect();
        RequestedItem {
            description,
            received: item.received,
            files,
        }
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

/// The files of a delivery, each under the name it is reported by, with
/// the issues met while listing them.
struct Listing {
    files: Vec<(String, PathBuf)>,
    issues: Vec<ImportIssue>,
}

/// Lists the regular files of `dir` by name, skipping hidden and lock files.
///
/// A symbolic link that leads outside the directory is refused: a delivery
/// is what was handed over, and a link could make the importer read (and
/// the publisher fingerprint) any file of the machine. A link that leads
/// nowhere, and an entry that is not a regular file (a pipe, a socket, a
/// device, a folder), are reported and never opened: opening a pipe would
/// wait for ever. A name that looks like personal data is replaced by
/// `archivo-retirado-N` with the same extension, since names are published
/// with the files.
fn list_files(dir: &Path) -> Result<Listing, ImportError> {
    let read_dir = |source| ImportError::ReadDir {
        path: dir.to_owned(),
        source,
    };
    let root = fs::canonicalize(dir).map_err(read_dir)?;
    let mut listing = Listing {
        files: Vec::new(),
        issues: Vec::new(),
    };
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(read_dir)? {
        let entry = entry.map_err(read_dir)?;
        entries.push((
            entry.file_name().to_string_lossy().into_owned(),
            entry.path(),
        ));
    }
    entries.sort();
    for (name, path) in entries {
        if name.starts_with('.') || name.starts_with("~$") {
            tracing::debug!(file = %name, "skipped");
            continue;
        }
        let name = public_file_name(&name, &mut listing);
        match entry_problem(&root, &path) {
            // The manifest's reader reports its own problems.
            Some(_) if name == manifest::MANIFEST_FILE => {}
            Some(kind) => listing.issues.push(file_issue(&name, kind)),
            None if path.is_file() => listing.files.push((name, path)),
            None => tracing::debug!(file = %name, "not a file; skipped"),
        }
    }
    Ok(listing)
}

/// Says why an entry of the delivery directory is not read, if it is not:
/// a link leading outside `root` (already resolved) or nowhere, or not a
/// regular file. Only metadata is looked at; nothing is opened.
fn entry_problem(root: &Path, path: &Path) -> Option<IssueKind> {
    match link_target(root, path) {
        LinkTarget::Outside => return Some(IssueKind::LinkOutsideDelivery),
        LinkTarget::Broken => return Some(IssueKind::BrokenLink),
        LinkTarget::NotALink | LinkTarget::Inside => {}
    }
    let metadata = fs::metadata(path).ok()?;
    let what = special_file(metadata.file_type())?;
    Some(IssueKind::NotRegularFile { what })
}

/// Where a directory entry leads, when it is a symbolic link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkTarget {
    /// Not a symbolic link.
    NotALink,
    /// A link to a file inside the delivery directory.
    Inside,
    /// A link to a file outside it.
    Outside,
    /// A link whose target is missing, loops or cannot be reached.
    Broken,
}

/// Says where `path` leads if it is a symbolic link; `root` is the
/// delivery directory, already resolved.
pub(crate) fn link_target(root: &Path, path: &Path) -> LinkTarget {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return LinkTarget::NotALink;
    }
    match fs::canonicalize(path) {
        Ok(real) if real.starts_with(root) => LinkTarget::Inside,
        Ok(_) => LinkTarget::Outside,
        Err(_) => LinkTarget::Broken,
    }
}

/// Names what a file type that is not a regular file is; `None` for a
/// regular file.
fn special_file(file_type: fs::FileType) -> Option<SpecialFile> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some(SpecialFile::Folder);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kinds = [
            (file_type.is_fifo(), SpecialFile::Fifo),
            (file_type.is_socket(), SpecialFile::Socket),
            (file_type.is_char_device(), SpecialFile::CharDevice),
            (file_type.is_block_device(), SpecialFile::BlockDevice),
        ];
        if let Some((_, what)) = kinds.into_iter().find(|(is, _)| *is) {
            return Some(what);
        }
    }
    Some(SpecialFile::Other)
}

/// Returns the name a file is reported by: its own, or a neutral one when
/// its own looks like personal data, with the issue saying so.
fn public_file_name(name: &str, listing: &mut Listing) -> String {
    let Some(shape) = cocina_model::public::looks_personal(name) else {
        return name.to_owned();
    };
    let withheld = listing
        .issues
        .iter()
        .filter(|i| matches!(i.kind, IssueKind::FileNameWithheld { .. }))
        .count();
    let extension = extension_of(name);
    let mut public = format!("archivo-retirado-{}", withheld + 1);
    if !extension.is_empty() {
        public = format!("{public}.{extension}");
    }
    let kind = IssueKind::FileNameWithheld {
        shape,
        published_as: public.clone(),
    };
    listing.issues.push(file_issue(&public, kind));
    public
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

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn every_kind_of_entry_but_a_regular_file_is_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("datos.csv");
        fs::write(&file, "clave\n").expect("write");
        let kind = |path: &Path| special_file(fs::metadata(path).expect("metadata").file_type());
        assert_eq!(kind(&file), None);
        assert_eq!(kind(dir.path()), Some(SpecialFile::Folder));
        assert_eq!(kind(Path::new("/dev/null")), Some(SpecialFile::CharDevice));
        let socket = dir.path().join("enchufe");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("socket");
        assert_eq!(kind(&socket), Some(SpecialFile::Socket));
        // Block devices exist only where the machine exposes a disk.
        let disks = fs::read_dir("/dev").into_iter().flatten().flatten();
        let disk = disks.map(|e| e.path()).find(|p| {
            use std::os::unix::fs::FileTypeExt;
            fs::metadata(p).is_ok_and(|m| m.file_type().is_block_device())
        });
        if let Some(disk) = disk {
            assert_eq!(kind(&disk), Some(SpecialFile::BlockDevice));
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_are_told_apart_by_where_they_lead() {
        let outside = tempfile::tempdir().expect("temp dir");
        let dir = tempfile::tempdir().expect("temp dir");
        let root = fs::canonicalize(dir.path()).expect("resolved");
        fs::write(dir.path().join("a.csv"), "x").expect("write");
        fs::write(outside.path().join("b.csv"), "x").expect("write");
        let link = |target: &Path, name: &str| {
            let path = dir.path().join(name);
            std::os::unix::fs::symlink(target, &path).expect("link");
            link_target(&root, &path)
        };
        assert_eq!(
            link_target(&root, &dir.path().join("a.csv")),
            LinkTarget::NotALink
        );
        assert_eq!(
            link(&dir.path().join("a.csv"), "in.csv"),
            LinkTarget::Inside
        );
        assert_eq!(
            link(&outside.path().join("b.csv"), "out.csv"),
            LinkTarget::Outside
        );
        assert_eq!(
            link(&dir.path().join("none.csv"), "gone.csv"),
            LinkTarget::Broken
        );
        assert_eq!(
            link(&dir.path().join("loop.csv"), "loop.csv"),
            LinkTarget::Broken
        );
    }
}
