//! Reading the fields of one row, recording a problem at its cell for every
//! value that cannot be read.

use chrono::NaiveDate;
use cocina_model::keys::KeyKind;
use cocina_model::public::key_looks_personal;
use cocina_model::{
    CellRef, KeyError, KitchenKey, PersonalShape, PublicText, RowOrigin, SourceRef,
};

use crate::header::Field;
use crate::issue::{ImportIssue, IssueKind};
use crate::layout::{Columns, TableKind};
use crate::mojibake;
use crate::table::{Table, TableRow};
use crate::value::{self, CodeText, InvalidCell, Value};
use crate::withheld_keys::WithheldKeys;

/// One data row being read, with the sink for its problems.
pub(crate) struct RowReader<'a> {
    table: &'a Table,
    row: &'a TableRow,
    columns: &'a Columns,
    issues: &'a mut Vec<ImportIssue>,
    /// The longest public text kept, in characters.
    text_limit: usize,
}

impl<'a> RowReader<'a> {
    pub(crate) fn new(
        table: &'a Table,
        row: &'a TableRow,
        columns: &'a Columns,
        issues: &'a mut Vec<ImportIssue>,
    ) -> Self {
        Self {
            table,
            row,
            columns,
            issues,
            text_limit: PublicText::DEFAULT_MAX_CHARS,
        }
    }

    /// Sets the longest public text kept, in characters.
    pub(crate) fn set_text_limit(&mut self, max_chars: usize) {
        self.text_limit = max_chars;
    }

    /// Returns where the row is, with the table's shared column map.
    pub(crate) fn origin(&self) -> RowOrigin {
        RowOrigin {
            file: self.table.file().clone(),
            sheet: self.table.sheet().cloned(),
            row: self.row.number(),
            columns: self.columns.map.clone(),
        }
    }

    /// Returns whether every read column of the row is blank.
    pub(crate) fn is_blank(&self) -> bool {
        self.columns.iter().all(|(_, c)| self.row.get(c).is_blank())
    }

    /// Returns whether the row repeats the header, as sheets pasted together
    /// from several regions do: every read column holds its header wording.
    pub(crate) fn repeats_header(&self) -> bool {
        // Compared as written (but for case and spaces) rather than folded:
        // folding cells of every row would cost as much as reading them.
        self.columns.labels().all(|(column, label)| {
            let text = self.row.get(column).as_text().unwrap_or_default();
            text.trim().eq_ignore_ascii_case(label)
        })
    }

    /// Returns the workbook's date system.
    pub(crate) fn date_system(&self) -> value::DateSystem {
        self.table.date_system()
    }

