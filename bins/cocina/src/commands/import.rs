//! `cocina import`: read a delivery and summarise it.

use crate::outln;
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

pub(crate) fn run(args: &ImportArgs, out: &mut String) -> anyhow::Result<Outcome> {
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
        Format::Json => outln!(out, "{}", serde_json::to_string_pretty(&summary)?),
        Format::Text => print_text(&summary, out),
    }
    Ok(Outcome::Clean)
}

fn print_text(summary: &Summary, out: &mut String) {
    outln!(out, "delivery {}", summary.delivery);
    outln!(out, "  kitchens:       {}", summary.kitchens);
    outln!(out, "  beneficiaries:  {}", summary.beneficiaries);
    if summary.beneficiary_counts > 0 {
        outln!(out, "  count rows:     {}", summary.beneficiary_counts);
    }
    for (severity, n) in &summary.issues {
        outln!(out, "  import {severity}s: {n}");
    }
    outln!(out, "run `cocina validate` for every finding with its cell");
}
