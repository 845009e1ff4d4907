-- Version 6: the reminders already delivered, and those snoozed.
--
-- A reminder is about one state of one open matter (a promise due soon, the
-- same promise overdue, a request's answer-by clock passed…), named by its key:
-- `kind/entry/about[/repeat]` (src/reminders/key.rs). Once a key has a row here
-- it is not delivered again, whatever restarts or clock ticks follow; a
-- snooze re-arms it for one more delivery when it ends.

-- One row per delivery. `round` is '' for a key's first delivery and the end of
-- the snooze for a delivery after one, so that two processes delivering the
-- same thing at once collide on the primary key and only one of them records it.
CREATE TABLE reminders_sent (
    key       TEXT NOT NULL,
    round     TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('promise_due_soon', 'promise_overdue', 'request_answer_soon', 'request_unanswered', 'incident_unacknowledged')),
    entry_id  TEXT NOT NULL,
    client_id TEXT NOT NULL,
    -- The moment the state is about (a due moment, an answer-by, when acknowledgement was due).
    about     TEXT NOT NULL,
    sent_at   TEXT NOT NULL,
    -- 1 when it went out within a digest rather than on its own.
    in_digest INTEGER NOT NULL CHECK (in_digest IN (0, 1)),
    -- The words shown, as they were then (names and dates change later).
    title     TEXT NOT NULL,
    body      TEXT NOT NULL,
    PRIMARY KEY (key, round)
) STRICT, WITHOUT ROWID;

-- The policy reads the deliveries of each open matter; the history, the latest ones.
CREATE INDEX reminders_sent_by_entry ON reminders_sent (entry_id);
CREATE INDEX reminders_sent_by_time ON reminders_sent (sent_at);

-- The latest snooze of each key: until when it waits, and when that was asked.
CREATE TABLE reminder_snoozes (
    key        TEXT PRIMARY KEY NOT NULL,
    entry_id   TEXT NOT NULL,
    until      TEXT NOT NULL,
    snoozed_at TEXT NOT NULL
) STRICT;
CREATE INDEX reminder_snoozes_by_entry ON reminder_snoozes (entry_id);
