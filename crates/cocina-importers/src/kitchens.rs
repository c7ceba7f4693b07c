//! Kitchens lists: one kitchen per row.

use cocina_model::{
    CommitteeContact, CommitteeRole, Cvegeo, Kitchen, KitchenStatus, LocalityKey, MunicipalityKey,
    PersonName, PhoneNumber, StateKey,
};
use geo_types::Point;

use crate::header::{Field, Header};
use crate::issue::IssueKind;
use crate::layout::Columns;
use crate::record::RowReader;
use crate::rows::read_rows;
use crate::table::Table;
use crate::value;
use crate::{ImportOptions, ImportedFile};

/// Committee roles with the fields of their name and phone.
const CONTACTS: [(CommitteeRole, Field, Field); 3] = [
    (
        CommitteeRole::President,
        Field::President,
        Field::PresidentPhone,
    ),
    (
        CommitteeRole::Secretary,
        Field::Secretary,
        Field::SecretaryPhone,
    ),
    (
        CommitteeRole::Treasurer,
        Field::Treasurer,
        Field::TreasurerPhone,
    ),
];

/// Reads every data row below the header as a kitchen.
pub(crate) fn read(
    table: &Table,
    header: &Header,
    columns: &Columns,
    options: &ImportOptions,
    out: &mut ImportedFile,
) {
    read_rows(table, header, columns, &mut out.issues, |r| {
        r.set_text_limit(options.limits.max_text_chars);
        if let Some(kitchen) = kitchen(r, options) {
            out.kitchens.push(kitchen);
        }
    });
}

fn kitchen(r: &mut RowReader<'_>, options: &ImportOptions) -> Option<Kitchen> {
    let key = r.kitchen_key(&options.withheld_keys)?;
    let keys = InegiKeys::read(r);
    let name_field = if r.has(Field::KitchenName) {
        Field::KitchenName
    } else {
        Field::Name
    };
    Some(Kitchen {
        key,
        name: r.public_text(name_field).unwrap_or_default(),
        state: keys.state.unwrap_or_else(StateKey::oaxaca),
        municipality: keys.municipality,
        municipality_name: r.public_text(Field::Municipality),
        locality: keys.locality,
        locality_name: r.public_text(Field::Locality),
        region_name: r.public_text(Field::Region),
        address: r.public_text(Field::Address),
        location: location(r),
        status: status(r),
        opened: r.date(Field::Opened),
        closed: r.date(Field::Closed),
        capacity: r.whole_number(Field::Capacity),
        contacts: contacts(r),
        origin: r.origin(),
    })
}

/// The INEGI keys of a row: from their own columns, completed from the
/// CVEGEO when a column is missing.
struct InegiKeys {
    state: Option<StateKey>,
    municipality: Option<MunicipalityKey>,
    locality: Option<LocalityKey>,
}

impl InegiKeys {
    fn read(r: &mut RowReader<'_>) -> Self {
        let mut keys = Self {
            state: r.key(Field::StateKey, StateKey::WIDTH, StateKey::new),
            municipality: r.key(
                Field::MunicipalityKey,
                MunicipalityKey::WIDTH,
                MunicipalityKey::new,
            ),
            locality: r.key(Field::LocalityKey, LocalityKey::WIDTH, LocalityKey::new),
        };
        if let Some(cvegeo) = r.locality_cvegeo() {
            keys.complete_from(r, cvegeo);
        }
        keys
    }

    /// Fills missing keys from `cvegeo`; where a key was given and differs,
    /// keeps it and records the disagreement at the CVEGEO cell.
    fn complete_from(&mut self, r: &mut RowReader<'_>, cvegeo: Cvegeo) {
        let mut differs = |other: Field| {
            let kind = IssueKind::InconsistentKeys {
                field: "cvegeo".to_owned(),
                other: crate::layout::TableKind::Kitchens
                    .field_name(other)
                    .to_owned(),
            };
            r.report(Field::Cvegeo, kind);
        };
        match self.state {
            Some(state) if state != cvegeo.state => differs(Field::StateKey),
            Some(_) => {}
            None => self.state = Some(cvegeo.state),
        }
        match self.municipality {
            Some(m) if m != cvegeo.municipality => differs(Field::MunicipalityKey),
            Some(_) => {}
            None => self.municipality = Some(cvegeo.municipality),
        }
        match (self.locality, cvegeo.locality) {
            (Some(l), Some(c)) if l != c => differs(Field::LocalityKey),
            (None, from_cvegeo) => self.locality = from_cvegeo,
            _ => {}
        }
    }
}

/// Reads the point as given, in decimal degrees or degrees-minutes-seconds;
/// validation judges whether it is plausible.
fn location(r: &mut RowReader<'_>) -> Option<Point<f64>> {
    let latitude = r.coordinate(Field::Latitude);
    let longitude = r.coordinate(Field::Longitude);
    Some(Point::new(longitude?, latitude?))
}

fn status(r: &mut RowReader<'_>) -> KitchenStatus {
    let Some(text) = r.text(Field::Status) else {
        return KitchenStatus::default();
    };
    value::parse_status(&text)
        .or_else(|| KitchenStatus::from_spanish(&text))
        .unwrap_or_else(|| {
            r.invalid(Field::Status, "a status: operando, suspendida or cerrada");
            KitchenStatus::default()
        })
}

fn contacts(r: &mut RowReader<'_>) -> Vec<CommitteeContact> {
    CONTACTS
        .iter()
        .filter_map(|&(role, name_field, phone_field)| {
            let name = r.free_text(name_field).map(PersonName::new);
            let phone = r.free_text(phone_field).map(PhoneNumber::new);
            (name.is_some() || phone.is_some()).then_some(CommitteeContact { role, name, phone })
        })
        .collect()
}
