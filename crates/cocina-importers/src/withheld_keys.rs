//! Kitchen keys that look like personal data.
//!
//! A key is published as a page address (`/cocinas/{key}`) and in every
//! table, so a key holding a CURP, a phone, an e-mail, a date or a name
//! ([`key_looks_personal`]) is replaced by a neutral key,
//! `CLAVE-RETIRADA-0001` ([`KitchenKey::withheld`]). Every table of the
//! delivery that gives the same key gets the same neutral key, so that the
//! register still points at its kitchen; the key itself is kept only in
//! memory, while importing, to tell keys apart.
//!
//! Neutral keys are numbered in the order their keys first appear, by file
//! name and then row, so that the same delivery always gets the same
//! ones. Files read one after another (as [`import_delivery_into`] does)
//! are numbered in that order at once; files read several at a time are
//! renumbered once all are read ([`WithheldKeys::renumbering`]).
//!
//! [`import_delivery_into`]: crate::import_delivery_into

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use cocina_model::KitchenKey;
use cocina_model::public::key_looks_personal;

/// The keys of one delivery that were replaced, shared by the files read
/// with the same [`ImportOptions`](crate::ImportOptions).
#[derive(Clone, Default)]
pub struct WithheldKeys(Arc<Mutex<Registry>>);

#[derive(Default)]
struct Registry {
    /// Each key replaced, normalised, with its neutral number and where it
    /// was first seen in each file (the file and the order of reading).
    keys: HashMap<String, Replaced>,
    /// How many keys were seen so far, in any file: the order of reading.
    seen: u64,
}

struct Replaced {
    number: u32,
    firsts: Vec<(Arc<str>, u64)>,
}

/// A neutral key given for a key that looks personal.
pub(crate) struct Neutral {
    /// The key published instead.
    pub(crate) key: KitchenKey,
    /// Whether this is the key's first appearance in its file, where it is
    /// reported.
    pub(crate) first_in_file: bool,
}

impl WithheldKeys {
    /// Returns the neutral key for `raw` as read in `file`, or `None` when
    /// the key does not look personal.
    pub(crate) fn neutral(&self, raw: &str, file: &Arc<str>) -> Option<Neutral> {
        let normal = normalise(raw);
        key_looks_personal(&normal)?;
        let mut registry = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        registry.seen += 1;
        let seen = registry.seen;
        let next = u32::try_from(registry.keys.len() + 1).unwrap_or(u32::MAX);
        let replaced = registry.keys.entry(normal).or_insert_with(|| Replaced {
            number: next,
            firsts: Vec::new(),
        });
        let first_in_file = !replaced.firsts.iter().any(|(f, _)| f == file);
        if first_in_file {
            replaced.firsts.push((file.clone(), seen));
        }
        Some(Neutral {
            key: KitchenKey::withheld(replaced.number),
            first_in_file,
        })
    }

    /// Returns the neutral keys to give instead of those given while
    /// reading, so that they are numbered by file, in the order of
    /// `files`, then by row: the numbering [`WithheldKeys::neutral`] gives
    /// when files are read one after another. Only keys whose number
    /// changes are listed.
    pub(crate) fn renumbering(&self, files: &[&str]) -> HashMap<KitchenKey, KitchenKey> {
        let registry = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let first = |replaced: &Replaced| {
            replaced
                .firsts
                .iter()
                .map(|(file, seen)| {
                    let index = files.iter().position(|f| **f == **file);
                    (index.unwrap_or(usize::MAX), *seen)
                })
                .min()
        };
        let mut order: Vec<_> = registry
            .keys
            .values()
            .map(|replaced| (first(replaced), replaced.number))
            .collect();
        order.sort_unstable();
        order
            .into_iter()
            .zip(1u32..)
            .filter(|((_, given), number)| given != number)
            .map(|((_, given), number)| (KitchenKey::withheld(given), KitchenKey::withheld(number)))
            .collect()
    }
}

/// The key as [`KitchenKey::new`] normalises it.
fn normalise(raw: &str) -> String {
    raw.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

impl fmt::Debug for WithheldKeys {
    /// Says how many keys were replaced, never which.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let registry = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        write!(f, "WithheldKeys({} keys)", registry.keys.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_key_gets_the_same_neutral_key_in_every_file() {
        let keys = WithheldKeys::default();
        let register: Arc<str> = "padron.csv".into();
        let kitchens: Arc<str> = "comedores.csv".into();
        // The register is read first, as a worker may.
        let a = keys.neutral("juan lopez perez", &register).unwrap();
        assert!(a.first_in_file);
        assert!(
            !keys
                .neutral("JUAN  LOPEZ PEREZ", &register)
                .unwrap()
                .first_in_file
        );
        let b = keys.neutral("3 de mayo de 1987", &kitchens).unwrap();
        let c = keys.neutral("Juan López Pérez", &kitchens).unwrap();
        assert_eq!(
            keys.neutral("JUAN LOPEZ PEREZ", &kitchens).unwrap().key,
            a.key
        );
        assert_ne!(a.key, c.key, "accents make another key");
        assert!(keys.neutral("OAX-VC-001", &kitchens).is_none());
        assert!(!format!("{keys:?}").contains("LOPEZ"));

        // In file-name order the kitchens file comes first, and in it the
        // date, the accented name, then the plain name.
        let renumbered = keys.renumbering(&["comedores.csv", "padron.csv"]);
        assert_eq!(renumbered.get(&b.key), Some(&KitchenKey::withheld(1)));
        assert_eq!(renumbered.get(&c.key), Some(&KitchenKey::withheld(2)));
        assert_eq!(renumbered.get(&a.key), Some(&KitchenKey::withheld(3)));
        let in_order = keys.renumbering(&["padron.csv", "comedores.csv"]);
        assert!(in_order.is_empty(), "read in file order already");
    }
}
