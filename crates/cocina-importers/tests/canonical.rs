//! The canonical form written by `write_canonical`: formula-like text is
//! marked, numbers are not (C15), and the files read back to the same
//! records.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use cocina_importers::{ImportOptions, ImportedDelivery, import_delivery, write_canonical};
use cocina_model::curp::check_digit;
use cocina_model::{
    AgeBins, Beneficiary, BeneficiaryCount, ColumnMap, CommitteeContact, CommitteeRole, Curp,
    CurpError, CurpField, Delivery, Kitchen, KitchenKey, KitchenStatus, LocalityKey,
    MunicipalityKey, PersonName, PhoneNumber, PriorityGroup, RowOrigin, Sex, StateKey,
};
use geo_types::Point;
use proptest::prelude::*;
use serde_json::Value;

use crate::support::{EXPECTED, cases_dir};

/// Imports `dir`, writes its canonical form and imports that back.
fn round_trip(imported: &ImportedDelivery) -> (tempfile::TempDir, ImportedDelivery) {
    let out = tempfile::tempdir().expect("temporary directory");
    write_canonical(imported, out.path()).expect("canonical form written");
    let again = import_delivery(out.path(), &ImportOptions::default()).expect("read back");
    (out, again)
}

/// A record as JSON without its origin, and with a CURP reduced to whether
/// it was valid: the importer keeps no value for an invalid one.
fn comparable<T: serde::Serialize>(record: &T) -> Value {
    let mut value = serde_json::to_value(record).expect("records serialise");
    let object = value.as_object_mut().expect("records are objects");
    object.remove("origin");
    if let Some(curp) = object.get_mut("curp") {
        let validity = curp.get("invalid").map(|_| "invalid");
        *curp = validity.map_or_else(|| curp.clone(), Value::from);
    }
    value
}

fn assert_same<T: serde::Serialize>(before: &[T], after: &[T]) {
    assert_eq!(before.len(), after.len());
    for (x, y) in before.iter().zip(after) {
        assert_eq!(comparable(x), comparable(y));
    }
}

fn assert_same_records(before: &ImportedDelivery, after: &ImportedDelivery) {
    assert_same(&before.kitchens, &after.kitchens);
    assert_same(&before.beneficiaries, &after.beneficiaries);
    assert_same(&before.counts, &after.counts);
}

fn example_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/entrega-2016")
}

#[test]
fn example_delivery_round_trips_through_the_canonical_form() {
    let before = import_delivery(&example_dir(), &ImportOptions::default()).expect("example");
    assert!(!before.kitchens.is_empty() && !before.beneficiaries.is_empty());

    let (_out, after) = round_trip(&before);

    assert_same_records(&before, &after);
    assert_eq!(after.delivery.id, before.delivery.id);
    assert_eq!(after.delivery.cut_date, before.delivery.cut_date);
    assert_eq!(after.delivery.request, before.delivery.request);
    assert_eq!(after.delivery.items, before.delivery.items);
}

/// Reads a CSV file into rows keyed by their first field.
fn csv_rows(path: &Path) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_path(path).expect("canonical CSV");
    let header = reader.headers().expect("header").clone();
    let rows = reader.records().map(|r| r.expect("record")).collect();
    (header, rows)
}

#[test]
#[expect(
    clippy::float_cmp,
    reason = "a written coordinate must be the very value read"
)]
fn formula_text_is_marked_and_numbers_are_not_c15() {
    let source = tempfile::tempdir().unwrap();
    let name = "C15_csv_formula_injection.xlsx";
    std::fs::copy(cases_dir().join(name), source.path().join(name)).unwrap();
    let imported = import_delivery(source.path(), &ImportOptions::default()).unwrap();
    let out = tempfile::tempdir().unwrap();

    let files = write_canonical(&imported, out.path()).unwrap();

    let (header, rows) = csv_rows(&files.kitchens);
    let column = |name| header.iter().position(|h| h == name).expect(name);
    let names = ["nombre", "presidenta", "telefono", "latitud", "longitud"];
    let expected = EXPECTED["C15"]["expected_csv_fields"].as_object().unwrap();
    assert_eq!(rows.len(), expected.len());
    for row in &rows {
        let want = expected[&row[0]].as_array().unwrap();
        assert_eq!(row[0], *want[0].as_str().unwrap());
        for (name, want) in names.into_iter().zip(&want[1..]) {
            let (at, want) = (column(name), want.as_str().unwrap());
            if matches!(name, "latitud" | "longitud") {
                // Numbers: the same value, never marked.
                assert!(!row[at].starts_with('\''), "{:?}", &row[at]);
                let parse = |t: &str| t.parse::<f64>().unwrap();
                assert_eq!(parse(&row[at]), parse(want), "{}", &row[0]);
            } else {
                assert_eq!(&row[at], want, "{}", &row[0]);
            }
        }
    }
    // Quoted as RFC 4180 asks, as in the reference rendering.
    let raw = std::fs::read_to_string(&files.kitchens).unwrap();
    let quoted = r#","'=HYPERLINK(""http://example.invalid/x"",""Ver"")","#;
    assert!(raw.contains(quoted), "{raw}");
    // And the marks are dropped when the file is read back.
    let again = import_delivery(out.path(), &ImportOptions::default()).unwrap();
    assert_same_records(&imported, &again);
}

