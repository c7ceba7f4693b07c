//! Problems found while reading a delivery that do not stop the import.
//!
//! They are data, returned with the imported records, so that validation can
//! turn them into findings with Spanish and English messages. None of them
//! carries a personal value: they point at the cell instead. The one value
//! carried, the repair proposed for a kitchen's name or place, is public.

use std::fmt;

use cocina_model::{CurpError, KeyError, Lang, PersonalShape, Severity, SourceRef};
use serde::Serialize;

/// One problem found while reading, with where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportIssue {
    /// Where the problem is: file, sheet and cell or row.
    pub source: SourceRef,
    /// What the problem is.
    pub kind: IssueKind,
}

impl ImportIssue {
    /// Returns the severity the importer gives this kind of problem.
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

/// What went wrong while reading a value, row, sheet or file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum IssueKind {
    /// A required column was not found in a table's header.
    MissingColumn {
        /// Canonical field name.
        field: String,
    },
    /// A header cell is blank but its column has data.
    BlankHeader,
    /// Two header cells map to the same field; neither is used.
    DuplicateHeader {
        /// Canonical field name.
        field: String,
    },
    /// A cell holds a spreadsheet error such as `#N/A` or `#DIV/0!`.
    ErrorCell {
        /// Canonical field name.
        field: String,
        /// The error as the spreadsheet shows it.
        error: String,
    },
    /// A cell could not be read as the field's type.
    InvalidValue {
        /// Canonical field name.
        field: String,
        /// What the field expects, in English ("a number", "a date").
        expected: String,
    },
    /// A key cell does not hold a valid INEGI or kitchen key.
    InvalidKey {
        /// Canonical field name.
        field: String,
        /// Why it is not valid.
        error: KeyError,
    },
    /// A CURP cell holds an invalid CURP.
    InvalidCurp {
        /// Why it is not valid.
        error: CurpError,
    },
    /// A CURP was valid only after trimming or upper-casing.
    CurpReformatted,
    /// A code was stored as a number or without its leading zeros and was
    /// padded.
    CodePadded {
        /// Canonical field name.
        field: String,
    },
    /// A row lacks a value the record cannot exist without (the kitchen key).
    MissingValue {
        /// Canonical field name.
        field: String,
    },
    /// The delivery manifest (`entrega.json`) could not be read.
    InvalidManifest {
        /// 1-based line of the problem, 0 when the file was not parsed.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        problem: ManifestProblem,
    },
    /// A sheet or file was recognised as none of the known tables.
    UnrecognisedTable,
    /// A sheet has more rows or columns than the configured limit; the rest
    /// was not read.
    LimitReached {
        /// What limit was hit, such as "rows" or "columns".
        limit: String,
        /// The limit's value.
        max: u64,
    },
    /// A file could not be read at all; none of its data was imported.
    UnreadableFile {
        /// Why.
        cause: ReadFailure,
    },
    /// A sheet could not be read; the file's other sheets were.
    UnreadableSheet {
        /// Why.
        cause: ReadFailure,
    },
    /// A sheet broke off part way; the rows before the break were read.
    SheetTruncated {
        /// Why.
        cause: ReadFailure,
    },
    /// The sheet's merged regions could not be read, so values of merged
    /// cells appear only in each region's first cell.
    MergedCellsUnread,
    /// Two key cells of a row disagree, such as a CVEGEO whose municipality
    /// part differs from the municipality key; the separate key is kept.
    InconsistentKeys {
        /// The field that disagrees (the one not used).
        field: String,
        /// The field it disagrees with.
        other: String,
    },
    /// A kitchen's free text looks like UTF-8 that was read as
    /// Windows-1252 ("NiÃ±os" for "Niños"). The value is kept as read.
    SuspectedMojibake {
        /// Canonical field name.
        field: String,
        /// The text re-encoded as Windows-1252 and read as UTF-8: the
        /// proposed repair. Only public fields (a kitchen's name and place)
        /// are checked, so it is never a personal value.
        proposed: String,
    },
    /// A free-text cell holds U+FFFD, the replacement character: a letter
    /// was lost before the file was written and cannot be recovered.
    LostCharacter {
        /// Canonical field name.
        field: String,
    },
    /// A date could only be read by guessing; it was imported as the
    /// proposed date.
    DateRepaired {
        /// Canonical field name.
        field: String,
        /// What was guessed.
        repair: DateRepair,
        /// The cell's text; `None` for a personal date (a birth date),
        /// which is pointed at, never quoted.
        original: Option<Box<str>>,
        /// The date imported, ISO 8601; `None` for a personal date.
        proposed: Option<Box<str>>,
    },
    /// An age group that a spreadsheet turned into a date (`6-12` stored
    /// as 12 June) was read back as the group.
    AgeGroupFromDate {
        /// Canonical field name.
        field: String,
        /// The date as found, ISO 8601 or as shown (`12-Jun`).
        original: Box<str>,
        /// The age group imported, such as `6-12`.
        proposed: Box<str>,
    },
    /// A whole number written with one separator and three digits
    /// (`1.234`) was read with a thousands separator (1234).
    NumberRepaired {
        /// Canonical field name.
        field: String,
        /// The cell's text.
        original: Box<str>,
        /// The number imported.
        proposed: u32,
    },
    /// A public text (a kitchen's name or place, a product, a manifest
    /// field, a file name) looks like personal data and was replaced by
    /// [`PublicText::WITHHELD`](cocina_model::PublicText::WITHHELD). The
    /// value is not kept.
    PersonalDataWithheld {
        /// Canonical field name.
        field: String,
        /// What it looks like.
        shape: PersonalShape,
    },
    /// A public text held control, bidirectional or zero-width characters;
    /// they were removed.
    HiddenCharacters {
        /// Canonical field name.
        field: String,
    },
    /// A public text was longer than the limit and was cut to it.
    TextTooLong {
        /// Canonical field name.
        field: String,
        /// The limit, in characters.
        max: usize,
    },
    /// A cell of a delimited text file held a NUL byte, which no
    /// spreadsheet writes; it was removed and the rest of the file read.
    NulCharacter {
        /// The 1-based line of the file the NUL is on; a quoted cell can
        /// span lines, so it may be below the cell's row.
        line: u64,
        /// Canonical field name of the cell's column, when it is read.
        field: Option<String>,
    },
    /// A quote of a delimited text file is out of place (RFC 4180: a
    /// field is quoted whole, and a quote inside it is doubled).
    BadQuote {
        /// What is wrong.
        problem: QuoteProblem,
        /// The 1-based line of the quote that opens the field, or of the
        /// stray quote.
        line: u64,
        /// Canonical field name of the cell's column, when it is read.
        field: Option<String>,
    },
    /// A file of the delivery is a symbolic link to somewhere outside the
    /// delivery directory; it was not read.
    LinkOutsideDelivery,
    /// A file of the delivery is a symbolic link whose target is missing,
    /// loops or cannot be reached; nothing was read.
    BrokenLink,
    /// An entry of the delivery directory is not a regular file (a named
    /// pipe, a socket, a device, a folder); it was neither opened nor read.
    NotRegularFile {
        /// What it is.
        what: SpecialFile,
    },
    /// A file's own name looks like personal data; it is published (and
    /// named in every public report) as `published_as` instead.
    FileNameWithheld {
        /// What the name looks like.
        shape: PersonalShape,
        /// The neutral name used instead, `archivo-retirado-N` with the
        /// file's extension.
        published_as: String,
    },
    /// A total row disagrees with the sum of the rows it totals. The total
    /// row itself is never imported as a record.
    TotalMismatch {
        /// Canonical field name of the column.
        field: String,
        /// The total the row states.
        stated: f64,
        /// The sum of the rows above it (since the previous total, or since
        /// the header for a grand total).
        computed: f64,
    },
}

