//! `cocina import`: read a delivery, summarise it with every import issue and
//! its cell, and with `--out` write its canonical form, each person written
//! as soon as read. A spinner counts the people read when standard error is
//! a terminal.
//!
//! The canonical form is INTERNAL: it holds personal data. The summary says
//! so whenever files are written.
//!
//! The exit code is 1 when the import itself found errors (cells or files
//! that cannot be read, invalid CURPs), with or without `--out` and
//! `--into`, which are written all the same: what was read is kept, and the
//! code tells a script to look. Validation findings do not change it.

use std::collections::{BTreeMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use cocina_importers::{
    CanonicalWriter, ImportIssue, ImportOptions, ImportedDelivery, RecordSink, import_delivery_into,
};
use cocina_model::{Beneficiary, Lang, Severity};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::cli::{Format, ImportArgs};
use crate::i18n::{self, n};
use crate::{Outcome, outln};

#[derive(Serialize)]
struct Summary {
    delivery: String,
    /// Rows of the kitchens list, a key listed twice counted twice.
    kitchens: usize,
    /// Distinct kitchen keys: the kitchens a portal stores.
    kitchen_keys: usize,
    beneficiaries: usize,
    beneficiary_counts: usize,
    /// Issues by severity.
    totals: BTreeMap<String, usize>,
    /// Issues by code.
    codes: BTreeMap<String, usize>,
    issues: Vec<IssueLine>,
    #[serde(skip_serializing_if = "Option::is_none")]
    written: Option<Written>,
}

/// One import issue, located.
#[derive(Serialize)]
struct IssueLine {
    code: String,
    severity: Severity,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    file: String,
    sheet: Option<String>,
    /// A1 reference, or the row when the issue is about a whole row.
    cell: Option<String>,
}

/// Where the canonical form went.
#[derive(Serialize)]
struct Written {
    dir: PathBuf,
    files: Vec<PathBuf>,
    notice: &'static str,
}

pub(crate) fn run(args: &ImportArgs, lang: Lang, out: &mut String) -> anyhow::Result<Outcome> {
    if let Some(dir) = &args.out {
        refuse_delivery_dir(&args.delivery, dir, lang)?;
    }
    let progress = Progress::start(lang);
    // The portal's store needs the people themselves, so `--into` collects
    // them; `--out` alone streams them to disk without holding them.
    let (imported, beneficiaries, written) = match (&args.out, &args.into) {
        (Some(dir), None) => import_writing(&args.delivery, dir, &progress, lang)?,
        (out_dir, _) => {
            let (imported, people, _) = import_collecting(&args.delivery, &progress, lang)?;
            let written = out_dir.as_deref().map(|dir| write(&imported, dir, lang));
            (imported, people, written.transpose()?)
        }
    };
    progress.finish();
    let summary = summarise(&imported, beneficiaries, written);
    let stored = args
        .into
        .as_deref()
        .map(|db| store_into(imported, &args.delivery, db, lang));
    let stored = stored.transpose()?;
    match args.format {
        Format::Json => outln!(out, "{}", serde_json::to_string_pretty(&summary)?),
        Format::Text => print_text(&summary, lang, out),
    }
    if let Some(line) = stored {
        outln!(out, "{line}");
    }
    let errors = summary.issues.iter().any(|i| i.severity == Severity::Error);
    Ok(if errors {
        Outcome::DataErrors
    } else {
        Outcome::Clean
    })
}

/// What an import gave: the delivery (its people only when collected), how
/// many people, and the canonical files when written.
type Imported = (ImportedDelivery, usize, Option<Written>);

/// Imports `delivery` writing its canonical form to `dir` as it reads:
/// people go straight to `padron.csv`, so that a register of a million
/// people is never held in memory.
fn import_writing(
    delivery: &Path,
    dir: &Path,
    progress: &Progress,
    lang: Lang,
) -> anyhow::Result<Imported> {
    let write_error = || write_error(dir, lang);
    let mut writer = CanonicalWriter::create(dir).with_context(write_error)?;
    let mut sink = Counted::new(&mut writer, progress);
    let imported = import_delivery_into(delivery, &ImportOptions::default(), &mut sink)
        .with_context(|| read_error(delivery, lang))?;
    let people = usize::try_from(writer.beneficiaries()).unwrap_or(usize::MAX);
    let files = writer.finish(&imported).with_context(write_error)?;
    let written = Written {
        dir: dir.to_owned(),
        files: files.paths().map(Path::to_owned).collect(),
        notice: i18n::PERSONAL_DATA.get(lang),
    };
    Ok((imported, people, Some(written)))
}

/// Adds the delivery to a portal's database; returns the line saying so.
#[cfg(feature = "portal")]
fn store_into(
    imported: ImportedDelivery,
    dir: &std::path::Path,
    database: &str,
    lang: Lang,
) -> anyhow::Result<String> {
    let summary = super::serve::store_into(imported, dir, database, lang)?;
    let people = i18n::BENEFICIARIES.count(lang, summary.beneficiaries);
    Ok(i18n::STORED.fill(
        lang,
        &[
            ("name", &cocina_portal::redacted(database)),
            ("id", &summary.delivery_id),
            (
                "kitchens",
                &i18n::KITCHENS.count(lang, i18n::n(summary.kitchens)),
            ),
            ("people", &people),
        ],
    ))
}

/// The lean build has no portal to store into: say so instead of failing
/// to build.
#[cfg(not(feature = "portal"))]
fn store_into(
    _: ImportedDelivery,
    _: &std::path::Path,
    _: &str,
    lang: Lang,
) -> anyhow::Result<String> {
    anyhow::bail!(i18n::NO_PORTAL.get(lang))
}

/// Writes the canonical form of a delivery already held in memory.
fn write(imported: &ImportedDelivery, dir: &Path, lang: Lang) -> anyhow::Result<Written> {
    let files =
        cocina_importers::write_canonical(imported, dir).with_context(|| write_error(dir, lang))?;
    Ok(Written {
        dir: dir.to_owned(),
        files: files.paths().map(Path::to_owned).collect(),
        notice: i18n::PERSONAL_DATA.get(lang),
    })
}

/// Imports `delivery`, keeping its people in the delivery.
fn import_collecting(delivery: &Path, progress: &Progress, lang: Lang) -> anyhow::Result<Imported> {
    let mut people = Vec::new();
    let mut sink = Counted::new(&mut people, progress);
    let mut imported = import_delivery_into(delivery, &ImportOptions::default(), &mut sink)
        .with_context(|| read_error(delivery, lang))?;
    let count = people.len();
    imported.beneficiaries = people;
    Ok((imported, count, None))
}

fn read_error(delivery: &Path, lang: Lang) -> String {
    i18n::READ_DELIVERY.fill(lang, &[("dir", &delivery.display())])
}

fn write_error(dir: &Path, lang: Lang) -> String {
    i18n::WRITE_CANONICAL.fill(lang, &[("dir", &dir.display())])
}

/// Refuses to write the canonical files among the delivery's own, where the
/// next import would read them as part of the delivery.
fn refuse_delivery_dir(delivery: &Path, out: &Path, lang: Lang) -> anyhow::Result<()> {
    let same = match (delivery.canonicalize(), out.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        anyhow::bail!(i18n::OUT_IS_DELIVERY.fill(lang, &[("dir", &out.display())]));
    }
    Ok(())
}

/// A spinner with the count of people read, on standard error when it is a
/// terminal; nothing otherwise (pipes, CI, tests).
struct Progress {
    bar: ProgressBar,
}

impl Progress {
    fn start(lang: Lang) -> Self {
        if !std::io::stderr().is_terminal() {
            return Self {
                bar: ProgressBar::hidden(),
            };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        // The template is a constant known to parse.
        let template = format!("{{spinner}} {{elapsed}} {}", i18n::READING.get(lang));
        let style = ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(200));
        Self { bar }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A sink that counts people on the progress bar on their way to `inner`.
struct Counted<'a> {
    inner: &'a mut dyn RecordSink,
    progress: &'a Progress,
    /// The bar's position at each of the sink's marks.
    marks: Vec<(u64, u64)>,
}

impl<'a> Counted<'a> {
    fn new(inner: &'a mut dyn RecordSink, progress: &'a Progress) -> Self {
        Self {
            inner,
            progress,
            marks: Vec::new(),
        }
    }
}

impl RecordSink for Counted<'_> {
    fn beneficiary(&mut self, record: Beneficiary) -> std::io::Result<()> {
        self.progress.bar.inc(1);
        self.inner.beneficiary(record)
    }

    fn checkpoint(&mut self) -> std::io::Result<u64> {
        let mark = self.inner.checkpoint()?;
        self.marks.push((mark, self.progress.bar.position()));
        Ok(mark)
    }

    fn rollback(&mut self, mark: u64) -> std::io::Result<()> {
        self.inner.rollback(mark)?;
        // A sheet read again counts once.
        if let Some(&(_, position)) = self.marks.iter().rev().find(|(m, _)| *m == mark) {
            self.progress.bar.set_position(position);
        }
        Ok(())
    }
}

fn summarise(
    imported: &ImportedDelivery,
    beneficiaries: usize,
    written: Option<Written>,
) -> Summary {
    let issues: Vec<IssueLine> = imported.issues.iter().map(issue_line).collect();
    let (mut totals, mut codes) = (BTreeMap::new(), BTreeMap::new());
    for issue in &issues {
        *totals.entry(issue.severity.to_string()).or_default() += 1;
        *codes.entry(issue.code.clone()).or_default() += 1;
    }
    Summary {
        delivery: imported.delivery.id.clone(),
        kitchens: imported.kitchens.len(),
        kitchen_keys: imported
            .kitchens
            .iter()
            .map(|k| &k.key)
            .collect::<HashSet<_>>()
            .len(),
        beneficiaries,
        beneficiary_counts: imported.counts.len(),
        totals,
        codes,
        issues,
        written,
    }
}

/// Locates an issue and names it by its kind, as the importer serialises it
/// (`invalid_curp`, `code_padded`, …). No value of the cell is shown.
fn issue_line(issue: &ImportIssue) -> IssueLine {
    let kind = serde_json::to_value(&issue.kind).unwrap_or_default();
    let text = |key: &str| kind.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let source = &issue.source;
    let cell = match (source.cell, source.row) {
        (Some(cell), _) => Some(cell.to_string()),
        (None, Some(row)) => Some(format!("{row}:{row}")),
        (None, None) => None,
    };
    IssueLine {
        code: text("kind").unwrap_or_else(|| "unknown".to_owned()),
        severity: issue.severity(),
        field: text("field"),
        file: source.file.to_string(),
        sheet: source.sheet.as_deref().map(str::to_owned),
        cell,
    }
}

fn print_text(summary: &Summary, lang: Lang, out: &mut String) {
    outln!(
        out,
        "{}",
        i18n::IMPORT_DELIVERY.fill(lang, &[("id", &summary.delivery)])
    );
    let mut figures = vec![
        (i18n::IMPORT_KITCHENS, kitchen_rows(summary, lang)),
        (
            i18n::IMPORT_BENEFICIARIES,
            lang.number(n(summary.beneficiaries)),
        ),
    ];
    if summary.beneficiary_counts > 0 {
        let rows = lang.number(n(summary.beneficiary_counts));
        figures.push((i18n::IMPORT_COUNT_ROWS, rows));
    }
    if !summary.issues.is_empty() {
        figures.push((i18n::IMPORT_ISSUES, issue_totals(&summary.issues, lang)));
    }
    let width = figures
        .iter()
        .map(|(label, _)| label.get(lang).chars().count() + 1)
        .max()
        .unwrap_or(0);
    for (label, value) in figures {
        let label = format!("{}:", label.get(lang));
        outln!(out, "  {label:<width$} {value}");
    }
    if !summary.codes.is_empty() {
        outln!(out, "  {}", i18n::IMPORT_BY_CODE.get(lang));
    }
    for (code, count) in &summary.codes {
        outln!(out, "    {code}: {}", lang.number(n(*count)));
    }
    print_issues(&summary.issues, lang, out);
    if let Some(written) = &summary.written {
        print_written(written, lang, out);
    }
}

/// Returns the rows of the kitchens list, with how many distinct keys
/// they hold when a key is repeated: "2,302 (2,300 claves distintas)".
fn kitchen_rows(summary: &Summary, lang: Lang) -> String {
    let rows = lang.number(n(summary.kitchens));
    if summary.kitchen_keys == summary.kitchens {
        return rows;
    }
    let keys = i18n::IMPORT_KITCHEN_KEYS.count(lang, n(summary.kitchen_keys));
    format!("{rows} ({keys})")
}

/// Returns "3 errores, 1 advertencia": each severity that occurs, the most
/// serious first.
fn issue_totals(issues: &[IssueLine], lang: Lang) -> String {
    [Severity::Error, Severity::Warning, Severity::Notice]
        .into_iter()
        .map(|severity| {
            let count = issues.iter().filter(|i| i.severity == severity).count();
            (severity, count)
        })
        .filter(|&(_, count)| count > 0)
        .map(|(severity, count)| i18n::severity_count(severity, lang, count))
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_issues(issues: &[IssueLine], lang: Lang, out: &mut String) {
    if issues.is_empty() {
        return;
    }
    outln!(out);
    let (sheet_word, cell_word) = (i18n::SHEET.get(lang), i18n::CELL.get(lang));
    for issue in issues {
        let sheet = issue
            .sheet
            .as_deref()
            .map_or_else(String::new, |s| format!(", {sheet_word} {s}"));
        let cell = issue
            .cell
            .as_deref()
            .map_or_else(String::new, |c| format!(", {cell_word} {c}"));
        let place = format!("{}{sheet}{cell}", issue.file);
        let field = issue
            .field
            .as_deref()
            .map_or_else(String::new, |f| format!(" ({f})"));
        let severity = i18n::severity(issue.severity, lang);
        outln!(out, "  {severity:<11} {}{field}  {place}", issue.code);
    }
}

fn print_written(written: &Written, lang: Lang, out: &mut String) {
    outln!(out);
    let dir = written.dir.display();
    outln!(out, "{}", i18n::IMPORT_WRITTEN.fill(lang, &[("dir", &dir)]));
    for file in &written.files {
        outln!(out, "  {}", file.display());
    }
    outln!(out, "{}", written.notice);
}