    /// Returns the canonical name of `field` in this table.
    pub(crate) fn field_name(&self, field: Field) -> &'static str {
        self.columns.name(field)
    }

    /// Returns whether the table reads `field`.
    pub(crate) fn has(&self, field: Field) -> bool {
        self.columns.column(field).is_some()
    }

    /// Returns the cell of `field` in this row, or `None` if not read.
    pub(crate) fn value(&self, field: Field) -> Option<&'a Value> {
        self.columns.column(field).map(|c| self.row.get(c))
    }

    fn place(&self, field: Field) -> SourceRef {
        match self.columns.column(field) {
            Some(column) => self.table.source(CellRef {
                row: self.row.number(),
                column,
            }),
            None => self.origin().whole_row(),
        }
    }

    /// Records a problem at the cell of `field`.
    pub(crate) fn report(&mut self, field: Field, kind: IssueKind) {
        let source = self.place(field);
        tracing::trace!(%source, ?kind, "cell problem");
        self.issues.push(ImportIssue { source, kind });
    }

    /// Records that `field` is blank although the record needs it.
    pub(crate) fn missing(&mut self, field: Field) {
        let name = self.columns.name(field).to_owned();
        self.report(field, IssueKind::MissingValue { field: name });
    }

    /// Records that `field` holds something it should not.
    pub(crate) fn invalid(&mut self, field: Field, expected: &str) {
        let name = self.columns.name(field).to_owned();
        let kind = IssueKind::InvalidValue {
            field: name,
            expected: expected.to_owned(),
        };
        self.report(field, kind);
    }

    /// Turns a read result into its value, recording the problem if any.
    fn checked<T>(&mut self, field: Field, read: Result<Option<T>, InvalidCell>) -> Option<T> {
        match read {
            Ok(value) => value,
            Err(InvalidCell::ErrorValue { error }) => {
                let name = self.columns.name(field).to_owned();
                self.report(field, IssueKind::ErrorCell { field: name, error });
                None
            }
            Err(InvalidCell::WrongType { expected }) => {
                self.invalid(field, expected);
                None
            }
        }
    }

    /// Reads `field` as trimmed text.
    pub(crate) fn text(&mut self, field: Field) -> Option<String> {
        let text_errors = !self.table.format().has_typed_errors();
        let read = self
            .value(field)
            .map_or(Ok(None), |v| value::read_text(v, text_errors));
        self.checked(field, read)
    }

    /// Reads `field` as free text, exactly as stored, recording an error
    /// when a letter was lost (U+FFFD).
    pub(crate) fn free_text(&mut self, field: Field) -> Option<String> {
        let text_errors = !self.table.format().has_typed_errors();
        let read = self
            .value(field)
            .map_or(Ok(None), |v| value::read_free_text(v, text_errors));
        let text = self.checked(field, read)?;
        if mojibake::has_lost_character(&text) {
            let name = self.columns.name(field).to_owned();
            self.report(field, IssueKind::LostCharacter { field: name });
        }
        Some(text)
    }

    /// Reads `field` as public free text (a kitchen's name or place),
    /// screened by [`PublicText::screen`]: hidden characters removed, a
    /// value that looks like personal data withheld, a long one cut. Each
    /// is reported at the cell without repeating the value. Text that
    /// looks like mojibake gets a warning proposing the repair; only public
    /// fields are checked, since the warning carries the proposed text.
    pub(crate) fn public_text(&mut self, field: Field) -> Option<String> {
        let raw = self.free_text(field)?;
        let screened = PublicText::screen(&raw, self.text_limit);
        let name = self.columns.name(field).to_owned();
        if screened.controls_removed {
            let kind = IssueKind::HiddenCharacters {
                field: name.clone(),
            };
            self.report(field, kind);
        }
        if let Some(shape) = screened.withheld {
            let kind = IssueKind::PersonalDataWithheld { field: name, shape };
            self.report(field, kind);
            return Some(screened.text.into_string());
        }
        if screened.truncated {
            let kind = IssueKind::TextTooLong {
                field: name.clone(),
                max: self.text_limit,
            };
            self.report(field, kind);
        }
        // Mojibake is looked for in the text as stored: a damaged letter
        // can hold a C1 character that screening removes. The repair
        // proposed is published in the finding, so it is screened too.
        let proposed = mojibake::repair_mojibake(&raw)
            .map(|repair| PublicText::screen(&repair, self.text_limit))
            .filter(|repair| repair.withheld.is_none());
        if let Some(proposed) = proposed {
            let kind = IssueKind::SuspectedMojibake {
                field: name,
                proposed: proposed.text.into_string(),
            };
            self.report(field, kind);
        }
        Some(screened.text.into_string())
    }

    /// Reads `field` as a finite number; NaN and infinities, which a
    /// workbook can store, are invalid values.
    pub(crate) fn number(&mut self, field: Field) -> Option<f64> {
        let text_errors = !self.table.format().has_typed_errors();
        let read = self
            .value(field)
            .map_or(Ok(None), |v| value::read_number(v, text_errors));
        let number = self.checked(field, read)?;
        if !number.is_finite() {
            self.invalid(field, "a finite number");
            return None;
        }
        Some(number)
    }

    /// Reads `field` as a whole number from 0 to `u32::MAX`. Text with one
    /// separator and three digits after it (`1.234`) is read as thousands,
    /// with a warning stating both readings.
    pub(crate) fn whole_number(&mut self, field: Field) -> Option<u32> {
        if let Some(Value::Text(text)) = self.value(field)
            && let Some(proposed) = value::thousands_reading(text)
        {
            let kind = IssueKind::NumberRepaired {
                field: self.columns.name(field).to_owned(),
                original: text.trim().into(),
                proposed,
            };
            self.report(field, kind);
            return Some(proposed);
        }
        let number = self.number(field)?;
        let whole = number.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&number);
        if !whole {
            self.invalid(field, "a whole number");
            return None;
        }
        Some(number as u32)
    }

    /// Reads `field` as a coordinate: a number, or text in decimal degrees
    /// or degrees-minutes-seconds.
    pub(crate) fn coordinate(&mut self, field: Field) -> Option<f64> {
        const EXPECTED: &str = "a coordinate in decimal degrees or degrees-minutes-seconds";
        let text_errors = !self.table.format().has_typed_errors();
        match self.value(field)? {
            Value::Text(text) if text.trim().is_empty() => None,
            Value::Text(text) if !(text_errors && value::looks_like_error(text)) => {
                let parsed = value::parse_coordinate(text);
                if parsed.is_none() {
                    self.invalid(field, EXPECTED);
                }
                parsed
            }
            _ => self.number(field),
        }
    }

    /// Reads `field` as a date, with the workbook's date system. A date
    /// read by guessing is kept, with a warning that states the original
    /// text and the date imported or, for a personal date, only points at
    /// the cell.
    pub(crate) fn date(&mut self, field: Field) -> Option<NaiveDate> {
        let text_errors = !self.table.format().has_typed_errors();
        let dates = self.table.date_system();
        let cell = self.value(field);
        let read = cell.map_or(Ok(None), |v| {
            value::read_date_checked(v, dates, text_errors)
        });
        let read = self.checked(field, read)?;
        if let Some(repair) = read.repair {
            let personal =
                field == Field::BirthDate || self.columns.kind == TableKind::Beneficiaries;
            let shown = (!personal).then(|| {
                let original = cell.and_then(Value::as_text).unwrap_or_default();
                (original.trim().into(), read.date.to_string().into())
            });
            let (original, proposed) = shown.unzip();
            let kind = IssueKind::DateRepaired {
                field: self.columns.name(field).to_owned(),
                repair,
                original,
                proposed,
            };
            self.report(field, kind);
        }
        Some(read.date)
    }

    /// Reads `field` as a code of `width` digits, recording a warning when
    /// zeros had to be added.
    pub(crate) fn code(&mut self, field: Field, width: usize, pad_text: bool) -> Option<String> {
        let read = self
            .value(field)
            .map_or(Ok(None), |v| value::read_code(v, width, pad_text));
        let CodeText { text, padded } = self.checked(field, read)?;
        if padded {
            let name = self.columns.name(field).to_owned();
            self.report(field, IssueKind::CodePadded { field: name });
        }
        Some(text)
    }

    /// Reads an INEGI key of `width` digits with `parse`, recording why it
    /// is not valid.
    pub(crate) fn key<K>(
        &mut self,
        field: Field,
        width: usize,
        parse: impl Fn(&str) -> Result<K, KeyError>,
    ) -> Option<K> {
        let text = self.code(field, width, true)?;
        self.parsed(field, parse(&text))
    }

    /// Reads the 9-digit CVEGEO of a locality. A shorter text is refused:
    /// its missing digits cannot be told from its present ones.
    pub(crate) fn locality_cvegeo(&mut self) -> Option<cocina_model::Cvegeo> {
        let text = self.code(Field::Cvegeo, 9, false)?;
        let parsed = if text.len() == 9 {
            cocina_model::Cvegeo::new(&text)
        } else {
            Err(KeyError::Length {
                kind: KeyKind::Cvegeo,
                expected: 9,
                found: text.chars().count(),
            })
        };
        self.parsed(Field::Cvegeo, parsed)
    }

    fn parsed<K>(&mut self, field: Field, parsed: Result<K, KeyError>) -> Option<K> {
        match parsed {
            Ok(key) => Some(key),
            Err(error) => {
                let name = self.columns.name(field).to_owned();
                self.report(field, IssueKind::InvalidKey { field: name, error });
                None
            }
        }
    }

    /// Reads the kitchen key, recording a missing or invalid one. A key
    /// that looks like personal data is replaced by its neutral key in
    /// `withheld`, reported at its cell (in a kitchens list at every row,
    /// elsewhere at its first row in the file) without repeating it.
    pub(crate) fn kitchen_key(&mut self, withheld: &WithheldKeys) -> Option<KitchenKey> {
        let field = Field::KitchenKey;
        let blank = self.value(field).is_none_or(Value::is_blank);
        match self.text(field) {
            Some(text) => match KitchenKey::new(&text) {
                Err(KeyError::KitchenKeyLooksPersonal) => self.neutral_key(&text, withheld),
                parsed => self.parsed(field, parsed),
            },
            None if blank => {
                self.missing(field);
                None
            }
            // An error cell, already recorded.
            None => None,
        }
    }

    fn neutral_key(&mut self, raw: &str, withheld: &WithheldKeys) -> Option<KitchenKey> {
        let field = Field::KitchenKey;
        let neutral = withheld.neutral(raw, self.table.file())?;
        let listed_here = self.columns.kind == TableKind::Kitchens;
        if neutral.first_in_file || listed_here {
            let shape = key_looks_personal(raw).unwrap_or(PersonalShape::Name);
            let name = self.columns.name(field).to_owned();
            let kind = IssueKind::PersonalDataWithheld { field: name, shape };
            self.report(field, kind);
        }
        Some(neutral.key)
    }
}
