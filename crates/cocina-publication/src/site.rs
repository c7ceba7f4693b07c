//! The static site: the portal's public pages, rendered by
//! `cocina-rendering` from view models filled here, written as files at
//! the paths of their addresses (`/cocinas/OAX-0001` becomes
//! `cocinas/OAX-0001/index.html`), so that any web host serves them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use cocina_model::{KitchenStatus, Lang, MunicipalityKey};
use cocina_rendering::routes::API_KITCHENS;
use cocina_rendering::view::{
    DeliveriesPage, DeliveryInfo, DeliveryRow, DocumentRow, DocumentsPage, DownloadRow,
    DownloadsPage, FindingCounts, KitchenDetail, KitchenList, KitchenRow, MapPoint,
    MunicipalityDetail, MunicipalityFigures, Overview, QualityPage, RegionDetail, RegionFigures,
    RequestedRow, StatusCount, UnplacedFigures,
};
use cocina_rendering::{ListFilter, Page, RenderError, Scope, Shown, Target};
use rayon::prelude::*;

use crate::PublishError;
use crate::aggregate::{AreaLevel, LevelFigures};
use crate::package::{DESCRIPTOR, PackageFile, REPORT};
use crate::public::{PublicKitchen, Publication};
use crate::tables::format_of;

/// The directory of the package within the site, and its address.
pub const DATA_DIR: &str = cocina_rendering::routes::DATA_DIR;

/// What writing the site did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SiteSummary {
    /// Pages written, both languages counted.
    pub pages: usize,
    /// Kitchens whose key cannot be a file name (it holds a slash or is
    /// only dots): they are in the lists and the data, without a page.
    pub kitchens_without_page: usize,
}

/// Renders every page in both languages into `root`.
pub fn write(
    publication: &Publication,
    files: &[PackageFile],
    root: &Path,
) -> Result<SiteSummary, PublishError> {
    let mut summary = write_pages(publication, root)?;
    write_package_pages(publication, files, root, &mut summary)?;
    Ok(summary)
}

/// Renders every page that does not depend on the package's files, in
/// both languages, on every core: so it can run while the package is
/// written. [`write_package_pages`] completes the site.
pub fn write_pages(publication: &Publication, root: &Path) -> Result<SiteSummary, PublishError> {
    let delivery = delivery_info(publication);
    let municipalities = municipalities(publication, &delivery);
    let regions = regions(publication, &delivery);
    let mut jobs = Vec::new();
    for lang in Lang::ALL {
        jobs.extend(
            [
                Job::Overview,
                Job::KitchenList,
                Job::Documents,
                Job::Quality,
                Job::Deliveries,
            ]
            .map(|j| (j, lang)),
        );
        jobs.extend(publication.kitchens.iter().map(|k| (Job::Kitchen(k), lang)));
        jobs.extend(municipalities.iter().map(|m| (Job::Municipality(m), lang)));
        jobs.extend(regions.iter().map(|r| (Job::Region(r), lang)));
    }
    let mut summary = jobs
        .par_iter()
        .map(|(job, lang)| {
            let mut site = Writer {
                root,
                summary: SiteSummary::default(),
            };
            let (page, html) = job.render(publication, &delivery, *lang);
            site.page(&page, *lang, html)?;
            Ok::<_, PublishError>(site.summary)
        })
        .try_reduce(SiteSummary::default, |a, b| {
            Ok(SiteSummary {
                pages: a.pages + b.pages,
                kitchens_without_page: a.kitchens_without_page + b.kitchens_without_page,
            })
        })?;
    summary.kitchens_without_page /= 2;
    let site = Writer { root, summary };
    for lang in Lang::ALL {
        site.file(
            &not_found_file(lang),
            cocina_rendering::not_found(Target::site(lang))?.as_bytes(),
        )?;
    }
    Ok(site.summary)
}

/// Returns where the 404 page of `lang` is written: `404.html` at the
/// root of its language, so a host that takes one per directory answers
/// a missing English address in English.
fn not_found_file(lang: Lang) -> PathBuf {
    let overview = file_of(&Page::Overview.url(lang)).unwrap_or_default();
    overview.with_file_name("404.html")
}

/// Writes what links to the package once it is written: the downloads
/// page in both languages, and the kitchens' GeoJSON at the portal's
/// address, which every page's menu links to.
pub fn write_package_pages(
    publication: &Publication,
    files: &[PackageFile],
    root: &Path,
    summary: &mut SiteSummary,
) -> Result<(), PublishError> {
    let mut site = Writer {
        root,
        summary: *summary,
    };
    let delivery = delivery_info(publication);
    for lang in Lang::ALL {
        let page = cocina_rendering::downloads(&downloads(files, &delivery), lang);
        site.page(&Page::Downloads, lang, page)?;
    }
    // The portal's GeoJSON address, which every page's menu links to, in
    // the portal's own form.
    let bytes = crate::public::kitchen_collection(&publication.kitchens).to_string();
    site.file(
        Path::new(API_KITCHENS.trim_start_matches('/')),
        bytes.as_bytes(),
    )?;
    *summary = site.summary;
    Ok(())
}