/// What had to be guessed to read a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DateRepair {
    /// The year had two digits; years 00–29 were read as 2000–2029 and
    /// 30–99 as 1930–1999, as spreadsheet programs do.
    TwoDigitYear,
    /// The date was written month first (`03/15/2016`): the day-first
    /// reading is impossible and the month-first one is not.
    MonthFirst,
    /// The cell held a spreadsheet day count as text, such as `42444`
    /// exported from a date cell without its format.
    SerialText,
}

impl DateRepair {
    fn describe(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (DateRepair::TwoDigitYear, Lang::Es) => "el año tenía dos cifras y se supuso el siglo",
            (DateRepair::TwoDigitYear, Lang::En) => {
                "the year had two digits; the century was guessed"
            }
            (DateRepair::MonthFirst, Lang::Es) => "estaba escrita con el mes primero",
            (DateRepair::MonthFirst, Lang::En) => "it was written month first",
            (DateRepair::SerialText, Lang::Es) => {
                "era un número de serie de fecha escrito como texto"
            }
            (DateRepair::SerialText, Lang::En) => "it was a date serial number typed as text",
        }
    }
}

/// What is wrong with a quote in delimited text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuoteProblem {
    /// A field opens with a quote that is never closed: read as written,
    /// the rest of the file would be one cell. The rows before it are
    /// read; its row and those after are not.
    NeverClosed,
    /// A quoted field goes on after its closing quote (`"Comedor" Sol`,
    /// or a quote inside the text that was not doubled). The value is
    /// read as the CSV rules give it, without that quote.
    TextAfterClosingQuote,
    /// A field that does not start with a quote has one inside
    /// (`Comedor "El Sol"`); it is read as written.
    QuoteInUnquotedField,
}

