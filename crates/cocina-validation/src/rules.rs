//! The rule registry: every rule's stable code, name, default severity, the
//! entity it checks, and what it checks and why, for reports and
//! `docs/rules.md`.

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
    /// A kitchen in operation has nobody registered.
    KitchenWithoutBeneficiaries,
    /// A total row disagrees with the sum of the rows above it.
    TotalMismatch,
    /// A table or column the delivery must have is absent.
    MissingTable,
    /// An endowment row names a kitchen the kitchens list does not have.
    EndowmentUnknownKitchen,
    /// The municipality key or name matches no Oaxaca municipality.
    UnknownMunicipality,
    /// The municipality name is shared by more than one municipality.
    AmbiguousMunicipality,
    /// The kitchen's point lies outside its stated municipality.
    OutsideMunicipality,
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
    /// Many kitchens share exactly the same point.
    SharedPoint,
    /// The CURP is malformed, has an impossible date or a wrong check digit.
    InvalidCurp,
    /// The CURP's birth date or sex disagrees with the record's own fields.
    CurpDisagrees,
    /// The same CURP is registered twice at one kitchen.
    CurpRepeatedInKitchen,
    /// The same CURP is registered at more than one kitchen.
    CurpInSeveralKitchens,
    /// Age, birth date and age group disagree.
    AgeInconsistent,
    /// The age falls outside the program's age groups.
    AgeOutsideGroups,
    /// A sex value outside the allowed set.
    InvalidSex,
    /// A public text (a kitchen's key, name or place, a manifest field, a
    /// file name) looks like a CURP, RFC, phone, e-mail, date or a person's
    /// name, and was withheld.
    PersonalDataInPublicText,
    /// A closed or suspended kitchen still has beneficiaries.
    ClosedWithBeneficiaries,
    /// A kitchen's dates are out of order.
    DatesOutOfOrder,
    /// A kitchen has no name, or no municipality (neither a name nor a
    /// key).
    KitchenIncomplete,
    /// Energy disagrees with protein, carbohydrate and fat.
    EnergyInconsistent,
    /// An endowment's unit is not one the toolkit knows.
    UnknownUnit,
    /// An age group with beneficiaries has no endowment.
    AgeGroupWithoutEndowment,
    /// An item the request asked for did not come.
    ItemNotDelivered,
    /// A kitchen is in a municipality of low or very low marginalization.
    LowMarginalization,
    /// More beneficiaries than the area's population.
    AbovePopulation,
}

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    /// The delivery as a whole: its files and manifest.
    Delivery,
    /// A file, sheet or cell, whatever it holds.
    Table,
    /// A kitchen of the kitchens list.
    Kitchen,
    /// A person of the register.
    Beneficiary,
    /// An endowment row.
    Endowment,
}

impl Entity {
    /// Returns the entity's name in `lang`.
    #[must_use]
    pub fn name(self, lang: cocina_model::Lang) -> &'static str {
        let (es, en) = match self {
            Entity::Delivery => ("entrega", "delivery"),
            Entity::Table => ("tabla", "table"),
            Entity::Kitchen => ("cocina", "kitchen"),
            Entity::Beneficiary => ("beneficiario", "beneficiary"),
            Entity::Endowment => ("dotación", "endowment"),
        };
        lang.pick(es, en)
    }
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
    /// What the rule looks at.
    pub entity: Entity,
    /// What the rule checks, in Spanish.
    pub summary_es: &'static str,
    /// What the rule checks, in English.
    pub summary_en: &'static str,
    /// Why it matters, in English, for `docs/rules.md`.
    pub why: &'static str,
}

