//! The output directory: a publication replaces the previous one whole, so
//! no page or file of an earlier run (a region page from a run with
//! reference data, say) is left behind looking current.

use std::fs;
use std::io;
use std::path::Path;

use crate::PublishError;

/// Marks a directory as written by `cocina publish`; only such a directory
/// is ever emptied.
pub const MARKER: &str = ".cocina-publish";

/// Makes `out` an empty directory holding only the marker: created when
/// missing, emptied when an earlier publication wrote it, refused when it
/// holds anything else.
pub fn prepare(out: &Path) -> Result<(), PublishError> {
    let write = |source: io::Error| PublishError::Write {
        path: out.to_owned(),
        source,
    };
    match fs::read_dir(out) {
        Ok(mut entries) => {
            if out.join(MARKER).is_file() {
                fs::remove_dir_all(out).map_err(write)?;
            } else if entries.next().is_some() {
                return Err(PublishError::OutputNotEmpty {
                    path: out.to_owned(),
                });
            }
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(write(error)),
    }
    fs::create_dir_all(out).map_err(write)?;
    fs::write(out.join(MARKER), "cocina publish\n").map_err(write)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_or_empty_directory_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("sitio");
        prepare(&out).unwrap();
        assert!(out.join(MARKER).is_file());
        prepare(dir.path()).unwrap_err();
    }

    #[test]
    fn an_earlier_publication_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        prepare(dir.path().join("sitio").as_path()).unwrap();
        let stale = dir.path().join("sitio/regiones/costa/index.html");
        fs::create_dir_all(stale.parent().unwrap()).unwrap();
        fs::write(&stale, "old").unwrap();
        prepare(&dir.path().join("sitio")).unwrap();
        assert!(!stale.exists());
        assert!(dir.path().join("sitio").join(MARKER).is_file());
    }

    #[test]
    fn a_directory_with_other_files_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join("notas.txt");
        fs::write(&mine, "mine").unwrap();
        let error = prepare(dir.path()).unwrap_err();
        assert!(matches!(error, PublishError::OutputNotEmpty { .. }));
        assert_eq!(fs::read_to_string(mine).unwrap(), "mine");
    }
}