/// A person's name: words of letters, each ending in a digit. A public
/// text that holds a registered person's name is withheld on import, and
/// the kitchens' text has no digits, so no word of a name (the importer
/// splits words at punctuation too) can match it.
fn person_name() -> impl Strategy<Value = String> {
    prop::collection::vec("[A-Za-zÁÉÍÓÚáéíóúÑñü]{1,8}", 1..4).prop_map(|words| {
        let words: Vec<String> = words.iter().map(|w| format!("{w}7")).collect();
        words.join(" ")
    })
}

/// Text as the agency writes it: accents, commas, quotes, apostrophes and
/// a leading formula character, single spaces between words.
fn text() -> impl Strategy<Value = String> {
    let word = "[A-Za-zÁÉÍÓÚáéíóúÑñü,\"'=]{1,8}";
    (
        "[=+@'\\-]?",
        "[A-Za-zÁÉÍÓÚÑñ]",
        prop::collection::vec(word, 0..4),
    )
        .prop_map(|(lead, first, words)| {
            let mut text = format!("{lead}{first}");
            for word in words {
                text.push(' ');
                text.push_str(&word);
            }
            text
        })
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..30_000).prop_map(|days| {
        NaiveDate::from_ymd_opt(1930, 1, 1).unwrap() + chrono::Duration::days(days)
    })
}

fn origin() -> RowOrigin {
    RowOrigin {
        file: Arc::from("generated"),
        sheet: None,
        row: 2,
        columns: Arc::new(ColumnMap::default()),
    }
}

/// A valid CURP for a birth date and a sex.
fn curp(birth: NaiveDate, sex: Sex) -> Curp {
    let sex = match sex {
        Sex::Female => 'M',
        Sex::Male => 'H',
        Sex::NonBinary => 'X',
    };
    let century = if birth.year() < 2000 { '0' } else { 'A' };
    let first17 = format!("PEGJ{}{sex}OCRRR{century}", birth.format("%y%m%d"));
    let digit = check_digit(first17.as_bytes()).expect("17 valid characters");
    Curp::new(&format!("{first17}{digit}")).expect("generated CURP is valid")
}

prop_compose! {
    fn kitchen(index: usize)(
        name in text(),
        place in prop::option::of((1u32..571, 1u32..10_000, text())),
        micro in prop::option::of((0u32..3_200_000, 0u32..5_000_000)),
        status in prop::sample::select(KitchenStatus::ALL.to_vec()),
        opened in prop::option::of(date()),
        closed in prop::option::of(date()),
        words in prop::array::uniform3(prop::option::of(text())),
        capacity in prop::option::of(0u32..500),
        president in prop::option::of((person_name(), "\\+?[0-9][0-9 ]{6,12}[0-9]")),
    ) -> Kitchen {
        let (municipality, locality, locality_name) = match place {
            Some((m, l, n)) => (
                MunicipalityKey::from_number(m).ok(),
                LocalityKey::from_number(l).ok(),
                Some(n),
            ),
            None => (None, None, None),
        };
        let contacts = president.into_iter().map(|(name, phone)| CommitteeContact {
            role: CommitteeRole::President,
            name: Some(PersonName::new(name)),
            phone: Some(PhoneNumber::new(phone)),
        });
        Kitchen {
            key: KitchenKey::new(&format!("OAX-K-{index:03}")).expect("valid key"),
            name,
            state: StateKey::oaxaca(),
            municipality,
            municipality_name: words[0].clone(),
            locality,
            locality_name,
            region_name: words[1].clone(),
            address: words[2].clone(),
            location: micro.map(|(lat, lon)| {
                Point::new(-98.6 + f64::from(lon) / 1e6, 15.6 + f64::from(lat) / 1e6)
            }),
            status,
            opened,
            closed,
            capacity,
            contacts: contacts.collect(),
            origin: origin(),
        }
    }
}

