//! Findings: what a rule found, where, and how to say it in Spanish and
//! English.

use cocina_importers::{IssueKind, ManifestProblem, ReadFailure};
use cocina_model::{AgeGroup, CurpError, KitchenKey, KitchenStatus, Lang, Severity, SourceRef};
use serde::Serialize;

use crate::rules::Rule;

/// One problem found in a delivery.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule that found it.
    pub rule: Rule,
    /// How serious it is.
    pub severity: Severity,
    /// Where it is: file, sheet and cell or row.
    pub source: Option<SourceRef>,
    /// The kitchen concerned, when there is one.
    pub kitchen: Option<KitchenKey>,
    /// What exactly was found.
    pub detail: Detail,
}

/// The facts behind a finding, from which messages are written. No variant
/// holds a personal value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Detail {
    /// A problem met while reading.
    Import {
        /// What the importer found.
        issue: IssueKind,
    },
    /// A kitchen key listed again.
    DuplicateKitchenKey {
        /// Where the key was first listed.
        first: SourceRef,
    },
    /// A beneficiary's kitchen is not in the kitchens list.
    UnknownKitchen,
    /// A municipality key that Oaxaca does not have.
    UnknownMunicipalityKey {
        /// The key as read.
        key: String,
    },
    /// A municipality name that matches no municipality. The text is not
    /// kept: what was typed there may be anything, a person's name too.
    UnknownMunicipalityName {
        /// The cell the text is in, as a spreadsheet shows it (`C14`).
        cell: Option<String>,
        /// A catalogue municipality whose name holds every word typed:
        /// its key and official name.
        suggestion: Option<(String, String)>,
    },
    /// A municipality name shared by several municipalities.
    AmbiguousMunicipality {
        /// The name as written.
        name: String,
        /// Keys of the candidates, with their official names.
        candidates: Vec<(String, String)>,
    },
    /// A point outside the stated municipality.
    OutsideMunicipality {
        /// The stated municipality's key and name.
        municipality: (String, String),
        /// Distance from the point to its boundary.
        distance_km: f64,
        /// The municipality the point does fall in, if any.
        found_in: Option<(String, String)>,
    },
    /// A point that a simple repair brings into the state: the proposed
    /// coordinates.
    Repairable {
        /// Proposed latitude.
        lat: f64,
        /// Proposed longitude.
        lon: f64,
    },
    /// A point outside the state, as read.
    OutsideState {
        /// Latitude read.
        lat: f64,
        /// Longitude read.
        lon: f64,
    },
    /// Coordinates 0,0.
    PlaceholderPoint,
    /// No coordinates.
    MissingPoint,
    /// An invalid CURP.
    InvalidCurp {
        /// What is wrong with it.
        error: CurpError,
    },
    /// A table the delivery must have was not found.
    MissingTable {
        /// Which table.
        table: RequiredTable,
    },
    /// A kitchen in operation with nobody registered.
    KitchenWithoutBeneficiaries,
    /// An endowment row for a kitchen the list does not have.
    EndowmentUnknownKitchen,
    /// Several kitchens at exactly one point.
    SharedPoint {
        /// How many kitchens share it.
        kitchens: usize,
        /// Where the first of them is listed.
        first: SourceRef,
    },
    /// Parts of a valid CURP that disagree with the record's own fields.
    CurpDisagrees {
        /// The birth date (positions 5–10) disagrees with the birth date
        /// column.
        birth_date: bool,
        /// The sex (position 11) disagrees with the sex column.
        sex: bool,
    },
    /// A CURP seen before, at `first`.
    CurpRepeated {
        /// Where it was first seen.
        first: SourceRef,
        /// The kitchen it was first seen at.
        first_kitchen: KitchenKey,
    },
    /// Two of age, birth date and age group disagree.
    AgeInconsistent {
        /// Which two.
        conflict: AgeConflict,
    },
    /// An age no group of the program covers.
    AgeOutsideGroups {
        /// Why.
        problem: AgeProblem,
    },
    /// A closed or suspended kitchen with people registered.
    ClosedWithBeneficiaries {
        /// The kitchen's status.
        status: KitchenStatus,
        /// How many people are registered there.
        beneficiaries: u64,
    },
    /// A closed or suspended kitchen with people registered, fewer than
    /// the suppression threshold: the count is not published.
    ClosedWithFewBeneficiaries {
        /// The kitchen's status.
        status: KitchenStatus,
        /// The suppression threshold the count is below.
        threshold: u64,
    },
    /// How many findings of the rule there are about people, in the file
    /// (and at the kitchen) of the finding: what is published instead of
    /// findings that point at one person ([`Report::public_findings`]).
    ///
    /// [`Report::public_findings`]: crate::Report::public_findings
    PeopleFindings {
        /// How many records the rule found.
        records: u64,
    },
    /// A kitchen's dates in an impossible order.
    DatesOutOfOrder {
        /// Which dates.
        problem: DateProblem,
    },
    /// A kitchen without a name, or without a municipality.
    KitchenIncomplete {
        /// What it lacks.
        part: KitchenPart,
        /// The cells looked at, empty or unreadable, as a spreadsheet
        /// names them (`C14`); the finding points at the first.
        cells: Vec<String>,
    },
    /// A kitchens list with no column for a kitchen's name, or for its
    /// municipality; reported once, at its first kitchen.
    KitchensWithoutColumn {
        /// What the list lacks.
        part: KitchenPart,
        /// How many kitchens the list has.
        kitchens: usize,
    },
    /// A ration whose energy disagrees with its macronutrients.
    EnergyInconsistent {
        /// The age group the ration is for.
        age_group: AgeGroup,
        /// Energy stated, in kcal.
        stated_kcal: f64,
        /// Energy from 4/4/9 kcal per gram, in kcal.
        computed_kcal: f64,
    },
    /// A product's unit that is not known.
    UnknownUnit {
        /// The unit as written (public: a product's unit).
        unit: String,
    },
    /// An age group with people and no ration.
    AgeGroupWithoutEndowment {
        /// The age group.
        age_group: AgeGroup,
        /// How many people are in it.
        beneficiaries: u64,
    },
    /// A requested item that did not come.
    ItemNotDelivered {
        /// The item's wording in the request.
        description: String,
    },
    /// A kitchen in a municipality of low or very low marginalization.
    LowMarginalization {
        /// The municipality's key and name.
        municipality: (String, String),
        /// CONAPO's degree, as CONAPO writes it (`Bajo`, `Muy bajo`).
        degree: String,
    },
    /// More people registered in an area than live there.
    AbovePopulation {
        /// The area's key and name.
        area: (String, String),
        /// Whether the area is a locality (else a municipality).
        locality: bool,
        /// People registered in the area.
        beneficiaries: u64,
        /// The area's census 2020 population.
        population: u32,
    },
}

