//! The canonical form of a delivery, as `docs/delivery-format.md` specifies
//! it: `comedores.csv`, `padron.csv`, `concentrado.csv` (only when the
//! delivery had count tables), `dotacion.csv` (only when it had
//! endowments) and the manifest `entrega.json`.
//!
//! **The canonical form is internal.** It holds personal data (beneficiary
//! names, CURPs and birth dates, committee names and phones) and must never
//! be published.
//!
//! Keys are written as zero-padded text, dates as ISO 8601 (`2016-06-30`)
//! and numbers with a `.` decimal point. A text cell that a spreadsheet
//! would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) gets a leading `'`; so does text that already starts
//! with `'`, so that the CSV reader, which drops one such mark, gives back
//! the original text. Numbers are never marked: `-96.7253` stays as is.
//!
//! The directory reads back through [`import_delivery`](crate::import_delivery)
//! to the same records; only their origins differ.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use cocina_model::{
    Beneficiary, BeneficiaryCount, CommitteeContact, CommitteeRole, CurpField, Delivery, Kitchen,
    PriorityGroup, RequestedItem, Sex,
};
use serde::Serialize;

use crate::manifest::MANIFEST_FILE;
use crate::{ImportedDelivery, RecordSink};

/// File name of the kitchens list in the canonical form.
pub const KITCHENS_FILE: &str = "comedores.csv";
/// File name of the beneficiary register in the canonical form.
pub const BENEFICIARIES_FILE: &str = "padron.csv";
/// File name of the beneficiary counts in the canonical form.
pub const COUNTS_FILE: &str = "concentrado.csv";

/// What stands for a CURP that was not valid: the importer keeps only the
/// error, not the value, and this text reads back as an invalid CURP.
const INVALID_CURP: &str = "CURP_INVALIDA";

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The paths of the files [`write_canonical`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CanonicalFiles {
    /// The kitchens list, `comedores.csv`.
    pub kitchens: PathBuf,
    /// The beneficiary register, `padron.csv`.
    pub beneficiaries: PathBuf,
    /// The beneficiary counts, `concentrado.csv`, when the delivery had any.
    pub counts: Option<PathBuf>,
    /// The endowments, `dotacion.csv`, when the delivery had any.
    pub endowments: Option<PathBuf>,
    /// The manifest, `entrega.json`.
    pub manifest: PathBuf,
}

impl CanonicalFiles {
    /// Returns every path written, in the order above.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        let all = [
            Some(&self.kitchens),
            Some(&self.beneficiaries),
            self.counts.as_ref(),
            self.endowments.as_ref(),
            Some(&self.manifest),
        ];
        all.into_iter().flatten().map(PathBuf::as_path)
    }
}

/// Why the canonical form could not be written. Each variant names the path.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The output directory could not be created.
    #[error("could not create the directory {}", path.display())]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A CSV file could not be written.
    #[error("could not write {}", path.display())]
    Csv {
        /// The file.
        path: PathBuf,
        /// Why.
        source: csv::Error,
    },
    /// A file could not be written.
    #[error("could not write {}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Writes `delivery` in canonical form into `dir`, creating it if needed and
