//! Spanish first: the help, the parser's errors, read errors, `geo lookup`,
//! the import summary and `publish` speak Spanish by default, and English
//! with `--lang en` or an English locale; counts agree with their number.

use std::process::Output;

use crate::support::{cocina, cocina_command};

/// Runs `cocina` with one environment variable set.
fn cocina_with(variable: &str, value: &str, args: &[&str]) -> Output {
    cocina_command()
        .env(variable, value)
        .args(args)
        .output()
        .expect("cocina runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 output")
}

fn assert_spanish_help(text: &str) {
    for expected in [
        "Uso: cocina",
        "Comandos:",
        "Opciones:",
        "Revisa una entrega",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    for english in ["Usage:", "Commands:", "Options:", "Print help"] {
        assert!(!text.contains(english), "{english} in:\n{text}");
    }
}

fn assert_english_help(text: &str) {
    for expected in ["Usage: cocina", "Commands:", "Options:", "Check a delivery"] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert!(!text.contains("Revisa una entrega"), "{text}");
}

#[test]
fn help_is_spanish_by_default() {
    let out = cocina(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert_spanish_help(&stdout(&out));
}

#[test]
fn the_help_command_shows_a_command_s_help() {
    let out = cocina(&["help", "validate"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("Uso: cocina validate [OPCIONES] <ENTREGA>"),
        "{text}"
    );
}

#[test]
fn help_is_english_with_the_switch_or_an_english_locale() {
    assert_english_help(&stdout(&cocina(&["--lang", "en", "--help"])));
    assert_english_help(&stdout(&cocina(&["--help", "--lang=en"])));
    assert_english_help(&stdout(&cocina_with("LANG", "en_US.UTF-8", &["--help"])));
    assert_english_help(&stdout(&cocina_with("COCINA_LANG", "en", &["--help"])));
    let spanish = cocina_with("LANG", "es_MX.UTF-8", &["--help"]);
    assert_spanish_help(&stdout(&spanish));
    let forced = cocina_with("LANG", "en_US.UTF-8", &["--lang", "es", "--help"]);
    assert_spanish_help(&stdout(&forced));
}

#[test]
fn every_command_documents_its_exit_codes_in_both_languages() {
    let commands: [&[&str]; 6] = [
        &["import"],
        &["validate"],
        &["stats"],
        &["serve"],
        &["publish"],
        &["geo", "lookup"],
    ];
    for command in commands {
        let es = stdout(&cocina(&[command, &["--help"]].concat()));
        assert!(es.contains("Códigos de salida: 0"), "{command:?}:\n{es}");
        assert!(
            es.contains("Argumentos:") && es.contains("Opciones:"),
            "{es}"
        );
        assert!(es.contains("Muestra esta ayuda."), "{es}");
        assert!(es.contains("--lang <es|en>"), "{es}");
        let en = stdout(&cocina(&[command, &["--help", "--lang", "en"]].concat()));
        assert!(en.contains("Exit codes: 0"), "{command:?}:\n{en}");
        assert!(en.contains("Shows this help."), "{en}");
    }
}

#[test]
fn import_help_says_that_exit_one_holds_with_into() {
    let es = stdout(&cocina(&["import", "--help"]));
    assert!(es.contains("1 encontró errores en los datos"), "{es}");
    assert!(es.contains("con o sin --out e --into"), "{es}");
    let en = stdout(&cocina(&["import", "--help", "--lang", "en"]));
    assert!(en.contains("with or without --out and --into"), "{en}");
}

#[test]
fn usage_errors_are_spanish_by_default_and_exit_two() {
    let out = cocina(&["validate"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("error: faltan argumentos obligatorios"),
        "{err}"
    );
    assert!(err.contains("Uso: cocina validate"), "{err}");

    let out = cocina(&["validate", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("required arguments were not provided"),
        "{err}"
    );

    let out = cocina(&["geo", "lookup", "067", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("«fr» no es válido para «--lang"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_delivery_is_named_in_spanish_or_english() {
    let out = cocina(&["validate", "/nonexistent/delivery"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("error: no se pudo leer la entrega en /nonexistent/delivery"),
        "{err}"
    );
    assert!(
        err.contains("causa: no existe el archivo o directorio"),
        "{err}"
    );
    assert!(!err.contains("caused by"), "{err}");

    let out = cocina(&["validate", "/nonexistent/delivery", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("error: could not read the delivery in /nonexistent/delivery"),
        "{err}"
    );
    assert!(
        err.contains("caused by: no such file or directory"),
        "{err}"
    );
}

#[test]
fn geo_lookup_speaks_spanish_by_default() {
    let out = cocina(&["geo", "lookup", "HUATULCO"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains("«HUATULCO» no es un nombre completo; ¿quiso decir?"),
        "{text}"
    );
    assert!(text.contains("(punto interior: "), "{text}");
    assert!(!text.contains("interior point"), "{text}");

    let out = cocina(&["geo", "lookup", "HUATULCO", "--lang", "en"]);
    let text = stdout(&out);
    assert!(
        text.contains("\"HUATULCO\" is not a full name; did you mean:"),
        "{text}"
    );
    assert!(text.contains("(interior point: "), "{text}");
    assert!(!text.contains("punto interior"), "{text}");

    let out = cocina(&["geo", "lookup", "0,0"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("ningún municipio de Oaxaca contiene el punto 0,0"),
        "{err}"
    );
}

/// A delivery of one kitchen with one person whose CURP has a wrong check
/// digit: one import error.
fn one_error_delivery() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let kitchens = "CLAVE COCINA,NOMBRE DE LA COCINA,MUNICIPIO,CVE_MUN,LATITUD,LONGITUD\n\
                    OAX-1,Comedor Centro,OAXACA DE JUAREZ,067,17.0606,-96.7253\n";
    let register = "CLAVE COCINA,CURP,SEXO,EDAD,GRUPO DE EDAD\n\
                    OAX-1,UOPP150412MOCNRRA1,M,1,0-5\n";
    std::fs::write(dir.path().join("comedores.csv"), kitchens).unwrap();
    std::fs::write(dir.path().join("padron.csv"), register).unwrap();
    dir
}

#[test]
fn the_import_summary_is_spanish_by_default_with_counts_that_agree() {
    let dir = one_error_delivery();
    let out = cocina(&["import", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "one import error");
    let text = stdout(&out);
    for expected in [
        "  filas de cocinas:         1\n",
        "  personas beneficiarias:   1\n",
        "  problemas de importación: 1 error\n",
        "  problemas por código:\n",
        "  error       invalid_curp  padron.csv, celda B2\n",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }

    let out = cocina(&["import", dir.path().to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    for expected in [
        "  kitchen rows:  1\n",
        "  beneficiaries: 1\n",
        "  import issues: 1 error\n",
        "padron.csv, cell B2",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

#[test]
fn publish_says_what_it_wrote_in_the_chosen_language() {
    let dir = one_error_delivery();
    // A second person whose age is not in her age group: one warning.
    let register = dir.path().join("padron.csv");
    let mut text = std::fs::read_to_string(&register).unwrap();
    text.push_str("OAX-1,,F,40,0-5\n");
    std::fs::write(&register, text).unwrap();
    let site = tempfile::tempdir().unwrap();
    let site = site.path().join("sitio");
    let args = [
        "publish",
        dir.path().to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
    ];
    let out = cocina(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(": 1 cocina, "), "{text}");
    assert!(
        text.contains("La validación encontró 1 error y 1 advertencia: véase /calidad."),
        "{text}"
    );

    let out = cocina(&[&args[..], &["--lang", "en"]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(": 1 kitchen, "), "{text}");
    assert!(
        text.contains("Validation found 1 error and 1 warning: see /en/quality."),
        "{text}"
    );
}

/// The first line of a failed publication says what went wrong, not only
/// which delivery; under `--lang en` no Spanish is left in it.
#[test]
fn a_failed_publication_says_why_on_its_first_line_in_one_language() {
    let dir = one_error_delivery();
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("notas.txt"), "mine").unwrap();
    let delivery = dir.path().to_str().unwrap();
    let out_dir = site.path().to_str().unwrap();
    let args = ["publish", delivery, "--out", out_dir];

    let out = cocina(&args);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let first = err.lines().next().unwrap_or_default();
    assert!(first.contains(delivery) && first.contains(out_dir), "{err}");
    assert!(first.contains("contiene archivos que no escribió"), "{err}");
    assert!(!err.contains("holds files"), "{err}");

    let out = cocina(&[&args[..], &["--lang", "en"]].concat());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let first = err.lines().next().unwrap_or_default();
    assert!(first.starts_with("error: could not publish"), "{err}");
    assert!(
        first.contains("holds files `cocina publish` did not write"),
        "{err}"
    );
    for spanish in ["contiene", "carpeta", "causa"] {
        assert!(!err.contains(spanish), "{spanish:?} in:\n{err}");
    }

    let missing = dir.path().join("no-such-delivery");
    let missing = missing.to_str().unwrap();
    let out = cocina(&["publish", missing, "--out", out_dir, "--lang", "en"]);
    let err = stderr(&out);
    let first = err.lines().next().unwrap_or_default();
    assert!(first.contains("could not read the delivery"), "{err}");
    assert!(err.contains("no such file or directory"), "{err}");
    assert!(!err.contains("no se pudo"), "{err}");
}

#[test]
fn configuration_errors_are_written_in_the_chosen_language() {
    let dir = one_error_delivery();
    let config = dir.path().join("cocina.toml");
    std::fs::write(&config, "[thresholds]\nshared-point-kitchens = 1\n").unwrap();
    let delivery = dir.path().to_str().unwrap();

    let out = cocina(&["validate", delivery]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            "valor no válido para `thresholds.shared-point-kitchens`: se esperaba un \
                      número de cocinas, 2 o más"
        ),
        "{err}"
    );

    let out = cocina(&["validate", delivery, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("bad value for `thresholds.shared-point-kitchens`: expected a number"),
        "{err}"
    );
}

/// The words of `cocina stats`' table that must change with the language:
/// headings, sexes, age groups, levels, statuses and suppression marks.
const STATS_ENGLISH: [&str; 9] = [
    "level",
    "sex",
    "age group",
    "count",
    "women",
    "6 to 12 years",
    "municipality",
    "operating",
    "<small count>",
];
const STATS_SPANISH: [&str; 9] = [
    "nivel",
    "sexo",
    "grupo de edad",
    "cifra",
    "mujeres",
    "6 a 12 años",
    "municipio",
    "en operación",
    "<cifra pequeña>",
];

/// A synthetic delivery of 2,000 people in about 35 kitchens: quick to
/// read, with counts above a thousand and small cells that are suppressed.
fn synthetic_delivery() -> tempfile::TempDir {
    use cocina_generator::{SyntheticConfig, SyntheticFormat, write_synthetic};
    let dir = tempfile::tempdir().unwrap();
    let config = SyntheticConfig::with_people(2_000);
    write_synthetic(&config, SyntheticFormat::Csv, dir.path()).unwrap();
    dir
}

#[test]
fn the_stats_table_speaks_the_chosen_language_and_groups_thousands() {
    let delivery = synthetic_delivery();
    let dir = delivery.path().to_str().unwrap();
    let words = |text: &str, list: &[&str]| -> Vec<String> {
        let lower = text.to_lowercase();
        list.iter()
            .filter(|w| !lower.contains(&w.to_lowercase()))
            .map(|w| (*w).to_owned())
            .collect()
    };
    // Two tables: sex by municipality (with suppressed cells), and the
    // state by age group.
    let tables = |extra: &[&str], env: Option<(&str, &str)>| -> String {
        [["--by", "municipality,sex"], ["--by", "age-group"]]
            .iter()
            .map(|by| {
                let args = [&["stats", dir][..], by, extra].concat();
                let out = match env {
                    Some((name, value)) => cocina_with(name, value, &args),
                    None => cocina(&args),
                };
                assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
                stdout(&out)
            })
            .collect()
    };
    let spanish = tables(&[], None);
    assert_eq!(
        words(&spanish, &STATS_SPANISH),
        Vec::<String>::new(),
        "{spanish}"
    );
    // Whole English words only: "sex" is inside "sexo".
    for english in [
        "female",
        "male ",
        "operating",
        "age_group",
        "small_count",
        "count ",
    ] {
        assert!(
            !spanish.contains(english),
            "{english:?} in the Spanish table"
        );
    }
    for english in [
        tables(&["--lang", "en"], None),
        tables(&[], Some(("COCINA_LANG", "en"))),
    ] {
        assert_eq!(
            words(&english, &STATS_ENGLISH),
            Vec::<String>::new(),
            "{english}"
        );
        for spanish in ["mujeres", "en operación", "grupo de edad", "cifra pequeña"] {
            assert!(
                !english.contains(spanish),
                "{spanish:?} in the English table"
            );
        }
    }
    // The state's total, with its thousands grouped as everywhere people
    // read a count; the CSV keeps plain digits for programs.
    let args = ["stats", dir, "--by", "sex", "--level", "state"];
    let csv = stdout(&cocina(&[&args[..], &["--format", "csv"]].concat()));
    let total = csv
        .lines()
        .find(|l| l.starts_with("published") && l.contains(",total,"))
        .and_then(|l| l.split(',').nth(3))
        .expect("a total row")
        .parse::<u64>()
        .expect("plain digits in the CSV");
    assert!(total > 1_000, "{total}");
    let grouped = cocina_model::Lang::Es.number(total);
    assert!(grouped.contains(','), "{grouped}");
    for lang in ["es", "en"] {
        let table = stdout(&cocina(&[&args[..], &["--lang", lang]].concat()));
        assert!(table.contains(&grouped), "{grouped} missing from:\n{table}");
        assert!(!table.contains(&total.to_string()), "{table}");
    }
}