/// A table every delivery must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequiredTable {
    /// The kitchens list.
    Kitchens,
    /// The beneficiary register, or counts of beneficiaries.
    Beneficiaries,
}

/// Which of age, birth date and age group disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeConflict {
    /// The age is not the one the birth date gives on the cut-off date.
    AgeAndBirthDate,
    /// The age group does not contain the age.
    GroupAndAge,
    /// The age group does not contain the age the birth date gives.
    GroupAndBirthDate,
}

/// Why an age is outside the program's groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AgeProblem {
    /// Born after the delivery's cut-off date.
    BornAfterCutDate,
    /// Older than the oldest plausible age.
    TooOld {
        /// The configured oldest age.
        max_age: u16,
    },
    /// An age group that is not one of the program's, reported once at
    /// its first record.
    UnknownGroup {
        /// The group as read.
        age_group: AgeGroup,
        /// How many records use it.
        records: u64,
    },
}

/// What a kitchen needs to be found: a name and a municipality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KitchenPart {
    /// The kitchen's name (`nombre`).
    Name,
    /// Its municipality: a name (`municipio`), an INEGI key (`cve_mun`) or
    /// a CVEGEO that holds one.
    Municipality,
}

/// Which dates of a kitchen are out of order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateProblem {
    /// Closed before it opened.
    ClosedBeforeOpened,
    /// Opened after the delivery was received.
    OpenedAfterDelivery,
    /// Closed after the delivery was received.
    ClosedAfterDelivery,
}

