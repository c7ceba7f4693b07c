//! Matching municipality names as spreadsheets write them.
//!
//! A name is compared in its *normal form*:
//!
//! 1. it is folded with [`cocina_model::text::fold`]: accents, case,
//!    punctuation and spacing do not count;
//! 2. abbreviated words are spelled out (`Sta.` → `santa`, `Sn.`/`S.` →
//!    `san`, `Stgo.` → `santiago`, `Ma.` → `maria`, `Cd.` → `ciudad`,
//!    `H.`/`Hca.` → `heroica`, see [`ABBREVIATIONS`]);
//! 3. a district marker (`Dto.`, `Distrito`, `Distrito de`) is dropped and
//!    a district number loses its leading zeros, so that CONAPO's
//!    `San Juan Mixtepec -Dto. 08` and DIGEPO's
//!    `San Juan Mixtepec Distrito 08` read the same;
//! 4. a leading `Municipio de` / `Mpio. de` and a trailing `Oax.` are
//!    dropped.
//!
//! The *core* of a normal form is what remains after the official titles
//! at its start: `Heroica`, `Heroico`, `Villa`, `Ciudad`, each optionally
//! followed by `de` (so `Heroica Ciudad de Huajuapan de León` has the core
//! `huajuapan de leon`). A name matches a municipality when its normal form
//! or its core equals the normal form or the core of one of the
//! municipality's names; titles are therefore optional in both directions.

use std::collections::HashMap;

use cocina_model::MunicipalityKey;
use cocina_model::text::fold;

/// Abbreviated words and the word each stands for, as folded text.
///
/// None of the abbreviations is a word of any official name in Oaxaca (a
/// test checks it), so expanding them never changes a correct name.
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("s", "san"),
    ("sn", "san"),
    ("sta", "santa"),
    ("sto", "santo"),
    ("stgo", "santiago"),
    ("sgo", "santiago"),
    ("sntgo", "santiago"),
    ("ma", "maria"),
    ("mria", "maria"),
    ("gpe", "guadalupe"),
    ("dgo", "domingo"),
    ("fco", "francisco"),
    ("gral", "general"),
    ("pto", "puerto"),
    ("nvo", "nuevo"),
    ("nal", "nacional"),
    ("cd", "ciudad"),
    ("vla", "villa"),
    ("h", "heroica"),
    ("hca", "heroica"),
    ("hta", "heroica"),
    ("hco", "heroico"),
];

/// Words that mark a district in a name (`-Dto. 08`, `Distrito 26`).
const DISTRICT_MARKERS: &[&str] = &["distrito", "dto", "dtto", "dist", "distr"];

/// Words that open an official title and may be left out.
const TITLES: &[&str] = &["heroica", "heroico", "villa", "ciudad"];

/// The outcome of matching a name against the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NameMatch {
    /// Exactly one municipality has this name.
    Found(MunicipalityKey),
    /// Several municipalities share this name, sorted by key. In Oaxaca
    /// this happens for San Juan Mixtepec (`208`, `209`) and San Pedro
    /// Mixtepec (`318`, `319`); the caller must ask which one is meant
    /// (for example by district) rather than pick one.
    Ambiguous(Vec<MunicipalityKey>),
    /// No municipality has this name.
    NotFound,
}

impl NameMatch {
    /// Returns the key when exactly one municipality matched.
    #[must_use]
    pub fn found(&self) -> Option<MunicipalityKey> {
        match self {
            NameMatch::Found(key) => Some(*key),
            NameMatch::Ambiguous(_) | NameMatch::NotFound => None,
        }
    }

    /// Builds the match from the keys an index entry holds.
    fn from_keys(keys: &[MunicipalityKey]) -> Self {
        match keys {
            [] => NameMatch::NotFound,
            [key] => NameMatch::Found(*key),
            many => NameMatch::Ambiguous(many.to_vec()),
        }
    }
}

/// Returns the normal form of a name: folded, abbreviations spelled out,
/// district markers and a leading `Municipio de` dropped (see the module
/// documentation).
///
/// ```
/// use cocina_geography::names::normal_form;
///
/// assert_eq!(normal_form("STA. MA. DEL TULE"), "santa maria del tule");
/// assert_eq!(normal_form("San Juan Mixtepec -Dto. 08"), "san juan mixtepec 8");
/// assert_eq!(normal_form("Mpio. de Sn. Pedro Pochutla, Oax."), "san pedro pochutla");
/// ```
#[must_use]
pub fn normal_form(name: &str) -> String {
    let folded = fold(name);
    let mut words: Vec<&str> = Vec::new();
    let mut after_marker = false;
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        if DISTRICT_MARKERS.contains(&word) {
            after_marker = true;
            continue;
        }
        // "Distrito de Juxtlahuaca": the "de" belongs to the marker.
        let marker_de = after_marker && matches!(word, "de" | "del");
        after_marker = false;
        if !marker_de {
            words.push(spell_out(word));
        }
    }
    trim_ends(&mut words);
    words.join(" ")
}