prop_compose! {
    fn beneficiary(kitchens: usize)(
        kitchen in 0..kitchens,
        sex in prop::option::of(prop::sample::select(Sex::ALL.to_vec())),
        age in prop::option::of(0u16..110),
        birth in prop::option::of(date()),
        curp_kind in 0u8..3,
        name in prop::option::of(person_name()),
        priority in prop::sample::subsequence(
            vec![PriorityGroup::PregnantOrBreastfeeding, PriorityGroup::Disability], 0..=2),
        registered in prop::option::of(date()),
    ) -> Beneficiary {
        let curp = match (curp_kind, birth) {
            (1, Some(birth)) => Some(CurpField::Valid(curp(birth, sex.unwrap_or(Sex::Female)))),
            (2, _) => Some(CurpField::Invalid(CurpError::Length { found: 5 })),
            _ => None,
        };
        Beneficiary {
            kitchen: KitchenKey::new(&format!("OAX-K-{kitchen:03}")).expect("valid key"),
            sex,
            age,
            birth_date: birth.map(cocina_model::BirthDate::new),
            age_group: AgeBins::default().classify(age),
            priority,
            registered,
            name: name.map(PersonName::new),
            curp,
            origin: origin(),
        }
    }
}

prop_compose! {
    fn count(kitchens: usize)(
        kitchen in 0..kitchens,
        sex in prop::option::of(prop::sample::select(Sex::ALL.to_vec())),
        age in prop::option::of(0u16..110),
        count in 0u32..10_000,
    ) -> BeneficiaryCount {
        BeneficiaryCount {
            kitchen: KitchenKey::new(&format!("OAX-K-{kitchen:03}")).expect("valid key"),
            sex,
            age_group: AgeBins::default().classify(age),
            count,
            origin: origin(),
        }
    }
}

fn delivery() -> impl Strategy<Value = ImportedDelivery> {
    (1usize..6)
        .prop_flat_map(|n| {
            let kitchens: Vec<_> = (0..n).map(kitchen).collect();
            let people = prop::collection::vec(beneficiary(n), 0..12);
            (kitchens, people, prop::collection::vec(count(n), 0..6))
        })
        .prop_map(|(kitchens, beneficiaries, counts)| ImportedDelivery {
            delivery: Delivery {
                id: "generada".to_owned(),
                received: None,
                cut_date: None,
                request: None,
                items: Vec::new(),
                files: Vec::new(),
            },
            kitchens,
            beneficiaries,
            counts,
            endowments: Vec::new(),
            issues: Vec::new(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_deliveries_round_trip(before in delivery()) {
        let (_out, after) = round_trip(&before);
        assert_same_records(&before, &after);
    }
}

/// The shared cases hold the oddest values the importer reads: mojibake,
/// error cells, merged regions, keys stored as numbers.
#[test]
fn every_case_file_round_trips_through_the_canonical_form() {
    let mut names: Vec<_> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with('C'))
        .collect();
    names.sort();
    let mut records = 0;
    for name in names {
        let source = tempfile::tempdir().unwrap();
        std::fs::copy(cases_dir().join(&name), source.path().join(&name)).unwrap();
        let before = import_delivery(source.path(), &ImportOptions::default()).unwrap();

        let (_out, after) = round_trip(&before);

        assert_same_records(&before, &after);
        records += before.kitchens.len() + before.beneficiaries.len() + before.counts.len();
    }
    assert!(records >= 50, "the cases hold records: {records}");
}

#[test]
fn writing_again_without_counts_removes_the_earlier_counts() {
    let source = tempfile::tempdir().unwrap();
    let counts = "clave_comedor,sexo,rango_edad,cantidad\nOAX-1,M,6-12,4\n";
    std::fs::write(source.path().join("concentrado.csv"), counts).unwrap();
    let with_counts = import_delivery(source.path(), &ImportOptions::default()).unwrap();
    assert_eq!(with_counts.counts.len(), 1);
    let out = tempfile::tempdir().unwrap();
    let first = write_canonical(&with_counts, out.path()).unwrap();
    assert!(first.counts.is_some_and(|p| p.is_file()));
    let mut without = with_counts.clone();
    without.counts.clear();

    let second = write_canonical(&without, out.path()).unwrap();

    assert_eq!(second.counts, None);
    assert!(!out.path().join("concentrado.csv").exists());
    let again = import_delivery(out.path(), &ImportOptions::default()).unwrap();
    assert!(again.counts.is_empty());
}

/// The canonical form holds personal data: its directory is its owner's
/// alone, whatever the user's umask would give.
#[cfg(unix)]
#[test]
fn the_canonical_directory_is_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let delivery = tempfile::tempdir().unwrap();
    let csv = "CLAVE COCINA,MUNICIPIO\nOAX-001,Oaxaca de Juárez\n";
    std::fs::write(delivery.path().join("comedores.csv"), csv).unwrap();
    let imported = import_delivery(delivery.path(), &ImportOptions::default()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("canonica");
    write_canonical(&imported, &dir).unwrap();
    let mode = std::fs::metadata(&dir).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
}
