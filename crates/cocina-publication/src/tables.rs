//! The package's tables, built from a [`Publication`].

use cocina_model::{AgeGroup, KitchenStatus, Severity, Sex};
use cocina_rendering::view::MunicipalityIssue;
use cocina_rendering::{Margin, Shown, SuppressionReason};

use crate::aggregate::AreaLevel;
use crate::public::Publication;
use crate::table::{Field, FieldType as T, ForeignKey, Table, Value};

/// The kitchens table's name, the target of foreign keys.
pub const KITCHENS: &str = "cocinas";
/// The municipalities table's name, the target of foreign keys.
pub const MUNICIPALITIES: &str = "municipios";

const SEXES: &[&str] = &["mujer", "hombre", "no_binario", "total"];
const STATUSES: &[&str] = &["en_operacion", "suspendida", "cerrada"];
const SUPPRESSIONS: &[&str] = &["celda_pequena", "complementaria"];
const SEVERITIES: &[&str] = &["error", "advertencia", "aviso"];
const MUNICIPALITY_KEY: &str = "^[0-9]{3}$";

fn municipality_key() -> Field {
    Field::new(
        "cve_mun",
        T::String,
        "Clave INEGI del municipio, tres dígitos (texto)",
        "INEGI municipality key, three digits (text)",
    )
    .pattern(MUNICIPALITY_KEY)
}

fn people(name: &'static str, es: &'static str, en: &'static str) -> Field {
    Field::new(name, T::Integer, es, en).unit("personas")
}

fn kitchen_count(name: &'static str, es: &'static str, en: &'static str) -> Field {
    Field::new(name, T::Integer, es, en)
        .unit("cocinas")
        .required()
}

/// Returns the code of a sex in the files.
/// Returns the code of a sex, `total` for every sex together; empty when
/// the records did not say.
fn sex_code(sex: Margin<Option<Sex>>) -> Value {
    let Margin::Value(sex) = sex else {
        return Value::Text("total".to_owned());
    };
    Value::text(sex.map(|s| match s {
        Sex::Female => "mujer",
        Sex::Male => "hombre",
        Sex::NonBinary => "no_binario",
    }))
}

/// Returns the code of an age group: `6-12`, `60+`, `desconocida`, or
/// `total` for every age group together.
fn age_code(group: Margin<AgeGroup>) -> String {
    match group {
        Margin::Total => "total".to_owned(),
        Margin::Value(AgeGroup::Unknown) => "desconocida".to_owned(),
        Margin::Value(group @ AgeGroup::Range { .. }) => group.to_string(),
    }
}

/// A published total: empty when suppressed.
fn shown(total: Shown) -> Value {
    Value::count(total.count())
}

/// Why a published total is suppressed, if it is.
fn shown_reason(total: Shown) -> Value {
    suppression_code(match total {
        Shown::Count(_) => None,
        Shown::Suppressed(reason) => Some(reason),
    })
}

fn status_code(status: KitchenStatus) -> &'static str {
    match status {
        KitchenStatus::Operating => "en_operacion",
        KitchenStatus::Suspended => "suspendida",
        KitchenStatus::Closed => "cerrada",
    }
}

fn suppression_code(reason: Option<SuppressionReason>) -> Value {
    Value::text(reason.map(|r| match r {
        SuppressionReason::SmallCount => "celda_pequena",
        SuppressionReason::Complementary => "complementaria",
    }))
}

/// The column that says why an area's published total is suppressed.
fn total_reason() -> Field {
    Field::new(
        "supresion",
        T::String,
        "Por qué se suprime el total: celda_pequena (menos personas que el umbral: primaria) \
         o complementaria (el umbral o más, oculto para que otra cifra suprimida no se deduzca)",
        "Why the total is suppressed: celda_pequena (fewer people than the threshold: \
         primary) or complementaria (the threshold or more, hidden so that another suppressed \
         figure cannot be worked out)",
    )
    .values(SUPPRESSIONS)
}

/// Builds every table of the package, in the order they are listed.
#[must_use]
pub fn all(publication: &Publication) -> Vec<Table> {
    let mut tables = vec![kitchens(publication), municipalities(publication)];
    let mut levels = vec![AreaLevel::State];
    if publication.has_reference {
        levels.extend([AreaLevel::Region, AreaLevel::District]);
    }
    levels.extend([AreaLevel::Municipality, AreaLevel::Kitchen]);
    for level in &levels {
        tables.push(beneficiaries(publication, *level));
    }
    tables.push(totals(publication, &levels));
    tables.extend([
        endowments(publication),
        documents(publication),
        completeness(publication),
        findings(publication),
    ]);
    tables
}

