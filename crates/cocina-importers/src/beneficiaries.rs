//! Beneficiary registers (one person per row) and beneficiary counts (one
//! kitchen, sex and age group per row).

use cocina_model::text::fold;
use cocina_model::{
    AgeGroup, Beneficiary, BeneficiaryCount, BirthDate, Curp, CurpField, PersonName, PriorityGroup,
    Sex,
};

use crate::age_group::read_age_group;
use crate::header::{Field, Header};
use crate::issue::IssueKind;
use crate::layout::Columns;
use crate::record::RowReader;
use crate::rows::read_rows;
use crate::table::Table;
use crate::value::{Value, format_number, parse_bool, parse_number};
use crate::{ImportOptions, ImportedFile};

/// Values of a yes/no column that mean "no"; anything else written means
/// yes, since a disability column often names the disability.
const FALSE_WORDS: [&str; 12] = [
    "no",
    "n",
    "0",
    "false",
    "falso",
    "ninguna",
    "ninguno",
    "na",
    "n a",
    "sin discapacidad",
    "no aplica",
    "-",
];

/// Reads every data row below the header as a person. Without a kitchen-key
/// column no record can be built, but each row is still read so that its
/// problems (an invalid CURP, say) are reported.
pub(crate) fn read(
    table: &Table,
    header: &Header,
    columns: &Columns,
    options: &ImportOptions,
    out: &mut ImportedFile,
) {
    read_rows(table, header, columns, &mut out.issues, |r| {
        if let Some(person) = person(r, options) {
            out.beneficiaries.push(person);
        }
    });
}

fn person(r: &mut RowReader<'_>, options: &ImportOptions) -> Option<Beneficiary> {
    let kitchen = if r.has(Field::KitchenKey) {
        r.kitchen_key(&options.withheld_keys)
    } else {
        None
    };
    let birth_date = r.date(Field::BirthDate).map(BirthDate::new);
    let age = age(r).or_else(|| {
        let on = options.reference_date?;
        birth_date.as_ref()?.age_on(on)
    });
    let age_group =
        read_age_group(r, &options.age_bins).unwrap_or_else(|| options.age_bins.classify(age));
    // Every field is read before giving up on a row without a kitchen, so
    // that all of the row's problems are reported.
    let sex = sex(r);
    let priority = priority(r);
    let registered = r.date(Field::Registered);
    let name = name(r);
    let curp = curp(r);
    Some(Beneficiary {
        kitchen: kitchen?,
        sex,
        age,
        birth_date,
        age_group,
        priority,
        registered,
        name,
        curp,
        origin: r.origin(),
    })
}

fn sex(r: &mut RowReader<'_>) -> Option<Sex> {
    let text = r.text(Field::Sex)?;
    let sex = Sex::from_spanish(&text).or_else(|| Sex::from_spanish(&fold(&text)));
    if sex.is_none() {
        r.invalid(Field::Sex, "a sex: M (mujer), H (hombre) or X");
    }
    sex
}

/// Reads the age in whole years: a number, or text such as `7 años` or
/// `8 meses`.
fn age(r: &mut RowReader<'_>) -> Option<u16> {
    const EXPECTED: &str = "an age in whole years";
    let years = match r.value(Field::Age)? {
        Value::Text(text) if !text.trim().is_empty() && parse_number(text).is_none() => {
            age_from_text(text)
        }
        _ => r.number(Field::Age).map(|n| {
            (n.is_finite() && (0.0..f64::from(u16::MAX)).contains(&n)).then_some(n as u16)
        })?,
    };
    if years.is_none() {
        r.invalid(Field::Age, EXPECTED);
    }
    years
}

fn age_from_text(text: &str) -> Option<u16> {
    let folded = fold(text);
    let (number, unit) = folded.split_once(' ').unwrap_or((&folded, ""));
    let number: u16 = number.parse().ok()?;
    match unit {
        "" | "a" | "ano" | "anos" => Some(number),
        "m" | "mes" | "meses" => Some(number / 12),
        _ => None,
    }
}

