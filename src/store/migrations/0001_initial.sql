-- Version 1: clients, timeline entries, the history of every change, settings.
-- Instants are UTC text in a fixed width (2026-03-02T09:00:00.000Z) so that they sort as time.

CREATE TABLE clients (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('prospect', 'active', 'paused', 'former')),
    created_at  TEXT NOT NULL,
    archived_at TEXT,
    deleted_at  TEXT,
    -- The whole profile in the domain's JSON form; the columns above are copies kept for lookups.
    profile     TEXT NOT NULL CHECK (json_valid(profile))
) STRICT;

CREATE INDEX clients_by_name ON clients (name COLLATE NOCASE);

CREATE TABLE entries (
    id          TEXT PRIMARY KEY NOT NULL,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    kind        TEXT NOT NULL CHECK (kind IN ('interaction', 'request', 'promise', 'incident', 'feedback', 'note')),
    occurred_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    channel     TEXT NOT NULL,
    summary     TEXT NOT NULL,
    -- 'open' while something is owed or pending; the other lifecycle states by name; NULL for kinds without one.
    status      TEXT,
    details     TEXT NOT NULL CHECK (json_valid(details)),
    deleted_at  TEXT
) STRICT;

CREATE INDEX entries_by_client_time ON entries (client_id, occurred_at);
-- Open matters are few among many: the signal pass reads them through this index, not the history.
CREATE INDEX entries_open ON entries (client_id, kind) WHERE status = 'open' AND deleted_at IS NULL;

-- Every change to a client or an entry, with the whole item as it was after the change.
CREATE TABLE history (
    item_id  TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    at       TEXT NOT NULL,
    action   TEXT NOT NULL,
    snapshot TEXT NOT NULL CHECK (json_valid(snapshot)),
    PRIMARY KEY (item_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;
