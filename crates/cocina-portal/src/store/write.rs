//! Writing a delivery: one transaction that replaces an earlier load.

use sqlx::{QueryBuilder, Sqlite, SqlitePool, Transaction};

use super::StoreError;
use super::codec::{level_text, reason_text, sex_text, to_i64};
use crate::public::{PublicCell, PublicDelivery, PublicFinding, PublicKitchen};

/// Rows per INSERT statement; well under SQLite's limit of bound values.
const BATCH: usize = 200;

pub(super) async fn save(pool: &SqlitePool, delivery: &PublicDelivery) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    remove(&mut tx, &delivery.id).await?;
    insert_delivery(&mut tx, delivery).await?;
    insert_kitchens(&mut tx, &delivery.id, &delivery.kitchens).await?;
    insert_cells(&mut tx, &delivery.id, &delivery.cells).await?;
    insert_totals(&mut tx, delivery).await?;
    insert_status_counts(&mut tx, delivery).await?;
    insert_findings(&mut tx, &delivery.id, &delivery.findings).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes every row of an earlier load. Each table is cleared explicitly
/// rather than through `ON DELETE CASCADE`, so that a connection without
/// foreign keys enabled cannot leave orphans behind.
async fn remove(tx: &mut Transaction<'_, Sqlite>, id: &str) -> Result<(), StoreError> {
    for table in [
        "findings",
        "kitchen_status_counts",
        "beneficiary_totals",
        "beneficiary_cells",
        "kitchens",
        "deliveries",
    ] {
        let column = if table == "deliveries" {
            "id"
        } else {
            "delivery_id"
        };
        sqlx::query(&format!("DELETE FROM {table} WHERE {column} = ?"))
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

async fn insert_delivery(
    tx: &mut Transaction<'_, Sqlite>,
    delivery: &PublicDelivery,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO deliveries (id, received, request, suppression_threshold, load_order) \
         VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(load_order), 0) + 1 FROM deliveries))",
    )
    .bind(&delivery.id)
    .bind(delivery.received.map(|d| d.to_string()))
    .bind(&delivery.request)
    .bind(to_i64(delivery.threshold))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn insert_kitchens(
    tx: &mut Transaction<'_, Sqlite>,
    id: &str,
    kitchens: &[PublicKitchen],
) -> Result<(), StoreError> {
    for chunk in kitchens.chunks(BATCH) {
        let mut query = QueryBuilder::<Sqlite>::new(
            "INSERT INTO kitchens (delivery_id, key, name, name_folded, municipality_key, \
             municipality_name, locality_key, locality_name, status, longitude, latitude, \
             capacity, opened, closed) ",
        );
        query.push_values(chunk, |mut row, k| {
            row.push_bind(id)
                .push_bind(k.key.to_string())
                .push_bind(&k.name)
                .push_bind(cocina_model::text::fold(&k.name))
                .push_bind(k.municipality.map(|m| m.to_string()))
                .push_bind(&k.municipality_name)
                .push_bind(k.locality.map(|l| l.to_string()))
                .push_bind(&k.locality_name)
                .push_bind(k.status.to_string())
                .push_bind(k.location.map(geo_types::Point::x))
                .push_bind(k.location.map(geo_types::Point::y))
                .push_bind(k.capacity)
                .push_bind(k.opened.map(|d| d.to_string()))
                .push_bind(k.closed.map(|d| d.to_string()));
        });
        query.build().execute(&mut **tx).await?;
    }
    Ok(())
}

async fn insert_cells(
    tx: &mut Transaction<'_, Sqlite>,
    id: &str,
    cells: &[PublicCell],
) -> Result<(), StoreError> {
    for chunk in cells.chunks(BATCH) {
        let mut query = QueryBuilder::<Sqlite>::new(
            "INSERT INTO beneficiary_cells (delivery_id, level, area_key, sex, age_group, value, \
             suppression) ",
        );
        query.push_values(chunk, |mut row, c| {
            row.push_bind(id)
                .push_bind(level_text(c.area.level))
                .push_bind(&c.area.key)
                .push_bind(c.sex.map(sex_text))
                .push_bind(c.age_group.to_string())
                .push_bind(c.value.map(to_i64))
                .push_bind(c.reason.map(reason_text));
        });
        query.build().execute(&mut **tx).await?;
    }
    Ok(())
}

async fn insert_totals(
    tx: &mut Transaction<'_, Sqlite>,
    delivery: &PublicDelivery,
) -> Result<(), StoreError> {
    for chunk in delivery.totals.chunks(BATCH) {
        let mut query = QueryBuilder::<Sqlite>::new(
            "INSERT INTO beneficiary_totals (delivery_id, level, area_key, beneficiaries) ",
        );
        query.push_values(chunk, |mut row, t| {
            row.push_bind(&delivery.id)
                .push_bind(level_text(t.area.level))
                .push_bind(&t.area.key)
                .push_bind(to_i64(t.beneficiaries));
        });
        query.build().execute(&mut **tx).await?;
    }
    Ok(())
}

async fn insert_status_counts(
    tx: &mut Transaction<'_, Sqlite>,
    delivery: &PublicDelivery,
) -> Result<(), StoreError> {
    for chunk in delivery.status_counts.chunks(BATCH) {
        let mut query = QueryBuilder::<Sqlite>::new(
            "INSERT INTO kitchen_status_counts (delivery_id, level, area_key, status, kitchens) ",
        );
        query.push_values(chunk, |mut row, s| {
            row.push_bind(&delivery.id)
                .push_bind(level_text(s.area.level))
                .push_bind(&s.area.key)
                .push_bind(s.status.to_string())
                .push_bind(to_i64(s.kitchens));
        });
        query.build().execute(&mut **tx).await?;
    }
    Ok(())
}

async fn insert_findings(
    tx: &mut Transaction<'_, Sqlite>,
    id: &str,
    findings: &[PublicFinding],
) -> Result<(), StoreError> {
    let numbered: Vec<(usize, &PublicFinding)> = findings.iter().enumerate().collect();
    for chunk in numbered.chunks(BATCH) {
        let mut query = QueryBuilder::<Sqlite>::new(
            "INSERT INTO findings (delivery_id, position, code, severity, file, sheet, cell, \
             row_number, kitchen_key, message_es, message_en) ",
        );
        query.push_values(chunk, |mut row, (position, f)| {
            row.push_bind(id)
                .push_bind(to_i64(*position as u64))
                .push_bind(&f.code)
                .push_bind(f.severity.to_string())
                .push_bind(&f.file)
                .push_bind(&f.sheet)
                .push_bind(&f.cell)
                .push_bind(f.row)
                .push_bind(&f.kitchen)
                .push_bind(&f.message_es)
                .push_bind(&f.message_en);
        });
        query.build().execute(&mut **tx).await?;
    }
    Ok(())
}
