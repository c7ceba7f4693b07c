//! Errors as the user reads them: the action that failed, then each cause,
//! in the chosen language.

#![expect(clippy::print_stderr, reason = "the binary reports errors to the user")]

use std::error::Error;
use std::io::ErrorKind;

use cocina_importers::ImportError;
use cocina_model::Lang;
use cocina_validation::{ConfigError, ConfigProblem};

use crate::i18n;

/// Prints an error with its causes to standard error.
pub(crate) fn print(err: &anyhow::Error, lang: Lang) {
    eprintln!("error: {}", describe(err.as_ref(), lang));
    let caused_by = i18n::CAUSED_BY.get(lang);
    for cause in err.chain().skip(1) {
        eprintln!("  {caused_by}: {}", describe(cause, lang));
    }
}

/// Returns the message of one error of a chain. Messages of this binary
/// are already in `lang`; the libraries' are English, for developers, so
/// the ones people meet most are written again from their fields.
fn describe(err: &(dyn Error + 'static), lang: Lang) -> String {
    if let Some(ImportError::ReadDir { path, .. }) = err.downcast_ref() {
        return i18n::LIST_DIR.fill(lang, &[("dir", &path.display())]);
    }
    if let Some(config) = err.downcast_ref::<ConfigError>() {
        return configuration(config, lang);
    }
    if let Some(io) = err.downcast_ref::<std::io::Error>() {
        let known = match io.kind() {
            ErrorKind::NotFound => Some(i18n::NOT_FOUND),
            ErrorKind::NotADirectory => Some(i18n::NOT_A_DIRECTORY),
            ErrorKind::PermissionDenied => Some(i18n::PERMISSION_DENIED),
            _ => None,
        };
        if let Some(text) = known {
            return text.get(lang).to_owned();
        }
    }
    err.to_string()
}

/// A configuration error: the file, then what is wrong. The TOML reader's
/// own message, which names the line and column, stays as it is.
fn configuration(err: &ConfigError, lang: Lang) -> String {
    let (path, problem) = match err {
        ConfigError::Read { path, .. } => {
            return i18n::READ_CONFIG.fill(lang, &[("path", &path.display())]);
        }
        ConfigError::Invalid { path, problem } => (path, problem),
    };
    let problem = match problem {
        ConfigProblem::UnknownRule { key } => i18n::UNKNOWN_RULE.fill(lang, &[("key", key)]),
        ConfigProblem::BadValue { key, expected } => {
            let expected = expected_in(expected, lang);
            i18n::BAD_VALUE.fill(lang, &[("key", key), ("expected", &expected)])
        }
        other => other.to_string(),
    };
    let path = path.display();
    i18n::BAD_CONFIG.fill(lang, &[("path", &path), ("problem", &problem)])
}

/// What the validation crate says a configuration value must be, in
/// Spanish; a wording not listed here is shown as the crate gives it.
const EXPECTED: &[(&str, &str)] = &[
    (
        "\"error\", \"warning\", \"notice\" or \"off\"",
        "\"error\", \"warning\", \"notice\" u \"off\"",
    ),
    ("a distance of 0 km or more", "una distancia de 0 km o más"),
    (
        "a number of kitchens, 2 or more",
        "un número de cocinas, 2 o más",
    ),
    ("a percentage from 0 to 100", "un porcentaje de 0 a 100"),
];

fn expected_in(expected: &str, lang: Lang) -> String {
    let spanish = EXPECTED.iter().find(|(en, _)| *en == expected);
    match (lang, spanish) {
        (Lang::Es, Some((_, es))) => (*es).to_owned(),
        _ => expected.to_owned(),
    }
}
