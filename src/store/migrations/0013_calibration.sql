-- Version 13: what promise calibration reads. A promise now records its kind
-- (a short tag such as 'entrega'), who set its date (the provider or the
-- client) and why each reschedule happened; all three live in the entry's
-- details, where a promise written before this version reads as "no kind, my
-- date, cause unknown". This table copies, for each promise in the timeline
-- whose date the provider set, the few facts the suggestion needs, so that a
-- suggestion reads a few hundred short rows instead of decoding every promise
-- of a long journal. Kept by every write of an entry (store::derived), filled
-- here from the promises already written.
CREATE TABLE calibration (
    entry_id   TEXT PRIMARY KEY NOT NULL,
    client_id  TEXT NOT NULL,
    -- The promise's kind as kept (trimmed, lower case); NULL for none.
    kind       TEXT,
    made_at    TEXT NOT NULL,
    -- The first due date, as the entry's details write it (a day, or an instant):
    -- either sorts by day, which is what "the latest promises" means.
    due        TEXT NOT NULL,
    -- The last date the client asked to move it to, and when.
    moved_at   TEXT,
    moved_due  TEXT,
    ended_at   TEXT,
    ended      TEXT CHECK (ended IN ('kept', 'broken', 'released'))
) STRICT;
CREATE INDEX calibration_by_client ON calibration (client_id, kind, due);
CREATE INDEX calibration_by_kind ON calibration (kind, due);
CREATE INDEX calibration_by_due ON calibration (due);
-- The promises still open, by first due date: those past it are read whatever their age.
CREATE INDEX calibration_open ON calibration (due) WHERE ended_at IS NULL;