/// What a directory entry that is not a regular file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SpecialFile {
    /// A named pipe (FIFO): opening it would wait for a writer.
    Fifo,
    /// A Unix domain socket.
    Socket,
    /// A character device, such as `/dev/zero`.
    CharDevice,
    /// A block device, such as a disk.
    BlockDevice,
    /// A folder; the files inside it are not read.
    Folder,
    /// Something else the system does not name.
    Other,
}

/// What is wrong with a delivery manifest. Coarse on purpose: the JSON
/// parser's own message can quote the file's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ManifestProblem {
    /// Not valid JSON.
    Syntax,
    /// The file ends before the JSON does.
    Truncated,
    /// A field the manifest does not have.
    UnknownField,
    /// A value of the wrong type, or a date not in ISO 8601.
    WrongValue,
    /// Not a regular file (a directory, a pipe, a device).
    NotAFile,
    /// Larger than a manifest can be.
    TooLarge,
    /// The file could not be read from disk.
    Io,
}

/// Why a file or sheet could not be read. Deliberately coarse: the reader's
/// own message can quote the file's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReadFailure {
    /// The bytes are not the container the format needs (ZIP for .xlsx and
    /// .ods, OLE for .xls): a wrong extension, or not a spreadsheet at all.
    NotASpreadsheet,
    /// The workbook is protected with a password.
    Encrypted,
    /// The container opened but its content is broken or truncated.
    Malformed,
    /// A format the importer does not read, such as Apple Numbers or HTML
    /// saved as .xls.
    Unsupported,
    /// The file could not be read from disk.
    Io,
    /// The spreadsheet library failed unexpectedly on this input.
    ReaderFailed,
}

impl fmt::Display for ReadFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReadFailure::NotASpreadsheet => "not a spreadsheet of the expected format",
            ReadFailure::Encrypted => "password protected",
            ReadFailure::Malformed => "broken or truncated content",
            ReadFailure::Unsupported => "unsupported format",
            ReadFailure::Io => "could not be read from disk",
            ReadFailure::ReaderFailed => "the spreadsheet reader failed unexpectedly",
        })
    }
}

