//! What the command says to people, in Spanish and English, and which of
//! the two it speaks.
//!
//! Every message is one [`Text`] constant holding both languages side by
//! side, so that a message cannot exist in one language only and a reviewer
//! reads each translation next to its original. Messages that print a count
//! are [`Plural`]s, so that "1 advertencia" and "2 advertencias" agree with
//! their number in both languages. Placeholders are written `{name}` and
//! filled by [`Text::fill`].
//!
//! The help of the arguments lives in `cli/help.rs`; the messages of the
//! validation rules come from `cocina-validation`.

use std::ffi::OsString;
use std::fmt::Display;

use cocina_model::{Lang, Severity};

/// One message in both languages.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text {
    pub(crate) es: &'static str,
    pub(crate) en: &'static str,
}

impl Text {
    /// Returns the message in `lang`.
    pub(crate) fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.es, self.en)
    }

    /// Returns the message in `lang` with each `{name}` replaced by its
    /// value.
    pub(crate) fn fill(self, lang: Lang, values: &[(&str, &dyn Display)]) -> String {
        fill(self.get(lang), values)
    }
}

/// Replaces each `{name}` of `template` by its value.
pub(crate) fn fill(template: &str, values: &[(&str, &dyn Display)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), &value.to_string())
        })
}

/// A message about a count: one form for exactly one, another for any
/// other number (zero included: "0 errores", "0 errors"). `{n}` is the
/// count, written by [`Lang::number`] ("2,300 cocinas").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plural {
    pub(crate) one: Text,
    pub(crate) other: Text,
}

impl Plural {
    /// Returns the form that agrees with `n`, with `{n}` filled.
    pub(crate) fn count(self, lang: Lang, n: impl Into<u64>) -> String {
        self.fill(lang, n, &[])
    }

    /// Returns the form that agrees with `n`, with `{n}` and `values`
    /// filled.
    pub(crate) fn fill(
        self,
        lang: Lang,
        n: impl Into<u64>,
        values: &[(&str, &dyn Display)],
    ) -> String {
        let n = n.into();
        let form = if n == 1 { self.one } else { self.other };
        let shown = lang.number(n);
        let mut all: Vec<(&str, &dyn Display)> = vec![("n", &shown)];
        all.extend_from_slice(values);
        form.fill(lang, &all)
    }
}

/// Returns a `usize` as the `u64` the plurals take.
pub(crate) fn n(count: usize) -> u64 {
    u64::try_from(count).unwrap_or(u64::MAX)
}

/// Environment variables naming the language, the first one set wins:
/// the tool's own, then the POSIX locale in its order of precedence.
const LANG_VARIABLES: [&str; 4] = ["COCINA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"];

/// Picks the language before the arguments are parsed, so that the help
/// and the parser's own errors are in it too: `--lang` among the arguments
/// (before a `--`), else the first variable of [`LANG_VARIABLES`] that is
/// set, else Spanish. A `--lang` value that is not a language is left for
/// the parser to reject.
pub(crate) fn choose(args: &[OsString], var: impl Fn(&str) -> Option<String>) -> Lang {
    if let Some(lang) = lang_argument(args) {
        return lang;
    }
    LANG_VARIABLES
        .iter()
        .find_map(|name| var(name).filter(|value| !value.trim().is_empty()))
        .map_or(Lang::Es, |value| Lang::from_locale(&value))
}

/// Returns the last `--lang VALUE` or `--lang=VALUE` before `--`.
fn lang_argument(args: &[OsString]) -> Option<Lang> {
    let mut found = None;
    let mut args = args.iter().map(|a| a.to_str().unwrap_or_default());
    while let Some(arg) = args.next() {
        let value = match arg {
            "--" => break,
            "--lang" => args.next(),
            _ => arg.strip_prefix("--lang="),
        };
        if let Some(lang) = value.and_then(|v| v.parse().ok()) {
            found = Some(lang);
        }
    }
    found
}

