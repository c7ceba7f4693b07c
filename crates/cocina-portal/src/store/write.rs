//! Writing a delivery: one transaction that replaces an earlier load.

use std::fmt::Write as _;

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyPool, Transaction};

use super::StoreError;
use super::codec::{age_margin_text, issue_text, level_text, reason_text, sex_margin_text, to_i64};
use cocina_geography::names::spelled_out;
use cocina_model::RequestedItem;

use crate::public::{PublicCell, PublicDelivery, PublicDocument, PublicFinding, PublicKitchen};

/// Rows per INSERT statement; well under SQLite's limit of bound values
/// (32,766) and PostgreSQL's (65,535) at 16 columns.
const BATCH: usize = 200;

type AnyQuery<'q> = Query<'q, Any, AnyArguments<'q>>;
type Tx<'c> = Transaction<'c, Any>;

/// Inserts `rows` into `head` (`INSERT INTO t (a, b) `) in batches, with
/// `width` values per row bound by `bind`. The placeholders are `$n`, which
/// both engines read: sqlx's query builder writes `?` for the `Any`
/// driver, which PostgreSQL does not accept.
async fn insert_batches<T>(
    tx: &mut Tx<'_>,
    head: &str,
    width: usize,
    rows: &[T],
    bind: impl for<'q> Fn(AnyQuery<'q>, &'q T) -> AnyQuery<'q>,
) -> Result<(), StoreError> {
    for chunk in rows.chunks(BATCH) {
        let sql = values_sql(head, width, chunk.len());
        // Not kept as a prepared statement: sqlx 0.8.6's `Any` driver sends
        // a NULL `f64` to PostgreSQL typed as `float4`, and a statement
        // prepared with that type then rejects the next batch's real
        // coordinates ("incorrect binary data format").
        let mut query = sqlx::query(&sql).persistent(false);
        for row in chunk {
            query = bind(query, row);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

fn values_sql(head: &str, width: usize, rows: usize) -> String {
    let mut sql = format!("{head}VALUES ");
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for column in 0..width {
            let separator = if column == 0 { "" } else { ", " };
            // Writing to a String cannot fail.
            let _ = write!(sql, "{separator}${}", row * width + column + 1);
        }
        sql.push(')');
    }
    sql
}

pub(super) async fn save(pool: &AnyPool, delivery: &PublicDelivery) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    remove(&mut tx, &delivery.id).await?;
    insert_delivery(&mut tx, delivery).await?;
    insert_kitchens(&mut tx, &delivery.id, &delivery.kitchens).await?;
    insert_cells(&mut tx, &delivery.id, &delivery.cells).await?;
    insert_totals(&mut tx, delivery).await?;
    insert_status_counts(&mut tx, delivery).await?;
    insert_findings(&mut tx, &delivery.id, &delivery.findings).await?;
    insert_documents(&mut tx, delivery).await?;
    insert_items(&mut tx, delivery).await?;
    insert_package(&mut tx, delivery).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes every row of an earlier load. Each table is cleared explicitly
/// rather than through `ON DELETE CASCADE`, so that a connection without
/// foreign keys enabled cannot leave orphans behind.
async fn remove(tx: &mut Tx<'_>, id: &str) -> Result<(), StoreError> {
    for table in [
        "package_files",
        "requested_items",
        "documents",
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
        sqlx::query(&format!("DELETE FROM {table} WHERE {column} = $1"))
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

async fn insert_delivery(tx: &mut Tx<'_>, delivery: &PublicDelivery) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO deliveries (id, received, request, suppression_threshold, load_order) \
         VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(load_order), 0) + 1 FROM deliveries))",
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
    tx: &mut Tx<'_>,
    id: &str,
    kitchens: &[PublicKitchen],
) -> Result<(), StoreError> {
    let head = "INSERT INTO kitchens (delivery_id, key, name, name_folded, municipality_key, \
                municipality_name, municipality_status, locality_key, locality_name, status, \
                longitude, latitude, capacity, opened, closed, search_folded) ";
    insert_batches(tx, head, 16, kitchens, |query, k| {
        query
            .bind(id.to_owned())
            .bind(k.key.to_string())
            .bind(&k.name)
            .bind(cocina_model::text::fold(&k.name))
            .bind(k.municipality.map(|m| m.to_string()))
            .bind(&k.municipality_name)
            .bind(k.municipality_issue.map(issue_text))
            .bind(k.locality.map(|l| l.to_string()))
            .bind(&k.locality_name)
            .bind(k.status.to_string())
            .bind(k.location.map(geo_types::Point::x))
            .bind(k.location.map(geo_types::Point::y))
            .bind(k.capacity.map(i64::from))
            .bind(k.opened.map(|d| d.to_string()))
            .bind(k.closed.map(|d| d.to_string()))
            .bind(search_text(k))
    })
    .await
}

/// The text the kitchen search looks in: name, municipality and locality,
/// folded and with abbreviations spelled out, as the search's own words are
/// ([`super::read::search_pattern`]), one per line so that a search cannot
/// match across two.
fn search_text(k: &PublicKitchen) -> String {
    let parts = [
        Some(k.name.as_str()),
        k.municipality_name.as_deref(),
        k.locality_name.as_deref(),
    ];
    let lines: Vec<String> = parts
        .into_iter()
        .flatten()
        .map(|part| spelled_out(&cocina_model::text::fold(part)))
        .collect();
    lines.join("\n")
}

async fn insert_cells(tx: &mut Tx<'_>, id: &str, cells: &[PublicCell]) -> Result<(), StoreError> {
    let head = "INSERT INTO beneficiary_cells (delivery_id, level, area_key, sex, age_group, \
                value, suppression) ";
    insert_batches(tx, head, 7, cells, |query, c| {
        query
            .bind(id.to_owned())
            .bind(level_text(c.area.level))
            .bind(&c.area.key)
            .bind(sex_margin_text(c.sex))
            .bind(age_margin_text(c.age_group))
            .bind(c.value.map(to_i64))
            .bind(c.reason.map(reason_text))
    })
    .await
}

async fn insert_totals(tx: &mut Tx<'_>, delivery: &PublicDelivery) -> Result<(), StoreError> {
    let head = "INSERT INTO beneficiary_totals (delivery_id, level, area_key, beneficiaries, \
                suppression) ";
    insert_batches(tx, head, 5, &delivery.totals, |query, t| {
        query
            .bind(delivery.id.clone())
            .bind(level_text(t.area.level))
            .bind(&t.area.key)
            .bind(t.beneficiaries.map(to_i64))
            .bind(t.reason.map(reason_text))
    })
    .await
}

async fn insert_status_counts(
    tx: &mut Tx<'_>,
    delivery: &PublicDelivery,
) -> Result<(), StoreError> {
    let head =
        "INSERT INTO kitchen_status_counts (delivery_id, level, area_key, status, kitchens) ";
    insert_batches(tx, head, 5, &delivery.status_counts, |query, s| {
        query
            .bind(delivery.id.clone())
            .bind(level_text(s.area.level))
            .bind(&s.area.key)
            .bind(s.status.to_string())
            .bind(to_i64(s.kitchens))
    })
    .await
}

async fn insert_findings(
    tx: &mut Tx<'_>,
    id: &str,
    findings: &[PublicFinding],
) -> Result<(), StoreError> {
    let numbered: Vec<(usize, &PublicFinding)> = findings.iter().enumerate().collect();
    let head = "INSERT INTO findings (delivery_id, position, code, severity, file, sheet, cell, \
                row_number, kitchen_key, message_es, message_en, records) ";
    insert_batches(tx, head, 12, &numbered, |query, (position, f)| {
        query
            .bind(id.to_owned())
            .bind(to_i64(*position as u64))
            .bind(&f.code)
            .bind(f.severity.to_string())
            .bind(&f.file)
            .bind(&f.sheet)
            .bind(&f.cell)
            .bind(f.row.map(i64::from))
            .bind(&f.kitchen)
            .bind(&f.message_es)
            .bind(&f.message_en)
            .bind(to_i64(f.records))
    })
    .await
}

async fn insert_documents(tx: &mut Tx<'_>, delivery: &PublicDelivery) -> Result<(), StoreError> {
    let numbered: Vec<(usize, &PublicDocument)> = delivery.documents.iter().enumerate().collect();
    let head = "INSERT INTO documents (delivery_id, position, path, sha256, bytes, answers) ";
    insert_batches(tx, head, 6, &numbered, |query, (position, d)| {
        query
            .bind(delivery.id.clone())
            .bind(to_i64(*position as u64))
            .bind(&d.path)
            .bind(&d.sha256)
            .bind(d.bytes.map(to_i64))
            .bind(&d.answers)
    })
    .await
}

async fn insert_items(tx: &mut Tx<'_>, delivery: &PublicDelivery) -> Result<(), StoreError> {
    let numbered: Vec<(usize, &RequestedItem)> = delivery.items.iter().enumerate().collect();
    let head = "INSERT INTO requested_items (delivery_id, position, description, received, files) ";
    insert_batches(tx, head, 5, &numbered, |query, (position, item)| {
        query
            .bind(delivery.id.clone())
            .bind(to_i64(*position as u64))
            .bind(&item.description)
            .bind(i64::from(item.received))
            .bind(item.files.join("\n"))
    })
    .await
}

/// Stores the package one file per statement: a file can weigh megabytes,
/// so batching would only hold more of them in one message.
async fn insert_package(tx: &mut Tx<'_>, delivery: &PublicDelivery) -> Result<(), StoreError> {
    for (position, entry) in delivery.package.iter().enumerate() {
        sqlx::query(
            "INSERT INTO package_files (delivery_id, position, file, format, contents_es, \
             contents_en, body) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .persistent(false)
        .bind(&delivery.id)
        .bind(to_i64(position as u64))
        .bind(&entry.file)
        .bind(&entry.format)
        .bind(&entry.contents_es)
        .bind(&entry.contents_en)
        .bind(&entry.body)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::values_sql;

    #[test]
    fn placeholders_number_every_value_once() {
        assert_eq!(
            values_sql("INSERT INTO t (a, b) ", 2, 2),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
    }
}
