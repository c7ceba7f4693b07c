//! The pages of one municipality and of one region.

use askama::Template;
use cocina_model::{Lang, MunicipalityKey};

use crate::RenderError;
use crate::collate::by_name;
use crate::map::BaseMap;
use crate::pages::{
    DeliveryView, KitchenRowView, Layout, TableView, Target, figure, layout, status_rows,
};
use crate::routes::{Page, slug};
use crate::text::labels;
use crate::view::{MapPoint, MunicipalityDetail, RegionDetail};

/// The most an area page's map may weigh before the coarser overview
/// boundaries are used instead.
const AREA_MAP_BUDGET: usize = 40_000;

/// Draws an area's map finely when that stays light, coarsely otherwise.
fn area_map(keys: &[MunicipalityKey], points: &[MapPoint], lang: Lang) -> Option<String> {
    let fine = BaseMap::locator().area_svg(keys, points, lang)?;
    if fine.len() <= AREA_MAP_BUDGET {
        return Some(fine);
    }
    BaseMap::overview()
        .area_svg(keys, points, lang)
        .or(Some(fine))
}

#[derive(Template)]
#[template(path = "municipality.html", whitespace = "minimize")]
struct MunicipalityTemplate {
    layout: Layout,
    name: String,
    facts: Vec<(&'static str, String)>,
    region_link: Option<(String, String)>,
    map_svg: Option<String>,
    map_caption: String,
    statuses: Vec<(&'static str, String)>,
    total_kitchens: String,
    table: TableView,
    rows: Vec<KitchenRowView>,
    delivery: DeliveryView,
}

/// Renders one municipality's page: its figures, its map with its
/// kitchens, and the list of its kitchens.
pub fn municipality(
    page: &MunicipalityDetail,
    to: impl Into<Target>,
) -> Result<String, RenderError> {
    let to = to.into();
    let lang = to.lang;
    let t = labels(lang);
    let title = format!("{} {}", page.key, page.name);
    let mut facts = vec![(t.key_col, page.key.to_string())];
    facts.extend(page.district.clone().map(|d| (t.district, d)));
    facts.extend(page.region.clone().map(|r| (t.region, r)));
    let total: u64 = page.kitchens_by_status.iter().map(|s| s.kitchens).sum();
    let template = MunicipalityTemplate {
        layout: layout(&Page::Municipality(page.key), to, &title),
        name: page.name.clone(),
        facts,
        region_link: page
            .region
            .as_ref()
            .map(|r| (Page::Region(slug(r)).url(lang), r.clone())),
        map_svg: area_map(&[page.key], &page.points, lang),
        map_caption: t.area_map_caption.replace("{name}", &page.name),
        statuses: status_rows(&page.kitchens_by_status, lang),
        total_kitchens: lang.number(total),
        table: TableView::new(&page.beneficiaries, t.beneficiaries_caption, lang),
        rows: page
            .kitchens
            .iter()
            .map(|k| KitchenRowView::new(k, lang))
            .collect(),
        delivery: DeliveryView::new(&page.delivery),
    };
    Ok(template.render()?)
}

struct MemberView {
    key: MunicipalityKey,
    url: String,
    name: String,
    kitchens: String,
    beneficiaries: String,
}

#[derive(Template)]
#[template(path = "region.html", whitespace = "minimize")]
struct RegionTemplate {
    layout: Layout,
    name: String,
    map_svg: Option<String>,
    map_caption: String,
    statuses: Vec<(&'static str, String)>,
    total_kitchens: String,
    table: TableView,
    members: Vec<MemberView>,
    /// Why the table of municipalities shows suppressed totals.
    totals_note: String,
    delivery: DeliveryView,
}

/// Renders one region's page: its figures, its map and its municipalities.
pub fn region(page: &RegionDetail, to: impl Into<Target>) -> Result<String, RenderError> {
    let to = to.into();
    let lang = to.lang;
    let t = labels(lang);
    let title = format!("{} {}", t.region_title, page.name);
    let total: u64 = page.kitchens_by_status.iter().map(|s| s.kitchens).sum();
    // In Spanish alphabetical order of their names, each with its key.
    let members = by_name(&page.municipalities, |m| (&m.name, m.key))
        .into_iter()
        .map(|m| MemberView {
            key: m.key,
            url: Page::Municipality(m.key).url(lang),
            name: m.name.clone(),
            kitchens: lang.number(m.kitchens),
            beneficiaries: figure(m.beneficiaries, page.beneficiaries.threshold(), lang),
        })
        .collect();
    let template = RegionTemplate {
        layout: layout(&Page::Region(slug(&page.name)), to, &title),
        name: page.name.clone(),
        map_svg: area_map(&page.members, &page.points, lang),
        map_caption: t.area_map_caption.replace("{name}", &page.name),
        statuses: status_rows(&page.kitchens_by_status, lang),
        total_kitchens: lang.number(total),
        table: TableView::new(&page.beneficiaries, t.beneficiaries_caption, lang),
        totals_note: crate::pages::totals_note(
            &page
                .municipalities
                .iter()
                .map(|m| m.beneficiaries)
                .collect::<Vec<_>>(),
            page.beneficiaries.threshold(),
            lang,
        ),
        members,
        delivery: DeliveryView::new(&page.delivery),
    };
    Ok(template.render()?)
}
