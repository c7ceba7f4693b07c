//! `cocina serve`: the main job, from a delivery directory to a running
//! portal; and `cocina import --into`, which adds a delivery to a portal's
//! database.
//!
//! The portal crate gives the pieces (listener, store, ingest, router);
//! this module runs them in order and tells the operator, in the chosen
//! language, what was loaded, where to open the portal and when it stops.

use std::io::ErrorKind;
use std::net::SocketAddr;
use std::path::Path;

use anyhow::Context;
use cocina_importers::{ImportOptions, ImportedDelivery};
use cocina_model::Lang;
use cocina_portal::{
    AppState, DEFAULT_DATABASE, IngestSummary, Store, ingest, redacted, router, store_delivery,
};

use crate::Outcome;
use crate::cli::ServeArgs;
use crate::i18n::{self, n};

pub(crate) fn run(args: ServeArgs, lang: Lang) -> anyhow::Result<Outcome> {
    let runtime = tokio::runtime::Runtime::new().context(i18n::ASYNC_RUNTIME.get(lang))?;
    runtime.block_on(serve(args, lang))?;
    Ok(Outcome::Clean)
}

/// Takes the address first, so a busy port is reported before any work;
/// then loads the delivery into the database (replacing an earlier load of
/// the same delivery) and serves until Ctrl-C or SIGTERM, finishing the
/// requests in flight; then closes the database.
async fn serve(args: ServeArgs, lang: Lang) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|error| refusal(args.listen, error, lang))?;
    let location = args.database.unwrap_or_else(|| DEFAULT_DATABASE.to_owned());
    let name = redacted(&location);
    let store = Store::connect(&location)
        .await
        .with_context(|| i18n::OPEN_DATABASE.fill(lang, &[("name", &name)]))?;
    let dir = args.delivery.display();
    let summary = ingest(&store, &args.delivery, &ImportOptions::default()).await;
    if summary.is_err() {
        store.close().await;
    }
    let summary = summary.with_context(|| i18n::SERVE_LOAD.fill(lang, &[("dir", &dir)]))?;
    tracing::info!("{}", loaded(&summary, &name, lang));
    let address = listener
        .local_addr()
        .with_context(|| i18n::SERVE_FAILED.get(lang))?;
    tracing::info!("{}", ready(address, lang));
    let served = axum::serve(listener, router(AppState::new(store.clone())))
        .with_graceful_shutdown(shutdown_signal(lang))
        .await;
    // Closed however serving ended: SQLite then folds its write-ahead log
    // into the database and removes the `-wal` and `-shm` files.
    store.close().await;
    served.with_context(|| i18n::SERVE_FAILED.get(lang))?;
    tracing::info!("{}", i18n::SERVE_STOPPED.get(lang));
    Ok(())
}

/// Says what was loaded: "Entrega entrega-2016 cargada en cocina.sqlite:
/// 2,300 cocinas (2,289 ubicadas), ...".
fn loaded(summary: &IngestSummary, name: &str, lang: Lang) -> String {
    i18n::SERVE_LOADED.fill(
        lang,
        &[
            ("id", &summary.delivery_id),
            ("name", &name),
            ("kitchens", &i18n::KITCHENS.count(lang, n(summary.kitchens))),
            ("located", &i18n::LOCATED.count(lang, n(summary.located))),
            (
                "people",
                &i18n::BENEFICIARIES.count(lang, summary.beneficiaries),
            ),
            ("errors", &i18n::ERRORS.count(lang, n(summary.errors))),
            ("warnings", &i18n::WARNINGS.count(lang, n(summary.warnings))),
            ("notices", &i18n::NOTICES.count(lang, n(summary.notices))),
        ],
    )
}

/// Tells why the portal cannot listen on `address`: the address, then the
/// reason in `lang` with what to do, for the reasons people meet (the port
/// is taken, a port below 1024 without privileges, an address of another
/// machine); any other keeps the system's words, after what to do.
fn refusal(address: SocketAddr, error: std::io::Error, lang: Lang) -> anyhow::Error {
    let cause = match error.kind() {
        ErrorKind::AddrInUse => i18n::LISTEN_IN_USE,
        ErrorKind::PermissionDenied => i18n::LISTEN_DENIED,
        ErrorKind::AddrNotAvailable => i18n::LISTEN_NOT_HERE,
        _ => {
            let action = i18n::SERVE_LISTEN_ELSEWHERE.fill(lang, &[("address", &address)]);
            return anyhow::Error::new(error).context(action);
        }
    };
    let action = i18n::SERVE_LISTEN.fill(lang, &[("address", &address)]);
    anyhow::Error::msg(cause.get(lang)).context(action)
}

