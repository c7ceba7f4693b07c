//! Deterministic generator of the example delivery and of large synthetic deliveries (test support, not published).
