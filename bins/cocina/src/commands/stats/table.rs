//! The table `cocina stats` prints for people to read: headings, values,
//! suppression marks and counts in the chosen language. The CSV and JSON
//! formats are for programs and keep stable English codes instead.

use cocina_aggregation::{Dimension, GeoLevel, Purpose, Row, SuppressionReason, Table};
use cocina_model::{AgeGroup, KitchenStatus, Lang};

use super::Release;
use crate::i18n::{Text, t};
use crate::outln;

/// Cells longer than this are cut, so a long municipality name does not
/// widen the whole table.
const MAX_WIDTH: usize = 40;

const TOTAL: Text = t("total", "total");
const COUNT: Text = t("cifra", "count");
const PER_1000: Text = t("por 1,000 hab.", "per 1,000 pop.");

/// Writes `table` under `title`, with the release it belongs to when it
/// is published, and a rate column when `rates`.
pub(super) fn write(
    table: &Table,
    title: &str,
    release: Option<Release>,
    rates: bool,
    lang: Lang,
    out: &mut String,
) {
    outln!(out, "{title}: {}", notice(table.purpose(), lang));
    if let Some(release) = release {
        outln!(out, "{}", release_notice(release, lang));
    }
    let mut header = headings(table, lang);
    header.push(COUNT.get(lang).to_owned());
    if rates {
        header.push(PER_1000.get(lang).to_owned());
    }
    let rows: Vec<Vec<String>> = table
        .rows()
        .map(|row| cells(table, &row, rates, lang))
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            std::iter::once(&header)
                .chain(&rows)
                .map(|r| r[i].chars().count().min(MAX_WIDTH))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for line in std::iter::once(&header).chain(&rows) {
        let cells: Vec<String> = line
            .iter()
            .zip(&widths)
            .map(|(cell, width)| {
                let cell: String = cell.chars().take(MAX_WIDTH).collect();
                format!("{cell:<width$}")
            })
            .collect();
        outln!(out, "{}", cells.join("  ").trim_end());
    }
}

/// Which release a published table belongs to and what follows from it,
/// in one language.
pub(super) fn release_notice(release: Release, lang: Lang) -> String {
    match release {
        Release::Package => t(
            "Las mismas cifras y supresión que el paquete de datos abiertos (`cocina \
             publish`, con los mismos datos de referencia), de la misma protección de todos \
             los niveles juntos: publicarlas junto a él no revela nada más.",
            "The same figures and suppression as the open-data package (`cocina publish` \
             with the same reference data), from the same protection of every level \
             together: publishing them beside it reveals nothing more.",
        ),
        Release::Separate => t(
            "Publicación aparte: el paquete de datos abiertos no publica esta tabla, y su \
             supresión se auditó sola, no junto con la del paquete; publicadas una junto a \
             otra, restar entre ambas puede revelar cifras suprimidas.",
            "A separate release: the open-data package does not publish this table, and its \
             suppression was audited on its own, not jointly with the package's; published \
             side by side, subtracting between the two can reveal suppressed figures.",
        ),
    }
    .get(lang)
    .to_owned()
}

/// What a table may be used for, in one language.
fn notice(purpose: Purpose, lang: Lang) -> String {
    match purpose {
        Purpose::Internal => t(
            "USO INTERNO: sin supresión, las cifras pequeñas pueden identificar personas",
            "INTERNAL USE ONLY: not suppressed, small counts can identify people",
        )
        .get(lang)
        .to_owned(),
        Purpose::Published { threshold } => t(
            "publicable: cifras de 1 a {max} suprimidas (<cifra pequeña>, como los ceros \
             dentro de una de ellas) y las que las revelarían (<complementaria>, {threshold} \
             o más)",
            "publishable: counts from 1 to {max} suppressed (<small count>, as are the zeros \
             within one of them) and those that would reveal them (<complementary>, \
             {threshold} or more)",
        )
        .fill(
            lang,
            &[
                ("max", &threshold.saturating_sub(1)),
                ("threshold", &threshold),
            ],
        ),
        Purpose::Kitchens => t(
            "cocinas, no personas: sin supresión",
            "kitchens, not people: not suppressed",
        )
        .get(lang)
        .to_owned(),
    }
}

