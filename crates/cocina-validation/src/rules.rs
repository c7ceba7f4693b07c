//! The rule registry: every rule's stable code, name, default severity and
//! what it checks.

use cocina_model::Severity;
use serde::Serialize;

/// A validation rule. Codes are stable: tools and CI configurations refer to
/// them, so a code is never reused for another check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[non_exhaustive]
pub enum Rule {
    /// A table lacks a column it needs, or its header is blank or repeated.
    HeaderProblem,
    /// A cell holds a spreadsheet error or a value of the wrong type.
    InvalidCell,
    /// A key cell is not a valid key, or was stored without its zeros.
    KeyFormat,
    /// A sheet could not be recognised or read.
    UnreadableTable,
    /// The same kitchen key is listed twice.
    DuplicateKitchenKey,
    /// A beneficiary refers to a kitchen the kitchens list does not have.
    UnknownKitchen,
    /// The municipality key or name matches no Oaxaca municipality.
    UnknownMunicipality,
    /// The municipality name is shared by more than one municipality.
    AmbiguousMunicipality,
    /// The kitchen's point lies outside its stated municipality.
    OutsideMunicipality,
    /// The CURP is malformed, has an impossible date or a wrong check digit.
    InvalidCurp,
    /// A longitude is positive: it lost its minus sign.
    CoordinateSign,
    /// Latitude and longitude are in each other's columns.
    SwappedCoordinates,
    /// The point lies outside Oaxaca and no simple repair brings it in.
    OutsideState,
    /// The point is 0,0, what an empty cell becomes in many systems.
    PlaceholderPoint,
    /// The kitchen has no coordinates.
    MissingPoint,
}

/// What a rule checks, for reports and `docs/rules.md`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleInfo {
    /// The rule.
    pub rule: Rule,
    /// Stable code, such as `CA-G001`.
    pub code: &'static str,
    /// Short name in kebab case.
    pub name: &'static str,
    /// Severity unless configured otherwise.
    pub severity: Severity,
    /// What the rule checks, in Spanish.
    pub summary_es: &'static str,
    /// What the rule checks, in English.
    pub summary_en: &'static str,
}

/// Every rule, in code order.
pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        rule: Rule::HeaderProblem,
        code: "CA-E001",
        name: "header-problem",
        severity: Severity::Error,
        summary_es: "Falta una columna necesaria, o un encabezado está vacío o repetido.",
        summary_en: "A needed column is missing, or a header is blank or repeated.",
    },
    RuleInfo {
        rule: Rule::InvalidCell,
        code: "CA-E002",
        name: "invalid-cell",
        severity: Severity::Error,
        summary_es: "Una celda tiene un error de hoja de cálculo o un valor del tipo equivocado.",
        summary_en: "A cell holds a spreadsheet error or a value of the wrong type.",
    },
    RuleInfo {
        rule: Rule::KeyFormat,
        code: "CA-E003",
        name: "key-format",
        severity: Severity::Error,
        summary_es: "Una clave no es válida o se guardó sin sus ceros a la izquierda.",
        summary_en: "A key is not valid or was stored without its leading zeros.",
    },
    RuleInfo {
        rule: Rule::UnreadableTable,
        code: "CA-E004",
        name: "unreadable-table",
        severity: Severity::Warning,
        summary_es: "Una hoja o archivo no se pudo reconocer o leer completo.",
        summary_en: "A sheet or file could not be recognised or read whole.",
    },
    RuleInfo {
        rule: Rule::DuplicateKitchenKey,
        code: "CA-S001",
        name: "duplicate-kitchen-key",
        severity: Severity::Error,
        summary_es: "La misma clave de cocina aparece más de una vez.",
        summary_en: "The same kitchen key is listed more than once.",
    },
    RuleInfo {
        rule: Rule::UnknownKitchen,
        code: "CA-S002",
        name: "unknown-kitchen",
        severity: Severity::Error,
        summary_es: "Un beneficiario está registrado en una cocina que no está en la lista.",
        summary_en: "A beneficiary is registered at a kitchen missing from the list.",
    },
    RuleInfo {
        rule: Rule::UnknownMunicipality,
        code: "CA-G001",
        name: "unknown-municipality",
        severity: Severity::Error,
        summary_es: "La clave o el nombre del municipio no corresponde a ningún municipio de Oaxaca.",
        summary_en: "The municipality key or name matches no Oaxaca municipality.",
    },
    RuleInfo {
        rule: Rule::AmbiguousMunicipality,
        code: "CA-G002",
        name: "ambiguous-municipality",
        severity: Severity::Error,
        summary_es: "El nombre del municipio lo comparten varios municipios; falta la clave.",
        summary_en: "The municipality name is shared by several municipalities; the key is needed.",
    },
    RuleInfo {
        rule: Rule::OutsideMunicipality,
        code: "CA-G003",
        name: "outside-municipality",
        severity: Severity::Error,
        summary_es: "Las coordenadas de la cocina caen fuera de su municipio.",
        summary_en: "The kitchen's coordinates fall outside its municipality.",
    },
    RuleInfo {
        rule: Rule::InvalidCurp,
        code: "CA-P001",
        name: "invalid-curp",
        severity: Severity::Error,
        summary_es: "La CURP tiene un formato, fecha o dígito verificador inválido.",
        summary_en: "The CURP has an invalid format, date or check digit.",
    },
    RuleInfo {
        rule: Rule::CoordinateSign,
        code: "CA-G004",
        name: "coordinate-sign",
        severity: Severity::Error,
        summary_es: "La longitud es positiva: perdió su signo menos (Oaxaca está al oeste).",
        summary_en: "The longitude is positive: it lost its minus sign (Oaxaca is west).",
    },
    RuleInfo {
        rule: Rule::SwappedCoordinates,
        code: "CA-G005",
        name: "swapped-coordinates",
        severity: Severity::Error,
        summary_es: "La latitud y la longitud están intercambiadas.",
        summary_en: "Latitude and longitude are swapped.",
    },
    RuleInfo {
        rule: Rule::OutsideState,
        code: "CA-G006",
        name: "outside-state",
        severity: Severity::Error,
        summary_es: "El punto cae fuera de Oaxaca.",
        summary_en: "The point lies outside Oaxaca.",
    },
    RuleInfo {
        rule: Rule::PlaceholderPoint,
        code: "CA-G007",
        name: "placeholder-point",
        severity: Severity::Error,
        summary_es: "Las coordenadas son 0,0, un valor de relleno; se tratan como faltantes.",
        summary_en: "The coordinates are 0,0, a placeholder; they are treated as missing.",
    },
    RuleInfo {
        rule: Rule::MissingPoint,
        code: "CA-G008",
        name: "missing-point",
        severity: Severity::Notice,
        summary_es: "La cocina no tiene coordenadas; no aparece en el mapa.",
        summary_en: "The kitchen has no coordinates; it is not on the map.",
    },
];

impl Rule {
    /// Returns the rule's registry entry.
    #[must_use]
    pub fn info(self) -> &'static RuleInfo {
        RULES
            .iter()
            .find(|info| info.rule == self)
            .expect("every rule is in the registry")
    }

    /// Returns the stable code.
    #[must_use]
    pub fn code(self) -> &'static str {
        self.info().code
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn codes_and_names_are_unique() {
        let codes: HashSet<_> = RULES.iter().map(|r| r.code).collect();
        let names: HashSet<_> = RULES.iter().map(|r| r.name).collect();
        assert_eq!(codes.len(), RULES.len());
        assert_eq!(names.len(), RULES.len());
    }
}