fn kitchen_fields() -> Vec<Field> {
    vec![
        Field::new(
            "clave",
            T::String,
            "Clave de la cocina asignada por el Sistema DIF Oaxaca",
            "Kitchen key assigned by Sistema DIF Oaxaca",
        )
        .required(),
        Field::new("nombre", T::String, "Nombre de la cocina", "Kitchen name"),
        municipality_key(),
        Field::new(
            "municipio",
            T::String,
            "Nombre oficial del municipio; el de la entrega cuando no es oficial",
            "Official municipality name; as delivered when not official",
        ),
        Field::new(
            "observacion_municipio",
            T::String,
            "Por qué el municipio escrito no es oficial",
            "Why the municipality as written is not an official one",
        )
        .values(&["desconocido", "ambiguo"]),
        Field::new(
            "cve_loc",
            T::String,
            "Clave INEGI de la localidad, cuatro dígitos (texto)",
            "INEGI locality key, four digits (text)",
        )
        .pattern("^[0-9]{4}$"),
        Field::new(
            "localidad",
            T::String,
            "Localidad como viene en la entrega",
            "Locality as delivered",
        ),
        Field::new(
            "region",
            T::String,
            "Región de Oaxaca (con datos de referencia)",
            "Oaxaca region (with reference data)",
        ),
        Field::new(
            "distrito",
            T::String,
            "Distrito de Oaxaca (con datos de referencia)",
            "Oaxaca district (with reference data)",
        ),
        Field::new(
            "estatus",
            T::String,
            "Estatus de la cocina",
            "Kitchen status",
        )
        .values(STATUSES)
        .required(),
        Field::new(
            "latitud",
            T::Number,
            "Latitud validada, WGS84; vacía si falta o no cae en su municipio",
            "Validated latitude, WGS84; empty when missing or outside its municipality",
        )
        .unit("grados"),
        Field::new(
            "longitud",
            T::Number,
            "Longitud validada, WGS84",
            "Validated longitude, WGS84",
        )
        .unit("grados"),
        Field::new(
            "capacidad",
            T::Integer,
            "Capacidad declarada",
            "Declared capacity",
        )
        .unit("personas"),
        Field::new(
            "fecha_apertura",
            T::Date,
            "Fecha de apertura (ISO 8601)",
            "Opening date (ISO 8601)",
        ),
        Field::new(
            "fecha_cierre",
            T::Date,
            "Fecha de cierre (ISO 8601)",
            "Closing date (ISO 8601)",
        ),
        people(
            "beneficiarios",
            "Personas beneficiarias registradas en la cocina (total publicado); vacío cuando \
             se suprime",
            "Beneficiaries registered at the kitchen (published total); empty when suppressed",
        ),
        total_reason(),
    ]
}

fn kitchens(p: &Publication) -> Table {
    let fields = kitchen_fields();
    let level = p.aggregates.level(AreaLevel::Kitchen);
    let rows = p
        .kitchens
        .iter()
        .map(|k| {
            let key = k.key.to_string();
            let place = k.place.clone().unzip();
            vec![
                Value::Text(key.clone()),
                Value::Text(k.name.clone()),
                Value::text(k.municipality.map(|m| m.to_string())),
                Value::text(k.municipality_name.clone()),
                Value::text(k.municipality_issue.map(|i| match i {
                    MunicipalityIssue::Unknown => "desconocido",
                    MunicipalityIssue::Ambiguous => "ambiguo",
                })),
                Value::text(k.locality.map(|l| l.to_string())),
                Value::text(k.locality_name.clone()),
                Value::text(place.0),
                Value::text(place.1),
                Value::Text(status_code(k.status).to_owned()),
                k.location.map_or(Value::Null, |pt| Value::Num(pt.y(), 5)),
                k.location.map_or(Value::Null, |pt| Value::Num(pt.x(), 5)),
                Value::count(k.capacity.map(u64::from)),
                k.opened.map_or(Value::Null, Value::Date),
                k.closed.map_or(Value::Null, Value::Date),
                shown(level.total(Some(&key))),
                shown_reason(level.total(Some(&key))),
            ]
        })
        .collect();
    Table {
        name: KITCHENS,
        title_es: "Cocinas",
        title_en: "Kitchens",
        fields,
        rows,
        primary_key: vec!["clave"],
        foreign_keys: vec![ForeignKey {
            field: "cve_mun",
            resource: MUNICIPALITIES,
            reference: "cve_mun",
        }],
    }
}