/// replacing files of the same names (a `concentrado.csv` from an earlier
/// run is removed when this delivery has no counts). Other files in `dir`
/// are left alone, and an import of `dir` would read them too.
///
/// The files hold personal data: they are for internal use only.
///
/// # Errors
///
/// Returns a [`WriteError`] naming the directory or file that could not be
/// written.
///
/// # Examples
///
/// ```
/// use cocina_importers::{ImportOptions, import_delivery, write_canonical};
///
/// let source = tempfile::tempdir()?;
/// std::fs::write(
///     source.path().join("comedores.csv"),
///     "clave,nombre,cve_mun,latitud,longitud\nOAX-1,=Centro,67,17.06,-96.72\n",
/// )?;
/// let imported = import_delivery(source.path(), &ImportOptions::default())?;
///
/// let out = tempfile::tempdir()?;
/// let files = write_canonical(&imported, out.path())?;
/// let csv = std::fs::read_to_string(&files.kitchens)?;
/// assert!(csv.contains("OAX-1,'=Centro,20,067"));
/// assert!(csv.contains("17.06,-96.72"));
///
/// let again = import_delivery(out.path(), &ImportOptions::default())?;
/// assert_eq!(again.kitchens[0].name, "=Centro");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[tracing::instrument(skip_all, fields(dir = %dir.display()))]
pub fn write_canonical(
    delivery: &ImportedDelivery,
    dir: &Path,
) -> Result<CanonicalFiles, WriteError> {
    create_private_dir(dir)?;
    let kitchens = write_csv(
        dir,
        KITCHENS_FILE,
        delivery.kitchens.iter().map(KitchenRow::of),
    )?;
    let people = delivery.beneficiaries.iter().map(BeneficiaryRow::of);
    let beneficiaries = write_csv(dir, BENEFICIARIES_FILE, people)?;
    let counts = write_counts(dir, delivery)?;
    let endowments = crate::canonical_endowments::write_endowments(dir, delivery)?;
    let manifest = write_manifest(dir, &delivery.delivery)?;
    Ok(CanonicalFiles {
        kitchens,
        beneficiaries,
        counts,
        endowments,
        manifest,
    })
}

/// Writes the canonical form while a delivery is imported: each
/// beneficiary goes to `padron.csv` as soon as it is read (it is the
/// [`RecordSink`] of [`import_delivery_into`](crate::import_delivery_into)),
/// and [`CanonicalWriter::finish`] writes the rest. A register of a million
/// people is thus written without being held in memory.
///
/// The files hold personal data: they are for internal use only.
///
/// # Examples
///
/// ```
/// use cocina_importers::{CanonicalWriter, ImportOptions, import_delivery_into};
///
/// let source = tempfile::tempdir()?;
/// std::fs::write(
///     source.path().join("padron.csv"),
///     "clave_comedor,curp,sexo,edad\nOAX-1,,M,7\nOAX-1,,H,9\n",
/// )?;
/// let out = tempfile::tempdir()?;
/// let mut writer = CanonicalWriter::create(out.path())?;
/// let imported = import_delivery_into(source.path(), &ImportOptions::default(), &mut writer)?;
/// assert!(imported.beneficiaries.is_empty(), "they went to the writer");
/// assert_eq!(writer.beneficiaries(), 2);
/// let files = writer.finish(&imported)?;
/// let padron = std::fs::read_to_string(&files.beneficiaries)?;
/// assert_eq!(padron.lines().count(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct CanonicalWriter {
    dir: PathBuf,
    path: PathBuf,
    people: csv::Writer<fs::File>,
    written: u64,
}

impl CanonicalWriter {
    /// Creates `dir` if needed and starts `padron.csv` there, replacing one
    /// of the same name.
    ///
    /// # Errors
    ///
    /// Returns a [`WriteError`] naming the directory or file.
    pub fn create(dir: &Path) -> Result<Self, WriteError> {
        create_private_dir(dir)?;
        let path = dir.join(BENEFICIARIES_FILE);
        let file_error = |source| WriteError::File {
            path: path.clone(),
            source,
        };
        fs::write(&path, header_of::<BeneficiaryRow>()).map_err(file_error)?;
        let file = fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .map_err(file_error)?;
        let people = csv::WriterBuilder::new()
            .has_headers(false)
            .buffer_capacity(1 << 16)
            .from_writer(file);
        Ok(Self {
            dir: dir.to_owned(),
            path,
            people,
            written: 0,
        })
    }

    /// Returns how many beneficiaries were written.
    #[must_use]
    pub fn beneficiaries(&self) -> u64 {
        self.written
    }

