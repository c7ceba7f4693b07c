//! Page-level tests: every page in both languages, the language switch,
//! suppression and escaping; the kitchen list's form and notices in
//! [`list`], the menu and the 404 page in [`navigation`].

mod list;
mod navigation;

use chrono::NaiveDate;
use cocina_model::{AgeGroup, KitchenKey, KitchenStatus, Lang, LocalityKey, MunicipalityKey, Sex};
use geo_types::Point;

use crate::routes::other;
use crate::table::with_total;
use crate::view::{
    Bilingual, DeliveryInfo, FindingCounts, HistoryRow, KitchenDetail, KitchenHistory, KitchenList,
    KitchenRow, MapPoint, MunicipalityFigures, MunicipalityIssue, MunicipalityOption, Overview,
    QualityPage, RuleScore, StatusCount, UnplacedFigures,
};
use crate::{
    BeneficiaryTable, ListFilter, Margin, Page, Shown, SuppressionReason, TableCell, kitchen,
    kitchen_history, kitchen_list, not_found, overview,
};

pub(super) const HOSTILE_NAME: &str = "<script>alert('x')</script> & \"Niños\"";

pub(super) fn oaxaca() -> MunicipalityKey {
    MunicipalityKey::new("067").unwrap()
}

fn key() -> KitchenKey {
    KitchenKey::new("OAX-VC-001").unwrap()
}

/// A table with one published cell of 1234, one small cell of 3 and one
/// complementary cell of 77: only 1234 may show.
fn table() -> BeneficiaryTable {
    let young = AgeGroup::Range {
        min: 0,
        max: Some(5),
    };
    let cells = [
        TableCell {
            sex: Margin::Value(Some(Sex::Female)),
            age_group: Margin::Value(young),
            value: Some(1234),
            reason: None,
        },
        TableCell {
            sex: Margin::Value(Some(Sex::Male)),
            age_group: Margin::Value(young),
            value: None,
            reason: Some(SuppressionReason::SmallCount),
        },
        TableCell {
            sex: Margin::Value(Some(Sex::NonBinary)),
            age_group: Margin::Value(young),
            value: None,
            reason: Some(SuppressionReason::Complementary),
        },
    ];
    BeneficiaryTable::new(with_total(cells, 1314), 5)
}

fn delivery() -> DeliveryInfo {
    DeliveryInfo {
        id: "entrega-2016".into(),
        received: NaiveDate::from_ymd_opt(2016, 5, 2),
        request: Some("00123416".into()),
    }
}

pub(super) fn overview_model() -> Overview {
    Overview {
        delivery: Some(delivery()),
        kitchens_by_status: vec![StatusCount {
            status: KitchenStatus::Operating,
            kitchens: 2,
        }],
        beneficiaries: table(),
        municipalities: vec![MunicipalityFigures {
            key: oaxaca(),
            name: "Oaxaca de Juárez".into(),
            kitchens: 2,
            beneficiaries: Shown::Count(1314),
        }],
        points: vec![MapPoint {
            key: key(),
            name: HOSTILE_NAME.into(),
            location: Point::new(-96.7253, 17.0606),
        }],
        unplaced: UnplacedFigures::default(),
        findings: FindingCounts::default(),
        regions: Vec::new(),
    }
}

pub(super) fn list_model() -> KitchenList {
    KitchenList {
        filter: ListFilter {
            municipality: Some(oaxaca()),
            text: Some("\"><b>".into()),
            page: 1,
        },
        kitchens: vec![KitchenRow {
            key: key(),
            name: HOSTILE_NAME.into(),
            municipality: Some(oaxaca()),
            municipality_name: Some("Oaxaca de Juárez".into()),
            municipality_issue: None,
            status: KitchenStatus::Suspended,
        }],
        matching: 1,
        total: 2,
        municipalities: vec![MunicipalityOption {
            key: oaxaca(),
            name: "Oaxaca de Juárez".into(),
        }],
        notices: Vec::new(),
    }
}