impl Finding {
    /// How many of the delivery's findings this one stands for: a count of
    /// findings about people in a file stands for that many, its breakdown
    /// by kitchen for none (they are in the file's count already), any
    /// other finding for itself. Summed, the public findings give the
    /// agency's own count, so the site and `cocina validate` say the same.
    #[must_use]
    pub fn records(&self) -> u64 {
        match (&self.detail, &self.kitchen) {
            (Detail::PeopleFindings { records }, None) => *records,
            (Detail::PeopleFindings { .. }, Some(_)) => 0,
            _ => 1,
        }
    }

    /// Builds a finding of `rule` with the rule's default severity.
    #[must_use]
    pub fn new(rule: Rule, source: SourceRef, kitchen: Option<KitchenKey>, detail: Detail) -> Self {
        let severity = rule.info().severity;
        Self {
            rule,
            severity,
            source: Some(source),
            kitchen,
            detail,
        }
    }

    /// Returns the stable code of the finding's rule.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.rule.code()
    }

    /// Writes the message in `lang`: what is wrong and how to fix it. The
    /// place is given by [`Finding::source`], not repeated here.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        let kitchen = self.kitchen.as_ref().map_or("?", KitchenKey::as_str);
        match &self.detail {
            Detail::Import { issue } => import_message(issue, lang),
            Detail::DuplicateKitchenKey { first } => match (lang, place(first, lang)) {
                (Lang::Es, first) => format!(
                    "la clave de cocina {kitchen} ya aparece en {first}; \
                     asigne una clave única a cada cocina"
                ),
                (Lang::En, first) => format!(
                    "kitchen key {kitchen} is already listed at {first}; \
                     give each kitchen its own key"
                ),
            },
            Detail::UnknownKitchen => {
                let named = self.kitchen.is_some();
                let (es, en) = if named {
                    (format!("la cocina {kitchen}"), format!("kitchen {kitchen}"))
                } else {
                    (
                        "la clave de esta celda".to_owned(),
                        "the key in this cell".to_owned(),
                    )
                };
                match lang {
                    Lang::Es => format!(
                        "{es} no está en la lista de cocinas; \
                         corrija la clave o agregue la cocina a la lista"
                    ),
                    Lang::En => format!(
                        "{en} is not in the kitchens list; \
                         correct the key or add the kitchen to the list"
                    ),
                }
            }
            Detail::OutsideMunicipality { .. } => {
                let prefix = lang.pick("cocina", "kitchen");
                let text = geography_or_person_message(&self.detail, lang);
                format!("{prefix} {kitchen}: {text}")
            }
            Detail::Repairable { .. }
            | Detail::OutsideState { .. }
            | Detail::PlaceholderPoint
            | Detail::MissingPoint => coordinate_message(self.rule, &self.detail, lang),
            Detail::UnknownMunicipalityKey { .. }
            | Detail::UnknownMunicipalityName { .. }
            | Detail::AmbiguousMunicipality { .. }
            | Detail::InvalidCurp { .. } => geography_or_person_message(&self.detail, lang),
            _ => crate::messages::message(self, lang),
        }
    }
}

