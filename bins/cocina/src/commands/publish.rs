//! `cocina publish`: the open-data package and the static site of a
//! delivery.

use std::error::Error;
use std::fmt;

use cocina_model::Lang;
use cocina_publication::{PublishError, PublishOptions, PublishSummary, publish};

use crate::cli::PublishArgs;
use crate::i18n::{self, n};
use crate::{Outcome, outln};

/// Publishes; errors in the data are said, not an exit code: the site
/// shows them on its quality page.
pub(crate) fn run(args: &PublishArgs, lang: Lang, out: &mut String) -> anyhow::Result<Outcome> {
    let options = PublishOptions {
        reference: args.reference.clone(),
        ..PublishOptions::default()
    };
    let summary =
        publish(&args.delivery, &args.out, &options).map_err(|err| Failed::new(err, args, lang))?;
    let line = i18n::PUBLISHED.fill(
        lang,
        &[
            ("id", &summary.delivery_id),
            ("kitchens", &i18n::KITCHENS.count(lang, n(summary.kitchens))),
            (
                "files",
                &i18n::DATA_FILES.count(lang, n(summary.package_files)),
            ),
            ("package", &summary.package_dir.display()),
            ("pages", &i18n::PAGES.count(lang, n(summary.pages))),
            ("out", &args.out.display()),
        ],
    );
    outln!(out, "{line}");
    if summary.kitchens_without_page > 0 {
        let count = n(summary.kitchens_without_page);
        outln!(out, "{}", i18n::WITHOUT_PAGE.count(lang, count));
    }
    if let Some(line) = findings_line(&summary, lang) {
        outln!(out, "{line}");
    }
    Ok(Outcome::Clean)
}

/// Says how many errors and warnings validation found and where the site
/// lists them; `None` when it found neither.
fn findings_line(summary: &PublishSummary, lang: Lang) -> Option<String> {
    if summary.errors == 0 && summary.warnings == 0 {
        return None;
    }
    let errors = i18n::ERRORS.count(lang, n(summary.errors));
    let warnings = i18n::WARNINGS.count(lang, n(summary.warnings));
    Some(i18n::PUBLISHED_FINDINGS.fill(lang, &[("errors", &errors), ("warnings", &warnings)]))
}

/// A publication that failed, said in the reader's language: the first
/// line names the delivery, the output and what went wrong; the causes
/// below it say why.
#[derive(Debug)]
struct Failed {
    message: String,
    source: Option<Box<dyn Error + Send + Sync + 'static>>,
}

impl Failed {
    fn new(err: PublishError, args: &PublishArgs, lang: Lang) -> Self {
        let (what, source) = what_failed(err, args, lang);
        let failed = i18n::PUBLISH_FAILED.fill(
            lang,
            &[
                ("dir", &args.delivery.display()),
                ("out", &args.out.display()),
            ],
        );
        Self {
            message: format!("{failed}: {what}"),
            source,
        }
    }
}

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Error for Failed {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn Error + 'static))
    }
}

type Cause = Option<Box<dyn Error + Send + Sync + 'static>>;

/// Returns what went wrong, in `lang`, and the error that says why.
fn what_failed(err: PublishError, args: &PublishArgs, lang: Lang) -> (String, Cause) {
    fn boxed(e: impl Error + Send + Sync + 'static) -> Box<dyn Error + Send + Sync + 'static> {
        Box::new(e)
    }
    match err {
        PublishError::Import(e) => (i18n::PUBLISH_READ.get(lang).to_owned(), Some(boxed(e))),
        PublishError::ReadDelivery { path, source } => (
            i18n::PUBLISH_FINGERPRINT.fill(lang, &[("path", &path.display())]),
            Some(boxed(source)),
        ),
        PublishError::Reference(e) => {
            let dir = args.reference.as_deref().unwrap_or(args.delivery.as_path());
            let what = i18n::READ_REFERENCE.fill(lang, &[("dir", &dir.display())]);
            (what, Some(boxed(e)))
        }
        PublishError::Write { path, source } => (
            i18n::PUBLISH_WRITE.fill(lang, &[("path", &path.display())]),
            Some(boxed(source)),
        ),
        PublishError::Workbook(problem) => (
            i18n::PUBLISH_WORKBOOK.fill(lang, &[("problem", &problem)]),
            None,
        ),
        PublishError::Aggregate(e) => {
            (i18n::PUBLISH_AGGREGATE.get(lang).to_owned(), Some(boxed(e)))
        }
        PublishError::Render(e) => (i18n::PUBLISH_RENDER.get(lang).to_owned(), Some(boxed(e))),
        PublishError::OutputNotEmpty { path } => (
            i18n::PUBLISH_NOT_EMPTY.fill(lang, &[("path", &path.display())]),
            None,
        ),
        other => (i18n::PUBLISH_OTHER.get(lang).to_owned(), Some(boxed(other))),
    }
}