fn ready(address: SocketAddr, lang: Lang) -> String {
    i18n::SERVE_READY.fill(lang, &[("address", &address)])
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM (what service managers and
/// container runtimes send), and says that the portal is stopping. A
/// signal that cannot be listened for is logged and waited for forever,
/// so the other one still stops the portal.
async fn shutdown_signal(lang: Lang) {
    cocina_portal::stop_requested(|signal, error| {
        let text = i18n::SERVE_NO_SIGNAL.fill(lang, &[("signal", &signal)]);
        tracing::warn!(%error, "{text}");
    })
    .await;
    tracing::info!("{}", i18n::SERVE_STOPPING.get(lang));
}

/// Validates, aggregates and stores the public part of `imported` in the
/// database at `location`, replacing only an earlier load of the same
/// delivery; `dir` holds its files, fingerprinted for the documents
/// library. Returns what was stored; errors are in `lang`.
pub(crate) fn store_into(
    imported: ImportedDelivery,
    dir: &Path,
    location: &str,
    lang: Lang,
) -> anyhow::Result<IngestSummary> {
    let runtime = tokio::runtime::Runtime::new().context(i18n::ASYNC_RUNTIME.get(lang))?;
    let name = redacted(location);
    runtime.block_on(async {
        let store = Store::connect(location)
            .await
            .with_context(|| i18n::OPEN_DATABASE.fill(lang, &[("name", &name)]))?;
        let stored = store_delivery(&store, imported, dir).await;
        // Closed before the runtime goes, so SQLite removes its `-wal` and
        // `-shm` files.
        store.close().await;
        stored.with_context(|| i18n::STORE_DELIVERY.fill(lang, &[("name", &name)]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(errors: usize, warnings: usize) -> IngestSummary {
        IngestSummary {
            delivery_id: "entrega-2016".to_owned(),
            kitchens: 2_300,
            located: 1,
            beneficiaries: 130_704,
            errors,
            warnings,
            notices: 0,
        }
    }

    #[test]
    fn the_load_is_told_with_counts_that_agree_in_each_language() {
        let es = loaded(&summary(27, 1), "cocina.sqlite", Lang::Es);
        assert!(es.contains("2,300 cocinas (1 ubicada)"), "{es}");
        assert!(es.contains("130,704 personas beneficiarias"), "{es}");
        assert!(es.contains("27 errores, 1 advertencia y 0 avisos"), "{es}");
        let en = loaded(&summary(1, 2), "cocina.sqlite", Lang::En);
        assert!(en.contains("2,300 kitchens (1 located)"), "{en}");
        assert!(en.contains("1 error, 2 warnings and 0 notices"), "{en}");
        assert!(
            !en.contains("1 warnings") && !en.contains("cocina "),
            "{en}"
        );
    }

    #[test]
    fn the_usual_reasons_not_to_listen_are_told_in_each_language() {
        let address: SocketAddr = "127.0.0.1:80".parse().unwrap();
        let told = |kind: ErrorKind, lang: Lang| {
            let error = refusal(address, std::io::Error::from(kind), lang);
            error.chain().map(ToString::to_string).collect::<Vec<_>>()
        };
        let cases = [
            (
                ErrorKind::AddrInUse,
                "la dirección ya está en uso",
                "the address is already in use",
            ),
            (
                ErrorKind::PermissionDenied,
                "permiso denegado",
                "permission denied",
            ),
            (
                ErrorKind::AddrNotAvailable,
                "la dirección no es de esta máquina",
                "the address is not one of this",
            ),
        ];
        for (kind, es, en) in cases {
            let chain = told(kind, Lang::Es);
            assert_eq!(chain[0], "no se puede escuchar en 127.0.0.1:80", "{kind}");
            assert!(
                chain[1].starts_with(es) && chain[1].contains("--listen"),
                "{chain:?}"
            );
            assert_eq!(
                chain.len(),
                2,
                "no system text after the sentence: {chain:?}"
            );
            let chain = told(kind, Lang::En);
            assert_eq!(chain[0], "cannot listen on 127.0.0.1:80", "{kind}");
            assert!(chain[1].starts_with(en), "{chain:?}");
        }
        // Any other reason: what to do, then the system's own words.
        let chain = told(ErrorKind::InvalidInput, Lang::Es);
        assert!(
            chain[0].contains("elija otra dirección con --listen"),
            "{chain:?}"
        );
        assert_eq!(
            chain[1],
            std::io::Error::from(ErrorKind::InvalidInput).to_string()
        );
    }

    #[test]
    fn the_ready_line_gives_both_addresses_in_the_reader_s_language() {
        let address: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let es = ready(address, Lang::Es);
        assert!(es.starts_with("Portal listo"), "{es}");
        assert!(es.contains("http://127.0.0.1:8080/en/"), "{es}");
        assert!(ready(address, Lang::En).starts_with("Portal ready"));
    }
}