/// The headings of a table's coordinates: three for the geographic axis
/// (level, key, name), one for any other.
fn headings(table: &Table, lang: Lang) -> Vec<String> {
    table
        .dimensions()
        .flat_map(|d| {
            let words: Vec<Text> = match d {
                Dimension::Geo(_) => {
                    vec![t("nivel", "level"), t("clave", "key"), t("nombre", "name")]
                }
                Dimension::Marginalization => vec![t("marginación", "marginalization")],
                Dimension::Sex => vec![t("sexo", "sex")],
                Dimension::AgeGroup => vec![t("grupo de edad", "age group")],
                Dimension::Priority => vec![t("grupo prioritario", "priority group")],
                Dimension::Delivery => vec![t("entrega", "delivery")],
                Dimension::Status => vec![t("estatus", "status")],
            };
            words.into_iter().map(|w| w.get(lang).to_owned())
        })
        .collect()
}

/// One row's cells: its coordinates in words, its count (or why it is
/// suppressed) and its rate.
fn cells(table: &Table, row: &Row<'_>, rates: bool, lang: Lang) -> Vec<String> {
    let mut cells = Vec::new();
    for (dimension, value) in table.dimensions().zip(&row.coordinates) {
        if let Dimension::Geo(_) = dimension {
            cells.push(value.level.map_or_else(String::new, |l| level(l, lang)));
            cells.push(value.key.clone());
            cells.push(area_name(&value.name, lang));
        } else if value.total {
            cells.push(TOTAL.get(lang).to_owned());
        } else {
            cells.push(word(dimension, &value.key, &value.name, lang));
        }
    }
    cells.push(match (row.count, row.suppressed) {
        (Some(n), _) => lang.number(n),
        (None, Some(reason)) => format!("<{}>", suppressed(reason, lang)),
        (None, None) => String::new(),
    });
    if rates {
        cells.push(row.per_1000.map_or_else(String::new, |r| format!("{r:.2}")));
    }
    cells
}

fn level(level: GeoLevel, lang: Lang) -> String {
    let word = match level {
        GeoLevel::Kitchen => t("cocina", "kitchen"),
        GeoLevel::Locality => t("localidad", "locality"),
        GeoLevel::Municipality => t("municipio", "municipality"),
        GeoLevel::District => t("distrito", "district"),
        GeoLevel::Region => t("región", "region"),
        GeoLevel::State => t("estado", "state"),
    };
    word.get(lang).to_owned()
}

/// An area's name. The aggregation names the areas it could not place in
/// both languages at once; the table keeps the reader's.
fn area_name(name: &str, lang: Lang) -> String {
    const UNPLACED: [(&str, Text); 2] = [
        (
            "(sin asignar / unassigned)",
            t("(sin asignar)", "(unassigned)"),
        ),
        (
            "(sin localidad / no locality)",
            t("(sin localidad)", "(no locality)"),
        ),
    ];
    UNPLACED
        .iter()
        .find(|(both, _)| *both == name)
        .map_or_else(|| name.to_owned(), |(_, words)| words.get(lang).to_owned())
}

/// A value of a non-geographic axis in words: the aggregation gives codes
/// (`female`, `6-12`, `operating`) and, for marginalization, CONAPO's
/// Spanish label.
fn word(dimension: Dimension, key: &str, name: &str, lang: Lang) -> String {
    let known = match dimension {
        Dimension::Sex => sex(key),
        Dimension::Priority => priority(key),
        Dimension::AgeGroup => return age_group(key, lang),
        Dimension::Status => return status(key, lang),
        Dimension::Marginalization => marginalization(name),
        Dimension::Geo(_) | Dimension::Delivery => None,
    };
    match known {
        Some(words) => words.get(lang).to_owned(),
        None if name.is_empty() => key.to_owned(),
        None => name.to_owned(),
    }
}

