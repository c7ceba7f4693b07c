//! The dimensions a table can be broken down by, and what a query asks for.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A geographic level, from the whole state down to one kitchen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GeoLevel {
    /// Kitchen: the finest level.
    Kitchen,
    /// Locality (INEGI key `MMMLLLL` within the state).
    Locality,
    /// Municipality (INEGI key).
    Municipality,
    /// One of the 30 districts; needs the reference directory.
    District,
    /// One of the 8 regions; needs the reference directory.
    Region,
    /// The whole state: the grand total.
    State,
}

impl GeoLevel {
    /// Every level, from the finest to the whole state.
    pub const ALL: [GeoLevel; 6] = [
        GeoLevel::Kitchen,
        GeoLevel::Locality,
        GeoLevel::Municipality,
        GeoLevel::District,
        GeoLevel::Region,
        GeoLevel::State,
    ];

    /// Returns whether the level comes only from the reference directory.
    #[must_use]
    pub fn needs_reference(self) -> bool {
        matches!(self, GeoLevel::District | GeoLevel::Region)
    }

    /// The name used on the command line and in output columns.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            GeoLevel::Kitchen => "kitchen",
            GeoLevel::Locality => "locality",
            GeoLevel::Municipality => "municipality",
            GeoLevel::District => "district",
            GeoLevel::Region => "region",
            GeoLevel::State => "state",
        }
    }
}

impl fmt::Display for GeoLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One dimension of a beneficiary or kitchen table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// A geographic level.
    Geo(GeoLevel),
    /// The municipality's degree of marginalization (CONAPO 2020); needs
    /// the reference directory.
    Marginalization,
    /// Sex.
    Sex,
    /// Age group.
    AgeGroup,
    /// Priority group besides age: pregnant or breastfeeding, disability,
    /// both, none, or unknown (count tables do not say).
    Priority,
    /// The delivery the figure comes from.
    Delivery,
    /// A kitchen's status; only for kitchen tables.
    Status,
}

impl Dimension {
    /// The name used on the command line and in output columns.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Geo(level) => level.name(),
            Dimension::Marginalization => "marginalization",
            Dimension::Sex => "sex",
            Dimension::AgeGroup => "age_group",
            Dimension::Priority => "priority",
            Dimension::Delivery => "delivery",
            Dimension::Status => "status",
        }
    }

    /// Returns whether the dimension comes only from the reference
    /// directory.
    #[must_use]
    pub fn needs_reference(self) -> bool {
        match self {
            Dimension::Geo(level) => level.needs_reference(),
            Dimension::Marginalization => true,
            _ => false,
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a query cannot be answered. Every message is in Spanish, then
/// English.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// A dimension name is not known.
    #[error(
        "dimensión desconocida `{0}`; use: {list} / unknown dimension `{0}`; use: {list}",
        list = DIMENSION_NAMES
    )]
    UnknownDimension(String),
    /// A geographic level name is not known.
    #[error(
        "nivel geográfico desconocido `{0}`; use: {list} / unknown geographic level `{0}`; \
         use: {list}",
        list = LEVEL_NAMES
    )]
    UnknownLevel(String),
    /// A dimension was named twice.
    #[error("la dimensión `{0}` aparece dos veces / dimension `{0}` is given twice")]
    Repeated(Dimension),
    /// Two geographic levels in `--by`; coarser ones go in `--level`.
    #[error(
        "solo un nivel geográfico en --by ({0} y {1}); los demás van en --level / only one \
         geographic level in --by ({0} and {1}); put the others in --level"
    )]
    TwoLevels(GeoLevel, GeoLevel),
    /// A `--level` is finer than the level of `--by`.
    #[error(
        "el nivel {0} es más fino que {1} de --by; --level añade subtotales más gruesos / level \
         {0} is finer than {1} in --by; --level adds coarser subtotals"
    )]
    FinerLevel(GeoLevel, GeoLevel),
    /// Region, district or marginalization without a reference directory.
    #[error(
        "`{0}` viene de los catálogos de referencia: indique --reference DIR / `{0}` comes \
         from the reference catalogues: give --reference DIR"
    )]
    NeedsReference(Dimension),
    /// Status asked of a beneficiary table.
    #[error(
        "`status` solo aplica a la tabla de cocinas / `status` applies only to the kitchen \
         table"
    )]
    StatusOfPeople,
    /// Sex, age group or priority asked of a kitchen table.
    #[error("`{0}` no aplica a la tabla de cocinas / `{0}` does not apply to the kitchen table")]
    NotAKitchenDimension(Dimension),
    /// The table would have too many cells to hold densely.
    #[error(
        "la tabla tendría {0} celdas, más de {max}; pida menos dimensiones / the table would \
         have {0} cells, more than {max}; ask for fewer dimensions",
        max = MAX_CELLS
    )]
    TooLarge(u128),
}

