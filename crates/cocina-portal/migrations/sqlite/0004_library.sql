-- The documents library and the data pages of each delivery.

-- Each file's size and the requested item it answers; its SHA-256 is now
-- computed from its bytes at load, not only taken from the manifest.
ALTER TABLE documents ADD COLUMN bytes BIGINT;
ALTER TABLE documents ADD COLUMN answers TEXT;

-- What the transparency request asked for and whether it came; `files`
-- holds the names of the files that answer it, one per line.
CREATE TABLE requested_items (
    delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    description TEXT NOT NULL,
    received BIGINT NOT NULL CHECK (received IN (0, 1)),
    files TEXT NOT NULL,
    PRIMARY KEY (delivery_id, position)
);

-- The open-data package of each delivery, as written by the publication
-- crate at load: the same bytes `cocina publish` puts in `datos/`.
CREATE TABLE package_files (
    delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    file TEXT NOT NULL,
    format TEXT NOT NULL,
    contents_es TEXT NOT NULL,
    contents_en TEXT NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (delivery_id, position)
);

CREATE INDEX package_files_by_name ON package_files (delivery_id, file);
