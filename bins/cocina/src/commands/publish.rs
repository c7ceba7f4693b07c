//! `cocina publish`: the open-data package and the static site of a
//! delivery.

use anyhow::Context;
use cocina_model::Lang;
use cocina_publication::{PublishOptions, publish};

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
    let summary = publish(&args.delivery, &args.out, &options)
        .with_context(|| i18n::PUBLISH_FAILED.fill(lang, &[("dir", &args.delivery.display())]))?;
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
    if summary.errors > 0 {
        let errors = i18n::ERRORS.count(lang, n(summary.errors));
        outln!(
            out,
            "{}",
            i18n::PUBLISHED_ERRORS.fill(lang, &[("errors", &errors)])
        );
    }
    Ok(Outcome::Clean)
}
