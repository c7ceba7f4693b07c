//! Yes/no and status words in the variants deliveries use.
//!
//! Both lists are compared after [`fold`] (case, accents and punctuation
//! ignored), so `SÍ`, `Si` and `si.` are one word. Add a spelling to a list
//! and every table reads it.

use cocina_model::KitchenStatus;
use cocina_model::text::fold;

/// Words for yes and no, folded.
const BOOLEANS: [(&str, bool); 17] = [
    ("si", true),
    ("s", true),
    ("x", true),
    ("1", true),
    ("verdadero", true),
    ("v", true),
    ("true", true),
    ("yes", true),
    ("no", false),
    ("n", false),
    ("0", false),
    ("falso", false),
    ("f", false),
    ("false", false),
    ("no aplica", false),
    ("na", false),
    ("n a", false),
];

/// Reads a yes/no word: `SI`, `SÍ`, `X`, `1`, `VERDADERO`; `NO`, `0`,
/// `FALSO`. `None` for any other text.
pub(crate) fn parse_bool(text: &str) -> Option<bool> {
    let folded = fold(text);
    BOOLEANS
        .iter()
        .find(|(word, _)| *word == folded)
        .map(|(_, value)| *value)
}

/// Status wording, folded, by status.
// One status per entry, its wordings filled to the line width.
#[rustfmt::skip]
const STATUSES: &[(KitchenStatus, &[&str])] = &[
    (KitchenStatus::Operating, &["operando", "opera", "en operacion", "operacion", "operativa",
        "operativo", "activa", "activo", "abierta", "abierto", "en funcionamiento", "funcionando",
        "funciona", "en funciones", "vigente", "alta", "operating", "active", "open"]),
    (KitchenStatus::Suspended, &["suspendida", "suspendido", "suspension", "en suspension",
        "inactiva", "inactivo", "temporalmente cerrada", "cerrada temporalmente", "en pausa",
        "pausada", "sin operar", "no opera temporalmente", "suspended", "inactive"]),
    (KitchenStatus::Closed, &["cerrada", "cerrado", "baja", "dada de baja", "de baja",
        "clausurada", "clausurado", "cancelada", "cancelado", "cerrada definitivamente",
        "no opera", "no existe", "desaparecida", "closed"]),
];

/// Reads a kitchen status in any of its listed wordings.
pub(crate) fn parse_status(text: &str) -> Option<KitchenStatus> {
    let folded = fold(text);
    STATUSES
        .iter()
        .find(|(_, words)| words.contains(&folded.as_str()))
        .map(|(status, _)| *status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_and_no_in_their_variants() {
        for yes in ["SI", "SÍ", "Si.", "X", "x", "1", "VERDADERO", "TRUE"] {
            assert_eq!(parse_bool(yes), Some(true), "{yes}");
        }
        for no in ["NO", "No", "0", "FALSO", "FALSE", "N/A"] {
            assert_eq!(parse_bool(no), Some(false), "{no}");
        }
        assert_eq!(parse_bool("MOTRIZ"), None);
        assert_eq!(parse_bool(""), None);
    }

    #[test]
    fn statuses_in_their_variants() {
        let status = |t| parse_status(t);
        assert_eq!(status("ACTIVA"), Some(KitchenStatus::Operating));
        assert_eq!(status("En funcionamiento"), Some(KitchenStatus::Operating));
        assert_eq!(status("OPERANDO"), Some(KitchenStatus::Operating));
        assert_eq!(status("SUSPENDIDA"), Some(KitchenStatus::Suspended));
        assert_eq!(status("Suspensión"), Some(KitchenStatus::Suspended));
        assert_eq!(status("CERRADA"), Some(KitchenStatus::Closed));
        assert_eq!(status("BAJA"), Some(KitchenStatus::Closed));
        assert_eq!(status("Dada de baja"), Some(KitchenStatus::Closed));
        assert_eq!(status("quizá"), None);
    }

    #[test]
    fn every_status_word_is_listed_once() {
        let mut words: Vec<&str> = STATUSES
            .iter()
            .flat_map(|(_, w)| w.iter().copied())
            .collect();
        let before = words.len();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), before);
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_or_refused_without_panic(text in "\\PC{0,40}") {
            let _ = parse_bool(&text);
            let _ = parse_status(&text);
        }
    }
}
