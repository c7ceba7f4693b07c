//! Documents of the program: audits, evaluations, tender results, the
//! transparency request and its answer.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A SHA-256 digest as 64 lower-case hexadecimal characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Sha256Hex(String);

/// A text that is not 64 hexadecimal characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("SHA-256 must be 64 hexadecimal characters")]
pub struct InvalidSha256;

impl Sha256Hex {
    /// Checks and lower-cases a hexadecimal digest.
    ///
    /// # Errors
    ///
    /// Fails unless the text is 64 hexadecimal characters.
    pub fn new(text: &str) -> Result<Self, InvalidSha256> {
        if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(Self(text.to_ascii_lowercase()))
        } else {
            Err(InvalidSha256)
        }
    }

    /// Returns the digest.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Sha256Hex {
    type Error = InvalidSha256;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::new(&text)
    }
}

impl From<Sha256Hex> for String {
    fn from(hex: Sha256Hex) -> Self {
        hex.0
    }
}

impl fmt::Display for Sha256Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// An audit (*auditoría*).
    Audit,
    /// An evaluation (*evaluación*).
    Evaluation,
    /// A diagnostic (*diagnóstico*).
    Diagnostic,
    /// The result of a food tender (*fallo de licitación*).
    TenderResult,
    /// Content and nutritional quality of the endowments.
    EndowmentSpecification,
    /// A transparency request (*solicitud de información*).
    TransparencyRequest,
    /// The agency's answer to a request.
    TransparencyAnswer,
    /// Anything else.
    Other,
}

/// A document's metadata; the file itself stays where it is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// What the document is.
    pub kind: DocumentKind,
    /// Its title.
    pub title: String,
    /// Who issued it (the agency, the federal auditor…).
    pub issuer: Option<String>,
    /// Year it refers to.
    pub year: Option<u16>,
    /// Digest of the file, to prove which version is meant.
    pub sha256: Option<Sha256Hex>,
    /// Where to obtain it: a URL or a description.
    pub location: Option<String>,
    /// File name within the delivery, when it came in one.
    pub file: Option<String>,
}
