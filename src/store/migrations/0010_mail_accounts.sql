-- Version 10: IMAP accounts read for client mail. No secret is kept here: the
-- password lives in the system's keychain or is asked each time.

-- An account by the user's name for it. `folders`: a JSON array of folder
-- names; empty, the inbox and the folder the server marks as Sent.
-- `last_outcome`: `ok`, or the refusal code the last sync met.
CREATE TABLE mail_accounts (
    name         TEXT PRIMARY KEY NOT NULL,
    host         TEXT NOT NULL,
    port         INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    security     TEXT NOT NULL CHECK (security IN ('tls', 'starttls', 'plain')),
    login        TEXT NOT NULL,
    folders      TEXT NOT NULL CHECK (json_valid(folders)),
    created_at   TEXT NOT NULL,
    last_sync_at TEXT,
    last_outcome TEXT
) STRICT, WITHOUT ROWID;

-- Where a folder's sync stands: the UIDVALIDITY its UIDs belong to, and the
-- highest UID below which every message has been committed.
CREATE TABLE mail_folders (
    account      TEXT NOT NULL REFERENCES mail_accounts (name) ON DELETE CASCADE,
    folder       TEXT NOT NULL,
    uid_validity INTEGER NOT NULL,
    last_uid     INTEGER NOT NULL,
    PRIMARY KEY (account, folder)
) STRICT, WITHOUT ROWID;

-- Every UID of a folder already read (client mail or not; of a message that
-- is no client's, only this number is kept): a re-list of recent UIDs finds
-- any that a sync skipped, below the cursor or not.
CREATE TABLE mail_uids (
    account TEXT NOT NULL,
    folder  TEXT NOT NULL,
    uid     INTEGER NOT NULL,
    PRIMARY KEY (account, folder, uid),
    FOREIGN KEY (account, folder) REFERENCES mail_folders (account, folder) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- The clients whose mail proposals a sync accepts by itself, without review
-- (the per-client "automatic" setting). Absent: proposals await review.
CREATE TABLE mail_auto_clients (
    client_id TEXT PRIMARY KEY NOT NULL REFERENCES clients (id)
) STRICT, WITHOUT ROWID;