fn municipalities(p: &Publication) -> Table {
    let fields = vec![
        municipality_key().required(),
        Field::new(
            "cvegeo",
            T::String,
            "Clave geoestadística INEGI: estado y municipio",
            "INEGI geostatistical key: state and municipality",
        )
        .pattern("^20[0-9]{3}$")
        .required(),
        Field::new(
            "nombre",
            T::String,
            "Nombre oficial (INEGI)",
            "Official name (INEGI)",
        )
        .required(),
        Field::new(
            "region",
            T::String,
            "Región (datos de referencia)",
            "Region (reference data)",
        ),
        Field::new(
            "distrito",
            T::String,
            "Distrito (datos de referencia)",
            "District (reference data)",
        ),
        people(
            "poblacion_2020",
            "Población total, Censo 2020 (INEGI)",
            "Total population, 2020 census (INEGI)",
        ),
        Field::new(
            "indice_marginacion_2020",
            T::Number,
            "Índice de marginación 2020 (CONAPO)",
            "Marginalization index 2020 (CONAPO)",
        ),
        Field::new(
            "grado_marginacion_2020",
            T::String,
            "Grado de marginación 2020 (CONAPO)",
            "Marginalization degree 2020 (CONAPO)",
        ),
        kitchen_count(
            "cocinas",
            "Cocinas de la entrega en el municipio",
            "Kitchens of the delivery in the municipality",
        ),
        people(
            "beneficiarios",
            "Personas beneficiarias (total publicado); vacío cuando se suprime",
            "Beneficiaries (published total); empty when suppressed",
        ),
        total_reason(),
    ];
    let level = p.aggregates.level(AreaLevel::Municipality);
    let rows = p
        .municipalities
        .iter()
        .map(|m| {
            let key = m.key.to_string();
            let place = m.place.clone().unzip();
            let kitchens: u64 = KitchenStatus::ALL
                .iter()
                .map(|s| level.kitchens(Some(&key), *s))
                .sum();
            vec![
                Value::Text(key.clone()),
                Value::Text(m.cvegeo.clone()),
                Value::Text(m.name.clone()),
                Value::text(place.0),
                Value::text(place.1),
                Value::count(m.population.map(u64::from)),
                m.marginalization
                    .map_or(Value::Null, |(i, _)| Value::Num(i, 3)),
                Value::text(m.marginalization.map(|(_, d)| d.label())),
                Value::count(Some(kitchens)),
                shown(level.total(Some(&key))),
                shown_reason(level.total(Some(&key))),
            ]
        })
        .collect();
    Table {
        name: MUNICIPALITIES,
        title_es: "Municipios de Oaxaca",
        title_en: "Oaxaca's municipalities",
        fields,
        rows,
        primary_key: vec!["cve_mun"],
        foreign_keys: Vec::new(),
    }
}

/// The area column of a level's table, and the foreign key it carries.
fn area_field(level: AreaLevel) -> Option<(Field, Option<ForeignKey>)> {
    let fk = |resource, reference| {
        Some(ForeignKey {
            field: if resource == KITCHENS {
                "clave"
            } else {
                "cve_mun"
            },
            resource,
            reference,
        })
    };
    match level {
        AreaLevel::State => None,
        AreaLevel::Region => Some((Field::new("region", T::String, "Región; vacía para personas de cocinas sin región conocida", "Region; empty for people at kitchens with no known region"), None)),
        AreaLevel::District => Some((Field::new("distrito", T::String, "Distrito; vacío para personas de cocinas sin distrito conocido", "District; empty for people at kitchens with no known district"), None)),
        AreaLevel::Municipality => Some((
            Field::new("cve_mun", T::String, "Clave INEGI del municipio; vacía para personas de cocinas sin municipio válido o que no están en la lista", "INEGI municipality key; empty for people at kitchens with no valid municipality or not in the list").pattern(MUNICIPALITY_KEY),
            fk(MUNICIPALITIES, "cve_mun"),
        )),
        AreaLevel::Kitchen => Some((
            Field::new("clave", T::String, "Clave de la cocina; vacía para personas de cocinas que no están en la lista", "Kitchen key; empty for people at kitchens not in the list"),
            fk(KITCHENS, "clave"),
        )),
    }
}