fn coordinate_message(rule: Rule, detail: &Detail, lang: Lang) -> String {
    match (detail, lang) {
        (Detail::Repairable { lat, lon }, Lang::Es) => {
            let what = if rule == Rule::CoordinateSign {
                "la longitud debe ser negativa (oeste)"
            } else {
                "la latitud y la longitud están intercambiadas"
            };
            format!("{what}; se sugiere latitud {lat}, longitud {lon}")
        }
        (Detail::Repairable { lat, lon }, Lang::En) => {
            let what = if rule == Rule::CoordinateSign {
                "the longitude must be negative (west)"
            } else {
                "latitude and longitude are swapped"
            };
            format!("{what}; suggested latitude {lat}, longitude {lon}")
        }
        (Detail::OutsideState { lat, lon }, Lang::Es) => {
            format!("el punto ({lat}, {lon}) cae fuera de Oaxaca; revise las coordenadas")
        }
        (Detail::OutsideState { lat, lon }, Lang::En) => {
            format!("the point ({lat}, {lon}) lies outside Oaxaca; check the coordinates")
        }
        (Detail::PlaceholderPoint, Lang::Es) => {
            "las coordenadas son 0,0, un valor de relleno; se tratan como faltantes".into()
        }
        (Detail::PlaceholderPoint, Lang::En) => {
            "the coordinates are 0,0, a placeholder; they are treated as missing".into()
        }
        (_, Lang::Es) => "la cocina no tiene coordenadas; no aparecerá en el mapa".into(),
        (_, Lang::En) => "the kitchen has no coordinates; it will not be on the map".into(),
    }
}

/// Writes a place in `lang`: "archivo.xlsx, hoja PADRON, celda B7".
#[must_use]
pub fn place(source: &SourceRef, lang: Lang) -> String {
    let mut parts = vec![source.file.to_string()];
    if let Some(sheet) = &source.sheet {
        parts.push(format!("{} {sheet}", lang.pick("hoja", "sheet")));
    }
    match (source.cell, source.row) {
        (Some(cell), _) => parts.push(format!("{} {cell}", lang.pick("celda", "cell"))),
        (None, Some(row)) => parts.push(format!("{} {row}", lang.pick("fila", "row"))),
        (None, None) => {}
    }
    parts.join(", ")
}

/// The message of a municipality text that matches no municipality. It
/// names the cell, never the text.
fn unknown_municipality(
    cell: Option<&str>,
    suggestion: Option<&(String, String)>,
    lang: Lang,
) -> String {
    let (spanish_place, english_place) = cell.map_or_else(
        || ("en esta fila".to_owned(), "in this row".to_owned()),
        |cell| (format!("de la celda {cell}"), format!("in cell {cell}")),
    );
    let hint = suggestion.map(|(key, name)| match lang {
        Lang::Es => format!(" (¿{key} {name}?)"),
        Lang::En => format!(" (did you mean {key} {name}?)"),
    });
    let hint = hint.unwrap_or_default();
    match lang {
        Lang::Es => format!(
            "el texto del municipio {spanish_place} no corresponde a ningún municipio de Oaxaca{hint}; \
             escriba el nombre oficial o agregue la clave INEGI"
        ),
        Lang::En => format!(
            "the municipality text {english_place} does not match any municipality of Oaxaca{hint}; \
             write the official name or add the INEGI key"
        ),
    }
}

fn geography_or_person_message(detail: &Detail, lang: Lang) -> String {
    match (detail, lang) {
        (Detail::UnknownMunicipalityKey { key }, Lang::Es) => {
            format!("la clave de municipio {key} no existe en Oaxaca (001 a 570)")
        }
        (Detail::UnknownMunicipalityKey { key }, Lang::En) => {
            format!("municipality key {key} does not exist in Oaxaca (001 to 570)")
        }
        (Detail::UnknownMunicipalityName { cell, suggestion }, lang) => {
            unknown_municipality(cell.as_deref(), suggestion.as_ref(), lang)
        }
        (Detail::AmbiguousMunicipality { name, candidates }, lang) => {
            let list = candidates
                .iter()
                .map(|(key, official)| format!("{key} {official}"))
                .collect::<Vec<_>>()
                .join(", ");
            match lang {
                Lang::Es => format!(
                    "el nombre «{name}» lo tienen varios municipios ({list}); \
                     agregue la clave INEGI del municipio"
                ),
                Lang::En => format!(
                    "the name \"{name}\" belongs to several municipalities ({list}); \
                     add the municipality's INEGI key"
                ),
            }
        }
        (
            Detail::OutsideMunicipality {
                municipality,
                distance_km,
                found_in,
            },
            lang,
        ) => outside_message(municipality, *distance_km, found_in.as_ref(), lang),
        (Detail::InvalidCurp { error }, Lang::Es) => {
            format!(
                "CURP inválida: {}; verifíquela con RENAPO",
                curp_error_es(error)
            )
        }
        (Detail::InvalidCurp { error }, Lang::En) => {
            let error = error.to_string();
            let error = error.strip_prefix("CURP ").unwrap_or(&error);
            format!("invalid CURP: {error}; check it against RENAPO")
        }
        _ => String::new(),
    }
}

