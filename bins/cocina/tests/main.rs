//! Integration tests of the `cocina` command and of the main job on the
//! bundled example delivery.

mod cli;
mod example;
mod import;
mod into;
mod portal;
mod support;
mod validate;
