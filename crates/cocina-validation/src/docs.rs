//! docs
pub fn rules_markdown() -> String { String::new() }
