//! The portal's database: SQLite (embedded, the default) or PostgreSQL,
//! through sqlx's `Any` driver, created and migrated on opening.
//!
//! Every query is written once, with `$1`-style parameters that both
//! engines read, and sticks to SQL both accept (`CAST(SUM(..) AS BIGINT)`
//! where PostgreSQL would otherwise answer a `numeric`). Only the schema
//! differs, so there are two migration folders with the same versions:
//! `migrations/sqlite` and `migrations/postgres`. The schema holds public
//! data only (see [`PublicDelivery`]). Queries are checked at run time, so
//! building the crate needs no database.

mod codec;
mod pages;
mod query;
mod read;
mod write;

use std::path::Path;
use std::sync::Once;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AnyConnection, AnyPool, ConnectOptions as _, Connection as _, Executor as _};

use crate::public::PublicDelivery;

pub use pages::{DATA_PREFIX, PackageFile, package_url};
pub use query::{DeliverySummary, KitchenFilter, KitchenHistoryEntry};

/// Why the database could not be opened, read or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database could not be opened or a query failed.
    #[error("database query failed")]
    Sqlx(#[from] sqlx::Error),
    /// The schema could not be brought up to date.
    #[error("database migration failed")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The delivery's figures could not be aggregated (a table far larger
    /// than any real delivery's).
    #[error("could not aggregate the delivery's figures")]
    Aggregate(#[from] cocina_aggregation::QueryError),
    /// A stored value does not parse back, which means the database was
    /// written by something else.
    #[error("stored {what} is not valid")]
    Corrupt {
        /// What could not be read.
        what: &'static str,
    },
}

/// Which engine a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, a file or memory.
    Sqlite,
    /// PostgreSQL, at a `postgres://` URL.
    Postgres,
}

impl Backend {
    /// Tells a PostgreSQL URL (`postgres://` or `postgresql://`) from
    /// anything else, which is taken as a SQLite file path.
    #[must_use]
    pub fn of(location: &str) -> Self {
        if location.starts_with("postgres://") || location.starts_with("postgresql://") {
            Self::Postgres
        } else {
            Self::Sqlite
        }
    }
}

/// How many times [`Store::close`] closes the pool, 10 ms apart, waiting
/// for connections still being handed back: far longer than one takes.
const CLOSE_ROUNDS: u32 = 100;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// The portal's database of public data.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// The URL of a SQLite file, for [`Store::close`]; `None` for a
    /// database in memory and for PostgreSQL.
    sqlite_file: Option<String>,
}

impl Store {
    /// Opens the database at `location`: a `postgres://` URL, or else the
    /// path of a SQLite file, created if missing. Brings its schema up to
    /// date.
    pub async fn connect(location: &str) -> Result<Self, StoreError> {
        match Backend::of(location) {
            Backend::Postgres => Self::open_url(location, Backend::Postgres, None).await,
            Backend::Sqlite => Self::open(Path::new(location)).await,
        }
    }

    /// Opens the SQLite file at `path`, creating it if missing, and brings
    /// its schema up to date.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        let url = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .to_url_lossy();
        let mut store = Self::open_url(url.as_str(), Backend::Sqlite, None).await?;
        store.sqlite_file = Some(url.to_string());
        Ok(store)
    }

    /// Opens a SQLite database that lives in memory until the store is
    /// dropped; for tests and one-off runs.
    pub async fn open_in_memory() -> Result<Self, StoreError> {
        // Each connection to `:memory:` is a database of its own, so the
        // pool keeps exactly one, forever.
        Self::open_url("sqlite::memory:", Backend::Sqlite, Some(1)).await
    }

    async fn open_url(
        url: &str,
        backend: Backend,
        connections: Option<u32>,
    ) -> Result<Self, StoreError> {
        static DRIVERS: Once = Once::new();
        DRIVERS.call_once(sqlx::any::install_default_drivers);
        let options: AnyConnectOptions = url.parse()?;
        let mut pool = AnyPoolOptions::new();
        if let Some(n) = connections {
            pool = pool
                .min_connections(n)
                .max_connections(n)
                .idle_timeout(None)
                .max_lifetime(None);
        }
        if backend == Backend::Sqlite {
            pool = pool.after_connect(|conn, _| {
                Box::pin(async move {
                    // WAL lets the portal read while an import writes; a
                    // database in memory keeps its own journal mode.
                    conn.execute("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;")
                        .await?;
                    Ok(())
                })
            });
        }
        let pool = pool.connect_with(options).await?;
        let migrator = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&pool).await?;
        Ok(Self {
            pool,
            backend,
            sqlite_file: None,
        })
    }

    /// Which engine this store uses.
    #[must_use]
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes the database: waits for the connections in use to come back,
    /// then closes every one. Closing the last connection to a SQLite file
    /// writes its write-ahead log into the database and removes the `-wal`
    /// and `-shm` files beside it, so a stopped portal leaves only its
    /// database. Every clone of the store is closed with it; a query after
    /// this fails.
    pub async fn close(&self) {
        // sqlx's close can return while a connection that a finished query
        // is still handing back is open; that connection then joins the
        // idle ones after the close (a test closing right after concurrent
        // reads saw it in about one run of a hundred). Closing again until
        // none is left closes those too.
        for _ in 0..CLOSE_ROUNDS {
            self.pool.close().await;
            if self.pool.size() == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        if self.pool.size() > 0 {
            tracing::warn!("database connections still open after closing the database");
        }
        let Some(url) = &self.sqlite_file else {
            return;
        };
        // SQLite folds the log in only when the connection closing is the
        // last: two of the pool's connections closing at the same moment
        // on different threads (one handed back by a finished query) can
        // each see the other still open and both leave it. One connection
        // opened alone after them is certainly the last.
        let lone = async {
            let mut connection = AnyConnection::connect(url).await?;
            connection
                .execute("PRAGMA wal_checkpoint(TRUNCATE)")
                .await?;
            connection.close().await
        };
        if let Err(error) = lone.await {
            tracing::warn!(%error, "could not fold the SQLite write-ahead log into the database");
        }
    }

    /// Checks that the database answers, for the readiness probe.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Stores a delivery in one transaction, replacing an earlier load of
    /// the same delivery id and leaving other deliveries as they are; the
    /// portal then shows it by default.
    pub async fn save(&self, delivery: &PublicDelivery) -> Result<(), StoreError> {
        write::save(&self.pool, delivery).await
    }
}
