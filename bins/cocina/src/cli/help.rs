//! The help of every command and argument, in Spanish and English.
//!
//! [`HELP`] has one entry per command, named by its path (`""` for
//! `cocina` itself, `"geo lookup"`), with its description, its exit codes
//! and the help of each argument by its id. [`localize`] writes the texts
//! of one language into the command built by clap's derive, together with
//! the headings clap would otherwise print in English. Defaults, possible
//! values and environment variables are written into the texts rather than
//! appended by clap in English; a test checks that none is left out.

use clap::{Arg, ArgAction, Command};
use cocina_model::Lang;

use crate::i18n::Text;

/// The texts of one command.
pub(crate) struct CommandHelp {
    /// The subcommands leading to it, space-separated; `""` for the root.
    pub(crate) path: &'static str,
    pub(crate) about: Text,
    /// What the exit codes mean; shown after the arguments.
    pub(crate) exit: Option<Text>,
    /// The help of each argument, by the argument's id.
    pub(crate) args: &'static [(&'static str, Text)],
}

const fn t(es: &'static str, en: &'static str) -> Text {
    Text { es, en }
}

const DELIVERY: Text = t(
    "Directorio con los archivos de la entrega.",
    "Directory holding the delivery's files.",
);

/// Exit codes of the commands that produce something from a delivery and
/// do not judge it: errors in the data are reported, not an exit code.
const EXIT_PRODUCE: Text = t(
    "Códigos de salida: 0 terminó (los errores de los datos se informan, no cambian el \
     código); 2 error de uso, de lectura o escritura.",
    "Exit codes: 0 done (errors in the data are reported, they do not change the code); \
     2 usage, read or write error.",
);

