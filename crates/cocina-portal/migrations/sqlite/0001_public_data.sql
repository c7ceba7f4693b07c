-- The portal's database holds public data only. No table has a column for a
-- person's name, CURP, birth date, address or phone, nor for the address of
-- a kitchen's premises: what the agency's files say about people reaches
-- this database only as counts, after suppression.

-- One load of one delivery. Loading the same delivery again replaces it.
CREATE TABLE deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    -- ISO 8601 date the delivery was received.
    received TEXT,
    -- Folio of the transparency request it answers.
    request TEXT,
    -- Counts below this were suppressed.
    suppression_threshold INTEGER NOT NULL CHECK (suppression_threshold >= 0),
    -- Order of loading: the portal shows the delivery loaded last.
    load_order INTEGER NOT NULL
);

-- Kitchens as listed in the delivery; a key listed twice keeps its first
-- listing (validation reports the repeat).
CREATE TABLE kitchens (
    delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    -- The name folded (no accents, lower case) for searching.
    name_folded TEXT NOT NULL,
    -- INEGI municipality key, three digits, when known.
    municipality_key TEXT,
    -- The official name when the key is known, otherwise as written.
    municipality_name TEXT,
    locality_key TEXT,
    locality_name TEXT,
    status TEXT NOT NULL CHECK (status IN ('operating', 'suspended', 'closed')),
    -- WGS84 degrees, only when the point is inside the state and inside
    -- the stated municipality; both NULL otherwise.
    longitude REAL,
    latitude REAL,
    capacity INTEGER CHECK (capacity >= 0),
    opened TEXT,
    closed TEXT,
    PRIMARY KEY (delivery_id, key),
    CHECK ((longitude IS NULL) = (latitude IS NULL))
);

CREATE INDEX kitchens_by_municipality ON kitchens (delivery_id, municipality_key);

-- Beneficiaries by area, sex and age group, as published after primary and
-- complementary suppression. `area_key` is NULL for the state at level
-- 'state', and for people whose municipality or kitchen is unknown at the
-- other levels.
CREATE TABLE beneficiary_cells (
    delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    level TEXT NOT NULL CHECK (level IN ('state', 'municipality', 'kitchen')),
    area_key TEXT,
    -- 'female', 'male', 'non_binary', or NULL when not recorded.
    sex TEXT,
    -- '0-5', '60+', 'unknown'.
    age_group TEXT NOT NULL,
    -- NULL when suppressed.
    value INTEGER CHECK (value >= 0),
    suppression TEXT CHECK (suppression IN ('small_count', 'complementary')),
    CHECK ((value IS NULL) = (suppression IS NOT NULL))
);

CREATE INDEX beneficiary_cells_by_area ON beneficiary_cells (delivery_id, level, area_key);

-- Each area's total of beneficiaries, always published.
CREATE TABLE beneficiary_totals (
    delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    level TEXT NOT NULL CHECK (level IN ('state', 'municipality', 'kitchen')),
    area_key TEXT,
    beneficiaries INTEGER NOT NULL CHECK (beneficiaries >= 0)
);

CREATE INDEX beneficiary_totals_by_area ON beneficiary_totals (delivery_id, level, area_key);

-- Kitchens by status per area, at the state and municipality levels.
CREATE TABLE kitchen_status_counts (
    delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    level TEXT NOT NULL CHECK (level IN ('state', 'municipality')),
    area_key TEXT,
    status TEXT NOT NULL CHECK (status IN ('operating', 'suspended', 'closed')),
    kitchens INTEGER NOT NULL CHECK (kitchens >= 0)
);

-- Validation findings, with where they are and their messages. Messages
-- never quote a personal value.
CREATE TABLE findings (
    delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'notice')),
    file TEXT,
    sheet TEXT,
    -- A1 reference of the cell, when the finding is about one cell.
    cell TEXT,
    row_number INTEGER,
    kitchen_key TEXT,
    message_es TEXT NOT NULL,
    message_en TEXT NOT NULL,
    PRIMARY KEY (delivery_id, position)
);
