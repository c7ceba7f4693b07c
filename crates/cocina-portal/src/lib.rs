//! The Cocina Abierta web portal: a SQLite store of public data and the
//! HTTP server that shows it.
//!
//! [`serve()`] runs the whole job with a [`ServeConfig`]: it opens the
//! [`Store`] (creating and migrating the database), [`ingest()`]s a delivery
//! directory, and serves the [`router`] until Ctrl-C. Ingesting imports the
//! spreadsheets, resolves municipalities, validates, aggregates with
//! suppression and keeps only the [`PublicDelivery`]: the database never
//! receives a person's name, CURP, birth date, address or phone, so no page,
//! API answer or log line can show one.
//!
//! The pages come from `cocina-rendering` in Spanish (`/`) and English
//! (`/en/`); each delivery held keeps its downloads, package files
//! ([`package_url`]) and scorecard at addresses of its own. `/api/v1/kitchens`
//! gives the kitchens as GeoJSON (RFC 7946); every API endpoint reads only
//! the query parameters it lists in the [`openapi()`] document and answers
//! any fault as JSON in Spanish and English. `/healthz` answers `ok`.
//!
//! # Example
//!
//! ```no_run
//! # async fn run() -> anyhow::Result<()> {
//! use cocina_portal::{ServeConfig, serve};
//!
//! let mut config = ServeConfig::new("examples/entrega-2016");
//! config.database = "/tmp/cocina.sqlite".to_owned();
//! serve(config).await
//! # }
//! ```

mod aggregates;
mod api;
mod app;
mod caching;
mod error;
mod ingest;
mod openapi;
mod params;
pub mod public;
mod serve;
mod store;

pub use api::{GEOJSON_MEDIA_TYPE, feature_collection};
pub use app::{AppState, router};
pub use error::AppError;
pub use ingest::{IngestError, IngestSummary, ingest, load_delivery, store_delivery};
pub use openapi::{API_PATHS, DATA_PATHS, DELIVERY_PAGE_PATHS, documented_paths, openapi};
pub use public::{PublicDelivery, PublicDocument};
pub use serve::{
    DEFAULT_DATABASE, DEFAULT_LISTEN, ServeConfig, bind, redacted, serve, stop_requested,
};
pub use store::{
    Backend, DATA_PREFIX, DeliverySummary, KitchenFilter, KitchenHistoryEntry, PackageFile, Store,
    StoreError, package_url,
};
