//! `cocina stats`: beneficiaries by any combination of geography, sex, age
//! group, priority group and delivery, with disclosure control; kitchens by
//! status at the same levels.

mod table;

use std::path::{Path, PathBuf};

use anyhow::Context;
use cocina_aggregation::register::{RegisterByKey, count_by_key, count_register, read_kitchens};
use cocina_aggregation::{
    Counts, Dimension, Encoded, KitchenEntry, Plan, Purpose, Query, Row, Source, SuppressionReason,
    Table, parse_dimensions, parse_levels, publish_levels_with, releases_publish,
};
use cocina_geography::reference::Reference;
use cocina_geography::{Catalog, NameMatch};
use cocina_importers::{
    BENEFICIARIES_FILE, COUNTS_FILE, ImportOptions, KITCHENS_FILE, import_file,
};
use cocina_model::{Beneficiary, BeneficiaryCount, Lang};
use cocina_publication::SUPPRESSION_THRESHOLD;
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
    let paths: Vec<(u8, PathBuf)> = registers
        .iter()
        .map(|(delivery, register)| (*delivery, register.path().to_owned()))
        .collect();
    for (delivery, register) in registers {
        counts.merge(&register.resolve(universe, &plan, delivery)?);
    }
    // The package's tables, when asked for, are counted by their own plans.
    let count = |plan: &Plan| count_all(&encoded, &paths, plan);
    let single = args.deliveries.len() == 1;
    let (people, release) = people_table(&encoded, &plan, &counts, &config, single, count)?;
    let kitchen_plan = Plan::new(universe, &config.kitchen_query)?;
    let kitchen_counts = encoded.count_kitchens(&kitchen_plan);
    let kitchens = Table::new(universe, &kitchen_plan, &kitchen_counts, Purpose::Kitchens)?;
    let output = Output {
        people: &people,
        kitchens: &kitchens,
        release,
        rates: config.reference.is_some(),
    };
    match args.format {
        StatsFormat::Json => json_output(&output, &unused, out)?,
        StatsFormat::Csv => csv_output(&output, out)?,
        StatsFormat::Table => {
            let title = i18n::STATS_PEOPLE.get(lang);
            table::write(&people, title, release, output.rates, lang, out);
            outln!(out);
            let title = i18n::STATS_KITCHENS.get(lang);
            table::write(&kitchens, title, None, false, lang, out);
        }
    }
    Ok(Outcome::Clean)
}

/// What the outputs print: both tables, the release the people's belongs
/// to (none when not published), and whether rates are known.
struct Output<'a> {
    people: &'a Table,
    kitchens: &'a Table,
    release: Option<Release>,
    rates: bool,
}

/// Which release a published table of people belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Release {
    /// A table the open-data package publishes (a level of its by sex, age
    /// group, both or neither), shown exactly as the package shows it.
    Package,
    /// Any other table, suppressed and audited on its own: not jointly
    /// with the package, so the two side by side may give figures away.
    Separate,
}

/// People of `plan` in every delivery: the records read, plus each
/// canonical register streamed from its file.
fn count_all(
    encoded: &Encoded,
    registers: &[(u8, PathBuf)],
    plan: &Plan,
) -> anyhow::Result<Counts> {
    let mut counts = encoded.count(plan);
    for (delivery, path) in registers {
        let more = count_register(path, &encoded.universe, plan, *delivery)?;
        counts.merge(&more);
    }
    Ok(counts)
}