/// Returns a severity's word.
pub(crate) fn severity(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Error => ERROR.get(lang),
        Severity::Warning => WARNING.get(lang),
        Severity::Notice => NOTICE.get(lang),
    }
}

/// Returns "3 errores", "1 advertencia", "0 avisos"...
pub(crate) fn severity_count(severity: Severity, lang: Lang, count: usize) -> String {
    let plural = match severity {
        Severity::Error => ERRORS,
        Severity::Warning => WARNINGS,
        Severity::Notice => NOTICES,
    };
    plural.count(lang, n(count))
}

/// Shorthand for the constants below, and for the words a command keeps
/// in its own module.
pub(crate) const fn t(es: &'static str, en: &'static str) -> Text {
    Text { es, en }
}

/// Shorthand for the plurals below.
const fn p(one: Text, other: Text) -> Plural {
    Plural { one, other }
}

// Words and counts shared by several commands.

pub(crate) const ERROR: Text = t("error", "error");
pub(crate) const WARNING: Text = t("advertencia", "warning");
pub(crate) const NOTICE: Text = t("aviso", "notice");
pub(crate) const ERRORS: Plural = p(t("{n} error", "{n} error"), t("{n} errores", "{n} errors"));
pub(crate) const WARNINGS: Plural = p(
    t("{n} advertencia", "{n} warning"),
    t("{n} advertencias", "{n} warnings"),
);
pub(crate) const NOTICES: Plural = p(t("{n} aviso", "{n} notice"), t("{n} avisos", "{n} notices"));
pub(crate) const KITCHENS: Plural = p(
    t("{n} cocina", "{n} kitchen"),
    t("{n} cocinas", "{n} kitchens"),
);
#[cfg(feature = "portal")]
pub(crate) const BENEFICIARIES: Plural = p(
    t("{n} persona beneficiaria", "{n} beneficiary"),
    t("{n} personas beneficiarias", "{n} beneficiaries"),
);
pub(crate) const SHEET: Text = t("hoja", "sheet");
pub(crate) const CELL: Text = t("celda", "cell");

// Errors: the top line names the action, each cause follows.

pub(crate) const CAUSED_BY: Text = t("causa", "caused by");
pub(crate) const WRITE_OUTPUT: Text = t(
    "no se pudo escribir la salida",
    "could not write the output",
);
pub(crate) const READ_DELIVERY: Text = t(
    "no se pudo leer la entrega en {dir}",
    "could not read the delivery in {dir}",
);
pub(crate) const READ_REFERENCE: Text = t(
    "no se pudieron leer los datos de referencia en {dir}",
    "could not read the reference data in {dir}",
);
pub(crate) const UNREAD_FILE: Text = t(
    "no se pudo leer {path} del disco",
    "could not read {path} from disk",
);
pub(crate) const LIST_DIR: Text = t(
    "no se puede listar el directorio de la entrega {dir}",
    "cannot list the delivery directory {dir}",
);
pub(crate) const NOT_FOUND: Text = t(
    "no existe el archivo o directorio",
    "no such file or directory",
);
pub(crate) const NOT_A_DIRECTORY: Text = t("no es un directorio", "not a directory");
pub(crate) const PERMISSION_DENIED: Text = t("permiso denegado", "permission denied");
pub(crate) const READ_CONFIG: Text = t(
    "no se pudo leer la configuración {path}",
    "could not read the configuration {path}",
);
pub(crate) const BAD_CONFIG: Text = t(
    "configuración {path}: {problem}",
    "configuration {path}: {problem}",
);
pub(crate) const UNKNOWN_RULE: Text = t(
    "regla desconocida `rules.{key}`: use un código como CA-G003 o un nombre como \
     outside-municipality",
    "unknown rule `rules.{key}`: use a code such as CA-G003 or a name such as \
     outside-municipality",
);
pub(crate) const BAD_VALUE: Text = t(
    "valor no válido para `{key}`: se esperaba {expected}",
    "bad value for `{key}`: expected {expected}",
);
#[cfg(feature = "portal")]
pub(crate) const ASYNC_RUNTIME: Text = t(
    "no se pudo iniciar el entorno asíncrono",
    "could not start the async runtime",
);
#[cfg(feature = "portal")]
pub(crate) const OPEN_DATABASE: Text = t(
    "no se pudo abrir la base de datos {name}",
    "could not open the database {name}",
);
#[cfg(feature = "portal")]
pub(crate) const STORE_DELIVERY: Text = t(
    "no se pudo guardar la entrega en {name}",
    "could not store the delivery in {name}",
);