/// Returns folded text with every abbreviated word spelled out and every
/// number without its leading zeros, and nothing else changed: what a
/// search compares, so that `Sta. Ma.` finds `Santa María` and the other
/// way round, whichever way the agency or the reader wrote it.
///
/// ```
/// use cocina_geography::names::spelled_out;
///
/// assert_eq!(spelled_out("sta ma del tule"), "santa maria del tule");
/// assert_eq!(spelled_out("comedor 05 municipio de tlacolula"), "comedor 5 municipio de tlacolula");
/// ```
#[must_use]
pub fn spelled_out(folded: &str) -> String {
    let words: Vec<&str> = folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(spell_out)
        .collect();
    words.join(" ")
}

/// Returns the word an abbreviation stands for, or a number without its
/// leading zeros, or the word itself.
fn spell_out(word: &str) -> &str {
    if let Some((_, full)) = ABBREVIATIONS.iter().find(|(short, _)| *short == word) {
        return full;
    }
    if word.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = word.trim_start_matches('0');
        return if trimmed.is_empty() { "0" } else { trimmed };
    }
    word
}

/// Drops a leading `municipio de` and a trailing `oax`, which say where the
/// name is rather than what it is.
fn trim_ends(words: &mut Vec<&str>) {
    if words.len() > 1 && matches!(words[0], "municipio" | "mpio") {
        let skip = if matches!(words[1], "de" | "del") {
            2
        } else {
            1
        };
        words.drain(..skip.min(words.len() - 1));
    }
    if words.len() > 1 && words.last() == Some(&"oax") {
        words.pop();
    }
}

/// Returns the core of a normal form: the form without the official title
/// words at its start (see the module documentation). At least one word is
/// always kept.
///
/// ```
/// use cocina_geography::names::core_form;
///
/// assert_eq!(core_form("heroica ciudad de huajuapan de leon"), "huajuapan de leon");
/// assert_eq!(core_form("villa de etla"), "etla");
/// assert_eq!(core_form("santa maria del tule"), "santa maria del tule");
/// ```
#[must_use]
pub fn core_form(normal: &str) -> &str {
    let mut rest = normal;
    loop {
        let Some((first, tail)) = rest.split_once(' ') else {
            return rest;
        };
        if TITLES.contains(&first) || (first == "de" && rest.len() < normal.len()) {
            rest = tail;
        } else {
            return rest;
        }
    }
}

/// Names of every municipality, by normal form and by core, built once.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameIndex {
    keys: HashMap<String, Vec<MunicipalityKey>>,
}

impl NameIndex {
    /// Adds one name of a municipality, under its normal form and its core.
    pub(crate) fn insert(&mut self, name: &str, key: MunicipalityKey) {
        let normal = normal_form(name);
        if normal.is_empty() {
            return;
        }
        let core = core_form(&normal).to_owned();
        self.insert_form(core, key);
        self.insert_form(normal, key);
    }

    fn insert_form(&mut self, form: String, key: MunicipalityKey) {
        let keys = self.keys.entry(form).or_default();
        if let Err(at) = keys.binary_search(&key) {
            keys.insert(at, key);
        }
    }

    /// Looks a name up: its normal form first, then its core, then both
    /// again without a trailing `oaxaca`.
    pub(crate) fn lookup(&self, name: &str) -> NameMatch {
        let normal = normal_form(name);
        let found = self.lookup_normal(&normal);
        if found != NameMatch::NotFound {
            return found;
        }
        match normal.strip_suffix(" oaxaca") {
            Some(shorter) => self.lookup_normal(shorter),
            None => found,
        }
    }

    fn lookup_normal(&self, normal: &str) -> NameMatch {
        let keys = self
            .keys
            .get(normal)
            .or_else(|| self.keys.get(core_form(normal)));
        keys.map_or(NameMatch::NotFound, |keys| NameMatch::from_keys(keys))
    }