impl IssueKind {
    /// Returns the severity the importer gives this kind of problem.
    #[must_use]
    pub fn severity(&self) -> Severity {
        match self {
            // Folders often hold the delivery's documents; data put in one
            // is still worth a word.
            IssueKind::BadQuote {
                problem: QuoteProblem::QuoteInUnquotedField,
                ..
            }
            | IssueKind::NotRegularFile {
                what: SpecialFile::Folder,
            } => Severity::Notice,
            IssueKind::CodePadded { .. }
            | IssueKind::CurpReformatted
            | IssueKind::UnrecognisedTable
            | IssueKind::LimitReached { .. }
            | IssueKind::MergedCellsUnread
            | IssueKind::SuspectedMojibake { .. }
            | IssueKind::DateRepaired { .. }
            | IssueKind::AgeGroupFromDate { .. }
            | IssueKind::HiddenCharacters { .. }
            | IssueKind::NulCharacter { .. }
            | IssueKind::NotRegularFile { .. }
            | IssueKind::TextTooLong { .. }
            | IssueKind::NumberRepaired { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// Returns the message for the kinds that state a repair or a total,
    /// in `lang`; `None` for the other kinds, whose messages validation
    /// writes. No message quotes a personal value.
    #[must_use]
    pub fn repair_message(&self, lang: Lang) -> Option<String> {
        let message = match (self, lang) {
            (
                IssueKind::DateRepaired {
                    field,
                    repair,
                    original,
                    proposed,
                },
                lang,
            ) => date_message(
                field,
                *repair,
                original.as_deref().zip(proposed.as_deref()),
                lang,
            ),
            (
                IssueKind::AgeGroupFromDate {
                    field,
                    original,
                    proposed,
                },
                Lang::Es,
            ) => format!(
                "«{field}» tenía la fecha {original}: la hoja de cálculo convirtió el rango \
                 de edad en fecha; se importó como «{proposed}», corríjalo en el archivo \
                 con formato de texto"
            ),
            (
                IssueKind::AgeGroupFromDate {
                    field,
                    original,
                    proposed,
                },
                Lang::En,
            ) => format!(
                "\"{field}\" held the date {original}: the spreadsheet turned the age range \
                 into a date; imported as \"{proposed}\", fix it in the file as text"
            ),
            (
                IssueKind::NumberRepaired {
                    field,
                    original,
                    proposed,
                },
                Lang::Es,
            ) => format!(
                "«{field}» decía «{original}»; se leyó el punto o la coma como separador de \
                 miles: {proposed}; escriba el número sin separadores"
            ),
            (
                IssueKind::NumberRepaired {
                    field,
                    original,
                    proposed,
                },
                Lang::En,
            ) => format!(
                "\"{field}\" read \"{original}\"; the point or comma was taken as a \
                 thousands separator: {proposed}; write the number without separators"
            ),
            (
                IssueKind::TotalMismatch {
                    field,
                    stated,
                    computed,
                },
                Lang::Es,
            ) => format!(
                "la fila de total dice {stated} en «{field}» pero las filas que suma dan \
                 {computed}; revise el total o las filas"
            ),
            (
                IssueKind::TotalMismatch {
                    field,
                    stated,
                    computed,
                },
                Lang::En,
            ) => format!(
                "the total row states {stated} in \"{field}\" but the rows it totals add up \
                 to {computed}; check the total or the rows"
            ),
            _ => return None,
        };
        Some(message)
    }
}

/// The message of a repaired date; `values` is `(original, proposed)`
/// for a date that is not personal.
fn date_message(
    field: &str,
    repair: DateRepair,
    values: Option<(&str, &str)>,
    lang: Lang,
) -> String {
    let why = repair.describe(lang);
    match (values, lang) {
        (Some((original, proposed)), Lang::Es) => format!(
            "la fecha «{original}» de «{field}» se importó como {proposed} ({why}); \
             escríbala como DD/MM/AAAA"
        ),
        (Some((original, proposed)), Lang::En) => format!(
            "the date \"{original}\" in \"{field}\" was imported as {proposed} ({why}); \
             write it as DD/MM/YYYY"
        ),
        (None, Lang::Es) => format!(
            "la fecha de «{field}» en esta celda se importó suponiendo su lectura ({why}); \
             revísela y escríbala como DD/MM/AAAA"
        ),
        (None, Lang::En) => format!(
            "the \"{field}\" date in this cell was imported by guessing ({why}); check it \
             and write it as DD/MM/YYYY"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_and_totals_are_told_in_both_languages() {
        let kinds = [
            IssueKind::DateRepaired {
                field: "fecha_apertura".into(),
                repair: DateRepair::TwoDigitYear,
                original: Some("15/03/16".into()),
                proposed: Some("2016-03-15".into()),
            },
            IssueKind::AgeGroupFromDate {
                field: "rango_edad".into(),
                original: "2016-06-12".into(),
                proposed: "6-12".into(),
            },
            IssueKind::NumberRepaired {
                field: "cantidad".into(),
                original: "1.234".into(),
                proposed: 1234,
            },
            IssueKind::TotalMismatch {
                field: "cantidad".into(),
                stated: 11.0,
                computed: 10.0,
            },
        ];
        for kind in &kinds {
            let es = kind.repair_message(Lang::Es).expect("Spanish");
            let en = kind.repair_message(Lang::En).expect("English");
            assert_ne!(es, en);
            for message in [&es, &en] {
                assert!(!message.ends_with('.'), "{message}");
            }
        }
        let total = kinds[3].repair_message(Lang::Es).unwrap_or_default();
        assert!(total.contains("11") && total.contains("10"), "{total}");
        assert_eq!(IssueKind::BlankHeader.repair_message(Lang::Es), None);
        assert_eq!(kinds[3].severity(), Severity::Error);
        assert_eq!(kinds[0].severity(), Severity::Warning);
    }
}