// `cocina import`.

pub(crate) const IMPORT_DELIVERY: Text = t("entrega {id}", "delivery {id}");
pub(crate) const IMPORT_KITCHENS: Text = t("filas de cocinas", "kitchen rows");
/// After the kitchen rows, when a key is listed more than once.
pub(crate) const IMPORT_KITCHEN_KEYS: Plural = p(
    t("{n} clave distinta", "{n} distinct key"),
    t("{n} claves distintas", "{n} distinct keys"),
);
pub(crate) const IMPORT_BENEFICIARIES: Text = t("personas beneficiarias", "beneficiaries");
pub(crate) const IMPORT_COUNT_ROWS: Text = t("filas de conteo", "count rows");
pub(crate) const IMPORT_ISSUES: Text = t("problemas de importación", "import issues");
pub(crate) const IMPORT_BY_CODE: Text = t("problemas por código:", "issues by code:");
pub(crate) const IMPORT_WRITTEN: Text = t(
    "entrega canónica escrita en {dir}:",
    "canonical delivery written to {dir}:",
);
pub(crate) const PERSONAL_DATA: Text = t(
    "USO INTERNO: estos archivos contienen datos personales (nombres, CURP, fechas de \
     nacimiento, contactos de los comités); no los publique ni los comparta",
    "INTERNAL: these files hold personal data (names, CURPs, birth dates, committee \
     contacts); do not publish or share them",
);
pub(crate) const WRITE_CANONICAL: Text = t(
    "no se pudo escribir la entrega canónica en {dir}",
    "could not write the canonical delivery to {dir}",
);
pub(crate) const OUT_IS_DELIVERY: Text = t(
    "--out {dir} es el directorio de la entrega; elija otro directorio",
    "--out {dir} is the delivery directory; choose another directory",
);
#[cfg(not(feature = "portal"))]
pub(crate) const NO_PORTAL: Text = t(
    "esta compilación no incluye el portal; compile con la función `portal`",
    "this build has no portal; build with the `portal` feature",
);
pub(crate) const READING: Text = t(
    "leyendo: {human_pos} personas beneficiarias ({per_sec})",
    "reading: {human_pos} beneficiaries ({per_sec})",
);
#[cfg(feature = "portal")]
pub(crate) const LOCATED: Plural = p(
    t("{n} ubicada", "{n} located"),
    t("{n} ubicadas", "{n} located"),
);

// `cocina serve`.

