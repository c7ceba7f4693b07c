//! Public pages of Cocina Abierta (Spanish and English) and the server-side SVG map.
