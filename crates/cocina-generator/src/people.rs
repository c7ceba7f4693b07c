//! Fake people: names drawn from common Mexican given names and surnames, so
//! nothing here belongs to anyone, and CURPs built from them with real check
//! digits.

use chrono::{Datelike, NaiveDate};
use cocina_model::{AgeBins, BirthDate, Sex, curp::check_digit, text::fold};
use rand::Rng;
use rand::seq::IndexedRandom;

use crate::PersonRow;

const WOMEN: &[&str] = &[
    "María",
    "Guadalupe",
    "Juana",
    "Rosa",
    "Margarita",
    "Josefina",
    "Verónica",
    "Leticia",
    "Alejandra",
    "Elena",
    "Silvia",
    "Patricia",
    "Adriana",
    "Luz",
    "Isabel",
    "Carmen",
    "Teresa",
    "Sofía",
    "Valeria",
    "Ximena",
    "Camila",
    "Fernanda",
    "Itzel",
    "Citlali",
    "Yareli",
];
const MEN: &[&str] = &[
    "José",
    "Juan",
    "Miguel",
    "Pedro",
    "Francisco",
    "Jesús",
    "Antonio",
    "Alejandro",
    "Manuel",
    "Ricardo",
    "Fernando",
    "Javier",
    "Roberto",
    "Raúl",
    "Eduardo",
    "Santiago",
    "Mateo",
    "Emiliano",
    "Diego",
    "Leonardo",
    "Ángel",
    "Gael",
    "Iker",
    "Tonatiuh",
    "Cuauhtémoc",
];
const SURNAMES: &[&str] = &[
    "Hernández",
    "García",
    "Martínez",
    "López",
    "González",
    "Pérez",
    "Rodríguez",
    "Sánchez",
    "Ramírez",
    "Cruz",
    "Flores",
    "Gómez",
    "Morales",
    "Vásquez",
    "Jiménez",
    "Reyes",
    "Díaz",
    "Torres",
    "Gutiérrez",
    "Ruiz",
    "Mendoza",
    "Aguilar",
    "Ortiz",
    "Castillo",
    "Santiago",
    "Bautista",
    "Luis",
    "Velasco",
    "Matías",
    "Zárate",
    "Ramos",
    "Chávez",
    "Salazar",
    "Toledo",
];

/// A fake person of the register.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FakePerson {
    /// Given name and two surnames.
    pub name: String,
    /// Sex.
    pub sex: Sex,
    /// Birth date.
    pub birth_date: NaiveDate,
    /// A CURP with a correct check digit.
    pub curp: String,
}

/// Draws a person born on `birth_date`.
pub(crate) fn person(rng: &mut impl Rng, birth_date: NaiveDate) -> FakePerson {
    let sex = if rng.random_bool(0.55) {
        Sex::Female
    } else {
        Sex::Male
    };
    let given = *(if sex == Sex::Female { WOMEN } else { MEN })
        .choose(rng)
        .expect("non-empty");
    let first = *SURNAMES.choose(rng).expect("non-empty");
    let second = *SURNAMES.choose(rng).expect("non-empty");
    let curp = curp_for(
        given,
        first,
        second,
        sex,
        birth_date,
        rng.random_range(0..10),
    );
    FakePerson {
        name: format!("{given} {first} {second}"),
        sex,
        birth_date,
        curp,
    }
}

/// Draws a beneficiary of `kitchen`, with an age on the `cut` date spread
/// like the program's: mostly children, then adolescents, adults and elders.
/// One row in five leaves the age blank, as the agency's registers do, but
/// the age group is always filled.
pub(crate) fn person_row(rng: &mut impl Rng, kitchen: &str, cut: NaiveDate) -> PersonRow {
    let age: i64 = match rng.random_range(0..100) {
        0..=54 => rng.random_range(1..=12),
        55..=69 => rng.random_range(13..=17),
        70..=84 => rng.random_range(18..=59),
        _ => rng.random_range(60..=90),
    };
    let days = age * 365 + rng.random_range(0..365);
    let birth = cut - chrono::Duration::days(days);
    let p = person(rng, birth);
    let age = BirthDate::new(birth).age_on(cut);
    let age_group = AgeBins::default().classify(age);
    let age = if rng.random_bool(0.8) { age } else { None };
    PersonRow {
        kitchen: kitchen.to_owned(),
        name: p.name,
        curp: p.curp,
        sex: p.sex,
        birth_date: birth,
        age,
        age_group,
    }
}

/// Builds a CURP from a name the way RENAPO does, in simplified form: the
/// leading letters and inner consonants of the surnames and given name.
fn curp_for(
    given: &str,
    first: &str,
    second: &str,
    sex: Sex,
    birth: NaiveDate,
    homonym: u8,
) -> String {
    let [given, first, second] = [given, first, second].map(|w| fold(w).to_uppercase());
    let mut out = String::with_capacity(18);
    out.push(initial(&first));
    out.push(
        first
            .chars()
            .skip(1)
            .find(|c| "AEIOU".contains(*c))
            .unwrap_or('X'),
    );
    out.push(initial(&second));
    out.push(initial(&given));
    out.push_str(&birth.format("%y%m%d").to_string());
    out.push(match sex {
        Sex::Female => 'M',
        Sex::Male => 'H',
        Sex::NonBinary => 'X',
    });
    out.push_str("OC");
    for word in [&first, &second, &given] {
        out.push(
            word.chars()
                .skip(1)
                .find(|c| !"AEIOU".contains(*c))
                .unwrap_or('X'),
        );
    }
    let homonym = if birth.year_ce().1 < 2000 {
        char::from(b'0' + homonym)
    } else {
        char::from(b'A' + homonym)
    };
    out.push(homonym);
    let digit = check_digit(out.as_bytes()).expect("built from A-Z and 0-9");
    out.push(digit);
    out
}

fn initial(word: &str) -> char {
    word.chars().next().unwrap_or('X')
}

/// Returns the CURP with its check digit replaced by a wrong one.
pub(crate) fn break_check_digit(curp: &str) -> String {
    let (body, digit) = curp.split_at(17);
    let wrong = (digit.as_bytes()[0] - b'0' + 1) % 10;
    format!("{body}{wrong}")
}

#[cfg(test)]
mod tests {
    use cocina_model::Curp;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    use super::*;

    #[test]
    fn generated_curps_are_valid_and_broken_ones_are_not() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for year in [1950, 1999, 2000, 2012] {
            let birth = NaiveDate::from_ymd_opt(year, 3, 9).unwrap();
            let p = person(&mut rng, birth);
            let curp = Curp::new(&p.curp).expect("generated CURP is valid");
            assert_eq!(curp.birth_date(), birth);
            assert_eq!(curp.sex(), p.sex);
            assert!(Curp::new(&break_check_digit(&p.curp)).is_err());
        }
    }
}
