//! Every rule on a small delivery: a clean baseline that no rule reports,
//! and for each rule a change that makes it report, at the right cell.

mod endowments;
mod people;
mod structure;

use chrono::NaiveDate;
use cocina_geography::Catalog;
use cocina_geography::reference::Reference;
use cocina_importers::{ImportOptions, ImportedDelivery, import_file};
use cocina_model::{Delivery, Lang, RequestedItem};
use cocina_validation::{
    Report, ValidationOptions, resolve_municipalities, validate_with_reference,
};

pub(crate) const KITCHENS_HEADER: &str = "CLAVE COCINA,NOMBRE DE LA COCINA,MUNICIPIO,CVE_MUN,\
                                          LATITUD,LONGITUD,ESTATUS,FECHA APERTURA,FECHA CIERRE";
pub(crate) const KITCHEN_1: &str =
    "OAX-1,Comedor Centro,OAXACA DE JUAREZ,067,17.0606,-96.7253,OPERANDO,2010-01-15,";
pub(crate) const REGISTER_HEADER: &str =
    "CLAVE COCINA,CURP,SEXO,FECHA DE NACIMIENTO,EDAD,GRUPO DE EDAD";
/// A girl born 2015-04-12, one year old on the cut-off date.
pub(crate) const PERSON_1: &str = "OAX-1,UOPP150412MOCNRRA6,M,2015-04-12,1,0-5";

/// A change made to the imported delivery before validation.
pub(crate) type Tweak = Box<dyn Fn(&mut ImportedDelivery)>;

/// A small delivery: kitchens and register rows under their headers, the
/// 2016 cut-off and reception dates, and one requested item that came.
pub(crate) struct Case {
    pub(crate) kitchens: Vec<String>,
    pub(crate) people: Vec<String>,
    pub(crate) register_header: String,
    pub(crate) options: ValidationOptions,
    pub(crate) reference: Option<Reference>,
    pub(crate) tweak: Option<Tweak>,
}

impl Case {
    pub(crate) fn new() -> Self {
        Self {
            kitchens: vec![KITCHEN_1.to_owned()],
            people: vec![PERSON_1.to_owned()],
            register_header: REGISTER_HEADER.to_owned(),
            options: ValidationOptions::default(),
            reference: None,
            tweak: None,
        }
    }

    pub(crate) fn kitchen(mut self, row: &str) -> Self {
        self.kitchens.push(row.to_owned());
        self
    }

    pub(crate) fn person(mut self, row: &str) -> Self {
        self.people.push(row.to_owned());
        self
    }

    /// Replaces the first kitchen's row.
    pub(crate) fn first_kitchen(mut self, row: &str) -> Self {
        row.clone_into(&mut self.kitchens[0]);
        self
    }

    /// Replaces the first person's row.
    pub(crate) fn first_person(mut self, row: &str) -> Self {
        row.clone_into(&mut self.people[0]);
        self
    }

    pub(crate) fn tweak(mut self, f: impl Fn(&mut ImportedDelivery) + 'static) -> Self {
        self.tweak = Some(Box::new(f));
        self
    }

    pub(crate) fn delivery(&self) -> ImportedDelivery {
        let mut out = ImportedDelivery {
            delivery: Delivery {
                id: "prueba".into(),
                received: NaiveDate::from_ymd_opt(2016, 8, 15),
                cut_date: NaiveDate::from_ymd_opt(2016, 6, 30),
                request: None,
                items: vec![RequestedItem {
                    description: "Padrón de beneficiarios".into(),
                    received: true,
                    files: vec!["padron.csv".into()],
                }],
                files: Vec::new(),
            },
            kitchens: Vec::new(),
            beneficiaries: Vec::new(),
            counts: Vec::new(),
            endowments: Vec::new(),
            issues: Vec::new(),
        };
        let options = ImportOptions {
            reference_date: out.delivery.cut_date,
            ..ImportOptions::default()
        };
        let kitchens = format!("{KITCHENS_HEADER}\n{}\n", self.kitchens.join("\n"));
        let register = format!("{}\n{}\n", self.register_header, self.people.join("\n"));
        for (name, text) in [("comedores.csv", kitchens), ("padron.csv", register)] {
            let file = import_file(name, text.as_bytes(), &options);
            out.kitchens.extend(file.kitchens);
            out.beneficiaries.extend(file.beneficiaries);
            out.counts.extend(file.counts);
            out.issues.extend(file.issues);
        }
        resolve_municipalities(&mut out.kitchens, Catalog::bundled());
        if let Some(tweak) = &self.tweak {
            tweak(&mut out);
        }
        out
    }

    pub(crate) fn report(&self) -> Report {
        let delivery = self.delivery();
        let catalog = Catalog::bundled();
        validate_with_reference(&delivery, catalog, self.reference.as_ref(), &self.options)
    }

    /// Returns each finding as its code and cell (or `-` without one),
    /// after checking that every message exists in both languages.
    pub(crate) fn found(&self) -> Vec<(&'static str, String)> {
        let report = self.report();
        for finding in &report.findings {
            for lang in Lang::ALL {
                assert!(!finding.message(lang).is_empty(), "{finding:?}");
            }
        }
        report
            .findings
            .iter()
            .map(|f| {
                let cell = f
                    .source
                    .as_ref()
                    .and_then(|s| s.cell)
                    .map_or_else(|| "-".to_owned(), |c| c.to_string());
                (f.code(), cell)
            })
            .collect()
    }
}

/// Shorthand for an expected list of findings.
pub(crate) fn expect(list: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    list.iter()
        .map(|(c, cell)| (*c, (*cell).to_owned()))
        .collect()
}

#[test]
fn the_baseline_is_clean() {
    assert_eq!(Case::new().found(), expect(&[]));
}
