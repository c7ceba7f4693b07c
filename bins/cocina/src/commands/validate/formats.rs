//! Reports for programs and CI: the JSON report, GitHub workflow
//! annotations and `JUnit` XML. Their shapes are documented in docs/ci.md;
//! a change to them is a change for every CI that reads them.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use cocina_model::{Severity, SourceRef};
use cocina_validation::{Finding, RULES, Rule, place};
use quick_xml::escape::escape;
use serde::Serialize;

use super::Run;
use crate::i18n::{self, n};
use crate::outln;

/// Version of the JSON report's shape; raised only when a field changes
/// meaning or goes away (new fields may appear within a version).
const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    delivery: &'a str,
    lang: &'static str,
    valid: bool,
    deny_warnings: bool,
    counts: Counts,
    rules: Vec<JsonRule>,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct Counts {
    error: usize,
    warning: usize,
    notice: usize,
}

#[derive(Serialize)]
struct JsonRule {
    code: &'static str,
    name: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    rule: &'static str,
    severity: Severity,
    position: Option<JsonPosition<'a>>,
    kitchen: Option<&'a str>,
    message: String,
}

#[derive(Serialize)]
struct JsonPosition<'a> {
    file: &'a str,
    sheet: Option<&'a str>,
    cell: Option<String>,
    row: Option<u32>,
}

pub(super) fn json(run: &Run<'_>, out: &mut String) -> anyhow::Result<()> {
    let report = &run.checked.report;
    let findings = report
        .findings
        .iter()
        .map(|f| JsonFinding {
            code: f.code(),
            rule: f.rule.info().name,
            severity: f.severity,
            position: f.source.as_ref().map(|s| JsonPosition {
                file: &s.file,
                sheet: s.sheet.as_deref(),
                cell: s.cell.map(|c| c.to_string()),
                row: s.row,
            }),
            kitchen: f.kitchen.as_ref().map(cocina_model::KitchenKey::as_str),
            message: f.message(run.lang),
        })
        .collect();
    let rules = by_rule(&report.findings)
        .into_iter()
        .map(|(rule, findings)| JsonRule {
            code: rule.info().code,
            name: rule.info().name,
            count: findings.len(),
        })
        .collect();
    let json = JsonReport {
        version: JSON_VERSION,
        delivery: &run.checked.delivery.delivery.id,
        lang: run.lang.tag(),
        valid: report.is_valid(),
        deny_warnings: report.deny_warnings,
        counts: Counts {
            error: report.count(Severity::Error),
            warning: report.count(Severity::Warning),
            notice: report.count(Severity::Notice),
        },
        rules,
        findings,
    };
    outln!(out, "{}", serde_json::to_string_pretty(&json)?);
    Ok(())
}

fn by_rule(findings: &[Finding]) -> BTreeMap<Rule, Vec<&Finding>> {
    let mut groups: BTreeMap<Rule, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        groups.entry(f.rule).or_default().push(f);
    }
    groups
}

/// One GitHub Actions workflow command per finding. The file is given as
/// the delivery directory plus the file name, so that the annotation lands
/// on the file in the repository; line numbers are given for CSV files
/// only, where a row is a line.
pub(super) fn github(run: &Run<'_>, out: &mut String) {
    let report = &run.checked.report;
    for f in &report.findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        };
        let mut properties = Vec::new();
        if let Some(source) = &f.source {
            let path = run.delivery_dir.join(&*source.file);
            properties.push(format!("file={}", escape_property(&path.to_string_lossy())));
            if let Some(line) = csv_line(source) {
                properties.push(format!("line={line}"));
            }
        }
        let title = format!("{} {}", f.code(), f.rule.info().name);
        properties.push(format!("title={}", escape_property(&title)));
        let at = f
            .source
            .as_ref()
            .map(|s| format!("{}: ", place(s, run.lang)))
            .unwrap_or_default();
        let message = escape_data(&format!("{at}{}", f.message(run.lang)));
        outln!(out, "::{command} {}::{message}", properties.join(","));
    }
    let counts = [Severity::Error, Severity::Warning, Severity::Notice]
        .map(|severity| i18n::severity_count(severity, run.lang, report.count(severity)))
        .join(", ");
    let verdict = if report.is_valid() {
        i18n::VALID
    } else {
        i18n::NOT_VALID
    };
    outln!(out, "cocina validate: {counts}: {}", verdict.get(run.lang));
}

fn csv_line(source: &SourceRef) -> Option<u32> {
    let is_csv = std::path::Path::new(&*source.file)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv { source.row } else { None }
}

/// Escapes a workflow command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// `JUnit` XML with one test case per rule: a rule fails when one of its
/// findings makes the delivery invalid; its other findings go to the test
/// case's output. Rules turned off, or needing reference data that was not
/// given, are skipped.
pub(super) fn junit(run: &Run<'_>, out: &mut String) {
    let report = &run.checked.report;
    let groups = by_rule(&report.findings);
    let mut cases = String::new();
    let (mut failures, mut skipped) = (0, 0);
    for info in RULES {
        let name = escape(format!("{} {}", info.code, info.name)).into_owned();
        let _ = write!(
            cases,
            "    <testcase classname=\"cocina.validate\" name=\"{name}\">"
        );
        let findings = groups.get(&info.rule).map_or(&[][..], Vec::as_slice);
        if let Some(why) = skipped_because(run, info.rule) {
            skipped += 1;
            let _ = write!(cases, "<skipped message=\"{why}\"/>");
        } else if findings.iter().any(|f| report.fails(f.severity)) {
            failures += 1;
            let count = i18n::FINDINGS.count(run.lang, n(findings.len()));
            let _ = write!(
                cases,
                "\n      <failure type=\"{}\" message=\"{count}\">{}</failure>\n    ",
                info.code,
                escape(lines(run, findings))
            );
        } else if !findings.is_empty() {
            let _ = write!(
                cases,
                "\n      <system-out>{}</system-out>\n    ",
                escape(lines(run, findings))
            );
        }
        cases.push_str("</testcase>\n");
    }
    let suite = escape(run.checked.delivery.delivery.id.as_str()).into_owned();
    let tests = RULES.len();
    outln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    outln!(
        out,
        "<testsuites name=\"cocina validate\" tests=\"{tests}\" failures=\"{failures}\" \
         skipped=\"{skipped}\">"
    );
    outln!(
        out,
        "  <testsuite name=\"{suite}\" tests=\"{tests}\" failures=\"{failures}\" \
         errors=\"0\" skipped=\"{skipped}\">"
    );
    out.push_str(&cases);
    outln!(out, "  </testsuite>");
    outln!(out, "</testsuites>");
}

fn skipped_because(run: &Run<'_>, rule: Rule) -> Option<&'static str> {
    if run.options.severity_of(rule).is_none() {
        return Some(i18n::RULE_OFF.get(run.lang));
    }
    let needs_reference = matches!(rule, Rule::LowMarginalization | Rule::AbovePopulation);
    (needs_reference && !run.with_reference).then_some(i18n::NEEDS_REFERENCE.get(run.lang))
}

/// One line per finding: severity, place and message.
fn lines(run: &Run<'_>, findings: &[&Finding]) -> String {
    let mut text = String::new();
    for f in findings {
        let at = f
            .source
            .as_ref()
            .map(|s| place(s, run.lang))
            .unwrap_or_default();
        let _ = writeln!(
            text,
            "{} {at}: {}",
            i18n::severity(f.severity, run.lang),
            f.message(run.lang)
        );
    }
    text
}
