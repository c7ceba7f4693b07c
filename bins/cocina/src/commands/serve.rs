//! `cocina serve`: the main job, from a delivery directory to a running
//! portal; and `cocina import --into`, which adds a delivery to a portal's
//! database.

use anyhow::Context;
use cocina_importers::ImportedDelivery;
use cocina_portal::{ServeConfig, Store, redacted, store_delivery};

use crate::Outcome;
use crate::cli::ServeArgs;

pub(crate) fn run(args: ServeArgs) -> anyhow::Result<Outcome> {
    let mut config = ServeConfig::new(args.delivery);
    config.listen = args.listen;
    if let Some(database) = args.database {
        config.database = database;
    }
    let runtime = tokio::runtime::Runtime::new().context("could not start the async runtime")?;
    runtime.block_on(cocina_portal::serve(config))?;
    Ok(Outcome::Clean)
}

/// Validates, aggregates and stores the public part of `imported` in the
/// database at `location`, replacing only an earlier load of the same
/// delivery. Returns a line saying so, in Spanish and English.
pub(crate) fn store_into(imported: ImportedDelivery, location: &str) -> anyhow::Result<String> {
    let runtime = tokio::runtime::Runtime::new().context("could not start the async runtime")?;
    let name = redacted(location);
    let summary = runtime.block_on(async {
        let store = Store::connect(location)
            .await
            .with_context(|| format!("could not open the database {name}"))?;
        store_delivery(&store, imported)
            .await
            .with_context(|| format!("could not store the delivery in {name}"))
    })?;
    Ok(format!(
        "Guardada en {name}: entrega {id}, {kitchens} cocinas, {people} beneficiarios.\n\
         Stored in {name}: delivery {id}, {kitchens} kitchens, {people} beneficiaries.",
        id = summary.delivery_id,
        kitchens = summary.kitchens,
        people = summary.beneficiaries,
    ))
}
