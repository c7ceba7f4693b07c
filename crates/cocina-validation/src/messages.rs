//! Messages of the structure, people, status, endowment, delivery and
//! reference rules, in Spanish and English. Like every message, they point
//! at cells and never quote a personal value.

use cocina_model::{KitchenKey, KitchenStatus, Lang};

use crate::finding::{
    AgeConflict, AgeProblem, DateProblem, Detail, Finding, KitchenPart, RequiredTable, place,
};

/// Writes the message of a finding whose detail is one of this module's.
pub(crate) fn message(finding: &Finding, lang: Lang) -> String {
    let kitchen = finding.kitchen.as_ref().map_or("?", KitchenKey::as_str);
    match &finding.detail {
        Detail::MissingTable { table } => missing_table(*table, lang),
        Detail::KitchenWithoutBeneficiaries => match lang {
            Lang::Es => format!(
                "la cocina {kitchen} está en operación y no tiene beneficiarios en el padrón; \
                 agregue su padrón o corrija su estatus"
            ),
            Lang::En => format!(
                "kitchen {kitchen} is in operation and has nobody in the register; \
                 add its register or correct its status"
            ),
        },
        Detail::EndowmentUnknownKitchen => match lang {
            Lang::Es => format!(
                "la dotación es para la cocina {kitchen}, que no está en la lista de cocinas; \
                 corrija la clave o agregue la cocina"
            ),
            Lang::En => format!(
                "the endowment is for kitchen {kitchen}, which is not in the kitchens list; \
                 correct the key or add the kitchen"
            ),
        },
        Detail::SharedPoint { kitchens, first } => match lang {
            Lang::Es => format!(
                "la cocina {kitchen} tiene exactamente el mismo punto que otras {} cocinas \
                 (la primera en {}); capture el punto de cada cocina",
                kitchens - 1,
                place(first, lang)
            ),
            Lang::En => format!(
                "kitchen {kitchen} has exactly the same point as {} other kitchens \
                 (the first at {}); record each kitchen's own point",
                kitchens - 1,
                place(first, lang)
            ),
        },
        Detail::CurpDisagrees { birth_date, sex } => curp_disagrees(*birth_date, *sex, lang),
        Detail::CurpRepeated {
            first,
            first_kitchen,
        } => curp_repeated(finding, first, first_kitchen, lang),
        Detail::AgeInconsistent { conflict } => age_inconsistent(*conflict, lang),
        Detail::AgeOutsideGroups { problem } => age_outside(problem, lang),
        Detail::ClosedWithBeneficiaries {
            status,
            beneficiaries,
        } => closed(kitchen, *status, *beneficiaries, lang),
        Detail::ClosedWithFewBeneficiaries { status, threshold } => {
            closed_few(kitchen, *status, *threshold, lang)
        }
        Detail::PeopleFindings { records } => people_findings(finding, *records, lang),
        Detail::DatesOutOfOrder { problem } => dates(kitchen, *problem, lang),
        Detail::KitchenIncomplete { part, cells } => incomplete(kitchen, *part, cells, lang),
        Detail::KitchensWithoutColumn { part, kitchens } => without_column(*part, *kitchens, lang),
        _ => endowment_or_reference(finding, lang),
    }
}

fn missing_table(table: RequiredTable, lang: Lang) -> String {
    match (table, lang) {
        (RequiredTable::Kitchens, Lang::Es) => {
            "ningún archivo de la entrega se reconoció como lista de cocinas; \
             agregue la lista o revise sus encabezados (clave de cocina, nombre, municipio)"
                .into()
        }
        (RequiredTable::Kitchens, Lang::En) => {
            "no file of the delivery was recognised as a kitchens list; \
             add the list or check its headers (kitchen key, name, municipality)"
                .into()
        }
        (RequiredTable::Beneficiaries, Lang::Es) => {
            "ningún archivo de la entrega se reconoció como padrón de beneficiarios ni como \
             conteo por cocina; agréguelo o revise sus encabezados (clave de cocina, sexo, edad)"
                .into()
        }
        (RequiredTable::Beneficiaries, Lang::En) => {
            "no file of the delivery was recognised as a beneficiary register or as counts \
             by kitchen; add one or check its headers (kitchen key, sex, age)"
                .into()
        }
    }
}