/// The most cells a table may have, margins included (about 1 GiB of
/// bookkeeping at worst); real queries have far fewer.
pub const MAX_CELLS: u128 = 1 << 26;

const DIMENSION_NAMES: &str = "state, region, district, municipality, locality, kitchen, \
                               marginalization, sex, age-group, priority, delivery, status";
const LEVEL_NAMES: &str = "state, region, district, municipality, locality, kitchen";

impl FromStr for GeoLevel {
    type Err = QueryError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match normalise(text).as_str() {
            "state" | "estado" => Ok(GeoLevel::State),
            "region" => Ok(GeoLevel::Region),
            "district" | "distrito" => Ok(GeoLevel::District),
            "municipality" | "municipio" => Ok(GeoLevel::Municipality),
            "locality" | "localidad" => Ok(GeoLevel::Locality),
            "kitchen" | "cocina" | "comedor" => Ok(GeoLevel::Kitchen),
            _ => Err(QueryError::UnknownLevel(text.to_owned())),
        }
    }
}

impl FromStr for Dimension {
    type Err = QueryError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if let Ok(level) = text.parse() {
            return Ok(Dimension::Geo(level));
        }
        match normalise(text).as_str() {
            "marginalization" | "marginacion" => Ok(Dimension::Marginalization),
            "sex" | "sexo" => Ok(Dimension::Sex),
            "agegroup" | "age" | "rangoedad" | "edad" => Ok(Dimension::AgeGroup),
            "priority" | "prioritygroup" | "prioridad" | "grupoprioritario" => {
                Ok(Dimension::Priority)
            }
            "delivery" | "entrega" => Ok(Dimension::Delivery),
            "status" | "estatus" => Ok(Dimension::Status),
            _ => Err(QueryError::UnknownDimension(text.to_owned())),
        }
    }
}

/// Lower case, without accents, hyphens, underscores or spaces.
fn normalise(text: &str) -> String {
    text.trim()
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .map(|c| match c.to_ascii_lowercase() {
            'á' | 'Á' => 'a',
            'é' | 'É' => 'e',
            'í' | 'Í' => 'i',
            'ó' | 'Ó' => 'o',
            'ú' | 'Ú' => 'u',
            other => other,
        })
        .collect()
}

/// What a table is broken down by.
///
/// `by` lists the dimensions, at most one of them geographic (the finest
/// level shown). `levels` adds coarser geographic subtotals to the same
/// table, such as municipalities above their kitchens, so that suppression
/// protects the hierarchy too. The whole state is always the grand total.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    by: Vec<Dimension>,
    levels: Vec<GeoLevel>,
}

