//! The planted faults: what is changed in the drawn data, and where each
//! fault lands once the files are laid out.

use std::collections::{BTreeSet, HashMap};

use cocina_geography::NameMatch;
use cocina_model::{CellRef, KitchenStatus};
use rand::Rng;
use rand::seq::SliceRandom;

use crate::layout::KitchensLayout;
use crate::places::{self, Places};
use crate::{KitchenRow, MANIFEST_FILE, PersonRow, PlantedFault, people, write};

/// A municipality name that no Oaxaca municipality has (CA-G001).
pub(crate) const UNKNOWN_MUNICIPALITY: &str = "SAN JUAN DE LAS PALMAS ALTAS";
/// A name two municipalities share (CA-G002).
pub(crate) const AMBIGUOUS_MUNICIPALITY: &str = "SAN JUAN MIXTEPEC";
/// The requested item that did not come (CA-D001).
pub(crate) const ITEM_NOT_DELIVERED: &str =
    "Georreferenciación de las cocinas en formato cartográfico (shapefile)";

/// Where a fault is, before the files are laid out.
enum Target {
    /// A field of kitchen row `index`.
    Kitchen(usize, &'static str),
    /// A field of register row `index`.
    Person(usize, &'static str),
    /// The manifest as a whole.
    Manifest,
}

/// The faults planted so far.
#[derive(Default)]
pub(crate) struct Plan {
    faults: Vec<(&'static str, Target, String)>,
}

impl Plan {
    /// Plants the faults of the kitchens list: two keys listed again, points
    /// moved outside their municipality, longitudes without their minus
    /// sign, latitude and longitude swapped, an unknown and an ambiguous
    /// municipality name.
    pub(crate) fn kitchens(
        &mut self,
        rng: &mut impl Rng,
        places: &Places<'_>,
        kitchens: &mut Vec<KitchenRow>,
    ) {
        self.duplicate_keys(rng, places, kitchens);
        let repeated: BTreeSet<&str> = self
            .kitchen_rows("CA-S001")
            .map(|i| kitchens[i].key.as_str())
            .collect();
        let mut free: Vec<usize> = (0..kitchens.len())
            .filter(|&i| !repeated.contains(kitchens[i].key.as_str()))
            .collect();
        let (chosen, _) = free.partial_shuffle(rng, 11);
        let mut chosen = chosen.to_vec();
        chosen.sort_unstable();
        for &row in &chosen[..3] {
            let k = &mut kitchens[row];
            places::move_elsewhere(rng, places.catalog, k);
            let what = format!(
                "point moved more than 5 km outside {}",
                k.municipality_written
            );
            self.kitchen("CA-G003", row, "latitud", what);
        }
        for &row in &chosen[3..6] {
            let k = &mut kitchens[row];
            k.lon = -k.lon;
            self.kitchen(
                "CA-G004",
                row,
                "longitud",
                format!("longitude {} written without its minus sign", k.lon),
            );
        }
        for &row in &chosen[6..9] {
            let k = &mut kitchens[row];
            std::mem::swap(&mut k.lat, &mut k.lon);
            self.kitchen(
                "CA-G005",
                row,
                "latitud",
                "latitude and longitude swapped".into(),
            );
        }
        assert_eq!(
            places.catalog.resolve_name(UNKNOWN_MUNICIPALITY),
            NameMatch::NotFound
        );
        kitchens[chosen[9]].municipality_written = UNKNOWN_MUNICIPALITY.into();
        self.kitchen(
            "CA-G001",
            chosen[9],
            "municipio",
            "municipality name that does not exist".into(),
        );
        kitchens[chosen[10]].municipality_written = AMBIGUOUS_MUNICIPALITY.into();
        self.kitchen(
            "CA-G002",
            chosen[10],
            "municipio",
            "municipality name shared by two municipalities".into(),
        );
    }

    /// Lists two keys again, for other kitchens of the same zone, written at
    /// the end of that zone's sheet as a late addition would be: after the
    /// first listing in file order. Both listings are in operation, so the
    /// register of the key belongs to either.
    fn duplicate_keys(
        &mut self,
        rng: &mut impl Rng,
        places: &Places<'_>,
        kitchens: &mut Vec<KitchenRow>,
    ) {
        let total = kitchens.len();
        for source in [total / 3, total * 2 / 3] {
            kitchens[source].status = KitchenStatus::Operating;
            let zone = kitchens[source].zone;
            let mut copy = places::kitchen_in_zone(rng, places, zone);
            copy.key.clone_from(&kitchens[source].key);
            copy.status = KitchenStatus::Operating;
            let end = kitchens
                .iter()
                .rposition(|k| k.zone == zone)
                .expect("the source's zone")
                + 1;
            kitchens.insert(end, copy);
        }
        let mut seen = HashMap::new();
        for (row, k) in kitchens.iter().enumerate() {
            if seen.insert(k.key.as_str(), row).is_some() {
                let what = format!("key {} listed again, for another kitchen", k.key);
                self.faults
                    .push(("CA-S001", Target::Kitchen(row, "clave"), what));
            }
        }
    }

    fn kitchen_rows(&self, code: &str) -> impl Iterator<Item = usize> + '_ {
        let code = code.to_owned();
        self.faults
            .iter()
            .filter_map(move |(c, target, _)| match target {
                Target::Kitchen(row, _) if *c == code => Some(*row),
                _ => None,
            })
    }

    fn kitchen(&mut self, code: &'static str, row: usize, field: &'static str, what: String) {
        self.faults.push((code, Target::Kitchen(row, field), what));
    }

    /// Plants the faults of the register: wrong CURP check digits, people in
    /// kitchens that are not listed, and people registered again in another
    /// kitchen (the whole record copied, so only the repetition is wrong).
    /// Also the manifest's item that did not come.
    pub(crate) fn people(&mut self, rng: &mut impl Rng, people: &mut [PersonRow]) {
        let mut rows: Vec<usize> = (0..people.len()).collect();
        let (chosen, _) = rows.partial_shuffle(rng, 14);
        let mut chosen = chosen.to_vec();
        chosen.sort_unstable();
        for &row in &chosen[..6] {
            people[row].curp = people::break_check_digit(&people[row].curp);
            let what = "CURP check digit changed".to_owned();
            self.faults
                .push(("CA-P001", Target::Person(row, "curp"), what));
        }
        for (n, &row) in chosen[6..11].iter().enumerate() {
            people[row].kitchen = places::key(9_001 + n);
            let what = format!(
                "registered at kitchen {}, which is not listed",
                people[row].kitchen
            );
            self.faults
                .push(("CA-S002", Target::Person(row, "clave_comedor"), what));
        }
        for &row in &chosen[11..] {
            // The first record of another kitchen, earlier in the file.
            let source = (0..row)
                .rev()
                .find(|&i| people[i].kitchen != people[row].kitchen && !chosen.contains(&i))
                .unwrap_or(0);
            let kitchen = people[row].kitchen.clone();
            people[row] = PersonRow {
                kitchen,
                ..people[source].clone()
            };
            let what = format!(
                "same person as row {} of kitchen {}",
                write::person_sheet_row(source),
                people[source].kitchen
            );
            self.faults
                .push(("CA-P004", Target::Person(row, "curp"), what));
        }
        let what = format!("requested item that did not come: \"{ITEM_NOT_DELIVERED}\"");
        self.faults.push(("CA-D001", Target::Manifest, what));
    }

    /// Resolves every fault to its file, sheet and cell.
    pub(crate) fn into_faults(self, layout: &KitchensLayout) -> Vec<PlantedFault> {
        let mut out: Vec<PlantedFault> = self
            .faults
            .into_iter()
            .map(|(code, target, what)| match target {
                Target::Kitchen(row, field) => layout.fault(code, row, field, what),
                Target::Person(row, field) => write::person_fault(code, row, field, what),
                Target::Manifest => PlantedFault {
                    code,
                    file: MANIFEST_FILE,
                    sheet: String::new(),
                    cell: String::new(),
                    what,
                },
            })
            .collect();
        // In reading order: by rule, file and sheet, then row and column
        // (E59 before E121).
        out.sort_by_cached_key(|f| {
            let cell = CellRef::parse_a1(&f.cell);
            let place = cell.map(|c| (c.row, c.column));
            (f.code, f.file, f.sheet.clone(), place, f.what.clone())
        });
        out
    }
}
