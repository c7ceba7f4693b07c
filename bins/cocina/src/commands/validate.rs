//! `cocina validate`: every finding, for people (grouped by file and sheet)
//! or for CI (JSON, GitHub annotations, `JUnit`).

mod formats;

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;

use anstyle::{AnsiColor, Style};
use anyhow::{Context, bail};
use cocina_geography::Catalog;
use cocina_geography::reference::Reference;
use cocina_importers::{ImportOptions, ImportedDelivery, IssueKind, ManifestProblem, ReadFailure};
use cocina_model::{Lang, Severity, SourceRef};
use cocina_validation::{CheckedDelivery, Finding, Report, ValidationOptions};

use crate::cli::{Deny, ValidateArgs, ValidateFormat};
use crate::i18n;
use crate::{Outcome, outln};

/// What the formats need besides the report.
pub(crate) struct Run<'a> {
    pub(crate) checked: &'a CheckedDelivery,
    pub(crate) options: &'a ValidationOptions,
    pub(crate) lang: Lang,
    pub(crate) delivery_dir: &'a Path,
    pub(crate) with_reference: bool,
}

pub(crate) fn run(args: &ValidateArgs, lang: Lang, out: &mut String) -> anyhow::Result<Outcome> {
    let mut options = ValidationOptions::discover(&args.delivery, args.config.as_deref())?;
    if args.deny == Some(Deny::Warnings) {
        options.deny_warnings = true;
    }
    let reference = args
        .reference
        .as_deref()
        .map(|dir| {
            Reference::load(dir)
                .with_context(|| i18n::READ_REFERENCE.fill(lang, &[("dir", &dir.display())]))
        })
        .transpose()?;
    let checked = cocina_validation::check_delivery_with_reference(
        &args.delivery,
        &ImportOptions::default(),
        &options,
        Catalog::bundled(),
        reference.as_ref(),
    )
    .with_context(|| i18n::READ_DELIVERY.fill(lang, &[("dir", &args.delivery.display())]))?;
    // This report is the agency's own: files are named as stored, not as
    // published.
    let checked = CheckedDelivery {
        report: checked.internal_report(),
        ..checked
    };
    refuse_unread_files(&checked.delivery, &args.delivery, lang)?;
    let run = Run {
        checked: &checked,
        options: &options,
        lang,
        delivery_dir: &args.delivery,
        with_reference: reference.is_some(),
    };
    match args.format {
        ValidateFormat::Text => print_text(&checked.report, lang, colour_wanted(), out),
        ValidateFormat::Json => formats::json(&run, out)?,
        ValidateFormat::Github => formats::github(&run, out),
        ValidateFormat::Junit => formats::junit(&run, out),
    }
    Ok(if checked.report.is_valid() {
        Outcome::Clean
    } else {
        Outcome::DataErrors
    })
}

/// A file the disk would not give is not a fault of the data: the run is
/// an input/output error (exit 2), not a verdict on the delivery. A file
/// that was read and is broken stays a finding (CA-E004).
fn refuse_unread_files(delivery: &ImportedDelivery, dir: &Path, lang: Lang) -> anyhow::Result<()> {
    let unread = delivery.issues.iter().find(|issue| {
        matches!(
            issue.kind,
            IssueKind::UnreadableFile {
                cause: ReadFailure::Io
            } | IssueKind::InvalidManifest {
                problem: ManifestProblem::Io,
                ..
            }
        )
    });
    if let Some(issue) = unread {
        let path = dir.join(&*issue.source.file);
        bail!(i18n::UNREAD_FILE.fill(lang, &[("path", &path.display())]));
    }
    Ok(())
}

/// Colour only on a terminal, and never when `NO_COLOR` is set to anything
/// but the empty string (no-color.org).
fn colour_wanted() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn paint(text: &str, style: Style, colour: bool) -> String {
    if colour {
        format!("{style}{text}{style:#}")
    } else {
        text.to_owned()
    }
}

fn severity_style(severity: Severity) -> Style {
    let colour = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Notice => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(colour.into())).bold()
}

/// Returns "file, hoja SHEET" for grouping, or the delivery itself.
fn group_of(source: Option<&SourceRef>, lang: Lang) -> String {
    match source {
        Some(s) => match &s.sheet {
            Some(sheet) => format!("{}, {} {sheet}", s.file, i18n::SHEET.get(lang)),
            None => s.file.to_string(),
        },
        None => i18n::THE_DELIVERY.get(lang).to_owned(),
    }
}

/// Returns the cell, or the row as `7:7` as spreadsheets name a row.
fn position(source: &SourceRef) -> String {
    match (source.cell, source.row) {
        (Some(cell), _) => cell.to_string(),
        (None, Some(row)) => format!("{row}:{row}"),
        (None, None) => String::new(),
    }
}

fn print_text(report: &Report, lang: Lang, colour: bool, out: &mut String) {
    let mut by_place: BTreeMap<String, Vec<&Finding>> = BTreeMap::new();
    for finding in &report.findings {
        let group = group_of(finding.source.as_ref(), lang);
        by_place.entry(group).or_default().push(finding);
    }
    let heading = Style::new().bold();
    for (place, findings) in &mut by_place {
        // Within a sheet, in reading order: row by row, left to right.
        findings.sort_by_key(|f| f.source.as_ref().map(|s| (s.row, s.cell.map(|c| c.column))));
        outln!(out, "{}", paint(place, heading, colour));
        for f in findings.iter() {
            let cell = f.source.as_ref().map_or_else(String::new, position);
            let word = format!("{:<11}", i18n::severity(f.severity, lang));
            let word = paint(&word, severity_style(f.severity), colour);
            outln!(out, "  {cell:<8} {word} {}  {}", f.code(), f.message(lang));
        }
    }
    print_summary(report, lang, colour, out);
}

fn print_summary(report: &Report, lang: Lang, colour: bool, out: &mut String) {
    let mut by_rule: BTreeMap<_, (usize, Severity)> = BTreeMap::new();
    for f in &report.findings {
        let entry = by_rule.entry(f.rule).or_insert((0, f.severity));
        entry.0 += 1;
        entry.1 = entry.1.min(f.severity);
    }
    if !by_rule.is_empty() {
        outln!(out);
        outln!(
            out,
            "{}",
            paint(i18n::SUMMARY_BY_RULE.get(lang), Style::new().bold(), colour)
        );
    }
    for (rule, (n, severity)) in &by_rule {
        let info = rule.info();
        let word = format!("{:<11}", i18n::severity(*severity, lang));
        let word = paint(&word, severity_style(*severity), colour);
        outln!(out, "  {} {:<30} {word} {n:>6}", info.code, info.name);
    }
    let counts = [Severity::Error, Severity::Warning, Severity::Notice]
        .map(|severity| i18n::severity_count(severity, lang, report.count(severity)))
        .join(", ");
    let verdict = if report.is_valid() {
        i18n::VALID
    } else {
        i18n::NOT_VALID
    };
    outln!(out);
    outln!(out, "{counts}: {}", verdict.get(lang));
}