fn curp_disagrees(birth_date: bool, sex: bool, lang: Lang) -> String {
    let (es, en) = match (birth_date, sex) {
        (true, true) => (
            "la fecha de nacimiento y el sexo",
            "the birth date and the sex",
        ),
        (true, false) => ("la fecha de nacimiento", "the birth date"),
        _ => ("el sexo", "the sex"),
    };
    match lang {
        Lang::Es => format!(
            "{es} de la CURP no coinciden con las columnas del mismo registro; \
             verifique la CURP con RENAPO y corrija la CURP o esas columnas"
        ),
        Lang::En => format!(
            "{en} in the CURP disagree with the record's own columns; \
             check the CURP against RENAPO and correct it or those columns"
        ),
    }
}

fn curp_repeated(
    finding: &Finding,
    first: &cocina_model::SourceRef,
    first_kitchen: &KitchenKey,
    lang: Lang,
) -> String {
    let here = finding.kitchen.as_ref();
    let first_place = place(first, lang);
    if here == Some(first_kitchen) {
        match lang {
            Lang::Es => format!(
                "esta CURP ya está registrada en la misma cocina {first_kitchen} \
                 ({first_place}); elimine el registro repetido"
            ),
            Lang::En => format!(
                "this CURP is already registered at the same kitchen {first_kitchen} \
                 ({first_place}); remove the repeated record"
            ),
        }
    } else {
        match lang {
            Lang::Es => format!(
                "esta CURP ya está registrada en la cocina {first_kitchen} ({first_place}); \
                 una persona debe estar en una sola cocina: conserve un registro"
            ),
            Lang::En => format!(
                "this CURP is already registered at kitchen {first_kitchen} ({first_place}); \
                 a person belongs to one kitchen: keep one record"
            ),
        }
    }
}

fn age_inconsistent(conflict: AgeConflict, lang: Lang) -> String {
    let (es, en) = match conflict {
        AgeConflict::AgeAndBirthDate => (
            "la edad no es la que da la fecha de nacimiento a la fecha de corte",
            "the age is not the one the birth date gives on the cut-off date",
        ),
        AgeConflict::GroupAndAge => (
            "el grupo de edad no contiene la edad",
            "the age group does not contain the age",
        ),
        AgeConflict::GroupAndBirthDate => (
            "el grupo de edad no contiene la edad que da la fecha de nacimiento",
            "the age group does not contain the age the birth date gives",
        ),
    };
    match lang {
        Lang::Es => format!("{es}; corrija la edad, la fecha de nacimiento o el grupo de edad"),
        Lang::En => format!("{en}; correct the age, the birth date or the age group"),
    }
}

fn age_outside(problem: &AgeProblem, lang: Lang) -> String {
    match (problem, lang) {
        (AgeProblem::BornAfterCutDate, Lang::Es) => {
            "la fecha de nacimiento es posterior a la fecha de corte de la entrega; \
             corrija la fecha de nacimiento"
                .into()
        }
        (AgeProblem::BornAfterCutDate, Lang::En) => {
            "the birth date is after the delivery's cut-off date; correct the birth date".into()
        }
        (AgeProblem::TooOld { max_age }, Lang::Es) => format!(
            "la edad pasa de {max_age} años, la mayor que se considera posible; \
             corrija la edad o la fecha de nacimiento"
        ),
        (AgeProblem::TooOld { max_age }, Lang::En) => format!(
            "the age is over {max_age} years, the oldest considered possible; \
             correct the age or the birth date"
        ),
        (AgeProblem::UnknownGroup { age_group, records }, Lang::Es) => format!(
            "el grupo de edad {age_group} no es uno de los del programa \
             (0-5, 6-12, 13-17, 18-59, 60+); lo usan {records} registros, este es el \
             primero: use uno de los del programa"
        ),
        (AgeProblem::UnknownGroup { age_group, records }, Lang::En) => format!(
            "age group {age_group} is not one of the program's \
             (0-5, 6-12, 13-17, 18-59, 60+); {records} records use it, this is the \
             first: use one of the program's"
        ),
    }
}

fn closed(kitchen: &str, status: KitchenStatus, beneficiaries: u64, lang: Lang) -> String {
    match lang {
        Lang::Es => format!(
            "la cocina {kitchen} está «{}» y tiene {beneficiaries} beneficiarios registrados; \
             corrija su estatus o pase a sus beneficiarios a una cocina en operación",
            status.spanish().to_lowercase()
        ),
        Lang::En => format!(
            "kitchen {kitchen} is {} and has {beneficiaries} beneficiaries registered; \
             correct its status or move them to a kitchen in operation",
            status.english().to_lowercase()
        ),
    }
}

