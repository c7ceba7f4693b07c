//! Messages about the files of a delivery and the text of delimited files:
//! entries that are not read (links, pipes, folders), misplaced quotes and
//! NUL characters. Each says where (the line, and the column when it is
//! read), what was expected, and what was done.

use cocina_importers::{IssueKind, QuoteProblem, SpecialFile};
use cocina_model::Lang;

/// Writes the message of one of this module's import issues.
pub(crate) fn message(issue: &IssueKind, lang: Lang) -> String {
    match issue {
        IssueKind::NulCharacter { line, field } => {
            let cell = cell_on_line(field.as_deref(), *line, lang);
            match lang {
                Lang::Es => format!(
                    "{cell} tiene un carácter nulo (NUL, byte 0), que ninguna hoja de cálculo \
                     escribe; se esperaba texto sin caracteres de control: se quitó el carácter \
                     y se leyó el resto del archivo, revise el valor"
                ),
                Lang::En => format!(
                    "{cell} holds a NUL character (byte 0), which no spreadsheet writes; \
                     expected text without control characters: the character was removed \
                     and the rest of the file read, check the value"
                ),
            }
        }
        IssueKind::BadQuote {
            problem,
            line,
            field,
        } => quote(*problem, *line, field.as_deref(), lang),
        IssueKind::NotRegularFile { what } => not_regular(*what, lang),
        IssueKind::BrokenLink => lang
            .pick(
                "el archivo es un enlace simbólico roto: su destino no existe, no se puede \
                 alcanzar o apunta a sí mismo; no se leyó: ponga el archivo mismo en la \
                 carpeta de la entrega",
                "the file is a broken symbolic link: its target does not exist, cannot be \
                 reached or points back at itself; it was not read: put the file itself in \
                 the delivery folder",
            )
            .into(),
        _ => lang
            .pick(
                "el archivo es un enlace simbólico que apunta fuera de la entrega; no se \
                 leyó: copie el archivo dentro de la carpeta",
                "the file is a symbolic link that points outside the delivery; it was not \
                 read: copy the file into the folder",
            )
            .into(),
    }
}

/// "the "nombre" cell on line 4", or "the cell on line 4" when its column
/// is not read.
fn cell_on_line(field: Option<&str>, line: u64, lang: Lang) -> String {
    match (field, lang) {
        (Some(field), Lang::Es) => format!("la celda de «{field}» en la línea {line}"),
        (Some(field), Lang::En) => format!("the \"{field}\" cell on line {line}"),
        (None, Lang::Es) => format!("la celda en la línea {line}"),
        (None, Lang::En) => format!("the cell on line {line}"),
    }
}

fn quote(problem: QuoteProblem, line: u64, field: Option<&str>, lang: Lang) -> String {
    let (spanish, english) = match field {
        Some(field) => (format!(" («{field}»)"), format!(" (\"{field}\")")),
        None => (String::new(), String::new()),
    };
    match (problem, lang) {
        (QuoteProblem::NeverClosed, Lang::Es) => format!(
            "la comilla que abre este campo{spanish} en la línea {line} nunca se cierra: \
             el resto del archivo quedaría en una sola celda; se esperaba una comilla de \
             cierre (y \"\" para una comilla dentro del texto): se leyeron las filas \
             anteriores, esta y las siguientes no; cierre la comilla"
        ),
        (QuoteProblem::NeverClosed, Lang::En) => format!(
            "the quote that opens this field{english} on line {line} is never closed: the \
             rest of the file would fall into one cell; expected a closing quote (and \"\" \
             for a quote inside the text): the rows before were read, this one and those \
             after were not; close the quote"
        ),
        (QuoteProblem::TextAfterClosingQuote, Lang::Es) => format!(
            "el campo entre comillas{spanish} que empieza en la línea {line} sigue después \
             de su comilla de cierre; se esperaba que terminara en la comilla, o que cada \
             comilla dentro del texto fuera doble (\"\"): se leyó sin esa comilla, revise el \
             valor"
        ),
        (QuoteProblem::TextAfterClosingQuote, Lang::En) => format!(
            "the quoted field{english} that starts on line {line} goes on after its \
             closing quote; expected it to end at the quote, or each quote inside the text \
             to be doubled (\"\"): it was read without that quote, check the value"
        ),
        (_, Lang::Es) => format!(
            "el campo{spanish} de la línea {line} tiene una comilla pero no está entre \
             comillas; se leyó tal como está escrito; se esperaba el campo entre comillas y \
             la comilla doble (\"\")"
        ),
        (_, Lang::En) => format!(
            "the field{english} on line {line} holds a quote but is not quoted; it was read \
             as written; expected the field quoted and the quote doubled (\"\")"
        ),
    }
}

fn not_regular(what: SpecialFile, lang: Lang) -> String {
    let (es, en) = match what {
        SpecialFile::Fifo => ("una tubería con nombre (FIFO)", "a named pipe (FIFO)"),
        SpecialFile::Socket => ("un socket", "a socket"),
        SpecialFile::CharDevice => ("un dispositivo de caracteres", "a character device"),
        SpecialFile::BlockDevice => ("un dispositivo de bloques", "a block device"),
        SpecialFile::Folder => ("una carpeta", "a folder"),
        _ => (
            "algo que el sistema no nombra",
            "something the system does not name",
        ),
    };
    match (what, lang) {
        (SpecialFile::Folder, Lang::Es) => format!(
            "no es un archivo regular sino {es}: sus archivos no se leen; póngalos \
             directamente en la carpeta de la entrega"
        ),
        (SpecialFile::Folder, Lang::En) => format!(
            "not a regular file but {en}: its files are not read; put them directly in the \
             delivery folder"
        ),
        (_, Lang::Es) => format!(
            "no es un archivo regular sino {es}; no se abrió ni se leyó: quítelo de la \
             entrega o ponga en su lugar el archivo de datos"
        ),
        (_, Lang::En) => format!(
            "not a regular file but {en}; it was neither opened nor read: remove it from \
             the delivery or put the data file in its place"
        ),
    }
}
