-- The files of each delivery as listed in its manifest, with their
-- SHA-256 digest when known: the documents library.
CREATE TABLE documents (
    delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT,
    PRIMARY KEY (delivery_id, position)
);
