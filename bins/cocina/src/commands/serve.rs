//! `cocina serve`: the main job, from a delivery directory to a running
//! portal.

use anyhow::Context;
use cocina_portal::ServeConfig;

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