    /// Writes the kitchens, counts and manifest of `delivery` (whose
    /// beneficiaries, if any, are written too) and closes `padron.csv`.
    ///
    /// # Errors
    ///
    /// Returns a [`WriteError`] naming the file that could not be written.
    pub fn finish(mut self, delivery: &ImportedDelivery) -> Result<CanonicalFiles, WriteError> {
        for person in &delivery.beneficiaries {
            self.write(person).map_err(|source| WriteError::File {
                path: self.path.clone(),
                source,
            })?;
        }
        self.people.flush().map_err(|source| WriteError::File {
            path: self.path.clone(),
            source,
        })?;
        let dir = &self.dir;
        let kitchens = write_csv(
            dir,
            KITCHENS_FILE,
            delivery.kitchens.iter().map(KitchenRow::of),
        )?;
        let counts = write_counts(dir, delivery)?;
        let endowments = crate::canonical_endowments::write_endowments(dir, delivery)?;
        let manifest = write_manifest(dir, &delivery.delivery)?;
        Ok(CanonicalFiles {
            kitchens,
            beneficiaries: self.path,
            counts,
            endowments,
            manifest,
        })
    }

    fn write(&mut self, person: &Beneficiary) -> std::io::Result<()> {
        self.people
            .serialize(BeneficiaryRow::of(person))
            .map_err(std::io::Error::other)?;
        self.written += 1;
        Ok(())
    }
}

impl RecordSink for CanonicalWriter {
    fn beneficiary(&mut self, record: Beneficiary) -> std::io::Result<()> {
        self.write(&record)
    }

    fn checkpoint(&mut self) -> std::io::Result<u64> {
        self.people.flush()?;
        let at = self.people.get_ref().metadata()?.len();
        Ok(at)
    }

    fn rollback(&mut self, mark: u64) -> std::io::Result<()> {
        self.people.flush()?;
        let file = self.people.get_ref();
        // Records since the mark are counted again when rewritten.
        let records = count_lines_after(&self.path, mark)?;
        file.set_len(mark)?;
        self.written = self.written.saturating_sub(records);
        Ok(())
    }
}

/// Counts the CSV records this writer wrote after byte `mark` of its file.
fn count_lines_after(path: &Path, mark: u64) -> std::io::Result<u64> {
    use std::io::Seek;
    let mut file = std::io::BufReader::new(fs::File::open(path)?);
    file.seek(std::io::SeekFrom::Start(mark))?;
    let mut rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(file);
    Ok(rows.records().count() as u64)
}

/// Writes `concentrado.csv` when the delivery had counts. Otherwise removes
/// one left by an earlier run, which the next import would read as part of
/// this delivery.
fn write_counts(dir: &Path, delivery: &ImportedDelivery) -> Result<Option<PathBuf>, WriteError> {
    if delivery.counts.is_empty() {
        let path = dir.join(COUNTS_FILE);
        return match fs::remove_file(&path) {
            Ok(()) => Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(WriteError::File { path, source }),
        };
    }
    let rows = delivery.counts.iter().map(CountRow::of);
    write_csv(dir, COUNTS_FILE, rows).map(Some)
}

/// Writes one CSV file with a header row, even when there are no rows.
pub(crate) fn write_csv<R: Serialize + Default>(
    dir: &Path,
    name: &str,
    rows: impl Iterator<Item = R>,
) -> Result<PathBuf, WriteError> {
    let path = dir.join(name);
    let fail = |source| WriteError::Csv {
        path: path.clone(),
        source,
    };
    let mut rows = rows.peekable();
    if rows.peek().is_none() {
        fs::write(&path, header_of::<R>()).map_err(|source| WriteError::File {
            path: path.clone(),
            source,
        })?;
        return Ok(path);
    }
    let mut writer = csv::Writer::from_path(&path).map_err(fail)?;
    for row in rows {
        writer.serialize(row).map_err(fail)?;
    }
    writer.flush().map_err(|e| fail(e.into()))?;
    Ok(path)
}

/// Returns the header line of a row type. The csv crate writes a header
/// only with a first row, and an empty table still needs its header to be
/// recognised; so a blank row is written in memory and only its header kept.
fn header_of<R: Serialize + Default>() -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing plain fields to memory cannot fail.
    writer
        .serialize(R::default())
        .expect("a blank row serialises");
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    let end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| i + 1);
    bytes[..end].to_vec()
}

