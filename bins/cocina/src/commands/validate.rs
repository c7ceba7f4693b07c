//! `cocina validate`: every finding, grouped by file and sheet.

use crate::outln;
use std::collections::BTreeMap;

use cocina_model::{Lang, Severity};
use cocina_validation::{Finding, Report};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{Format, ValidateArgs};

pub(crate) fn run(args: &ValidateArgs, out: &mut String) -> anyhow::Result<Outcome> {
    let checked = super::check(&args.delivery)?;
    let report = &checked.report;
    match args.format {
        Format::Json => outln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json_report(report, args.lang))?
        ),
        Format::Text => print_text(report, args.lang, out),
    }
    Ok(if report.is_valid() {
        Outcome::Clean
    } else {
        Outcome::DataErrors
    })
}

fn print_text(report: &Report, lang: Lang, out: &mut String) {
    let mut by_place: BTreeMap<String, Vec<&Finding>> = BTreeMap::new();
    for finding in &report.findings {
        let place = finding
            .source
            .as_ref()
            .map_or_else(String::new, |s| match &s.sheet {
                Some(sheet) => format!("{}, {} {sheet}", s.file, lang.pick("hoja", "sheet")),
                None => s.file.to_string(),
            });
        by_place.entry(place).or_default().push(finding);
    }
    for (place, findings) in &mut by_place {
        // Within a sheet, in reading order: row by row, left to right.
        findings.sort_by_key(|f| f.source.as_ref().map(|s| (s.row, s.cell.map(|c| c.column))));
        outln!(out, "{place}");
        for f in findings {
            let cell = f.source.as_ref().map_or_else(String::new, position);
            outln!(
                out,
                "  {cell:<8} {:<7} {}  {}",
                f.severity,
                f.code(),
                f.message(lang)
            );
        }
    }
    print_summary(report, lang, out);
}

fn position(source: &cocina_model::SourceRef) -> String {
    match (source.cell, source.row) {
        (Some(cell), _) => cell.to_string(),
        (None, Some(row)) => format!("{row}:{row}"),
        (None, None) => String::new(),
    }
}

fn print_summary(report: &Report, lang: Lang, out: &mut String) {
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &report.findings {
        *by_rule.entry(f.code()).or_default() += 1;
    }
    outln!(out);
    for (code, n) in &by_rule {
        outln!(out, "{code}: {n}");
    }
    let [errors, warnings, notices] =
        [Severity::Error, Severity::Warning, Severity::Notice].map(|s| report.count(s));
    match lang {
        Lang::Es => outln!(
            out,
            "{errors} errores, {warnings} advertencias, {notices} avisos"
        ),
        Lang::En => outln!(
            out,
            "{errors} errors, {warnings} warnings, {notices} notices"
        ),
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    valid: bool,
    errors: usize,
    warnings: usize,
    notices: usize,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    severity: Severity,
    file: Option<&'a str>,
    sheet: Option<&'a str>,
    cell: Option<String>,
    row: Option<u32>,
    kitchen: Option<&'a str>,
    message: String,
}

fn json_report(report: &Report, lang: Lang) -> JsonReport<'_> {
    let findings = report
        .findings
        .iter()
        .map(|f| JsonFinding {
            code: f.code(),
            severity: f.severity,
            file: f.source.as_ref().map(|s| &*s.file),
            sheet: f.source.as_ref().and_then(|s| s.sheet.as_deref()),
            cell: f
                .source
                .as_ref()
                .and_then(|s| s.cell)
                .map(|c| c.to_string()),
            row: f.source.as_ref().and_then(|s| s.row),
            kitchen: f.kitchen.as_ref().map(cocina_model::KitchenKey::as_str),
            message: f.message(lang),
        })
        .collect();
    JsonReport {
        valid: report.is_valid(),
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        notices: report.count(Severity::Notice),
        findings,
    }
}