/// What `--listen` takes; the help says the same.
#[cfg(feature = "portal")]
pub(crate) const LISTEN_EXPECTED: Text = t(
    "se esperaba DIRECCIÓN:PUERTO, como 127.0.0.1:8080 (también localhost:8080, o solo el \
     puerto: 8080 es 127.0.0.1:8080)",
    "expected ADDRESS:PORT, such as 127.0.0.1:8080 (also localhost:8080, or only the port: \
     8080 is 127.0.0.1:8080)",
);
#[cfg(feature = "portal")]
pub(crate) const SERVE_LISTEN: Text = t(
    "no se puede escuchar en {address}",
    "cannot listen on {address}",
);
/// Said after [`SERVE_LISTEN`] when the system's reason is none of the
/// usual ones, which then follows in the system's words.
#[cfg(feature = "portal")]
pub(crate) const SERVE_LISTEN_ELSEWHERE: Text = t(
    "no se puede escuchar en {address}; elija otra dirección con --listen, p. ej. --listen \
     127.0.0.1:8081",
    "cannot listen on {address}; choose another address with --listen, e.g. --listen \
     127.0.0.1:8081",
);
#[cfg(feature = "portal")]
pub(crate) const LISTEN_IN_USE: Text = t(
    "la dirección ya está en uso: otro programa (quizá otro portal) escucha en ese puerto; \
     elija otro con --listen, p. ej. --listen 127.0.0.1:8081",
    "the address is already in use: another program (perhaps another portal) listens on \
     that port; choose another with --listen, e.g. --listen 127.0.0.1:8081",
);
#[cfg(feature = "portal")]
pub(crate) const LISTEN_DENIED: Text = t(
    "permiso denegado: los puertos por debajo de 1024 requieren privilegios de administrador; \
     elija un puerto mayor con --listen, p. ej. --listen 127.0.0.1:8080",
    "permission denied: ports below 1024 need administrator privileges; choose a higher \
     port with --listen, e.g. --listen 127.0.0.1:8080",
);
#[cfg(feature = "portal")]
pub(crate) const LISTEN_NOT_HERE: Text = t(
    "la dirección no es de esta máquina: use 127.0.0.1 (solo esta máquina), 0.0.0.0 (todas \
     sus interfaces) o una de sus direcciones, p. ej. --listen 127.0.0.1:8080",
    "the address is not one of this machine's: use 127.0.0.1 (this machine only), 0.0.0.0 \
     (all its interfaces) or one of its addresses, e.g. --listen 127.0.0.1:8080",
);
#[cfg(feature = "portal")]
pub(crate) const SERVE_LOAD: Text = t(
    "no se pudo cargar la entrega {dir} en el portal",
    "could not load the delivery {dir} into the portal",
);
#[cfg(feature = "portal")]
pub(crate) const SERVE_LOADED: Text = t(
    "Entrega {id} cargada en {name}: {kitchens} ({located}), {people}; la validación encontró \
     {errors}, {warnings} y {notices}.",
    "Delivery {id} loaded into {name}: {kitchens} ({located}), {people}; validation found \
     {errors}, {warnings} and {notices}.",
);
#[cfg(feature = "portal")]
pub(crate) const SERVE_READY: Text = t(
    "Portal listo: abra http://{address}/ (en inglés: http://{address}/en/)",
    "Portal ready: open http://{address}/en/ (in Spanish: http://{address}/)",
);
#[cfg(feature = "portal")]
pub(crate) const SERVE_STOPPING: Text = t(
    "Deteniendo el portal: se terminan las solicitudes en curso.",
    "Stopping the portal: finishing the requests in flight.",
);
#[cfg(feature = "portal")]
pub(crate) const SERVE_STOPPED: Text = t("Portal detenido.", "Portal stopped.");
#[cfg(feature = "portal")]
pub(crate) const SERVE_FAILED: Text = t("el portal dejó de servir", "the portal stopped serving");
#[cfg(feature = "portal")]
pub(crate) const SERVE_NO_SIGNAL: Text = t(
    "no se puede esperar la señal {signal}",
    "cannot listen for {signal}",
);
#[cfg(feature = "portal")]
pub(crate) const STORED: Text = t(
    "Guardada en {name}: entrega {id}, {kitchens} (una por clave: de una clave repetida se \
     guarda su primera fila), {people}.",
    "Stored in {name}: delivery {id}, {kitchens} (one per key: of a repeated key, its first \
     row is stored), {people}.",
);

// `cocina publish`.

pub(crate) const PUBLISH_FAILED: Text = t(
    "no se pudo publicar la entrega {dir} en {out}",
    "could not publish the delivery {dir} to {out}",
);
pub(crate) const PUBLISH_READ: Text =
    t("no se pudo leer la entrega", "could not read the delivery");
