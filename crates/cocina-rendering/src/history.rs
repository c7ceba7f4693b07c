//! A kitchen's history across deliveries: opened, closed, moved, and its
//! beneficiaries over time.

use askama::Template;
use cocina_model::Lang;

use crate::RenderError;
use crate::pages::{
    Layout, figure, iso_date, layout, locality_fact, municipality_fact, totals_note,
};
use crate::routes::Page;
use crate::text::{self, Labels, labels};
use crate::view::{HistoryRow, KitchenHistory};

struct RowView {
    delivery: String,
    delivery_url: String,
    received: String,
    status: &'static str,
    municipality: String,
    locality: String,
    beneficiaries: String,
    change: &'static str,
}

#[derive(Template)]
#[template(path = "history.html", whitespace = "minimize")]
struct HistoryTemplate {
    layout: Layout,
    name: String,
    kitchen_url: String,
    deliveries_url: String,
    rows: Vec<RowView>,
    /// Why totals of the table are suppressed, when any is.
    totals_note: String,
}

/// Says what changed from the delivery before: a status change (opened,
/// suspended, closed) outranks a move, since it says more about the
/// kitchen.
fn change(before: Option<&HistoryRow>, row: &HistoryRow, t: &'static Labels) -> &'static str {
    let Some(before) = before else {
        return t.change_first;
    };
    if before.status != row.status {
        t.change_status
    } else if before.municipality != row.municipality || before.location != row.location {
        t.change_moved
    } else {
        t.change_none
    }
}

/// Renders one kitchen's history: one row per delivery that lists it,
/// oldest first, with what changed since the one before; each delivery
/// links to its downloads.
pub fn kitchen_history(page: &KitchenHistory, lang: Lang) -> Result<String, RenderError> {
    let t = labels(lang);
    // "Recibida" (the delivery, "entrega") is feminine in Spanish.
    let given = |v: Option<String>| v.unwrap_or_else(|| t.not_given_feminine.to_owned());
    let rows = page
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| RowView {
            delivery: row.delivery.clone(),
            delivery_url: Page::DeliveryDownloads(row.delivery.clone()).url(lang),
            received: given(row.received.map(iso_date)),
            status: text::status(row.status, lang),
            municipality: municipality_fact(
                row.municipality,
                row.municipality_name.as_ref(),
                row.municipality_issue,
                t,
            ),
            locality: locality_fact(row.locality, row.locality_name.as_ref(), t),
            beneficiaries: figure(row.beneficiaries, page.threshold, lang),
            change: change(i.checked_sub(1).and_then(|b| page.rows.get(b)), row, t),
        })
        .collect();
    let totals: Vec<_> = page.rows.iter().map(|r| r.beneficiaries).collect();
    let title = format!("{}: {}", t.history_title, page.name);
    let template = HistoryTemplate {
        layout: layout(&Page::KitchenHistory(page.key.clone()), lang.into(), &title),
        name: page.name.clone(),
        kitchen_url: Page::Kitchen(page.key.clone()).url(lang),
        deliveries_url: Page::Deliveries.url(lang),
        rows,
        totals_note: totals_note(&totals, page.threshold, lang),
    };
    Ok(template.render()?)
}