fn sex(key: &str) -> Option<Text> {
    Some(match key {
        "female" => t("mujeres", "women"),
        "male" => t("hombres", "men"),
        "non_binary" => t("no binario", "non-binary"),
        "unknown" => t("sin dato", "not recorded"),
        _ => return None,
    })
}

fn priority(key: &str) -> Option<Text> {
    Some(match key {
        "none" => t("ninguno", "none"),
        "pregnant_or_breastfeeding" => t("embarazo o lactancia", "pregnant or breastfeeding"),
        "disability" => t("discapacidad", "disability"),
        "both" => t("ambos", "both"),
        "unknown" => t("sin dato", "not recorded"),
        _ => return None,
    })
}

fn age_group(key: &str, lang: Lang) -> String {
    match (key.parse::<AgeGroup>(), lang) {
        (
            Ok(AgeGroup::Range {
                min,
                max: Some(max),
            }),
            Lang::Es,
        ) => format!("{min} a {max} años"),
        (
            Ok(AgeGroup::Range {
                min,
                max: Some(max),
            }),
            Lang::En,
        ) => {
            format!("{min} to {max} years")
        }
        (Ok(AgeGroup::Range { min, max: None }), Lang::Es) => format!("{min} años o más"),
        (Ok(AgeGroup::Range { min, max: None }), Lang::En) => format!("{min} years and over"),
        (Ok(AgeGroup::Unknown), _) => t("edad desconocida", "age unknown").get(lang).to_owned(),
        (Err(_), _) => key.to_owned(),
    }
}

fn status(key: &str, lang: Lang) -> String {
    KitchenStatus::ALL
        .into_iter()
        .find(|s| s.to_string() == key)
        .map_or_else(
            || key.to_owned(),
            |s| lang.pick(s.spanish(), s.english()).to_lowercase(),
        )
}

/// CONAPO's degrees are Spanish labels; English readers get them in
/// English.
fn marginalization(label: &str) -> Option<Text> {
    Some(match label {
        "Muy alto" => t("Muy alto", "Very high"),
        "Alto" => t("Alto", "High"),
        "Medio" => t("Medio", "Medium"),
        "Bajo" => t("Bajo", "Low"),
        "Muy bajo" => t("Muy bajo", "Very low"),
        _ => return None,
    })
}

fn suppressed(reason: SuppressionReason, lang: Lang) -> &'static str {
    match reason {
        SuppressionReason::SmallCount => t("cifra pequeña", "small count"),
        SuppressionReason::Complementary => t("complementaria", "complementary"),
    }
    .get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_as_words_in_each_language() {
        assert_eq!(word(Dimension::Sex, "female", "", Lang::Es), "mujeres");
        assert_eq!(word(Dimension::Sex, "female", "", Lang::En), "women");
        assert_eq!(age_group("6-12", Lang::Es), "6 a 12 años");
        assert_eq!(age_group("60+", Lang::En), "60 years and over");
        assert_eq!(status("operating", Lang::Es), "en operación");
        assert_eq!(level(GeoLevel::Region, Lang::Es), "región");
        assert_eq!(
            word(Dimension::Marginalization, "1", "Muy alto", Lang::En),
            "Very high"
        );
    }

    #[test]
    fn unplaced_areas_are_named_in_one_language() {
        assert_eq!(
            area_name("(sin asignar / unassigned)", Lang::Es),
            "(sin asignar)"
        );
        assert_eq!(
            area_name("(sin asignar / unassigned)", Lang::En),
            "(unassigned)"
        );
        assert_eq!(area_name("Abejones", Lang::En), "Abejones");
    }
}
