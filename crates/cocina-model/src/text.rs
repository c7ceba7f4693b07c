//! Text folding for matching what people typed against catalogues: header
//! wording, municipality names, status words.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

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
    let mut push = |c: char| {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else if !is_combining_mark(c) {
            pending_space = true;
        }
    };
    // Each character is decomposed on its own: the marks are dropped, so
    // the reordering a full NFD pass does would change nothing, and ASCII
    // (most of what is folded: register names, headers) needs no table.
    for c in text.chars() {
        if c.is_ascii() {
            push(c);
        } else {
            decompose_canonical(c, &mut push);
        }
    }
    out
}

/// The lines of a text, for turning a byte offset into the line a
/// spreadsheet program shows.
///
/// `\r\n`, `\n` and a lone `\r` each end a line. The csv crate miscounts
/// lines after `\r\n`, and may give a record's start as the `\n` of the
/// `\r\n` before it; a record never starts on a line end, so a line end
/// at the offset itself is counted as before it.
///
/// ```
/// use cocina_model::text::LineIndex;
///
/// let lines = LineIndex::new(b"clave\r\nOAX-1\r\nOAX-2\r\n");
/// assert_eq!(lines.line_at(0), 1);
/// assert_eq!(lines.line_at(6), 2); // the reader's start of the second record
/// assert_eq!(lines.line_at(14), 3);
/// ```
#[derive(Debug, Clone)]
pub struct LineIndex {
    ends: Vec<u64>,
}

impl LineIndex {
    /// Indexes the line ends of `text`.
    #[must_use]
    pub fn new(text: &[u8]) -> Self {
        let ends = text
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\r' || (b == b'\n' && (i == 0 || text[i - 1] != b'\r')))
            .map(|(i, _)| i as u64)
            .collect();
        Self { ends }
    }

    /// Returns the 1-based line of the record that starts at `byte`.
    #[must_use]
    pub fn line_at(&self, byte: u64) -> u64 {
        self.ends.partition_point(|&end| end <= byte) as u64 + 1
    }
}

#[cfg(test)]
mod tests {
    use super::{LineIndex, fold};

    #[test]
    fn every_line_ending_counts_once() {
        for text in ["a\nb\n\nc\n", "a\r\nb\r\n\r\nc\r\n", "a\rb\r\rc\r"] {
            let c_at = text.find('c').unwrap() as u64;
            let lines = LineIndex::new(text.as_bytes());
            assert_eq!(lines.line_at(0), 1, "{text:?}");
            assert_eq!(lines.line_at(c_at), 4, "{text:?}");
        }
    }

    #[test]
    fn folds_accents_case_punctuation_and_spacing() {
        assert_eq!(fold("San Juan Ñumí"), "san juan numi");
        assert_eq!(fold("SAN  JUAN\tNUMI."), "san juan numi");
        assert_eq!(fold("Sto. Dgo. Tehuantepec"), "sto dgo tehuantepec");
        assert_eq!(fold("FECHA_DE_NACIMIENTO"), "fecha de nacimiento");
        assert_eq!(fold(""), "");
        // Already decomposed text folds as composed text does.
        assert_eq!(fold("Nun\u{303}ez Ye\u{301}"), fold("Nuñez Yé"));
        assert_eq!(fold("Nun\u{303}ez Ye\u{301}"), "nunez ye");
    }
}