fn outside_message(
    municipality: &(String, String),
    distance_km: f64,
    found_in: Option<&(String, String)>,
    lang: Lang,
) -> String {
    let (key, name) = municipality;
    let there = found_in.map(|(k, n)| format!("{k} {n}"));
    match lang {
        Lang::Es => {
            let there = there.unwrap_or_else(|| "ningún municipio".to_owned());
            format!(
                "el punto está a {distance_km:.1} km del municipio {key} {name} y cae en \
                 {there}; revise las coordenadas o el municipio"
            )
        }
        Lang::En => {
            let there = there.unwrap_or_else(|| "no municipality".to_owned());
            format!(
                "the point is {distance_km:.1} km from municipality {key} {name} and falls in \
                 {there}; check the coordinates or the municipality"
            )
        }
    }
}

fn manifest_message(line: usize, column: usize, problem: ManifestProblem, lang: Lang) -> String {
    let (es, en) = match problem {
        ManifestProblem::Syntax => ("no es JSON válido", "not valid JSON"),
        ManifestProblem::Truncated => ("el archivo termina antes de tiempo", "the file ends early"),
        ManifestProblem::UnknownField => (
            "campo desconocido; se esperan id, request, received, cut_date o items",
            "unknown field; expected id, request, received, cut_date or items",
        ),
        ManifestProblem::WrongValue => (
            "un valor tiene el tipo equivocado o no es una fecha AAAA-MM-DD",
            "a value has the wrong type or is not a YYYY-MM-DD date",
        ),
        ManifestProblem::NotAFile => ("no es un archivo regular", "not a regular file"),
        ManifestProblem::TooLarge => ("pasa de 1 MiB", "larger than 1 MiB"),
        _ => ("no se pudo leer", "could not be read"),
    };
    let at = match (line, lang) {
        (0, _) => String::new(),
        (line, Lang::Es) => format!(" en la línea {line}, columna {column}"),
        (line, Lang::En) => format!(" at line {line}, column {column}"),
    };
    match lang {
        Lang::Es => {
            format!("el manifiesto entrega.json no es válido{at}: {es}; corríjalo o bórrelo")
        }
        Lang::En => format!("the manifest entrega.json is not valid{at}: {en}; fix or remove it"),
    }
}

/// Says in Spanish what the importer expected; it says it in English.
fn expected_es(expected: &str) -> &str {
    match expected {
        "a number" => "un número",
        "a finite number" => "un número finito",
        "a whole number" => "un número entero",
        "a date" => "una fecha",
        "a time" => "una hora",
        "an age in whole years" => "una edad en años cumplidos",
        "an age group such as 6-12 or 60+" => "un grupo de edad como 6-12 o 60+",
        "a sex: M (mujer), H (hombre) or X" => "un sexo: M (mujer), H (hombre) o X",
        "a status: operando, suspendida or cerrada" => "un estatus: operando, suspendida o cerrada",
        other => other,
    }
}

