//! The public pages of Cocina Abierta, in Spanish and English, and the maps
//! they carry, rendered to HTML strings.
//!
//! This is the one rendering layer: the portal serves these pages and a
//! static site is written from the same functions. Each page function takes
//! a plain view model from [`view`] and a [`Lang`] (or, for the static
//! site, a [`Target`], which keeps its links to what the site holds) and
//! returns HTML:
//!
//! - [`overview`]: the state's figures with a [`chart`] of beneficiaries
//!   by sex and age group, the [`map`] of municipalities with the kitchens,
//!   and the same figures as tables;
//! - [`kitchen_list`]: the kitchens, filtered by municipality or by text in
//!   their name, municipality or locality, telling the visitor what of the
//!   address it did not understand;
//! - [`kitchen`]: one kitchen, with a locator map and its beneficiaries;
//! - [`kitchen_history`]: one kitchen in every delivery that lists it,
//!   with what changed (the portal's, as it holds several deliveries);
//! - [`municipality`] and [`region`]: one area's figures, its map with its
//!   kitchens, and its kitchens or municipalities;
//! - [`documents`], [`downloads`] and [`quality`]: the delivery's files
//!   with their fingerprints, the open-data package, and what was
//!   requested and came with the validation scorecard; the portal, which
//!   holds several deliveries, renders the last two per delivery with
//!   [`downloads_in`] and [`quality_in`] and lists them all with
//!   [`deliveries`] (the static site lists its one delivery with
//!   [`deliveries_in`]);
//! - [`not_found`]: the page for an address that leads nowhere.
//!
//! [`routes`] holds the URL scheme ([`Page::url`] gives any page's address
//! in either language, which every page uses for its language switch).
//! Beneficiary figures arrive as a [`BeneficiaryTable`] already suppressed:
//! a suppressed cell carries no value, so no template can show one. Every
//! string citizens read is in one catalogue, in both languages, and
//! templates escape every value.
//!
//! # Example
//!
//! ```
//! use cocina_model::Lang;
//!
//! let html = cocina_rendering::not_found(Lang::En).unwrap();
//! assert!(html.contains(r#"<html lang="en">"#));
//! // The language switch leads to the Spanish overview.
//! assert!(html.contains(r#"<a href="/" lang="es" hreflang="es">Español</a>"#));
//! ```

mod area_pages;
pub mod chart;
mod collate;
mod data_pages;
mod history;
pub mod map;
mod pages;
pub mod routes;
mod simplify;
mod table;
mod text;
pub mod view;

pub use area_pages::{municipality, region};
pub use cocina_aggregation::SuppressionReason;
pub use cocina_model::Lang;
pub use data_pages::{
    Scope, deliveries, deliveries_in, documents, downloads, downloads_in, quality, quality_in,
};
pub use history::kitchen_history;
pub use pages::{Host, Target, kitchen, kitchen_list, not_found, overview};
pub use routes::{ListFilter, Page, PageKind};
pub use table::{BeneficiaryTable, Margin, Shown, TableCell, TableRow};

/// What every page holds, as written in its HTML: the landmarks a screen
/// reader jumps between and the one heading that names the page. The
/// rendering tests and the published site's tests check every page for
/// each of them.
pub const LANDMARKS: [&str; 5] = [
    "<header>",
    "<nav ",
    "<main id=\"main\">",
    "<footer>",
    "<h1>",
];

/// A page could not be rendered. Templates only format values, so this
/// means a bug or an out-of-memory condition, never bad input.
#[derive(Debug, thiserror::Error)]
#[error("could not render the page")]
pub struct RenderError(#[from] askama::Error);

#[cfg(test)]
mod tests;