/// One page of the site, in some language.
enum Job<'a> {
    Overview,
    KitchenList,
    Documents,
    Quality,
    Deliveries,
    Kitchen(&'a PublicKitchen),
    Municipality(&'a MunicipalityDetail),
    Region(&'a RegionDetail),
}

impl Job<'_> {
    fn render(
        &self,
        p: &Publication,
        delivery: &DeliveryInfo,
        lang: Lang,
    ) -> (Page, Result<String, RenderError>) {
        match self {
            Job::Overview => (
                Page::Overview,
                cocina_rendering::overview(&overview(p), Target::site(lang)),
            ),
            Job::KitchenList => (
                Page::KitchenList(ListFilter::default()),
                cocina_rendering::kitchen_list(&kitchen_list(p), Target::site(lang)),
            ),
            Job::Documents => (
                Page::Documents,
                cocina_rendering::documents(&documents(p, delivery), Target::site(lang)),
            ),
            Job::Quality => (
                Page::Quality,
                cocina_rendering::quality(&quality(p, delivery), lang),
            ),
            Job::Deliveries => (
                Page::Deliveries,
                cocina_rendering::deliveries_in(&deliveries(p, delivery), Scope::Site, lang),
            ),
            Job::Kitchen(kitchen) => {
                let detail = kitchen_detail(p, kitchen, delivery);
                (
                    Page::Kitchen(kitchen.key.clone()),
                    cocina_rendering::kitchen(&detail, Target::site(lang)),
                )
            }
            Job::Municipality(detail) => (
                Page::Municipality(detail.key),
                cocina_rendering::municipality(detail, Target::site(lang)),
            ),
            Job::Region(detail) => (
                Page::Region(cocina_rendering::routes::slug(&detail.name)),
                cocina_rendering::region(detail, Target::site(lang)),
            ),
        }
    }
}

struct Writer<'a> {
    root: &'a Path,
    summary: SiteSummary,
}

impl Writer<'_> {
    fn page(
        &mut self,
        page: &Page,
        lang: Lang,
        html: Result<String, RenderError>,
    ) -> Result<(), PublishError> {
        let html = html?;
        let Some(path) = file_of(&page.url(lang)) else {
            self.summary.kitchens_without_page += 1;
            tracing::warn!("a kitchen key cannot be a file name; its page is left out");
            return Ok(());
        };
        self.file(&path, html.as_bytes())?;
        self.summary.pages += 1;
        Ok(())
    }

    fn file(&self, relative: &Path, bytes: &[u8]) -> Result<(), PublishError> {
        let path = self.root.join(relative);
        let write = || {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&path, bytes)
        };
        write().map_err(|source| PublishError::Write {
            path: path.clone(),
            source,
        })
    }
}

/// Returns the file a page's address is served from: the decoded path with
/// `index.html` appended. `None` when a decoded segment would leave its
/// directory (`..`, a slash inside a key).
fn file_of(url: &str) -> Option<PathBuf> {
    let mut path = PathBuf::new();
    for segment in url.split('/').filter(|s| !s.is_empty()) {
        let decoded = percent_encoding::percent_decode_str(segment)
            .decode_utf8()
            .ok()?;
        if decoded.contains(['/', '\\']) || decoded.chars().all(|c| c == '.') {
            return None;
        }
        path.push(decoded.as_ref());
    }
    path.push("index.html");
    Some(path)
}

fn delivery_info(p: &Publication) -> DeliveryInfo {
    DeliveryInfo {
        id: p.delivery.id.clone(),
        received: p.delivery.received,
        request: p.delivery.request.clone(),
    }
}

fn status_counts(level: &LevelFigures, area: Option<&str>) -> Vec<StatusCount> {
    KitchenStatus::ALL
        .into_iter()
        .map(|status| StatusCount {
            status,
            kitchens: level.kitchens(area, status),
        })
        .collect()
}

fn kitchens_in(level: &LevelFigures, area: Option<&str>) -> u64 {
    KitchenStatus::ALL
        .iter()
        .map(|s| level.kitchens(area, *s))
        .sum()
}

fn point(kitchen: &PublicKitchen) -> Option<MapPoint> {
    Some(MapPoint {
        key: kitchen.key.clone(),
        name: kitchen.name.clone(),
        location: kitchen.location?,
    })
}

