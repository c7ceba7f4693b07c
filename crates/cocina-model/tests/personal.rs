//! No personal value shows through `Display` or `Debug`, alone or inside the
//! records that hold it.

use std::sync::Arc;

use chrono::NaiveDate;
use cocina_model::{
    AgeGroup, Beneficiary, BirthDate, ColumnMap, Curp, CurpField, KitchenKey, PersonName,
    PhoneNumber, RowOrigin,
};
use proptest::prelude::*;

fn origin() -> RowOrigin {
    RowOrigin {
        file: "padron.xlsx".into(),
        sheet: Some("padron".into()),
        row: 2,
        columns: Arc::new(ColumnMap::default()),
    }
}

proptest! {
    #[test]
    fn names_and_phones_never_print(name in "[A-Za-zÁÉÍÓÚáéíóúÑñ]{6,40}", phone in "[0-9]{10}") {
        let shown_name = PersonName::new(name.clone());
        let shown_phone = PhoneNumber::new(phone.clone());
        let shown = format!("{shown_name} {shown_name:?} {shown_phone} {shown_phone:?}");
        prop_assert!(!shown.contains(&name), "{shown}");
        prop_assert!(!shown.contains(&phone), "{shown}");
    }

    #[test]
    fn a_beneficiary_debug_shows_no_personal_value(
        name in "[A-Z][a-z]{5,12} [A-Z][a-z]{5,12}",
        days in 0i64..30_000,
    ) {
        let birth = NaiveDate::from_ymd_opt(1940, 1, 1).unwrap() + chrono::Duration::days(days);
        let curp = Curp::new("UOPP150412MOCNRRA6").unwrap();
        let record = Beneficiary {
            kitchen: KitchenKey::new("OAX-0001").unwrap(),
            sex: None,
            age: Some(9),
            birth_date: Some(BirthDate::new(birth)),
            age_group: AgeGroup::Range { min: 6, max: Some(12) },
            priority: Vec::new(),
            registered: None,
            name: Some(PersonName::new(name.clone())),
            curp: Some(CurpField::Valid(curp)),
            origin: origin(),
        };
        let shown = format!("{record:?}");
        prop_assert!(!shown.contains(&name), "{shown}");
        prop_assert!(!shown.contains("UOPP150412"), "{shown}");
        prop_assert!(!shown.contains(&birth.to_string()), "{shown}");
        prop_assert!(!shown.contains(&birth.format("%Y, %m").to_string()));
    }
}
