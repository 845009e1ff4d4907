-- Version 11: a client's messages found by the client. A client page's
-- timeline asks which of its entries came from mail, and purging a client
-- checks that no message still names it (the foreign key); without this
-- index both read every message of every client.
CREATE INDEX mail_messages_by_client ON mail_messages (client_id);
