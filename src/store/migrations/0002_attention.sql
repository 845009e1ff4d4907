-- Version 2: what the signal pass reads without scanning the history.

-- Until when an entry was an open matter: NULL for kinds without a lifecycle,
-- '9999-…' while open, else when it closed. Today reads the rows still open at
-- its moment through this index: as many as there are open matters, however long the history.
ALTER TABLE entries ADD COLUMN open_until TEXT;
CREATE INDEX entries_open_until ON entries (open_until) WHERE open_until IS NOT NULL AND deleted_at IS NULL;

-- Moments derived from each entry not in the trash: contacts with the client,
-- feedback given, and promises that may have lapsed (broken, or kept after their due day).
CREATE TABLE moments (
    client_id TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('contact', 'feedback', 'lapse')),
    at        TEXT NOT NULL,
    entry_id  TEXT NOT NULL
) STRICT;
CREATE INDEX moments_by_client ON moments (client_id, kind, at);
CREATE INDEX moments_by_entry ON moments (entry_id);

-- Each client's latest contact and feedback, kept with every write, so that
-- finding the quiet clients reads only them.
ALTER TABLE clients ADD COLUMN last_contact_at TEXT;
ALTER TABLE clients ADD COLUMN last_contact_entry TEXT;
ALTER TABLE clients ADD COLUMN last_feedback_at TEXT;
ALTER TABLE clients ADD COLUMN last_feedback_entry TEXT;
CREATE INDEX clients_by_last_contact ON clients (coalesce(last_contact_at, created_at))
    WHERE status = 'active' AND archived_at IS NULL AND deleted_at IS NULL;
CREATE INDEX clients_by_last_feedback ON clients (coalesce(last_feedback_at, created_at))
    WHERE status = 'active' AND archived_at IS NULL AND deleted_at IS NULL;