/// The manifest as `entrega.json` reads it.
#[derive(Serialize)]
struct ManifestOut<'a> {
    id: &'a str,
    request: Option<&'a str>,
    received: Option<NaiveDate>,
    cut_date: Option<NaiveDate>,
    items: &'a [RequestedItem],
}

fn write_manifest(dir: &Path, delivery: &Delivery) -> Result<PathBuf, WriteError> {
    let path = dir.join(MANIFEST_FILE);
    let manifest = ManifestOut {
        id: &delivery.id,
        request: delivery.request.as_deref(),
        received: delivery.received,
        cut_date: delivery.cut_date,
        items: &delivery.items,
    };
    // Serialising plain strings, dates and lists cannot fail.
    let mut json = serde_json::to_string_pretty(&manifest).expect("manifest serialises");
    json.push('\n');
    fs::write(&path, json).map_err(|source| WriteError::File {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

/// Creates `dir` readable by its owner only: the canonical form holds
/// personal data, and the files inside inherit no protection of their own.
fn create_private_dir(dir: &Path) -> Result<(), WriteError> {
    let error = |source| WriteError::CreateDir {
        path: dir.to_owned(),
        source,
    };
    fs::create_dir_all(dir).map_err(error)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(error)?;
    }
    Ok(())
}

/// Returns `text` with a leading `'` when a spreadsheet would run it as a
/// formula, or when it already starts with `'` (so that dropping one mark on
/// reading is always right).
#[must_use]
pub fn neutralize_formula(text: &str) -> String {
    if text.starts_with(FORMULA_TRIGGERS) || text.starts_with('\'') {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// Undoes [`neutralize_formula`]: drops a leading `'` before a formula
/// trigger or another `'`. Other text is returned as is.
pub(crate) fn restore_formula(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_TRIGGERS) || rest.starts_with('\'') => rest,
        _ => text,
    }
}

fn text(value: Option<&str>) -> Option<String> {
    value.map(neutralize_formula)
}

fn date(value: Option<NaiveDate>) -> Option<String> {
    value.map(|d| d.format("%Y-%m-%d").to_string())
}

fn yes_no(yes: bool) -> &'static str {
    if yes { "sí" } else { "no" }
}

fn sex(value: Option<Sex>) -> Option<&'static str> {
    value.map(|sex| match sex {
        Sex::Female => "M",
        Sex::Male => "H",
        Sex::NonBinary => "X",
    })
}

/// One row of `comedores.csv`.
#[derive(Serialize, Default)]
struct KitchenRow {
    clave: String,
    nombre: String,
    cve_ent: String,
    cve_mun: Option<String>,
    municipio: Option<String>,
    cve_loc: Option<String>,
    localidad: Option<String>,
    cvegeo: Option<String>,
    latitud: Option<f64>,
    longitud: Option<f64>,
    estatus: String,
    fecha_apertura: Option<String>,
    fecha_cierre: Option<String>,
    capacidad: Option<u32>,
    region: Option<String>,
    direccion: Option<String>,
    presidenta: Option<String>,
    telefono: Option<String>,
    secretaria: Option<String>,
    telefono_secretaria: Option<String>,
    tesorera: Option<String>,
    telefono_tesorera: Option<String>,
}

impl KitchenRow {
    fn of(kitchen: &Kitchen) -> Self {
        let cvegeo = kitchen
            .municipality
            .zip(kitchen.locality)
            .map(|(m, l)| format!("{}{}{}", kitchen.state, m, l));
        let mut row = Self {
            clave: neutralize_formula(kitchen.key.as_str()),
            nombre: neutralize_formula(&kitchen.name),
            cve_ent: kitchen.state.to_string(),
            cve_mun: kitchen.municipality.map(|k| k.to_string()),
            municipio: text(kitchen.municipality_name.as_deref()),
            cve_loc: kitchen.locality.map(|k| k.to_string()),
            localidad: text(kitchen.locality_name.as_deref()),
            cvegeo,
            latitud: kitchen.location.map(geo_types::Point::y),
            longitud: kitchen.location.map(geo_types::Point::x),
            estatus: kitchen.status.spanish().to_owned(),
            fecha_apertura: date(kitchen.opened),
            fecha_cierre: date(kitchen.closed),
            capacidad: kitchen.capacity,
            region: text(kitchen.region_name.as_deref()),
            direccion: text(kitchen.address.as_deref()),
            ..Self::default()
        };
        for contact in &kitchen.contacts {
            row.add_contact(contact);
        }
        row
    }

