//! `cocina stats`: beneficiaries by any combination of geography, sex, age
//! group, priority group and delivery, with disclosure control; kitchens by
//! status at the same levels.

mod table;

use std::path::{Path, PathBuf};

use anyhow::Context;
use cocina_aggregation::register::{RegisterByKey, count_by_key, read_kitchens};
use cocina_aggregation::{
    Dimension, Encoded, KitchenEntry, Plan, Purpose, Query, Row, Source, SuppressionReason, Table,
    parse_dimensions, parse_levels,
};
use cocina_geography::reference::Reference;
use cocina_geography::{Catalog, NameMatch};
use cocina_importers::{
    BENEFICIARIES_FILE, COUNTS_FILE, ImportOptions, KITCHENS_FILE, import_file,
};
use cocina_model::{Beneficiary, BeneficiaryCount, Lang};
use serde_json::{Map, Value, json};

use crate::Outcome;
use crate::cli::{StatsArgs, StatsFormat};
use crate::{i18n, outln};

/// The arguments, checked.
struct Config {
    query: Query,
    kitchen_query: Query,
    purpose: Purpose,
    reference: Option<Reference>,
}

pub(crate) fn run(args: &StatsArgs, lang: Lang, out: &mut String) -> anyhow::Result<Outcome> {
    let config = configure(args, lang)?;
    // Canonical registers are counted by kitchen key on the other cores
    // while the bundled catalogue loads and the kitchens lists are read.
    let (loaded, registers) = rayon::join(
        || {
            let (_catalog, loaded) = rayon::join(Catalog::bundled, || {
                load(&args.deliveries, config.reference.as_ref(), lang)
            });
            loaded
        },
        || count_registers(&args.deliveries, &config.query),
    );
    let (encoded, unused) = loaded?;
    let registers = registers?;
    note_unused(&unused, lang);
    let universe = &encoded.universe;
    let plan = Plan::new(universe, &config.query)?;
    let mut counts = encoded.count(&plan);
    for (delivery, register) in registers {
        counts.merge(&register.resolve(universe, &plan, delivery)?);
    }
    let people = Table::new(universe, &plan, &counts, config.purpose)?;
    let kitchen_plan = Plan::new(universe, &config.kitchen_query)?;
    let kitchen_counts = encoded.count_kitchens(&kitchen_plan);
    let kitchens = Table::new(universe, &kitchen_plan, &kitchen_counts, Purpose::Kitchens)?;
    let rates = config.reference.is_some();
    match args.format {
        StatsFormat::Json => json_output(&people, &kitchens, &unused, rates, out)?,
        StatsFormat::Csv => csv_output(&people, &kitchens, rates, out)?,
        StatsFormat::Table => {
            table::write(&people, i18n::STATS_PEOPLE.get(lang), rates, lang, out);
            outln!(out);
            table::write(&kitchens, i18n::STATS_KITCHENS.get(lang), false, lang, out);
        }
    }
    Ok(Outcome::Clean)
}

/// Names each file of a canonical delivery that counting did not read.
#[expect(
    clippy::print_stderr,
    reason = "a note for the user, kept off stdout so the data stays what was asked"
)]
fn note_unused(unused: &[(PathBuf, String)], lang: Lang) {
    let note = lang.pick(
        "nota: no se usó para contar (solo cocinas, padrón y concentrado)",
        "note: not used for counting (only kitchens, register and count table)",
    );
    for (dir, file) in unused {
        eprintln!("{note}: {}", dir.join(file).display());
    }
}