pub(crate) const PUBLISH_FINGERPRINT: Text = t(
    "no se pudo leer {path} para tomar su huella",
    "could not read {path} to take its fingerprint",
);
pub(crate) const PUBLISH_WRITE: Text = t("no se pudo escribir {path}", "could not write {path}");
pub(crate) const PUBLISH_WORKBOOK: Text = t(
    "no se pudo crear el libro de Excel: {problem}",
    "could not build the Excel workbook: {problem}",
);
pub(crate) const PUBLISH_AGGREGATE: Text = t(
    "no se pudieron agregar las cifras de la entrega",
    "could not aggregate the delivery's counts",
);
pub(crate) const PUBLISH_RENDER: Text =
    t("no se pudo generar una página", "could not render a page");
pub(crate) const PUBLISH_NOT_EMPTY: Text = t(
    "la carpeta de salida {path} contiene archivos que no escribió `cocina publish`; elija una \
     carpeta nueva o vacía",
    "the output directory {path} holds files `cocina publish` did not write; choose a new or \
     empty directory",
);
pub(crate) const PUBLISH_OTHER: Text = t("falló la publicación", "the publication failed");
pub(crate) const PUBLISHED: Text = t(
    "Entrega {id}: {kitchens}, {files} en {package}, {pages} en {out}.",
    "Delivery {id}: {kitchens}, {files} in {package}, {pages} in {out}.",
);
pub(crate) const DATA_FILES: Plural = p(
    t("{n} archivo de datos", "{n} data file"),
    t("{n} archivos de datos", "{n} data files"),
);
pub(crate) const PAGES: Plural = p(t("{n} página", "{n} page"), t("{n} páginas", "{n} pages"));
pub(crate) const WITHOUT_PAGE: Plural = p(
    t(
        "1 cocina tiene una clave que no puede ser nombre de archivo: está en los datos, sin \
         página propia.",
        "1 kitchen has a key that cannot be a file name: it is in the data, without a page of \
         its own.",
    ),
    t(
        "{n} cocinas tienen una clave que no puede ser nombre de archivo: están en los datos, \
         sin página propia.",
        "{n} kitchens have a key that cannot be a file name: they are in the data, without a \
         page of their own.",
    ),
);
pub(crate) const PUBLISHED_FINDINGS: Text = t(
    "La validación encontró {errors} y {warnings}: véase /calidad.",
    "Validation found {errors} and {warnings}: see /en/quality.",
);

// `cocina geo lookup`.

pub(crate) const INTERIOR_POINT: Text = t("punto interior", "interior point");
pub(crate) const AMBIGUOUS: Text = t(
    "«{query}» es ambiguo; candidatos:",
    "\"{query}\" is ambiguous; candidates:",
);
pub(crate) const DID_YOU_MEAN: Text = t(
    "«{query}» no es un nombre completo; ¿quiso decir?",
    "\"{query}\" is not a full name; did you mean:",
);
pub(crate) const NO_MUNICIPALITY_AT: Text = t(
    "ningún municipio de Oaxaca contiene el punto {query}",
    "no Oaxaca municipality contains the point {query}",
);
pub(crate) const NO_MUNICIPALITY_NAMED: Text = t(
    "ningún municipio de Oaxaca coincide con «{query}»",
    "no Oaxaca municipality matches \"{query}\"",
);
pub(crate) const NOT_IN_REFERENCE: Text = t("sin datos de referencia", "not in the reference data");
pub(crate) const NO_DATA: Text = t("sin dato", "no data");
pub(crate) const REGION: Text = t("región", "region");
pub(crate) const DISTRICT: Text = t("distrito", "district");
pub(crate) const POPULATION: Text = t("población 2020", "population 2020");
pub(crate) const MARGINALIZATION: Text = t(
    "grado de marginación 2020 (CONAPO)",
    "marginalization degree 2020 (CONAPO)",
);

// `cocina validate`.