fn detail_model() -> KitchenDetail {
    KitchenDetail {
        key: key(),
        name: HOSTILE_NAME.into(),
        municipality: Some(oaxaca()),
        municipality_name: Some("Oaxaca de Juárez".into()),
        municipality_issue: None,
        locality: Some(LocalityKey::new("0001").unwrap()),
        locality_name: Some("Oaxaca de Juárez".into()),
        status: KitchenStatus::Operating,
        location: Some(Point::new(-96.7253, 17.0606)),
        capacity: Some(120),
        opened: NaiveDate::from_ymd_opt(2014, 3, 1),
        closed: None,
        beneficiaries: table(),
        delivery: delivery(),
        has_history: false,
    }
}

/// Every page in one language, with the page it is.
pub(super) fn all_pages(lang: Lang) -> Vec<(Page, String)> {
    vec![
        (Page::Overview, overview(&overview_model(), lang).unwrap()),
        (
            Page::KitchenList(list_model().filter),
            kitchen_list(&list_model(), lang).unwrap(),
        ),
        (
            Page::Kitchen(key()),
            kitchen(&detail_model(), lang).unwrap(),
        ),
        (Page::NotFound, not_found(lang).unwrap()),
        (
            Page::DeliveryDownloads("entrega-2016".into()),
            crate::data_pages::tests::downloads_in_scope(crate::Scope::Delivery, lang),
        ),
        (
            Page::DeliveryQuality("entrega-2016".into()),
            crate::data_pages::tests::quality_in_scope(crate::Scope::Delivery, lang),
        ),
        (
            Page::Deliveries,
            crate::deliveries(&crate::data_pages::tests::deliveries_model(), lang).unwrap(),
        ),
    ]
}

#[test]
fn every_page_renders_in_both_languages() {
    for lang in Lang::ALL {
        for (page, html) in all_pages(lang) {
            let open = format!("<html lang=\"{}\">", lang.tag());
            assert!(html.starts_with("<!DOCTYPE html>"), "{page:?}");
            assert!(html.contains(&open), "{page:?} {lang}");
            for landmark in crate::LANDMARKS {
                assert!(html.contains(landmark), "{page:?} lacks {landmark}");
            }
        }
    }
    let es = overview(&overview_model(), Lang::Es).unwrap();
    let en = overview(&overview_model(), Lang::En).unwrap();
    assert!(es.contains("Cifras del estado") && es.contains("En operación"));
    assert!(en.contains("State figures") && en.contains("Operating"));
}

#[test]
fn language_switch_points_at_the_same_page_in_the_other_language() {
    for lang in Lang::ALL {
        for (page, html) in all_pages(lang) {
            let twin = other(lang);
            let href = page.url(twin).replace('&', "&#38;");
            let link = format!(
                "<a href=\"{href}\" lang=\"{0}\" hreflang=\"{0}\">",
                twin.tag()
            );
            assert!(html.contains(&link), "{page:?} in {lang} lacks {link}");
        }
    }
    let html = kitchen(&detail_model(), Lang::Es).unwrap();
    assert!(html.contains("href=\"/en/kitchens/OAX-VC-001\" lang=\"en\""));
}

#[test]
fn suppressed_cells_never_show_their_value() {
    for lang in Lang::ALL {
        for html in [
            overview(&overview_model(), lang).unwrap(),
            kitchen(&detail_model(), lang).unwrap(),
        ] {
            assert!(html.contains(">1,234<"), "the published cell shows");
            assert!(html.contains("&#60;5</abbr>"), "the small cell shows as <5");
            let word = lang.pick("suprimido</abbr>", "suppressed</abbr>");
            assert!(html.contains(word));
            assert!(!html.contains(">3<"), "the small value stays hidden");
            assert!(!html.contains(">77<") && !html.contains(">80<"));
        }
    }
}

#[test]
fn suppressed_values_are_not_even_in_the_view_model() {
    let cells = [TableCell {
        sex: Margin::Value(Some(Sex::Female)),
        age_group: Margin::Value(AgeGroup::Unknown),
        value: None,
        reason: Some(SuppressionReason::SmallCount),
    }];
    let table = BeneficiaryTable::new(with_total(cells, 3), 5);
    let rendered = format!("{table:?}");
    assert!(rendered.contains("Suppressed(SmallCount)"), "{rendered}");
}