fn beneficiaries(p: &Publication, level: AreaLevel) -> Table {
    let area = area_field(level);
    let mut fields: Vec<Field> = area.iter().map(|(f, _)| f.clone()).collect();
    fields.extend([
        Field::new("sexo", T::String, "Sexo; total para todos los sexos; vacío cuando no se registró", "Sex; total for every sex; empty when not recorded").values(SEXES),
        Field::new("grupo_edad", T::String, "Grupo de edad en años (6-12, 60+), desconocida, o total para todas las edades", "Age group in years (6-12, 60+), unknown (desconocida), or total for every age").required(),
        people("beneficiarios", "Personas; 0 cuando no hay nadie; vacío cuando la cifra se suprime", "People; 0 when nobody; empty when the figure is suppressed"),
        Field::new("supresion", T::String, "Por qué se suprime: celda_pequena (primaria: de 1 al umbral menos uno, o de 0 dentro de otra cifra celda_pequena, cuyos ceros también se suprimen) o complementaria (el umbral o más, para que ninguna cifra suprimida se deduzca de las publicadas, de este nivel o de otro)", "Why it is suppressed: celda_pequena (primary: 1 to the threshold minus one, or from 0 within another celda_pequena figure, whose zeros are suppressed too) or complementaria (the threshold or more, so that no suppressed figure can be worked out from published ones, of this level or another)").values(SUPPRESSIONS),
    ]);
    let figures = p.aggregates.level(level);
    let rows = figures
        .cells
        .iter()
        .map(|c| {
            let mut row = Vec::with_capacity(5);
            if area.is_some() {
                row.push(Value::text(c.area.clone()));
            }
            row.extend([
                sex_code(c.sex),
                Value::Text(age_code(c.age_group)),
                Value::count(c.value),
                suppression_code(c.reason),
            ]);
            row
        })
        .collect();
    let (name, spanish, english) = match level {
        AreaLevel::State => (
            "beneficiarios_estado",
            "Personas beneficiarias del estado por sexo y grupo de edad",
            "State beneficiaries by sex and age group",
        ),
        AreaLevel::Region => (
            "beneficiarios_region",
            "Personas beneficiarias por región, sexo y grupo de edad",
            "Beneficiaries by region, sex and age group",
        ),
        AreaLevel::District => (
            "beneficiarios_distrito",
            "Personas beneficiarias por distrito, sexo y grupo de edad",
            "Beneficiaries by district, sex and age group",
        ),
        AreaLevel::Municipality => (
            "beneficiarios_municipio",
            "Personas beneficiarias por municipio, sexo y grupo de edad",
            "Beneficiaries by municipality, sex and age group",
        ),
        AreaLevel::Kitchen => (
            "beneficiarios_cocina",
            "Personas beneficiarias por cocina, sexo y grupo de edad",
            "Beneficiaries by kitchen, sex and age group",
        ),
    };
    Table {
        name,
        title_es: spanish,
        title_en: english,
        fields,
        rows,
        primary_key: Vec::new(),
        foreign_keys: area.and_then(|(_, fk)| fk).into_iter().collect(),
    }
}

fn totals(p: &Publication, levels: &[AreaLevel]) -> Table {
    let fields = vec![
        Field::new("nivel", T::String, "Nivel geográfico", "Geographic level")
            .values(&["estado", "region", "distrito", "municipio", "cocina"])
            .required(),
        Field::new(
            "clave",
            T::String,
            "Clave o nombre del área; vacía para el estado y para lo que no tiene área",
            "Key or name of the area; empty for the state and for what has no area",
        ),
        people(
            "beneficiarios",
            "Total de personas beneficiarias del área; vacío cuando se suprime",
            "The area's total of beneficiaries; empty when suppressed",
        ),
        total_reason(),
        kitchen_count(
            "cocinas_en_operacion",
            "Cocinas en operación",
            "Kitchens operating",
        ),
        kitchen_count(
            "cocinas_suspendidas",
            "Cocinas suspendidas",
            "Kitchens suspended",
        ),
        kitchen_count("cocinas_cerradas", "Cocinas cerradas", "Kitchens closed"),
    ];
    let mut rows = Vec::new();
    for level in levels {
        let figures = p.aggregates.level(*level);
        for area in figures.areas() {
            let total = figures.total(area.as_deref());
            let mut row = vec![
                Value::Text(level.code().to_owned()),
                Value::text(area.clone()),
                shown(total),
                shown_reason(total),
            ];
            row.extend(
                KitchenStatus::ALL
                    .iter()
                    .map(|s| Value::count(Some(figures.kitchens(area.as_deref(), *s)))),
            );
            rows.push(row);
        }
    }
    Table {
        name: "totales",
        title_es: "Totales por área: personas beneficiarias y cocinas por estatus",
        title_en: "Totals by area: beneficiaries and kitchens by status",
        fields,
        rows,
        primary_key: Vec::new(),
        foreign_keys: Vec::new(),
    }
}

