//! The one place the API speaks in `cocina-aggregation`'s terms: levels and
//! suppression reasons of the published beneficiary cells.

use cocina_aggregation::{Level, SuppressionReason};
use cocina_rendering::TableCell;
use serde_json::{Value, json};

/// Reads the `level` of `/api/v1/aggregates`.
pub(crate) fn level(text: &str) -> Option<Level> {
    match text {
        "state" => Some(Level::State),
        "municipality" => Some(Level::Municipality),
        "kitchen" => Some(Level::Kitchen),
        _ => None,
    }
}

/// One published cell as JSON: a suppressed cell has `value: null` and
/// says why, never the count.
pub(crate) fn cell_json(cell: &TableCell) -> Value {
    let reason = cell.reason.map(|r| match r {
        SuppressionReason::SmallCount => "small_count",
        SuppressionReason::Complementary => "complementary",
    });
    json!({
        "sex": cell.sex,
        "age_group": cell.age_group.to_string(),
        "value": cell.value,
        "suppressed": reason,
    })
}