#[test]
fn kitchen_names_are_escaped() {
    for lang in Lang::ALL {
        for (page, html) in all_pages(lang) {
            assert!(!html.contains("<script>"), "{page:?} in {lang}");
            assert!(!html.contains("<b>"), "{page:?} in {lang}");
        }
    }
    let html = kitchen(&detail_model(), Lang::Es).unwrap();
    assert!(html.contains("&#60;script&#62;"));
    let list = kitchen_list(&list_model(), Lang::Es).unwrap();
    assert!(list.contains("value=\"&#34;&#62;&#60;b&#62;\""), "{list}");
}

#[test]
fn maps_are_images_with_a_name() {
    let html = overview(&overview_model(), Lang::Es).unwrap();
    assert!(html.contains("role=\"img\" aria-labelledby=\"map-t map-d\""));
    assert!(html.matches("<path d=").count() >= 570);
    let html = kitchen(&detail_model(), Lang::En).unwrap();
    assert!(html.contains("aria-labelledby=\"locator-t locator-d\""));
    assert!(html.contains("<circle class=\"pt\""));
}

#[test]
fn tables_have_captions_and_scoped_headers() {
    for (_, html) in all_pages(Lang::Es) {
        let tables = html.matches("<table").count();
        assert_eq!(tables, html.matches("<caption>").count());
        assert!(!html.contains("<th>"), "every header cell has a scope");
    }
}

#[test]
fn list_filter_is_echoed_in_the_form() {
    let html = kitchen_list(&list_model(), Lang::En).unwrap();
    assert!(html.contains("<option value=\"067\" selected>"));
    assert!(html.contains("1 of 2 kitchens matches."));
    assert!(!html.contains("rel=\"next\""), "one page needs no pager");
}

#[test]
fn long_lists_link_their_pages_in_both_languages() {
    let mut model = list_model();
    model.matching = 450;
    model.filter.page = 2;
    let html = kitchen_list(&model, Lang::Es).unwrap();
    assert!(html.contains("Página 2 de 3"));
    assert!(html.contains("href=\"/cocinas?municipio=067&#38;q=%22%3E%3Cb%3E\" rel=\"prev\""));
    assert!(html.contains("&#38;pagina=3\" rel=\"next\""));
    let switch = "href=\"/en/kitchens?municipality=067&#38;q=%22%3E%3Cb%3E&#38;page=2\" lang";
    assert!(html.contains(switch), "the switch keeps the page");
}

#[test]
fn kitchen_without_location_says_so() {
    let mut model = detail_model();
    model.location = None;
    let html = kitchen(&model, Lang::Es).unwrap();
    assert!(html.contains("Sin ubicación validada"));
    assert!(!html.contains("<circle"));
}

#[test]
fn missing_facts_agree_with_the_gender_of_their_field() {
    let mut model = detail_model();
    model.municipality = None;
    model.municipality_name = None;
    model.locality = None;
    model.locality_name = None;
    model.capacity = None;
    model.opened = None;
    let html = kitchen(&model, Lang::Es).unwrap();
    assert!(
        html.contains("<dt>Municipio</dt><dd>No indicado</dd>"),
        "{html}"
    );
    for feminine in [
        "<dt>Localidad</dt><dd>",
        "<dt>Capacidad declarada</dt><dd>",
        "<dt>Fecha de apertura</dt><dd class=\"nw\">",
        "<dt>Fecha de cierre</dt><dd class=\"nw\">",
    ] {
        let fact = format!("{feminine}No indicada</dd>");
        assert!(html.contains(&fact), "{fact} missing");
    }
    let english = kitchen(&model, Lang::En).unwrap();
    assert!(english.contains("<dt>Locality</dt><dd>Not given</dd>"));
}

#[test]
fn empty_portal_renders() {
    let model = Overview::default();
    let html = overview(&model, Lang::Es).unwrap();
    assert!(html.contains("Todavía no se ha cargado ninguna entrega."));
}