fn configure(args: &StatsArgs, lang: Lang) -> anyhow::Result<Config> {
    let by = parse_dimensions(&args.by)?;
    let levels = args.level.as_deref().map(parse_levels).transpose()?;
    let query = Query::new(by, levels.unwrap_or_default())?;
    let kitchen_by: Vec<Dimension> = query
        .by()
        .iter()
        .copied()
        .filter(|d| {
            matches!(
                d,
                Dimension::Geo(_) | Dimension::Marginalization | Dimension::Delivery
            )
        })
        .chain([Dimension::Status])
        .collect();
    if query.by().contains(&Dimension::Status) {
        return Err(cocina_aggregation::QueryError::StatusOfPeople.into());
    }
    let kitchen_query = Query::new(kitchen_by, query.levels().to_vec())?;
    let reference = args
        .reference
        .as_deref()
        .map(|dir| {
            Reference::load(dir)
                .with_context(|| i18n::READ_REFERENCE.fill(lang, &[("dir", &dir.display())]))
        })
        .transpose()?;
    let purpose = if args.internal {
        Purpose::Internal
    } else {
        Purpose::Published {
            threshold: args.threshold,
        }
    };
    Ok(Config {
        query,
        kitchen_query,
        purpose,
        reference,
    })
}

/// One delivery as read for counting.
#[derive(Default)]
struct Loaded {
    kitchens: Vec<KitchenEntry>,
    beneficiaries: Vec<Beneficiary>,
    counts: Vec<BeneficiaryCount>,
}

/// What [`load`] gives: the encoded deliveries and the files of canonical
/// deliveries that counting does not use (directory and file name).
type LoadedAll = (Encoded, Vec<(PathBuf, String)>);

/// Streams each canonical register (`padron.csv` beside `comedores.csv`),
/// counting it by kitchen key; gives each with its delivery's code.
fn count_registers(dirs: &[PathBuf], query: &Query) -> anyhow::Result<Vec<(u8, RegisterByKey)>> {
    let mut registers = Vec::new();
    for (index, dir) in dirs.iter().enumerate() {
        if is_canonical(dir) {
            let register = count_by_key(&dir.join(BENEFICIARIES_FILE), query)?;
            registers.push((index.min(255) as u8, register));
        }
    }
    Ok(registers)
}

/// Imports each delivery; a canonical register is left to
/// [`count_registers`] rather than loaded.
fn load(dirs: &[PathBuf], reference: Option<&Reference>, lang: Lang) -> anyhow::Result<LoadedAll> {
    let mut loaded = Vec::with_capacity(dirs.len());
    let mut unused = Vec::new();
    for dir in dirs {
        if is_canonical(dir) {
            loaded.push(load_canonical(dir, lang)?);
            unused.extend(
                unused_files(dir, lang)?
                    .into_iter()
                    .map(|f| (dir.clone(), f)),
            );
        } else {
            let delivery = super::check(dir, lang)?.delivery;
            loaded.push(Loaded {
                kitchens: delivery.kitchens.iter().map(KitchenEntry::from).collect(),
                beneficiaries: delivery.beneficiaries,
                counts: delivery.counts,
            });
        }
    }
    let names: Vec<String> = dirs.iter().map(|d| delivery_name(d)).collect();
    let sources: Vec<Source<'_>> = loaded
        .iter()
        .zip(&names)
        .map(|(file, name)| Source {
            name,
            kitchens: &file.kitchens,
            beneficiaries: &file.beneficiaries,
            counts: &file.counts,
        })
        .collect();
    Ok((Encoded::new(&sources, reference), unused))
}

fn is_canonical(dir: &Path) -> bool {
    dir.join(BENEFICIARIES_FILE).is_file() && dir.join(KITCHENS_FILE).is_file()
}

/// The files of a canonical delivery that counting does not read: the
/// endowments, the manifest and anything else, sorted by name.
fn unused_files(dir: &Path, lang: Lang) -> anyhow::Result<Vec<String>> {
    let used = [KITCHENS_FILE, BENEFICIARIES_FILE, COUNTS_FILE];
    let entries = std::fs::read_dir(dir)
        .with_context(|| i18n::LIST_DIR.fill(lang, &[("dir", &dir.display())]))?;
    let mut unused = Vec::new();
    for entry in entries {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if !used.contains(&name.as_str()) {
            unused.push(name);
        }
    }
    unused.sort();
    Ok(unused)
}

