//! The one place the API speaks in `cocina-aggregation`'s terms: levels and
//! suppression reasons of the published beneficiary figures.

use cocina_aggregation::{GeoLevel, Margin, SuppressionReason};
use cocina_rendering::{Shown, TableCell};
use serde_json::{Value, json};

use crate::params::ApiError;

/// The levels `/api/v1/aggregates` accepts, as its errors list them.
pub(crate) const LEVELS: &str = "state, municipality, kitchen, region or district";

/// [`LEVELS`] in Spanish.
pub(crate) const LEVELS_ES: &str = "state, municipality, kitchen, region o district";

/// Reads the `level` of `/api/v1/aggregates`. Regions and districts are
/// levels a client may ask for, but the portal holds no figures at them:
/// it loads deliveries without the reference data that places
/// municipalities in them.
pub(crate) fn level(text: &str) -> Option<GeoLevel> {
    match text {
        "state" => Some(GeoLevel::State),
        "municipality" => Some(GeoLevel::Municipality),
        "kitchen" => Some(GeoLevel::Kitchen),
        "region" => Some(GeoLevel::Region),
        "district" => Some(GeoLevel::District),
        _ => None,
    }
}

/// The 404 of an `area` the delivery has no figures for, naming the
/// parameter and not its value.
pub(crate) fn no_such_area(level: GeoLevel) -> ApiError {
    let (en, es) = match level {
        GeoLevel::Municipality => (
            "area names no municipality of Oaxaca with kitchens in this delivery",
            "area no nombra ningún municipio de Oaxaca con cocinas en esta entrega",
        ),
        GeoLevel::Kitchen => (
            "area names no kitchen of this delivery",
            "area no nombra ninguna cocina de esta entrega",
        ),
        _ => (
            "area names no area this portal holds figures for: it publishes the state, \
             municipalities and kitchens, not regions or districts",
            "area no nombra ninguna zona con cifras en este portal: publica el estado, los \
             municipios y las cocinas, no regiones ni distritos",
        ),
    };
    ApiError::missing("area", en.to_owned(), es.to_owned())
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
