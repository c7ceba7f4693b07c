//! Deliveries as the importers give them, encoded for counting.

use cocina_geography::reference::Reference;
use cocina_model::{Beneficiary, BeneficiaryCount};

use crate::cube::{Counts, Plan};
use crate::universe::{KitchenEntry, Record, Universe};

/// One delivery's data, borrowed from the importer's output.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The delivery's name in the `delivery` dimension.
    pub name: &'a str,
    /// Its kitchens list.
    pub kitchens: &'a [KitchenEntry],
    /// Its register, one record per person.
    pub beneficiaries: &'a [Beneficiary],
    /// Its count tables.
    pub counts: &'a [BeneficiaryCount],
}

/// Every delivery's people and kitchens as codes.
#[derive(Debug, Clone)]
pub struct Encoded {
    /// The dictionaries.
    pub universe: Universe,
    /// One record per person.
    pub records: Vec<Record>,
    /// Rows of count tables with their counts.
    pub weighted: Vec<(Record, u64)>,
    /// Per delivery, the indices of the kitchens it lists (once each).
    pub kitchens: Vec<Vec<u32>>,
}

impl Encoded {
    /// Encodes `sources`; kitchens listed by several deliveries take their
    /// first listing's place and status. Past 256 deliveries the rest count
    /// as the last one.
    #[must_use]
    pub fn new(sources: &[Source<'_>], reference: Option<&Reference>) -> Self {
        let all: Vec<&KitchenEntry> = sources.iter().flat_map(|s| s.kitchens).collect();
        let names = sources.iter().map(|s| s.name.to_owned()).collect();
        let mut universe =
            Universe::from_entries(all.into_iter(), reference).with_deliveries(names);
        let mut encoded = Self {
            records: Vec::with_capacity(sources.iter().map(|s| s.beneficiaries.len()).sum()),
            weighted: Vec::new(),
            kitchens: Vec::with_capacity(sources.len()),
            universe: Universe::new(&[], None),
        };
        for (delivery, source) in sources.iter().enumerate() {
            let delivery = delivery.min(255) as u8;
            for person in source.beneficiaries {
                encoded.records.push(universe.encode(person, delivery));
            }
            for row in source.counts {
                encoded.weighted.push(universe.encode_count(row, delivery));
            }
            let mut listed: Vec<u32> = source
                .kitchens
                .iter()
                .map(|k| universe.kitchen_code(&k.key))
                .collect();
            listed.sort_unstable();
            listed.dedup();
            encoded.kitchens.push(listed);
        }
        encoded.universe = universe;
        encoded
    }

    /// Counts people from registers and count tables alike.
    #[must_use]
    pub fn count(&self, plan: &Plan) -> Counts {
        let mut counts = plan.count(&self.records);
        plan.add_weighted(&mut counts, &self.weighted);
        counts
    }

    /// Counts kitchens, each once per delivery that lists it.
    #[must_use]
    pub fn count_kitchens(&self, plan: &Plan) -> Counts {
        plan.count_kitchens(&self.universe, &self.kitchens)
    }
}
