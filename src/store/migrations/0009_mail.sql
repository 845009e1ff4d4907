-- Version 9: client mail read from files: the user's own addresses, the domains
-- marked as a client's, every client message seen (once, whatever file or folder
-- it came from), and what each was proposed to become until the user reviews it.

-- The user's own addresses, case-folded: mail from one of them goes out.
CREATE TABLE mail_my_addresses (
    address TEXT PRIMARY KEY NOT NULL
) STRICT, WITHOUT ROWID;

-- A domain the user marked as one client's own (never a free-mail domain).
CREATE TABLE mail_client_domains (
    domain    TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients (id)
) STRICT, WITHOUT ROWID;

-- Every client message seen, by its Message-ID (or the id derived from its
-- headers): the same message from another folder or a second import is known.
-- `thread_id` is the id of the first message of its thread Trato saw;
-- `message` the message as read (headers, excerpt), as JSON.
CREATE TABLE mail_messages (
    message_id TEXT PRIMARY KEY NOT NULL,
    thread_id  TEXT NOT NULL,
    client_id  TEXT NOT NULL REFERENCES clients (id),
    direction  TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    at         TEXT NOT NULL,
    seen_at    TEXT NOT NULL,
    source     TEXT NOT NULL,
    message    TEXT NOT NULL CHECK (json_valid(message))
) STRICT;

CREATE INDEX mail_messages_by_thread ON mail_messages (thread_id, at);

-- What a message was proposed to become, and what the user made of it.
-- `request_id`: the request it made, followed up or answered once accepted, or
-- the one the user linked it to before.
CREATE TABLE mail_proposals (
    id             INTEGER PRIMARY KEY,
    message_id     TEXT NOT NULL UNIQUE REFERENCES mail_messages (message_id),
    kind           TEXT NOT NULL CHECK (kind IN ('request', 'follow_up', 'reply', 'interaction', 'availability')),
    status         TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'ignored')),
    request_id     TEXT REFERENCES entries (id),
    interaction_id TEXT REFERENCES entries (id),
    reviewed_at    TEXT
) STRICT;

CREATE INDEX mail_proposals_pending ON mail_proposals (id) WHERE status = 'pending';