/// Reads a canonical delivery's kitchens and count table, not its register.
fn load_canonical(dir: &Path, lang: Lang) -> anyhow::Result<Loaded> {
    let kitchens = read_kitchens(&dir.join(KITCHENS_FILE))?
        .into_iter()
        .map(|mut row| {
            // Resolved as validation resolves a kitchen that gave a name.
            // The catalogue is asked for only here, so that reading the
            // list does not wait for it to load on the other core.
            if let Some(name) = row.municipality_name.as_deref() {
                let repaired = cocina_importers::repair_mojibake(name);
                let name = repaired.as_deref().unwrap_or(name);
                if let NameMatch::Found(key) = Catalog::bundled().resolve_name(name) {
                    row.entry.municipality = Some(key);
                }
            }
            row.entry
        })
        .collect();
    let mut counts = Vec::new();
    let path = dir.join(COUNTS_FILE);
    if path.is_file() {
        let bytes = std::fs::read(&path)
            .with_context(|| i18n::UNREAD_FILE.fill(lang, &[("path", &path.display())]))?;
        counts = import_file(COUNTS_FILE, &bytes, &ImportOptions::default()).counts;
    }
    Ok(Loaded {
        kitchens,
        beneficiaries: Vec::new(),
        counts,
    })
}

fn delivery_name(dir: &Path) -> String {
    dir.file_name().map_or_else(
        || dir.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The notice the CSV and JSON outputs carry, in both languages: data
/// files do not change with the reader's language.
fn notice(purpose: Purpose) -> String {
    match purpose {
        Purpose::Internal => "USO INTERNO: sin supresión, las cifras pequeñas pueden identificar \
                              personas / INTERNAL USE ONLY: not suppressed, small counts can \
                              identify people"
            .to_owned(),
        Purpose::Published { threshold } => format!(
            "publicable: cifras de 1 a {} suprimidas (small_count) y las que las revelarían \
             (complementary) / publishable: counts from 1 to {} suppressed (small_count) and \
             those that would reveal them (complementary)",
            threshold - 1,
            threshold - 1
        ),
        Purpose::Kitchens => "cocinas, no personas: sin supresión / kitchens, not people: not \
                              suppressed"
            .to_owned(),
    }
}

fn purpose_tag(purpose: Purpose) -> String {
    match purpose {
        Purpose::Internal => "internal_use_only".to_owned(),
        Purpose::Published { threshold } => format!("published_threshold_{threshold}"),
        Purpose::Kitchens => "kitchens".to_owned(),
    }
}

fn reason_tag(reason: SuppressionReason) -> &'static str {
    match reason {
        SuppressionReason::SmallCount => "small_count",
        SuppressionReason::Complementary => "complementary",
    }
}

/// Column names and values of a row's coordinates: three columns for the
/// geographic axis (level, key, name), one for any other.
fn coordinate_columns(table: &Table) -> Vec<String> {
    table
        .dimensions()
        .flat_map(|d| match d {
            Dimension::Geo(_) => vec!["level".into(), "area_key".into(), "area_name".into()],
            other => vec![other.name().to_owned()],
        })
        .collect()
}

fn coordinate_values(table: &Table, row: &Row<'_>) -> Vec<String> {
    table
        .dimensions()
        .zip(&row.coordinates)
        .flat_map(|(d, value)| match d {
            Dimension::Geo(_) => vec![
                value.level.map_or_else(String::new, |l| l.to_string()),
                value.key.clone(),
                value.name.clone(),
            ],
            _ if value.name.is_empty() => vec![value.key.clone()],
            _ => vec![value.name.clone()],
        })
        .collect()
}

/// One CSV of both tables: the people's rows, then the kitchens by status
/// (`purpose` `kitchens`), each in the columns that apply to it.
fn csv_output(
    people: &Table,
    kitchens: &Table,
    rates: bool,
    out: &mut String,
) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["purpose".to_owned()];
    header.extend(coordinate_columns(people));
    header.extend(["status", "beneficiaries", "kitchens", "suppressed"].map(str::to_owned));
    if rates {
        header.push("per_1000".to_owned());
    }
    writer.write_record(&header)?;
    let tag = purpose_tag(people.purpose());
    for row in people.rows() {
        let mut record = vec![tag.clone()];
        record.extend(coordinate_values(people, &row));
        record.extend([String::new(), count_text(row.count), String::new()]);
        record.push(row.suppressed.map_or("", reason_tag).to_owned());
        if rates {
            record.push(row.per_1000.map_or_else(String::new, |r| format!("{r:.2}")));
        }
        writer.write_record(&record)?;
    }
    for row in kitchens.rows() {
        let mut record = vec![purpose_tag(kitchens.purpose())];
        record.extend(kitchen_coordinates(people, kitchens, &row));
        record.extend([String::new(), count_text(row.count), String::new()]);
        if rates {
            record.push(String::new());
        }
        writer.write_record(&record)?;
    }
    out.push_str(&String::from_utf8(writer.into_inner()?)?);
    Ok(())
}