pub(crate) const THE_DELIVERY: Text = t("(la entrega)", "(the delivery)");
pub(crate) const SUMMARY_BY_RULE: Text = t("Resumen por regla", "Summary by rule");
pub(crate) const VALID: Text = t("la entrega es válida", "the delivery is valid");
pub(crate) const NOT_VALID: Text = t("la entrega no es válida", "the delivery is not valid");
pub(crate) const FINDINGS: Plural = p(
    t("{n} hallazgo", "{n} finding"),
    t("{n} hallazgos", "{n} findings"),
);
pub(crate) const RULE_OFF: Text = t(
    "desactivada en la configuración",
    "turned off in the configuration",
);
pub(crate) const NEEDS_REFERENCE: Text = t("requiere --reference DIR", "needs --reference DIR");

// `cocina stats`.

pub(crate) const STATS_PEOPLE: Text = t("personas beneficiarias", "beneficiaries");
pub(crate) const STATS_KITCHENS: Text = t("cocinas", "kitchens");

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn counts_agree_with_their_number_in_both_languages() {
        assert_eq!(WARNINGS.count(Lang::Es, 0u64), "0 advertencias");
        assert_eq!(WARNINGS.count(Lang::Es, 1u64), "1 advertencia");
        assert_eq!(WARNINGS.count(Lang::Es, 2u64), "2 advertencias");
        assert_eq!(KITCHENS.count(Lang::En, 1u64), "1 kitchen");
        assert_eq!(KITCHENS.count(Lang::En, 0u64), "0 kitchens");
        assert_eq!(severity_count(Severity::Error, Lang::Es, 3), "3 errores");
        assert_eq!(KITCHENS.count(Lang::Es, 2_300u64), "2,300 cocinas");
        assert_eq!(KITCHENS.count(Lang::En, 2_300u64), "2,300 kitchens");
    }

    #[test]
    fn placeholders_are_filled_by_name() {
        let text = t("{a} y {b}", "{a} and {b}");
        assert_eq!(text.fill(Lang::En, &[("b", &2), ("a", &"x")]), "x and 2");
        let without = WITHOUT_PAGE.count(Lang::Es, 1u64);
        assert!(without.starts_with("1 cocina tiene"), "{without}");
    }

    #[test]
    fn spanish_unless_something_says_english() {
        assert_eq!(choose(&os(&["validate", "x"]), no_env), Lang::Es);
        assert_eq!(choose(&os(&["--lang", "en"]), no_env), Lang::En);
        assert_eq!(choose(&os(&["x", "--lang=en", "y"]), no_env), Lang::En);
        let english = |name: &str| (name == "LANG").then(|| "en_US.UTF-8".to_owned());
        assert_eq!(choose(&os(&["x"]), english), Lang::En);
        assert_eq!(choose(&os(&["--lang", "es"]), english), Lang::Es);
    }

    #[test]
    fn the_first_variable_set_wins_in_posix_order() {
        let vars = |name: &str| match name {
            "LC_ALL" => Some("C.UTF-8".to_owned()),
            "LANG" => Some("en_US.UTF-8".to_owned()),
            _ => None,
        };
        assert_eq!(choose(&os(&[]), vars), Lang::Es, "LC_ALL overrides LANG");
        let own = |name: &str| match name {
            "COCINA_LANG" => Some("en".to_owned()),
            "LC_ALL" => Some("es_MX.UTF-8".to_owned()),
            _ => None,
        };
        assert_eq!(choose(&os(&[]), own), Lang::En, "COCINA_LANG comes first");
        let empty = |name: &str| match name {
            "LC_ALL" => Some(String::new()),
            "LANG" => Some("en_GB".to_owned()),
            _ => None,
        };
        assert_eq!(
            choose(&os(&[]), empty),
            Lang::En,
            "an empty variable is unset"
        );
    }

    #[test]
    fn a_lang_after_the_end_of_options_or_not_a_language_is_ignored() {
        assert_eq!(choose(&os(&["--", "--lang", "en"]), no_env), Lang::Es);
        assert_eq!(choose(&os(&["--lang", "fr"]), no_env), Lang::Es);
        assert_eq!(choose(&os(&["--lang"]), no_env), Lang::Es);
    }
}