fn endowments(p: &Publication) -> Table {
    let fields = vec![
        Field::new(
            "clave_cocina",
            T::String,
            "Cocina a la que va la ración; vacío si es para todo el programa",
            "Kitchen the ration is for; empty when it is program-wide",
        ),
        Field::new(
            "grupo_edad",
            T::String,
            "Grupo de edad de la ración",
            "Age group of the ration",
        )
        .required(),
        Field::new(
            "periodo",
            T::String,
            "Periodo que cubre la ración",
            "Period the ration covers",
        ),
        Field::new("producto", T::String, "Producto", "Product").required(),
        Field::new(
            "cantidad",
            T::Number,
            "Cantidad por ración o periodo",
            "Quantity per ration or period",
        ),
        Field::new(
            "unidad",
            T::String,
            "Unidad de la cantidad",
            "Unit of the quantity",
        ),
        Field::new(
            "energia_kcal",
            T::Number,
            "Energía de la ración",
            "Energy of the ration",
        )
        .unit("kcal"),
        Field::new(
            "proteina_g",
            T::Number,
            "Proteína de la ración",
            "Protein of the ration",
        )
        .unit("g"),
        Field::new(
            "carbohidratos_g",
            T::Number,
            "Carbohidratos de la ración",
            "Carbohydrate of the ration",
        )
        .unit("g"),
        Field::new(
            "grasa_g",
            T::Number,
            "Grasa de la ración",
            "Fat of the ration",
        )
        .unit("g"),
        Field::new(
            "proveedor",
            T::String,
            "Proveedor según el fallo de la licitación",
            "Supplier named in the tender result",
        ),
        Field::new("licitacion", T::String, "Licitación", "Tender"),
    ];
    Table {
        name: "dotaciones",
        title_es: "Dotaciones y sus nutrientes por grupo de edad",
        title_en: "Endowments and their nutrients by age group",
        fields,
        rows: endowment_rows(p),
        primary_key: Vec::new(),
        foreign_keys: Vec::new(),
    }
}

/// One row per product line, with the nutrients of that line.
fn endowment_rows(p: &Publication) -> Vec<Vec<Value>> {
    let number = |n: Option<f64>| n.map_or(Value::Null, |n| Value::Num(n, 2));
    let mut rows = Vec::new();
    for ration in &p.endowments {
        for item in &ration.items {
            let nutrients = &item.nutrients;
            rows.push(vec![
                Value::text(ration.kitchen.as_ref().map(ToString::to_string)),
                Value::Text(age_code(Margin::Value(ration.age_group))),
                Value::text(ration.period.clone()),
                Value::Text(item.product.clone()),
                Value::Num(item.quantity, 3),
                Value::Text(item.unit.code().to_owned()),
                number(nutrients.energy_kcal),
                number(nutrients.protein_g),
                number(nutrients.carbohydrate_g),
                number(nutrients.fat_g),
                Value::text(item.supplier.clone().or_else(|| ration.supplier.clone())),
                Value::text(item.tender.clone().or_else(|| ration.tender.clone())),
            ]);
        }
    }
    rows
}

fn documents(p: &Publication) -> Table {
    let fields = vec![
        Field::new(
            "archivo",
            T::String,
            "Nombre del archivo en la entrega",
            "File name in the delivery",
        )
        .required(),
        Field::new(
            "responde_a",
            T::String,
            "Partida de la solicitud a la que responde",
            "Requested item it answers",
        ),
        Field::new("formato", T::String, "Formato", "Format").required(),
        Field::new("bytes", T::Integer, "Tamaño", "Size")
            .unit("bytes")
            .required(),
        Field::new(
            "sha256",
            T::String,
            "Huella SHA-256 del archivo",
            "SHA-256 fingerprint of the file",
        )
        .pattern("^[0-9a-f]{64}$")
        .required(),
    ];
    let rows = p
        .documents
        .iter()
        .map(|d| {
            vec![
                Value::Text(d.file.clone()),
                Value::text(d.answers.clone()),
                Value::Text(format_of(&d.file)),
                Value::count(Some(d.bytes)),
                Value::Text(d.sha256.clone()),
            ]
        })
        .collect();
    Table {
        name: "documentos",
        title_es: "Archivos de la entrega (metadatos y huellas, no su contenido)",
        title_en: "Files of the delivery (metadata and fingerprints, not their contents)",
        fields,
        rows,
        primary_key: vec!["archivo"],
        foreign_keys: Vec::new(),
    }
}

