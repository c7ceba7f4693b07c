//! Rules on the people of the register.

use cocina_model::curp::check_digit;

use super::{Case, expect};

/// Completes 17 characters into a CURP with its right check digit.
fn curp(first17: &str) -> String {
    let digit = check_digit(first17.as_bytes()).expect("17 valid characters");
    format!("{first17}{digit}")
}

fn person(kitchen: &str, curp: &str, sex: &str, birth: &str, age: &str, group: &str) -> String {
    format!("{kitchen},{curp},{sex},{birth},{age},{group}")
}

#[test]
fn p001_a_wrong_check_digit() {
    let case = Case::new().first_person("OAX-1,UOPP150412MOCNRRA1,M,2015-04-12,1,0-5");
    assert_eq!(case.found(), expect(&[("CA-P001", "B2")]));
}

#[test]
fn p002_the_curp_disagrees_with_the_birth_date_or_the_sex() {
    let other_date = curp("UOPP150413MOCNRRA");
    let row = person("OAX-1", &other_date, "M", "2015-04-12", "1", "0-5");
    assert_eq!(
        Case::new().first_person(&row).found(),
        expect(&[("CA-P002", "B2")])
    );
    let row = person("OAX-1", "UOPP150412MOCNRRA6", "H", "2015-04-12", "1", "0-5");
    assert_eq!(
        Case::new().first_person(&row).found(),
        expect(&[("CA-P002", "B2")])
    );
}

#[test]
fn p003_the_same_curp_twice_in_one_kitchen() {
    let case = Case::new().person(super::PERSON_1);
    assert_eq!(case.found(), expect(&[("CA-P003", "B3")]));
}

#[test]
fn p004_the_same_curp_in_two_kitchens_names_the_first() {
    let kitchen = "OAX-2,Comedor Norte,OAXACA DE JUAREZ,067,17.07,-96.72,OPERANDO,2010-01-15,";
    let case = Case::new()
        .kitchen(kitchen)
        .person(&super::PERSON_1.replace("OAX-1", "OAX-2"));
    let report = case.report();
    assert_eq!(case.found(), expect(&[("CA-P004", "B3")]));
    let message = report.findings[0].message(cocina_model::Lang::En);
    assert!(
        message.contains("OAX-1") && message.contains("cell B2"),
        "{message}"
    );
    assert!(!message.contains("UOPP"), "{message}");
}

#[test]
fn p005_age_birth_date_and_group_disagree() {
    let curp = "UOPP150412MOCNRRA6";
    // An age a year off is within the default tolerance.
    let near = person("OAX-1", curp, "M", "2015-04-12", "2", "0-5");
    assert_eq!(Case::new().first_person(&near).found(), expect(&[]));
    let far = person("OAX-1", curp, "M", "2015-04-12", "4", "0-5");
    assert_eq!(
        Case::new().first_person(&far).found(),
        expect(&[("CA-P005", "E2")])
    );
    let mut strict = Case::new().first_person(&near);
    strict.options.age_tolerance_years = 0;
    assert_eq!(strict.found(), expect(&[("CA-P005", "E2")]));
    let group = person("OAX-1", curp, "M", "2015-04-12", "1", "6-12");
    assert_eq!(
        Case::new().first_person(&group).found(),
        expect(&[("CA-P005", "F2")])
    );
}

#[test]
fn p006_ages_outside_the_programs_groups() {
    let unborn = person("OAX-1", "", "M", "2016-12-01", "", "");
    assert_eq!(
        Case::new().first_person(&unborn).found(),
        expect(&[("CA-P006", "D2")])
    );
    let old = person("OAX-1", "", "M", "", "131", "60+");
    assert_eq!(
        Case::new().first_person(&old).found(),
        expect(&[("CA-P006", "E2")])
    );
    let group = person("OAX-1", "", "M", "", "10", "0-17");
    assert_eq!(
        Case::new().first_person(&group).found(),
        expect(&[("CA-P006", "F2")])
    );
    // A group the program does not use is reported once, at its first
    // record, with how many use it.
    let twice = Case::new()
        .first_person(&group)
        .person(&group.replace("10", "11"));
    assert_eq!(twice.found(), expect(&[("CA-P006", "F2")]));
    let message = twice.report().findings[0].message(cocina_model::Lang::En);
    assert!(message.contains("2 records"), "{message}");
    let fine = person("OAX-1", "", "M", "", "104", "60+");
    assert_eq!(Case::new().first_person(&fine).found(), expect(&[]));
}

#[test]
fn p007_a_sex_outside_the_allowed_set() {
    let row = person("OAX-1", "UOPP150412MOCNRRA6", "Z", "2015-04-12", "1", "0-5");
    assert_eq!(
        Case::new().first_person(&row).found(),
        expect(&[("CA-P007", "C2")])
    );
    let x = person("OAX-1", "", "X", "2015-04-12", "1", "0-5");
    assert_eq!(Case::new().first_person(&x).found(), expect(&[]));
}
