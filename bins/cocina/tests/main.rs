//! Integration tests of the `cocina` command and of the main job on the
//! bundled example delivery.

mod cli;
mod example;
mod hostile_delivery;
mod import;
mod into;
mod lang;
mod map;
mod portal;
mod portal_browser;
mod publish;
mod publish_browser;
mod publish_privacy;
mod publish_site;
mod publish_validator;
mod stats;
mod stats_release;
mod support;
mod validate;