    /// Fills the columns of a committee member. Members without a role
    /// column of their own (*vocales*) are not written: the importer reads
    /// only president, secretary and treasurer.
    fn add_contact(&mut self, contact: &CommitteeContact) {
        let (name, phone) = match contact.role {
            CommitteeRole::President => (&mut self.presidenta, &mut self.telefono),
            CommitteeRole::Secretary => (&mut self.secretaria, &mut self.telefono_secretaria),
            CommitteeRole::Treasurer => (&mut self.tesorera, &mut self.telefono_tesorera),
            CommitteeRole::Member => return,
        };
        #[expect(
            clippy::disallowed_methods,
            reason = "the canonical form is internal and keeps committee contacts"
        )]
        {
            *name = contact
                .name
                .as_ref()
                .map(|n| neutralize_formula(n.reveal()));
            *phone = contact
                .phone
                .as_ref()
                .map(|p| neutralize_formula(p.reveal()));
        }
    }
}

/// One row of `padron.csv`.
#[derive(Serialize, Default)]
struct BeneficiaryRow {
    clave_comedor: String,
    sexo: Option<&'static str>,
    edad: Option<u16>,
    fecha_nacimiento: Option<String>,
    rango_edad: String,
    curp: Option<String>,
    nombre: Option<String>,
    embarazada_lactancia: &'static str,
    discapacidad: &'static str,
    fecha_registro: Option<String>,
}

impl BeneficiaryRow {
    #[expect(
        clippy::disallowed_methods,
        reason = "the canonical form is internal and keeps birth dates, CURPs and names"
    )]
    fn of(person: &Beneficiary) -> Self {
        let curp = person.curp.as_ref().map(|field| match field {
            CurpField::Valid(curp) => curp.reveal().to_owned(),
            CurpField::Invalid(_) => INVALID_CURP.to_owned(),
        });
        Self {
            clave_comedor: neutralize_formula(person.kitchen.as_str()),
            sexo: sex(person.sex),
            edad: person.age,
            fecha_nacimiento: date(person.birth_date.as_ref().map(|d| *d.reveal())),
            rango_edad: person.age_group.to_string(),
            curp,
            nombre: person.name.as_ref().map(|n| neutralize_formula(n.reveal())),
            embarazada_lactancia: yes_no(
                person
                    .priority
                    .contains(&PriorityGroup::PregnantOrBreastfeeding),
            ),
            discapacidad: yes_no(person.priority.contains(&PriorityGroup::Disability)),
            fecha_registro: date(person.registered),
        }
    }
}

/// One row of `concentrado.csv`.
#[derive(Serialize, Default)]
struct CountRow {
    clave_comedor: String,
    sexo: Option<&'static str>,
    rango_edad: String,
    cantidad: u32,
}

impl CountRow {
    fn of(count: &BeneficiaryCount) -> Self {
        Self {
            clave_comedor: neutralize_formula(count.kitchen.as_str()),
            sexo: sex(count.sex),
            rango_edad: count.age_group.to_string(),
            cantidad: count.count,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_table_has_its_header() {
        let header = header_of::<CountRow>();
        assert_eq!(header, b"clave_comedor,sexo,rango_edad,cantidad\n");
    }

    #[test]
    fn formula_marks_are_added_and_dropped() {
        for text in [
            "=1+1", "+52 951", "-Persona", "@SUMA", "\t=1", "\r=1", "'x", "''=",
        ] {
            let marked = neutralize_formula(text);
            assert!(marked.starts_with('\''), "{text:?}");
            assert_eq!(restore_formula(&marked), text);
        }
        assert_eq!(neutralize_formula("Comedor Centro"), "Comedor Centro");
        assert_eq!(restore_formula("O'Higgins"), "O'Higgins");
        assert_eq!(restore_formula("'texto"), "'texto");
    }
}
