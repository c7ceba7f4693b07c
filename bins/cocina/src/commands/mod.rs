//! One module per subcommand.

pub(crate) mod geo;
pub(crate) mod import;
pub(crate) mod publish;
#[cfg(feature = "portal")]
pub(crate) mod serve;
pub(crate) mod stats;
pub(crate) mod validate;

use std::path::Path;

use anyhow::Context;
use cocina_geography::Catalog;
use cocina_importers::ImportOptions;
use cocina_model::Lang;
use cocina_validation::{CheckedDelivery, ValidationOptions};

/// Imports, resolves and validates a delivery with default settings; an
/// error names the delivery in `lang`.
pub(crate) fn check(dir: &Path, lang: Lang) -> anyhow::Result<CheckedDelivery> {
    let catalog = Catalog::bundled();
    cocina_validation::check_delivery(
        dir,
        &ImportOptions::default(),
        &ValidationOptions::default(),
        catalog,
    )
    .with_context(|| crate::i18n::READ_DELIVERY.fill(lang, &[("dir", &dir.display())]))
}
