//! The findings list that is published: findings about people become
//! counts, by kitchen only from the suppression threshold up; the agency's
//! own report keeps every cell.

use cocina_geography::Catalog;
use cocina_model::{KitchenKey, Lang, Severity};
use cocina_validation::{Detail, Finding, Rule, ValidationOptions, validate};

use crate::delivery;

const THRESHOLD: u64 = 5;

const KITCHENS: &str = "CLAVE COCINA,NOMBRE DE LA COCINA,MUNICIPIO,ESTATUS\n\
                        OAX-1,Comedor Centro,OAXACA DE JUAREZ,OPERANDO\n\
                        OAX-2,Comedor Norte,OAXACA DE JUAREZ,OPERANDO\n\
                        OAX-3,Comedor Sur,OAXACA DE JUAREZ,CERRADA\n";

/// One person at OAX-1 and OAX-2 with the same CURP; one person at the
/// unlisted OAX-8 and six at the unlisted OAX-9; two at the closed OAX-3.
fn register() -> String {
    let mut rows = vec![
        "CLAVE COCINA,CURP,SEXO,EDAD".to_owned(),
        "OAX-1,UOPP150412MOCNRRA6,M,1".to_owned(),
        "OAX-2,UOPP150412MOCNRRA6,M,1".to_owned(),
        "OAX-8,,H,30".to_owned(),
        "OAX-3,,H,31".to_owned(),
        "OAX-3,,M,32".to_owned(),
    ];
    rows.extend((0..6).map(|i| format!("OAX-9,,M,{}", 20 + i)));
    rows.join("\n") + "\n"
}

fn counts(findings: &[Finding], rule: Rule) -> Vec<(Option<String>, u64)> {
    findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| match f.detail {
            Detail::PeopleFindings { records } => {
                (f.kitchen.as_ref().map(ToString::to_string), records)
            }
            _ => panic!("a finding about people published as it is: {f:?}"),
        })
        .collect()
}

#[test]
fn findings_about_people_are_published_as_counts() {
    let register = register();
    let delivery = delivery(&[("comedores.csv", KITCHENS), ("padron.csv", &register)]);
    let report = validate(&delivery, Catalog::bundled(), &ValidationOptions::default());

    // The agency's report names the row, the other kitchen and OAX-8.
    let repeated = report
        .findings
        .iter()
        .find(|f| f.rule == Rule::CurpInSeveralKitchens);
    assert!(repeated.is_some_and(|f| f.source.as_ref().and_then(|s| s.cell).is_some()));
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.kitchen == KitchenKey::new("OAX-8").ok())
    );

    let public = report.public_findings(&delivery, THRESHOLD);
    assert_eq!(counts(&public, Rule::CurpInSeveralKitchens), [(None, 1)]);
    assert_eq!(
        counts(&public, Rule::UnknownKitchen),
        [(None, 7), (Some("OAX-9".to_owned()), 6)]
    );
    for finding in &public {
        let source = finding.source.as_ref();
        if source.is_some_and(|s| &*s.file == "padron.csv") {
            assert!(
                source.is_some_and(|s| s.cell.is_none() && s.row.is_none()),
                "{finding:?}"
            );
        }
        let messages = finding.message(Lang::Es) + &finding.message(Lang::En);
        for told in ["OAX-8", "OAX-1 ", "fila", "row ", "A3"] {
            assert!(!messages.contains(told), "{told}: {messages}");
        }
    }

    // Two people at a closed kitchen: the kitchen is named, not the count.
    let closed = public
        .iter()
        .find(|f| f.rule == Rule::ClosedWithBeneficiaries);
    let closed = closed.expect("the closed kitchen is reported");
    assert!(matches!(
        closed.detail,
        Detail::ClosedWithFewBeneficiaries { threshold: 5, .. }
    ));
    assert!(closed.message(Lang::Es).contains("menos de 5"));
    assert!(!closed.message(Lang::En).contains(" 2 "));

    // Findings about kitchens are kept as they are.
    let kitchen_rules = |findings: &[Finding]| {
        findings
            .iter()
            .filter(|f| f.rule == Rule::KitchenWithoutBeneficiaries)
            .count()
    };
    assert_eq!(kitchen_rules(&public), kitchen_rules(&report.findings));
}

/// The published list, its counts of people added up, says as many errors,
/// warnings and notices as the agency's own report: the site and `cocina
/// validate` give one number.
#[test]
fn public_findings_add_up_to_the_report() {
    let register = register();
    let delivery = delivery(&[("comedores.csv", KITCHENS), ("padron.csv", &register)]);
    let report = validate(&delivery, Catalog::bundled(), &ValidationOptions::default());
    let public = report.public_findings(&delivery, THRESHOLD);
    assert!(
        public.len() < report.findings.len(),
        "people findings are grouped"
    );
    for severity in [Severity::Error, Severity::Warning, Severity::Notice] {
        let records: u64 = public
            .iter()
            .filter(|f| f.severity == severity)
            .map(Finding::records)
            .sum();
        assert_eq!(records, report.count(severity) as u64, "{severity:?}");
    }
}
