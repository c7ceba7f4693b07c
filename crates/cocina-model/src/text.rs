//! Text folding for matching what people typed against catalogues: header
//! wording, municipality names, status words.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for comparison: strips accents (`Ñ` becomes `n`), lower-cases,
/// turns punctuation into spaces and collapses white space.
///
/// ```
/// use cocina_model::text::fold;
///
/// assert_eq!(fold("  HEROICA Cd. de Juchitán "), "heroica cd de juchitan");
/// assert_eq!(fold("No. DE COCINA"), "no de cocina");
/// ```
#[must_use]
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_accents_case_punctuation_and_spacing() {
        assert_eq!(fold("San Juan Ñumí"), "san juan numi");
        assert_eq!(fold("SAN  JUAN\tNUMI."), "san juan numi");
        assert_eq!(fold("Sto. Dgo. Tehuantepec"), "sto dgo tehuantepec");
        assert_eq!(fold("FECHA_DE_NACIMIENTO"), "fecha de nacimiento");
        assert_eq!(fold(""), "");
    }
}
