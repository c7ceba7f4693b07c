//! No personal value of the input delivery, in any spelling, appears in any
//! published file.
//!
//! Every beneficiary's name, CURP and birth date, and every committee
//! member's name and phone, is read from the delivery itself and searched
//! for in every file of the site and the package (inside the Excel
//! workbook too), after folding both sides the same way: case, accents and
//! punctuation ignored, so `María López`, `MARIA LOPEZ` and `maria-lopez`
//! are one needle, and so are `2011-03-09`, `09/03/2011` and `09.03.2011`.
//! Needles are matched as whole words.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use aho_corasick::AhoCorasick;
use chrono::{Datelike, NaiveDate};
use cocina_importers::{ImportOptions, ImportedDelivery, import_delivery};
use cocina_model::CurpField;
use cocina_model::text::fold;

use crate::publish::{files_under, published_site};
use crate::support::example_dir;

/// Folds text for matching, quickly on ASCII: lower case, accents removed,
/// every run of other characters one space, with a space at each end so
/// that needles match whole words.
fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let mut buffer = [0_u8; 4];
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            let piece = fold(c.encode_utf8(&mut buffer));
            if piece.is_empty() {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.push_str(&piece);
            }
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// A date in the spellings a leak could take, folded.
fn date_forms(date: NaiveDate) -> Vec<String> {
    let (d, m, y) = (date.day(), date.month(), date.year());
    [
        format!("{y}-{m:02}-{d:02}"),
        format!("{d:02}/{m:02}/{y}"),
        format!("{d}/{m}/{y}"),
        format!("{y}/{m:02}/{d:02}"),
        format!("{d:02}-{m:02}-{y}"),
    ]
    .iter()
    .map(|s| folded(s))
    .collect()
}

/// Dates the site publishes on purpose: the delivery's, and the kitchens'
/// opening and closing dates. A birth date equal to one of them cannot be
/// told apart, so it is not searched for.
fn public_dates(delivery: &ImportedDelivery) -> HashSet<String> {
    let mut dates: Vec<NaiveDate> = delivery
        .kitchens
        .iter()
        .flat_map(|k| [k.opened, k.closed])
        .flatten()
        .collect();
    dates.extend(delivery.delivery.received);
    dates.extend(delivery.delivery.cut_date);
    dates.into_iter().flat_map(date_forms).collect()
}

#[expect(
    clippy::disallowed_methods,
    reason = "the test needs the personal values to prove they are not published"
)]
fn personal_values(delivery: &ImportedDelivery) -> (Vec<String>, usize) {
    let allowed = public_dates(delivery);
    let mut needles = HashSet::new();
    let mut people = 0;
    for person in &delivery.beneficiaries {
        if let Some(name) = &person.name {
            needles.insert(folded(name.reveal()));
            people += 1;
        }
        if let Some(CurpField::Valid(curp)) = &person.curp {
            needles.insert(folded(curp.reveal()));
        }
        if let Some(birth) = &person.birth_date {
            needles.extend(
                date_forms(*birth.reveal())
                    .into_iter()
                    .filter(|f| !allowed.contains(f)),
            );
        }
    }
    for contact in delivery.kitchens.iter().flat_map(|k| &k.contacts) {
        if let Some(name) = &contact.name {
            needles.insert(folded(name.reveal()));
        }
        if let Some(phone) = &contact.phone {
            let digits: String = phone
                .reveal()
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            needles.insert(folded(&digits));
            needles.insert(folded(phone.reveal()));
        }
    }
    needles.retain(|n| n.trim().len() >= 6);
    (needles.into_iter().collect(), people)
}

/// The text of a published file; for the workbook, of every part inside.
fn texts_of(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    if path.extension().is_none_or(|e| e != "xlsx") {
        return vec![String::from_utf8_lossy(&bytes).into_owned()];
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut text = String::new();
            archive
                .by_index(i)
                .unwrap()
                .read_to_string(&mut text)
                .unwrap();
            text
        })
        .collect()
}

#[test]
fn no_personal_value_of_the_delivery_is_published_in_any_form() {
    let delivery = import_delivery(&example_dir(), &ImportOptions::default()).unwrap();
    let (needles, people) = personal_values(&delivery);
    assert!(
        people > 0 && needles.len() > people,
        "the example holds people"
    );
    let matcher = AhoCorasick::new(&needles).unwrap();
    let files = files_under(published_site());
    assert!(files.len() > 20);
    for path in &files {
        for text in texts_of(path) {
            if let Some(found) = matcher.find(&folded(&text)) {
                panic!(
                    "{} holds a personal value (needle {} of {})",
                    path.display(),
                    found.pattern().as_usize(),
                    needles.len()
                );
            }
        }
    }
}

/// The search itself finds a planted value in each spelling.
#[test]
fn the_search_finds_a_value_however_it_is_spelled() {
    let mut needles = date_forms(NaiveDate::from_ymd_opt(2011, 3, 9).unwrap());
    needles.push(folded("María José López Núñez"));
    let matcher = AhoCorasick::new(&needles).unwrap();
    for text in [
        "<td>MARIA JOSE LOPEZ NUNEZ</td>",
        "maria-jose-lopez-nunez",
        "Nacida el 09/03/2011.",
        "\"2011.03.09\"",
    ] {
        assert!(matcher.is_match(&folded(text)), "{text}");
    }
    assert!(!matcher.is_match(&folded("Mariana José López Núñez 1209/03/2011")));
}
