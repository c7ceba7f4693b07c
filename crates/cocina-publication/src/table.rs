//! Tables as the package publishes them: typed columns described once, so
//! that the CSV file, the Excel sheet and the Table Schema of
//! `datapackage.json` cannot disagree.

use chrono::NaiveDate;
use serde_json::{Value as Json, json};

/// A column's type, as Frictionless Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Text, including keys: zero-padded keys stay text.
    String,
    /// A whole number.
    Integer,
    /// A decimal number.
    Number,
    /// An ISO 8601 date.
    Date,
    /// `true` or `false`.
    Boolean,
}

impl FieldType {
    fn name(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Date => "date",
            FieldType::Boolean => "boolean",
        }
    }
}

/// One column: its name, type, unit and what it means in Spanish and
/// English.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Name in the header row.
    pub name: &'static str,
    /// Type.
    pub kind: FieldType,
    /// What it holds, in Spanish.
    pub es: &'static str,
    /// What it holds, in English.
    pub en: &'static str,
    /// Unit of a quantity (`personas`, `grados`, `bytes`).
    pub unit: Option<&'static str>,
    /// Whether every row has a value.
    pub required: bool,
    /// A pattern every value matches, such as `^[0-9]{3}$`.
    pub pattern: Option<&'static str>,
    /// The only values allowed.
    pub values: Option<&'static [&'static str]>,
}

impl Field {
    /// A column of `kind` with its descriptions; optional, no unit.
    #[must_use]
    pub const fn new(
        name: &'static str,
        kind: FieldType,
        es: &'static str,
        en: &'static str,
    ) -> Self {
        Self {
            name,
            kind,
            es,
            en,
            unit: None,
            required: false,
            pattern: None,
            values: None,
        }
    }

    /// The same column, with a unit.
    #[must_use]
    pub const fn unit(mut self, unit: &'static str) -> Self {
        self.unit = Some(unit);
        self
    }

    /// The same column, required.
    #[must_use]
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// The same column, with a pattern.
    #[must_use]
    pub const fn pattern(mut self, pattern: &'static str) -> Self {
        self.pattern = Some(pattern);
        self
    }

    /// The same column, limited to `values`.
    #[must_use]
    pub const fn values(mut self, values: &'static [&'static str]) -> Self {
        self.values = Some(values);
        self
    }

    /// Returns the field's Table Schema descriptor.
    #[must_use]
    pub fn schema(&self) -> Json {
        let mut field = json!({
            "name": self.name,
            "type": self.kind.name(),
            "description": self.es,
            "description_en": self.en,
        });
        if self.kind == FieldType::Date {
            field["format"] = json!("default");
        }
        if let Some(unit) = self.unit {
            field["unit"] = json!(unit);
        }
        let mut constraints = serde_json::Map::new();
        if self.required {
            constraints.insert("required".into(), json!(true));
        }
        if let Some(pattern) = self.pattern {
            constraints.insert("pattern".into(), json!(pattern));
        }
        if let Some(values) = self.values {
            constraints.insert("enum".into(), json!(values));
        }
        if !constraints.is_empty() {
            field["constraints"] = Json::Object(constraints);
        }
        field
    }
}

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A decimal number, written with the given decimals.
    Num(f64, usize),
    /// A date.
    Date(NaiveDate),
    /// A yes or no.
    Bool(bool),
    /// No value.
    Null,
}

impl Value {
    /// Text, or no value.
    #[must_use]
    pub fn text(text: Option<impl Into<String>>) -> Self {
        text.map_or(Value::Null, |t| Value::Text(t.into()))
    }

    /// A count, or no value.
    #[must_use]
    pub fn count(n: Option<u64>) -> Self {
        n.map_or(Value::Null, |n| {
            Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
        })
    }

    /// Writes the value as a CSV cell: text that a spreadsheet would run
    /// as a formula is neutralised; numbers, negative ones included, are
    /// written as numbers.
    #[must_use]
    pub fn csv(&self) -> String {
        match self {
            Value::Text(text) => cocina_importers::neutralize_formula(text),
            Value::Int(n) => n.to_string(),
            Value::Num(x, decimals) => format!("{x:.decimals$}"),
            Value::Date(date) => date.format("%Y-%m-%d").to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Null => String::new(),
        }
    }
}

/// A foreign key: a column whose values are keys of another resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    /// The column of this table.
    pub field: &'static str,
    /// The resource it refers to.
    pub resource: &'static str,
    /// The key column of that resource.
    pub reference: &'static str,
}

/// A table of the package.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Resource name, also the CSV file's name and the Excel sheet's.
    pub name: &'static str,
    /// Title in Spanish.
    pub title_es: &'static str,
    /// Title in English.
    pub title_en: &'static str,
    /// Columns.
    pub fields: Vec<Field>,
    /// Rows, one value per column.
    pub rows: Vec<Vec<Value>>,
    /// The columns whose values identify a row.
    pub primary_key: Vec<&'static str>,
    /// Columns that refer to other tables.
    pub foreign_keys: Vec<ForeignKey>,
}

impl Table {
    /// Returns the CSV file's name.
    #[must_use]
    pub fn file_name(&self) -> String {
        format!("{}.csv", self.name)
    }

    /// Writes the table as CSV, UTF-8, with a header row.
    pub fn write_csv(&self, out: impl std::io::Write) -> csv::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(self.fields.iter().map(|f| f.name))?;
        for row in &self.rows {
            writer.write_record(row.iter().map(Value::csv))?;
        }
        writer.flush()?;
        Ok(())
    }

    /// Returns the Table Schema.
    #[must_use]
    pub fn schema(&self) -> Json {
        let mut schema = json!({
            "fields": self.fields.iter().map(Field::schema).collect::<Vec<_>>(),
            "missingValues": [""],
        });
        if !self.primary_key.is_empty() {
            schema["primaryKey"] = json!(self.primary_key);
        }
        if !self.foreign_keys.is_empty() {
            schema["foreignKeys"] = self
                .foreign_keys
                .iter()
                .map(|fk| {
                    json!({
                        "fields": [fk.field],
                        "reference": { "resource": fk.resource, "fields": [fk.reference] },
                    })
                })
                .collect();
        }
        schema
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_are_not() {
        assert_eq!(
            Value::Text("=HYPERLINK(\"x\")".into()).csv(),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(Value::Text("-1+2".into()).csv(), "'-1+2");
        assert_eq!(Value::Text("@SUM".into()).csv(), "'@SUM");
        assert_eq!(Value::Num(-96.72531, 5).csv(), "-96.72531");
        assert_eq!(Value::Int(-3).csv(), "-3");
        assert_eq!(Value::Text("067".into()).csv(), "067");
    }

    #[test]
    fn schema_carries_types_units_and_both_languages() {
        let field = Field::new("beneficiarios", FieldType::Integer, "Personas", "People")
            .unit("personas")
            .required();
        let schema = field.schema();
        assert_eq!(schema["type"], "integer");
        assert_eq!(schema["unit"], "personas");
        assert_eq!(schema["description_en"], "People");
        assert_eq!(schema["constraints"]["required"], true);
    }
}
