//! `cocina import`: read a delivery and summarise it.

use std::collections::BTreeMap;

use anyhow::Context;
use cocina_importers::ImportOptions;
use serde::Serialize;

use crate::Outcome;
use crate::cli::{Format, ImportArgs};

#[derive(Serialize)]
struct Summary {
    delivery: String,
    kitchens: usize,
    beneficiaries: usize,
    beneficiary_counts: usize,
    issues: BTreeMap<String, usize>,
}

pub(crate) fn run(args: &ImportArgs) -> anyhow::Result<Outcome> {
    let imported = cocina_importers::import_delivery(&args.delivery, &ImportOptions::default())
        .with_context(|| format!("could not read the delivery in {}", args.delivery.display()))?;
    let mut issues = BTreeMap::new();
    for issue in &imported.issues {
        *issues.entry(issue.severity().to_string()).or_default() += 1;
    }
    let summary = Summary {
        delivery: imported.delivery.id.clone(),
        kitchens: imported.kitchens.len(),
        beneficiaries: imported.beneficiaries.len(),
        beneficiary_counts: imported.counts.len(),
        issues,
    };
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&summary)?),
        Format::Text => print_text(&summary),
    }
    Ok(Outcome::Clean)
}

fn print_text(summary: &Summary) {
    println!("delivery {}", summary.delivery);
    println!("  kitchens:       {}", summary.kitchens);
    println!("  beneficiaries:  {}", summary.beneficiaries);
    if summary.beneficiary_counts > 0 {
        println!("  count rows:     {}", summary.beneficiary_counts);
    }
    for (severity, n) in &summary.issues {
        println!("  import {severity}s: {n}");
    }
    println!("run `cocina validate` for every finding with its cell");
}
