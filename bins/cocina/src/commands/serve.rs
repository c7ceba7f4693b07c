//! `cocina serve`: the main job, from a delivery directory to a running
//! portal; and `cocina import --into`, which adds a delivery to a portal's
//! database.

use std::path::Path;

use anyhow::Context;
use cocina_importers::ImportedDelivery;
use cocina_model::Lang;
use cocina_portal::{IngestSummary, ServeConfig, Store, redacted, store_delivery};

use crate::Outcome;
use crate::cli::ServeArgs;
use crate::i18n;

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
/// delivery; `dir` holds its files, fingerprinted for the documents
/// library. Returns what was stored; errors are in `lang`.
pub(crate) fn store_into(
    imported: ImportedDelivery,
    dir: &Path,
    location: &str,
    lang: Lang,
) -> anyhow::Result<IngestSummary> {
    let runtime = tokio::runtime::Runtime::new().context(i18n::ASYNC_RUNTIME.get(lang))?;
    let name = redacted(location);
    runtime.block_on(async {
        let store = Store::connect(location)
            .await
            .with_context(|| i18n::OPEN_DATABASE.fill(lang, &[("name", &name)]))?;
        store_delivery(&store, imported, dir)
            .await
            .with_context(|| i18n::STORE_DELIVERY.fill(lang, &[("name", &name)]))
    })
}
