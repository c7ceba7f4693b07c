//! The portal's database: SQLite through sqlx, created and migrated on
//! opening.
//!
//! The schema is in `migrations/` and holds public data only (see
//! [`PublicDelivery`]). Queries are checked at run time, so building the
//! crate needs no database.

mod codec;
mod read;
mod write;

use std::path::Path;
use std::str::FromStr;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

use crate::public::PublicDelivery;

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
    /// A stored value does not parse back, which means the database was
    /// written by something else.
    #[error("stored {what} is not valid")]
    Corrupt {
        /// What could not be read.
        what: &'static str,
    },
}

/// The portal's database of public data.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens the database file at `path`, creating it if missing, and
    /// brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .foreign_keys(true)
            .journal_mode(SqliteJournalMode::Wal);
        let pool = SqlitePoolOptions::new().connect_with(options).await?;
        Self::migrated(pool).await
    }

    /// Opens a database that lives in memory until the store is dropped;
    /// for tests and one-off runs.
    pub async fn open_in_memory() -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        // Each connection to `:memory:` is a database of its own, so the
        // pool keeps exactly one, forever.
        let pool = SqlitePoolOptions::new()
            .min_connections(1)
            .max_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        Self::migrated(pool).await
    }

    async fn migrated(pool: SqlitePool) -> Result<Self, StoreError> {
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Self { pool })
    }

    /// Stores a delivery in one transaction, replacing an earlier load of
    /// the same delivery id; the portal then shows it.
    pub async fn save(&self, delivery: &PublicDelivery) -> Result<(), StoreError> {
        write::save(&self.pool, delivery).await
    }
}