/// Every command's texts.
pub(crate) const HELP: &[CommandHelp] = &[
    CommandHelp {
        path: "",
        about: t(
            "Cocina Abierta: valida, agrega, publica y sirve los datos del programa de \
             Cocinas Comedor Nutricional Comunitarias de Oaxaca.",
            "Cocina Abierta: validate, aggregate, publish and serve the data of Oaxaca's \
             community kitchens program.",
        ),
        exit: Some(t(
            "Idioma: español, salvo --lang en o una variable COCINA_LANG, LC_ALL, \
             LC_MESSAGES o LANG (la primera definida) que empiece por «en».\n\n\
             Códigos de salida: 0 bien; 1 la entrega tiene errores (solo validate e \
             import, que juzgan los datos); 2 error de uso, de lectura o escritura, de \
             configuración o de la base de datos. «cocina COMANDO --help» detalla cada \
             comando.",
            "Language: Spanish, unless --lang en or a COCINA_LANG, LC_ALL, LC_MESSAGES or \
             LANG variable (the first one set) starting with \"en\".\n\n\
             Exit codes: 0 fine; 1 the delivery has errors (validate and import only, \
             which judge the data); 2 usage, read or write, configuration or database \
             error. \"cocina COMMAND --help\" details each command.",
        )),
        args: &[
            (
                "lang",
                t(
                    "Idioma de la ayuda y los mensajes: es (español, el predeterminado) o en.",
                    "Language of the help and the messages: es (Spanish, the default) or en.",
                ),
            ),
            ("help", t("Muestra esta ayuda.", "Shows this help.")),
            ("version", t("Muestra la versión.", "Shows the version.")),
        ],
    },
    CommandHelp {
        path: "import",
        about: t(
            "Lee las hojas de cálculo de una entrega y resume lo encontrado; con --out \
             escribe también su forma canónica (USO INTERNO: datos personales).",
            "Read a delivery's spreadsheets and summarise what was found; with --out, also \
             write its canonical form (INTERNAL: personal data).",
        ),
        exit: Some(t(
            "Códigos de salida: 0 la importación no encontró errores; 1 encontró errores en \
             los datos (celdas o archivos ilegibles, CURP inválidas), con o sin --out e \
             --into, que se escriben igualmente; 2 error de uso, de lectura o escritura o de \
             la base de datos. Las reglas de validación no cambian el código: use \
             «cocina validate».",
            "Exit codes: 0 the import found no errors; 1 it found errors in the data \
             (unreadable cells or files, invalid CURPs), with or without --out and --into, \
             which are written all the same; 2 usage, read or write, or database error. The \
             validation rules do not change the code: use \"cocina validate\".",
        )),
        args: &[
            ("delivery", DELIVERY),
            (
                "format",
                t(
                    "Formato de salida: text (para personas, el predeterminado) o json.",
                    "Output format: text (for people, the default) or json.",
                ),
            ),
            (
                "out",
                t(
                    "Escribe la entrega canónica en este directorio, que se crea si falta: \
                     comedores.csv, padron.csv y entrega.json, más concentrado.csv si la \
                     entrega trae tablas de conteo y dotacion.csv si trae dotaciones \
                     (docs/delivery-format.md). SOLO USO INTERNO: los archivos contienen \
                     datos personales (nombres, CURP, fechas de nacimiento, teléfonos de \
                     los comités); no los publique nunca.",
                    "Write the canonical delivery into this directory, created if missing: \
                     comedores.csv, padron.csv and entrega.json, plus concentrado.csv when \
                     the delivery has count tables and dotacion.csv when it has endowments \
                     (docs/delivery-format.md). INTERNAL USE ONLY: the files hold personal \
                     data (names, CURPs, birth dates, committee phones); never publish \
                     them.",
                ),
            ),
            (
                "into",
                t(
                    "Además valida, agrega y añade la entrega (solo su parte pública) a la \
                     base de datos de un portal: un archivo SQLite o una URL postgres://.",
                    "Also validate, aggregate and add the delivery (public part only) to a \
                     portal's database: a SQLite file or a postgres:// URL.",
                ),
            ),
        ],
    },
    CommandHelp {
        path: "validate",
        about: t(
            "Revisa una entrega con todas las reglas (docs/rules.md).",
            "Check a delivery against every rule (docs/rules.md).",
        ),
        exit: Some(t(
            "Códigos de salida: 0 la entrega es válida; 1 tiene errores (o advertencias, con \
             --deny warnings); 2 error de uso, de lectura o de configuración.",
            "Exit codes: 0 the delivery is valid; 1 it has errors (or warnings, with --deny \
             warnings); 2 usage, read or configuration error.",
        )),
        args: &[
            ("delivery", DELIVERY),
            (
                "format",
                t(
                    "Formato de salida: text para personas (el predeterminado); json, \
                     github (anotaciones de GitHub Actions) o junit para CI.",
                    "Output format: text for people (the default); json, github (GitHub \
                     Actions annotations) or junit for CI.",
                ),
            ),
            (
                "config",
                t(
                    "Archivo de configuración (TOML): gravedades, reglas desactivadas, \
                     umbrales. Sin él se usa cocina.toml del directorio de la entrega si \
                     existe.",
                    "Configuration file (TOML): severities, rules turned off, thresholds. \
                     Without it, cocina.toml in the delivery directory is used if present.",
                ),
            ),
            (
                "deny",
                t(
                    "warnings: las advertencias también hacen fallar la validación \
                     (código 1).",
                    "warnings: warnings fail the validation too (exit code 1).",
                ),
            ),
            (
                "reference",
                t(
                    "Directorio de datos de referencia (como en geo lookup); activa las \
                     reglas de marginación (CA-R001) y población (CA-R002). También: \
                     variable COCINA_REFERENCE.",
                    "Directory of reference data (as for geo lookup); enables the rules on \
                     marginalization (CA-R001) and population (CA-R002). Also: the \
                     COCINA_REFERENCE variable.",
                ),
            ),
        ],
    },
    CommandHelp {
        path: "stats",
        about: t(
            "Cuenta personas beneficiarias por municipio, sexo y grupo de edad, o por otras \
             dimensiones, suprimiendo las cifras pequeñas.",
            "Count beneficiaries by municipality, sex and age group, or other dimensions, \
             with small counts suppressed.",
        ),
        exit: Some(EXIT_PRODUCE),
        args: &[
            (
                "deliveries",
                t(
                    "Directorios de las entregas; dé varios para compararlas con \
                     --by delivery.",
                    "Directories of the deliveries; give several to compare them with \
                     --by delivery.",
                ),
            ),
            (
                "by",
                t(
                    "Dimensiones separadas por comas: state, region, district, \
                     municipality, locality, kitchen (una de ellas), marginalization, sex, \
                     age-group, priority, delivery. Predeterminado: \
                     municipality,sex,age-group.",
                    "Dimensions, comma-separated: state, region, district, municipality, \
                     locality, kitchen (one of these), marginalization, sex, age-group, \
                     priority, delivery. Default: municipality,sex,age-group.",
                ),
            ),
            (
                "level",
                t(
                    "Niveles geográficos más amplios que se publican como subtotales en la \
                     misma tabla (p. ej. --by kitchen,sex --level municipality).",
                    "Coarser geographic levels to publish as subtotals in the same table \
                     (e.g. --by kitchen,sex --level municipality).",
                ),
            ),
            (
                "format",
                t(
                    "Formato de salida: table (el predeterminado), csv o json.",
                    "Output format: table (the default), csv or json.",
                ),
            ),
            (
                "suppress",
                t(
                    "Suprime las cifras pequeñas para publicar (lo predeterminado).",
                    "Suppress small counts for publication (the default).",
                ),
            ),
            (
                "internal",
                t(
                    "Muestra todas las cifras, sin suprimir. Solo para uso interno: las \
                     cifras pequeñas pueden identificar personas.",
                    "Show every count, unsuppressed. For internal use only: small counts \
                     can identify people.",
                ),
            ),
            (
                "threshold",
                t(
                    "Las cifras menores que este umbral se suprimen en la salida publicable. \
                     Predeterminado: 5.",
                    "Counts below this are suppressed in publishable output. Default: 5.",
                ),
            ),
            (
                "reference",
                t(
                    "Directorio de datos de referencia (como en docs/geography.md): hace \
                     falta para region, district, marginalization y la tasa por cada 1,000 \
                     habitantes. También: variable COCINA_REFERENCE.",
                    "Directory of reference data (as in docs/geography.md): needed for \
                     region, district, marginalization and the rate per 1,000 inhabitants. \
                     Also: the COCINA_REFERENCE variable.",
                ),
            ),
        ],
    },
    CommandHelp {
        path: "serve",
        about: t(
            "Importa, valida y agrega una entrega, la guarda y sirve el portal.",
            "Import, validate and aggregate a delivery, store it and serve the portal.",
        ),
        exit: Some(t(
            "Códigos de salida: 0 el servidor se detuvo (Ctrl-C); 2 error de uso, de \
             lectura, de la base de datos o de la dirección.",
            "Exit codes: 0 the server stopped (Ctrl-C); 2 usage, read, database or address \
             error.",
        )),
        args: &[
            ("delivery", DELIVERY),
            (
                "listen",
                t(
                    "Dirección y puerto en que escuchar: DIRECCIÓN:PUERTO, como \
                     127.0.0.1:8080 (también localhost:8080, o solo el puerto: 8080 es \
                     127.0.0.1:8080; 0.0.0.0:8080 para que la alcancen otras máquinas). \
                     Predeterminado: 127.0.0.1:8080.",
                    "Address and port to listen on: ADDRESS:PORT, such as 127.0.0.1:8080 \
                     (also localhost:8080, or only the port: 8080 is 127.0.0.1:8080; \
                     0.0.0.0:8080 to be reached from other machines). Default: \
                     127.0.0.1:8080.",
                ),
            ),
            (
                "database",
                t(
                    "Base de datos: un archivo SQLite (creado y migrado si falta) o una URL \
                     postgres://. Las entregas que ya tiene se quedan. También: variable \
                     COCINA_DATABASE.",
                    "Database: a SQLite file (created and migrated when missing) or a \
                     postgres:// URL. Deliveries already in it stay. Also: the \
                     COCINA_DATABASE variable.",
                ),
            ),
        ],
    },
    CommandHelp {
        path: "publish",
        about: t(
            "Escribe el paquete de datos abiertos (Frictionless, CSV, GeoJSON, Excel) y el \
             sitio estático de una entrega, sin datos personales.",
            "Write the open-data package (Frictionless, CSV, GeoJSON, Excel) and the static \
             site of a delivery, without personal data.",
        ),
        exit: Some(EXIT_PRODUCE),
        args: &[
            ("delivery", DELIVERY),
            (
                "reference",
                t(
                    "Directorio de datos de referencia (archivos de INEGI, CONAPO y DIGEPO, \
                     dispuestos como en docs/geography.md); con él se publican también \
                     regiones y distritos. También: variable COCINA_REFERENCE.",
                    "Directory of reference data (INEGI, CONAPO and DIGEPO files, laid out \
                     as in docs/geography.md); with it, regions and districts are published \
                     too. Also: the COCINA_REFERENCE variable.",
                ),
            ),
            (
                "out",
                t(
                    "Directorio donde escribir el sitio, con el paquete en su datos/; se \
                     crea si falta.",
                    "Directory to write the site into, with the package in its datos/; \
                     created if missing.",
                ),
            ),
        ],
    },
    CommandHelp {
        path: "geo",
        about: t(
            "Consulta los municipios de Oaxaca.",
            "Look up Oaxaca's municipalities.",
        ),
        exit: None,
        args: &[],
    },
    CommandHelp {
        path: "geo lookup",
        about: t(
            "Busca un municipio por nombre, clave INEGI (067 o 20067) o punto (LAT,LON).",
            "Find a municipality by name, INEGI key (067 or 20067) or point (LAT,LON).",
        ),
        exit: Some(t(
            "Códigos de salida: 0 se encontró el municipio, o candidatos; 2 error de uso, \
             ningún municipio coincide, o no se pudieron leer los datos de referencia.",
            "Exit codes: 0 the municipality, or candidates, were found; 2 usage error, no \
             municipality matches, or the reference data could not be read.",
        )),
        args: &[
            (
                "query",
                t(
                    "Un nombre, una clave o \"LAT,LON\".",
                    "A name, a key, or \"LAT,LON\".",
                ),
            ),
            (
                "reference",
                t(
                    "Directorio de datos de referencia (archivos de INEGI, CONAPO y DIGEPO, \
                     dispuestos como en docs/geography.md); con él cada municipio muestra \
                     también su distrito, región, población 2020 y grado de marginación \
                     CONAPO 2020. También: variable COCINA_REFERENCE.",
                    "Directory of reference data (INEGI, CONAPO and DIGEPO files, laid out \
                     as in docs/geography.md); with it each municipality also shows its \
                     district, region, 2020 population and CONAPO 2020 marginalization. \
                     Also: the COCINA_REFERENCE variable.",
                ),
            ),
        ],
    },
];

