//! The parser's errors in Spanish.
//!
//! clap writes its errors in English only. [`Spanish`] writes them from the
//! same context clap keeps (which argument, which value, what was
//! expected); English keeps clap's own wording.

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, Error, ErrorFormatter, ErrorKind};
use cocina_model::Lang;

use crate::i18n::fill;

/// Prints the help, the version or the error, and exits as clap does: 0
/// for the help and version, 2 for an error.
#[expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the help goes to standard output, or to standard error when \
              the arguments are missing"
)]
pub(super) fn exit(err: clap::Error, lang: Lang) -> ! {
    if lang == Lang::En {
        err.exit()
    }
    match err.kind() {
        ErrorKind::DisplayHelp => {
            print!("{}", spanish_usage(&err.render().to_string()));
            std::process::exit(0)
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", spanish_usage(&err.render().to_string()));
            std::process::exit(2)
        }
        _ => err.apply::<Spanish>().exit(),
    }
}

/// Rewrites the words clap puts in every usage line; the help itself is
/// already Spanish. Plain text: the help loses clap's bold headings.
fn spanish_usage(text: &str) -> String {
    text.replace("Usage:", "Uso:")
        .replace("[OPTIONS]", "[OPCIONES]")
}

/// Writes a parse error in Spanish.
pub(super) struct Spanish;

impl ErrorFormatter for Spanish {
    fn format_error(error: &Error<Self>) -> StyledStr {
        let mut parts = vec![format!("error: {}", message(error))];
        if let Some(hint) = suggestion(error) {
            parts.push(format!("  sugerencia: {hint}"));
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            parts.push(spanish_usage(&usage.to_string()));
        }
        parts.push("Para más información, pruebe «--help».\n".to_owned());
        StyledStr::from(parts.join("\n\n"))
    }
}

/// Returns the value clap kept under `kind`, as text.
fn context(error: &Error<Spanish>, kind: ContextKind) -> String {
    match error.get(kind) {
        Some(ContextValue::Strings(values)) => values.join(", "),
        Some(value) => value.to_string(),
        None => String::new(),
    }
}

/// Messages by the kind of error; `{arg}`, `{value}`, `{prior}`, `{valid}`
/// and `{command}` are filled from clap's context. Kinds not listed, rare
/// for this command line, get a general message naming the argument.
const MESSAGES: &[(ErrorKind, &str)] = &[
    (
        ErrorKind::InvalidValue,
        "el valor «{value}» no es válido para «{arg}»; valores posibles: {valid}",
    ),
    (
        ErrorKind::ValueValidation,
        "el valor «{value}» no es válido para «{arg}»",
    ),
    (ErrorKind::UnknownArgument, "argumento inesperado «{arg}»"),
    (
        ErrorKind::InvalidSubcommand,
        "comando desconocido «{command}»",
    ),
    (
        ErrorKind::MissingRequiredArgument,
        "faltan argumentos obligatorios: {arg}",
    ),
    (ErrorKind::MissingSubcommand, "falta un comando"),
    (
        ErrorKind::ArgumentConflict,
        "«{arg}» no puede usarse junto con «{prior}»",
    ),
    (ErrorKind::InvalidUtf8, "un argumento no es UTF-8 válido"),
];

fn message(error: &Error<Spanish>) -> String {
    let Some((_, template)) = MESSAGES.iter().find(|(kind, _)| *kind == error.kind()) else {
        let arg = context(error, ContextKind::InvalidArg);
        return format!("argumentos no válidos {arg}").trim_end().to_owned();
    };
    let message = fill(
        template,
        &[
            ("arg", &context(error, ContextKind::InvalidArg)),
            ("value", &context(error, ContextKind::InvalidValue)),
            ("prior", &context(error, ContextKind::PriorArg)),
            ("valid", &context(error, ContextKind::ValidValue)),
            ("command", &context(error, ContextKind::InvalidSubcommand)),
        ],
    );
    match expected(error) {
        Some(expected) => format!("{message}: {expected}"),
        None => message,
    }
}

/// What the value must be, when the argument's parser refused it saying so
/// in both languages (as clap's English message shows it after the value).
#[cfg(feature = "portal")]
fn expected(error: &Error<Spanish>) -> Option<&'static str> {
    let source = std::error::Error::source(error)?;
    let expected = source.downcast_ref::<super::listen::Expected>()?;
    Some(expected.0.es)
}

/// The lean build has no argument whose parser explains itself.
#[cfg(not(feature = "portal"))]
fn expected(_: &Error<Spanish>) -> Option<&'static str> {
    None
}

fn suggestion(error: &Error<Spanish>) -> Option<String> {
    [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .map(|kind| context(error, kind))
    .find(|hint| !hint.is_empty())
    .map(|hint| format!("¿quiso decir «{hint}»?"))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::{Cli, help};

    fn spanish_error(args: &[&str]) -> String {
        let command = help::localize(Cli::command(), Lang::Es);
        let err = command.try_get_matches_from(args).expect_err("an error");
        err.apply::<Spanish>().to_string()
    }

    #[test]
    fn a_missing_argument_is_named_in_spanish_with_the_usage() {
        let text = spanish_error(&["cocina", "validate"]);
        assert!(
            text.starts_with("error: faltan argumentos obligatorios: <"),
            "{text}"
        );
        assert!(text.contains("Uso: cocina validate"), "{text}");
        assert!(!text.contains("Usage"), "{text}");
    }

    #[test]
    fn a_bad_value_lists_the_possible_ones() {
        let text = spanish_error(&["cocina", "import", "x", "--format", "xml"]);
        assert!(text.contains("el valor «xml» no es válido"), "{text}");
        assert!(text.contains("text, json"), "{text}");
    }

    #[cfg(feature = "portal")]
    #[test]
    fn a_bad_listen_address_says_what_is_expected_in_spanish() {
        let text = spanish_error(&["cocina", "serve", "x", "--listen", "localhost:http"]);
        assert!(
            text.contains("el valor «localhost:http» no es válido para «--listen"),
            "{text}"
        );
        assert!(
            text.contains("se esperaba DIRECCIÓN:PUERTO, como 127.0.0.1:8080"),
            "{text}"
        );
        assert!(!text.contains("expected"), "{text}");
    }

    #[test]
    fn a_misspelt_command_gets_a_suggestion() {
        let text = spanish_error(&["cocina", "valdate"]);
        assert!(text.contains("comando desconocido «valdate»"), "{text}");
        assert!(text.contains("¿quiso decir «validate»?"), "{text}");
    }
}