/// Every rule, in code order.
pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        rule: Rule::HeaderProblem,
        code: "CA-E001",
        name: "header-problem",
        severity: Severity::Error,
        entity: Entity::Table,
        summary_es: "Falta una columna necesaria, o un encabezado está vacío o repetido.",
        summary_en: "A needed column is missing, or a header is blank or repeated.",
        why: "A column that is missing or cannot be told apart is data that cannot be read: every value under it is lost.",
    },
    RuleInfo {
        rule: Rule::InvalidCell,
        code: "CA-E002",
        name: "invalid-cell",
        severity: Severity::Error,
        entity: Entity::Table,
        summary_es: "Una celda tiene un error de hoja de cálculo o un valor del tipo equivocado.",
        summary_en: "A cell holds a spreadsheet error or a value of the wrong type.",
        why: "A `#N/A` or a word in a number column silently becomes a blank in every count made from the file.",
    },
    RuleInfo {
        rule: Rule::KeyFormat,
        code: "CA-E003",
        name: "key-format",
        severity: Severity::Error,
        entity: Entity::Table,
        summary_es: "Una clave no es válida o se guardó sin sus ceros a la izquierda.",
        summary_en: "A key is not valid or was stored without its leading zeros.",
        why: "Keys join the delivery to INEGI's catalogues and to other years; a key that lost its zeros joins to the wrong place or to none.",
    },
    RuleInfo {
        rule: Rule::UnreadableTable,
        code: "CA-E004",
        name: "unreadable-table",
        severity: Severity::Warning,
        entity: Entity::Table,
        summary_es: "Una hoja o archivo no se pudo reconocer o leer completo.",
        summary_en: "A sheet or file could not be recognised or read whole.",
        why: "Data that is not read is not checked, counted or published; the analyst must know what was left out.",
    },
    RuleInfo {
        rule: Rule::DuplicateKitchenKey,
        code: "CA-S001",
        name: "duplicate-kitchen-key",
        severity: Severity::Error,
        entity: Entity::Kitchen,
        summary_es: "La misma clave de cocina aparece más de una vez.",
        summary_en: "The same kitchen key is listed more than once.",
        why: "A key listed twice makes one kitchen count twice, or hides a second kitchen behind the first one's key.",
    },
    RuleInfo {
        rule: Rule::UnknownKitchen,
        code: "CA-S002",
        name: "unknown-kitchen",
        severity: Severity::Error,
        entity: Entity::Beneficiary,
        summary_es: "Un beneficiario está registrado en una cocina que no está en la lista.",
        summary_en: "A beneficiary is registered at a kitchen missing from the list.",
        why: "People registered at a kitchen nobody can find cannot be placed on the map or in any municipality's count.",
    },
    RuleInfo {
        rule: Rule::KitchenWithoutBeneficiaries,
        code: "CA-S003",
        name: "kitchen-without-beneficiaries",
        severity: Severity::Notice,
        entity: Entity::Kitchen,
        summary_es: "Una cocina en operación no tiene beneficiarios registrados.",
        summary_en: "A kitchen in operation has no beneficiaries registered.",
        why: "A kitchen that feeds nobody on paper may not exist, or its register went missing; both are worth asking about.",
    },
    RuleInfo {
        rule: Rule::TotalMismatch,
        code: "CA-S004",
        name: "total-mismatch",
        severity: Severity::Error,
        entity: Entity::Table,
        summary_es: "Una fila de total no coincide con la suma de sus filas.",
        summary_en: "A total row disagrees with the sum of its rows.",
        why: "Published totals are what journalists and auditors quote; a total that is not the sum of its parts means rows are missing or invented.",
    },
    RuleInfo {
        rule: Rule::MissingTable,
        code: "CA-S005",
        name: "missing-table",
        severity: Severity::Error,
        entity: Entity::Delivery,
        summary_es: "Falta en la entrega una tabla o columna obligatoria.",
        summary_en: "A required table or column is absent from the delivery.",
        why: "Without a kitchens list or a register, nothing else can be checked or counted.",
    },
    RuleInfo {
        rule: Rule::EndowmentUnknownKitchen,
        code: "CA-S006",
        name: "endowment-unknown-kitchen",
        severity: Severity::Error,
        entity: Entity::Endowment,
        summary_es: "Una fila de dotación nombra una cocina que no está en la lista.",
        summary_en: "An endowment row names a kitchen that is not listed.",
        why: "Food sent to a kitchen that is not listed cannot be traced to anyone who ate it.",
    },
    RuleInfo {
        rule: Rule::UnknownMunicipality,
        code: "CA-G001",
        name: "unknown-municipality",
        severity: Severity::Error,
        entity: Entity::Kitchen,
        summary_es: "La clave o el nombre del municipio no corresponde a ningún municipio de Oaxaca.",
        summary_en: "The municipality key or name matches no Oaxaca municipality.",
        why: "A kitchen without a real municipality drops out of every map and municipal count.",
    },
    RuleInfo {
        rule: Rule::AmbiguousMunicipality,
        code: "CA-G002",
        name: "ambiguous-municipality",
        severity: Severity::Error,
        entity: Entity::Kitchen,
        summary_es: "El nombre del municipio lo comparten varios municipios; falta la clave.",
        summary_en: "The municipality name is shared by several municipalities; the key is needed.",
        why: "Oaxaca has municipalities that share a name; guessing would put a kitchen in the wrong district.",
    },
    RuleInfo {
        rule: Rule::OutsideMunicipality,
        code: "CA-G003",
        name: "outside-municipality",
        severity: Severity::Error,
        entity: Entity::Kitchen,
        summary_es: "Las coordenadas de la cocina caen fuera de su municipio.",
        summary_en: "The kitchen's coordinates fall outside its municipality.",
        why: "Either the point or the municipality is wrong; the map and the municipal counts cannot both be right.",
    },
    RuleInfo {
        rule: Rule::CoordinateSign,
        code: "CA-G004",
        name: "coordinate-sign",
        severity: Severity::Error,
        entity: Entity::Kitchen,
        summary_es: "La longitud es positiva: perdió su signo menos (Oaxaca está al oeste).",
        summary_en: "The longitude is positive: it lost its minus sign (Oaxaca is west).",
        why: "A lost minus sign puts the kitchen in China; the repair is almost always obvious, so it is proposed.",
    },
    RuleInfo {
        rule: Rule::SwappedCoordinates,
        code: "CA-G005",
        name: "swapped-coordinates",
        severity: Severity::Error,
        entity: Entity::Kitchen,
        summary_es: "La latitud y la longitud están intercambiadas.",
        summary_en: "Latitude and longitude are swapped.",
        why: "Swapped columns put the kitchen in the ocean; the swap back is proposed.",
    },
    RuleInfo {
        rule: Rule::OutsideState,
        code: "CA-G006",
        name: "outside-state",
        severity: Severity::Error,
        entity: Entity::Kitchen,
        summary_es: "El punto cae fuera de Oaxaca.",
        summary_en: "The point lies outside Oaxaca.",
        why: "Every kitchen of the program is in Oaxaca; a point elsewhere is wrong.",
    },
    RuleInfo {
        rule: Rule::PlaceholderPoint,
        code: "CA-G007",
        name: "placeholder-point",
        severity: Severity::Error,
        entity: Entity::Kitchen,
        summary_es: "Las coordenadas son 0,0, un valor de relleno; se tratan como faltantes.",
        summary_en: "The coordinates are 0,0, a placeholder; they are treated as missing.",
        why: "0,0 is what an empty cell becomes in many systems; it is not a place.",
    },
    RuleInfo {
        rule: Rule::MissingPoint,
        code: "CA-G008",
        name: "missing-point",
        severity: Severity::Notice,
        entity: Entity::Kitchen,
        summary_es: "La cocina no tiene coordenadas; no aparece en el mapa.",
        summary_en: "The kitchen has no coordinates; it is not on the map.",
        why: "Citizens find their kitchen on the map; a kitchen without a point cannot be found there.",
    },
    RuleInfo {
        rule: Rule::SharedPoint,
        code: "CA-G009",
        name: "shared-point",
        severity: Severity::Warning,
        entity: Entity::Kitchen,
        summary_es: "Varias cocinas comparten exactamente el mismo punto.",
        summary_en: "Several kitchens share exactly the same point.",
        why: "Kitchens given the town hall's or the district office's point instead of their own cannot be visited or told apart on the map.",
    },
    RuleInfo {
        rule: Rule::InvalidCurp,
        code: "CA-P001",
        name: "invalid-curp",
        severity: Severity::Error,
        entity: Entity::Beneficiary,
        summary_es: "La CURP tiene un formato, fecha o dígito verificador inválido.",
        summary_en: "The CURP has an invalid format, date or check digit.",
        why: "A CURP that cannot exist cannot identify a person; duplicates and ghosts hide behind mistyped ones.",
    },
    RuleInfo {
        rule: Rule::CurpDisagrees,
        code: "CA-P002",
        name: "curp-disagrees",
        severity: Severity::Warning,
        entity: Entity::Beneficiary,
        summary_es: "La fecha de nacimiento o el sexo de la CURP no coinciden con los del registro.",
        summary_en: "The CURP's birth date or sex disagrees with the record's own fields.",
        why: "A CURP that belongs to somebody else, or a mistyped birth date or sex, changes the person's age group or sex in every count.",
    },
    RuleInfo {
        rule: Rule::CurpRepeatedInKitchen,
        code: "CA-P003",
        name: "curp-repeated-in-kitchen",
        severity: Severity::Error,
        entity: Entity::Beneficiary,
        summary_es: "La misma CURP aparece dos veces en una cocina.",
        summary_en: "The same CURP appears twice at one kitchen.",
        why: "One person counted twice inflates the kitchen's register and the food it receives.",
    },
    RuleInfo {
        rule: Rule::CurpInSeveralKitchens,
        code: "CA-P004",
        name: "curp-in-several-kitchens",
        severity: Severity::Error,
        entity: Entity::Beneficiary,
        summary_es: "La misma CURP está registrada en más de una cocina.",
        summary_en: "The same CURP is registered at more than one kitchen.",
        why: "A person fed by two kitchens is counted twice in the program's coverage.",
    },
    RuleInfo {
        rule: Rule::AgeInconsistent,
        code: "CA-P005",
        name: "age-inconsistent",
        severity: Severity::Warning,
        entity: Entity::Beneficiary,
        summary_es: "La edad, la fecha de nacimiento y el grupo de edad no coinciden.",
        summary_en: "Age, birth date and age group disagree.",
        why: "Counts by age group decide priorities and rations; a person in the wrong group distorts both.",
    },
    RuleInfo {
        rule: Rule::AgeOutsideGroups,
        code: "CA-P006",
        name: "age-outside-groups",
        severity: Severity::Warning,
        entity: Entity::Beneficiary,
        summary_es: "La edad queda fuera de los grupos de edad del programa.",
        summary_en: "The age falls outside the program's age groups.",
        why: "An age no group covers (or no living person has) is a typing error or a record that should not be there.",
    },
    RuleInfo {
        rule: Rule::InvalidSex,
        code: "CA-P007",
        name: "invalid-sex",
        severity: Severity::Error,
        entity: Entity::Beneficiary,
        summary_es: "El sexo no es uno de los valores permitidos (M, H o X).",
        summary_en: "The sex is not one of the allowed values (M, H or X).",
        why: "People whose sex cannot be read are left out of every count by sex.",
    },
    RuleInfo {
        rule: Rule::PersonalDataInPublicText,
        code: "CA-P008",
        name: "personal-data-in-public-text",
        severity: Severity::Error,
        entity: Entity::Table,
        summary_es: "Un texto que se publica (clave, nombre o lugar de una cocina, campo de la entrega, nombre de archivo) parece una CURP, RFC, teléfono, correo, fecha o el nombre de una persona; se retiró.",
        summary_en: "A published text (a kitchen's key, name or place, a manifest field, a file name) looks like a CURP, RFC, phone, e-mail, date or a person's name; it was withheld.",
        why: "Keys, names and places are published as typed; a CURP, a phone or a person's name typed there by mistake would be published with them. The text is replaced by a placeholder, and a key by a neutral key that the register still links to, until the file is fixed.",
    },
    RuleInfo {
        rule: Rule::ClosedWithBeneficiaries,
        code: "CA-K001",
        name: "closed-with-beneficiaries",
        severity: Severity::Warning,
        entity: Entity::Kitchen,
        summary_es: "Una cocina cerrada o suspendida aún tiene beneficiarios.",
        summary_en: "A closed or suspended kitchen still has beneficiaries.",
        why: "People registered at a kitchen that does not serve are either not being fed or are not there.",
    },
    RuleInfo {
        rule: Rule::DatesOutOfOrder,
        code: "CA-K002",
        name: "dates-out-of-order",
        severity: Severity::Error,
        entity: Entity::Kitchen,
        summary_es: "Las fechas de la cocina están en un orden imposible.",
        summary_en: "The kitchen's dates are out of order.",
        why: "A kitchen closed before it opened, or opened after the delivery, has at least one wrong date.",
    },
    RuleInfo {
        rule: Rule::KitchenIncomplete,
        code: "CA-K003",
        name: "kitchen-incomplete",
        severity: Severity::Error,
        entity: Entity::Kitchen,
        summary_es: "Una cocina no tiene nombre, o no tiene municipio (ni nombre ni clave).",
        summary_en: "A kitchen has no name, or no municipality (neither a name nor a key).",
        why: "A kitchen listed by its key alone cannot be found by the people it feeds, nor placed on the map or in any municipal count; a row like that may stand for a kitchen that does not exist.",
    },
    RuleInfo {
        rule: Rule::EnergyInconsistent,
        code: "CA-N001",
        name: "energy-inconsistent",
        severity: Severity::Warning,
        entity: Entity::Endowment,
        summary_es: "La energía no corresponde a las proteínas, hidratos de carbono y lípidos (4/4/9 kcal por gramo).",
        summary_en: "Energy disagrees with protein, carbohydrate and fat (4/4/9 kcal per gram).",
        why: "The nutritional quality of the rations is what the tender promises; figures that do not add up cannot be checked against it.",
    },
    RuleInfo {
        rule: Rule::UnknownUnit,
        code: "CA-N002",
        name: "unknown-unit",
        severity: Severity::Error,
        entity: Entity::Endowment,
        summary_es: "La unidad de un producto de la dotación no es conocida.",
        summary_en: "An endowment product's unit is not known.",
        why: "A quantity without a known unit cannot be compared between years, suppliers or kitchens.",
    },
    RuleInfo {
        rule: Rule::AgeGroupWithoutEndowment,
        code: "CA-N003",
        name: "age-group-without-endowment",
        severity: Severity::Warning,
        entity: Entity::Endowment,
        summary_es: "Un grupo de edad con beneficiarios no tiene dotación.",
        summary_en: "An age group with beneficiaries has no endowment.",
        why: "People of an age group that receives no ration are fed from someone else's, or not at all.",
    },
    RuleInfo {
        rule: Rule::ItemNotDelivered,
        code: "CA-D001",
        name: "item-not-delivered",
        severity: Severity::Warning,
        entity: Entity::Delivery,
        summary_es: "Un elemento solicitado no se entregó.",
        summary_en: "A requested item was not delivered.",
        why: "What the agency did not hand over is part of the answer; the analyst can appeal the response.",
    },
    RuleInfo {
        rule: Rule::LowMarginalization,
        code: "CA-R001",
        name: "low-marginalization",
        severity: Severity::Notice,
        entity: Entity::Kitchen,
        summary_es: "La cocina está en un municipio de marginación baja o muy baja (CONAPO).",
        summary_en: "The kitchen is in a municipality of low or very low marginalization (CONAPO).",
        why: "The program targets localities of high and very high marginalization; kitchens elsewhere are worth a question about targeting.",
    },
    RuleInfo {
        rule: Rule::AbovePopulation,
        code: "CA-R002",
        name: "above-population",
        severity: Severity::Warning,
        entity: Entity::Kitchen,
        summary_es: "Hay más beneficiarios que habitantes en el municipio o la localidad (censo 2020).",
        summary_en: "There are more beneficiaries than inhabitants in the municipality or locality (census 2020).",
        why: "A register larger than the population it serves counts people who do not exist.",
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

    /// Finds a rule by its code (`CA-G003`) or its name
    /// (`outside-municipality`), ignoring case.
    #[must_use]
    pub fn find(text: &str) -> Option<Rule> {
        RULES
            .iter()
            .find(|info| {
                info.code.eq_ignore_ascii_case(text) || info.name.eq_ignore_ascii_case(text)
            })
            .map(|info| info.rule)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_in_order() {
        let codes: HashSet<_> = RULES.iter().map(|r| r.code).collect();
        let names: HashSet<_> = RULES.iter().map(|r| r.name).collect();
        assert_eq!(codes.len(), RULES.len());
        assert_eq!(names.len(), RULES.len());
        assert!(RULES.windows(2).all(|w| w[0].rule < w[1].rule));
    }

    #[test]
    fn rules_are_found_by_code_or_name() {
        assert_eq!(Rule::find("ca-g003"), Some(Rule::OutsideMunicipality));
        assert_eq!(Rule::find("shared-point"), Some(Rule::SharedPoint));
        assert_eq!(Rule::find("CA-X999"), None);
    }
}