fn failure_es(cause: ReadFailure) -> &'static str {
    match cause {
        ReadFailure::NotASpreadsheet => "no es una hoja de cálculo del formato esperado",
        ReadFailure::Encrypted => "está protegido con contraseña",
        ReadFailure::Malformed => "su contenido está dañado o incompleto",
        ReadFailure::Unsupported => "formato no admitido",
        ReadFailure::Io => "no se pudo leer del disco",
        _ => "el lector de hojas de cálculo falló",
    }
}

fn curp_error_es(error: &CurpError) -> String {
    match error {
        CurpError::Length { found } => format!("debe tener 18 caracteres y tiene {found}"),
        CurpError::Character { position, .. } => {
            format!("el carácter en la posición {position} no es del tipo esperado")
        }
        CurpError::BirthDate => "la fecha de nacimiento (posiciones 5 a 10) no existe".into(),
        CurpError::Sex => "el sexo (posición 11) debe ser H, M o X".into(),
        CurpError::StateCode => "la entidad (posiciones 12 y 13) no es válida".into(),
        // The expected digit is derived from the person's CURP: a message
        // that may be published names the position only.
        CurpError::CheckDigit { .. } => {
            "el dígito verificador (posición 18) no coincide con los otros 17 caracteres".into()
        }
        _ => "no tiene el formato de una CURP".into(),
    }
}

fn import_message(issue: &IssueKind, lang: Lang) -> String {
    match (issue, lang) {
        (IssueKind::MissingColumn { field }, Lang::Es) => {
            format!("falta la columna «{field}»; agréguela al encabezado")
        }
        (IssueKind::MissingColumn { field }, Lang::En) => {
            format!("column \"{field}\" is missing; add it to the header")
        }
        (IssueKind::BlankHeader, Lang::Es) => {
            "encabezado vacío sobre una columna con datos; póngale nombre".into()
        }
        (IssueKind::BlankHeader, Lang::En) => {
            "blank header above a column with data; give it a name".into()
        }
        (IssueKind::DuplicateHeader { field }, Lang::Es) => {
            format!("la columna «{field}» aparece dos veces y no se usa ninguna; deje solo una")
        }
        (IssueKind::DuplicateHeader { field }, Lang::En) => {
            format!("column \"{field}\" appears twice and neither is used; keep only one")
        }
        (IssueKind::ErrorCell { field, error }, Lang::Es) => format!(
            "la celda de «{field}» tiene el error {error}; corrija la fórmula o escriba el valor"
        ),
        (IssueKind::ErrorCell { field, error }, Lang::En) => format!(
            "the \"{field}\" cell holds the error {error}; fix the formula or type the value"
        ),
        (IssueKind::InvalidValue { field, expected }, Lang::Es) => {
            let expected = expected_es(expected);
            format!("el valor de «{field}» no es válido; se esperaba {expected}")
        }
        (IssueKind::InvalidValue { field, expected }, Lang::En) => {
            format!("the \"{field}\" value is not valid; expected {expected}")
        }
        (IssueKind::InvalidKey { field, error }, Lang::Es) => {
            format!("la clave en «{field}» no es válida ({error})")
        }
        (IssueKind::InvalidKey { field, error }, Lang::En) => {
            format!("the key in \"{field}\" is not valid: {error}")
        }
        (issue, lang) => import_message_more(issue, lang),
    }
}