/// The table of people with its disclosure control. A published table the
/// open-data package also publishes takes the package's suppression, from
/// the same call that makes the package's (`publish_levels`), so that the
/// two releases together say no more than the package; any other is
/// suppressed on its own and said to be a separate release.
fn people_table(
    encoded: &Encoded,
    plan: &Plan,
    counts: &Counts,
    config: &Config,
    single_delivery: bool,
    count: impl FnOnce(&Plan) -> anyhow::Result<Counts>,
) -> anyhow::Result<(Table, Option<Release>)> {
    let universe = &encoded.universe;
    let Purpose::Published { threshold } = config.purpose else {
        return Ok((Table::new(universe, plan, counts, config.purpose)?, None));
    };
    let package_shaped = single_delivery
        && threshold == SUPPRESSION_THRESHOLD
        && releases_publish(universe, plan.query());
    if package_shaped {
        let package = publish_levels_with(encoded, threshold, count)?;
        if let Some(table) = package.table(universe, plan, counts)? {
            return Ok((table, Some(Release::Package)));
        }
    }
    let table = Table::new(universe, plan, counts, config.purpose)?;
    Ok((table, Some(Release::Separate)))
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
                kitchens: delivery
                    .kitchens
                    .iter()
                    .map(|k| in_oaxaca(KitchenEntry::from(k)))
                    .collect(),
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

/// Places a kitchen whose municipality key is not one of Oaxaca's under no
/// municipality, as the open-data package does, so that the tables both
/// publish count the same people in the same places.
fn in_oaxaca(mut entry: KitchenEntry) -> KitchenEntry {
    entry.municipality = entry
        .municipality
        .filter(|m| Catalog::bundled().get(*m).is_some());
    entry
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
            in_oaxaca(row.entry)
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
            "publicable: cifras de 1 a {max} suprimidas (small_count, y los ceros dentro de \
             una de ellas) y las que las revelarían (complementary, {threshold} o más) / \
             publishable: counts from 1 to {max} suppressed (small_count, and the zeros \
             within one of them) and those that would reveal them (complementary, \
             {threshold} or more)",
            max = threshold - 1,
        ),
        Purpose::Kitchens => "cocinas, no personas: sin supresión / kitchens, not people: not \
                              suppressed"
            .to_owned(),
    }
}

/// The release's code in the JSON output.
fn release_tag(release: Release) -> &'static str {
    match release {
        Release::Package => "open_data_package",
        Release::Separate => "separate_release",
    }
}

/// The release in a few words of each language, for each row of the CSV.
fn release_phrase(release: Release) -> &'static str {
    match release {
        Release::Package => "paquete de datos abiertos / open-data package",
        Release::Separate => "aparte, auditada sola / separate, audited alone",
    }
}

/// What the release means, in both languages, for the JSON output; the
/// table prints it in the reader's language ([`table::release_notice`]).
fn release_notice(release: Release) -> String {
    [Lang::Es, Lang::En]
        .map(|lang| table::release_notice(release, lang))
        .join(" / ")
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
/// (`purpose` `kitchens`), each in the columns that apply to it. A
/// published table says on every row which release it is, in Spanish and
/// English (`release`): a CSV has no other place that travels with its
/// rows, and the full notice on each of tens of thousands of rows would
/// outweigh the figures.
fn csv_output(output: &Output<'_>, out: &mut String) -> anyhow::Result<()> {
    let (people, kitchens, rates) = (output.people, output.kitchens, output.rates);
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["purpose".to_owned()];
    header.extend(coordinate_columns(people));
    header.extend(["status", "beneficiaries", "kitchens", "suppressed"].map(str::to_owned));
    if rates {
        header.push("per_1000".to_owned());
    }
    header.push("release".to_owned());
    writer.write_record(&header)?;
    let tag = purpose_tag(people.purpose());
    let release = output.release.map_or("", release_phrase);
    for row in people.rows() {
        let mut record = vec![tag.clone()];
        record.extend(coordinate_values(people, &row));
        record.extend([String::new(), count_text(row.count), String::new()]);
        record.push(row.suppressed.map_or("", reason_tag).to_owned());
        if rates {
            record.push(row.per_1000.map_or_else(String::new, |r| format!("{r:.2}")));
        }
        record.push(release.to_owned());
        writer.write_record(&record)?;
    }
    for row in kitchens.rows() {
        let mut record = vec![purpose_tag(kitchens.purpose())];
        record.extend(kitchen_coordinates(people, kitchens, &row));
        record.extend([String::new(), count_text(row.count), String::new()]);
        if rates {
            record.push(String::new());
        }
        record.push(String::new());
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
    output: &Output<'_>,
    unused: &[(PathBuf, String)],
    out: &mut String,
) -> anyhow::Result<()> {
    let people = output.people;
    let unused: Vec<String> = unused
        .iter()
        .map(|(dir, file)| dir.join(file).display().to_string())
        .collect();
    let value = json!({
        "purpose": purpose_tag(people.purpose()),
        "notice": notice(people.purpose()),
        "release": output.release.map(release_tag),
        "release_notice": output.release.map(release_notice),
        "beneficiaries": json_rows(people, "beneficiaries", output.rates),
        "kitchens": json_rows(output.kitchens, "kitchens", false),
        "not_used": unused,
    });
    outln!(out, "{}", serde_json::to_string_pretty(&value)?);
    Ok(())
}