fn priority(r: &mut RowReader<'_>) -> Vec<PriorityGroup> {
    let flags = [
        (
            Field::PregnantOrBreastfeeding,
            PriorityGroup::PregnantOrBreastfeeding,
        ),
        (Field::Disability, PriorityGroup::Disability),
    ];
    flags
        .into_iter()
        .filter(|(field, _)| r.text(*field).is_some_and(|t| is_yes(&t)))
        .map(|(_, group)| group)
        .collect()
}

/// Reads a yes/no column: a yes/no word in its variants, or else any other
/// text but a "no" word, since a disability column often names the
/// disability.
fn is_yes(text: &str) -> bool {
    if let Some(yes) = parse_bool(text) {
        return yes;
    }
    let folded = fold(text);
    !folded.is_empty() && !FALSE_WORDS.contains(&folded.as_str()) && text.trim() != "-"
}

/// Joins the given name and surnames, in the order people write them.
fn name(r: &mut RowReader<'_>) -> Option<PersonName> {
    let parts: Vec<String> = [Field::Name, Field::FirstSurname, Field::SecondSurname]
        .into_iter()
        .filter_map(|field| r.text(field))
        .collect();
    (!parts.is_empty()).then(|| PersonName::new(parts.join(" ")))
}

/// Reads the CURP: trimmed and upper-cased, then checked. A CURP that needed
/// that is valid with a warning; an invalid one is kept as its error and
/// recorded at its cell.
fn curp(r: &mut RowReader<'_>) -> Option<CurpField> {
    let raw = match r.value(Field::Curp)? {
        Value::Text(text) => text.clone(),
        Value::Number(n) => format_number(*n),
        _ => r.text(Field::Curp)?,
    };
    let normal = raw.trim().to_uppercase();
    if normal.is_empty() {
        return None;
    }
    match Curp::new(&normal) {
        Ok(curp) => {
            if normal != raw {
                r.report(Field::Curp, IssueKind::CurpReformatted);
            }
            Some(CurpField::Valid(curp))
        }
        Err(error) => {
            let kind = IssueKind::InvalidCurp {
                error: error.clone(),
            };
            r.report(Field::Curp, kind);
            Some(CurpField::Invalid(error))
        }
    }
}

/// Reads every data row below the header as a count.
pub(crate) fn read_counts(
    table: &Table,
    header: &Header,
    columns: &Columns,
    options: &ImportOptions,
    out: &mut ImportedFile,
) {
    read_rows(table, header, columns, &mut out.issues, |r| {
        if let Some(count) = count(r, options) {
            out.counts.push(count);
        }
    });
}

fn count(r: &mut RowReader<'_>, options: &ImportOptions) -> Option<BeneficiaryCount> {
    let bins = &options.age_bins;
    let kitchen = r.kitchen_key(&options.withheld_keys);
    let sex = sex(r);
    let age_group = read_age_group(r, bins).unwrap_or(AgeGroup::Unknown);
    let count = r.whole_number(Field::Count);
    if count.is_none() && r.value(Field::Count).is_none_or(Value::is_blank) {
        r.missing(Field::Count);
    }
    Some(BeneficiaryCount {
        kitchen: kitchen?,
        sex,
        age_group,
        count: count?,
        origin: r.origin(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_in_words() {
        assert_eq!(age_from_text("7 AÑOS"), Some(7));
        assert_eq!(age_from_text("18 meses"), Some(1));
        assert_eq!(age_from_text("siete"), None);
    }

    #[test]
    fn yes_no_columns() {
        assert!(is_yes("SÍ"));
        assert!(is_yes("MOTRIZ"));
        assert!(!is_yes("No"));
        assert!(!is_yes("NINGUNA"));
        assert!(!is_yes("-"));
        assert!(is_yes("X"));
        assert!(is_yes("VERDADERO"));
        assert!(!is_yes("FALSO"));
        assert!(!is_yes("0"));
    }
}