/// An overview at the program's real scale: 2,300 kitchens spread over
/// 560 municipalities, 130,000 beneficiaries.
fn real_scale_overview() -> Overview {
    let catalog = cocina_geography::Catalog::bundled();
    let municipalities: Vec<_> = catalog.municipalities().iter().take(560).collect();
    // A fixed linear congruential sequence scatters the points over each
    // municipality's box, as real kitchens are scattered.
    let mut seed = 0x2545_f491_u64;
    let mut unit = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let points = (0..2300)
        .map(|i| {
            let bbox = municipalities[i % municipalities.len()].bbox;
            let x = bbox.min().x + unit() * bbox.width();
            let y = bbox.min().y + unit() * bbox.height();
            MapPoint {
                key: KitchenKey::new(&format!("OAX-{i:05}")).unwrap(),
                name: format!("Cocina comunitaria número {i}"),
                location: Point::new(x, y),
            }
        })
        .collect();
    let figures = municipalities
        .iter()
        .map(|m| MunicipalityFigures {
            key: m.key,
            name: m.name.clone(),
            kitchens: 4,
            beneficiaries: Shown::Count(232),
        })
        .collect();
    Overview {
        municipalities: figures,
        points,
        ..overview_model()
    }
}

#[test]
fn overview_stays_light_at_real_scale() {
    for lang in Lang::ALL {
        let html = overview(&real_scale_overview(), lang).unwrap();
        if let Some(path) = std::env::var_os("COCINA_DUMP_OVERVIEW") {
            std::fs::write(path, &html).unwrap();
        }
        // English addresses are longer: both languages must fit.
        assert!(
            html.len() <= 150_000,
            "the {lang} overview weighs {} bytes",
            html.len()
        );
    }
}

/// The legend used to list "10 or more" when no municipality had more than
/// two kitchens.
#[test]
fn legend_lists_only_classes_up_to_the_largest() {
    let html = overview(&overview_model(), Lang::En).unwrap();
    let legend = &html[html.find("class=\"legend\"").unwrap()..];
    assert!(legend.contains("sw c0") && legend.contains("sw c2"));
    assert!(!legend.contains("sw c3") && !legend.contains("sw c4"));
}

/// The note used to explain «suprimido» on tables that had no such cell.
/// A table with nothing suppressed: `n` girls of 6 to 12, and totals.
fn girls_only(n: u64) -> BeneficiaryTable {
    let cells = [TableCell {
        sex: Margin::Value(Some(Sex::Female)),
        age_group: Margin::Value(AgeGroup::Range {
            min: 6,
            max: Some(12),
        }),
        value: Some(n),
        reason: None,
    }];
    BeneficiaryTable::new(with_total(cells, n), 5)
}

#[test]
fn suppression_note_explains_only_the_marks_shown() {
    let html = kitchen(&detail_model(), Lang::Es).unwrap();
    assert!(html.contains("«&#60;5»: menos de 5 personas, cifra suprimida por pequeña"));
    assert!(html.contains("«suprimido»: 5 o más personas"));
    assert!(html.contains("(supresión complementaria)"));
    let mut model = detail_model();
    model.beneficiaries = girls_only(40);
    let html = kitchen(&model, Lang::En).unwrap();
    assert!(!html.contains("\"suppressed\"") && !html.contains("fewer than 5"));
    assert!(
        html.contains("60 years and over"),
        "every age group has a row"
    );
}

/// A suppressed total in the table of municipalities said nothing of why;
/// a suppressed area total showed no title either.
#[test]
fn suppressed_totals_say_why_in_both_languages() {
    let mut model = overview_model();
    model.beneficiaries = girls_only(1314);
    let html = overview(&model, Lang::Es).unwrap();
    assert!(!html.contains("supresión"), "nothing to explain");
    model.municipalities[0].beneficiaries = Shown::Suppressed(SuppressionReason::Complementary);
    let html = overview(&model, Lang::Es).unwrap();
    assert!(html.contains("«suprimido»: 5 o más personas"));
    assert!(html.contains("(supresión complementaria)"));
    assert!(
        !html.contains("(supresión primaria)"),
        "only the marks shown"
    );
    model.municipalities[0].beneficiaries = Shown::Suppressed(SuppressionReason::SmallCount);
    let html = overview(&model, Lang::En).unwrap();
    assert!(html.contains("fewer than 5 people, a figure suppressed for being small"));
    assert!(html.contains("(primary suppression)"));

    let mut detail = detail_model();
    let cells = [TableCell {
        sex: Margin::Total,
        age_group: Margin::Total,
        value: None,
        reason: Some(SuppressionReason::Complementary),
    }];
    detail.beneficiaries = BeneficiaryTable::new(cells, 5);
    let html = kitchen(&detail, Lang::En).unwrap();
    assert!(html.contains(
        "<strong><abbr title=\"Suppressed (complementary): 5 or more people, hidden so that \
         another figure cannot be worked out\">suppressed</abbr></strong>"
    ));
    assert!(html.contains("(complementary suppression)"));
}

