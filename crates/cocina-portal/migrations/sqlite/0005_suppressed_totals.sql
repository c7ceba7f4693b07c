-- An area's total of beneficiaries is suppressed like any other figure:
-- a small total, or one that would give a suppressed figure away, is
-- stored without its value and with the reason. Totals stored before are
-- kept; those below their delivery's threshold are suppressed now.
CREATE TABLE beneficiary_totals_suppressed (
    delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    level TEXT NOT NULL CHECK (level IN ('state', 'municipality', 'kitchen')),
    area_key TEXT,
    -- NULL when suppressed.
    beneficiaries INTEGER CHECK (beneficiaries >= 0),
    suppression TEXT CHECK (suppression IN ('small_count', 'complementary')),
    CHECK ((beneficiaries IS NULL) = (suppression IS NOT NULL))
);

INSERT INTO beneficiary_totals_suppressed
SELECT t.delivery_id, t.level, t.area_key,
    CASE WHEN t.beneficiaries > 0 AND t.beneficiaries < d.suppression_threshold
        THEN NULL ELSE t.beneficiaries END,
    CASE WHEN t.beneficiaries > 0 AND t.beneficiaries < d.suppression_threshold
        THEN 'small_count' END
FROM beneficiary_totals t JOIN deliveries d ON d.id = t.delivery_id;

DROP TABLE beneficiary_totals;

ALTER TABLE beneficiary_totals_suppressed RENAME TO beneficiary_totals;

CREATE INDEX beneficiary_totals_by_area ON beneficiary_totals (delivery_id, level, area_key);
