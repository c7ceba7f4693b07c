//! INEGI keys round-trip through text and serde, and reject what is not a key.

use cocina_model::{Cvegeo, LocalityKey, MunicipalityKey, StateKey};
use proptest::prelude::*;

proptest! {
    #[test]
    fn municipality_keys_round_trip(value in 1u32..=999) {
        let key = MunicipalityKey::from_number(value).unwrap();
        prop_assert_eq!(key.as_str().len(), 3);
        prop_assert_eq!(MunicipalityKey::new(key.as_str()).unwrap(), key);
        let json = serde_json::to_string(&key).unwrap();
        prop_assert_eq!(&json, &format!("\"{value:03}\""));
        prop_assert_eq!(serde_json::from_str::<MunicipalityKey>(&json).unwrap(), key);
    }

    #[test]
    fn cvegeo_round_trips(state in 1u32..=32, mun in 1u32..=999, loc in 1u32..=9999) {
        let text = format!("{state:02}{mun:03}{loc:04}");
        let key = Cvegeo::new(&text).unwrap();
        prop_assert_eq!(key.to_string(), text.clone());
        prop_assert_eq!(key.state, StateKey::from_number(state).unwrap());
        prop_assert_eq!(key.locality, Some(LocalityKey::from_number(loc).unwrap()));
        let json = serde_json::to_string(&key).unwrap();
        prop_assert_eq!(serde_json::from_str::<Cvegeo>(&json).unwrap(), key);
    }

    #[test]
    fn keys_reject_anything_but_their_digits(text in "\\PC{0,12}") {
        let all_digits = text.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits && text.len() == 3 && text != "000") {
            prop_assert!(MunicipalityKey::new(&text).is_err());
        }
        if !(all_digits && matches!(text.len(), 5 | 9)) {
            prop_assert!(Cvegeo::new(&text).is_err());
        }
    }

    #[test]
    fn numbers_stored_as_json_numbers_are_refused(value in 0u32..1000) {
        prop_assert!(serde_json::from_str::<MunicipalityKey>(&value.to_string()).is_err());
    }
}
