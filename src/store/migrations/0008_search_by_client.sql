-- Version 8: an entry is found by its client's words too, so that
-- "panaderia menu" finds the menu entries of Panadería Sol.
--
-- Each entry's document gets a second column, `client_text`: its client's name
-- and organisation (store/search.rs keeps it in step when the client is renamed).
-- The index is made again over both columns; a query's words may then match
-- either, and store/search.rs asks that at least one be the entry's own.

DROP TRIGGER search_docs_inserted;
DROP TRIGGER search_docs_deleted;
DROP TRIGGER search_docs_rewritten;
DROP TABLE search;

ALTER TABLE search_docs ADD COLUMN client_text TEXT NOT NULL DEFAULT '';

-- The same line store/search.rs writes: the name, then " · " and the organisation.
UPDATE search_docs
   SET client_text = (SELECT c.name || coalesce(' · ' || json_extract(c.profile, '$.organisation'), '')
                        FROM clients c WHERE c.id = search_docs.client_id)
 WHERE kind = 'entry';

-- A client's rename rewrites its entries' documents: found through this index.
CREATE INDEX search_docs_by_client ON search_docs (client_id, kind);

CREATE VIRTUAL TABLE search USING fts5(
    text,
    client_text,
    content = 'search_docs',
    content_rowid = 'doc',
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO search (search) VALUES ('rebuild');

CREATE TRIGGER search_docs_inserted AFTER INSERT ON search_docs BEGIN
    INSERT INTO search (rowid, text, client_text) VALUES (new.doc, new.text, new.client_text);
END;

-- An external-content index forgets a document only when told the exact text it indexed.
CREATE TRIGGER search_docs_deleted AFTER DELETE ON search_docs BEGIN
    INSERT INTO search (search, rowid, text, client_text) VALUES ('delete', old.doc, old.text, old.client_text);
END;

CREATE TRIGGER search_docs_rewritten AFTER UPDATE OF text, client_text ON search_docs BEGIN
    INSERT INTO search (search, rowid, text, client_text) VALUES ('delete', old.doc, old.text, old.client_text);
    INSERT INTO search (rowid, text, client_text) VALUES (new.doc, new.text, new.client_text);
END;
