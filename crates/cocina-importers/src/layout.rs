//! Layouts: what kind of table a header describes, and the canonical names
//! its columns get.
//!
//! A *layout* is a rule on the fields a header names plus the code that
//! turns rows into records. Four are known:
//!
//! | kind | recognised when the header names |
//! |---|---|
//! | [`Endowments`] | a product, and a quantity, unit or energy |
//! | [`BeneficiaryCounts`] | a kitchen key, a count, sex or age group; nothing personal |
//! | [`Beneficiaries`] | a CURP, age or birth date; or a kitchen key and sex |
//! | [`Kitchens`] | a kitchen key and a name or place; nothing about people |
//!
//! The rules are tried in that order.
//!
//! [`Endowments`]: TableKind::Endowments
//! [`BeneficiaryCounts`]: TableKind::BeneficiaryCounts
//! [`Beneficiaries`]: TableKind::Beneficiaries
//! [`Kitchens`]: TableKind::Kitchens
//!
//! Fields named twice still count as named here, so a duplicated header
//! does not change what the table is.

use std::sync::Arc;

use cocina_model::ColumnMap;
use serde::Serialize;

use crate::header::{Field, Header};

/// The kinds of table the importer turns into records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TableKind {
    /// A list of kitchens, one per row.
    Kitchens,
    /// A register of beneficiaries, one person per row.
    Beneficiaries,
    /// Beneficiary counts per kitchen, sex and age group.
    BeneficiaryCounts,
    /// Endowment lines: one product of one age group's ration per row.
    Endowments,
}

/// Fields that only describe a person.
const PERSONAL: [Field; 3] = [Field::Curp, Field::Age, Field::BirthDate];

/// Fields that place or name a kitchen.
const KITCHEN_DESCRIPTION: [Field; 7] = [
    Field::KitchenName,
    Field::Name,
    Field::Municipality,
    Field::MunicipalityKey,
    Field::Locality,
    Field::Cvegeo,
    Field::Latitude,
];

impl TableKind {
    /// Recognises a table from the fields its header names; `None` when it
    /// is none of the known kinds.
    pub(crate) fn classify(header: &Header) -> Option<TableKind> {
        let has_any = |fields: &[Field]| fields.iter().any(|f| header.has(*f));
        let key = header.has(Field::KitchenKey);
        let personal = has_any(&PERSONAL);
        let grouped = has_any(&[Field::Sex, Field::AgeGroup]);
        if header.has(Field::Product) && has_any(&[Field::Count, Field::Unit, Field::Energy]) {
            return Some(TableKind::Endowments);
        }
        if key && header.has(Field::Count) && grouped && !personal && !header.has(Field::Name) {
            return Some(TableKind::BeneficiaryCounts);
        }
        if personal || (key && header.has(Field::Sex)) {
            return Some(TableKind::Beneficiaries);
        }
        // Surnames mean the rows are people, such as a committee roster: its
        // NOMBRE is a person's name and must never become a kitchen's.
        if has_any(&[Field::FirstSurname, Field::SecondSurname]) {
            return None;
        }
        if key && has_any(&KITCHEN_DESCRIPTION) {
            return Some(TableKind::Kitchens);
        }
        None
    }

    /// Returns the canonical name of `field` in this kind of table: the name
    /// of its column in every record's [`ColumnMap`] and in issues.
    ///
    /// The kitchen key is `clave` in a kitchens list and `clave_comedor`
    /// elsewhere; a kitchen's name is `nombre` in a kitchens list, where a
    /// person's name is never read.
    #[must_use]
    pub fn field_name(self, field: Field) -> &'static str {
        let kitchens = self == TableKind::Kitchens;
        match field {
            Field::KitchenKey if kitchens => "clave",
            Field::KitchenKey => "clave_comedor",
            Field::KitchenName if kitchens => "nombre",
            Field::KitchenName => "nombre_comedor",
            Field::Name => "nombre",
            Field::FirstSurname => "apellido_paterno",
            Field::SecondSurname => "apellido_materno",
            Field::Folio => "folio",
            Field::Region => "region",
            Field::Municipality => "municipio",
            Field::MunicipalityKey => "cve_mun",
            Field::Locality => "localidad",
            Field::LocalityKey => "cve_loc",
            Field::StateKey => "cve_ent",
            Field::Cvegeo => "cvegeo",
            Field::Address => "direccion",
            Field::Latitude => "latitud",
            Field::Longitude => "longitud",
            Field::Status => "estatus",
            Field::Opened => "fecha_apertura",
            Field::Closed => "fecha_cierre",
            Field::Capacity => "capacidad",
            Field::President => "presidenta",
            Field::PresidentPhone => "telefono",
            Field::Secretary => "secretaria",
            Field::SecretaryPhone => "telefono_secretaria",
            Field::Treasurer => "tesorera",
            Field::TreasurerPhone => "telefono_tesorera",
            Field::Curp => "curp",
            Field::Sex => "sexo",
            Field::Age => "edad",
            Field::BirthDate => "fecha_nacimiento",
            Field::AgeGroup => "rango_edad",
            Field::Registered => "fecha_registro",
            Field::PregnantOrBreastfeeding => "embarazada_lactancia",
            Field::Disability => "discapacidad",
            Field::Count => "cantidad",
            Field::Product => "producto",
            Field::Unit => "unidad",
            Field::Period => "periodo",
            Field::Energy => "energia_kcal",
            Field::Protein => "proteinas_g",
            Field::Carbohydrate => "hidratos_carbono_g",
            Field::Fat => "lipidos_g",
            Field::Supplier => "proveedor",
            Field::Tender => "licitacion",
        }
    }
}