#[test]
fn kitchen_map_is_short_and_names_its_municipality() {
    let html = kitchen(&detail_model(), Lang::Es).unwrap();
    assert!(html.contains("<figure class=\"loc\">"));
    assert!(html.contains("<figcaption>En color: municipio de Oaxaca de Juárez"));
    let style = overview(&overview_model(), Lang::Es).unwrap();
    assert!(style.contains(".loc .map{max-height:360px}"));
    assert!(style.contains("@media (max-width:40rem){figure{margin:1rem 0}}"));
}

/// The table of municipalities used to sum to less than the headline, and
/// the page said the rest had no kitchens.
#[test]
fn municipality_table_adds_up_to_the_headline() {
    let mut model = overview_model();
    model.kitchens_by_status[0].kitchens = 5;
    model.unplaced = UnplacedFigures {
        kitchens: 3,
        beneficiaries: Shown::Count(41),
        unlisted_beneficiaries: Shown::Count(7),
    };
    model.findings = FindingCounts {
        errors: 18,
        warnings: 2,
    };
    let es = overview(&model, Lang::Es).unwrap();
    assert!(es.contains("<td>Sin municipio válido (nombre desconocido o ambiguo)<td>3<td>41"));
    assert!(es.contains("<td>Registradas en cocinas que no están en la lista<td>0<td>7"));
    assert!(es.contains("<td class=\"n\">5</td><td class=\"n\">1,314</td>"));
    assert!(es.contains("encontró 18 errores y 2 advertencias"));
    let en = overview(&model, Lang::En).unwrap();
    assert!(en.contains("<td>No valid municipality (unknown or ambiguous name)<td>3<td>41"));
    assert!(en.contains("found 18 errors and 2 warnings"));
}

#[test]
fn counts_agree_with_their_wording() {
    let mut model = overview_model();
    model.findings = FindingCounts {
        errors: 1,
        warnings: 1,
    };
    let es = overview(&model, Lang::Es).unwrap();
    assert!(es.contains("encontró 1 error y 1 advertencia."), "{es}");
    let en = overview(&model, Lang::En).unwrap();
    assert!(en.contains("found 1 error and 1 warning."));
    model.findings.warnings = 0;
    let es = overview(&model, Lang::Es).unwrap();
    assert!(es.contains("encontró 1 error y 0 advertencias."));

    let list = list_model();
    assert!(
        kitchen_list(&list, Lang::Es)
            .unwrap()
            .contains("1 de 2 cocinas coincide.")
    );
    assert!(
        kitchen_list(&list, Lang::En)
            .unwrap()
            .contains("1 of 2 kitchens matches.")
    );
}

#[test]
fn unresolved_municipalities_are_marked_as_such() {
    let mut list = list_model();
    list.kitchens[0].municipality = None;
    list.kitchens[0].municipality_name = Some("SAN JUAN MIXTEPEC".into());
    list.kitchens[0].municipality_issue = Some(MunicipalityIssue::Ambiguous);
    let html = kitchen_list(&list, Lang::Es).unwrap();
    assert!(html.contains("<td>SAN JUAN MIXTEPEC (municipio ambiguo)</td>"));
    let mut detail = detail_model();
    detail.municipality = None;
    detail.municipality_name = Some("SAN JUAN DE LAS PALMAS".into());
    detail.municipality_issue = Some(MunicipalityIssue::Unknown);
    let html = kitchen(&detail, Lang::En).unwrap();
    assert!(html.contains("<dd>SAN JUAN DE LAS PALMAS (unknown municipality)</dd>"));
}

/// The overview links each municipality to its page, relative to the
/// overview so that the 570 addresses stay short.
#[test]
fn overview_links_municipalities_to_their_pages() {
    let es = overview(&overview_model(), Lang::Es).unwrap();
    assert!(
        es.contains("<a href=municipios/067>Oaxaca de Juárez</a>"),
        "{es}"
    );
    let en = overview(&overview_model(), Lang::En).unwrap();
    assert!(en.contains("<a href=municipalities/067>Oaxaca de Juárez</a>"));
    // The map's shape too, out of the tab order: the table is the way in.
    assert!(es.contains("<a href=municipios/067 tabindex=-1><path d="));
    assert!(en.contains("<a href=municipalities/067 tabindex=-1><path d="));
    assert_eq!(
        Page::Municipality(oaxaca()).url(Lang::En),
        "/en/municipalities/067"
    );
}