impl Query {
    /// Checks that `by` names each dimension once and one geographic level
    /// at most, and that `levels` are coarser than it. When `by` has no
    /// geographic level, the finest of `levels` becomes it.
    pub fn new(by: Vec<Dimension>, levels: Vec<GeoLevel>) -> Result<Self, QueryError> {
        let mut by_checked: Vec<Dimension> = Vec::with_capacity(by.len());
        for dim in by {
            if by_checked.contains(&dim) {
                return Err(QueryError::Repeated(dim));
            }
            if let (Dimension::Geo(new), Some(old)) = (dim, geo_of(&by_checked)) {
                return Err(QueryError::TwoLevels(old, new));
            }
            by_checked.push(dim);
        }
        let mut levels: Vec<GeoLevel> = levels
            .into_iter()
            .filter(|l| *l != GeoLevel::State)
            .collect();
        levels.sort();
        levels.dedup();
        let finest = match geo_of(&by_checked) {
            Some(level) => level,
            None if levels.is_empty() => return Ok(Self::flat(by_checked)),
            None => {
                let finest = levels.remove(0);
                by_checked.insert(0, Dimension::Geo(finest));
                finest
            }
        };
        if let Some(finer) = levels.iter().find(|l| **l <= finest) {
            if *finer == finest {
                return Err(QueryError::Repeated(Dimension::Geo(finest)));
            }
            return Err(QueryError::FinerLevel(*finer, finest));
        }
        Ok(Self {
            by: by_checked,
            levels,
        })
    }

    fn flat(by: Vec<Dimension>) -> Self {
        Self {
            by,
            levels: Vec::new(),
        }
    }

    /// The dimensions, in the order given.
    #[must_use]
    pub fn by(&self) -> &[Dimension] {
        &self.by
    }

    /// The coarser geographic levels published as subtotals, finest first.
    #[must_use]
    pub fn levels(&self) -> &[GeoLevel] {
        &self.levels
    }

    /// The geographic level of `by`, if any.
    #[must_use]
    pub fn geo_level(&self) -> Option<GeoLevel> {
        geo_of(&self.by)
    }

    /// Returns the first dimension that needs the reference directory.
    #[must_use]
    pub fn needing_reference(&self) -> Option<Dimension> {
        self.by
            .iter()
            .copied()
            .chain(self.levels.iter().map(|l| Dimension::Geo(*l)))
            .find(|d| d.needs_reference())
    }
}

fn geo_of(dims: &[Dimension]) -> Option<GeoLevel> {
    dims.iter().find_map(|d| match d {
        Dimension::Geo(level) => Some(*level),
        _ => None,
    })
}

/// Parses a comma-separated list of dimensions, as `--by` takes it.
pub fn parse_dimensions(text: &str) -> Result<Vec<Dimension>, QueryError> {
    text.split(',')
        .filter(|part| !part.trim().is_empty())
        .map(str::parse)
        .collect()
}

/// Parses a comma-separated list of geographic levels, as `--level` takes
/// it.
pub fn parse_levels(text: &str) -> Result<Vec<GeoLevel>, QueryError> {
    text.split(',')
        .filter(|part| !part.trim().is_empty())
        .map(str::parse)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_either_language_and_spelling_parse() {
        let dims = parse_dimensions("municipio,sex,age-group,Grupo_Prioritario").unwrap();
        assert_eq!(
            dims,
            [
                Dimension::Geo(GeoLevel::Municipality),
                Dimension::Sex,
                Dimension::AgeGroup,
                Dimension::Priority
            ]
        );
    }

    #[test]
    fn an_unknown_dimension_is_named_in_both_languages() {
        let err = parse_dimensions("municipality,colour").unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("`colour`") && text.contains("desconocida"),
            "{text}"
        );
        assert!(text.contains("unknown dimension"), "{text}");
    }

    #[test]
    fn levels_must_be_coarser_than_the_geography_of_by() {
        let by = vec![Dimension::Geo(GeoLevel::Municipality), Dimension::Sex];
        let err = Query::new(by.clone(), vec![GeoLevel::Kitchen]).unwrap_err();
        assert_eq!(
            err,
            QueryError::FinerLevel(GeoLevel::Kitchen, GeoLevel::Municipality)
        );
        let query = Query::new(by, vec![GeoLevel::Region, GeoLevel::State]).unwrap();
        assert_eq!(query.levels(), [GeoLevel::Region]);
    }

    #[test]
    fn the_finest_level_becomes_the_geography_when_by_has_none() {
        let query = Query::new(
            vec![Dimension::Sex],
            vec![GeoLevel::Municipality, GeoLevel::Kitchen],
        )
        .unwrap();
        assert_eq!(query.geo_level(), Some(GeoLevel::Kitchen));
        assert_eq!(query.levels(), [GeoLevel::Municipality]);
    }
}