/// The headings clap writes around the help.
const USAGE: Text = t("Uso:", "Usage:");
const COMMANDS: Text = t("Comandos", "Commands");
const COMMAND: Text = t("COMANDO", "COMMAND");
const ARGUMENTS: Text = t("Argumentos", "Arguments");
const OPTIONS: Text = t("Opciones", "Options");

/// The names of the values in the usage lines, in Spanish; English keeps
/// the names of the arguments' definitions.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("DELIVERY", "ENTREGA"),
    ("FORMAT", "FORMATO"),
    ("DIR", "DIR"),
    ("DATABASE", "BASE_DE_DATOS"),
    ("FILE", "ARCHIVO"),
    ("WHAT", "QUÉ"),
    ("DIMS", "DIMENSIONES"),
    ("LEVELS", "NIVELES"),
    ("THRESHOLD", "UMBRAL"),
    ("REFERENCE", "DIR"),
    ("ADDRESS:PORT", "DIRECCIÓN:PUERTO"),
    ("QUERY", "CONSULTA"),
];

/// Returns the texts of the command at `path`.
pub(crate) fn find(path: &str) -> Option<&'static CommandHelp> {
    HELP.iter().find(|help| help.path == path)
}

/// Writes the texts of `lang` into `command` and its subcommands.
pub(crate) fn localize(command: Command, lang: Lang) -> Command {
    let version = Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version);
    let command = command.disable_version_flag(true).arg(version);
    // clap's `help` subcommand would describe itself in English; `--help`
    // does the same job.
    localize_at(command, "", lang).disable_help_subcommand(true)
}

