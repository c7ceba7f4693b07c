-- An area's total of beneficiaries is suppressed like any other figure:
-- a small total, or one that would give a suppressed figure away, is
-- stored without its value and with the reason. Totals stored before are
-- kept; those below their delivery's threshold are suppressed now.
ALTER TABLE beneficiary_totals ALTER COLUMN beneficiaries DROP NOT NULL;

ALTER TABLE beneficiary_totals
    ADD COLUMN suppression TEXT CHECK (suppression IN ('small_count', 'complementary'));

UPDATE beneficiary_totals t SET beneficiaries = NULL, suppression = 'small_count'
FROM deliveries d
WHERE d.id = t.delivery_id AND t.beneficiaries > 0
    AND t.beneficiaries < d.suppression_threshold;

ALTER TABLE beneficiary_totals
    ADD CHECK ((beneficiaries IS NULL) = (suppression IS NOT NULL));