fn closed_few(kitchen: &str, status: KitchenStatus, threshold: u64, lang: Lang) -> String {
    match lang {
        Lang::Es => format!(
            "la cocina {kitchen} está «{}» y tiene beneficiarios registrados (menos de \
             {threshold}); corrija su estatus o pase a sus beneficiarios a una cocina en operación",
            status.spanish().to_lowercase()
        ),
        Lang::En => format!(
            "kitchen {kitchen} is {} and has beneficiaries registered (fewer than {threshold}); \
             correct its status or move them to a kitchen in operation",
            status.english().to_lowercase()
        ),
    }
}

/// The count published instead of findings about people: what the rule
/// checks, how many records it found, and where the detail is.
fn people_findings(finding: &Finding, records: u64, lang: Lang) -> String {
    let info = finding.rule.info();
    let summary = lang.pick(info.summary_es, info.summary_en);
    let at = finding.kitchen.as_ref().map(|kitchen| match lang {
        Lang::Es => format!(" en la cocina {kitchen}"),
        Lang::En => format!(" at kitchen {kitchen}"),
    });
    let at = at.unwrap_or_default();
    let one = records == 1;
    match lang {
        Lang::Es => format!(
            "{records} {}{at} con este hallazgo: {summary} El detalle de cada celda \
             está en el informe de validación de la dependencia, que no se publica porque \
             señala a personas",
            if one { "registro" } else { "registros" }
        ),
        Lang::En => format!(
            "{records} {}{at} with this finding: {summary} The detail of each cell is in \
             the agency's own validation report, which is not published because it points at \
             people",
            if one { "record" } else { "records" }
        ),
    }
}

fn dates(kitchen: &str, problem: DateProblem, lang: Lang) -> String {
    let (es, en) = match problem {
        DateProblem::ClosedBeforeOpened => (
            "la fecha de cierre es anterior a la de apertura",
            "the closing date is before the opening date",
        ),
        DateProblem::OpenedAfterDelivery => (
            "la fecha de apertura es posterior a la recepción de la entrega",
            "the opening date is after the delivery was received",
        ),
        DateProblem::ClosedAfterDelivery => (
            "la fecha de cierre es posterior a la recepción de la entrega",
            "the closing date is after the delivery was received",
        ),
    };
    match lang {
        Lang::Es => format!("cocina {kitchen}: {es}; corrija la fecha"),
        Lang::En => format!("kitchen {kitchen}: {en}; correct the date"),
    }
}

fn incomplete(kitchen: &str, part: KitchenPart, cells: &[String], lang: Lang) -> String {
    let cells = cells.join(lang.pick(" y ", " and "));
    match (part, lang) {
        (KitchenPart::Name, Lang::Es) => format!(
            "la cocina {kitchen} no tiene nombre: la celda {cells} está vacía; se esperaba \
             el nombre de la cocina, escríbalo"
        ),
        (KitchenPart::Name, Lang::En) => format!(
            "kitchen {kitchen} has no name: cell {cells} is empty; expected the kitchen's \
             name, type it in"
        ),
        (KitchenPart::Municipality, Lang::Es) => format!(
            "la cocina {kitchen} no tiene municipio: {cells} están vacías o no se pudieron \
             leer; se esperaba el nombre del municipio o su clave INEGI, escriba uno de los dos"
        ),
        (KitchenPart::Municipality, Lang::En) => format!(
            "kitchen {kitchen} has no municipality: {cells} are empty or could not be read; \
             expected the municipality's name or INEGI key, type one of them"
        ),
    }
}

