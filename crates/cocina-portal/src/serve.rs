//! Running the portal: load the delivery, then serve until Ctrl-C or
//! SIGTERM.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use anyhow::Context as _;
use cocina_importers::ImportOptions;

use crate::app::{AppState, router};
use crate::ingest::ingest;
use crate::store::Store;

/// The database used when none is given: the SQLite file `cocina.sqlite`
/// in the current directory (the repository ignores `*.sqlite` files).
pub const DEFAULT_DATABASE: &str = "cocina.sqlite";

/// The address listened on when none is given: only this machine.
pub const DEFAULT_LISTEN: SocketAddr =
    SocketAddr::new(std::net::IpAddr::V4(Ipv4Addr::LOCALHOST), 8080);

/// How to run the portal.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The delivery directory loaded at start.
    pub delivery_dir: PathBuf,
    /// The database: a SQLite file path, created if missing, or a
    /// `postgres://` URL. Other deliveries in it stay.
    pub database: String,
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
            database: DEFAULT_DATABASE.to_owned(),
            listen: DEFAULT_LISTEN,
            import: ImportOptions::default(),
        }
    }
}

/// Takes the address first, so a busy port is reported before any work;
/// then loads the delivery into the database (replacing an earlier load of
/// the same delivery, so running it again is harmless) and serves the
/// portal until Ctrl-C or SIGTERM, finishing the requests in flight; then
/// closes the database ([`Store::close`]).
pub async fn serve(config: ServeConfig) -> anyhow::Result<()> {
    let listener = bind(config.listen).await?;
    let store = Store::connect(&config.database)
        .await
        .with_context(|| format!("opening the database {}", redacted(&config.database)))?;
    // The summary is logged by `ingest` itself.
    let loaded = ingest(&store, &config.delivery_dir, &config.import).await;
    if loaded.is_err() {
        store.close().await;
    }
    loaded.with_context(|| format!("loading the delivery {}", config.delivery_dir.display()))?;
    let address = listener
        .local_addr()
        .context("reading the listening address")?;
    tracing::info!("portal ready: open http://{address}/ (English: http://{address}/en/)");
    let served = axum::serve(listener, router(AppState::new(store.clone())))
        .with_graceful_shutdown(shutdown_signal())
        .await;
    // Closed however serving ended, so SQLite folds its write-ahead log
    // into the database and removes the files beside it.
    store.close().await;
    served.context("serving the portal")?;
    tracing::info!("portal stopped");
    Ok(())
}

/// Listens on `address`, or says in both languages that it cannot and how
/// to choose another.
pub async fn bind(address: SocketAddr) -> anyhow::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| {
            format!(
                "no se puede escuchar en {address}; ¿está ocupado? elija otra dirección con \
                 --listen, p. ej. --listen 127.0.0.1:8081 / cannot listen on {address}; is it \
                 in use? choose another address with --listen, e.g. --listen 127.0.0.1:8081"
            )
        })
}

/// Names a database for messages without the password a `postgres://`
/// URL may carry.
#[must_use]
pub fn redacted(location: &str) -> String {
    match location.split_once("://") {
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((_, host)) => format!("{scheme}://…@{host}"),
            None => location.to_owned(),
        },
        None => location.to_owned(),
    }
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM (what service managers and
/// container runtimes send). Without any handler the server cannot stop
/// gracefully and keeps serving until the process is killed.
async fn shutdown_signal() {
    stop_requested(|signal, error| tracing::warn!(%error, "cannot listen for {signal}")).await;
    tracing::info!("stopping: finishing the requests in flight");
}

/// Resolves when the process is asked to stop: Ctrl-C or, on Unix,
/// SIGTERM. A signal that cannot be listened for is handed to `cannot`
/// with its name and then waited for forever, so the other still stops
/// the process.
pub async fn stop_requested(cannot: impl Fn(&'static str, std::io::Error)) {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            cannot("Ctrl-C", error);
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(error) => {
                cannot("SIGTERM", error);
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn passwords_stay_out_of_messages() {
        assert_eq!(
            redacted("postgres://user:secret@db:5432/cocina"),
            "postgres://…@db:5432/cocina"
        );
        assert_eq!(redacted("cocina.sqlite"), "cocina.sqlite");
    }
}
