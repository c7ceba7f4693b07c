//! Integration tests of the portal: a delivery built in memory goes through
//! the same storing path as `ingest`, then the router is driven in-process.

mod addresses;
mod api;
mod api_errors;
mod api_v1;
mod data_pages;
mod deliveries;
mod fixture;
mod list_filter;
mod pages;
mod privacy;
mod store;