fn localize_at(command: Command, path: &str, lang: Lang) -> Command {
    let help = find(path);
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        USAGE.get(lang)
    );
    let help_flag = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help);
    command
        .about(help.map(|h| h.about.get(lang)))
        .long_about(None)
        .after_help(help.and_then(|h| h.exit).map(|exit| exit.get(lang)))
        .help_template(template)
        .subcommand_help_heading(COMMANDS.get(lang))
        .subcommand_value_name(COMMAND.get(lang))
        .disable_help_flag(true)
        .arg(help_flag)
        .mut_args(|arg| with_help(arg, path, lang))
        .mut_subcommands(|sub| {
            let sub_path = format!("{path} {}", sub.get_name());
            localize_at(sub, sub_path.trim_start(), lang)
        })
}

/// Gives `arg` its help at `path`, under a heading in `lang`. The help and
/// version flags take the root's texts wherever they appear.
fn with_help(arg: Arg, path: &str, lang: Lang) -> Arg {
    let id = arg.get_id().as_str();
    let at = if matches!(id, "help" | "version" | "lang") {
        ""
    } else {
        path
    };
    let text = find(at).and_then(|help| help.args.iter().find(|(name, _)| *name == id));
    let heading = if arg.is_positional() {
        ARGUMENTS
    } else {
        OPTIONS
    };
    let arg = arg
        .help(text.map(|(_, text)| text.get(lang)))
        .help_heading(heading.get(lang));
    if !arg.get_action().takes_values() {
        return arg;
    }
    let arg = match lang {
        Lang::Es => spanish_value_name(arg),
        Lang::En => arg,
    };
    arg.hide_default_value(true)
        .hide_possible_values(true)
        .hide_env(true)
}

