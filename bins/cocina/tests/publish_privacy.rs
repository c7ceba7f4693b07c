//! No personal value of the input delivery, in any spelling, appears in any
//! published file.
//!
//! Every beneficiary's name, CURP and birth date, and every committee
//! member's name and phone, is read from the delivery itself and searched
//! for in every file of the site and the package (inside the Excel
//! workbook too), after folding both sides the same way: case, accents and
//! punctuation ignored, so `María López`, `MARIA LOPEZ` and `maria-lopez`
//! are one needle, and so are `2011-03-09`, `09/03/2011` and `09.03.2011`.
//! A name is also searched for reordered, surnames first (`López Núñez
//! María José`), and cut to its first given name and first surname
//! (`María López`); a date also written with its month's name (`9 de marzo
//! de 2011`, `09-MAR-11`, `marzo 9 2011`).
//! Needles are matched as whole words. Dates are searched for in a second
//! folding that keeps field separators (commas, quotes, tags) as
//! boundaries, so an age group and a count in two cells (`6-12,1999`) are
//! not taken for the date `6/12/1999`.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;
use std::sync::LazyLock;

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
    fold_with(text, |_| true)
}

/// Folds text for matching dates: as [`folded`], but only the characters
/// that join the parts of a written date become a space; any other
/// punctuation ends the run with a ` | ` that no needle holds.
fn folded_for_dates(text: &str) -> String {
    fold_with(text, |c| matches!(c, '-' | '/' | '.' | ' '))
}

fn fold_with(text: &str, joins: fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let mut buffer = [0_u8; 4];
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii() {
            if !joins(c) && !out.ends_with("| ") {
                out.push_str(if out.ends_with(' ') { "| " } else { " | " });
            } else if !out.ends_with(' ') {
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

/// Spanish month names, from January.
const MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// A date in the spellings a leak could take, folded.
fn date_forms(date: NaiveDate) -> Vec<String> {
    let (d, m, y) = (date.day(), date.month(), date.year());
    let month = MONTHS[date.month0() as usize];
    let short = &month[..3];
    let yy = y % 100;
    [
        format!("{y}-{m:02}-{d:02}"),
        format!("{d:02}/{m:02}/{y}"),
        format!("{d}/{m}/{y}"),
        format!("{y}/{m:02}/{d:02}"),
        format!("{d:02}-{m:02}-{y}"),
        format!("{d} de {month} de {y}"),
        format!("{d:02}-{short}-{yy:02}"),
        format!("{month} {d} {y}"),
    ]
    .iter()
    .map(|s| folded_for_dates(s))
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
fn personal_values(delivery: &ImportedDelivery) -> Needles {
    let allowed = public_dates(delivery);
    let mut needles = HashSet::new();
    let mut dates = HashSet::new();
    let mut people = 0;
    for person in &delivery.beneficiaries {
        if let Some(name) = &person.name {
            needles.extend(name_forms(name.reveal()));
            people += 1;
        }
        if let Some(CurpField::Valid(curp)) = &person.curp {
            needles.insert(folded(curp.reveal()));
        }
        if let Some(birth) = &person.birth_date {
            dates.extend(
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
    Needles {
        words: needles.into_iter().collect(),
        dates: dates.into_iter().collect(),
        people,
    }
}

/// A name as written, surnames first, and as its first given name and
/// first surname, folded; the last two words are taken for the surnames.
/// A cut name that is part of a municipality's official name (`Juan
/// Bautista`, of `San Juan Bautista Suchitepec`), which the site publishes
/// on purpose, is not searched for.
fn name_forms(name: &str) -> Vec<String> {
    // Every two words side by side in an official name.
    static PLACES: LazyLock<HashSet<String>> = LazyLock::new(|| {
        let catalog = cocina_geography::Catalog::bundled();
        let names = catalog.municipalities().iter().map(|m| fold(&m.name));
        names
            .flat_map(|name| {
                let words: Vec<String> = name.split(' ').map(str::to_owned).collect();
                let pairs: Vec<String> = words.windows(2).map(|w| folded(&w.join(" "))).collect();
                pairs
            })
            .collect()
    });
    let folded_name = fold(name);
    let words: Vec<&str> = folded_name.split(' ').collect();
    let mut forms = vec![folded(name)];
    if words.len() >= 3 {
        let (given, surnames) = words.split_at(words.len() - 2);
        forms.push(folded(&[surnames, given].concat().join(" ")));
        let cut = folded(&format!("{} {}", given[0], surnames[0]));
        if !PLACES.contains(&cut) {
            forms.push(cut);
        }
    }
    forms
}

/// The personal values of a delivery, folded for searching.
struct Needles {
    /// Names, CURPs and phones, folded with [`folded`].
    words: Vec<String>,
    /// Birth dates, folded with [`folded_for_dates`].
    dates: Vec<String>,
    people: usize,
}

/// The text of a published file; for the workbook, of every part inside.
pub(crate) fn texts_of(path: &Path) -> Vec<String> {
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
    let needles = personal_values(&delivery);
    assert!(
        needles.people > 0 && needles.words.len() > needles.people,
        "the example holds people"
    );
    assert!(!needles.dates.is_empty(), "the example holds birth dates");
    let words = AhoCorasick::new(&needles.words).unwrap();
    let dates = AhoCorasick::new(&needles.dates).unwrap();
    let files = files_under(published_site());
    assert!(files.len() > 20);
    for path in &files {
        for text in texts_of(path) {
            let found = words
                .find(&folded(&text))
                .or_else(|| dates.find(&folded_for_dates(&text)));
            if let Some(found) = found {
                panic!(
                    "{} holds a personal value (needle {})",
                    path.display(),
                    found.pattern().as_usize(),
                );
            }
        }
    }
}

/// The search itself finds a planted value in each spelling.
#[test]
fn the_search_finds_a_value_however_it_is_spelled() {
    let dates = AhoCorasick::new(date_forms(NaiveDate::from_ymd_opt(2011, 3, 9).unwrap())).unwrap();
    let words = AhoCorasick::new(name_forms("María José López Núñez")).unwrap();
    for text in [
        "<td>MARIA JOSE LOPEZ NUNEZ</td>",
        "maria-jose-lopez-nunez",
        "MARÍA  JOSÉ LÓPEZ NÚÑEZ",
        "LOPEZ NUNEZ MARIA JOSE",
        "Comedor María López",
    ] {
        assert!(words.is_match(&folded(text)), "{text}");
    }
    for text in [
        "Nacida el 09/03/2011.",
        "\"2011.03.09\"",
        "<td>9/3/2011</td>",
        "nació el 9 de Marzo de 2011",
        "<td>09-MAR-11</td>",
        "Marzo 9 2011",
    ] {
        assert!(dates.is_match(&folded_for_dates(text)), "{text}");
    }
    assert!(!words.is_match(&folded("Mariana José López Núñez")));
    assert!(!dates.is_match(&folded_for_dates("1209/03/2011")));
    // An age group and a count in two cells are not a date.
    let december =
        AhoCorasick::new(date_forms(NaiveDate::from_ymd_opt(1999, 12, 6).unwrap())).unwrap();
    assert!(!december.is_match(&folded_for_dates("mujer,6-12,1999,")));
    assert!(december.is_match(&folded_for_dates("mujer,6-12-1999,")));
}
