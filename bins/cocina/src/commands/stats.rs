//! `cocina stats`: beneficiaries by municipality, sex and age group, and
//! kitchens by status.

use crate::outln;
use cocina_aggregation::{Area, BeneficiaryCounts, KitchenCounts, Level};
use cocina_geography::Catalog;
use cocina_model::KitchenStatus;
use serde::Serialize;

use crate::Outcome;
use crate::cli::{StatsArgs, StatsFormat};

#[derive(Serialize)]
struct Row {
    municipality: String,
    municipality_name: String,
    sex: String,
    age_group: String,
    /// `None` when suppressed.
    beneficiaries: Option<u64>,
    suppressed: Option<String>,
}

pub(crate) fn run(args: &StatsArgs, out: &mut String) -> anyhow::Result<Outcome> {
    let checked = super::check(&args.delivery)?;
    let delivery = &checked.delivery;
    // A delivery may give people, counts, or both in different files.
    let mut counts = BeneficiaryCounts::from_records(
        &delivery.beneficiaries,
        &delivery.kitchens,
        Level::Municipality,
    );
    counts.merge(&BeneficiaryCounts::from_counts(
        &delivery.counts,
        &delivery.kitchens,
        Level::Municipality,
    ));
    let rows = rows(&counts, args);
    match args.format {
        StatsFormat::Json => outln!(out, "{}", serde_json::to_string_pretty(&rows)?),
        StatsFormat::Csv => print_csv(&rows, out)?,
        StatsFormat::Table => {
            print_table(&rows, args.internal, out);
            let statuses = KitchenCounts::from_kitchens(&delivery.kitchens, Level::State);
            print_statuses(&statuses, out);
        }
    }
    Ok(Outcome::Clean)
}

fn rows(counts: &BeneficiaryCounts, args: &StatsArgs) -> Vec<Row> {
    let catalog = Catalog::bundled();
    let name_of = |area: &Area| match area {
        Area::Municipality(key) => (
            key.to_string(),
            catalog
                .get(*key)
                .map_or_else(String::new, |m| m.name.clone()),
        ),
        _ => (String::new(), "(sin municipio válido)".to_owned()),
    };
    let make = |cell: &cocina_aggregation::BeneficiaryCell, value, reason: Option<String>| {
        let (municipality, municipality_name) = name_of(&cell.area);
        Row {
            municipality,
            municipality_name,
            sex: cell
                .sex
                .map_or_else(|| "unknown".to_owned(), |s| s.to_string()),
            age_group: cell.age_group.to_string(),
            beneficiaries: value,
            suppressed: reason,
        }
    };
    if args.internal {
        return counts
            .iter()
            .map(|(cell, n)| make(cell, Some(n), None))
            .collect();
    }
    let published = counts.publish(args.threshold);
    published
        .cells()
        .map(|c| {
            make(
                &c.cell,
                c.value,
                c.reason.map(|r| format!("{r:?}").to_lowercase()),
            )
        })
        .collect()
}

fn print_csv(rows: &[Row], out: &mut String) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.serialize(row)?;
    }
    out.push_str(&String::from_utf8(writer.into_inner()?)?);
    Ok(())
}

fn print_table(rows: &[Row], internal: bool, out: &mut String) {
    if internal {
        outln!(
            out,
            "INTERNAL USE ONLY: small counts are not suppressed / USO INTERNO"
        );
    }
    outln!(
        out,
        "{:<5} {:<40} {:<10} {:<8} {:>8}",
        "key",
        "municipality",
        "sex",
        "age",
        "people"
    );
    for r in rows {
        let value = r
            .beneficiaries
            .map_or_else(|| "<supp>".to_owned(), |v| v.to_string());
        let name: String = r.municipality_name.chars().take(40).collect();
        outln!(
            out,
            "{:<5} {name:<40} {:<10} {:<8} {value:>8}",
            r.municipality,
            r.sex,
            r.age_group
        );
    }
}

fn print_statuses(kitchens: &KitchenCounts, out: &mut String) {
    outln!(out);
    for status in KitchenStatus::ALL {
        outln!(
            out,
            "kitchens {status}: {}",
            kitchens.get(&Area::State, status)
        );
    }
}
