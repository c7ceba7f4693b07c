//! Beneficiary and kitchen counts by geography, sex and age group, with disclosure control.
