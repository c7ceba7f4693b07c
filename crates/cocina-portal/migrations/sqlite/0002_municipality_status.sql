-- Why a kitchen has no municipality key, decided at ingest from the
-- validation report: 'unknown' when its name matches no municipality,
-- 'ambiguous' when several share it; NULL when the key is known or no name
-- was given. Pages read it instead of searching the findings.
ALTER TABLE kitchens ADD COLUMN municipality_status TEXT
    CHECK (municipality_status IN ('unknown', 'ambiguous'));

-- Searching by locality and listing a kitchen's history across deliveries.
CREATE INDEX kitchens_by_key ON kitchens (key);

-- The kitchen's name, municipality name and locality name folded (no
-- accents, lower case), one per line, for the search of kitchens.
ALTER TABLE kitchens ADD COLUMN search_folded TEXT NOT NULL DEFAULT '';
