//! Endowment tables (*dotaciones*): one row per age group and product, with
//! its quantity, unit, period, nutrients, supplier and tender, and
//! optionally the kitchen the row is for.
//!
//! Rows are grouped into one [`Endowment`] per kitchen (or the whole
//! program), age group and period, in the order they first appear. The
//! nutrients on a row are those of that product's quantity; an endowment's
//! nutrients are the sum of its rows'. Its supplier and tender are those
//! its rows share; each item keeps its own.

use std::collections::HashMap;

use cocina_model::{AgeGroup, Endowment, EndowmentItem, KitchenKey, Nutrients, SourceRef, Unit};

use crate::age_group::read_age_group;
use crate::header::{Field, Header};
use crate::issue::{ImportIssue, IssueKind};
use crate::layout::Columns;
use crate::record::RowReader;
use crate::rows::read_rows;
use crate::table::Table;
use crate::value::Value;
use crate::{ImportOptions, ImportedFile};

/// Columns an endowment table cannot do without.
const REQUIRED: [Field; 4] = [Field::AgeGroup, Field::Product, Field::Count, Field::Unit];

/// Reads every data row below the header as an endowment line and groups
/// the lines into endowments.
pub(crate) fn read(
    table: &Table,
    header: &Header,
    columns: &Columns,
    options: &ImportOptions,
    out: &mut ImportedFile,
) {
    report_missing_columns(table, header, columns, &mut out.issues);
    let mut lines = Vec::new();
    read_rows(table, header, columns, &mut out.issues, |r| {
        r.set_text_limit(options.limits.max_text_chars);
        if let Some(line) = line(r, options) {
            lines.push(line);
        }
    });
    out.endowments.extend(group(lines));
}

fn report_missing_columns(
    table: &Table,
    header: &Header,
    columns: &Columns,
    issues: &mut Vec<ImportIssue>,
) {
    for field in REQUIRED.into_iter().filter(|f| !header.has(*f)) {
        let source = SourceRef {
            row: Some(header.row),
            ..table.whole()
        };
        let field = columns.name(field).to_owned();
        issues.push(ImportIssue {
            source,
            kind: IssueKind::MissingColumn { field },
        });
    }
}

/// One row: the endowment it belongs to and its item.
struct Line {
    kitchen: Option<KitchenKey>,
    age_group: AgeGroup,
    period: Option<String>,
    item: EndowmentItem,
}

fn line(r: &mut RowReader<'_>, options: &ImportOptions) -> Option<Line> {
    // A blank kitchen key is a program-wide row, not a missing value.
    let keyed = r.value(Field::KitchenKey).is_some_and(|v| !v.is_blank());
    let kitchen = if keyed {
        r.kitchen_key(&options.withheld_keys)
    } else {
        None
    };
    let age_group = required(r, Field::AgeGroup, |r| read_age_group(r, &options.age_bins));
    let product = required(r, Field::Product, |r| r.public_text(Field::Product));
    let quantity = required(r, Field::Count, |r| r.number(Field::Count));
    let unit = required(r, Field::Unit, |r| r.text(Field::Unit));
    let nutrients = Nutrients {
        energy_kcal: r.number(Field::Energy),
        protein_g: r.number(Field::Protein),
        carbohydrate_g: r.number(Field::Carbohydrate),
        fat_g: r.number(Field::Fat),
    };
    let item = EndowmentItem {
        product: product?,
        quantity: quantity?,
        unit: Unit::from_spanish(&unit?),
        nutrients,
        supplier: r.public_text(Field::Supplier),
        tender: r.public_text(Field::Tender),
        origin: Some(r.origin()),
    };
    if keyed && kitchen.is_none() {
        return None;
    }
    Some(Line {
        kitchen,
        age_group: age_group?,
        period: r.public_text(Field::Period),
        item,
    })
}

/// Reads a field the row needs, recording it as missing when blank.
fn required<T>(
    r: &mut RowReader<'_>,
    field: Field,
    read: impl FnOnce(&mut RowReader<'_>) -> Option<T>,
) -> Option<T> {
    let blank = r.value(field).is_none_or(Value::is_blank);
    if blank {
        // A missing column is reported once, at the header.
        if r.has(field) {
            r.missing(field);
        }
        return None;
    }
    read(r)
}

/// Groups lines into endowments by kitchen, age group and period, in
/// order of first appearance.
fn group(lines: Vec<Line>) -> Vec<Endowment> {
    let mut endowments: Vec<Endowment> = Vec::new();
    let mut index: HashMap<(Option<KitchenKey>, AgeGroup, Option<String>), usize> = HashMap::new();
    for line in lines {
        let key = (line.kitchen.clone(), line.age_group, line.period.clone());
        let at = *index.entry(key).or_insert_with(|| {
            endowments.push(Endowment {
                kitchen: line.kitchen,
                age_group: line.age_group,
                period: line.period,
                items: Vec::new(),
                nutrients: Nutrients::default(),
                supplier: line.item.supplier.clone(),
                tender: line.item.tender.clone(),
            });
            endowments.len() - 1
        });
        let endowment = &mut endowments[at];
        endowment.nutrients.add(&line.item.nutrients);
        if endowment.supplier != line.item.supplier {
            endowment.supplier = None;
        }
        if endowment.tender != line.item.tender {
            endowment.tender = None;
        }
        endowment.items.push(line.item);
    }
    endowments
}
