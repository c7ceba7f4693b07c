//! Damage that text took before it reached the spreadsheet: UTF-8 decoded
//! as Windows-1252 (*mojibake*, "NiÃ±os" for "Niños") and letters replaced
//! by U+FFFD, the replacement character.
//!
//! The spreadsheet stores the damage faithfully, so the reader returns it
//! as stored; these checks let the importer say so at the cell.

use encoding_rs::WINDOWS_1252;

/// The replacement character, left where a decoder met bytes it could not
/// read; the original letter is lost.
const REPLACEMENT: char = '\u{FFFD}';

/// Returns the text that `text` was before its UTF-8 bytes were decoded as
/// Windows-1252, or `None` when it does not look damaged that way.
///
/// Only text with the typical sequence (`Ã` followed by a character that
/// Windows-1252 writes as a byte from 0x80 to 0xBF, such as `Ã±` for `ñ`)
/// is considered, and only a repair that is valid UTF-8 with a non-ASCII
/// letter is proposed, so clean Spanish text is never flagged.
///
/// ```
/// use cocina_importers::repair_mojibake;
///
/// let repaired = repair_mojibake("JuchitÃ¡n de Zaragoza");
/// assert_eq!(repaired.as_deref(), Some("Juchitán de Zaragoza"));
/// assert_eq!(repair_mojibake("Juchitán de Zaragoza"), None);
/// ```
#[must_use]
pub fn repair_mojibake(text: &str) -> Option<String> {
    if !has_typical_sequence(text) {
        return None;
    }
    let (bytes, _, unmappable) = WINDOWS_1252.encode(text);
    if unmappable {
        return None;
    }
    let repaired = String::from_utf8(bytes.into_owned()).ok()?;
    let has_letter = repaired.chars().any(|c| !c.is_ascii() && c.is_alphabetic());
    (repaired != text && has_letter).then_some(repaired)
}

/// Returns whether `text` holds the replacement character U+FFFD.
pub(crate) fn has_lost_character(text: &str) -> bool {
    text.contains(REPLACEMENT)
}

/// Returns whether `text` has `Ã` followed by a UTF-8 continuation byte as
/// Windows-1252 shows it: the second byte of every two-byte letter from
/// U+00C0 to U+00FF (á, é, í, ñ, Ñ, ü…).
fn has_typical_sequence(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'Ã' && chars.peek().is_some_and(|&next| is_continuation(next)) {
            return true;
        }
    }
    false
}

/// Returns whether `c` is what Windows-1252 decodes a byte from 0x80 to
/// 0xBF to.
fn is_continuation(c: char) -> bool {
    let mut buffer = [0; 4];
    let (bytes, _, unmappable) = WINDOWS_1252.encode(c.encode_utf8(&mut buffer));
    !unmappable && matches!(*bytes, [0x80..=0xBF])
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn typical_mojibake_is_repaired() {
        let repair = |t| repair_mojibake(t);
        assert_eq!(
            repair("Comedor NiÃ±os HÃ©roes").as_deref(),
            Some("Comedor Niños Héroes")
        );
        // The last character is the soft hyphen that "í" becomes.
        assert_eq!(
            repair("San Juan Ã‘umÃ\u{AD}").as_deref(),
            Some("San Juan Ñumí")
        );
        // "Á" becomes "Ã" and U+0081, which Windows-1252 leaves undefined.
        assert_eq!(repair("Ã\u{81}NGEL").as_deref(), Some("ÁNGEL"));
    }

    #[test]
    fn clean_spanish_text_is_not_flagged() {
        let clean = [
            "Comedor Niños Héroes",
            "Santa María Huatulco",
            "San Juan Ñumí",
            "Güelatao de Juárez",
            "Comedor Comunitario — Sección 1",
            "Comedor “La Esperanza” ‘Centro’",
            "Paraje Yɨtɨ",
            "ÃRBOL",
            "Ã",
            "",
        ];
        for text in clean {
            assert_eq!(repair_mojibake(text), None, "{text}");
        }
    }

    #[test]
    fn replacement_character_is_a_lost_letter() {
        assert!(has_lost_character("Santa Mar\u{FFFD}a del Tule"));
        assert!(!has_lost_character("Santa María del Tule"));
    }

    proptest! {
        #[test]
        fn spanish_text_is_never_flagged(
            text in "[a-zA-Z0-9 ñÑáéíóúÁÉÍÓÚüÜ¿¡«»—–“”‘’.,;:()-]{0,40}",
        ) {
            prop_assert_eq!(repair_mojibake(&text), None);
        }
    }
}
