-- Version 14: two things a guided recovery needs.
--
-- A client may now carry the language drafts to it are written in and tú or
-- usted (`language`, `register` in the profile's JSON, absent for every client
-- written before). The version moves so that an older Trato, which refuses
-- fields it does not know in a profile, refuses the whole journal instead of
-- one client in it.
--
-- The moments gain 'outreach': each time the provider wrote to the client (an
-- interaction sent, a reply, a request done or declined), so that Today can
-- tell an incident nobody has contacted the client about ("contact the client
-- first") by reading a few rows. A CHECK can't be altered in SQLite: the table
-- is made again with its rows and indexes; the backfill adds the outreach.
CREATE TABLE moments_v14 (
    client_id TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('contact', 'feedback', 'lapse', 'outreach')),
    at        TEXT NOT NULL,
    entry_id  TEXT NOT NULL
) STRICT;
INSERT INTO moments_v14 (client_id, kind, at, entry_id) SELECT client_id, kind, at, entry_id FROM moments;
DROP TABLE moments;
ALTER TABLE moments_v14 RENAME TO moments;
CREATE INDEX moments_by_client ON moments (client_id, kind, at, entry_id);
CREATE INDEX moments_by_entry ON moments (entry_id);
CREATE INDEX moments_lapses ON moments (at, client_id, entry_id) WHERE kind = 'lapse';

-- Two thresholds changed meaning with this version: `incident_ack_hours` now
-- counts working hours (4 by default, "contact the client first") where it
-- counted hours of the clock (24), and `unhappy_follow_up_days` is 1 (a
-- detractor is contacted within a day) where it was 7. Settings are saved
-- whole, so a journal that saved any setting holds the old defaults as if
-- chosen: those take the new ones. A value the person chose is kept.
UPDATE settings SET value = json_set(value, '$.incident_ack_hours', 4.0)
 WHERE key = 'thresholds' AND json_extract(value, '$.incident_ack_hours') = 24;
UPDATE settings SET value = json_set(value, '$.unhappy_follow_up_days', 1.0)
 WHERE key = 'thresholds' AND json_extract(value, '$.unhappy_follow_up_days') = 7;