fn import_message_more(issue: &IssueKind, lang: Lang) -> String {
    match (issue, lang) {
        (IssueKind::CodePadded { field }, Lang::Es) => format!(
            "la clave en «{field}» estaba guardada como número o sin ceros; se completó con \
             ceros a la izquierda, guárdela como texto"
        ),
        (IssueKind::CodePadded { field }, Lang::En) => format!(
            "the key in \"{field}\" was stored as a number or without its zeros and was \
             padded; store it as text"
        ),
        (IssueKind::CurpReformatted, Lang::Es) => {
            "la CURP tenía espacios o minúsculas; se normalizó".into()
        }
        (IssueKind::CurpReformatted, Lang::En) => {
            "the CURP had spaces or lower-case letters and was normalised".into()
        }
        (IssueKind::MissingValue { field }, Lang::Es) => {
            format!("la fila no tiene «{field}» y no se pudo importar")
        }
        (IssueKind::MissingValue { field }, Lang::En) => {
            format!("the row has no \"{field}\" and could not be imported")
        }
        (IssueKind::UnrecognisedTable, Lang::Es) => {
            "la hoja no parece lista de cocinas ni padrón de beneficiarios; no se importó".into()
        }
        (IssueKind::UnrecognisedTable, Lang::En) => {
            "the sheet looks like neither a kitchens list nor a register; not imported".into()
        }
        (IssueKind::LimitReached { limit, max }, Lang::Es) => {
            format!("la hoja pasa del límite de {max} ({limit}); el resto no se leyó")
        }
        (IssueKind::LimitReached { limit, max }, Lang::En) => {
            format!("the sheet exceeds the limit of {max} {limit}; the rest was not read")
        }
        (
            IssueKind::InvalidManifest {
                line,
                column,
                problem,
            },
            lang,
        ) => manifest_message(*line, *column, *problem, lang),
        (IssueKind::SuspectedMojibake { field, proposed }, Lang::Es) => format!(
            "«{field}» parece texto UTF-8 leído como Windows-1252; se dejó como está, \
             probablemente dice «{proposed}»: corríjalo en el archivo"
        ),
        (IssueKind::SuspectedMojibake { field, proposed }, Lang::En) => format!(
            "\"{field}\" looks like UTF-8 read as Windows-1252; kept as read, it probably \
             reads \"{proposed}\": fix it in the file"
        ),
        (
            IssueKind::PersonalDataWithheld { .. }
            | IssueKind::FileNameWithheld { .. }
            | IssueKind::HiddenCharacters { .. }
            | IssueKind::TextTooLong { .. },
            lang,
        ) => public_text_message(issue, lang),
        (
            IssueKind::NulCharacter { .. }
            | IssueKind::BadQuote { .. }
            | IssueKind::LinkOutsideDelivery
            | IssueKind::BrokenLink
            | IssueKind::NotRegularFile { .. },
            lang,
        ) => crate::file_messages::message(issue, lang),
        (IssueKind::LostCharacter { field }, Lang::Es) => format!(
            "«{field}» tiene el carácter de reemplazo U+FFFD: se perdió una letra que no se \
             puede recuperar; escríbala de nuevo"
        ),
        (IssueKind::LostCharacter { field }, Lang::En) => format!(
            "\"{field}\" holds the replacement character U+FFFD: a letter was lost and \
             cannot be recovered; type it again"
        ),
        (issue, lang) => unreadable_message(issue, lang),
    }
}

/// Whether a field is a kitchen key column, whose withheld value becomes a
/// neutral key rather than the placeholder.
fn is_key(field: &str) -> bool {
    matches!(field, "clave" | "clave_comedor")
}

