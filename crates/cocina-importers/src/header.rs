//! Header recognition: which row holds the column names, and which canonical
//! field each column is.
//!
//! Header wording varies between deliveries (`CLAVE COCINA`, `CVE_COMEDOR`,
//! `No. DE COCINA`), so each [`Field`] has a list of synonyms. Wording is
//! compared after [`cocina_model::text::fold`] with spaces removed: case,
//! accents, spacing and punctuation do not matter, and a trailing
//! parenthesis (`EDAD (AÑOS)`) is ignored when the whole text matches
//! nothing. The header is the row, among the first [`HEADER_SCAN_ROWS`],
//! that names the most distinct fields.

use std::collections::HashMap;
use std::sync::LazyLock;

use cocina_model::CellRef;
use cocina_model::text::fold;

use crate::table::{Table, TableRow};
use crate::value::Value;

/// Rows (that hold anything) searched for the header, from the top.
pub const HEADER_SCAN_ROWS: usize = 30;

/// Fewest distinct fields a row must name to be taken as the header.
const MIN_HEADER_FIELDS: usize = 2;

/// A column the importer understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Field {
    /// The agency's kitchen key.
    KitchenKey,
    /// The kitchen's name.
    KitchenName,
    /// A name: the kitchen's in a kitchens list, the person's in a register.
    Name,
    /// First surname of a person (*apellido paterno*).
    FirstSurname,
    /// Second surname of a person (*apellido materno*).
    SecondSurname,
    /// A row number of the agency's own (*folio*, *No.*); not imported.
    Folio,
    /// Region name.
    Region,
    /// Municipality name.
    Municipality,
    /// INEGI municipality key.
    MunicipalityKey,
    /// Locality name.
    Locality,
    /// INEGI locality key.
    LocalityKey,
    /// INEGI state key.
    StateKey,
    /// INEGI combined key of the locality.
    Cvegeo,
    /// Street address of the kitchen.
    Address,
    /// Latitude in decimal degrees.
    Latitude,
    /// Longitude in decimal degrees.
    Longitude,
    /// Operating status.
    Status,
    /// Opening date.
    Opened,
    /// Closing date.
    Closed,
    /// Number of people the kitchen can serve.
    Capacity,
    /// Name of the committee's president; also a lone "responsible" column.
    President,
    /// A contact phone; a lone phone column is the president's.
    PresidentPhone,
    /// Name of the committee's secretary.
    Secretary,
    /// Phone of the committee's secretary.
    SecretaryPhone,
    /// Name of the committee's treasurer.
    Treasurer,
    /// Phone of the committee's treasurer.
    TreasurerPhone,
    /// A person's CURP.
    Curp,
    /// Sex.
    Sex,
    /// Age in years.
    Age,
    /// Birth date.
    BirthDate,
    /// Age group as the delivery gives it.
    AgeGroup,
    /// Registration date.
    Registered,
    /// Pregnant or breastfeeding flag.
    PregnantOrBreastfeeding,
    /// Disability flag (or kind of disability).
    Disability,
    /// Number of beneficiaries, in count tables; the quantity of a product,
    /// in endowment tables (both are headed *CANTIDAD*).
    Count,
    /// A product of an endowment.
    Product,
    /// The unit of a product's quantity.
    Unit,
    /// The period an endowment covers.
    Period,
    /// Energy in kilocalories.
    Energy,
    /// Protein in grams.
    Protein,
    /// Carbohydrate in grams.
    Carbohydrate,
    /// Fat (lipids) in grams.
    Fat,
    /// The supplier named in the tender result.
    Supplier,
    /// The tender (*licitación*) identifier.
    Tender,
}

