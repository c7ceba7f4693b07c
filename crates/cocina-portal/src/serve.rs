//! Running the portal: load the delivery, then serve until Ctrl-C.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use anyhow::Context as _;
use cocina_importers::ImportOptions;

use crate::app::{AppState, router};
use crate::ingest::ingest;
use crate::store::Store;

/// The database file used when none is given: `cocina.sqlite` in the
/// current directory (the repository ignores `*.sqlite` files).
pub const DEFAULT_DATABASE: &str = "cocina.sqlite";

/// The address listened on when none is given: only this machine.
pub const DEFAULT_LISTEN: SocketAddr =
    SocketAddr::new(std::net::IpAddr::V4(Ipv4Addr::LOCALHOST), 8080);

/// How to run the portal.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The delivery directory loaded at start.
    pub delivery_dir: PathBuf,
    /// The SQLite database file, created if missing.
    pub database: PathBuf,
    /// Address and port to listen on.
    pub listen: SocketAddr,
    /// How the delivery's spreadsheets are read.
    pub import: ImportOptions,
}

impl ServeConfig {
    /// Serves `delivery_dir` with the defaults: [`DEFAULT_DATABASE`],
    /// [`DEFAULT_LISTEN`] and default import options.
    #[must_use]
    pub fn new(delivery_dir: impl Into<PathBuf>) -> Self {
        Self {
            delivery_dir: delivery_dir.into(),
            database: PathBuf::from(DEFAULT_DATABASE),
            listen: DEFAULT_LISTEN,
            import: ImportOptions::default(),
        }
    }
}

/// Loads the delivery into the database (replacing an earlier load of the
/// same delivery, so running it again is harmless), then serves the portal
/// until Ctrl-C, finishing the requests in flight.
pub async fn serve(config: ServeConfig) -> anyhow::Result<()> {
    let store = Store::open(&config.database)
        .await
        .with_context(|| format!("opening the database {}", config.database.display()))?;
    // The summary is logged by `ingest` itself.
    ingest(&store, &config.delivery_dir, &config.import)
        .await
        .with_context(|| format!("loading the delivery {}", config.delivery_dir.display()))?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    let address = listener
        .local_addr()
        .context("reading the listening address")?;
    tracing::info!("portal ready: open http://{address}/ (English: http://{address}/en/)");
    axum::serve(listener, router(AppState::new(store)))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("serving the portal")?;
    tracing::info!("portal stopped");
    Ok(())
}

async fn shutdown_signal() {
    if let Err(error) = tokio::signal::ctrl_c().await {
        // Without a signal handler the server cannot be stopped gracefully;
        // it keeps serving until the process is killed.
        tracing::warn!(%error, "cannot listen for Ctrl-C");
        std::future::pending::<()>().await;
    }
}