/// The columns a table's rows are read from, by field, with the shared
/// [`ColumnMap`] every record's origin points to.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    pub(crate) kind: TableKind,
    fields: Vec<(Field, u32)>,
    /// The header wording of each field, in `fields` order.
    labels: Vec<String>,
    pub(crate) map: Arc<ColumnMap>,
}

impl Columns {
    pub(crate) fn new(kind: TableKind, header: &Header) -> Self {
        // In a kitchens list a plain NOMBRE is the kitchen's name, unless a
        // kitchen-name column exists; then NOMBRE is left unread rather than
        // guessed.
        let drop_name = kind == TableKind::Kitchens && header.column(Field::KitchenName).is_some();
        let (fields, labels): (Vec<_>, Vec<_>) = header
            .columns
            .iter()
            .zip(&header.labels)
            .filter(|((f, _), _)| !(drop_name && *f == Field::Name))
            .map(|(column, label)| (*column, label.clone()))
            .unzip();
        let mut map = ColumnMap::default();
        for (field, column) in &fields {
            map.insert(kind.field_name(*field), *column);
        }
        Self {
            kind,
            fields,
            labels,
            map: Arc::new(map),
        }
    }

    /// Returns the column of `field`, if read.
    pub(crate) fn column(&self, field: Field) -> Option<u32> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| *c)
    }

    /// Iterates over `(field, column)`.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (Field, u32)> + '_ {
        self.fields.iter().copied()
    }

    /// Iterates over `(column, header wording)`.
    pub(crate) fn labels(&self) -> impl Iterator<Item = (u32, &str)> + '_ {
        self.fields
            .iter()
            .zip(&self.labels)
            .map(|((_, c), l)| (*c, l.as_str()))
    }

    /// Returns the canonical name of `field` in this table.
    pub(crate) fn name(&self, field: Field) -> &'static str {
        self.kind.field_name(field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(fields: &[Field]) -> Header {
        Header {
            row: 1,
            columns: fields.iter().zip(1..).map(|(f, c)| (*f, c)).collect(),
            labels: fields.iter().map(|f| format!("{f:?}")).collect(),
            duplicated: Vec::new(),
            duplicate_cells: Vec::new(),
            blank_cells: Vec::new(),
        }
    }

    #[test]
    fn kinds_follow_the_named_fields() {
        use Field::*;
        let kind = |fields: &[Field]| TableKind::classify(&header(fields));
        assert_eq!(
            kind(&[KitchenKey, KitchenName, Municipality]),
            Some(TableKind::Kitchens)
        );
        assert_eq!(
            kind(&[Folio, KitchenKey, Sex, Age]),
            Some(TableKind::Beneficiaries)
        );
        assert_eq!(
            kind(&[Folio, Name, Sex, BirthDate, Curp]),
            Some(TableKind::Beneficiaries)
        );
        assert_eq!(
            kind(&[KitchenKey, Sex, AgeGroup, Count]),
            Some(TableKind::BeneficiaryCounts)
        );
        let endowment = [AgeGroup, Product, Count, Unit, Energy, Supplier];
        assert_eq!(kind(&endowment), Some(TableKind::Endowments));
        let per_kitchen = [KitchenKey, AgeGroup, Product, Count, Unit];
        assert_eq!(kind(&per_kitchen), Some(TableKind::Endowments));
        assert_eq!(kind(&[KitchenKey, Opened]), None);
        assert_eq!(kind(&[Name, Municipality]), None);
        // A committee roster is a list of people, not of kitchens.
        let roster = [
            KitchenKey,
            Name,
            FirstSurname,
            SecondSurname,
            PresidentPhone,
        ];
        assert_eq!(kind(&roster), None);
    }

    #[test]
    fn every_field_has_a_distinct_name_per_kind() {
        for kind in [
            TableKind::Kitchens,
            TableKind::Beneficiaries,
            TableKind::Endowments,
        ] {
            let mut names: Vec<_> = Field::all()
                .filter(|f| !(kind == TableKind::Kitchens && *f == Field::Name))
                .map(|f| kind.field_name(f))
                .collect();
            names.sort_unstable();
            let before = names.len();
            names.dedup();
            assert_eq!(names.len(), before, "{kind:?}");
        }
    }
}
