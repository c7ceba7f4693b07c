//! The one place the API speaks in `cocina-aggregation`'s terms: levels and
//! suppression reasons of the published beneficiary figures.

use cocina_aggregation::{GeoLevel, Margin, SuppressionReason};
use cocina_rendering::{Shown, TableCell};
use serde_json::{Value, json};

/// Reads the `level` of `/api/v1/aggregates`.
pub(crate) fn level(text: &str) -> Option<GeoLevel> {
    match text {
        "state" => Some(GeoLevel::State),
        "municipality" => Some(GeoLevel::Municipality),
        "kitchen" => Some(GeoLevel::Kitchen),
        _ => None,
    }
}

/// One published figure as JSON: a suppressed one has `value: null` and
/// says why, never the count; `total` stands for every sex or every age
/// group.
pub(crate) fn cell_json(cell: &TableCell) -> Value {
    let sex = match cell.sex {
        Margin::Total => json!("total"),
        Margin::Value(sex) => json!(sex),
    };
    let age_group = match cell.age_group {
        Margin::Total => "total".to_owned(),
        Margin::Value(group) => group.to_string(),
    };
    json!({
        "sex": sex,
        "age_group": age_group,
        "value": cell.value,
        "suppressed": cell.reason.map(SuppressionReason::code),
    })
}

/// An area's total as JSON fields: its value (`null` when suppressed) and
/// why it is suppressed.
pub(crate) fn total_json(total: Shown) -> (Value, Value) {
    match total {
        Shown::Count(n) => (json!(n), Value::Null),
        Shown::Suppressed(reason) => (Value::Null, json!(reason.code())),
    }
}