fn municipality_figures(
    p: &Publication,
    keys: &BTreeSet<MunicipalityKey>,
) -> Vec<MunicipalityFigures> {
    let level = p.aggregates.level(AreaLevel::Municipality);
    p.municipalities
        .iter()
        .filter(|m| keys.contains(&m.key))
        .map(|m| MunicipalityFigures {
            key: m.key,
            name: m.name.clone(),
            kitchens: kitchens_in(level, Some(m.key.as_str())),
            beneficiaries: level.total(Some(m.key.as_str())),
        })
        .collect()
}

/// Municipalities with at least one kitchen.
fn with_kitchens(p: &Publication) -> BTreeSet<MunicipalityKey> {
    p.kitchens.iter().filter_map(|k| k.municipality).collect()
}

fn overview(p: &Publication) -> Overview {
    let state = p.aggregates.level(AreaLevel::State);
    let municipal = p.aggregates.level(AreaLevel::Municipality);
    let by_kitchen = p.aggregates.level(AreaLevel::Kitchen);
    let unlisted = by_kitchen.total(None);
    let unplaced = municipal.total(None);
    let findings = finding_counts(p);
    Overview {
        delivery: Some(delivery_info(p)),
        kitchens_by_status: status_counts(state, None),
        beneficiaries: state.table(None, p.aggregates.threshold),
        municipalities: municipality_figures(p, &with_kitchens(p)),
        points: p.kitchens.iter().filter_map(point).collect(),
        unplaced: UnplacedFigures {
            kitchens: kitchens_in(municipal, None),
            beneficiaries: unplaced_people(unplaced, unlisted),
            unlisted_beneficiaries: unlisted,
        },
        findings,
        regions: region_figures(p),
    }
}

/// People at kitchens without a valid municipality: those no
/// municipality holds, less those at kitchens not in the list. Either
/// figure suppressed, the difference is too.
fn unplaced_people(no_municipality: Shown, unlisted: Shown) -> Shown {
    match (no_municipality, unlisted) {
        (Shown::Count(all), Shown::Count(unlisted)) => Shown::Count(all.saturating_sub(unlisted)),
        (Shown::Suppressed(reason), _) | (_, Shown::Suppressed(reason)) => {
            Shown::Suppressed(reason)
        }
    }
}

fn finding_counts(p: &Publication) -> FindingCounts {
    let count = |s| p.findings_where(|f| f.severity == s);
    FindingCounts {
        errors: count(cocina_model::Severity::Error),
        warnings: count(cocina_model::Severity::Warning),
    }
}

/// The municipalities with kitchens of each region.
fn region_members(p: &Publication) -> BTreeMap<String, BTreeSet<MunicipalityKey>> {
    let mut regions: BTreeMap<String, BTreeSet<MunicipalityKey>> = BTreeMap::new();
    for kitchen in &p.kitchens {
        if let (Some(key), Some((region, _))) = (kitchen.municipality, &kitchen.place) {
            regions.entry(region.clone()).or_default().insert(key);
        }
    }
    regions
}

fn region_figures(p: &Publication) -> Vec<RegionFigures> {
    let level = p.aggregates.level(AreaLevel::Region);
    region_members(p)
        .into_iter()
        .map(|(name, members)| RegionFigures {
            municipalities: members.len() as u64,
            kitchens: kitchens_in(level, Some(&name)),
            beneficiaries: level.total(Some(&name)),
            name,
        })
        .collect()
}

fn kitchen_row(kitchen: &PublicKitchen) -> KitchenRow {
    KitchenRow {
        key: kitchen.key.clone(),
        name: kitchen.name.clone(),
        municipality: kitchen.municipality,
        municipality_name: kitchen.municipality_name.clone(),
        municipality_issue: kitchen.municipality_issue,
        status: kitchen.status,
    }
}

/// The whole list on one page: a static host cannot answer the list's
/// filter or its page numbers, so no municipality is offered to filter by
/// (the form is left out) and every kitchen is on the page.
fn kitchen_list(p: &Publication) -> KitchenList {
    let total = p.kitchens.len() as u64;
    KitchenList {
        filter: ListFilter::default(),
        kitchens: p.kitchens.iter().map(kitchen_row).collect(),
        matching: total,
        total,
        municipalities: Vec::new(),
        notices: Vec::new(),
    }
}

/// The list of deliveries of a site, which holds one.
fn deliveries(p: &Publication, delivery: &DeliveryInfo) -> DeliveriesPage {
    let state = p.aggregates.level(AreaLevel::State).total(None);
    DeliveriesPage {
        deliveries: vec![DeliveryRow {
            delivery: delivery.clone(),
            kitchens: p.kitchens.len() as u64,
            beneficiaries: match state {
                Shown::Count(n) => Some(n),
                Shown::Suppressed(_) => None,
            },
            findings: finding_counts(p),
            shown: false,
        }],
    }
}