    /// Returns every indexed form that leads to more than one municipality.
    #[cfg(test)]
    pub(crate) fn shared_forms(&self) -> Vec<(&str, &[MunicipalityKey])> {
        let mut shared: Vec<_> = self
            .keys
            .iter()
            .filter(|(_, keys)| keys.len() > 1)
            .map(|(form, keys)| (form.as_str(), keys.as_slice()))
            .collect();
        shared.sort_unstable();
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(number: u32) -> MunicipalityKey {
        MunicipalityKey::from_number(number).unwrap()
    }

    #[test]
    fn abbreviations_are_spelled_out() {
        assert_eq!(normal_form("Sta. Ma. Huatulco"), "santa maria huatulco");
        assert_eq!(normal_form("S. Juan Bautista"), "san juan bautista");
        assert_eq!(
            normal_form("Stgo. Pinotepa Nal."),
            "santiago pinotepa nacional"
        );
        assert_eq!(
            normal_form("Sto. Dgo. Tehuantepec"),
            "santo domingo tehuantepec"
        );
        assert_eq!(
            normal_form("H. Cd. de Tlaxiaco"),
            "heroica ciudad de tlaxiaco"
        );
        assert_eq!(normal_form("Gpe. Etla"), "guadalupe etla");
        assert_eq!(normal_form("Sta. Mria. Tonameca"), "santa maria tonameca");
    }

    #[test]
    fn district_markers_and_zeros_are_dropped() {
        assert_eq!(
            normal_form("San Juan Mixtepec -Dto. 08"),
            "san juan mixtepec 8"
        );
        assert_eq!(
            normal_form("SAN JUAN MIXTEPEC DISTRITO 8"),
            "san juan mixtepec 8"
        );
        assert_eq!(
            normal_form("San Pedro Mixtepec, Distrito de Juquila"),
            "san pedro mixtepec juquila"
        );
    }

    #[test]
    fn location_words_are_dropped_but_never_the_whole_name() {
        assert_eq!(
            normal_form("Municipio de Santa Lucía del Camino"),
            "santa lucia del camino"
        );
        assert_eq!(normal_form("Zaachila, Oax."), "zaachila");
        assert_eq!(normal_form("Municipio"), "municipio");
        assert_eq!(normal_form("Oax."), "oax");
        assert_eq!(normal_form(" -- "), "");
    }

    #[test]
    fn core_drops_titles_only_at_the_start() {
        assert_eq!(
            core_form("heroica villa de san blas atempa"),
            "san blas atempa"
        );
        assert_eq!(
            core_form("heroico san martin de los cansecos"),
            "san martin de los cansecos"
        );
        assert_eq!(core_form("ciudad ixtepec"), "ixtepec");
        assert_eq!(core_form("villa hidalgo yalalag"), "hidalgo yalalag");
        assert_eq!(
            core_form("santiago villa de tututepec"),
            "santiago villa de tututepec"
        );
        assert_eq!(core_form("villa"), "villa");
        assert_eq!(core_form("de la cruz"), "de la cruz");
    }

    #[test]
    fn titles_are_optional_in_both_directions() {
        let mut index = NameIndex::default();
        index.insert("Heroica Ciudad de Huajuapan de León", key(39));
        index.insert("Santiago Chazumba", key(459));
        assert_eq!(index.lookup("HUAJUAPAN DE LEON"), NameMatch::Found(key(39)));
        assert_eq!(
            index.lookup("H. Cd. de Huajuapan de León"),
            NameMatch::Found(key(39))
        );
        assert_eq!(
            index.lookup("Villa de Santiago Chazumba"),
            NameMatch::Found(key(459))
        );
        assert_eq!(index.lookup("Huajuapan"), NameMatch::NotFound);
    }

    #[test]
    fn shared_names_are_ambiguous_and_sorted() {
        let mut index = NameIndex::default();
        index.insert("San Juan Mixtepec", key(209));
        index.insert("San Juan Mixtepec", key(208));
        index.insert("San Juan Mixtepec Distrito 08", key(208));
        assert_eq!(
            index.lookup("san juan mixtepec"),
            NameMatch::Ambiguous(vec![key(208), key(209)])
        );
        assert_eq!(
            index.lookup("San Juan Mixtepec -Dto. 08"),
            NameMatch::Found(key(208))
        );
        assert_eq!(index.shared_forms().len(), 1);
    }

    #[test]
    fn trailing_state_name_is_tried_without() {
        let mut index = NameIndex::default();
        index.insert("Santa Lucía del Camino", key(390));
        assert_eq!(
            index.lookup("Santa Lucia del Camino, Oaxaca"),
            NameMatch::Found(key(390))
        );
        assert_eq!(index.lookup(""), NameMatch::NotFound);
    }
}
