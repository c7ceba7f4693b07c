//! Alphabetical order of place names as a Spanish reader expects it.

use cocina_model::MunicipalityKey;

/// Returns the items in Spanish alphabetical order of the names `name`
/// gives, ties broken by key.
pub(crate) fn by_name<T>(items: &[T], name: impl Fn(&T) -> (&String, MunicipalityKey)) -> Vec<&T> {
    let mut sorted: Vec<(Vec<u32>, MunicipalityKey, &T)> = items
        .iter()
        .map(|item| {
            let (text, key) = name(item);
            (sort_key(text), key, item)
        })
        .collect();
    sorted.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    sorted.into_iter().map(|(_, _, item)| item).collect()
}

/// Returns a key that sorts names in Spanish dictionary order: case and
/// accents do not count, `ñ` is a letter of its own after `n`, and the
/// space between words comes before any letter, so that "San Juan" sorts
/// before "Santa Ana" and "Santiago". Punctuation counts as a space.
///
/// Letters are weighed by their code doubled, which leaves an odd weight
/// free between `n` and `o` for `ñ`.
fn sort_key(name: &str) -> Vec<u32> {
    const GAP: u32 = 1;
    const ENYE: u32 = 'n' as u32 * 2 + 1;
    let mut key = Vec::with_capacity(name.len());
    let mut gap = false;
    let mut buffer = [0; 4];
    for c in name.chars() {
        // A combining accent (text not in composed form) does not count.
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        let weights: Vec<u32> = if matches!(c, 'ñ' | 'Ñ') {
            vec![ENYE]
        } else {
            let folded = cocina_model::text::fold(c.encode_utf8(&mut buffer));
            folded.chars().map(|f| u32::from(f) * 2).collect()
        };
        if weights.is_empty() {
            gap = true;
            continue;
        }
        if gap && !key.is_empty() {
            key.push(GAP);
        }
        gap = false;
        key.extend(weights);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let items: Vec<(String, MunicipalityKey)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let key = MunicipalityKey::from_number(u32::try_from(i).unwrap() + 1).unwrap();
                ((*n).to_owned(), key)
            })
            .collect();
        by_name(&items, |(name, key)| (name, *key))
            .into_iter()
            .map(|(name, _)| name.clone())
            .collect()
    }

    #[test]
    fn accents_and_case_do_not_count_and_enye_follows_n() {
        assert_eq!(
            sorted(&[
                "Santiago Nuyoó",
                "ÁNIMAS TRUJANO",
                "San Juan Ñumí",
                "Santa Ana",
                "abejones",
                "San Juan Nuevo",
                "Santo Domingo",
                "San Juan Óscar",
                "Ánimas Trujano",
            ]),
            [
                "abejones",
                "ÁNIMAS TRUJANO",
                "Ánimas Trujano",
                "San Juan Nuevo",
                "San Juan Ñumí",
                "San Juan Óscar",
                "Santa Ana",
                "Santiago Nuyoó",
                "Santo Domingo",
            ]
        );
    }

    #[test]
    fn punctuation_counts_as_the_space_between_words() {
        assert_eq!(
            sort_key("Villa de Tututepec"),
            sort_key("villa-de  Tututepec")
        );
        assert!(sort_key("San Pedro") < sort_key("Sanaa"));
    }
}