fn without_column(part: KitchenPart, kitchens: usize, lang: Lang) -> String {
    match (part, lang) {
        (KitchenPart::Name, Lang::Es) => format!(
            "la lista de cocinas no tiene columna de nombre: ninguna de sus {kitchens} \
             cocinas tiene nombre; se esperaba una columna «nombre», agréguela"
        ),
        (KitchenPart::Name, Lang::En) => format!(
            "the kitchens list has no name column: none of its {kitchens} kitchens has a \
             name; expected a \"nombre\" column, add it"
        ),
        (KitchenPart::Municipality, Lang::Es) => format!(
            "la lista de cocinas no tiene columna de municipio (nombre, clave INEGI o \
             CVEGEO): ninguna de sus {kitchens} cocinas se puede ubicar; agregue una de ellas"
        ),
        (KitchenPart::Municipality, Lang::En) => format!(
            "the kitchens list has no municipality column (name, INEGI key or CVEGEO): none \
             of its {kitchens} kitchens can be placed; add one of them"
        ),
    }
}

fn endowment_or_reference(finding: &Finding, lang: Lang) -> String {
    let kitchen = finding.kitchen.as_ref().map_or("?", KitchenKey::as_str);
    match (&finding.detail, lang) {
        (
            Detail::EnergyInconsistent {
                age_group,
                stated_kcal,
                computed_kcal,
            },
            Lang::Es,
        ) => format!(
            "la ración del grupo {age_group} declara {stated_kcal:.0} kcal, pero sus proteínas, \
             hidratos de carbono y lípidos dan {computed_kcal:.0} kcal (4/4/9 kcal por gramo); \
             revise la energía o los nutrimentos"
        ),
        (
            Detail::EnergyInconsistent {
                age_group,
                stated_kcal,
                computed_kcal,
            },
            Lang::En,
        ) => format!(
            "the ration of group {age_group} states {stated_kcal:.0} kcal, but its protein, \
             carbohydrate and fat give {computed_kcal:.0} kcal (4/4/9 kcal per gram); \
             check the energy or the nutrients"
        ),
        (Detail::UnknownUnit { unit }, Lang::Es) => {
            format!("la unidad «{unit}» no es conocida; use KG, G, L, ML, PZA, LATA o PAQ")
        }
        (Detail::UnknownUnit { unit }, Lang::En) => {
            format!("unit \"{unit}\" is not known; use KG, G, L, ML, PZA, LATA or PAQ")
        }
        (
            Detail::AgeGroupWithoutEndowment {
                age_group,
                beneficiaries,
            },
            Lang::Es,
        ) => format!(
            "el grupo de edad {age_group} tiene {beneficiaries} beneficiarios y ninguna \
             dotación; agregue su dotación a la tabla"
        ),
        (
            Detail::AgeGroupWithoutEndowment {
                age_group,
                beneficiaries,
            },
            Lang::En,
        ) => format!(
            "age group {age_group} has {beneficiaries} beneficiaries and no endowment; \
             add its endowment to the table"
        ),
        (Detail::ItemNotDelivered { description }, Lang::Es) => format!(
            "se solicitó «{description}» y no se entregó; pídalo de nuevo o recurra la respuesta"
        ),
        (Detail::ItemNotDelivered { description }, Lang::En) => format!(
            "\"{description}\" was requested and not delivered; \
             ask for it again or appeal the answer"
        ),
        (
            Detail::LowMarginalization {
                municipality: (key, name),
                degree,
            },
            Lang::Es,
        ) => format!(
            "la cocina {kitchen} está en {key} {name}, de marginación «{degree}» (CONAPO 2020); \
             el programa prioriza localidades de marginación alta y muy alta: \
             confirme la focalización"
        ),
        (
            Detail::LowMarginalization {
                municipality: (key, name),
                degree,
            },
            Lang::En,
        ) => format!(
            "kitchen {kitchen} is in {key} {name}, of \"{degree}\" marginalization \
             (CONAPO 2020); the program targets high and very high marginalization: \
             confirm the targeting"
        ),
        _ => above_population(&finding.detail, lang),
    }
}

fn above_population(detail: &Detail, lang: Lang) -> String {
    let Detail::AbovePopulation {
        area: (key, name),
        locality,
        beneficiaries,
        population,
    } = detail
    else {
        return String::new();
    };
    let (es, en) = if *locality {
        ("la localidad", "locality")
    } else {
        ("el municipio", "municipality")
    };
    match lang {
        Lang::Es => format!(
            "{es} {key} {name} tiene {beneficiaries} beneficiarios registrados y {population} \
             habitantes (censo 2020); revise los padrones de sus cocinas"
        ),
        Lang::En => format!(
            "{en} {key} {name} has {beneficiaries} beneficiaries registered and {population} \
             inhabitants (census 2020); check its kitchens' registers"
        ),
    }
}
