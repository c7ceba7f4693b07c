//! Oaxaca's municipalities: keys, names, boundaries, name matching and point checks.