/// Header wording by field. Add a spelling here and every layout using the
/// field accepts it; the comparison ignores case, accents, spaces and
/// punctuation, so `CVE_MUN` covers `Cve. Mun` and `cvemun`.
// One field per entry, its wordings filled to the line width.
#[rustfmt::skip]
const SYNONYMS: &[(Field, &[&str])] = &[
    (Field::KitchenKey, &["clave", "clave comedor", "clave cocina", "clave de la cocina",
        "clave del comedor", "clave de cocina", "cve cocina", "cve comedor", "no de cocina",
        "num cocina", "numero de cocina", "no cocina", "folio cocina", "folio comedor",
        "id cocina", "id comedor", "clave ccnc", "clave de comedor"]),
    (Field::KitchenName, &["nombre comedor", "nombre de la cocina", "nombre cocina",
        "nombre del comedor", "nombre de cocina", "nombre de comedor", "cocina", "comedor"]),
    (Field::Name, &["nombre", "nombres", "nombre completo", "nombre del beneficiario",
        "nombre beneficiario", "beneficiario", "nombre de la persona"]),
    (Field::FirstSurname, &["apellido paterno", "primer apellido", "ap paterno"]),
    (Field::SecondSurname, &["apellido materno", "segundo apellido", "ap materno"]),
    (Field::Folio, &["folio", "no", "num", "numero", "consecutivo", "no progresivo", "id"]),
    (Field::Region, &["region", "nombre region", "nombre de la region"]),
    (Field::Municipality, &["municipio", "nom mun", "nombre municipio", "nombre del municipio",
        "mpio", "nombre de municipio"]),
    (Field::MunicipalityKey, &["cve mun", "clave municipio", "clave del municipio",
        "cve municipio", "clave mun", "cve mpio", "clave de municipio", "clave inegi municipio"]),
    (Field::Locality, &["localidad", "nom loc", "nombre localidad", "nombre de la localidad",
        "comunidad", "nombre de localidad"]),
    (Field::LocalityKey, &["cve loc", "clave localidad", "clave de la localidad", "cve localidad",
        "clave loc", "clave de localidad"]),
    (Field::StateKey, &["cve ent", "clave entidad", "clave estado", "cve edo", "cve entidad"]),
    (Field::Cvegeo, &["cvegeo", "clave geoestadistica", "clave inegi"]),
    (Field::Address, &["direccion", "domicilio", "domicilio de la cocina", "calle y numero"]),
    (Field::Latitude, &["latitud", "lat", "y", "coord y", "coordenada y", "latitud n"]),
    (Field::Longitude, &["longitud", "lon", "long", "lng", "x", "coord x", "coordenada x",
        "longitud o", "longitud w"]),
    (Field::Status, &["estatus", "status", "situacion", "estado operativo", "estatus de la cocina",
        "estado de la cocina", "condicion"]),
    (Field::Opened, &["fecha apertura", "fecha de apertura", "fecha inicio", "fecha de inicio",
        "fecha de instalacion", "fecha instalacion", "apertura"]),
    (Field::Closed, &["fecha cierre", "fecha de cierre", "fecha de baja", "fecha baja"]),
    (Field::Capacity, &["capacidad", "capacidad de atencion", "capacidad instalada"]),
    (Field::President, &["presidenta", "presidente", "presidenta del comite", "nombre presidenta",
        "nombre de la presidenta", "responsable", "nombre responsable", "nombre del responsable",
        "contacto"]),
    (Field::PresidentPhone, &["telefono", "tel", "celular", "telefono de contacto",
        "telefono presidenta", "telefono de la presidenta", "telefono responsable",
        "tel presidenta", "num telefono", "numero de telefono"]),
    (Field::Secretary, &["secretaria", "secretaria del comite", "nombre secretaria"]),
    (Field::SecretaryPhone, &["telefono secretaria", "tel secretaria"]),
    (Field::Treasurer, &["tesorera", "tesorera del comite", "nombre tesorera"]),
    (Field::TreasurerPhone, &["telefono tesorera", "tel tesorera"]),
    (Field::Curp, &["curp", "clave curp", "curp del beneficiario",
        "clave unica de registro de poblacion"]),
    (Field::Sex, &["sexo", "genero", "sex", "h m", "m h", "hombre mujer"]),
    (Field::Age, &["edad", "edad anos", "edad en anos", "anos", "edad actual"]),
    (Field::BirthDate, &["fecha de nacimiento", "fecha nacimiento", "f nac", "fec nac", "f de nac",
        "fecha nac", "nacimiento", "fecha de nac"]),
    (Field::AgeGroup, &["rango edad", "rango de edad", "grupo edad", "grupo de edad",
        "grupo etario", "rango etario", "grupo etareo"]),
    (Field::Registered, &["fecha registro", "fecha de registro", "fecha de alta", "fecha alta",
        "fecha ingreso", "fecha de ingreso"]),
    (Field::PregnantOrBreastfeeding, &["embarazada lactancia", "embarazada o lactante",
        "embarazada", "lactancia", "embarazada o en lactancia", "mujer embarazada o en lactancia",
        "embarazada lactando", "embarazo lactancia"]),
    (Field::Disability, &["discapacidad", "con discapacidad", "persona con discapacidad",
        "tipo de discapacidad"]),
    (Field::Count, &["cantidad", "total", "numero de beneficiarios", "beneficiarios",
        "num beneficiarios", "total beneficiarios", "total de beneficiarios", "conteo",
        "no de beneficiarios"]),
    (Field::Product, &["producto", "productos", "insumo", "insumos", "articulo", "alimento",
        "descripcion del producto", "nombre del producto"]),
    (Field::Unit, &["unidad", "unidad de medida", "u m", "unidad medida"]),
    (Field::Period, &["periodo", "periodicidad", "frecuencia", "periodo de entrega"]),
    (Field::Energy, &["energia", "energia kcal", "kcal", "calorias", "kilocalorias",
        "energia kilocalorias", "aporte energetico"]),
    (Field::Protein, &["proteinas", "proteinas g", "proteina", "proteina g"]),
    (Field::Carbohydrate, &["hidratos de carbono", "hidratos de carbono g", "carbohidratos",
        "carbohidratos g", "hidratos de carbono totales", "hidratos carbono",
        "hidratos carbono g"]),
    (Field::Fat, &["lipidos", "lipidos g", "grasas", "grasas g", "grasa", "grasa g"]),
    (Field::Supplier, &["proveedor", "proveedora", "empresa proveedora", "nombre del proveedor",
        "razon social del proveedor"]),
    (Field::Tender, &["licitacion", "no de licitacion", "numero de licitacion",
        "clave de licitacion", "licitacion publica", "numero de la licitacion"]),
];

