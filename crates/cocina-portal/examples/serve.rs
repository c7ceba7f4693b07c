//! Serves a delivery directory without the `cocina` command line:
//!
//! ```text
//! cargo run -p cocina-portal --example serve -- examples/entrega-2016 [DATABASE] [ADDRESS]
//! ```
//!
//! The database defaults to `cocina.sqlite` in the current directory and the
//! address to 127.0.0.1:8080. Set `RUST_LOG` to change the log level.

use std::process::ExitCode;

use cocina_portal::{ServeConfig, serve};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    let mut args = std::env::args_os().skip(1);
    let Some(delivery) = args.next() else {
        tracing::error!("usage: serve DELIVERY_DIR [DATABASE] [ADDRESS]");
        return ExitCode::from(2);
    };
    let mut config = ServeConfig::new(delivery);
    if let Some(database) = args.next() {
        config.database = database.into();
    }
    if let Some(address) = args.next() {
        match address.to_string_lossy().parse() {
            Ok(address) => config.listen = address,
            Err(error) => {
                tracing::error!(%error, "the address must look like 127.0.0.1:8080");
                return ExitCode::from(2);
            }
        }
    }
    match serve(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error:#}");
            ExitCode::FAILURE
        }
    }
}