/// Returns a file's format from its extension, in upper case.
#[must_use]
pub fn format_of(file: &str) -> String {
    file.rsplit_once('.')
        .map_or_else(String::new, |(_, ext)| ext.to_ascii_uppercase())
}

fn completeness(p: &Publication) -> Table {
    let fields = vec![
        Field::new(
            "partida",
            T::Integer,
            "Número de la partida en la solicitud",
            "Number of the item in the request",
        )
        .required(),
        Field::new(
            "descripcion",
            T::String,
            "Lo que se solicitó",
            "What was requested",
        )
        .required(),
        Field::new(
            "recibida",
            T::Boolean,
            "Si la entrega la incluyó",
            "Whether the delivery included it",
        )
        .required(),
        Field::new(
            "archivos",
            T::String,
            "Archivos que la responden, separados por punto y coma",
            "Files that answer it, separated by semicolons",
        ),
    ];
    let rows = p
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            vec![
                Value::count(Some(i as u64 + 1)),
                Value::Text(item.description.clone()),
                Value::Bool(item.received),
                Value::text((!item.files.is_empty()).then(|| item.files.join("; "))),
            ]
        })
        .collect();
    Table {
        name: "completitud",
        title_es: "Completitud de la entrega: lo que se solicitó y lo que llegó",
        title_en: "Completeness of the delivery: what was requested and what came",
        fields,
        rows,
        primary_key: vec!["partida"],
        foreign_keys: Vec::new(),
    }
}

fn severity_code(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "advertencia",
        Severity::Notice => "aviso",
    }
}

fn findings(p: &Publication) -> Table {
    let fields = vec![
        Field::new(
            "codigo",
            T::String,
            "Código estable de la regla",
            "Stable code of the rule",
        )
        .required(),
        Field::new("gravedad", T::String, "Gravedad", "Severity")
            .values(SEVERITIES)
            .required(),
        Field::new(
            "archivo",
            T::String,
            "Archivo de la entrega",
            "File of the delivery",
        ),
        Field::new("hoja", T::String, "Hoja", "Sheet"),
        Field::new("celda", T::String, "Celda (A1)", "Cell (A1)"),
        Field::new("fila", T::Integer, "Fila", "Row"),
        Field::new(
            "clave_cocina",
            T::String,
            "Cocina a la que se refiere",
            "Kitchen it concerns",
        ),
        Field::new(
            "mensaje_es",
            T::String,
            "Qué está mal y cómo corregirlo",
            "What is wrong and how to fix it, in Spanish",
        )
        .required(),
        Field::new(
            "mensaje_en",
            T::String,
            "Qué está mal y cómo corregirlo, en inglés",
            "What is wrong and how to fix it",
        )
        .required(),
    ];
    let rows = p
        .findings
        .iter()
        .map(|f| {
            let source = f.source.as_ref();
            vec![
                Value::Text(f.code().to_owned()),
                Value::Text(severity_code(f.severity).to_owned()),
                Value::text(source.map(|s| s.file.to_string())),
                Value::text(
                    source
                        .and_then(|s| s.sheet.as_ref())
                        .map(ToString::to_string),
                ),
                Value::text(source.and_then(|s| s.cell).map(|c| c.to_string())),
                Value::count(source.and_then(|s| s.row).map(u64::from)),
                Value::text(f.kitchen.as_ref().map(ToString::to_string)),
                Value::Text(f.message(cocina_model::Lang::Es)),
                Value::Text(f.message(cocina_model::Lang::En)),
            ]
        })
        .collect();
    Table {
        name: "hallazgos",
        title_es: "Hallazgos de la validación",
        title_en: "Validation findings",
        fields,
        rows,
        primary_key: Vec::new(),
        foreign_keys: Vec::new(),
    }
}
