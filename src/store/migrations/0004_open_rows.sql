-- Version 4: the rows still open, packed together for Today.
--
-- Today reads every matter still open. Through a key-only index those rows are
-- fetched one table page each, scattered over the whole history; a covering
-- index of only the open rows keeps them side by side, so the pass reads a few
-- hundred pages instead of ten thousand. Its condition is the literal value
-- `open_until` holds while a matter is open (store/derived.rs: STILL_OPEN).
CREATE INDEX entries_still_open
    ON entries (open_until, client_id, occurred_at, id, recorded_at, channel, summary, details, deleted_at)
    WHERE open_until = '9999-12-31T23:59:59.999Z' AND deleted_at IS NULL;

-- The other index on open_until now holds only closed matters, so that a
-- replay of the past finds those closed after its moment, and the planner
-- cannot take it for the open rows.
DROP INDEX entries_open_until;
CREATE INDEX entries_closed_until ON entries (open_until)
    WHERE open_until IS NOT NULL AND open_until <> '9999-12-31T23:59:59.999Z' AND deleted_at IS NULL;

-- Never read: the open rows are found by `open_until`.
DROP INDEX entries_open;

-- The other reads of Today, made covering so that they touch no table page:
-- a quiet client's latest contacts, the quiet clients themselves, and the
-- clients with a lapsed promise in the window (whose promises are then read
-- only for those that matter).
DROP INDEX moments_by_client;
CREATE INDEX moments_by_client ON moments (client_id, kind, at, entry_id);
DROP INDEX moments_lapses;
CREATE INDEX moments_lapses ON moments (at, client_id, entry_id) WHERE kind = 'lapse';
DROP INDEX clients_by_last_contact;
CREATE INDEX clients_by_last_contact ON clients (coalesce(last_contact_at, created_at), id)
    WHERE status = 'active' AND archived_at IS NULL AND deleted_at IS NULL;
DROP INDEX clients_by_last_feedback;
CREATE INDEX clients_by_last_feedback ON clients (coalesce(last_feedback_at, created_at), id)
    WHERE status = 'active' AND archived_at IS NULL AND deleted_at IS NULL;