/// Messages for public text that was changed before publication, and for
/// files refused. None repeats the value.
fn public_text_message(issue: &IssueKind, lang: Lang) -> String {
    match (issue, lang) {
        (IssueKind::PersonalDataWithheld { field, shape }, Lang::Es) if is_key(field) => format!(
            "la clave de cocina «{field}» parece contener {} (dato personal); no se publica y \
             en su lugar se publica una clave neutra ({}…), la misma en cada tabla: \
             asigne a la cocina una clave sin datos personales",
            shape.names().0,
            KitchenKey::WITHHELD_PREFIX
        ),
        (IssueKind::PersonalDataWithheld { field, shape }, Lang::En) if is_key(field) => format!(
            "kitchen key \"{field}\" seems to hold {} (personal data); it is not published, \
             a neutral key ({}…) is published instead, the same in every table: give the \
             kitchen a key without personal data",
            shape.names().1,
            KitchenKey::WITHHELD_PREFIX
        ),
        (IssueKind::PersonalDataWithheld { field, shape }, Lang::Es) => format!(
            "«{field}» parece contener {} (dato personal); no se publica y en su lugar \
             aparece «{}»: quítelo del archivo",
            shape.names().0,
            cocina_model::PublicText::WITHHELD
        ),
        (IssueKind::PersonalDataWithheld { field, shape }, Lang::En) => format!(
            "\"{field}\" seems to hold {} (personal data); it is not published, \"{}\" \
             is shown instead: remove it from the file",
            shape.names().1,
            cocina_model::PublicText::WITHHELD
        ),
        (IssueKind::HiddenCharacters { field }, Lang::Es) => format!(
            "«{field}» tiene caracteres de control o invisibles (que pueden cambiar cómo se \
             ve el texto); se quitaron, revise el texto en el archivo"
        ),
        (IssueKind::HiddenCharacters { field }, Lang::En) => format!(
            "\"{field}\" holds control or invisible characters (which can change how the \
             text is shown); they were removed, check the text in the file"
        ),
        (IssueKind::TextTooLong { field, max }, Lang::Es) => {
            format!("«{field}» pasa de {max} caracteres; se publica cortado, abrévielo")
        }
        (IssueKind::TextTooLong { field, max }, Lang::En) => {
            format!("\"{field}\" is longer than {max} characters; it is published cut, shorten it")
        }
        (
            IssueKind::FileNameWithheld {
                shape,
                published_as,
            },
            Lang::Es,
        ) => format!(
            "el nombre del archivo parece contener {} (dato personal); en todo lo que se \
             publica aparece como «{published_as}»: cambie el nombre del archivo",
            shape.names().0
        ),
        (
            IssueKind::FileNameWithheld {
                shape,
                published_as,
            },
            Lang::En,
        ) => format!(
            "the file name seems to hold {} (personal data); everything published names \
             it \"{published_as}\" instead: rename the file",
            shape.names().1
        ),
        _ => String::new(),
    }
}

/// Messages for what could not be read at all.
fn unreadable_message(issue: &IssueKind, lang: Lang) -> String {
    match (issue, lang) {
        (IssueKind::UnreadableFile { cause }, Lang::Es) => format!(
            "no se pudo leer el archivo ({}); no se importó nada de él",
            failure_es(*cause)
        ),
        (IssueKind::UnreadableFile { cause }, Lang::En) => {
            format!("the file could not be read ({cause}); nothing was imported from it")
        }
        (IssueKind::UnreadableSheet { cause }, Lang::Es) => {
            format!(
                "no se pudo leer la hoja ({}); las demás sí",
                failure_es(*cause)
            )
        }
        (IssueKind::UnreadableSheet { cause }, Lang::En) => {
            format!("the sheet could not be read ({cause}); the other sheets were")
        }
        (IssueKind::SheetTruncated { cause }, Lang::Es) => format!(
            "la hoja se interrumpe aquí ({}); solo se leyeron las filas anteriores",
            failure_es(*cause)
        ),
        (IssueKind::SheetTruncated { cause }, Lang::En) => {
            format!("the sheet breaks off here ({cause}); only the rows before were read")
        }
        (IssueKind::MergedCellsUnread, Lang::Es) => "no se pudieron leer las celdas combinadas; \
             sus valores solo están en la primera celda de cada una"
            .into(),
        (IssueKind::MergedCellsUnread, Lang::En) => "the merged cells could not be read; their \
             values are only in the first cell of each"
            .into(),
        (IssueKind::InconsistentKeys { field, other }, Lang::Es) => format!(
            "«{field}» no coincide con «{other}» en esta fila; se usó «{other}», corrija uno de los dos"
        ),
        (IssueKind::InconsistentKeys { field, other }, Lang::En) => format!(
            "\"{field}\" disagrees with \"{other}\" in this row; \"{other}\" was used, fix one of them"
        ),
        (issue, lang) => issue.repair_message(lang).unwrap_or_else(|| {
            lang.pick("problema al leer esta celda", "problem reading this cell")
                .into()
        }),
    }
}
