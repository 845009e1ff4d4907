-- Version 5: full-text search over clients and entries.
--
-- One document per client and per entry not in the trash: the words the user
-- wrote about it (store/search.rs decides which fields). The documents are an
-- ordinary table so that a write finds its own by id through an index; the
-- FTS5 table indexes their text without a second copy of it, and the triggers
-- below keep the two in step, whoever writes the documents.
CREATE TABLE search_docs (
    -- Explicit so that VACUUM keeps it: it is the FTS5 index's key.
    doc       INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('client', 'entry')),
    owner_id  TEXT NOT NULL,
    client_id TEXT NOT NULL,
    text      TEXT NOT NULL,
    UNIQUE (owner_id, kind)
) STRICT;

-- remove_diacritics 2: "panaderia" finds "Panadería", whatever the accents.
CREATE VIRTUAL TABLE search USING fts5(
    text,
    content = 'search_docs',
    content_rowid = 'doc',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER search_docs_inserted AFTER INSERT ON search_docs BEGIN
    INSERT INTO search (rowid, text) VALUES (new.doc, new.text);
END;

-- An external-content index forgets a document only when told the exact text it indexed.
CREATE TRIGGER search_docs_deleted AFTER DELETE ON search_docs BEGIN
    INSERT INTO search (search, rowid, text) VALUES ('delete', old.doc, old.text);
END;

CREATE TRIGGER search_docs_rewritten AFTER UPDATE OF text ON search_docs BEGIN
    INSERT INTO search (search, rowid, text) VALUES ('delete', old.doc, old.text);
    INSERT INTO search (rowid, text) VALUES (new.doc, new.text);
END;
