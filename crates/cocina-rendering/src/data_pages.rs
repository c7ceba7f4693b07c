//! The pages about the data itself: the delivery's documents, the
//! open-data downloads, and the delivery's completeness and validation
//! scorecard.

use askama::Template;
use cocina_model::{Lang, Severity};

use crate::RenderError;
use crate::pages::{DeliveryView, Layout, layout};
use crate::routes::Page;
use crate::text::{Labels, findings_note, labels};
use crate::view::{DocumentsPage, DownloadsPage, QualityPage};

/// Writes a size in bytes for people: `980 B`, `14.8 kB`, `2.1 MB`.
fn size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} kB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

struct DocumentView {
    file: String,
    answers: String,
    format: String,
    size: String,
    sha256: String,
}

#[derive(Template)]
#[template(path = "documents.html", whitespace = "minimize")]
struct DocumentsTemplate {
    layout: Layout,
    documents: Vec<DocumentView>,
    delivery: DeliveryView,
}

/// Renders the list of the delivery's files with their fingerprints.
pub fn documents(page: &DocumentsPage, lang: Lang) -> Result<String, RenderError> {
    let t = labels(lang);
    let documents = page
        .documents
        .iter()
        .map(|d| DocumentView {
            file: d.file.clone(),
            answers: d.answers.clone().unwrap_or_else(|| t.not_given.to_owned()),
            format: d.format.clone(),
            size: size(d.bytes),
            sha256: d.sha256.clone(),
        })
        .collect();
    let template = DocumentsTemplate {
        layout: layout(&Page::Documents, lang, t.documents_title),
        documents,
        delivery: DeliveryView::new(&page.delivery),
    };
    Ok(template.render()?)
}

struct DownloadView {
    url: String,
    file: String,
    format: String,
    size: String,
    contents: String,
}

#[derive(Template)]
#[template(path = "downloads.html", whitespace = "minimize")]
struct DownloadsTemplate {
    layout: Layout,
    package_url: String,
    files: Vec<DownloadView>,
    delivery: DeliveryView,
}

/// Renders the list of the open-data package's files.
pub fn downloads(page: &DownloadsPage, lang: Lang) -> Result<String, RenderError> {
    let t = labels(lang);
    let files = page
        .files
        .iter()
        .map(|f| DownloadView {
            url: f.url.clone(),
            file: f.file.clone(),
            format: f.format.clone(),
            size: size(f.bytes),
            contents: f.contents.get(lang).to_owned(),
        })
        .collect();
    let template = DownloadsTemplate {
        layout: layout(&Page::Downloads, lang, t.downloads_title),
        package_url: page.package_url.clone(),
        files,
        delivery: DeliveryView::new(&page.delivery),
    };
    Ok(template.render()?)
}

struct ItemView {
    description: String,
    received: &'static str,
    files: String,
}

struct RuleView {
    code: String,
    summary: String,
    severity: &'static str,
    findings: String,
}

#[derive(Template)]
#[template(path = "quality.html", whitespace = "minimize")]
struct QualityTemplate {
    layout: Layout,
    summary: String,
    items: Vec<ItemView>,
    rules: Vec<RuleView>,
    findings_note: String,
    report_url: Option<String>,
    delivery: DeliveryView,
}

fn severity(severity: Severity, t: &Labels) -> &'static str {
    match severity {
        Severity::Error => t.severity_error,
        Severity::Warning => t.severity_warning,
        Severity::Notice => t.severity_notice,
    }
}

/// Renders what the request asked for and what came, and the validation
/// scorecard: every rule with its number of findings.
pub fn quality(page: &QualityPage, lang: Lang) -> Result<String, RenderError> {
    let t = labels(lang);
    let received = page.items.iter().filter(|i| i.received).count() as u64;
    let items = page
        .items
        .iter()
        .map(|i| ItemView {
            description: i.description.clone(),
            received: if i.received { t.yes } else { t.no },
            files: i.files.join(", "),
        })
        .collect();
    let rules = page
        .rules
        .iter()
        .map(|r| RuleView {
            code: r.code.clone(),
            summary: r.summary.get(lang).to_owned(),
            severity: severity(r.severity, t),
            findings: r
                .findings
                .map_or_else(|| t.not_checked.to_owned(), |n| lang.number(n)),
        })
        .collect();
    let template = QualityTemplate {
        layout: layout(&Page::Quality, lang, t.quality_title),
        summary: t
            .completeness_summary
            .fill(lang, received, page.items.len() as u64),
        items,
        rules,
        findings_note: findings_note(t, page.findings.errors, page.findings.warnings),
        report_url: page.report_url.clone(),
        delivery: DeliveryView::new(&page.delivery),
    };
    Ok(template.render()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(980), "980 B");
        assert_eq!(size(14_775), "14.8 kB");
        assert_eq!(size(2_100_000), "2.1 MB");
    }
}
