-- Version 7: contacts imports, so that one can be undone and a file imported
-- again adds nothing.

-- One row per committed import.
CREATE TABLE import_batches (
    id        TEXT PRIMARY KEY NOT NULL,
    at        TEXT NOT NULL,
    -- The files read, as [{"name": ..., "format": ...}].
    sources   TEXT NOT NULL CHECK (json_valid(sources)),
    undone_at TEXT
) STRICT;

-- What each record of a batch did: created a client, or merged into one. `changes`
-- holds exactly what a merge added (the fields it filled, the channels and tags
-- it added), which is what an undo takes away again. `fingerprint` names the
-- record as read, so that the same record in a later import is known.
CREATE TABLE import_effects (
    batch_id    TEXT NOT NULL REFERENCES import_batches (id),
    seq         INTEGER NOT NULL,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    action      TEXT NOT NULL CHECK (action IN ('created', 'merged')),
    changes     TEXT NOT NULL CHECK (json_valid(changes)),
    fingerprint TEXT NOT NULL,
    PRIMARY KEY (batch_id, seq)
) STRICT, WITHOUT ROWID;

CREATE INDEX import_effects_by_fingerprint ON import_effects (fingerprint);