/// A kitchen whose municipality was written as no municipality of Oaxaca:
/// the value after "Municipio" says so without repeating the word.
#[test]
fn an_unknown_municipality_reads_well_after_its_label() {
    let mut detail = detail_model();
    detail.municipality = None;
    detail.municipality_name = None;
    detail.municipality_issue = Some(MunicipalityIssue::Unknown);
    let es = kitchen(&detail, Lang::Es).unwrap();
    assert!(
        es.contains(
            "<dt>Municipio</dt><dd>Desconocido (el nombre escrito no es el de un municipio de \
             Oaxaca)</dd>"
        ),
        "{es}"
    );
    assert!(!es.contains("municipio desconocido"), "{es}");
    let en = kitchen(&detail, Lang::En).unwrap();
    assert!(en.contains("<dt>Municipality</dt><dd>Unknown (the name written"));
    assert!(!en.contains("unknown municipality"), "{en}");
}

/// The history writes a kitchen's places as its page does.
#[test]
fn a_history_writes_places_as_the_kitchen_page() {
    let row = |municipality: Option<MunicipalityKey>, issue| HistoryRow {
        delivery: "entrega-2016".into(),
        received: None,
        status: KitchenStatus::Operating,
        municipality,
        municipality_name: municipality.map(|_| "Tlacolula de Matamoros".into()),
        municipality_issue: issue,
        locality: None,
        locality_name: None,
        location: None,
        beneficiaries: Shown::Count(12),
    };
    let tlacolula = MunicipalityKey::new("551").ok();
    let page = KitchenHistory {
        key: key(),
        name: "Comedor".into(),
        rows: vec![
            row(tlacolula, None),
            row(None, Some(MunicipalityIssue::Unknown)),
        ],
        threshold: 5,
    };
    let es = kitchen_history(&page, Lang::Es).unwrap();
    for cell in [
        "<td>551 Tlacolula de Matamoros</td>",
        "<td>No indicada</td>",
        "<td>Desconocido (el nombre escrito",
    ] {
        assert!(es.contains(cell), "{cell} missing:\n{es}");
    }
    assert!(!es.contains("<td>551</td>") && !es.contains("No indicado<"));
    let en = kitchen_history(&page, Lang::En).unwrap();
    assert!(en.contains("<td>551 Tlacolula de Matamoros</td>"));
    assert!(en.contains("<td>Unknown (the name written"));
}

/// Codes, dates and keys are never broken at their hyphens on a narrow
/// screen ("2014-12-" / "01", "CA-" / "E001"): their cells keep them whole.
#[test]
fn codes_dates_and_keys_stay_on_one_line() {
    let mut detail = detail_model();
    detail.opened = NaiveDate::from_ymd_opt(2014, 12, 1);
    let html = kitchen(&detail, Lang::En).unwrap();
    assert!(html.contains(".nw,time{white-space:nowrap}"), "the rule");
    assert!(html.contains("<dt>Opening date</dt><dd class=\"nw\">2014-12-01</dd>"));
    assert!(html.contains(&format!("<dt>Key</dt><dd class=\"nw\">{}</dd>", key())));
    assert!(html.contains("<time datetime=\"2016-05-02\">"), "{html}");
    let list = kitchen_list(&list_model(), Lang::Es).unwrap();
    assert!(list.contains(&format!("<tr><td class=\"nw\">{}</td>", key())));
    let scorecard = QualityPage {
        delivery: delivery(),
        items: Vec::new(),
        rules: vec![RuleScore {
            code: "CA-E001".into(),
            summary: Bilingual::default(),
            severity: cocina_model::Severity::Error,
            findings: Some(2),
        }],
        findings: FindingCounts::default(),
        report_url: None,
    };
    let quality = crate::quality(&scorecard, Lang::En).unwrap();
    assert!(quality.contains("<th scope=\"row\" class=\"nw\">CA-E001</th>"));
}