fn kitchen_detail(p: &Publication, k: &PublicKitchen, delivery: &DeliveryInfo) -> KitchenDetail {
    let level = p.aggregates.level(AreaLevel::Kitchen);
    KitchenDetail {
        key: k.key.clone(),
        name: k.name.clone(),
        municipality: k.municipality,
        municipality_name: k.municipality_name.clone(),
        municipality_issue: k.municipality_issue,
        locality: k.locality,
        locality_name: k.locality_name.clone(),
        status: k.status,
        location: k.location,
        capacity: k.capacity,
        opened: k.opened,
        closed: k.closed,
        beneficiaries: level.table(Some(k.key.as_str()), p.aggregates.threshold),
        delivery: delivery.clone(),
        has_history: false,
    }
}

fn municipalities(p: &Publication, delivery: &DeliveryInfo) -> Vec<MunicipalityDetail> {
    let level = p.aggregates.level(AreaLevel::Municipality);
    let keys = with_kitchens(p);
    p.municipalities
        .iter()
        .filter(|m| keys.contains(&m.key))
        .map(|m| {
            let area = Some(m.key.as_str());
            let mine: Vec<&PublicKitchen> = p
                .kitchens
                .iter()
                .filter(|k| k.municipality == Some(m.key))
                .collect();
            MunicipalityDetail {
                key: m.key,
                name: m.name.clone(),
                district: m.place.as_ref().map(|(_, d)| d.clone()),
                region: m.place.as_ref().map(|(r, _)| r.clone()),
                kitchens_by_status: status_counts(level, area),
                beneficiaries: level.table(area, p.aggregates.threshold),
                kitchens: mine.iter().map(|k| kitchen_row(k)).collect(),
                points: mine.iter().filter_map(|k| point(k)).collect(),
                delivery: delivery.clone(),
            }
        })
        .collect()
}

fn regions(p: &Publication, delivery: &DeliveryInfo) -> Vec<RegionDetail> {
    let level = p.aggregates.level(AreaLevel::Region);
    region_members(p)
        .into_iter()
        .map(|(name, with)| {
            let area = Some(name.as_str());
            let members = p
                .municipalities
                .iter()
                .filter(|m| m.place.as_ref().is_some_and(|(r, _)| *r == name))
                .map(|m| m.key)
                .collect();
            RegionDetail {
                members,
                kitchens_by_status: status_counts(level, area),
                beneficiaries: level.table(area, p.aggregates.threshold),
                municipalities: municipality_figures(p, &with),
                points: p
                    .kitchens
                    .iter()
                    .filter(|k| k.place.as_ref().is_some_and(|(r, _)| *r == name))
                    .filter_map(point)
                    .collect(),
                delivery: delivery.clone(),
                name,
            }
        })
        .collect()
}

fn documents(p: &Publication, delivery: &DeliveryInfo) -> DocumentsPage {
    DocumentsPage {
        delivery: delivery.clone(),
        documents: p
            .documents
            .iter()
            .map(|d| DocumentRow {
                file: d.file.clone(),
                answers: d.answers.clone(),
                format: format_of(&d.file),
                bytes: d.bytes,
                sha256: d.sha256.clone(),
            })
            .collect(),
    }
}

fn downloads(files: &[PackageFile], delivery: &DeliveryInfo) -> DownloadsPage {
    DownloadsPage {
        delivery: delivery.clone(),
        package_url: format!("/{DATA_DIR}/{DESCRIPTOR}"),
        files: files
            .iter()
            .map(|f| DownloadRow {
                url: format!("/{DATA_DIR}/{}", f.file),
                file: f.file.clone(),
                format: f.format.clone(),
                bytes: f.bytes,
                contents: f.contents.clone(),
            })
            .collect(),
    }
}

fn quality(p: &Publication, delivery: &DeliveryInfo) -> QualityPage {
    let rules = crate::public::rule_scores(p.has_reference, |info| {
        p.findings_where(|f| f.rule == info.rule)
    });
    QualityPage {
        delivery: delivery.clone(),
        items: p
            .items
            .iter()
            .map(|i| RequestedRow {
                description: i.description.clone(),
                received: i.received,
                files: i.files.clone(),
            })
            .collect(),
        rules,
        findings: finding_counts(p),
        report_url: Some(format!("/{DATA_DIR}/{REPORT}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_become_index_files() {
        assert_eq!(file_of("/").unwrap(), Path::new("index.html"));
        assert_eq!(
            file_of("/en/kitchens/OAX%20001").unwrap(),
            Path::new("en/kitchens/OAX 001/index.html")
        );
        assert!(file_of("/cocinas/A%2FB").is_none());
        assert!(file_of("/cocinas/%2E%2E").is_none());
    }

    #[test]
    fn each_language_has_its_404_page() {
        assert_eq!(not_found_file(Lang::Es), Path::new("404.html"));
        assert_eq!(not_found_file(Lang::En), Path::new("en/404.html"));
    }
}