/// Folds wording for comparison: [`fold`], then without spaces.
fn key_of(text: &str) -> String {
    fold(text).replace(' ', "")
}

static LOOKUP: LazyLock<HashMap<String, Field>> = LazyLock::new(|| {
    SYNONYMS
        .iter()
        .flat_map(|(field, words)| words.iter().map(move |w| (key_of(w), *field)))
        .collect()
});

impl Field {
    /// Recognises header wording; `None` for wording no field uses.
    ///
    /// ```
    /// use cocina_importers::Field;
    ///
    /// assert_eq!(Field::from_header("No. DE COCINA"), Some(Field::KitchenKey));
    /// assert_eq!(Field::from_header(" Sexo "), Some(Field::Sex));
    /// assert_eq!(Field::from_header("EDAD (AÑOS)"), Some(Field::Age));
    /// assert_eq!(Field::from_header("observaciones"), None);
    /// ```
    #[must_use]
    pub fn from_header(text: &str) -> Option<Field> {
        if let Some(field) = LOOKUP.get(&key_of(text)) {
            return Some(*field);
        }
        let (before, _) = text.split_once('(')?;
        LOOKUP.get(&key_of(before)).copied()
    }

    /// Returns every field, in declaration order.
    pub fn all() -> impl Iterator<Item = Field> {
        SYNONYMS.iter().map(|(field, _)| *field)
    }

    /// Returns the header wordings recognised for this field.
    #[must_use]
    pub fn synonyms(self) -> &'static [&'static str] {
        SYNONYMS
            .iter()
            .find(|(field, _)| *field == self)
            .map_or(&[], |(_, words)| words)
    }
}

/// A table's header: its row and the column of each field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    /// Sheet row of the header.
    pub(crate) row: u32,
    /// Fields named exactly once, with their 1-based column.
    pub(crate) columns: Vec<(Field, u32)>,
    /// The trimmed wording of each field's header cell, in `columns` order.
    pub(crate) labels: Vec<String>,
    /// Fields named more than once: present, but none of their columns is
    /// used.
    pub(crate) duplicated: Vec<Field>,
    /// Header cells repeating a field named further left.
    pub(crate) duplicate_cells: Vec<(CellRef, Field)>,
    /// Blank header cells with data below them, between the first and last
    /// named columns.
    pub(crate) blank_cells: Vec<CellRef>,
}

impl Header {
    /// Returns the column of `field`, if the header names it exactly once.
    pub(crate) fn column(&self, field: Field) -> Option<u32> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| *c)
    }

    /// Returns whether the header names `field`, even ambiguously.
    pub(crate) fn has(&self, field: Field) -> bool {
        self.column(field).is_some() || self.duplicated.contains(&field)
    }
}