fn count_text(count: Option<u64>) -> String {
    count.map_or_else(String::new, |n| n.to_string())
}

/// A kitchen row's values in the people's coordinate columns (empty where
/// the kitchen table has no such dimension, such as sex), then its status.
fn kitchen_coordinates(people: &Table, kitchens: &Table, row: &Row<'_>) -> Vec<String> {
    let values = coordinate_values(kitchens, row);
    let mut at = 0;
    let mut out = Vec::new();
    let mut own = kitchens
        .dimensions()
        .zip(column_widths(kitchens))
        .peekable();
    for (dim, width) in people.dimensions().zip(column_widths(people)) {
        if own.peek().is_some_and(|(d, _)| *d == dim) {
            out.extend_from_slice(&values[at..at + width]);
            at += width;
            own.next();
        } else {
            out.extend(std::iter::repeat_n(String::new(), width));
        }
    }
    // The status, the kitchen table's last dimension.
    out.extend_from_slice(&values[at..]);
    out
}

/// How many columns each dimension of `table` takes.
fn column_widths(table: &Table) -> Vec<usize> {
    table
        .dimensions()
        .map(|d| if matches!(d, Dimension::Geo(_)) { 3 } else { 1 })
        .collect()
}

fn json_rows(table: &Table, count_name: &str, rates: bool) -> Vec<Value> {
    let columns = coordinate_columns(table);
    table
        .rows()
        .map(|row| {
            let mut object: Map<String, Value> = columns
                .iter()
                .cloned()
                .zip(coordinate_values(table, &row).into_iter().map(Value::from))
                .collect();
            object.insert(count_name.to_owned(), json!(row.count));
            object.insert(
                "suppressed".to_owned(),
                json!(row.suppressed.map(reason_tag)),
            );
            if rates {
                object.insert("per_1000".to_owned(), json!(row.per_1000));
            }
            Value::Object(object)
        })
        .collect()
}

fn json_output(
    people: &Table,
    kitchens: &Table,
    unused: &[(PathBuf, String)],
    rates: bool,
    out: &mut String,
) -> anyhow::Result<()> {
    let unused: Vec<String> = unused
        .iter()
        .map(|(dir, file)| dir.join(file).display().to_string())
        .collect();
    let value = json!({
        "purpose": purpose_tag(people.purpose()),
        "notice": notice(people.purpose()),
        "beneficiaries": json_rows(people, "beneficiaries", rates),
        "kitchens": json_rows(kitchens, "kitchens", false),
        "not_used": unused,
    });
    outln!(out, "{}", serde_json::to_string_pretty(&value)?);
    Ok(())
}