/// Names the value of `arg` in Spanish when [`VALUE_NAMES`] knows it;
/// clap names a value without a name of its own after the argument's id.
fn spanish_value_name(arg: Arg) -> Arg {
    let english = arg
        .get_value_names()
        .and_then(|names| names.first())
        .map_or_else(|| arg.get_id().as_str().to_uppercase(), ToString::to_string);
    match VALUE_NAMES.iter().find(|(name, _)| *name == english) {
        Some((_, spanish)) => arg.value_name(*spanish),
        None => arg,
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::Cli;

    /// Every command of the localized tree, with its path.
    fn commands(lang: Lang) -> Vec<(String, Command)> {
        let mut root = localize(Cli::command(), lang);
        root.build();
        let mut all = Vec::new();
        let mut todo = vec![(String::new(), root)];
        while let Some((path, command)) = todo.pop() {
            for sub in command.get_subcommands() {
                let sub_path = format!("{path} {}", sub.get_name()).trim().to_owned();
                todo.push((sub_path, sub.clone()));
            }
            all.push((path, command));
        }
        all
    }

    #[test]
    fn every_command_and_argument_has_help_in_both_languages() {
        for lang in Lang::ALL {
            for (path, command) in commands(lang) {
                assert!(command.get_about().is_some(), "{lang} {path:?}: no about");
                for arg in command.get_arguments() {
                    let id = arg.get_id();
                    assert!(arg.get_help().is_some(), "{lang} {path:?} {id}: no help");
                }
            }
        }
    }

    #[test]
    fn every_text_in_the_table_belongs_to_an_argument() {
        let tree = commands(Lang::Es);
        for help in HELP {
            let Some((_, command)) = tree.iter().find(|(path, _)| path == help.path) else {
                // `serve` is absent from the lean build.
                assert_eq!(help.path, "serve", "no command at {:?}", help.path);
                continue;
            };
            for (id, _) in help.args {
                assert!(
                    command.get_arguments().any(|a| a.get_id() == id),
                    "{:?} has no argument {id}",
                    help.path
                );
            }
        }
    }

    #[test]
    fn every_value_has_a_spanish_name() {
        let spanish = |name: &str| name == "es|en" || VALUE_NAMES.iter().any(|(_, es)| *es == name);
        for (path, command) in commands(Lang::Es) {
            let takes_values = command
                .get_arguments()
                .filter(|a| a.get_action().takes_values());
            for arg in takes_values {
                let names = arg.get_value_names().unwrap_or_default();
                assert!(
                    !names.is_empty() && names.iter().all(|name| spanish(name)),
                    "{path:?} {}: {names:?} is not a Spanish name",
                    arg.get_id()
                );
            }
        }
    }

    /// clap's own notes on defaults, values and variables are hidden, since
    /// it writes them in English: the texts must say them instead.
    #[test]
    fn the_help_names_every_default_value_and_variable() {
        for lang in Lang::ALL {
            for (path, command) in commands(lang) {
                for arg in command.get_arguments() {
                    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
                    let mut needed: Vec<String> = Vec::new();
                    // A flag's default (`false`) and values go without saying.
                    if arg.get_action().takes_values() {
                        let defaults = arg.get_default_values().iter();
                        needed.extend(defaults.map(|v| v.to_string_lossy().into_owned()));
                        let values = arg.get_possible_values();
                        needed.extend(values.iter().map(|v| v.get_name().to_owned()));
                    }
                    needed.extend(arg.get_env().map(|v| v.to_string_lossy().into_owned()));
                    for word in needed {
                        assert!(
                            help.contains(&word),
                            "{lang} {path:?} {}: help does not mention {word}",
                            arg.get_id()
                        );
                    }
                }
            }
        }
    }
}