/// Finds the header row and maps its columns, noting blank and duplicate
/// header cells. `None` when no row names enough fields.
pub(crate) fn find_header(table: &Table) -> Option<Header> {
    let (index, _) = table
        .rows()
        .iter()
        .take(HEADER_SCAN_ROWS)
        .enumerate()
        .map(|(i, row)| (i, distinct_fields(row)))
        .filter(|(_, score)| *score >= MIN_HEADER_FIELDS)
        // The first of equally good rows: titles come above the header.
        .min_by_key(|(i, score)| (usize::MAX - score, *i))?;
    let row = &table.rows()[index];
    let (file, sheet) = (table.file(), table.sheet());
    tracing::debug!(%file, ?sheet, row = row.number(), "header found");
    let mut header = map_columns(row);
    header.blank_cells = blank_headers(table, index);
    Some(header)
}

fn distinct_fields(row: &TableRow) -> usize {
    let mut fields: Vec<Field> = row.cells().filter_map(|(_, v)| field_of(v)).collect();
    fields.sort_unstable();
    fields.dedup();
    fields.len()
}

fn field_of(value: &Value) -> Option<Field> {
    value.as_text().and_then(Field::from_header)
}

fn map_columns(row: &TableRow) -> Header {
    let mut columns: Vec<(Field, u32)> = Vec::new();
    let mut labels = Vec::new();
    let mut duplicated = Vec::new();
    let mut duplicate_cells = Vec::new();
    for (column, value) in row.cells() {
        let Some(field) = field_of(value) else {
            continue;
        };
        if columns.iter().any(|(f, _)| *f == field) {
            let cell = CellRef {
                row: row.number(),
                column,
            };
            duplicate_cells.push((cell, field));
            if !duplicated.contains(&field) {
                duplicated.push(field);
            }
        } else {
            columns.push((field, column));
            labels.push(value.as_text().unwrap_or_default().trim().to_owned());
        }
    }
    // Never pick one of two columns with the same meaning.
    let (columns, labels) = columns
        .into_iter()
        .zip(labels)
        .filter(|((f, _), _)| !duplicated.contains(f))
        .unzip();
    Header {
        row: row.number(),
        columns,
        labels,
        duplicated,
        duplicate_cells,
        blank_cells: Vec::new(),
    }
}

/// Returns header cells that are blank while data sits below them, between
/// the header's first and last named columns.
fn blank_headers(table: &Table, header_index: usize) -> Vec<CellRef> {
    let header = &table.rows()[header_index];
    let named: Vec<u32> = header
        .cells()
        .filter(|(_, v)| !v.is_blank())
        .map(|(c, _)| c)
        .collect();
    let (Some(&first), Some(&last)) = (named.first(), named.last()) else {
        return Vec::new();
    };
    let below = &table.rows()[header_index + 1..];
    (first..=last)
        .filter(|c| named.binary_search(c).is_err())
        .filter(|&c| below.iter().any(|row| !row.get(c).is_blank()))
        .map(|column| CellRef {
            row: header.number(),
            column,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_synonym_is_listed_once() {
        let mut seen: HashMap<String, Field> = HashMap::new();
        let mut repeated = Vec::new();
        for (field, words) in SYNONYMS {
            for word in *words {
                if let Some(other) = seen.insert(key_of(word), *field) {
                    repeated.push(format!("{word:?} ({other:?}, {field:?})"));
                }
            }
        }
        assert!(repeated.is_empty(), "listed twice: {repeated:?}");
    }

    #[test]
    fn wording_variants_are_recognised() {
        for (text, field) in [
            ("CVE_COMEDOR", Field::KitchenKey),
            ("CLAVE_COMEDOR", Field::KitchenKey),
            ("NOMBRE DE LA COCINA", Field::KitchenName),
            ("NOM_MUN", Field::Municipality),
            ("Cve. Mun.", Field::MunicipalityKey),
            ("F. NAC.", Field::BirthDate),
            ("FECHA_DE_NACIMIENTO", Field::BirthDate),
            ("LONG", Field::Longitude),
            ("Y", Field::Latitude),
            ("Teléfono", Field::PresidentPhone),
            ("RANGO_EDAD", Field::AgeGroup),
            ("ENERGIA (KCAL)", Field::Energy),
            ("PROTEÍNAS (G)", Field::Protein),
            ("HIDRATOS DE CARBONO (G)", Field::Carbohydrate),
            ("LÍPIDOS (G)", Field::Fat),
            ("LICITACIÓN", Field::Tender),
        ] {
            assert_eq!(Field::from_header(text), Some(field), "{text}");
        }
        assert_eq!(
            Field::from_header("ESTADO"),
            None,
            "estado is the state, not a status"
        );
    }
}
